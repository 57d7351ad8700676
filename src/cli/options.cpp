// Flag table and parser for the winnow command line.
#include "cli/options.h"

#include <cctype>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace winnow::cli {
namespace {

struct Flag : FlagInfo {
    std::function<void(Config&, const std::string&)> apply;
};

template <typename T>
T choose(const std::string& flag, const std::string& value, std::initializer_list<std::pair<std::string_view, T>> choices) {
    std::string names;
    for (const auto& [name, result] : choices) {
        if (value == name) return result;
        names += names.empty() ? "" : ", ";
        names += name;
    }
    throw UsageError("invalid value '" + value + "' for " + flag + " (expected " + names + ")");
}

// A value that must be one of the names, as choose() with each name standing for itself.
std::string one_of(const std::string& flag, const std::string& value, const std::vector<std::string_view>& names) {
    std::string listed;
    for (std::string_view name : names) {
        if (value == name) return value;
        listed += listed.empty() ? "" : ", ";
        listed += name;
    }
    throw UsageError("invalid value '" + value + "' for " + flag + " (expected " + listed + ")");
}

long long positive_number(const std::string& flag, const std::string& value, long long most) {
    std::size_t used = 0;
    long long number = 0;
    try {
        number = std::stoll(value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != value.size() || used == 0 || number < 1 || number > most)
        throw UsageError("invalid value '" + value + "' for " + flag + " (expected a whole number from 1 to " +
                         std::to_string(most) + ")");
    return number;
}

std::uint64_t byte_size(const std::string& flag, const std::string& value) {
    std::size_t used = 0;
    unsigned long long number = 0;
    try {
        if (!value.empty() && std::isdigit(static_cast<unsigned char>(value[0]))) number = std::stoull(value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    int shift = 0;
    if (used > 0 && used + 1 == value.size()) {
        switch (value[used]) {
            case 'k': case 'K': shift = 10; break;
            case 'm': case 'M': shift = 20; break;
            case 'g': case 'G': shift = 30; break;
            default: used = 0;
        }
        if (used > 0) ++used;
    }
    if (used == 0 || used != value.size() || number > (UINT64_MAX >> shift))
        throw UsageError("invalid value '" + value + "' for " + flag + " (expected bytes, such as 500000, 64M or 1G)");
    return static_cast<std::uint64_t>(number) << shift;
}

double seconds(const std::string& flag, const std::string& value) {
    std::size_t used = 0;
    double number = -1;
    try {
        number = std::stod(value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != value.size() || !(number >= 0) || number > 1e6)
        throw UsageError("invalid value '" + value + "' for " + flag + " (expected seconds, such as 30 or 0.5; 0 for none)");
    return number;
}

const std::vector<Flag>& flags() {
    static const std::vector<Flag> table = {
        {{"output", 'o', "PATH", "", "write to the file PATH instead of standard output; to one file per document below PATH when it is a directory or ends in '/'",
          "write to the file PATH instead of standard output (written under a temporary name and renamed when done); when PATH is a directory or ends in `/`, write one file per document below it, mirroring the input tree (`a/b/page.html` → `PATH/a/b/page.txt`; archive records get names made from their URI and record id)"},
         [](Config& c, const std::string& v) {
             if (v.empty()) throw UsageError("option '--output' needs a file or directory name");
             c.output = v;
         }},
        {{"input", 0, "KIND", "auto text html", "what the input is: auto (sniff markup), text or html [auto]",
          "what the input is; `auto` (default) treats it as HTML when it starts with markup or is dense with HTML tags, else as text"},
         [](Config& c, const std::string& v) {
             c.options.input = choose<InputKind>("--input", v,
                                                  {{"auto", InputKind::Auto}, {"text", InputKind::Text}, {"html", InputKind::Html}});
         }},
        {{"format", 'f', "FORMAT", "text json jsonl markdown warc", "output format: text (title, then one paragraph per line), json or jsonl (one object per document per line), markdown (headings, lists, tables, quotes, code kept) or warc (WARC conversion records of the text) [text]",
          "output format (below); default `text`; `jsonl` is another name for `json`"},
         [](Config& c, const std::string& v) {
             c.format = choose<Format>("--format", v,
                                       {{"text", Format::Text}, {"json", Format::Json}, {"jsonl", Format::Json},
                                        {"markdown", Format::Markdown}, {"warc", Format::Warc}});
         }},
        {{"links", 0, "", "", "with --format markdown, keep links of HTML input as [text](target)",
          "with `--format markdown`, keep the links of HTML input as `[text](target)`"},
         [](Config& c, const std::string&) {
             c.options.links = true;
         }},
        {{"explain", 0, "", "", "show every line with its label, noise category and reason instead of the clean text (with --format json: add a \"lines\" array)",
          "instead of the clean text, print every line with its label, category and reason; with `--format json`, add a `lines` array"},
         [](Config& c, const std::string&) { c.explain = true; }},
        {{"charset", 0, "NAME", "", "read the input as this encoding (a WHATWG label: utf-8, windows-1252, shift_jis…) instead of sniffing it",
          "read the input as this encoding (a WHATWG label: `utf-8`, `windows-1252`, `shift_jis`, …) instead of sniffing it; labels WHATWG maps to \"replacement\" (`iso-2022-kr`, `hz-gb-2312`) are read with iconv"},
         [](Config& c, const std::string& v) {
             if (resolve_encoding(v).empty())
                 throw UsageError("unknown encoding '" + v + "' for --charset (use a WHATWG label such as utf-8, windows-1252, gbk)");
             c.options.charset = v;
         }},
        {{"no-repair", 0, "", "", "do not repair mojibake (\"â€™\" → \"’\") after decoding",
          "do not repair mojibake (`â€™` → `’`) after decoding"},
         [](Config& c, const std::string&) { c.options.repair = false; }},
        {{"only-decode", 0, "", "", "stop after the decode stage: print the input as repaired UTF-8 (with --format json: the text and the decode report)",
          "stop after the decode stage and print the input as (repaired) UTF-8; with `--format json`, `{\"source\",\"text\",\"decode\"}`; "
          "an archive's record is read with the charset its HTTP header declared, and its JSON has `\"warc\"` after `\"source\"`"},
         [](Config& c, const std::string&) { c.only_decode = true; }},
        {{"patterns", 0, "DIR", "", "add the pattern files under DIR (<lang>/<kind>.txt) to the built-in ones",
          "add the pattern files under DIR to the built-in ones (see [patterns/README.md](patterns/README.md))"},
         [](Config& c, const std::string& v) { c.options.patterns = v; }},
        {{"favor", 0, "WHAT", "balanced precision recall", "trade-off: balanced, precision (drop doubtful lines) or recall (keep them) [balanced]",
          "drop doubtful lines (`precision`) or keep them (`recall`); default `balanced`"},
         [](Config& c, const std::string& v) {
             c.options.favor = choose<Favor>(
                 "--favor", v, {{"balanced", Favor::Balanced}, {"precision", Favor::Precision}, {"recall", Favor::Recall}});
         }},
        {{"page-type", 0, "TYPE", "article forum product collection listing documentation service",
          "HTML: treat the page as this type (article, forum, product, collection, listing, documentation, service) instead of deciding it",
          "HTML: treat every page as this type instead of deciding it from the page (`article`, `forum`, `product`, `collection`, `listing`, `documentation`, `service`); the type decides what counts as content"},
         [](Config& c, const std::string& v) {
             c.options.page_type = one_of("--page-type", v, winnow::page_types());
         }},
        {{"comments", 0, "", "", "keep reader comments (dropped by default)",
          "keep reader comments (dropped by default) as a section of their own: after the article and a blank line in text, under `## Comments` in Markdown, in `comments` in JSON"},
         [](Config& c, const std::string&) { c.options.comments = true; }},
        {{"jobs", 'j', "N", "", "clean N documents at once [every core]",
          "clean N documents at once (default: one per core); the output order is the input order whatever N is"},
         [](Config& c, const std::string& v) { c.jobs = static_cast<std::size_t>(positive_number("--jobs", v, 4096)); }},
        {{"glob", 0, "PATTERN", "", "in directories, take only files matching PATTERN (repeatable; a '/' in it matches the path below the directory)",
          "in directories, take only the files whose name matches the shell pattern (repeatable; a pattern with a `/` is matched against the path below the directory); files named on the command line are always taken"},
         [](Config& c, const std::string& v) { c.globs.push_back(v); }},
        {{"exclude", 0, "PATTERN", "", "in directories, leave out files and directories matching PATTERN (repeatable)",
          "in directories, leave out the files and directories matching the shell pattern, with everything below them (repeatable)"},
         [](Config& c, const std::string& v) { c.excludes.push_back(v); }},
        {{"files-from", 0, "FILE", "", "read the paths of the inputs from FILE, one a line ('-': standard input)",
          "read input paths from FILE, one a line (`-`: standard input), as well as any named on the command line"},
         [](Config& c, const std::string& v) { c.files_from = v; }},
        {{"null", '0', "", "", "with --files-from, paths end with NUL, as find -print0 writes them",
          "with `--files-from`, the paths end with a NUL byte (as `find -print0` writes them), not a newline"},
         [](Config& c, const std::string&) { c.null_separated = true; }},
        {{"resume", 0, "", "", "with -o DIR, leave out documents whose output file already exists",
          "with `-o DIR`, leave out documents whose output file is already there (outputs appear only when complete), to go on with an interrupted run"},
         [](Config& c, const std::string&) { c.resume = true; }},
        {{"max-size", 0, "SIZE", "", "in a batch, fail documents larger than SIZE bytes (suffix K, M or G; 0: no limit) [64M]",
          "in a batch, a document larger than SIZE bytes (suffixes `K`, `M`, `G`: KiB, MiB, GiB; `0`: no limit) fails with \"over size limit\" and the batch goes on; default `64M`"},
         [](Config& c, const std::string& v) { c.max_size = byte_size("--max-size", v); }},
        {{"time-budget", 0, "SECONDS", "", "fail a document that takes longer than SECONDS to clean (0: no limit) [60]",
          "a document that takes longer than SECONDS to clean fails with \"over time budget\" (0: no limit); default 60"},
         [](Config& c, const std::string& v) { c.time_budget = seconds("--time-budget", v); }},
        {{"summary-json", 0, "FILE", "", "write the batch summary to FILE as JSON",
          "write the summary of the run (counts by outcome and reason, bytes, time) to FILE as one JSON object"},
         [](Config& c, const std::string& v) { c.summary_json = v; }},
        {{"quiet", 'q', "", "", "no progress bar and no summary, only errors",
          "no progress bar and no summary on a terminal; errors are still reported"},
         [](Config& c, const std::string&) { c.quiet = true; }},
        {{"help", 'h', "", "", "show this help and exit", "the help text, generated from the same table as the parser"},
         [](Config& c, const std::string&) { c.help = true; }},
        {{"version", 'V', "", "", "show the version and exit", "the version"},
         [](Config& c, const std::string&) { c.version = true; }},
    };
    return table;
}

}  // namespace

std::vector<FlagInfo> flag_table() {
    return {flags().begin(), flags().end()};
}

namespace {

const Flag* find_long(std::string_view name) {
    for (const Flag& f : flags())
        if (f.long_name == name) return &f;
    return nullptr;
}

const Flag* find_short(char name) {
    for (const Flag& f : flags())
        if (f.short_name == name) return &f;
    return nullptr;
}

}  // namespace

Config parse_arguments(const std::vector<std::string>& args) {
    Config config;
    bool options_done = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (options_done || arg == "-" || arg.empty() || arg[0] != '-') {
            config.inputs.push_back(arg);
            continue;
        }
        if (arg == "--") {
            options_done = true;
            continue;
        }
        const Flag* flag = nullptr;
        std::string shown, value;
        bool has_value = false;
        if (arg.starts_with("--")) {
            const auto eq = arg.find('=');
            shown = arg.substr(0, eq);
            flag = find_long(std::string_view(shown).substr(2));
            if (eq != std::string::npos) {
                value = arg.substr(eq + 1);
                has_value = true;
            }
        } else {
            shown = arg.substr(0, 2);
            flag = find_short(arg[1]);
            if (arg.size() > 2) {
                value = arg.substr(2);
                has_value = true;
            }
        }
        if (!flag) throw UsageError("unknown option '" + shown + "' (see winnow --help)");
        if (flag->value.empty()) {
            if (has_value) throw UsageError("option '" + shown + "' takes no value");
        } else if (!has_value) {
            if (i + 1 >= args.size()) throw UsageError("option '" + shown + "' needs a value: " + std::string(flag->value));
            value = args[++i];
        }
        flag->apply(config, value);
    }
    if (config.inputs.empty()) config.inputs.push_back("-");
    return config;
}

std::string help_text() {
    std::string text =
        "Usage: winnow [OPTIONS] [FILE|DIR...]\n"
        "Strip boilerplate and noise (menus, ads, cookie notices, related links, share prompts,\n"
        "captions) from web pages or extracted text; print the clean article.\n"
        "With no FILE, or FILE '-', read standard input. Directories are read recursively; gzip and\n"
        "zstd files are decompressed; web archives (WARC) are cleaned record by record.\n\nOptions:\n";
    for (const Flag& f : flags()) {
        std::string left = "  ";
        left += f.short_name ? std::string("-") + f.short_name + ", " : "    ";
        left += "--" + std::string(f.long_name);
        if (!f.value.empty()) left += " " + std::string(f.value);
        if (left.size() < 26) left.resize(26, ' ');
        else left += "\n" + std::string(26, ' ');
        text += left + std::string(f.help) + "\n";
    }
    text +=
        "\nExit status: 0 success, 1 if any input failed (the others are still written),\n"
        "2 on a usage error, 128+N when stopped by signal N (130 for Ctrl-C).\n";
    return text;
}

}  // namespace winnow::cli
