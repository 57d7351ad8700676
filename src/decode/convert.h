// Conversion of bytes in a known encoding to UTF-8, with undecodable bytes counted as U+FFFD.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace winnow {

struct Conversion {
    bool ok = false;               // false when the encoding cannot be decoded at all
    std::string text;              // valid UTF-8
    std::size_t replacements = 0;  // U+FFFD inserted for undecodable input
};

// Decodes bytes (no BOM) from `encoding`, a name returned by resolve_encoding_name, to UTF-8.
// windows-1252 follows WHATWG for its five unassigned bytes (they become U+0081...); "replacement"
// yields one U+FFFD; x-user-defined maps 0x80-0xFF to U+F780-U+F7FF.
Conversion convert_to_utf8(std::string_view bytes, std::string_view encoding);

// Encodes UTF-8 text into `encoding` (an iconv name); false when a character has no mapping.
bool convert_from_utf8(std::string_view utf8, const char* iconv_encoding, std::string& out);

class IconvHandle;

// The same for many short pieces: looks the converter up once. Converters stay open for the life
// of the thread (opening one loads, and closing the last one unloads, a glibc gconv module), so an
// encoder is cheap to make and must not outlive its thread.
class Utf8Encoder {
public:
    explicit Utf8Encoder(const char* iconv_encoding);
    bool encode(std::string_view utf8, std::string& out) const;

private:
    const IconvHandle* cd_;
};

}  // namespace winnow
