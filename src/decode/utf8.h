// UTF-8 validation and repair of invalid sequences (each maximal invalid subpart → U+FFFD).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace winnow::decode {

// Length of the longest valid UTF-8 prefix of bytes.
std::size_t valid_utf8_prefix(std::string_view bytes);

// Appends bytes to out, replacing each maximal invalid subpart (Unicode §3.9, as WHATWG's decoder
// does) with U+FFFD. Returns the number of replacements.
std::size_t append_utf8_replacing_invalid(std::string& out, std::string_view bytes);

}  // namespace winnow::decode
