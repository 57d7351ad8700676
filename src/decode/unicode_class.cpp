// Range table behind classify(): enough of Unicode to tell running text from mojibake.
#include "decode/unicode_class.h"

#include <algorithm>
#include <array>
#include <iterator>

namespace winnow::decode {
namespace {

using K = CharKind;
using S = Script;

struct Range {
    char32_t first;
    char32_t last;
    CharKind kind;
    Script script;
    bool rare;
};

// Sorted, non-overlapping. Code points in no range are rare symbols of no script.
constexpr Range kRanges[] = {
    {0x0000, 0x0008, K::control, S::common, true},
    {0x0009, 0x000D, K::space, S::common, false},
    {0x000E, 0x001F, K::control, S::common, true},
    {0x0020, 0x0020, K::space, S::common, false},
    {0x0021, 0x002F, K::punct, S::common, false},
    {0x0030, 0x0039, K::digit, S::common, false},
    {0x003A, 0x0040, K::punct, S::common, false},
    {0x0041, 0x005A, K::upper, S::latin, false},
    {0x005B, 0x0060, K::punct, S::common, false},
    {0x0061, 0x007A, K::lower, S::latin, false},
    {0x007B, 0x007E, K::punct, S::common, false},
    {0x007F, 0x009F, K::control, S::common, true},
    {0x00A0, 0x00A0, K::space, S::common, false},
    {0x00A1, 0x00A1, K::punct, S::common, false},
    {0x00A2, 0x00A6, K::symbol, S::common, false},
    {0x00A7, 0x00A7, K::punct, S::common, false},
    {0x00A8, 0x00A9, K::symbol, S::common, false},
    {0x00AA, 0x00AA, K::lower, S::latin, true},
    {0x00AB, 0x00AB, K::punct, S::common, false},
    {0x00AC, 0x00AC, K::symbol, S::common, false},
    {0x00AD, 0x00AD, K::format, S::common, false},
    {0x00AE, 0x00B5, K::symbol, S::common, false},
    {0x00B6, 0x00B7, K::punct, S::common, false},
    {0x00B8, 0x00B9, K::symbol, S::common, false},
    {0x00BA, 0x00BA, K::lower, S::latin, true},
    {0x00BB, 0x00BB, K::punct, S::common, false},
    {0x00BC, 0x00BE, K::symbol, S::common, false},
    {0x00BF, 0x00BF, K::punct, S::common, false},
    {0x00C0, 0x00D6, K::upper, S::latin, false},
    {0x00D7, 0x00D7, K::symbol, S::common, false},
    {0x00D8, 0x00DE, K::upper, S::latin, false},
    {0x00DF, 0x00F6, K::lower, S::latin, false},
    {0x00F7, 0x00F7, K::symbol, S::common, false},
    {0x00F8, 0x00FF, K::lower, S::latin, false},
    // 0x0100-0x017F: Latin Extended-A, case resolved in classify().
    {0x0100, 0x017F, K::letter, S::latin, false},
    {0x0180, 0x01FF, K::letter, S::latin, true},
    {0x0200, 0x0217, K::letter, S::latin, true},
    {0x0218, 0x021B, K::letter, S::latin, false},  // Romanian ș ț
    {0x021C, 0x024F, K::letter, S::latin, true},
    {0x0250, 0x02AF, K::lower, S::latin, true},  // IPA
    {0x02B0, 0x02FF, K::symbol, S::common, true},  // spacing modifiers
    {0x0300, 0x036F, K::mark, S::common, false},
    {0x0370, 0x0385, K::symbol, S::greek, true},
    {0x0386, 0x0386, K::upper, S::greek, false},
    {0x0387, 0x0387, K::punct, S::greek, false},
    {0x0388, 0x038F, K::upper, S::greek, false},
    {0x0390, 0x0390, K::lower, S::greek, false},
    {0x0391, 0x03AB, K::upper, S::greek, false},
    {0x03AC, 0x03CE, K::lower, S::greek, false},
    {0x03CF, 0x03FF, K::letter, S::greek, true},
    {0x0400, 0x042F, K::upper, S::cyrillic, false},
    {0x0430, 0x045F, K::lower, S::cyrillic, false},
    {0x0460, 0x0481, K::letter, S::cyrillic, true},
    {0x0482, 0x0489, K::mark, S::cyrillic, true},
    {0x048A, 0x04FF, K::letter, S::cyrillic, true},
    {0x0500, 0x052F, K::letter, S::cyrillic, true},
    {0x0531, 0x0556, K::upper, S::armenian, true},
    {0x0559, 0x055F, K::punct, S::armenian, true},
    {0x0561, 0x0587, K::lower, S::armenian, true},
    {0x0589, 0x058A, K::punct, S::armenian, true},
    {0x0591, 0x05BD, K::mark, S::hebrew, true},
    {0x05BE, 0x05BE, K::punct, S::hebrew, false},
    {0x05BF, 0x05C7, K::mark, S::hebrew, true},
    {0x05D0, 0x05EA, K::letter, S::hebrew, false},
    {0x05F0, 0x05F4, K::letter, S::hebrew, true},
    {0x0600, 0x060B, K::symbol, S::arabic, true},
    {0x060C, 0x060C, K::punct, S::arabic, false},
    {0x060D, 0x061A, K::symbol, S::arabic, true},
    {0x061B, 0x061F, K::punct, S::arabic, false},
    {0x0620, 0x064A, K::letter, S::arabic, false},
    {0x064B, 0x065F, K::mark, S::arabic, false},
    {0x0660, 0x0669, K::digit, S::arabic, false},
    {0x066A, 0x066D, K::punct, S::arabic, false},
    {0x066E, 0x06D3, K::letter, S::arabic, false},
    {0x06D4, 0x06D4, K::punct, S::arabic, false},
    {0x06D5, 0x06D5, K::letter, S::arabic, false},
    {0x06D6, 0x06ED, K::mark, S::arabic, true},
    {0x06EE, 0x06EF, K::letter, S::arabic, true},
    {0x06F0, 0x06F9, K::digit, S::arabic, false},
    {0x06FA, 0x06FF, K::letter, S::arabic, true},
    {0x0700, 0x08FF, K::letter, S::other, true},
    // 0x0900-0x0DFF: Indic scripts, marks resolved in classify().
    {0x0900, 0x0DFF, K::letter, S::indic, false},
    {0x0E01, 0x0E30, K::letter, S::thai, false},
    {0x0E31, 0x0E31, K::mark, S::thai, false},
    {0x0E32, 0x0E33, K::letter, S::thai, false},
    {0x0E34, 0x0E3A, K::mark, S::thai, false},
    {0x0E3F, 0x0E3F, K::symbol, S::thai, false},
    {0x0E40, 0x0E46, K::letter, S::thai, false},
    {0x0E47, 0x0E4E, K::mark, S::thai, false},
    {0x0E4F, 0x0E4F, K::punct, S::thai, true},
    {0x0E50, 0x0E59, K::digit, S::thai, false},
    {0x0E5A, 0x0E5B, K::punct, S::thai, true},
    {0x0E80, 0x0FFF, K::letter, S::other, true},
    {0x1000, 0x109F, K::letter, S::other, true},
    {0x10A0, 0x10FF, K::letter, S::georgian, false},
    {0x1100, 0x11FF, K::letter, S::hangul, true},
    {0x1200, 0x1DBF, K::letter, S::other, true},
    {0x1DC0, 0x1DFF, K::mark, S::common, true},
    // 0x1E00-0x1EFF: Latin Extended Additional (Vietnamese), case resolved in classify().
    {0x1E00, 0x1EFF, K::letter, S::latin, false},
    {0x1F00, 0x1FFF, K::letter, S::greek, true},
    {0x2000, 0x200A, K::space, S::common, false},
    {0x200B, 0x200F, K::format, S::common, false},
    {0x2010, 0x2027, K::punct, S::common, false},
    {0x2028, 0x2029, K::space, S::common, false},
    {0x202A, 0x202E, K::format, S::common, false},
    {0x202F, 0x202F, K::space, S::common, false},
    {0x2030, 0x205E, K::punct, S::common, false},
    {0x205F, 0x205F, K::space, S::common, false},
    {0x2060, 0x206F, K::format, S::common, true},
    {0x2070, 0x209F, K::symbol, S::common, true},
    {0x20A0, 0x20C0, K::symbol, S::common, false},
    {0x20D0, 0x20FF, K::mark, S::common, true},
    {0x2100, 0x214F, K::symbol, S::common, false},
    {0x2150, 0x218F, K::symbol, S::common, true},
    {0x2190, 0x21FF, K::symbol, S::common, false},
    {0x2200, 0x22FF, K::symbol, S::common, false},
    {0x2300, 0x23FF, K::symbol, S::common, true},
    {0x2400, 0x24FF, K::symbol, S::common, true},
    {0x2500, 0x259F, K::symbol, S::common, true},  // box drawing, blocks
    {0x25A0, 0x27BF, K::symbol, S::common, false},  // shapes, dingbats, emoji-era symbols
    {0x27C0, 0x27FF, K::symbol, S::common, true},
    {0x2800, 0x28FF, K::symbol, S::common, false},  // braille, whose blank pattern pads social posts
    {0x2900, 0x2BFF, K::symbol, S::common, true},
    {0x2C00, 0x2DFF, K::letter, S::other, true},
    {0x2E00, 0x2E7F, K::punct, S::common, true},
    {0x2E80, 0x2FFF, K::symbol, S::cjk, true},
    {0x3000, 0x3000, K::space, S::cjk, false},
    {0x3001, 0x3004, K::punct, S::cjk, false},
    {0x3005, 0x3007, K::letter, S::cjk, false},
    {0x3008, 0x3020, K::punct, S::cjk, false},
    {0x3021, 0x303F, K::letter, S::cjk, true},
    {0x3041, 0x309F, K::letter, S::cjk, false},
    {0x30A0, 0x30FA, K::letter, S::cjk, false},
    {0x30FB, 0x30FB, K::punct, S::cjk, false},
    {0x30FC, 0x30FF, K::letter, S::cjk, false},
    {0x3100, 0x312F, K::letter, S::cjk, true},
    {0x3130, 0x318F, K::letter, S::hangul, true},
    {0x3190, 0x33FF, K::symbol, S::cjk, true},
    {0x3400, 0x4DBF, K::letter, S::cjk, true},
    {0x4DC0, 0x4DFF, K::symbol, S::cjk, true},
    {0x4E00, 0x9FFF, K::letter, S::cjk, false},
    {0xA000, 0xABFF, K::letter, S::other, true},
    {0xAC00, 0xD7A3, K::letter, S::hangul, false},
    {0xD7A4, 0xD7FF, K::letter, S::hangul, true},
    {0xD800, 0xDFFF, K::control, S::common, true},
    {0xE000, 0xF8FF, K::symbol, S::common, true},  // private use
    {0xF900, 0xFAFF, K::letter, S::cjk, true},
    {0xFB00, 0xFB4F, K::letter, S::latin, true},  // ligatures, Hebrew presentation forms
    {0xFB50, 0xFDFF, K::letter, S::arabic, true},
    {0xFE00, 0xFE0F, K::mark, S::common, false},  // variation selectors
    {0xFE10, 0xFE1F, K::punct, S::cjk, true},
    {0xFE20, 0xFE2F, K::mark, S::common, true},
    {0xFE30, 0xFE6F, K::punct, S::cjk, true},
    {0xFE70, 0xFEFE, K::letter, S::arabic, true},
    {0xFEFF, 0xFEFF, K::format, S::common, true},
    {0xFF01, 0xFF0F, K::punct, S::cjk, false},
    {0xFF10, 0xFF19, K::digit, S::cjk, false},
    {0xFF1A, 0xFF20, K::punct, S::cjk, false},
    {0xFF21, 0xFF3A, K::letter, S::cjk, true},
    {0xFF3B, 0xFF40, K::punct, S::cjk, true},
    {0xFF41, 0xFF5A, K::letter, S::cjk, true},
    {0xFF5B, 0xFF65, K::punct, S::cjk, false},
    {0xFF66, 0xFF9F, K::letter, S::cjk, true},
    {0xFFA0, 0xFFDC, K::letter, S::hangul, true},
    {0xFFE0, 0xFFEE, K::symbol, S::cjk, true},
    {0xFFF9, 0xFFFC, K::format, S::common, true},
    {0xFFFD, 0xFFFD, K::replacement, S::common, false},
    {0xFFFE, 0xFFFF, K::control, S::common, true},
    {0x1D400, 0x1D7FF, K::letter, S::latin, true},  // mathematical alphanumerics
    {0x1F000, 0x1FAFF, K::symbol, S::common, false},  // emoji and pictographs
    {0x20000, 0x3FFFF, K::letter, S::cjk, true},
    {0xE0000, 0xE007F, K::format, S::common, true},  // tags (emoji flags)
};

constexpr CharKind latin_extended_a_case(char32_t cp) {
    if (cp == 0x0130) return K::upper;
    if (cp == 0x0131 || cp == 0x0138 || cp == 0x0149 || cp == 0x017F) return K::lower;
    if (cp == 0x0178) return K::upper;
    const bool odd = cp & 1;
    if ((cp >= 0x0139 && cp <= 0x0148) || (cp >= 0x0179 && cp <= 0x017E)) return odd ? K::upper : K::lower;
    return odd ? K::lower : K::upper;
}

// Indic blocks share one layout: 0x00-0x03 signs, 0x3A-0x4F and 0x51-0x57 and 0x62-0x63 vowel
// signs and virama, 0x64-0x65 dandas, 0x66-0x6F digits.
constexpr CharKind indic_kind(char32_t cp) {
    const unsigned offset = static_cast<unsigned>(cp & 0x7F);
    if (offset <= 0x03 || (offset >= 0x3A && offset <= 0x4F && offset != 0x3D) || (offset >= 0x51 && offset <= 0x57) ||
        offset == 0x62 || offset == 0x63 || offset == 0x3C) {
        return K::mark;
    }
    if (offset == 0x64 || offset == 0x65) return K::punct;
    if (offset >= 0x66 && offset <= 0x6F) return K::digit;
    return K::letter;
}

// The class a range gives cp, with the per-character corrections inside a few blocks.
constexpr CharClass class_in_range(const Range& range, char32_t cp) {
    CharClass result{range.kind, range.script, range.rare};
    if (cp >= 0x0100 && cp <= 0x017F) {
        result.kind = latin_extended_a_case(cp);
        result.rare = cp == 0x0138 || cp == 0x0149 || cp == 0x017F;  // ĸ, ŉ, ſ: obsolete
    }
    if (cp >= 0x1E00 && cp <= 0x1EFF) result.kind = (cp & 1) ? K::lower : K::upper;
    if (cp >= 0x0900 && cp <= 0x0DFF) result.kind = indic_kind(cp);
    return result;
}

constexpr CharClass kUnlisted{K::symbol, S::common, true};

constexpr std::array<CharClass, unicode_class_detail::kTableSize> bmp_table() {
    std::array<CharClass, unicode_class_detail::kTableSize> table{};
    for (CharClass& c : table) c = kUnlisted;
    for (const Range& range : kRanges) {
        if (range.first >= unicode_class_detail::kTableSize) break;
        for (char32_t cp = range.first; cp <= range.last; ++cp) table[cp] = class_in_range(range, cp);
    }
    return table;
}

}  // namespace

namespace unicode_class_detail {

// Constant-initialized: no first-use guard on the hot path.
constexpr std::array<CharClass, kTableSize> kBmpClasses = bmp_table();

CharClass classify_beyond_bmp(char32_t cp) {
    const auto* end = std::end(kRanges);
    const auto* it = std::upper_bound(std::begin(kRanges), end, cp, [](char32_t c, const Range& r) { return c < r.first; });
    if (it == std::begin(kRanges)) return kUnlisted;
    --it;
    if (cp > it->last) return kUnlisted;
    return class_in_range(*it, cp);
}

}  // namespace unicode_class_detail

}  // namespace winnow::decode
