// The input and batch components wired together as `winnow DIR -o OUT` will wire them: a tree
// with a gzip WARC inside, walked, read, cleaned through the real pipeline on several workers,
// written below OUT (text files, and a WARC of conversion records), every output checked.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "batch/ordered_pool.h"
#include "input/byte_source.h"
#include "input/gzip_member.h"
#include "input/output_path.h"
#include "input/walk.h"
#include "input/warc.h"
#include "input/warc_writer.h"
#include "test_support.h"
#include "winnow/winnow.h"

using namespace winnow;
using namespace winnow::input;
using namespace winnow::batch;
namespace fs = std::filesystem;

namespace {

const std::string article_html =
    "<html><head><title>Harbour closed</title></head><body><nav>Home | News | Sport</nav><article><h1>Harbour closed</h1>"
    "<p>The harbour stayed closed on Tuesday as the storm kept waves above four metres, the port authority said in "
    "a statement to the caf\xe9 owners along the quay.</p><p>Ferries to the islands will resume when the wind drops "
    "below gale force, which forecasters expect on Thursday morning.</p></article></body></html>";

std::string record(const std::string& type, const std::string& uri, const std::string& content_type,
                   const std::string& block, const std::string& id) {
    return "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: " + id + "\r\nWARC-Date: 2026-12-05T15:00:00Z\r\n" +
           "WARC-Target-URI: " + uri + "\r\nContent-Type: " + content_type + "\r\nContent-Length: " +
           std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

std::string response(const std::string& fields, const std::string& body) {
    return "HTTP/1.1 200 OK\r\n" + fields + "\r\n" + body;
}

struct Meta {
    std::string source_path;  // the input file
    std::string charset;      // declared by the archive (HTTP Content-Type)
    bool from_archive = false;
    std::string target_uri, record_id;
};

struct RunResult {
    Summary summary;
    std::map<std::string, std::string> outputs;  // path below OUT → contents
    std::string conversions;                    // the --format warc output
};

bool is_archive(const std::string& path) {
    return path.ends_with(".warc") || path.ends_with(".warc.gz");
}

// The producer: walks the tree; a plain file is one job, an archive one job per record.
class Producer {
public:
    explicit Producer(const fs::path& root) : walker_({root.string()}, {}) {}

    bool operator()(Job<Meta>& job) {
        for (;;) {
            if (reader_) {
                WarcRecord record;
                if (reader_->next(record)) {
                    job.name = record.describe();
                    job.meta = Meta{archive_path_, record.charset, true, record.target_uri, record.record_id};
                    if (record.outcome == RecordOutcome::document) {
                        job.bytes = std::move(record.payload);
                    } else {
                        job.input_bytes = record.content_length;
                        job.verdict = Verdict{record.outcome == RecordOutcome::skipped ? Status::skipped : Status::failed,
                                              record.reason, record.detail};
                    }
                    return true;
                }
                reader_.reset();
                archive_.source.reset();
            }
            WalkEntry entry;
            if (!walker_.next(entry)) return false;
            job.name = entry.path;
            job.meta.source_path = entry.relative;
            if (!entry.problem.empty()) {
                job.verdict = Verdict{Status::failed, "unreadable", entry.problem};
                return true;
            }
            if (is_archive(entry.path)) {
                archive_ = open_input(entry.path);
                archive_path_ = entry.relative;
                reader_ = std::make_unique<WarcReader>(*archive_.source, WarcLimits{}, archive_.member_index);
                continue;
            }
            try {
                OpenedSource opened = open_input(entry.path);
                job.bytes = read_all(*opened.source, std::size_t{1} << 30);
            } catch (const Error& e) {
                job.verdict = Verdict{Status::failed, "unreadable", e.what()};
            }
            return true;
        }
    }

private:
    InputWalker walker_;
    OpenedSource archive_;
    std::string archive_path_;
    std::unique_ptr<WarcReader> reader_;
};

// One Cleaner per declared charset: the public Options hold the charset, and a Cleaner is
// immutable, so the charsets the archive declares are cleaners built before the run.
struct Cleaners {
    std::map<std::string, Cleaner> by_charset;
    Cleaners() {
        for (const char* charset : {"", "windows-1252"}) {
            Options options;
            options.charset = charset;
            by_charset.emplace(charset, Cleaner(options));
        }
    }
};

RunResult run(const fs::path& root, const fs::path& out, std::size_t workers) {
    static const Cleaners cleaners;
    PoolOptions options;
    options.workers = workers;
    options.max_input_bytes = 4000;
    Producer producer(root);
    OutputNames names;
    WarcWriter::Options writer_options;
    writer_options.gzip_per_record = true;
    int counter = 0;
    writer_options.make_id = [&counter] { return "<urn:uuid:00000000-0000-4000-8000-" + std::to_string(100000000000 + ++counter) + ">"; };
    writer_options.now = [] { return std::string("2026-12-05T15:00:00Z"); };  // runs compared must not see the clock
    WarcWriter writer(writer_options);
    RunResult result;
    result.summary = run_ordered<Meta, std::string>(
        options, [&](Job<Meta>& job) { return producer(job); },
        [](Job<Meta>& job, JobResult<std::string>& done) {
            const Cleaner& cleaner = cleaners.by_charset.at(job.meta.charset);
            try {
                done.output = to_text(cleaner.clean(job.bytes, job.name));
            } catch (const Error& e) {
                if (e.kind() == Error::Kind::Binary) throw Failure("binary data", e.problem());
                throw;
            }
            done.bytes_out = done.output.size();
        },
        [&](Job<Meta>& job, JobResult<std::string>& done) {
            if (done.verdict.status != Status::cleaned) return;
            const fs::path target = names.claim(
                job.meta.from_archive ? record_output(out, job.meta.source_path, job.meta.target_uri, job.meta.record_id, "txt")
                                      : mirrored_output(out, job.meta.source_path, "txt"));
            write_file_atomically(out, target, done.output);
            result.outputs[target.lexically_relative(out).string()] = done.output;
            if (job.meta.from_archive) {
                ConversionRecord conversion;
                conversion.refers_to = job.meta.record_id;
                conversion.target_uri = job.meta.target_uri;
                conversion.text = done.output;
                writer.append_conversion(result.conversions, conversion);
            }
        });
    return result;
}

}  // namespace

TEST_CASE("a tree with a WARC inside: every input cleaned, skipped or failed, every output inside OUT", "[batch][archive]") {
    test::TempDir dir;
    const fs::path root = dir.path() / "in";
    fs::create_directories(root / "a" / "b");
    test::write_file(root / "a" / "b" / "page.html", article_html);
    test::write_file(root / "a" / "notes.txt",
                     "Notes from the quay\n\nThe harbour master said the breakwater held through the night, and the "
                     "fishing boats stayed tied up in the inner basin until the morning tide.\n");
    test::write_file(root / "a" / "blob.bin", std::string(2000, '\x01'));
    test::write_file(root / "a" / "huge.html", std::string(5000, 'x'));

    std::string warc;
    auto add = [&warc](const std::string& bytes) { append_gzip_member(warc, bytes); };
    add(record("warcinfo", "urn:x", "application/warc-fields", "software: test\r\n", "<urn:uuid:0>"));
    add(record("response", "http://news.example/2026/harbour.html", "application/http; msgtype=response",
               response("Content-Type: text/html; charset=windows-1252\r\n", article_html), "<urn:uuid:1>"));
    add(record("request", "http://news.example/2026/harbour.html", "application/http; msgtype=request",
               "GET /2026/harbour.html HTTP/1.1\r\n\r\n", "<urn:uuid:2>"));
    add(record("response", "http://news.example/logo.png", "application/http; msgtype=response",
               response("Content-Type: image/png\r\n", "\x89PNG"), "<urn:uuid:3>"));
    add(record("resource", "http://news.example/../../../../etc/passwd", "text/html; charset=windows-1252", article_html,
               "<urn:uuid:4>"));
    add(record("resource", "http://..%2F..%2F..%2Fetc/x", "text/html; charset=windows-1252", article_html, "<urn:uuid:5>"));
    std::string last;
    append_gzip_member(last, record("response", "http://news.example/cut.html", "application/http; msgtype=response",
                                    response("Content-Type: text/html\r\n", article_html), "<urn:uuid:6>"));
    warc += last.substr(0, last.size() - 30);  // a truncated last record
    test::write_file(root / "crawl.warc.gz", warc);

    const fs::path out = dir.path() / "out";
    const RunResult one = run(root, out, 1);
    const Summary& s = one.summary;
    CHECK(s.seen == 11);  // 4 files and 7 records
    CHECK(s.cleaned == 5);
    CHECK(s.skipped == 3);
    CHECK(s.failed == 3);
    CHECK(s.consistent());
    CHECK(s.skipped_by_reason == std::map<std::string, std::uint64_t>{{"non-text response", 1}, {"request record", 1}, {"warcinfo record", 1}});
    REQUIRE(s.failed_by_reason.at("binary data").first.size() == 1);
    CHECK_THAT(s.failed_by_reason.at("binary data").first[0], Catch::StartsWith((root / "a/blob.bin").string() + ": "));
    CHECK(s.failed_by_reason.at("over size limit").count == 1);
    CHECK(s.failed_by_reason.at("truncated record").count == 1);
    CHECK_THAT(s.failed_by_reason.at("truncated record").first[0], Catch::Contains("crawl.warc.gz: record at offset") &&
                                                                      Catch::Contains("(http://news.example/cut.html)"));

    REQUIRE(one.outputs.size() == 5);
    CHECK(one.outputs.count("a/b/page.txt") == 1);
    CHECK(one.outputs.count("a/notes.txt") == 1);
    std::vector<std::string> record_files;
    for (const auto& [path, text] : one.outputs) {
        INFO(path);
        CHECK(is_inside(out, out / path));
        CHECK(test::read_file(out / path) == text);
        if (path.rfind("crawl/", 0) == 0) record_files.push_back(path);
        if (path != "a/notes.txt") {
            // The declared windows-1252 charset (or the page's own bytes) gives "café", and the menu is gone.
            CHECK_THAT(text, Catch::StartsWith("Harbour closed\n") && Catch::Contains("caf\xc3\xa9 owners"));
            CHECK_THAT(text, !Catch::Contains("Home | News"));
        }
    }
    REQUIRE(record_files.size() == 3);
    CHECK(record_files[0].rfind("crawl/2f_2f_2fetc/x-", 0) == 0);  // "http://..%2F..%2F..%2Fetc/x"
    CHECK(record_files[1].rfind("crawl/news.example/2026_harbour.html-", 0) == 0);
    CHECK(record_files[2].rfind("crawl/news.example/etc_passwd-", 0) == 0);
    for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
        CHECK_FALSE(is_partial_output(entry.path()));
        if (entry.is_regular_file() && entry.path().string().find("/in/") == std::string::npos)
            CHECK(is_inside(out, entry.path()));
    }

    // --format warc: conversion records that point back to their source records.
    OpenedSource opened = open_decompressed(std::make_unique<MemorySource>(one.conversions, "out.warc.gz"));
    WarcReader reader(*opened.source, {}, opened.member_index);
    WarcRecord converted;
    std::vector<std::string> refers;
    while (reader.next(converted)) {
        CHECK(converted.type == "conversion");
        CHECK(converted.outcome == RecordOutcome::document);
        CHECK_THAT(converted.payload, Catch::StartsWith("Harbour closed\n"));
        refers.push_back(*converted.field("WARC-Refers-To"));
    }
    CHECK(refers == std::vector<std::string>{"<urn:uuid:1>", "<urn:uuid:4>", "<urn:uuid:5>"});

    // The same with three workers: the same outputs, the same counts (the order is the input order).
    const fs::path out3 = dir.path() / "out3";
    const RunResult three = run(root, out3, 3);
    CHECK(three.outputs == one.outputs);
    CHECK(three.conversions == one.conversions);
    CHECK(three.summary.cleaned == s.cleaned);
    CHECK(three.summary.skipped_by_reason == s.skipped_by_reason);
    CHECK(three.summary.failed == s.failed);
}
