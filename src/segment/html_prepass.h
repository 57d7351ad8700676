// The pre-pass before Gumbo: drops the bodies of elements whose text is never shown (script,
// style, svg, template, noscript) and comments, which are most of a typical page's bytes and
// which Gumbo would otherwise tokenize byte by byte, and the attributes no later stage reads
// (src, data-*, on*, long href values). JSON-LD blocks are kept aside for metadata.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace winnow {

struct PrepassResult {
    std::string html;                    // the page with inert bodies and unread attributes removed
    std::vector<std::string> json_ld;    // bodies of <script type="application/ld+json">
};

// keep_link_targets keeps href values whole (for Markdown links); otherwise they shrink to
// whether they lead anywhere.
PrepassResult strip_inert_markup(std::string_view html, bool keep_link_targets = false);

}  // namespace winnow
