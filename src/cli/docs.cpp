// Documentation made from the flag table: one place defines every option.
#include "cli/docs.h"

#include <vector>

#include "cli/options.h"

namespace winnow::cli {
namespace {

std::vector<std::string> words(std::string_view list) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < list.size()) {
        std::size_t end = list.find(' ', start);
        if (end == std::string_view::npos) end = list.size();
        if (end > start) out.emplace_back(list.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

// What a flag's value completes to: its choices, directories, files, or nothing to offer.
enum class ValueKind { None, Choice, File, Directory, Free };

ValueKind value_kind(const FlagInfo& flag) {
    if (flag.value.empty()) return ValueKind::None;
    if (!flag.choices.empty()) return ValueKind::Choice;
    if (flag.value == "FILE") return ValueKind::File;
    if (flag.value == "DIR") return ValueKind::Directory;
    return ValueKind::Free;
}

// Roff text: backslashes and hyphens escaped, `code` in bold, a leading dot or quote guarded.
std::string roff(std::string_view markdown) {
    std::string out;
    bool code = false;
    for (std::size_t i = 0; i < markdown.size(); ++i) {
        const char c = markdown[i];
        if (c == '`') {
            out += code ? "\\fR" : "\\fB";
            code = !code;
        } else if (c == '\\') {
            out += "\\e";
        } else if (c == '-') {
            out += "\\-";
        } else {
            out += c;
        }
    }
    if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
    return out;
}

std::string single_quoted(std::string_view text) {
    std::string out;
    for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out;
}

}  // namespace

std::string readme_options_table() {
    std::string out = "| option | meaning |\n|---|---|\n";
    for (const FlagInfo& flag : flag_table()) {
        out += "| `";
        if (flag.short_name) out += std::string("-") + flag.short_name + ", ";
        out += "--" + std::string(flag.long_name);
        if (!flag.choices.empty()) out += " " + joined(words(flag.choices), "\\|");
        else if (!flag.value.empty()) out += " " + std::string(flag.value);
        out += "` | " + std::string(flag.doc) + " |\n";
    }
    return out;
}

std::string man_page(std::string_view version) {
    std::string out;
    out += ".TH WINNOW 1 \"\" \"winnow " + std::string(version) + "\" \"User Commands\"\n";
    out += ".SH NAME\nwinnow \\- strip boilerplate and noise from web pages and text dumps\n";
    out += ".SH SYNOPSIS\n.B winnow\n[\\fIOPTIONS\\fR] [\\fIFILE\\fR...]\n";
    out += ".SH DESCRIPTION\n"
           "winnow reads each FILE, or standard input when there is none or FILE is \\fB\\-\\fR, and writes the clean "
           "article text to standard output: menus, ads, cookie notices, related and teaser links, newsletter and "
           "share prompts, captions and other boilerplate are stripped. Input may be HTML or plain text (such as "
           "w3m or lynx dumps) in any encoding; mojibake is repaired. It is quiet on success.\n";
    out += ".SH OPTIONS\n";
    for (const FlagInfo& flag : flag_table()) {
        out += ".TP\n";
        if (flag.short_name) out += std::string("\\fB\\-") + flag.short_name + "\\fR, ";
        out += "\\fB\\-\\-" + roff(flag.long_name) + "\\fR";
        if (!flag.choices.empty()) out += " \\fI" + joined(words(flag.choices), "\\fR|\\fI") + "\\fR";
        else if (!flag.value.empty()) out += " \\fI" + std::string(flag.value) + "\\fR";
        out += "\n" + roff(flag.doc) + ".\n";
    }
    out += ".SH EXIT STATUS\n"
           "0 on success; 1 when any input failed (the others are still written) or the output could not be "
           "written; 2 on a usage error.\n";
    out += ".SH EXAMPLES\n.nf\ncurl \\-s https://example.org/story | winnow > article.txt\n"
           "winnow \\-\\-format json a.txt b.html > out.jsonl\nwinnow \\-\\-explain dump.txt\n.fi\n";
    return out;
}

std::string bash_completion() {
    std::string out = "# bash completion for winnow (generated from its flag table)\n_winnow() {\n"
                      "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                      "    case \"$prev\" in\n";
    std::vector<std::string> all;
    for (const FlagInfo& flag : flag_table()) {
        std::string names = "--" + std::string(flag.long_name);
        all.push_back(names);
        if (flag.short_name) {
            names = std::string("-") + flag.short_name + "|" + names;
            all.push_back(std::string("-") + flag.short_name);
        }
        switch (value_kind(flag)) {
            case ValueKind::None: break;
            case ValueKind::Choice:
                out += "        " + names + ") COMPREPLY=($(compgen -W '" + std::string(flag.choices) + "' -- \"$cur\")); return ;;\n";
                break;
            case ValueKind::File: out += "        " + names + ") COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"; break;
            case ValueKind::Directory: out += "        " + names + ") COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n"; break;
            case ValueKind::Free: out += "        " + names + ") return ;;\n"; break;
        }
    }
    out += "    esac\n    if [[ \"$cur\" == -* ]]; then\n        COMPREPLY=($(compgen -W '" + joined(all, " ") +
           "' -- \"$cur\"))\n    else\n        COMPREPLY=($(compgen -f -- \"$cur\"))\n    fi\n}\n"
           "complete -o filenames -F _winnow winnow\n";
    return out;
}

std::string zsh_completion() {
    std::string out = "#compdef winnow\n# zsh completion for winnow (generated from its flag table)\n_arguments -s \\\n";
    for (const FlagInfo& flag : flag_table()) {
        std::string spec;
        // Inside an _arguments spec, brackets and colons of the description are escaped.
        std::string escaped_help = "[";
        for (const char c : single_quoted(flag.help)) {
            if (c == '[' || c == ']' || c == ':') escaped_help += '\\';
            escaped_help += c;
        }
        escaped_help += "]";
        std::string action;
        switch (value_kind(flag)) {
            case ValueKind::None: break;
            case ValueKind::Choice: action = ":" + std::string(flag.value) + ":(" + std::string(flag.choices) + ")"; break;
            case ValueKind::File: action = ":" + std::string(flag.value) + ":_files"; break;
            case ValueKind::Directory: action = ":" + std::string(flag.value) + ":_files -/"; break;
            case ValueKind::Free: action = ":" + std::string(flag.value) + ": "; break;
        }
        if (flag.short_name) {
            const std::string s = std::string("-") + flag.short_name, l = "--" + std::string(flag.long_name);
            spec = "'(" + s + " " + l + ")'{" + s + "," + l + "}'" + escaped_help + action + "'";
        } else {
            spec = "'--" + std::string(flag.long_name) + escaped_help + action + "'";
        }
        out += "    " + spec + " \\\n";
    }
    out += "    '*:input file:_files'\n";
    return out;
}

std::string fish_completion() {
    std::string out = "# fish completion for winnow (generated from its flag table)\n";
    for (const FlagInfo& flag : flag_table()) {
        out += "complete -c winnow";
        if (flag.short_name) out += std::string(" -s ") + flag.short_name;
        out += " -l " + std::string(flag.long_name);
        switch (value_kind(flag)) {
            case ValueKind::None: break;
            case ValueKind::Choice: out += " -x -a '" + std::string(flag.choices) + "'"; break;
            case ValueKind::File: out += " -r -F"; break;
            case ValueKind::Directory: out += " -x -a '(__fish_complete_directories)'"; break;
            case ValueKind::Free: out += " -x"; break;
        }
        out += " -d '" + single_quoted(flag.help) + "'\n";
    }
    return out;
}

}  // namespace winnow::cli
