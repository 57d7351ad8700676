// Text writer: the headline, then one paragraph per line.
#include "write/write.h"

namespace winnow {

void write_text(std::string& out, const Document& document, const Article& article) {
    if (!article.title.empty()) {
        out.append(article.title);
        out.push_back('\n');
    }
    for (std::size_t index : article.body) {
        const Block& block = document.blocks[index];
        // Plain-text list items keep their indentation, so "  • item" reads as it did.
        if (block.bullet && !document.from_html) out.append(static_cast<std::size_t>(block.indent), ' ');
        out.append(block.text);
        out.push_back('\n');
    }
    // Reader comments (--comments) follow after a blank line, one per line.
    if (!article.comments.empty()) out.push_back('\n');
    for (std::size_t index : article.comments) {
        out.append(document.blocks[index].text);
        out.push_back('\n');
    }
}

}  // namespace winnow
