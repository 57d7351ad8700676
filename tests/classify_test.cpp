// The line classifier on small documents: each rule with the category and reason it reports.
#include <catch2/catch.hpp>

#include "classify/classify.h"
#include "segment/segment.h"
#include "test_support.h"

using namespace winnow;
using namespace winnow::segment;
using namespace winnow::classify;

namespace {

const char* kProse[] = {
    "The council voted on Tuesday to close the old bridge to traffic for six months while engineers "
    "repair the supports that were damaged in the winter floods.",
    "Residents on both sides of the river have complained that the detour adds almost half an hour to "
    "a journey that used to take them five minutes.",
    "The work is expected to cost more than the council had set aside, and the mayor said that the "
    "difference would have to come from the roads budget next year.",
};

Labels classify_text(const std::string& text) {
    return classify::classify(segment_text(text), test::default_patterns(), ClassifyOptions{});
}

std::string article(std::initializer_list<std::string> middle) {
    std::string text = "Bridge to close for repairs\n\n";
    text += std::string(kProse[0]) + "\n";
    for (const auto& line : middle) text += line + "\n";
    text += std::string(kProse[1]) + "\n" + kProse[2] + "\n";
    return text;
}

}  // namespace

TEST_CASE("prose is content and the headline is the title", "[classify]") {
    const Labels l = classify_text(article({}));
    REQUIRE(l.size() == 4);
    CHECK(l[0].label == Label::Title);
    CHECK(l[0].value == "Bridge to close for repairs");
    for (std::size_t i = 1; i < 4; ++i) {
        CHECK(l[i].label == Label::Content);
        CHECK(l[i].reason.starts_with("prose: "));
    }
}

TEST_CASE("a text of a few short sentences is its own text, not boilerplate", "[classify]") {
    // No paragraph is long enough to be prose on its own; the sentences are most of the words.
    const Labels l = classify_text("Harbour closed\n\nThe harbour stayed closed on Tuesday, the port authority said.\n"
                                   "It will reopen on Friday if the wind drops.\n\nThis website uses cookies.\n");
    REQUIRE(l.size() == 4);
    CHECK(l[0].label == Label::Title);
    CHECK(l[1].label == Label::Content);
    CHECK(l[2].label == Label::Content);
    CHECK(l[3].category == Category::Cookie);
    const Labels one = classify_text("The harbour stayed closed on Tuesday, the port authority said.\n");
    REQUIRE(one.size() == 1);
    CHECK(one[0].label == Label::Content);
    // A page of menus with one tagline among them stays boilerplate: the sentence is not most of it.
    std::string menu;
    for (const char* item : {"Home", "Parenting of K-6 Children", "Blog Archive", "December 2006", "November 2006",
                             "October 2006", "Newsletter Archive", "About Us", "Contact the Guide", "Site Map"})
        menu += std::string(item) + "\n\n";
    const Labels page = classify_text(menu + "Your Guide to Parenting of K-6 Children.\n\n" + menu);
    for (const Decision& d : page) CHECK(d.label != Label::Content);
}

TEST_CASE("pattern lines are noise with their category and the pattern as reason", "[classify]") {
    const Labels l = classify_text(article({"Also Read: Ten bridges that changed the world",
                                            "Sign up for our newsletter", "We use cookies to improve your experience.",
                                            "Share this article"}));
    REQUIRE(l.size() == 8);
    CHECK(l[2].category == Category::Related);
    CHECK(l[2].reason.find("\"also read\" (en/related.txt:") != std::string::npos);
    CHECK(l[3].category == Category::Newsletter);
    CHECK(l[4].category == Category::Cookie);
    CHECK(l[5].category == Category::Share);
    for (std::size_t i = 2; i <= 5; ++i) CHECK(l[i].label == Label::Noise);
    CHECK(l[6].label == Label::Content);
}

TEST_CASE("a page's edit stamp is furniture, not text", "[classify]") {
    // A reference page's footer says when the page last changed, sometimes with the commit's message.
    const Labels l = classify_text(article({"This page was last modified on Mar 3, 2025 by the project's writers.",
                                            "Page last updated May 2, 2024 at 9:12 AM PDT: Fix the example's port numbers (1a2b3c4)"}));
    REQUIRE(l.size() == 6);
    for (std::size_t i = 2; i <= 3; ++i) {
        CHECK(l[i].label == Label::Noise);
        CHECK(l[i].category == Category::Interface);
        CHECK(l[i].reason.find("(en/interface.txt:") != std::string::npos);
    }
    CHECK(l[4].label == Label::Content);
}

TEST_CASE("a forum member's panel and a post's edit note are not the post", "[classify]") {
    const Labels l = classify_text(article({"Thread starter riverwatcher", "Join Date: Aug 2008",
                                            "Last edited: Oct 10, 2024"}));
    REQUIRE(l.size() == 7);
    for (std::size_t i = 2; i <= 4; ++i) {
        CHECK(l[i].label == Label::Noise);
        CHECK(l[i].category == Category::Interface);
    }
    CHECK(l[5].label == Label::Content);
}

TEST_CASE("a post's buttons and a member panel's labels on lines of their own are interface", "[classify]") {
    const Labels l = classify_text(article({"embed", "save", "parent", "Points", "Members"}));
    REQUIRE(l.size() == 9);
    for (std::size_t i = 2; i <= 6; ++i) {
        INFO(i);
        CHECK(l[i].label == Label::Noise);
        CHECK(l[i].category == Category::Interface);
        CHECK(l[i].reason.find("en/interface.txt") != std::string::npos);
    }
    CHECK(l[7].label == Label::Content);
    // The words inside a sentence are not the buttons.
    const Labels s = classify_text(article({"Members of the council will vote to save the old parent company's bridge."}));
    REQUIRE(s.size() == 5);
    CHECK(s[2].label == Label::Content);
}

TEST_CASE("a long paragraph that mentions cookies in passing stays content", "[classify]") {
    const Labels l = classify_text(article(
        {"Her bakery, which uses cookies from an old family recipe as its best-known product, said the closure "
         "would hurt trade, because most of its customers come from the far side of the river on foot and "
         "would now have to walk twice as far as before to get there and back."}));
    REQUIRE(l.size() == 5);
    CHECK(l[2].label == Label::Content);
}

TEST_CASE("captions: credits in parentheses and parenthesised-only lines", "[classify]") {
    const Labels l = classify_text(article({"The bridge in March. (Jane Doe/City Photos)", "(Video via YouTube)"}));
    REQUIRE(l.size() == 6);
    CHECK(l[2].category == Category::Caption);
    CHECK(l[2].reason.find("photo credit") != std::string::npos);
    CHECK(l[3].category == Category::Caption);
}

TEST_CASE("a teaser list after an intro line is related, up to the next paragraph", "[classify]") {
    const Labels l = classify_text(article({"Click here to explore:", "Mayor Opens New Park In The North End…",
                                            "Five Bakeries Worth The Walk…", "Bus Lanes Extended To Station"}));
    REQUIRE(l.size() == 8);
    for (std::size_t i = 2; i <= 5; ++i) {
        CHECK(l[i].label == Label::Noise);
        CHECK(l[i].category == Category::Related);
    }
    CHECK(l[3].reason == "item of the list opened at line 4");
    CHECK(l[6].label == Label::Content);
}

TEST_CASE("runs of truncated lines and short link items are lists, not text", "[classify]") {
    const Labels truncated = classify_text(article({"Why the river keeps rising every spring and…",
                                                    "What engineers say about the old…"}));
    REQUIRE(truncated.size() == 6);
    CHECK(truncated[2].category == Category::Related);
    CHECK(truncated[3].category == Category::Related);
    const Labels links = classify_text(article({"  • Home", "  • Local news", "  • Sport", "  • Weather"}));
    REQUIRE(links.size() == 8);
    for (std::size_t i = 2; i <= 5; ++i) CHECK(links[i].category == Category::Navigation);
}

TEST_CASE("a byline becomes the author, not text", "[classify]") {
    const Labels l = classify_text(article({}) + "By Tamilla Hasanova\n");
    REQUIRE(l.size() == 5);
    CHECK(l.back().label == Label::Byline);
    CHECK(l.back().value == "Tamilla Hasanova");
    const Labels sentence = classify_text(article({"By clicking accept you agree to everything"}));
    REQUIRE(sentence.size() == 5);
    CHECK(sentence[2].label != Label::Byline);
}

TEST_CASE("a short heading between paragraphs is content", "[classify]") {
    const Labels l = classify_text(article({"Background"}));
    REQUIRE(l.size() == 5);
    CHECK(l[2].label == Label::Content);
}

TEST_CASE("menus and boilerplate away from the article are dropped", "[classify]") {
    std::string page = "Home | News | Sport | Weather\nSkip to content\n\n" + article({}) +
                       "\nAbout us\nContact\nAll rights reserved 2024\n";
    const Labels l = classify_text(page);
    CHECK(l[0].category == Category::Navigation);
    CHECK(l[1].category == Category::Navigation);
    CHECK(l[l.size() - 1].category == Category::Legal);
    CHECK(l[l.size() - 3].label == Label::Noise);
}

TEST_CASE("favor: precision drops prose outside the main text, recall keeps weaker prose there", "[classify]") {
    // The article, two long keyword lines that end the main text, then a strong and a weaker paragraph.
    const Document d = segment_text(test::read_file(test::source_dir() / "tests/data/favor/outside-main.txt"));
    const auto content_lines = [&](Favor favor) {
        const Labels l = classify::classify(d, test::default_patterns(), ClassifyOptions{favor, false, true, nullptr, std::nullopt});
        REQUIRE(l.size() == d.blocks.size());
        std::vector<std::size_t> lines;
        for (std::size_t i = 0; i < l.size(); ++i)
            if (l[i].label == Label::Content) lines.push_back(d.blocks[i].first_line);
        return lines;
    };
    CHECK(content_lines(Favor::Precision) == std::vector<std::size_t>{3, 5, 7});
    CHECK(content_lines(Favor::Balanced) == std::vector<std::size_t>{3, 5, 7, 13});
    CHECK(content_lines(Favor::Recall) == std::vector<std::size_t>{3, 5, 7, 13, 15});
}

TEST_CASE("metadata values keep multi-byte characters at their edges", "[classify]") {
    const Labels l = classify_text("\xE2\x80\x9CQuoted headline for the story\xE2\x80\x9D \xE2\x80\x94\n\n" +
                                   std::string(kProse[0]) + "\n" + kProse[1] + "\n");
    REQUIRE(l[0].label == Label::Title);
    CHECK(l[0].value == "\xE2\x80\x9CQuoted headline for the story\xE2\x80\x9D");
}

TEST_CASE("every line of a code listing in the article is kept, whatever its shape", "[classify][html]") {
    // Closing braces, an INI section, a call that reads like a photo credit, a comment with a
    // notice's words and a pipe between tests: in prose each would be noise, in a listing it is code.
    const std::vector<std::string> code = {
        "[Service]",
        "ExecStart=/usr/bin/daemon --foreground",
        "mux.HandleFunc(\"GET /manage\", srv.handleManage)",
        "if (!ok || rest != \"\") {",
        "    // accept all cookies before the request",
        "    }",
        "}",
        "(photo: 1)",
    };
    std::string listing;
    for (const std::string& line : code) listing += line + "\n";
    const std::string html = "<html><body><article><h1>Serving the log</h1><p>" + std::string(kProse[0]) + "</p><p>" +
                             kProse[1] + "</p><pre><code>" + listing + "</code></pre><p>" + kProse[2] +
                             "</p></article></body></html>";
    const Document doc = segment_html(html);
    const Labels l = classify::classify(doc, test::default_patterns(), ClassifyOptions{});
    std::vector<std::string> kept;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        if (doc.blocks[i].kind == BlockKind::Preformatted && l[i].label == Label::Content) kept.push_back(doc.blocks[i].text);
    }
    CHECK(kept == code);
}

TEST_CASE("a section repeated elsewhere on a page is printed once, a refrain inside one element stays", "[classify][html]") {
    const std::string feature = "<h3>Soft wool</h3><p>Superfine fibres feel soft and help keep the temperature even all day long.</p>";
    const std::string html = "<html><body><article><h1>Wool runner</h1><p>" + std::string(kProse[0]) + "</p><p>" +
                             kProse[1] + "</p><p>" + kProse[2] + "</p>"
                             "<div class=\"features\">" + feature + "</div>"
                             "<section class=\"panel\"><div class=\"inner\">" + feature + "</div></section>"
                             "<div class=\"song\"><p>Row, row, row your boat, gently down the stream.</p>"
                             "<p>Row, row, row your boat, gently down the stream.</p></div>"
                             "<pre>make all\nmake all</pre></article></body></html>";
    const Document doc = segment_html(html);
    const Labels l = classify::classify(doc, test::default_patterns(), ClassifyOptions{});
    std::vector<std::string> kept, repeats;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        if (l[i].label == Label::Content) kept.push_back(doc.blocks[i].text);
        if (l[i].reason.starts_with("repeats line")) repeats.push_back(doc.blocks[i].text);
    }
    const auto count = [&](const std::string& text) { return std::count(kept.begin(), kept.end(), text); };
    CHECK(count("Superfine fibres feel soft and help keep the temperature even all day long.") == 1);
    CHECK(repeats == std::vector<std::string>{"Superfine fibres feel soft and help keep the temperature even all day long."});
    CHECK(count("Row, row, row your boat, gently down the stream.") == 2);
    CHECK(count("Soft wool") >= 1);
}

TEST_CASE("a ticker saying one phrase over and over is noise, a refrain, a row of numbers and code are not", "[classify][html]") {
    const std::string ticker = "Book Now * Book Now * Book Now * Book Now * Book Now * Book Now";
    const std::string html = "<html><body><article><h1>Wool runner</h1><p>" + std::string(kProse[0]) + "</p>"
                             "<div class=\"marquee\"><span>" + ticker + "</span></div><p>" + kProse[1] + "</p>"
                             "<p>Row, row, row your boat, gently down the stream.</p>"
                             "<table><tr><td>0 0 0 0 0 0 0 0 0</td></tr></table>"
                             "<pre>go go go go go go go go go</pre><p>" + kProse[2] + "</p></article></body></html>";
    const Document doc = segment_html(html);
    const Labels l = classify::classify(doc, test::default_patterns(), ClassifyOptions{});
    const auto label_of = [&](std::string_view text) -> const Decision* {
        for (std::size_t i = 0; i < doc.blocks.size(); ++i)
            if (doc.blocks[i].text == text) return &l[i];
        return nullptr;
    };
    const Decision* noise = label_of(ticker);
    REQUIRE(noise != nullptr);
    CHECK(noise->label == Label::Noise);
    CHECK(noise->category == Category::Boilerplate);
    CHECK(noise->reason == "one phrase said 6 times over (a scrolling ticker)");
    for (const char* kept : {"Row, row, row your boat, gently down the stream.", "go go go go go go go go go"}) {
        INFO(kept);
        const Decision* d = label_of(kept);
        REQUIRE(d != nullptr);
        CHECK(d->label == Label::Content);
    }
    const Decision* row = label_of("0 0 0 0 0 0 0 0 0");  // other rules may judge it, this one does not
    REQUIRE(row != nullptr);
    CHECK_FALSE(row->reason.starts_with("one phrase said"));
    // The same in plain text: a ticker between paragraphs.
    const Labels t = classify_text(article({"Sale now on! Sale now on! Sale now on! Sale now on!"}));
    REQUIRE(t.size() == 5);
    CHECK(t[2].label == Label::Noise);
    CHECK(t[2].reason == "one phrase said 4 times over (a scrolling ticker)");
}

TEST_CASE("documentation keeps the lines it repeats in different sections", "[classify][html]") {
    // The same note under two functions of a reference page.
    const std::string note = "<p>Returns an error when the file is locked by another process.</p>";
    const std::string html = "<html><body><main><h1>File API</h1><section><h2>open()</h2><p>" + std::string(kProse[0]) +
                             "</p>" + note + "</section><section><h2>rename()</h2><div class=\"body\"><p>" + kProse[1] +
                             "</p>" + note + "</div></section></main></body></html>";
    const Document doc = segment_html(html);
    const auto copies = [&](std::optional<PageType> type) {
        ClassifyOptions options;
        options.page_type = type;
        const Labels l = classify::classify(doc, test::default_patterns(), options);
        int n = 0;
        for (std::size_t i = 0; i < doc.blocks.size(); ++i)
            n += l[i].label == Label::Content && doc.blocks[i].text.starts_with("Returns an error when the file");
        return n;
    };
    CHECK(copies(PageType::Documentation) == 2);
    CHECK(copies(PageType::Article) == 1);
}

TEST_CASE("a form control's label or option is interface wherever the form is drawn, a question drawn as a label is not", "[classify][html]") {
    const std::string card = "<div class=\"card\"><h3><a href=\"/p/1\">Merino hiking sock, cushioned sole</a></h3><p>$18</p></div>";
    const std::string html =
        "<html><body><main><h1>Hiking socks</h1><p>" + std::string(kProse[0]) + "</p><div class=\"panel\">"
        "<div><input type=\"checkbox\" id=\"f1\"><label for=\"f1\">Knee High</label></div>"
        "<div><input type=\"checkbox\" id=\"f2\"><label for=\"f2\">Merino wool blend with nylon</label></div>"
        "<div role=\"listbox\"><div role=\"option\">Sort by newest first</div></div></div>"
        "<div class=\"grid\">" + card + card + card + "</div><h2>Questions</h2><div class=\"faq\">"
        "<input type=\"checkbox\" id=\"q1\"><label for=\"q1\">Do you ship these socks abroad?</label>"
        "<div><p>" + std::string(kProse[1]) + "</p></div></div>"
        "<div><input type=\"checkbox\" id=\"c\"><label for=\"c\">I agree to receive emails about new arrivals and offers.</label>"
        "</div></main></body></html>";
    const Document doc = segment_html(html);
    for (PageType type : {PageType::Collection, PageType::Service, PageType::Article}) {
        ClassifyOptions options;
        options.page_type = type;
        const Labels l = classify::classify(doc, test::default_patterns(), options);
        const auto label_of = [&](const std::string& text) -> const Decision& {
            for (std::size_t i = 0; i < doc.blocks.size(); ++i)
                if (doc.blocks[i].text == text) return l[i];
            FAIL("no block: " << text);
            return l.front();
        };
        INFO(page_type_name(type));
        for (const char* caption : {"Knee High", "Merino wool blend with nylon", "Sort by newest first", "I agree to receive emails about new arrivals and offers."}) {
            INFO(caption);
            CHECK(label_of(caption).label == Label::Noise);
            CHECK(label_of(caption).category == Category::Interface);
            CHECK(label_of(caption).reason == "a form control's label or option");
        }
        CHECK(label_of("Do you ship these socks abroad?").label == Label::Content);
        CHECK(label_of(kProse[1]).label == Label::Content);
    }
}

TEST_CASE("the features that a page's plan cards share stay in every card, a carousel's copy and a card's links do not", "[classify][html]") {
    const std::string consult = "Phone consultation with one of our professional resume experts.";
    const std::string draft = "Personalized draft of your resume within three business days.";
    const std::string order = "See everything in this package and order it online";
    const auto plan = [&](int n, const std::string& name, const std::string& price, const std::string& extra) {
        return "<div class=\"plan plan_" + std::to_string(n) + "\"><h3>" + name + "</h3><p>" + price + "</p><ul><li>" +
               consult + "</li><li>" + draft + "</li>" + extra + "</ul><p><a href=\"/order/" + std::to_string(n) + "\">" +
               order + "</a></p></div>";
    };
    const std::string quote = "They rewrote my resume in two days and I had three interviews the week after.";
    const std::string html =
        "<html><body><main><h1>Resume writing packages</h1><p>" + std::string(kProse[0]) + "</p><div class=\"plans\">" +
        plan(0, "Basic", "$129", "") + plan(1, "Professional", "$219", "<li>A cover letter written for the job you want next.</li>") +
        plan(2, "Executive", "$349", "<li>A profile page rewritten for the people who hire in your field.</li>") +
        "</div><h2>What our clients say</h2><div class=\"quotes\"><div class=\"item\"><p>" + quote + "</p><p>Ann Lee</p></div>"
        "<div class=\"item\"><p>" + std::string(kProse[1]) + "</p><p>Bo Chen</p></div>"
        "<div class=\"item\"><p>" + quote + "</p><p>Ann Lee</p></div></div></main></body></html>";
    const Document doc = segment_html(html);
    const auto copies = [&](PageType type, const std::string& text) {
        ClassifyOptions options;
        options.page_type = type;
        const Labels l = classify::classify(doc, test::default_patterns(), options);
        int n = 0;
        for (std::size_t i = 0; i < doc.blocks.size(); ++i) n += l[i].label == Label::Content && doc.blocks[i].text == text;
        return n;
    };
    CHECK(copies(PageType::Service, consult) == 3);
    CHECK(copies(PageType::Service, draft) == 3);
    CHECK(copies(PageType::Service, "Executive") == 1);
    // A card's links are its furniture, and the carousel's last item says nothing of its own.
    CHECK(copies(PageType::Service, order) == 1);
    CHECK(copies(PageType::Service, quote) == 1);
    // A forum's repeats are quotes of earlier posts: printed once.
    CHECK(copies(PageType::Forum, consult) <= 1);
}
