// What a batch run did: documents cleaned, skipped and failed (by reason, with the first few names
// of the failures), bytes in and out, time. cleaned + skipped + failed = seen, always.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::batch {

enum class Status { cleaned, skipped, failed };
const char* status_name(Status status);

// What became of one input. `reason` is a short fixed phrase to count by ("request record",
// "over size limit", "binary data"); `detail` the particulars, for messages.
struct Verdict {
    Status status = Status::cleaned;
    std::string reason;
    std::string detail;
};

struct Summary {
    static constexpr std::size_t names_kept = 5;  // failures listed by name, per reason

    struct Failures {
        std::uint64_t count = 0;
        std::vector<std::string> first;  // "NAME: detail" of the first few
    };

    std::uint64_t seen = 0;
    std::uint64_t cleaned = 0;
    std::uint64_t skipped = 0;
    std::uint64_t failed = 0;
    std::map<std::string, std::uint64_t> skipped_by_reason;
    std::map<std::string, Failures> failed_by_reason;
    std::uint64_t bytes_in = 0;
    std::uint64_t bytes_out = 0;
    double elapsed_seconds = 0;
    std::string interrupted;  // the signal that stopped the run early ("SIGINT"); empty when it ran to the end

    // Counts one input. Every input goes through here exactly once, which keeps the invariant.
    void add(const Verdict& verdict, std::string_view name, std::uint64_t input_bytes, std::uint64_t output_bytes);
    double documents_per_second() const;
    bool consistent() const { return cleaned + skipped + failed == seen; }
};

// One JSON object, no trailing newline:
// {"seen":N,"cleaned":N,"skipped":N,"failed":N,"skipped_by_reason":{"…":N},
//  "failed_by_reason":{"…":{"count":N,"first":["…"]}},"bytes_in":N,"bytes_out":N,
//  "elapsed_seconds":F,"documents_per_second":F,"interrupted":null|"SIGINT"}
void append_summary_json(std::string& out, const Summary& summary);

// A few lines for standard error:
//   12 documents: 9 cleaned, 2 skipped, 1 failed; 1.2 MB in, 80.1 kB out; 0.4 s, 30.0 docs/s
//   skipped: 2 request record
//   failed: 1 over size limit (big.html: 70000000 bytes, over the limit of 67108864)
std::string summary_text(const Summary& summary);

// "0 B", "999 B", "1.2 kB", "80.1 MB": decimal units, one decimal past bytes.
std::string human_bytes(std::uint64_t bytes);

}  // namespace winnow::batch
