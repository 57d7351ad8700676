// The command line as a user meets it: arguments, stdin, stdout, stderr and exit status.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "test_support.h"

using namespace winnow::test;
using nlohmann::json;

namespace {

// Every line of JSON Lines output, parsed; a line that is not one JSON object fails the test.
std::vector<json> json_lines(const std::string& out) {
    std::vector<json> objects;
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) {
        INFO("line: " << line.substr(0, 200));
        json object;
        REQUIRE_NOTHROW(object = json::parse(line));
        REQUIRE(object.is_object());
        objects.push_back(std::move(object));
    }
    REQUIRE(out.ends_with("\n"));
    return objects;
}

json one_json(const std::string& out) {
    const std::vector<json> objects = json_lines(out);
    REQUIRE(objects.size() == 1);
    return objects[0];
}

const std::string kArticle =
    "Storm closes harbour for second day\n"
    "\n"
    "The harbour stayed closed on Tuesday as the storm that hit the coast on Monday kept waves above "
    "four metres, the port authority said in a statement.\n"
    "Fishing boats were kept at their moorings and the ferry to the islands was cancelled until the "
    "wind drops, which forecasters expect by Thursday morning.\n"
    "Also Read: Ten things to do on a rainy weekend\n"
    "Residents were asked to stay away from the sea wall, where several people had been seen taking "
    "photographs of the waves during the night.\n"
    "This website uses cookies.\n";

// What winnow makes of kArticle: the headline, then the three kept paragraphs.
const std::string kArticleText =
    "Storm closes harbour for second day\n"
    "The harbour stayed closed on Tuesday as the storm that hit the coast on Monday kept waves above "
    "four metres, the port authority said in a statement.\n"
    "Fishing boats were kept at their moorings and the ferry to the islands was cancelled until the "
    "wind drops, which forecasters expect by Thursday morning.\n"
    "Residents were asked to stay away from the sea wall, where several people had been seen taking "
    "photographs of the waves during the night.\n";

const std::string kOtherArticle =
    "Library stays open late\n"
    "\n"
    "The town library will stay open until nine in the evening from next month, after the council "
    "found the money to pay two more members of staff for the extra hours.\n"
    "Readers had asked for longer hours for years, and a petition last winter gathered more than "
    "three thousand names from people who work during the day.\n";

const std::string kOtherArticleText =
    "Library stays open late\n"
    "The town library will stay open until nine in the evening from next month, after the council "
    "found the money to pay two more members of staff for the extra hours.\n"
    "Readers had asked for longer hours for years, and a petition last winter gathered more than "
    "three thousand names from people who work during the day.\n";

std::string binary_bytes() {
    std::string garbage;
    for (int i = 0; i < 5000; ++i) garbage.push_back(static_cast<char>((i * 7919) % 256));
    return garbage;
}

}  // namespace

TEST_CASE("cli: reads stdin, writes the clean text, stays quiet", "[cli]") {
    const auto r = run_winnow({}, kArticle);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out == kArticleText);  // no "Also Read" line, no cookie line
}

TEST_CASE("cli: '-' is stdin and files are read in order, a blank line between documents", "[cli]") {
    TempDir dir;
    write_file(dir.path() / "a.txt", kArticle);
    write_file(dir.path() / "b.txt", kOtherArticle);
    const auto from_dash = run_winnow({"-"}, kArticle);
    CHECK(from_dash.status == 0);
    CHECK(from_dash.out == kArticleText);
    const auto mixed = run_winnow({(dir.path() / "b.txt").string(), "-", (dir.path() / "a.txt").string()}, kArticle);
    CHECK(mixed.status == 0);
    CHECK(mixed.err.empty());
    CHECK(mixed.out == kOtherArticleText + "\n" + kArticleText + "\n" + kArticleText + "\n");
}

TEST_CASE("cli: a missing file fails with its name, the other inputs are still written", "[cli]") {
    TempDir dir;
    write_file(dir.path() / "good.txt", kArticle);
    const std::string missing = (dir.path() / "missing.txt").string();
    const auto r = run_winnow({missing, (dir.path() / "good.txt").string()});
    CHECK(r.status == 1);
    CHECK(r.err == "winnow: " + missing + ": No such file or directory\n");
    CHECK(r.out.find("The harbour stayed closed") != std::string::npos);
}

TEST_CASE("cli: a binary file after a good one fails alone, the good output is kept", "[cli]") {
    TempDir dir;
    write_file(dir.path() / "good.txt", kArticle);
    write_file(dir.path() / "image.png", binary_bytes());
    const std::string image = (dir.path() / "image.png").string();
    const auto r = run_winnow({(dir.path() / "good.txt").string(), image});
    CHECK(r.status == 1);
    CHECK(r.err == "winnow: " + image + ": binary data, not text or HTML (--input text cleans it anyway)\n");
    CHECK(r.out == kArticleText + "\n");
    const auto json_run = run_winnow({"--format", "json", (dir.path() / "good.txt").string(), image});
    CHECK(json_run.status == 1);
    const auto objects = json_lines(json_run.out);
    REQUIRE(objects.size() == 1);
    CHECK(objects[0]["source"] == (dir.path() / "good.txt").string());
}

TEST_CASE("cli: -o FILE keeps what the good inputs gave when another input fails", "[cli]") {
    TempDir dir;
    write_file(dir.path() / "good.txt", kArticle);
    const std::string missing = (dir.path() / "missing.txt").string();
    const auto target = dir.path() / "out.txt";
    const auto r = run_winnow({"-o", target.string(), (dir.path() / "good.txt").string(), missing});
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "winnow: " + missing + ": No such file or directory\n");
    CHECK(read_file(target) == kArticleText + "\n");
}

TEST_CASE("cli: a write error is reported with the output's name and exit status 1", "[cli]") {
    REQUIRE(std::filesystem::exists("/dev/full"));
    const auto r = run_winnow({"-o", "/dev/full"}, kArticle);
    CHECK(r.status == 1);
    CHECK(r.err == "winnow: /dev/full: write failed: No space left on device\n");
}

TEST_CASE("cli: an empty directory as input is a batch of nothing, not an error", "[cli]") {
    TempDir dir;
    const auto r = run_winnow({dir.path().string()});
    CHECK(r.status == 0);
    CHECK(r.out.empty());
    CHECK(r.err.empty());
}

TEST_CASE("cli: usage errors exit 2 with one line", "[cli]") {
    const auto unknown = run_winnow({"--frobnicate"});
    CHECK(unknown.status == 2);
    CHECK(unknown.err == "winnow: unknown option '--frobnicate' (see winnow --help)\n");
    const auto bad_value = run_winnow({"--format", "yaml"});
    CHECK(bad_value.status == 2);
    CHECK(bad_value.err.find("invalid value 'yaml' for --format") != std::string::npos);
    const auto missing_value = run_winnow({"--input"});
    CHECK(missing_value.status == 2);
    CHECK(missing_value.err.find("needs a value") != std::string::npos);
}

TEST_CASE("cli: --help documents every option, --version prints the version", "[cli]") {
    const auto help = run_winnow({"--help"});
    CHECK(help.status == 0);
    for (const char* flag : {"--output", "--input", "--format", "--explain", "--patterns", "--favor", "--comments",
                             "--charset", "--no-repair", "--only-decode",
                             "--version", "Exit status"})
        CHECK(help.out.find(flag) != std::string::npos);
    const auto version = run_winnow({"--version"});
    CHECK(version.status == 0);
    CHECK(version.out.starts_with("winnow "));
}

TEST_CASE("cli: -o writes the output to a file", "[cli]") {
    TempDir dir;
    const auto target = dir.path() / "out.txt";
    const auto r = run_winnow({"-o", target.string()}, kArticle);
    CHECK(r.status == 0);
    CHECK(r.out.empty());
    CHECK(read_file(target) == kArticleText);
    const auto unwritable = run_winnow({"-o", (dir.path() / "no/such/dir/out.txt").string()}, kArticle);
    CHECK(unwritable.status == 1);
    CHECK(unwritable.err.find("cannot write") != std::string::npos);
}

TEST_CASE("cli: --explain prints one tab-separated row per line with label, category, reason", "[cli]") {
    const auto r = run_winnow({"--explain"}, kArticle);
    REQUIRE(r.status == 0);
    std::size_t rows = 0;
    bool saw_related = false, saw_cookie = false, saw_title = false;
    std::size_t start = 0;
    while (start < r.out.size()) {
        const std::size_t end = r.out.find('\n', start);
        const std::string row = r.out.substr(start, end - start);
        start = end + 1;
        ++rows;
        CHECK(std::count(row.begin(), row.end(), '\t') == 4);
        saw_related |= row.find("\tnoise\trelated\t") != std::string::npos;
        saw_cookie |= row.find("\tnoise\tcookie\t") != std::string::npos;
        saw_title |= row.starts_with("1\ttitle\t-\t");
    }
    CHECK(rows == 6);  // every non-blank line
    CHECK(saw_related);
    CHECK(saw_cookie);
    CHECK(saw_title);
}

TEST_CASE("cli: multi-file --explain heads each file's rows with its name", "[cli]") {
    TempDir dir;
    write_file(dir.path() / "a.txt", kArticle);
    write_file(dir.path() / "b.txt", kOtherArticle);
    const std::string a = (dir.path() / "a.txt").string(), b = (dir.path() / "b.txt").string();
    const auto r = run_winnow({"--explain", a, b});
    REQUIRE(r.status == 0);
    const std::size_t head_a = r.out.find("# " + a + "\n"), head_b = r.out.find("# " + b + "\n");
    CHECK(head_a == 0);
    REQUIRE(head_b != std::string::npos);
    CHECK(r.out.substr(head_b).starts_with("# " + b + "\n1\ttitle\t-\t"));
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 2 + 6 + 3);  // two headers, 6 and 3 rows
    const auto single = run_winnow({"--explain", a});
    CHECK(single.out.starts_with("1\ttitle\t-\t"));  // no header for one input
}

TEST_CASE("cli: --format json writes one object per document with metadata and decode report", "[cli]") {
    const json doc = one_json(run_winnow({"--format", "json"}, kArticle + "By Mara Quinn\n").out);
    CHECK(doc["source"] == "<stdin>");
    CHECK(doc["title"] == "Storm closes harbour for second day");
    CHECK(doc["author"] == "Mara Quinn");
    CHECK(doc["date"].is_null());
    CHECK(doc["language"] == "en");
    CHECK(doc["text"].get<std::string>() + "\n" == kArticleText.substr(kArticleText.find('\n') + 1));
    CHECK(doc["comments"] == json::array());
    CHECK(doc["decode"]["encoding"] == "UTF-8");
    CHECK(doc["decode"]["decided_by"] == "default");
    CHECK(doc["decode"]["bom"] == false);
    CHECK(doc["decode"]["replacements"] == 0);
    CHECK(doc["decode"]["repairs"] == json::array());
    CHECK(doc["blocks"] == 7);  // the byline is a block too
    CHECK(doc["noise_blocks"] == 2);
    CHECK_FALSE(doc.contains("lines"));
}

TEST_CASE("cli: --format json over several inputs writes JSON Lines in input order", "[cli]") {
    TempDir dir;
    write_file(dir.path() / "a.txt", kArticle);
    write_file(dir.path() / "b.txt", kOtherArticle);
    const auto r = run_winnow({"--format", "json", (dir.path() / "a.txt").string(), "-",
                               (dir.path() / "b.txt").string()}, kOtherArticle);
    REQUIRE(r.status == 0);
    const auto objects = json_lines(r.out);
    REQUIRE(objects.size() == 3);
    CHECK(objects[0]["source"] == (dir.path() / "a.txt").string());
    CHECK(objects[1]["source"] == "<stdin>");
    CHECK(objects[2]["source"] == (dir.path() / "b.txt").string());
    CHECK(objects[0]["title"] == "Storm closes harbour for second day");
    CHECK(objects[1]["title"] == "Library stays open late");
    CHECK(objects[1]["text"] == objects[2]["text"]);
}

TEST_CASE("cli: --format json --explain adds every block's decision as lines", "[cli]") {
    const json doc = one_json(run_winnow({"--format", "json", "--explain"}, kArticle).out);
    REQUIRE(doc.contains("lines"));
    const json& lines = doc["lines"];
    REQUIRE(lines.size() == 6);
    const std::vector<std::string> labels{"title", "content", "content", "noise", "content", "noise"};
    const std::vector<int> line_numbers{1, 3, 4, 5, 6, 7};
    for (std::size_t i = 0; i < lines.size(); ++i) {
        CHECK(lines[i]["first_line"] == line_numbers[i]);
        CHECK(lines[i]["last_line"] == line_numbers[i]);
        CHECK(lines[i]["label"] == labels[i]);
        CHECK_FALSE(lines[i]["reason"].get<std::string>().empty());
    }
    CHECK(lines[0]["category"].is_null());
    CHECK(lines[3]["category"] == "related");
    CHECK(lines[3]["text"] == "Also Read: Ten things to do on a rainy weekend");
    CHECK(lines[5]["category"] == "cookie");
    CHECK(lines[5]["reason"].get<std::string>().find("pattern \"this website uses cookies\"") == 0);
}

TEST_CASE("cli: empty, binary and invalid UTF-8 input never crash", "[cli]") {
    const auto empty = run_winnow({}, "");
    CHECK(empty.status == 0);
    CHECK(empty.out.empty());
    CHECK(empty.err.empty());
    const auto binary = run_winnow({}, binary_bytes());
    CHECK(binary.status == 1);
    CHECK(binary.out.empty());
    CHECK(binary.err == "winnow: <stdin>: binary data, not text or HTML (--input text cleans it anyway)\n");
    const auto forced = run_winnow({"--input", "text", "--format", "json"}, binary_bytes());
    CHECK(forced.status == 0);
    const json forced_doc = one_json(forced.out);
    CHECK(forced_doc["blocks"].get<long>() > 0);
    CHECK_FALSE(forced_doc["decode"]["encoding"].get<std::string>().empty());
    const auto invalid = run_winnow({"--input", "text"},
                                    "Caf\xE9 au lait is served every morning in the little square by the old church, "
                                    "and the waiters know every regular by name.\n");
    CHECK(invalid.status == 0);
    CHECK(invalid.out == "Caf\xC3\xA9 au lait is served every morning in the little square by the old church, "
                         "and the waiters know every regular by name.\n");  // read as windows-1252, not replaced
}

TEST_CASE("cli: --patterns adds a user's phrases, a malformed file is a usage error naming it", "[cli]") {
    TempDir dir;
    std::filesystem::create_directories(dir.path() / "en");
    write_file(dir.path() / "en" / "promo.txt", "# house ads\n^harbour times radio\n");
    const std::string text = kArticle + "Harbour Times Radio: live every morning\n";
    const auto plain = run_winnow({"--explain"}, text);
    CHECK(plain.status == 0);
    CHECK(plain.out.find("\tnoise\tpromo\t") == std::string::npos);
    CHECK(plain.out.find("Harbour Times Radio") != std::string::npos);
    const auto r = run_winnow({"--patterns", dir.path().string(), "--explain"}, text);
    CHECK(r.status == 0);
    CHECK(r.out.find("\tnoise\tpromo\tpattern \"harbour times radio\" (en/promo.txt:2)") != std::string::npos);

    write_file(dir.path() / "en" / "stopwords.txt", "two words\n");
    const auto bad = run_winnow({"--patterns", dir.path().string()}, kArticle);
    CHECK(bad.status == 2);
    CHECK(bad.out.empty());
    CHECK(bad.err.find("en/stopwords.txt:1: a stopword must be one word") != std::string::npos);
    const auto missing = run_winnow({"--patterns", (dir.path() / "nope").string()}, kArticle);
    CHECK(missing.status == 2);
    CHECK(missing.err.find("not a directory of pattern files") != std::string::npos);
}

TEST_CASE("cli: a long text streams in windows with line numbers running on", "[cli]") {
    // Over the 4 MiB window: the text is cut at paragraph breaks and each window classified alone.
    const std::string paragraph =
        "The harbour stayed closed on Tuesday as the storm kept waves above four metres, the port "
        "authority said in a statement issued in the morning.\n\nThis website uses cookies.\n\n";
    std::string head = "Harbour report\n\n";
    std::size_t lines = 2;
    while (head.size() < (std::size_t{9} << 20)) {
        head += paragraph;
        lines += 4;
    }
    // The rest, 48 MiB more, is written only once output has appeared.
    std::string tail;
    while (tail.size() < (std::size_t{48} << 20)) {
        tail += paragraph;
        lines += 4;
    }
    tail += "The last paragraph of the whole text says that the harbour will open again on Friday morning.\n";
    ++lines;
    const std::size_t input_kib = (head.size() + tail.size()) / 1024;

    const auto text = run_winnow_streamed({"--input", "text"}, head, tail);
    REQUIRE(text.status == 0);
    CHECK(text.err.empty());
    CHECK(text.output_before_input_end);  // the first window was written before the input ended
    CHECK(text.out.starts_with("Harbour report\nThe harbour stayed closed"));
    CHECK(text.out.find("Harbour report", 1) == std::string::npos);
    CHECK(text.out.find("cookies") == std::string::npos);
    CHECK(text.out.ends_with("harbour will open again on Friday morning.\n"));
    CHECK(std::count(text.out.begin(), text.out.end(), '\n') == static_cast<long>((lines - 3) / 4 + 2));
    // Memory is bounded by the window: 48 MiB more input must not raise the peak by half as much.
    const auto head_only = run_winnow_streamed({"--input", "text"}, head, "");
    REQUIRE(head_only.status == 0);
    INFO("peak memory " << text.max_rss_kib << " KiB for " << input_kib << " KiB of input, "
                        << head_only.max_rss_kib << " KiB for its first " << head.size() / 1024 << " KiB");
    CHECK(text.max_rss_kib < head_only.max_rss_kib + 24 * 1024);

    const auto explain = run_winnow_streamed({"--explain"}, head, tail);
    REQUIRE(explain.status == 0);
    CHECK(explain.output_before_input_end);
    const std::size_t last_row = explain.out.rfind('\n', explain.out.size() - 2) + 1;
    CHECK(explain.out.substr(last_row).starts_with(std::to_string(lines) + "\tcontent\t"));
}

TEST_CASE("cli: UTF-16 text over the 4 MiB window is cleaned and decoded whole", "[cli]") {
    std::string utf8 = "Harbour report\n\n";
    while (utf8.size() < (std::size_t{3} << 20)) {
        utf8 += "The harbour stayed closed on Tuesday as the storm kept waves above four metres, the port "
                "authority said in a statement issued in the morning.\n\n";
    }
    utf8 += "The last paragraph says that the harbour will open again on Friday morning.\n";
    std::string utf16 = "\xFF\xFE";  // little-endian, with its byte-order mark: 6 MiB and more
    for (const char c : utf8) {
        utf16.push_back(c);  // the text is ASCII: each code unit is the byte and a zero
        utf16.push_back('\0');
    }
    const auto decoded = run_winnow({"--only-decode"}, utf16);
    CHECK(decoded.status == 0);
    CHECK(decoded.err.empty());
    CHECK(decoded.out == utf8);
    const auto cleaned = run_winnow({}, utf16);
    CHECK(cleaned.status == 0);
    CHECK(cleaned.out.starts_with("Harbour report\nThe harbour stayed closed"));
    CHECK(cleaned.out.ends_with("\nThe last paragraph says that the harbour will open again on Friday morning.\n"));
    const json report = one_json(run_winnow({"--only-decode", "--format", "json"}, utf16).out)["decode"];
    CHECK(report["encoding"] == "UTF-16LE");
    CHECK(report["decided_by"] == "bom");
    CHECK(report["bom"] == true);
}

TEST_CASE("cli: --only-decode prints the repaired UTF-8, --no-repair and --charset steer it", "[cli]") {
    const std::string mojibake = "Bessent\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s plan\n";  // "Bessentâ€™s plan"
    const auto repaired = run_winnow({"--only-decode"}, mojibake);
    CHECK(repaired.status == 0);
    CHECK(repaired.out == "Bessent\xE2\x80\x99s plan\n");
    const auto raw = run_winnow({"--only-decode", "--no-repair"}, mojibake);
    CHECK(raw.status == 0);
    CHECK(raw.out == mojibake);
    const json doc = one_json(run_winnow({"--only-decode", "--format", "json"}, mojibake).out);
    CHECK(doc.size() == 3);
    CHECK(doc["source"] == "<stdin>");
    CHECK(doc["text"] == "Bessent\xE2\x80\x99s plan\n");
    REQUIRE(doc["decode"]["repairs"].size() == 1);
    CHECK(doc["decode"]["repairs"][0]["kind"] == "utf8-as-windows-1252");
    CHECK(doc["decode"]["repairs"][0]["count"] == 1);
    const auto latin1 = run_winnow({"--only-decode", "--charset", "iso-8859-1"}, "caf\xE9\n");
    CHECK(latin1.status == 0);
    CHECK(latin1.out == "caf\xC3\xA9\n");
    const auto unknown = run_winnow({"--charset", "klingon"}, "x\n");
    CHECK(unknown.status == 2);
    CHECK(unknown.out.empty());
    CHECK(unknown.err == "winnow: unknown encoding 'klingon' for --charset (use a WHATWG label such as utf-8, "
                         "windows-1252, gbk)\n");
}

TEST_CASE("cli: --charset iso-2022-kr, which WHATWG maps to replacement, is decoded", "[cli]") {
    // "안녕하세요" in ISO-2022-KR: the designator, then shift-out, the KS X 1001 bytes, shift-in.
    const std::string bytes = "\x1B$)C\x0E\x3E\x48\x33\x67\x47\x4F\x3C\x3C\x3F\x64\x0F\n";
    const auto r = run_winnow({"--only-decode", "--charset", "iso-2022-kr"}, bytes);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out == "\xEC\x95\x88\xEB\x85\x95\xED\x95\x98\xEC\x84\xB8\xEC\x9A\x94\n");
    const json report = one_json(run_winnow({"--only-decode", "--format", "json", "--charset", "iso-2022-kr"}, bytes).out);
    CHECK(report["decode"]["encoding"] == "ISO-2022-KR");
    CHECK(report["decode"]["decided_by"] == "declared");
    CHECK(report["decode"]["replacements"] == 0);
    const auto refused = run_winnow({"--charset", "replacement"}, "x\n");
    CHECK(refused.status == 2);
    CHECK(refused.err.find("unknown encoding 'replacement'") != std::string::npos);
}

TEST_CASE("cli: --input html, text and auto decide how the same bytes are read", "[cli]") {
    const std::string page =
        "<!doctype html><html><head><title>Harbour closed</title></head><body>"
        "<p>The harbour stayed closed on Tuesday as the storm that hit the coast on Monday kept waves above "
        "<b>four metres</b>, the port authority said in a statement.</p>"
        "<p>Fishing boats were kept at their moorings and the ferry to the islands was cancelled until the "
        "wind drops, which forecasters expect by Thursday morning.</p></body></html>\n";
    const std::string as_html =
        "Harbour closed\n"
        "The harbour stayed closed on Tuesday as the storm that hit the coast on Monday kept waves above four "
        "metres, the port authority said in a statement.\n"
        "Fishing boats were kept at their moorings and the ferry to the islands was cancelled until the wind "
        "drops, which forecasters expect by Thursday morning.\n";
    const auto automatic = run_winnow({}, page);
    CHECK(automatic.status == 0);
    CHECK(automatic.out == as_html);
    const auto forced_html = run_winnow({"--input", "html"}, page);
    CHECK(forced_html.out == as_html);
    // As text the markup is kept as characters: the one long line is the text.
    const json as_text = one_json(run_winnow({"--input", "text", "--format", "json", "--explain"}, page).out);
    REQUIRE(as_text["lines"].size() == 1);
    CHECK(as_text["lines"][0]["text"] == page.substr(0, page.size() - 1));
    // Plain text with a tag or two in it stays text under auto, and becomes markup under html.
    const std::string text = kArticle + "Tides are printed in <b>bold</b> on the board by the harbour office.\n";
    CHECK(run_winnow({}, text).out == run_winnow({"--input", "text"}, text).out);
    const json html_doc = one_json(run_winnow({"--input", "html", "--format", "json"}, text).out);
    CHECK(html_doc["text"].get<std::string>().find("<b>") == std::string::npos);
}

TEST_CASE("cli: --favor precision, balanced and recall keep less or more of a doubtful page", "[cli]") {
    const std::string input = (source_dir() / "tests/data/favor/outside-main.txt").string();
    const auto precision = run_winnow({"--favor", "precision", input});
    const auto balanced = run_winnow({input});
    const auto recall = run_winnow({"--favor", "recall", input});
    REQUIRE(precision.status == 0);
    REQUIRE(recall.status == 0);
    CHECK(run_winnow({"--favor", "balanced", input}).out == balanced.out);
    const std::string strong = "The old keeper of the lighthouse, who has watched over the harbour";
    const std::string weak = "Island ferry schedules change in winter";
    CHECK(precision.out.find(strong) == std::string::npos);
    CHECK(balanced.out.find(strong) != std::string::npos);
    CHECK(balanced.out.find(weak) == std::string::npos);
    CHECK(recall.out.find(weak) != std::string::npos);
    CHECK(balanced.out.starts_with(precision.out));
    CHECK(recall.out.starts_with(balanced.out));
    const auto bad = run_winnow({"--favor", "maximum", input});
    CHECK(bad.status == 2);
    CHECK(bad.err.find("invalid value 'maximum' for --favor") != std::string::npos);
}

TEST_CASE("cli: --format markdown on plain text writes paragraphs and list items", "[cli]") {
    const std::string text =
        "Storm closes harbour for second day\n\n"
        "The harbour stayed closed on Tuesday as the storm that hit the coast on Monday kept waves above four "
        "metres, the port authority said in a statement.\n"
        "The port authority gave residents this advice for the rest of the week:\n"
        "  \xE2\x80\xA2 Keep away from the sea wall and the harbour steps until the wind has dropped.\n"
        "  \xE2\x80\xA2 Do not try to move boats that have broken their moorings, and call the coastguard instead.\n"
        "Residents were asked to stay away from the sea wall, where several people had been seen taking "
        "photographs of the waves during the night.\n";
    const auto md = run_winnow({"--format", "markdown"}, text);
    REQUIRE(md.status == 0);
    CHECK(md.out ==
          "# Storm closes harbour for second day\n\n"
          "The harbour stayed closed on Tuesday as the storm that hit the coast on Monday kept waves above four "
          "metres, the port authority said in a statement.\n\n"
          "The port authority gave residents this advice for the rest of the week:\n\n"
          "- Keep away from the sea wall and the harbour steps until the wind has dropped.\n"
          "- Do not try to move boats that have broken their moorings, and call the coastguard instead.\n\n"
          "Residents were asked to stay away from the sea wall, where several people had been seen taking "
          "photographs of the waves during the night.\n");
    // In text output the same items are lines of their own, their markers dropped.
    const auto plain = run_winnow({}, text);
    CHECK(plain.out.find("\nKeep away from the sea wall") != std::string::npos);
    CHECK(plain.out.find("\xE2\x80\xA2") == std::string::npos);
}

TEST_CASE("cli: --format markdown keeps structure, --links keeps link targets", "[cli]") {
    const std::string page =
        "<html><head><title>Choosing tyres for comfort | Cycle Notes</title></head><body><article>"
        "<h1>Choosing tyres for comfort</h1>"
        "<p>Wider tyres can run at lower pressure, which makes them more comfortable and often no slower "
        "on real roads, as <a href=\"https://example.org/test\">a long test</a> showed last year.</p>"
        "<ul><li>Check the clearance between the tyre and the frame at its widest point first.</li>"
        "<li>Check the internal width of the rim, which limits the sizes it can safely hold.</li></ul>"
        "</article></body></html>";
    const auto md = run_winnow({"--format", "markdown"}, page);
    REQUIRE(md.status == 0);
    CHECK(md.out.starts_with("# Choosing tyres for comfort\n\nWider tyres"));
    CHECK(md.out.find("\n- Check the clearance") != std::string::npos);
    CHECK(md.out.find("](https://example.org/test)") == std::string::npos);
    const auto linked = run_winnow({"--format", "markdown", "--links"}, page);
    CHECK(linked.out.find("[a long test](https://example.org/test)") != std::string::npos);
}

TEST_CASE("cli: json reports the language, declared or from the stopwords", "[cli]") {
    CHECK(one_json(run_winnow({"--format", "json"}, kArticle).out)["language"] == "en");
    const json german = one_json(run_winnow(
        {"--format", "json", "--input", "text"},
        "Die Bibliothek bleibt am Abend geöffnet, weil der Rat am Montag gegen die Kürzung gestimmt hat "
        "und die Bürger sich in vielen Briefen dafür eingesetzt haben.\n").out);
    CHECK(german["language"] == "de");
    const json declared = one_json(run_winnow({"--format", "json"},
        "<html lang=\"fr\"><body><p>The harbour stayed closed on Tuesday as the storm that hit the coast kept "
        "waves above four metres, the port authority said.</p></body></html>").out);
    CHECK(declared["language"] == "fr");
}

TEST_CASE("cli: --comments keeps reader comments as their own section", "[cli]") {
    const std::string page = (source_dir() / "fixtures/html-blog-comments/input.html").string();
    const std::string comment = "Which notebook do you use?";
    const auto without = run_winnow({page});
    const auto with = run_winnow({"--comments", page});
    REQUIRE(with.status == 0);
    CHECK(without.out.find(comment) == std::string::npos);
    CHECK(with.out.starts_with(without.out + "\n"));  // the article unchanged, then a blank line
    CHECK(with.out.find(comment, without.out.size()) != std::string::npos);

    const json plain = one_json(run_winnow({"--format", "json", page}).out);
    CHECK(plain["comments"] == json::array());
    const json commented = one_json(run_winnow({"--comments", "--format", "json", page}).out);
    CHECK(commented["text"] == plain["text"]);
    CHECK(commented["text"].get<std::string>().find(comment) == std::string::npos);
    const json& comments = commented["comments"];
    REQUIRE(comments.is_array());
    CHECK(std::any_of(comments.begin(), comments.end(), [&](const json& c) {
        return c.get<std::string>().starts_with(comment);
    }));

    const auto md = run_winnow({"--comments", "--format", "markdown", page});
    const std::size_t heading = md.out.find("\n## Comments\n");
    REQUIRE(heading != std::string::npos);
    CHECK(md.out.find(comment) > heading);
    CHECK(md.out.find(comment) != std::string::npos);
    CHECK(run_winnow({"--format", "markdown", page}).out.find("## Comments") == std::string::npos);
}

TEST_CASE("cli: a <meta charset> past the 1024-byte prescan re-decodes the page once", "[cli]") {
    // ISO-8859-15 has the euro sign at 0xA4, where windows-1252 (the detector's guess) has '¤'.
    const std::string page = "<html><head><title>Preise</title><link rel=\"x\" href=\"" + std::string(1100, 'a') +
                             "\"><meta charset=\"iso-8859-15\"></head><body><p>Der Preis betr\xE4gt 5 \xA4 pro "
                             "St\xFC" "ck, und das ist f\xFCr diese Qualit\xE4t sehr g\xFCnstig, sagt der H\xE4ndler "
                             "auf dem Markt.</p></body></html>";
    const json doc = one_json(run_winnow({"--format", "json"}, page).out);
    CHECK(doc["decode"]["encoding"] == "ISO-8859-15");
    CHECK(doc["decode"]["decided_by"] == "meta");
    CHECK(doc["text"].get<std::string>().find("5 \xE2\x82\xAC pro St\xC3\xBC" "ck") != std::string::npos);
}

TEST_CASE("cli: --page-type sets the page type, names it in --explain, and refuses an unknown one", "[cli]") {
    const std::string page = "<html><body><article><h1>Flour</h1><p>Flour is ground from wheat, and the miller decides "
                             "how much of the grain goes into the bag, which changes how it bakes, how long it keeps and how "
                             "much water it takes up.</p></article><div class=\"comment\"><p>Bread flour, for its protein, "
                             "gives the loaf its rise and its chew; plain flour makes a softer crumb.</p></div></body></html>";
    const auto decided = run_winnow({"--format", "json"}, page);
    CHECK(decided.out.find("\"page_type\":\"article\"") != std::string::npos);
    const auto given = run_winnow({"--page-type", "forum", "--explain"}, page);
    CHECK(given.status == 0);
    CHECK(given.out.find("# page type: forum (forum (given by the caller") != std::string::npos);
    CHECK(given.out.find("content\t-\t") != std::string::npos);
    const auto refused = run_winnow({"--page-type", "blog"}, page);
    CHECK(refused.status == 2);
    CHECK(refused.err.find("invalid value 'blog' for --page-type") != std::string::npos);
}
