// Page type from declarations, URL shape and structure (see page_type.h).
#include "classify/page_type.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <string_view>
#include <vector>

#include "classify/currency.h"
#include "classify/string_table.h"
#include "unicode/ascii.h"

namespace winnow::classify {
namespace {

std::string format_number(double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", x);
    return buffer;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A price: a currency sign or code next to a number ("$19.99", "24,90 €", "USD 5").
bool has_price(std::string_view text) {
    static constexpr std::string_view kCodes[] = {"$", "USD", "EUR", "GBP"};
    // The bytes a sign or code begins with: one pass over the text stops only at those.
    static constexpr auto kFirstBytes = [] {
        std::array<bool, 256> first{};
        for (std::string_view sign : kCurrencySigns) first[static_cast<unsigned char>(sign[0])] = true;
        for (std::string_view code : kCodes) first[static_cast<unsigned char>(code[0])] = true;
        return first;
    }();
    auto beside_number = [&](std::size_t at, std::string_view sign) {
        if (!text.substr(at).starts_with(sign)) return false;
        std::size_t after = at + sign.size();
        while (after < text.size() && text[after] == ' ') ++after;
        if (after < text.size() && is_digit(text[after])) return true;
        std::size_t before = at;
        while (before > 0 && text[before - 1] == ' ') --before;
        return before > 0 && is_digit(text[before - 1]);
    };
    for (std::size_t at = 0; at < text.size(); ++at) {
        if (!kFirstBytes[static_cast<unsigned char>(text[at])]) continue;
        for (std::string_view sign : kCurrencySigns) {
            if (beside_number(at, sign)) return true;
        }
        for (std::string_view code : kCodes) {
            if (beside_number(at, code)) return true;
        }
    }
    return false;
}

// "//host/path" of a URL, lower case, without scheme, query or fragment.
std::string url_shape(std::string_view url) {
    const std::size_t scheme = url.find("://");
    if (scheme != std::string_view::npos) url.remove_prefix(scheme + 1);
    const std::size_t end = url.find_first_of("?#");
    if (end != std::string_view::npos) url = url.substr(0, end);
    std::string out(url);
    for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (!out.ends_with('/')) out.push_back('/');
    return out;
}

// url_shape and, after it, the query's parameter names without their values: "…/index.php/?topic="
// for "…/index.php?topic=589061.0", "…/?/topic/201-name/" for a path passed as the query. Forum
// software names its threads there (index.php?topic=, ?showtopic=). Values are left out: a
// tracking id or a redirect's target says nothing of the page.
std::string url_shape_with_query(std::string_view url) {
    std::string out = url_shape(url);
    const std::size_t question = url.find('?');
    if (question == std::string_view::npos) return out;
    std::string_view query = url.substr(question + 1);
    query = query.substr(0, query.find('#'));
    char separator = '?';
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        std::string_view parameter = query.substr(0, amp);
        const std::size_t equals = parameter.find('=');
        if (!parameter.empty()) {
            out.push_back(separator);
            for (char c : parameter.substr(0, equals)) out.push_back(unicode::ascii_lower(c));
            if (equals != std::string_view::npos) out.push_back('=');
            separator = '&';
        }
        query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
    }
    return out;
}

// True if one of the container's own class/id tokens marks reader posts.
bool marks_posts(std::string_view hints, const Patterns& patterns) {
    while (!hints.empty()) {
        const std::size_t space = hints.find(' ');
        if (patterns.dom_hint(hints.substr(0, space)) == Category::Comment) return true;
        if (space == std::string_view::npos) break;
        hints.remove_prefix(space + 1);
    }
    return false;
}

// True if the container, or one around it, has a sibling of the same tag marked as posts with
// which it shares a class/id token.
bool beside_a_post(const std::vector<Container>& containers, std::size_t c, const Patterns& patterns) {
    std::vector<char> on_path(containers.size(), 0);
    for (std::size_t a = c; a != Container::npos; a = containers[a].parent) on_path[a] = 1;
    for (std::size_t s = 1; s < containers.size(); ++s) {
        const Container& sibling = containers[s];
        if (on_path[s] || sibling.parent == Container::npos || !on_path[sibling.parent]) continue;
        if (!marks_posts(sibling.hints, patterns)) continue;
        // The element on the path under the same parent: the one after it in document order.
        std::size_t mine = Container::npos;
        for (std::size_t a = c; a != Container::npos && containers[a].parent != Container::npos; a = containers[a].parent)
            if (containers[a].parent == sibling.parent) mine = a;
        if (mine == Container::npos || containers[mine].tag != sibling.tag) continue;
        if (segment::share_a_token(containers[mine].hints, sibling.hints)) return true;
    }
    return false;
}

}  // namespace

PageFeatures measure_page(const Document& document, const Patterns& patterns) {
    PageFeatures f{};
    auto at = [&](PageFeature which) -> double& { return f[static_cast<std::size_t>(which)]; };
    const std::vector<Block>& blocks = document.blocks;
    const std::vector<Container>& containers = document.containers;

    std::size_t visible_chars = 0, prose_chars = 0, long_chars = 0, post_chars = 0;
    bool first_in_posts = false;
    std::size_t first_prose = Container::npos;  // container of the page's first prose block
    // Whether a container is, or is inside, one marked as posts; worked out only for the containers
    // of prose, once each (-1: not yet known).
    std::vector<signed char> posts_memo(containers.size(), -1);
    std::vector<std::size_t> unknown;  // the containers on the way up whose answer is not known yet
    auto in_posts = [&](std::size_t c) {
        unknown.clear();
        signed char known = 0;
        for (std::size_t a = c; a != Container::npos; a = containers[a].parent) {
            if (posts_memo[a] >= 0) {
                known = posts_memo[a];
                break;
            }
            unknown.push_back(a);
        }
        for (std::size_t k = unknown.size(); k-- > 0;) {
            if (!known && marks_posts(containers[unknown[k]].hints, patterns)) known = 1;
            posts_memo[unknown[k]] = known;
        }
        return known == 1;
    };
    std::size_t link_chars = 0;
    std::vector<std::size_t> text_chars(containers.size(), 0);  // visible text in the subtree
    std::vector<char> holds_text(containers.size(), 0);
    std::vector<char> holds_heading(containers.size(), 0);
    for (const Block& b : blocks) {
        if (b.hidden || b.text_chars == 0) continue;
        visible_chars += b.text_chars;
        link_chars += static_cast<std::size_t>(b.link_density * static_cast<double>(b.text_chars) + 0.5);
        if (b.container < containers.size()) text_chars[b.container] += b.text_chars;
        for (const InlineSpan& span : b.spans) at(PageFeature::CodeSpans) += span.kind == InlineKind::Code ? 1 : 0;
        switch (b.kind) {
            case BlockKind::Preformatted: at(PageFeature::CodeBlocks) += 1; break;
            case BlockKind::Heading:
                at(PageFeature::Headings) += 1;
                if (b.link_density >= 0.5) at(PageFeature::LinkedHeadings) += 1;
                break;
            case BlockKind::TableCell: at(PageFeature::TableCells) += 1; break;
            default: break;
        }
        if (b.text_chars <= 60 && has_price(b.text)) at(PageFeature::Prices) += 1;
        if (b.text_chars >= 80 && b.link_density < 0.3) {
            const bool post = b.container < containers.size() && in_posts(b.container);
            if (prose_chars == 0) {
                first_in_posts = post;
                first_prose = b.container;
            }
            prose_chars += b.text_chars;
            if (post) post_chars += b.text_chars;
        }
        if (b.kind == BlockKind::Paragraph && b.text_chars >= 150 && b.link_density < 0.2) {
            at(PageFeature::LongParagraphs) += 1;
            long_chars += b.text_chars;
        }
        if (b.container < containers.size()) {
            holds_text[b.container] = 1;
            if (b.kind == BlockKind::Heading || b.link_density >= 0.5) holds_heading[b.container] = 1;
        }
    }
    for (std::size_t c = containers.size(); c-- > 1;) {
        const std::size_t parent = containers[c].parent;
        if (parent == Container::npos) continue;
        holds_text[parent] |= holds_text[c];
        text_chars[parent] += text_chars[c];
        holds_heading[parent] |= holds_heading[c];
    }
    // Like siblings that each hold a heading or a link: cards, posts, results.
    struct Group {
        std::size_t members = 0;
        std::size_t chars = 0;
    };
    FlatTable<SiblingKind, Group, SiblingKindHash> groups(containers.size() / 4);
    std::size_t largest = 0, largest_chars = 0;
    for (std::size_t c = 1; c < containers.size(); ++c) {
        if (!holds_text[c] || !holds_heading[c] || containers[c].hidden) continue;
        Group& group = groups[SiblingKind{containers[c].parent, containers[c].tag, containers[c].hints}];
        ++group.members;
        group.chars += text_chars[c];
        if (group.members > largest || (group.members == largest && group.chars > largest_chars)) {
            largest = group.members;
            largest_chars = group.chars;
        }
    }
    at(PageFeature::CardGroup) = static_cast<double>(largest);
    at(PageFeature::CardShare) = visible_chars && largest >= 3 ? static_cast<double>(largest_chars) / static_cast<double>(visible_chars) : 0;
    at(PageFeature::LinkShare) = visible_chars ? static_cast<double>(link_chars) / static_cast<double>(visible_chars) : 0;
    at(PageFeature::ProseShare) = visible_chars ? static_cast<double>(long_chars) / static_cast<double>(visible_chars) : 0;
    at(PageFeature::TeasersPerParagraph) = at(PageFeature::LinkedHeadings) / (at(PageFeature::LongParagraphs) + 1);
    at(PageFeature::PostShare) = prose_chars ? static_cast<double>(post_chars) / static_cast<double>(prose_chars) : 0;
    // An opening post is often marked apart from its replies ("forum-post forum-post-original" beside
    // "forum-post forum-post-reply"); it counts as a post when it sits beside one, as the same element
    // sharing a class.
    if (!first_in_posts && post_chars > 0 && first_prose < containers.size())
        first_in_posts = beside_a_post(containers, first_prose, patterns);
    at(PageFeature::PostsFirst) = first_in_posts ? at(PageFeature::PostShare) : 0;
    // The URL: news and blog posts live under dates and long slugs.
    const std::string url = url_shape(document.meta.canonical_url);
    const std::size_t path = document.meta.canonical_url.empty() ? std::string::npos : url.find('/', 2);
    if (path != std::string::npos) {
        std::size_t most_words = 0, segments = 0;
        for (std::size_t pos = path; pos < url.size();) {
            const std::size_t end = std::min(url.find('/', pos + 1), url.size());
            const std::string_view segment = std::string_view(url).substr(pos + 1, end - pos - 1);
            segments += segment.empty() ? 0 : 1;
            const bool year = segment.size() == 4 && (segment.starts_with("19") || segment.starts_with("20")) &&
                              std::all_of(segment.begin(), segment.end(), is_digit);
            if (year) at(PageFeature::DatedUrl) = 1;
            std::size_t words = 0;
            bool in_word = false;
            for (char c : segment) {
                const bool letter = (c >= 'a' && c <= 'z');
                if (letter && !in_word) ++words;
                in_word = letter || (in_word && is_digit(c));
            }
            most_words = std::max(most_words, words);
            pos = end;
        }
        at(PageFeature::SlugWords) = static_cast<double>(most_words);
        at(PageFeature::PathSegments) = static_cast<double>(segments);
        at(PageFeature::RootUrl) = segments == 0 ? 1 : 0;
    }
    const std::string& title = document.meta.title;
    at(PageFeature::QuestionTitle) = !title.empty() && (title.back() == '?' || title.ends_with("\xEF\xBC\x9F")) ? 1 : 0;
    return f;
}

PageTypeDecision decide_page_type(const Document& document, const Patterns& patterns) {
    const PageFeatures features = measure_page(document, patterns);
    const Metadata& meta = document.meta;
    const std::string url = url_shape_with_query(meta.canonical_url);
    std::array<double, kPageTypes> score{};
    std::array<std::vector<const PageTypeHint*>, kPageTypes> held;  // the reasons, written out for the winner only
    char number[32];
    for (const PageTypeHint& hint : patterns.page_type_hints()) {
        bool holds = false;
        switch (hint.signal) {
            case PageTypeHint::Signal::Base: holds = true; break;
            case PageTypeHint::Signal::Schema: holds = segment::has_token(meta.schema_types, hint.value); break;
            case PageTypeHint::Signal::OpenGraph: holds = meta.og_type == hint.value; break;
            case PageTypeHint::Signal::Url: holds = !meta.canonical_url.empty() && url.find(hint.value) != std::string::npos; break;
            case PageTypeHint::Signal::Feature: {
                const auto it = std::find(kPageFeatureNames.begin(), kPageFeatureNames.end(), hint.value);
                holds = it != kPageFeatureNames.end() &&
                        features[static_cast<std::size_t>(it - kPageFeatureNames.begin())] >= hint.threshold;
                break;
            }
        }
        if (!holds) continue;
        const auto t = static_cast<std::size_t>(hint.type);
        score[t] += hint.weight;
        held[t].push_back(&hint);
    }
    std::size_t best = static_cast<std::size_t>(PageType::Article);
    for (std::size_t t = 0; t < score.size(); ++t) {
        if (score[t] > score[best]) best = t;
    }
    PageTypeDecision decision;
    decision.type = static_cast<PageType>(best);
    std::snprintf(number, sizeof number, "%.1f", score[best]);
    decision.reason = std::string(page_type_name(decision.type)) + " " + number;
    for (const PageTypeHint* hint : held[best]) {
        std::snprintf(number, sizeof number, "%+g", hint->weight);
        decision.reason += hint == held[best].front() ? ": " : ", ";
        decision.reason += hint->value + (hint->signal == PageTypeHint::Signal::Feature ? ">=" + format_number(hint->threshold) : "") +
                           " " + number + " (" + hint->source + ")";
    }
    decision.reason += "; declared schema=" + (meta.schema_types.empty() ? std::string("-") : meta.schema_types) +
                       " og=" + (meta.og_type.empty() ? std::string("-") : meta.og_type) + " url=" + (meta.canonical_url.empty() ? std::string("-") : url);
    decision.reason += "; measured";
    for (std::size_t i = 0; i < features.size(); ++i) {
        decision.reason += ' ';
        decision.reason += kPageFeatureNames[i];
        decision.reason += '=';
        // As printf's "%.3g" writes it.
        const auto written = std::to_chars(number, number + sizeof number, features[i], std::chars_format::general, 3);
        decision.reason.append(number, written.ptr);
    }
    return decision;
}

}  // namespace winnow::classify
