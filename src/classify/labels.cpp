// Names of labels and categories as they appear in --explain and JSON (stable: scripts rely on them).
#include "classify/labels.h"

// label_name and category_name are declared with Label and Category in winnow/types.h.
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

namespace winnow::classify {

std::string_view page_type_name(PageType type) {
    switch (type) {
        case PageType::Article: return "article";
        case PageType::Forum: return "forum";
        case PageType::Product: return "product";
        case PageType::Collection: return "collection";
        case PageType::Listing: return "listing";
        case PageType::Documentation: return "documentation";
        case PageType::Service: return "service";
    }
    return "article";
}

bool page_type_from_name(std::string_view name, PageType* type) {
    for (int i = 0; i < kPageTypes; ++i) {
        const auto t = static_cast<PageType>(i);
        if (page_type_name(t) == name) {
            *type = t;
            return true;
        }
    }
    return false;
}

}  // namespace winnow::classify
