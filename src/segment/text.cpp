// Plain-text segmentation: lines → paragraph blocks, joining hard-wrapped lines back together.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <cstdint>
#include <vector>

#include "segment/segment.h"

namespace winnow::segment {
namespace {

struct SourceLine {
    std::string_view text;  // without indentation and trailing whitespace
    std::size_t number = 0; // 1-based
    int indent = 0;         // leading columns (tab = 8)
    int width = 0;          // display columns of text
    bool bullet = false;
    std::size_t marker_length = 0;  // bytes of the marker and its space
    int bullet_text_column = 0;  // column where the item's text starts after its marker
};

// Display width of one code point whose lead byte is at s[i]; advances i.
int next_width(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        ++i;
        return 1;
    }
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + len > s.size()) len = s.size() - i;
    char32_t cp = 0;
    if (len == 3) {
        cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
             (static_cast<unsigned char>(s[i + 2]) & 0x3F);
    } else if (len == 4) {
        cp = 0x10000;
    }
    i += len;
    if (cp >= 0x0300 && cp <= 0x036F) return 0;  // combining marks
    // East Asian wide ranges (CJK, Hangul, kana, full-width forms).
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x10000)
        return 2;
    return 1;
}

int display_width(std::string_view s) {
    // Fast path: below U+1100 every code point is one column, so count lead bytes eight at a time.
    // After a non-ASCII character the fast path resumes.
    int width = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i + 8 <= s.size()) {
            std::uint64_t word;
            std::memcpy(&word, s.data() + i, 8);
            if (word & 0x8080808080808080ULL) break;
            width += 8;
            i += 8;
        }
        if (i < s.size()) width += next_width(s, i);
    }
    return width;
}

// Length in bytes of a list marker plus the space after it ("• ", "* ", "- ", "12. ", "a) "), or 0.
std::size_t bullet_marker_length(std::string_view s) {
    static constexpr std::string_view kSymbols[] = {"•", "◦", "▪", "▫", "■", "□", "●", "○", "·",
                                                    "‣", "⁃", "–", "—", "*", "-", "+", "o"};
    for (std::string_view symbol : kSymbols) {
        if (s.size() > symbol.size() && s.starts_with(symbol) && s[symbol.size()] == ' ') {
            // A lone "o " is lynx's second-level bullet but also a word in some languages;
            // accept it only before an upper-case letter or a digit.
            if (symbol == "o" && !(s.size() > 2 && (std::isupper(static_cast<unsigned char>(s[2])) ||
                                                    std::isdigit(static_cast<unsigned char>(s[2])))))
                return 0;
            return symbol.size() + 1;
        }
    }
    std::size_t i = 0;
    while (i < s.size() && i < 3 && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i > 0 && i + 1 < s.size() && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ') return i + 2;
    return 0;
}

std::vector<SourceLine> split_lines(std::string_view text, std::size_t first_line) {
    std::vector<SourceLine> lines;
    lines.reserve(text.size() / 48 + 1);
    std::size_t number = first_line - 1;
    while (!text.empty() || number == first_line - 1) {
        // Line ends: LF, CRLF or a lone CR (old Mac files).
        const void* lf = std::memchr(text.data(), '\n', text.size());
        std::size_t end = lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - text.data()) : std::string_view::npos;
        if (const void* cr = std::memchr(text.data(), '\r', end == std::string_view::npos ? text.size() : end))
            end = static_cast<std::size_t>(static_cast<const char*>(cr) - text.data());
        std::string_view raw = text.substr(0, end);
        if (end == std::string_view::npos) {
            text = {};
        } else {
            std::size_t skip = (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1;
            text.remove_prefix(end + skip);
        }
        ++number;
        SourceLine line;
        line.number = number;
        std::size_t i = 0;
        int column = 0;
        for (; i < raw.size(); ++i) {
            if (raw[i] == ' ') ++column;
            else if (raw[i] == '\t') column = (column / 8 + 1) * 8;
            else if (raw[i] == '\f' || raw[i] == '\v') continue;
            else break;
        }
        std::size_t last = raw.size();
        while (last > i && (raw[last - 1] == ' ' || raw[last - 1] == '\t' || raw[last - 1] == '\f' ||
                            raw[last - 1] == '\v'))
            --last;
        line.text = raw.substr(i, last - i);
        line.indent = column;
        // Only measure what the wrap test needs: lines are rarely wider than a few hundred columns.
        line.width = display_width(line.text);
        if (std::size_t marker = bullet_marker_length(line.text)) {
            line.bullet = true;
            line.marker_length = marker;
            line.bullet_text_column = column + display_width(line.text.substr(0, marker));
        }
        lines.push_back(line);
        if (end == std::string_view::npos) break;
    }
    return lines;
}

int first_word_width(std::string_view text) {
    std::size_t end = text.find(' ');
    return display_width(text.substr(0, end));
}

bool ends_sentence(std::string_view text) {
    for (std::string_view end : {".", "!", "?", ".\"", ".”", "!”", "?”", ".'", ".’", ".)", ":"})
        if (text.ends_with(end)) return true;
    return false;
}

int end_column(const SourceLine& line) { return line.indent + line.width; }

// A run: consecutive non-blank lines that could be one paragraph (a list item's continuation lines
// are indented to its text). Returns one past its last line.
std::size_t run_end(const std::vector<SourceLine>& lines, std::size_t first) {
    const int continuation = lines[first].bullet ? lines[first].bullet_text_column : lines[first].indent;
    std::size_t j = first + 1;
    while (j < lines.size() && !lines[j].text.empty() && !lines[j].bullet && lines[j].indent == continuation) ++j;
    return j;
}

// Which lines of a run were hard-wrapped onto the next: wrapped text has most lines ending close to
// one column (the wrap width), and the next line's first word would not have fitted before it.
// One-paragraph-per-line text has ragged, long lines and is never joined.
std::vector<bool> wrapped_lines(const std::vector<SourceLine>& lines, std::size_t first, std::size_t end) {
    std::vector<bool> joins(end - first, false);
    if (end - first < 2) return joins;
    int width = 0;
    for (std::size_t k = first; k + 1 < end; ++k) width = std::max(width, end_column(lines[k]));
    // Two lines alone say little about a wrap width: only join wide ones.
    if (width < (end - first == 2 ? 60 : 30) || width > 200) return joins;
    const int band = width - std::max(12, width / 5);
    std::size_t in_band = 0;
    for (std::size_t k = first; k + 1 < end; ++k) in_band += end_column(lines[k]) >= band;
    const std::size_t candidates = end - first - 1;
    // One paragraph per line: nearly every line ends a sentence. Wrapped lines seldom do.
    std::size_t sentence_ends = 0;
    for (std::size_t k = first; k + 1 < end; ++k) sentence_ends += ends_sentence(lines[k].text);
    if (sentence_ends * 2 > candidates) return joins;
    // Two lines alone give no evidence of a common width unless both are near it.
    if (candidates == 1 ? in_band < 1 || end_column(lines[first + 1]) > width : in_band * 3 < candidates * 2)
        return joins;
    for (std::size_t k = first; k + 1 < end; ++k) {
        const int line_end = end_column(lines[k]);
        joins[k - first] = line_end >= band && line_end + 1 + first_word_width(lines[k + 1].text) > width;
    }
    return joins;
}

}  // namespace

Document segment_text(std::string_view utf8, std::size_t first_line) {
    Document document;
    const std::vector<SourceLine> lines = split_lines(utf8, first_line);
    document.blocks.reserve(lines.size() / 2 + 1);

    bool blank_before = true;
    for (std::size_t i = 0; i < lines.size();) {
        if (lines[i].text.empty()) {
            blank_before = true;
            if (!document.blocks.empty()) document.blocks.back().blank_after = true;
            ++i;
            continue;
        }
        const std::size_t end = run_end(lines, i);
        const std::vector<bool> joins = wrapped_lines(lines, i, end);
        for (std::size_t k = i; k < end;) {
            const SourceLine& first = lines[k];
            Block block;
            block.first_line = first.number;
            block.indent = first.indent;
            block.bullet = first.bullet;
            block.marker_length = first.marker_length;
            block.kind = first.bullet ? BlockKind::ListItem : BlockKind::Paragraph;
            block.blank_before = blank_before;
            blank_before = false;
            block.text.assign(first.text);
            while (k + 1 < end && joins[k - i]) {
                ++k;
                block.text.push_back(' ');
                block.text.append(lines[k].text);
            }
            block.last_line = lines[k].number;
            document.blocks.push_back(std::move(block));
            ++k;
        }
        i = end;
    }
    return document;
}

}  // namespace winnow::segment
