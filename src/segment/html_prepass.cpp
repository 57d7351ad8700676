// The pre-pass before Gumbo (see html_prepass.h): one forward scan with memchr for '<'.
#include "segment/html_prepass.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <unordered_map>

#include "segment/html_metadata.h"
#include "segment/html_names.h"
#include "unicode/ascii.h"
#include "unicode/utf8_encode.h"

namespace winnow::segment {
namespace {

// Bytes of markup inside a <noscript> from which it is taken for a whole page rather than a
// tracking pixel or an "enable JavaScript" notice.
constexpr std::size_t kNoscriptPageBytes = 4096;

using unicode::ascii_lowered;
using unicode::equals_ci;
using unicode::is_ascii_space;
using unicode::starts_with_ci;

bool ends_tag_name(std::string_view text, std::size_t at) {
    if (at >= text.size()) return true;
    char c = text[at];
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>';
}

// Index just past the '>' that closes the tag starting at `at` ('<'), honouring quoted
// attribute values; text.size() if it never closes, and then `closed` is false.
std::size_t end_of_tag(std::string_view text, std::size_t at, bool& closed) {
    const std::size_t n = text.size();
    closed = true;
    std::size_t i = at + 1;
    while (i < n) {
        // The next '>', '"' or '\'', eight bytes at a time.
        constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
        while (i + 8 <= n) {
            std::uint64_t w;
            std::memcpy(&w, text.data() + i, 8);
            const std::uint64_t gt = w ^ (kOnes * '>'), dq = w ^ (kOnes * '"'), sq = w ^ (kOnes * '\'');
            const std::uint64_t found =
                ((gt - kOnes) & ~gt) | ((dq - kOnes) & ~dq) | ((sq - kOnes) & ~sq);
            if ((found & kHighs) != 0) break;  // one of them is in these eight bytes
            i += 8;
        }
        while (i < n && text[i] != '>' && text[i] != '"' && text[i] != '\'') ++i;
        if (i >= n) break;
        const char c = text[i];
        if (c == '>') return i + 1;
        // Quotes only open a value right after '='; elsewhere they are ordinary bytes.
        std::size_t k = i;
        while (k > at && (text[k - 1] == ' ' || text[k - 1] == '\t' || text[k - 1] == '\n')) --k;
        if (k > at && text[k - 1] == '=') {
            const void* close = std::memchr(text.data() + i + 1, c, n - i - 1);
            if (close == nullptr) break;
            i = static_cast<std::size_t>(static_cast<const char*>(close) - text.data()) + 1;
        } else {
            ++i;
        }
    }
    closed = false;
    return n;
}

std::size_t end_of_tag(std::string_view text, std::size_t at) {
    bool closed;
    return end_of_tag(text, at, closed);
}

// Position of the first case-insensitive "</name" at or after `from` that ends a tag name.
std::size_t find_close(std::string_view text, std::size_t from, std::string_view name) {
    std::size_t i = from;
    while (i < text.size()) {
        const void* hit = std::memchr(text.data() + i, '<', text.size() - i);
        if (hit == nullptr) return std::string_view::npos;
        i = static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
        if (i + 1 < text.size() && text[i + 1] == '/' && starts_with_ci(text, i + 2, name) &&
            ends_tag_name(text, i + 2 + name.size())) {
            return i;
        }
        ++i;
    }
    return std::string_view::npos;
}

// The lower-case tag name at text[at] (just past "<" or "</"), up to 32 bytes.
std::string tag_name_at(std::string_view text, std::size_t at) {
    std::string name;
    while (at < text.size() && name.size() < 32 && !ends_tag_name(text, at)) name += unicode::ascii_lower(text[at++]);
    return name;
}

// Start tags that end an open <svg> in a browser (HTML's "in foreign content" rules): HTML that
// cannot be SVG.
bool breaks_out_of_svg(std::string_view name) {
    static constexpr std::string_view kNames[] = {
        "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2",
        "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre",
        "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var"};
    return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

bool is_svg_element(std::string_view name) {
    static constexpr std::string_view kNames[] = {
        "a", "circle", "clippath", "defs", "desc", "ellipse", "filter", "foreignobject", "g", "image", "line",
        "lineargradient", "marker", "mask", "metadata", "mpath", "path", "pattern", "polygon", "polyline",
        "radialgradient", "rect", "script", "set", "stop", "style", "svg", "switch", "symbol", "text", "textpath",
        "title", "tspan", "use", "view"};
    return name.starts_with("fe") || name.starts_with("animate") ||
           std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

// Where the <svg> whose start tag ends at `body` ends: at its "</svg", or, when it is left open
// ("<a><svg></a>"), where a browser leaves it: before an HTML start tag that breaks out of SVG, or
// before the end tag of an HTML element around it. Inside <foreignObject>, <desc> and <title>
// (SVG's HTML integration points) HTML is at home.
std::size_t svg_end(std::string_view html, std::size_t body) {
    int nested_svg = 0, open_links = 0, foreign = 0;
    for (std::size_t i = html.find('<', body); i != std::string_view::npos; i = html.find('<', i + 1)) {
        if (html.compare(i, 4, "<!--") == 0) {
            const std::size_t end = html.find("-->", i + 4);
            if (end == std::string_view::npos) break;
            i = end + 2;
            continue;
        }
        const bool end_tag = i + 1 < html.size() && html[i + 1] == '/';
        const std::string name = tag_name_at(html, i + (end_tag ? 2 : 1));
        if (name.empty()) continue;
        bool self_closing = false;
        if (!end_tag) {
            const std::size_t end = end_of_tag(html, i);
            self_closing = end >= 2 && end <= html.size() && html[end - 2] == '/';
        }
        if (name == "foreignobject" || name == "desc" || name == "title") {
            if (end_tag) foreign = std::max(0, foreign - 1);
            else if (!self_closing) ++foreign;
            continue;
        }
        if (foreign > 0) continue;
        if (end_tag) {
            if (name == "svg") {
                if (nested_svg == 0) return i;
                --nested_svg;
            } else if (name == "a") {
                if (open_links == 0) return i;
                --open_links;
            } else if (!is_svg_element(name)) {
                return i;
            }
        } else if (breaks_out_of_svg(name)) {
            return i;
        } else if (!self_closing && name == "svg") {
            ++nested_svg;
        } else if (!self_closing && name == "a") {
            ++open_links;
        }
    }
    return html.size();
}

bool is_json_ld(std::string_view start_tag) {
    return ascii_lowered(start_tag).find("application/ld+json") != std::string::npos;
}

bool contains_ci(std::string_view text, std::string_view lower_word) {
    for (std::size_t i = 0; i + lower_word.size() <= text.size(); ++i) {
        if (starts_with_ci(text, i, lower_word)) return true;
    }
    return false;
}

// The attribute the segmenter or the metadata step reads that `name` names (html_names.h), or
// nullptr: every other one is dropped before Gumbo, which would otherwise tokenize every byte of
// src, srcset, data-* and onclick values.
const html_names::AttributeName* read_attribute(std::string_view name) {
    for (const html_names::AttributeName& read : html_names::kAttributes) {
        if (equals_ci(name, read.name)) return &read;
    }
    return nullptr;
}

// A C1 control (U+0080-U+009F, 0xC2 0x80-0x9F in UTF-8) at text[at].
bool is_c1_control(std::string_view text, std::size_t at) {
    return at + 1 < text.size() && static_cast<unsigned char>(text[at]) == 0xC2 && static_cast<unsigned char>(text[at + 1]) >= 0x80 &&
           static_cast<unsigned char>(text[at + 1]) <= 0x9F;
}

// The index of the first byte in run[from, end) that Gumbo's tokenizer would not hand to the tree
// builder unchanged: '&' (a character reference may start there), a carriage return or NUL, or the
// first byte of a control character or noncharacter that it replaces with U+FFFD. run.size() if
// there is none. `run` is valid UTF-8.
std::size_t first_special(std::string_view run, std::size_t from) {
    const auto* p = reinterpret_cast<const unsigned char*>(run.data());
    const std::size_t n = run.size();
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
    std::size_t i = from;
    while (i < n) {
        // Eight bytes at a time while they are printable ASCII other than '&' and DEL.
        while (i + 8 <= n) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            const std::uint64_t below_space = (w - kOnes * 0x20) & ~w;
            const std::uint64_t amp = w ^ (kOnes * '&');
            const std::uint64_t is_amp = (amp - kOnes) & ~amp;
            const std::uint64_t del = w ^ (kOnes * 0x7F);
            const std::uint64_t is_del = (del - kOnes) & ~del;
            if (((below_space | is_amp | is_del | w) & kHighs) != 0) break;
            i += 8;
        }
        if (i >= n) break;
        const unsigned char b = p[i];
        if (b < 0x20) {
            if (b != '\t' && b != '\n' && b != '\f') return i;
        } else if (b == '&' || b == 0x7F) {
            return i;
        } else if (b == 0xC2) {
            if (is_c1_control(run, i)) return i;
        } else if (b == 0xEF) {
            if (i + 1 < n && p[i + 1] == 0xB7) return i;  // U+FDC0-U+FDFF (holds U+FDD0-U+FDEF)
            if (i + 2 < n && p[i + 1] == 0xBF && p[i + 2] >= 0xBE) return i;  // U+FFFE, U+FFFF
        } else if (b >= 0xF0) {
            // U+1FFFE, U+1FFFF, ... U+10FFFF: the last two code points of every plane.
            if (i + 3 < n && (p[i + 1] & 0x0F) == 0x0F && p[i + 2] == 0xBF && p[i + 3] >= 0xBE) return i;
        }
        ++i;
    }
    return n;
}

bool passes_through_gumbo(std::string_view run) { return first_special(run, 0) == run.size(); }

// The length of the special sequence at run[at] (see first_special): a whole character
// reference ("&amp;", "&#8217;", "&T"), or one character.
std::size_t special_length(std::string_view run, std::size_t at) {
    auto is_alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    std::size_t end = at + 1;
    if (run[at] == '&') {
        if (end < run.size() && run[end] == '#') ++end;
        while (end < run.size() && is_alnum(run[end])) ++end;
        if (end < run.size() && run[end] == ';') ++end;
        return end - at;
    }
    const auto lead = static_cast<unsigned char>(run[at]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    return std::min(length, run.size() - at);
}

// True when `bytes` holds a code point of planes 15 and 16, where placeholders live.
bool has_placeholder_plane(std::string_view bytes) {
    for (const unsigned char lead : {0xF3, 0xF4}) {
        std::size_t at = 0;
        while (const void* hit = std::memchr(bytes.data() + at, lead, bytes.size() - at)) {
            at = static_cast<std::size_t>(static_cast<const char*>(hit) - bytes.data()) + 1;
            if (at < bytes.size()) {
                const auto next = static_cast<unsigned char>(bytes[at]);
                if ((lead == 0xF3 && next >= 0xB0) || (lead == 0xF4 && next <= 0x8F)) return true;
            }
        }
    }
    return false;
}

// Calls on_attribute(name, value, written) for each attribute of a start tag (tag[0] is '<'), where
// `written` is the attribute as the tag spells it. False when a quoted value never closes: the
// attributes before it have been passed on.
template <typename OnAttribute>
bool for_each_attribute(std::string_view tag, OnAttribute&& on_attribute) {
    std::size_t i = 1;
    while (i < tag.size() && !is_ascii_space(tag[i]) && tag[i] != '/' && tag[i] != '>') ++i;  // the tag's name
    while (i < tag.size()) {
        while (i < tag.size() && (is_ascii_space(tag[i]) || tag[i] == '/')) ++i;
        if (i >= tag.size() || tag[i] == '>') break;
        const std::size_t attr_begin = i;
        while (i < tag.size() && !is_ascii_space(tag[i]) && tag[i] != '/' && tag[i] != '>' && tag[i] != '=') ++i;
        if (i == attr_begin) ++i;  // a stray '=' starts a name
        const std::string_view attr = tag.substr(attr_begin, i - attr_begin);
        std::size_t k = i;
        while (k < tag.size() && is_ascii_space(tag[k])) ++k;
        std::string_view value;
        if (k < tag.size() && tag[k] == '=') {
            ++k;
            while (k < tag.size() && is_ascii_space(tag[k])) ++k;
            if (k < tag.size() && (tag[k] == '"' || tag[k] == '\'')) {
                const std::size_t close = tag.find(tag[k], k + 1);
                if (close == std::string_view::npos) return false;
                value = tag.substr(k + 1, close - k - 1);
                k = close + 1;
            } else {
                const std::size_t start = k;
                while (k < tag.size() && !is_ascii_space(tag[k]) && tag[k] != '>') ++k;
                value = tag.substr(start, k - start);
            }
            i = k;
        }
        on_attribute(attr, value, tag.substr(attr_begin, i - attr_begin));
    }
    return true;
}

// Appends the start tag html[begin, end) ('<' … '>') with only the attributes that are read.
// href values shrink to whether they lead anywhere; style is kept only when it may hide.
// Anything the scan does not understand is copied as it is. The schema.org types of itemtype
// attributes are added to microdata_types.
void append_lean_start_tag(std::string_view tag, bool keep_link_targets, HeldText* held, std::string& out,
                           std::string& microdata_types) {
    std::size_t i = 1;
    while (i < tag.size() && !is_ascii_space(tag[i]) && tag[i] != '/' && tag[i] != '>') ++i;
    const std::string_view name = tag.substr(1, i - 1);
    if (equals_ci(name, "link")) {
        if (contains_ci(tag, "canonical")) out.append(tag);  // stylesheets, feeds, icons: unread
        return;
    }
    auto read_itemtype = [&](std::string_view attr, std::string_view value) {
        if (equals_ci(attr, "itemtype")) add_microdata_types(value, microdata_types);  // read here, not kept
    };
    if (equals_ci(name, "meta") || equals_ci(name, "html") || equals_ci(name, "base")) {
        out.append(tag);
        for_each_attribute(tag, [&](std::string_view attr, std::string_view value, std::string_view) { read_itemtype(attr, value); });
        return;
    }
    const std::size_t rollback = out.size();
    out.append(name.data() - 1, name.size() + 1);
    const bool closed = for_each_attribute(tag, [&](std::string_view attr, std::string_view value, std::string_view written) {
        const html_names::AttributeName* read = read_attribute(attr);
        if (read == nullptr) {
            read_itemtype(attr, value);
        } else if (read->attribute == html_names::Attribute::Href && keep_link_targets) {
            out += ' ';
            out.append(written);
        } else if (read->attribute == html_names::Attribute::Href) {
            std::size_t v = 0;
            while (v < value.size() && is_ascii_space(value[v])) ++v;
            if (v == value.size()) out += " href=\"\"";
            else if (value.size() - v >= 11 && starts_with_ci(value, v, "javascript:")) out += " href=\"javascript:\"";
            else out += " href=\"h\"";
        } else if (read->attribute == html_names::Attribute::Style) {
            if (contains_ci(value, "none") || contains_ci(value, "hidden")) {
                out += ' ';
                out.append(written);
            }
        } else if (held != nullptr && value.size() >= 2 && read->held && passes_through_gumbo(value) && held->has_room()) {
            out += ' ';
            out.append(attr);
            out += "=\"";
            held->hold(value, out);
            out += '"';
        } else {
            out += ' ';
            out.append(written);
        }
    });
    if (!closed) {
        out.resize(rollback);
        out.append(tag);
        return;
    }
    if (tag.size() >= 2 && tag[tag.size() - 2] == '/') out += '/';
    out += '>';
}

// Appends markup-free text (and end tags) with every run of ASCII whitespace cut to one
// character, as HTML renders it anyway; inside <pre> it is copied as it is, but for its line
// breaks: CR LF and a lone CR become LF, as HTML's input stream makes them. (Gumbo would do that
// too, but a held run hides the LF after a CR from it, and the listing would gain an empty line.)
void append_collapsed(std::string_view text, bool preformatted, std::string& out) {
    if (preformatted) {
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] != '\r') out += text[i];
            else if (i + 1 == text.size() || text[i + 1] != '\n') out += '\n';
        }
        return;
    }
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t run = i;
        while (run < text.size() && !is_ascii_space(text[run])) ++run;
        out.append(text.substr(i, run - i));
        if (run >= text.size()) break;
        std::size_t end = run + 1;
        bool newline = text[run] == '\n';
        while (end < text.size() && is_ascii_space(text[end])) {
            newline = newline || text[end] == '\n';
            ++end;
        }
        out += newline ? '\n' : text[run];
        i = end;
    }
}

// A tag name of up to ten ASCII letters and digits, case folded, six bits a character: the name
// is compared with a few known ones by one integer comparison each.
constexpr int kKeyCharacters = 10;
constexpr std::uint64_t name_code(char c) {
    if (c >= 'a' && c <= 'z') return static_cast<std::uint64_t>(c - 'a' + 1);
    if (c >= 'A' && c <= 'Z') return static_cast<std::uint64_t>(c - 'A' + 1);
    if (c >= '0' && c <= '9') return static_cast<std::uint64_t>(c - '0' + 27);
    return 0;
}
constexpr std::uint64_t key_of(std::string_view name) {
    std::uint64_t key = 0;
    for (char c : name) key = key << 6 | name_code(c);
    return key;
}

// The key of the tag name at html[name_at], or 0 when it is longer than kKeyCharacters or does not
// end where a tag name ends.
std::uint64_t tag_key(std::string_view html, std::size_t name_at) {
    std::uint64_t key = 0;
    std::size_t i = name_at;
    for (; i < html.size() && i - name_at <= kKeyCharacters; ++i) {
        const std::uint64_t code = name_code(html[i]);
        if (code == 0) break;
        key = key << 6 | code;
    }
    if (i == name_at || i - name_at > kKeyCharacters || !ends_tag_name(html, i)) return 0;
    return key;
}

// The key of a tag (start or end, html[0] is '<'), or 0 (see tag_key).
std::uint64_t tag_key(std::string_view tag) {
    return tag_key(tag, tag.size() > 1 && tag[1] == '/' ? 2 : 1);
}

// A fixed set of tag keys: an open-addressing table of N slots (a power of two; 0 marks an
// empty one), so that a tag is looked up with one multiplication and a comparison or two.
template <std::size_t N>
class TagKeySet {
public:
    constexpr TagKeySet(std::initializer_list<std::string_view> names) {
        for (std::string_view name : names) {
            std::size_t slot = first_slot(key_of(name));
            while (slots_[slot] != 0) slot = (slot + 1) % N;
            slots_[slot] = key_of(name);
        }
    }
    constexpr bool contains(std::uint64_t key) const {
        if (key == 0) return false;
        for (std::size_t slot = first_slot(key); slots_[slot] != 0; slot = (slot + 1) % N) {
            if (slots_[slot] == key) return true;
        }
        return false;
    }

private:
    static_assert(std::has_single_bit(N));
    static constexpr std::size_t first_slot(std::uint64_t key) { return (key * 0x9E3779B97F4A7C15ULL) >> (64 - std::countr_zero(N)); }
    std::array<std::uint64_t, N> slots_{};
};

// True for the keys of elements (start or end tags) that begin and end a block of their own, or
// are never rendered: whitespace next to one is never shown.
bool is_block_boundary(std::uint64_t key) {
    static constexpr TagKeySet<128> kBoundaries{
        "address", "article", "aside", "base", "body", "caption", "dd", "details", "div", "dl", "dt",
        "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
        "html", "li", "link", "main", "meta", "nav", "ol", "option", "p", "section", "select", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul"};
    return kBoundaries.contains(key);
}

bool is_all_html_space(std::string_view text) {
    for (char c : text) {
        if (!is_ascii_space(c)) return false;
    }
    return true;
}

// Writes the pre-pass's output: markup, and text collapsed and (when that pays) held.
class LeanWriter {
public:
    LeanWriter(PrepassResult& result, bool may_hold) : result_(result), may_hold_(may_hold) {}

    // A start tag, made lean here; key is its name's tag_key.
    void start_tag(std::string_view tag, std::uint64_t key, bool keep_link_targets) {
        append_lean_start_tag(tag, keep_link_targets, may_hold_ ? &result_.held : nullptr, result_.html,
                              result_.microdata_types);
        after_block_ = is_block_boundary(key);
    }

    // An end tag, without the attributes it may carry: they mean nothing, and Gumbo's tokenizer
    // compares each new attribute with all before it (10^5 of them take minutes).
    // key is its name's tag_key.
    void end_tag(std::string_view tag, std::uint64_t key) {
        std::size_t name_end = 2;
        while (name_end < tag.size() && !ends_tag_name(tag, name_end)) ++name_end;
        if (name_end + 1 == tag.size()) {
            result_.html.append(tag);
        } else {
            result_.html.append(tag.substr(0, name_end));
            result_.html.push_back('>');
        }
        after_block_ = is_block_boundary(key);
    }

    // A stretch of text and markup that holds no start tag the pre-pass rewrites (text, end
    // tags, doctype, the start tag of an inert element): markup as it is, text through text().
    void stretch(std::string_view stretch, bool preformatted) {
        std::size_t at = 0;
        while (at < stretch.size()) {
            // The next '<' that opens markup for the tokenizer: a letter, '/', '!' or '?' follows it.
            std::size_t open = at;
            while (true) {
                const void* hit = std::memchr(stretch.data() + open, '<', stretch.size() - open);
                if (hit == nullptr) {
                    open = stretch.size();
                    break;
                }
                open = static_cast<std::size_t>(static_cast<const char*>(hit) - stretch.data());
                if (open + 1 < stretch.size()) {
                    const char c = stretch[open + 1];
                    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?') break;
                }
                ++open;
            }
            if (open > at) text(stretch.substr(at, open - at), preformatted);
            if (open >= stretch.size()) break;
            std::size_t close;
            if (stretch[open + 1] == '!' || stretch[open + 1] == '?') {
                close = stretch.find('>', open);
                close = close == std::string_view::npos ? stretch.size() : close + 1;
            } else {
                close = end_of_tag(stretch, open);
            }
            const std::string_view markup = stretch.substr(open, close - open);
            result_.html.append(markup);
            after_block_ = is_block_boundary(tag_key(markup));
            at = close;
        }
    }

private:
    // Text that lies between tags. Whitespace alone after a block's tag is dropped: it is never
    // shown, and Gumbo would make a node of it. The rest is collapsed, and each stretch of two or
    // more bytes between character references (and the rare characters Gumbo would change) is
    // held aside; leading and trailing whitespace stays in place.
    void text(std::string_view text, bool preformatted) {
        if (!preformatted && after_block_ && is_all_html_space(text)) return;
        after_block_ = false;
        if (!may_hold_ || text.size() < 2) {
            append_collapsed(text, preformatted, result_.html);
            return;
        }
        scratch_.clear();
        append_collapsed(text, preformatted, scratch_);
        const std::string_view all = scratch_;
        std::size_t begin = 0, end = all.size();
        while (begin < end && is_ascii_space(all[begin])) ++begin;
        while (end > begin && is_ascii_space(all[end - 1])) --end;
        result_.html.append(all.substr(0, begin));
        const std::string_view core = all.substr(0, end);  // indexes stay those of `all`
        std::size_t at = begin;
        while (at < end) {
            const std::size_t special = first_special(core, at);
            if (special - at >= 2 && result_.held.has_room()) result_.held.hold(core.substr(at, special - at), result_.html);
            else result_.html.append(core.substr(at, special - at));
            if (special == end) break;
            const std::size_t length = special_length(core, special);
            // A C1 control (U+0080-U+009F) is held too, where Gumbo would make it U+FFFD: decoding
            // leaves only those windows-1252 has no character for, and the mojibake repair of the
            // block's text reads them ("â€\u009d" is "”").
            if (is_c1_control(core, special) && result_.held.has_room()) result_.held.hold(core.substr(special, length), result_.html);
            else result_.html.append(core.substr(special, length));
            at = special + length;
        }
        result_.html.append(all.substr(end));
    }

    PrepassResult& result_;
    const bool may_hold_;
    bool after_block_ = false;  // the last markup written was a block-level tag
    std::string scratch_;
};

// Void elements the DOM walk skips and the tree builder needs for nothing: source, track and param
// (only ever inside media elements). Not input or embed: in a table, they move the text beside them.
bool is_dropped_void_element(std::uint64_t key) {
    static constexpr std::uint64_t kSource = key_of("source"), kTrack = key_of("track"), kParam = key_of("param");
    return key == kSource || key == kTrack || key == kParam;
}

bool is_preformatted_tag(std::uint64_t key) {
    static constexpr std::uint64_t kPre = key_of("pre"), kListing = key_of("listing"), kXmp = key_of("xmp"),
                                   kPlaintext = key_of("plaintext");
    return key == kPre || key == kListing || key == kXmp || key == kPlaintext;
}

// Nesting capped as browsers cap it (Chromium's parser stops at 512 levels): past kMaxNesting open
// elements, a further start tag is left out, and so is one end tag of that name for each left out;
// the text inside is kept. Tree building and every walk over the tree then stay within that depth,
// where 10^6 nested <div>s or unclosed <b>s would make Gumbo's tree building quadratic.
// Elements whose end tag may be left out (p, li, td, …) and void elements are not counted: on real
// pages they are closed implicitly, and the elements around them already bound the depth.
class NestingCap {
public:
    static constexpr int kMaxNesting = 512;

    // A start tag of `key` (not self-closed): false when it is to be left out.
    bool open(std::uint64_t key) {
        if (!counted(key)) return true;
        if (depth_ < kMaxNesting) {
            ++depth_;
            return true;
        }
        ++left_out_[key];
        return false;
    }
    // An end tag of `key`: false when it closes a start tag that was left out.
    bool close(std::uint64_t key) {
        if (!left_out_.empty()) {
            const auto it = left_out_.find(key);
            if (it != left_out_.end()) {
                if (--it->second == 0) left_out_.erase(it);
                return false;
            }
        }
        if (depth_ > 0 && counted(key)) --depth_;
        return true;
    }

private:
    static bool counted(std::uint64_t key) {
        static constexpr TagKeySet<128> kNotCounted{
            "html", "head", "body", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot",
            "caption", "colgroup", "option", "optgroup", "rb", "rt", "rp", "rtc", "area", "base", "br",
            "col", "embed", "hr", "img", "input", "link", "meta", "wbr", "keygen"};
        return key != 0 && !kNotCounted.contains(key);
    }

    int depth_ = 0;
    std::unordered_map<std::uint64_t, int> left_out_;
};

}  // namespace

PrepassResult strip_inert_markup(std::string_view html, bool keep_link_targets, const Deadline* deadline) {
    PrepassResult result;
    result.html.reserve(html.size() / 2 + 64);
    std::size_t copied = 0;  // html[0, copied) is in result.html already
    std::size_t i = 0;
    int preformatted = 0;    // open <pre>-like elements: their whitespace is content
    const bool may_hold = !has_placeholder_plane(html);
    LeanWriter writer(result, may_hold);
    NestingCap nesting;
    auto append = [&](std::string_view stretch, bool pre) { writer.stretch(stretch, pre); };
    std::size_t tags = 0;
    while (i < html.size()) {
        check_deadline(deadline, ++tags);
        const void* hit = std::memchr(html.data() + i, '<', html.size() - i);
        if (hit == nullptr) break;
        i = static_cast<std::size_t>(static_cast<const char*>(hit) - html.data());

        if (html.compare(i, 4, "<!--") == 0) {
            std::size_t end = html.find("-->", i + 4);
            end = end == std::string_view::npos ? html.size() : end + 3;
            append(html.substr(copied, i - copied), preformatted > 0);
            copied = i = end;
            continue;
        }
        if (i + 2 < html.size() && html[i + 1] == '/' && preformatted > 0 && is_preformatted_tag(tag_key(html, i + 2))) {
            append(html.substr(copied, i - copied), true);  // the <pre> text
            copied = i;
            --preformatted;
        }

        // Raw-text and inert elements (html_names.h): keep the start and end tags, drop what is
        // between; or drop the whole element.
        static constexpr auto kInert = [] {
            constexpr std::size_t count = [] {
                std::size_t n = 0;
                for (const html_names::Element& e : html_names::kElements) n += e.prepass != html_names::PrepassContent::Parsed;
                return n;
            }();
            std::array<html_names::Element, count> inert{};
            std::size_t k = 0;
            for (const html_names::Element& e : html_names::kElements) {
                if (e.prepass != html_names::PrepassContent::Parsed) inert[k++] = e;
            }
            return inert;
        }();
        static constexpr auto kInertKeys = [] {
            std::array<std::uint64_t, std::size(kInert)> keys{};
            for (std::size_t k = 0; k < keys.size(); ++k) keys[k] = key_of(kInert[k].name);
            return keys;
        }();
        const std::uint64_t key = tag_key(html, i + 1);
        std::string_view name;
        html_names::PrepassContent content = html_names::PrepassContent::Parsed;
        for (std::size_t k = 0; k < kInertKeys.size(); ++k) {
            if (key == kInertKeys[k]) {
                name = kInert[k].name;
                content = kInert[k].prepass;
                break;
            }
        }
        if (name.empty()) {
            const bool start_tag = i + 1 < html.size() && ((html[i + 1] >= 'a' && html[i + 1] <= 'z') ||
                                                           (html[i + 1] >= 'A' && html[i + 1] <= 'Z'));
            const bool end_tag = !start_tag && i + 2 < html.size() && html[i + 1] == '/' &&
                                 ((html[i + 2] >= 'a' && html[i + 2] <= 'z') || (html[i + 2] >= 'A' && html[i + 2] <= 'Z'));
            if (!start_tag && !end_tag) {
                ++i;
                continue;
            }
            bool closed;
            const std::size_t end = end_of_tag(html, i, closed);
            if (!closed) {
                // A tag that never closes takes the rest of the page into it (Gumbo and browsers
                // drop it at the end of the file): it goes, unscanned and unparsed.
                append(html.substr(copied, i - copied), preformatted > 0);
                copied = html.size();
                break;
            }
            if (end_tag) {
                append(html.substr(copied, i - copied), preformatted > 0);
                const std::uint64_t end_key = tag_key(html, i + 2);
                if (nesting.close(end_key)) writer.end_tag(html.substr(i, end - i), end_key);
                copied = i = end;  // (when it closes a start tag left out, it is left out too)
                continue;
            }
            append(html.substr(copied, i - copied), preformatted > 0);
            if (is_dropped_void_element(key)) {
                copied = i = end;  // a media source: no text, and the walk skips it
                continue;
            }
            if (html[end - 2] != '/' && !nesting.open(key)) {
                copied = i = end;  // nested past the cap: the tag goes, its text stays
                continue;
            }
            if (is_preformatted_tag(key)) ++preformatted;
            writer.start_tag(html.substr(i, end - i), key, keep_link_targets);
            copied = i = end;
            continue;
        }
        std::size_t body = end_of_tag(html, i);
        if (content == html_names::PrepassContent::AsText) {
            // RCDATA: shown as text (title) or as a control; their content may look like tags,
            // so skip over it untouched rather than scanning it.
            std::size_t close = find_close(html, body, name);
            if (close == std::string_view::npos) close = html.size();
            append(html.substr(copied, body - copied), preformatted > 0);  // through the start tag
            append_collapsed(html.substr(body, close - body), false, result.html);  // never held
            copied = i = close;
            if (close == html.size()) break;
            i = close + 2;
            continue;
        }
        if (name == "svg" && body >= 2 && html[body - 2] == '/') {
            append(html.substr(copied, i - copied), preformatted > 0);  // <svg ... />: dropped
            copied = i = body;
            continue;
        }
        if (name == "svg") {
            // Never read; dropped through its "</svg>", or up to where a browser leaves it open.
            const std::size_t stop = svg_end(html, body);
            append(html.substr(copied, i - copied), preformatted > 0);
            const bool closes = stop + 2 < html.size() && html[stop + 1] == '/' && tag_name_at(html, stop + 2) == "svg";
            copied = i = closes ? end_of_tag(html, stop) : stop;
            if (i >= html.size()) break;
            continue;
        }
        std::size_t close = find_close(html, body, name);
        if (close == std::string_view::npos) close = html.size();
        if (name == "script" && is_json_ld(html.substr(i, body - i))) {
            result.json_ld.emplace_back(html.substr(body, close - body));
        }
        // A large <noscript> holding markup is the page as served to readers without scripts (a
        // forum's crawler view, say): it is unwrapped and read like the rest of the body.
        if (name == "noscript" && close != html.size() && close - body >= kNoscriptPageBytes &&
            html.substr(body, close - body).find("<p") != std::string_view::npos) {
            append(html.substr(copied, i - copied), preformatted > 0);
            copied = i = body;  // the end tag is left for Gumbo, which ignores it
            continue;
        }
        if (content == html_names::PrepassContent::Dropped) {
            // Never rendered, or never read after this (the DOM walk skips these elements): the
            // whole element goes.
            append(html.substr(copied, i - copied), preformatted > 0);
            copied = i = close == html.size() ? close : end_of_tag(html, close);
            continue;
        }
        append(html.substr(copied, body - copied), preformatted > 0);  // through the start tag
        copied = i = close;                                // resume at "</name" (kept)
        if (close == html.size()) break;
        i = close + 2;
    }
    append(html.substr(copied), preformatted > 0);
    return result;
}

// Placeholder number i is the code point U+F0000 + i, skipping the two noncharacters that end
// each plane (Gumbo would replace them): planes 15 and 16 give 2 × 0xFFFE placeholders.
void HeldText::hold(std::string_view run, std::string& html) {
    const std::size_t index = ends_.size();
    runs_.append(run);
    ends_.push_back(runs_.size());
    const char32_t cp = 0xF0000 + static_cast<char32_t>(index / 0xFFFE) * 0x10000 + static_cast<char32_t>(index % 0xFFFE);
    unicode::append_utf8(html, cp);  // four bytes: planes 15 and 16
}

bool HeldText::has_room() const { return ends_.size() < 2 * 0xFFFE; }

std::string_view HeldText::restore(std::string_view node_text, std::string& scratch) const {
    if (ends_.empty()) return node_text;
    const auto* p = reinterpret_cast<const unsigned char*>(node_text.data());
    const std::size_t n = node_text.size();
    auto is_placeholder = [&](std::size_t i) {
        return i + 3 < n && ((p[i] == 0xF3 && p[i + 1] >= 0xB0) || (p[i] == 0xF4 && p[i + 1] <= 0x8F));
    };
    std::size_t i = 0;
    while (i < n && !is_placeholder(i)) ++i;
    if (i == n) return node_text;
    scratch.clear();
    std::size_t copied = 0;
    for (; i < n; ++i) {
        if (!is_placeholder(i)) continue;
        const char32_t cp = (static_cast<char32_t>(p[i] & 0x07) << 18) | (static_cast<char32_t>(p[i + 1] & 0x3F) << 12) |
                            (static_cast<char32_t>(p[i + 2] & 0x3F) << 6) | static_cast<char32_t>(p[i + 3] & 0x3F);
        const std::size_t index = ((cp >> 16) - 0xF) * 0xFFFE + (cp & 0xFFFF);
        if (index >= ends_.size()) continue;
        scratch.append(node_text.substr(copied, i - copied));
        const std::size_t begin = index == 0 ? 0 : ends_[index - 1];
        scratch.append(runs_, begin, ends_[index] - begin);
        copied = i + 4;
        i += 3;
    }
    scratch.append(node_text.substr(copied));
    return scratch;
}

}  // namespace winnow::segment
