// The WARC reader: third-party files from warcio, and small archives built here (plain and
// gzip-per-record, chunked and gzip-encoded bodies, skipped record types, damaged records).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstring>
#include <optional>
#include <random>
#include <sys/resource.h>
#include <string>
#include <vector>

#include "input/byte_source.h"
#include "input/gzip_member.h"
#include "input/http_message.h"
#include "input/warc.h"
#include "test_support.h"

#include <zlib.h>
#include <zstd.h>

using namespace winnow;
using namespace winnow::input;

namespace {

struct RecordSpec {
    std::string type = "response";
    std::string uri = "http://example.com/";
    std::string content_type = "application/http; msgtype=response";
    std::string block;
    std::string id = "<urn:uuid:00000000-0000-4000-8000-000000000001>";
    std::string extra_fields;                 // "Name: value\r\n" lines
    std::optional<std::uint64_t> length;      // a lying Content-Length
    bool omit_id = false;
    bool omit_length = false;
};

std::string warc_record(const RecordSpec& spec) {
    std::string r = "WARC/1.1\r\nWARC-Type: " + spec.type + "\r\n";
    if (!spec.omit_id) r += "WARC-Record-ID: " + spec.id + "\r\n";
    r += "WARC-Date: 2026-12-05T15:00:00Z\r\n";
    if (!spec.uri.empty()) r += "WARC-Target-URI: " + spec.uri + "\r\n";
    if (!spec.content_type.empty()) r += "Content-Type: " + spec.content_type + "\r\n";
    r += spec.extra_fields;
    if (!spec.omit_length) r += "Content-Length: " + std::to_string(spec.length.value_or(spec.block.size())) + "\r\n";
    return r + "\r\n" + spec.block + "\r\n\r\n";
}

std::string http(const std::string& status, const std::string& fields, const std::string& body) {
    return "HTTP/1.1 " + status + "\r\n" + fields + "\r\n" + body;
}

std::string gzip(const std::string& bytes) {
    std::string out;
    append_gzip_member(out, bytes);
    return out;
}

struct ReadResult {
    std::vector<WarcRecord> records;
    std::size_t documents = 0, skipped = 0, errors = 0;
};

ReadResult read_warc(const std::string& bytes, WarcLimits limits = {}, const std::string& name = "test.warc") {
    OpenedSource opened = open_decompressed(std::make_unique<MemorySource>(bytes, name));
    WarcReader reader(*opened.source, limits, opened.member_index);
    ReadResult result;
    WarcRecord record;
    while (reader.next(record)) {
        (record.outcome == RecordOutcome::document ? result.documents
         : record.outcome == RecordOutcome::skipped ? result.skipped
                                                    : result.errors)++;
        result.records.push_back(record);
    }
    return result;
}

ReadResult read_fixture(const std::string& file) {
    return read_warc(test::read_file(test::source_dir() / "tests/data/warc" / file), {}, file);
}

const std::string page = "<!doctype html><html><head><title>Harbour</title></head><body><p>Caf\xe9 closed.</p></body></html>";

}  // namespace

// ---- third-party files (warcio's test data) ----

TEST_CASE("warcio example.warc and example.warc.gz: one HTML response among skipped records", "[input][warc]") {
    for (const std::string file : {"example.warc", "example.warc.gz", "example-bad-non-chunked.warc.gz"}) {
        INFO(file);
        const ReadResult r = read_fixture(file);
        REQUIRE(r.records.size() == 6);
        CHECK(r.documents == 1);
        CHECK(r.skipped == 5);
        CHECK(r.errors == 0);
        const std::vector<std::string> types = {"warcinfo", "warcinfo", "response", "request", "revisit", "request"};
        for (std::size_t i = 0; i < types.size(); ++i) CHECK(r.records[i].type == types[i]);
        const WarcRecord& response = r.records[2];
        CHECK(response.outcome == RecordOutcome::document);
        CHECK(response.target_uri == "http://example.com/");
        CHECK(response.record_id == "<urn:uuid:a9c51e3e-0221-11e7-bf66-0242ac120005>");
        CHECK(response.date == "2017-03-06T04:02:06Z");
        CHECK(response.http_status == 200);
        CHECK(response.media_type == "text/html");
        CHECK(response.charset.empty());
        CHECK(response.payload.size() == 1270);  // the gzip Content-Encoding undone
        CHECK(response.payload.rfind("<!doctype html>\n<html>\n<head>\n    <title>Example Domain</title>", 0) == 0);
        CHECK(r.records[0].reason == "warcinfo record");
        CHECK(r.records[3].reason == "request record");
        CHECK(r.records[4].reason == "revisit record");
        CHECK(r.records[2].offset == 1197);
    }
    // One member per record: each record knows where its member starts.
    const ReadResult gz = read_fixture("example.warc.gz");
    const std::vector<std::uint64_t> members = {0, 353, 784, 2012, 2621, 3207};
    for (std::size_t i = 0; i < members.size(); ++i) CHECK(gz.records[i].compressed_offset == members[i]);
    const ReadResult whole = read_fixture("example-bad-non-chunked.warc.gz");
    for (const WarcRecord& record : whole.records) CHECK(record.compressed_offset == 0);
}

TEST_CASE("warcio example-bad.warc.gz.bad: gzip found by its bytes, a 302 response skipped", "[input][warc]") {
    const ReadResult r = read_fixture("example-bad.warc.gz.bad");
    REQUIRE(r.records.size() == 6);
    CHECK(r.documents == 1);
    CHECK(r.skipped == 5);
    CHECK(r.records[1].target_uri == "http://example.com?example=1");
    CHECK(r.records[1].payload.rfind("<!doctype html>", 0) == 0);
    CHECK(r.records[5].reason == "HTTP status not 2xx");
    CHECK(r.records[5].detail == "HTTP/1.1 302 Found");
    CHECK(r.records[5].target_uri == "http://www.iana.org/domains/example");
}

TEST_CASE("warcio example-digest.warc: four request records, all skipped", "[input][warc]") {
    const ReadResult r = read_fixture("example-digest.warc");
    REQUIRE(r.records.size() == 4);
    CHECK(r.skipped == 4);
    for (const WarcRecord& record : r.records) CHECK(record.reason == "request record");
}

TEST_CASE("warcio example-iana.org-chunked.warc: a chunked response is dechunked", "[input][warc]") {
    const ReadResult r = read_fixture("example-iana.org-chunked.warc");
    REQUIRE(r.records.size() == 3);
    CHECK(r.documents == 1);
    const WarcRecord& response = r.records[1];
    CHECK(response.target_uri == "http://www.iana.org/");
    CHECK(response.charset == "UTF-8");
    CHECK(response.payload.size() == 7223);
    CHECK(response.payload.rfind("<!doctype html>\n<html>\n<head>\n\t<title>Internet Assigned Numbers Authority</title>", 0) == 0);
    CHECK(response.payload.find("\r\n1ff") == std::string::npos);  // no chunk sizes left in the text
    CHECK(response.payload.substr(response.payload.size() - 8) == "</html>\n");
}

TEST_CASE("warcio example-resource.warc.gz: a resource record is a document", "[input][warc]") {
    const ReadResult r = read_fixture("example-resource.warc.gz");
    REQUIRE(r.records.size() == 3);
    CHECK(r.documents == 1);
    CHECK(r.skipped == 2);
    CHECK(r.records[2].type == "resource");
    CHECK(r.records[2].media_type == "text/html");
    CHECK(r.records[2].charset == "utf-8");
    CHECK(r.records[2].payload.size() == 1303);
    CHECK(r.records[2].payload.rfind("<!DOCTYPE html><html xmlns=", 0) == 0);
    CHECK(r.records[2].compressed_offset == 802);
}

TEST_CASE("warcio example-space-in-target-uri.warc.gz: the URI is kept with a warning, the image skipped", "[input][warc]") {
    const ReadResult r = read_fixture("example-space-in-target-uri.warc.gz");
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[1].target_uri == "file:///example with spaces.png");
    CHECK(r.records[1].reason == "non-text resource");
    CHECK(r.records[1].detail == "image/png");
    REQUIRE(r.records[1].warnings.size() == 1);
    CHECK_THAT(r.records[1].warnings[0], Catch::Contains("kept as written"));
}

TEST_CASE("warcio example-trunc.warc: the short response is an error, the next record is still read", "[input][warc]") {
    const ReadResult r = read_fixture("example-trunc.warc");
    REQUIRE(r.records.size() == 4);
    CHECK(r.records[2].outcome == RecordOutcome::error);
    CHECK(r.records[2].reason == "wrong Content-Length");
    CHECK(r.records[2].target_uri == "http://example.com/");
    CHECK(r.records[3].type == "request");
    CHECK(r.records[3].outcome == RecordOutcome::skipped);
    CHECK(r.errors == 1);
}

TEST_CASE("warcio example-wget-bad-target-uri.warc.gz: angle brackets around URIs are removed", "[input][warc]") {
    const ReadResult r = read_fixture("example-wget-bad-target-uri.warc.gz");
    REQUIRE(r.records.size() == 6);
    CHECK(r.documents == 3);
    CHECK(r.skipped == 3);
    CHECK(r.records[2].target_uri == "http://example.com/");
    CHECK(r.records[2].warnings.empty());
    CHECK(r.records[2].payload.rfind("<!doctype html>", 0) == 0);
    CHECK(r.records[3].reason == "metadata record");
    CHECK(r.records[4].target_uri == "metadata://gnu.org/software/wget/warc/wget_arguments.txt");
    CHECK(r.records[4].media_type == "text/plain");
    CHECK(r.records[4].payload.rfind("\"--warc-file=example.com\"", 0) == 0);
    CHECK(r.records[5].payload.rfind("Opening WARC file", 0) == 0);
}

TEST_CASE("warcio example-wrong-chunks.warc.gz: records spanning gzip members read whole", "[input][warc]") {
    const ReadResult r = read_fixture("example-wrong-chunks.warc.gz");
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0].outcome == RecordOutcome::document);
    CHECK(r.records[0].charset == "UTF-8");
    CHECK(r.records[0].payload.rfind("<!doctype html>", 0) == 0);
    CHECK(r.records[0].warnings == std::vector<std::string>{"the block is not followed by CRLF CRLF"});
    CHECK(r.records[1].type == "request");
    CHECK(r.records[1].compressed_offset == 1130);
}

TEST_CASE("warcio post-test.warc.gz: JSON responses are skipped as non-text", "[input][warc]") {
    const ReadResult r = read_fixture("post-test.warc.gz");
    REQUIRE(r.records.size() == 6);
    CHECK(r.skipped == 6);
    for (std::size_t i = 0; i < 6; i += 2) {
        CHECK(r.records[i].reason == "non-text response");
        CHECK(r.records[i].detail == "application/json");
    }
    CHECK(r.records[4].target_uri == "http://httpbin.org/post?foo=bar");
}

// ---- archives built here ----

namespace {

std::vector<RecordSpec> mixed_records() {
    std::vector<RecordSpec> specs;
    RecordSpec info;
    info.type = "warcinfo";
    info.uri = "";
    info.content_type = "application/warc-fields";
    info.block = "software: test\r\n";
    specs.push_back(info);
    RecordSpec html;
    html.block = http("200 OK", "Content-Type: text/html; charset=\"windows-1252\"\r\n", page);
    html.id = "<urn:uuid:00000000-0000-4000-8000-000000000002>";
    specs.push_back(html);
    RecordSpec request;
    request.type = "request";
    request.content_type = "application/http; msgtype=request";
    request.block = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n";
    specs.push_back(request);
    RecordSpec image;
    image.uri = "http://example.com/a.png";
    image.block = http("200 OK", "Content-Type: image/png\r\n", "\x89PNG\r\n\x1a\n");
    specs.push_back(image);
    RecordSpec metadata;
    metadata.type = "metadata";
    metadata.content_type = "application/warc-fields";
    metadata.block = "outlinks: http://example.com/b\r\n";
    specs.push_back(metadata);
    RecordSpec revisit;
    revisit.type = "revisit";
    revisit.block = "";
    specs.push_back(revisit);
    RecordSpec resource;
    resource.type = "resource";
    resource.uri = "file:///notes.txt";
    resource.content_type = "text/plain";
    resource.block = "Plain notes.\n";
    specs.push_back(resource);
    RecordSpec conversion;
    conversion.type = "conversion";
    conversion.content_type = "text/plain; charset=utf-8";
    conversion.block = "Converted text.\n";
    specs.push_back(conversion);
    return specs;
}

void check_mixed(const ReadResult& r) {
    REQUIRE(r.records.size() == 8);
    CHECK(r.documents == 3);
    CHECK(r.skipped == 5);
    CHECK(r.errors == 0);
    const WarcRecord& html = r.records[1];
    CHECK(html.outcome == RecordOutcome::document);
    CHECK(html.payload == page);
    CHECK(html.media_type == "text/html");
    CHECK(html.charset == "windows-1252");
    CHECK(html.record_id == "<urn:uuid:00000000-0000-4000-8000-000000000002>");
    CHECK(html.date == "2026-12-05T15:00:00Z");
    CHECK(html.target_uri == "http://example.com/");
    CHECK(r.records[0].reason == "warcinfo record");
    CHECK(r.records[2].reason == "request record");
    CHECK(r.records[3].reason == "non-text response");
    CHECK(r.records[3].detail == "image/png");
    CHECK(r.records[4].reason == "metadata record");
    CHECK(r.records[5].reason == "revisit record");
    CHECK(r.records[6].payload == "Plain notes.\n");
    CHECK(r.records[6].media_type == "text/plain");
    CHECK(r.records[7].payload == "Converted text.\n");
    CHECK(r.records[7].charset == "utf-8");
}

}  // namespace

TEST_CASE("a plain WARC: documents, and skipped records with their reasons", "[input][warc]") {
    std::string file;
    for (const RecordSpec& spec : mixed_records()) file += warc_record(spec);
    const ReadResult r = read_warc(file);
    check_mixed(r);
    CHECK_FALSE(r.records[1].compressed_offset.has_value());
}

TEST_CASE("a WARC with one gzip member per record reads the same, with member offsets", "[input][warc]") {
    std::string file;
    std::vector<std::uint64_t> starts;
    for (const RecordSpec& spec : mixed_records()) {
        starts.push_back(file.size());
        file += gzip(warc_record(spec));
    }
    const ReadResult r = read_warc(file, {}, "test.warc.gz");
    check_mixed(r);
    for (std::size_t i = 0; i < starts.size(); ++i) CHECK(r.records[i].compressed_offset == starts[i]);
    CHECK_THAT(r.records[1].describe(), Catch::StartsWith("test.warc.gz: record at offset ") &&
                                            Catch::EndsWith("(http://example.com/)"));
}

TEST_CASE("a zstd-compressed WARC is read through libzstd", "[input][warc]") {
    std::string plain;
    for (const RecordSpec& spec : mixed_records()) plain += warc_record(spec);
    std::string packed(ZSTD_compressBound(plain.size()), '\0');
    const std::size_t size = ZSTD_compress(packed.data(), packed.size(), plain.data(), plain.size(), 3);
    REQUIRE_FALSE(ZSTD_isError(size));
    packed.resize(size);
    const ReadResult r = read_warc(packed, {}, "x.warc.zst");
    check_mixed(r);
}

TEST_CASE("chunked, gzip, deflate and chunked+gzip bodies are decoded", "[input][warc]") {
    const std::string body = "<html><body><p>Decoded body.</p></body></html>";
    std::string chunked = "a\r\n" + body.substr(0, 10) + "\r\n" + "1F;ext=1\r\n" + body.substr(10, 31) + "\r\n";
    chunked += "5\r\n" + body.substr(41) + "\r\n0\r\nTrailer: x\r\n\r\n";
    REQUIRE(body.size() == 46);
    const std::string gz = gzip(body);
    std::string gz_chunked;
    for (std::size_t i = 0; i < gz.size(); i += 16) {
        const std::string piece = gz.substr(i, 16);
        char size[16];
        std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
        gz_chunked += size + piece + "\r\n";
    }
    gz_chunked += "0\r\n\r\n";
    std::vector<RecordSpec> specs(4);
    specs[0].block = http("200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", chunked);
    specs[1].block = http("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", gz);
    specs[2].block = http("200 OK", "Content-Type: text/html\r\ncontent-encoding: x-gzip\r\nTRANSFER-ENCODING: chunked\r\n",
                          gz_chunked);
    // deflate as servers send it without the zlib header: raw deflate of the body
    {
        z_stream z{};
        deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
        std::string raw(256, '\0');
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
        z.avail_in = static_cast<uInt>(body.size());
        z.next_out = reinterpret_cast<Bytef*>(raw.data());
        z.avail_out = static_cast<uInt>(raw.size());
        REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
        raw.resize(raw.size() - z.avail_out);
        deflateEnd(&z);
        specs[3].block = http("200 OK", "Content-Type: text/html\r\nContent-Encoding: deflate\r\n", raw);
    }
    std::string file;
    for (const RecordSpec& spec : specs) file += warc_record(spec);
    const ReadResult r = read_warc(file);
    REQUIRE(r.records.size() == 4);
    for (const WarcRecord& record : r.records) {
        CHECK(record.outcome == RecordOutcome::document);
        CHECK(record.payload == body);
        CHECK(record.warnings.empty());
    }
}

TEST_CASE("bodies that only claim a coding are read as they are, with a warning", "[input][warc]") {
    std::vector<RecordSpec> specs(2);
    specs[0].block = http("200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", page);
    specs[1].block = http("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", page);
    std::string file;
    for (const RecordSpec& spec : specs) file += warc_record(spec);
    const ReadResult r = read_warc(file);
    REQUIRE(r.records.size() == 2);
    for (const WarcRecord& record : r.records) {
        CHECK(record.payload == page);
        CHECK(record.warnings.size() == 1);
    }
}

TEST_CASE("broken codings and unknown codings are per-record errors and skips", "[input][warc]") {
    std::vector<RecordSpec> specs(4);
    specs[0].block = http("200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", "5\r\nabc");
    std::string cut = gzip(page);
    cut.resize(cut.size() / 2);
    specs[1].block = http("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", cut);
    specs[2].block = http("200 OK", "Content-Type: text/html\r\nContent-Encoding: br\r\n", "\x0b\x02\x80");
    specs[3].block = http("200 OK", "Content-Type: text/html\r\n", page);
    std::string file;
    for (const RecordSpec& spec : specs) file += warc_record(spec);
    const ReadResult r = read_warc(file);
    REQUIRE(r.records.size() == 4);
    CHECK(r.records[0].reason == "bad chunked encoding");
    CHECK_THAT(r.records[0].detail, Catch::Contains("runs past the end of the body"));
    CHECK(r.records[1].reason == "bad Content-Encoding");
    CHECK_THAT(r.records[1].detail, Catch::Contains("truncated"));
    CHECK(r.records[2].outcome == RecordOutcome::skipped);
    CHECK(r.records[2].reason == "unsupported Content-Encoding");
    CHECK(r.records[2].detail == "br");
    CHECK(r.records[3].outcome == RecordOutcome::document);
}

TEST_CASE("a truncated last record is an error, the records before it are whole", "[input][warc]") {
    std::string plain;
    std::string gzipped;
    const std::vector<RecordSpec> specs = mixed_records();
    for (std::size_t i = 0; i + 1 < specs.size(); ++i) {
        plain += warc_record(specs[i]);
        gzipped += gzip(warc_record(specs[i]));
    }
    RecordSpec last;
    last.block = http("200 OK", "Content-Type: text/html\r\n", page);
    const std::string whole = warc_record(last);
    plain += whole.substr(0, whole.size() - 40);
    const std::string member = gzip(whole);
    gzipped += member.substr(0, member.size() - 20);
    for (const std::string& file : {plain, gzipped}) {
        const ReadResult r = read_warc(file, {}, "cut.warc");
        REQUIRE(r.records.size() == 8);
        CHECK(r.documents == 2);
        CHECK(r.skipped == 5);
        CHECK(r.errors == 1);
        CHECK(r.records[6].payload == "Plain notes.\n");
        CHECK(r.records[7].outcome == RecordOutcome::error);
        CHECK(r.records[7].reason == "truncated record");
        CHECK(r.records[7].target_uri == "http://example.com/");
    }
    // The cut gzip member says so.
    const ReadResult r = read_warc(gzipped, {}, "cut.warc.gz");
    CHECK_THAT(r.records[7].detail, Catch::Contains("cut.warc.gz: truncated"));
    // A file that ends inside a record header.
    const ReadResult header = read_warc(warc_record(last) + "WARC/1.1\r\nWARC-Type: resp");
    REQUIRE(header.records.size() == 2);
    CHECK(header.records[1].reason == "truncated record");
    CHECK(header.records[1].message() == "test.warc: record at offset " + std::to_string(warc_record(last).size()) +
                                             ": truncated record: the file ends inside the record header");
    CHECK_THAT(header.records[1].detail, Catch::Contains("inside the record header"));
}

TEST_CASE("a lying Content-Length loses only its own record", "[input][warc]") {
    RecordSpec good;
    good.block = http("200 OK", "Content-Type: text/html\r\n", page);
    RecordSpec too_long = good;
    too_long.length = good.block.size() + 150;
    RecordSpec too_short = good;
    too_short.length = good.block.size() - 30;
    RecordSpec after;
    after.type = "resource";
    after.content_type = "text/plain";
    after.uri = "http://example.com/after";
    after.block = "after\n";
    for (const RecordSpec& liar : {too_long, too_short}) {
        const ReadResult r = read_warc(warc_record(good) + warc_record(liar) + warc_record(after) + warc_record(good));
        REQUIRE(r.records.size() == 4);
        CHECK(r.records[0].outcome == RecordOutcome::document);
        CHECK(r.records[1].outcome == RecordOutcome::error);
        CHECK(r.records[1].reason == "wrong Content-Length");
        CHECK(r.records[2].target_uri == "http://example.com/after");
        CHECK(r.records[2].payload == "after\n");
        CHECK(r.records[3].payload == page);
    }
}

TEST_CASE("missing mandatory fields and bad lengths are errors for that record only", "[input][warc]") {
    RecordSpec good;
    good.type = "resource";
    good.content_type = "text/plain";
    good.block = "good\n";
    RecordSpec no_id = good;
    no_id.omit_id = true;
    RecordSpec no_uri = good;
    no_uri.uri = "";
    RecordSpec no_length = good;
    no_length.omit_length = true;
    RecordSpec bad_length = good;
    bad_length.extra_fields = "";
    std::string bad_length_text = warc_record(good);
    bad_length_text.replace(bad_length_text.find("Content-Length: 5"), 17, "Content-Length: five");
    const ReadResult r = read_warc(warc_record(no_id) + warc_record(good) + warc_record(no_uri) + warc_record(good) +
                                   warc_record(no_length) + warc_record(good) + bad_length_text + warc_record(good));
    REQUIRE(r.records.size() == 8);
    CHECK(r.records[0].reason == "missing mandatory field");
    CHECK(r.records[0].detail == "WARC-Record-ID");
    CHECK(r.records[2].reason == "missing mandatory field");
    CHECK(r.records[2].detail == "WARC-Target-URI");
    CHECK(r.records[4].reason == "missing Content-Length");
    CHECK(r.records[6].reason == "bad Content-Length");
    for (std::size_t i = 1; i < 8; i += 2) CHECK(r.records[i].payload == "good\n");
    CHECK(r.errors == 4);
}

TEST_CASE("target URIs: brackets removed, no scheme or control characters is an error", "[input][warc]") {
    std::string uri;
    std::string warning;
    CHECK(check_target_uri("<http://a.example/x>", uri, warning).empty());
    CHECK(uri == "http://a.example/x");
    CHECK(warning.empty());
    CHECK(check_target_uri("http://a.example/a b", uri, warning).empty());
    CHECK_FALSE(warning.empty());
    CHECK_FALSE(check_target_uri("../../etc/passwd", uri, warning).empty());
    CHECK_FALSE(check_target_uri("/abs/path", uri, warning).empty());
    CHECK_FALSE(check_target_uri("", uri, warning).empty());
    CHECK_FALSE(check_target_uri(std::string("http://a\x01/", 11), uri, warning).empty());
    CHECK_FALSE(check_target_uri("1http://x", uri, warning).empty());
    RecordSpec escape;
    escape.type = "resource";
    escape.content_type = "text/plain";
    escape.uri = "../../../etc/passwd";
    escape.block = "x";
    const ReadResult r = read_warc(warc_record(escape));
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].reason == "bad WARC-Target-URI");
    CHECK_THAT(r.records[0].detail, Catch::Contains("no scheme"));
}

TEST_CASE("field names are case-insensitive and folded lines continue a value", "[input][warc]") {
    const std::string block = "Plain.\n";
    const std::string file = "WARC/1.0\r\nwarc-type: resource\r\nWARC-RECORD-ID: <urn:x:1>\r\nwarc-date: 2020-01-01T00:00:00Z\r\n"
                             "warc-target-uri: http://example.com/a\r\ncontent-type: text/plain;\r\n\tcharset=iso-8859-1\r\n"
                             "content-length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
    const ReadResult r = read_warc(file);
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].version == "1.0");
    CHECK(r.records[0].outcome == RecordOutcome::document);
    CHECK(r.records[0].charset == "iso-8859-1");
    CHECK(*r.records[0].field("Content-Type") == "text/plain; charset=iso-8859-1");
}

TEST_CASE("bytes between records are reported once and the next record is found", "[input][warc]") {
    RecordSpec good;
    good.type = "resource";
    good.content_type = "text/plain";
    good.block = "good\n";
    const ReadResult r = read_warc("garbage before\nthe first record\n" + warc_record(good) + "more garbage\n" + warc_record(good) +
                                   "trailing junk with no record");
    REQUIRE(r.records.size() == 5);
    CHECK(r.records[0].reason == "not a WARC record");
    CHECK(r.records[0].offset == 0);
    CHECK(r.records[1].payload == "good\n");
    CHECK(r.records[2].reason == "not a WARC record");
    CHECK(r.records[3].payload == "good\n");
    CHECK(r.records[4].reason == "not a WARC record");
    CHECK_THAT(r.records[4].detail, Catch::Contains("before the end"));
}

TEST_CASE("blocks over the size limit are errors and reading goes on", "[input][warc]") {
    RecordSpec big;
    big.block = http("200 OK", "Content-Type: text/html\r\n", std::string(5000, 'x'));
    RecordSpec small;
    small.block = http("200 OK", "Content-Type: text/html\r\n", page);
    WarcLimits limits;
    limits.max_block_bytes = 1000;
    const ReadResult r = read_warc(warc_record(big) + warc_record(small), limits);
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0].reason == "record too large");
    CHECK_THAT(r.records[0].detail, Catch::Contains("over the limit of 1000"));
    CHECK(r.records[1].payload == page);
    // A gzip body that inflates past the limit is refused too.
    RecordSpec bomb;
    bomb.block = http("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", gzip(std::string(100000, 'a')));
    const ReadResult b = read_warc(warc_record(bomb), limits);
    CHECK(b.records[0].reason == "bad Content-Encoding");
    CHECK_THAT(b.records[0].detail, Catch::Contains("over the limit"));
}

TEST_CASE("a header with no end is an error within the header limit", "[input][warc]") {
    WarcLimits limits;
    limits.max_header_bytes = 300;
    std::string file = "WARC/1.1\r\n";
    for (int i = 0; i < 50; ++i) file += "X-Field-" + std::to_string(i) + ": value\r\n";
    RecordSpec good;
    good.type = "resource";
    good.content_type = "text/plain";
    good.block = "good\n";
    const ReadResult r = read_warc(file + "\r\n\r\n" + warc_record(good), limits);
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0].reason == "record header too long");
    INFO(r.records[1].reason + " / " + r.records[1].detail);
    CHECK(r.records[1].payload == "good\n");
}

TEST_CASE("non-2xx responses are skipped unless asked for", "[input][warc]") {
    RecordSpec missing;
    missing.block = http("404 Not Found", "Content-Type: text/html\r\n", page);
    const ReadResult skipped = read_warc(warc_record(missing));
    CHECK(skipped.records[0].reason == "HTTP status not 2xx");
    CHECK(skipped.records[0].http_status == 404);
    WarcLimits limits;
    limits.only_successful_responses = false;
    const ReadResult kept = read_warc(warc_record(missing), limits);
    CHECK(kept.records[0].outcome == RecordOutcome::document);
}

TEST_CASE("a corrupt gzip member ends the archive with an error after the good records", "[input][warc]") {
    RecordSpec good;
    good.type = "resource";
    good.content_type = "text/plain";
    good.block = "good\n";
    std::string bad = gzip(warc_record(good) + std::string(3000, 'z'));
    for (std::size_t i = 20; i < 40; ++i) bad[i] = static_cast<char>(bad[i] ^ 0x5a);
    const ReadResult r = read_warc(gzip(warc_record(good)) + gzip(warc_record(good)) + bad, {}, "bad.warc.gz");
    REQUIRE(r.records.size() == 3);
    CHECK(r.records[0].payload == "good\n");
    CHECK(r.records[1].payload == "good\n");
    CHECK(r.records[2].outcome == RecordOutcome::error);
    CHECK_THAT(r.records[2].detail, Catch::Contains("bad.warc.gz: corrupt gzip data"));
}

TEST_CASE("HTTP helpers: media types, chunk framing, header lines", "[input][warc]") {
    MediaType m = parse_media_type(" Text/HTML ; Charset = \"UTF-8\" ; q=1");
    CHECK(m.type == "text/html");
    CHECK(m.charset == "UTF-8");
    CHECK(parse_media_type("text/plain").charset.empty());
    CHECK(is_document_media_type("application/xhtml+xml"));
    CHECK_FALSE(is_document_media_type("text/css"));
    CHECK(looks_chunked("1a\r\n"));
    CHECK(looks_chunked("1a;name=x\r\n"));
    CHECK_FALSE(looks_chunked("<html>"));
    std::string out;
    std::string problem;
    CHECK(dechunk("3\r\nabc\r\n", out, 100, problem));  // no last-chunk: the capture ended
    CHECK(out == "abc");
    CHECK_FALSE(dechunk("3\r\nabcd\r\n0\r\n\r\n", out, 100, problem));
    CHECK_THAT(problem, Catch::Contains("no line end after the chunk"));
    CHECK_FALSE(dechunk("ffffffffffffffffff\r\n", out, 100, problem));
    CHECK_FALSE(dechunk("10\r\n0123456789abcdef\r\n0\r\n\r\n", out, 8, problem));
    CHECK_THAT(problem, Catch::Contains("over the limit of 8"));
    std::vector<HeaderField> fields;
    CHECK_FALSE(add_header_line(fields, " folded before any field"));
    CHECK(add_header_line(fields, "A: 1"));
    CHECK(add_header_line(fields, "\t 2"));
    CHECK_FALSE(add_header_line(fields, "no colon"));
    CHECK(fields[0].value == "1 2");
    HttpResponse response;
    CHECK_FALSE(parse_http_response("HTTP/1.1 2x0 OK\r\n\r\n", 1000, response, problem));
    CHECK_FALSE(parse_http_response("<html>", 1000, response, problem));
    CHECK(parse_http_response("HTTP/1.0 204 No Content\r\nA: b\r\n", 1000, response, problem));
    CHECK(response.status == 204);
}

TEST_CASE("a damaged gzip member in the middle loses only its own record", "[input][warc]") {
    RecordSpec good;
    good.type = "resource";
    good.content_type = "text/plain";
    good.block = "good\n";
    RecordSpec big = good;
    big.uri = "http://example.com/damaged";
    for (int i = 0; i < 400; ++i) big.block += "line " + std::to_string(i * 31337 % 9973) + " of the damaged record\n";
    const std::string first = gzip(warc_record(good));
    std::string corrupt = gzip(warc_record(big));
    for (std::size_t i = 30; i < 60; ++i) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
    std::string cut = gzip(warc_record(big));
    cut.resize(cut.size() / 2);
    for (const std::string& damaged : {corrupt, cut, std::string("not gzip at all, between members")}) {
        const std::string file = first + damaged + gzip(warc_record(good)) + gzip(warc_record(good));
        const ReadResult r = read_warc(file, {}, "mid.warc.gz");
        for (const WarcRecord& record : r.records) UNSCOPED_INFO(record.reason << " / " << record.detail);
        REQUIRE(r.records.size() == 4);
        CHECK(r.records[0].payload == "good\n");
        CHECK(r.records[1].outcome == RecordOutcome::error);
        CHECK_THAT(r.records[1].detail, Catch::Contains("mid.warc.gz: ") && Catch::Contains("reading resumes at the gzip member at offset " +
                                                                                            std::to_string(first.size() + damaged.size())));
        CHECK(r.records[2].payload == "good\n");
        CHECK(r.records[2].compressed_offset == first.size() + damaged.size());
        CHECK(r.records[3].payload == "good\n");
    }
}

namespace {

// A WARC made on the fly, never held whole: `count` HTML responses of about 100 kB, and after the
// first ten a resource record with a block of `huge` bytes.
class GeneratedWarc : public ByteSource {
public:
    GeneratedWarc(int count, std::uint64_t huge) : count_(count), huge_(huge) {}
    std::size_t read(char* buffer, std::size_t size) override {
        while (pending_.size() == pending_pos_ && huge_left_ == 0) {
            if (emitted_ == count_) return 0;
            pending_.clear();
            pending_pos_ = 0;
            if (emitted_ == 10 && !huge_done_) {
                huge_done_ = true;
                pending_ = "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:huge>\r\nWARC-Date: 2026-01-01T00:00:00Z\r\n"
                           "WARC-Target-URI: http://example.com/huge\r\nContent-Type: text/plain\r\nContent-Length: " +
                           std::to_string(huge_) + "\r\n\r\n";
                huge_left_ = huge_;
                break;
            }
            RecordSpec spec;
            spec.uri = "http://example.com/" + std::to_string(emitted_);
            spec.block = http("200 OK", "Content-Type: text/html\r\n", "<p>" + std::string(100000, 'w') + "</p>");
            pending_ = warc_record(spec);
            ++emitted_;
        }
        if (pending_pos_ < pending_.size()) {
            const std::size_t n = std::min(size, pending_.size() - pending_pos_);
            std::memcpy(buffer, pending_.data() + pending_pos_, n);
            pending_pos_ += n;
            return n;
        }
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(size, huge_left_));
        std::memset(buffer, 'h', n);
        huge_left_ -= n;
        if (huge_left_ == 0) {
            pending_ = "\r\n\r\n";
            pending_pos_ = 0;
        }
        return n;
    }
    const std::string& name() const override { return name_; }

private:
    int count_;
    std::uint64_t huge_;
    int emitted_ = 0;
    bool huge_done_ = false;
    std::uint64_t huge_left_ = 0;
    std::string pending_;
    std::size_t pending_pos_ = 0;
    std::string name_ = "generated.warc";
};

long peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

}  // namespace

TEST_CASE("a large WARC streams through with memory bounded by the record size limit", "[input][warc]") {
    [[maybe_unused]] const long before = peak_rss_kib();
    GeneratedWarc source(1000, std::uint64_t{300} << 20);  // about 100 MB of records and one of 300 MiB
    WarcLimits limits;
    limits.max_block_bytes = std::size_t{8} << 20;
    WarcReader reader(source, limits);
    WarcRecord record;
    std::size_t documents = 0;
    std::size_t errors = 0;
    std::uint64_t payload_bytes = 0;
    while (reader.next(record)) {
        if (record.outcome == RecordOutcome::document) {
            ++documents;
            payload_bytes += record.payload.size();
        } else {
            ++errors;
            CHECK(record.reason == "record too large");
            CHECK(record.target_uri == "http://example.com/huge");
        }
    }
    CHECK(documents == 1000);
    CHECK(errors == 1);
    CHECK(payload_bytes == 1000 * 100007);
#if !defined(__SANITIZE_ADDRESS__)
    // A few buffers of the record limit at most, not the 400 MB that went through.
    CHECK(peak_rss_kib() - before < 40 * 1024);
#endif
}

TEST_CASE("damaged archives never stop the reader: random flips, cuts and insertions", "[input][warc]") {
    std::string plain;
    std::string gzipped;
    std::vector<RecordSpec> specs = mixed_records();
    RecordSpec chunked;
    chunked.block = http("200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", "");
    {
        const std::string body = gzip(page);
        char size[16];
        std::snprintf(size, sizeof size, "%zx\r\n", body.size());
        chunked.block += size + body + "\r\n0\r\n\r\n";
    }
    specs.push_back(chunked);
    for (const RecordSpec& spec : specs) {
        plain += warc_record(spec);
        gzipped += gzip(warc_record(spec));
    }
    std::mt19937 random(20261205);
    WarcLimits limits;
    limits.max_block_bytes = 4096;
    limits.max_header_bytes = 1024;
    std::size_t records_read = 0;
    for (int round = 0; round < 400; ++round) {
        std::string bytes = round % 2 ? gzipped : plain;
        const int edits = 1 + static_cast<int>(random() % 8);
        for (int e = 0; e < edits && !bytes.empty(); ++e) {
            const std::size_t at = random() % bytes.size();
            switch (random() % 4) {
                case 0: bytes[at] = static_cast<char>(random()); break;
                case 1: bytes.resize(at); break;
                case 2: bytes.insert(at, std::string(1 + random() % 20, static_cast<char>(random()))); break;
                default: bytes.erase(at, 1 + random() % 40); break;
            }
        }
        const ReadResult r = read_warc(bytes, limits, "fuzz.warc");
        CHECK(r.records.size() <= bytes.size() / 4 + 2);  // every record consumes input
        for (const WarcRecord& record : r.records) {
            CHECK(record.payload.size() <= limits.max_block_bytes);
            if (record.outcome != RecordOutcome::document) CHECK_FALSE(record.reason.empty());
        }
        records_read += r.records.size();
    }
    CHECK(records_read > 400);
}
