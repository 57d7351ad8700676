// A whole batch: documents from files, trees, lists and web archives cleaned on N workers and
// written in input order to one stream (text, Markdown, JSON Lines, a WARC of conversion records)
// or to one file each below an output directory; progress on a terminal, a summary at the end.
// One document's failure is counted and reported, never fatal; an output that cannot be written
// stops the run (nothing else could be written either).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>

#include "batch/documents.h"
#include "batch/summary.h"
#include "winnow/winnow.h"

namespace winnow::batch {

enum class Format { Text, Markdown, Json, Warc };

// How one document is written. Shared by the batch and by the single-document stream path, so
// the two give the same bytes.
struct FormatOptions {
    Format format = Format::Text;
    bool explain = false;       // every block with its label (with Json: the "lines" array)
    bool only_decode = false;   // the decode stage's text (with Json: its report)
    bool several = false;       // more than one document goes to one stream: --explain headers, blank lines between texts
};

// One window of a document (or the whole of it) as it goes to the stream.
void append_document(std::string& out, const Result& result, const FormatOptions& format);
// What follows a whole document on a shared stream (a blank line between texts), maybe nothing.
std::string document_end(const FormatOptions& format);
// The file extension a document gets below -o DIR.
const char* output_extension(const FormatOptions& format);

struct BatchOptions {
    DocumentSourceOptions inputs;
    FormatOptions format;
    std::string output;                   // one stream: a file, or "" / "-" for standard output
    std::filesystem::path output_dir;     // non-empty: one file per document below it instead
    bool resume = false;                  // with output_dir: leave out documents whose file exists
    std::size_t jobs = 0;                 // workers; 0: every core
    std::chrono::nanoseconds time_budget{0};  // per document; 0: none
    bool progress = true;                 // a progress bar on standard error when it is a terminal
    bool report_summary = true;           // the summary on standard error when it is a terminal
    std::string summary_json;             // write the summary here as JSON too; empty: nowhere
};

// Runs the batch. `stop` is set (to the signal number) by a signal handler: no further inputs
// are read, documents in flight are finished and written, and the summary says so. Writes an
// error line for each failed document to standard error. Throws input::OutputError when an
// output cannot be written, Error when --files-from cannot be read.
Summary run_batch(BatchOptions options, const Cleaner& cleaner, const std::atomic<int>& stop);

}  // namespace winnow::batch
