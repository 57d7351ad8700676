// Main-content region of an HTML page: scores the page's containers the way Readability picks
// its top candidate (prose, commas and length flow up to ancestors; link density and class/id
// hints weigh them), then gives every block a prior: inside the article region or not, and the
// noise category its DOM hints imply. classify() combines this prior with its line rules.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "classify/classify.h"
#include "classify/labels.h"
#include "classify/patterns.h"
#include "classify/document.h"

namespace winnow::classify {

struct HtmlPrior {
    bool in_main = false;                     // inside the main-content region (or rescued as prose)
    Category dom_category = Category::None;   // noise category from the block's or an ancestor's hints
    bool near_main = false;                   // outside the region, under its parent or grandparent
    bool keep = false;                        // the region scorer's own verdict: content
    std::string reason;                       // why, with the figures that decided it
};

// One prior per block of document (parallel to document.blocks). Empty if the document has no
// containers (not from the HTML path).
// favor shifts the thresholds: Precision keeps only the top candidate's region and cleans it
// harder, Recall joins weaker candidates and keeps more linked text.
// page_type widens the region for pages whose content is not one article (see page_type.h).
std::vector<HtmlPrior> score_html_regions(const Document& document, const Patterns& patterns,
                                          Favor favor = Favor::Balanced, PageType page_type = PageType::Article);

// Pages whose hidden panels and figure captions are content: on service pages, listings,
// collections and documentation the text a script shows on demand (a tab's panel, an FAQ's
// answer, a "more" section) and the text under a picture (a feature tile, a slide) are the page's
// own; a hidden element with a furniture class stays furniture. Not on articles, forums and
// products, whose hidden text is mostly copies, menus and dialogs (a product's variants, its size
// chart, the cart) and whose captions are asides; a product keeps only the lines of its hidden
// tabs that read as a panel's text (reads_hidden_text).
bool keeps_hidden_panels(PageType type);

// Pages whose hidden elements are not furniture for being hidden: those that keep their hidden
// panels, and products, whose hidden tabs hold the description and specifications among their
// variants and dialogs (patterns/page/region.txt: product_panel_min_chars says which lines).
bool reads_hidden_text(PageType type);

// A page whose text is mostly inside hidden elements (a wrapper shown by a script once the page
// has loaded, an "anti-flicker" style): a copy of document with those wrappers visible, so their
// text is scored like any other. nullopt when nothing needs revealing.
std::optional<Document> reveal_hidden_wrappers(const Document& document, const Patterns& patterns);

}  // namespace winnow::classify
