// Reading a large input a window at a time, each window ending at a paragraph break, so a long text
// streams through the pipeline with bounded memory.
#pragma once

#include <cstddef>
#include <string>

namespace winnow {

class TextWindows {
public:
    // Opens path ("-" = standard input). Throws InputError naming it.
    explicit TextWindows(const std::string& path, std::size_t window_bytes = std::size_t{4} << 20);
    ~TextWindows();
    TextWindows(const TextWindows&) = delete;
    TextWindows& operator=(const TextWindows&) = delete;

    // Moves the next window into `window`: about window_bytes, cut after a blank line (else after a
    // line end, else at a UTF-8 boundary when one line is longer than 16 windows). Returns false at
    // the end of input. Throws InputError.
    bool next(std::string& window);

    // True once every byte of the input has been handed out.
    bool exhausted() const { return eof_ && buffer_.empty(); }

    // Reads everything that is left and appends it to `out` (to fall back to whole-document mode).
    void read_rest(std::string& out);

private:
    void fill(std::size_t want);

    std::string name_;
    int fd_ = -1;
    bool eof_ = false;
    std::size_t window_bytes_;
    std::string buffer_;
};

}  // namespace winnow
