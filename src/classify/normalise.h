// Line normalisation for matching (see normalise_for_match in patterns.h), as a template that can
// also report every character and word to an observer, so the classifier's feature pass reads each
// line once.
#pragma once

#include <array>
#include <bit>
#include <cstring>
#include <cstdint>
#include <string>
#include <string_view>

#include "unicode/utf8_encode.h"

namespace winnow::classify::normalise_detail {

inline char32_t decode_at(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + static_cast<std::size_t>(len) > s.size() || len == 1) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = c & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += static_cast<std::size_t>(len);
    return cp;
}

// Writes cp as UTF-8 at out; returns the position after it.
inline char* append_utf8(char* out, char32_t cp) { return unicode::encode_utf8(cp, out); }

// Lower case for the alphabets our pattern files use; other code points are returned unchanged.
inline char32_t to_lower(char32_t cp) {
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
    if (cp >= 0x100 && cp <= 0x17F) {
        // Latin Extended-A pairs: mostly even upper / odd lower, shifted by one in 0x139–0x148, 0x179–0x17E.
        const bool shifted = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
        if (cp == 0x130) return 'i';
        if (shifted ? (cp % 2 == 1) : (cp % 2 == 0)) return cp + 1;
        return cp;
    }
    if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 0x20;
    if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
    return cp;
}

inline bool is_word_code_point(char32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z');
    if (cp == 0xD7 || cp == 0xF7) return false;
    // Latin-1 punctuation between words: ¡ « · » ¿ ("12 posts · Joined 2019", «Lire aussi»).
    if (cp == 0xA1 || cp == 0xAB || cp == 0xB7 || cp == 0xBB || cp == 0xBF) return false;
    if (cp >= 0xC0 && cp <= 0x24F) return true;   // Latin-1 letters, Latin Extended-A/B
    if (cp >= 0x370 && cp <= 0x52F) return true;  // Greek, Cyrillic
    if (cp >= 0x530 && cp <= 0x1FFF) return true; // other alphabets (Armenian … Greek extended)
    if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows, boxes
    if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
    if (cp >= 0xFF00 && cp <= 0xFF0F) return false;  // full-width punctuation
    if (cp == 0xFFFD || cp == 0xFEFF) return false;
    return true;  // CJK and the rest: letters
}

// What an ASCII byte becomes: 0 = separator, otherwise the byte itself (lower-cased).
inline constexpr std::array<char, 128> kAsciiFold = [] {
    std::array<char, 128> table{};
    for (int c = 0; c < 128; ++c) {
        const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c == '&' || c == '%' ||
                          c == '$';
        if (word) table[static_cast<std::size_t>(c)] = static_cast<char>(c);
        if (c >= 'A' && c <= 'Z') table[static_cast<std::size_t>(c)] = static_cast<char>(c + 32);
    }
    return table;
}();


inline constexpr std::size_t kWordSlack = 16;

// How many of the eight bytes of w, in memory order, are ASCII 'a'..'z' before the first that is not.
inline std::size_t leading_lower_letters(std::uint64_t w) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
    const std::uint64_t ascii = ~w & kHighs;                                  // high bit: byte < 0x80
    const std::uint64_t low7 = w & ~kHighs;
    const std::uint64_t at_least_a = (low7 + kOnes * (0x80 - 'a')) & kHighs;  // high bit: byte >= 'a'
    const std::uint64_t past_z = (low7 + kOnes * (0x80 - 'z' - 1)) & kHighs;  // high bit: byte > 'z'
    const std::uint64_t not_lower = ~(ascii & at_least_a & ~past_z) & kHighs;
    if (not_lower == 0) return 8;
    // The first byte in memory is the lowest on little-endian machines, the highest on big-endian ones.
    const int bit = std::endian::native == std::endian::little ? std::countr_zero(not_lower) : std::countl_zero(not_lower);
    return static_cast<std::size_t>(bit) / 8;
}

// Appends the normalised text to out and tells the observer about the input:
//   observer.ascii(byte)          every ASCII byte of text
//   observer.code_point(cp)       every other code point of text (as written, not folded)
//   observer.word(begin, end)     each word of out, as byte offsets, when it is complete; out
//                                 has kWordSlack readable bytes after `end` at that time
//   observer.lower_letters(n)     n more ASCII lower-case letters inside a word begun with an
//                                 ASCII letter (the same as n calls of ascii(), read in one go)
template <typename Observer>
void normalise_scan(std::string& out, std::string_view text, Observer& observer) {
    // Folding never lengthens text (each separator run becomes at most one space, and every folded
    // code point is no longer in UTF-8 than the original), so write through a pointer into space
    // reserved up front and trim at the end.
    // kWordSlack more bytes stay readable past any word while the observer sees it.
    const std::size_t start = out.size();
    out.resize(start + text.size() + 1 + kWordSlack);
    char* const base = out.data();
    char* cursor = base + start;
    char* word_begin = cursor;
    bool pending_space = false;
    bool in_word = false;
    auto end_word = [&] {
        if (in_word) observer.word(static_cast<std::size_t>(word_begin - base), static_cast<std::size_t>(cursor - base));
        in_word = false;
        pending_space = cursor > base + start;
    };
    auto continue_word = [&] {
        if (!in_word) {
            if (pending_space) *cursor++ = ' ';
            word_begin = cursor;
            in_word = true;
        }
        pending_space = false;
    };
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            ++i;
            observer.ascii(byte);
            const char folded = kAsciiFold[byte];
            if (folded == 0) {
                end_word();
                continue;
            }
            continue_word();
            *cursor++ = folded;
            if (folded >= 'a' && folded <= 'z') {
                // The rest of a lower-case word, eight bytes at a time: such bytes fold to themselves.
                // Writing eight bytes is safe: out has text.size() + 1 + kWordSlack bytes.
                while (i + 8 <= text.size()) {
                    std::uint64_t w;
                    std::memcpy(&w, text.data() + i, 8);
                    std::memcpy(cursor, &w, 8);
                    const std::size_t n = leading_lower_letters(w);
                    cursor += n;
                    i += n;
                    observer.lower_letters(n);
                    if (n < 8) break;
                }
            }
            continue;
        }
        char32_t cp = decode_at(text, i);
        observer.code_point(cp);
        if (cp == 0x2019 || cp == 0x2018 || cp == 0x2032 || cp == 0xB4) cp = '\'';
        if (cp != '\'' && !is_word_code_point(cp)) {
            end_word();
        } else {
            continue_word();
            cursor = append_utf8(cursor, to_lower(cp));
        }
    }
    end_word();
    out.resize(static_cast<std::size_t>(cursor - base));
}

}  // namespace winnow::classify::normalise_detail
