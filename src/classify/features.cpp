// Computing block features: one normalisation pass per block feeds pattern matching and stopwords.
#include "classify/features.h"

#include "classify/normalise.h"

#include <algorithm>
#include <array>

namespace winnow::classify {
namespace {

using normalise_detail::decode_at;

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

// Properties of ASCII bytes, so the common case needs one table look-up per byte.
enum : std::uint8_t { kLetter = 1, kUpper = 2, kDigit = 4, kSeparator = 8, kJoiner = 16, kFormMark = 32 };
constexpr std::array<std::uint8_t, 128> kAscii = [] {
    std::array<std::uint8_t, 128> t{};
    for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = kLetter;
    for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = kLetter | kUpper;
    for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = kDigit;
    t['|'] = kSeparator;
    t['\''] = kJoiner;
    t['-'] = kJoiner;
    t['_'] = kFormMark;
    t['['] = kFormMark;
    t['('] = kFormMark;
    return t;
}();

// Everything the feature pass learns from the characters of a line, fed by normalise_scan so each
// line is read once: case, punctuation, separators, and the stopwords of its words.
class LineObserver {
public:
    LineObserver(BlockFeatures& f, const std::string& normalised, const Patterns& patterns,
                 std::vector<std::uint32_t>& word_languages)
        : f_(f), normalised_(normalised), patterns_(patterns), word_languages_(word_languages) {}

    void ascii(unsigned char byte) {
        ++chars_;
        const std::uint8_t p = kAscii[byte];
        if (p & kLetter) {
            ++letters_;
            const bool is_up = p & kUpper;
            upper_ += is_up;
            if (!in_word_) {
                ++word_starts_;
                capitalised_ += is_up;
            }
            in_word_ = true;
        } else {
            in_word_ = in_word_ && (p & (kJoiner | kDigit));
            if ((p & kSeparator) && chars_ > 1) ++separators_;
            form_marks_ = form_marks_ || (p & kFormMark);
        }
    }

    // n lower-case ASCII letters inside a word: what n calls of ascii() would do.
    void lower_letters(std::size_t n) {
        chars_ += n;
        letters_ += n;
    }

    void code_point(char32_t cp) {
        ++chars_;
        const bool letter = is_letter(cp);
        if (letter) {
            ++letters_;
            if (is_upper(cp)) ++upper_;
            if (is_cjk(cp)) ++cjk_;
            if (!in_word_) {
                ++word_starts_;
                if (is_upper(cp)) ++capitalised_;
            }
        }
        in_word_ = letter || (in_word_ && cp == 0x2019);
        if (is_separator(cp) && chars_ > 1) ++separators_;
    }

    void word(std::size_t begin, std::size_t end) {
        word_languages_.push_back(patterns_.stopword_languages_padded(normalised_.data() + begin, end - begin));
    }

    void finish(std::string_view text) {
        // The line's last two visible characters, from the full text (the scan may have read a prefix).
        last_ = before_last_ = 0;
        std::size_t tail = text.size() > 12 ? text.size() - 12 : 0;
        while (tail > 0 && (static_cast<unsigned char>(text[tail]) & 0xC0) == 0x80) --tail;
        for (std::size_t i = tail; i < text.size();) {
            const char32_t cp = decode_at(text, i);
            if (cp == ' ') continue;
            before_last_ = last_;
            last_ = cp;
        }
        f_.chars = chars_;
        f_.separators = separators_;
        if (letters_ > 0) f_.upper_ratio = static_cast<double>(upper_) / static_cast<double>(letters_);
        if (word_starts_ > 0)
            f_.title_case_ratio = static_cast<double>(capitalised_) / static_cast<double>(word_starts_);
        f_.cjk = letters_ > 0 && cjk_ * 2 > letters_;
        const char32_t last = last_, before_last = before_last_;
        const bool closing_quote = last == '"' || last == 0x201D || last == 0x2019 || last == '\'' || last == 0xBB ||
                                   last == ')' || last == 0x300D || last == 0x300F;
        auto sentence_end = [](char32_t c) {
            return c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == 0x3002 || c == 0xFF01 ||
                   c == 0xFF1F || c == 0xFF1A;
        };
        f_.truncated = last == 0x2026 || text.ends_with("...") || (closing_quote && before_last == 0x2026);
        f_.terminal_punctuation = !f_.truncated && (sentence_end(last) || (closing_quote && sentence_end(before_last)));
        f_.bracketed = text.size() >= 2 && text.front() == '[' && text.back() == ']' &&
                       text.find(']') == text.size() - 1;
        f_.parenthesised = text.size() >= 2 && text.front() == '(' && text.back() == ')' &&
                           text.find(')') == text.size() - 1;
        // w3m/lynx renderings of inputs and buttons: "[          ]", "____", "( )", "(*)".
        f_.form_artifact = form_marks_ && (text.find("____") != std::string_view::npos ||
                                           text.find("[    ") != std::string_view::npos ||
                                           text.find("( )") != std::string_view::npos ||
                                           text.find("(*)") != std::string_view::npos);
    }

private:
    BlockFeatures& f_;
    const std::string& normalised_;
    const Patterns& patterns_;
    std::vector<std::uint32_t>& word_languages_;
    std::size_t chars_ = 0, separators_ = 0, letters_ = 0, upper_ = 0, cjk_ = 0, word_starts_ = 0, capitalised_ = 0;
    bool in_word_ = false, form_marks_ = false;
    char32_t last_ = 0, before_last_ = 0;
};

// About 170 words: enough for a stable stopword ratio and case profile.
// Counts, per stopword list, the words it contains. The first eight languages are counted in the
// bytes of one 64-bit word (one table look-up and one add per word, no branch on which lists a
// word is in), flushed before a byte can overflow; any further languages bit by bit.
class LanguageVote {
public:
    void add(std::uint32_t bits) {
        packed_ += kSpread[bits & 0xFFu];
        for (std::uint32_t m = bits >> 8; m != 0; m &= m - 1) ++totals_[8 + static_cast<std::size_t>(__builtin_ctz(m))];
        if (++pending_ == 255) flush();
    }
    std::array<std::size_t, 32> totals() {
        flush();
        return totals_;
    }

private:
    static constexpr std::array<std::uint64_t, 256> kSpread = [] {
        std::array<std::uint64_t, 256> t{};
        for (unsigned mask = 0; mask < 256; ++mask)
            for (unsigned lane = 0; lane < 8; ++lane)
                if (mask & (1u << lane)) t[mask] |= std::uint64_t{1} << (8 * lane);
        return t;
    }();
    void flush() {
        for (std::size_t lane = 0; lane < 8; ++lane) totals_[lane] += (packed_ >> (8 * lane)) & 0xFFu;
        packed_ = 0;
        pending_ = 0;
    }

    std::uint64_t packed_ = 0;
    unsigned pending_ = 0;
    std::array<std::size_t, 32> totals_{};
};

constexpr std::size_t kSampleBytes = 1024;

// Words in text that was not scanned: runs of non-space bytes.
std::size_t count_words(std::string_view text) {
    std::size_t words = 0;
    bool previous_space = true;
    for (char c : text) {
        const bool space = c == ' ';
        words += previous_space & !space;
        previous_space = space;
    }
    return words;
}

std::size_t count_code_points(std::string_view text) {
    std::size_t n = 0;
    for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

}  // namespace

DocumentFeatures compute_features(const Document& document, const Patterns& patterns) {
    DocumentFeatures result;
    result.blocks.resize(document.blocks.size());
    std::vector<std::uint32_t> word_languages;  // per word, for the document-language vote
    std::vector<std::pair<std::size_t, std::size_t>> block_words(document.blocks.size());
    LanguageVote vote;

    std::string normalised;
    for (std::size_t b = 0; b < document.blocks.size(); ++b) {
        const Block& block = document.blocks[b];
        BlockFeatures& f = result.blocks[b];
        // Long paragraphs are read in full only up to kSampleBytes; the rest is only counted (words,
        // characters) and its stopwords extrapolated from the sample. Their prose verdict does not
        // change, and the pass stays fast on large texts.
        std::string_view sample = block.text;
        if (sample.size() > kSampleBytes) {
            std::size_t cut = sample.rfind(' ', kSampleBytes);
            if (cut == std::string_view::npos || cut < kSampleBytes / 2) cut = kSampleBytes;
            while (cut > 0 && (static_cast<unsigned char>(sample[cut]) & 0xC0) == 0x80) --cut;
            sample = sample.substr(0, cut);
        }
        normalised.assign(1, ' ');
        block_words[b].first = word_languages.size();
        LineObserver observer(f, normalised, patterns, word_languages);
        normalise_detail::normalise_scan(normalised, sample, observer);
        observer.finish(block.text);
        normalised.push_back(' ');
        block_words[b].second = word_languages.size();
        for (std::size_t w = block_words[b].first; w < block_words[b].second; ++w) vote.add(word_languages[w]);
        f.words = block_words[b].second - block_words[b].first;
        if (sample.size() < block.text.size()) {
            const std::string_view rest = std::string_view(block.text).substr(sample.size());  // a view, not a temporary
            f.words += count_words(rest);
            f.chars += count_code_points(rest);
        }
        // Patterns decide only short lines (at most kMatchWords words), so longer ones are not matched;
        // a short line that was sampled is matched whole, so end-anchored phrases see its real end.
        if (f.words <= kMatchWords) {
            if (sample.size() < block.text.size()) {
                normalised.assign(1, ' ');
                normalise_append(normalised, block.text);
                normalised.push_back(' ');
            }
            f.match = patterns.match_padded(normalised);
        }
    }

    // The document language is the stopword list with the most hits; it needs a minimum of evidence.
    const std::array<std::size_t, 32> votes = vote.totals();
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
            f.stopwords += (word_languages[w] & result.language_bit) != 0;
        const std::size_t sampled_words = block_words[b].second - block_words[b].first;
        if (sampled_words > 0) f.stopword_ratio = static_cast<double>(f.stopwords) / static_cast<double>(sampled_words);
        f.stopwords = static_cast<std::size_t>(f.stopword_ratio * static_cast<double>(f.words) + 0.5);
    }
    return result;
}

}  // namespace winnow::classify
