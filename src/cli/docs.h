// The man page, the shell completions and the README's option table, made from the flag table
// that drives the parser and --help (options.h), so none of them can drift from the code.
#pragma once

#include <string>
#include <string_view>

namespace winnow::cli {

std::string readme_options_table();          // the Markdown table, header included
std::string man_page(std::string_view version);  // winnow(1), roff
std::string bash_completion();
std::string zsh_completion();
std::string fish_completion();

}  // namespace winnow::cli
