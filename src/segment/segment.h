// segment stage: UTF-8 text or HTML → Document (blocks with features).
#pragma once

#include <cstddef>
#include <string_view>

#include "budget/deadline.h"
#include "segment/document.h"

namespace winnow::segment {

// Plain text: one block per paragraph. Hard-wrapped paragraphs (lines broken at a fixed width)
// are joined; one-paragraph-per-line text keeps each line as its own block.
// first_line numbers the first line (for a window of a longer text).
Document segment_text(std::string_view utf8, std::size_t first_line = 1);

// HTML: parse with Gumbo, walk the DOM into blocks with DOM features and page metadata.
struct HtmlOptions {
    bool keep_links = false;  // keep link targets in Block::spans (--links); costs parse time
    const Deadline* deadline = nullptr;  // checked in the pre-pass and the DOM walk
};
Document segment_html(std::string_view utf8, const HtmlOptions& options = {});

// True when the bytes look like markup (used by --input auto).
bool looks_like_html(std::string_view bytes);

}  // namespace winnow::segment
