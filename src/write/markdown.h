// Markdown writer: the clean article with its structure kept (headings, lists, tables, code
// blocks, block quotes). write.h includes it with the other writers.
#pragma once

#include <string>

#include "write/document.h"
#include "write/article.h"

namespace winnow::write {

struct MarkdownOptions {
    bool links = false;  // write [text](target) for links (segment with HtmlOptions::keep_links)
};

// "# Title", then the content blocks as Markdown, separated by blank lines; emphasis, strong
// and code spans inline. Appends to out.
void write_markdown(std::string& out, const Document& document, const Article& article,
                    const MarkdownOptions& options = {});

}  // namespace winnow::write
