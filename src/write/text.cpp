// Text writer: the headline, then one paragraph or list item per line, list markers dropped. A web
// page where nothing is content (a script-only shell, a sign-in or block page) prints nothing: its
// headline alone is no text. (A plain-text document's headline is a line of its text, and stays.)
#include "write/write.h"

namespace winnow::write {

void write_text(std::string& out, const Document& document, const Article& article) {
    if (document.from_html && article.body.empty() && article.comments.empty()) return;
    if (!article.title.empty()) {
        out.append(article.title);
        out.push_back('\n');
    }
    for (std::size_t index : article.body) {
        const Block& block = document.blocks[index];
        out.append(written_text(block));
        out.push_back('\n');
    }
    // Reader comments (--comments) follow after a blank line, one per line.
    if (!article.comments.empty()) out.push_back('\n');
    for (std::size_t index : article.comments) {
        out.append(written_text(document.blocks[index]));
        out.push_back('\n');
    }
}

}  // namespace winnow::write
