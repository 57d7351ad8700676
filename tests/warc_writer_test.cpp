// The WARC conversion-record writer: what it writes reads back through the WARC reader.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "input/byte_source.h"
#include "input/warc.h"
#include "input/warc_writer.h"

using namespace winnow::input;

namespace {

std::vector<WarcRecord> read_back(const std::string& bytes) {
    OpenedSource opened = open_decompressed(std::make_unique<MemorySource>(bytes, "out.warc"));
    WarcReader reader(*opened.source, {}, opened.member_index);
    std::vector<WarcRecord> records;
    WarcRecord record;
    while (reader.next(record)) records.push_back(record);
    return records;
}

WarcWriter::Options fixed_options(bool gzip) {
    WarcWriter::Options options;
    options.gzip_per_record = gzip;
    auto counter = std::make_shared<int>(0);
    options.make_id = [counter] { return "<urn:uuid:00000000-0000-4000-8000-00000000000" + std::to_string(++*counter) + ">"; };
    options.now = [] { return std::string("2026-12-05T15:00:00Z"); };
    return options;
}

}  // namespace

namespace {

// "<urn:uuid:xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx>" with lower-case hex digits.
bool is_v4_uuid_urn(const std::string& id) {
    const std::string shape = "<urn:uuid:hhhhhhhh-hhhh-4hhh-vhhh-hhhhhhhhhhhh>";
    if (id.size() != shape.size()) return false;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        const char c = id[i];
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        if (shape[i] == 'h' ? !hex : shape[i] == 'v' ? std::string("89ab").find(c) == std::string::npos : c != shape[i])
            return false;
    }
    return true;
}

}  // namespace

TEST_CASE("record ids are distinct version-4 UUID URNs, dates are WARC dates", "[input][warc-writer]") {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string id = new_record_id();
        CHECK(is_v4_uuid_urn(id));
        seen.insert(id);
    }
    CHECK(seen.size() == 1000);
    CHECK_FALSE(is_v4_uuid_urn("<urn:uuid:00000000-0000-1000-8000-000000000000>"));
    const std::string date = warc_date_now();
    REQUIRE(date.size() == 20);
    CHECK(date.substr(0, 2) == "20");
    CHECK(date[4] == '-');
    CHECK(date[7] == '-');
    CHECK(date[10] == 'T');
    CHECK(date[13] == ':');
    CHECK(date[16] == ':');
    CHECK(date[19] == 'Z');
}

TEST_CASE("conversion records are written exactly as WARC/1.1 wants", "[input][warc-writer]") {
    WarcWriter writer(fixed_options(false));
    std::string out;
    ConversionRecord record;
    record.refers_to = "<urn:uuid:aaaaaaaa-0000-4000-8000-000000000000>";
    record.target_uri = "http://example.com/";
    record.text = "Title\nParagraph é.\n";
    CHECK(writer.append_conversion(out, record) == "<urn:uuid:00000000-0000-4000-8000-000000000001>");
    CHECK(out ==
          "WARC/1.1\r\n"
          "WARC-Type: conversion\r\n"
          "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
          "WARC-Date: 2026-12-05T15:00:00Z\r\n"
          "WARC-Refers-To: <urn:uuid:aaaaaaaa-0000-4000-8000-000000000000>\r\n"
          "WARC-Target-URI: http://example.com/\r\n"
          "Content-Type: text/plain; charset=utf-8\r\n"
          "Content-Length: 20\r\n"
          "\r\n"
          "Title\nParagraph é.\n"
          "\r\n\r\n");
}

TEST_CASE("what the writer writes reads back through the reader, plain and gzip per record", "[input][warc-writer]") {
    for (const bool gzip : {false, true}) {
        INFO("gzip " << gzip);
        WarcWriter writer(fixed_options(gzip));
        std::string out;
        const std::string info_id = writer.append_warcinfo(out, "out.warc.gz", "winnow 0.1.0");
        std::vector<std::string> ids;
        std::vector<std::uint64_t> starts;
        for (int i = 0; i < 3; ++i) {
            ConversionRecord record;
            record.refers_to = "urn:uuid:source-" + std::to_string(i);  // brackets added
            record.target_uri = "http://example.com/page/" + std::to_string(i);
            record.text = std::string(static_cast<std::size_t>(i) * 1000, 'x') + "text " + std::to_string(i) + "\n";
            starts.push_back(out.size());
            ids.push_back(writer.append_conversion(out, record));
        }
        const std::vector<WarcRecord> records = read_back(out);
        REQUIRE(records.size() == 4);
        CHECK(records[0].type == "warcinfo");
        CHECK(records[0].outcome == RecordOutcome::skipped);
        CHECK(*records[0].field("WARC-Filename") == "out.warc.gz");
        for (int i = 0; i < 3; ++i) {
            const WarcRecord& r = records[static_cast<std::size_t>(i) + 1];
            CHECK(r.outcome == RecordOutcome::document);
            CHECK(r.warnings.empty());
            CHECK(r.version == "1.1");
            CHECK(r.type == "conversion");
            CHECK(r.record_id == ids[static_cast<std::size_t>(i)]);
            CHECK(*r.field("WARC-Refers-To") == "<urn:uuid:source-" + std::to_string(i) + ">");
            CHECK(*r.field("WARC-Warcinfo-ID") == info_id);
            CHECK(r.target_uri == "http://example.com/page/" + std::to_string(i));
            CHECK(r.charset == "utf-8");
            CHECK(r.payload == std::string(static_cast<std::size_t>(i) * 1000, 'x') + "text " + std::to_string(i) + "\n");
            if (gzip) CHECK(r.compressed_offset == starts[static_cast<std::size_t>(i)]);
        }
    }
}

TEST_CASE("values from an archive cannot forge header fields", "[input][warc-writer]") {
    WarcWriter writer(fixed_options(false));
    std::string out;
    ConversionRecord record;
    record.refers_to = "<urn:x>\r\nWARC-Type: response";
    record.target_uri = "http://example.com/\r\nContent-Length: 0\r\n\r\n";
    record.text = "body\r\n\r\nWARC/1.1\r\n";
    writer.append_conversion(out, record);
    const std::vector<WarcRecord> records = read_back(out);
    REQUIRE(records.size() == 1);
    CHECK(records[0].type == "conversion");
    CHECK(records[0].target_uri == "http://example.com/%0D%0AContent-Length: 0%0D%0A%0D%0A");
    CHECK(records[0].payload == "body\r\n\r\nWARC/1.1\r\n");
    CHECK(records[0].fields.size() == 7);
}
