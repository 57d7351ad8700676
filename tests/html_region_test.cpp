// The HTML main-content region and DOM hints: which blocks the article holds, and the noise
// category page furniture gets from its class/id tokens.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "classify/html_region.h"
#include "segment/segment.h"
#include "test_support.h"

using namespace winnow;
using namespace winnow::segment;
using namespace winnow::classify;

namespace {

struct Scored {
    Document document;
    std::vector<HtmlPrior> priors;

    const HtmlPrior& of(const std::string& prefix) const {
        for (std::size_t i = 0; i < document.blocks.size(); ++i) {
            if (document.blocks[i].text.rfind(prefix, 0) == 0) return priors[i];
        }
        FAIL("no block starts with: " << prefix);
        return priors.front();
    }
};

Scored score(const std::string& html) {
    Scored s;
    s.document = segment_html(html);
    s.priors = score_html_regions(s.document, test::default_patterns());
    REQUIRE(s.priors.size() == s.document.blocks.size());
    return s;
}

const std::string kParagraph =
    "The council met on Tuesday evening to discuss the new bridge, and after a long debate, which ran past "
    "midnight, the members agreed to fund the first phase of the work.";

}  // namespace

TEST_CASE("the article is found among menus, sidebars, related links and comments", "[html]") {
    const Scored s = score(
        "<html><body>"
        "<nav class=\"site-nav\"><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li></ul></nav>"
        "<div id=\"cookie-banner\"><p>We use cookies to improve your experience on our site.</p></div>"
        "<div class=\"main\"><article><h1>Bridge approved</h1>"
        "<p>First: " + kParagraph + "</p><p>Second: " + kParagraph + "</p><p>Third: " + kParagraph + "</p>"
        "<div class=\"share-buttons\"><p>Share this article on your favourite network today</p></div>"
        "<p>Fourth: " + kParagraph + "</p></article>"
        "<section class=\"related-posts\"><h3>Related</h3><ul><li><a href=\"/1\">Another bridge story with a long "
        "title</a></li></ul></section>"
        "<div id=\"comments\"><p>Reader: " + kParagraph + "</p></div></div>"
        "<aside class=\"sidebar\"><p>Sidebar: " + kParagraph + "</p></aside>"
        "<footer><p>Copyright 2024 The Valley News, all rights reserved.</p></footer>"
        "</body></html>");
    for (const char* paragraph : {"First:", "Second:", "Third:", "Fourth:"}) {
        INFO(paragraph);
        CHECK(s.of(paragraph).keep);
        CHECK(s.of(paragraph).in_main);
        CHECK(s.of(paragraph).dom_category == Category::None);
    }
    CHECK_FALSE(s.of("Home").keep);
    CHECK(s.of("Home").dom_category == Category::Navigation);
    CHECK(s.of("We use cookies").dom_category == Category::Cookie);
    CHECK_FALSE(s.of("Share this").keep);
    CHECK(s.of("Share this").dom_category == Category::Share);
    CHECK(s.of("Another bridge").dom_category == Category::Related);
    CHECK_FALSE(s.of("Reader:").keep);
    CHECK(s.of("Reader:").dom_category == Category::Comment);
    CHECK_FALSE(s.of("Sidebar:").keep);
    CHECK(s.of("Sidebar:").dom_category == Category::Boilerplate);
    CHECK_FALSE(s.of("Copyright").keep);
    CHECK(s.of("Copyright").reason.find("footer") != std::string::npos);
}

TEST_CASE("a noise class on the wrapper of the whole article is not believed", "[html]") {
    const Scored s = score(
        "<body><div class=\"layout-with-sidebar\"><div class=\"article-body\">"
        "<p>One: " + kParagraph + "</p><p>Two: " + kParagraph + "</p></div></div>"
        "<div class=\"sidebar\"><p>Elsewhere and short.</p></div></body>");
    CHECK(s.of("One:").keep);
    CHECK(s.of("Two:").keep);
    CHECK_FALSE(s.of("Elsewhere").keep);
}

TEST_CASE("an article cut in sections by an aside is joined", "[html]") {
    const Scored s = score(
        "<body><div class=\"story\">"
        "<div class=\"story-part\"><p>A: " + kParagraph + "</p><p>B: " + kParagraph + "</p><p>C: " + kParagraph +
        "</p></div>"
        "<aside class=\"newsletter\"><p>Sign up for our newsletter to get the news every morning.</p></aside>"
        "<h2>Next steps</h2>"
        "<div class=\"story-part\"><p>D: " + kParagraph + "</p><p>E: " + kParagraph + "</p></div>"
        "</div><div class=\"teasers\"><p><a href=\"/x\">Unrelated teaser headline with enough words in it</a></p>"
        "</div></body>");
    for (const char* part : {"A:", "B:", "C:", "D:", "E:", "Next steps"}) {
        INFO(part);
        CHECK(s.of(part).keep);
    }
    CHECK(s.of("Sign up").dom_category == Category::Newsletter);
    CHECK_FALSE(s.of("Unrelated teaser").keep);
}

TEST_CASE("hidden blocks and figure captions are not kept", "[html]") {
    const Scored s = score(
        "<body><article><p>One: " + kParagraph + "</p><figure><img src=x><figcaption>The bridge at dawn. "
        "Photo: A. Smith</figcaption></figure><p style=\"display:none\">Hidden: " + kParagraph +
        "</p><p>Two: " + kParagraph + "</p></article></body>");
    CHECK(s.of("One:").keep);
    CHECK(s.of("Two:").keep);
    CHECK_FALSE(s.of("The bridge at dawn").keep);
    CHECK(s.of("The bridge at dawn").dom_category == Category::Caption);
    CHECK_FALSE(s.of("Hidden:").keep);
}

TEST_CASE("a folded panel inside the article is kept, one outside it is not", "[html]") {
    // A guide's steps in an accordion: each step's text is one click away, in the article. The
    // same kind of panel in the page's menu is the menu's.
    const Scored s = score(
        "<body><nav class=\"menu\"><div class=\"accordion\"><div role=\"region\" hidden><p>Menu: " + kParagraph +
        "</p></div></div></nav><article><p>One: " + kParagraph + "</p><h2>Step one</h2><div class=\"accordion-panel\" "
        "style=\"display:none\"><p>Folded: " + kParagraph + "</p></div><p style=\"display:none\">Hidden: " + kParagraph +
        "</p><p>Two: " + kParagraph + "</p></article></body>");
    CHECK(s.of("One:").keep);
    CHECK(s.of("Two:").keep);
    CHECK(s.of("Folded:").keep);
    CHECK_FALSE(s.of("Hidden:").keep);
    CHECK_FALSE(s.of("Menu:").keep);
}

TEST_CASE("a script's popover named in long camelCase is interface, not the article", "[html]") {
    // Its id reads as a slug part by part, and the card inside names itself content: the id's last
    // word is what tells.
    const Scored s = score("<body><article><h1>Bridge</h1><p>One: " + kParagraph + "</p></article><i-card "
                           "id=\"iPushNotificationsPromptPopover\"><div class=\"iCard__content\"><ol><li>Find this "
                           "website and adjust your preference in the settings of your browser today.</li><li>Find your "
                           "app name and adjust your preference.</li></ol></div></i-card></body>");
    CHECK(s.of("One:").keep);
    CHECK_FALSE(s.of("Find this website").keep);
    CHECK(s.of("Find this website").dom_category == Category::Interface);
}

TEST_CASE("a table or code a figure frames is content, its caption is not", "[html]") {
    // Block editors wrap every table in a <figure>; some blogs wrap code listings the same way.
    std::string rows;
    for (const char* city : {"Austin", "Denver", "Boise", "Tampa", "Raleigh", "Omaha"})
        rows += std::string("<tr><td>") + city + "</td><td>the median price of a house rose by a tenth over the year</td></tr>";
    const Scored s = score("<body><article><p>One: " + kParagraph + "</p><figure class=\"wp-block-table\"><table>" +
                           rows + "</table><figcaption>Price growth by city, 2025</figcaption></figure><figure class=\"highlight\">"
                           "<pre><code>make install</code></pre></figure><p>Two: " + kParagraph + "</p></article></body>");
    CHECK(s.of("Austin").keep);
    CHECK(s.of("Omaha").keep);
    CHECK(s.of("make install").keep);
    CHECK_FALSE(s.of("Price growth by city").keep);
    CHECK(s.of("Price growth by city").dom_category == Category::Caption);
}

TEST_CASE("a page without prose keeps its few plain lines, not its links", "[html]") {
    const Scored s = score("<body><p>Test</p><div class=\"x\"><a href=\"/a\">Link one</a> <a href=\"/b\">Link two</a>"
                           "</div></body>");
    CHECK(s.of("Test").keep);
    CHECK_FALSE(s.of("Link one").keep);
    CHECK(score_html_regions(segment_text("plain text"), test::default_patterns()).size() == 1);
}

TEST_CASE("a question or announcement after the article's last paragraph is furniture", "[html]") {
    const Scored s = score("<body><article><p>One: " + kParagraph + "</p><p>Does this count?</p><p>Two: " + kParagraph +
                           "</p><p>Was this article useful?</p><p>Read more:</p></article></body>");
    CHECK(s.of("Does this count?").keep);  // inside the text it is text
    CHECK_FALSE(s.of("Was this article useful?").keep);
    CHECK_FALSE(s.of("Read more:").keep);
    CHECK(s.of("Two:").keep);
}

TEST_CASE("favor recall joins a weaker second candidate that balanced and precision leave out", "[html]") {
    const std::string html = "<body><div id=\"a\"><div class=\"col-a\"><p>A1: " + kParagraph + "</p><p>A2: " + kParagraph +
                             "</p><p>A3: " + kParagraph + "</p><p>A4: " + kParagraph + "</p></div></div>"
                             "<div id=\"b\"><div class=\"col-b\"><p>B1: " + kParagraph + "</p><p>B2: " + kParagraph +
                             "</p></div></div></body>";
    const Document document = segment_html(html);
    auto kept = [&](Favor favor, const std::string& prefix) {
        const auto priors = score_html_regions(document, test::default_patterns(), favor);
        for (std::size_t i = 0; i < document.blocks.size(); ++i)
            if (document.blocks[i].text.rfind(prefix, 0) == 0) return priors[i].keep;
        return false;
    };
    CHECK(kept(Favor::Balanced, "A1:"));
    CHECK_FALSE(kept(Favor::Balanced, "B1:"));
    CHECK_FALSE(kept(Favor::Precision, "B1:"));
    CHECK(kept(Favor::Recall, "B1:"));
    CHECK(kept(Favor::Recall, "A4:"));
}

TEST_CASE("a share or menu class on a wrapper holding much of the prose is not believed", "[html]") {
    const Scored s = score(
        "<body><div class=\"share_wrapper\"><p>One: " + kParagraph + "</p><p>Two: " + kParagraph + "</p><p>Three: " +
        kParagraph + "</p><div class=\"share-buttons\"><a href=\"/s\">Share</a> <span>this article now</span></div></div>"
        "<div class=\"rail\"><p>Rail: " + kParagraph + "</p><p>Rail two: " + kParagraph + "</p></div></body>");
    CHECK(s.of("One:").keep);
    CHECK(s.of("Three:").keep);
    CHECK(s.of("Share").dom_category == Category::Share);
    CHECK_FALSE(s.of("Rail:").keep);
}

TEST_CASE("a page footer, a nav or a dialog holding most of the prose is still furniture", "[html]") {
    // A shop's privacy policy in a modal under the footer outweighs its short product text.
    const std::string policy = "<p>Policy one: " + kParagraph + "</p><p>Policy two: " + kParagraph + "</p><p>Policy three: " +
                               kParagraph + "</p><p>Policy four: " + kParagraph + "</p>";
    const std::string product = "<body><main><h1>Wool runner</h1><p>Product: soft merino wool, washable, and a foam sole "
                                "made from sugarcane, with laces from recycled bottles.</p></main>";
    for (const std::string& wrapper : {std::string("<footer><p>Shop</p>") + policy + "</footer>",
                                       std::string("<nav class=\"site-nav\">") + policy + "</nav>",
                                       std::string("<div class=\"legal\"><div role=\"dialog\">") + policy + "</div></div>"}) {
        const Scored s = score(product + wrapper + "</body>");
        INFO(wrapper.substr(0, 40));
        CHECK(s.of("Product:").keep);
        CHECK_FALSE(s.of("Policy one:").keep);
        CHECK_FALSE(s.of("Policy four:").keep);
    }
    // Without the footer or the role, the same text is the article.
    const Scored s = score(product + "<div class=\"legal\"><div>" + policy + "</div></div></body>");
    CHECK(s.of("Policy one:").keep);
}

TEST_CASE("a class naming a content block's furniture marks furniture, not content", "[html]") {
    // BEM's block__element: the post's signature and the article's related links are the post's and
    // the article's furniture; "entry-content" and "post-body" stay content.
    const Scored s = score(
        "<body><article class=\"ipsEntry\"><div class=\"ipsEntry__post post-body\"><p>One: " + kParagraph + "</p><p>Two: " +
        kParagraph + "</p></div><div class=\"ipsEntry__signature\"><p>Signature: design should be simple, and "
        "communication honest, as I always say to everyone.</p></div><div class=\"article-related\"><p><a href=\"/x\">"
        "Related: the bridge opens next spring</a></p></div><div class=\"entry-content\"><p>Three: " + kParagraph +
        "</p></div></article></body>");
    CHECK(s.of("One:").keep);
    CHECK(s.of("Three:").keep);
    CHECK_FALSE(s.of("Signature:").keep);
    CHECK(s.of("Signature:").dom_category == Category::Boilerplate);
    CHECK_FALSE(s.of("Related:").keep);
    CHECK(s.of("Related:").dom_category == Category::Related);
}

TEST_CASE("a script's hook class names what a script does, not what the element is", "[html]") {
    // "js-dataTooltip" asks a script to add tooltips to the table's rows; "tooltip" alone is the
    // tooltip itself.
    auto page = [](const std::string& table_class) {
        std::string rows;
        for (const char* book : {"The Hobbit by J. R. R. Tolkien, rated 4.6 by readers, with many votes",
                                 "Animal Farm by George Orwell, rated 4.0 by readers, with many votes",
                                 "The Book Thief by Markus Zusak, rated 4.4 by readers, with many votes"})
            rows += "<tr><td>" + std::string(book) + "</td></tr>";
        return score("<body><div><p>One: " + kParagraph + "</p><p>Two: " + kParagraph + "</p><p>Three: " + kParagraph +
                     "</p><table class=\"" + table_class + "\">" + rows + "</table></div></body>");
    };
    const Scored hook = page("tableList js-dataTooltip");
    CHECK(hook.of("One:").keep);
    CHECK(hook.of("The Hobbit").keep);
    CHECK(hook.of("Animal Farm").keep);
    const Scored widget = page("tooltip");
    CHECK(widget.of("One:").keep);
    CHECK_FALSE(widget.of("The Hobbit").keep);
}

TEST_CASE("a noise class repeated on the sections that hold most of the prose is layout", "[html]") {
    // Site builders give every block the same class ("elementor-widget-container"), or numbered
    // copies of one ("widget_1", "widget_2"); a part of it is a noise token, but it cannot be
    // furniture when it wraps the page's text.
    for (const char* classes : {"builder-widget-container builder-widget-container builder-widget-container",
                                "widget_1 widget_2 widget_3"}) {
        std::istringstream names(classes);
        std::string page = "<body><nav><a href=\"/\">Home</a> <a href=\"/a\">About</a></nav>";
        for (const char* n : {"One: ", "Two: ", "Three: "}) {
            std::string name;
            names >> name;
            page += "<section class=\"" + name + "\"><p>" + n + kParagraph + "</p></section>";
        }
        const Scored s = score(page + "<div class=\"sidebar\"><p>Side: short note on the side of the page.</p></div></body>");
        INFO(classes);
        CHECK(s.of("One:").keep);
        CHECK(s.of("Three:").keep);
        CHECK_FALSE(s.of("Side:").keep);
    }
}

TEST_CASE("a builder's element and the wrappers inside it count as one layout class", "[html]") {
    // "builder-widget" and "builder-widget-container" are one builder's stem: a text widget (a
    // content token, so not hinted itself) holds its prose in the inner wrapper, other widgets
    // directly. Neither class alone is on three containers, but the two together are, holding all
    // of the prose.
    const Scored s = score(
        "<body><nav><a href=\"/\">Home</a> <a href=\"/a\">About</a></nav><div>"
        "<section class=\"builder-widget builder-widget-text\"><div class=\"builder-widget-container\"><p>One: " +
        kParagraph + "</p></div></section><section class=\"builder-widget builder-widget-icon-box\"><p>Two: " + kParagraph +
        "</p></section><section class=\"builder-widget builder-widget-icon-box\"><p>Three: " + kParagraph +
        "</p></section></div><div class=\"sidebar\"><p>Side: short note on the side of the page.</p></div></body>");
    CHECK(s.of("One:").keep);
    CHECK(s.of("Two:").keep);
    CHECK(s.of("Three:").keep);
    CHECK_FALSE(s.of("Side:").keep);
}

TEST_CASE("a hidden wrapper around nearly all of the prose is shown, a hidden panel is not", "[html]") {
    const Document shown_later = segment_html(
        "<body><div style=\"visibility:hidden\"><p>One: " + kParagraph + "</p><p>Two: " + kParagraph + "</p><p>Three: " +
        kParagraph + "</p><p>Four: " + kParagraph + "</p></div><p>Loading the page, please wait a moment.</p></body>");
    const auto revealed = reveal_hidden_wrappers(shown_later, test::default_patterns());
    REQUIRE(revealed);
    for (const Block& b : revealed->blocks) CHECK_FALSE(b.hidden);

    const Document panel = segment_html(
        "<body><p>One: " + kParagraph + "</p><p>Two: " + kParagraph + "</p><p>Three: " + kParagraph +
        "</p><div hidden><p>Four: " + kParagraph + "</p></div></body>");
    CHECK_FALSE(reveal_hidden_wrappers(panel, test::default_patterns()));

    // An accordion's folded answer inside the wrapper stays folded once the wrapper is shown.
    const Document with_accordion = segment_html(
        "<body><div hidden><p>One: " + kParagraph + "</p><p>Two: " + kParagraph + "</p><p>Three: " + kParagraph +
        "</p><div class=\"accordion-body\" hidden><p>Answer: " + kParagraph + "</p></div></div></body>");
    REQUIRE(with_accordion.blocks.size() == 4);
    CHECK(with_accordion.blocks[3].hidden);
    CHECK_FALSE(with_accordion.blocks[3].folded);  // hidden by the wrapper too
    const auto shown = reveal_hidden_wrappers(with_accordion, test::default_patterns());
    REQUIRE(shown);
    CHECK_FALSE(shown->blocks[0].hidden);
    CHECK(shown->blocks[3].hidden);
    CHECK(shown->blocks[3].folded);
}
