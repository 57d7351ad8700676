// The `winnow` binary: parse flags, load patterns, run each input through the library, write.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/options.h"
#include "input/read.h"
#include "input/windows.h"
#include "segment/segment.h"
#include "winnow.h"
#include "write/write.h"

#ifndef WINNOW_VERSION
#define WINNOW_VERSION "unknown"
#endif

namespace {

void error_line(const std::string& message) { std::fprintf(stderr, "winnow: %s\n", message.c_str()); }

struct WriteError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Writes all of text and flushes, so each document (or window) reaches the reader as soon as it is
// done. A closed pipe ends the run quietly through SIGPIPE, as filters do.
void write_out(std::FILE* out, const std::string& text) {
    if ((!text.empty() && std::fwrite(text.data(), 1, text.size(), out) != text.size()) || std::fflush(out) != 0)
        throw WriteError(std::strerror(errno));
}

bool wide_encoding(const std::string& encoding) {
    return encoding.starts_with("UTF-16") || encoding.starts_with("UTF-32");
}

// --only-decode: the decode stage alone.
void write_decoded(const winnow::cli::Config& config, const std::string& name, std::string_view bytes,
                   const winnow::DecodeOptions& options, winnow::DecodeReport* report, std::FILE* out) {
    using namespace winnow;
    DecodeOptions decode_options = options;
    decode_options.is_html = config.pipeline.input == InputKind::Html ||
                             (config.pipeline.input == InputKind::Auto && looks_like_html(bytes));
    Decoded decoded = decode(bytes, decode_options);
    if (config.format == cli::Format::Json) {
        std::string line;
        write_decoded_json(line, name, decoded.text, decoded.report);
        write_out(out, line);
    } else {
        write_out(out, decoded.text);
    }
    *report = std::move(decoded.report);
}

void write_document(const winnow::cli::Config& config, const std::string& name, const winnow::Result& result,
                    bool first_window, std::FILE* out) {
    using namespace winnow;
    std::string buffer;
    if (config.format == cli::Format::Json) {
        write_json(buffer, name, result.article, result.document, result.labels, result.decode_report,
                   JsonOptions{config.explain});
    } else if (config.explain) {
        if (first_window && config.inputs.size() > 1) buffer += "# " + name + "\n";
        write_explain(buffer, result.document, result.labels, &result.article);
    } else if (config.format == cli::Format::Markdown) {
        write_markdown(buffer, result.document, result.article, MarkdownOptions{config.links});
    } else {
        write_text(buffer, result.document, result.article);
    }
    write_out(out, buffer);
}

// One input: small documents (and JSON, which needs the whole document) are processed whole; a
// long plain text streams through in windows cut at paragraph breaks, each decoded with the first
// window's encoding and classified on its own, with line numbers running on.
void process_input(const winnow::cli::Config& config, const winnow::Patterns& patterns, const std::string& input,
                   std::FILE* out) {
    using namespace winnow;
    const std::string name = display_name(input);
    const bool separate = config.inputs.size() > 1 && config.format != cli::Format::Json && !config.explain;
    TextWindows windows(input);
    std::string bytes;
    windows.next(bytes);
    if (config.only_decode) {
        // Windows are cut at line ends, so they decode alike once the first has fixed the encoding
        // (UTF-16/32 is read whole: its line ends are not single bytes).
        DecodeOptions options = config.pipeline.decode;
        DecodeReport report;
        if (config.format == cli::Format::Json) windows.read_rest(bytes);
        write_decoded(config, name, bytes, options, &report, out);
        if (wide_encoding(report.encoding) && !windows.exhausted()) {
            throw InputError(name + ": " + report.encoding + " text over 4 MiB cannot be streamed with --only-decode");
        }
        options.charset = report.encoding;
        while (windows.next(bytes)) write_decoded(config, name, bytes, options, &report, out);
        return;
    }
    const bool streamable = !windows.exhausted() && config.format == cli::Format::Text &&
                            config.pipeline.input != InputKind::Html &&
                            (config.pipeline.input == InputKind::Text || !looks_like_html(bytes));
    if (!streamable) {
        windows.read_rest(bytes);
        const Result result = process(bytes, config.pipeline, patterns);
        if (result.binary && config.pipeline.input == InputKind::Auto)
            throw InputError(name + ": binary data, not text or HTML (--input text cleans it anyway)");
        write_document(config, name, result, true, out);
        if (separate) write_out(out, "\n");
        return;
    }
    Options options = config.pipeline;
    options.input = InputKind::Text;
    bool first = true;
    do {
        const Result result = process(bytes, options, patterns);
        if (first && result.binary && config.pipeline.input == InputKind::Auto)
            throw InputError(name + ": binary data, not text or HTML (--input text cleans it anyway)");
        if (first && wide_encoding(result.decode_report.encoding)) {
            // Windows are cut at byte '\n', which UTF-16/32 text does not have: read it whole.
            windows.read_rest(bytes);
            write_document(config, name, process(bytes, options, patterns), true, out);
            break;
        }
        write_document(config, name, result, first, out);
        if (first) {
            options.decode.charset = result.decode_report.encoding;
            options.classify.find_title = false;
            first = false;
        }
        options.first_line += static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
    } while (windows.next(bytes));
    if (separate) write_out(out, "\n");
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
        std::printf("winnow %s\n", WINNOW_VERSION);
        return 0;
    }

    Patterns patterns;
    try {
        patterns = config.patterns_dir.empty() ? Patterns::embedded()
                                               : Patterns::with_user_directory(config.patterns_dir);
    } catch (const PatternError& e) {
        error_line(std::string("patterns: ") + e.what());
        return 2;
    }

    std::FILE* out = stdout;
    if (!config.output.empty() && config.output != "-") {
        out = std::fopen(config.output.c_str(), "wb");
        if (!out) {
            error_line(config.output + ": cannot write: " + std::strerror(errno));
            return 1;
        }
    }

    int status = 0;
    for (const std::string& input : config.inputs) {
        const std::string name = display_name(input);
        try {
            process_input(config, patterns, input, out);
        } catch (const InputError& e) {
            error_line(e.what());
            status = 1;
        } catch (const WriteError& e) {
            error_line((config.output.empty() ? std::string("<stdout>") : config.output) +
                       ": write failed: " + e.what());
            return 1;
        } catch (const std::bad_alloc&) {
            error_line(name + ": out of memory");
            status = 1;
        }
    }
    if (out != stdout && std::fclose(out) != 0) {
        error_line(config.output + ": write failed: " + std::strerror(errno));
        return 1;
    }
    return status;
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
