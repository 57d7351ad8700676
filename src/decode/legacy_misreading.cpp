// Legacy-to-legacy confusion: encode back to the code page it was read as, decode as the one it was written in.
#include "decode/legacy_misreading.h"

#include <algorithm>
#include <array>
#include <bit>
#include <vector>

#include "decode/charmaps.h"
#include "decode/code_points.h"
#include "decode/convert.h"
#include "decode/detect.h"
#include "decode/encoding_labels.h"
#include "decode/plausibility.h"
#include "decode/unicode_class.h"

namespace winnow::decode {
namespace {

// The implausibility a re-reading must remove, at least.
constexpr double kMinimumGain = 4.0;

struct Misreading {
    std::string_view read_as;     // WHATWG name of the code page the text was decoded with
    std::string_view written_in;  // and the one its bytes were in
};

// The confusions seen in the wild: single-byte and CJK text shown as windows-1252, and the two
// Russian code pages taken for each other.
constexpr std::array<Misreading, 14> kMisreadings{{
    {"windows-1252", "windows-1251"},
    {"windows-1252", "KOI8-R"},
    {"windows-1252", "windows-1253"},
    {"windows-1252", "windows-1255"},
    {"windows-1252", "windows-1256"},
    {"windows-1252", "windows-874"},
    {"windows-1252", "GBK"},
    {"windows-1252", "Big5"},
    {"windows-1252", "Shift_JIS"},
    {"windows-1252", "EUC-KR"},
    {"windows-1252", "windows-1250"},
    {"windows-1251", "KOI8-R"},
    {"KOI8-R", "windows-1251"},
    {"windows-1250", "windows-1252"},
}};

// The bytes `text` came from when it was decoded with `read_as` (a code page of
// mojibake_charmaps(); its unassigned bytes stand for themselves as C1 controls, as WHATWG's
// windows-1252 decoder leaves them); false when a character is not in it.
bool encode_in(std::u32string_view text, std::string_view read_as, std::string& bytes) {
    const SingleByteCharmap& charmap = charmap_named(read_as);
    bytes.clear();
    bytes.reserve(text.size());
    for (const char32_t c : text) {
        const int b = charmap.encode(c);
        if (b < 0) return false;
        bytes.push_back(static_cast<char>(b));
    }
    return true;
}

// Misread single-byte text is almost all high bytes: the count of non-ASCII letters and Latin-1
// symbols when they are at least half of those and the ASCII letters (Big5 read as windows-1252
// is mostly symbols, "¤¤¤å", with ASCII letters among them), else 0. Also 0 for text with a character above
// `highest`, which no reading has (highest_in_a_reading).
std::size_t non_ascii_letters_if_most(std::u32string_view text, char32_t highest) {
    std::size_t letters = 0, high = 0;
    for (const char32_t c : text) {
        if (c < 0x80) {
            letters += ((c | 0x20) - U'a') < 26;
            continue;
        }
        if (c > highest) return 0;
        // Letters, and the symbols of Latin-1's upper half that Big5 and GBK leave ("³Ì²×").
        const CharKind kind = classify(c).kind;
        if (!is_letter(kind) && (c > 0xFF || kind == CharKind::space || kind == CharKind::mark)) continue;
        ++letters;
        ++high;
    }
    return high >= 4 && high * 2 >= letters ? high : 0;
}

// uchardet names a few code pages by a superset or an alias of the WHATWG one.
bool same_encoding(const std::string& detected, std::string_view expected) {
    if (detected == expected) return true;
    if (expected == "GBK") return detected == "gb18030";
    if (expected == "EUC-KR") return detected == "UHC";
    if (expected == "Shift_JIS") return detected == "WINDOWS-31J" || detected == "CP932";
    if (expected == "windows-874") return detected == "TIS-620" || detected == "ISO-8859-11";
    if (expected == "windows-1253") return detected == "ISO-8859-7";
    if (expected == "windows-1255") return detected == "ISO-8859-8" || detected == "ISO-8859-8-I";
    if (expected == "windows-1256") return detected == "ISO-8859-6";
    if (expected == "windows-1250") return detected == "ISO-8859-2";
    if (expected == "windows-1257") return detected == "ISO-8859-13";
    return false;
}

constexpr std::string_view kReadings[] = {"windows-1252", "windows-1251", "koi8-r", "windows-1250"};

// The highest code point any of kReadings has: a text with a character above it (any CJK text)
// cannot have been read as one of them.
char32_t highest_in_a_reading() {
    char32_t highest = 0x7F;
    for (const std::string_view name : kReadings) {
        const SingleByteCharmap& charmap = charmap_named(name);
        for (unsigned b = 0x80; b < 0x100; ++b) highest = std::max(highest, charmap.decode(static_cast<unsigned char>(b)));
    }
    return highest;
}

// Misread text is made only of characters of the code page it was read as.
bool encodable_in_a_reading(std::u32string_view text) {
    for (const std::string_view name : kReadings) {
        const SingleByteCharmap& charmap = charmap_named(name);
        if (std::all_of(text.begin(), text.end(), [&](char32_t c) { return charmap.encode(c) >= 0; })) return true;
    }
    return false;
}

// Text whose reading is far less plausible than its re-reading in another code page (windows-1251
// read as windows-1252: "Ïðèâåò").
LegacyRepair undo_loud_misreading(std::u32string_view text) {
    LegacyRepair best;
    static const char32_t highest = highest_in_a_reading();
    const std::size_t high_letters = non_ascii_letters_if_most(text, highest);
    if (high_letters == 0 || !encodable_in_a_reading(text)) return best;
    // Misread text is implausible throughout, not in a corner of a long document.
    const double original = implausibility(text, 0, text.size());
    if (original < kMinimumGain || original < 0.1 * static_cast<double>(high_letters)) return best;
    struct Candidate {
        const Misreading* misreading;
        std::string bytes;
        std::u32string text;
        double cost;
    };
    std::vector<Candidate> candidates;
    for (const Misreading& m : kMisreadings) {
        std::string bytes;
        if (!encode_in(text, m.read_as == "KOI8-R" ? "koi8-r" : m.read_as, bytes)) continue;
        const Conversion reread = convert_to_utf8(bytes, m.written_in);
        if (!reread.ok || reread.replacements > 0) continue;
        std::u32string candidate = to_code_points(reread.text);
        // The text as it stands must be clearly implausible and the new reading clearly better.
        const auto cost = implausibility_within(candidate, std::min(original - kMinimumGain, original * 0.3));
        if (!cost) continue;
        candidates.push_back({&m, std::move(bytes), std::move(candidate), *cost});
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.cost < b.cost; });
    for (Candidate& c : candidates) {
        // uchardet must see the bytes as the code page we think they were written in: it knows
        // each language's letter statistics, which tell KOI8-R from windows-1251 and GBK from Big5.
        if (!same_encoding(resolve_encoding_name(uchardet_guess(c.bytes)), c.misreading->written_in)) continue;
        best.text = std::move(c.text);
        best.kind = std::string(c.misreading->written_in) + "-as-" + std::string(c.misreading->read_as);
        best.cost = c.cost;
        return best;
    }
    return best;
}


// Misreadings that leave letters where letters were, which the plausibility score cannot see.
constexpr std::array<Misreading, 2> kQuietMisreadings{{
    {"windows-1252", "windows-1250"},
    {"windows-1252", "windows-1257"},
}};

// The different telltales that stand beside a letter. One kind alone proves nothing ("più",
// Danish "før"): a re-reading needs two.
std::size_t misread_letters_beside_letters(std::u32string_view text) {
    unsigned kinds = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const int kind = misread_central_or_baltic_letter(text[i]);
        if (kind == 0) continue;
        const bool before = i > 0 && is_letter(classify(text[i - 1]).kind);
        const bool after = i + 1 < text.size() && is_letter(classify(text[i + 1]).kind);
        if (before || after) kinds |= 1u << kind;
        if (std::popcount(kinds) >= 2) break;  // all that is asked
    }
    return static_cast<std::size_t>(std::popcount(kinds));
}

// Cyrillic words as KOI8-R and windows-1251 read as each other leave them: with the case of
// every letter swapped, "Операция" shows as "пРЕТБГЙС" and "с" as "У".
struct CyrillicWordCases {
    std::size_t swapped = 0;  // a lower-case letter, then capitals: "пРЕТБГЙС"
    std::size_t capitals = 0; // two or more letters, all capitals
    std::size_t usual = 0;    // all lower case, or a capital then lower case
};

CyrillicWordCases cyrillic_word_cases(std::u32string_view text) {
    CyrillicWordCases cases;
    std::size_t i = 0;
    while (i < text.size()) {
        const CharClass first = classify(text[i]);
        if (first.script != Script::cyrillic || !is_letter(first.kind)) {
            ++i;
            continue;
        }
        std::size_t upper = 0, lower = 0, length = 0;
        const bool first_lower = first.kind == CharKind::lower;
        for (; i < text.size(); ++i, ++length) {
            const CharClass c = classify(text[i]);
            if (c.script != Script::cyrillic || !is_letter(c.kind)) break;
            if (length == 0) continue;
            upper += c.kind == CharKind::upper;
            lower += c.kind == CharKind::lower;
        }
        if (length < 2) continue;
        if (first_lower && upper > 0 && lower == 0) ++cases.swapped;
        else if (!first_lower && lower == 0) ++cases.capitals;
        else if (upper == 0) ++cases.usual;
        // Text whose words are plainly usual is settled: the rest need not be read.
        if (cases.usual > 2 * (cases.swapped + cases.capitals) + 16) break;
    }
    return cases;
}

// Russian text in KOI8-R read as windows-1251 (or the other way) where the plausibility score
// sees little: mostly capitals and swapped words. uchardet must know the bytes for the other
// code page, and the re-reading must be mostly usual words.
LegacyRepair undo_cyrillic_case_swap(std::u32string_view text) {
    static constexpr std::array<Misreading, 2> kSwaps{{{"windows-1251", "KOI8-R"}, {"KOI8-R", "windows-1251"}}};
    LegacyRepair none;
    const CyrillicWordCases before = cyrillic_word_cases(text);
    // A line in capitals alone is a heading as often as a misreading: one swapped word is needed.
    if (before.swapped == 0 || before.swapped + before.capitals < 3 || before.swapped + before.capitals <= 2 * before.usual) {
        return none;
    }
    for (const Misreading& m : kSwaps) {
        std::string bytes;
        if (!encode_in(text, m.read_as == "KOI8-R" ? "koi8-r" : m.read_as, bytes)) continue;
        if (!same_encoding(resolve_encoding_name(uchardet_guess(bytes)), m.written_in)) continue;
        const Conversion reread = convert_to_utf8(bytes, m.written_in);
        if (!reread.ok || reread.replacements > 0) continue;
        std::u32string candidate = to_code_points(reread.text);
        const CyrillicWordCases after = cyrillic_word_cases(candidate);
        if (after.usual <= 2 * (after.swapped + after.capitals) || after.swapped * 4 > before.swapped) continue;
        const double cost = implausibility(candidate, 0, candidate.size());
        if (cost > implausibility(text, 0, text.size())) continue;
        return {std::move(candidate), std::string(m.written_in) + "-as-" + std::string(m.read_as), cost};
    }
    return none;
}

// Central European and Baltic text shown as windows-1252 keeps letters in place of most
// letters ("pøedpis" for "předpis"), so its reading costs nothing more than the right one.
// uchardet's letter statistics decide on the bytes the text came from; the new reading must not
// be less plausible than the text as it stands.
LegacyRepair undo_quiet_misreading(std::u32string_view text) {
    LegacyRepair none;
    if (misread_letters_beside_letters(text) < 2) return none;
    // UTF-8 read as windows-1252 ("Ã©", "â€œ") is for the mojibake search, not this.
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        if (is_latin1_mojibake_pair(text[i], text[i + 1])) return none;
    }
    std::string bytes;
    if (!encode_in(text, "windows-1252", bytes)) return none;
    // uchardet settles on a few kilobytes of letters; the whole stretch would only cost time.
    constexpr std::size_t kGuessSample = 4096;
    const std::string guess = resolve_encoding_name(uchardet_guess(std::string_view(bytes).substr(0, kGuessSample)));
    for (const Misreading& m : kQuietMisreadings) {
        if (!same_encoding(guess, m.written_in)) continue;
        const Conversion reread = convert_to_utf8(bytes, m.written_in);
        if (!reread.ok || reread.replacements > 0) continue;
        std::u32string candidate = to_code_points(reread.text);
        const double original = implausibility(text, 0, text.size());
        const auto cost = implausibility_within(candidate, original);
        if (!cost) continue;
        return {std::move(candidate), std::string(m.written_in) + "-as-" + std::string(m.read_as), *cost};
    }
    return none;
}

}  // namespace

int misread_central_or_baltic_letter(char32_t c) {
    // Polish ą ż ł ś ź (¹ ¿ ³ œ Ÿ), Czech ř ě ň ů (ø ì ò ù), Hungarian ő ű (õ û), Slovak ľ (¾),
    // Romanian ş ţ (º þ), Baltic š ž ų ū (ð þ ø û). Not ã/Ã (Romanian ă), which UTF-8 mojibake
    // is full of. Each group is one letter, small and capital.
    static constexpr std::array<std::u32string_view, 15> kTelltales{
        U"¹¥", U"¿", U"³£", U"œŒ", U"Ÿ", U"øØ", U"ìÌ", U"òÒ", U"ùÙ", U"õÕ", U"ûÛ", U"¾¼", U"ºª", U"þÞ", U"ðÐ"};
    if (c < 0xA0) return 0;
    for (std::size_t k = 0; k < kTelltales.size(); ++k) {
        if (kTelltales[k].find(c) != std::u32string_view::npos) return static_cast<int>(k) + 1;
    }
    return 0;
}

LegacyRepair undo_legacy_misreading(std::u32string_view text) {
    LegacyRepair best = undo_loud_misreading(text);
    if (!best.kind.empty()) return best;
    best = undo_cyrillic_case_swap(text);
    if (!best.kind.empty()) return best;
    return undo_quiet_misreading(text);
}

}  // namespace winnow::decode
