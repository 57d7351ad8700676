// Hostile shapes of HTML any crawl meets, through the CLI: each must finish (CTest's timeout
// catches a hang) with its text, never a signal. Nesting past the cap keeps its text.
#include <catch2/catch.hpp>

#include <string>

#include "test_support.h"

using namespace winnow::test;

namespace {

void check_cleaned(const std::string& page) {
    const auto r = run_winnow({"--input", "html"}, page);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find(kSentence) != std::string::npos);
}

}  // namespace

TEST_CASE("hostile html: a million nested divs keep their text", "[hostile]") {
    check_cleaned("<html><body>" + repeated("<div>", 1000000) + "<p>" + kSentence + "</p>" +
                  repeated("</div>", 1000000) + "</body></html>");
}

TEST_CASE("hostile html: a million unclosed <b> after a paragraph", "[hostile]") {
    const std::string page = "<html><body><p>" + kSentence + "</p><p>" + repeated("<b>x", 1000000) + "</p></body></html>";
    check_cleaned(page);
    // The bold run is text too: its x's are all there, in one block.
    const auto explain = run_winnow({"--input", "html", "--explain"}, page);
    CHECK(explain.out.find(std::string(1000000, 'x')) != std::string::npos);
}

TEST_CASE("hostile html: a hundred thousand nested tables", "[hostile]") {
    check_cleaned("<html><body>" + repeated("<table><tr><td>", 100000) + "<p>" + kSentence + "</p></body></html>");
}

TEST_CASE("hostile html: nesting under the cap is left as it is", "[hostile]") {
    // 500 nested <div>s around a paragraph and 500 end tags: the same text as without them.
    const std::string inner = "<p>" + kSentence + "</p>";
    const auto nested = run_winnow({"--input", "html"},
                                   "<html><body>" + repeated("<div>", 500) + inner + repeated("</div>", 500) + "</body></html>");
    const auto flat = run_winnow({"--input", "html"}, "<html><body><div>" + inner + "</div></body></html>");
    CHECK(nested.status == 0);
    CHECK(nested.out.find(kSentence) != std::string::npos);
    CHECK(nested.out == flat.out);
}
