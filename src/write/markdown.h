// Markdown writer: the clean article with its structure kept (headings, lists, tables, code
// blocks, block quotes). Declared apart from write.h until the lead folds it in.
#pragma once

#include <string>

#include "segment/document.h"
#include "write/article.h"

namespace winnow {

// "# Title", then the content blocks as Markdown, separated by blank lines. Appends to out.
void write_markdown(std::string& out, const Document& document, const Article& article);

}  // namespace winnow
