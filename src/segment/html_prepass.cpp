// The pre-pass before Gumbo (see html_prepass.h): one forward scan with memchr for '<'.
#include "segment/html_prepass.h"

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

// Appends the start tag html[begin, end) ('<' … '>') with only the attributes that are read.
// href values shrink to whether they lead anywhere; style is kept only when it may hide.
// Anything the scan does not understand is copied as it is.
void append_lean_start_tag(std::string_view tag, bool keep_link_targets, std::string& out) {
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
    while (i < html.size()) {
        const void* hit = std::memchr(html.data() + i, '<', html.size() - i);
        if (hit == nullptr) break;
        i = static_cast<std::size_t>(static_cast<const char*>(hit) - html.data());

        if (html.compare(i, 4, "<!--") == 0) {
            std::size_t end = html.find("-->", i + 4);
            end = end == std::string_view::npos ? html.size() : end + 3;
            append_collapsed(html.substr(copied, i - copied), preformatted > 0, result.html);
            copied = i = end;
            continue;
        }
        if (i + 2 < html.size() && html[i + 1] == '/' && preformatted > 0 && is_preformatted_tag(html, i + 2)) {
            append_collapsed(html.substr(copied, i - copied), true, result.html);  // the <pre> text
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
            append_collapsed(html.substr(copied, i - copied), preformatted > 0, result.html);
            if (is_preformatted_tag(html, i + 1)) ++preformatted;
            append_lean_start_tag(html.substr(i, end - i), keep_link_targets, result.html);
            copied = i = end;
            continue;
        }
        std::size_t body = end_of_tag(html, i);
        if (name == "title" || name == "textarea") {
            // RCDATA: shown as text (title) or as a control; their content may look like tags,
            // so skip over it untouched rather than scanning it.
            std::size_t close = find_close(html, body, name);
            i = close == std::string_view::npos ? html.size() : close + 2;
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
        append_collapsed(html.substr(copied, body - copied), preformatted > 0, result.html);  // through the start tag
        copied = i = close;                                // resume at "</name" (kept)
        if (close == html.size()) break;
        i = close + 2;
    }
    append_collapsed(html.substr(copied), preformatted > 0, result.html);
    return result;
}

}  // namespace winnow
