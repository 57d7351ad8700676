// Plain-text segmentation: lines → paragraph blocks, joining hard-wrapped lines back together.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <vector>

#include "segment/segment.h"

namespace winnow {
namespace {

struct SourceLine {
    std::string_view text;  // without indentation and trailing whitespace
    std::size_t number = 0; // 1-based
    int indent = 0;         // leading columns (tab = 8)
    int width = 0;          // display columns of text
    bool bullet = false;
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
    int width = 0;
    for (std::size_t i = 0; i < s.size();) width += next_width(s, i);
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

std::vector<SourceLine> split_lines(std::string_view text) {
    std::vector<SourceLine> lines;
    lines.reserve(text.size() / 48 + 1);
    std::size_t number = 0;
    while (!text.empty() || number == 0) {
        std::size_t end = text.find_first_of("\r\n");
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
            line.bullet_text_column = column + display_width(line.text.substr(0, marker));
        }
        lines.push_back(line);
        if (end == std::string_view::npos) break;
    }
    return lines;
}

// The column at which the text was hard-wrapped, or 0 when it was not. A wrapped text has almost
// every line ending at or before one column, and many lines ending just before it.
int detect_wrap_width(const std::vector<SourceLine>& lines) {
    std::vector<int> ends;
    ends.reserve(lines.size());
    for (const auto& line : lines)
        if (!line.text.empty()) ends.push_back(line.indent + line.width);
    if (ends.size() < 4) return 0;
    std::sort(ends.begin(), ends.end());
    const int p95 = ends[ends.size() * 95 / 100];
    if (p95 < 30 || p95 > 160) return 0;
    // Lines longer than the candidate width must be rare (tables, URLs).
    const auto longer = static_cast<std::size_t>(ends.end() - std::upper_bound(ends.begin(), ends.end(), p95 + 2));
    if (longer * 20 > ends.size()) return 0;
    // And a good share of lines must end close to it.
    const auto near = static_cast<std::size_t>(
        std::upper_bound(ends.begin(), ends.end(), p95 + 2) -
        std::lower_bound(ends.begin(), ends.end(), p95 - p95 / 5));
    if (near * 5 < ends.size()) return 0;
    return p95 + 2;
}

int first_word_width(std::string_view text) {
    std::size_t end = text.find(' ');
    return display_width(text.substr(0, end));
}

// True when `next` continues the paragraph that `current` belongs to: the first word of `next`
// would not have fitted on `current`, and `next` is indented like the paragraph's continuation lines.
bool continues(const SourceLine& current, const SourceLine& next, int continuation_indent, int wrap_width) {
    if (next.text.empty() || current.text.empty() || next.bullet) return false;
    if (next.indent != continuation_indent) return false;
    return current.indent + current.width + 1 + first_word_width(next.text) > wrap_width;
}

}  // namespace

Document segment_text(std::string_view utf8) {
    Document document;
    const std::vector<SourceLine> lines = split_lines(utf8);
    const int wrap_width = detect_wrap_width(lines);
    document.blocks.reserve(lines.size() / 2 + 1);

    bool blank_before = true;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const SourceLine& first = lines[i];
        if (first.text.empty()) {
            blank_before = true;
            if (!document.blocks.empty()) document.blocks.back().blank_after = true;
            continue;
        }
        Block block;
        block.first_line = block.last_line = first.number;
        block.indent = first.indent;
        block.bullet = first.bullet;
        block.kind = first.bullet ? BlockKind::ListItem : BlockKind::Paragraph;
        block.blank_before = blank_before;
        blank_before = false;
        block.text.assign(first.text);
        if (wrap_width > 0) {
            // Continuation lines of a list item are indented to the item's text.
            const int continuation_indent = first.bullet ? first.bullet_text_column : first.indent;
            std::size_t j = i;
            while (j + 1 < lines.size() && continues(lines[j], lines[j + 1], continuation_indent, wrap_width)) {
                ++j;
                block.text.push_back(' ');
                block.text.append(lines[j].text);
            }
            block.last_line = lines[j].number;
            i = j;
        }
        document.blocks.push_back(std::move(block));
    }
    return document;
}

}  // namespace winnow
