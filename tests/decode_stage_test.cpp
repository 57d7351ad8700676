// The decode stage's sniffing order, conversion and report, one behaviour per test.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "decode/code_points.h"
#include "decode/convert.h"
#include "decode/decode.h"
#include "decode/detect.h"
#include "decode/encoding_labels.h"
#include "decode/iconv_handle.h"

using winnow::decode::decode;
using winnow::decode::DecodeOptions;

namespace {
DecodeOptions no_repair() {
    DecodeOptions options;
    options.repair = false;
    return options;
}
}  // namespace

TEST_CASE("WHATWG labels resolve to their encoding", "[decode][labels]") {
    CHECK(winnow::decode::resolve_whatwg_label("latin1") == "windows-1252");
    CHECK(winnow::decode::resolve_whatwg_label(" ISO-8859-1 ") == "windows-1252");
    CHECK(winnow::decode::resolve_whatwg_label("us-ascii") == "windows-1252");
    CHECK(winnow::decode::resolve_whatwg_label("gb2312") == "GBK");
    CHECK(winnow::decode::resolve_whatwg_label("x-sjis") == "Shift_JIS");
    CHECK(winnow::decode::resolve_whatwg_label("iso-2022-kr") == "replacement");
    CHECK(winnow::decode::resolve_whatwg_label("no-such-charset").empty());
    // Charsets WHATWG does not list but iconv decodes are kept for the detector.
    CHECK(winnow::decode::resolve_encoding_name("ibm852") == "IBM852");
    CHECK(winnow::decode::resolve_encoding_name("no-such-charset").empty());
}

TEST_CASE("a BOM decides before anything else and is removed", "[decode]") {
    DecodeOptions options = no_repair();
    options.charset = "windows-1251";
    const auto utf8 = decode("\xEF\xBB\xBFh\xC3\xA9", options);
    CHECK(utf8.text == "h\xC3\xA9");
    CHECK(utf8.report.bom);
    CHECK(utf8.report.decided_by == "bom");
    const auto utf16 = decode(std::string("\xFF\xFEh\0i\0", 6), options);
    CHECK(utf16.text == "hi");
    CHECK(utf16.report.encoding == "UTF-16LE");
}

TEST_CASE("the declared charset comes before the prescan and detection", "[decode]") {
    DecodeOptions options = no_repair();
    options.charset = "koi8-r";
    options.is_html = true;
    const auto result = decode("<meta charset=utf-8>\xF0\xD2\xC9\xD7\xC5\xD4", options);
    CHECK(result.report.encoding == "KOI8-R");
    CHECK(result.report.decided_by == "declared");
    CHECK(result.text == "<meta charset=utf-8>\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");  // Привет
}

TEST_CASE("an unknown declared charset is ignored", "[decode]") {
    DecodeOptions options = no_repair();
    options.charset = "x-unheard-of";
    const auto result = decode("plain", options);
    CHECK(result.report.decided_by == "default");
}

TEST_CASE("the meta prescan applies to HTML only", "[decode]") {
    const std::string page = "<html><head><meta charset=\"iso-8859-2\"></head><body>\xB1</body></html>";
    DecodeOptions options = no_repair();
    options.is_html = true;
    const auto html = decode(page, options);
    CHECK(html.report.encoding == "ISO-8859-2");
    CHECK(html.report.decided_by == "meta");
    CHECK(html.text.find("\xC4\x85") != std::string::npos);  // ą
    options.is_html = false;
    CHECK(decode(page, options).report.decided_by != "meta");
}

TEST_CASE("valid UTF-8 is detected as UTF-8, ASCII falls to the default", "[decode]") {
    const auto utf8 = decode("na\xC3\xAFve", no_repair());
    CHECK(utf8.report.encoding == "UTF-8");
    CHECK(utf8.report.decided_by == "detector");
    const auto ascii = decode("plain text", no_repair());
    CHECK(ascii.report.decided_by == "default");
    CHECK(ascii.text == "plain text");
}

TEST_CASE("ISO-8859-x with bytes 0x80-0x9F is read as windows-125x", "[decode]") {
    const std::string text =
        "\x93Qu\xE9 bonito d\xED" "a\x94, dijo la se\xF1ora. \x93\xA1Ma\xF1" "ana vamos a la monta\xF1\x61!\x94 "
        "El ni\xF1o respondi\xF3 que s\xED, que ir\xED" "an todos juntos despu\xE9s del almuerzo.";
    const auto result = decode(text, no_repair());
    CHECK(result.report.encoding == "windows-1252");
    CHECK(result.text.starts_with("\xE2\x80\x9CQu\xC3\xA9"));  // “Qué
}

TEST_CASE("invalid bytes become U+FFFD and are counted", "[decode]") {
    const auto utf8 = winnow::decode::convert_to_utf8("a\xFF" "b\xC3", "UTF-8");
    CHECK(utf8.text == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    CHECK(utf8.replacements == 2);
    const auto sjis = winnow::decode::convert_to_utf8("\x82\xA0\x82", "Shift_JIS");
    CHECK(sjis.text == "\xE3\x81\x82\xEF\xBF\xBD");  // あ then a truncated lead byte
    CHECK(sjis.replacements == 1);
    // WHATWG windows-1252 decodes its five unassigned bytes to C1 controls, not U+FFFD.
    const auto windows = winnow::decode::convert_to_utf8("\x81", "windows-1252");
    CHECK(windows.text == "\xC2\x81");
    CHECK(windows.replacements == 0);
}

TEST_CASE("UTF-16 and UTF-32 without a BOM are recognised by their zero bytes", "[decode]") {
    const std::string le("h\0e\0l\0l\0o\0 \0w\0o\0r\0l\0d\0", 22);
    CHECK(decode(le, no_repair()).text == "hello world");
    const std::string be32("\0\0\0h\0\0\0e\0\0\0l\0\0\0l\0\0\0o", 20);
    CHECK(decode(be32, no_repair()).report.encoding == "UTF-32BE");
}

TEST_CASE("ISO-2022 text is 7-bit but not ASCII", "[decode]") {
    // "日本" in ISO-2022-JP.
    const auto result = decode("\x1B$BF|K\\\x1B(B", no_repair());
    CHECK(result.report.encoding == "ISO-2022-JP");
    CHECK(result.text == "\xE6\x97\xA5\xE6\x9C\xAC");
}

TEST_CASE("a late <meta> re-decodes once, unless a BOM or a declaration decided", "[decode]") {
    const std::string page = "<p>text</p>" + std::string(2000, ' ') + "<meta charset=iso-8859-2>\xB1";
    DecodeOptions options = no_repair();
    options.is_html = true;
    const auto first = decode(page, options);
    CHECK(first.report.decided_by != "meta");
    const auto again = winnow::decode::redecode_for_late_meta(page, first.report, "iso-8859-2", options);
    REQUIRE(again.has_value());
    CHECK(again->report.encoding == "ISO-8859-2");
    CHECK(again->report.decided_by == "meta");
    CHECK_FALSE(winnow::decode::redecode_for_late_meta(page, again->report, "latin2", options).has_value());
    CHECK_FALSE(winnow::decode::redecode_for_late_meta(page, first.report, "bogus", options).has_value());
    winnow::DecodeReport declared = first.report;
    declared.decided_by = "declared";
    CHECK_FALSE(winnow::decode::redecode_for_late_meta(page, declared, "iso-8859-2", options).has_value());
}

// The repair step encodes CJK characters through a table of iconv's answers; it must give what
// iconv gives for the same characters, a letter with its combining mark included.
TEST_CASE("characters encoded through the per-character table match iconv", "[decode][convert]") {
    const std::pair<const char*, std::u32string> pieces[] = {
        {"GBK", U"\u4E2D\u6587\u5B57\u7B26"},                   // 中文字符
        {"GBK", U"caf\u00E9 \u00E8"},                            // Latin letters GBK has
        {"WINDOWS-31J", U"\u65E5\u672C\u8A9E\u30C6\u30AD\u30B9\u30C8"},
        {"UHC", U"\uD55C\uAD6D\uC5B4 \uBB38\uC7A5"},
        {"BIG5-HKSCS", U"\u7E41\u9AD4\u4E2D\u6587"},
        {"BIG5-HKSCS", U"\u00CA\u0304\u00EA\u030C"},             // Ê̄ ê̌: one code each
        {"BIG5-HKSCS", U"\u00CA\u00EA"},                         // the same letters alone
    };
    for (const auto& [encoding, piece] : pieces) {
        std::string from_table, from_iconv;
        const bool coded = winnow::decode::CodePointEncoder(encoding).append(piece, from_table);
        REQUIRE(coded == winnow::decode::convert_from_utf8(winnow::decode::to_utf8(piece), encoding, from_iconv));
        CHECK(from_table == from_iconv);
    }
    // A character the code page lacks fails as iconv does, however often it is asked.
    std::string out;
    CHECK_FALSE(winnow::decode::CodePointEncoder("GBK").append(U"\uD55C", out));  // Hangul is not in GBK
    CHECK_FALSE(winnow::decode::CodePointEncoder("GBK").append(U"\uD55C", out));
    CHECK_FALSE(winnow::decode::CodePointEncoder("GBK").may_begin_utf8(U'\uD55C'));
}

// Single-byte code pages are converted through a table learnt from iconv: on any run of bytes
// iconv accepts, the result must be iconv's own, letters joined with their marks included.
TEST_CASE("single-byte conversion gives what iconv gives", "[decode][convert]") {
    // iconv's reading of the whole string, or nothing when it rejects a byte.
    auto iconv_reading = [](const std::string& bytes, const std::string& encoding) -> std::optional<std::string> {
        const winnow::decode::IconvHandle cd("UTF-8", winnow::decode::iconv_name_for(encoding).c_str());
        if (!cd.valid()) return std::nullopt;
        std::string out(bytes.size() * 4 + 16, '\0');
        char* in = const_cast<char*>(bytes.data());
        std::size_t in_left = bytes.size(), out_left = out.size();
        char* dst = out.data();
        if (iconv(cd.get(), &in, &in_left, &dst, &out_left) == static_cast<std::size_t>(-1)) return std::nullopt;
        if (iconv(cd.get(), nullptr, nullptr, &dst, &out_left) == static_cast<std::size_t>(-1)) return std::nullopt;
        out.resize(out.size() - out_left);
        return out;
    };
    std::uint32_t seed = 12345;
    auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
    for (const std::string encoding :
         {"windows-1250", "windows-1251", "windows-1252", "windows-1253", "windows-1254", "windows-1255",
          "windows-1256", "windows-1257", "windows-1258", "ISO-8859-2", "ISO-8859-5", "ISO-8859-7", "ISO-8859-8",
          "KOI8-R", "KOI8-U", "IBM866", "macintosh", "x-mac-cyrillic", "windows-874",
          // code pages detection reaches beyond WHATWG's list
          "IBM437", "IBM850", "IBM852", "IBM855", "IBM862", "IBM865", "CP737", "GEORGIAN-ACADEMY", "GEORGIAN-PS"}) {
        std::string accepted;
        for (int b = 1; b < 256; ++b) {
            const std::string one(1, static_cast<char>(b));
            if (iconv_reading(one, encoding)) accepted += one;
        }
        REQUIRE(accepted.size() > 128);
        std::string bytes;
        for (int i = 0; i < 4000; ++i) bytes.push_back(accepted[next() % accepted.size()]);
        bytes += "a";  // ends with a letter a mark could have followed
        INFO(encoding);
        const auto expected = iconv_reading(bytes, encoding);
        REQUIRE(expected.has_value());
        CHECK(winnow::decode::convert_to_utf8(bytes, encoding).text == *expected);
    }
    // glibc joins a letter and a following tone mark in windows-1258 and keeps the last letter.
    const auto vietnamese = winnow::decode::convert_to_utf8("Vi\xEA\xF2t", "windows-1258");
    CHECK(vietnamese.text == "Vi\xE1\xBB\x87t");  // "Việt"
}
