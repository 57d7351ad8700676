// The command line: every flag defined once in a table that also produces --help.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "winnow/winnow.h"

namespace winnow::cli {

enum class Format { Text, Json, Markdown };

struct Config {
    std::vector<std::string> inputs;  // "-" = standard input
    std::string output;               // empty = standard output
    Format format = Format::Text;
    bool explain = false;
    bool only_decode = false;         // stop after the decode stage and print its UTF-8 text
    Options options;                  // what the library is given
    bool help = false;
    bool version = false;
};

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Parses argv (without argv[0]). Throws UsageError with a one-line message.
Config parse_arguments(const std::vector<std::string>& args);

std::string help_text();

}  // namespace winnow::cli
