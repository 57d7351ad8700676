// Reading one input, a file or standard input ("-"), in chunks with POSIX calls.
#pragma once

#include <cstddef>
#include <string>

namespace winnow::input {

// How an input is named in messages and JSON: "-" is shown as "<stdin>".
std::string display_name(const std::string& path);

class FileSource {
public:
    // Opens path ("-" = standard input). Throws Error(Unreadable) naming it, for a directory too.
    explicit FileSource(const std::string& path);
    ~FileSource();
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;

    // Reads up to capacity bytes; 0 at the end. Throws Error(Unreadable) naming the input.
    std::size_t read(char* buffer, std::size_t capacity);

    const std::string& name() const { return name_; }

private:
    std::string name_;
    int fd_ = -1;
};

// Every byte of path ("-" = standard input). Throws Error(Unreadable).
std::string read_whole_file(const std::string& path);

}  // namespace winnow::input
