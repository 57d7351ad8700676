// Whole-document reads with POSIX calls: one buffer, grown geometrically, no per-line work.
#include "input/read.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace winnow {
namespace {

class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ > 2) ::close(fd_);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

}  // namespace

std::string display_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

std::string read_input(const std::string& path) {
    const std::string name = display_name(path);
    const int raw = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (raw < 0) throw InputError(name + ": " + std::strerror(errno));
    FileDescriptor fd(raw);

    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) throw InputError(name + ": " + std::strerror(errno));
    if (S_ISDIR(info.st_mode)) throw InputError(name + ": is a directory (give files, or use a shell glob)");

    std::string bytes;
    std::size_t capacity = S_ISREG(info.st_mode) && info.st_size > 0 ? static_cast<std::size_t>(info.st_size) + 1
                                                                      : std::size_t{1} << 16;
    bytes.resize(capacity);
    std::size_t used = 0;
    for (;;) {
        if (used == bytes.size()) bytes.resize(bytes.size() * 2);
        const ssize_t got = ::read(fd.get(), bytes.data() + used, bytes.size() - used);
        if (got == 0) break;
        if (got < 0) {
            if (errno == EINTR) continue;
            throw InputError(name + ": " + std::strerror(errno));
        }
        used += static_cast<std::size_t>(got);
    }
    bytes.resize(used);
    return bytes;
}

}  // namespace winnow
