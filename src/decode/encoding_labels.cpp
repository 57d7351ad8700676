// WHATWG label table lookup and the mapping from encoding names to glibc iconv names.
#include "decode/encoding_labels.h"

#include "decode/iconv_handle.h"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

namespace winnow::decode {
namespace {

struct LabelEntry {
    std::string_view label;
    std::string_view encoding;
};

constexpr LabelEntry kWhatwgLabels[] = {
#include "decode/whatwg_labels.inc"
};

bool is_ascii_whitespace(char c) {
    return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

std::string lower_trimmed(std::string_view s) {
    while (!s.empty() && is_ascii_whitespace(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_ascii_whitespace(s.back())) s.remove_suffix(1);
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// Remembered per thread: each probe opens a converter, and closing it unloads its gconv module.
// Labels come from documents, so the memory is bounded; past it, names are probed each time.
bool iconv_knows(const std::string& name) {
    thread_local std::map<std::string, bool> known;
    if (known.size() >= 512 && !known.contains(name)) return IconvHandle("UTF-8", name.c_str()).valid();
    const auto [it, added] = known.try_emplace(name, false);
    if (added) it->second = IconvHandle("UTF-8", name.c_str()).valid();
    return it->second;
}

}  // namespace

std::string_view resolve_whatwg_label(std::string_view label) {
    const std::string key = lower_trimmed(label);
    const auto* end = std::end(kWhatwgLabels);
    const auto* it = std::lower_bound(std::begin(kWhatwgLabels), end, key,
                                      [](const LabelEntry& e, const std::string& k) { return e.label < k; });
    if (it != end && it->label == key) return it->encoding;
    return {};
}

std::string resolve_encoding_name(std::string_view name, bool whatwg_first) {
    if (const auto whatwg = resolve_whatwg_label(name); whatwg_first && !whatwg.empty()) return std::string(whatwg);
    std::string upper = lower_trimmed(name);
    for (char& c : upper) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    // Names uchardet and chardet use that WHATWG does not list but iconv spells differently.
    if (upper == "MAC-CENTRALEUROPE" || upper == "MACCENTRALEUROPE" || upper == "X-MAC-CE") upper = "MAC-CENTRALEUROPE";
    // uchardet's name for what WHATWG calls EUC-KR (both are Microsoft's superset, UHC).
    if (whatwg_first && (upper == "UHC" || upper == "CP949")) return "EUC-KR";
    if (upper.empty() || upper.find('/') != std::string::npos || !iconv_knows(upper)) return {};
    return upper;
}

std::string resolve_named_encoding(std::string_view name) {
    std::string encoding = resolve_encoding_name(name);
    if (encoding == "replacement") encoding = resolve_encoding_name(name, false);
    return encoding;
}

std::string iconv_name_for(std::string_view encoding) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kIconvNames{{
        {"ISO-8859-8-I", "ISO-8859-8"},
        {"macintosh", "MACINTOSH"},
        {"x-mac-cyrillic", "MAC-CYRILLIC"},
        {"windows-874", "WINDOWS-874"},
        // WHATWG's GBK decoder is the gb18030 decoder.
        {"GBK", "GB18030"},
        {"gb18030", "GB18030"},
        {"Big5", "BIG5-HKSCS"},
        {"Shift_JIS", "WINDOWS-31J"},
        {"EUC-KR", "UHC"},
        {"EUC-JP", "EUC-JP"},
        {"ISO-2022-JP", "ISO-2022-JP"},
        {"KOI8-U", "KOI8-U"},
        {"UTF-16BE", "UTF-16BE"},
        {"UTF-16LE", "UTF-16LE"},
    }};
    for (const auto& [name, iconv] : kIconvNames) {
        if (name == encoding) return std::string(iconv);
    }
    if (encoding.starts_with("windows-125")) return "CP" + std::string(encoding.substr(8));
    return std::string(encoding);
}

}  // namespace winnow::decode
