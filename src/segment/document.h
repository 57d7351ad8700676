// The segmented document: blocks (paragraphs, list items, headings…) with the features later
// stages need, plus page metadata. Produced by segment_text / segment_html, read by classify and write.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::segment {

enum class BlockKind { Paragraph, Heading, ListItem, Preformatted, Quote, TableCell, Caption };

// HTML only: inline markup inside a block's text, for the Markdown writer.
enum class InlineKind : unsigned char { Emphasis, Strong, Code, Link };

struct InlineSpan {
    std::size_t begin = 0;         // byte range in Block::text
    std::size_t end = 0;
    InlineKind kind = InlineKind::Emphasis;
    std::string target;            // Link: the href, when links were kept (HtmlOptions::keep_links)
};

struct Block {
    std::string text;              // one paragraph as one line of UTF-8, whitespace collapsed
    std::size_t first_line = 0;    // 1-based source line (text) or block number (html)
    std::size_t last_line = 0;     // equal to first_line unless the block was hard-wrapped
    BlockKind kind = BlockKind::Paragraph;
    int indent = 0;                // leading columns in the source (text path)
    bool bullet = false;           // starts with a list marker (• * - 1.)
    std::size_t marker_length = 0; // text path: bytes of that marker and its space at the start of text
    bool blank_before = false;     // a blank line (or block boundary) precedes it
    bool blank_after = false;
    int heading_level = 0;         // 1..6 for <hN>, 0 otherwise

    // HTML path only (zero/empty for text).
    std::string tag_path;          // e.g. "html>body>div>article>p"
    double link_density = 0.0;     // share of the block's characters inside <a>
    bool hidden = false;           // hidden / aria-hidden / display:none on it or an ancestor
    bool folded = false;           // hidden only by disclosure panels (an accordion's fold, a tab's panel)
    bool label = false;            // all its text inside <label>s, <legend>s or ARIA options: a form control's caption or choice
    std::size_t container = 0;     // index into Document::containers of the element holding it
    std::size_t text_chars = 0;    // HTML: code points of text, spaces excluded (link_density's denominator)
    std::vector<InlineSpan> spans; // HTML: emphasis, strong, code and links, properly nested, in order
    int code_blank_lines = 0;      // HTML <pre>: empty lines of the listing just before this line
};

// What the writers print of a block: its text without the list marker a plain-text item began with
// (an HTML <li> has none), so a list item reads alike from either path.
inline std::string_view written_text(const Block& block) {
    return std::string_view(block.text).substr(block.marker_length);
}

// HTML path only: an element on the path from <html> to some block, so that later stages can
// score regions of the page (Readability-style) without the parse tree.
struct Container {
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    std::size_t parent = npos;     // index of the enclosing container (always lower), npos for <html>
    std::string tag;               // lower-case tag name
    std::string hints;             // this element's own class/id/role tokens, space separated
    int depth = 0;                 // 0 for <html>
    bool hidden = false;           // hidden on this element itself, unless as a disclosure panel
    bool folded = false;           // hidden on this element itself as a disclosure panel
    bool controls = false;         // a <form> with a visible control in it (a text box, a list, a button)
};

// True if a space-separated token list (Container::hints, Metadata::schema_types) holds the token.
inline bool has_token(std::string_view list, std::string_view token) {
    for (std::size_t at = 0; !token.empty() && (at = list.find(token, at)) != std::string_view::npos; at += token.size())
        if ((at == 0 || list[at - 1] == ' ') && (at + token.size() == list.size() || list[at + token.size()] == ' ')) return true;
    return false;
}

// True if two space-separated token lists have a token in common.
inline bool share_a_token(std::string_view a, std::string_view b) {
    for (std::size_t start = 0; start < a.size();) {
        const std::size_t end = std::min(a.find(' ', start), a.size());
        if (has_token(b, a.substr(start, end - start))) return true;
        start = end + 1;
    }
    return false;
}

// Two elements of one kind: the same tag, and the same class/id tokens (none at all, too) or one
// of them in common (numbered copies of a card: "plan plan_0" and "plan plan_1").
inline bool like_elements(const Container& a, const Container& b) {
    return a.tag == b.tag && (a.hints == b.hints || share_a_token(a.hints, b.hints));
}

struct Metadata {
    std::string title;
    std::string author;
    std::string date;
    std::string site_name;
    std::string language;
    std::string canonical_url;
    std::string description;
    // What the page says it is: schema.org types from JSON-LD and microdata itemtype, space
    // separated, each once ("WebPage Product Offer"), and Open Graph's og:type ("article").
    std::string schema_types;
    std::string og_type;
    // A character encoding the page declares in its markup (<meta charset>, or the content of an
    // http-equiv content-type), as the parser saw it; the pipeline re-decodes once if the 1024-byte
    // prescan missed it.
    std::string meta_charset;
    std::string meta_content_type;
};

struct Document {
    std::vector<Block> blocks;
    Metadata meta;                 // filled by the HTML path; text path leaves it for classify
    bool from_html = false;
    std::vector<Container> containers;  // HTML only; containers[0] is <html>
};

}  // namespace winnow::segment
