// segment_text: paragraphs from one-per-line text, hard-wrapped text, lists and blank lines.
#include <catch2/catch.hpp>

#include "segment/segment.h"

using namespace winnow;
using namespace winnow::segment;

TEST_CASE("one paragraph per line stays one block per line", "[segment]") {
    const Document d = segment_text(
        "Title of the story\n"
        "First paragraph is a long line that goes on and on well past any terminal width, because the "
        "writer never wrapped it and the editor shows it as one line.\n"
        "Second paragraph.\n");
    REQUIRE(d.blocks.size() == 3);
    CHECK(d.blocks[0].text == "Title of the story");
    CHECK(d.blocks[1].first_line == 2);
    CHECK(d.blocks[2].text == "Second paragraph.");
    CHECK(d.blocks[0].blank_before);
    CHECK_FALSE(d.blocks[1].blank_before);
}

TEST_CASE("hard-wrapped paragraphs are joined, blank lines separate them", "[segment]") {
    const Document d = segment_text(
        "   The committee met on Monday to discuss the budget for the coming year and\n"
        "   agreed that the library would keep its opening hours, despite the cuts that\n"
        "   were announced in the spring.\n"
        "\n"
        "   A second paragraph follows here, wrapped at the same width as the first one\n"
        "   and ending on its own.\n");
    REQUIRE(d.blocks.size() == 2);
    CHECK(d.blocks[0].text ==
          "The committee met on Monday to discuss the budget for the coming year and agreed that the library "
          "would keep its opening hours, despite the cuts that were announced in the spring.");
    CHECK(d.blocks[0].first_line == 1);
    CHECK(d.blocks[0].last_line == 3);
    CHECK(d.blocks[1].first_line == 5);
    CHECK(d.blocks[1].blank_before);
}

TEST_CASE("list items are blocks of their own, wrapped items keep their continuation", "[segment]") {
    const Document d = segment_text(
        "  • Home\n"
        "  • News\n"
        "  • A longer list item that had to be wrapped by the renderer because it did\n"
        "    not fit on one line of the dump at all, and goes on for a while more\n"
        "    until it ends here.\n"
        "     * lynx style item\n");
    REQUIRE(d.blocks.size() == 4);
    CHECK(d.blocks[0].bullet);
    CHECK(d.blocks[0].text == "• Home");
    CHECK(d.blocks[0].indent == 2);
    CHECK(d.blocks[2].last_line == 5);
    CHECK(d.blocks[2].text.ends_with("goes on for a while more until it ends here."));
    CHECK(d.blocks[3].bullet);
}

TEST_CASE("short lines of a menu are not joined even when they look wrapped", "[segment]") {
    const Document d = segment_text("Home\nNews\nSport\nWeather\nContact us\n");
    CHECK(d.blocks.size() == 5);
}

TEST_CASE("CRLF and CR line ends, tabs and trailing spaces", "[segment]") {
    const Document d = segment_text("one\r\ntwo  \rthree\t\n\n");
    REQUIRE(d.blocks.size() == 3);
    CHECK(d.blocks[0].text == "one");
    CHECK(d.blocks[1].text == "two");
    CHECK(d.blocks[2].text == "three");
    CHECK(d.blocks[2].first_line == 3);
}

TEST_CASE("empty and blank input give no blocks", "[segment]") {
    CHECK(segment_text("").blocks.empty());
    CHECK(segment_text("\n\n   \n").blocks.empty());
}
