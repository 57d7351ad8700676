// ASCII case and space tests for markup and protocol text (tag and attribute names, charset labels,
// header fields), where only ASCII letters fold and only HTML's five space characters count.
#pragma once

#include <string>
#include <string_view>

namespace winnow::unicode {

inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// A copy of text with ASCII letters lower-cased; every other byte as it is.
inline std::string ascii_lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

// HTML's ASCII whitespace: space, tab, line feed, form feed, carriage return.
inline bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// True when text[at, at + lower_word.size()) equals lower_word ignoring ASCII case (lower_word is
// lower case).
inline bool starts_with_ci(std::string_view text, std::size_t at, std::string_view lower_word) {
    if (at + lower_word.size() > text.size()) return false;
    for (std::size_t i = 0; i < lower_word.size(); ++i) {
        if (ascii_lower(text[at + i]) != lower_word[i]) return false;
    }
    return true;
}

// True when text equals lower_word ignoring ASCII case (lower_word is lower case).
inline bool equals_ci(std::string_view text, std::string_view lower_word) {
    return text.size() == lower_word.size() && starts_with_ci(text, 0, lower_word);
}

}  // namespace winnow::unicode
