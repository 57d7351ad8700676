// Coarse Unicode classes (kind, script, rarity) that the repair step's plausibility score reads.
#pragma once

#include <cstdint>

namespace winnow {

enum class CharKind : std::uint8_t {
    lower,        // cased letter, lower case
    upper,        // cased letter, upper case
    letter,       // uncased letter (Hebrew, Arabic, CJK, Thai...)
    mark,         // combining mark
    digit,
    space,        // including no-break and ideographic spaces
    punct,        // punctuation, quotes, dashes
    symbol,       // math, currency, arrows, box drawing, emoji
    format,       // zero-width and bidi controls, soft hyphen
    control,      // C0 (other than tab/newline) and C1 controls, noncharacters, surrogates
    replacement,  // U+FFFD
};

enum class Script : std::uint8_t {
    common,
    latin,
    greek,
    cyrillic,
    armenian,
    hebrew,
    arabic,
    indic,
    thai,
    georgian,
    hangul,
    cjk,  // Han and kana: Japanese mixes them, so they count as one script here
    other,
};

struct CharClass {
    CharKind kind = CharKind::symbol;
    Script script = Script::common;
    bool rare = false;  // seldom seen in running text of any language (IPA, Latin Extended-B, box drawing...)
};

CharClass classify(char32_t cp);

inline bool is_letter(CharKind k) { return k == CharKind::lower || k == CharKind::upper || k == CharKind::letter; }

}  // namespace winnow
