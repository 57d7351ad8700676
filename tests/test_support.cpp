// Test helpers: file I/O, temp dirs and running the winnow binary through the shell.
#include "test_support.h"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace winnow::test {

std::filesystem::path source_dir() { return WINNOW_SOURCE_DIR; }

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

const Patterns& default_patterns() {
    static const Patterns patterns = Patterns::embedded();
    return patterns;
}

TempDir::TempDir() {
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = std::filesystem::temp_directory_path() / ("winnow-test-" + std::to_string(rd()));
        if (std::filesystem::create_directory(candidate)) {
            path_ = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

namespace {

std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) {
        if (c == '\'') q += "'\\''";
        else q += c;
    }
    return q + "'";
}

}  // namespace

CommandResult run_winnow(const std::vector<std::string>& args, const std::string& stdin_text) {
    TempDir dir;
    const auto in = dir.path() / "stdin";
    const auto out = dir.path() / "stdout";
    const auto err = dir.path() / "stderr";
    write_file(in, stdin_text);
    std::string command = shell_quote(WINNOW_BINARY);
    for (const auto& a : args) command += " " + shell_quote(a);
    command += " < " + shell_quote(in.string()) + " > " + shell_quote(out.string()) + " 2> " +
               shell_quote(err.string());
    const int raw = std::system(command.c_str());
    CommandResult result;
    if (raw != -1 && WIFEXITED(raw)) result.status = WEXITSTATUS(raw);
    else if (raw != -1 && WIFSIGNALED(raw)) result.status = 128 + WTERMSIG(raw);
    result.out = read_file(out);
    result.err = read_file(err);
    return result;
}

}  // namespace winnow::test
