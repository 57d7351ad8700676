// The pre-pass before Gumbo (see html_prepass.h): one forward scan with memchr for '<'.
#include "segment/html_prepass.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace winnow {
namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ci(std::string_view text, std::size_t at, std::string_view lower_word) {
    if (at + lower_word.size() > text.size()) return false;
    for (std::size_t i = 0; i < lower_word.size(); ++i) {
        if (ascii_lower(text[at + i]) != lower_word[i]) return false;
    }
    return true;
}

bool ends_tag_name(std::string_view text, std::size_t at) {
    if (at >= text.size()) return true;
    char c = text[at];
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>';
}

// Index just past the '>' that closes the tag starting at `at` ('<'), honouring quoted
// attribute values; text.size() if it never closes.
std::size_t end_of_tag(std::string_view text, std::size_t at) {
    char quote = 0;
    for (std::size_t i = at + 1; i < text.size(); ++i) {
        char c = text[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            // Quotes only open a value right after '='; elsewhere they are ordinary bytes.
            std::size_t k = i;
            while (k > at && (text[k - 1] == ' ' || text[k - 1] == '\t' || text[k - 1] == '\n')) --k;
            if (k > at && text[k - 1] == '=') quote = c;
        } else if (c == '>') {
            return i + 1;
        }
    }
    return text.size();
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

bool is_json_ld(std::string_view start_tag) {
    std::string lower(start_tag);
    for (char& c : lower) c = ascii_lower(c);
    return lower.find("application/ld+json") != std::string::npos;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool equals_ci(std::string_view text, std::string_view lower_word) {
    return text.size() == lower_word.size() && starts_with_ci(text, 0, lower_word);
}

bool contains_ci(std::string_view text, std::string_view lower_word) {
    for (std::size_t i = 0; i + lower_word.size() <= text.size(); ++i) {
        if (starts_with_ci(text, i, lower_word)) return true;
    }
    return false;
}

// Attributes the segmenter and the metadata step read; every other one is dropped before
// Gumbo, which would otherwise tokenize every byte of src, srcset, data-* and onclick values.
bool is_read_attribute(std::string_view name) {
    static constexpr std::string_view kRead[] = {"class", "id", "role", "itemprop", "hidden", "aria-hidden", "lang",
                                                 "xml:lang", "name", "property", "content", "http-equiv", "charset",
                                                 "rel", "type", "datetime"};
    for (std::string_view read : kRead) {
        if (equals_ci(name, read)) return true;
    }
    return false;
}

constexpr std::string_view kPlaceholder = "\xF4\x8F\xBF\xBD";  // U+10FFFD, a private-use character
constexpr std::size_t kShortestHeld = 16;  // shorter runs cost Gumbo little more than their placeholder

bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// True when Gumbo's tokenizer would hand `run` to the tree builder unchanged: no character
// reference, no carriage return or NUL, none of the control characters and noncharacters it
// replaces with U+FFFD. `run` is valid UTF-8.
bool passes_through_gumbo(std::string_view run) {
    const auto* p = reinterpret_cast<const unsigned char*>(run.data());
    const std::size_t n = run.size();
    std::size_t i = 0;
    // Eight bytes at a time while they are printable ASCII other than '&' and DEL.
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        const std::uint64_t below_space = (w - kOnes * 0x20) & ~w;
        const std::uint64_t amp = w ^ (kOnes * '&');
        const std::uint64_t is_amp = (amp - kOnes) & ~amp;
        const std::uint64_t del = w ^ (kOnes * 0x7F);
        const std::uint64_t is_del = (del - kOnes) & ~del;
        if (((below_space | is_amp | is_del) & kHighs) != 0 || (w & kHighs) != 0) break;
    }
    for (; i < n; ++i) {
        const unsigned char b = p[i];
        if (b < 0x20) {
            if (b != '\t' && b != '\n' && b != '\f') return false;
        } else if (b == '&' || b == 0x7F) {
            return false;
        } else if (b == 0xC2) {
            if (i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) return false;  // C1 controls
        } else if (b == 0xEF) {
            if (i + 1 < n && p[i + 1] == 0xB7) return false;  // U+FDC0-U+FDFF (holds U+FDD0-U+FDEF)
            if (i + 2 < n && p[i + 1] == 0xBF && p[i + 2] >= 0xBE) return false;  // U+FFFE, U+FFFF
        } else if (b >= 0xF0) {
            // U+1FFFE, U+1FFFF, ... U+10FFFF: the last two code points of every plane.
            if (i + 3 < n && (p[i + 1] & 0x0F) == 0x0F && p[i + 2] == 0xBF && p[i + 3] >= 0xBE) return false;
        }
    }
    return true;
}

// Appends the start tag html[begin, end) ('<' … '>') with only the attributes that are read.
// href values shrink to whether they lead anywhere; style is kept only when it may hide.
// Anything the scan does not understand is copied as it is.
void append_lean_start_tag(std::string_view tag, bool keep_link_targets, HeldText* held, std::string& out) {
    std::size_t i = 1;
    while (i < tag.size() && !is_space(tag[i]) && tag[i] != '/' && tag[i] != '>') ++i;
    const std::string_view name = tag.substr(1, i - 1);
    if (equals_ci(name, "link")) {
        if (contains_ci(tag, "canonical")) out.append(tag);  // stylesheets, feeds, icons: unread
        return;
    }
    if (equals_ci(name, "meta") || equals_ci(name, "html") || equals_ci(name, "base")) {
        out.append(tag);
        return;
    }
    const std::size_t rollback = out.size();
    out.append(name.data() - 1, name.size() + 1);
    while (i < tag.size()) {
        while (i < tag.size() && (is_space(tag[i]) || tag[i] == '/')) ++i;
        if (i >= tag.size() || tag[i] == '>') break;
        const std::size_t attr_begin = i;
        while (i < tag.size() && !is_space(tag[i]) && tag[i] != '/' && tag[i] != '>' && tag[i] != '=') ++i;
        if (i == attr_begin) ++i;  // a stray '=' starts a name
        const std::string_view attr = tag.substr(attr_begin, i - attr_begin);
        std::size_t k = i;
        while (k < tag.size() && is_space(tag[k])) ++k;
        std::string_view value;
        if (k < tag.size() && tag[k] == '=') {
            ++k;
            while (k < tag.size() && is_space(tag[k])) ++k;
            if (k < tag.size() && (tag[k] == '"' || tag[k] == '\'')) {
                const std::size_t close = tag.find(tag[k], k + 1);
                if (close == std::string_view::npos) {
                    out.resize(rollback);
                    out.append(tag);
                    return;
                }
                value = tag.substr(k + 1, close - k - 1);
                k = close + 1;
            } else {
                const std::size_t start = k;
                while (k < tag.size() && !is_space(tag[k]) && tag[k] != '>') ++k;
                value = tag.substr(start, k - start);
            }
            i = k;
        }
        if (equals_ci(attr, "href") && keep_link_targets) {
            out += ' ';
            out.append(tag.substr(attr_begin, i - attr_begin));
        } else if (equals_ci(attr, "href")) {
            std::size_t v = 0;
            while (v < value.size() && is_space(value[v])) ++v;
            if (v == value.size()) out += " href=\"\"";
            else if (value.size() - v >= 11 && starts_with_ci(value, v, "javascript:")) out += " href=\"javascript:\"";
            else out += " href=\"h\"";
        } else if (equals_ci(attr, "style")) {
            if (contains_ci(value, "none") || contains_ci(value, "hidden")) {
                out += ' ';
                out.append(tag.substr(attr_begin, i - attr_begin));
            }
        } else if (held != nullptr && value.size() >= kShortestHeld && (equals_ci(attr, "class") || equals_ci(attr, "id")) &&
                   passes_through_gumbo(value)) {
            out += ' ';
            out.append(attr);
            out += "=\"";
            held->hold(value, out);
            out += '"';
        } else if (is_read_attribute(attr)) {
            out += ' ';
            out.append(tag.substr(attr_begin, i - attr_begin));
        }
    }
    if (tag.size() >= 2 && tag[tag.size() - 2] == '/') out += '/';
    out += '>';
}

// Appends markup-free text (and end tags) with every run of ASCII whitespace cut to one
// character, as HTML renders it anyway; inside <pre> it is copied as it is.
void append_collapsed(std::string_view text, bool preformatted, std::string& out) {
    if (preformatted) {
        out.append(text);
        return;
    }
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t run = i;
        while (run < text.size() && !is_space(text[run])) ++run;
        out.append(text.substr(i, run - i));
        if (run >= text.size()) break;
        std::size_t end = run + 1;
        bool newline = text[run] == '\n';
        while (end < text.size() && is_space(text[end])) {
            newline = newline || text[end] == '\n';
            ++end;
        }
        out += newline ? '\n' : text[run];
        i = end;
    }
}

// A tag name of up to eight ASCII letters and digits, lower-cased, packed into one integer.
constexpr std::uint64_t pack_name(std::string_view name) {
    std::uint64_t key = 0;
    for (char c : name) key = key << 8 | static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return key;
}

// True for the tags (start or end) of elements that begin and end a block of their own, or are
// never rendered: whitespace next to one is never shown.
bool is_block_boundary_tag(std::string_view tag) {
    // The names, packed, in an open-addressing table of 128 slots (0 marks an empty one).
    static const auto kTable = [] {
        std::array<std::uint64_t, 128> table{};
        for (std::string_view name :
             {"address", "article", "aside", "base", "body", "caption", "dd", "details", "div", "dl", "dt",
              "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
              "html", "li", "link", "main", "meta", "nav", "ol", "option", "p", "section", "select", "summary",
              "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul"}) {
            const std::uint64_t key = pack_name(name);
            std::size_t slot = (key * 0x9E3779B97F4A7C15ULL) >> 57;
            while (table[slot] != 0) slot = (slot + 1) % table.size();
            table[slot] = key;
        }
        return table;
    }();
    const std::size_t at = tag.size() > 1 && tag[1] == '/' ? 2 : 1;
    std::size_t end = at;
    while (end < tag.size() && end - at <= 8 && ((tag[end] >= 'a' && tag[end] <= 'z') ||
                                                 (tag[end] >= 'A' && tag[end] <= 'Z') ||
                                                 (tag[end] >= '0' && tag[end] <= '9'))) {
        ++end;
    }
    if (end == at || end - at > 8) return false;  // blockquote and figcaption are left out: rare
    const std::uint64_t key = pack_name(tag.substr(at, end - at));
    for (std::size_t slot = (key * 0x9E3779B97F4A7C15ULL) >> 57; kTable[slot] != 0; slot = (slot + 1) % kTable.size()) {
        if (kTable[slot] == key) return true;
    }
    return false;
}

bool is_all_html_space(std::string_view text) {
    for (char c : text) {
        if (!is_html_space(c)) return false;
    }
    return true;
}

// Writes the pre-pass's output: markup, and text collapsed and (when that pays) held.
class LeanWriter {
public:
    LeanWriter(PrepassResult& result, bool may_hold) : result_(result), may_hold_(may_hold) {}

    // A start tag, already made lean.
    void start_tag(std::string_view tag, bool keep_link_targets) {
        append_lean_start_tag(tag, keep_link_targets, may_hold_ ? &result_.held : nullptr, result_.html);
        after_block_ = is_block_boundary_tag(tag);
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
            after_block_ = is_block_boundary_tag(markup);
            at = close;
        }
    }

private:
    // Text that lies between tags. Whitespace alone after a block's tag is dropped: it is never
    // shown, and Gumbo would make a node of it.
    void text(std::string_view text, bool preformatted) {
        if (!preformatted && after_block_ && is_all_html_space(text)) return;
        after_block_ = false;
        if (!may_hold_ || text.size() < kShortestHeld) {
            append_collapsed(text, preformatted, result_.html);
            return;
        }
        scratch_.clear();
        append_collapsed(text, preformatted, scratch_);
        std::size_t begin = 0, end = scratch_.size();
        while (begin < end && is_html_space(scratch_[begin])) ++begin;
        while (end > begin && is_html_space(scratch_[end - 1])) --end;
        const std::string_view core = std::string_view(scratch_).substr(begin, end - begin);
        if (core.size() < kShortestHeld || !passes_through_gumbo(core)) {
            result_.html += scratch_;
            return;
        }
        result_.html.append(scratch_, 0, begin);
        result_.held.hold(core, result_.html);
        result_.html.append(scratch_, end);
    }

    PrepassResult& result_;
    const bool may_hold_;
    bool after_block_ = false;  // the last markup written was a block-level tag
    std::string scratch_;
};

bool is_preformatted_tag(std::string_view html, std::size_t name_at) {
    for (std::string_view name : {"pre", "listing", "xmp", "plaintext"}) {
        if (starts_with_ci(html, name_at, name) && ends_tag_name(html, name_at + name.size())) return true;
    }
    return false;
}

}  // namespace

PrepassResult strip_inert_markup(std::string_view html, bool keep_link_targets) {
    PrepassResult result;
    result.html.reserve(html.size() / 2 + 64);
    std::size_t copied = 0;  // html[0, copied) is in result.html already
    std::size_t i = 0;
    int preformatted = 0;    // open <pre>-like elements: their whitespace is content
    const bool may_hold = html.find(kPlaceholder) == std::string_view::npos;
    LeanWriter writer(result, may_hold);
    auto append = [&](std::string_view stretch, bool pre) { writer.stretch(stretch, pre); };
    while (i < html.size()) {
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
        if (i + 2 < html.size() && html[i + 1] == '/' && preformatted > 0 && is_preformatted_tag(html, i + 2)) {
            append(html.substr(copied, i - copied), true);  // the <pre> text
            copied = i;
            --preformatted;
        }

        // Raw-text and inert elements: keep the start and end tags, drop what is between.
        static constexpr std::string_view kInert[] = {"script", "style", "svg", "template", "noscript",
                                                       "textarea", "title"};
        std::string_view name;
        for (std::string_view candidate : kInert) {
            if (starts_with_ci(html, i + 1, candidate) && ends_tag_name(html, i + 1 + candidate.size())) {
                name = candidate;
                break;
            }
        }
        if (name.empty()) {
            const bool start_tag = i + 1 < html.size() && ((html[i + 1] >= 'a' && html[i + 1] <= 'z') ||
                                                           (html[i + 1] >= 'A' && html[i + 1] <= 'Z'));
            if (!start_tag) {
                ++i;
                continue;
            }
            const std::size_t end = end_of_tag(html, i);
            if (end == html.size() || html[end - 1] != '>') {
                ++i;
                continue;
            }
            append(html.substr(copied, i - copied), preformatted > 0);
            if (is_preformatted_tag(html, i + 1)) ++preformatted;
            writer.start_tag(html.substr(i, end - i), keep_link_targets);
            copied = i = end;
            continue;
        }
        std::size_t body = end_of_tag(html, i);
        if (name == "title" || name == "textarea") {
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
            i = body;  // <svg ... />: nothing inside
            continue;
        }
        std::size_t close = find_close(html, body, name);
        if (close == std::string_view::npos) close = html.size();
        if (name == "script" && is_json_ld(html.substr(i, body - i))) {
            result.json_ld.emplace_back(html.substr(body, close - body));
        }
        if (name == "script" || name == "style") {
            // Never rendered and never read after this: the whole element goes.
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

void HeldText::hold(std::string_view run, std::string& html) {
    runs_.append(run);
    ends_.push_back(runs_.size());
    char digits[24];
    const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, ends_.size() - 1);
    html.append(kPlaceholder);
    html.append(digits, end);
    html += ';';
}

std::string_view HeldText::restore(std::string_view node_text, std::string& scratch) const {
    if (ends_.empty()) return node_text;
    std::size_t at = node_text.find(kPlaceholder);
    if (at == std::string_view::npos) return node_text;
    scratch.clear();
    std::size_t copied = 0;
    while (at != std::string_view::npos) {
        std::size_t digit = at + kPlaceholder.size(), index = 0;
        const auto [stop, ec] = std::from_chars(node_text.data() + digit, node_text.data() + node_text.size(), index);
        const std::size_t after = static_cast<std::size_t>(stop - node_text.data());
        if (ec == std::errc{} && after < node_text.size() && node_text[after] == ';' && index < ends_.size()) {
            scratch.append(node_text.substr(copied, at - copied));
            const std::size_t begin = index == 0 ? 0 : ends_[index - 1];
            scratch.append(runs_, begin, ends_[index] - begin);
            copied = after + 1;
        }
        at = node_text.find(kPlaceholder, at + kPlaceholder.size());
    }
    scratch.append(node_text.substr(copied));
    return scratch;
}

}  // namespace winnow
