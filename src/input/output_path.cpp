// Output names: mirrored input paths, record names from URI and record id, made safe component by
// component; atomic writes through mkostemps + rename.
#include "input/output_path.h"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "unicode/ascii.h"

namespace winnow::input {
namespace {

constexpr std::size_t max_component = 200;  // leaves room for the temporary name within NAME_MAX
constexpr std::size_t max_slug = 80;
constexpr std::size_t max_host = 100;

std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ull;
    }
    return hash;
}

std::string hex12(std::string_view text) {
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(fnv1a(text)));
    return std::string(out, 12);
}

using unicode::ascii_lower;
using unicode::ascii_lowered;

bool ends_with_nocase(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && ascii_lowered(text.substr(text.size() - suffix.size())) == suffix;
}

// Cut to at most `limit` bytes at a UTF-8 boundary, the cut marked with a hash of the whole.
std::string shorten(const std::string& text, std::size_t limit) {
    if (text.size() <= limit) return text;
    std::size_t keep = limit - 13;
    while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) --keep;
    return text.substr(0, keep) + "~" + hex12(text);
}

// A file or directory name from the input's own path: control characters replaced, ".." defused.
std::string safe_component(std::string_view name) {
    if (name == "..") return "__";
    std::string out(name);
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '_';
    return out;
}

std::vector<std::string> path_components(std::string_view path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::string_view part = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (!part.empty() && part != ".") parts.push_back(shorten(safe_component(part), max_component));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return parts;
}

std::string strip_compression(std::string name) {
    for (const char* suffix : {".gz", ".zst"})
        if (ends_with_nocase(name, suffix) && name.size() > std::strlen(suffix))
            return name.substr(0, name.size() - std::strlen(suffix));
    return name;
}

// "page.html" → "page"; a name that is only a leading dot and a word (".bashrc") keeps it.
std::string strip_extension(const std::string& name) {
    const std::size_t dot = name.rfind('.');
    return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

// A name from an archive or a URL: lower-case [a-z0-9._-] only, runs of anything else (and of two
// or more dots) as one '_', never starting with a dot, never longer than `limit`.
std::string slug(std::string_view text, std::size_t limit) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = ascii_lower(text[i]);
        // A run of two or more dots ("..", "...") is a separator, never part of a name.
        const bool dot_run = c == '.' && ((i + 1 < text.size() && text[i + 1] == '.') || (i > 0 && text[i - 1] == '.'));
        const bool keep = !dot_run && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_');
        if (keep) {
            out += c;
        } else if (out.empty() || out.back() != '_') {
            out += '_';
        }
    }
    while (!out.empty() && out.front() == '_') out.erase(out.begin());
    while (!out.empty() && out.back() == '_') out.pop_back();
    if (!out.empty() && out.front() == '.') out.front() = '_';
    return shorten(out, limit);
}

}  // namespace

std::filesystem::path mirrored_output(const std::filesystem::path& out_dir, std::string_view input_path,
                                      std::string_view extension) {
    const std::string ext = "." + std::string(extension);
    if (input_path == "-") return out_dir / ("stdin" + ext);
    std::vector<std::string> parts = path_components(input_path);
    if (parts.empty()) parts.push_back("unnamed");
    std::string& name = parts.back();
    name = shorten(strip_extension(strip_compression(name)), max_component - ext.size()) + ext;
    std::filesystem::path out = out_dir;
    for (const std::string& part : parts) out /= part;
    return out;
}

std::filesystem::path record_output(const std::filesystem::path& out_dir, std::string_view archive_path,
                                    std::string_view target_uri, std::string_view record_id, std::string_view extension) {
    std::vector<std::string> parts = path_components(archive_path);
    if (parts.empty()) parts.push_back("archive");
    std::string& archive = parts.back();
    archive = strip_compression(archive);
    for (const char* suffix : {".warc", ".arc"})
        if (ends_with_nocase(archive, suffix) && archive.size() > std::strlen(suffix))
            archive.resize(archive.size() - std::strlen(suffix));
    if (archive == "..") archive = "__";

    // scheme:[//[user@]host[:port]]path[?query]
    std::string_view rest = target_uri;
    const std::size_t colon = rest.find(':');
    if (colon != std::string_view::npos) rest.remove_prefix(colon + 1);
    std::string_view host;
    if (rest.substr(0, 2) == "//") {
        rest.remove_prefix(2);
        const std::size_t end = rest.find_first_of("/?#");
        host = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
        if (const std::size_t at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
    }
    if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
    std::string host_name = slug(host, max_host);
    if (host_name.empty()) host_name = "_";
    std::string page = slug(rest, max_slug);
    if (page.empty()) page = "index";
    const std::string id = record_id.empty() ? std::string(target_uri) : std::string(record_id);

    std::filesystem::path out = out_dir;
    for (const std::string& part : parts) out /= part;
    return out / host_name / (page + "-" + hex12(id) + "." + std::string(extension));
}

std::filesystem::path OutputNames::claim(const std::filesystem::path& wanted) {
    if (taken_.insert(ascii_lowered(wanted.string())).second) return wanted;
    const std::filesystem::path parent = wanted.parent_path();
    const std::string stem = wanted.stem().string();
    const std::string ext = wanted.extension().string();
    for (unsigned n = 2;; ++n) {
        const std::filesystem::path candidate = parent / (stem + "~" + std::to_string(n) + ext);
        if (taken_.insert(ascii_lowered(candidate.string())).second) return candidate;
    }
}

bool is_inside(const std::filesystem::path& dir, const std::filesystem::path& path) {
    auto d = dir.begin();
    auto p = path.begin();
    for (; d != dir.end(); ++d, ++p) {
        if (d->empty()) continue;  // a trailing separator
        if (p == path.end() || *d != *p) return false;
    }
    if (p == path.end()) return false;
    for (; p != path.end(); ++p)
        if (p->empty() || *p == "." || *p == "..") return false;
    return true;
}

void write_file_atomically(const std::filesystem::path& out_dir, const std::filesystem::path& target,
                           std::string_view bytes, bool sync) {
    const std::string name = target.string();
    if (!is_inside(out_dir, target)) throw OutputError(name + ": not inside the output directory " + out_dir.string());

    // DIR itself is the user's choice (a link is fine there); below it, parent directories are made
    // one at a time, none of them a symbolic link.
    std::error_code ignored;
    std::filesystem::create_directories(out_dir, ignored);
    std::filesystem::path current = out_dir;
    const std::filesystem::path parent = target.parent_path();
    auto component = parent.begin();
    for (auto d = out_dir.begin(); d != out_dir.end(); ++d)
        if (!d->empty()) ++component;
    for (; component != parent.end(); ++component) {
        if (component->empty()) continue;
        current /= *component;
        struct stat info {};
        if (::lstat(current.c_str(), &info) == 0) {
            if (S_ISLNK(info.st_mode))
                throw OutputError(name + ": " + current.string() + " is a symbolic link; output is not written through one");
            if (!S_ISDIR(info.st_mode)) throw OutputError(name + ": " + current.string() + " is not a directory");
            continue;
        }
        if (errno != ENOENT || (::mkdir(current.c_str(), 0777) != 0 && errno != EEXIST))
            throw OutputError(name + ": cannot create " + current.string() + ": " + std::strerror(errno));
    }

    std::string temporary = (parent / ("." + target.filename().string() + ".XXXXXX.partial")).string();
    const int fd = ::mkostemps(temporary.data(), 8, O_CLOEXEC);
    if (fd < 0) throw OutputError(name + ": cannot create a temporary file: " + std::strerror(errno));
    auto fail = [&](const std::string& what) {
        const int error = errno;
        ::close(fd);
        ::unlink(temporary.c_str());
        throw OutputError(name + ": " + what + ": " + std::strerror(error));
    };
    if (::fchmod(fd, 0644) != 0) fail("cannot set permissions");
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("cannot write");
        }
        written += static_cast<std::size_t>(n);
    }
    if (sync && ::fsync(fd) != 0) fail("cannot sync");
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        throw OutputError(name + ": cannot write: " + std::strerror(error));
    }
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        throw OutputError(name + ": cannot rename the temporary file into place: " + std::strerror(error));
    }
}

OutputFile::OutputFile(const std::string& path) : name_(path.empty() || path == "-" ? "<stdout>" : path), path_(path) {
    if (path.empty() || path == "-") {
        fd_ = STDOUT_FILENO;
        return;
    }
    struct stat info {};
    const bool exists = ::stat(path.c_str(), &info) == 0;
    if (exists && S_ISDIR(info.st_mode)) throw OutputError(name_ + ": cannot write: is a directory");
    if (exists && !S_ISREG(info.st_mode)) {
        fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd_ < 0) throw OutputError(name_ + ": cannot write: " + std::strerror(errno));
        return;
    }
    const std::filesystem::path target(path);
    const std::filesystem::path parent = target.has_parent_path() ? target.parent_path() : ".";
    temporary_ = (parent / ("." + target.filename().string() + ".XXXXXX.partial")).string();
    fd_ = ::mkostemps(temporary_.data(), 8, O_CLOEXEC);
    if (fd_ < 0) {
        temporary_.clear();
        throw OutputError(name_ + ": cannot write: " + std::strerror(errno));
    }
    ::fchmod(fd_, exists ? (info.st_mode & 07777) : 0644);
}

OutputFile::~OutputFile() {
    if (fd_ > STDERR_FILENO) ::close(fd_);
    if (!temporary_.empty()) ::unlink(temporary_.c_str());
}

void OutputFile::write(std::string_view bytes) {
    if (fd_ < 0) throw OutputError(name_ + ": write failed: already closed");
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw OutputError(name_ + ": write failed: " + std::strerror(errno));
        }
        written += static_cast<std::size_t>(n);
    }
}

void OutputFile::commit() {
    if (fd_ <= STDERR_FILENO) {
        fd_ = -1;
        return;
    }
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) throw OutputError(name_ + ": write failed: " + std::strerror(errno));
    if (temporary_.empty()) return;
    if (::rename(temporary_.c_str(), path_.c_str()) != 0)
        throw OutputError(name_ + ": cannot rename the temporary file into place: " + std::strerror(errno));
    temporary_.clear();
}

bool output_complete(const std::filesystem::path& target) {
    struct stat info {};
    return ::lstat(target.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

bool is_partial_output(const std::filesystem::path& path) {
    const std::string name = path.filename().string();
    return name.size() > 16 && name.front() == '.' && name.ends_with(".partial");
}

}  // namespace winnow::input
