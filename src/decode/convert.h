// Conversion of bytes in a known encoding to UTF-8, with undecodable bytes counted as U+FFFD.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace winnow::decode {

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

// Encodes characters into a code page where each has a code of its own (GBK, UHC, Windows-31J,
// Big5-HKSCS), remembering iconv's answer for each character of the Basic Multilingual Plane: the
// repair step encodes the same CJK characters over and over, and a call to iconv costs far more
// than its answer. The table is per code page and thread, filled as characters are met; like the
// converters behind it, it must not outlive its thread.
class CodePointEncoder {
public:
    explicit CodePointEncoder(const char* iconv_encoding);
    // Appends the code page's bytes for `piece` to out; false when a character has no code. A piece
    // with a combining mark goes to iconv whole: Big5-HKSCS has codes for a letter with its mark.
    bool append(std::u32string_view piece, std::string& out) const;
    // Whether the bytes of a piece starting with `first` can begin UTF-8: false when `first` has no
    // code, or its code starts with a byte that is neither ASCII nor a UTF-8 lead byte.
    bool may_begin_utf8(char32_t first) const;

    struct Table;

private:
    Table* table_;
};

}  // namespace winnow::decode
