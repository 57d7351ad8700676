// Turning command-line paths into the list of input files: files as named, directories walked
// recursively in sorted (byte) order, --glob / --exclude patterns (fnmatch), paths read from a
// --files-from list. Problems (symlink loops, unreadable directories, dangling links) are entries of
// their own, reported and passed over, never fatal.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "input/byte_source.h"

namespace winnow::input {

struct WalkOptions {
    // --glob: a file found inside a directory is taken only if it matches one of these (when there
    // are any). A pattern with a '/' is matched against the path below the named directory, one
    // without against the file name (fnmatch(3), FNM_PATHNAME). Files named directly are always taken.
    std::vector<std::string> globs;
    // --exclude: files and directories found inside a directory that match any of these (same
    // rule) are left out, with everything below them. Paths named directly are always taken.
    std::vector<std::string> excludes;
    bool follow_symlinks = true;  // symbolic links to files and directories are followed
};

struct WalkEntry {
    std::string path;      // to open: "a/b/page.html" ("-" is standard input)
    std::string root;      // the argument it came from: "a"
    std::string relative;  // below the argument: "b/page.html" (the file name for a named file)
    std::string problem;   // non-empty: not an input, but something to report ("symbolic link loop …")
    // What kind of problem: `unreadable` (missing, no permission, dangling link) is a failure; the
    // others are entries passed over on purpose (counted as skipped by a batch).
    enum class Problem { none, unreadable, link_loop, already_read, not_regular } kind = Problem::none;
    std::string message() const { return path + ": " + problem; }
};

// One path after another, from a list or from a callable (a --files-from reader).
class InputWalker {
public:
    InputWalker(std::vector<std::string> arguments, WalkOptions options);
    InputWalker(std::function<bool(std::string&)> next_argument, WalkOptions options);
    ~InputWalker();
    InputWalker(const InputWalker&) = delete;
    InputWalker& operator=(const InputWalker&) = delete;

    // The next input file or problem; false when every argument has been walked. Memory is one
    // sorted listing per directory level being walked, plus one id per directory seen.
    bool next(WalkEntry& entry);

private:
    struct Directory;
    bool start_argument(const std::string& argument, WalkEntry& entry);
    bool enter_directory(const std::string& path, const std::string& root, const std::string& relative,
                         std::uint64_t device, std::uint64_t inode, WalkEntry& entry);
    bool excluded(const std::string& relative, const std::string& name) const;
    bool globbed(const std::string& relative, const std::string& name) const;

    std::function<bool(std::string&)> next_argument_;
    WalkOptions options_;
    std::vector<std::unique_ptr<Directory>> stack_;
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::string> seen_directories_;
};

// Reads a --files-from list: one path a line (a trailing CR dropped; empty lines skipped), or
// NUL-separated as `find -print0` writes (`null_separated`). Paths are handed out one at a time.
class PathListReader {
public:
    PathListReader(ByteSource& source, bool null_separated) : source_(source), separator_(null_separated ? '\0' : '\n') {}
    bool next(std::string& path);

private:
    ByteSource& source_;
    char separator_;
    std::string buffer_;
    std::size_t pos_ = 0;
    bool eof_ = false;
};

}  // namespace winnow::input
