// Reading a large input a window at a time, each window ending at a paragraph break, so a long text
// streams through the pipeline with bounded memory.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace winnow::input {

// Reads up to `capacity` bytes into `buffer`, returning how many (0 at the end); throws on failure.
using ReadBytes = std::function<std::size_t(char* buffer, std::size_t capacity)>;

class TextWindows {
public:
    explicit TextWindows(ReadBytes read, std::size_t window_bytes = std::size_t{4} << 20);

    // Moves the next window into `window`: about window_bytes, cut after a blank line (else after a
    // line end, else at a UTF-8 boundary when one line is longer than 16 windows). Returns false at
    // the end of input. Throws what the reader throws.
    bool next(std::string& window);

    // True once every byte of the input has been handed out.
    bool exhausted() const { return eof_ && buffer_.empty(); }

    // Reads everything that is left and appends it to `out` (to fall back to whole-document mode).
    void read_rest(std::string& out);

private:
    void fill(std::size_t want);

    ReadBytes read_;
    bool eof_ = false;
    std::size_t window_bytes_;
    std::string buffer_;
};

}  // namespace winnow::input
