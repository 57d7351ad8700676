// classify stage: Document → one Decision per block (content, title, byline, date, or noise with a
// category and the reason). Never prints anything.
#pragma once

#include <optional>
#include <string>

#include "classify/labels.h"
#include "classify/page_type.h"
#include "classify/patterns.h"
#include "budget/deadline.h"
#include "classify/document.h"

namespace winnow::classify {

struct ClassifyOptions {
    Favor favor = Favor::Balanced;
    bool keep_comments = false;
    bool find_title = true;   // false for the later windows of a long text: a headline is at the top
    const Deadline* deadline = nullptr;  // checked between the steps and in the per-block loops
    std::optional<PageType> page_type;   // HTML: the type the caller gives, instead of deciding it
};

// When `language` is given, it receives the stopword list that fits the document best ("en"), or
// stays empty when none does. When `page_type` is given, it receives the page's type (HTML; the
// text path leaves it an article), which decides what counts as content.
Labels classify(const Document& document, const Patterns& patterns, const ClassifyOptions& options,
                std::string* language = nullptr, PageTypeDecision* page_type = nullptr);

}  // namespace winnow::classify
