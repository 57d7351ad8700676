// Flag table and parser for the winnow command line.
#include "cli/options.h"

#include <functional>
#include <string_view>

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

const std::vector<Flag>& flags() {
    static const std::vector<Flag> table = {
        {{"output", 'o', "FILE", "", "write to FILE instead of standard output",
          "write to FILE instead of standard output"},
         [](Config& c, const std::string& v) { c.output = v; }},
        {{"input", 0, "KIND", "auto text html", "what the input is: auto (sniff markup), text or html [auto]",
          "what the input is; `auto` (default) treats it as HTML when it starts with markup or is dense with HTML tags, else as text"},
         [](Config& c, const std::string& v) {
             c.options.input = choose<InputKind>("--input", v,
                                                  {{"auto", InputKind::Auto}, {"text", InputKind::Text}, {"html", InputKind::Html}});
         }},
        {{"format", 'f', "FORMAT", "text json markdown", "output format: text (title, then one paragraph per line), json (one object per document per line) or markdown (headings, lists, tables, quotes, code kept) [text]",
          "output format (below); default `text`"},
         [](Config& c, const std::string& v) {
             c.format = choose<Format>("--format", v,
                                       {{"text", Format::Text}, {"json", Format::Json}, {"markdown", Format::Markdown}});
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
          "stop after the decode stage and print the input as (repaired) UTF-8; with `--format json`, `{\"source\",\"text\",\"decode\"}`"},
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
        {{"comments", 0, "", "", "keep reader comments (dropped by default)",
          "keep reader comments (dropped by default) as a section of their own: after the article and a blank line in text, under `## Comments` in Markdown, in `comments` in JSON"},
         [](Config& c, const std::string&) { c.options.comments = true; }},
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
        "Usage: winnow [OPTIONS] [FILE...]\n"
        "Strip boilerplate and noise (menus, ads, cookie notices, related links, share prompts,\n"
        "captions) from web pages or extracted text; print the clean article.\n"
        "With no FILE, or FILE '-', read standard input.\n\nOptions:\n";
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
        "2 on a usage error.\n";
    return text;
}

}  // namespace winnow::cli
