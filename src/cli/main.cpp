// The `winnow` binary: parse flags, build a Cleaner, stream each input through it, write the format
// asked for and report errors. Everything else is the library's (include/winnow/winnow.h).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/options.h"
#include "winnow/winnow.h"

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

// How an input is named in messages and JSON.
std::string display_name(const std::string& input) { return input == "-" ? "<stdin>" : input; }

void write_result(const winnow::cli::Config& config, const winnow::Result& result, std::FILE* out) {
    using winnow::cli::Format;
    std::string buffer;
    if (config.format == Format::Json) {
        winnow::append_json(buffer, result, config.explain);
    } else if (config.explain) {
        if (result.window == 0 && config.inputs.size() > 1) buffer += "# " + result.source + "\n";
        winnow::append_explain(buffer, result);
    } else if (config.format == Format::Markdown) {
        winnow::append_markdown(buffer, result);
    } else {
        winnow::append_text(buffer, result);
    }
    write_out(out, buffer);
}

// One input: a long plain text streams through in windows (text output only); anything else, and
// JSON or Markdown output, is cleaned whole.
void process_input(const winnow::cli::Config& config, const winnow::Cleaner& cleaner, const std::string& input,
                   std::FILE* out) {
    using winnow::cli::Format;
    const std::string name = display_name(input);
    const winnow::ReadFunction read = winnow::file_reader(input);
    winnow::StreamOptions stream;
    stream.whole = config.format != Format::Text;
    if (config.only_decode) {
        cleaner.decode_stream(read, [&](const winnow::Decoded& decoded) {
            if (config.format != Format::Json) return write_out(out, decoded.text);
            std::string line;
            winnow::append_json(line, name, decoded);
            write_out(out, line);
        }, stream);
        return;
    }
    cleaner.clean_stream(read, name, [&](const winnow::Result& result) { write_result(config, result, out); }, stream);
    const bool separate = config.inputs.size() > 1 && config.format != Format::Json && !config.explain;
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
        std::printf("winnow %.*s\n", static_cast<int>(winnow::version().size()), winnow::version().data());
        return 0;
    }

    std::optional<Cleaner> cleaner;
    try {
        cleaner.emplace(config.options);
    } catch (const Error& e) {
        error_line(e.what());
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
        try {
            process_input(config, *cleaner, input, out);
        } catch (const Error& e) {
            error_line(e.kind() == Error::Kind::Binary ? e.what() + std::string(" (--input text cleans it anyway)")
                                                       : std::string(e.what()));
            status = 1;
        } catch (const WriteError& e) {
            error_line((config.output.empty() ? std::string("<stdout>") : config.output) +
                       ": write failed: " + e.what());
            return 1;
        } catch (const std::bad_alloc&) {
            error_line(display_name(input) + ": out of memory");
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
