// The command line: every flag defined once in a table that also produces --help.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/winnow.h"

namespace winnow::cli {

enum class Format { Text, Json, Markdown, Warc };

struct Config {
    std::vector<std::string> inputs;  // "-" = standard input
    std::string output;               // empty = standard output; a directory (existing, or ending in '/'): one file per document
    Format format = Format::Text;
    bool explain = false;
    bool only_decode = false;         // stop after the decode stage and print its UTF-8 text
    Options options;                  // what the library is given

    // Batches.
    std::size_t jobs = 0;             // workers; 0 = every core
    std::vector<std::string> globs, excludes;
    std::string files_from;           // "-" = standard input
    bool null_separated = false;
    bool resume = false;
    bool quiet = false;
    std::string summary_json;
    std::uint64_t max_size = std::uint64_t{64} << 20;  // bytes; 0 = no limit
    double time_budget = 60;          // seconds per document; 0 = none
    bool help = false;
    bool version = false;
};

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One flag as the help, the man page, the shell completions and the README's table show it.
struct FlagInfo {
    std::string_view long_name;
    char short_name = 0;          // 0 when none
    std::string_view value;       // name of the value in --help ("FILE"); empty for switches
    std::string_view choices;     // the values it takes, space separated, when it is a fixed set
    std::string_view help;        // one line for --help
    std::string_view doc;         // the README's and man page's description (Markdown code spans)
};

// Every flag, in the order --help lists them.
std::vector<FlagInfo> flag_table();

// Parses argv (without argv[0]). Throws UsageError with a one-line message.
Config parse_arguments(const std::vector<std::string>& args);

std::string help_text();

}  // namespace winnow::cli
