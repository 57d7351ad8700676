// Where `-o DIR` writes each document, and how: names made from input paths, archive record URIs
// and record ids, always inside DIR whatever the archive or the URL says; files written under a
// temporary name and renamed, so an interrupted run never leaves half a file under the real name.
#pragma once

#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

namespace winnow::input {

// An output that could not be written; what() names the file and the problem.
class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The output file for an input file: the input's path mirrored below `out_dir`, its extension
// (after a .gz or .zst) replaced by `extension` ("txt", "md", "json"): "a/b/page.html" →
// DIR/a/b/page.txt. A leading "/" is dropped, "." components vanish and ".." becomes "__", so
// "../x.html" and "/etc/x.html" stay inside DIR. Standard input ("-") is "stdin.EXT".
std::filesystem::path mirrored_output(const std::filesystem::path& out_dir, std::string_view input_path,
                                      std::string_view extension);

// The output file for an archive record:
//   DIR/<archive path mirrored, without .warc/.gz/.zst>/<host>/<URI path slug>-<12 hex>.EXT
// The host and slug keep only [a-z0-9._-] (lower-cased; anything else, "%2F" included, becomes
// "_"), and are cut to a bounded length; the hex digits are a hash of the record id, so two
// records never share a name, whatever their URIs, and names never differ only in case.
std::filesystem::path record_output(const std::filesystem::path& out_dir, std::string_view archive_path,
                                    std::string_view target_uri, std::string_view record_id, std::string_view extension);

// Keeps output names distinct where a file system may not: "page.html" and "page.htm" both want
// page.txt, "Page.html" and "page.html" clash on case-insensitive file systems. The first claimant
// of a name (compared without case) keeps it; later ones get "~2", "~3"… before the extension.
// Deterministic for a deterministic input order, so --resume finds the same names again.
class OutputNames {
public:
    std::filesystem::path claim(const std::filesystem::path& wanted);

private:
    std::set<std::string> taken_;  // lower-cased full paths
};

// True when `path` lies inside `dir` by its components alone: no "..", no ".", no empty component.
bool is_inside(const std::filesystem::path& dir, const std::filesystem::path& path);

// Writes `bytes` to a new temporary file beside `target` (".NAME.XXXXXX.partial"), optionally
// fsyncs it, and renames it over `target`. Parent directories below `out_dir` are created; a
// symbolic link among them is refused (an archive must not be able to redirect output through
// one). Throws OutputError naming the file.
void write_file_atomically(const std::filesystem::path& out_dir, const std::filesystem::path& target,
                           std::string_view bytes, bool sync = false);

// One output stream written as documents finish (-o FILE, or standard output). A regular file
// appears under its name only when commit() renames it there from a temporary name beside it, so
// an interrupted run leaves the previous file (or none), never half of one; standard output ("-"
// or empty), devices and FIFOs are written directly. Throws OutputError naming the output:
// "NAME: write failed: <errno text>" or "NAME: cannot write: …" when it cannot be created.
class OutputFile {
public:
    explicit OutputFile(const std::string& path);
    ~OutputFile();  // removes the temporary file when commit() was not reached
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    // Writes all of `bytes` and flushes them, so each document reaches a reader as soon as it is done.
    void write(std::string_view bytes);
    // Closes the output and renames it into place.
    void commit();
    const std::string& name() const { return name_; }  // "<stdout>" for standard output

private:
    std::string name_;
    std::string path_;
    std::string temporary_;  // empty when written directly
    int fd_ = -1;
};

// For --resume: the output exists as a regular file. Outputs only appear by rename, so one that
// exists is complete.
bool output_complete(const std::filesystem::path& target);

// True for the temporary names write_file_atomically uses, so a later run can remove leftovers.
bool is_partial_output(const std::filesystem::path& path);

}  // namespace winnow::input
