// Inputs → documents: walking, opening (decompressing by magic bytes), telling archives by their
// first bytes, reading records, and turning every problem into a verdict for that input alone.
#include "batch/documents.h"

#include <filesystem>
#include <sys/stat.h>

namespace winnow::batch {
namespace {

// Counts the bytes read from a file, for the progress bar (the pool's producer runs on one thread,
// the bar reads the count from it; relaxed order is enough for a display).
class CountingSource : public input::ByteSource {
public:
    CountingSource(std::unique_ptr<input::ByteSource> inner, std::shared_ptr<std::atomic<std::uint64_t>> count)
        : inner_(std::move(inner)), count_(std::move(count)) {}
    std::size_t read(char* buffer, std::size_t size) override {
        const std::size_t got = inner_->read(buffer, size);
        count_->fetch_add(got, std::memory_order_relaxed);
        return got;
    }
    const std::string& name() const override { return inner_->name(); }

private:
    std::unique_ptr<input::ByteSource> inner_;
    std::shared_ptr<std::atomic<std::uint64_t>> count_;
};

bool named_like_archive(const std::string& path) {
    for (const char* ending : {".warc", ".warc.gz", ".warc.zst", ".arc.gz"})
        if (path.ends_with(ending)) return true;
    return false;
}

std::uint64_t file_size(const std::string& path) {
    struct stat info {};
    return path != "-" && ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) ? static_cast<std::uint64_t>(info.st_size)
                                                                                      : 0;
}

// Why a walk entry is not a document.
Verdict walk_verdict(const input::WalkEntry& entry) {
    using Problem = input::WalkEntry::Problem;
    switch (entry.kind) {
        case Problem::link_loop: return {Status::skipped, "symbolic link loop", entry.problem};
        case Problem::already_read: return {Status::skipped, "directory read twice", entry.problem};
        case Problem::not_regular: return {Status::skipped, "not a regular file", entry.problem};
        default: return {Status::failed, "unreadable", entry.problem};
    }
}

}  // namespace

DocumentSource::DocumentSource(DocumentSourceOptions options)
    : options_(std::move(options)), raw_bytes_(std::make_shared<std::atomic<std::uint64_t>>(0)) {
    if (options_.files_from.empty()) {
        walker_ = std::make_unique<input::InputWalker>(options_.arguments, options_.walk);
        return;
    }
    // The list first, then the arguments, if any.
    if (options_.files_from == "-" && options_.standard_input)
        list_source_ = std::move(options_.standard_input->source);
    else
        list_source_ = std::make_unique<input::FileByteSource>(options_.files_from);
    list_ = std::make_unique<input::PathListReader>(*list_source_, options_.null_separated);
    auto arguments = std::make_shared<std::vector<std::string>>(options_.arguments);
    auto index = std::make_shared<std::size_t>(0);
    input::PathListReader* list = list_.get();
    walker_ = std::make_unique<input::InputWalker>(
        [list, arguments, index](std::string& path) {
            if (*index < arguments->size()) {
                path = (*arguments)[(*index)++];
                return true;
            }
            return list->next(path);
        },
        options_.walk);
}

DocumentSource::~DocumentSource() = default;

bool DocumentSource::next_record(Job<DocumentMeta>& job) {
    input::WarcRecord record;
    if (!records_->next(record)) {
        records_.reset();
        archive_.source.reset();
        return false;
    }
    job.name = record.describe();
    job.meta.path = archive_path_;
    job.meta.relative = archive_relative_;
    job.meta.source = record.target_uri.empty() ? job.name : record.target_uri;
    job.meta.charset = record.charset;
    job.meta.record = ArchiveRecord{input::display_name(archive_path_), record.offset, record.type, record.record_id, record.date,
                                    record.target_uri};
    switch (record.outcome) {
        case input::RecordOutcome::document:
            job.bytes = std::move(record.payload);
            break;
        case input::RecordOutcome::skipped:
            job.input_bytes = record.content_length;
            job.verdict = Verdict{Status::skipped, record.reason, record.detail};
            break;
        case input::RecordOutcome::error:
            job.input_bytes = record.content_length;
            job.verdict = Verdict{Status::failed, record.reason == "record too large" ? "over size limit" : record.reason,
                                  record.detail};
            break;
    }
    return true;
}

void DocumentSource::open_file(const input::WalkEntry& entry, Job<DocumentMeta>& job, bool& is_archive) {
    is_archive = false;
    input::OpenedSource opened;
    if (entry.path == "-" && options_.standard_input && options_.standard_input->source) {
        opened = std::move(*options_.standard_input);
    } else {
        std::unique_ptr<input::ByteSource> raw = std::make_unique<input::FileByteSource>(entry.path);
        opened = input::open_decompressed(std::make_unique<CountingSource>(std::move(raw), raw_bytes_));
    }
    const std::string head = input::peek(opened, 16);
    if (input::looks_like_warc(head)) {
        archive_ = std::move(opened);
        archive_path_ = entry.path;
        archive_relative_ = entry.relative;
        input::WarcLimits limits;
        if (options_.max_bytes > 0) limits.max_block_bytes = options_.max_bytes;
        records_ = std::make_unique<input::WarcReader>(*archive_.source, limits, archive_.member_index);
        is_archive = true;
        return;
    }
    // Read at most one byte past the limit: a larger file fails without being read whole.
    const std::uint64_t limit = options_.max_bytes > 0 ? options_.max_bytes : UINT64_MAX;
    std::string bytes;
    std::size_t used = 0;
    // A plain file's size is known: one buffer of that size (and a byte to see the end), no regrowing.
    if (opened.compression == input::Compression::none)
        if (const std::uint64_t size = file_size(entry.path); size > 0 && size < limit)
            bytes.resize(static_cast<std::size_t>(size) + 1);
    for (;;) {
        if (used == bytes.size()) {
            std::size_t grow = std::max<std::size_t>(bytes.size(), std::size_t{1} << 16);
            if (limit != UINT64_MAX) grow = std::min<std::uint64_t>(grow, limit + 1 - used);
            bytes.resize(used + grow);
        }
        const std::size_t got = opened.source->read(bytes.data() + used, bytes.size() - used);
        if (got == 0) break;
        used += got;
        if (used > limit) {
            job.input_bytes = std::max<std::uint64_t>(used, file_size(entry.path));
            job.verdict = Verdict{Status::failed, "over size limit",
                                  (opened.compression == input::Compression::none
                                       ? std::to_string(job.input_bytes) + " bytes"
                                       : "more than " + std::to_string(limit) + " bytes decompressed") +
                                      ", over the limit of " + std::to_string(limit) + " (--max-size)"};
            return;
        }
    }
    bytes.resize(used);
    job.bytes = std::move(bytes);
}

bool DocumentSource::next(Job<DocumentMeta>& job) {
    for (;;) {
        if (records_) {
            try {
                if (next_record(job)) return true;
            } catch (const Error& e) {
                // The archive itself could not be read on (an I/O error): the rest of it fails as one input.
                job = Job<DocumentMeta>{};
                job.name = input::display_name(archive_path_);
                job.meta.path = archive_path_;
                job.meta.source = job.name;
                job.verdict = Verdict{Status::failed, "unreadable", e.problem()};
                records_.reset();
                archive_.source.reset();
                return true;
            }
            continue;
        }
        input::WalkEntry entry;
        if (!walker_->next(entry)) return false;
        job = Job<DocumentMeta>{};
        job.name = input::display_name(entry.path);
        job.meta.path = entry.path;
        job.meta.relative = entry.relative;
        job.meta.source = job.name;
        if (!entry.problem.empty()) {
            job.verdict = walk_verdict(entry);
            return true;
        }
        bool is_archive = false;
        try {
            open_file(entry, job, is_archive);
        } catch (const Error& e) {
            // Unreadable, or a compressed stream that is corrupt or cut short: this input fails, the rest go on.
            records_.reset();
            archive_.source.reset();
            job.bytes.clear();
            job.verdict = Verdict{Status::failed, "unreadable", e.problem()};
            return true;
        }
        if (!is_archive) return true;
    }
}

InputTotals measure_inputs(const std::vector<std::string>& arguments, const std::string& files_from,
                           bool null_separated, const input::WalkOptions& walk, const std::atomic<bool>& stop) {
    InputTotals totals;
    std::vector<std::string> paths = arguments;
    if (!files_from.empty()) {
        if (files_from == "-") return InputTotals{0, 0, false};
        try {
            input::FileByteSource list_file(files_from);
            input::PathListReader list(list_file, null_separated);
            std::string path;
            while (!stop.load(std::memory_order_relaxed) && list.next(path)) paths.push_back(path);
        } catch (const Error&) {
            return InputTotals{0, 0, false};
        }
    }
    input::InputWalker walker(paths, walk);
    input::WalkEntry entry;
    bool archives = false;
    while (!stop.load(std::memory_order_relaxed) && walker.next(entry)) {
        if (entry.path == "-") totals.known = false;
        ++totals.files;
        totals.bytes += file_size(entry.path);
        archives = archives || named_like_archive(entry.path);
    }
    if (archives) totals.files = 0;  // an archive holds an unknown number of documents
    if (stop.load()) totals.known = false;
    return totals;
}

}  // namespace winnow::batch
