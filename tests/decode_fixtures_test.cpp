// Fixture walks: detection over tests/data/encoding/detect/<lang>/<charset>.*, and the html5lib
// prescan cases under tests/data/encoding/prescan/<encoding>/ (adding a case means adding a file).
#include <catch2/catch.hpp>

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

// What the fixture decodes to under the charset its name gives (a BOM decides UTF-16/32).
std::string labelled_text(const std::string& bytes, const std::string& charset) {
    winnow::DecodeOptions options;
    options.repair = false;
    const auto by_bom = winnow::decode(bytes, options);
    if (by_bom.report.bom) return by_bom.text;
    std::string encoding = winnow::resolve_encoding_name(charset);
    if (encoding == "replacement") encoding = winnow::resolve_encoding_name(charset, false);
    if (charset == "utf-16") encoding = "UTF-16LE";
    if (charset == "utf-32") encoding = "UTF-32LE";
    return winnow::decode_as(bytes, encoding, options).text;
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
    std::size_t files = 0, passed = 0;
    for (const auto& entry : fs::recursive_directory_iterator(kData / "detect")) {
        if (!entry.is_regular_file() || entry.path().parent_path() == kData / "detect") continue;
        const std::string relative = fs::relative(entry.path(), kData / "detect").generic_string();
        const std::string name = entry.path().filename().string();
        const std::string charset = lower(name.substr(0, name.find('.')));
        const std::string bytes = read_bytes(entry.path());
        winnow::DecodeOptions options;
        options.repair = false;
        const auto got = winnow::decode(bytes, options);
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
    CHECK(passed + known_failures.size() == files);
}

TEST_CASE("html5lib prescan cases: the first 1024 bytes decide", "[decode][prescan]") {
    std::size_t cases = 0;
    for (const auto& entry : fs::recursive_directory_iterator(kData / "prescan")) {
        if (entry.path().extension() != ".html") continue;
        const std::string expected = entry.path().parent_path().filename().string();
        winnow::DecodeOptions options;
        options.is_html = true;
        options.repair = false;
        const auto got = winnow::decode(read_bytes(entry.path()), options);
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
        winnow::DecodeOptions options;
        options.is_html = true;
        options.repair = false;
        const auto first = winnow::decode(bytes, options);
        CHECK(first.report.decided_by != "meta");
        // Stand in for the HTML parser: find the <meta charset> the prescan could not reach.
        const std::size_t meta = bytes.find("<meta charset=\"");
        REQUIRE(meta != std::string::npos);
        const std::size_t value = meta + 15;
        const std::string label = bytes.substr(value, bytes.find('"', value) - value);
        const auto again = winnow::redecode_for_late_meta(bytes, first.report, label, options);
        REQUIRE(again.has_value());
        CHECK(lower(again->report.encoding) == lower(expected));
        ++cases;
    }
    CHECK(cases == 7);
}
