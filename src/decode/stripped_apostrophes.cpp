// English text that lost its curly apostrophes and quotes: detection and the unambiguous restorations.
#include "decode/stripped_apostrophes.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace winnow::decode {
namespace {

// Contractions that are no other English word once the apostrophe is gone, in lower case. Not
// among them: "were", "its", "wont", "cant", "lets", "ill", "well", "shell", "hell", "id", "wed",
// "hed", "shed", which are words of their own.
constexpr std::array<std::string_view, 44> kContractions{
    "aint",   "arent",  "couldnt", "couldve", "didnt",  "doesnt",   "dont",     "hadnt",  "hasnt",   "havent", "heres",
    "hes",    "im",     "isnt",    "itll",    "ive",    "mightve",  "mustnt",   "mustve", "neednt",  "shes",   "shouldnt",
    "shouldve", "thatll", "thats", "theres",  "theyd",  "theyll",   "theyre",   "theyve", "wasnt",   "weve",   "werent",
    "whats",  "wheres", "whos",    "wouldnt", "wouldve", "youd",    "youll",    "youre",  "youve",   "hadve",  "whatre",
};

// Where the apostrophe goes back: before "nt", "re", "ve", "ll", else before the last letter ("I’m", "he’s", "you’d").
std::size_t apostrophe_position(std::string_view contraction) {
    const std::string_view end = contraction.substr(contraction.size() - 2);
    if (end == "re" || end == "ve" || end == "ll" || end == "nt") return contraction.size() - 2 + (end == "nt" ? 1 : 0);
    return contraction.size() - 1;
}

constexpr std::string_view kApostrophe = "\u2019";

bool ascii_letter(unsigned char c) { return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

char lower(char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); }

// A word of ASCII letters, from begin to end in the text.
struct Word {
    std::size_t begin, end;
};

// The words of ASCII letters; a word touching a non-ASCII byte is part of a longer word, not one.
std::vector<Word> ascii_words(std::string_view text) {
    std::vector<Word> words;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (!ascii_letter(c) && c < 0x80) {
            ++i;
            continue;
        }
        const std::size_t begin = i;
        bool ascii = true;
        while (i < text.size()) {
            const auto d = static_cast<unsigned char>(text[i]);
            if (d >= 0x80) ascii = false;
            else if (!ascii_letter(d)) break;
            ++i;
        }
        if (ascii) words.push_back({begin, i});
    }
    return words;
}

// The contraction a word is, written the way contractions are (lower case, a capital first, or
// all capitals; "Im" and "Ive" only with their capital I), or nullptr.
// For each first letter (folded), the lengths of the contractions it begins: most words are
// turned away by this table alone.
const std::array<std::uint16_t, 26>& contraction_lengths() {
    static const std::array<std::uint16_t, 26> lengths = [] {
        std::array<std::uint16_t, 26> t{};
        for (const std::string_view c : kContractions) t[c[0] - 'a'] |= static_cast<std::uint16_t>(1u << c.size());
        return t;
    }();
    return lengths;
}

const std::string_view* contraction_of(std::string_view word) {
    if (word.size() < 2 || word.size() > 8) return nullptr;
    if ((contraction_lengths()[lower(word[0]) - 'a'] & (1u << word.size())) == 0) return nullptr;
    std::array<char, 8> folded{};
    std::size_t capitals = 0;
    for (std::size_t k = 0; k < word.size(); ++k) {
        folded[k] = lower(word[k]);
        capitals += word[k] != folded[k];
    }
    const std::string_view key(folded.data(), word.size());
    const auto* found = std::find_if(kContractions.begin(), kContractions.end(),
                                     [&](std::string_view c) { return c == key; });
    if (found == kContractions.end()) return nullptr;
    const bool capital_first = word[0] != folded[0];
    if (key == "im" || key == "ive") return word == "Im" || word == "Ive" ? found : nullptr;
    if (capitals == 0 || (capitals == 1 && capital_first) || (capitals == word.size() && word.size() >= 3)) return found;
    return nullptr;
}

// Characters next to a word that make it part of something else: a path, an address, a file name.
bool joined_to_something(std::string_view text, const Word& w) {
    auto joining = [](char c) {
        return c == '/' || c == '_' || c == '@' || c == '=' || c == '\\' || c == '.' || c == '\'' || (c >= '0' && c <= '9');
    };
    if (w.begin > 0 && joining(text[w.begin - 1])) return true;
    if (w.end < text.size() && text[w.end] != '.' && joining(text[w.end])) return true;
    return false;
}

bool has_typographic_quote(std::string_view text) {
    // U+2018, U+2019, U+201C, U+201D are E2 80 98/99/9C/9D; U+02BC is CA BC.
    for (std::size_t at = text.find('\xE2'); at != std::string_view::npos; at = text.find('\xE2', at + 1)) {
        if (at + 2 < text.size() && text[at + 1] == '\x80') {
            const auto c = static_cast<unsigned char>(text[at + 2]);
            if (c == 0x98 || c == 0x99 || c == 0x9C || c == 0x9D) return true;
        }
    }
    return text.find("\xCA\xBC") != std::string_view::npos;
}

// Whether "the " occurs, found by its 'h', rarer than 't' or ' ' in most languages.
bool has_the(std::string_view text) {
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    for (const char* h = begin; (h = static_cast<const char*>(std::memchr(h, 'h', static_cast<std::size_t>(end - h)))) != nullptr; ++h) {
        if (h > begin && h[-1] == 't' && end - h >= 3 && h[1] == 'e' && h[2] == ' ') return true;
        if (h + 1 >= end) break;
    }
    return false;
}

// English by its commonest words: "the", "and", "of" and "to" make up a tenth of English prose.
bool reads_as_english(std::string_view text, const std::vector<Word>& words) {
    std::size_t common = 0;
    for (const Word& w : words) {
        const std::string_view s = text.substr(w.begin, w.end - w.begin);
        if (s.size() > 3) continue;
        std::string folded(s);
        for (char& c : folded) c = lower(c);
        common += folded == "the" || folded == "and" || folded == "of" || folded == "to";
    }
    return common >= 5 && common * 12 >= words.size();
}

// The contractions without their apostrophe in `text`, not part of a path or a name: one pass
// that looks closer only at short words whose first letter and length fit one.
std::vector<std::pair<Word, const std::string_view*>> stripped_contractions(std::string_view text) {
    std::vector<std::pair<Word, const std::string_view*>> found;
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80 && !ascii_letter(c)) {
            ++i;
            continue;
        }
        const std::size_t begin = i;
        bool ascii = true;
        for (; i < n; ++i) {
            const auto d = static_cast<unsigned char>(text[i]);
            if (d >= 0x80) ascii = false;
            else if (!ascii_letter(d)) break;
        }
        const std::size_t length = i - begin;
        if (!ascii || length < 2 || length > 8 || (contraction_lengths()[lower(text[begin]) - 'a'] & (1u << length)) == 0) {
            continue;
        }
        if (const std::string_view* contraction = contraction_of(text.substr(begin, length))) {
            const Word w{begin, i};
            if (!joined_to_something(text, w)) found.push_back({w, contraction});
        }
    }
    return found;
}

// Whether `text` lost its apostrophes: contractions without one and possessives of capitalised
// names the text also has bare ("Bessents" beside "Bessent") outnumber the words that kept a
// straight one ("today's"), in English.
bool lost_apostrophes(std::string_view text, std::size_t contractions) {
    const std::vector<Word> words = ascii_words(text);
    if (!reads_as_english(text, words)) return false;
    std::size_t kept = 0;
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        kept += text[i] == '\'' && ascii_letter(static_cast<unsigned char>(text[i - 1])) &&
                ascii_letter(static_cast<unsigned char>(text[i + 1]));
    }
    std::unordered_set<std::string_view> names;
    for (const Word& w : words) {
        if (w.end - w.begin >= 3 && text[w.begin] >= 'A' && text[w.begin] <= 'Z') names.insert(text.substr(w.begin, w.end - w.begin));
    }
    std::size_t possessives = 0;
    for (const Word& w : words) {
        const std::string_view s = text.substr(w.begin, w.end - w.begin);
        possessives += s.size() >= 4 && s.back() == 's' && s[s.size() - 2] != 's' && s[0] >= 'A' && s[0] <= 'Z' &&
                       names.contains(s.substr(0, s.size() - 1));
    }
    const std::size_t lost = contractions + possessives;
    return lost >= 2 && lost > kept;
}

}  // namespace

ApostropheRestoration restore_stripped_apostrophes(std::string& text) {
    ApostropheRestoration result;
    // Cheap refusals first: English has a "the " in its first few kilobytes, and a text with a
    // curly mark kept them. The damage is judged on the first 16 KiB, so a long clean text costs
    // no more than that.
    if (!has_the(std::string_view(text).substr(0, 8192))) return result;
    if (has_typographic_quote(text)) return result;
    constexpr std::size_t kJudged = 16 * 1024;
    const std::string_view judged = std::string_view(text).substr(0, kJudged);
    const auto in_judged = stripped_contractions(judged);
    if (in_judged.empty() || !lost_apostrophes(judged, in_judged.size())) return result;
    result.stripped = true;
    const auto contractions = text.size() <= kJudged ? in_judged : stripped_contractions(text);
    std::string restored;
    restored.reserve(text.size() + contractions.size() * kApostrophe.size());
    std::size_t copied = 0;
    for (const auto& [w, c] : contractions) {
        const std::size_t at = w.begin + apostrophe_position(*c);
        restored.append(text, copied, at - copied);
        restored += kApostrophe;
        copied = at;
        ++result.restored;
    }
    restored.append(text, copied, std::string::npos);
    text = std::move(restored);
    return result;
}

}  // namespace winnow::decode
