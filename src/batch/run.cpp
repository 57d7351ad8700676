// The batch driver: documents in (DocumentSource), the ordered pool in the middle, writers out.
#include "batch/run.h"

#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <future>
#include <mutex>
#include <thread>
#include <unistd.h>

#include "batch/ordered_pool.h"
#include "batch/progress.h"
#include "input/output_path.h"
#include "input/warc_writer.h"

namespace winnow::batch {
namespace {

void error_line(const std::string& message) {
    const std::string line = "winnow: " + message + "\n";
    std::size_t done = 0;
    while (done < line.size()) {
        const ssize_t n = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
        if (n <= 0 && errno != EINTR) return;
        if (n > 0) done += static_cast<std::size_t>(n);
    }
}

// A reader over bytes in memory, for the streaming calls.
ReadFunction memory_reader(const std::string& bytes) {
    auto position = std::make_shared<std::size_t>(0);
    return [&bytes, position](char* buffer, std::size_t capacity) {
        const std::size_t n = std::min(capacity, bytes.size() - *position);
        std::memcpy(buffer, bytes.data() + *position, n);
        *position += n;
        return n;
    };
}

const char* signal_name(int number) {
    switch (number) {
        case SIGINT: return "SIGINT";
        case SIGTERM: return "SIGTERM";
        case SIGHUP: return "SIGHUP";
        default: return "a signal";
    }
}

// A file: URI for a document that did not come from an archive (the WARC output's Target-URI).
std::string file_uri(const std::string& path) {
    std::error_code ignored;
    const std::string absolute = path == "-" ? "stdin" : std::filesystem::absolute(path, ignored).lexically_normal().string();
    std::string uri = "file://";
    for (const unsigned char c : absolute) {
        if (std::isalnum(c) || std::strchr("/-._~", c)) {
            uri.push_back(static_cast<char>(c));
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", c);
            uri += escaped;
        }
    }
    return uri;
}

// Cleans one document into its written form.
void clean_document(const Cleaner& cleaner, const FormatOptions& format, Job<DocumentMeta>& job, std::string& out) {
    const DocumentMeta& meta = job.meta;
    if (format.only_decode) {
        auto write = [&](const Decoded& decoded) {
            if (format.format == Format::Json) append_json(out, meta.source, decoded, meta.record ? &*meta.record : nullptr);
            else out += decoded.text;
        };
        // An archive's record: whole, with the charset its HTTP header declared, as it is cleaned.
        if (meta.record || !meta.charset.empty()) write(cleaner.decode(job.bytes, meta.charset));
        else cleaner.decode_stream(memory_reader(job.bytes), write, StreamOptions{});
        return;
    }
    FormatOptions shown = format;
    if (shown.format == Format::Warc) shown = FormatOptions{};  // the block of a conversion record is the text
    if (meta.record || !meta.charset.empty()) {
        // An archive's record: whole, with the charset its HTTP header declared and its origin in JSON.
        Result result = cleaner.clean(job.bytes, meta.source, meta.charset);
        result.record = meta.record;
        append_document(out, result, shown);
        return;
    }
    StreamOptions stream;
    stream.whole = shown.format != Format::Text;  // a long plain text goes in windows, as through a pipe
    cleaner.clean_stream(memory_reader(job.bytes), meta.source,
                         [&](const Result& result) { append_document(out, result, shown); }, stream);
}

// Turns the library's errors into a verdict's reason.
[[noreturn]] void fail(const Error& e) {
    switch (e.kind()) {
        case Error::Kind::Binary: throw Failure("binary data", e.problem() + " (--input text cleans it anyway)");
        case Error::Kind::Unreadable: throw Failure("unreadable", e.problem());
        case Error::Kind::OverBudget: throw Failure("over time budget", e.problem() + " (--time-budget)");
        default: throw Failure("error", e.problem());
    }
}

}  // namespace

void append_document(std::string& out, const Result& result, const FormatOptions& format) {
    if (format.format == Format::Json) {
        append_json(out, result, format.explain);
    } else if (format.explain) {
        if (result.window == 0 && format.several) out += "# " + result.source + "\n";
        append_explain(out, result);
    } else if (format.format == Format::Markdown) {
        append_markdown(out, result);
    } else {
        append_text(out, result);
    }
}

std::string document_end(const FormatOptions& format) {
    return format.several && format.format != Format::Json && !format.explain ? "\n" : "";
}

const char* output_extension(const FormatOptions& format) {
    switch (format.format) {
        case Format::Json: return "json";
        case Format::Markdown: return format.explain || format.only_decode ? "txt" : "md";
        default: return "txt";
    }
}

Summary run_batch(BatchOptions options, const Cleaner& cleaner, const std::atomic<int>& stop) {
    const bool to_directory = !options.output_dir.empty();
    const FormatOptions format = options.format;
    const std::string extension = output_extension(format);
    PoolOptions pool;
    pool.workers = options.jobs;
    pool.max_input_bytes = options.inputs.max_bytes;
    pool.time_budget = options.time_budget;

    // Totals for the progress bar are measured beside the run, so the first documents do not wait.
    Progress progress(STDERR_FILENO);
    const bool drawing = options.progress && progress.enabled();
    std::atomic<bool> stop_measuring{false};
    std::future<InputTotals> totals;
    if (drawing)
        totals = std::async(std::launch::async, measure_inputs, options.inputs.arguments, options.inputs.files_from,
                            options.inputs.null_separated, options.inputs.walk, std::cref(stop_measuring));
    struct MeasureStopper {
        std::atomic<bool>& flag;
        std::future<InputTotals>& future;
        ~MeasureStopper() {
            flag = true;
            if (future.valid()) future.wait();
        }
    } measure_stopper{stop_measuring, totals};
    bool totals_set = false;

    DocumentSource documents(std::move(options.inputs));
    std::unique_ptr<input::OutputFile> stream;
    if (!to_directory) stream = std::make_unique<input::OutputFile>(options.output);
    input::OutputNames names;

    std::unique_ptr<input::WarcWriter> warc;
    if (format.format == Format::Warc) {
        input::WarcWriter::Options writer_options;
        writer_options.gzip_per_record = options.output.ends_with(".gz");
        warc = std::make_unique<input::WarcWriter>(writer_options);
        std::string header;
        const std::string file_name =
            options.output.empty() || options.output == "-" ? "-" : std::filesystem::path(options.output).filename().string();
        warc->append_warcinfo(header, file_name, "winnow/" + std::string(version()));
        stream->write(header);
    }

    std::string interrupted;
    auto produce = [&](Job<DocumentMeta>& job) {
        if (const int signal = stop.load()) {
            interrupted = signal_name(signal);
            return false;
        }
        if (!documents.next(job)) return false;
        if (to_directory && !job.verdict) {
            const DocumentMeta& meta = job.meta;
            job.meta.output = names.claim(
                meta.record ? input::record_output(options.output_dir, meta.path == "-" ? "stdin" : meta.relative,
                                                   meta.record->target_uri, meta.record->record_id, extension)
                            : input::mirrored_output(options.output_dir, meta.path == "-" ? "-" : meta.relative, extension));
            if (options.resume && input::output_complete(job.meta.output)) {
                job.input_bytes = job.bytes.size();
                job.bytes.clear();
                job.verdict = Verdict{Status::skipped, "output exists (--resume)", job.meta.output.string()};
            }
        }
        return true;
    };

    auto process = [&](Job<DocumentMeta>& job, JobResult<std::string>& result) {
        try {
            clean_document(cleaner, format, job, result.output);
        } catch (const Error& e) {
            fail(e);
        } catch (const std::bad_alloc&) {
            throw Failure("out of memory", "out of memory");
        }
        result.bytes_out = result.output.size();
    };

    std::uint64_t warc_records = 0;
    auto deliver = [&](Job<DocumentMeta>& job, JobResult<std::string>& result) {
        if (result.verdict.status == Status::failed) {
            progress.finish();
            error_line(job.name + (result.verdict.detail.empty() ? "" : ": " + result.verdict.detail));
            return;
        }
        if (result.verdict.status != Status::cleaned) return;
        if (to_directory) {
            // One file that cannot be written (a symbolic link in its way, a name the file system
            // refuses) fails its document only.
            try {
                input::write_file_atomically(options.output_dir, job.meta.output, result.output);
            } catch (const input::OutputError& e) {
                result.verdict = Verdict{Status::failed, "output not written", e.what()};
                progress.finish();
                error_line(job.name + ": " + e.what());
            }
        } else if (warc) {
            input::ConversionRecord record;
            if (job.meta.record) {
                record.refers_to = job.meta.record->record_id;
                record.target_uri = job.meta.record->target_uri;
            } else {
                record.target_uri = file_uri(job.meta.path);
            }
            record.text = std::move(result.output);
            std::string bytes;
            warc->append_conversion(bytes, record);
            stream->write(bytes);
            ++warc_records;
        } else {
            stream->write(result.output);
            const std::string end = document_end(format);
            if (!end.empty()) stream->write(end);
        }
    };

    auto on_progress = [&](const Summary& summary) {
        if (!drawing) return;
        if (!totals_set && totals.valid() && totals.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            const InputTotals measured = totals.get();
            if (measured.known) progress.set_totals(ProgressTotals{measured.files, measured.bytes});
            totals_set = true;
        }
        progress.update(summary, documents.raw_bytes_read());
    };

    Summary summary = run_ordered<DocumentMeta, std::string>(pool, produce, process, deliver, on_progress);
    progress.finish();
    summary.interrupted = interrupted;
    if (stream) stream->commit();
    if (!options.summary_json.empty()) {
        std::string json;
        append_summary_json(json, summary);
        json += '\n';
        const std::filesystem::path target = std::filesystem::absolute(options.summary_json).lexically_normal();
        input::write_file_atomically(target.parent_path(), target, json);
    }
    if (options.report_summary && ::isatty(STDERR_FILENO)) {
        const std::string text = summary_text(summary);
        std::fputs(text.c_str(), stderr);
    }
    return summary;
}

}  // namespace winnow::batch
