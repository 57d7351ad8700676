// File and standard-input reads with POSIX calls: no stdio buffering, no per-line work.
#include "input/file_source.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "winnow/types.h"

namespace winnow::input {

std::string display_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

FileSource::FileSource(const std::string& path) : name_(display_name(path)) {
    fd_ = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw Error(Error::Kind::Unreadable, name_, std::strerror(errno));
    struct stat info {};
    if (::fstat(fd_, &info) != 0 || S_ISDIR(info.st_mode)) {
        const int saved = errno;
        const bool directory = S_ISDIR(info.st_mode);
        if (fd_ > 2) ::close(fd_);
        fd_ = -1;
        if (directory) throw Error(Error::Kind::Unreadable, name_, "is a directory (give files, or use a shell glob)");
        throw Error(Error::Kind::Unreadable, name_, std::strerror(saved));
    }
}

FileSource::~FileSource() {
    if (fd_ > 2) ::close(fd_);
}

std::size_t FileSource::read(char* buffer, std::size_t capacity) {
    for (;;) {
        const ssize_t got = ::read(fd_, buffer, capacity);
        if (got >= 0) return static_cast<std::size_t>(got);
        if (errno != EINTR) throw Error(Error::Kind::Unreadable, name_, std::strerror(errno));
    }
}

std::string read_whole_file(const std::string& path) {
    FileSource source(path);
    std::string bytes(std::size_t{1} << 16, '\0');
    std::size_t used = 0;
    for (;;) {
        if (used == bytes.size()) bytes.resize(bytes.size() * 2);
        const std::size_t got = source.read(bytes.data() + used, bytes.size() - used);
        if (got == 0) break;
        used += got;
    }
    bytes.resize(used);
    bytes.shrink_to_fit();  // the doubling may have left (and zero-filled) up to twice the file
    return bytes;
}

}  // namespace winnow::input
