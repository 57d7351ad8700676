// uchardet behind an owner type, plus the rules that correct its answers on web text.
#include "decode/detect.h"

#include <uchardet/uchardet.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>

#include "decode/code_points.h"
#include "decode/convert.h"
#include "decode/encoding_labels.h"
#include "decode/plausibility.h"
#include "decode/utf8.h"

namespace winnow::decode {
namespace {

class UchardetHandle {
public:
    UchardetHandle() : handle_(uchardet_new()) {}
    ~UchardetHandle() {
        if (handle_ != nullptr) uchardet_delete(handle_);
    }
    UchardetHandle(const UchardetHandle&) = delete;
    UchardetHandle& operator=(const UchardetHandle&) = delete;

    std::string guess(std::string_view bytes) {
        if (handle_ == nullptr) return {};
        if (uchardet_handle_data(handle_, bytes.data(), bytes.size()) != 0) return {};
        uchardet_data_end(handle_);
        const char* charset = uchardet_get_charset(handle_);
        return charset == nullptr ? std::string() : std::string(charset);
    }

private:
    uchardet_t handle_;
};

bool has_c1_bytes(std::string_view bytes) {
    return std::any_of(bytes.begin(), bytes.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return b >= 0x80 && b <= 0x9F;
    });
}

// ISO-8859-x (as uchardet names it, or as WHATWG resolved it) → the windows-125x with the same
// letters that assigns printable characters to 0x80-0x9F.
std::string_view windows_superset(std::string_view iso) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kSupersets{{
        {"ISO-8859-1", "windows-1252"},
        {"ISO-8859-15", "windows-1252"},
        {"ISO-8859-2", "windows-1250"},
        {"ISO-8859-7", "windows-1253"},
        {"ISO-8859-8", "windows-1255"},
        {"ISO-8859-8-I", "windows-1255"},
        {"ISO-8859-9", "windows-1254"},
        {"ISO-8859-13", "windows-1257"},
        {"ISO-8859-11", "windows-874"},
    }};
    for (const auto& [from, to] : kSupersets) {
        if (from == iso) return to;
    }
    return {};
}

// KOI8-U is KOI8-R with the Ukrainian letters і, ї, є, ґ (and capitals) where KOI8-R has box
// drawing; uchardet knows only KOI8-R. Those bytes beside a letter are Ukrainian, not a frame.
bool has_koi8u_letters(std::string_view bytes) {
    auto ukrainian = [](unsigned char b) {
        const unsigned char low = b & 0xEF;  // 0xA4/0xB4, 0xA6/0xB6, 0xA7/0xB7, 0xAD/0xBD
        return low == 0xA4 || low == 0xA6 || low == 0xA7 || low == 0xAD;
    };
    auto letter = [](unsigned char b) { return b >= 0xC0 || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z'); };
    std::size_t beside_letters = 0, elsewhere = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (b < 0xA4 || b > 0xBD || !ukrainian(b)) continue;
        const bool before = i > 0 && letter(static_cast<unsigned char>(bytes[i - 1]));
        const bool after = i + 1 < bytes.size() && letter(static_cast<unsigned char>(bytes[i + 1]));
        ++(before || after ? beside_letters : elsewhere);
    }
    return beside_letters > 0 && beside_letters >= elsewhere;
}

// UTF-16 without a BOM: ASCII-range text leaves a NUL in every other byte.
std::string utf16_by_nul_pattern(std::string_view bytes) {
    const std::size_t n = std::min<std::size_t>(bytes.size(), 4096) & ~std::size_t{1};
    if (n < 8) return {};
    std::size_t even_nul = 0, odd_nul = 0;
    for (std::size_t i = 0; i < n; i += 2) {
        even_nul += bytes[i] == '\0';
        odd_nul += bytes[i + 1] == '\0';
    }
    const std::size_t units = n / 2;
    if (odd_nul * 10 >= units * 3 && even_nul * 20 < units) return "UTF-16LE";
    if (even_nul * 10 >= units * 3 && odd_nul * 20 < units) return "UTF-16BE";
    return {};
}

// UTF-32 without a BOM: nearly every 4-byte unit is a Unicode scalar value, which text in any
// other encoding almost never produces.
std::string utf32_by_code_units(std::string_view bytes) {
    const std::size_t n = std::min<std::size_t>(bytes.size(), 4096) & ~std::size_t{3};
    if (n < 16) return {};
    std::size_t le_valid = 0, be_valid = 0;
    auto valid = [](std::uint32_t cp) { return cp != 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF); };
    for (std::size_t i = 0; i < n; i += 4) {
        const auto b = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + k])); };
        le_valid += valid(b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24);
        be_valid += valid(b(3) | b(2) << 8 | b(1) << 16 | b(0) << 24);
    }
    const std::size_t units = n / 4;
    if (le_valid * 100 >= units * 98) return "UTF-32LE";
    if (be_valid * 100 >= units * 98) return "UTF-32BE";
    return {};
}

// ISO-2022 text is 7-bit: it announces its character sets with ESC $ sequences.
bool has_iso2022_escape(std::string_view bytes) {
    return bytes.find("\x1B$") != std::string_view::npos || bytes.find("\x1B(") != std::string_view::npos;
}

// When uchardet has no answer: the code page, among those it does not model, under which the
// bytes read most plausibly (Hebrew and Greek DOS pages, Johab, Georgian). windows-1252 comes
// first and wins ties.
constexpr std::array<std::string_view, 12> kUnmodelledCodePages{
    "windows-1252", "IBM862", "CP737", "JOHAB", "GEORGIAN-ACADEMY", "GEORGIAN-PS", "IBM866", "IBM852",
    "IBM855", "IBM437", "IBM865", "IBM850"};

// The implausibility of a reading, with undecodable bytes counted heavily; -1 when the encoding
// cannot be read at all.
double reading_cost(const Conversion& reading) {
    if (!reading.ok) return -1;
    const std::u32string text = to_code_points(reading.text);
    return implausibility(text, 0, text.size()) + 8.0 * static_cast<double>(reading.replacements);
}

double reading_cost(std::string_view sample, const std::string& encoding) {
    return reading_cost(convert_to_utf8(sample, encoding));
}

// What the choice between a rare code page and a common one reads.
constexpr std::size_t kSearchSampleForRare = 4096;

// Latin-script code pages uchardet also answers that few web pages use, each with the code pages
// the web uses for the same languages, in the order a tie goes. A short document gives uchardet
// little to go on, and it then often names one of these for windows-1252 or windows-1250 text.
struct RareLatinCodePage {
    std::string_view name;
    std::array<std::string_view, 2> common;
};
constexpr std::array<RareLatinCodePage, 5> kRareLatinCodePages{{
    {"ISO-8859-10", {"windows-1252", "windows-1257"}},
    {"ISO-8859-13", {"windows-1257", "windows-1252"}},
    {"ISO-8859-16", {"windows-1250", "windows-1252"}},
    {"IBM852", {"windows-1250", "windows-1252"}},
    {"MAC-CENTRALEUROPE", {"windows-1250", "windows-1252"}},
}};

// Up to this size a document is short: a common code page that reads it as plausibly as the
// rare one uchardet named is taken. Longer ones need a clearly better reading.
constexpr std::size_t kThinEvidence = 2048;

// The common code page to read `bytes` in instead of the rare `encoding`, or empty.
std::string_view common_instead_of_rare(std::string_view bytes, std::string_view encoding) {
    const auto rare = std::find_if(kRareLatinCodePages.begin(), kRareLatinCodePages.end(),
                                   [&](const RareLatinCodePage& p) { return p.name == encoding; });
    if (rare == kRareLatinCodePages.end()) return {};
    const std::string_view sample = bytes.substr(0, kSearchSampleForRare);
    const double rare_cost = reading_cost(sample, std::string(encoding));
    if (rare_cost < 0) return {};
    const double margin = bytes.size() <= kThinEvidence ? 0.0 : 8.0;
    std::string_view best;
    double best_cost = rare_cost - margin;
    for (const std::string_view common : rare->common) {
        const double cost = reading_cost(sample, std::string(common));
        if (cost >= 0 && (cost < best_cost || (best.empty() && cost <= best_cost))) {
            best = common;
            best_cost = cost;
        }
    }
    return best;
}

// The bytes the search among unmodelled code pages reads.
constexpr std::size_t kSearchSample = 4096;

struct Reading {
    std::string encoding;  // empty when no code page qualified
    double cost = 0;       // reading_cost of the first kSearchSample bytes
};

// Readings that cost more than `ceiling` are not wanted. Each candidate must also beat the best so
// far; costs are multiples of 0.25, so beating it means costing at least 0.25 less, and
// implausibility_within gives up a reading as soon as its partial score shows it cannot.
Reading most_plausible_reading(std::string_view bytes, double ceiling = std::numeric_limits<double>::infinity()) {
    const auto& kCandidates = kUnmodelledCodePages;
    const std::string_view sample = bytes.substr(0, kSearchSample);
    Reading best;
    for (const std::string_view encoding : kCandidates) {
        const std::string name = resolve_encoding_name(encoding);
        if (name.empty()) continue;
        const Conversion reading = convert_to_utf8(sample, name);
        if (!reading.ok) continue;
        const double lost = 8.0 * static_cast<double>(reading.replacements);
        const double limit = best.encoding.empty() ? ceiling : std::min(ceiling, best.cost - 0.25);
        if (lost > limit) continue;
        if (const auto cost = implausibility_within(to_code_points(reading.text), limit - lost)) {
            best = {name, *cost + lost};
        }
    }
    return best;
}

}  // namespace

std::string uchardet_guess(std::string_view bytes) {
    UchardetHandle detector;
    return detector.guess(bytes);
}

Detection detect_encoding(std::string_view bytes) {
    Detection result;
    if (auto utf32 = utf32_by_code_units(bytes); !utf32.empty()) {
        result.encoding = std::move(utf32);
        result.rule = "utf-32-code-units";
        return result;
    }
    if (auto utf16 = utf16_by_nul_pattern(bytes); !utf16.empty()) {
        result.encoding = std::move(utf16);
        result.rule = "nul-pattern";
        return result;
    }
    const std::size_t valid = valid_utf8_prefix(bytes);
    if (valid == bytes.size() && !has_iso2022_escape(bytes)) {
        const bool ascii = std::all_of(bytes.begin(), bytes.end(), [](char c) { return (c & 0x80) == 0; });
        if (!ascii) result.encoding = "UTF-8";
        result.valid_utf8 = true;
        return result;
    }
    // uchardet settles within the first few hundred kilobytes; reading further only costs time.
    constexpr std::size_t kDetectorSample = 256 * 1024;
    const std::string guess = uchardet_guess(bytes.substr(0, kDetectorSample));
    if (guess == "ASCII") return result;
    if (guess.empty()) {
        result.encoding = most_plausible_reading(bytes).encoding;
        result.rule = "most-plausible-reading";
        return result;
    }
    result.encoding = resolve_named_encoding(guess);
    if (result.encoding.empty()) return result;
    const std::string upper_guess = [&] {
        std::string s = guess;
        for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
        return s;
    }();
    if (const auto common = common_instead_of_rare(bytes, result.encoding); !common.empty()) {
        result.encoding = std::string(common);
        result.rule = "common-code-page";
    }
    if (result.encoding == "KOI8-R" && has_koi8u_letters(bytes.substr(0, kDetectorSample))) {
        result.encoding = "KOI8-U";
        result.rule = "koi8-u-letters";
    }
    if (const auto superset = windows_superset(upper_guess); !superset.empty() && has_c1_bytes(bytes)) {
        result.encoding = std::string(superset);
        result.rule = "iso-8859-with-c1";
    }
    // uchardet does not model the DOS and Georgian code pages and names the nearest one it knows;
    // when its reading is implausible and one of those reads far better, take that.
    const std::string_view sample = bytes.substr(0, 16384);
    Conversion reading = convert_to_utf8(sample, result.encoding);
    const double chosen = reading_cost(reading);
    // A short document was read whole: the caller need not convert it again.
    if (sample.size() == bytes.size()) result.reading = std::move(reading);
    if (chosen >= 8.0 && chosen >= 0.01 * static_cast<double>(sample.size())) {
        // The alternative must cost a third of the chosen reading or less, and 8 less. When the
        // whole document fits the search's sample, readings beyond that are given up early.
        const double ceiling = std::min(chosen / 3, chosen - 8.0);
        const bool whole = bytes.size() <= kSearchSample;
        const Reading alternative = most_plausible_reading(bytes, whole ? ceiling : std::numeric_limits<double>::infinity());
        const double cost = whole ? alternative.cost : reading_cost(sample, alternative.encoding);
        if (!alternative.encoding.empty() && cost >= 0 && cost * 3 <= chosen && chosen - cost >= 8.0) {
            result.encoding = alternative.encoding;
            result.rule = "more-plausible-reading";
            result.reading.reset();
        }
    }
    return result;
}

}  // namespace winnow::decode
