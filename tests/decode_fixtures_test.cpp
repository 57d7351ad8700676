// Fixture walks: detection over tests/data/encoding/detect/<lang>/<charset>.*, and the html5lib
// prescan cases under tests/data/encoding/prescan/<encoding>/ (adding a case means adding a file).
#include <catch2/catch.hpp>

#include <iconv.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "decode/decode.h"
#include "decode/encoding_labels.h"

namespace fs = std::filesystem;

namespace {

const fs::path kData = fs::path(WINNOW_SOURCE_DIR) / "tests" / "data" / "encoding";

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return s;
}

// The bytes converted to UTF-8 by iconv itself: an expectation that does not go through the decode
// stage. Empty when iconv refuses any of them.
std::string iconv_to_utf8(const std::string& bytes, const char* encoding) {
    iconv_t cd = iconv_open("UTF-8", encoding);
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string out(bytes.size() * 4 + 16, '\0');
    char* in_ptr = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    char* out_ptr = out.data();
    std::size_t out_left = out.size();
    const std::size_t done = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    iconv_close(cd);
    if (done == static_cast<std::size_t>(-1)) return {};
    out.resize(out.size() - out_left);
    return out;
}

// A file with a byte-order mark is named <utf-16|utf-32>.<le|be>: the name gives the byte order.
const char* bom_file_encoding(const std::string& name) {
    if (name == "utf-16.le") return "UTF-16LE";
    if (name == "utf-16.be") return "UTF-16BE";
    if (name == "utf-32.le") return "UTF-32LE";
    if (name == "utf-32.be") return "UTF-32BE";
    return nullptr;
}

// What the fixture decodes to under the charset its name gives.
std::string labelled_text(const std::string& bytes, const std::string& charset) {
    winnow::decode::DecodeOptions options;
    options.repair = false;
    std::string encoding = winnow::decode::resolve_encoding_name(charset);
    if (encoding == "replacement") encoding = winnow::decode::resolve_encoding_name(charset, false);
    return winnow::decode::decode_as(bytes, encoding, options).text;
}

}  // namespace

TEST_CASE("detection fixtures decode to the text of the charset they are named by", "[decode][detect]") {
    std::set<std::string> known_failures;
    {
        std::ifstream in(kData / "detect" / "KNOWN_FAILURES");
        std::string line;
        while (std::getline(in, line)) {
            if (!line.empty() && line[0] != '#') known_failures.insert(line);
        }
    }
    std::size_t files = 0, passed = 0, bom_files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(kData / "detect")) {
        if (!entry.is_regular_file() || entry.path().parent_path() == kData / "detect") continue;
        const std::string relative = fs::relative(entry.path(), kData / "detect").generic_string();
        const std::string name = entry.path().filename().string();
        const std::string charset = lower(name.substr(0, name.find('.')));
        const std::string bytes = read_bytes(entry.path());
        winnow::decode::DecodeOptions options;
        options.repair = false;
        const auto got = winnow::decode::decode(bytes, options);
        if (const char* bom_encoding = bom_file_encoding(name)) {
            // Told apart by the mark alone, big- and little-endian alike; the text is iconv's.
            INFO(relative << ": chose " << got.report.encoding << " (" << got.report.decided_by << ")");
            const std::size_t mark = std::string_view(bom_encoding).starts_with("UTF-32") ? 4 : 2;
            CHECK(got.report.bom);
            CHECK(got.report.decided_by == "bom");
            CHECK(got.report.encoding == bom_encoding);
            const std::string expected = iconv_to_utf8(bytes.substr(mark), bom_encoding);
            CHECK(expected.size() > 100);
            CHECK(got.text == expected);
            ++files;
            ++passed;
            ++bom_files;
            continue;
        }
        const bool ok = got.text == labelled_text(bytes, charset);
        INFO(relative << ": chose " << got.report.encoding << " (" << got.report.decided_by << ")");
        ++files;
        if (known_failures.count(relative)) {
            CHECK_FALSE(ok);  // strict: remove it from KNOWN_FAILURES once it passes
        } else {
            CHECK(ok);
            passed += ok;
        }
    }
    CHECK(files >= 150);
    CHECK(bom_files == 4);
    CHECK(passed + known_failures.size() == files);
}

TEST_CASE("html5lib prescan cases: the first 1024 bytes decide", "[decode][prescan]") {
    std::size_t cases = 0;
    for (const auto& entry : fs::recursive_directory_iterator(kData / "prescan")) {
        if (entry.path().extension() != ".html") continue;
        const std::string expected = entry.path().parent_path().filename().string();
        winnow::decode::DecodeOptions options;
        options.is_html = true;
        options.repair = false;
        const auto got = winnow::decode::decode(read_bytes(entry.path()), options);
        INFO(entry.path().filename().string() << ": got " << got.report.encoding << " (" << got.report.decided_by << ")");
        CHECK(lower(got.report.encoding) == lower(expected));
        ++cases;
    }
    CHECK(cases == 75);
}

TEST_CASE("html5lib late-meta cases: the parser's <meta> triggers one re-decode", "[decode][prescan]") {
    std::size_t cases = 0;
    for (const auto& entry : fs::recursive_directory_iterator(kData / "prescan-late-meta")) {
        if (entry.path().extension() != ".html") continue;
        const std::string expected = entry.path().parent_path().filename().string();
        const std::string bytes = read_bytes(entry.path());
        winnow::decode::DecodeOptions options;
        options.is_html = true;
        options.repair = false;
        const auto first = winnow::decode::decode(bytes, options);
        CHECK(first.report.decided_by != "meta");
        // Stand in for the HTML parser: find the <meta charset> the prescan could not reach.
        const std::size_t meta = bytes.find("<meta charset=\"");
        REQUIRE(meta != std::string::npos);
        const std::size_t value = meta + 15;
        const std::string label = bytes.substr(value, bytes.find('"', value) - value);
        const auto again = winnow::decode::redecode_for_late_meta(bytes, first.report, label, options);
        REQUIRE(again.has_value());
        CHECK(lower(again->report.encoding) == lower(expected));
        ++cases;
    }
    CHECK(cases == 7);
}
