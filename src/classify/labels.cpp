// Names of labels and categories as they appear in --explain and JSON (stable: scripts rely on them).
#include "classify/labels.h"

namespace winnow {

std::string_view label_name(Label label) {
    switch (label) {
        case Label::Content: return "content";
        case Label::Title: return "title";
        case Label::Byline: return "byline";
        case Label::Date: return "date";
        case Label::Comment: return "comment";
        case Label::Noise: return "noise";
    }
    return "content";
}

std::string_view category_name(Category category) {
    switch (category) {
        case Category::None: return "-";
        case Category::Ad: return "ad";
        case Category::Cookie: return "cookie";
        case Category::Related: return "related";
        case Category::Newsletter: return "newsletter";
        case Category::Promo: return "promo";
        case Category::Share: return "share";
        case Category::Caption: return "caption";
        case Category::Navigation: return "navigation";
        case Category::Interface: return "interface";
        case Category::Legal: return "legal";
        case Category::Comment: return "comment";
        case Category::Boilerplate: return "boilerplate";
    }
    return "-";
}

}  // namespace winnow
