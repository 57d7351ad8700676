// A one-line progress bar on standard error while a batch runs: documents, bytes, rate and, when
// the totals are known, a bar and the time left. Drawn only on a terminal; colour unless NO_COLOR.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "batch/summary.h"

namespace winnow::batch {

struct ProgressTotals {
    std::uint64_t documents = 0;  // 0: unknown
    std::uint64_t bytes = 0;      // 0: unknown (the bar then follows documents, or is left out)
};

// With `bytes_read` (bytes read from the input files so far, compressed bytes for compressed ones)
// and a byte total, the bar and the ETA follow the bytes: the only measure of an archive's progress.

// The line itself (no carriage return), at most `width` columns:
//   [#########.........]  1234/5000 docs  56.7 MB  89.0 docs/s  ETA 0:42
std::string render_progress(const Summary& summary, const ProgressTotals& totals, int width, bool colour,
                            std::uint64_t bytes_read = 0);

class Progress {
public:
    // Draws on file descriptor `fd` if it is a terminal and TERM is not "dumb"; colour unless the
    // NO_COLOR environment variable is set (https://no-color.org).
    explicit Progress(int fd = 2, ProgressTotals totals = {});
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    bool enabled() const { return enabled_; }
    void set_totals(ProgressTotals totals) { totals_ = totals; }
    // Redraws at most ten times a second.
    void update(const Summary& summary, std::uint64_t bytes_read = 0);
    // Clears the line (so the summary prints on a clean one). Also done by the destructor.
    void finish();

private:
    int fd_;
    ProgressTotals totals_;
    bool enabled_ = false;
    bool colour_ = false;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace winnow::batch
