// Byte sources: files, memory, gzip (multi-member, member offsets, truncation), deflate, zstd.
#include <catch2/catch.hpp>

#include <string>
#include <zlib.h>
#include <zstd.h>

#include "input/byte_source.h"
#include "input/gzip_member.h"
#include "winnow/types.h"
#include "test_support.h"

using namespace winnow;
using namespace winnow::input;

namespace {

// A memory source that owns its bytes, so temporaries can be handed over.
class OwnedMemory : public ByteSource {
public:
    OwnedMemory(std::string bytes, std::string name) : bytes_(std::move(bytes)), inner_(bytes_, std::move(name)) {}
    std::size_t read(char* buffer, std::size_t size) override { return inner_.read(buffer, size); }
    const std::string& name() const override { return inner_.name(); }

private:
    std::string bytes_;
    MemorySource inner_;
};

std::unique_ptr<ByteSource> memory(std::string bytes, const std::string& name = "mem") {
    return std::make_unique<OwnedMemory>(std::move(bytes), name);
}

std::string gzip(const std::string& bytes) {
    std::string out;
    append_gzip_member(out, bytes);
    return out;
}

std::string zstd(const std::string& bytes) {
    std::string out(ZSTD_compressBound(bytes.size()), '\0');
    const std::size_t n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), 3);
    REQUIRE_FALSE(ZSTD_isError(n));
    out.resize(n);
    return out;
}

std::string zlib_wrapped(const std::string& bytes, bool raw) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, raw ? -15 : 15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&z, bytes.size()) + 16, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(bytes.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
    out.resize(out.size() - z.avail_out);
    deflateEnd(&z);
    return out;
}

// Reads in small pieces, so chunk boundaries fall everywhere.
std::string drain(ByteSource& source, std::size_t piece = 7) {
    std::string out;
    std::string buffer(piece, '\0');
    while (const std::size_t n = source.read(buffer.data(), buffer.size())) out.append(buffer, 0, n);
    return out;
}

std::string sample_text(std::size_t size) {
    std::string text;
    for (std::size_t i = 0; text.size() < size; ++i) text += "line " + std::to_string(i * 7919 % 100003) + " of text\n";
    text.resize(size);
    return text;
}

}  // namespace

TEST_CASE("magic bytes decide the compression, not the name", "[input][bytes]") {
    CHECK(sniff_compression(std::string("\x1f\x8b\x08", 3)) == Compression::gzip);
    CHECK(sniff_compression(std::string("\x28\xb5\x2f\xfd", 4)) == Compression::zstd);
    CHECK(sniff_compression("WARC/1.1") == Compression::none);
    CHECK(sniff_compression("\x1f") == Compression::none);
    CHECK(sniff_compression("") == Compression::none);
    test::TempDir dir;
    test::write_file(dir.path() / "plain.gz", "not compressed at all\n");
    test::write_file(dir.path() / "hidden.txt", gzip("was gzip\n"));
    OpenedSource plain = open_input((dir.path() / "plain.gz").string());
    CHECK(plain.compression == Compression::none);
    CHECK(drain(*plain.source) == "not compressed at all\n");
    OpenedSource hidden = open_input((dir.path() / "hidden.txt").string());
    CHECK(hidden.compression == Compression::gzip);
    CHECK(drain(*hidden.source) == "was gzip\n");
}

TEST_CASE("short and empty inputs pass through the magic sniffing intact", "[input][bytes]") {
    for (const std::string text : {"", "a", "ab", "abc", "abcd", "abcde"}) {
        OpenedSource opened = open_decompressed(memory(text));
        CHECK(opened.compression == Compression::none);
        CHECK(drain(*opened.source, 1) == text);
    }
}

TEST_CASE("multi-member gzip reads as one stream and reports where each member starts", "[input][bytes]") {
    const std::string a = "WARC/1.1\r\nfirst record\r\n\r\n";
    const std::string b = sample_text(200000);
    const std::string c = "third\n";
    std::string file = gzip(a);
    const std::uint64_t second = file.size();
    file += gzip(b);
    const std::uint64_t third = file.size();
    file += gzip(c);
    OpenedSource opened = open_decompressed(memory(file));
    REQUIRE(opened.compression == Compression::gzip);
    REQUIRE(opened.member_index != nullptr);
    CHECK(drain(*opened.source, 4096) == a + b + c);
    // Asked in increasing order; the index forgets members before the one asked about.
    CHECK(opened.member_index->member_containing(0).compressed_offset == 0);
    CHECK(opened.member_index->member_containing(a.size()).compressed_offset == second);
    CHECK(opened.member_index->member_containing(a.size()).decompressed_offset == a.size());
    CHECK(opened.member_index->member_containing(a.size() + b.size() - 1).compressed_offset == second);
    CHECK(opened.member_index->member_containing(a.size() + b.size()).compressed_offset == third);
}

TEST_CASE("zero padding after the last gzip member is accepted, other trailing bytes are not", "[input][bytes]") {
    OpenedSource padded = open_decompressed(memory(gzip("x") + std::string(512, '\0')));
    CHECK(drain(*padded.source) == "x");
    OpenedSource garbage = open_decompressed(memory(gzip("x") + "junk", "g.gz"));
    CHECK_THROWS_WITH(drain(*garbage.source), Catch::Contains("g.gz") && Catch::Contains("is not gzip"));
}

TEST_CASE("a truncated gzip stream is an error naming the file and the member", "[input][bytes]") {
    std::string file = gzip("complete\n");
    const std::string second = gzip(sample_text(5000));
    file += second.substr(0, second.size() / 2);
    OpenedSource opened = open_decompressed(memory(file, "cut.warc.gz"));
    std::string got;
    try {
        got = drain(*opened.source);
        FAIL("no error");
    } catch (const Error& e) {
        const std::string what = e.what();
        CHECK(what.rfind("cut.warc.gz: truncated", 0) == 0);
        CHECK(what.find("starts at offset " + std::to_string(gzip("complete\n").size())) != std::string::npos);
    }
}

TEST_CASE("corrupt gzip data is an error with zlib's reason", "[input][bytes]") {
    std::string file = gzip(sample_text(10000));
    for (std::size_t i = 20; i < 60; ++i) file[i] = static_cast<char>(file[i] ^ 0x55);
    OpenedSource opened = open_decompressed(memory(file, "bad.gz"));
    CHECK_THROWS_WITH(drain(*opened.source), Catch::StartsWith("bad.gz: corrupt gzip data in the member at offset 0 (near offset"));
}

TEST_CASE("deflate bodies are read with or without the zlib header", "[input][bytes]") {
    const std::string text = sample_text(70000);
    for (const bool raw : {false, true}) {
        InflateSource source(memory(zlib_wrapped(text, raw)), InflateSource::Format::zlib_or_raw_deflate);
        CHECK(drain(source, 1000) == text);
    }
    InflateSource gz(memory(gzip(text)), InflateSource::Format::zlib_or_raw_deflate);
    CHECK(drain(gz, 1000) == text);
    InflateSource junk(memory("\xff\xff\xff\xff not deflate at all"), InflateSource::Format::zlib_or_raw_deflate);
    CHECK_THROWS_AS(drain(junk), Error);
}

TEST_CASE("zstd streams decompress, several frames in a row included", "[input][bytes]") {
    const std::string a = sample_text(300000);
    const std::string b = "second frame\n";
    OpenedSource opened = open_decompressed(memory(zstd(a) + zstd(b)));
    CHECK(opened.compression == Compression::zstd);
    CHECK(opened.member_index == nullptr);
    CHECK(drain(*opened.source, 10000) == a + b);
}

TEST_CASE("truncated and corrupt zstd streams are errors naming the file", "[input][bytes]") {
    const std::string whole = zstd(sample_text(100000));
    OpenedSource cut = open_decompressed(memory(whole.substr(0, whole.size() - 10), "cut.zst"));
    CHECK_THROWS_WITH(drain(*cut.source, 4096), Catch::StartsWith("cut.zst: truncated"));
    std::string bad = whole;
    for (std::size_t i = 12; i < 40; ++i) bad[i] = static_cast<char>(bad[i] ^ 0x33);
    OpenedSource corrupt = open_decompressed(memory(bad, "bad.zst"));
    CHECK_THROWS_WITH(drain(*corrupt.source, 4096), Catch::StartsWith("bad.zst: corrupt zstd data"));
}

TEST_CASE("files: a missing file or a directory is an error naming it", "[input][bytes]") {
    test::TempDir dir;
    CHECK_THROWS_WITH(FileByteSource((dir.path() / "nope").string()), Catch::EndsWith("nope: No such file or directory"));
    CHECK_THROWS_WITH(FileByteSource(dir.path().string()), Catch::Contains(": is a directory"));
}

TEST_CASE("read_all stops at its limit with an error naming the source", "[input][bytes]") {
    MemorySource small("12345", "five");
    CHECK(read_all(small, 5) == "12345");
    MemorySource big("123456", "six");
    CHECK_THROWS_WITH(read_all(big, 5), "six: over the limit of 5 bytes");
}

TEST_CASE("after a damaged gzip member, reading goes on at the next member", "[input][bytes]") {
    const std::string a = gzip("first member\n");
    std::string b = gzip(sample_text(20000));
    for (std::size_t i = 30; i < 50; ++i) b[i] = static_cast<char>(b[i] ^ 0x3c);
    const std::string c = gzip("third member\n");
    OpenedSource opened = open_decompressed(memory(a + b + c, "d.gz"));
    std::string got;
    std::string buffer(64, '\0');
    int damage = 0;
    for (;;) {
        try {
            const std::size_t n = opened.source->read(buffer.data(), buffer.size());
            if (n == 0) break;
            got.append(buffer, 0, n);
        } catch (const StreamDamage& e) {
            ++damage;
            CHECK_THAT(e.what(), Catch::StartsWith("d.gz: ") &&
                                     Catch::EndsWith("reading resumes at the gzip member at offset " + std::to_string(a.size() + b.size())));
            got += "|";
        }
    }
    CHECK(damage == 1);
    CHECK(got.rfind("first member\n", 0) == 0);
    CHECK(got.substr(got.find('|')) == "|third member\n");
    CHECK(opened.member_index->member_containing(got.size() - 2).compressed_offset == a.size() + b.size());
}

TEST_CASE("peeking at the decompressed start tells a WARC by content and consumes nothing", "[input][bytes]") {
    const std::string warc = "WARC/1.1\r\nWARC-Type: warcinfo\r\n";
    OpenedSource gz = open_decompressed(memory(gzip(warc) + gzip("more"), "x.bin"));
    MemberIndex* index = gz.member_index;
    CHECK(looks_like_warc(peek(gz, 8)));
    CHECK(gz.member_index == index);  // still the gzip source's index
    CHECK(drain(*gz.source, 3) == warc + "more");
    OpenedSource html = open_decompressed(memory("<html>WARC/1.0"));
    CHECK_FALSE(looks_like_warc(peek(html, 8)));
    CHECK(drain(*html.source) == "<html>WARC/1.0");
    OpenedSource tiny = open_decompressed(memory("WA"));
    CHECK(peek(tiny, 8) == "WA");
    CHECK(drain(*tiny.source) == "WA");
    CHECK_FALSE(looks_like_warc("WARC/x"));
}
