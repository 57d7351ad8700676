// The pipeline behind the public API: decode → segment → classify → assemble, on one document.
#pragma once

#include <cstddef>
#include <string_view>

#include "classify/classify.h"
#include "classify/patterns.h"
#include "budget/deadline.h"
#include "decode/decode.h"
#include "segment/document.h"
#include "write/article.h"

namespace winnow::detail {

// What the pipeline reads from each stage.
using classify::ClassifyOptions;
using classify::Labels;
using classify::Patterns;
using decode::DecodeOptions;
using segment::Document;
using write::Article;

struct PipelineOptions {
    InputKind input = InputKind::Auto;
    std::size_t first_line = 1;  // number of the first line (text windows of a long input)
    bool keep_links = false;     // HTML: keep link targets for the Markdown writer (--links)
    DecodeOptions decode;        // named as the stages they configure
    ClassifyOptions classify;
};

struct PipelineResult {
    DecodeReport decode_report;
    bool binary = false;  // the decoded text is mostly control characters: not text at all
    Document document;
    Labels labels;   // parallel to document.blocks
    Article article; // indexes into document.blocks
};

// True when text (already decoded) looks like binary data: control characters other than tab,
// line ends and form feed make up more than 1 in 20 of its first 64 KiB.
bool looks_binary(std::string_view utf8);

// Decode, segment and classify one document. Never throws for bad bytes; throws only for
// resource exhaustion, and Error(OverBudget) once `deadline` (when given) has passed.
PipelineResult run_pipeline(std::string_view bytes, const PipelineOptions& options, const Patterns& patterns,
                            const Deadline* deadline = nullptr);

}  // namespace winnow::detail
