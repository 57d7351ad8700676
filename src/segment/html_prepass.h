// The pre-pass before Gumbo: drops the bodies of elements whose text is never shown (script,
// style, svg, template, noscript) and comments, which are most of a typical page's bytes and
// which Gumbo would otherwise tokenize byte by byte. JSON-LD blocks are kept aside for metadata.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace winnow {

struct PrepassResult {
    std::string html;                    // the page with inert bodies removed (tags kept)
    std::vector<std::string> json_ld;    // bodies of <script type="application/ld+json">
};

PrepassResult strip_inert_markup(std::string_view html);

}  // namespace winnow
