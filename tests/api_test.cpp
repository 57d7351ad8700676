// The public API (include/winnow/winnow.h) as a program uses it: only the installed headers.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "test_support.h"
#include "winnow/winnow.h"

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

// A reader over a string, handing out at most `chunk` bytes a call.
winnow::ReadFunction string_reader(const std::string& text, std::size_t chunk = 1000) {
    auto position = std::make_shared<std::size_t>(0);
    return [&text, position, chunk](char* buffer, std::size_t capacity) {
        const std::size_t n = std::min({capacity, chunk, text.size() - *position});
        text.copy(buffer, n, *position);
        *position += n;
        return n;
    };
}

}  // namespace

TEST_CASE("api: clean returns the text and the metadata", "[api]") {
    const winnow::Cleaner cleaner;
    const winnow::Result r = cleaner.clean(kArticle + "By Mara Quinn\n", "harbour.txt");
    CHECK(r.source == "harbour.txt");
    CHECK(r.title == "Storm closes harbour for second day");
    CHECK(r.author == "Mara Quinn");
    CHECK(r.language == "en");
    CHECK(r.page_type.empty());  // plain text has no page type
    CHECK(r.text.starts_with("The harbour stayed closed on Tuesday"));
    CHECK(r.text.find("Also Read") == std::string::npos);
    CHECK(r.text.find("cookies") == std::string::npos);
    CHECK(r.decode.encoding == "UTF-8");
    CHECK(r.blocks == 7);
    CHECK(r.noise_blocks == 2);
    CHECK(r.labels.empty());  // only with Options::explain
    CHECK(winnow::to_text(r) == r.title + "\n" + r.text + "\n");
    CHECK(winnow::to_json(r).starts_with("{\"source\":\"harbour.txt\",\"title\":\"Storm closes harbour"));
}

TEST_CASE("api: explain keeps every block's decision and its reason", "[api]") {
    winnow::Options options;
    options.explain = true;
    const winnow::Result r = winnow::Cleaner(options).clean(kArticle);
    REQUIRE(r.labels.size() == 6);
    CHECK(r.labels[0].label == winnow::Label::Title);
    CHECK(r.labels[3].label == winnow::Label::Noise);
    CHECK(r.labels[3].category == winnow::Category::Related);
    CHECK(r.labels[3].first_line == 5);
    CHECK(r.labels[3].text == "Also Read: Ten things to do on a rainy weekend");
    CHECK(r.labels[3].reason.starts_with("pattern \"also read\""));
    CHECK(r.labels[5].category == winnow::Category::Cookie);
    CHECK(winnow::to_explain(r).starts_with("1\ttitle\t-\t"));
}

TEST_CASE("api: errors name the document and tell their kind", "[api]") {
    const winnow::Cleaner cleaner;
    std::string binary;
    for (int i = 0; i < 5000; ++i) binary.push_back(static_cast<char>((i * 7919) % 256));
    try {
        (void)cleaner.clean(binary, "photo.jpg");
        FAIL("binary input was cleaned");
    } catch (const winnow::Error& e) {
        CHECK(e.kind() == winnow::Error::Kind::Binary);
        CHECK(e.document() == "photo.jpg");
        CHECK(std::string(e.what()) == "photo.jpg: binary data, not text or HTML");
    }
    winnow::Options as_text;
    as_text.input = winnow::InputKind::Text;
    CHECK_NOTHROW(winnow::Cleaner(as_text).clean(binary, "photo.jpg"));

    try {
        (void)winnow::file_reader("/no/such/file.html");
        FAIL("a missing file was opened");
    } catch (const winnow::Error& e) {
        CHECK(e.kind() == winnow::Error::Kind::Unreadable);
        CHECK(std::string(e.what()) == "/no/such/file.html: No such file or directory");
    }
    winnow::Options bad_patterns;
    bad_patterns.patterns = "/no/such/pattern/dir";
    try {
        (void)winnow::Cleaner(bad_patterns);
        FAIL("a missing pattern directory was accepted");
    } catch (const winnow::Error& e) {
        CHECK(e.kind() == winnow::Error::Kind::Patterns);
        CHECK(std::string(e.what()).find("not a directory of pattern files") != std::string::npos);
    }
}

TEST_CASE("api: clean_stream hands a long text to the sink window by window", "[api]") {
    std::string text = "Harbour report\n\n";
    std::size_t paragraphs = 0;
    while (text.size() < 40000) {
        text += "The harbour stayed closed on Tuesday as the storm kept waves above four metres, the port "
                "authority said in a statement issued in the morning.\n\n";
        ++paragraphs;
    }
    winnow::Options options;
    options.explain = true;
    const winnow::Cleaner cleaner(options);
    winnow::StreamOptions stream;
    stream.window_bytes = 8192;
    std::vector<winnow::Result> windows;
    cleaner.clean_stream(string_reader(text), "report.txt", [&](const winnow::Result& r) { windows.push_back(r); },
                         stream);
    REQUIRE(windows.size() >= 4);
    std::size_t kept = 0, expected_line = 1;
    for (std::size_t i = 0; i < windows.size(); ++i) {
        CHECK(windows[i].window == i);
        CHECK(windows[i].source == "report.txt");
        CHECK((i == 0) == !windows[i].title.empty());  // the title is looked for in the first window only
        REQUIRE_FALSE(windows[i].labels.empty());
        CHECK(windows[i].labels.front().first_line >= expected_line);  // line numbers run on
        expected_line = windows[i].labels.back().last_line + 1;
        kept += static_cast<std::size_t>(std::count(windows[i].text.begin(), windows[i].text.end(), '\n')) + 1;
    }
    CHECK(kept == paragraphs);
    CHECK(windows[0].title == "Harbour report");

    stream.whole = true;
    std::vector<winnow::Result> whole;
    cleaner.clean_stream(string_reader(text), "report.txt", [&](const winnow::Result& r) { whole.push_back(r); },
                         stream);
    REQUIRE(whole.size() == 1);
    CHECK(whole[0].text == cleaner.clean(text).text);
}

TEST_CASE("api: a charset declared for one document overrides the options", "[api]") {
    // ISO-8859-15 has the euro sign at 0xA4, where windows-1252 (the detector's guess) has '¤'.
    const std::string page =
        "<html><head><title>Preise</title></head><body><p>Der Preis betr\xE4gt 5 \xA4 pro St\xFC"
        "ck, und das ist f\xFCr diese Qualit\xE4t sehr g\xFCnstig, sagt der H\xE4ndler auf dem Markt.</p></body></html>";
    const winnow::Cleaner cleaner;
    const winnow::Result declared = cleaner.clean(page, "preise.html", "iso-8859-15");
    CHECK(declared.decode.encoding == "ISO-8859-15");
    CHECK(declared.decode.decided_by == "declared");
    CHECK(declared.text.find("5 \xE2\x82\xAC pro") != std::string::npos);
    const winnow::Result sniffed = cleaner.clean(page, "preise.html", "");
    CHECK(sniffed.decode.decided_by != "declared");
    const winnow::Result unknown = cleaner.clean(page, "preise.html", "klingon");
    CHECK(unknown.decode.decided_by != "declared");
    // The decode stage alone reads the declared charset alike.
    const winnow::Decoded decoded = cleaner.decode(page, "iso-8859-15");
    CHECK(decoded.report.decided_by == "declared");
    CHECK(decoded.text.find("5 \xE2\x82\xAC pro") != std::string::npos);
    CHECK(cleaner.decode(page, "klingon").report.decided_by != "declared");
    CHECK(winnow::resolve_encoding("latin1") == "windows-1252");
    CHECK(winnow::resolve_encoding("klingon").empty());
}

TEST_CASE("api: one Cleaner shared by threads gives each the same results", "[api]") {
    const winnow::Cleaner cleaner;
    std::vector<std::string> inputs;
    for (const auto& entry : std::filesystem::directory_iterator(winnow::test::source_dir() / "fixtures")) {
        for (const char* name : {"input.txt", "input.html"})
            if (std::filesystem::exists(entry.path() / name)) inputs.push_back(winnow::test::read_file(entry.path() / name));
    }
    REQUIRE(inputs.size() >= 10);
    std::vector<std::string> sequential;
    for (const auto& input : inputs) sequential.push_back(winnow::to_json(cleaner.clean(input)));
    std::vector<std::vector<std::string>> parallel(4);
    std::vector<std::thread> threads;
    for (auto& out : parallel) {
        threads.emplace_back([&cleaner, &inputs, &out] {
            for (const auto& input : inputs) out.push_back(winnow::to_json(cleaner.clean(input)));
        });
    }
    for (auto& t : threads) t.join();
    for (const auto& out : parallel) CHECK(out == sequential);
}

TEST_CASE("api: a page type the caller gives is the page type, an unknown one is refused", "[api]") {
    const std::string page = "<html><body><article><h1>Flour</h1><p>Flour is ground from wheat, and the miller decides "
                             "how much of the grain goes into the bag, which changes how it bakes, how long it keeps and how "
                             "much water it takes up.</p></article><div class=\"comment\"><p>Bread flour, for its protein, "
                             "gives the loaf its rise and its chew; plain flour makes a softer crumb.</p></div></body></html>";
    const winnow::Result decided = winnow::Cleaner().clean(page, "page.html");
    CHECK(decided.page_type == "article");
    CHECK(decided.text.find("Bread flour, for its protein") == std::string::npos);  // a reader comment
    winnow::Options options;
    options.page_type = "forum";
    const winnow::Result forum = winnow::Cleaner(options).clean(page, "page.html");
    CHECK(forum.page_type == "forum");
    CHECK(forum.text.find("Bread flour, for its protein") != std::string::npos);  // a post, not a comment
    options.page_type = "blog";
    CHECK_THROWS_AS(winnow::Cleaner(options), std::invalid_argument);
    CHECK_THROWS_WITH(winnow::Cleaner(options),
                      "unknown page type 'blog' (use article, forum, product, collection, listing, documentation or service)");
    CHECK(winnow::page_types() == std::vector<std::string_view>{"article", "forum", "product", "collection", "listing",
                                                                "documentation", "service"});
    for (std::string_view name : winnow::page_types()) {
        options.page_type = std::string(name);
        CHECK(winnow::Cleaner(options).clean(page, "page.html").page_type == name);
    }
}

TEST_CASE("api: repairing an HTML page's mojibake keeps its emphasis and links on their words", "[api]") {
    // "cafÃ©" and "itâ€™s" shorten when repaired; the spans after them must move with the text.
    const std::string page =
        "<html><head><meta charset=\"utf-8\"><title>Harbour</title></head><body><p>The caf\xC3\x83\xC2\xA9 owner said "
        "it\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s <em>quite cold</em> today at the harbour, and the <a href=\"/boats\">boats</a> "
        "stayed in the basin all morning, <strong>na\xC3\x83\xC2\xAFve</strong> as it sounds.</p></body></html>";
    winnow::Options options;
    options.links = true;
    const winnow::Result result = winnow::Cleaner(options).clean(page, "harbour.html");
    CHECK(winnow::to_markdown(result) ==
          "# Harbour\n\nThe caf\xC3\xA9 owner said it\xE2\x80\x99s *quite cold* today at the harbour, and the "
          "[boats](/boats) stayed in the basin all morning, **na\xC3\xAFve** as it sounds.\n");
}

TEST_CASE("api: an HTML page's mojibake is repaired where windows-1252 has no character for a byte", "[api]") {
    // UTF-8 read as windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D as C1 controls ("”" is
    // E2 80 9D, "č" C4 8D, "Í" C3 8D, "Ł" C5 81), which an HTML parser would turn into U+FFFD.
    const std::string page =
        "<html><head><meta charset=\"utf-8\"><title>N\xC3\xA1mst\xC3\xAD</title></head><body><p>He said "
        "\xC3\xA2\xE2\x82\xAC\xC5\x93hello\xC3\xA2\xE2\x82\xAC\xC2\x9D to the crowd. Pan \xC3\x84\xC2\x8D"
        "ernoch p\xC5\x99i\xC5\xA1" "el do \xC3\x83\xC2\x8D\xC5\xA1ted\xC3\x83\xC2\xA9 a \xC3\x85\xC2\x81ukasz se "
        "sm\xC3\x83\xC2\xA1l dlouho do noci, kdy\xC5\xBE venku pr\xC5\xAF\xC5\xA1" "el d\xC3\xA9\xC5\xA1\xC5\xA5.</p></body></html>";
    const winnow::Result result = winnow::Cleaner().clean(page, "page.html");
    CHECK(result.text.find("\xEF\xBF\xBD") == std::string::npos);
    CHECK(result.text.find("said \xE2\x80\x9Chello\xE2\x80\x9D to") != std::string::npos);
    CHECK(result.text.find("Pan \xC4\x8D" "ernoch") != std::string::npos);
    CHECK(result.text.find("do \xC3\x8D\xC5\xA1ted\xC3\xA9 a \xC5\x81ukasz") != std::string::npos);
}
