// HTML → Document: pre-pass, Gumbo parse, then one iterative walk of the DOM into blocks that
// carry the DOM features (tag path, class/id hints, link density, visibility) classify needs.
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "segment/gumbo_owner.h"
#include "segment/html_metadata.h"
#include "segment/html_prepass.h"
#include "segment/segment.h"
#include "segment/html_names.h"
#include "unicode/ascii.h"

namespace winnow::segment {
namespace {

using unicode::ascii_lower;
using unicode::is_ascii_space;

// Elements whose text never reaches the reader (or only as controls): not walked at all
// (html_names.h).
bool is_skipped(GumboTag tag) {
    static const auto skipped = [] {
        std::array<bool, GUMBO_TAG_LAST + 1> by_tag{};
        for (const html_names::Element& element : html_names::kElements) {
            if (element.walk_skips) by_tag[gumbo_tag_enum(std::string(element.name).c_str())] = true;
        }
        by_tag[GUMBO_TAG_UNKNOWN] = false;  // a name Gumbo does not know: never skipped
        return by_tag;
    }();
    return tag >= 0 && tag <= GUMBO_TAG_LAST && skipped[tag];
}

// A control a reader sees and uses: a text box or other input (not type=hidden), a list to pick
// from, a button. Whether it is hidden by CSS or an attribute is the caller's to know.
bool visible_control(const GumboElement& element) {
    switch (element.tag) {
        case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON:
            return true;
        case GUMBO_TAG_INPUT: {
            const GumboAttribute* type = gumbo_get_attribute(&element.attributes, "type");
            return type == nullptr || !unicode::equals_ci(type->value, "hidden");
        }
        default:
            return false;
    }
}

// Elements that start and end a block: text never flows across them.
bool is_block_level(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_HTML: case GUMBO_TAG_BODY: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD:
        case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR: case GUMBO_TAG_DIV:
        case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1:
        case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
        case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_LEGEND:
        case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV:
        case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION:
        case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_CAPTION: case GUMBO_TAG_TBODY:
        case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
        case GUMBO_TAG_TH: case GUMBO_TAG_UL: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP:
        case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_BR: case GUMBO_TAG_IMG:
        case GUMBO_TAG_OPTGROUP:
            return true;
        default:
            return false;
    }
}

// Semantic tags whose name is itself a hint, added to Container::hints like a class token.
const char* semantic_hint(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_NAV: return "nav";
        case GUMBO_TAG_ASIDE: return "aside";
        case GUMBO_TAG_FOOTER: return "footer";
        case GUMBO_TAG_HEADER: return "header";
        case GUMBO_TAG_MENU: return "menu";
        case GUMBO_TAG_FORM: return "form";
        default: return nullptr;
    }
}

// Appends the element's lower-case tag name.
void append_tag_name(const GumboNode& node, std::string& out) {
    const GumboElement& element = node.v.element;
    if (element.tag != GUMBO_TAG_UNKNOWN) {
        out += gumbo_normalized_tagname(element.tag);
        return;
    }
    GumboStringPiece piece = element.original_tag;
    gumbo_tag_from_original_text(&piece);
    if (piece.data == nullptr) return;
    for (std::size_t i = 0; i < piece.length; ++i) out += ascii_lower(piece.data[i]);
}

std::string tag_name(const GumboNode& node) {
    std::string name;
    append_tag_name(node, name);
    return name;
}

// Appends the tokens of an attribute value to out, lower-cased, camelCase split at the hump
// ("sidebarLeft" → "sidebar-left") so that pattern entries match whole parts; a camelCase name of
// five or more words adds its last word as a token too.
void append_tokens(std::string_view value, std::string& out) {
    std::size_t i = 0;
    while (i < value.size()) {
        while (i < value.size() && is_ascii_space(value[i])) ++i;
        if (i >= value.size()) break;
        std::size_t end = i;
        bool has_upper = false;
        while (end < value.size() && !is_ascii_space(value[end])) {
            has_upper = has_upper || (value[end] >= 'A' && value[end] <= 'Z');
            ++end;
        }
        if (!out.empty()) out += ' ';
        if (!has_upper) {
            out.append(value.substr(i, end - i));  // the common case: already lower-case
        } else {
            char previous = 0;
            std::size_t humps = 0, last_hump = out.size();
            for (; i < end; ++i) {
                const char c = value[i];
                if (c >= 'A' && c <= 'Z' && previous >= 'a' && previous <= 'z') {
                    out += '-';
                    ++humps;
                    last_hump = out.size();
                }
                out += ascii_lower(c);
                previous = c;
            }
            // A long camelCase name reads as a slug to the hint reader, which ignores those; its
            // last word says what the element is ("iPushNotificationsPromptPopover": a popover).
            if (humps >= 4) {
                const std::string last = out.substr(last_hump);
                out += ' ';
                out += last;
            }
        }
        i = end;
    }
}


bool contains_ci(std::string_view haystack, std::string_view needle) {
    if (needle.size() > haystack.size()) return false;
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        std::size_t k = 0;
        while (k < needle.size() && ascii_lower(haystack[i + k]) == needle[k]) ++k;
        if (k == needle.size()) return true;
    }
    return false;
}

// An href that leads somewhere: not empty and not a script ("javascript:void(0)").
bool is_link_target(std::string_view href) {
    while (!href.empty() && is_ascii_space(href.front())) href.remove_prefix(1);
    if (href.empty()) return false;
    return !(href.size() >= 11 && contains_ci(href.substr(0, 11), "javascript:"));
}

// Which of the attributes the walker reads name is (html_names.h), or Attribute::Count. Gumbo
// lower-cases attribute names.
html_names::Attribute walked_attribute(std::string_view name) {
    for (const html_names::AttributeName& read : html_names::kAttributes) {
        if (!read.walked) break;  // the walked ones come first
        if (read.name == name) return read.attribute;
    }
    return html_names::Attribute::Count;
}

// The attributes the walker reads, found in one pass over the element's attribute list.
struct ReadAttributes {
    std::string_view class_names, id, role, itemprop, aria_hidden, style, href, rel, datetime;
    bool hidden = false;

    // Values the pre-pass held aside are restored into the scratch strings, which must outlive
    // this object.
    ReadAttributes(const GumboElement& element, const HeldText& held, std::array<std::string, 7>& scratch) {
        const GumboVector& attributes = element.attributes;
        for (unsigned i = 0; i < attributes.length; ++i) {
            const auto* attr = static_cast<const GumboAttribute*>(attributes.data[i]);
            const std::string_view name = attr->name;
            const std::string_view value = attr->value;
            using html_names::Attribute;
            switch (walked_attribute(name)) {
                case Attribute::Class: class_names = value; break;
                case Attribute::Id: id = value; break;
                case Attribute::Role: role = value; break;
                case Attribute::Itemprop: itemprop = value; break;
                case Attribute::AriaHidden: aria_hidden = value; break;
                case Attribute::Style: style = value; break;
                case Attribute::Href: href = value; break;
                case Attribute::Rel: rel = value; break;
                case Attribute::Datetime: datetime = value; break;
                case Attribute::Hidden: hidden = true; break;
                default: break;
            }
        }
        if (held.empty()) return;
        std::size_t k = 0;
        for (std::string_view* value : {&class_names, &id, &role, &itemprop, &aria_hidden, &rel, &datetime}) {
            if (!value->empty()) *value = held.restore(*value, scratch[k]);
            ++k;
        }
    }

    // Class, id, role and itemprop tokens, as Container::hints holds them.
    void append_hints(std::string& out) const {
        append_tokens(class_names, out);
        append_tokens(id, out);
        append_tokens(role, out);
        append_tokens(itemprop, out);
    }
};

// An element that names the article's author: rel="author", itemprop="author", or a class such
// as "byline" or "author-name".
bool names_author(const ReadAttributes& attributes) {
    // One pass for the three words (this runs on every element until an author is found).
    auto mentions = [](std::string_view value) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            std::string_view word;
            switch (ascii_lower(value[i])) {
                case 'a': word = "author"; break;
                case 'b': word = "byline"; break;
                case 'c': word = "creator"; break;
                default: continue;
            }
            if (unicode::starts_with_ci(value, i, word)) return true;
        }
        return false;
    };
    if (!mentions(attributes.rel) && !mentions(attributes.itemprop) && !mentions(attributes.class_names)) return false;
    std::string tokens;
    append_tokens(attributes.rel, tokens);
    tokens += ' ';
    append_tokens(attributes.itemprop, tokens);
    tokens += ' ';
    append_tokens(attributes.class_names, tokens);
    std::size_t i = 0;
    while (i < tokens.size()) {
        std::size_t end = tokens.find(' ', i);
        if (end == std::string::npos) end = tokens.size();
        const std::string_view token(tokens.data() + i, end - i);
        if (token == "author" || token == "byline" || token == "author-name" || token == "byline-name" ||
            token == "byline__name" || token == "author__name" || token == "authorname" || token == "creator") {
            return true;
        }
        i = end + 1;
    }
    return false;
}

// Bootstrap's "d-none" hides an element unless a breakpoint class shows it again ("d-none
// d-md-block": shown on wider screens, as a reader at a desk sees the page).
bool hidden_by_utility_class(std::string_view classes) {
    bool none = false, shown_again = false;
    std::size_t i = 0;
    while (i < classes.size()) {
        std::size_t end = i;
        while (end < classes.size() && !is_ascii_space(classes[end])) ++end;
        const std::string_view name = classes.substr(i, end - i);
        if (name == "d-none") none = true;
        else if (name.starts_with("d-")) shown_again = true;  // d-md-block, d-print-inline
        i = end + 1;
    }
    return none && !shown_again;
}

// hidden, aria-hidden="true", "d-none", or an inline style that hides the element.
bool is_hidden(const ReadAttributes& attributes) {
    if (attributes.hidden || attributes.aria_hidden == "true" || hidden_by_utility_class(attributes.class_names)) return true;
    const std::string_view style = attributes.style;
    if (!style.empty()) {
        std::string compact;
        compact.reserve(style.size());
        for (char c : style) {
            if (!is_ascii_space(c)) compact += ascii_lower(c);
        }
        if (compact.find("display:none") != std::string::npos ||
            compact.find("visibility:hidden") != std::string::npos) {
            return true;
        }
    }
    return false;
}

// A disclosure panel: an accordion's fold, a tab's panel, a FAQ's answer. Its text is on the page,
// one click away, so hiding it is a matter of layout.
bool disclosure_panel(const ReadAttributes& attributes) {
    if (attributes.role == "region" || attributes.role == "tabpanel") return true;
    for (std::string_view value : {attributes.class_names, attributes.id}) {
        for (std::string_view name : {"accordion", "collaps", "tab-pane", "tabpane", "faq"}) {  // tab-panel, tabpanel too
            if (contains_ci(value, name)) return true;
        }
    }
    return false;
}

// A table row of two or more cells holding only inline content (a data row, not page layout).
bool row_of_plain_cells(const GumboNode& row) {
    const GumboVector& cells = row.v.element.children;
    unsigned count = 0;
    for (unsigned i = 0; i < cells.length; ++i) {
        const auto* cell = static_cast<const GumboNode*>(cells.data[i]);
        if (cell->type != GUMBO_NODE_ELEMENT) continue;
        if (cell->v.element.tag != GUMBO_TAG_TD && cell->v.element.tag != GUMBO_TAG_TH) return false;
        ++count;
        // Depth-first over the cell, bounded: a cell with any block element is layout.
        std::vector<const GumboNode*> pending{cell};
        std::size_t visited = 0;
        while (!pending.empty()) {
            const GumboNode* node = pending.back();
            pending.pop_back();
            if (++visited > 200) return false;
            const GumboVector& children = node->v.element.children;
            for (unsigned k = 0; k < children.length; ++k) {
                const auto* child = static_cast<const GumboNode*>(children.data[k]);
                if (child->type != GUMBO_NODE_ELEMENT) continue;
                const GumboTag tag = child->v.element.tag;
                if (is_skipped(tag)) continue;
                if (is_block_level(tag)) return false;
                pending.push_back(child);
            }
        }
    }
    return count >= 2;
}

class DomWalker {
public:
    DomWalker(Document& document, const HeldText& held, bool keep_links)
        : document_(document), held_(held), keep_links_(keep_links) {}

    void walk(const GumboNode* root, const Deadline* deadline);

private:
    struct Frame {
        const GumboNode* node = nullptr;
        unsigned next_child = 0;
        std::size_t container = Container::npos;
        bool block_level = false;
        bool hidden = false;          // hidden on this element itself
        bool counted_link = false;
        bool counted_label = false;
        std::size_t label_first_block = 0;  // for a <label> or option: the blocks it holds begin here
        bool counted_pre = false;
        bool counted_hidden = false;
        bool folded_panel = false;  // hidden as a disclosure panel
        bool whole_row = false;       // a <tr> of plain cells: one block, cells joined by " | "
        bool controls = false;        // a <form> holding a visible control
        bool spans_text = false;      // emphasis, strong, code or a link: recorded in Block::spans
        InlineKind span_kind = InlineKind::Emphasis;
        std::size_t span_begin = kNoSpan;
        std::size_t span_block = 0;   // index the block had when the span's text began
        std::string_view href;
    };
    static constexpr std::size_t kNoSpan = static_cast<std::size_t>(-1);

    void enter(const GumboNode* node);
    // Gumbo nests everything after an unclosed <label> inside it, to the end of the element
    // around it: a label that holds paragraphs captions no control, and its blocks are unmarked.
    void unmark_runaway_label(std::size_t first_block) {
        constexpr std::size_t kMostBlocks = 3, kMostChars = 400;
        std::size_t chars = 0;
        for (std::size_t i = first_block; i < document_.blocks.size(); ++i) chars += document_.blocks[i].text_chars;
        if (document_.blocks.size() - first_block <= kMostBlocks && chars <= kMostChars) return;
        for (std::size_t i = first_block; i < document_.blocks.size(); ++i) document_.blocks[i].label = false;
    }
    // Whether one of the first `below` open elements is an <article>, <aside>, <main>, <nav> or
    // <section>: a <header> there is that part's own header rather than the page's banner.
    bool inside_sectioning(std::size_t below) const {
        for (std::size_t i = 0; i < below && i < stack_.size(); ++i) {
            const Frame& frame = stack_[i];
            if (frame.node == nullptr || frame.node->type != GUMBO_NODE_ELEMENT) continue;
            switch (frame.node->v.element.tag) {
                case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_MAIN: case GUMBO_TAG_NAV: case GUMBO_TAG_SECTION:
                    return true;
                default: break;
            }
        }
        return false;
    }
    void leave(Frame& frame);
    void text(std::string_view value);
    void start_block_if_needed();
    void start_spans();
    void flush(bool soft_break = false);
    std::size_t container_of(std::size_t frame_index);
    BlockKind kind_here(int& heading_level) const;

    Document& document_;
    const HeldText& held_;             // text runs the pre-pass replaced with placeholders
    std::string restored_;             // a text node with its placeholders replaced
    std::array<std::string, 7> attribute_scratch_;  // an element's held attribute values, restored
    bool keep_links_ = false;
    std::vector<InlineSpan> spans_;    // spans of the block being built
    std::size_t author_frame_ = kNoSpan;  // the stack index of the byline element being read
    std::string author_text_;

public:
    std::string author;                // the first byline element's text, if any
    std::string first_time;            // the datetime of the first <time> element, if any

private:
    std::size_t unstarted_spans_ = 0;  // open span elements whose text has not begun yet
    std::vector<Frame> stack_;
    int link_depth_ = 0;
    int label_depth_ = 0;          // open <label> elements: a form control's caption
    int pre_depth_ = 0;
    int code_blank_lines_ = 0;  // empty lines of a listing since its last line with text
    std::vector<std::size_t> open_forms_;  // stack_ indices of the open <form> elements
    int hidden_depth_ = 0;
    int hard_hidden_depth_ = 0;  // hidden elements that are no disclosure panel

    // The block being built.
    std::string text_;
    bool space_pending_ = false;
    bool after_inline_close_ = false;  // an inline element just ended: "</span><span>" separates
    std::size_t chars_ = 0;
    std::size_t link_chars_ = 0;
    std::size_t label_chars_ = 0;
    std::size_t owner_frame_ = 0;      // innermost block-level frame when the block's text began
    bool soft_break_before_ = false;   // only a <br> separates it from the previous block
    bool pending_soft_break_ = false;
    bool cell_pending_ = false;        // a new cell of a whole-row block began: separate with " | "
};

void DomWalker::walk(const GumboNode* root, const Deadline* deadline) {
    if (root == nullptr || root->type != GUMBO_NODE_ELEMENT) return;
    enter(root);
    std::size_t steps = 0;
    while (!stack_.empty()) {
        check_deadline(deadline, ++steps);
        Frame& frame = stack_.back();
        const GumboVector& children = frame.node->v.element.children;
        if (frame.next_child >= children.length) {
            leave(frame);  // flushes while the element is still on the stack
            stack_.pop_back();
            continue;
        }
        const auto* child = static_cast<const GumboNode*>(children.data[frame.next_child++]);
        switch (child->type) {
            case GUMBO_NODE_ELEMENT:
                enter(child);
                break;
            case GUMBO_NODE_TEXT:
            case GUMBO_NODE_CDATA:
            case GUMBO_NODE_WHITESPACE:
                text(held_.restore(child->v.text.text, restored_));
                break;
            default:
                break;  // comments, templates
        }
    }
    flush();
}

void DomWalker::enter(const GumboNode* node) {
    const GumboElement& element = node->v.element;
    // A visible control makes the forms around it controls (a reply box, a search, a sign-up); a
    // form without one only wraps text, as old Reddit wraps each comment in one.
    if (hidden_depth_ == 0 && visible_control(element)) {
        for (const std::size_t form : open_forms_) stack_[form].controls = true;
    }
    if (is_skipped(element.tag)) return;
    // MathML is read as text ("a x 2 + b x"); its <annotation> holds the TeX source, not text.
    if (element.tag == GUMBO_TAG_UNKNOWN && element.tag_namespace == GUMBO_NAMESPACE_MATHML &&
        tag_name(*node) == "annotation") {
        return;
    }

    Frame frame;
    frame.node = node;
    frame.block_level = is_block_level(element.tag);
    if ((element.tag == GUMBO_TAG_TD || element.tag == GUMBO_TAG_TH) && !stack_.empty() && stack_.back().whole_row) {
        frame.block_level = false;  // a cell of a whole row: the row is the block
        cell_pending_ = true;
    }
    if (element.tag == GUMBO_TAG_TR && row_of_plain_cells(*node)) frame.whole_row = true;
    if (frame.block_level) {
        if (element.tag == GUMBO_TAG_BR) {
            // The first <br> after text is a line break inside the paragraph; a second one with
            // nothing between them is a paragraph break.
            const bool had_text = !text_.empty();
            flush();
            pending_soft_break_ = had_text;
            return;
        }
        flush();
        if (element.tag == GUMBO_TAG_IMG || element.tag == GUMBO_TAG_HR) {
            pending_soft_break_ = false;
            return;
        }
        pending_soft_break_ = false;
    } else {
        if (after_inline_close_ && pre_depth_ == 0) space_pending_ = true;
    }
    after_inline_close_ = false;

    const ReadAttributes attributes(element, held_, attribute_scratch_);

    frame.hidden = is_hidden(attributes);
    if (frame.hidden) {
        if (!frame.block_level) flush();
        ++hidden_depth_;
        frame.counted_hidden = true;
        frame.folded_panel = disclosure_panel(attributes);
        if (!frame.folded_panel) ++hard_hidden_depth_;
    }
    if (element.tag == GUMBO_TAG_A && is_link_target(attributes.href)) {
        ++link_depth_;
        frame.counted_link = true;
        frame.spans_text = true;
        frame.span_kind = InlineKind::Link;
        if (keep_links_) frame.href = attributes.href;
    }
    // A <label> names a control and a <legend> a group of them; an ARIA option is one choice of a
    // list drawn without <select> (whose own <option>s are never walked).
    if (element.tag == GUMBO_TAG_LABEL || element.tag == GUMBO_TAG_LEGEND || unicode::equals_ci(attributes.role, "option")) {
        ++label_depth_;
        frame.counted_label = true;
        frame.label_first_block = document_.blocks.size();
    }
    if (pre_depth_ == 0) {
        switch (element.tag) {
            case GUMBO_TAG_EM: case GUMBO_TAG_I: case GUMBO_TAG_CITE:
                frame.spans_text = true;
                frame.span_kind = InlineKind::Emphasis;
                break;
            case GUMBO_TAG_STRONG: case GUMBO_TAG_B:
                frame.spans_text = true;
                frame.span_kind = InlineKind::Strong;
                break;
            case GUMBO_TAG_CODE: case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP: case GUMBO_TAG_TT:
                frame.spans_text = true;
                frame.span_kind = InlineKind::Code;
                break;
            default:
                break;
        }
    }
    if (frame.spans_text) ++unstarted_spans_;
    if (element.tag == GUMBO_TAG_FORM) open_forms_.push_back(stack_.size());  // the index this frame gets below
    if (element.tag == GUMBO_TAG_TIME && first_time.empty() && hidden_depth_ == 0) first_time = attributes.datetime;
    if (author.empty() && author_frame_ == kNoSpan && names_author(attributes)) {
        author_frame_ = stack_.size();  // the index this frame gets below
        author_text_.clear();
    }
    if (element.tag == GUMBO_TAG_PRE || element.tag == GUMBO_TAG_LISTING || element.tag == GUMBO_TAG_XMP ||
        element.tag == GUMBO_TAG_PLAINTEXT) {
        ++pre_depth_;
        frame.counted_pre = true;
    }
    stack_.push_back(frame);
}

void DomWalker::leave(Frame& frame) {
    if (author_frame_ != kNoSpan && author_frame_ + 1 == stack_.size()) {  // leave() runs before the pop
        while (!author_text_.empty() && author_text_.back() == ' ') author_text_.pop_back();
        if (!author_text_.empty() && author_text_.size() <= 120) author = author_text_;
        author_frame_ = kNoSpan;
    }
    if (frame.spans_text) {
        if (frame.span_begin == kNoSpan) {
            --unstarted_spans_;
        } else if (frame.span_block == document_.blocks.size() && text_.size() > frame.span_begin) {
            spans_.push_back(InlineSpan{frame.span_begin, text_.size(), frame.span_kind, std::string(frame.href)});
        }
    }
    if (frame.block_level) {
        flush();
        pending_soft_break_ = false;
        after_inline_close_ = false;
    } else {
        after_inline_close_ = true;
    }
    if (!open_forms_.empty() && open_forms_.back() + 1 == stack_.size()) open_forms_.pop_back();  // leave() runs before the pop
    if (frame.controls && frame.container != Container::npos) document_.containers[frame.container].controls = true;
    if (frame.counted_hidden) {
        if (!frame.block_level) flush();
        --hidden_depth_;
        if (!frame.folded_panel) --hard_hidden_depth_;
    }
    if (frame.counted_link) --link_depth_;
    if (frame.counted_label) {
        --label_depth_;
        unmark_runaway_label(frame.label_first_block);
    }
    if (frame.counted_pre && --pre_depth_ == 0) code_blank_lines_ = 0;
}

// The open span elements whose first character is about to be appended begin here.
void DomWalker::start_spans() {
    for (std::size_t i = stack_.size(); i-- > 0 && unstarted_spans_ > 0;) {
        Frame& frame = stack_[i];
        if (frame.spans_text && frame.span_begin == kNoSpan) {
            frame.span_begin = text_.size();
            frame.span_block = document_.blocks.size();
            --unstarted_spans_;
        }
    }
}

void DomWalker::start_block_if_needed() {
    if (!text_.empty()) return;
    owner_frame_ = 0;
    for (std::size_t i = stack_.size(); i-- > 0;) {
        if (stack_[i].block_level) {
            owner_frame_ = i;
            break;
        }
    }
    soft_break_before_ = pending_soft_break_;
    pending_soft_break_ = false;
}

void DomWalker::text(std::string_view value) {
    after_inline_close_ = false;
    const bool in_link = link_depth_ > 0, in_label = label_depth_ > 0;
    if (pre_depth_ > 0) {
        // Preformatted text keeps its spacing; each source line becomes its own block.
        std::size_t start = 0;
        while (start <= value.size()) {
            std::size_t end = value.find('\n', start);
            std::string_view line = value.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
            if (end != std::string_view::npos && text_.empty() && line.find_first_not_of('\r') == std::string_view::npos)
                ++code_blank_lines_;
            for (char c : line) {
                if (c == '\r') continue;
                if (c == '\t') c = ' ';
                if (text_.empty() && c == ' ' && chars_ == 0) {
                    // keep indentation of code lines
                }
                start_block_if_needed();
                text_ += c;
                if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
                    ++chars_;
                    if (in_link) ++link_chars_;
                    if (in_label) ++label_chars_;
                }
            }
            if (end == std::string_view::npos) break;
            flush(true);
            start = end + 1;
        }
        return;
    }
    if (author_frame_ != kNoSpan && author_text_.size() <= 120) {
        for (char c : value) {
            if (is_ascii_space(c)) {
                if (!author_text_.empty() && author_text_.back() != ' ') author_text_ += ' ';
            } else {
                author_text_ += c;
            }
        }
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        char c = value[i];
        if (is_ascii_space(c)) {
            space_pending_ = true;
            continue;
        }
        // U+00A0 no-break space renders as a space; treat it as one.
        if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < value.size() &&
            static_cast<unsigned char>(value[i + 1]) == 0xA0) {
            ++i;
            space_pending_ = true;
            continue;
        }
        if (text_.empty()) {
            start_block_if_needed();
        } else if (cell_pending_) {
            text_ += " | ";
        } else if (space_pending_) {
            text_ += ' ';
        }
        space_pending_ = false;
        cell_pending_ = false;
        if (unstarted_spans_ > 0) start_spans();
        text_ += c;
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++chars_;
            if (in_link) ++link_chars_;
            if (in_label) ++label_chars_;
        }
    }
}

std::size_t DomWalker::container_of(std::size_t frame_index) {
    // Containers are made lazily, outermost first, for the frames that hold a block.
    std::size_t first_missing = frame_index + 1;
    while (first_missing > 0 && stack_[first_missing - 1].container == Container::npos) --first_missing;
    for (std::size_t i = first_missing; i <= frame_index; ++i) {
        Frame& frame = stack_[i];
        Container container;
        container.parent = i > 0 ? stack_[i - 1].container : Container::npos;
        container.tag = tag_name(*frame.node);
        const GumboElement& element = frame.node->v.element;
        ReadAttributes(element, held_, attribute_scratch_).append_hints(container.hints);
        if (const char* hint = semantic_hint(element.tag)) append_tokens(hint, container.hints);
        // The page's own <header> is its banner (logo, menus), as a screen reader takes it.
        if (element.tag == GUMBO_TAG_HEADER && !inside_sectioning(i)) append_tokens("banner", container.hints);
        container.depth = static_cast<int>(i);
        container.hidden = frame.hidden && !frame.folded_panel;
        container.folded = frame.hidden && frame.folded_panel;
        document_.containers.push_back(std::move(container));
        frame.container = document_.containers.size() - 1;
    }
    return stack_[frame_index].container;
}

// The block's kind from the elements around it, innermost first.
BlockKind DomWalker::kind_here(int& heading_level) const {
    heading_level = 0;
    bool innermost = true;
    for (std::size_t i = owner_frame_ + 1; i-- > 0;) {
        GumboTag tag = stack_[i].node->v.element.tag;
        switch (tag) {
            case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
            case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
                heading_level = 1 + static_cast<int>(tag - GUMBO_TAG_H1);
                return BlockKind::Heading;
            case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP:
                return BlockKind::Preformatted;
            case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CAPTION:
                return BlockKind::Caption;
            case GUMBO_TAG_LI: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
                return BlockKind::ListItem;
            case GUMBO_TAG_BLOCKQUOTE:
                return BlockKind::Quote;
            case GUMBO_TAG_TD: case GUMBO_TAG_TH:
                if (innermost) return BlockKind::TableCell;
                return BlockKind::Paragraph;
            case GUMBO_TAG_TR:
                if (stack_[i].whole_row) return BlockKind::TableCell;
                break;
            case GUMBO_TAG_TABLE: case GUMBO_TAG_BODY: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
                return BlockKind::Paragraph;
            default:
                break;
        }
        if (stack_[i].block_level) innermost = false;
    }
    return BlockKind::Paragraph;
}

void DomWalker::flush(bool soft_break) {
    space_pending_ = false;
    cell_pending_ = false;
    if (text_.empty()) {
        chars_ = 0;
        link_chars_ = 0;
        label_chars_ = 0;
        spans_.clear();
        return;
    }
    while (!text_.empty() && text_.back() == ' ') text_.pop_back();

    Block block;
    block.text = std::move(text_);
    block.first_line = block.last_line = document_.blocks.size() + 1;
    int heading_level = 0;
    if (owner_frame_ >= stack_.size()) owner_frame_ = stack_.empty() ? 0 : stack_.size() - 1;
    if (!stack_.empty()) {
        block.kind = kind_here(heading_level);
        block.heading_level = heading_level;
        block.container = container_of(owner_frame_);
        for (std::size_t i = 0; i <= owner_frame_; ++i) {
            if (i > 0) block.tag_path += '>';
            append_tag_name(*stack_[i].node, block.tag_path);
        }
        block.bullet = block.kind == BlockKind::ListItem;
    }
    if (pre_depth_ > 0) block.code_blank_lines = std::exchange(code_blank_lines_, 0);
    block.blank_before = !soft_break_before_;
    if (!document_.blocks.empty()) document_.blocks.back().blank_after = block.blank_before;
    block.blank_after = true;
    block.text_chars = chars_;
    block.link_density = chars_ > 0 ? static_cast<double>(link_chars_) / static_cast<double>(chars_) : 0.0;
    block.label = chars_ > 0 && label_chars_ == chars_;
    block.hidden = hidden_depth_ > 0;
    block.folded = hidden_depth_ > 0 && hard_hidden_depth_ == 0;
    if (!spans_.empty()) {
        // Outer spans first at equal starts, so writers can open them in order.
        std::sort(spans_.begin(), spans_.end(), [](const InlineSpan& a, const InlineSpan& b) {
            return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
        });
        for (InlineSpan& span : spans_) span.end = std::min(span.end, block.text.size());
        block.spans = std::move(spans_);
        spans_.clear();
    }
    document_.blocks.push_back(std::move(block));

    text_.clear();
    chars_ = 0;
    link_chars_ = 0;
    label_chars_ = 0;
    if (soft_break) pending_soft_break_ = true;
}

}  // namespace

Document segment_html(std::string_view utf8, const HtmlOptions& options) {
    Document document;
    document.from_html = true;
    PrepassResult prepass = strip_inert_markup(utf8, options.keep_links, options.deadline);
    GumboTree tree(prepass.html);
    check_deadline(options.deadline);
    DomWalker walker(document, prepass.held, options.keep_links);
    walker.walk(tree.root(), options.deadline);
    document.meta = extract_metadata(tree.root(), prepass.json_ld, document.blocks, walker.author, walker.first_time);
    // After JSON-LD's types, the microdata's, in the order the page gives them.
    for (std::string_view types = prepass.microdata_types; !types.empty();) {
        const std::size_t space = std::min(types.find(' '), types.size());
        add_schema_type(document.meta.schema_types, types.substr(0, space));
        types.remove_prefix(std::min(space + 1, types.size()));
    }
    check_deadline(options.deadline);
    return document;
}

bool looks_like_html(std::string_view bytes) {
    std::string_view head = bytes.substr(0, 4096);
    std::size_t i = 0;
    // Skip a UTF-8 BOM and leading whitespace.
    if (head.size() >= 3 && static_cast<unsigned char>(head[0]) == 0xEF &&
        static_cast<unsigned char>(head[1]) == 0xBB && static_cast<unsigned char>(head[2]) == 0xBF) {
        i = 3;
    }
    while (i < head.size() && is_ascii_space(head[i])) ++i;
    std::string_view start = head.substr(i);
    if (!start.empty() && start[0] == '<') {
        for (std::string_view opener : {"<!doctype html", "<html", "<head", "<body", "<?xml", "<!--", "<meta",
                                        "<title", "<div", "<p>", "<p ", "<table", "<script", "<link"}) {
            if (start.size() >= opener.size() && contains_ci(start.substr(0, opener.size()), opener)) return true;
        }
    }
    // Markup further in: several tags that only HTML has.
    int tags = 0;
    for (std::string_view tag : {"<html", "<body", "<div", "<p>", "<br", "</a>", "<table", "<span"}) {
        if (contains_ci(head, tag)) ++tags;
    }
    return tags >= 3;
}

}  // namespace winnow::segment
