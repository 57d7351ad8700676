// Writers: JSON string escaping, explain rows and text layout.
#include <catch2/catch.hpp>

#include "write/json_string.h"
#include "write/write.h"

using namespace winnow;
using namespace winnow::write;

TEST_CASE("JSON strings escape quotes, backslashes, controls and line separators", "[write]") {
    std::string out;
    append_json_string(out, "a\"b\\c\nd\te\x01" "f\xE2\x80\xA8g é");
    CHECK(out == "\"a\\\"b\\\\c\\nd\\te\\u0001f\\u2028g é\"");
}

TEST_CASE("explain rows show line ranges and keep fields free of tabs", "[write]") {
    Document d;
    Block b;
    b.text = "a\tb";
    b.first_line = 3;
    b.last_line = 5;
    d.blocks.push_back(b);
    Labels l{Decision{Label::Noise, Category::Cookie, "pattern \"x\"", ""}};
    std::string out;
    write_explain(out, d, l);
    CHECK(out == "3-5\tnoise\tcookie\tpattern \"x\"\ta b\n");
}

TEST_CASE("text output: title first, then one paragraph per line", "[write]") {
    Document d;
    for (const char* t : {"Head", "Para one.", "• item"}) {
        Block b;
        b.text = t;
        d.blocks.push_back(b);
    }
    d.blocks[2].bullet = true;
    d.blocks[2].indent = 2;
    d.blocks[2].marker_length = std::string_view("• ").size();
    Labels l{Decision{Label::Title, Category::None, "", "Head"}, Decision{}, Decision{}};
    const Article a = assemble(d, l);
    std::string out;
    write_text(out, d, a);
    CHECK(out == "Head\nPara one.\nitem\n");  // a list item is a line of its own, its marker dropped
}
