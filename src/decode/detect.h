// Encoding detection for undeclared bytes: UTF-8 validity, UTF-16 without BOM, then uchardet with corrective rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "decode/convert.h"

namespace winnow::decode {

struct Detection {
    std::string encoding;  // a name resolve_encoding_name accepts; empty when nothing was decided
    std::string rule;      // the corrective rule that changed uchardet's answer, if any
    bool valid_utf8 = false;  // the bytes were checked and are valid UTF-8 (ASCII included)
    std::optional<Conversion> reading;  // all the bytes read as `encoding`, when checking it took that
};

// uchardet's raw answer (empty when it has none), for comparison in the evaluation.
std::string uchardet_guess(std::string_view bytes);

// The encoding of bytes that declare none: UTF-8 when they are valid UTF-8 with non-ASCII,
// UTF-16 when the NUL pattern says so, otherwise uchardet's answer corrected for its known web errors
// (ISO-8859-x with bytes 0x80-0x9F is windows-125x). Empty for pure ASCII and when uchardet has no answer.
Detection detect_encoding(std::string_view bytes);

}  // namespace winnow::decode
