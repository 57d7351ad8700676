// Writers: JSON string escaping, explain rows and text layout.
#include <catch2/catch.hpp>

#include "write/article.h"
#include "write/date.h"
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

TEST_CASE("a page's date is written as ISO 8601 where it can be read for certain", "[write]") {
    // Timestamps keep their time and zone, in RFC 3339's spelling.
    CHECK(iso_date("2025-09-04T12:50:36+00:00") == "2025-09-04T12:50:36+00:00");
    CHECK(iso_date("2020-04-12T18:00:00-0700") == "2020-04-12T18:00:00-07:00");
    CHECK(iso_date("2011-02-11 23:49:17Z") == "2011-02-11T23:49:17Z");
    CHECK(iso_date("2013-08-22 21:43:53 UTC") == "2013-08-22T21:43:53Z");
    CHECK(iso_date("2025-12-02 08:30:10 -0600") == "2025-12-02T08:30:10-06:00");
    CHECK(iso_date("2022-09-26T21:58:32.947Z") == "2022-09-26T21:58:32.947Z");
    CHECK(iso_date("2025-12-19T11:15:56.0123595191234Z") == "2025-12-19T11:15:56.012359519Z");  // to the nanosecond
    CHECK(iso_date("2023-11-02T10:00") == "2023-11-02T10:00");
    CHECK(iso_date("Updated: 2025-09-13") == "2025-09-13");
    // Written dates, after whatever leads them.
    CHECK(iso_date("Published on: February 14, 2025") == "2025-02-14");
    CHECK(iso_date("on Friday December 19, 2025 @08:00PM") == "2025-12-19");
    CHECK(iso_date("Dec. 19th 2025") == "2025-12-19");
    CHECK(iso_date("Published On: 15 August 2025") == "2025-08-15");
    CHECK(iso_date("20 December, 2025") == "2025-12-20");
    CHECK(iso_date("SEPT 3, 2024") == "2024-09-03");
    CHECK(iso_date("2024 Jun 30") == "2024-06-30");
    CHECK(iso_date("Last Reviewed April 2017") == "2017-04");
    CHECK(iso_date("August 16, 2019 - Updated July 9, 2025") == "2019-08-16");  // the first
    // In the other languages winnow reads: German, French, Spanish, Italian, Dutch, Portuguese, Polish.
    CHECK(iso_date("Veröffentlicht am 5. März 2024, 10:12 Uhr") == "2024-03-05");
    CHECK(iso_date("Stand: 12. Dezember 2025") == "2025-12-12");
    CHECK(iso_date("Publié le 1er février 2024") == "2024-02-01");
    CHECK(iso_date("mis à jour le 3 déc. 2025") == "2025-12-03");
    CHECK(iso_date("Publicado el 5 de marzo de 2024") == "2024-03-05");
    CHECK(iso_date("septiembre de 2023") == "2023-09");
    CHECK(iso_date("Pubblicato il 14 maggio 2025") == "2025-05-14");
    CHECK(iso_date("Gepubliceerd op 5 maart 2024") == "2024-03-05");
    CHECK(iso_date("1º de março de 2022") == "2022-03-01");
    CHECK(iso_date("Opublikowano 5 września 2024 r.") == "2024-09-05");
    CHECK(iso_date("31 kwietnia 2024").empty());  // April has 30 days in every language
    // A month alone gives way to a full date after it.
    CHECK(iso_date("Abschläge für Gas im Dezember 2022 15.11.2022") == "2022-11-15");
    // Numbers, where the day and the month can be told apart.
    CHECK(iso_date("13/11/2025 09:21:40") == "2025-11-13");
    CHECK(iso_date("Updated: 10/31/2024") == "2024-10-31");
    CHECK(iso_date("05.05.2025") == "2025-05-05");
    CHECK(iso_date("2019/1/22") == "2019-01-22");
    // Not for certain: nothing.
    CHECK(iso_date("02-12-2025").empty());       // 2 December or February 12
    CHECK(iso_date("Updated on 09/11/25").empty());  // a two-digit year
    CHECK(iso_date("Dec 10").empty());           // no year
    CHECK(iso_date("February 30, 2025").empty());  // no such day
    CHECK(iso_date("31 April 2024").empty());      // nor the month alone then
    CHECK(iso_date("2025-02-29").empty());
    CHECK(iso_date("2024-02-29") == "2024-02-29");
    CHECK(iso_date("Mayday 2020").empty());      // a word that begins with a month
    CHECK(iso_date("posted 6 years ago").empty());
    CHECK(iso_date("").empty());
}

TEST_CASE("the assembled article carries its dateline as an ISO date, or as found", "[write]") {
    Document d;
    Block line;
    line.text = "Published on July 18, 2025";
    d.blocks.push_back(line);
    Labels labels(1);
    labels[0].label = Label::Date;
    labels[0].value = line.text;
    CHECK(assemble(d, labels).date == "2025-07-18");
    labels[0].value = "Updated on 09/11/25";
    CHECK(assemble(d, labels).date == "Updated on 09/11/25");
}
