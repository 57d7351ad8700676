// Test helpers: file I/O, temp dirs and running the winnow binary through the shell.
#include "test_support.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
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

std::string repeated(std::string_view unit, std::size_t times) {
    std::string out;
    out.reserve(unit.size() * times);
    for (std::size_t i = 0; i < times; ++i) out += unit;
    return out;
}

const classify::Patterns& default_patterns() {
    static const classify::Patterns patterns = classify::Patterns::embedded();
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

namespace {

// Writes what it can of pending to fd without blocking; drops what was written.
void write_some(int fd, std::string_view& pending) {
    const ssize_t n = ::write(fd, pending.data(), std::min<std::size_t>(pending.size(), 1 << 16));
    if (n > 0) pending.remove_prefix(static_cast<std::size_t>(n));
}

// Appends what is readable on fd; false at end of file.
bool read_some(int fd, std::string& into) {
    char buffer[1 << 16];
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) into.append(buffer, static_cast<std::size_t>(n));
    return n != 0;
}

}  // namespace

StreamedRun run_winnow_streamed(const std::vector<std::string>& args, const std::string& head,
                                const std::string& tail) {
    int in[2], out[2], err[2];
    if (::pipe(in) != 0 || ::pipe(out) != 0 || ::pipe(err) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> argv_strings{WINNOW_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    // A sanitizer build keeps freed memory in quarantine; keep that small so peak memory measures winnow.
    std::string asan = "ASAN_OPTIONS=quarantine_size_mb=8";
    if (const char* given = std::getenv("ASAN_OPTIONS")) asan += std::string(":") + given;
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::dup2(in[0], 0);
        ::dup2(out[1], 1);
        ::dup2(err[1], 2);
        for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
        ::putenv(asan.data());
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    std::signal(SIGPIPE, SIG_IGN);  // a child that exits early must not take the test with it
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    for (int fd : {in[1], out[0], err[0]}) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);

    StreamedRun result;
    enum class Stage { Head, WaitingForOutput, Tail, Closed } stage = Stage::Head;
    std::string_view pending = head;
    bool out_open = true, err_open = true;
    int stdin_fd = in[1];
    const auto now = [] { return std::chrono::steady_clock::now(); };
    const auto deadline = now() + std::chrono::seconds(180);
    auto waiting_since = now();
    while ((out_open || err_open) && now() < deadline) {
        if (stage == Stage::Head && pending.empty()) {
            stage = Stage::WaitingForOutput;
            waiting_since = now();
        }
        if (stage == Stage::WaitingForOutput &&
            (!result.out.empty() || now() - waiting_since > std::chrono::seconds(60))) {
            result.output_before_input_end = !result.out.empty();
            stage = Stage::Tail;
            pending = tail;
        }
        if (stage == Stage::Tail && pending.empty()) {
            ::close(stdin_fd);
            stdin_fd = -1;
            stage = Stage::Closed;
        }
        pollfd fds[3] = {{out[0], static_cast<short>(out_open ? POLLIN : 0), 0},
                         {err[0], static_cast<short>(err_open ? POLLIN : 0), 0},
                         {stdin_fd, static_cast<short>(stdin_fd >= 0 && !pending.empty() ? POLLOUT : 0), 0}};
        if (::poll(fds, 3, 100) < 0) continue;
        if (fds[0].revents) out_open = read_some(out[0], result.out);
        if (fds[1].revents) err_open = read_some(err[0], result.err);
        if (stdin_fd >= 0 && (fds[2].revents & POLLOUT)) write_some(stdin_fd, pending);
        if (stdin_fd >= 0 && (fds[2].revents & (POLLERR | POLLHUP))) {
            ::close(stdin_fd);  // the child stopped reading: nothing more to write
            stdin_fd = -1;
            stage = Stage::Closed;
        }
    }
    if (stdin_fd >= 0) ::close(stdin_fd);
    if (out_open || err_open) ::kill(pid, SIGKILL);
    ::close(out[0]);
    ::close(err[0]);
    int raw = 0;
    rusage usage{};
    ::wait4(pid, &raw, 0, &usage);
    if (WIFEXITED(raw)) result.status = WEXITSTATUS(raw);
    else if (WIFSIGNALED(raw)) result.status = 128 + WTERMSIG(raw);
    result.max_rss_kib = usage.ru_maxrss;
    return result;
}

}  // namespace winnow::test

namespace winnow::test {

bool sanitizer_build() {
#if defined(__SANITIZE_ADDRESS__)
    return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return true;
#else
    return false;
#endif
#else
    return false;
#endif
}

BoundedRun run_winnow_bounded(const std::vector<std::string>& args, const std::filesystem::path& stdin_path,
                              const RunBounds& bounds) {
    TempDir dir;
    const std::string out_path = (dir.path() / "stdout").string();
    const std::string err_path = (dir.path() / "stderr").string();
    const std::string in_path = stdin_path.empty() ? std::string("/dev/null") : stdin_path.string();
    std::vector<std::string> argv_strings{WINNOW_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    const bool limit_memory = !sanitizer_build();
    const auto started = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        const int in = ::open(in_path.c_str(), O_RDONLY);
        const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || out < 0 || err < 0) ::_exit(126);
        ::dup2(in, 0);
        ::dup2(out, 1);
        ::dup2(err, 2);
        if (limit_memory) {
            const rlimit limit{bounds.address_space_bytes, bounds.address_space_bytes};
            ::setrlimit(RLIMIT_AS, &limit);
        }
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    BoundedRun result;
    int raw = 0;
    const auto limit = started + std::chrono::seconds(bounds.seconds);
    while (::waitpid(pid, &raw, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() >= limit) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &raw, 0);
            result.timed_out = true;
            break;
        }
        ::usleep(20000);
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (WIFEXITED(raw)) result.status = WEXITSTATUS(raw);
    if (WIFSIGNALED(raw)) result.signal = WTERMSIG(raw);
    result.out = read_file(out_path);
    result.err = read_file(err_path);
    return result;
}

}  // namespace winnow::test
