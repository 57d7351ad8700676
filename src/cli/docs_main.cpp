// winnow-docs: writes the man page, the shell completions or the README's option table (built at
// build time, not installed), or checks that README.md's table is the one the flags make.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/docs.h"
#include "winnow/winnow.h"

int main(int argc, char** argv) {
    const std::string what = argc > 1 ? argv[1] : "";
    if (what == "check-readme" && argc == 3) {
        std::ifstream in(argv[2], std::ios::binary);
        std::stringstream readme;
        readme << in.rdbuf();
        const std::string table = winnow::cli::readme_options_table();
        if (!in || readme.str().find("\n" + table + "\n") == std::string::npos) {
            std::fprintf(stderr, "winnow-docs: %s: its option table is not the one the flag table makes:\n%s", argv[2],
                         table.c_str());
            return 1;
        }
        return 0;
    }
    std::string text;
    if (what == "readme-table") text = winnow::cli::readme_options_table();
    else if (what == "man") text = winnow::cli::man_page(winnow::version());
    else if (what == "bash") text = winnow::cli::bash_completion();
    else if (what == "zsh") text = winnow::cli::zsh_completion();
    else if (what == "fish") text = winnow::cli::fish_completion();
    else {
        std::fprintf(stderr, "usage: winnow-docs readme-table|man|bash|zsh|fish|check-readme README.md\n");
        return 2;
    }
    std::fputs(text.c_str(), stdout);
    return 0;
}
