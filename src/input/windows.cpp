// Windowed reading of a large text input, cut at paragraph breaks.
#include "input/windows.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/read.h"

namespace winnow {

TextWindows::TextWindows(const std::string& path, std::size_t window_bytes)
    : name_(display_name(path)), window_bytes_(window_bytes) {
    fd_ = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw InputError(name_ + ": " + std::strerror(errno));
    struct stat info {};
    if (::fstat(fd_, &info) != 0 || S_ISDIR(info.st_mode)) {
        const int saved = errno;
        if (fd_ > 2) ::close(fd_);
        fd_ = -1;
        if (S_ISDIR(info.st_mode)) throw InputError(name_ + ": is a directory (give files, or use a shell glob)");
        throw InputError(name_ + ": " + std::strerror(saved));
    }
}

TextWindows::~TextWindows() {
    if (fd_ > 2) ::close(fd_);
}

void TextWindows::fill(std::size_t want) {
    while (!eof_ && buffer_.size() < want) {
        const std::size_t used = buffer_.size();
        // Grow geometrically: `want` may be "everything".
        buffer_.resize(used + std::max<std::size_t>(std::size_t{1} << 16, std::min(want - used, used)));
        const ssize_t got = ::read(fd_, buffer_.data() + used, buffer_.size() - used);
        if (got < 0) {
            buffer_.resize(used);
            if (errno == EINTR) continue;
            throw InputError(name_ + ": " + std::strerror(errno));
        }
        buffer_.resize(used + static_cast<std::size_t>(got));
        if (got == 0) eof_ = true;
    }
}

bool TextWindows::next(std::string& window) {
    fill(window_bytes_ + 1);
    if (buffer_.empty()) return false;
    std::size_t cut = buffer_.size();
    if (!eof_ || buffer_.size() > window_bytes_) {
        // Prefer a blank line in the second half of the window, then any line end, then (for a
        // single enormous line) read on up to 16 windows before cutting at a character boundary.
        std::size_t limit = window_bytes_;
        for (;;) {
            const std::string_view view(buffer_.data(), std::min(limit, buffer_.size()));
            std::size_t blank = view.rfind("\n\n");
            if (blank != std::string_view::npos && blank >= view.size() / 2) {
                cut = blank + 2;
                break;
            }
            std::size_t line_end = view.rfind('\n');
            if (line_end != std::string_view::npos) {
                cut = line_end + 1;
                break;
            }
            if (eof_ && buffer_.size() <= limit) {
                cut = buffer_.size();
                break;
            }
            if (limit >= window_bytes_ * 16) {
                cut = std::min(limit, buffer_.size());
                while (cut > 0 && (static_cast<unsigned char>(buffer_[cut]) & 0xC0) == 0x80) --cut;
                break;
            }
            limit *= 2;
            fill(limit + 1);
        }
    }
    window.assign(buffer_, 0, cut);
    buffer_.erase(0, cut);
    return true;
}

void TextWindows::read_rest(std::string& out) {
    fill(static_cast<std::size_t>(-1) / 2);
    out += buffer_;
    buffer_.clear();
}

}  // namespace winnow
