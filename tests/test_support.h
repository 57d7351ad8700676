// Helpers shared by the tests: reading files, running the built binary, the repository root.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "classify/patterns.h"

namespace winnow::test {

std::filesystem::path source_dir();
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);

// A sentence of ordinary prose, for building long or deeply nested inputs around it.
inline const std::string kSentence =
    "The harbour stayed closed on Tuesday as the storm kept waves above four metres, the port "
    "authority said in a statement.";

// unit, times times over.
std::string repeated(std::string_view unit, std::size_t times);

// The embedded patterns, built once per test process (they are immutable).
const classify::Patterns& default_patterns();

struct CommandResult {
    int status = -1;       // exit status, or 128+signal if killed
    std::string out;
    std::string err;
};

// Runs the built `winnow` with args (each shell-quoted) and stdin_text on its standard input.
CommandResult run_winnow(const std::vector<std::string>& args, const std::string& stdin_text = "");

// Runs the built `winnow` with args, its stdin a pipe: `head` is written, then the run waits (up to
// 60 s) for the first output before `tail` is written and stdin closed. Reports whether output came
// before the input ended, and the child's peak resident memory.
struct StreamedRun {
    int status = -1;
    std::string out;
    std::string err;
    bool output_before_input_end = false;
    long max_rss_kib = 0;
};
StreamedRun run_winnow_streamed(const std::vector<std::string>& args, const std::string& head,
                                const std::string& tail);

// A fresh empty directory under the system temp dir, removed when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace winnow::test

namespace winnow::test {

// True in the AddressSanitizer build, where everything runs a few times slower.
bool sanitizer_build();

// Runs the built `winnow` as an unattended run would meet it: stdin from the file `stdin_path`
// (empty: /dev/null), stdout and stderr to files, a wall-clock bound after which it is killed, and
// (outside sanitizer builds, whose shadow memory needs terabytes of address space) an address-space
// limit set with setrlimit in the child.
struct BoundedRun {
    int status = -1;          // exit status, or -1 when killed by a signal
    int signal = 0;           // the signal that ended it, if any
    bool timed_out = false;   // killed at the wall-clock bound
    double seconds = 0;       // wall-clock time taken
    std::string out;
    std::string err;
};
struct RunBounds {
    int seconds = 60;
    unsigned long long address_space_bytes = 2ULL << 30;
};
BoundedRun run_winnow_bounded(const std::vector<std::string>& args, const std::filesystem::path& stdin_path = {},
                              const RunBounds& bounds = {});

}  // namespace winnow::test
