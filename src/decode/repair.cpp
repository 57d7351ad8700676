// Repair of decoded text: leftover character references, mojibake layers, C1 controls, stray ideographs.
#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <span>
#include <string_view>

#include "decode/charmaps.h"
#include "decode/code_points.h"
#include "decode/convert.h"
#include "decode/decode.h"
#include "decode/legacy_misreading.h"
#include "decode/mojibake.h"
#include "decode/plausibility.h"
#include "decode/stripped_apostrophes.h"
#include "decode/unicode_class.h"
#include "decode/utf8.h"

namespace winnow::decode {
namespace {

constexpr int kMaxLayers = 4;

struct NamedReference {
    std::string_view name;
    char32_t code_point;
};

constexpr NamedReference kNamedReferences[] = {
#include "decode/html_entities.inc"
};

void note(std::vector<Repair>& repairs, std::string kind, std::size_t count) {
    if (count == 0) return;
    for (Repair& r : repairs) {
        if (r.kind == kind) {
            r.count += count;
            return;
        }
    }
    repairs.push_back({std::move(kind), count});
}

std::uint16_t charmaps_encoding_to(char32_t c, std::initializer_list<int> bytes) {
    std::uint16_t mask = 0;
    const auto& charmaps = mojibake_charmaps();
    for (std::size_t k = 0; k < charmaps.size(); ++k) {
        const int b = charmaps[k].encode(c);
        if (std::find(bytes.begin(), bytes.end(), b) != bytes.end()) mask |= static_cast<std::uint16_t>(1u << k);
    }
    return mask;
}

// A space or '?' standing in for a lost byte is evidence of its own only after the letters that
// spell UTF-8's lead bytes C2, C3 and E2 in the Latin and Cyrillic code pages: "Ã " for "à",
// "Ã?" and "â€?" for a lost byte.
bool space_or_question_mark_matters_after(char32_t c) {
    return c == 0x00C2 || c == 0x00C3 || c == 0x00E2 || c == 0x0102 || c == 0x0106 || c == 0x0413;
}

bool is_ascii_letter(char32_t c) { return (c | 0x20) - U'a' < 26; }

// What may_need_repair() asks of a character below U+0800 (two bytes in UTF-8).
struct TwoByteFacts {
    std::uint16_t lead = 0;          // lead_mask()
    std::uint16_t continuation = 0;  // continuation_mask()
    CharKind kind = CharKind::symbol;
    std::uint8_t latin_letter = 0;
    std::uint8_t cyrillic_letter = 0;
    std::uint8_t cyrillic_capital = 0;
    std::uint8_t misread_central_or_baltic = 0;  // misread_central_or_baltic_letter()
};

const std::array<TwoByteFacts, 0x800>& two_byte_facts() {
    static const std::array<TwoByteFacts, 0x800> facts = [] {
        std::array<TwoByteFacts, 0x800> t{};
        for (char32_t cp = 0x80; cp < 0x800; ++cp) {
            const CharClass c = classify(cp);
            const bool letter = is_letter(c.kind);
            t[cp] = {lead_mask(cp), continuation_mask(cp), c.kind, letter && c.script == Script::latin,
                     letter && c.script == Script::cyrillic, c.kind == CharKind::upper && c.script == Script::cyrillic,
                     static_cast<std::uint8_t>(misread_central_or_baltic_letter(cp))};
        }
        return t;
    }();
    return facts;
}

// The quick pass of may_need_repair(): one read of the bytes that stops at the first sure sign a
// repair could act on, and otherwise counts what the verdict at the end weighs. Each step returns
// true for "may need repair". (All of it is inlined into may_need_repair(), where the scan is a
// local whose state the compiler keeps in registers: through a pointer, every byte read could alias
// the counters and would force them to memory.)
class RepairScan {
public:
    explicit RepairScan(std::string_view text)
        : two_byte_(two_byte_facts()), begin_(reinterpret_cast<const unsigned char*>(text.data())),
          end_(begin_ + text.size()), p_(begin_), run_(begin_) {}

    [[gnu::always_inline]] bool run() {
        while (p_ < end_) {
            if (run_has_cjk_ && *p_ < 0x80 && end_cjk_run(p_)) return true;
            skip_ascii_words();
            if (p_ >= end_) break;
            const unsigned char* at = p_;
            const unsigned char lead = *p_;
            if (lead < 0x80) {
                ++p_;
                if (ascii_character(lead)) return true;
                previous_ = lead;
                continue;
            }
            char32_t cp = 0;
            if (!decode(cp)) return true;  // the text ends inside a character
            if (lead < 0xE0 && cp >= 0x80) {
                if (two_byte_character(cp)) return true;
                continue;
            }
            if (lead < 0xF0 && ((cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3))) {
                ideograph_or_syllable(at, cp);
                continue;
            }
            // Overlong ASCII, and everything from U+0800 on but the ideographs.
            if (cp < 0x80 ? ascii_character(cp) : other_character(at, cp)) return true;
            previous_ = cp;
        }
        if (run_has_cjk_) cjk_may_need_repair_ = cjk_may_need_repair_ || !valid_ || run_may_be_mojibake(end_);
        return verdict();
    }

private:
    // Decodes the character at p_ by its lead byte's length alone, as to_code_points() does, noting
    // whether the text is still valid UTF-8. False when the text ends inside it.
    bool decode(char32_t& cp) {
        const unsigned char* p = p_;
        if (*p < 0xE0) {
            if (end_ - p < 2) return false;
            valid_ = valid_ && *p >= 0xC2 && (p[1] & 0xC0) == 0x80;
            cp = (*p & 0x1F) << 6 | (p[1] & 0x3F);
            p_ += 2;
        } else if (*p < 0xF0) {
            if (end_ - p < 3) return false;
            cp = (*p & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F);
            valid_ = valid_ && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 && cp >= 0x800 &&
                     (cp < 0xD800 || cp > 0xDFFF);
            p_ += 3;
        } else {
            if (end_ - p < 4) return false;
            cp = (*p & 0x07) << 18 | (p[1] & 0x3F) << 12 | (p[2] & 0x3F) << 6 | (p[3] & 0x3F);
            valid_ = valid_ && *p <= 0xF4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80 &&
                     cp >= 0x10000 && cp <= 0x10FFFF;
            p_ += 4;
        }
        return true;
    }

    // Eight ASCII bytes without '&' at a time (not right after a lead: "Ã " matters). Words with
    // '&' take the byte-by-byte path, which counts letters exactly, as it always has.
    void skip_ascii_words() {
        while (previous_lead_ == 0 && end_ - p_ >= 8 && *p_ < 0x80) {
            std::uint64_t word;
            std::memcpy(&word, p_, 8);
            const std::uint64_t x = word ^ 0x2626262626262626ULL;
            if ((word & 0x8080808080808080ULL) || ((x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL)) break;
            // Count letters roughly: bytes at or above 'A' in this word. Each byte is below 0x80, so
            // adding 0x80 - 'A' sets its high bit exactly when it is at least 'A', without carries;
            // the multiplication sums the eight resulting 0/1 bytes into the top byte.
            const std::uint64_t at_least_a = ((word + 0x3F3F3F3F3F3F3F3FULL) & 0x8080808080808080ULL) >> 7;
            ascii_letters_ += static_cast<std::size_t>((at_least_a * 0x0101010101010101ULL) >> 56);
            previous_kind_ = CharKind::space;
            previous_ = p_[7];
            p_ += 8;
        }
    }

    bool ascii_character(char32_t cp) {
        if ((cp == U' ' || cp == U'?') && space_or_question_mark_matters_after(previous_)) return true;
        ascii_letters_ += is_ascii_letter(cp);
        previous_lead_ = 0;
        previous_kind_ = CharKind::space;
        return false;
    }

    // Latin-1, Greek, Cyrillic, Hebrew, Arabic...: all two bytes, and all the general path asks of
    // them in one lookup.
    bool two_byte_character(char32_t cp) {
        if (cp <= 0x9F) return true;  // a C1 control
        const TwoByteFacts f = two_byte_[cp];
        if (previous_lead_ & f.continuation) return true;
        // Central European or Baltic text read as windows-1252 ("pøedpis", "¿e"): two different
        // such letters beside letters.
        if (f.misread_central_or_baltic &&
            (is_ascii_letter(previous_) || is_letter(previous_kind_) ||
             (p_ < end_ && (is_ascii_letter(*p_) || *p_ >= 0xC3)))) {
            misread_letters_ |= static_cast<std::uint16_t>(1u << f.misread_central_or_baltic);
            if (std::popcount(misread_letters_) >= 2) return true;
        }
        latin_letters_ += f.latin_letter;
        cyrillic_letters_ += f.cyrillic_letter;
        cyrillic_capitals_ += f.cyrillic_capital;
        case_flips_ += previous_kind_ == CharKind::lower && f.kind == CharKind::upper;
        previous_lead_ = f.lead;
        previous_kind_ = f.kind;
        previous_ = cp;
        run_only_cjk_ = false;
        return false;
    }

    // Ideographs and Hangul syllables: letters of no code page, so they pair with nothing and
    // count only as CJK.
    void ideograph_or_syllable(const unsigned char* at, char32_t cp) {
        note_cjk(at);
        beyond_legacy_ = true;
        ++cjk_letters_;
        previous_lead_ = 0;
        previous_kind_ = CharKind::letter;
        previous_ = cp;
    }

    // Any other character from U+0800 up, by its class.
    bool other_character(const unsigned char* at, char32_t cp) {
        if (cp <= 0x9F || cp == 0xFFFD) return true;
        if (previous_lead_ & continuation_mask(cp)) return true;
        const CharClass c = classify(cp);
        const bool letter = is_letter(c.kind);
        latin_letters_ += letter && c.script == Script::latin;
        cyrillic_letters_ += letter && c.script == Script::cyrillic;
        cyrillic_capitals_ += c.kind == CharKind::upper && c.script == Script::cyrillic;
        // KOI8-R and windows-1251 read as each other swap case inside words ("рТЙЧЕФ").
        case_flips_ += previous_kind_ == CharKind::lower && c.kind == CharKind::upper;
        previous_lead_ = lead_mask(cp);
        previous_kind_ = c.kind;
        beyond_legacy_ = beyond_legacy_ || cp >= 0x2E80;
        // Hangul jamo, at U+1100, is the first CJK in classify().
        if (cp >= 0x1100 && (c.script == Script::cjk || c.script == Script::hangul)) {
            note_cjk(at);
            cjk_letters_ += letter;
        } else {
            run_only_cjk_ = false;
        }
        return false;
    }

    // A run of non-ASCII characters with CJK in it starts at `at`'s run (or goes on).
    void note_cjk(const unsigned char* at) {
        ++run_cjk_;
        if (run_has_cjk_) return;
        run_has_cjk_ = true;
        run_ = at;
        while (run_ > begin_ && run_[-1] >= 0x80) --run_;
        run_only_cjk_ = run_ == at;
    }

    // At the ASCII byte that ends a run with CJK in it.
    bool end_cjk_run(const unsigned char* at) {
        cjk_may_need_repair_ = cjk_may_need_repair_ || !valid_ || run_may_be_mojibake(at);
        run_has_cjk_ = false;
        run_cjk_ = 0;
        return beyond_legacy_ && cjk_may_need_repair_;
    }

    // Whether the run ending here may be UTF-8 read as a CJK code page. One or two CJK characters
    // with no ASCII letter on either side give find_multibyte() only weak edits, which count only
    // beside a clear one from another run: such a run need not be looked at.
    bool run_may_be_mojibake(const unsigned char* run_end) const {
        const bool letter_beside =
            (run_ > begin_ && is_ascii_letter(run_[-1])) || (run_end < end_ && is_ascii_letter(*run_end));
        if (run_only_cjk_ && run_cjk_ <= 2 && !letter_beside) return false;
        return may_be_multibyte_mojibake(
            std::string_view(reinterpret_cast<const char*>(run_), static_cast<std::size_t>(run_end - run_)));
    }

    // With the whole text read.
    bool verdict() const {
        if (beyond_legacy_) {
            // Text that is not valid UTF-8 splits into runs differently in the full repair.
            if (cjk_may_need_repair_ || !valid_) return true;
            // An upper bound on fix_stray_ideographs()'s count of Latin letters.
            const std::size_t latin = ascii_letters_ + latin_letters_;
            if (cjk_letters_ > 0 && cjk_letters_ * 50 <= latin && latin >= 20) return true;
        }
        // Legacy misreadings: Latin-1 soup ("Ïðèâåò") or case-swapped Cyrillic ("рТЙЧЕФ НЙТ"),
        // which is mostly capitals or flips case inside words.
        const std::size_t letters = ascii_letters_ + latin_letters_ + cyrillic_letters_;
        if (latin_letters_ >= 4 && latin_letters_ * 2 >= letters) return true;
        return cyrillic_letters_ >= 4 && cyrillic_letters_ * 2 >= letters &&
               (case_flips_ >= 2 || cyrillic_capitals_ * 2 >= cyrillic_letters_);
    }

    const std::array<TwoByteFacts, 0x800>& two_byte_;
    const unsigned char* const begin_;
    const unsigned char* const end_;
    const unsigned char* p_;
    std::uint16_t previous_lead_ = 0;
    char32_t previous_ = 0;
    CharKind previous_kind_ = CharKind::space;
    std::size_t ascii_letters_ = 0, latin_letters_ = 0, cyrillic_letters_ = 0, cyrillic_capitals_ = 0, case_flips_ = 0;
    std::uint16_t misread_letters_ = 0;  // the misread_central_or_baltic_letter() kinds seen
    // Text with characters from U+2E80 up (CJK) can be settled here too: no legacy misreading has
    // them, and each run of non-ASCII characters with CJK in it must fail
    // may_be_multibyte_mojibake(). Text where a stray ideograph could be mended (mostly Latin
    // letters, see fix_stray_ideographs) and runs that are not valid UTF-8 go to the full repair.
    bool beyond_legacy_ = false;  // a character from U+2E80 up, which none of the legacy readings has
    bool valid_ = true;           // valid UTF-8 so far: it reads the same here and in the full repair
    bool cjk_may_need_repair_ = false;
    std::size_t cjk_letters_ = 0;
    const unsigned char* run_;   // start of the current run of non-ASCII characters, once it has CJK
    bool run_has_cjk_ = false;
    std::size_t run_cjk_ = 0;    // CJK characters in the run
    bool run_only_cjk_ = false;  // and nothing else
};

// A quick pass over the bytes for anything a repair other than decoding references could act on:
// C1 controls, U+FFFD, a code page's lead byte followed by one of its continuation bytes, letters
// that are mostly non-ASCII (a legacy misreading), or CJK that may be mojibake. Most text, in any
// language, is settled here.
bool may_need_repair(std::string_view text) { return RepairScan(text).run(); }

std::optional<char32_t> named_reference(std::u32string_view name) {
    std::string ascii;
    for (const char32_t c : name) {
        if (c >= 0x80) return std::nullopt;
        ascii.push_back(static_cast<char>(c));
    }
    const auto* end = std::end(kNamedReferences);
    const auto* it = std::lower_bound(std::begin(kNamedReferences), end, ascii,
                                      [](const NamedReference& r, const std::string& n) { return r.name < n; });
    if (it == end || it->name != ascii) return std::nullopt;
    return it->code_point;
}

// The character a reference at text[i] ('&') stands for and its length, when it is one.
std::optional<std::pair<char32_t, std::size_t>> reference_at(std::u32string_view text, std::size_t i) {
    const std::size_t semi = text.find(U';', i + 1);
    if (semi == std::u32string_view::npos || semi - i > 12 || semi - i < 3) return std::nullopt;
    const std::u32string_view body = text.substr(i + 1, semi - i - 1);
    if (body[0] == U'#') {
        char32_t cp = 0;
        const bool hex = body.size() > 1 && (body[1] == U'x' || body[1] == U'X');
        const std::u32string_view digits = body.substr(hex ? 2 : 1);
        if (digits.empty()) return std::nullopt;
        for (const char32_t d : digits) {
            int v;
            if (d >= U'0' && d <= U'9') v = static_cast<int>(d - U'0');
            else if (hex && d >= U'a' && d <= U'f') v = static_cast<int>(d - U'a' + 10);
            else if (hex && d >= U'A' && d <= U'F') v = static_cast<int>(d - U'A' + 10);
            else return std::nullopt;
            cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
            if (cp > 0x10FFFF) return std::nullopt;
        }
        if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
        // Numeric references to 0x80-0x9F mean windows-1252, as HTML parsers read them.
        if (cp >= 0x80 && cp <= 0x9F) cp = charmap_named("windows-1252").decode(static_cast<unsigned char>(cp));
        return std::pair{cp, semi - i + 1};
    }
    if (const auto cp = named_reference(body)) return std::pair{*cp, semi - i + 1};
    return std::nullopt;
}

// Whether decode_leftover_references() may find something: an '&' in text without markup.
bool may_hold_references(std::string_view text) {
    return text.find('&') != std::string_view::npos && text.find('<') == std::string_view::npos &&
           text.find("&lt;") == std::string_view::npos && text.find("&gt;") == std::string_view::npos;
}

// Character references left in text after markup was removed, including double-escaped ones
// ("&amp;nbsp;"). Text that still contains markup is left alone: its references are intended.
std::size_t decode_leftover_references(std::u32string& text) {
    if (text.find(U'&') == std::u32string::npos) return 0;
    // Markup, or markup escaped as source ("&lt;br /&gt;"): its references are meant.
    if (text.find(U'<') != std::u32string::npos || text.find(U"&lt;") != std::u32string::npos ||
        text.find(U"&gt;") != std::u32string::npos) {
        return 0;
    }
    std::size_t count = 0;
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != U'&') {
            out.push_back(text[i]);
            continue;
        }
        auto ref = reference_at(text, i);
        if (!ref) {
            out.push_back(text[i]);
            continue;
        }
        std::size_t length = ref->second;
        std::u32string_view name = std::u32string_view(text).substr(i + 1, length - 2);
        // "&amp;" followed by the rest of another reference: undo both layers at once.
        while (ref->first == U'&' && i + length < text.size()) {
            const std::u32string inner = U"&" + std::u32string(text.substr(i + length));
            const auto next = reference_at(inner, 0);
            if (!next) break;
            name = std::u32string_view(text).substr(i + length, next->second - 2);
            length += next->second - 1;
            ref = std::pair{next->first, length};
        }
        // &lt; &gt; &amp; &quot; &apos; (even double-escaped) are how XML and HTML source escape
        // markup characters, so they may be meant. Everything else (&#8217;, &nbsp;, &eacute;,
        // &amp;nbsp;) is leftover.
        if (name == U"lt" || name == U"gt" || name == U"amp" || name == U"quot" || name == U"apos") {
            out.append(text.substr(i, length));
            i += length - 1;
            continue;
        }
        out.push_back(ref->first);
        i += length - 1;
        ++count;
    }
    if (count > 0) text = std::move(out);
    return count;
}

struct Peeling {
    std::u32string text;
    double cost = 0;  // implausibility; measured from the first layer's own cost when cost_from_zero
    bool cost_from_zero = false;
    std::vector<std::pair<std::string_view, std::size_t>> steps;  // encoding, edits
    bool speculative = false;  // a step was taken without evidence of its own
};

// A path that starts with an unproven layer must end in text far more plausible than it began.
bool speculation_pays(double before, double after) { return after <= before * 0.3 && before - after >= 4.0; }

// Peels mojibake layers. Each round, every code page proposes its edits; the most promising few
// are followed further, and the path that ends in the most plausible text wins. Looking ahead
// matters for double encoding, where the right first layer ("Ã¢â‚¬Å¾" → "â€ž") still looks
// like mojibake until the second is peeled.
// Cheap necessary conditions for each kind of mojibake, so that clean text skips the search.
struct Suspicions {
    std::uint16_t charmaps = 0;  // bit k: a lead byte then a continuation byte in mojibake_charmaps()[k]
    bool multibyte = false;      // three or more CJK characters in a row
};

Suspicions suspect(std::u32string_view text) {
    Suspicions found;
    std::size_t cjk_run = 0;
    for (std::size_t i = next_non_ascii(text, 0); i < text.size(); ++i) {
        const char32_t c = text[i];
        if (c < 0x80) {
            cjk_run = 0;
            i = next_non_ascii(text, i) - 1;
            continue;
        }
        if (i + 1 < text.size()) {
            if (const std::uint16_t lead = lead_mask(c)) {
                const char32_t next = text[i + 1];
                // A space or '?' standing in for a byte only counts after the leads where it is
                // evidence of its own ("Ã " for "à", "Ã?" for a lost byte): 0xC2, 0xC3 and 0xE2.
                if (next == U' ' || next == U'?') {
                    if (space_or_question_mark_matters_after(c)) found.charmaps |= charmaps_encoding_to(c, {0xC2, 0xC3, 0xE2});
                } else if (next == 0xFFFD) {
                    found.charmaps |= lead;
                } else {
                    found.charmaps |= lead & continuation_mask(next);
                }
            }
        }
        // classify() has no CJK or Hangul below U+1100 (Hangul jamo).
        const Script script = c < 0x1100 ? Script::common : classify(c).script;
        cjk_run = script == Script::cjk || script == Script::hangul ? cjk_run + 1 : 0;
        if (cjk_run >= 3) found.multibyte = true;
        // A CJK character right after a Latin letter may be an accented letter read as GBK.
        if (cjk_run == 1 && i > 0 && text[i - 1] < 0x80 && std::isalpha(static_cast<int>(text[i - 1]))) found.multibyte = true;

    }
    return found;
}

// Equality by bytes: char_traits<char32_t> compares one character at a time.
bool same_text(std::u32string_view a, std::u32string_view b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(char32_t)) == 0;
}

// `known_cost` is the text's implausibility: computed at the first layer only if there is
// something to peel and a speculative path needs it, and for deeper layers estimated from the
// edits' local gains. `settled` collects texts found to have nothing to peel below the first
// layer, where what a text offers depends on the text alone: two paths often reach the same text.
Peeling peel(std::u32string text, int layer, std::optional<double> known_cost, std::vector<std::u32string>& settled) {
    if (layer > 0 && std::any_of(settled.begin(), settled.end(), [&](const std::u32string& s) { return same_text(s, text); })) {
        return {std::move(text), known_cost.value_or(0.0), false, {}};
    }
    const Suspicions suspicions = layer < kMaxLayers ? suspect(text) : Suspicions{};
    if (suspicions.charmaps == 0 && !suspicions.multibyte) return {std::move(text), known_cost.value_or(0.0), false, {}};
    struct Option {
        std::string_view encoding;
        std::size_t edits;
        double removed;  // implausibility the edits remove
        double cost;     // set once the text's own cost is known
        double evidence;
        std::vector<Edit> chosen;
        std::u32string text;  // the text with the edits applied, made only for the readings followed
        bool speculative;
    };
    std::vector<Option> options;
    auto add_option = [&](std::string_view encoding, std::vector<Edit> edits, bool speculative) {
        double evidence = 0, removed = 0;
        for (const Edit& e : edits) {
            evidence += e.evidence;
            removed += e.plausibility_gain;
        }
        const std::size_t count = edits.size();
        options.push_back({encoding, count, removed, 0.0, evidence, std::move(edits), {}, speculative});
    };
    auto consider = [&](std::string_view encoding, std::vector<Edit> candidates) {
        if (candidates.empty()) return;
        if (layer > 0) {
            std::vector<Edit> edits = select_edits(std::move(candidates), Proof::shown, encoding);
            if (!edits.empty()) add_option(encoding, std::move(edits), false);
            return;
        }
        std::vector<Edit> edits = select_edits(candidates, Proof::required, encoding);
        const std::size_t required = edits.size();
        if (!edits.empty()) add_option(encoding, std::move(edits), false);
        // A first layer of double encoding can look no better than before ("Г‚ВЈ" → "Â£" → "£"),
        // so every sequence is also followed as a speculative reading, kept only if the path pays.
        std::vector<Edit> all = select_edits(std::move(candidates), Proof::none, encoding);
        if (all.size() > required) add_option(encoding, std::move(all), true);
    };
    std::array<std::string_view, 16> suspected;  // the single-byte code pages, then the multi-byte ones
    std::size_t count = 0;
    const auto& charmaps = mojibake_charmaps();
    for (std::size_t k = 0; k < charmaps.size(); ++k) {
        if (suspicions.charmaps & (1u << k)) suspected[count++] = charmaps[k].name();
    }
    if (suspicions.multibyte) {
        for (const auto encoding : multibyte_mojibake_encodings()) suspected[count++] = encoding;
    }
    std::vector<std::vector<Edit>> candidates = mojibake_candidates(text, std::span(suspected.data(), count));
    for (std::size_t k = 0; k < count; ++k) consider(suspected[k], std::move(candidates[k]));
    // Nothing to follow: the caller reads no cost from a path without steps, so none is computed.
    if (options.empty()) {
        if (layer > 0) settled.push_back(text);
        return {std::move(text), known_cost.value_or(0.0), false, {}};
    }
    // Three readings are followed from each of the first two layers, one after that: the search
    // stays small on long documents.
    const std::size_t branches = layer <= 1 ? 3 : 1;
    for (Option& option : options) option.cost = known_cost.value_or(0.0) - option.removed;
    std::stable_sort(options.begin(), options.end(),
                     [](const Option& a, const Option& b) { return a.cost - a.evidence < b.cost - b.evidence; });
    // Paths are compared by what they remove, so the first layer's own cost is needed only to
    // judge a speculative path; without one, costs count from zero. All costs are multiples of
    // 0.25, so the order and the comparisons come out the same either way.
    const std::size_t followed = std::min(options.size(), branches);
    const bool from_zero = !known_cost && std::none_of(options.begin(), options.begin() + static_cast<std::ptrdiff_t>(followed),
                                                       [](const Option& o) { return o.speculative; });
    double cost = known_cost.value_or(0.0);
    if (!known_cost && !from_zero) {
        cost = implausibility(text, 0, text.size());
        for (Option& option : options) option.cost += cost;
    }
    // Two code pages often propose the same reading (windows-1252 and windows-1254 do for most
    // Western text). Followed again, it would end where the first did and could not win over it.
    // The same edits make the same text; other edits are compared by the text they make.
    std::vector<bool> repeated(followed, false), made(followed, false);
    auto make_text = [&](std::size_t i) {
        if (!made[i]) options[i].text = apply_edits(text, options[i].chosen);
        made[i] = true;
    };
    for (std::size_t i = 0; i < followed; ++i) {
        for (std::size_t j = 0; j < i && !repeated[i]; ++j) {
            const Option &a = options[i], &b = options[j];
            if (repeated[j] || a.cost != b.cost || a.evidence != b.evidence || a.speculative != b.speculative) continue;
            if (same_edits(a.chosen, b.chosen)) {
                repeated[i] = true;
            } else {
                make_text(i);
                make_text(j);
                repeated[i] = same_text(a.text, b.text);
            }
        }
        if (!repeated[i]) make_text(i);
    }
    Peeling best{std::move(text), cost, from_zero, {}};
    const double initial = best.cost;
    for (std::size_t i = 0; i < followed; ++i) {
        if (repeated[i]) continue;
        Peeling further = peel(std::move(options[i].text), layer + 1, options[i].cost, settled);
        further.cost -= options[i].evidence;
        further.steps.insert(further.steps.begin(), {options[i].encoding, options[i].edits});
        further.speculative = further.speculative || options[i].speculative;
        if (further.speculative && !speculation_pays(initial, further.cost)) continue;
        further.cost_from_zero = from_zero;
        if (further.cost < best.cost) best = std::move(further);
    }
    return best;
}

// C1 controls (U+0080-U+009F) are bytes of a code page decoded as Latin-1: windows-1252 as a
// rule, MacRoman when the text has no other Latin-1 character and reads better that way.
std::size_t fix_c1_controls(std::u32string& text) {
    std::vector<std::size_t> positions;
    bool other_latin1 = false;
    for (std::size_t i = next_non_ascii(text, 0); i < text.size(); i = next_non_ascii(text, i + 1)) {
        if (text[i] <= 0x9F) positions.push_back(i);
        if (text[i] >= 0xA0 && text[i] <= 0xFF) other_latin1 = true;
    }
    if (positions.empty()) return 0;
    const SingleByteCharmap& windows = charmap_named("windows-1252");
    const SingleByteCharmap& mac = charmap_named("macintosh");
    const SingleByteCharmap* chosen = &windows;
    // MacRoman's 0x80-0x9F are letters, so that reading needs every C1 control to follow a letter.
    const bool all_inside_words = std::all_of(positions.begin(), positions.end(), [&](std::size_t i) {
        return i > 0 && is_letter(classify(text[i - 1]).kind);
    });
    if (!other_latin1 && all_inside_words) {
        double windows_gain = 0, mac_gain = 0;
        for (const std::size_t i : positions) {
            const auto byte = static_cast<unsigned char>(text[i]);
            windows_gain += edit_gain(text, i, i + 1, std::u32string(1, windows.decode(byte)));
            mac_gain += edit_gain(text, i, i + 1, std::u32string(1, mac.decode(byte)));
        }
        if (mac_gain > windows_gain + 1.0) chosen = &mac;
    }
    std::size_t count = 0;
    for (const std::size_t i : positions) {
        const char32_t fixed = chosen->decode(static_cast<unsigned char>(text[i]));
        if (fixed != text[i]) {
            text[i] = fixed;
            ++count;
        }
    }
    return count;
}

constexpr const char* kCjkIconvNames[] = {"GBK", "BIG5-HKSCS", "WINDOWS-31J", "UHC"};

bool is_cjk_ideograph(char32_t cp) { return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF); }

// A lone ideograph glued between Latin-script characters where a no-break space was ("below泭or"),
// which becomes that no-break space again:
// some CMS exports turn &nbsp; into U+6CED. The text around it must be Latin with no other CJK.
std::size_t fix_stray_ideographs(std::u32string& text) {
    bool ideograph = false;
    for (std::size_t i = next_non_ascii(text, 0); i < text.size() && !ideograph; i = next_non_ascii(text, i + 1)) {
        ideograph = is_cjk_ideograph(text[i]);
    }
    if (!ideograph) return 0;
    std::size_t latin = 0, cjk = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const CharClass c = classify(text[i]);
        if (!is_letter(c.kind)) continue;
        if (c.script == Script::latin) ++latin;
        else if (c.script == Script::cjk || c.script == Script::hangul) ++cjk;
        // Too much CJK for the rest of the text to outweigh (CJK text): stop counting.
        if (cjk > 0 && cjk * 50 > latin + (text.size() - i - 1)) return 0;
    }
    if (cjk == 0 || cjk * 50 > latin || latin < 20) return 0;
    std::size_t count = 0;
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        if (!is_cjk_ideograph(text[i])) continue;
        const CharClass left = classify(text[i - 1]), right = classify(text[i + 1]);
        // Letters, digits and sentence punctuation; not quotes, brackets or markup around a cited character.
        auto latin_side = [](const CharClass& c, char32_t cp) {
            if (cp < 0x80) return std::isalnum(static_cast<int>(cp)) != 0 || std::u32string_view(U".,;:!?").find(cp) != std::u32string_view::npos;
            return is_letter(c.kind) && c.script == Script::latin;
        };
        if (!latin_side(left, text[i - 1]) || !latin_side(right, text[i + 1])) continue;
        // An ideograph that is an accented letter read as a CJK code page ("g猫nere") is not stray.
        const std::string ideograph = to_utf8(text.substr(i, 1));
        const bool explained = std::any_of(std::begin(kCjkIconvNames), std::end(kCjkIconvNames), [&](const char* name) {
            std::string bytes;
            return convert_from_utf8(ideograph, name, bytes) && valid_utf8_prefix(bytes) == bytes.size();
        });
        if (explained) continue;
        // It stood for a no-break space; before punctuation that space only parted the mark from
        // a word the source lost ("Geneva.泭, Malaysia's capital"), so it goes.
        if (std::u32string_view(U".,;:!?").find(text[i + 1]) != std::u32string_view::npos) {
            text.erase(i, 1);
            --i;
        } else {
            text[i] = 0x00A0;  // the no-break space it stood for
        }
        ++count;
    }
    return count;
}

std::size_t cjk_characters(std::u32string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char32_t c) {
        if (c < 0x1100) return false;
        const Script s = classify(c).script;
        return s == Script::cjk || s == Script::hangul;
    }));
}

bool shows_latin1_mojibake(std::u32string_view text) {
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        if (is_latin1_mojibake_pair(text[i], text[i + 1])) return true;
    }
    return false;
}

// Repairs one stretch of text as a whole: the evidence for a reading (how much of the text it
// explains, whether correct UTF-8 punctuation stands beside the mojibake) is taken from all of it.
std::vector<Repair> repair_stretch(std::string& text) {
    std::vector<Repair> repairs;
    if (!may_hold_references(text) && !may_need_repair(text)) return repairs;
    std::u32string code_points = to_code_points(text);
    note(repairs, "html-entity", decode_leftover_references(code_points));
    // A legacy re-reading must beat peeling UTF-8 mojibake clearly: both can apply to the same
    // Latin-1 soup, and UTF-8's byte structure is the stronger evidence.
    LegacyRepair legacy = undo_legacy_misreading(code_points);
    std::vector<std::u32string> settled;
    const double original_cost = legacy.kind.empty() ? 0.0 : implausibility(code_points, 0, code_points.size());
    Peeling peeled = peel(std::move(code_points), 0, std::nullopt, settled);
    if (peeled.cost_from_zero) peeled.cost += original_cost;
    // Layers peeled off text that was damaged further (lower-cased, say) turn it into CJK or
    // other letters beside leftover mojibake ("ã†â€™ãƒâ€ ã¢â‚¬" → "㆒テ㢀™ã¢€"): a result of two
    // or more layers that still shows mojibake must not have gained CJK on the way, and must
    // have lost most of the implausibility it started with.
    if (peeled.steps.size() >= 2 && shows_latin1_mojibake(peeled.text)) {
        std::u32string before = to_code_points(text);
        decode_leftover_references(before);
        if (cjk_characters(peeled.text) > cjk_characters(before) ||
            implausibility(peeled.text, 0, peeled.text.size()) > 0.3 * implausibility(before, 0, before.size())) {
            peeled = {std::move(before), 0.0, false, {}};
        }
    }
    if (!legacy.kind.empty() && (peeled.steps.empty() || legacy.cost < peeled.cost - 2.0)) {
        code_points = std::move(legacy.text);
        note(repairs, legacy.kind, 1);
    } else {
        // Without steps, the peeled text is the text itself.
        code_points = std::move(peeled.text);
        for (const auto& [encoding, count] : peeled.steps) note(repairs, "utf8-as-" + std::string(encoding), count);
    }
    note(repairs, "c1-control", fix_c1_controls(code_points));
    note(repairs, "stray-ideograph", fix_stray_ideographs(code_points));
    if (!repairs.empty()) text = to_utf8(code_points);
    return repairs;
}

// Where the stretch that starts at `begin` (at least `length` bytes long) ends: after a line end,
// or when a line runs on past four stretches, before a space or another ASCII byte (mojibake is
// made of non-ASCII characters only, so none is cut in two), or failing that at a character boundary.
std::size_t stretch_end(std::string_view text, std::size_t begin, std::size_t length) {
    const std::size_t from = begin + length;
    if (from >= text.size()) return text.size();
    const std::string_view window = text.substr(from, 3 * length);
    if (const std::size_t line_end = window.find('\n'); line_end != std::string_view::npos) return from + line_end + 1;
    if (window.size() < 3 * length) return text.size();  // the last stretch
    if (const std::size_t space = window.find(' '); space != std::string_view::npos) return from + space;
    for (std::size_t i = 0; i < window.size(); ++i) {
        if (static_cast<unsigned char>(window[i]) < 0x80) return from + i;
    }
    std::size_t end = from;
    while (end > begin && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return end;
}

// Long texts are repaired a stretch at a time (see repair_mojibake).
std::vector<Repair> repair_in_stretches(std::string& text, const Deadline* deadline) {
    // Long texts are repaired a stretch of lines at a time: one suspicious character then costs
    // the repair of its stretch, not of the whole text, and clean stretches pass the quick check.
    constexpr std::size_t kStretch = 8192;
    if (text.size() <= 2 * kStretch) return repair_stretch(text);
    std::vector<Repair> repairs;
    std::string repaired;
    repaired.reserve(text.size());
    std::size_t begin = 0;
    while (begin < text.size()) {
        check_deadline(deadline);
        // Repair costs more than linear time in a stretch's length: one long line (a page's text
        // with no line breaks) is cut too.
        const std::size_t end = stretch_end(text, begin, kStretch);
        std::string stretch = text.substr(begin, end - begin);
        for (Repair& r : repair_stretch(stretch)) {
            auto same = std::find_if(repairs.begin(), repairs.end(), [&](const Repair& x) { return x.kind == r.kind; });
            if (same == repairs.end()) repairs.push_back(std::move(r));
            else same->count += r.count;
        }
        repaired += stretch;
        begin = end;
    }
    if (!repairs.empty()) text = std::move(repaired);
    return repairs;
}

}  // namespace

std::vector<Repair> repair_mojibake(std::string& text, const Deadline* deadline) {
    std::vector<Repair> repairs = repair_in_stretches(text, deadline);
    check_deadline(deadline);
    // Lost apostrophes are judged on the whole text: the evidence is spread over it.
    const ApostropheRestoration apostrophes = restore_stripped_apostrophes(text);
    if (apostrophes.stripped) repairs.push_back({"stripped-apostrophes", apostrophes.restored});
    return repairs;
}

}  // namespace winnow::decode
