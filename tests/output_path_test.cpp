// Output paths: mirrored trees, record names that can never leave the output directory, distinct
// names, atomic writes and the --resume check.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>

#include "input/output_path.h"
#include "test_support.h"

using namespace winnow;
using namespace winnow::input;
namespace fs = std::filesystem;

namespace {

// Inside by components, and also after resolving the names on disk as far as they exist.
bool stays_inside(const fs::path& dir, const fs::path& path) {
    if (!is_inside(dir, path)) return false;
    const std::string resolved = fs::weakly_canonical(path).string();
    const std::string root = fs::weakly_canonical(dir).string() + "/";
    return resolved.rfind(root, 0) == 0;
}

bool components_fit(const fs::path& path) {
    for (const fs::path& part : path)
        if (part.string().size() > 255) return false;
    return true;
}

}  // namespace

TEST_CASE("input paths are mirrored below the output directory with the format's extension", "[input][output]") {
    const fs::path out = "/out";
    CHECK(mirrored_output(out, "a/b/page.html", "txt") == "/out/a/b/page.txt");
    CHECK(mirrored_output(out, "./a//b/page.html", "md") == "/out/a/b/page.md");
    CHECK(mirrored_output(out, "page.html.gz", "json") == "/out/page.json");
    CHECK(mirrored_output(out, "dump.txt.zst", "txt") == "/out/dump.txt");
    CHECK(mirrored_output(out, "README", "txt") == "/out/README.txt");
    CHECK(mirrored_output(out, ".profile", "txt") == "/out/.profile.txt");
    CHECK(mirrored_output(out, "-", "txt") == "/out/stdin.txt");
    CHECK(mirrored_output(out, "/etc/passwd", "txt") == "/out/etc/passwd.txt");
    CHECK(mirrored_output(out, "../../etc/passwd", "txt") == "/out/__/__/etc/passwd.txt");
    CHECK(mirrored_output(out, "a/../../b.html", "txt") == "/out/a/__/__/b.txt");
    CHECK(mirrored_output(out, std::string("new\nline\x01.html"), "txt") == "/out/new_line_.txt");
    CHECK(mirrored_output(out, "/", "txt") == "/out/unnamed.txt");
    const fs::path long_name = mirrored_output(out, std::string(400, 'x') + ".html", "txt");
    CHECK(components_fit(long_name));
    CHECK(long_name.filename().string().size() <= 200);
    CHECK(long_name.extension() == ".txt");
    CHECK(mirrored_output(out, std::string(400, 'x') + "1.html", "txt") != long_name);  // the cut keeps a hash
    for (const char* hostile : {"../x", "/../../x", "..", "a/./../..", "....//x"}) {
        INFO(hostile);
        CHECK(is_inside(out, mirrored_output(out, hostile, "txt")));
    }
}

TEST_CASE("record names come from the URI and a hash of the record id", "[input][output]") {
    const fs::path out = "/out";
    const fs::path p = record_output(out, "crawls/news.warc.gz", "https://user@News.Example.COM:8443/2026/12/story.html?id=7#top",
                                     "<urn:uuid:1>", "txt");
    CHECK(p.parent_path() == "/out/crawls/news/news.example.com_8443");
    const std::string name = p.filename().string();
    CHECK(name.rfind("2026_12_story.html_id_7-", 0) == 0);
    CHECK(name.size() == std::string("2026_12_story.html_id_7-").size() + 12 + 4);
    CHECK(record_output(out, "a.warc", "http://example.com/", "<urn:uuid:1>", "txt").filename().string().rfind("index-", 0) == 0);
    // The same URI under two record ids: two names. The same id: the same name (stable for --resume).
    CHECK(record_output(out, "a.warc", "http://x/", "<urn:uuid:1>", "txt") != record_output(out, "a.warc", "http://x/", "<urn:uuid:2>", "txt"));
    CHECK(record_output(out, "a.warc", "http://x/", "<urn:uuid:1>", "txt") == record_output(out, "a.warc", "http://x/", "<urn:uuid:1>", "txt"));
}

TEST_CASE("no URI or archive name can put a record outside the output directory", "[input][output]") {
    test::TempDir dir;
    const fs::path out = dir.path() / "out";
    fs::create_directories(out);
    const std::vector<std::string> uris = {
        "http://example.com/../../../etc/passwd",
        "http://../../etc/passwd",
        "file:///etc/passwd",
        "/absolute/path",
        "http://example.com/a%2F..%2F..%2Fb",
        "http://example.com/%2e%2e/%2e%2e/x",
        std::string("http://example.com/a\0/../../b", 29),
        "http://example.com/\x01\x02\x7f\r\n",
        "http://example.com/" + std::string(5000, 'a'),
        "http://" + std::string(5000, 'h') + "/x",
        "http://./",
        "http://../",
        "http://.../...",
        "..",
        "",
        "C:\\windows\\system32",
        "http://example.com/\xc3\xa9t\xc3\xa9/\xe2\x80\xae" "fdp.exe",
    };
    std::set<std::string> names;
    for (const std::string& uri : uris) {
        INFO(uri);
        for (const char* archive : {"x.warc.gz", "../../evil.warc", "/abs/evil.warc", "..", ""}) {
            const fs::path p = record_output(out, archive, uri, "<urn:uuid:" + uri + ">", "txt");
            CHECK(stays_inside(out, p));
            CHECK(components_fit(p));
            for (const fs::path& part : p.lexically_relative(out)) CHECK((part != ".." && part != "."));
            names.insert(p.string());
        }
    }
    CHECK(names.size() == uris.size() * 5);
    // Writing one of them lands where it says.
    const fs::path p = record_output(out, "x.warc.gz", "http://example.com/../../../etc/passwd", "<urn:uuid:9>", "txt");
    write_file_atomically(out, p, "text\n");
    CHECK(test::read_file(p) == "text\n");
    CHECK(p.parent_path() == out / "x" / "example.com");
}

TEST_CASE("names that differ only in case, or only in the dropped extension, are kept apart", "[input][output]") {
    OutputNames names;
    CHECK(names.claim("/out/a/page.txt") == "/out/a/page.txt");
    CHECK(names.claim("/out/a/page.txt") == "/out/a/page~2.txt");
    CHECK(names.claim("/out/a/Page.txt") == "/out/a/Page~3.txt");
    CHECK(names.claim("/out/A/page.txt") == "/out/A/page~4.txt");
    CHECK(names.claim("/out/a/other.txt") == "/out/a/other.txt");
    // Record names never differ only in case: URIs are lower-cased and the id hash is lower-case hex.
    const fs::path upper = record_output("/out", "a.warc", "http://x/Page", "<urn:uuid:A>", "txt");
    const fs::path lower = record_output("/out", "a.warc", "http://x/page", "<urn:uuid:a>", "txt");
    CHECK(upper != lower);
    std::string u = upper.string();
    for (char& c : u) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(u == upper.string());
}

TEST_CASE("atomic writes leave either the old file or the new one, never a partial file", "[input][output]") {
    test::TempDir dir;
    const fs::path out = dir.path() / "out";
    const fs::path target = out / "a" / "b" / "page.txt";
    CHECK_FALSE(output_complete(target));
    write_file_atomically(out, target, "first\n");
    CHECK(output_complete(target));
    CHECK(test::read_file(target) == "first\n");
    write_file_atomically(out, target, "second\n", true);
    CHECK(test::read_file(target) == "second\n");
    for (const auto& entry : fs::recursive_directory_iterator(out)) CHECK_FALSE(is_partial_output(entry.path()));
    CHECK((fs::status(target).permissions() & fs::perms::others_read) == fs::perms::others_read);

    // What an interrupted run leaves behind is recognisable and does not count as complete.
    test::write_file(target.parent_path() / ".other.txt.Ab12Cd.partial", "half");
    CHECK(is_partial_output(target.parent_path() / ".other.txt.Ab12Cd.partial"));
    CHECK_FALSE(output_complete(target.parent_path() / "other.txt"));
    CHECK_FALSE(is_partial_output(target));
}

TEST_CASE("atomic writes refuse symbolic links below the output directory and paths outside it", "[input][output]") {
    test::TempDir dir;
    const fs::path out = dir.path() / "out";
    const fs::path elsewhere = dir.path() / "elsewhere";
    fs::create_directories(out);
    fs::create_directories(elsewhere);
    fs::create_directory_symlink(elsewhere, out / "link");
    CHECK_THROWS_WITH(write_file_atomically(out, out / "link" / "x.txt", "x"), Catch::Contains("is a symbolic link"));
    CHECK_FALSE(fs::exists(elsewhere / "x.txt"));
    CHECK_THROWS_WITH(write_file_atomically(out, out / ".." / "x.txt", "x"), Catch::Contains("not inside the output directory"));
    CHECK_THROWS_WITH(write_file_atomically(out, dir.path() / "x.txt", "x"), Catch::Contains("not inside the output directory"));
    test::write_file(out / "file", "x");
    CHECK_THROWS_WITH(write_file_atomically(out, out / "file" / "x.txt", "x"), Catch::Contains("is not a directory"));
    // A symbolic link as the output file itself is replaced, not written through.
    test::write_file(elsewhere / "target.txt", "keep");
    fs::create_symlink(elsewhere / "target.txt", out / "name.txt");
    write_file_atomically(out, out / "name.txt", "new");
    CHECK(test::read_file(elsewhere / "target.txt") == "keep");
    CHECK(test::read_file(out / "name.txt") == "new");
    CHECK_FALSE(fs::is_symlink(out / "name.txt"));
}
