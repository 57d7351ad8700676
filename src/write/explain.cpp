// --explain writer: one tab-separated row per block with its decision and the reason.
#include "write/write.h"

namespace winnow::write {
namespace {

// Tabs and newlines inside a field would break the columns.
void append_field(std::string& out, std::string_view text) {
    for (char c : text) out.push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
}

}  // namespace

void write_explain(std::string& out, const Document& document, const Labels& labels, const Article* article) {
    if (article != nullptr && !article->page_type.empty()) {
        out.append("# page type: ");
        out.append(article->page_type);
        out.append(" (");
        append_field(out, article->page_type_reason);
        out.append(")\n");
    }
    for (std::size_t i = 0; i < document.blocks.size() && i < labels.size(); ++i) {
        const Block& block = document.blocks[i];
        const Decision& d = labels[i];
        out.append(std::to_string(block.first_line));
        if (block.last_line > block.first_line) {
            out.push_back('-');
            out.append(std::to_string(block.last_line));
        }
        out.push_back('\t');
        out.append(label_name(d.label));
        out.push_back('\t');
        out.append(category_name(d.category));
        out.push_back('\t');
        append_field(out, d.reason);
        out.push_back('\t');
        append_field(out, block.text);
        out.push_back('\n');
    }
}

}  // namespace winnow::write
