// Main-content region of an HTML page (see html_region.h). The scoring follows Readability's
// top-candidate search, on the containers the segmenter recorded instead of a live DOM.
#include "classify/html_region.h"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <string_view>

#include "classify/string_table.h"

namespace winnow::classify {
namespace {

// Pages whose content comes in repeated parts rather than one run of prose: listings and
// collections, service pages (features, plans, testimonials side by side), products (a
// description, a table of specifications, feature tiles) and documentation (sections, tables,
// parameter lists). Not forums, whose posts are prose.
bool card_page(PageType type) {
    return type != PageType::Article && type != PageType::Forum;
}

}  // namespace

bool keeps_hidden_panels(PageType type) {
    return card_page(type) && type != PageType::Product;
}

bool reads_hidden_text(PageType type) {
    return card_page(type);
}

namespace {

// Class/id tokens (or parts of them) that mark the article itself. They also veto a noise hint on
// the same element ("main-content has-sidebar"). Kept here rather than in patterns/dom/ because
// they are no noise category; the list is Readability's positive pattern, and Drupal's "node", the
// element of a page's own content, whose state classes would read as noise ("node node--promoted":
// promoted to the front page, not a promotion).
// Each is one part: "h-entry", "article-body" or "entry-content" hold one of them already.
constexpr std::string_view kContentParts[] = {"article", "content", "main", "post",  "entry", "hentry",
                                              "story",   "body",    "text", "blog",  "node",  "articlebody"};

// The scorer's thresholds: data in patterns/page/region.txt (what each one does is said there);
// the numbers here are only the fallbacks when no file sets one.
struct RegionSettings {
    std::size_t min_candidate_prose;
    double secondary_share;
    double clean_link_density;
    std::size_t near_levels;
    std::size_t layout_token_containers;
    double layout_token_prose_share;
    double card_token_text_share;
    std::size_t card_min_run;
    double reveal_hidden_share;
    std::size_t reveal_min_prose;
    double broad_link_density;
    std::size_t linked_teaser_chars;
    std::size_t prose_form_chars;
    std::size_t product_panel_min_chars;
};

RegionSettings settings_for(const Patterns& patterns, Favor favor) {
    auto number = [&](std::string_view name, double fallback) { return patterns.region_setting(name, fallback); };
    auto count = [&](std::string_view name, double fallback) {
        return static_cast<std::size_t>(std::max(0.0, number(name, fallback)));
    };
    // --favor picks "<name>.precision" or "<name>.recall" where the file has one.
    const std::string suffix = favor == Favor::Precision ? ".precision" : favor == Favor::Recall ? ".recall" : "";
    auto favored = [&](const std::string& name, double fallback) {
        const double plain = number(name, fallback);
        return suffix.empty() ? plain : number(name + suffix, plain);
    };
    RegionSettings s;
    s.min_candidate_prose = count("min_candidate_prose", 100);
    s.secondary_share = favored("secondary_share", 0.75);
    s.clean_link_density = favored("clean_link_density", 0.33);
    s.near_levels = count("near_levels", 64);
    s.layout_token_containers = count("layout_token_containers", 3);
    s.layout_token_prose_share = number("layout_token_prose_share", 0.5);
    s.card_token_text_share = number("card_token_text_share", 0.25);
    s.card_min_run = count("card_min_run", 4);
    s.reveal_hidden_share = number("reveal_hidden_share", 0.75);
    s.reveal_min_prose = count("reveal_min_prose", 500);
    s.broad_link_density = number("broad_link_density", 0.5);
    s.linked_teaser_chars = count("linked_teaser_chars", 60);
    s.prose_form_chars = count("prose_form_chars", 200);
    s.product_panel_min_chars = count("product_panel_min_chars", 100);
    return s;
}

bool is_part_boundary(char c) { return c == '-' || c == '_'; }

// True if one of the whole '-'/'_' separated parts of token is one of `parts` (each a single part).
template <std::size_t N>
bool has_any_part(std::string_view token, const std::string_view (&parts)[N]) {
    for (std::size_t start = 0; start <= token.size();) {
        std::size_t end = start;
        while (end < token.size() && !is_part_boundary(token[end])) ++end;
        const std::string_view part = token.substr(start, end - start);
        for (std::string_view wanted : parts)
            if (part == wanted) return true;
        start = end + 1;
    }
    return false;
}

template <typename F>
void for_each_token(std::string_view hints, F&& f) {
    std::size_t i = 0;
    while (i < hints.size()) {
        std::size_t end = hints.find(' ', i);
        if (end == std::string_view::npos) end = hints.size();
        if (end > i) f(hints.substr(i, end - i));
        i = end + 1;
    }
}

// An id made from a heading ("sharing-with-a-single-developer") names a section, not furniture.
bool is_slug(std::string_view token) {
    std::size_t parts = 1;
    for (char c : token) parts += is_part_boundary(c) ? 1 : 0;
    return parts >= 5;
}

// "search-results", "product-search-results": what a search found, not the search box; on a
// listing or a collection it is the page's content, so no noise hint is read from such a token.
// So are the page, grid, list or cards of a search ("search-page", "c-search-grid",
// "discover-search-card").
bool names_results(std::string_view token) {
    static constexpr std::string_view kResults[] = {"results", "result"}, kSearch[] = {"search"};
    static constexpr std::string_view kFound[] = {"page", "grid", "list", "listing", "card", "cards", "items", "hits"};
    return has_any_part(token, kResults) || (has_any_part(token, kSearch) && has_any_part(token, kFound));
}

bool is_content_token(std::string_view token) { return has_any_part(token, kContentParts); }

// A token that names a content block and ends in furniture ("ipsEntry__signature",
// "article-related", "post-card__tags": BEM's block__element) marks that furniture of the block,
// not the content: the category of its last part, or None.
Category furniture_of_content(std::string_view token, const Patterns& patterns, PageType page_type) {
    std::size_t last = token.size();
    while (last > 0 && !is_part_boundary(token[last - 1])) --last;
    if (last == 0 || last == token.size()) return Category::None;  // one part, or ends in a boundary
    if (!is_content_token(token.substr(0, last - 1))) return Category::None;
    return patterns.dom_hint(token.substr(last), page_type);
}

std::size_t count_commas(std::string_view text) {
    std::size_t commas = static_cast<std::size_t>(std::count(text.begin(), text.end(), ','));
    // U+FF0C fullwidth comma (EF BC 8C), U+3001 ideographic comma (E3 80 81)
    for (const std::string_view wide : {std::string_view("\xEF\xBC\x8C"), std::string_view("\xE3\x80\x81")}) {
        for (std::size_t at = text.find(wide); at != std::string_view::npos; at = text.find(wide, at + wide.size())) ++commas;
    }
    return commas;
}

// Readability's initial score for an element by its tag.
double tag_bonus(const Container& c) {
    const std::string_view t = c.tag;  // string_view compares lengths first
    if (t == "div" || t == "article" || t == "main" || t == "section") return 5;
    if (t == "pre" || t == "td" || t == "blockquote") return 3;
    if (t == "address" || t == "ol" || t == "ul" || t == "dl" || t == "dd" || t == "dt" || t == "li" || t == "form")
        return -3;
    if (t == "h1" || t == "h2" || t == "h3" || t == "h4" || t == "h5" || t == "h6" || t == "th") return -5;
    return 0;
}

std::string format(const char* fmt, auto... args) {
    char buffer[200];
    std::snprintf(buffer, sizeof buffer, fmt, args...);
    return buffer;
}

struct ContainerStats {
    Category hint = Category::None;      // noise category of its own tokens (None if vetoed)
    bool post_hint = false;              // on a forum: a comment token, read as a post
    std::string_view hint_token;         // the token that gave it
    bool content_hint = false;           // carries a content token
    double weight = 0;                   // class weight: +25 content, -25 noise
    std::size_t chars = 0;               // text in the subtree
    std::size_t link_chars = 0;
    std::size_t prose_chars = 0;         // text of prose blocks in the subtree
    std::size_t card_chars = 0;          // text inside a listing's cards (pages of parts only)
    std::size_t commas = 0;
    std::size_t paragraphs = 0;          // prose blocks
    std::size_t list_items = 0;
    std::size_t headings = 0;
    std::size_t heading_chars = 0;
    double score = 0;
    bool scored = false;
    std::size_t noise_ancestor = Container::npos;  // nearest trusted noise container, itself included
    bool in_region = false;
    bool removed = false;                // dropped by the conditional clean inside the region
    std::string removed_reason;
};

// Share of the subtree's text inside links; if_empty for a container without text (each caller
// says which way an empty container should lean).
double link_density(const ContainerStats& s, double if_empty) {
    return s.chars > 0 ? static_cast<double>(s.link_chars) / static_cast<double>(s.chars) : if_empty;
}

bool is_prose(const Block& b) {
    return !b.hidden && b.text_chars >= 25 && b.kind != BlockKind::Heading;
}

// What one class/id token says on a page of the given type.
struct TokenReading {
    bool content = false;              // it names a content block (and none of its furniture)
    Category hint = Category::None;    // the noise category it gives
};

TokenReading read_token(std::string_view token, const Patterns& patterns, PageType page_type) {
    TokenReading reading;
    // A script's hook ("js-data-tooltip", "js-search") names what a script does with the
    // element, not what the element is.
    if (token.starts_with("js-") || token.starts_with("js_")) return reading;
    // Only a content token can end in its block's furniture.
    const bool content = is_content_token(token);
    const Category furniture_part = content ? furniture_of_content(token, patterns, page_type) : Category::None;
    reading.content = content && furniture_part == Category::None;
    // A slug's words are a heading's, but a slug does not end in a content block's furniture.
    if ((!is_slug(token) || furniture_part != Category::None) && !names_results(token))
        reading.hint = furniture_part != Category::None ? furniture_part : patterns.dom_hint(token, page_type);
    return reading;
}

// What an element's list of tokens says: a content token among them, and the first token that
// gives a category (where it is in the list).
struct HintsReading {
    bool content = false;
    Category hint = Category::None;
    std::size_t token_at = 0, token_size = 0;
};

// Step 1: each container's own class/id hints, its Readability class weight, and the
// hidden containers (interface).
void read_own_hints(const std::vector<Container>& containers, const Patterns& patterns, PageType page_type,
                    std::vector<ContainerStats>& stats) {
    const std::size_t n = containers.size();
    auto tag = [&](std::size_t c) { return std::string_view(containers[c].tag); };
    // A page repeats its class lists on many elements, and its classes in many lists: each
    // distinct list, and each distinct token, is read once.
    StringViewTable<TokenReading> tokens(64);
    StringViewTable<HintsReading> lists(64);
    auto read_list = [&](std::string_view hints) {
        HintsReading list;
        for_each_token(hints, [&](std::string_view token) {
            auto [at, added] = tokens.try_emplace(token);
            if (added) *at = read_token(token, patterns, page_type);
            const TokenReading& reading = *at;
            if (reading.content) list.content = true;
            if (list.hint == Category::None && reading.hint != Category::None) {
                list.hint = reading.hint;
                list.token_at = static_cast<std::size_t>(token.data() - hints.data());
                list.token_size = token.size();
            }
        });
        return list;
    };
    for (std::size_t c = 0; c < n; ++c) {
        ContainerStats& s = stats[c];
        const std::string_view hints = containers[c].hints;
        if (tag(c) == "html" || tag(c) == "body") continue;
        if (!hints.empty()) {
            auto [at, added] = lists.try_emplace(hints);
            if (added) *at = read_list(hints);
            const HintsReading& list = *at;
            s.content_hint = list.content;
            // The first token that gives a category gives the element's.
            if (list.hint != Category::None) {
                s.hint = list.hint;
                s.hint_token = hints.substr(list.token_at, list.token_size);
            }
        }
        if (s.content_hint && s.hint != Category::Comment) s.hint = Category::None;
        // On a forum the posts and replies are the content.
        if (page_type == PageType::Forum && s.hint == Category::Comment) {
            s.hint = Category::None;
            s.post_hint = true;
        }
        s.weight = (s.content_hint ? 25.0 : 0.0) - (s.hint != Category::None ? 25.0 : 0.0);
        if (containers[c].hidden && s.hint == Category::None && !reads_hidden_text(page_type)) {
            s.hint = Category::Interface;
            s.hint_token = "hidden";
        }
    }
}

// Step 2b: a noise token repeated on many separate containers that together hold most of the
// page's prose is the site builder's layout class ("elementor-widget-container"), not furniture.
// On an article or a thread a builder's element and the wrappers it nests ("elementor-widget",
// "elementor-widget-container") count as one class; on pages of parts, where menus and dialogs
// share stems with the cards, each class counts alone.
// Reader comments are exempt: a long thread is still comments.
// On a listing or a collection the cards hold short lines (a name, a date, a price) rather than
// prose, so there the share is of all the page's text, and the token's text must not be mostly
// links.
void veto_layout_tokens(const std::vector<Container>& containers, std::size_t total_prose, const RegionSettings& settings,
                        PageType page_type, std::vector<ContainerStats>& stats) {
    const bool cards = card_page(page_type);
    auto amount = [&](const ContainerStats& s) { return cards ? s.chars : s.prose_chars; };
    const std::size_t total = cards && !stats.empty() ? stats[0].chars : total_prose;
    const std::size_t n = containers.size();
    struct TokenShare {
        std::size_t prose = 0;
        std::size_t link_chars = 0;
        std::size_t chars = 0;
        std::size_t containers = 0;
    };
    // Numbered copies of one class ("widget_3", "widget_7") are one token.
    auto family = [](std::string_view token) {
        while (!token.empty() && ((token.back() >= '0' && token.back() <= '9') || token.back() == '-' || token.back() == '_'))
            token.remove_suffix(1);
        return token;
    };
    auto counted = [&](const ContainerStats& s) {
        return s.hint != Category::None && s.hint != Category::Comment && s.hint_token != "hidden";
    };
    // A builder names an element and the wrappers inside or around it by one stem
    // ("elementor-widget", "elementor-widget-container", "elementor-widget-wrap"): the
    // shortest family on the page that the token's leading parts spell is its root.
    StringViewTable<char> families;
    if (!cards) {
        for (std::size_t c = 0; c < n; ++c) {
            if (counted(stats[c])) families.try_emplace(family(stats[c].hint_token));
        }
    }
    auto root = [&](std::string_view token) {
        const std::string_view f = family(token);
        for (std::size_t end = 0; end < f.size(); ++end) {
            if (is_part_boundary(f[end]) && end > 0 && families.contains(f.substr(0, end))) return f.substr(0, end);
        }
        return f;
    };
    std::vector<std::string_view> roots(n);  // of each container's hint token
    for (std::size_t c = 0; c < n; ++c) {
        if (stats[c].hint != Category::None) roots[c] = root(stats[c].hint_token);
    }
    StringViewTable<TokenShare> shares;
    std::vector<std::string_view> counted_as(n);  // the root counted at or above each container
    for (std::size_t c = 0; c < n; ++c) {
        const ContainerStats& s = stats[c];
        const std::size_t parent = containers[c].parent;
        const std::string_view above = parent != Container::npos ? counted_as[parent] : std::string_view();
        counted_as[c] = above;
        if (!counted(s)) continue;
        const std::string_view r = roots[c];
        TokenShare& share = shares[r];
        if (parent == Container::npos || !counted(stats[parent]) || roots[parent] != r) ++share.containers;
        if (r == above) continue;  // its text is counted above
        counted_as[c] = r;
        share.prose += amount(s);
        share.link_chars += s.link_chars;
        share.chars += s.chars;
    }
    for (std::size_t c = 0; c < n; ++c) {
        ContainerStats& s = stats[c];
        if (s.hint == Category::None || s.hint == Category::Comment) continue;
        const TokenShare* it = shares.find(roots[c]);
        if (it == nullptr || it->containers < settings.layout_token_containers) continue;
        const double share = cards ? settings.card_token_text_share : settings.layout_token_prose_share;
        if (total == 0 || static_cast<double>(it->prose) <= share * static_cast<double>(total))
            continue;
        // Cards carry text beside their links (a date, a price, a summary); a menu is all links.
        if (cards && it->link_chars * 2 > it->chars) continue;
        s.hint = Category::None;
        s.weight = s.content_hint ? 25.0 : 0.0;
    }
}

// Step 2c, forums: the posts and replies are the content, but comments under each post (a Q&A
// site's remarks on its question and on each answer) are comments. A comment block is under a
// post when the nearest element around it with prose of its own holds no other comment block; it
// takes two such blocks to tell that layout from a thread whose replies follow its opening post.
void mark_comments_on_posts(const std::vector<Container>& containers, std::vector<ContainerStats>& stats) {
    const std::size_t n = containers.size();
    std::vector<char> top(n, 0);             // a comment block with prose and no comment block around it
    std::vector<std::size_t> blocks_in(n, 0), comment_prose(n, 0);
    std::vector<char> inside(n, 0);
    for (std::size_t c = 0; c < n; ++c) {
        const std::size_t parent = containers[c].parent;
        const bool above = parent != Container::npos && inside[parent];
        inside[c] = above || stats[c].post_hint;
        // A block named content as well ("content comment-text") is a post's own text.
        top[c] = stats[c].post_hint && !above && stats[c].prose_chars > 0 && !stats[c].content_hint;
    }
    for (std::size_t c = n; c-- > 0;) {
        if (top[c]) {
            blocks_in[c] += 1;
            comment_prose[c] += stats[c].prose_chars;
        }
        const std::size_t parent = containers[c].parent;
        if (parent == Container::npos) continue;
        blocks_in[parent] += blocks_in[c];
        comment_prose[parent] += comment_prose[c];
    }
    std::vector<std::size_t> under_posts;
    for (std::size_t c = 0; c < n; ++c) {
        if (!top[c]) continue;
        for (std::size_t a = containers[c].parent; a != Container::npos; a = containers[a].parent) {
            if (stats[a].prose_chars <= comment_prose[a]) continue;  // no prose of its own yet
            if (blocks_in[a] == 1) under_posts.push_back(c);
            break;
        }
    }
    if (under_posts.size() < 2) return;
    for (std::size_t c : under_posts) {
        stats[c].hint = Category::Comment;
        stats[c].weight = -25.0;
    }
}

// role="dialog" or "alertdialog" (the hints hold the role's tokens).
bool is_dialog(std::string_view hints) {
    bool dialog = false;
    for_each_token(hints, [&](std::string_view token) { dialog = dialog || token == "dialog" || token == "alertdialog"; });
    return dialog;
}

// Step 3: which noise hints to believe: not one on an element holding most of the page's prose,
// which is a page wrapper with an unlucky class ("layout-sidebar"). Sets every container's
// nearest believed noise container.
void believe_hints(const std::vector<Container>& containers, std::size_t total_prose, PageType page_type,
                   std::vector<ContainerStats>& stats) {
    const std::size_t n = containers.size();
    // On a page of parts the content is short lines rather than prose: there an element holding
    // most of the page's text, not mostly links, is no widget either.
    const std::size_t total_chars = card_page(page_type) && !stats.empty() ? stats[0].chars : 0;
    auto tag = [&](std::size_t c) { return std::string_view(containers[c].tag); };
    for (std::size_t c = 0; c < n; ++c) {
        ContainerStats& s = stats[c];
        const std::size_t parent = containers[c].parent;
        s.noise_ancestor = parent != Container::npos ? stats[parent].noise_ancestor : Container::npos;
        if (s.hint == Category::None) continue;
        // A widget's class (a search's, "js-search") on the element holding most of the page's
        // cards, however linked, names the script that fills it: the cards are the page.
        const bool holds_most = (total_prose > 0 && s.prose_chars * 2 > total_prose) ||
                                (total_chars > 0 && s.chars * 2 > total_chars &&
                                 (s.link_chars * 2 < s.chars || (s.hint == Category::Interface && s.card_chars * 2 > s.chars)));
        // A cookie banner, a comment thread or a gallery's list of captions can be the longest
        // text on a page and still be what it says it is.
        const bool caption_list = s.hint == Category::Caption && (tag(c) == "ul" || tag(c) == "ol");
        const bool layout_category = s.hint != Category::Comment && s.hint != Category::Cookie && !caption_list;
        // Share bars, menus and dialogs are small; one holding a good share of the page's prose is
        // a wrapper around the article ("share_wrapper") rather than the widget itself.
        const bool small_widget = s.hint == Category::Share || s.hint == Category::Navigation ||
                                  s.hint == Category::Interface;
        const bool holds_much = total_prose > 0 && s.prose_chars >= 500 && s.prose_chars * 10 > total_prose * 3;
        // A page's <footer>, its <nav> (a shop's mega menu of every department) and a dialog (a
        // privacy policy or a size guide in a modal) are what they say however much text they hold.
        const bool declared = tag(c) == "footer" || tag(c) == "nav" || tag(c) == "dialog" || is_dialog(containers[c].hints);
        if (!declared && ((holds_most && layout_category) || (holds_much && small_widget))) {
            s.hint = Category::None;
            s.weight = s.content_hint ? 25.0 : 0.0;
            continue;
        }
        s.noise_ancestor = c;
    }
}

// A line all inside <label>s, <legend>s or ARIA options names a form control, a group of them or
// one of its choices: a filter's option, a field, a consent box, a job level in a drop-down drawn
// with <div>s. A question is the exception: a script-free accordion draws its toggle (the FAQ's
// question) as the label of a hidden checkbox.
bool form_caption(const Block& b) {
    if (!b.label) return false;
    const std::string_view text = b.text;
    return !(text.ends_with('?') || text.ends_with("\xEF\xBC\x9F"));  // ？
}

// Text a <figure> frames is its caption or credit, unless the figure frames text itself: a table,
// a code listing, a quote or a list inside it (as block editors wrap every table) is content.
bool in_figure(const std::vector<Container>& containers, std::size_t c) {
    for (; c != Container::npos; c = containers[c].parent) {
        const std::string_view tag = containers[c].tag;
        if (tag == "figure" || tag == "figcaption") return true;
        if (tag == "table" || tag == "pre" || tag == "blockquote" || tag == "ul" || tag == "ol" || tag == "dl") return false;
    }
    return false;
}

// The cards of a listing or a collection: runs of like siblings (same parent, tag and classes),
// at least card_min_run of them, each holding several lines of which one at least is not a link
// (a price, a date, a summary), or all inside one link. A menu's items are links only, one line
// each.
std::vector<char> mark_cards(const Document& document, const RegionSettings& settings) {
    const std::vector<Container>& containers = document.containers;
    const std::size_t n = containers.size();
    std::vector<std::size_t> lines(n, 0), plain_lines(n, 0);
    for (const Block& b : document.blocks) {
        if (b.hidden || b.text_chars == 0 || b.container >= n) continue;
        ++lines[b.container];
        if (b.link_density < 0.5) ++plain_lines[b.container];
    }
    for (std::size_t c = n; c-- > 1;) {
        const std::size_t parent = containers[c].parent;
        if (parent == Container::npos) continue;
        // One link around a whole card (its name, summary and date) links the card, not a menu item.
        if (lines[c] >= 2 && containers[c].tag == "a") plain_lines[c] = lines[c];
        lines[parent] += lines[c];
        plain_lines[parent] += plain_lines[c];
    }
    struct Run {
        std::size_t members = 0;
        std::size_t card_like = 0;
    };
    FlatTable<SiblingKind, Run, SiblingKindHash> runs(n / 4);
    auto key = [&](std::size_t c) { return SiblingKind{containers[c].parent, containers[c].tag, containers[c].hints}; };
    for (std::size_t c = 1; c < n; ++c) {
        if (lines[c] == 0 || containers[c].hidden) continue;
        Run& run = runs[key(c)];
        ++run.members;
        if (lines[c] >= 2 && plain_lines[c] >= 1) ++run.card_like;
    }
    std::vector<char> card(n, 0);
    for (std::size_t c = 1; c < n; ++c) {
        if (lines[c] < 2 || plain_lines[c] == 0 || containers[c].hidden) continue;
        const Run* it = runs.find(key(c));
        // Most members of the run look like cards, and there are enough of them.
        if (it != nullptr && it->card_like >= settings.card_min_run && it->card_like * 3 >= it->members * 2)
            card[c] = 1;
    }
    return card;
}

// A linked line long enough to be a card's summary: one link, or links long enough each to be
// summaries; not a run of menu links collapsed into one line.
bool linked_teaser(const Block& b, const RegionSettings& settings) {
    std::size_t links = 0;
    for (const InlineSpan& span : b.spans) links += span.kind == InlineKind::Link ? 1 : 0;
    return b.text_chars >= settings.linked_teaser_chars * std::max<std::size_t>(links, 1);
}

// Pages that are not one article: their content is spread over sections, cards or posts the
// article region does not hold. Everything outside furniture (hinted containers, figures,
// hidden text) that is not mostly links is kept; headings always, for they title cards.
void keep_non_article_content(const Document& document, const std::vector<ContainerStats>& stats,
                              const std::vector<char>& in_card, const RegionSettings& settings, PageType page_type,
                              std::vector<HtmlPrior>& priors) {
    const std::vector<Container>& containers = document.containers;
    const std::vector<Block>& blocks = document.blocks;
    auto tag = [&](std::size_t c) { return std::string_view(containers[c].tag); };
    // A form is a control (reply box, search, sign-up) unless it wraps prose or most of the page:
    // some forum software puts the whole thread in one, some site frameworks the whole page. On a
    // thread a form without a visible control is no control at all.
    const std::size_t page_chars = stats.empty() ? 0 : stats[0].chars;
    auto in_form = [&](std::size_t c) {
        for (; c != Container::npos; c = containers[c].parent) {
            if (tag(c) != "form" || (page_type == PageType::Forum && !containers[c].controls)) continue;
            const bool wraps_page = stats[c].chars * 2 > page_chars && stats[c].headings >= 2;  // not one big filter list
            return stats[c].prose_chars < settings.prose_form_chars && !wraps_page;
        }
        return false;
    };
    const bool cards = card_page(page_type);
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const Block& b = blocks[i];
        HtmlPrior& p = priors[i];
        // A product's hidden tabs hold its description and specifications beside its variants and
        // dialogs: there only a paragraph or a table cell is a panel's text.
        const bool panel = keeps_hidden_panels(page_type) ||
                           (reads_hidden_text(page_type) &&
                            (b.text_chars >= settings.product_panel_min_chars || b.kind == BlockKind::TableCell));
        if (p.keep || (b.hidden && !panel) || form_caption(b) ||
            stats[b.container].noise_ancestor != Container::npos)
            continue;
        // A figure's caption is the article's aside, but on a service page or a listing the
        // text beside a picture (a feature tile, a card, a slide) is the content itself.
        const bool caption = b.kind == BlockKind::Caption || in_figure(containers, b.container);
        if ((caption && !keeps_hidden_panels(page_type)) || in_form(b.container)) continue;
        // A linked teaser long enough to be a summary is a card's text, not a menu item; so is
        // every line of a card (its linked name beside its price or date).
        if (b.link_density < settings.broad_link_density || b.kind == BlockKind::Heading ||
            (cards && (linked_teaser(b, settings) || in_card[b.container]))) {
            p.keep = true;
            p.dom_category = Category::None;
            p.reason = format("%s page: outside furniture, link density %.2f", std::string(page_type_name(page_type)).c_str(),
                              b.link_density);
        }
    }
}

// The headline repeated in the body (a print header, a sticky bar) is the title, which writers
// print once on their own.
void drop_repeated_title(const Document& document, std::vector<HtmlPrior>& priors) {
    const std::vector<Block>& blocks = document.blocks;
    if (!document.meta.title.empty()) {
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            if (priors[i].keep && blocks[i].text == document.meta.title) {
                priors[i].keep = false;
                priors[i].reason = "repeats the page title";
            }
        }
    }
}

// Step 8: after the article's last paragraph, a short line that asks or announces ("Was this
// article useful?", "Read more:") introduces furniture, not text.
void drop_closing_prompts(const std::vector<Block>& blocks, std::vector<HtmlPrior>& priors) {
    std::size_t last_prose = blocks.size();
    for (std::size_t i = blocks.size(); i-- > 0;) {
        if (priors[i].keep && blocks[i].text_chars >= 80 && blocks[i].kind != BlockKind::ListItem) {
            last_prose = i;
            break;
        }
    }
    for (std::size_t i = last_prose + 1; i < blocks.size() && last_prose < blocks.size(); ++i) {
        const Block& b = blocks[i];
        if (!priors[i].keep || b.text.empty() || b.text_chars > 60 || b.kind == BlockKind::Preformatted) continue;
        const std::string_view text = b.text;
        const bool asks = text.back() == '?' || text.back() == ':' || text.ends_with("\xEF\xBC\x9F") ||  // ？
                          text.ends_with("\xEF\xBC\x9A");                                              // ：
        // "Ingredients:" followed by the list or table it introduces is text.
        const bool introduces_next = i + 1 < blocks.size() && priors[i + 1].keep &&
                                     blocks[i + 1].link_density < 0.5 &&
                                     (blocks[i + 1].kind == BlockKind::ListItem || blocks[i + 1].kind == BlockKind::TableCell ||
                                      blocks[i + 1].kind == BlockKind::Preformatted ||
                                      (b.kind == BlockKind::Heading && blocks[i + 1].kind == BlockKind::Paragraph));  // a FAQ
        if (asks && !introduces_next) {
            priors[i].keep = false;
            priors[i].dom_category = Category::Boilerplate;
            priors[i].reason = "a prompt after the article's last paragraph";
        }
    }
}

}  // namespace

std::optional<Document> reveal_hidden_wrappers(const Document& document, const Patterns& patterns) {
    const RegionSettings settings = settings_for(patterns, Favor::Balanced);
    const std::vector<Container>& containers = document.containers;
    std::size_t prose = 0, hidden_prose = 0;
    std::vector<std::size_t> subtree_prose(containers.size(), 0);
    for (const Block& b : document.blocks) {
        if (b.text_chars < 25 || b.kind == BlockKind::Heading || b.link_density >= 0.5) continue;
        prose += b.text_chars;
        if (!b.hidden) continue;
        hidden_prose += b.text_chars;
        if (b.container < containers.size()) subtree_prose[b.container] += b.text_chars;
    }
    if (hidden_prose < settings.reveal_min_prose ||
        static_cast<double>(hidden_prose) <= settings.reveal_hidden_share * static_cast<double>(prose))
        return std::nullopt;
    for (std::size_t c = containers.size(); c-- > 1;) {
        const std::size_t parent = containers[c].parent;
        if (parent != Container::npos) subtree_prose[parent] += subtree_prose[c];
    }
    Document revealed = document;
    // Hidden on itself or an ancestor after revealing, and of those, by something other than a
    // disclosure panel: a block only panels hide stays folded (segment::Block::folded).
    std::vector<char> hidden(containers.size(), 0), hard(containers.size(), 0);
    for (std::size_t c = 0; c < containers.size(); ++c) {
        Container& container = revealed.containers[c];
        if (container.hidden && subtree_prose[c] * 2 > prose) container.hidden = false;
        const std::size_t parent = container.parent;
        const bool parent_hidden = parent != Container::npos && hidden[parent];
        hidden[c] = container.hidden || container.folded || parent_hidden;
        hard[c] = container.hidden || (parent != Container::npos && hard[parent]);
    }
    for (Block& b : revealed.blocks) {
        if (b.container >= containers.size()) continue;
        b.hidden = hidden[b.container];
        b.folded = b.hidden && !hard[b.container];
    }
    return revealed;
}

std::vector<HtmlPrior> score_html_regions(const Document& document, const Patterns& patterns, Favor favor,
                                          PageType page_type) {
    const RegionSettings settings = settings_for(patterns, favor);
    const std::vector<Container>& containers = document.containers;
    const std::vector<Block>& blocks = document.blocks;
    std::vector<HtmlPrior> priors(blocks.size());
    if (containers.empty()) return priors;
    const std::size_t n = containers.size();
    std::vector<ContainerStats> stats(n);
    auto tag = [&](std::size_t c) { return std::string_view(containers[c].tag); };

    // 1. Own hints of every container.
    read_own_hints(containers, patterns, page_type, stats);

    // 2. Text totals per subtree: each block counts in its own container, then every container
    //    adds its totals to its parent's (a parent always comes before its children).
    std::size_t total_prose = 0;
    std::vector<std::size_t> block_commas(blocks.size());
    // On a page of parts, which containers are, or are inside, its cards.
    std::vector<char> in_card;
    if (card_page(page_type)) {
        in_card = mark_cards(document, settings);
        for (std::size_t c = 1; c < n; ++c) {
            if (containers[c].parent != Container::npos) in_card[c] |= in_card[containers[c].parent];
        }
    }
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const Block& b = blocks[i];
        const bool prose = is_prose(b);
        const std::size_t links = static_cast<std::size_t>(b.link_density * static_cast<double>(b.text_chars) + 0.5);
        block_commas[i] = count_commas(b.text);
        if (prose) total_prose += b.text_chars;
        if (b.container == Container::npos) continue;
        ContainerStats& s = stats[b.container];
        s.chars += b.text_chars;
        s.link_chars += links;
        s.commas += block_commas[i];
        if (!in_card.empty() && in_card[b.container]) s.card_chars += b.text_chars;
        if (prose && b.link_density < 0.5) {
            s.prose_chars += b.text_chars;
            if (b.kind != BlockKind::ListItem) ++s.paragraphs;
        }
        if (b.kind == BlockKind::ListItem) ++s.list_items;
        if (b.kind == BlockKind::Heading) {
            ++s.headings;
            s.heading_chars += b.text_chars;
        }
    }
    for (std::size_t c = n; c-- > 0;) {
        const std::size_t parent = containers[c].parent;
        if (parent == Container::npos) continue;
        assert(parent < c);
        ContainerStats& to = stats[parent];
        const ContainerStats& from = stats[c];
        to.chars += from.chars;
        to.link_chars += from.link_chars;
        to.card_chars += from.card_chars;
        to.commas += from.commas;
        to.prose_chars += from.prose_chars;
        to.paragraphs += from.paragraphs;
        to.list_items += from.list_items;
        to.headings += from.headings;
        to.heading_chars += from.heading_chars;
    }

    // 2b. Class tokens of the site builder's layout are no noise hints.
    veto_layout_tokens(containers, total_prose, settings, page_type, stats);
    if (page_type == PageType::Forum) mark_comments_on_posts(containers, stats);

    // 3. Which noise hints to believe; every container's nearest believed noise ancestor.
    believe_hints(containers, total_prose, page_type, stats);

    // 4. Readability's scoring: each prose block gives its parent its score, the grandparent half
    //    and further ancestors a third per level.
    auto touch = [&](std::size_t c) {
        if (!stats[c].scored) {
            stats[c].scored = true;
            stats[c].score = tag_bonus(containers[c]) + stats[c].weight;
        }
    };
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const Block& b = blocks[i];
        if (!is_prose(b)) continue;
        if (stats[b.container].noise_ancestor != Container::npos) continue;
        double score = 1.0 + static_cast<double>(block_commas[i]) +
                       std::min(static_cast<double>(b.text_chars / 100), 3.0);
        // List items vote at half weight: reference lists, galleries and teaser lists are lists.
        if (b.kind == BlockKind::ListItem) score *= 0.5;
        std::size_t c = containers[b.container].parent;
        // Text straight inside a div/td (no <p>) makes that element the paragraph's parent.
        const std::string_view own = containers[b.container].tag;
        if (own != "p" && own != "li" && own != "dd" && own != "pre" && own != "blockquote") c = b.container;
        for (int level = 0; c != Container::npos && level < 5; ++level, c = containers[c].parent) {
            if (tag(c) == "html") break;
            touch(c);
            const double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
            stats[c].score += score / divider;
        }
    }
    auto final_score = [&](std::size_t c) {
        const ContainerStats& s = stats[c];
        const double density = link_density(s, 0);
        return s.score * (1.0 - density);
    };

    std::size_t top = Container::npos;
    double top_score = 0;
    std::vector<std::pair<double, std::size_t>> ranked;
    // A container whose score is mostly its class bonus ("article-meta" around a date line)
    // cannot be the article while some container holds real prose.
    std::size_t most_prose = 0;
    for (std::size_t c = 0; c < n; ++c) {
        if (stats[c].scored && tag(c) != "body" && tag(c) != "html")
            most_prose = std::max(most_prose, stats[c].prose_chars);
    }
    const std::size_t min_prose = std::min<std::size_t>(settings.min_candidate_prose, most_prose);
    for (std::size_t c = 0; c < n; ++c) {
        if (!stats[c].scored || stats[c].prose_chars < min_prose) continue;
        const double score = final_score(c);
        ranked.emplace_back(score, c);
        if (top == Container::npos || score > top_score) {
            top = c;
            top_score = score;
        }
    }

    std::string region_reason;
    if (top != Container::npos) {
        // Several near-equal candidates under one ancestor: the ancestor is the article.
        std::sort(ranked.begin(), ranked.end(), std::greater<>());
        std::vector<std::size_t> alternatives;
        for (std::size_t i = 1; i < ranked.size() && i < 5; ++i) {
            if (ranked[i].first >= 0.75 * top_score) alternatives.push_back(ranked[i].second);
        }
        if (alternatives.size() >= 3) {
            for (std::size_t parent = containers[top].parent; parent != Container::npos && tag(parent) != "body" &&
                                                              tag(parent) != "html";
                 parent = containers[parent].parent) {
                std::size_t under = 0;
                for (std::size_t alt : alternatives) {
                    for (std::size_t a = alt; a != Container::npos; a = containers[a].parent) {
                        if (a == parent) {
                            ++under;
                            break;
                        }
                    }
                }
                if (under >= 3) {
                    top = parent;
                    break;
                }
            }
        }
        // Climb while the parent scores better (the article split across sibling divs).
        {
            double last = final_score(top);
            const double threshold = last / 3.0;
            for (std::size_t parent = containers[top].parent;
                 parent != Container::npos && tag(parent) != "body" && tag(parent) != "html";
                 parent = containers[parent].parent) {
                if (!stats[parent].scored) continue;
                const double score = final_score(parent);
                if (score < threshold) break;
                if (score > last) {
                    top = parent;
                    break;
                }
                last = score;
            }
        }
        // An article cut into sections by interleaved asides: containers with the same tag and
        // classes as the top candidate are parts of it; their common ancestor is the article.
        if (!containers[top].hints.empty()) {
            const double top_now = final_score(top);
            std::vector<std::size_t> path;  // top and its ancestors
            for (std::size_t a = top; a != Container::npos; a = containers[a].parent) path.push_back(a);
            std::size_t common = top;
            std::size_t common_depth = 0;   // index into path
            for (const auto& [score, c] : ranked) {
                if (c == top || score < std::max(5.0, 0.1 * top_now)) continue;
                if (containers[c].tag != containers[top].tag || containers[c].hints != containers[top].hints) continue;
                if (stats[c].noise_ancestor != Container::npos) continue;
                for (std::size_t a = c; a != Container::npos; a = containers[a].parent) {
                    auto it = std::find(path.begin(), path.end(), a);
                    if (it == path.end()) continue;
                    const std::size_t depth = static_cast<std::size_t>(it - path.begin());
                    if (depth > common_depth) {
                        common_depth = depth;
                        common = a;
                    }
                    break;
                }
            }
            if (common != top && tag(common) != "body" && tag(common) != "html") {
                const ContainerStats& s = stats[common];
                const double density = link_density(s, 0);
                if (density < 0.35) {
                    touch(common);
                    top = common;
                }
            }
        }
        top_score = final_score(top);
#ifdef WINNOW_REGION_DEBUG
        for (std::size_t i = 0; i < ranked.size() && i < 8; ++i) {
            std::size_t c = ranked[i].second;
            std::fprintf(stderr, "cand %zu <%s> %.1f prose=%zu parent=%zu [%s]\n", c, containers[c].tag.c_str(), ranked[i].first,
                         stats[c].prose_chars, containers[c].parent, containers[c].hints.c_str());
        }
        for (std::size_t c = top; c != Container::npos; c = containers[c].parent)
            std::fprintf(stderr, "  up %zu <%s> %.1f prose=%zu [%s]\n", c, containers[c].tag.c_str(), stats[c].scored ? final_score(c) : -1.0,
                         stats[c].prose_chars, containers[c].hints.c_str());
#endif
        region_reason = format("article region <%s> score %.1f", containers[top].tag.c_str(), top_score);

        // 5. Siblings that belong with it.
        stats[top].in_region = true;
        const std::size_t parent = containers[top].parent;
        if (parent != Container::npos) {
            const double threshold = std::max(10.0, top_score * 0.2);
            for (std::size_t c = 0; c < n; ++c) {
                if (c == top || containers[c].parent != parent) continue;
                const ContainerStats& s = stats[c];
                if (s.noise_ancestor != Container::npos) continue;
                double bonus = 0;
                if (!containers[top].hints.empty() && containers[c].hints == containers[top].hints) bonus = top_score * 0.2;
                const double density = link_density(s, 1);
                bool append = s.scored && final_score(c) + bonus >= threshold;
                if (!append && tag(c) == "p") {
                    append = (s.chars > 80 && density < 0.25) || (s.chars > 0 && density == 0 && s.commas + 1 > 0 &&
                                                                   s.chars <= 80 && s.prose_chars > 0);
                }
                if (append) stats[c].in_region = true;
            }
        }
    }

    // Other strong candidates elsewhere on the page (an article split into blocks that do not
    // share a parent): each one that scores close to the top joins the region.
    if (top != Container::npos) {
        auto inside = [&](std::size_t c, std::size_t ancestor) {
            for (; c != Container::npos; c = containers[c].parent) {
                if (c == ancestor) return true;
            }
            return false;
        };
        for (const auto& [score, c] : ranked) {
            if (score < settings.secondary_share * top_score) break;
            if (stats[c].in_region || stats[c].noise_ancestor != Container::npos) continue;
            const ContainerStats& s = stats[c];
            const double density = link_density(s, 1);
            if (density > 0.3) continue;
            bool overlaps = false;
            for (std::size_t r = 0; r < n && !overlaps; ++r) {
                if (stats[r].in_region && (inside(c, r) || inside(r, c))) overlaps = true;
            }
            if (!overlaps) stats[c].in_region = true;
        }
    }

    // No prose anywhere (a stub page): everything that is not furniture is the text.
    if (top == Container::npos) {
        for (std::size_t c = 0; c < n; ++c) {
            if (tag(c) == "body") {
                stats[c].in_region = true;
                region_reason = "no article region; body text";
            }
        }
    }

    // 6. Inside the region, Readability's conditional clean: link-heavy or furniture-like
    //    containers (lists of teasers, share bars, tag boxes) are dropped.
    auto region_of = [&](std::size_t c) {
        for (; c != Container::npos; c = containers[c].parent) {
            if (stats[c].in_region) return c;
        }
        return Container::npos;
    };
    std::vector<std::size_t> region(n, Container::npos);
    for (std::size_t c = 0; c < n; ++c) region[c] = region_of(c);
    for (std::size_t c = 0; c < n; ++c) {
        if (region[c] == Container::npos || region[c] == c) continue;
        const std::string_view t = containers[c].tag;
        const bool cleanable = t == "div" || t == "ul" || t == "ol" || t == "table" || t == "form" || t == "fieldset" ||
                               t == "section" || t == "aside" || t == "footer" || t == "nav" || t == "dl";
        if (!cleanable) continue;
        ContainerStats& s = stats[c];
        // On a thread a form without a visible control only wraps posts (segment's
        // Container::controls; old Reddit's comments): it is cleaned like a <div>.
        const bool control_form = t == "form" && (containers[c].controls || page_type != PageType::Forum);
        if (t == "aside" || t == "nav" || t == "footer" || control_form || t == "fieldset") {
            s.removed = true;
            s.removed_reason = "<" + std::string(t) + "> inside the article";
            continue;
        }
        if (s.commas >= 10) continue;
        const double density = link_density(s, 0);
        const bool is_list = t == "ul" || t == "ol" || (s.list_items > 0 && s.paragraphs == 0);
        const double heading_density = s.chars > 0 ? static_cast<double>(s.heading_chars) / static_cast<double>(s.chars) : 0;
        std::string why;
        if (s.weight + (s.scored ? s.score : 0) < 0 && s.hint != Category::None) why = "negative class weight";
        else if (!is_list && heading_density < 0.9 && s.chars < 25 && s.chars > 0) why = "too little text";
        else if (!is_list && s.weight < 25 && density > settings.clean_link_density) why = format("link density %.2f", density);
        else if (s.weight >= 25 && density > 0.5) why = format("link density %.2f", density);
        if (!why.empty()) {
            s.removed = true;
            s.removed_reason = std::move(why);
        }
    }


    // Containers under the parent or grandparent of a region root: the article's surroundings
    // (its header, its lead), where prose is more likely the article's own than far away.
    std::vector<char> holds_root(n, 0);
    for (std::size_t r = 0; r < n; ++r) {
        if (!stats[r].in_region) continue;
        std::size_t a = containers[r].parent;
        for (int up = 0; up < 2 && a != Container::npos; ++up, a = containers[a].parent) {
            if (tag(a) == "body" || tag(a) == "html") break;
            holds_root[a] = 1;
        }
    }
    std::vector<char> near(n, 0);
    for (std::size_t c = 0; c < n; ++c) {
        std::size_t up = 0;
        for (std::size_t a = containers[c].parent; a != Container::npos && up < settings.near_levels; a = containers[a].parent, ++up) {
            if (holds_root[a]) {
                near[c] = 1;
                break;
            }
        }
    }

    // Prose inside list items beside the article is a stream of teasers, not more article.
    auto in_list = [&](std::size_t c) {
        for (; c != Container::npos; c = containers[c].parent) {
            if (holds_root[c]) return false;
            if (tag(c) == "li") return true;
        }
        return false;
    };

    // 7. Per block.
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const Block& b = blocks[i];
        HtmlPrior& p = priors[i];
        const std::size_t c = b.container;
        const std::size_t noise = stats[c].noise_ancestor;
        if (noise != Container::npos) {
            p.dom_category = stats[noise].hint;
            p.reason = format("inside <%s> hinted '%.*s'", containers[noise].tag.c_str(),
                              static_cast<int>(stats[noise].hint_token.size()), stats[noise].hint_token.data());
        }
        p.in_main = region[c] != Container::npos;
        p.near_main = !p.in_main && near[c] && !in_list(c) && b.link_density < 0.15;  // teaser cards link their title
        // A folded panel (an accordion's answer, a tab) inside the article is the article's, one
        // click away; elsewhere it is a menu's or a dialog's.
        if (b.hidden && !(b.folded && p.in_main)) {
            p.keep = false;
            if (p.dom_category == Category::None) p.dom_category = Category::Interface;
            p.reason = "hidden";
            continue;
        }
        // A form control's caption (a filter's option, a field's name) is the form's, wherever the
        // form is drawn.
        if (form_caption(b) && p.dom_category == Category::None) {
            p.dom_category = Category::Interface;
            p.reason = "a form control's label or option";
            continue;
        }
        if ((b.kind == BlockKind::Caption || in_figure(containers, c)) && p.dom_category == Category::None) {
            p.dom_category = Category::Caption;
            p.reason = "figure caption";
            continue;
        }
        if (!p.in_main) {
            if (p.reason.empty()) p.reason = "outside the " + (region_reason.empty() ? std::string("(no) article region") : region_reason);
            continue;
        }
        if (p.dom_category != Category::None) continue;
        // A removed container between the block and the region root.
        bool removed = false;
        for (std::size_t a = c; a != Container::npos && a != region[c]; a = containers[a].parent) {
            if (stats[a].removed) {
                p.reason = "in <" + containers[a].tag + "> inside the article: " + stats[a].removed_reason;
                removed = true;
                break;
            }
        }
        if (removed) continue;
        p.keep = true;
        p.reason = region_reason;
    }
    if (page_type != PageType::Article) keep_non_article_content(document, stats, in_card, settings, page_type, priors);
    drop_repeated_title(document, priors);

    // 8. Prompts after the article's last paragraph.
    drop_closing_prompts(blocks, priors);
    return priors;
}

}  // namespace winnow::classify
