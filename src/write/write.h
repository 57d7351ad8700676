// write stage: labelled document → clean text, JSON or the --explain table. Never decides what is noise.
#pragma once

#include <string>
#include <string_view>

#include "winnow/types.h"  // DecodeReport
#include "write/document.h"
#include "write/article.h"
#include "write/markdown.h"

namespace winnow::write {

// Title first, then one paragraph per line. Appends to out.
void write_text(std::string& out, const Document& document, const Article& article);

// Every block with its decision, tab separated: LINES LABEL CATEGORY REASON TEXT. With an article
// that has a page type (HTML), a "# page type: TYPE (REASON)" line comes first.
void write_explain(std::string& out, const Document& document, const Labels& labels,
                   const Article* article = nullptr);

struct JsonOptions {
    bool with_lines = false;                 // add the "lines" array (--explain)
    const ArchiveRecord* record = nullptr;   // add a "warc" object after "source"
};

// One JSON object on one line (JSON Lines), newline terminated.
void write_json(std::string& out, std::string_view source_name, const Article& article,
                const Document& document, const Labels& labels, const DecodeReport& report,
                const JsonOptions& options);

// --only-decode in JSON: {"source", "text", "decode"} on one line, and "warc" after "source" for a
// document read from a web archive (record not null).
void write_decoded_json(std::string& out, std::string_view source_name, std::string_view text,
                        const DecodeReport& report, const ArchiveRecord* record = nullptr);

}  // namespace winnow::write
