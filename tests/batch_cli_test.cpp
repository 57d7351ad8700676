// The batch through the `winnow` binary: trees with compressed files and web archives inside, built
// here, cleaned to a directory, to JSON Lines and to a WARC, on one and several workers; lists,
// patterns, limits, --resume, a signal in the middle. Every output and every summary figure checked.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>
#include <zstd.h>

#include "input/byte_source.h"
#include "input/gzip_member.h"
#include "input/output_path.h"
#include "input/warc.h"
#include "test_support.h"

using namespace winnow::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string page(const std::string& title, const std::string& body) {
    return "<html><head><title>" + title + "</title></head><body><nav>Home | News | Sport | Weather</nav><article><h1>" +
           title + "</h1><p>" + body +
           "</p><p>Officials said the work would go on through the winter, weather permitting, and that the "
           "next report is due in the spring.</p></article><footer>Cookies help us deliver our services.</footer></body></html>";
}

const std::string harbour = page("Harbour closed",
                                 "The harbour stayed closed on Tuesday as the storm kept waves above four metres, the "
                                 "port authority said in a statement to the caf\xe9 owners along the quay.");
const std::string bridge = page("Bridge reopens",
                                "The old bridge reopened to traffic on Monday after eight months of repairs to its "
                                "stone arches, the council said.");
const std::string library = page("Library extends hours",
                                 "The central library will stay open until nine in the evening from next week, after "
                                 "a survey of readers asked for later hours.");

std::string record(const std::string& type, const std::string& uri, const std::string& content_type,
                   const std::string& block, const std::string& id) {
    return "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: " + id + "\r\nWARC-Date: 2026-12-05T15:00:00Z\r\n" +
           "WARC-Target-URI: " + uri + "\r\nContent-Type: " + content_type + "\r\nContent-Length: " +
           std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

std::string http(const std::string& fields, const std::string& body) { return "HTTP/1.1 200 OK\r\n" + fields + "\r\n" + body; }

std::string chunked(const std::string& body) {
    std::ostringstream out;
    for (std::size_t i = 0; i < body.size(); i += 100) {
        const std::string piece = body.substr(i, 100);
        out << std::hex << piece.size() << "\r\n" << piece << "\r\n";
    }
    out << "0\r\n\r\n";
    return out.str();
}

std::string gzip(const std::string& bytes) {
    std::string out;
    winnow::input::append_gzip_member(out, bytes);
    return out;
}

std::string zstd(const std::string& bytes) {
    std::string out(ZSTD_compressBound(bytes.size()), '\0');
    out.resize(ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), 3));
    return out;
}

// A crawl as crawlers write it: one gzip member per record. Eight records: warcinfo, 3 responses
// (one with a declared windows-1252 charset, one chunked, one gzip-encoded), a request, an image, a
// resource whose URI tries to climb out of the output folder, and a truncated last record.
std::string crawl() {
    std::string warc;
    auto add = [&warc](const std::string& bytes) { winnow::input::append_gzip_member(warc, bytes); };
    add(record("warcinfo", "urn:x", "application/warc-fields", "software: test\r\n", "<urn:uuid:0>"));
    add(record("response", "http://news.example/2026/harbour.html", "application/http; msgtype=response",
               http("Content-Type: text/html; charset=windows-1252\r\n", harbour), "<urn:uuid:1>"));
    add(record("request", "http://news.example/2026/harbour.html", "application/http; msgtype=request",
               "GET /2026/harbour.html HTTP/1.1\r\n\r\n", "<urn:uuid:2>"));
    add(record("response", "http://news.example/2026/bridge.html", "application/http; msgtype=response",
               http("Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", chunked(bridge)), "<urn:uuid:3>"));
    add(record("response", "http://news.example/logo.png", "application/http; msgtype=response",
               http("Content-Type: image/png\r\n", "\x89PNG\r\n"), "<urn:uuid:4>"));
    add(record("response", "http://news.example/2026/library.html", "application/http; msgtype=response",
               http("Content-Type: text/html\r\nContent-Encoding: gzip\r\n", gzip(library)), "<urn:uuid:5>"));
    add(record("resource", "http://news.example/../../../../etc/passwd", "text/html", bridge, "<urn:uuid:6>"));
    std::string last;
    winnow::input::append_gzip_member(last, record("response", "http://news.example/cut.html", "application/http; msgtype=response",
                                                   http("Content-Type: text/html\r\n", harbour), "<urn:uuid:7>"));
    return warc + last.substr(0, last.size() - 30);
}

// in/
//   a/b/harbour.html          plain, windows-1252 bytes (café)
//   a/bridge.html.gz          gzip
//   a/library.htm.zst         zstd, named without .zst's usual inner extension
//   a/notes.txt               plain text
//   a/blob.html               binary → failed "binary data"
//   crawl.warc.gz             8 records (4 cleaned, 3 skipped incl. warcinfo, 1 failed)
fs::path make_tree(const fs::path& dir) {
    const fs::path in = dir / "in";
    fs::create_directories(in / "a" / "b");
    write_file(in / "a" / "b" / "harbour.html", harbour);
    write_file(in / "a" / "bridge.html.gz", gzip(bridge));
    write_file(in / "a" / "library.htm.zst", zstd(library));
    write_file(in / "a" / "notes.txt",
               "Notes from the quay\n\nThe harbour master said the breakwater held through the night, and the fishing "
               "boats stayed tied up in the inner basin until the morning tide.\n");
    write_file(in / "a" / "blob.html", std::string(3000, '\x01'));
    write_file(in / "crawl.warc.gz", crawl());
    return in;
}

std::map<std::string, std::string> files_below(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file()) files[entry.path().lexically_relative(dir).string()] = read_file(entry.path());
    return files;
}

json read_json(const fs::path& path) { return json::parse(read_file(path)); }

std::vector<json> json_lines(const std::string& text) {
    std::vector<json> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
    return lines;
}

}  // namespace

TEST_CASE("batch: a tree with compressed files and a WARC, cleaned to a directory", "[batch][cli]") {
    TempDir dir;
    const fs::path in = make_tree(dir.path());
    const fs::path out = dir.path() / "out";
    const fs::path summary = dir.path() / "summary.json";
    const auto r = run_winnow({in.string(), "-o", out.string() + "/", "-j", "2", "--summary-json", summary.string()});
    CHECK(r.status == 1);  // one file and one record failed
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Contains((in / "a/blob.html").string() + ": binary data, not text or HTML"));
    CHECK_THAT(r.err, Catch::Contains("crawl.warc.gz: record at offset") && Catch::Contains("(http://news.example/cut.html)"));

    const auto files = files_below(out);
    std::set<std::string> names;
    for (const auto& [name, text] : files) names.insert(name);
    REQUIRE(files.size() == 8);
    CHECK(names.count("a/b/harbour.txt") == 1);
    CHECK(names.count("a/bridge.html.txt") == 0);
    CHECK(names.count("a/bridge.txt") == 1);
    CHECK(names.count("a/library.txt") == 1);
    CHECK(names.count("a/notes.txt") == 1);
    CHECK(files.at("a/b/harbour.txt").rfind("Harbour closed\nThe harbour stayed closed", 0) == 0);
    CHECK_THAT(files.at("a/b/harbour.txt"), Catch::Contains("caf\xc3\xa9 owners") && !Catch::Contains("Home | News"));
    CHECK(files.at("a/bridge.txt").rfind("Bridge reopens\nThe old bridge reopened", 0) == 0);
    CHECK(files.at("a/library.txt").rfind("Library extends hours\nThe central library", 0) == 0);
    CHECK(files.at("a/notes.txt").rfind("Notes from the quay\n", 0) == 0);
    std::vector<std::string> records;
    for (const auto& [name, text] : files) {
        INFO(name);
        CHECK(winnow::input::is_inside(out, out / name));
        CHECK_FALSE(winnow::input::is_partial_output(out / name));
        if (name.rfind("crawl/", 0) == 0) records.push_back(name + "\n" + text);
    }
    REQUIRE(records.size() == 4);
    CHECK_THAT(records[0], Catch::StartsWith("crawl/news.example/2026_bridge.html-") && Catch::Contains("\nBridge reopens\n"));
    CHECK_THAT(records[1], Catch::StartsWith("crawl/news.example/2026_harbour.html-") && Catch::Contains("caf\xc3\xa9 owners"));
    CHECK_THAT(records[2], Catch::StartsWith("crawl/news.example/2026_library.html-") && Catch::Contains("\nLibrary extends hours\n"));
    // The resource whose URI tried to climb out of the folder stays inside it.
    CHECK_THAT(records[3], Catch::StartsWith("crawl/news.example/etc_passwd-") && Catch::Contains("\nBridge reopens\n"));
    std::size_t inside = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir.path()))
        if (entry.is_regular_file()) inside += entry.path().string().rfind(out.string(), 0) == 0;
    CHECK(inside == files.size());

    // Every input accounted for: 5 files and 8 records.
    const json s = read_json(summary);
    CHECK(s["seen"] == 13);
    CHECK(s["cleaned"] == 8);
    CHECK(s["skipped"] == 3);
    CHECK(s["failed"] == 2);
    CHECK(s["skipped_by_reason"] == json{{"non-text response", 1}, {"request record", 1}, {"warcinfo record", 1}});
    CHECK(s["failed_by_reason"]["binary data"]["count"] == 1);
    CHECK(s["failed_by_reason"]["truncated record"]["count"] == 1);
    CHECK(s["interrupted"].is_null());
    CHECK(s["bytes_out"].get<std::uint64_t>() > 0);
}

TEST_CASE("batch: output is the same whatever the number of workers", "[batch][cli]") {
    TempDir dir;
    const fs::path in = make_tree(dir.path());
    const auto one = run_winnow({in.string(), "-f", "jsonl", "-j", "1"});
    const auto three = run_winnow({in.string(), "-f", "jsonl", "-j", "3"});
    CHECK(one.status == 1);
    CHECK(three.status == 1);
    CHECK(one.out == three.out);
    CHECK(one.err == three.err);
    const auto a = run_winnow({in.string(), "-o", (dir.path() / "one").string() + "/", "-j", "1"});
    const auto b = run_winnow({in.string(), "-o", (dir.path() / "three").string() + "/", "-j", "3"});
    CHECK(files_below(dir.path() / "one") == files_below(dir.path() / "three"));
}

TEST_CASE("batch: JSON Lines name each document's file or archive record, in input order", "[batch][cli]") {
    TempDir dir;
    const fs::path in = make_tree(dir.path());
    const auto r = run_winnow({in.string(), "--format", "jsonl"});
    CHECK(r.status == 1);
    const std::vector<json> lines = json_lines(r.out);
    REQUIRE(lines.size() == 8);
    std::vector<std::string> sources;
    for (const json& line : lines) sources.push_back(line["source"]);
    CHECK(sources == std::vector<std::string>{(in / "a/b/harbour.html").string(), (in / "a/bridge.html.gz").string(),
                                              (in / "a/library.htm.zst").string(), (in / "a/notes.txt").string(),
                                              "http://news.example/2026/harbour.html", "http://news.example/2026/bridge.html",
                                              "http://news.example/2026/library.html",
                                              "http://news.example/../../../../etc/passwd"});
    CHECK_FALSE(lines[0].contains("warc"));
    const json& record = lines[4]["warc"];
    CHECK(record["file"] == (in / "crawl.warc.gz").string());
    CHECK(record["record_id"] == "<urn:uuid:1>");
    CHECK(record["date"] == "2026-12-05T15:00:00Z");
    CHECK(record["type"] == "response");
    CHECK(record["target_uri"] == "http://news.example/2026/harbour.html");
    CHECK(record["offset"].get<std::uint64_t>() > 0);
    CHECK(lines[4]["title"] == "Harbour closed");
    CHECK_THAT(lines[4]["text"].get<std::string>(), Catch::Contains("caf\xc3\xa9 owners"));
    CHECK(lines[4]["decode"]["encoding"] == "windows-1252");
    CHECK(lines[6]["warc"]["record_id"] == "<urn:uuid:5>");
}

TEST_CASE("batch: --format warc writes conversion records that refer to their sources", "[batch][cli]") {
    TempDir dir;
    const fs::path in = make_tree(dir.path());
    const fs::path warc = dir.path() / "text.warc.gz";
    const auto r = run_winnow({(in / "crawl.warc.gz").string(), (in / "a/notes.txt").string(), "-f", "warc", "-o", warc.string()});
    CHECK(r.status == 1);  // the truncated record
    auto opened = winnow::input::open_input(warc.string());
    CHECK(opened.compression == winnow::input::Compression::gzip);
    winnow::input::WarcReader reader(*opened.source, {}, opened.member_index);
    winnow::input::WarcRecord converted;
    std::vector<std::string> types, refers, uris;
    while (reader.next(converted)) {
        types.push_back(converted.type);
        if (converted.type != "conversion") continue;
        const std::string* refers_to = converted.field("WARC-Refers-To");
        refers.push_back(refers_to ? *refers_to : "");
        uris.push_back(converted.target_uri);
        CHECK(converted.outcome == winnow::input::RecordOutcome::document);
    }
    CHECK(types == std::vector<std::string>{"warcinfo", "conversion", "conversion", "conversion", "conversion", "conversion"});
    CHECK(refers == std::vector<std::string>{"<urn:uuid:1>", "<urn:uuid:3>", "<urn:uuid:5>", "<urn:uuid:6>", ""});
    REQUIRE(uris.size() == 5);
    CHECK(uris[0] == "http://news.example/2026/harbour.html");
    CHECK(uris[4] == "file://" + fs::absolute(in / "a/notes.txt").lexically_normal().string());
}

TEST_CASE("batch: --files-from lists, newline or NUL separated, from a file or standard input", "[batch][cli]") {
    TempDir dir;
    const fs::path in = make_tree(dir.path());
    const std::string a = (in / "a/b/harbour.html").string(), b = (in / "a/notes.txt").string();
    write_file(dir.path() / "list.txt", a + "\n\n" + b + "\r\n");
    write_file(dir.path() / "list.nul", a + std::string(1, '\0') + b + std::string(1, '\0'));
    const auto from_file = run_winnow({"--files-from", (dir.path() / "list.txt").string(), "-f", "jsonl"});
    const auto from_nul = run_winnow({"--files-from", (dir.path() / "list.nul").string(), "--null", "-f", "jsonl"});
    const auto from_stdin = run_winnow({"--files-from", "-", "-f", "jsonl"}, a + "\n" + b + "\n");
    for (const auto* r : {&from_file, &from_nul, &from_stdin}) {
        CHECK(r->status == 0);
        CHECK(r->err.empty());
        const auto lines = json_lines(r->out);
        REQUIRE(lines.size() == 2);
        CHECK(lines[0]["source"] == a);
        CHECK(lines[1]["source"] == b);
    }
    const auto missing = run_winnow({"--files-from", (dir.path() / "nope").string()});
    CHECK(missing.status == 1);
    CHECK_THAT(missing.err, Catch::Contains("nope: No such file or directory"));
}

TEST_CASE("batch: --glob and --exclude pick files inside directories", "[batch][cli]") {
    TempDir dir;
    const fs::path in = make_tree(dir.path());
    const auto html = run_winnow({in.string(), "--glob", "*.html", "-f", "jsonl"});
    CHECK(html.status == 1);  // blob.html is binary
    const auto lines = json_lines(html.out);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0]["source"] == (in / "a/b/harbour.html").string());
    const auto no_a = run_winnow({in.string(), "--exclude", "a", "-f", "jsonl"});
    CHECK(json_lines(no_a.out).size() == 4);  // the crawl's records only
    const auto no_b = run_winnow({in.string(), "--exclude", "a/b", "--exclude", "*.warc.gz", "--exclude", "blob.*", "-f", "jsonl"});
    CHECK(no_b.status == 0);
    CHECK(json_lines(no_b.out).size() == 3);  // bridge, library, notes
}

TEST_CASE("batch: --resume leaves out documents whose output is there", "[batch][cli]") {
    TempDir dir;
    const fs::path in = make_tree(dir.path());
    const std::string out = (dir.path() / "out").string() + "/";
    const fs::path summary = dir.path() / "s.json";
    run_winnow({in.string(), "-o", out});
    const auto before = files_below(dir.path() / "out");
    REQUIRE(before.size() == 8);
    fs::remove(dir.path() / "out" / "a" / "notes.txt");
    const auto again = run_winnow({in.string(), "-o", out, "--resume", "--summary-json", summary.string()});
    CHECK(files_below(dir.path() / "out") == before);
    const json s = read_json(summary);
    CHECK(s["cleaned"] == 1);
    CHECK(s["skipped_by_reason"]["output exists (--resume)"] == 7);
    CHECK(s["seen"] == 13);
    const auto usage = run_winnow({in.string(), "--resume"});
    CHECK(usage.status == 2);
    CHECK(usage.err == "winnow: --resume needs -o DIR (an output directory)\n");
}

TEST_CASE("batch: documents over the size limit or the time budget fail alone", "[batch][cli]") {
    TempDir dir;
    const fs::path in = make_tree(dir.path());
    write_file(in / "a" / "big.html", page("Big", std::string(5000, 'x')));
    const fs::path summary = dir.path() / "s.json";
    const auto r = run_winnow({in.string(), "--max-size", "2K", "-f", "jsonl", "--summary-json", summary.string()});
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("big.html: ") && Catch::Contains("over the limit of 2048 (--max-size)"));
    const json s = read_json(summary);
    CHECK(s["failed_by_reason"]["over size limit"]["count"].get<int>() >= 1);
    CHECK(s["cleaned"].get<int>() + s["skipped"].get<int>() + s["failed"].get<int>() == s["seen"].get<int>());
    CHECK(json_lines(r.out).size() == s["cleaned"].get<std::size_t>());

    const auto slow = run_winnow({(in / "a/notes.txt").string(), (in / "a/b/harbour.html").string(), "--time-budget", "0.000001"});
    CHECK(slow.status == 1);
    CHECK_THAT(slow.err, Catch::Contains("notes.txt: took ") && Catch::Contains("over the budget of"));
    CHECK(slow.out.empty());
    CHECK(run_winnow({"--max-size", "12Q"}).status == 2);
    CHECK(run_winnow({"-j", "0"}).status == 2);
}

TEST_CASE("batch: a WARC or a gzip page on standard input", "[batch][cli]") {
    TempDir dir;
    const fs::path in = make_tree(dir.path());
    const auto warc = run_winnow({"-f", "jsonl"}, read_file(in / "crawl.warc.gz"));
    CHECK(warc.status == 1);
    const auto lines = json_lines(warc.out);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0]["warc"]["file"] == "<stdin>");
    const auto gz = run_winnow({}, read_file(in / "a/bridge.html.gz"));
    CHECK(gz.status == 0);
    CHECK(gz.out.rfind("Bridge reopens\nThe old bridge reopened", 0) == 0);
}

TEST_CASE("batch: --only-decode reads an archived page with the charset its HTTP header declared", "[batch][cli]") {
    // ISO-8859-15 puts the euro sign at 0xA4, where windows-1252 (what the bytes alone suggest)
    // has a currency sign: only the declared charset gives "10 €".
    const std::string body = "<html><head><title>Preise</title></head><body><p>Der Eintritt kostet 10 \xa4 f\xfcr "
                             "Erwachsene und 5 \xa4 f\xfcr Kinder, sagte die Stadt am Dienstag.</p></body></html>";
    TempDir dir;
    const fs::path warc = dir.path() / "prices.warc";
    write_file(warc, record("response", "http://prices.example/a.html", "application/http; msgtype=response",
                            http("Content-Type: text/html; charset=iso-8859-15\r\n", body), "<urn:uuid:9>"));
    const auto text = run_winnow({"--only-decode", warc.string()});
    CHECK(text.status == 0);
    CHECK_THAT(text.out, Catch::Contains("kostet 10 \xe2\x82\xac f\xc3\xbcr Erwachsene"));
    const auto lines = json_lines(run_winnow({"--only-decode", "-f", "jsonl", warc.string()}).out);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0]["source"] == "http://prices.example/a.html");
    CHECK(lines[0]["warc"]["record_id"] == "<urn:uuid:9>");
    CHECK(lines[0]["decode"]["encoding"] == "ISO-8859-15");
    CHECK(lines[0]["decode"]["decided_by"] == "declared");
    CHECK_THAT(lines[0]["text"].get<std::string>(), Catch::Contains("kostet 10 \xe2\x82\xac"));
}

TEST_CASE("batch: loops and odd entries in a tree are reported, not fatal", "[batch][cli]") {
    TempDir dir;
    const fs::path in = dir.path() / "in";
    fs::create_directories(in / "x");
    write_file(in / "x" / "page.html", harbour);
    fs::create_directory_symlink("..", in / "x" / "up");
    fs::create_symlink(in / "missing.html", in / "x" / "dangling.html");
    const fs::path summary = dir.path() / "s.json";
    const auto r = run_winnow({in.string(), "-f", "jsonl", "--summary-json", summary.string()});
    CHECK(r.status == 1);  // the dangling link is an input that cannot be read
    CHECK(json_lines(r.out).size() == 1);
    CHECK_THAT(r.err, Catch::Contains("dangling.html: dangling symbolic link"));
    const json s = read_json(summary);
    CHECK(s["skipped"] == 1);
    CHECK(s["skipped_by_reason"].begin().key() == "symbolic link loop");
    CHECK(s["failed_by_reason"]["unreadable"]["count"] == 1);
}

TEST_CASE("batch: an output that cannot be written fails its document only", "[batch][cli]") {
    TempDir dir;
    const fs::path in = dir.path() / "in";
    fs::create_directories(in / "a");
    fs::create_directories(in / "b");
    write_file(in / "a" / "one.html", harbour);
    write_file(in / "b" / "two.html", bridge);
    const fs::path out = dir.path() / "out";
    fs::create_directories(out);
    fs::create_directory_symlink(dir.path(), out / "a");  // an output through a link is refused
    const auto r = run_winnow({in.string(), "-o", out.string()});
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("is a symbolic link"));
    CHECK(fs::exists(out / "b" / "two.txt"));
    CHECK_FALSE(fs::exists(dir.path() / "one.txt"));
}

TEST_CASE("batch: SIGINT stops reading, finishes what is in flight and says so", "[batch][cli]") {
    TempDir dir;
    const fs::path in = dir.path() / "in";
    fs::create_directories(in);
    for (int i = 0; i < 3000; ++i) write_file(in / ("p" + std::to_string(1000 + i) + ".html"), i % 2 ? harbour : bridge);
    const fs::path out = dir.path() / "out";
    const fs::path summary = dir.path() / "s.json";
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        const int null = ::open("/dev/null", O_RDWR);
        dup2(null, 1);
        dup2(null, 2);
        execl(WINNOW_BINARY, WINNOW_BINARY, in.c_str(), "-o", (out.string() + "/").c_str(), "-j", "1", "--summary-json",
              summary.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    // Wait for the first outputs, then interrupt.
    for (int i = 0; i < 3000 && !fs::exists(out / "p1010.txt"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ::kill(child, SIGINT);
    int status = 0;
    waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 130);
    const json s = read_json(summary);
    CHECK(s["interrupted"] == "SIGINT");
    CHECK(s["seen"].get<int>() < 3000);
    CHECK(s["cleaned"].get<int>() + s["skipped"].get<int>() + s["failed"].get<int>() == s["seen"].get<int>());
    const auto files = files_below(out);
    CHECK(files.size() == s["cleaned"].get<std::size_t>());
    for (const auto& [name, text] : files) {
        INFO(name);
        CHECK_FALSE(winnow::input::is_partial_output(out / name));
        CHECK_THAT(text, Catch::EndsWith("next report is due in the spring.\n"));
    }
}

TEST_CASE("batch: usage errors for options that do not go together", "[batch][cli]") {
    TempDir dir;
    const auto warc_dir = run_winnow({"-f", "warc", "-o", dir.path().string()});
    CHECK(warc_dir.status == 2);
    CHECK(warc_dir.err == "winnow: --format warc writes one file: give -o FILE, not a directory\n");
    const auto null = run_winnow({"--null"});
    CHECK(null.status == 2);
    CHECK(null.err == "winnow: --null goes with --files-from\n");
    CHECK(run_winnow({"-f", "warc", "--explain"}).status == 2);
}

TEST_CASE("batch: the third-party WARC test files (warcio) through the command line", "[batch][cli]") {
    TempDir dir;
    const fs::path summary = dir.path() / "s.json";
    const auto r = run_winnow({(source_dir() / "tests/data/warc").string(), "--glob", "*.warc*", "-f", "jsonl",
                               "--summary-json", summary.string()});
    CHECK(r.status == 1);  // example-trunc.warc's record with a wrong length
    CHECK_THAT(r.err, Catch::Contains("example-trunc.warc: record at offset 1197 (http://example.com/)"));
    const json s = read_json(summary);
    CHECK(s["seen"] == 54);
    CHECK(s["cleaned"] == 10);
    CHECK(s["skipped"] == 43);
    CHECK(s["failed"] == 1);
    CHECK(s["skipped_by_reason"] == json{{"HTTP status not 2xx", 1}, {"metadata record", 1}, {"non-text resource", 1},
                                         {"non-text response", 3}, {"request record", 19}, {"revisit record", 4},
                                         {"warcinfo record", 14}});
    const auto lines = json_lines(r.out);
    REQUIRE(lines.size() == 10);
    std::size_t example_domain = 0;
    for (const json& line : lines) {
        CHECK(line.contains("warc"));
        if (line["title"] == "Example Domain") {
            ++example_domain;
            CHECK_THAT(line["text"].get<std::string>(), Catch::StartsWith("This domain is established to be used for illustrative examples"));
        }
    }
    CHECK(example_domain == 7);
    CHECK(lines[2]["source"] == "http://www.iana.org/");  // chunked
    CHECK(lines[2]["title"] == "Internet Assigned Numbers Authority");
}

TEST_CASE("batch: a document over the time budget stops early and fails alone", "[batch][cli]") {
    TempDir dir;
    const fs::path in = dir.path() / "in";
    fs::create_directories(in);
    write_file(in / "a.html", harbour);
    std::string slow = "<html><body>";
    // About 4 s of work unbudgeted in a release build; the small pages take milliseconds even under
    // the sanitizers, so a budget of half a second tells them apart on a loaded machine too.
    for (int i = 0; i < 300000; ++i) slow += "<div><p>Paragraph " + std::to_string(i) + " of a very long page.</p></div>";
    write_file(in / "b.html", slow + "</body></html>");
    write_file(in / "c.html", bridge);
    const fs::path summary = dir.path() / "s.json";
    const auto started = std::chrono::steady_clock::now();
    const auto r = run_winnow({in.string(), "--time-budget", "0.5", "-f", "jsonl", "--summary-json", summary.string()});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("b.html: ") && Catch::Contains("(--time-budget)"));
    const auto lines = json_lines(r.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["title"] == "Harbour closed");
    CHECK(lines[1]["title"] == "Bridge reopens");
    const json s = read_json(summary);
    CHECK(s["failed_by_reason"]["over time budget"]["count"] == 1);
    CHECK(seconds < 30);  // generous: the budget stops the page long before it would end
}
