// Input enumeration: directory trees in sorted order, globs and excludes, symlink loops and
// dangling links reported, --files-from lists (newline and NUL separated).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "input/byte_source.h"
#include "input/walk.h"
#include "test_support.h"

using namespace winnow;
using namespace winnow::input;
namespace fs = std::filesystem;

namespace {

// "relative" for inputs, "relative: problem" for problems.
std::vector<std::string> walk(InputWalker& walker) {
    std::vector<std::string> seen;
    WalkEntry entry;
    while (walker.next(entry)) seen.push_back(entry.problem.empty() ? entry.relative : entry.relative + ": " + entry.problem);
    return seen;
}

std::vector<std::string> walk(const std::vector<std::string>& arguments, WalkOptions options = {}) {
    InputWalker walker(arguments, std::move(options));
    return walk(walker);
}

// root/B.txt  root/a/b/page.html  root/a/b/deep/x.html  root/a/c.txt  root/z.html
void make_tree(const fs::path& root) {
    for (const char* file : {"B.txt", "a/b/page.html", "a/b/deep/x.html", "a/c.txt", "z.html"}) {
        fs::create_directories((root / file).parent_path());
        test::write_file(root / file, file);
    }
}

}  // namespace

TEST_CASE("directories are walked recursively in byte order, files named are taken as they are", "[input][walk]") {
    test::TempDir dir;
    const fs::path root = dir.path() / "root";
    make_tree(root);
    CHECK(walk({root.string()}) ==
          std::vector<std::string>{"B.txt", "a/b/deep/x.html", "a/b/page.html", "a/c.txt", "z.html"});
    InputWalker walker({(root / "a/c.txt").string(), root.string() + "/a/b/", "-"}, {});
    WalkEntry entry;
    REQUIRE(walker.next(entry));
    CHECK(entry.path == (root / "a/c.txt").string());
    CHECK(entry.relative == "c.txt");
    REQUIRE(walker.next(entry));
    CHECK(entry.path == root.string() + "/a/b/deep/x.html");
    CHECK(entry.root == root.string() + "/a/b/");
    CHECK(entry.relative == "deep/x.html");
    REQUIRE(walker.next(entry));
    CHECK(entry.relative == "page.html");
    REQUIRE(walker.next(entry));
    CHECK(entry.path == "-");
    CHECK_FALSE(walker.next(entry));
}

TEST_CASE("globs choose files found in directories, excludes prune files and directories", "[input][walk]") {
    test::TempDir dir;
    const fs::path root = dir.path() / "root";
    make_tree(root);
    WalkOptions html;
    html.globs = {"*.html"};
    CHECK(walk({root.string()}, html) == std::vector<std::string>{"a/b/deep/x.html", "a/b/page.html", "z.html"});
    WalkOptions path_glob;
    path_glob.globs = {"a/*/*.html"};  // FNM_PATHNAME: '*' does not cross '/'
    CHECK(walk({root.string()}, path_glob) == std::vector<std::string>{"a/b/page.html"});
    WalkOptions exclude;
    exclude.excludes = {"b", "*.txt"};
    CHECK(walk({root.string()}, exclude) == std::vector<std::string>{"z.html"});
    // A file named directly is taken whatever the globs say.
    CHECK(walk({(root / "B.txt").string()}, html) == std::vector<std::string>{"B.txt"});
}

TEST_CASE("symlink loops, dangling links and missing paths are reported, not fatal", "[input][walk]") {
    test::TempDir dir;
    const fs::path root = dir.path() / "root";
    make_tree(root);
    fs::create_directory_symlink("..", root / "a/b/up");         // a loop back to a/
    fs::create_directory_symlink("b", root / "a/c-link");         // the same directory twice
    fs::create_symlink("nowhere", root / "a/dangling");
    fs::create_symlink("self", root / "self");                   // a link to itself
    const std::vector<std::string> seen = walk({root.string(), (dir.path() / "missing").string()});
    const std::vector<std::string> expected = {
        "B.txt",
        "a/b/deep/x.html",
        "a/b/page.html",
        "a/b/up: symbolic link loop (leads back to " + (root / "a").string() + "), not followed",
        "a/c-link: directory already read as " + (root / "a/b").string() + ", not read again",
        "a/c.txt",
        "a/dangling: dangling symbolic link",
        "self: symbolic link loop, not followed",
        "z.html",
        "missing: No such file or directory",
    };
    CHECK(seen == expected);
    WalkOptions no_follow;
    no_follow.follow_symlinks = false;
    CHECK(walk({root.string()}, no_follow) ==
          std::vector<std::string>{"B.txt", "a/b/deep/x.html", "a/b/page.html", "a/c.txt", "z.html"});
}

TEST_CASE("special files and unreadable directories are reported", "[input][walk]") {
    test::TempDir dir;
    const fs::path root = dir.path() / "root";
    make_tree(root);
    REQUIRE(::mkfifo((root / "fifo").c_str(), 0600) == 0);
    fs::create_directory(root / "closed");
    fs::permissions(root / "closed", fs::perms::none);
    const std::vector<std::string> seen = walk({root.string()});
    fs::permissions(root / "closed", fs::perms::owner_all);
    CHECK(std::find(seen.begin(), seen.end(), "fifo: not a regular file, skipped") != seen.end());
    if (::geteuid() != 0)
        CHECK(std::find(seen.begin(), seen.end(), "closed: cannot read directory: Permission denied") != seen.end());
    CHECK(std::find(seen.begin(), seen.end(), "z.html") != seen.end());
}

TEST_CASE("deep trees are walked without recursion", "[input][walk]") {
    test::TempDir dir;
    fs::path deep = dir.path() / "d";
    std::string relative;
    for (int i = 0; i < 200; ++i) {
        deep /= "n";
        relative += "n/";
    }
    fs::create_directories(deep);
    test::write_file(deep / "leaf.txt", "leaf");
    CHECK(walk({(dir.path() / "d").string()}) == std::vector<std::string>{relative + "leaf.txt"});
}

TEST_CASE("files-from lists: one path a line, or NUL separated", "[input][walk]") {
    const std::string lines = "a.txt\r\n\nb c.html\nlast-without-newline";
    MemorySource newline_source(lines, "list");
    PathListReader newline_list(newline_source, false);
    std::vector<std::string> got;
    std::string path;
    while (newline_list.next(path)) got.push_back(path);
    CHECK(got == std::vector<std::string>{"a.txt", "b c.html", "last-without-newline"});

    const std::string nul(std::string("with\nnewline.txt") + '\0' + '\0' + "x.html" + '\0');
    MemorySource nul_source(nul, "list");
    PathListReader nul_list(nul_source, true);
    got.clear();
    while (nul_list.next(path)) got.push_back(path);
    CHECK(got == std::vector<std::string>{"with\nnewline.txt", "x.html"});

    // A long list read in chunks, fed to the walker.
    std::string many;
    for (int i = 0; i < 20000; ++i) many += "file-" + std::to_string(i) + "\n";
    MemorySource many_source(many, "list");
    PathListReader many_list(many_source, false);
    InputWalker walker([&](std::string& next) { return many_list.next(next); }, {});
    WalkEntry entry;
    std::size_t count = 0;
    std::size_t missing = 0;
    while (walker.next(entry)) {
        missing += entry.problem == "No such file or directory";
        ++count;
    }
    CHECK(count == 20000);
    CHECK(missing == 20000);
}
