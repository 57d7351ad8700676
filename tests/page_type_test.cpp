// The page-type decision: what a page declares (schema.org, og:type), its URL's shape and its
// structure decide whether it is an article, forum, product, collection, listing, documentation
// or service page; and the hints file that weighs the evidence.
#include <catch2/catch.hpp>

#include <string>

#include "classify/classify.h"
#include "classify/page_type.h"
#include "segment/segment.h"
#include "test_support.h"

using namespace winnow;
using namespace winnow::segment;
using namespace winnow::classify;

namespace {

PageTypeDecision type_of(const std::string& head, const std::string& body) {
    const Document document = segment_html("<!DOCTYPE html><html><head>" + head + "</head><body>" + body + "</body></html>");
    return decide_page_type(document, test::default_patterns());
}

std::string prose(int sentences) {
    std::string text;
    for (int i = 0; i < sentences; ++i)
        text += "The committee met again on Tuesday and agreed that the new rules would apply from next spring. ";
    return text;
}

}  // namespace

TEST_CASE("a page that declares a forum posting is a forum", "[page_type]") {
    const auto d = type_of(R"(<script type="application/ld+json">{"@type":"DiscussionForumPosting","headline":"Help"}</script>)",
                           "<p>" + prose(2) + "</p>");
    CHECK(d.type == PageType::Forum);
    CHECK(d.reason.find("DiscussionForumPosting") != std::string::npos);
}

TEST_CASE("microdata itemtype counts like JSON-LD", "[page_type]") {
    const auto d = type_of("", R"(<div itemscope itemtype="https://schema.org/QAPage"><p>)" + prose(2) + "</p></div>");
    CHECK(d.type == PageType::Forum);
}

TEST_CASE("og:type product with an offer is a product", "[page_type]") {
    const auto d = type_of(R"(<meta property="og:type" content="product">
        <script type="application/ld+json">{"@type":"Product","offers":{"@type":"Offer","price":"5"}}</script>)",
                           "<h1>Blue mug</h1><p>A mug.</p><p>$12.00</p>");
    CHECK(d.type == PageType::Product);
}

TEST_CASE("a docs URL with code blocks is documentation", "[page_type]") {
    const auto d = type_of(R"(<link rel="canonical" href="https://docs.example.dev/guide/install/">)",
                           "<h1>Install</h1><p>Run:</p><pre>make\nmake install\nmake check</pre>");
    CHECK(d.type == PageType::Documentation);
}

TEST_CASE("a grid of priced cards under a collections URL is a collection", "[page_type]") {
    std::string cards;
    for (int i = 0; i < 14; ++i)
        cards += "<li class=\"card\"><h3><a href=\"/p/" + std::to_string(i) + "\">Mug " + std::to_string(i) +
                 "</a></h3><span>$1" + std::to_string(i) + ".00</span></li>";
    const auto d = type_of(R"(<link rel="canonical" href="https://shop.example.com/collections/mugs">)", "<ul>" + cards + "</ul>");
    CHECK(d.type == PageType::Collection);
}

TEST_CASE("a thread named in the URL's query is a forum, a value there is not read", "[page_type]") {
    // Forum software that keeps its threads behind index.php names them in the query.
    const std::string body = "<h1>How is everyone using the new search?</h1><p>" + prose(3) + "</p>";
    const auto smf = type_of(R"(<link rel="canonical" href="https://www.example.org/community/index.php?topic=589061.0">)", body);
    CHECK(smf.type == PageType::Forum);
    CHECK(smf.reason.find("url=//www.example.org/community/index.php/?topic=;") != std::string::npos);
    const auto later = type_of(R"(<link rel="canonical" href="https://www.example.org/index.php?board=3&amp;topic=12.0#msg5">)", body);
    CHECK(later.type == PageType::Forum);
    CHECK(later.reason.find("url=//www.example.org/index.php/?board=&topic=;") != std::string::npos);
    // The words of a value (a search for "topic", a redirect to a thread) are not the page's.
    const auto value = type_of(R"(<link rel="canonical" href="https://www.example.org/search?q=topic=&amp;next=/threads/5">)", body);
    CHECK(value.type == PageType::Article);
    CHECK(value.reason.find("url=//www.example.org/search/?q=&next=;") != std::string::npos);
}

TEST_CASE("a news story under a dated URL stays an article", "[page_type]") {
    const auto d = type_of(R"(<meta property="og:type" content="article">
        <link rel="canonical" href="https://news.example.com/2025/03/02/council-agrees-new-rules-for-spring">)",
                           "<h1>Council agrees new rules</h1><p>" + prose(3) + "</p><p>" + prose(3) + "</p>");
    CHECK(d.type == PageType::Article);
}

TEST_CASE("a page of linked teasers is a listing even when it calls itself an article", "[page_type]") {
    // A category page: a short intro, then cards whose titles link to the recipes. The site's
    // template marks every page og:type article.
    std::string cards;
    for (int i = 0; i < 16; ++i)
        cards += "<div class=\"entry\"><h2><a href=\"/r/" + std::to_string(i) + "\">Crispy dish number " +
                 std::to_string(i) + "</a></h2><p>Ready in 20 minutes.</p></div>";
    const std::string head = R"(<meta property="og:type" content="article">)";
    const auto listing = type_of(head, "<h1>Air fryer recipes</h1><p>" + prose(1) + "</p>" + cards);
    CHECK(listing.type == PageType::Listing);
    CHECK(listing.reason.find("teasers_per_paragraph>=8") != std::string::npos);
    CHECK(listing.reason.find("teasers_per_paragraph=16") != std::string::npos);  // 16 headings, no long paragraph
    // The same cards under an article of several paragraphs: links to read next.
    std::string story;
    for (int i = 0; i < 3; ++i) story += "<p>" + prose(2) + "</p>";
    CHECK(type_of(head, "<h1>Air fryer recipes</h1>" + story + cards).type == PageType::Article);
}

TEST_CASE("a page with no evidence is an article", "[page_type]") {
    CHECK(type_of("", "<p>" + prose(2) + "</p>").type == PageType::Article);
}

TEST_CASE("posts that start the page make it a thread, comments under an article do not", "[page_type]") {
    const std::string posts = "<div class=\"comment\"><p>" + prose(2) + "</p></div><div class=\"comment\"><p>" + prose(2) +
                              "</p></div><div class=\"comment\"><p>" + prose(2) + "</p></div>";
    const auto thread = type_of("", "<h1>Which flour?</h1>" + posts);
    CHECK(measure_page(segment_html("<html><body>" + posts + "</body></html>"), test::default_patterns())
              [static_cast<std::size_t>(PageFeature::PostsFirst)] > 0.9);
    CHECK(thread.type == PageType::Forum);
    const auto article = type_of("", "<article><p>" + prose(4) + "</p></article>" + posts);
    CHECK(article.type == PageType::Article);
}

TEST_CASE("an opening post marked apart from its replies still starts a thread", "[page_type]") {
    auto first_in_posts = [](const std::string& opening_class) {
        const std::string page = "<html><body><div class=\"thread\"><div class=\"" + opening_class + "\"><p>" + prose(2) +
                                 "</p></div><div class=\"forum-post forum-post-reply\"><p>" + prose(3) +
                                 "</p></div><div class=\"forum-post forum-post-reply\"><p>" + prose(3) + "</p></div></div></body></html>";
        return measure_page(segment_html(page), test::default_patterns())[static_cast<std::size_t>(PageFeature::PostsFirst)];
    };
    // The opening post shares the replies' element and a class with them: it is a post too.
    CHECK(first_in_posts("forum-post forum-post-original") > 0.5);
    // An article body beside the replies shares nothing with them.
    CHECK(first_in_posts("entry-content") == 0);
}

TEST_CASE("page type hints are read from patterns/page files", "[page_type][patterns]") {
    PatternsBuilder builder;
    builder.add_file("page/types.txt", "# test\nforum url /board/ 2\ndocumentation feature code_blocks>=2 1.5\n");
    const Patterns patterns = builder.build();
    REQUIRE(patterns.page_type_hints().size() == 2);
    CHECK(patterns.page_type_hints()[0].type == PageType::Forum);
    CHECK(patterns.page_type_hints()[1].threshold == 2.0);
    CHECK(patterns.page_type_hints()[1].source == "page/types.txt:3");
}

TEST_CASE("a malformed page type hint names its file and line", "[page_type][patterns]") {
    PatternsBuilder patterns;
    CHECK_THROWS_WITH(patterns.add_file("page/types.txt", "forum url\n"), Catch::Contains("page/types.txt:1"));
    CHECK_THROWS_WITH(patterns.add_file("page/types.txt", "blog url /b/ 1\n"), Catch::Contains("unknown page type"));
    CHECK_THROWS_WITH(patterns.add_file("page/types.txt", "forum feature posts 1\n"), Catch::Contains("name>=number"));
}

namespace {

struct Extracted {
    Document document;
    Labels labels;
    PageTypeDecision type;

    bool kept(const std::string& prefix) const {
        for (std::size_t i = 0; i < document.blocks.size(); ++i) {
            if (document.blocks[i].text.rfind(prefix, 0) == 0) return labels[i].label == Label::Content;
        }
        FAIL("no block starts with: " << prefix);
        return false;
    }
};

Extracted extract(const std::string& body, const std::string& head = "") {
    Extracted e;
    e.document = segment_html("<!DOCTYPE html><html><head><title>Programmes</title>" + head + "</head><body>" + body +
                              "</body></html>");
    e.labels = classify::classify(e.document, test::default_patterns(), ClassifyOptions{}, nullptr, &e.type);
    return e;
}

// A menu of n links in one <ul>, each a short name.
std::string menu(int n) {
    std::string items;
    for (int i = 0; i < n; ++i) items += "<li><a href=\"/s/" + std::to_string(i) + "\">Section " + std::to_string(i) + "</a></li>";
    return "<nav><ul>" + items + "</ul></nav>";
}

}  // namespace

TEST_CASE("a page typed an article whose region holds little of its cards is extracted as parts", "[page_type][html]") {
    // Nothing declares a type and no URL is known: the decision is article. The one paragraph of
    // prose is the article region; the programme cards (each one link around a name, a summary
    // and a date) are most of the page's text.
    std::string cards;
    for (int i = 0; i < 7; ++i)
        cards += "<div class=\"programme\"><a href=\"/p/" + std::to_string(i) + "\"><h3>Programme " + std::to_string(i) +
                 "</h3><div>Six weeks online, for managers of engineering teams " + std::to_string(i) +
                 "</div><div>Starts 3 March</div></a></div>";
    const Extracted e = extract(menu(6) + "<h1>Programmes</h1><p>" + prose(1) + "</p><div class=\"grid\">" + cards + "</div>");
    CHECK(e.type.type == PageType::Article);
    CHECK_THAT(e.type.reason, Catch::Contains("extracted as parts"));
    CHECK(e.kept("The committee met again"));
    CHECK(e.kept("Six weeks online, for managers of engineering teams 0"));
    CHECK(e.kept("Six weeks online, for managers of engineering teams 6"));
    CHECK(e.kept("Starts 3 March"));
    CHECK_FALSE(e.kept("Section 0"));
}

TEST_CASE("a page typed an article whose region holds little of the prose of its parts is extracted as parts, not for linked teasers", "[page_type][html]") {
    // An introduction in an <article>, then seven service sections outside it. The region holds
    // 0.28 of the parts' text: above parts_fallback_share (0.25) but below
    // parts_fallback_prose_share (0.3) of their prose.
    const std::string intro = "<article><h1>Our services</h1><p>"
                              "The committee met again on Tuesday, and agreed that the new rules, which are long, would "
                              "apply from next spring. The committee met again on Tuesday, and agreed that the new "
                              "rules, which are long, would apply from next spring.</p></article>";
    const auto page = [&](bool linked) {
        std::string sections;
        for (const char* name : {"Tax returns", "Payroll", "Bookkeeping", "Audits", "Grants", "Pensions", "Invoices"}) {
            const std::string text = std::string("We file the ") + name + " of small firms and charities and answer within two days";
            sections += std::string("<section class=\"band\"><div class=\"wrap\"><h3>") + name + "</h3><div class=\"text\">" +
                        (linked ? "<a href=\"/s/" + std::string(name) + "\">" + text + "</a>" : "<span>" + text + "</span>") +
                        "</div></div></section>";
        }
        return extract(menu(6) + intro + sections);
    };
    const Extracted services = page(false);
    CHECK(services.type.type == PageType::Article);
    CHECK_THAT(services.type.reason, Catch::Contains("extracted as parts: the article region holds 0.28 of their prose"));
    CHECK(services.kept("The committee met again"));
    CHECK(services.kept("We file the Payroll of small firms"));
    CHECK(services.kept("We file the Invoices of small firms"));
    CHECK_FALSE(services.kept("Section 0"));
    // The same amount of text as linked teasers is no prose: the page stays an article.
    const Extracted teasers = page(true);
    CHECK(teasers.type.reason.find("extracted as parts") == std::string::npos);
    CHECK(teasers.kept("The committee met again"));
    CHECK_FALSE(teasers.kept("We file the Payroll of small firms"));
}

TEST_CASE("an article whose region is a list of linked entries keeps the list", "[page_type][html]") {
    // A list page taken for an article: its region is one short paragraph over forty linked
    // names, which the link-list rule alone would drop as a menu; they are the page.
    std::string entries;
    for (int i = 0; i < 40; ++i)
        entries += "<li><a href=\"/wiki/L" + std::to_string(i) + "\">Language " + std::to_string(i) + "</a></li>";
    const Extracted e = extract(menu(8) + "<div id=\"content\"><h1>List of languages</h1><p>" + prose(1) +
                                "</p><ul>" + entries + "</ul></div>");
    CHECK(e.type.type == PageType::Article);
    CHECK(e.kept("The committee met again"));
    CHECK(e.kept("Language 0"));
    CHECK(e.kept("Language 39"));
    CHECK_FALSE(e.kept("Section 0"));
}

TEST_CASE("an article among more text in menus and teasers stays an article", "[page_type][html]") {
    std::string teasers;
    for (int i = 0; i < 12; ++i)
        teasers += "<li><a href=\"/t/" + std::to_string(i) + "\">Another story about the council and its plans for the "
                   "bridge, number " + std::to_string(i) + "</a></li>";
    const Extracted e = extract(menu(30) + "<article><h1>Council agrees</h1><p>" + prose(3) + "</p><p>" + prose(2) +
                                "</p></article><aside><ul>" + teasers + "</ul></aside>");
    CHECK(e.type.type == PageType::Article);
    CHECK(e.type.reason.find("extracted as parts") == std::string::npos);
    CHECK(e.kept("The committee met again"));
    CHECK_FALSE(e.kept("Another story about the council"));
}

TEST_CASE("on a page of parts a long linked summary is a card, a run of menu links is not", "[page_type][html]") {
    const auto page = [](const std::string& extra) {
        std::string cards;
        for (int i = 0; i < 6; ++i)
            cards += "<li class=\"result\"><h3>Flat " + std::to_string(i) + "</h3><span>$1,200 a month</span></li>";
        return "<link rel=\"canonical\" href=\"https://homes.example.com/listings/rentals\">"
               "<div><ul class=\"results\">" + cards + "</ul></div>" + extra;
    };
    // Five links collapsed into one line of more than 60 characters, and one linked summary as long.
    const Extracted e = extract(page("<div><a href=\"/a\">Rentals in Leeds</a> <a href=\"/b\">Rentals in York</a> "
                                     "<a href=\"/c\">Rentals in Hull</a> <a href=\"/d\">Rentals in Bath</a> "
                                     "<a href=\"/e\">Rentals in Ely</a></div>"
                                     "<div><a href=\"/f\">A bright two-bedroom flat by the river, with a garden, a shed and "
                                     "parking for two cars</a></div>"));
    REQUIRE(e.type.type != PageType::Article);
    CHECK(e.kept("Flat 0"));
    CHECK(e.kept("A bright two-bedroom flat by the river"));
    CHECK_FALSE(e.kept("Rentals in Leeds"));
}

TEST_CASE("on a page of parts a noise class on the element holding most of the text is not believed", "[page_type][html]") {
    // A list's table carries a widget class ("js-data-tooltip") for a script; it holds the whole
    // list, in short lines (a linked name, an author, a rating) that are no prose.
    std::string rows;
    for (int i = 0; i < 10; ++i) {
        const std::string n = std::to_string(i);
        rows += "<tr><td>" + std::to_string(i + 1) + ".</td><td><div><a href=\"/b/" + n + "\">Book " + n +
                "</a></div><div>by Author " + n + "</div><div>4." + n + " avg rating</div></td></tr>";
    }
    const Extracted e = extract(menu(4) + "<h1>Best books</h1><p>" + prose(1) + "</p><table class=\"js-data-tooltip\">" +
                                    rows + "</table><div class=\"popup-tooltip\">Error rating book. Refresh and try again.</div>",
                                "<link rel=\"canonical\" href=\"https://books.example.com/list/best-books\">"
                                "<script type=\"application/ld+json\">{\"@type\":\"ItemList\"}</script>");
    REQUIRE(e.type.type == PageType::Listing);
    CHECK(e.kept("by Author 0"));
    CHECK(e.kept("4.9 avg rating"));
    CHECK_FALSE(e.kept("Error rating book"));
}

TEST_CASE("a price tag and buying controls are not a product's text, but a card's price on a listing is", "[page_type][html]") {
    const Extracted product = extract("<h1>Blue mug</h1><div class=\"buy\"><div>$12.00</div><div>2.4k</div><div>Add to cart</div>"
                                      "<div>In stock</div></div><div class=\"description\"><p>" + prose(2) +
                                      "</p><ul><li>Capacity: 350 ml</li><li>Dishwasher safe</li></ul></div>",
                                      "<meta property=\"og:type\" content=\"product\">");
    REQUIRE(product.type.type == PageType::Product);
    CHECK(product.kept("The committee met again"));
    CHECK(product.kept("Capacity: 350 ml"));
    CHECK_FALSE(product.kept("$12.00"));
    CHECK_FALSE(product.kept("2.4k"));  // a count of reviews
    CHECK_FALSE(product.kept("Add to cart"));
    CHECK_FALSE(product.kept("In stock"));

    std::string cards;
    for (int i = 0; i < 8; ++i)
        cards += "<li class=\"card\"><h3><a href=\"/p/" + std::to_string(i) + "\">Mug " + std::to_string(i) +
                 "</a></h3><span>$1" + std::to_string(i) + ".00</span></li>";
    const Extracted collection = extract("<h1>Mugs</h1><ul class=\"grid\">" + cards + "</ul>",
                                         "<link rel=\"canonical\" href=\"https://shop.example.com/collections/mugs\">");
    REQUIRE(collection.type.type == PageType::Collection);
    CHECK(collection.kept("Mug 3"));
    CHECK(collection.kept("$13.00"));
}

TEST_CASE("a collection's cards inside its search results are its text, the search box is not", "[page_type][html]") {
    std::string cards;
    for (int i = 0; i < 8; ++i)
        cards += "<li class=\"card\"><h3><a href=\"/p/" + std::to_string(i) + "\">Lamp " + std::to_string(i) +
                 "</a></h3><span>$2" + std::to_string(i) + ".00</span></li>";
    // What the search found, its page, grid or cards, is named so; the search box is "search".
    for (const char* wrapper : {"product-search-results", "searchPage", "c-search-grid", "search-card-list"}) {
        INFO(wrapper);
        const Extracted collection =
            extract("<h1>Lamps</h1><p>" + prose(2) + "</p><form class=\"search-form\"><label>Search the shop</label><input name=\"q\"></form>"
                    "<div class=\"" + std::string(wrapper) + "\"><ul class=\"grid\">" + cards + "</ul></div>",
                    "<link rel=\"canonical\" href=\"https://shop.example.com/collections/lamps\">");
        REQUIRE(collection.type.type == PageType::Collection);
        CHECK(collection.kept("Lamp 0"));
        CHECK(collection.kept("Lamp 7"));
        CHECK(collection.kept("$23.00"));
        CHECK_FALSE(collection.kept("Search the shop"));
    }
    const Extracted box = extract("<h1>Lamps</h1><p>" + prose(2) + "</p><div class=\"header-search\"><p>Popular searches: lamps, desk lamps, "
                                  "floor lamps and reading lights for every room</p></div><ul class=\"grid\">" + cards + "</ul>",
                                  "<link rel=\"canonical\" href=\"https://shop.example.com/collections/lamps\">");
    CHECK(box.kept("Lamp 0"));
    CHECK_FALSE(box.kept("Popular searches"));
}

TEST_CASE("on a thread a count beside a post (its likes, replies or the author's posts) is not its text", "[page_type][html]") {
    const std::string head = R"(<script type="application/ld+json">{"@type":"DiscussionForumPosting"}</script>)";
    std::string posts;
    for (const char* count : {"27 likes", "1 reply", "3.4k views", "Posts: 1,204", "Joined: Sun Dec 17, 2023 11:18 am",
                              "Registered: 2016-07-02", "Asked 13 years, 8 months ago", "Viewed 11k times"})
        posts += "<div class=\"comment\"><p>Post: " + prose(2) + "</p><div>" + std::string(count) + "</div></div>";
    const Extracted thread = extract("<h1>Which flour?</h1>" + posts + "<p>5 likes are not enough to keep this line, 27 likes would be.</p>", head);
    REQUIRE(thread.type.type == PageType::Forum);
    CHECK(thread.kept("Post:"));
    CHECK_FALSE(thread.kept("27 likes"));
    CHECK_FALSE(thread.kept("1 reply"));
    CHECK_FALSE(thread.kept("3.4k views"));
    CHECK_FALSE(thread.kept("Posts: 1,204"));
    CHECK_FALSE(thread.kept("Joined: Sun Dec"));
    CHECK_FALSE(thread.kept("Registered: 2016"));
    CHECK_FALSE(thread.kept("Asked 13 years"));
    CHECK_FALSE(thread.kept("Viewed 11k times"));
    CHECK(thread.kept("5 likes are not enough"));
    // Joining is a post's text when it is a sentence, not a label with a date.
    const Extracted said = extract("<h1>Which flour?</h1>" + posts + "<p>Joined the club in 2019 and never looked back.</p>", head);
    CHECK(said.kept("Joined the club in 2019"));
}

TEST_CASE("on a thread the member panel's extras, profile fields and the topic overview are not the posts, the member's name is", "[page_type][html]") {
    const std::string head = R"(<script type="application/ld+json">{"@type":"DiscussionForumPosting"}</script>)";
    // A thread of three posts, each made by post(its number).
    const auto thread_of = [&](const auto& post) {
        std::string posts;
        for (int i = 0; i < 3; ++i) posts += post(std::to_string(i));
        return posts;
    };
    // XenForo: the name and title, then "message-userExtras" with the join date, counts and custom fields.
    const std::string posts = thread_of([](const std::string& n) {
        return "<article class=\"message\"><section class=\"message-user\"><h4><a href=\"/m/" + n + "\">riverwatcher" + n +
               "</a></h4><div class=\"message-userExtras\"><dl><dt>Joined</dt><dd>Jun 29, 2016</dd></dl>"
               "<span class=\"status\">Pre-Medical</span></div></section><div class=\"message-content\"><p>Post " + n + ": " +
               prose(2) + "</p></div></article>";
    });
    const Extracted thread = extract("<h1>Which flour?</h1>" + posts, head);
    REQUIRE(thread.type.type == PageType::Forum);
    CHECK(thread.kept("Post 0:"));
    CHECK(thread.kept("Post 2:"));
    CHECK(thread.kept("riverwatcher1"));
    CHECK_FALSE(thread.kept("Jun 29, 2016"));
    CHECK_FALSE(thread.kept("Pre-Medical"));
    // phpBB: the profile beside each post, its count and custom fields under the name.
    const Extracted board = extract("<h1>Which flour?</h1>" + thread_of([](const std::string& n) {
        return "<div class=\"post has-profile\"><dl class=\"postprofile\"><dt><a href=\"/u/" + n + "\">sgbeal" + n +
               "</a></dt><dd class=\"profile-posts\"><strong>Posts:</strong> 1,204 total</dd><dd class=\"profile-custom-field "
               "profile-location\"><strong>Location:</strong> Near Basel</dd></dl><div class=\"postbody\"><p>Reply " + n + ": " +
               prose(2) + "</p></div></div>";
    }), head);
    REQUIRE(board.type.type == PageType::Forum);
    CHECK(board.kept("Reply 1:"));
    CHECK(board.kept("sgbeal1"));
    CHECK_FALSE(board.kept("Posts: 1,204 total"));
    CHECK_FALSE(board.kept("Location: Near Basel"));
    // Invision: the topic's overview box above the posts.
    const Extracted ips = extract("<h1>Which flour?</h1><div class=\"cTopicOverview\"><div class=\"cTopicOverview__content\">"
                                  "<h3>Top Posters In This Topic</h3><p>Created 1 yr ago by sgbeal</p><p>Last Reply 2 days ago</p>"
                                  "</div></div>" + posts, head);
    REQUIRE(ips.type.type == PageType::Forum);
    CHECK(ips.kept("Post 1:"));
    CHECK_FALSE(ips.kept("Top Posters In This Topic"));
    CHECK_FALSE(ips.kept("Created 1 yr ago by sgbeal"));
    CHECK_FALSE(ips.kept("Last Reply 2 days ago"));
    // Invision's author pane: the name above, the member's group and custom fields under it.
    const Extracted pane = extract("<h1>Which flour?</h1>" + thread_of([](const std::string& n) {
        return "<article class=\"ipsComment\"><aside class=\"ipsComment_author cAuthorPane\"><h3 class=\"cAuthorPane_author\">"
               "<a href=\"/p/" + n + "\">DenverSteve" + n + "</a></h3><ul class=\"cAuthorPane_info\"><li>Members</li>"
               "<li>Location: Denver CO, Los Angeles CA</li></ul></aside><div class=\"cPost_contentWrap\"><p>Answer " + n + ": " +
               prose(2) + "</p></div></article>";
    }), head);
    REQUIRE(pane.type.type == PageType::Forum);
    CHECK(pane.kept("Answer 2:"));
    CHECK(pane.kept("DenverSteve1"));
    CHECK_FALSE(pane.kept("Location: Denver CO"));
}

TEST_CASE("on a thread posts wrapped in forms without controls are its text, the reply box is not", "[page_type][html]") {
    // Old Reddit wraps each comment in a form whose edit box stays hidden until "edit" is pressed.
    const std::string head = R"(<link rel="canonical" href="https://old.example.com/r/science/comments/1j3/hair/">)";
    std::string comments;
    for (int i = 0; i < 4; ++i)
        comments += "<div class=\"entry\"><p class=\"tagline\"><a href=\"/u/" + std::to_string(i) + "\">user" +
                    std::to_string(i) + "</a></p><form class=\"usertext\"><input type=\"hidden\" name=\"thing_id\">"
                    "<div class=\"usertext-body\"><div class=\"md\"><p>Comment " + std::to_string(i) + ": " + prose(1) +
                    "</p></div></div><div class=\"usertext-edit\" style=\"display: none\"><textarea></textarea>"
                    "<button>save</button></div></form></div>";
    const std::string body = "<div class=\"content\"><div class=\"thing link\"><p class=\"title\">Hair grown in the lab</p>"
                             "<p>Opening: " + prose(2) + "</p></div><div class=\"commentarea\"><form class=\"usertext cloneable\">"
                             "<p>Reply: you must log in to reply to this thread</p><textarea name=\"text\"></textarea>"
                             "<button type=\"submit\">save</button></form>" + comments + "</div></div>";
    const Extracted thread = extract("<h1>Hair grown in the lab</h1>" + body, head);
    REQUIRE(thread.type.type == PageType::Forum);
    CHECK(thread.kept("Opening:"));
    for (int i = 0; i < 4; ++i) CHECK(thread.kept("Comment " + std::to_string(i) + ":"));
    CHECK_FALSE(thread.kept("Reply: you must log in"));
}

TEST_CASE("on a Q&A thread the question and answers are its text, the comments under each post are not", "[page_type][html]") {
    const std::string head = R"(<script type="application/ld+json">{"@type":"QAPage"}</script>)";
    auto post = [](const std::string& id, const std::string& body, const std::string& remark) {
        return "<div class=\"post-layout\"><div class=\"s-prose\"><p>" + body + "</p></div><div class=\"comments\"><ul>"
               "<li class=\"comment\"><span>" + remark + "</span></li></ul></div><a class=\"comments-link\" href=\"#" + id +
               "\">Add a comment</a></div>";
    };
    const Extracted qa = extract(
        "<h1>Which flour for bread?</h1>" +
            post("q", "Question: which flour makes the best sandwich loaf, bread flour or all-purpose flour? " + prose(1),
                 "Remark one: have you tried mixing the two flours half and half, as many bakers do at home?") +
            post("a1", "Answer one: bread flour, for its higher protein gives the loaf more structure and a better rise. " + prose(1),
                 "Remark two: agreed, though all-purpose flour works fine for softer loaves and for rolls too.") +
            post("a2", "Answer two: all-purpose flour is enough for most home bakers and most recipes in the books. " + prose(1),
                 "Remark three: this matches what I found after many years of baking sandwich bread at home."),
        head);
    REQUIRE(qa.type.type == PageType::Forum);
    CHECK(qa.kept("Question:"));
    CHECK(qa.kept("Answer one:"));
    CHECK(qa.kept("Answer two:"));
    CHECK_FALSE(qa.kept("Remark one:"));
    CHECK_FALSE(qa.kept("Remark three:"));
    // A thread whose replies follow its opening post keeps them: they are the thread.
    const Extracted thread = extract(
        "<h1>Which flour for bread?</h1><div class=\"thread\"><div class=\"first-post\"><p>Opening: which flour makes "
        "the best loaf? " + prose(1) + "</p></div><div class=\"comments\"><div class=\"comment\"><p>Reply one: bread flour, "
        "always. " + prose(1) + "</p></div><div class=\"comment\"><p>Reply two: all-purpose is enough. " + prose(1) +
            "</p></div></div></div>",
        head);
    REQUIRE(thread.type.type == PageType::Forum);
    CHECK(thread.kept("Opening:"));
    CHECK(thread.kept("Reply one:"));
    CHECK(thread.kept("Reply two:"));
}

TEST_CASE("a search widget's class on the element holding a collection's linked cards does not drop them", "[page_type][html]") {
    // Each card is one link around its name and price, as shops write them; the wrapper carries the
    // class its search script fills.
    std::string cards;
    for (int i = 0; i < 10; ++i)
        cards += "<article class=\"tile\"><a href=\"/p/" + std::to_string(i) + "\"><h3>Desk lamp model " + std::to_string(i) +
                 "</h3><p>Brushed brass, linen shade no. " + std::to_string(i) + "</p><p>$4" + std::to_string(i) + ".00</p></a></article>";
    const std::string head = "<link rel=\"canonical\" href=\"https://shop.example.com/collections/lamps\">";
    const Extracted wrapped = extract("<h1>Lamps</h1><div class=\"js-search\">" + cards + "</div>", head);
    REQUIRE(wrapped.type.type == PageType::Collection);
    CHECK(wrapped.kept("Desk lamp model 0"));
    CHECK(wrapped.kept("$49.00"));
    // A search box beside the cards is still furniture.
    const Extracted beside = extract("<h1>Lamps</h1><div class=\"js-search\"><a href=\"/s?q=brass\">Brass lamps</a> "
                                     "<a href=\"/s?q=linen\">Linen shades</a></div><div class=\"grid\">" + cards + "</div>", head);
    CHECK(beside.kept("Desk lamp model 9"));
    CHECK_FALSE(beside.kept("Brass lamps"));
}

TEST_CASE("a service page's hidden panels and captions are its text, its hidden dialogs are not", "[page_type][html]") {
    // An FAQ whose answers a script shows on a click, and a sign-up dialog kept hidden until asked.
    std::string faq;
    for (int i = 0; i < 4; ++i)
        faq += "<div class=\"faq-item\"><h3>Question " + std::to_string(i) + "?</h3><div hidden><p>Answer " +
               std::to_string(i) + ": we plan the move with you, pack every room and unpack at the other end.</p></div></div>";
    const std::string body = "<h1>Moving house</h1><section><h2>Our services</h2><p>" + prose(2) + "</p></section><section>" +
                             faq + "</section><figure><img src=\"van.jpg\"><figcaption>Two movers and a van for every "
                             "flat</figcaption></figure><div class=\"modal\" hidden><p>Sign up for our offers and get ten "
                             "percent off your first move with us.</p></div>";
    const Extracted service = extract(body, "<meta property=\"og:type\" content=\"website\">"
                                            "<link rel=\"canonical\" href=\"https://movers.example.com/services/moving\">");
    REQUIRE(service.type.type == PageType::Service);
    CHECK(service.kept("Question 0?"));
    CHECK(service.kept("Answer 0: we plan the move"));
    CHECK(service.kept("Answer 3: we plan the move"));
    CHECK(service.kept("Two movers and a van"));
    CHECK_FALSE(service.kept("Sign up for our offers"));
    // On an article the same hidden answers stay hidden.
    const Extracted article = extract(body);
    REQUIRE(article.type.type == PageType::Article);
    CHECK_FALSE(article.kept("Answer 0: we plan the move"));
    CHECK_FALSE(article.kept("Two movers and a van"));
}

TEST_CASE("a Drupal node promoted to the front page is the page's content, not a promotion", "[page_type][html]") {
    const std::string para = "<p>The clinic sees patients on weekdays from eight until six, and most visits can be booked "
                             "online or by calling the front desk.</p>";
    const std::string html = "<html><body><main><div class=\"intro\"><h1>Our services</h1>" + para + para +
                             "</div><article class=\"node node--type-page node--promoted\"><h2>MyChart Login</h2>"
                             "<p>Log in to MyChart to see your results.</p><h2>MyChart for Mobile</h2>"
                             "<p>Download the MyChart app for your phone.</p></article>"
                             "<div class=\"promo\"><p>Save 20% on your first visit this month.</p></div></main></body></html>";
    const Document doc = segment_html(html);
    ClassifyOptions options;
    options.page_type = PageType::Service;
    const Labels l = classify::classify(doc, test::default_patterns(), options);
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        INFO(doc.blocks[i].text << ": " << l[i].reason);
        if (doc.blocks[i].text.starts_with("Save 20%"))
            CHECK(l[i].category == Category::Promo);
        else
            CHECK(l[i].label != Label::Noise);
    }
}

TEST_CASE("a product's hidden tabs give their description and specifications, not their pickers", "[page_type][html]") {
    // Tabs a script opens: the description and a table of specifications; beside them a hidden
    // size picker and a hidden line of the cart.
    const std::string body =
        "<h1>Field Lantern</h1><p>" + prose(1) +
        "</p><div class=\"tabs\"><div class=\"tab-panel\" hidden><p>Made of folded steel with a glass chimney, the lantern "
        "burns eight hours on one filling and hangs from a hook or stands on its own base.</p></div>"
        "<div class=\"tab-panel\" hidden><table><tr><td>Weight</td><td>1.2 kg</td></tr><tr><td>Height</td><td>31 cm</td>"
        "</tr></table></div></div><div class=\"picker\" hidden><span>Small</span><span>Large</span></div>"
        "<div class=\"drawer\" hidden><span>Your basket is empty</span></div>";
    const Extracted product = extract(body, "<meta property=\"og:type\" content=\"product\">");
    REQUIRE(product.type.type == PageType::Product);
    CHECK(product.kept("Made of folded steel"));
    CHECK(product.kept("Weight"));
    CHECK(product.kept("Height"));
    CHECK_FALSE(product.kept("Small"));
    CHECK_FALSE(product.kept("Your basket is empty"));
    // On an article the tab panel is the article's too, one click away; the picker and the
    // drawer are hidden furniture there as well.
    const Extracted article = extract(body);
    REQUIRE(article.type.type == PageType::Article);
    CHECK(article.kept("Made of folded steel"));
    CHECK_FALSE(article.kept("Small"));
    CHECK_FALSE(article.kept("Your basket is empty"));
}

TEST_CASE("a product's customer reviews are its comments, a review article's review is its text", "[page_type][html]") {
    std::string reviews;
    for (int i = 0; i < 3; ++i)
        reviews += "<div class=\"review-item\"><p class=\"review-meta\">Written by Buyer " + std::to_string(i) +
                   "</p><p class=\"review-item-body\">Review " + std::to_string(i) +
                   ": arrived quickly, keeps the tea hot all morning and the lid never leaks in my bag.</p></div>";
    const std::string body = "<h1>Steel flask</h1><div class=\"description\"><p>" + prose(2) +
                             "</p></div><section class=\"product-reviews\"><h2>Reviews</h2>" + reviews + "</section>";
    const Extracted product = extract(body, "<meta property=\"og:type\" content=\"product\">");
    REQUIRE(product.type.type == PageType::Product);
    CHECK(product.kept("The committee met again"));
    CHECK_FALSE(product.kept("Review 0: arrived quickly"));
    CHECK_FALSE(product.kept("Review 2: arrived quickly"));
    // A critic's review of a film, marked up as one: the article.
    const Extracted article = extract("<h1>The long road home</h1><div class=\"review-body\"><p>" + prose(3) + "</p></div>");
    REQUIRE(article.type.type == PageType::Article);
    CHECK(article.kept("The committee met again"));
}
