// Progress line rendering and throttled drawing with \r and an erase-line escape.
#include "batch/progress.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/ioctl.h>
#include <unistd.h>

namespace winnow::batch {
namespace {

std::string duration(double seconds) {
    const long total = static_cast<long>(seconds + 0.5);
    char text[32];
    if (total >= 3600)
        std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
    else
        std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
    return text;
}

void write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0) return;  // progress is best effort
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace

std::string render_progress(const Summary& summary, const ProgressTotals& totals, int width, bool colour,
                            std::uint64_t bytes_read) {
    double fraction = -1;
    if (totals.bytes > 0 && bytes_read > 0) fraction = static_cast<double>(bytes_read) / static_cast<double>(totals.bytes);
    else if (totals.bytes > 0) fraction = static_cast<double>(summary.bytes_in) / static_cast<double>(totals.bytes);
    else if (totals.documents > 0) fraction = static_cast<double>(summary.seen) / static_cast<double>(totals.documents);
    fraction = std::min(fraction, 1.0);

    std::string counts = std::to_string(summary.seen);
    if (totals.documents >= summary.seen && totals.documents > 0) counts += "/" + std::to_string(totals.documents);
    counts += " docs  " + human_bytes(summary.bytes_in);
    char rate[48];
    std::snprintf(rate, sizeof rate, "  %.1f docs/s", summary.documents_per_second());
    counts += rate;
    if (summary.failed > 0) counts += "  " + std::to_string(summary.failed) + " failed";
    if (fraction > 0 && fraction < 1 && summary.elapsed_seconds > 0.5)
        counts += "  ETA " + duration(summary.elapsed_seconds * (1 - fraction) / fraction);

    std::string line;
    const int bar_width = std::min(30, width - static_cast<int>(counts.size()) - 4);
    if (fraction >= 0 && bar_width >= 10) {
        const int filled = static_cast<int>(fraction * bar_width);
        line += '[';
        if (colour) line += "\x1b[32m";
        line += std::string(static_cast<std::size_t>(filled), '#');
        if (colour) line += "\x1b[0m";
        line += std::string(static_cast<std::size_t>(bar_width - filled), '.');
        line += "]  ";
    }
    line += counts;
    // Cut to the width (the colour escapes take no columns).
    const int escapes = colour && fraction >= 0 && bar_width >= 10 ? 9 : 0;
    if (static_cast<int>(line.size()) - escapes > width && width > 0)
        line.resize(static_cast<std::size_t>(width + escapes));
    return line;
}

Progress::Progress(int fd, ProgressTotals totals) : fd_(fd), totals_(totals) {
    const char* term = std::getenv("TERM");
    enabled_ = ::isatty(fd_) == 1 && !(term && std::strcmp(term, "dumb") == 0);
    const char* no_color = std::getenv("NO_COLOR");
    colour_ = enabled_ && !(no_color && *no_color);
}

Progress::~Progress() { finish(); }

void Progress::update(const Summary& summary, std::uint64_t bytes_read) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    winsize size{};
    const int width = ::ioctl(fd_, TIOCGWINSZ, &size) == 0 && size.ws_col > 0 ? size.ws_col - 1 : 79;
    write_all(fd_, "\r" + render_progress(summary, totals_, width, colour_, bytes_read) + "\x1b[K");
    drawn_ = true;
}

void Progress::finish() {
    if (!drawn_) return;
    write_all(fd_, "\r\x1b[K");
    drawn_ = false;
}

}  // namespace winnow::batch
