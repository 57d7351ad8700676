// Data-driven mojibake repair test over tests/data/encoding/repair_cases.txt, plus repair properties.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "decode/code_points.h"
#include "decode/decode.h"

namespace {

struct RepairCase {
    std::string note;
    std::string damaged;
    std::string expected;
    bool known_failure = false;
};

// Undoes the file's escapes: \u{XXXX} and \\.
std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '\\') {
            out.push_back('\\');
            ++i;
        } else if (s.compare(i, 3, "\\u{") == 0) {
            const std::size_t close = s.find('}', i);
            winnow::append_utf8(out, static_cast<char32_t>(std::stoul(s.substr(i + 3, close - i - 3), nullptr, 16)));
            i = close;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

std::vector<RepairCase> load_cases() {
    std::ifstream in(std::string(WINNOW_SOURCE_DIR) + "/tests/data/encoding/repair_cases.txt");
    std::vector<RepairCase> cases;
    RepairCase current;
    bool have_damaged = false;
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with("# ")) {
            current = RepairCase{line.substr(2), "", "", false};
            have_damaged = false;
        } else if (line == "!known-failure") {
            current.known_failure = true;
        } else if (line.starts_with("=> ") && have_damaged) {
            current.expected = unescape(line.substr(3));
            cases.push_back(current);
            have_damaged = false;
        } else if (!line.empty() && !line.starts_with("#")) {
            current.damaged = unescape(line);
            have_damaged = true;
        }
    }
    return cases;
}

}  // namespace

TEST_CASE("repair cases file: every case repaired or left alone as expected", "[decode][repair]") {
    const auto cases = load_cases();
    REQUIRE(cases.size() >= 50);
    std::size_t negatives = 0;
    for (const RepairCase& c : cases) {
        std::string text = c.damaged;
        const auto repairs = winnow::repair_mojibake(text);
        INFO(c.note << "\n  input:    " << c.damaged << "\n  output:   " << text << "\n  expected: " << c.expected);
        if (c.known_failure) {
            CHECK(text != c.expected);  // strict: a known failure that starts passing must lose its mark
            continue;
        }
        CHECK(text == c.expected);
        if (c.damaged == c.expected) {
            ++negatives;
            CHECK(repairs.empty());
        } else {
            CHECK_FALSE(repairs.empty());
        }
    }
    CHECK(negatives >= 20);
}

TEST_CASE("repair leaves clean ASCII untouched and reports nothing", "[decode][repair]") {
    std::string text = "Plain ASCII text, with punctuation: (a) & [b]!";
    const std::string before = text;
    CHECK(winnow::repair_mojibake(text).empty());
    CHECK(text == before);
}

TEST_CASE("repair names the code page and counts each repair", "[decode][repair]") {
    std::string text = "caf\xC3\x83\xC2\xA9 and na\xC3\x83\xC2\xAFve";  // "cafÃ© and naÃ¯ve"
    const auto repairs = winnow::repair_mojibake(text);
    CHECK(text == "caf\xC3\xA9 and na\xC3\xAFve");
    REQUIRE(repairs.size() == 1);
    CHECK(repairs[0].kind == "utf8-as-windows-1252");
    CHECK(repairs[0].count == 2);
}

TEST_CASE("decode runs repair unless told not to", "[decode][repair]") {
    const std::string bytes = "caf\xC3\x83\xC2\xA9";  // UTF-8 of "cafÃ©"
    winnow::DecodeOptions options;
    CHECK(winnow::decode(bytes, options).text == "caf\xC3\xA9");
    options.repair = false;
    const auto raw = winnow::decode(bytes, options);
    CHECK(raw.text == bytes);
    CHECK(raw.report.repairs.empty());
}
