// The pre-pass before Gumbo: drops <script> and <style> elements whole, the bodies of other
// elements whose text is never shown (svg, template, noscript), comments, whitespace next to a
// block's tags, and the attributes no later stage reads (src, data-*, on*, long href values). These
// are most of a typical page's bytes, which Gumbo would otherwise tokenize byte by byte. JSON-LD
// blocks are kept aside for metadata, and longer text runs are held aside (see HeldText).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "budget/deadline.h"

namespace winnow::segment {

// Text the pre-pass lifted out of the markup. Gumbo's tokenizer makes a token of every character
// of text, so each run of plain text between tags and character references, and each class, id,
// role, itemprop, aria-hidden, rel and datetime value, is handed to it as one placeholder
// character from the private-use planes 15 and 16, and put back when the parse tree is read. To
// the tree builder a placeholder is text just as the run was, so the tree comes out the same.
// Only what Gumbo would pass through unchanged is held (no character references, no characters
// it replaces; leading and trailing whitespace stays in place), and nothing is held from a page
// that already uses those planes.
class HeldText {
public:
    // Appends a placeholder for `run` to html. Only while has_room().
    void hold(std::string_view run, std::string& html);
    bool has_room() const;
    // node_text with its placeholders replaced by their runs: node_text itself when it has none,
    // else a view of scratch.
    std::string_view restore(std::string_view node_text, std::string& scratch) const;
    bool empty() const { return ends_.empty(); }

private:
    std::string runs_;                 // the runs, back to back
    std::vector<std::size_t> ends_;    // where each run ends in runs_
};

struct PrepassResult {
    std::string html;                    // the page with inert bodies and unread attributes removed
    std::vector<std::string> json_ld;    // bodies of <script type="application/ld+json">
    HeldText held;                       // text runs standing in html as placeholders
    std::string microdata_types;         // schema.org types of itemtype attributes, space separated
};

// keep_link_targets keeps href values whole (for Markdown links); otherwise they shrink to
// whether they lead anywhere. `deadline`, when given, is checked every few thousand tags.
PrepassResult strip_inert_markup(std::string_view html, bool keep_link_targets = false,
                                 const Deadline* deadline = nullptr);

}  // namespace winnow::segment
