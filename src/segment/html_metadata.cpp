// Page metadata from <head>, JSON-LD and the first heading (see html_metadata.h).
#include "segment/html_metadata.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <unordered_set>
#include <utility>
#include <vector>

#include "segment/json_ld.h"
#include "unicode/ascii.h"
#include "unicode/utf8_encode.h"

namespace winnow::segment {
namespace {

using unicode::ascii_lower;
using unicode::ascii_lowered;

// Collapses whitespace runs (ASCII and U+00A0) to one space and trims.
std::string collapse(std::string_view text) {
    std::string out;
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < text.size() &&
            static_cast<unsigned char>(text[i + 1]) == 0xA0) {
            ++i;
            is_space = true;
        }
        if (is_space) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

}  // namespace

void add_schema_type(std::string& types, std::string_view type) {
    const std::size_t slash = type.rfind('/');
    if (slash != std::string_view::npos) type.remove_prefix(slash + 1);  // "https://schema.org/Product"
    std::size_t end = 0;
    while (end < type.size() && (std::isalnum(static_cast<unsigned char>(type[end])) || type[end] == '.')) ++end;
    type = type.substr(0, end);
    if (type.empty() || type.size() > 60) return;
    for (std::size_t at = 0; (at = types.find(type, at)) != std::string::npos; at += type.size()) {
        const bool starts = at == 0 || types[at - 1] == ' ';
        const bool ends = at + type.size() == types.size() || types[at + type.size()] == ' ';
        if (starts && ends) return;
    }
    if (!types.empty()) types.push_back(' ');
    types.append(type);
}

void add_microdata_types(std::string_view itemtype, std::string& types) {
    constexpr std::string_view kSchema = "schema.org/";
    while (!itemtype.empty()) {  // one or more URLs, space separated
        std::size_t end = 0;
        while (end < itemtype.size() && !unicode::is_ascii_space(itemtype[end])) ++end;
        const std::string_view url = itemtype.substr(0, end);
        const std::size_t at = url.find(kSchema);
        if (at != std::string_view::npos) add_schema_type(types, url.substr(at + kSchema.size()));
        while (end < itemtype.size() && unicode::is_ascii_space(itemtype[end])) ++end;
        itemtype.remove_prefix(end);
    }
}

namespace {

struct Candidates {
    std::string ld_headline, ld_author, ld_date, ld_publisher, ld_description, ld_page_date;
    std::string og_title, twitter_title, dc_title, html_title;
    std::string meta_author, meta_date, og_site_name, application_name;
    std::string html_lang, content_language, og_locale;
    std::string canonical, og_url;
    std::string meta_description, og_description;
    std::string meta_charset, meta_content_type;
    std::string schema_types, og_type;
};

void set_once(std::string& slot, std::string_view value) {
    if (slot.empty()) slot = collapse(value);
}

// The first article that gives a field gives it. A page object's date is kept apart: it stands for
// the page's only where neither an article nor the head's meta tags give one.
void read_json_ld(const std::vector<std::string>& scripts, Candidates& c) {
    std::vector<JsonLdArticle> objects;
    for (const std::string& script : scripts) read_json_ld_script(script, objects, c.schema_types);
    for (const JsonLdArticle& article : objects) {
        if (article.web_page) continue;
        set_once(c.ld_headline, article.headline);
        set_once(c.ld_author, article.author);
        set_once(c.ld_date, article.date_published);
        set_once(c.ld_publisher, article.publisher);
        set_once(c.ld_description, article.description);
    }
    for (const JsonLdArticle& page : objects) {
        if (page.web_page) set_once(c.ld_page_date, page.date_published);
    }
}

std::string_view attr(const GumboElement& element, const char* name) {
    const GumboAttribute* a = gumbo_get_attribute(&element.attributes, name);
    return a != nullptr ? std::string_view(a->value) : std::string_view();
}

void read_meta(const GumboElement& element, Candidates& c) {
    std::string key = ascii_lowered(attr(element, "property"));
    if (key.empty()) key = ascii_lowered(attr(element, "name"));
    if (key.empty()) key = ascii_lowered(attr(element, "itemprop"));
    std::string_view content = attr(element, "content");
    std::string http_equiv = ascii_lowered(attr(element, "http-equiv"));
    if (http_equiv == "content-language") set_once(c.content_language, content);
    if (http_equiv == "content-type") set_once(c.meta_content_type, content);
    set_once(c.meta_charset, attr(element, "charset"));
    if (key.empty() || content.empty()) return;
    if (key == "og:title") set_once(c.og_title, content);
    else if (key == "twitter:title") set_once(c.twitter_title, content);
    else if (key == "dc.title" || key == "dcterms.title") set_once(c.dc_title, content);
    else if (key == "og:type") set_once(c.og_type, content);
    else if (key == "og:site_name") set_once(c.og_site_name, content);
    else if (key == "application-name") set_once(c.application_name, content);
    else if (key == "og:url") set_once(c.og_url, content);
    else if (key == "og:locale") set_once(c.og_locale, content);
    else if (key == "description" || key == "dc.description") set_once(c.meta_description, content);
    else if (key == "og:description" || key == "twitter:description") set_once(c.og_description, content);
    else if (key == "author" || key == "dc.creator" || key == "dcterms.creator" || key == "byl" ||
             key == "sailthru.author" || key == "parsely-author" || key == "article:author" ||
             key == "citation_author") {
        // article:author is often a profile URL, which is no name.
        if (content.rfind("http", 0) != 0) set_once(c.meta_author, content);
    } else if (key == "article:published_time" || key == "date" || key == "pubdate" || key == "publishdate" ||
               key == "dc.date" || key == "dcterms.date" || key == "dc.date.issued" || key == "dcterms.created" ||
               key == "og:published_time" || key == "parsely-pub-date" || key == "sailthru.date" ||
               key == "datepublished" || key == "citation_publication_date") {
        set_once(c.meta_date, content);
    }
}

std::string text_of(const GumboNode* node) {
    std::string out;
    if (node->type != GUMBO_NODE_ELEMENT) return out;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
        const auto* child = static_cast<const GumboNode*>(children.data[i]);
        if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) out += child->v.text.text;
    }
    return out;
}

void read_head(const GumboNode* root, Candidates& c) {
    if (root == nullptr || root->type != GUMBO_NODE_ELEMENT) return;
    set_once(c.html_lang, attr(root->v.element, "lang"));
    if (c.html_lang.empty()) set_once(c.html_lang, attr(root->v.element, "xml:lang"));
    const GumboVector& top = root->v.element.children;
    for (unsigned i = 0; i < top.length; ++i) {
        const auto* head = static_cast<const GumboNode*>(top.data[i]);
        if (head->type != GUMBO_NODE_ELEMENT || head->v.element.tag != GUMBO_TAG_HEAD) continue;
        const GumboVector& children = head->v.element.children;
        for (unsigned k = 0; k < children.length; ++k) {
            const auto* node = static_cast<const GumboNode*>(children.data[k]);
            if (node->type != GUMBO_NODE_ELEMENT) continue;
            const GumboElement& element = node->v.element;
            if (element.tag == GUMBO_TAG_META) {
                read_meta(element, c);
            } else if (element.tag == GUMBO_TAG_TITLE) {
                set_once(c.html_title, text_of(node));
            } else if (element.tag == GUMBO_TAG_LINK) {
                std::string rel = ascii_lowered(attr(element, "rel"));
                if (rel == "canonical") set_once(c.canonical, attr(element, "href"));
            }
        }
    }
}

const std::string& first_of(std::initializer_list<const std::string*> slots) {
    static const std::string kEmpty;
    for (const std::string* slot : slots) {
        if (!slot->empty()) return *slot;
    }
    return kEmpty;
}

std::size_t count_words(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    for (char c : text) {
        bool space = c == ' ';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

// Share of the words of a that also occur in b (case-insensitive for ASCII).
double shared_word_share(std::string_view a, std::string_view b) {
    auto words = [](std::string_view text) {
        std::vector<std::string> out;
        std::string word;
        for (char c : text) {
            const bool separator = c == ' ' || c == ',' || c == ':' || c == '|' || c == '-' || c == '.';
            if (separator) {
                if (!word.empty()) out.push_back(std::move(word));
                word.clear();
            } else {
                word += ascii_lower(c);
            }
        }
        if (!word.empty()) out.push_back(std::move(word));
        return out;
    };
    const std::vector<std::string> from = words(a);
    const std::vector<std::string> b_words = words(b);
    // A set, not a scan per word: both titles come from the page, and could be 10^5 words long.
    const std::unordered_set<std::string> in(b_words.begin(), b_words.end());
    if (from.empty()) return 0;
    std::size_t shared = 0;
    for (const std::string& w : from) shared += in.count(w);
    return static_cast<double>(shared) / static_cast<double>(from.size());
}

}  // namespace

std::string author_name(std::string_view byline) {
    std::string text = collapse(byline);
    for (std::string_view lead : {"by ", "By ", "BY ", "par ", "Par ", "von ", "Von ", "por ", "Por ", "di ", "Di ",
                                  "door ", "Door ", "przez ", "Przez "}) {
        if (text.rfind(lead, 0) == 0) {
            text.erase(0, lead.size());
            break;
        }
    }
    // What a separator adds after the name is a role, a date or a reading time.
    std::size_t cut = std::string::npos;
    for (std::string_view separator : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xE2\x8B\x85 ", " \xC2\xB7 ",
                                       " \xC2\xBB ", " \xE2\x80\xA2 "}) {  // | - – — ⋅ · » •
        cut = std::min(cut, text.find(separator));
    }
    if (cut != std::string::npos && cut > 0 && count_words(std::string_view(text).substr(0, cut)) <= 6) text.resize(cut);
    return text;
}

std::string strip_title_site_suffix(std::string_view title_in, std::string_view heading, std::string_view site_name,
                                    std::string_view headline) {
    std::string title = collapse(title_in);
    static constexpr std::string_view kSeparators[] = {" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " // ", " ~ "};
    // Every separator occurrence, in order.
    std::vector<std::pair<std::size_t, std::size_t>> cuts;  // position, length
    auto find_cuts = [&] {
        cuts.clear();
        for (std::string_view separator : kSeparators) {
            for (std::size_t at = title.find(separator); at != std::string::npos; at = title.find(separator, at + 1))
                cuts.emplace_back(at, separator.size());
        }
        std::sort(cuts.begin(), cuts.end());
    };
    find_cuts();
    if (cuts.empty()) return title;
    // The site's own name, first or last, as often as it is there ("Title – Site - Site").
    const std::string site = ascii_lowered(collapse(site_name));
    while (!site.empty() && !cuts.empty()) {
        const auto [last, last_length] = cuts.back();
        const auto [first, first_length] = cuts.front();
        if (unicode::equals_ci(std::string_view(title).substr(last + last_length), site)) title.resize(last);
        else if (unicode::equals_ci(std::string_view(title).substr(0, first), site)) title.erase(0, first + first_length);
        else break;
        find_cuts();
    }
    if (cuts.empty()) return title;
    for (std::string_view own : {heading, headline}) {
        if (own.empty()) continue;
        if (title == own) return title;
        // The page's own headline is a run of the parts: that is the title.
        std::vector<std::size_t> starts{0}, ends;
        for (const auto& [at, length] : cuts) {
            ends.push_back(at);
            starts.push_back(at + length);
        }
        ends.push_back(title.size());
        for (std::size_t start : starts) {
            for (std::size_t end : ends) {
                if (end > start && title.compare(start, end - start, own) == 0) return std::string(own);
            }
        }
    }
    auto reads_as_title = [](std::string_view part) { return count_words(part) >= 3 || part.size() >= 24; };
    auto short_name = [](std::string_view part) { return count_words(part) <= 5; };
    // "Title | Site": drop the part after the last separator.
    const std::string before_last = title.substr(0, cuts.back().first);
    const std::string after_last = title.substr(cuts.back().first + cuts.back().second);
    if (reads_as_title(before_last) && short_name(after_last) && after_last.size() < before_last.size()) return before_last;
    // "Site | Title": drop the part before the first separator.
    const std::string before_first = title.substr(0, cuts.front().first);
    const std::string after_first = title.substr(cuts.front().first + cuts.front().second);
    if (reads_as_title(after_first) && short_name(before_first) && before_first.size() * 2 < after_first.size())
        return after_first;
    // Neither side reads as a title. A single bar is the common "Page | Site" separator: a short
    // page name goes before a site name of two to four words ("Sign in | Example Portal").
    const bool bar = title.compare(cuts.back().first, cuts.back().second, " | ") == 0;
    const std::size_t site_words = count_words(after_last);
    if (bar && cuts.size() == 1 && site_words >= 2 && site_words <= 4 && count_words(before_last) >= 1)
        return before_last;
    return title;
}

Metadata extract_metadata(const GumboNode* root, const std::vector<std::string>& json_ld,
                          const std::vector<Block>& blocks, std::string_view byline, std::string_view time) {
    Candidates c;
    read_head(root, c);
    read_json_ld(json_ld, c);

    std::string heading;
    for (const Block& block : blocks) {
        if (block.kind == BlockKind::Heading && block.heading_level == 1 && !block.hidden) {
            heading = block.text;
            break;
        }
    }

    Metadata meta;
    meta.site_name = first_of({&c.og_site_name, &c.ld_publisher, &c.application_name});
    const std::string& declared = first_of({&c.og_title, &c.ld_headline, &c.twitter_title, &c.dc_title});
    const std::string headline = collapse(c.ld_headline);
    // A JSON-LD or Twitter title that shares little with <title> is often a section or type
    // name ("Wikimedia list article"); the document's own title is then the better one.
    if (c.og_title.empty() && !declared.empty() && !c.html_title.empty() &&
        shared_word_share(declared, c.html_title) < 0.5) {
        meta.title = strip_title_site_suffix(c.html_title, heading, meta.site_name, headline);
    } else if (!declared.empty()) {
        meta.title = strip_title_site_suffix(declared, heading, meta.site_name, headline);
    } else if (!c.html_title.empty()) {
        meta.title = strip_title_site_suffix(c.html_title, heading, meta.site_name, headline);
    } else {
        meta.title = heading;
    }
    meta.author = author_name(first_of({&c.ld_author, &c.meta_author}));
    if (meta.author.empty()) meta.author = author_name(byline);
    meta.date = first_of({&c.ld_date, &c.meta_date, &c.ld_page_date});
    if (meta.date.empty()) meta.date = collapse(time);
    meta.language = first_of({&c.html_lang, &c.content_language, &c.og_locale});
    meta.canonical_url = first_of({&c.canonical, &c.og_url});
    meta.description = first_of({&c.meta_description, &c.og_description, &c.ld_description});
    meta.schema_types = std::move(c.schema_types);
    meta.og_type = ascii_lowered(c.og_type);
    meta.meta_charset = c.meta_charset;
    meta.meta_content_type = c.meta_content_type;
    return meta;
}

}  // namespace winnow::segment
