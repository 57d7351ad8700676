// Computing block features: one normalisation pass per block feeds pattern matching and stopwords.
#include "classify/features.h"

#include <algorithm>
#include <array>

namespace winnow {
namespace {

char32_t decode_at(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (len == 1 || i + static_cast<std::size_t>(len) > s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = c & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += static_cast<std::size_t>(len);
    return cp;
}

bool is_upper(char32_t cp) {
    return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
           (cp >= 0x391 && cp <= 0x3AB) || (cp >= 0x400 && cp <= 0x42F) ||
           (cp >= 0x100 && cp <= 0x17F && cp % 2 == 0);
}

bool is_letter(char32_t cp) {
    if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x52F) ||
           (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3);
}

bool is_cjk(char32_t cp) {
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
           (cp >= 0xF900 && cp <= 0xFAFF);
}

bool is_separator(char32_t cp) {
    return cp == '|' || cp == 0xB7 || cp == 0xBB || cp == 0x203A || cp == 0x2190 || cp == 0x2192 ||
           cp == 0x2022 || cp == 0x25B8 || cp == 0x276F;
}

// Shape features from the original text (case, punctuation, brackets).
void shape_features(std::string_view text, BlockFeatures& f) {
    std::size_t letters = 0, upper = 0, cjk = 0, word_starts = 0, capitalised = 0;
    bool in_word = false;
    char32_t last = 0, before_last = 0;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = decode_at(text, i);
        ++f.chars;
        const bool letter = is_letter(cp);
        if (letter) {
            ++letters;
            if (is_upper(cp)) ++upper;
            if (is_cjk(cp)) ++cjk;
            if (!in_word) {
                ++word_starts;
                if (is_upper(cp)) ++capitalised;
            }
        }
        in_word = letter || (in_word && (cp == '\'' || cp == 0x2019 || cp == '-' || (cp >= '0' && cp <= '9')));
        if (is_separator(cp) && i > 1) ++f.separators;
        if (cp != ' ') {
            before_last = last;
            last = cp;
        }
    }
    if (letters > 0) f.upper_ratio = static_cast<double>(upper) / static_cast<double>(letters);
    if (word_starts > 0) f.title_case_ratio = static_cast<double>(capitalised) / static_cast<double>(word_starts);
    f.cjk = letters > 0 && cjk * 2 > letters;

    const bool closing_quote = last == '"' || last == 0x201D || last == 0x2019 || last == '\'' || last == 0xBB ||
                               last == ')' || last == 0x300D || last == 0x300F;
    auto sentence_end = [](char32_t c) {
        return c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == 0x3002 || c == 0xFF01 ||
               c == 0xFF1F || c == 0xFF1A;
    };
    f.truncated = last == 0x2026 || text.ends_with("...") || (closing_quote && before_last == 0x2026);
    f.terminal_punctuation = !f.truncated && (sentence_end(last) || (closing_quote && sentence_end(before_last)));
    f.bracketed = text.size() >= 2 && text.front() == '[' && text.back() == ']' &&
                  text.find(']') == text.size() - 1;
    f.parenthesised = text.size() >= 2 && text.front() == '(' && text.back() == ')' &&
                      text.find(')') == text.size() - 1;
    // w3m/lynx renderings of inputs and buttons: "[          ]", "____", "( )", "(*)".
    f.form_artifact = text.find("____") != std::string_view::npos || text.find("[    ") != std::string_view::npos ||
                      text.find("( )") != std::string_view::npos || text.find("(*)") != std::string_view::npos;
}

// Calls on_word for every space-separated word of a normalised line.
template <typename OnWord>
void for_each_word(std::string_view normalised, OnWord&& on_word) {
    std::size_t pos = 0;
    while (pos < normalised.size()) {
        std::size_t end = normalised.find(' ', pos);
        if (end == std::string_view::npos) end = normalised.size();
        if (end > pos) on_word(normalised.substr(pos, end - pos));
        pos = end + 1;
    }
}

}  // namespace

DocumentFeatures compute_features(const Document& document, const Patterns& patterns) {
    DocumentFeatures result;
    result.blocks.resize(document.blocks.size());
    std::vector<std::uint32_t> word_languages;  // per word, for the document-language vote
    std::vector<std::pair<std::size_t, std::size_t>> block_words(document.blocks.size());
    std::array<std::size_t, 32> votes{};

    std::string normalised;
    for (std::size_t b = 0; b < document.blocks.size(); ++b) {
        const Block& block = document.blocks[b];
        BlockFeatures& f = result.blocks[b];
        shape_features(block.text, f);
        normalised = normalise_for_match(block.text);
        f.match = patterns.match(normalised);
        block_words[b].first = word_languages.size();
        for_each_word(normalised, [&](std::string_view word) {
            const std::uint32_t bits = patterns.stopword_languages(word);
            word_languages.push_back(bits);
            for (std::uint32_t m = bits; m != 0; m &= m - 1) ++votes[static_cast<std::size_t>(__builtin_ctz(m))];
        });
        block_words[b].second = word_languages.size();
        f.words = block_words[b].second - block_words[b].first;
    }

    // The document language is the stopword list with the most hits; it needs a minimum of evidence.
    const auto best = std::max_element(votes.begin(), votes.end());
    const std::size_t total_words = word_languages.size();
    if (*best >= 3 && *best * 8 >= total_words) {
        const auto index = static_cast<std::size_t>(best - votes.begin());
        result.language_bit = 1u << index;
        if (index < patterns.languages().size()) result.language = patterns.languages()[index];
    }
    for (std::size_t b = 0; b < document.blocks.size(); ++b) {
        BlockFeatures& f = result.blocks[b];
        for (std::size_t w = block_words[b].first; w < block_words[b].second; ++w)
            if (word_languages[w] & result.language_bit) ++f.stopwords;
        if (f.words > 0) f.stopword_ratio = static_cast<double>(f.stopwords) / static_cast<double>(f.words);
    }
    return result;
}

}  // namespace winnow
