// Data-driven mojibake repair test over tests/data/encoding/repair_cases.txt, plus repair properties.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "decode/code_points.h"
#include "decode/decode.h"
#include "decode/plausibility.h"
#include "winnow/winnow.h"

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
            winnow::decode::append_utf8(out, static_cast<char32_t>(std::stoul(s.substr(i + 3, close - i - 3), nullptr, 16)));
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
        const auto repairs = winnow::decode::repair_mojibake(text);
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
    CHECK(winnow::decode::repair_mojibake(text).empty());
    CHECK(text == before);
}

TEST_CASE("repair names the code page and counts each repair", "[decode][repair]") {
    std::string text = "caf\xC3\x83\xC2\xA9 and na\xC3\x83\xC2\xAFve";  // "cafÃ© and naÃ¯ve"
    const auto repairs = winnow::decode::repair_mojibake(text);
    CHECK(text == "caf\xC3\xA9 and na\xC3\xAFve");
    REQUIRE(repairs.size() == 1);
    CHECK(repairs[0].kind == "utf8-as-windows-1252");
    CHECK(repairs[0].count == 2);
}

TEST_CASE("decode runs repair unless told not to", "[decode][repair]") {
    const std::string bytes = "caf\xC3\x83\xC2\xA9";  // UTF-8 of "cafÃ©"
    winnow::decode::DecodeOptions options;
    CHECK(winnow::decode::decode(bytes, options).text == "caf\xC3\xA9");
    options.repair = false;
    const auto raw = winnow::decode::decode(bytes, options);
    CHECK(raw.text == bytes);
    CHECK(raw.report.repairs.empty());
}

TEST_CASE("C1 controls read as windows-1252 before an HTML parser can drop them", "[decode][repair]") {
    // "let\u00E2\u0080\u0099s": the UTF-8 of "’" once read as latin-1; 0x81 is unassigned and stays.
    std::string text = "let\xC3\xA2\xC2\x80\xC2\x99s \xC2\x96 \xC2\x81 \xC2\xA0";
    CHECK(winnow::decode::read_c1_as_windows_1252(text) == 3);
    CHECK(text == "let\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s \xE2\x80\x93 \xC2\x81 \xC2\xA0");
    std::string clean = "caf\xC3\xA9 \xC2\xA0";
    CHECK(winnow::decode::read_c1_as_windows_1252(clean) == 0);
    CHECK(clean == "caf\xC3\xA9 \xC2\xA0");

    // In an HTML page, the whole way: mojibake of both kinds is repaired, none left as U+FFFD.
    std::string page = "<html><head><meta charset=\"utf-8\"></head><body><p>Now let\xC3\xA2\xC2\x80\xC2\x99s take a "
                       "look at the rates, which most of our readers find fair.</p>";
    for (int i = 0; i < 3; ++i)
        page += "<p>It\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s the cat\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s toy and the "
                "dog\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s bed, all in one room of the house.</p>";
    winnow::Options options;
    options.input = winnow::InputKind::Html;
    const winnow::Result r = winnow::Cleaner(options).clean(page + "</body></html>");
    CHECK(r.text.find("Now let\xE2\x80\x99s take") != std::string::npos);
    CHECK(r.text.find("\xEF\xBF\xBD") == std::string::npos);
}

// Clean CJK text is settled by the quick check without the full search; these cases hold its
// proof to account: what the search would repair must still reach it.
TEST_CASE("repair passes clean CJK text and still finds mojibake in and beside it", "[decode][repair]") {
    const std::string chinese = "委员会星期二开会审议预算。成员们一致认为该提案需要进一步修改。";
    for (const std::string& clean : {chinese, std::string("日本語のテキストです。東京は晴れ。"),
                                     std::string("한국어 문장입니다. 서울은 맑음."), chinese + " café naïve 2024年"}) {
        std::string text = clean;
        CHECK(winnow::decode::repair_mojibake(text).empty());
        CHECK(text == clean);
    }
    // Arabic UTF-8 read as GBK: its CJK characters re-encode to valid UTF-8.
    std::string gbk = chinese + "\n賵賷賳丿賵夭. 氐賮丨丞 丕賱賰賵丿 賴匕賴 賱丕 鬲鬲賵丕賮賯 賲毓 丕賱兀賷夭賵 8859-6.";
    auto repairs = winnow::decode::repair_mojibake(gbk);
    CHECK(gbk == chinese + "\nويندوز. صفحة الكود هذه لا تتوافق مع الأيزو 8859-6.");
    REQUIRE(repairs.size() == 1);
    CHECK(repairs[0].kind == "utf8-as-GBK");
    // Windows-1252 mojibake next to clean Chinese.
    std::string latin = chinese + " Le comitÃ© s'est rÃ©uni.";
    repairs = winnow::decode::repair_mojibake(latin);
    CHECK(latin == chinese + " Le comité s'est réuni.");
    REQUIRE(repairs.size() == 1);
    CHECK(repairs[0].kind == "utf8-as-windows-1252");
    // A lone ideograph where a no-break space was, in Latin text.
    std::string stray = "The committee met below\xE6\xB3\xADor above the river on Tuesday to review the budget";
    repairs = winnow::decode::repair_mojibake(stray);
    CHECK(stray == "The committee met below\u00A0or above the river on Tuesday to review the budget");
    REQUIRE(repairs.size() == 1);
    CHECK(repairs[0].kind == "stray-ideograph");
}

// The scorer's shortcuts (plain ASCII, letters inside a word of another script) skip only what
// costs nothing, and implausibility_within gives the full score or nothing.
TEST_CASE("implausibility_within agrees with the full score", "[decode][repair]") {
    const std::u32string texts[] = {
        U"Съешь же ещё этих мягких французских булок, да выпей чаю.",
        U"Съешь же ЕЩЁ этих мягКИХ французских булок",
        U"Η γρήγορη καφέ αλεπού πηδά πάνω από τον σκύλο.",
        U"Le comitÃ© s'est rÃ©uni mardi.",
        U"委员会星期二开会审议预算。",
        U"рТЙЧЕФ НЙТ, ЛБЛ ДЕМБ?",
    };
    for (const auto& text : texts) {
        const double full = winnow::decode::implausibility(text, 0, text.size());
        const auto within = winnow::decode::implausibility_within(text, full);
        REQUIRE(within.has_value());
        CHECK(*within == full);
        if (full > 0) CHECK_FALSE(winnow::decode::implausibility_within(text, full - 0.25).has_value());
        // The score of a prefix never exceeds the whole's: what implausibility_within relies on.
        for (std::size_t k = 0; k <= text.size(); ++k) CHECK(winnow::decode::implausibility(text, 0, k) <= full);
    }
    // Plain lower-case words of one script cost nothing; a capital inside one does.
    const std::u32string clean = U"съешь же этих мягких булок";
    CHECK(winnow::decode::implausibility(clean, 0, clean.size()) == 0);
    const std::u32string flipped = U"съешь же этих мягКих булок";
    CHECK(winnow::decode::implausibility(flipped, 0, flipped.size()) > 0);
}
