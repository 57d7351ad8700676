// The pre-pass before Gumbo: drops <script> and <style> elements whole, the bodies of other
// elements whose text is never shown (svg, template, noscript), comments, whitespace next to a
// block's tags, and the attributes no later stage reads (src, data-*, on*, long href values). These
// are most of a typical page's bytes, which Gumbo would otherwise tokenize byte by byte. JSON-LD
// blocks are kept aside for metadata, and longer text runs are held aside (see HeldText).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace winnow {

// Text the pre-pass lifted out of the markup. Gumbo tokenizes text one code point at a time, so
// each longer run of plain text between tags is handed to it as a short placeholder (U+10FFFD,
// the run's number in decimal, ';'), and put back when the parse tree is read. A placeholder is
// text to the tree builder just as the run was: the tree comes out the same. Only runs Gumbo
// would pass through unchanged are lifted (no character references, no characters it replaces,
// leading and trailing whitespace left in place), and nothing is lifted from a page that already
// contains U+10FFFD.
class HeldText {
public:
    // Appends a placeholder for `run` to html.
    void hold(std::string_view run, std::string& html);
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
};

// keep_link_targets keeps href values whole (for Markdown links); otherwise they shrink to
// whether they lead anywhere.
PrepassResult strip_inert_markup(std::string_view html, bool keep_link_targets = false);

}  // namespace winnow
