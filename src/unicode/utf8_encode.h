// Encoding one code point as UTF-8: the one encoder every stage uses.
#pragma once

#include <string>

namespace winnow::unicode {

// Writes cp as UTF-8 at out (room for 4 bytes) and returns the position after it. cp must be a
// Unicode scalar value; surrogates and values past U+10FFFF are the caller's to refuse.
inline char* encode_utf8(char32_t cp, char* out) {
    if (cp < 0x80) {
        *out++ = static_cast<char>(cp);
    } else if (cp < 0x800) {
        *out++ = static_cast<char>(0xC0 | (cp >> 6));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *out++ = static_cast<char>(0xE0 | (cp >> 12));
        *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        *out++ = static_cast<char>(0xF0 | (cp >> 18));
        *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

// Appends cp as UTF-8 to out.
inline void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
        return;
    }
    char bytes[4];
    out.append(bytes, static_cast<std::size_t>(encode_utf8(cp, bytes) - bytes));
}

}  // namespace winnow::unicode
