// The `winnow` binary: parse flags, build a Cleaner, and either stream one document through it (the
// pipe filter) or hand the inputs to a batch (several files, directories, lists, web archives,
// -o DIR). Everything else is the library's (include/winnow/winnow.h) and the batch stage's.
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <vector>

#include "batch/run.h"
#include "cli/options.h"
#include "input/byte_source.h"
#include "input/output_path.h"
#include "winnow/winnow.h"

namespace {

void error_line(const std::string& message) { std::fprintf(stderr, "winnow: %s\n", message.c_str()); }

std::atomic<int> stop_signal{0};

extern "C" void on_stop_signal(int number) { stop_signal.store(number); }

// SIGINT, SIGTERM and SIGHUP stop a batch cleanly: no new input is read, what is in flight is
// finished. The handler is installed once; a second signal of the same kind kills as usual.
void catch_stop_signals() {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    for (const int number : {SIGINT, SIGTERM, SIGHUP}) sigaction(number, &action, nullptr);
}

bool is_directory(const std::string& path) {
    struct stat info {};
    return path != "-" && ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

// -o names a directory (one output file per document) when it is one or ends in '/'.
bool output_is_directory(const winnow::cli::Config& config) {
    return !config.output.empty() && config.output != "-" && (config.output.back() == '/' || is_directory(config.output));
}

winnow::batch::FormatOptions format_options(const winnow::cli::Config& config, bool several) {
    using winnow::cli::Format;
    winnow::batch::FormatOptions format;
    switch (config.format) {
        case Format::Text: format.format = winnow::batch::Format::Text; break;
        case Format::Json: format.format = winnow::batch::Format::Json; break;
        case Format::Markdown: format.format = winnow::batch::Format::Markdown; break;
        case Format::Warc: format.format = winnow::batch::Format::Warc; break;
    }
    format.explain = config.explain;
    format.only_decode = config.only_decode;
    format.several = several;
    return format;
}

// One document from a file or standard input, cleaned as it is read: a long plain text streams
// through in windows (text output only); anything else, and JSON or Markdown output, is cleaned whole.
void clean_one(const winnow::cli::Config& config, const winnow::Cleaner& cleaner, const std::string& name,
               winnow::input::OpenedSource& opened, winnow::input::OutputFile& out) {
    const winnow::batch::FormatOptions format = format_options(config, false);
    winnow::input::ByteSource& source = *opened.source;
    const winnow::ReadFunction read = [&source](char* buffer, std::size_t capacity) { return source.read(buffer, capacity); };
    winnow::StreamOptions stream;
    stream.whole = config.format != winnow::cli::Format::Text;
    if (config.only_decode) {
        cleaner.decode_stream(read, [&](const winnow::Decoded& decoded) {
            if (config.format != winnow::cli::Format::Json) return out.write(decoded.text);
            std::string line;
            winnow::append_json(line, name, decoded);
            out.write(line);
        }, stream);
        return;
    }
    cleaner.clean_stream(read, name, [&](const winnow::Result& result) {
        std::string buffer;
        winnow::batch::append_document(buffer, result, format);
        out.write(buffer);
    }, stream);
}

int run_batch(const winnow::cli::Config& config, const winnow::Cleaner& cleaner, bool several,
              std::unique_ptr<winnow::input::OpenedSource> standard_input) {
    using namespace winnow;
    batch::BatchOptions options;
    options.inputs.arguments = config.inputs;
    if (!config.files_from.empty() && config.inputs.size() == 1 && config.inputs[0] == "-") options.inputs.arguments.clear();
    options.inputs.files_from = config.files_from;
    options.inputs.null_separated = config.null_separated;
    options.inputs.walk.globs = config.globs;
    options.inputs.walk.excludes = config.excludes;
    options.inputs.max_bytes = config.max_size;
    options.inputs.standard_input = std::move(standard_input);
    options.format = format_options(config, several);
    if (output_is_directory(config)) {
        std::string dir = config.output;
        while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
        options.output_dir = std::filesystem::path(dir).lexically_normal();
    } else {
        options.output = config.output;
    }
    options.resume = config.resume;
    options.jobs = config.jobs;
    options.time_budget = std::chrono::nanoseconds(static_cast<long long>(config.time_budget * 1e9));
    options.progress = !config.quiet;
    options.report_summary = !config.quiet;
    options.summary_json = config.summary_json;

    catch_stop_signals();
    const batch::Summary summary = batch::run_batch(std::move(options), cleaner, stop_signal);
    if (const int signal = stop_signal.load()) return 128 + signal;
    return summary.failed > 0 ? 1 : 0;
}

int run(const std::vector<std::string>& args) {
    using namespace winnow;
    cli::Config config;
    try {
        config = cli::parse_arguments(args);
    } catch (const cli::UsageError& e) {
        error_line(e.what());
        return 2;
    }
    if (config.help) {
        std::fputs(cli::help_text().c_str(), stdout);
        return 0;
    }
    if (config.version) {
        std::printf("winnow %.*s\n", static_cast<int>(winnow::version().size()), winnow::version().data());
        return 0;
    }

    const bool output_dir = output_is_directory(config);
    std::string usage;
    if (config.resume && !output_dir) usage = "--resume needs -o DIR (an output directory)";
    if (config.format == cli::Format::Warc && output_dir) usage = "--format warc writes one file: give -o FILE, not a directory";
    if (config.format == cli::Format::Warc && (config.explain || config.only_decode))
        usage = "--format warc writes the clean text; it does not go with --explain or --only-decode";
    if (config.null_separated && config.files_from.empty()) usage = "--null goes with --files-from";
    if (config.files_from == "-" && config.inputs.size() > 1)
        for (const std::string& input : config.inputs)
            if (input == "-") usage = "--files-from - and the input '-' both want standard input";
    if (!usage.empty()) {
        error_line(usage);
        return 2;
    }

    std::optional<Cleaner> cleaner;
    try {
        Options options = config.options;
        // The library stops a document soon after its budget runs out; the batch also fails any
        // document that comes back over it (a budget under a millisecond is the batch's alone).
        options.time_budget = std::chrono::milliseconds(static_cast<long long>(config.time_budget * 1000));
        cleaner.emplace(options);
    } catch (const Error& e) {
        error_line(e.what());
        return 2;
    }

    try {
        // Several inputs, directories and lists are a batch; so is a web archive (a batch of records).
        if (config.inputs.size() > 1 || !config.files_from.empty() || is_directory(config.inputs[0]))
            return run_batch(config, *cleaner, true, nullptr);
        const std::string& input = config.inputs[0];
        const std::string name = input::display_name(input);
        auto opened = std::make_unique<input::OpenedSource>();
        try {
            *opened = input::open_input(input);
            if (input::looks_like_warc(input::peek(*opened, 16)))
                return run_batch(config, *cleaner, true, input == "-" ? std::move(opened) : nullptr);
        } catch (const Error& e) {
            error_line(e.what());
            return 1;
        }
        // One document with an output directory, a WARC output or a summary: a batch of one.
        if (output_dir || config.format == cli::Format::Warc || !config.summary_json.empty())
            return run_batch(config, *cleaner, false, input == "-" ? std::move(opened) : nullptr);

        input::OutputFile out(config.output);
        try {
            clean_one(config, *cleaner, name, *opened, out);
        } catch (const Error& e) {
            error_line(e.kind() == Error::Kind::Binary       ? e.what() + std::string(" (--input text cleans it anyway)")
                       : e.kind() == Error::Kind::OverBudget ? e.what() + std::string(" (--time-budget)")
                                                             : std::string(e.what()));
            out.commit();
            return 1;
        } catch (const std::bad_alloc&) {
            error_line(name + ": out of memory");
            out.commit();
            return 1;
        }
        out.commit();
        return 0;
    } catch (const input::OutputError& e) {
        error_line(e.what());
        return 1;
    } catch (const Error& e) {  // --files-from could not be read
        error_line(e.what());
        return 1;
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        return run(args);
    } catch (const std::exception& e) {
        error_line(std::string("internal error: ") + e.what());
        return 1;
    }
}
