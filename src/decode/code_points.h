// UTF-8 ⇄ code points for the repair step, which reasons about characters rather than bytes.
#pragma once

#include <string>
#include <string_view>

#include "unicode/utf8_encode.h"

namespace winnow::decode {

// Decodes valid UTF-8 (the decode stage guarantees it) into code points.
inline std::u32string to_code_points(std::string_view utf8) {
    // Sized for the worst case (all ASCII) and trimmed after: no capacity check per character.
    std::u32string out(utf8.size(), U'\0');
    char32_t* o = out.data();
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
    const std::size_t n = utf8.size();
    for (std::size_t i = 0; i < n;) {
        const unsigned char b = p[i];
        auto cont = [&](std::size_t k) { return static_cast<char32_t>(p[i + k] & 0x3F); };
        if (b < 0x80) {
            *o++ = b;
            i += 1;
        } else if (b < 0xE0 && i + 1 < n) {
            *o++ = (char32_t{b} & 0x1F) << 6 | cont(1);
            i += 2;
        } else if (b < 0xF0 && i + 2 < n) {
            *o++ = (char32_t{b} & 0x0F) << 12 | cont(1) << 6 | cont(2);
            i += 3;
        } else if (i + 3 < n) {
            *o++ = (char32_t{b} & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3);
            i += 4;
        } else {
            *o++ = 0xFFFD;
            i += 1;
        }
    }
    out.resize(static_cast<std::size_t>(o - out.data()));
    return out;
}

// The position of the first character at or after `i` that is not ASCII, or text.size(): the
// repair step's scans skip the ASCII that makes up most of any Latin-script text four at a time.
inline std::size_t next_non_ascii(std::u32string_view text, std::size_t i) {
    const std::size_t n = text.size();
    while (i + 4 <= n && (text[i] | text[i + 1] | text[i + 2] | text[i + 3]) < 0x80) i += 4;
    while (i < n && text[i] < 0x80) ++i;
    return i;
}

using unicode::append_utf8;

inline std::string to_utf8(std::u32string_view code_points) {
    // Sized for the worst case and trimmed after, as to_code_points() does.
    std::string out(code_points.size() * 4, '\0');
    char* o = out.data();
    for (const char32_t cp : code_points) o = unicode::encode_utf8(cp, o);
    out.resize(static_cast<std::size_t>(o - out.data()));
    return out;
}

}  // namespace winnow::decode
