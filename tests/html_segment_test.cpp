// The HTML segmenter as a user's page meets it: whitespace rules, block kinds, DOM features,
// visibility, the pre-pass and metadata.
#include <catch2/catch.hpp>
#include <gumbo.h>

#include <set>
#include <string>
#include <vector>

#include "segment/html_metadata.h"
#include "segment/html_names.h"
#include "segment/html_prepass.h"
#include "segment/segment.h"

using namespace winnow;
using namespace winnow::segment;

namespace {

std::vector<std::string> texts(const Document& document) {
    std::vector<std::string> out;
    for (const Block& block : document.blocks) out.push_back(block.text);
    return out;
}

const Block* find_block(const Document& document, const std::string& text) {
    for (const Block& block : document.blocks) {
        if (block.text == text) return &block;
    }
    return nullptr;
}

// The class/id/role tokens of the elements around a block, outermost first (<html> and <body>
// left out, as the region scorer leaves them out).
std::string ancestor_hints(const Document& document, const Block& block) {
    std::vector<std::string_view> chain;
    for (std::size_t c = block.container; c < document.containers.size(); c = document.containers[c].parent) {
        const Container& container = document.containers[c];
        if (container.tag != "html" && container.tag != "body" && !container.hints.empty()) chain.push_back(container.hints);
    }
    std::string hints;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) hints += (hints.empty() ? "" : " ") + std::string(*it);
    return hints;
}

// The pre-pass output with its held runs put back: what Gumbo's tree will read as.
std::string restored(const PrepassResult& r) {
    std::string scratch;
    return std::string(r.held.restore(r.html, scratch));
}

}  // namespace

TEST_CASE("inline elements never glue words, block boundaries always separate", "[html]") {
    const Document d = segment_html(
        "<html><body>"
        "<p><span>alpha</span><span>beta</span></p>"
        "<p>Hel<b>lo</b> wor<i>ld</i>, again</p>"
        "<p><a href=\"/a\">Home</a><a href=\"/b\">News</a></p>"
        "<div>one<div>two</div>three</div>"
        "<p>x&nbsp;&nbsp;y\n\t z</p>"
        "</body></html>");
    CHECK(texts(d) == std::vector<std::string>{"alpha beta", "Hello world, again", "Home News", "one", "two", "three",
                                               "x y z"});
    CHECK(d.from_html);
    CHECK(d.blocks.front().first_line == 1);
    CHECK(d.blocks.back().first_line == d.blocks.size());
}

TEST_CASE("inline markup is kept as spans over the block text", "[html]") {
    HtmlOptions options;
    options.keep_links = true;
    const Document d = segment_html("<p>a <em>b <b>c</b></em> <a href=\"/x\">d</a><i></i></p>", options);
    REQUIRE(d.blocks.size() == 1);
    CHECK(d.blocks[0].text == "a b c d");
    REQUIRE(d.blocks[0].spans.size() == 3);
    CHECK(d.blocks[0].spans[0].kind == InlineKind::Emphasis);
    CHECK(d.blocks[0].text.substr(d.blocks[0].spans[0].begin, d.blocks[0].spans[0].end - d.blocks[0].spans[0].begin) == "b c");
    CHECK(d.blocks[0].spans[1].kind == InlineKind::Strong);
    CHECK(d.blocks[0].spans[1].begin == 4);
    CHECK(d.blocks[0].spans[2].kind == InlineKind::Link);
    CHECK(d.blocks[0].spans[2].target == "/x");
    CHECK(segment_html("<p><a href=\"/x\">d</a></p>").blocks[0].spans[0].target.empty());  // not kept by default
}

TEST_CASE("a single <br> is a soft break, two are a paragraph break", "[html]") {
    const Document d = segment_html("<body><p>first line<br>second line<br><br>new paragraph</p></body>");
    REQUIRE(texts(d) == std::vector<std::string>{"first line", "second line", "new paragraph"});
    CHECK(d.blocks[0].blank_before);
    CHECK_FALSE(d.blocks[1].blank_before);
    CHECK_FALSE(d.blocks[0].blank_after);
    CHECK(d.blocks[2].blank_before);
}

TEST_CASE("block kinds follow the element around the text", "[html]") {
    const Document d = segment_html(
        "<body><h2>Section</h2><ul><li>item one</li></ul><blockquote><p>quoted words</p></blockquote>"
        "<table><tr><td>cell</td></tr></table><figure><figcaption>a caption</figcaption></figure>"
        "<pre>line 1\n  line 2</pre></body>");
    REQUIRE(find_block(d, "Section") != nullptr);
    CHECK(find_block(d, "Section")->kind == BlockKind::Heading);
    CHECK(find_block(d, "Section")->heading_level == 2);
    REQUIRE(find_block(d, "item one") != nullptr);
    CHECK(find_block(d, "item one")->kind == BlockKind::ListItem);
    CHECK(find_block(d, "item one")->bullet);
    CHECK(find_block(d, "quoted words")->kind == BlockKind::Quote);
    CHECK(find_block(d, "cell")->kind == BlockKind::TableCell);
    CHECK(find_block(d, "a caption")->kind == BlockKind::Caption);
    REQUIRE(find_block(d, "  line 2") != nullptr);  // preformatted text keeps its indentation
    CHECK(find_block(d, "  line 2")->kind == BlockKind::Preformatted);
    CHECK(find_block(d, "line 1")->kind == BlockKind::Preformatted);
}

TEST_CASE("a data row is one block with its cells joined, a layout row is not", "[html]") {
    const Document d = segment_html(
        "<body><table><tr><th>Use</th><th>Width</th><td></td></tr><tr><td>Road <b>racing</b></td><td>25 mm</td></tr>"
        "<tr><td><p>layout cell</p></td><td>side</td></tr></table></body>");
    CHECK(texts(d) == std::vector<std::string>{"Use | Width", "Road racing | 25 mm", "layout cell", "side"});
    CHECK(d.blocks[0].kind == BlockKind::TableCell);
    CHECK(d.blocks[1].kind == BlockKind::TableCell);
    CHECK(d.blocks[2].kind == BlockKind::Paragraph);
}

TEST_CASE("a block all inside <label>s, <legend>s or ARIA options is marked as a control's caption, one with other text is not", "[html]") {
    const Document d = segment_html(
        "<body><div><label for=\"a\">Knee High</label></div><div><label>Wool</label> <label>blend</label></div>"
        "<p>Pick a size: <label>Large</label></p><label><div>Terms and conditions apply</div></label>"
        "<div role=\"listbox\"><div role=\"Option\">Director</div><div role=\"presentation\">Manager</div></div>"
        "<fieldset><legend>Sock height</legend></fieldset></body>");
    REQUIRE(texts(d) == std::vector<std::string>{"Knee High", "Wool blend", "Pick a size: Large", "Terms and conditions apply",
                                                 "Director", "Manager", "Sock height"});
    CHECK(d.blocks[4].label);
    CHECK_FALSE(d.blocks[5].label);
    CHECK(d.blocks[6].label);

    // An unclosed <label> takes in the article after it (Gumbo nests it there): a label that
    // holds paragraphs is no caption; a short one beside it still is.
    const std::string paragraph = "The council met on Tuesday and agreed to fund the first phase of the new bridge. ";
    const Document runaway = segment_html("<body><div><label>Search</label><input></div><div><label>Remember me<p>" +
                                          paragraph + paragraph + "</p><p>" + paragraph + paragraph + "</p><p>" + paragraph +
                                          paragraph + "</p></div></body>");
    REQUIRE(runaway.blocks.size() == 5);
    CHECK(runaway.blocks[0].label);
    for (std::size_t i = 1; i < runaway.blocks.size(); ++i) CHECK_FALSE(runaway.blocks[i].label);
    CHECK(d.blocks[0].label);
    CHECK(d.blocks[1].label);   // two labels, the space between them is not counted
    CHECK_FALSE(d.blocks[2].label);
    CHECK(d.blocks[3].label);   // a block element inside the label
}

TEST_CASE("a long camelCase name gives its last word as a token of its own", "[html]") {
    const Document d = segment_html(
        "<body><div id=\"iPushNotificationsPromptPopover\"><p>allow</p></div><div id=\"pushPromptPopover\"><p>short</p>"
        "</div></body>");
    REQUIRE(d.blocks.size() == 2);
    CHECK(ancestor_hints(d, d.blocks[0]) == "i-push-notifications-prompt-popover popover");
    CHECK(ancestor_hints(d, d.blocks[1]) == "push-prompt-popover");  // three parts: no slug, matched as it is
}

TEST_CASE("blocks carry tag path and link density, their elements the DOM hints", "[html]") {
    const Document d = segment_html(
        "<body class=\"has-sidebar\"><nav id=\"mainMenu\"><ul><li><a href=\"/\">Home</a></li></ul></nav>"
        "<article class=\"post entry-content\"><p>Plain words and <a href=\"/x\">a link</a></p></article></body>");
    const Block* home = find_block(d, "Home");
    REQUIRE(home != nullptr);
    CHECK(home->tag_path == "html>body>nav>ul>li");
    CHECK(ancestor_hints(d, *home) == "main-menu nav");  // camelCase split
    CHECK(home->link_density == Approx(1.0));
    const Block* prose = find_block(d, "Plain words and a link");
    REQUIRE(prose != nullptr);
    CHECK(ancestor_hints(d, *prose) == "post entry-content");
    CHECK(prose->link_density == Approx(5.0 / 18.0));  // spaces are not counted
    CHECK(prose->text_chars == 18);
    // Containers: the chain from the block up to <html>.
    REQUIRE(prose->container < d.containers.size());
    const Container& p = d.containers[prose->container];
    CHECK(p.tag == "p");
    REQUIRE(p.parent < d.containers.size());
    CHECK(d.containers[p.parent].tag == "article");
    CHECK(d.containers[p.parent].hints == "post entry-content");
    CHECK(d.containers[0].tag == "html");
}

TEST_CASE("the page's own header is its banner, an article's or a section's header is not", "[html]") {
    const Document d = segment_html(
        "<body><header class=\"top\"><div><p>Products for every team</p></div></header><main><article><header>"
        "<h1>Rain in Spain</h1></header><p>Plain words.</p></article><section><header><p>Section intro</p></header>"
        "</section></main></body>");
    auto header_hints = [&](const char* text) {
        const Block* block = find_block(d, text);
        REQUIRE(block != nullptr);
        std::size_t c = block->container;
        while (c < d.containers.size() && d.containers[c].tag != "header") c = d.containers[c].parent;
        REQUIRE(c < d.containers.size());
        return std::make_pair(d.containers[c].hints, ancestor_hints(d, *block));
    };
    const auto [page_header, page_block] = header_hints("Products for every team");
    CHECK(page_header == "top header banner");
    CHECK(page_block == "top header banner");
    CHECK(header_hints("Rain in Spain").first == "header");
    CHECK(header_hints("Section intro").first == "header");
}

TEST_CASE("hidden elements are marked, javascript links are no links", "[html]") {
    const Document d = segment_html(
        "<body><div style=\"display: NONE\"><p>styled away</p></div><p hidden>attribute</p>"
        "<div aria-hidden=\"true\">aria</div><p>shown <a href=\"javascript:void(0)\">toggle</a></p></body>");
    REQUIRE(d.blocks.size() == 4);
    CHECK(d.blocks[0].hidden);
    CHECK(d.blocks[1].hidden);
    CHECK(d.blocks[2].hidden);
    CHECK_FALSE(d.blocks[3].hidden);
    CHECK(d.blocks[3].link_density == 0.0);
}

TEST_CASE("a form with a control a reader sees is marked, a form that only wraps text is not", "[html]") {
    const Document d = segment_html(
        "<body><form class=\"usertext\"><input type=\"hidden\" name=\"thing_id\" value=\"t1\">"
        "<div class=\"md\"><p>a comment wrapped in a form</p></div><div style=\"display: none\"><textarea></textarea>"
        "<button>save</button></div></form>"
        "<form action=\"/reply\"><p>reply box</p><textarea name=\"body\"></textarea></form>"
        "<form><p>search</p><INPUT TYPE=\"search\"></form>"
        "<form><p>a picker</p><select><option>one</option></select></form></body>");
    const auto form_of = [&](const std::string& text) {
        const Block* b = find_block(d, text);
        REQUIRE(b != nullptr);
        std::size_t c = b->container;
        while (c != Container::npos && d.containers[c].tag != "form") c = d.containers[c].parent;
        REQUIRE(c != Container::npos);
        return d.containers[c];
    };
    CHECK_FALSE(form_of("a comment wrapped in a form").controls);
    CHECK(form_of("reply box").controls);
    CHECK(form_of("search").controls);
    CHECK(form_of("a picker").controls);
}

TEST_CASE("a hidden disclosure panel is folded, unless something else hides it too", "[html]") {
    // An accordion's answer, a tab's panel (by role or by class) and a FAQ answer are folded; a
    // hidden dialog is not, nor is a panel inside it.
    const Document d = segment_html(
        "<body><div class=\"accordion-item\"><div class=\"accordion-body\" style=\"display:none\">answer one</div></div>"
        "<div role=\"tabpanel\" hidden>second tab</div><div class=\"tab-pane\" aria-hidden=\"true\">third tab</div>"
        "<div class=\"faq-answer\" hidden>faq answer</div><div class=\"modal\" hidden><p>in a dialog</p>"
        "<div role=\"region\" hidden>panel in a dialog</div></div><p>shown</p></body>");
    REQUIRE(d.blocks.size() == 7);
    for (std::size_t i = 0; i < 4; ++i) {
        INFO(d.blocks[i].text);
        CHECK(d.blocks[i].hidden);
        CHECK(d.blocks[i].folded);
    }
    CHECK(d.blocks[4].hidden);
    CHECK_FALSE(d.blocks[4].folded);
    CHECK(d.blocks[5].hidden);
    CHECK_FALSE(d.blocks[5].folded);
    CHECK_FALSE(d.blocks[6].hidden);
    CHECK_FALSE(d.blocks[6].folded);
}

TEST_CASE("Bootstrap's d-none hides an element unless a breakpoint class shows it", "[html]") {
    const Document d = segment_html(
        "<body><div class=\"comment-date d-none\">2019-03-26 16:40:42Z</div><div class=\"d-none d-md-block\">wide "
        "screens</div><div class=\"d-nonesuch\">not the class</div></body>");
    REQUIRE(d.blocks.size() == 3);
    CHECK(d.blocks[0].hidden);
    CHECK_FALSE(d.blocks[1].hidden);
    CHECK_FALSE(d.blocks[2].hidden);
}

TEST_CASE("an svg is dropped through its end tag, or where a browser leaves it open", "[html]") {
    // An icon left open inside a link: a browser leaves the svg at </a> and at the HTML that
    // follows; the rest of the page is not inside it.
    const Document open = segment_html(
        "<body><ul><li><a href=\"#\"><svg width=\"18\"></a><ul><li>Choose a language</li></ul></li></ul>"
        "<main><p>After the icon comes the page itself.</p></main></body>");
    CHECK(texts(open) == std::vector<std::string>{"Choose a language", "After the icon comes the page itself."});
    // A closed one goes whole, its text, its links and the HTML in its <desc> with it; a nested svg
    // does not close it early.
    const Document closed = segment_html(
        "<body><p>Before.</p><svg><a href=\"/x\"><g><text>Label</text></g></a><desc><p>Description <a href=\"/y\">"
        "link</a></p></desc><svg><path d=\"M0\"/></svg><text>More</text></svg><p>After.</p></body>");
    CHECK(texts(closed) == std::vector<std::string>{"Before.", "After."});
}

TEST_CASE("MathML is read as text, without its TeX annotation", "[html]") {
    const Document d = segment_html(
        "<body><p>When <math><semantics><mrow><mi>a</mi><mo>&#x2260;</mo><mn>0</mn></mrow>"
        "<annotation encoding=\"application/x-tex\">a \\ne 0</annotation></semantics></math>, stop.</p></body>");
    CHECK(texts(d) == std::vector<std::string>{"When a \xE2\x89\xA0 0, stop."});
}

TEST_CASE("script, style, svg, template and comments never reach the text", "[html]") {
    const Document d = segment_html(
        "<html><head><style>p { color: red }</style><script>var x = '<p>not text</p>';</script></head><body>"
        "<!-- <p>commented</p> --><svg viewBox=\"0 0 1 1\"><text>icon</text></svg><svg/>"
        "<template><p>later</p></template><noscript><p>enable js</p></noscript><p>visible</p></body></html>");
    CHECK(texts(d) == std::vector<std::string>{"visible"});
}

TEST_CASE("the pre-pass keeps what later stages read and drops the rest", "[html]") {
    const PrepassResult r = strip_inert_markup(
        "<html lang=\"de\"><head><title>a <script> title</title>"
        "<script type=\"application/ld+json\">{\"headline\": \"H\"}</script></head>"
        "<body><img src=\"data:image/png;base64,AAAA\" alt=\"x\"><a href=\"https://example.org/very/long\" "
        "onclick=\"go()\" class=\"btn\" data-track='{\"a\":1}'>go</a><div style=\"display:none\" "
        "title=\"t\">h</div><div style=\"color: red\">v</div></body></html>");
    CHECK(r.json_ld == std::vector<std::string>{"{\"headline\": \"H\"}"});
    CHECK(restored(r).find("<html lang=\"de\">") != std::string::npos);
    CHECK(restored(r).find("<title>a <script> title</title>") != std::string::npos);
    CHECK(restored(r).find("<img>") != std::string::npos);
    CHECK(restored(r).find("<a href=\"h\" class=\"btn\">go</a>") != std::string::npos);
    CHECK(restored(r).find("<div style=\"display:none\">h</div>") != std::string::npos);
    CHECK(restored(r).find("<div>v</div>") != std::string::npos);
}

TEST_CASE("the pre-pass collapses whitespace except in <pre> and keeps only the canonical link", "[html]") {
    const PrepassResult r = strip_inert_markup(
        "<head><link rel=\"stylesheet\" href=\"/a.css\"><link rel=\"canonical\" href=\"https://x.example/\"></head>"
        "<body><p>a  \n\n   b\t\tc</p><pre>  x\n\n    y</pre><p>d    e</p></body>");
    CHECK(restored(r).find("a.css") == std::string::npos);
    CHECK(restored(r).find("<link rel=\"canonical\" href=\"https://x.example/\">") != std::string::npos);
    CHECK(restored(r).find("<p>a\nb\tc</p>") != std::string::npos);
    CHECK(restored(r).find("<pre>  x\n\n    y</pre>") != std::string::npos);
    CHECK(restored(r).find("<p>d e</p>") != std::string::npos);
}

TEST_CASE("the pre-pass holds text runs and read attribute values aside and the walker puts them back", "[html]") {
    const std::string sentence = "A sentence held aside by the pre-pass";
    const PrepassResult r = strip_inert_markup("<body><p class=\"story-body\">" + sentence + "</p><p>x</p></body>");
    CHECK(r.html.find(sentence) == std::string::npos);  // Gumbo sees one placeholder character
    CHECK(restored(r).find(sentence) != std::string::npos);
    CHECK(r.html.find("story-body") == std::string::npos);
    CHECK(r.html.find("<p>x</p>") != std::string::npos);  // a single character is not worth holding
    CHECK_FALSE(r.held.empty());
    std::string scratch;
    const std::size_t p = r.html.find("\">") + 2;
    CHECK(r.held.restore(std::string_view(r.html).substr(p, r.html.find("</p>") - p), scratch) == sentence);

    // What the tree builder does with text is unchanged: character references are decoded,
    // stray text in a table moves before it, <pre> loses the newline after its start tag, and
    // runs merged by an ignored tag come back whole.
    const Document d = segment_html(
        "<html><head><title>Title &amp; more of the title text</title></head><body>"
        "<p>Fish &amp; chips &amp;c. served at AT&T Park &#8217;n&nbsp;more&copy</p>"
        "<table><tr>Text outside the cells<td>a cell</td></tr></table>"
        "<pre>\nfirst line of the preformatted text\n  second line, indented</pre>"
        "<p>Before an ignored end tag</span>and after it</p>"
        "<div class=\"byline\" id=\"by\"><span itemprop=\"author\">Jo Doe</span></div>"
        "</body></html>");
    CHECK(texts(d) == std::vector<std::string>{"Fish & chips &c. served at AT&T Park \u2019n more\u00a9",
                                               "Text outside the cells", "a cell", "first line of the preformatted text",
                                               "  second line, indented", "Before an ignored end tagand after it",
                                               "Jo Doe"});
    CHECK(d.meta.title == "Title & more of the title text");
    CHECK(ancestor_hints(d, d.blocks.back()) == "byline by");
}

TEST_CASE("a page that already uses the placeholder planes is passed through whole", "[html]") {
    const std::string odd = "Private use \xF3\xB0\x80\x81 character of plane 15";
    const PrepassResult r = strip_inert_markup("<p class=\"a-class\">" + odd + "</p><p>another run</p>");
    CHECK(r.held.empty());
    const Document d = segment_html("<p>" + odd + "</p><p>another run</p>");
    CHECK(texts(d) == std::vector<std::string>{odd, "another run"});
}

TEST_CASE("the pre-pass drops scripts and styles whole and whitespace only beside block tags", "[html]") {
    const PrepassResult r = strip_inert_markup(
        "<body>\n<div>\n  <span>one</span> <span>two</span><script src=\"x.js\">f()</script>\n</div>\n"
        "<style>p{}</style><p>three</p></body>");
    CHECK(restored(r).find("script") == std::string::npos);
    CHECK(restored(r).find("style") == std::string::npos);
    CHECK(restored(r).find("<body><div><span>") != std::string::npos);
    CHECK(restored(r).find("</span> <span>") != std::string::npos);
    CHECK(restored(r).find("</span>\n</div><p>") != std::string::npos);
    const Document d = segment_html(restored(r));
    CHECK(texts(d) == std::vector<std::string>{"one two", "three"});
}

TEST_CASE("metadata from meta tags, JSON-LD, <title> and <h1>", "[html]") {
    const Document d = segment_html(
        "<html lang=\"en-GB\"><head><title>Rain returns to the valley | Valley News</title>"
        "<meta name=\"description\" content=\"What the rain means.\">"
        "<link rel=\"canonical\" href=\"https://news.example/rain\">"
        "<meta property=\"og:site_name\" content=\"Valley News\">"
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":"
        "\"NewsArticle\",\"author\":[{\"@type\":\"Person\",\"name\":\"Ana Ruiz\"}],\"datePublished\":"
        "\"2024-03-01T08:00:00Z\",\"headline\":\"Rain returns to the valley\"}]}</script>"
        "</head><body><h1>Rain returns to the valley</h1><p>Text.</p></body></html>");
    CHECK(d.meta.title == "Rain returns to the valley");
    CHECK(d.meta.author == "Ana Ruiz");
    CHECK(d.meta.date == "2024-03-01T08:00:00Z");
    CHECK(d.meta.site_name == "Valley News");
    CHECK(d.meta.language == "en-GB");
    CHECK(d.meta.canonical_url == "https://news.example/rain");
    CHECK(d.meta.description == "What the rain means.");
}

TEST_CASE("microdata types come from itemtype attributes, after JSON-LD's", "[html]") {
    const Document d = segment_html(
        "<html itemscope itemtype=\"http://schema.org/Blog\"><head>"
        "<script type=\"application/ld+json\">{\"@type\":\"WebPage\"}</script>"
        "<script>var t = '<div itemtype=\"https://schema.org/Recipe\">';</script></head><body>"
        // the old scan read a window of bytes after "schema.org/": this link's path gave "b"
        "<div ITEMTYPE='https://schema.org/Product'><a href=\"/a/b\">Mug</a>"
        "<span itemscope itemtype=\"https://schema.org/Offer https://schema.org/Demand\">$5</span>"
        "<span itemtype=\"https://schema.org/Offer\" data-itemtype=\"https://schema.org/Event\">$6</span>"
        "<p itemtype=\"https://example.org/Thing\">Text.</p></div></body></html>");
    CHECK(d.meta.schema_types == "WebPage Blog Product Offer Demand");
}

TEST_CASE("JSON-LD: a thread's opening post and a question give the author and date, a page object only its date", "[html]") {
    const auto ld = [](const std::string& json, const std::string& head = "") {
        return segment_html("<html><head>" + head + "<script type=\"application/ld+json\">" + json +
                            "</script></head><body><p>Text.</p></body></html>")
            .meta;
    };
    const Metadata thread = ld(R"({"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"Range?",)"
                               R"("author":{"@type":"Person","name":"riverwatcher"},"datePublished":"2024-04-12T13:23:57-04:00"})");
    CHECK(thread.author == "riverwatcher");
    CHECK(thread.date == "2024-04-12T13:23:57-04:00");
    // A Q&A page's question, under mainEntity, gives when it was asked.
    const Metadata question = ld(R"({"@type":"QAPage","mainEntity":{"@type":"Question","name":"Why?",)"
                                 R"("author":{"@type":"Person","name":"ana"},"dateCreated":"2019-03-28T10:00:00Z"}})");
    CHECK(question.author == "ana");
    CHECK(question.date == "2019-03-28T10:00:00Z");
    // A WebPage's date stands for the page's when nothing else gives one...
    const std::string graph = R"({"@graph":[{"@type":"WebPage","name":"Apps compared","datePublished":"2024-03-17T19:47:39+00:00",)"
                              R"("author":{"name":"Site Team"}},{"@type":"WebSite","name":"Krio"}]})";
    const Metadata page = ld(graph);
    CHECK(page.date == "2024-03-17T19:47:39+00:00");
    CHECK(page.author.empty());  // a page object gives its date, nothing else
    // ...and gives way to an article's date or the head's published time.
    CHECK(ld(graph, R"(<meta property="article:published_time" content="2024-03-18">)").date == "2024-03-18");
    const std::string both = R"({"@graph":[{"@type":"WebPage","datePublished":"2024-03-17"},)"
                             R"({"@type":"BlogPosting","datePublished":"2024-03-16","author":"Kim"}]})";
    CHECK(ld(both).date == "2024-03-16");
    CHECK(ld(both).author == "Kim");
}

TEST_CASE("the title loses its site suffix only when what remains reads as a title", "[html]") {
    const Document suffixed = segment_html("<title>How we built a bridge in ten days - Builders Weekly</title>");
    CHECK(suffixed.meta.title == "How we built a bridge in ten days");
    const Document short_parts = segment_html("<title>Home - Acme</title>");
    CHECK(short_parts.meta.title == "Home - Acme");
    const Document og = segment_html("<meta property=\"og:title\" content=\"Declared title\"><title>Other</title>");
    CHECK(og.meta.title == "Declared title");
}

TEST_CASE("the title loses the parts that name the site, and is the headline when that is one of its parts", "[html]") {
    // The site's name, as its og:site_name gives it, however often and in whatever case.
    const Document twice = segment_html(
        "<meta property=\"og:site_name\" content=\"Artlyst\"><title>Best UK Art Exhibitions 2025 \xE2\x80\x93 Artlyst - "
        "ARTLYST</title>");
    CHECK(twice.meta.title == "Best UK Art Exhibitions 2025");
    const Document first = segment_html(
        "<meta property=\"og:site_name\" content=\"Harbour Gazette\"><title>Harbour Gazette | Storm closes the port</title>");
    CHECK(first.meta.title == "Storm closes the port");
    // Then the section's name goes as any short part after a title does.
    const Document section = segment_html(
        "<meta property=\"og:site_name\" content=\"Android Developers\"><title>Build your first app | Get started | "
        "Android Developers</title>");
    CHECK(section.meta.title == "Build your first app");
    // The JSON-LD headline, when it is a run of the parts, is the title, though the rest is long.
    const Document headline = segment_html(
        "<meta property=\"og:title\" content=\"For Hire Livery Insurance - Cover for taxi, limousine and private hire "
        "drivers across the state\"><script "
        "type=\"application/ld+json\">{\"@type\":\"Article\",\"headline\":\"For Hire Livery Insurance\"}</script>");
    CHECK(headline.meta.title == "For Hire Livery Insurance");
    // A title that is the site's name alone stays.
    const Document only = segment_html("<meta property=\"og:site_name\" content=\"Acme\"><title>Acme</title>");
    CHECK(only.meta.title == "Acme");
}

TEST_CASE("a JSON-LD headline unlike the page title is a type name, not the title", "[html]") {
    const Document d = segment_html(
        "<title>List of films featuring time loops - Wikipedia</title><script type=\"application/ld+json\">"
        "{\"@type\":\"Article\",\"headline\":\"Wikimedia list article\"}</script>");
    CHECK(d.meta.title == "List of films featuring time loops");
}

TEST_CASE("without declared metadata the author comes from a byline element", "[html]") {
    const Document d = segment_html("<body><article><p class=\"byline\">By <a rel=\"author\" href=\"/a\">Erin "
                                    "Cunningham</a></p><p>Text.</p></article></body>");
    CHECK(d.meta.author == "Erin Cunningham");
    const Document timed = segment_html("<p>Posted <time datetime=\"2023-11-02T10:00\">Nov 2</time></p>");
    CHECK(timed.meta.date == "2023-11-02T10:00");
    const Document declared = segment_html("<meta name=\"author\" content=\"Ana Ruiz\"><p class=\"byline\">Someone</p>");
    CHECK(declared.meta.author == "Ana Ruiz");
}

TEST_CASE("an author's name loses the byline's lead word and what a separator adds after it", "[html]") {
    CHECK(author_name("  By  Hunter Dukes ") == "Hunter Dukes");
    CHECK(author_name("David Jackson - FullStack Editorial Team") == "David Jackson");
    CHECK(author_name("Haley Hoekstra \xE2\x80\xA2 March 12, 2025") == "Haley Hoekstra");
    CHECK(author_name("Ben Applebaum-Bauch \xE2\x8B\x85 Review Editor") == "Ben Applebaum-Bauch");
    CHECK(author_name("par Claire Dupont | Le Journal") == "Claire Dupont");
    // A list of names, and a hyphenated name, are names.
    CHECK(author_name("Rui Ma, Heba Ledwon & Suparn Patra") == "Rui Ma, Heba Ledwon & Suparn Patra");
    CHECK(author_name("Jean-Luc Picard") == "Jean-Luc Picard");
    const Document declared = segment_html("<meta name=\"author\" content=\"Jon Foster - 2025-09-13\">");
    CHECK(declared.meta.author == "Jon Foster");
}

TEST_CASE("looks_like_html tells markup from text", "[html]") {
    CHECK(looks_like_html("<!DOCTYPE html><html><body>x</body></html>"));
    CHECK(looks_like_html("\xEF\xBB\xBF  <html>"));
    CHECK(looks_like_html("<div class=a>text</div>"));
    CHECK(looks_like_html("Some text first\n<html><body><div><p>para</p><br></div></body></html>"));
    CHECK_FALSE(looks_like_html("Just a line of text.\nAnd another one with a < sign."));
    CHECK_FALSE(looks_like_html("if (a < b) { return; }"));
}

TEST_CASE("deeply nested and broken markup is walked without recursion", "[html]") {
    std::string html = "<body>";
    for (int i = 0; i < 5000; ++i) html += "<div>";
    html += "deep text";
    html += "<p>unclosed <b>bold <i>both</p> after";
    const Document d = segment_html(html);
    CHECK(find_block(d, "deep text") != nullptr);
    CHECK(find_block(d, "unclosed bold both") != nullptr);
    CHECK(find_block(d, "after") != nullptr);
    CHECK(segment_html("").blocks.empty());
    CHECK(segment_html("<<<>>>&&&").blocks.size() == 1);
}

TEST_CASE("html names: every element the walk skips is one Gumbo knows, and each attribute is listed once") {
    for (const html_names::Element& element : html_names::kElements) {
        INFO(element.name);
        CHECK(gumbo_tag_enum(std::string(element.name).c_str()) != GUMBO_TAG_UNKNOWN);
    }
    std::set<std::string_view> names;
    for (const html_names::AttributeName& attribute : html_names::kAttributes) CHECK(names.insert(attribute.name).second);
    CHECK(names.size() == static_cast<std::size_t>(html_names::Attribute::Count));
}

TEST_CASE("html names: the attributes the walk reads come first") {
    bool walked = true;
    for (const html_names::AttributeName& attribute : html_names::kAttributes) {
        if (!attribute.walked) walked = false;
        CHECK((attribute.walked == walked));
    }
}
