// The command line as a user meets it: arguments, stdin, stdout, stderr and exit status.
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace winnow::test;

namespace {

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

}  // namespace

TEST_CASE("cli: reads stdin, writes the clean text, stays quiet", "[cli]") {
    const auto r = run_winnow({}, kArticle);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out.starts_with("Storm closes harbour for second day\nThe harbour stayed closed"));
    CHECK(r.out.find("Also Read") == std::string::npos);
    CHECK(r.out.find("cookies") == std::string::npos);
    CHECK(r.out.find("Residents were asked") != std::string::npos);
}

TEST_CASE("cli: '-' is stdin and files are read in order", "[cli]") {
    TempDir dir;
    write_file(dir.path() / "a.txt", kArticle);
    const auto from_dash = run_winnow({"-"}, kArticle);
    const auto from_file = run_winnow({(dir.path() / "a.txt").string()});
    CHECK(from_dash.status == 0);
    CHECK(from_file.status == 0);
    CHECK(from_dash.out == from_file.out);
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

TEST_CASE("cli: a directory as input is an error naming it", "[cli]") {
    TempDir dir;
    const auto r = run_winnow({dir.path().string()});
    CHECK(r.status == 1);
    CHECK(r.err.find(dir.path().string() + ": is a directory") != std::string::npos);
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
    CHECK(read_file(target) == run_winnow({}, kArticle).out);
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

TEST_CASE("cli: --format json writes one object per document with metadata and decode report", "[cli]") {
    const auto r = run_winnow({"--format", "json"}, kArticle + "By Mara Quinn\n");
    REQUIRE(r.status == 0);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
    CHECK(r.out.starts_with("{\"source\":\"<stdin>\",\"title\":\"Storm closes harbour for second day\""));
    CHECK(r.out.find("\"author\":\"Mara Quinn\"") != std::string::npos);
    CHECK(r.out.find("\"decode\":{\"encoding\":\"UTF-8\"") != std::string::npos);
    CHECK(r.out.find("\"lines\"") == std::string::npos);
    const auto explained = run_winnow({"--format", "json", "--explain"}, kArticle);
    CHECK(explained.out.find("\"lines\":[{\"first_line\":1,\"last_line\":1,\"label\":\"title\"") != std::string::npos);
}

TEST_CASE("cli: empty, binary and invalid UTF-8 input never crash", "[cli]") {
    const auto empty = run_winnow({}, "");
    CHECK(empty.status == 0);
    CHECK(empty.out.empty());
    std::string garbage;
    for (int i = 0; i < 5000; ++i) garbage.push_back(static_cast<char>((i * 7919) % 256));
    const auto binary = run_winnow({}, garbage);
    CHECK(binary.status == 1);
    CHECK(binary.err == "winnow: <stdin>: binary data, not text or HTML (--input text cleans it anyway)\n");
    const auto forced = run_winnow({"--input", "text", "--format", "json"}, garbage);
    CHECK(forced.status == 0);
    CHECK(forced.out.find("\"replacements\":") != std::string::npos);
    const auto invalid = run_winnow({"--input", "text"},
                                    "Caf\xE9 au lait is served every morning in the little square by the old church, "
                                    "and the waiters know every regular by name.\n");
    CHECK(invalid.status == 0);
    CHECK(invalid.out.find("\xEF\xBF\xBD") == std::string::npos);  // decoded, not replaced
}

TEST_CASE("cli: --patterns adds a user's phrases, a malformed file is a usage error naming it", "[cli]") {
    TempDir dir;
    std::filesystem::create_directories(dir.path() / "en");
    write_file(dir.path() / "en" / "promo.txt", "# house ads\n^harbour times radio\n");
    const std::string text = kArticle + "Harbour Times Radio: live every morning\n";
    const auto plain = run_winnow({"--explain"}, text);
    CHECK(plain.out.find("\tnoise\tpromo\t") == std::string::npos);
    const auto r = run_winnow({"--patterns", dir.path().string(), "--explain"}, text);
    CHECK(r.status == 0);
    CHECK(r.out.find("\tnoise\tpromo\tpattern \"harbour times radio\" (en/promo.txt:2)") != std::string::npos);

    write_file(dir.path() / "en" / "stopwords.txt", "two words\n");
    const auto bad = run_winnow({"--patterns", dir.path().string()}, kArticle);
    CHECK(bad.status == 2);
    CHECK(bad.err.find("en/stopwords.txt:1: a stopword must be one word") != std::string::npos);
    const auto missing = run_winnow({"--patterns", (dir.path() / "nope").string()}, kArticle);
    CHECK(missing.status == 2);
    CHECK(missing.err.find("not a directory of pattern files") != std::string::npos);
}

TEST_CASE("cli: a long text streams in windows with line numbers running on", "[cli]") {
    // Over the 4 MiB window: the text is cut at paragraph breaks and each window classified alone.
    std::string big = "Harbour report\n\n";
    std::size_t lines = 2;
    while (big.size() < (std::size_t{9} << 20)) {
        big += "The harbour stayed closed on Tuesday as the storm kept waves above four metres, the port "
               "authority said in a statement issued in the morning.\n\nThis website uses cookies.\n\n";
        lines += 4;
    }
    big += "The last paragraph of the whole text says that the harbour will open again on Friday morning.\n";
    ++lines;
    const auto text = run_winnow({"--input", "text"}, big);
    REQUIRE(text.status == 0);
    CHECK(text.out.starts_with("Harbour report\nThe harbour stayed closed"));
    CHECK(text.out.find("Harbour report", 1) == std::string::npos);
    CHECK(text.out.find("cookies") == std::string::npos);
    CHECK(text.out.ends_with("harbour will open again on Friday morning.\n"));
    const auto explain = run_winnow({"--explain"}, big);
    REQUIRE(explain.status == 0);
    const std::size_t last_row = explain.out.rfind('\n', explain.out.size() - 2) + 1;
    CHECK(explain.out.substr(last_row).starts_with(std::to_string(lines) + "\tcontent\t"));
}

TEST_CASE("cli: --only-decode prints the repaired UTF-8, --no-repair and --charset steer it", "[cli]") {
    const std::string mojibake = "Bessent\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s plan\n";  // "Bessentâ€™s plan"
    const auto repaired = run_winnow({"--only-decode"}, mojibake);
    CHECK(repaired.status == 0);
    CHECK(repaired.out == "Bessent\xE2\x80\x99s plan\n");
    const auto raw = run_winnow({"--only-decode", "--no-repair"}, mojibake);
    CHECK(raw.out == mojibake);
    const auto json = run_winnow({"--only-decode", "--format", "json"}, mojibake);
    CHECK(json.out.find("\"repairs\":[{\"kind\":") != std::string::npos);
    const auto latin1 = run_winnow({"--only-decode", "--charset", "iso-8859-1"}, "caf\xE9\n");
    CHECK(latin1.out == "caf\xC3\xA9\n");
    const auto unknown = run_winnow({"--charset", "klingon"}, "x\n");
    CHECK(unknown.status == 2);
    CHECK(unknown.err.find("unknown encoding 'klingon'") != std::string::npos);
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
    const auto text = run_winnow({"--format", "json"}, kArticle);
    CHECK(text.out.find("\"language\":\"en\"") != std::string::npos);
    const auto german = run_winnow(
        {"--format", "json", "--input", "text"},
        "Die Bibliothek bleibt am Abend geöffnet, weil der Rat am Montag gegen die Kürzung gestimmt hat "
        "und die Bürger sich in vielen Briefen dafür eingesetzt haben.\n");
    CHECK(german.out.find("\"language\":\"de\"") != std::string::npos);
}

TEST_CASE("cli: --comments keeps reader comments as their own section", "[cli]") {
    const std::string page = (source_dir() / "fixtures/html-blog-comments/input.html").string();
    const auto without = run_winnow({page});
    const auto with = run_winnow({"--comments", page});
    REQUIRE(with.status == 0);
    CHECK(without.out.find("Which notebook do you use?") == std::string::npos);
    CHECK(with.out.starts_with(without.out + "\n"));  // the article unchanged, then a blank line
    CHECK(with.out.find("Which notebook do you use?") != std::string::npos);
    const auto json = run_winnow({"--comments", "--format", "json", page});
    CHECK(json.out.find("\"comments\":[") != std::string::npos);
    CHECK(json.out.find("Which notebook do you use?") > json.out.find("\"comments\":["));
    const auto md = run_winnow({"--comments", "--format", "markdown", page});
    CHECK(md.out.find("\n## Comments\n") != std::string::npos);
}

TEST_CASE("cli: a <meta charset> past the 1024-byte prescan re-decodes the page once", "[cli]") {
    // ISO-8859-15 has the euro sign at 0xA4, where windows-1252 (the detector's guess) has '¤'.
    const std::string page = "<html><head><title>Preise</title><link rel=\"x\" href=\"" + std::string(1100, 'a') +
                             "\"><meta charset=\"iso-8859-15\"></head><body><p>Der Preis betr\xE4gt 5 \xA4 pro "
                             "St\xFC" "ck, und das ist f\xFCr diese Qualit\xE4t sehr g\xFCnstig, sagt der H\xE4ndler "
                             "auf dem Markt.</p></body></html>";
    const auto r = run_winnow({"--format", "json"}, page);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("\"encoding\":\"ISO-8859-15\",\"decided_by\":\"meta\"") != std::string::npos);
    CHECK(r.out.find("5 \xE2\x82\xAC pro St\xC3\xBC" "ck") != std::string::npos);
}
