// Reading one input document whole: a file, or standard input for "-".
#pragma once

#include <stdexcept>
#include <string>

namespace winnow {

// A document that could not be read; what() is "NAME: problem" in words a user can act on.
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Reads all bytes of `path` ("-" = standard input). Throws InputError.
std::string read_input(const std::string& path);

// How an input is named in messages and JSON: "-" is shown as "<stdin>".
std::string display_name(const std::string& path);

}  // namespace winnow
