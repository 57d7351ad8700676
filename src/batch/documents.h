// The documents of a batch, one after another: files named on the command line or in a
// --files-from list, the files found in directories, and the records of web archives (WARC, plain,
// gzip or zstd) found among them. Each becomes a Job for the worker pool: its bytes, or a verdict
// decided here (a skipped record, an unreadable file, an input over the size limit).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "batch/ordered_pool.h"
#include "input/byte_source.h"
#include "input/walk.h"
#include "input/warc.h"
#include "winnow/winnow.h"

namespace winnow::batch {

// What a document is beside its bytes.
struct DocumentMeta {
    std::string path;      // the file it came from as given or found ("-" for standard input)
    std::string relative;  // that file below its command-line argument, for mirroring under -o DIR
    std::string source;    // how outputs name it: the path (stdin: "<stdin>"), or a record's URI
    std::string charset;   // declared beside the bytes (an archived HTTP response's charset); empty: none
    std::optional<ArchiveRecord> record;  // set for documents read from a web archive
    std::filesystem::path output;         // with -o DIR: the file it is written to
};

struct DocumentSourceOptions {
    std::vector<std::string> arguments;   // files and directories ("-": standard input)
    std::string files_from;               // a list of paths, one a line ("-": standard input); empty: none
    bool null_separated = false;          // the list is NUL-separated (find -print0)
    input::WalkOptions walk;
    std::uint64_t max_bytes = std::uint64_t{64} << 20;  // a larger document fails "over size limit"; 0: none
    // Standard input already opened (and peeked at) by the caller, used for "-" instead of opening it again.
    std::unique_ptr<input::OpenedSource> standard_input;
};

class DocumentSource {
public:
    explicit DocumentSource(DocumentSourceOptions options);
    ~DocumentSource();
    DocumentSource(const DocumentSource&) = delete;
    DocumentSource& operator=(const DocumentSource&) = delete;

    // Fills `job` with the next document, or with the verdict for an input that is not one (a
    // skipped record, an unreadable entry). False when every input has been read. Never throws for
    // bad data or unreadable inputs: those are verdicts. Throws only when --files-from cannot be read.
    bool next(Job<DocumentMeta>& job);

    // Bytes read so far from the files themselves (compressed bytes for compressed files), for the
    // progress bar. Safe to read from another thread.
    std::uint64_t raw_bytes_read() const { return raw_bytes_->load(std::memory_order_relaxed); }

private:
    bool next_record(Job<DocumentMeta>& job);
    void open_file(const input::WalkEntry& entry, Job<DocumentMeta>& job, bool& is_archive);

    DocumentSourceOptions options_;
    std::unique_ptr<input::ByteSource> list_source_;
    std::unique_ptr<input::PathListReader> list_;
    std::unique_ptr<input::InputWalker> walker_;
    std::shared_ptr<std::atomic<std::uint64_t>> raw_bytes_;

    // The archive being read, record by record.
    input::OpenedSource archive_;
    std::unique_ptr<input::WarcReader> records_;
    std::string archive_path_, archive_relative_;
};

// The inputs' total size in bytes and number of files (archives count one), found by walking
// them the way DocumentSource will, for a progress bar's totals. Standard input and lists read
// from standard input are unknown: `known` is false. Stops early once `stop` is set.
struct InputTotals {
    std::uint64_t files = 0;
    std::uint64_t bytes = 0;
    bool known = true;
};
InputTotals measure_inputs(const std::vector<std::string>& arguments, const std::string& files_from,
                           bool null_separated, const input::WalkOptions& walk, const std::atomic<bool>& stop);

}  // namespace winnow::batch
