// Character and adjacency costs: generic signs of mojibake, not tuned to any language.
#include "decode/plausibility.h"

#include <algorithm>

#include "decode/unicode_class.h"

namespace winnow::decode {
namespace {

// The classes of a text's characters, by position. classify() is a table lookup, cheaper than
// caching its answers for the stretch being scored.
class Classes {
public:
    explicit Classes(std::u32string_view text) : text_(text) {}
    CharClass operator()(std::size_t j) const { return classify(text_[j]); }

private:
    std::u32string_view text_;
};

bool is_apostrophe(char32_t cp) { return cp == U'\'' || cp == 0x2019 || cp == 0x02BC; }

// The Latin-1 readings of UTF-8 lead bytes C2, C3, E2 and EF: followed by a non-ASCII character
// other than a lower-case Latin-1 letter they are almost always mojibake ("Ã©", "Â£", "â€œ", "ï¿½").
bool mojibake_lead(char32_t cp) { return cp == 0x00C2 || cp == 0x00C3 || cp == 0x00E2 || cp == 0x00EF; }

bool latin1_mojibake_pair(char32_t a, char32_t b) {
    return mojibake_lead(a) && b >= 0x80 && !(b >= 0x00DF && b <= 0x00FF) && !is_apostrophe(b);
}

bool word_joiner(char32_t cp) { return is_apostrophe(cp) || cp == U'-' || cp == 0x00B7 || cp == 0x2010 || cp == 0x2011; }

std::size_t letters_left_of(const Classes& cls, std::size_t i) {
    std::size_t n = 0;
    while (i > 0 && is_letter(cls(i - 1).kind)) --i, ++n;
    return n;
}

std::size_t letters_right_of(std::u32string_view text, const Classes& cls, std::size_t i) {
    std::size_t n = 0;
    while (i + 1 < text.size() && is_letter(cls(i + 1).kind)) ++i, ++n;
    return n;
}

bool is_trade_mark(char32_t cp) { return cp == 0x2122 || cp == 0x00AE || cp == 0x00A9; }

bool lone_lower_in_capitals(std::u32string_view text, const Classes& cls, std::size_t i) {
    // Its letter neighbours must be capitals: checked first, as most lower-case letters fail here.
    const CharKind left = i > 0 ? cls(i - 1).kind : CharKind::space;
    const CharKind right = i + 1 < text.size() ? cls(i + 1).kind : CharKind::space;
    if (left == CharKind::lower || right == CharKind::lower) return false;
    if (left != CharKind::upper && right != CharKind::upper) return false;
    std::size_t upper = 0, lower = 0;
    for (std::size_t j = i; j > 0 && is_letter(cls(j - 1).kind); --j) {
        const CharKind k = cls(j - 1).kind;
        upper += k == CharKind::upper;
        lower += k == CharKind::lower;
    }
    for (std::size_t j = i + 1; j < text.size() && is_letter(cls(j).kind); ++j) {
        const CharKind k = cls(j).kind;
        upper += k == CharKind::upper;
        lower += k == CharKind::lower;
    }
    return upper >= 2 && lower == 0;
}

// Whether the nearest letter on either side of text[i] (within a few characters) is of `script`.
bool script_nearby(std::u32string_view text, const Classes& cls, std::size_t i, Script script) {
    constexpr std::size_t kReach = 4;
    for (std::size_t j = i; j > 0 && i - j < kReach; --j) {
        const CharClass c = cls(j - 1);
        if (is_letter(c.kind) || c.kind == CharKind::mark) {
            if (c.script == script) return true;
            break;
        }
    }
    for (std::size_t j = i + 1; j < text.size() && j - i <= kReach; ++j) {
        const CharClass c = cls(j);
        if (is_letter(c.kind) || c.kind == CharKind::mark) return c.script == script;
    }
    return false;
}

bool all_accented_latin_word(std::u32string_view text, const Classes& cls, std::size_t start) {
    std::size_t length = 0;
    for (std::size_t j = start; j < text.size(); ++j) {
        const CharClass c = cls(j);
        if (!is_letter(c.kind)) break;
        if (text[j] < 0x80 || c.script != Script::latin) return false;
        ++length;
    }
    return length >= 3;
}

double char_cost(std::u32string_view text, const Classes& cls, std::size_t i) {
    const char32_t cp = text[i];
    if (cp < 0x80) return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F ? 5.0 : 0.0;
    const CharClass c = cls(i);
    switch (c.kind) {
        case CharKind::replacement: return 3.0;
        case CharKind::control: return 8.0;
        default: break;
    }
    if (c.kind == CharKind::mark) {
        const CharKind prev = i > 0 ? cls(i - 1).kind : CharKind::space;
        const bool after_base = is_letter(prev) || prev == CharKind::mark;
        // A combining accent costs more than the precomposed letter it could have been.
        const bool common_accent = (cp >= 0x0300 && cp <= 0x030C) || (cp >= 0x0323 && cp <= 0x0328);
        if (!after_base) return 4.0;
        // A Hebrew or Arabic mark on a letter of another script.
        if (c.script != Script::common && i > 0 && cls(i - 1).script != c.script) return 4.0;
        return c.rare || (cp >= 0x0300 && cp <= 0x036F && !common_accent) ? 2.0 : 0.5;
    }
    if (c.rare) return 4.0;
    // Letters of any script are what text is made of: only anomalies around them cost.
    double cost = is_letter(c.kind) ? 0.0 : 0.5;
    // The no-break space is as ordinary as a space (web text is full of it); other spaces are rarer.
    if (c.kind == CharKind::space) cost = cp == 0x00A0 ? 0.0 : 0.25;
    if (c.kind == CharKind::symbol) cost = cp >= 0x1F000 || is_trade_mark(cp) ? 1.0 : 2.0;
    if (c.kind == CharKind::format) cost = 2.0;
    // A lone letter of a non-Latin alphabet inside other text (Greek is exempt: science uses it).
    // One-letter words of its own script nearby (Russian "и", "в") are fine.
    if (is_letter(c.kind) && c.script != Script::latin && c.script != Script::common && c.script != Script::cjk &&
        c.script != Script::hangul && c.script != Script::greek && !script_nearby(text, cls, i, c.script)) {
        cost += 3.0;
    }
    // A word of three or more accented Latin letters and no plain ones ("Ïðèâåò", "ÖÐÎÄ") is
    // another code page read as Latin-1; real words mix in unaccented letters.
    if (is_letter(c.kind) && c.script == Script::latin && (i == 0 || !is_letter(cls(i - 1).kind)) &&
        all_accented_latin_word(text, cls, i)) {
        cost += 2.0;
    }
    // One lower-case letter inside an otherwise capitalised word ("MģÄM", "AHř").
    if (c.kind == CharKind::lower && lone_lower_in_capitals(text, cls, i)) cost += 5.0;
    return cost;
}

// Symbols and punctuation of windows-1252's 0x80-0xBF that follow a letter only as the second byte
// of mojibake: "Ð¿", "Ñ€", "Ø±", "Î³". Word-final punctuation (…’”»–—•™®©°·) is not among them.
bool mojibake_follower(char32_t cp) {
    switch (cp) {
        case 0x20AC: case 0x201A: case 0x0192: case 0x201E: case 0x2020: case 0x2021: case 0x02C6:
        case 0x2030: case 0x2039: case 0x02DC: case 0x203A: case 0x00A1: case 0x00A2: case 0x00A3:
        case 0x00A4: case 0x00A5: case 0x00A6: case 0x00A7: case 0x00A8: case 0x00AA: case 0x00AC:
        case 0x00AF: case 0x00B1: case 0x00B2: case 0x00B3: case 0x00B4: case 0x00B5: case 0x00B6:
        case 0x00B8: case 0x00B9: case 0x00BA: case 0x00BC: case 0x00BD: case 0x00BE: case 0x00BF:
            return true;
        default:
            return false;
    }
}

// windows-1251's readings of UTF-8 lead bytes C2, C3, D0 and D1 ("В", "Г", "Р", "С"), the
// Cyrillic counterpart of "Â", "Ã": followed by a character of 1251's 0x80-0xBF other than the
// letters Russian, Ukrainian and Belarusian use there (ё, і, ї, є, ґ, ў), they are mojibake.
bool cyrillic_mojibake_lead(char32_t cp) { return cp == 0x0412 || cp == 0x0413 || cp == 0x0420 || cp == 0x0421; }

bool cyrillic_mojibake_follower(char32_t cp) {
    if (cp == 0x0451 || cp == 0x0456 || cp == 0x0457 || cp == 0x0454 || cp == 0x0491 || cp == 0x045E) return false;
    if (cp >= 0x0402 && cp <= 0x045F && !(cp >= 0x0410 && cp <= 0x044F)) return true;  // Ђ Ѓ Љ Њ ... џ
    switch (cp) {
        case 0x201A: case 0x201E: case 0x2020: case 0x2021: case 0x20AC: case 0x2030: case 0x2039:
        case 0x203A: case 0x2122: case 0x00A4: case 0x00A6: case 0x00A7: case 0x00A9: case 0x00AC:
        case 0x00AE: case 0x00B0: case 0x00B1: case 0x00B5: case 0x00B6: case 0x00B7: case 0x2116:
        case 0x0490: case 0x040E:
            return true;
        default:
            return false;
    }
}

double pair_cost(char32_t a, char32_t b, const CharClass& ca, const CharClass& cb) {
    if (a < 0x80 && b < 0x80) return 0.0;
    double cost = 0.0;
    if (is_letter(ca.kind) && is_letter(cb.kind) && ca.script != cb.script && ca.script != Script::common &&
        cb.script != Script::common) {
        // Latin next to Greek is how science writes (IL2Rγc, μm); other mixes are rare.
        const bool greek_in_latin = (ca.script == Script::greek && cb.script == Script::latin) ||
                                    (ca.script == Script::latin && cb.script == Script::greek);
        cost += greek_in_latin ? 1.0 : 4.0;
    }
    if (ca.kind == CharKind::lower && cb.kind == CharKind::upper && b >= 0x80) cost += 2.0;
    if (latin1_mojibake_pair(a, b)) {
        cost += 3.0;
    } else if (a >= 0x00C0 && a <= 0x00FF && a != 0x00D7 && a != 0x00F7 && mojibake_follower(b)) {
        cost += 2.0;
    } else if (cyrillic_mojibake_lead(a) && cyrillic_mojibake_follower(b)) {
        cost += 3.0;
    }
    return cost;
}

// Two capitals, at least one accented, at the start of a lower-case word: "ÄÆdomu".
double triple_case_cost(std::u32string_view text, const Classes& cls, std::size_t i) {
    if (i < 2) return 0.0;
    const char32_t a = text[i - 2], b = text[i - 1];
    if (a < 0x80 && b < 0x80) return 0.0;
    const CharKind ka = cls(i - 2).kind, kb = cls(i - 1).kind, kc = cls(i).kind;
    const bool word_start = i < 3 || !is_letter(cls(i - 3).kind);
    if (word_start && ka == CharKind::upper && kb == CharKind::upper && kc == CharKind::lower &&
        (i + 1 >= text.size() || cls(i + 1).kind == CharKind::lower)) {
        return 1.5;
    }
    return 0.0;
}

double triple_cost(std::u32string_view text, const Classes& cls, std::size_t i) {
    // text[i] between two letters.
    if (i == 0 || i + 1 >= text.size()) return 0.0;
    const char32_t mid = text[i];
    if (mid < 0x80 && !is_apostrophe(mid)) return 0.0;
    if (!is_letter(cls(i - 1).kind) || !is_letter(cls(i + 1).kind)) return 0.0;
    if (is_apostrophe(mid)) {
        // Elision (l’homme, qu’il) and contractions (it’s, we’ll) leave a short part on one side.
        return letters_left_of(cls, i) > 2 && letters_right_of(text, cls, i) > 2 ? 2.0 : 0.0;
    }
    if (word_joiner(mid)) return 0.0;
    const CharClass c = cls(i);
    if (c.kind == CharKind::symbol || c.rare || c.kind == CharKind::control || c.kind == CharKind::replacement ||
        c.kind == CharKind::format) {
        return 3.0;
    }
    if (c.kind == CharKind::punct) return 2.0;
    return 0.0;
}

}  // namespace

bool is_latin1_mojibake_pair(char32_t a, char32_t b) { return latin1_mojibake_pair(a, b); }

double implausibility(std::u32string_view text, std::size_t begin, std::size_t end) {
    const Classes cls(text);
    // One pass over every position a term can touch. All costs are multiples of 0.25, so the sum
    // is exact in any order.
    double cost = 0.0;
    const std::size_t first = begin > 0 ? begin - 1 : 0;
    const std::size_t last = std::min(end + 2, text.size());
    for (std::size_t i = first; i < last; ++i) {
        // Printable ASCII (not an apostrophe) after two ASCII characters costs nothing in any
        // term: most of any text, skipped without looking up a class.
        const char32_t cp = text[i];
        auto plain = [](char32_t c) { return c >= 0x20 && c < 0x7F && c != U'\''; };
        if (plain(cp) && (i < 1 || text[i - 1] < 0x80) && (i < 2 || text[i - 2] < 0x80)) {
            // So is every plain character that follows: its two predecessors are ASCII.
            while (i + 1 < last && plain(text[i + 1])) ++i;
            continue;
        }
        // So does a lower-case or uncased letter of a script other than Latin, not rare, where no
        // term finds anything to charge: no capital on either side, before it a letter of its own
        // script or no letter at all, and after it, when it starts a word, a letter of its own
        // script (the rule for a lone letter of a foreign alphabet looks for one nearby).
        if (cp >= 0x0370 && i >= 1 && i + 1 < text.size()) {
            const CharClass c = cls(i);
            if ((c.kind == CharKind::lower || c.kind == CharKind::letter) && !c.rare && c.script != Script::latin &&
                c.script != Script::common) {
                const CharClass before = cls(i - 1), after = cls(i + 1);
                const bool letter_before = is_letter(before.kind);
                const bool own_before = letter_before && before.script == c.script;
                const bool lone_letter_rule =
                    c.script != Script::cjk && c.script != Script::hangul && c.script != Script::greek;
                const bool own_after = is_letter(after.kind) && after.script == c.script;
                if (before.kind != CharKind::upper && after.kind != CharKind::upper && (own_before || !letter_before) &&
                    (own_before || !lone_letter_rule || own_after)) {
                    continue;
                }
            }
        }
        if (i >= begin && i < end) cost += char_cost(text, cls, i);
        if (i >= begin && i >= 1 && i <= end) cost += pair_cost(text[i - 1], cp, cls(i - 1), cls(i));
        if (i <= end) cost += triple_cost(text, cls, i);
        if (i >= begin) cost += triple_case_cost(text, cls, i);
    }
    return cost;
}

std::optional<double> implausibility_within(std::u32string_view text, double ceiling) {
    if (implausibility(text, 0, text.size() / 8) > ceiling) return std::nullopt;
    const double cost = implausibility(text, 0, text.size());
    if (cost > ceiling) return std::nullopt;
    return cost;
}

}  // namespace winnow::decode
