// What classify decides for each block: a label, a noise category and the reason in words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "winnow/types.h"  // Label, Category and their names

namespace winnow {

struct Decision {
    Label label = Label::Content;
    Category category = Category::None;
    std::string reason;  // the rule or pattern that fired, with feature values
    std::string value;   // title/byline/date: the metadata value taken from the line ("Tamilla Hasanova")
};

using Labels = std::vector<Decision>;  // parallel to Document::blocks

}  // namespace winnow
