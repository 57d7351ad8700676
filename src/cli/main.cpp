// The `winnow` binary: parse flags, load patterns, run each input through the library, write.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "cli/options.h"
#include "input/read.h"
#include "winnow.h"
#include "write/write.h"

#ifndef WINNOW_VERSION
#define WINNOW_VERSION "unknown"
#endif

namespace {

void error_line(const std::string& message) { std::fprintf(stderr, "winnow: %s\n", message.c_str()); }

// Writes all of text or reports why not (a closed pipe ends the run quietly through SIGPIPE).
bool write_all(std::FILE* out, const std::string& text) {
    return text.empty() || std::fwrite(text.data(), 1, text.size(), out) == text.size();
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
    std::string buffer;
    for (const std::string& input : config.inputs) {
        buffer.clear();
        const std::string name = display_name(input);
        try {
            const std::string bytes = read_input(input);
            const Result result = process(bytes, config.pipeline, patterns);
            if (config.format == cli::Format::Json) {
                write_json(buffer, name, result.article, result.document, result.labels, result.decode_report,
                           JsonOptions{config.explain});
            } else if (config.explain) {
                if (config.inputs.size() > 1) buffer += "# " + name + "\n";
                write_explain(buffer, result.document, result.labels);
            } else {
                write_text(buffer, result.document, result.article);
                if (config.inputs.size() > 1) buffer.push_back('\n');
            }
        } catch (const InputError& e) {
            error_line(e.what());
            status = 1;
            continue;
        } catch (const std::bad_alloc&) {
            error_line(name + ": out of memory");
            status = 1;
            continue;
        }
        if (!write_all(out, buffer) || std::fflush(out) != 0) {
            error_line((config.output.empty() ? std::string("<stdout>") : config.output) +
                       ": write failed: " + std::strerror(errno));
            return 1;
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
