// The Markdown writer on a segmented page: headings, lists, tables, code blocks and quotes.
#include <catch2/catch.hpp>

#include <string>

#include "segment/segment.h"
#include "write/markdown.h"

using namespace winnow;
using namespace winnow::segment;
using namespace winnow::write;

namespace {

// Every block of the page as content, so the writer alone is under test.
std::string markdown_of(const std::string& html, const std::string& title, bool links = false) {
    HtmlOptions segment_options;
    segment_options.keep_links = links;
    const Document document = segment_html(html, segment_options);
    Article article;
    article.title = title;
    for (std::size_t i = 0; i < document.blocks.size(); ++i) article.body.push_back(i);
    std::string out;
    MarkdownOptions options;
    options.links = links;
    write_markdown(out, document, article, options);
    return out;
}

}  // namespace

TEST_CASE("markdown keeps headings, lists, tables, code and quotes", "[html]") {
    const std::string md = markdown_of(
        "<body><h2>Setup</h2><p>Install it with *care*:</p><ul><li>one</li><li>two</li></ul>"
        "<table><tr><th>Name</th><th>Size</th></tr><tr><td>a_b</td><td>1</td></tr></table>"
        "<pre>make\n  make install</pre><blockquote><p>Quoted.</p></blockquote><p>1. Not a list</p></body>",
        "A [title]");
    CHECK(md ==
          "# A \\[title\\]\n"
          "\n## Setup\n"
          "\nInstall it with \\*care\\*:\n"
          "\n- one\n- two\n"
          "\n| Name | Size |\n| --- | --- |\n| a\\_b | 1 |\n"
          "\n```\nmake\n  make install\n```\n"
          "\n> Quoted.\n"
          "\n1\\. Not a list\n");
}

TEST_CASE("markdown of an empty article is only its title", "[html]") {
    CHECK(markdown_of("<body></body>", "Title") == "# Title\n");
    CHECK(markdown_of("<body></body>", "").empty());
}

TEST_CASE("markdown keeps emphasis, strong and code inline, and links when asked", "[html]") {
    const std::string html =
        "<body><p>Use <code>make_all</code> with <em>great</em> care, <strong>not <em>fast</em></strong>; "
        "see <a href=\"https://example.org/a b\">the guide</a>.</p><ul><li><b>Bold</b> item</li></ul></body>";
    CHECK(markdown_of(html, "") ==
          "\nUse `make_all` with *great* care, **not *fast***; see the guide.\n\n- **Bold** item\n");
    CHECK(markdown_of(html, "", true) ==
          "\nUse `make_all` with *great* care, **not *fast***; see [the guide](https://example.org/a%20b).\n"
          "\n- **Bold** item\n");
}

TEST_CASE("a code block keeps the empty lines between its lines", "[write][markdown][html]") {
    // Two empty lines between functions (one of them after an inline element), none carried into
    // the next listing, and none before a listing's first line.
    const std::string md = markdown_of(
        "<body><pre>\ndef f():\n    return <b>1</b>\n\n\ndef g():\n    pass\n\n</pre><p>Between.</p>"
        "<pre>x = 1\r\n\r\ny = 2</pre></body>",
        "Code");
    CHECK(md ==
          "# Code\n"
          "\n```\ndef f():\n    return 1\n\n\ndef g():\n    pass\n```\n"
          "\nBetween.\n"
          "\n```\nx = 1\n\ny = 2\n```\n");
}
