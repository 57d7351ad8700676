// What kind of page an HTML document is (article, forum thread, product, collection, listing,
// documentation, service), from what the page declares (schema.org types, og:type), its URL's
// shape and its structure (code blocks, repeated cards, prices, posts). The evidence and its
// weights are data: patterns/page/types.txt.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "classify/labels.h"
#include "classify/patterns.h"
#include "classify/document.h"

namespace winnow::classify {

// The structural measurements a `feature` hint can name, in the order of kPageFeatureNames.
enum class PageFeature {
    CodeBlocks,       // <pre> blocks
    CodeSpans,        // inline <code> spans
    LinkedHeadings,   // headings that are mostly a link (card titles)
    CardGroup,        // the largest run of like siblings (same parent, tag and classes) holding text
    Prices,           // short lines with a price ("$19.99", "24,90 €")
    LongParagraphs,   // paragraphs of 150+ characters, few links
    ProseShare,       // their share of the page's visible text
    PostShare,        // share of the prose inside comment/post/reply containers
    PostsFirst,       // the same when the page's first prose is in one of them (a thread, not an
                      // article with comments under it), else 0
    QuestionTitle,    // the title asks (1) or not (0)
    Headings,         // visible headings
    TableCells,       // table cells
    DatedUrl,         // the URL's path has a year, or year and month, as segments ("/2025/03/") (1) or not (0)
    SlugWords,        // words in the URL path's longest segment ("/why-tutoring-works-123" has 4)
    PathSegments,     // segments of the URL's path ("/docs/install/" has 2)
    RootUrl,          // the URL is a site's home page (1) or not (0)
    CardShare,        // share of the page's visible text inside the largest run of like siblings
    LinkShare,        // share of the page's visible text inside links
    TeasersPerParagraph,  // linked headings for each long paragraph (of long paragraphs + 1): a page
                          // of teasers has many, an article with a few links to read next has few
    Count
};
inline constexpr std::array<std::string_view, static_cast<std::size_t>(PageFeature::Count)> kPageFeatureNames = {
    "code_blocks", "code_spans", "linked_headings", "card_group", "prices", "long_paragraphs",
    "prose_share", "post_share", "posts_first", "question_title", "headings", "table_cells", "dated_url", "slug_words",
    "path_segments", "root_url", "card_share", "link_share", "teasers_per_paragraph"};

using PageFeatures = std::array<double, static_cast<std::size_t>(PageFeature::Count)>;

struct PageTypeDecision {
    PageType type = PageType::Article;
    std::string reason;  // the evidence that decided, with the file and line of each hint
};

PageFeatures measure_page(const Document& document, const Patterns& patterns);

// Sums the weights of the hints that hold; the type with the highest sum wins (article on a tie).
PageTypeDecision decide_page_type(const Document& document, const Patterns& patterns);

}  // namespace winnow::classify
