// Windowed reading of a large text input, cut at paragraph breaks.
#include "input/windows.h"

#include <algorithm>

namespace winnow::input {

TextWindows::TextWindows(ReadBytes read, std::size_t window_bytes)
    : read_(std::move(read)), window_bytes_(window_bytes) {}

void TextWindows::fill(std::size_t want) {
    while (!eof_ && buffer_.size() < want) {
        const std::size_t used = buffer_.size();
        // Grow geometrically: `want` may be "everything".
        buffer_.resize(used + std::max<std::size_t>(std::size_t{1} << 16, std::min(want - used, used)));
        std::size_t got = 0;
        try {
            got = read_(buffer_.data() + used, buffer_.size() - used);
        } catch (...) {
            buffer_.resize(used);
            throw;
        }
        buffer_.resize(used + got);
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

}  // namespace winnow::input
