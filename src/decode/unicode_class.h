// Coarse Unicode classes (kind, script, rarity) that the repair step's plausibility score reads.
#pragma once

#include <array>
#include <cstdint>

namespace winnow::decode {

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

namespace unicode_class_detail {
// The Basic Multilingual Plane in a flat table, computed at compile time from unicode_class.cpp's ranges.
constexpr char32_t kTableSize = 0x10000;
extern const std::array<CharClass, kTableSize> kBmpClasses;
CharClass classify_beyond_bmp(char32_t cp);
}  // namespace unicode_class_detail

// Inline: the repair step asks for the class of every character it looks at, several times over.
inline CharClass classify(char32_t cp) {
    return cp < unicode_class_detail::kTableSize ? unicode_class_detail::kBmpClasses[cp]
                                                 : unicode_class_detail::classify_beyond_bmp(cp);
}

inline bool is_letter(CharKind k) { return k == CharKind::lower || k == CharKind::upper || k == CharKind::letter; }

}  // namespace winnow::decode
