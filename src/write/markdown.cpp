// Markdown writer (see markdown.h): block kinds from the segmenter become Markdown blocks.
#include "write/markdown.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace winnow::write {
namespace {

// Characters that would turn plain text into markup at the start of a line or anywhere.
void append_escaped(std::string& out, std::string_view text, bool line_start) {
    std::size_t i = 0;
    if (line_start) {
        // "1. " or "- " or "# " at the start of a paragraph would become a list or heading.
        std::size_t digits = 0;
        while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
        if (digits > 0 && digits + 1 < text.size() && text[digits] == '.' && text[digits + 1] == ' ') {
            out.append(text.substr(0, digits));
            out += "\\.";
            i = digits + 1;
        } else if (!text.empty() && (text[0] == '#' || text[0] == '>' || text[0] == '-' || text[0] == '+' ||
                                     text[0] == '=')) {
            out += '\\';
        }
    }
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '\\') out += '\\';
        out += c;
    }
}

const char* opening(const InlineSpan& span, bool links) {
    switch (span.kind) {
        case InlineKind::Emphasis: return "*";
        case InlineKind::Strong: return "**";
        case InlineKind::Code: return "`";
        case InlineKind::Link: return links && !span.target.empty() ? "[" : "";
    }
    return "";
}

void append_closing(std::string& out, const InlineSpan& span, bool links) {
    switch (span.kind) {
        case InlineKind::Emphasis: out += "*"; break;
        case InlineKind::Strong: out += "**"; break;
        case InlineKind::Code: out += "`"; break;
        case InlineKind::Link:
            if (links && !span.target.empty()) {
                out += "](";
                for (char c : span.target) {
                    if (c == ' ') out += "%20";
                    else if (c == ')') out += "%29";
                    else out += c;
                }
                out += ")";
            }
            break;
    }
}

// A block's text with its inline spans as Markdown. Spans that cross another are left out.
void append_inline(std::string& out, const Block& block, bool links, bool line_start) {
    const std::string& text = block.text;
    if (block.spans.empty()) {
        append_escaped(out, written_text(block), line_start);
        return;
    }
    std::vector<const InlineSpan*> open;
    std::size_t next = 0;  // next span to consider opening
    std::size_t code_depth = 0;
    std::size_t at = 0;
    auto emit_text = [&](std::size_t from, std::size_t to) {
        if (to <= from) return;
        if (code_depth > 0) out.append(text, from, to - from);
        else append_escaped(out, std::string_view(text).substr(from, to - from), line_start && from == 0);
    };
    while (at <= text.size()) {
        // Close what ends here, innermost first.
        while (!open.empty() && open.back()->end <= at) {
            if (open.back()->kind == InlineKind::Code) --code_depth;
            append_closing(out, *open.back(), links);
            open.pop_back();
        }
        // Open what starts here and nests inside what is open.
        while (next < block.spans.size() && block.spans[next].begin <= at) {
            const InlineSpan& span = block.spans[next++];
            const bool nests = open.empty() || span.end <= open.back()->end;
            if (span.begin < at || span.end <= span.begin || !nests || code_depth > 0) continue;
            out += opening(span, links);
            if (span.kind == InlineKind::Code) ++code_depth;
            open.push_back(&span);
        }
        if (at == text.size()) break;
        std::size_t stop = text.size();
        if (!open.empty()) stop = std::min(stop, open.back()->end);
        if (next < block.spans.size()) stop = std::min(stop, block.spans[next].begin);
        if (stop <= at) stop = at + 1;
        emit_text(at, stop);
        at = stop;
    }
}

// "12. " for an item a plain text numbered ("12. ", "12) "), "- " for any other item.
std::string list_marker(const Block& block) {
    const std::string_view marker = std::string_view(block.text).substr(0, block.marker_length);
    std::size_t digits = 0;
    while (digits < marker.size() && marker[digits] >= '0' && marker[digits] <= '9') ++digits;
    if (digits > 0 && digits + 2 == marker.size() && (marker[digits] == '.' || marker[digits] == ')'))
        return std::string(marker.substr(0, digits)) + ". ";
    return "- ";
}

// The nearest <table> holding a block, or npos (text path, or no table).
std::size_t table_of(const Document& document, const Block& block) {
    if (document.containers.empty()) return Container::npos;
    for (std::size_t c = block.container; c != Container::npos && c < document.containers.size();
         c = document.containers[c].parent) {
        if (document.containers[c].tag == "table") return c;
    }
    return Container::npos;
}

std::size_t count_cells(std::string_view row) {
    std::size_t cells = 1;
    for (std::size_t at = row.find(" | "); at != std::string_view::npos; at = row.find(" | ", at + 3)) ++cells;
    return cells;
}

void append_row(std::string& out, std::string_view row, std::size_t columns) {
    out += "| ";
    std::size_t cells = 0;
    std::size_t start = 0;
    while (true) {
        const std::size_t at = row.find(" | ", start);
        append_escaped(out, row.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start), false);
        ++cells;
        if (at == std::string_view::npos) break;
        out += " | ";
        start = at + 3;
    }
    for (; cells < columns; ++cells) out += " | ";
    out += " |\n";
}

}  // namespace

void write_markdown(std::string& out, const Document& document, const Article& article,
                    const MarkdownOptions& options) {
    if (!article.title.empty()) {
        out += "# ";
        append_escaped(out, article.title, false);
        out += "\n";
    }
    const std::vector<std::size_t>& body = article.body;
    for (std::size_t k = 0; k < body.size(); ++k) {
        const Block& block = document.blocks[body[k]];
        const Block* previous = k > 0 ? &document.blocks[body[k - 1]] : nullptr;
        const bool continues_list = previous != nullptr && previous->kind == BlockKind::ListItem &&
                                    block.kind == BlockKind::ListItem;
        const bool continues_code = previous != nullptr && previous->kind == BlockKind::Preformatted &&
                                    block.kind == BlockKind::Preformatted && !block.blank_before;
        const bool continues_table = previous != nullptr && previous->kind == BlockKind::TableCell &&
                                     block.kind == BlockKind::TableCell &&
                                     table_of(document, *previous) == table_of(document, block) &&
                                     table_of(document, block) != Container::npos;
        if (!continues_list && !continues_code && !continues_table) out += "\n";

        switch (block.kind) {
            case BlockKind::Heading: {
                const int level = block.heading_level >= 1 && block.heading_level <= 6 ? block.heading_level : 2;
                out.append(static_cast<std::size_t>(level), '#');
                out += ' ';
                append_inline(out, block, options.links, false);
                out += "\n";
                break;
            }
            case BlockKind::ListItem:
                out += list_marker(block);
                append_inline(out, block, options.links, false);
                out += "\n";
                break;
            case BlockKind::Preformatted: {
                if (!continues_code) out += "```\n";
                else out.append(static_cast<std::size_t>(std::clamp(block.code_blank_lines, 0, 8)), '\n');
                out += block.text;
                out += "\n";
                const Block* next = k + 1 < body.size() ? &document.blocks[body[k + 1]] : nullptr;
                if (next == nullptr || next->kind != BlockKind::Preformatted || next->blank_before) out += "```\n";
                break;
            }
            case BlockKind::Quote:
                out += "> ";
                append_inline(out, block, options.links, false);
                out += "\n";
                break;
            case BlockKind::TableCell: {
                const std::size_t table = table_of(document, block);
                if (table == Container::npos) {
                    append_escaped(out, block.text, true);
                    out += "\n";
                    break;
                }
                std::size_t columns = count_cells(block.text);
                append_row(out, block.text, columns);
                if (!continues_table) {
                    // Markdown tables need a header row: the first row is taken as the header.
                    out += "|";
                    for (std::size_t c = 0; c < columns; ++c) out += " --- |";
                    out += "\n";
                }
                break;
            }
            case BlockKind::Paragraph:
            case BlockKind::Caption:
                append_inline(out, block, options.links, true);
                out += "\n";
                break;
        }
    }
    // Reader comments (--comments): their own section, one paragraph each.
    if (!article.comments.empty()) out += "\n## Comments\n";
    for (std::size_t index : article.comments) {
        out += "\n";
        append_inline(out, document.blocks[index], options.links, true);
        out += "\n";
    }
}

}  // namespace winnow::write
