// Issue 16's categories on real text (tests/data/encoding/gaps/, made by scripts/make_gap_cases.py
// from Debian's translated manual pages and help, and English news): detection and repair rates
// that must not fall, clean texts that must not change, and the stripped-apostrophe restoration.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "decode/decode.h"
#include "decode/encoding_labels.h"
#include "test_support.h"

namespace {

const std::filesystem::path kGaps = std::filesystem::path(WINNOW_SOURCE_DIR) / "tests/data/encoding/gaps";

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// The string values of one line of repair.jsonl, in order: category, damaged, want. The file is
// written by json.dumps(ensure_ascii=False), so only its escapes need decoding.
std::vector<std::string> json_strings(const std::string& line) {
    std::vector<std::string> values;
    std::size_t i = 0;
    bool key = true;
    while ((i = line.find('"', i)) != std::string::npos) {
        std::string value;
        for (++i; i < line.size() && line[i] != '"'; ++i) {
            if (line[i] != '\\') {
                value += line[i];
                continue;
            }
            const char e = line[++i];
            if (e == 'n') value += '\n';
            else if (e == 't') value += '\t';
            else if (e == 'r') value += '\r';
            else if (e == 'b') value += '\b';
            else if (e == 'f') value += '\f';
            else if (e == 'u') {
                char32_t cp = static_cast<char32_t>(std::stoul(line.substr(i + 1, 4), nullptr, 16));
                i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF && line.compare(i + 1, 2, "\\u") == 0) {
                    const auto low = static_cast<char32_t>(std::stoul(line.substr(i + 3, 4), nullptr, 16));
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    i += 6;
                }
                append_utf8(value, cp);
            } else value += e;
        }
        ++i;
        if (!key) values.push_back(std::move(value));
        key = !key;
    }
    return values;
}

struct Tally {
    int fixed = 0, total = 0;
};

}  // namespace

TEST_CASE("gap cases: KOI8-U Ukrainian and short Latin texts are detected as written", "[decode][gaps]") {
    // Figures when these cases were made: KOI8-U 40/40 (uchardet alone 0/40), short Latin 156/160.
    const std::map<std::string, int> floors{{"koi8-u-ukrainian", 40}, {"short-latin", 156}};
    for (const auto& [category, floor] : floors) {
        const std::filesystem::path folder = kGaps / "detect" / category;
        std::istringstream manifest(slurp(folder / "manifest.tsv"));
        std::string row;
        std::getline(manifest, row);  // header
        int right = 0, total = 0;
        while (std::getline(manifest, row)) {
            const std::string file = row.substr(0, row.find('\t')), label = row.substr(row.find('\t') + 1);
            const std::string bytes = slurp(folder / file);
            winnow::decode::DecodeOptions options;
            options.repair = false;
            const std::string want = winnow::decode::decode_as(bytes, winnow::decode::resolve_encoding_name(label), options).text;
            right += winnow::decode::decode(bytes, options).text == want;
            ++total;
        }
        INFO(category << ": " << right << "/" << total);
        CHECK(right >= floor);
    }
}

TEST_CASE("gap cases: damaged real text is repaired and clean text is left alone", "[decode][gaps]") {
    std::map<std::string, Tally> tally;
    std::istringstream cases(slurp(kGaps / "repair.jsonl"));
    std::string line;
    std::vector<std::string> clean_changed;
    while (std::getline(cases, line)) {
        const auto values = json_strings(line);
        REQUIRE(values.size() == 3);
        std::string text = values[1];
        winnow::decode::repair_mojibake(text);
        Tally& t = tally[values[0]];
        t.fixed += text == values[2];
        ++t.total;
        if (values[0] == "clean" && text != values[2]) clean_changed.push_back(values[2].substr(0, 80));
    }
    // What each kind of damage reached when the repair for it was made (of 494 damaged texts).
    const std::map<std::string, int> floors{
        {"big5-as-windows-1252", 24},        {"euc-kr-as-windows-1252", 25},   {"gbk-as-windows-1252", 25},
        {"koi8-r-as-windows-1251", 29},      {"nbsp-as-stray-ideograph", 12}, {"nbsp-utf8-as-cp949", 20},
        {"nbsp-utf8-as-gbk", 40},            {"shift_jis-as-windows-1252", 25}, {"stripped-punctuation", 37},
        {"utf8-as-big5", 14},                {"utf8-as-euc-kr", 29},           {"utf8-as-gbk", 36},
        {"utf8-as-shift_jis", 27},           {"utf8-as-windows-1252-nbsp-lost", 59},
        {"windows-1250-as-windows-1252", 38}, {"windows-1257-as-windows-1252", 30},
    };
    for (const auto& [category, floor] : floors) {
        INFO(category << ": " << tally[category].fixed << "/" << tally[category].total);
        CHECK(tally[category].fixed >= floor);
    }
    INFO("clean texts changed, first: " << (clean_changed.empty() ? "" : clean_changed.front()));
    CHECK(clean_changed.empty());
    CHECK(tally["clean"].total >= 500);
}

TEST_CASE("Ukrainian in KOI8-U is not taken for KOI8-R", "[decode][gaps]") {
    // "Виводить інформацію про файлову систему" (manpages-uk, df(1)), in KOI8-U.
    const std::string bytes = "\xf7\xc9\xd7\xcf\xc4\xc9\xd4\xd8 \xa6\xce\xc6\xcf\xd2\xcd\xc1\xc3\xa6\xc0 \xd0\xd2\xcf "
                              "\xc6\xc1\xca\xcc\xcf\xd7\xd5 \xd3\xc9\xd3\xd4\xc5\xcd\xd5 \xd4\xc1 \xa7\xa7 "
                              "\xd7\xc9\xcb\xcf\xd2\xc9\xd3\xd4\xc1\xce\xce\xd1.";
    winnow::decode::DecodeOptions options;
    const winnow::Decoded got = winnow::decode::decode(bytes, options);
    CHECK(got.report.encoding == "KOI8-U");
    CHECK(got.text == "Виводить інформацію про файлову систему та її використання.");
}

TEST_CASE("Czech and Lithuanian read as windows-1252 are re-read in their code page", "[decode][gaps]") {
    // manpages-cs, make(1); GIMP help (lt): windows-1250 and windows-1257 bytes shown as windows-1252.
    std::string czech = "Tento pøedpis bude závislý na posledním pøedcházejícím pøedpisu bez pøíznaku. "
                        "To vám umožòuje øetìzit akce, které závisí na spoleèné podmínce.";
    auto repairs = winnow::decode::repair_mojibake(czech);
    CHECK(czech == "Tento předpis bude závislý na posledním předcházejícím předpisu bez příznaku. "
                   "To vám umožňuje řetězit akce, které závisí na společné podmínce.");
    REQUIRE(repairs.size() == 1);
    CHECK(repairs[0].kind == "windows-1250-as-windows-1252");
    std::string lithuanian = "Ðis árankis (ið tikrøjø – áskiepis) yra naudingas per maþai iðlaikytoms nuotraukoms: "
                             "jis koreguoja visà paveikslëlá vienu metu.";
    repairs = winnow::decode::repair_mojibake(lithuanian);
    CHECK(lithuanian == "Šis įrankis (iš tikrųjų – įskiepis) yra naudingas per mažai išlaikytoms nuotraukoms: "
                        "jis koreguoja visą paveikslėlį vienu metu.");
    REQUIRE(repairs.size() == 1);
    CHECK(repairs[0].kind == "windows-1257-as-windows-1252");
    // Italian with one such letter stays as it is.
    std::string italian = "perduta, per lo più a causa di successive ricostruzioni degli edifici sacri e";
    CHECK(winnow::decode::repair_mojibake(italian).empty());
}

TEST_CASE("KOI8-R read as windows-1251 is re-read even when few words show it", "[decode][gaps]") {
    // manpages-ru, proc(5): "(начиная с Linux 2.6.18) Включает или отключает панику ядра при нехватке памяти."
    std::string text = "(ОБЮЙОБС У Linux 2.6.18) чЛМАЮБЕФ ЙМЙ ПФЛМАЮБЕФ РБОЙЛХ СДТБ РТЙ ОЕИЧБФЛЕ РБНСФЙ.";
    const auto repairs = winnow::decode::repair_mojibake(text);
    CHECK(text == "(начиная с Linux 2.6.18) Включает или отключает панику ядра при нехватке памяти.");
    REQUIRE(repairs.size() == 1);
    CHECK(repairs[0].kind == "KOI8-R-as-windows-1251");
    // A heading in capitals is left alone.
    std::string heading = "ВЕСЕЛА КОЛЕДА И УМНАТА";
    CHECK(winnow::decode::repair_mojibake(heading).empty());
}

TEST_CASE("Japanese and traditional Chinese read as windows-1252 are re-read", "[decode][gaps]") {
    // manpages-ja: "このスクリプト言語自体は、C プログラミング言語のサブセットです。" as Shift_JIS bytes shown as windows-1252
    // (0x81, which windows-1252 does not assign, kept as U+0081), spelled in UTF-8.
    std::string japanese = "\xe2\x80\x9a\xc2\xb1\xe2\x80\x9a\xc3\x8c\xc6\x92X\xc6\x92N\xc6\x92\xc5\xa0\xc6\x92v\xc6\x92g\xc5\x92"
                           "\xc2\xbe\xc5\x92\xc3\xaa\xc5\xbd\xc2\xa9\xe2\x80\x98\xc3\x8c\xe2\x80\x9a\xc3\x8d\xc2\x81" "AC \xc6\x92v"
                           "\xc6\x92\xc2\x8d\xc6\x92O\xc6\x92\xe2\x80\xb0\xc6\x92~\xc6\x92\xe2\x80\x9c\xc6\x92O\xc5\x92\xc2\xbe\xc5"
                           "\x92\xc3\xaa\xe2\x80\x9a\xc3\x8c\xc6\x92T\xc6\x92u\xc6\x92Z\xc6\x92" "b\xc6\x92g\xe2\x80\x9a\xc3\x85"
                           "\xe2\x80\x9a\xc2\xb7\xc2\x81" "B";
    const auto repairs = winnow::decode::repair_mojibake(japanese);
    CHECK(japanese == "このスクリプト言語自体は、C プログラミング言語のサブセットです。");
    REQUIRE(repairs.size() == 1);
    CHECK(repairs[0].kind == "Shift_JIS-as-windows-1252");
    // Debian Reference (zh-tw) in Big5, shown as windows-1252: mostly symbols ("³Ì²×ªº").
    std::string chinese = "\xc2\xb3\xc3\x8c\xc2\xb2\xc3\x97\xc2\xaa\xc2\xba\xc2\xbf\xc3\xa9\xc2\xa5X\xc2\xb5\xc2\xb2\xc2\xaaG\xc2"
                        "\xa8\xc3\x93\xc2\xa6\xc3\x9b\xc2\xa9\xc3\x92\xc2\xa6\xc2\xb3\xc2\xa5i\xc2\xb3X\xc2\xb0\xc3\x9d\xc2\xaa"
                        "\xc2\xba\xc2\xa4\xc3\xa9\xc2\xbbx\xc3\x80\xc3\x89\xc2\xae\xc3\x97\xc2\xaa\xc2\xba\xc2\xba\xc3\xae\xc2"
                        "\xa6X\xc2\xa1" "A\xc2\xb5L\xc2\xbd\xc3\x97\xc2\xb3o\xc2\xa8\xc3\x87\xc2\xa4\xc3\xa9\xc2\xbbx\xc3\x80"
                        "\xc3\x89\xc2\xae\xc3\x97\xc2\xacO\xc2\xa7_\xc2\xa5\xc2\xbf\xc2\xa6" "b\xc2\xbau\xc2\xb0\xc3\x8a\xc2\xa9"
                        "\xc3\x8e\xc2\xaa\xc3\x8c\xc2\xa5\xc2\xbf\xc2\xa6" "b\xc2\xb3Q\xc2\xbcg\xc2\xa4J\xc2\xa1" "C";
    const auto big5 = winnow::decode::repair_mojibake(chinese);
    CHECK(chinese == "最終的輸出結果來自所有可訪問的日誌檔案的綜合，無論這些日誌檔案是否正在滾動或者正在被寫入。");
    REQUIRE(big5.size() == 1);
    CHECK(big5[0].kind == "Big5-as-windows-1252");
}

TEST_CASE("a UTF-8 no-break space read as GBK becomes a no-break space again", "[decode][gaps]") {
    std::string text = "In defence Gibbs, Djourou and Traore are all injured which gives us a\xe8\x81\xbd"
                       "couple of options for the back four.";
    winnow::decode::repair_mojibake(text);
    CHECK(text == "In defence Gibbs, Djourou and Traore are all injured which gives us a\u00A0couple of options for "
                  "the back four.");
}

TEST_CASE("a text that lost its apostrophes gets them back where the word is unambiguous", "[decode][gaps]") {
    // Seed 002's damage (Transport Topics): curly apostrophes and quotes dropped in a conversion.
    std::string text =
        "Bessent said during a White House event that he will be speaking with He the evening of Oct. 17. "
        "Bessents comments came after President Donald Trump expressed optimism that talks with Chinese officials "
        "could yield an agreement. I think were doing very well. I think were getting along with China, Trump said. "
        "The talks represent the latest efforts after whats already been four rounds of trade talks in Malaysia, "
        "and Malaysias capital is set to host a summit. It isnt clear, and they dont know, whether its over.";
    const auto repairs = winnow::decode::repair_mojibake(text);
    CHECK(text ==
          "Bessent said during a White House event that he will be speaking with He the evening of Oct. 17. "
          "Bessents comments came after President Donald Trump expressed optimism that talks with Chinese officials "
          "could yield an agreement. I think were doing very well. I think were getting along with China, Trump said. "
          "The talks represent the latest efforts after what\u2019s already been four rounds of trade talks in Malaysia, "
          "and Malaysias capital is set to host a summit. It isn\u2019t clear, and they don\u2019t know, whether its over.");
    REQUIRE(repairs.size() == 1);
    CHECK(repairs[0].kind == "stripped-apostrophes");
    CHECK(repairs[0].count == 3);
}

TEST_CASE("text that kept its apostrophes, or never needed one, is left alone", "[decode][gaps]") {
    std::vector<std::string> clean{
        // Straight apostrophes throughout: nothing was lost.
        "I don't think we're doing badly, and it isn't over yet. The team's plan is to keep going, and they "
        "don't want to stop. That's the view of the coach, who said it's fine.",
        // Curly ones with one slip: the text kept its marks.
        "I don\u2019t think it matters. The report said the plan \u201cwould go ahead\u201d, and dont worry about "
        "the rest of the schedule, which is set to the end of the year.",
        // No contraction at all.
        "The committee met on Tuesday to review the budget. Members agreed that the proposal needed more work, and "
        "asked staff to report back next month with revised figures for the board.",
        // German: "Im" is a word of its own there.
        "Im Jahr 2020 wurde das Gesetz geändert. Im Sommer tritt es in Kraft, und die Regierung prüft die Folgen.",
        // Words that are ambiguous without their apostrophe are never touched.
        "We were there and the dog wagged its tail. Well, we cant say the shell was ill, and the hell of it is "
        "that they wont let us go to the sea, of course, and the lets are to the left.",
    };
    for (const std::string& original : clean) {
        std::string text = original;
        CHECK(winnow::decode::repair_mojibake(text).empty());
        CHECK(text == original);
    }
}
