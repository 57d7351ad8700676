// What classify decides for each block: a label, a noise category and the reason in words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "winnow/types.h"  // Label, Category and their names

namespace winnow::classify {

// What kind of page an HTML document is: it decides what counts as content (page_type.h).
enum class PageType { Article, Forum, Product, Collection, Listing, Documentation, Service };
constexpr int kPageTypes = 7;

struct Decision {
    Label label = Label::Content;
    Category category = Category::None;
    std::string reason;  // the rule or pattern that fired, with feature values
    std::string value;   // title/byline/date: the metadata value taken from the line ("Tamilla Hasanova")
};

using Labels = std::vector<Decision>;  // parallel to Document::blocks

std::string_view page_type_name(PageType type);
// The type named ("forum"); false if none is.
bool page_type_from_name(std::string_view name, PageType* type);

}  // namespace winnow::classify
