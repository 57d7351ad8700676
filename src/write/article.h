// The clean article assembled from a labelled document: what every writer prints.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "write/document.h"

namespace winnow::write {

struct Article {
    std::string title;
    std::string author;
    std::string date;
    std::vector<std::size_t> body;      // indices of the content blocks, in document order
    std::vector<std::size_t> comments;  // indices of reader comments kept by --comments
    std::string page_type;              // HTML: article, forum, product, … (empty for text)
    std::string page_type_reason;       // the evidence that decided it
};

Article assemble(const Document& document, const Labels& labels);

}  // namespace winnow::write
