// Pattern files: normalisation, anchors, matcher priorities, stopwords, DOM hints and errors.
#include <catch2/catch.hpp>

#include "classify/patterns.h"
#include "classify/phrase_matcher.h"
#include "test_support.h"

using namespace winnow;
using namespace winnow::classify;

TEST_CASE("normalisation folds case, typographic punctuation and spacing", "[patterns]") {
    CHECK(normalise_for_match("Also Read : Trump’s “plan”") == "also read trump's plan");
    CHECK(normalise_for_match("ÜBER  Straße") == "über straße");
    CHECK(normalise_for_match("  --  ") == "");
    CHECK(normalise_for_match("ПРИВЕТ мир") == "привет мир");
    // Latin-1 punctuation separates words; Latin-1 letters and signs such as © stay.
    CHECK(normalise_for_match("1,204 posts · Joined 2019") == "1 204 posts joined 2019");
    CHECK(normalise_for_match("«Lire aussi» ¿Qué? ¡Sí!") == "lire aussi qué sí");
    CHECK(normalise_for_match("© 2024 Ça") == "© 2024 ça");
}

TEST_CASE("the phrase matcher finds every occurrence of every key", "[patterns]") {
    PhraseMatcherBuilder builder;
    builder.add("he", 1);
    builder.add("she", 2);
    builder.add("hers", 3);
    const PhraseTables tables = builder.build();
    const PhraseMatcher m(tables);
    std::vector<std::tuple<std::uint32_t, std::size_t, std::size_t>> found;
    m.scan("ushers", [&](std::uint32_t id, std::size_t b, std::size_t e) { found.emplace_back(id, b, e); });
    REQUIRE(found.size() == 3);
    CHECK(found[0] == std::make_tuple(2u, std::size_t{1}, std::size_t{4}));
    CHECK(found[1] == std::make_tuple(1u, std::size_t{2}, std::size_t{4}));
    CHECK(found[2] == std::make_tuple(3u, std::size_t{2}, std::size_t{6}));
}

TEST_CASE("anchors and whole words decide where a phrase may match", "[patterns]") {
    PatternsBuilder builder;
    builder.add_file("en/related.txt", "# test\n^also read\nread more$\n^more$\nyou may like\n");
    const Patterns p = builder.build();
    CHECK(p.match(normalise_for_match("Also Read: something")).found);
    CHECK_FALSE(p.match(normalise_for_match("I also read books")).found);
    CHECK(p.match(normalise_for_match("Great story. Read more")).found);
    CHECK_FALSE(p.match(normalise_for_match("Read more stories")).found);
    CHECK(p.match("more").found);
    CHECK_FALSE(p.match("more news").found);
    CHECK_FALSE(p.match(normalise_for_match("you may likely agree")).found);  // whole words only
    const PhraseMatch m = p.match(normalise_for_match("Also read this"));
    CHECK(m.category == Category::Related);
    CHECK(m.source == "en/related.txt:2");
}

TEST_CASE("whole-line and anchored matches win over phrases found anywhere", "[patterns]") {
    PatternsBuilder builder;
    builder.add_file("en/cookie.txt", "uses cookies\n");
    builder.add_file("en/share.txt", "^share$\n");
    builder.add_file("en/legal.txt", "^this site uses cookies\n");
    const Patterns p = builder.build();
    CHECK(p.match("this site uses cookies").category == Category::Legal);
    CHECK(p.match("share").category == Category::Share);
}

TEST_CASE("stopwords carry their language, the embedded defaults load", "[patterns]") {
    const Patterns& p = test::default_patterns();
    REQUIRE(p.languages().size() >= 2);
    const auto en = std::find(p.languages().begin(), p.languages().end(), "en") - p.languages().begin();
    const auto de = std::find(p.languages().begin(), p.languages().end(), "de") - p.languages().begin();
    CHECK((p.stopword_languages("the") >> en & 1u) == 1u);
    CHECK((p.stopword_languages("und") >> de & 1u) == 1u);
    CHECK(p.stopword_languages("harbour") == 0);
    CHECK(p.match(normalise_for_match("This website uses cookies.")).category == Category::Cookie);
}

TEST_CASE("DOM hint tokens match whole dash/underscore parts", "[patterns]") {
    PatternsBuilder builder;
    builder.add_file("dom/navigation.txt", "nav\nmenu\n");
    builder.add_file("dom/related.txt", "read-next\n");
    const Patterns p = builder.build();
    CHECK(p.dom_hint("nav") == Category::Navigation);
    CHECK(p.dom_hint("main-nav") == Category::Navigation);
    CHECK(p.dom_hint("nav_bar") == Category::Navigation);
    CHECK(p.dom_hint("canvas") == Category::None);
    CHECK(p.dom_hint("article-read-next-box") == Category::Related);
}

TEST_CASE("a DOM hint followed by page types is read on those pages only", "[patterns]") {
    PatternsBuilder builder;
    builder.add_file("dom/comment.txt", "review product forum\n");
    builder.add_file("dom/navigation.txt", "nav\n");
    const Patterns p = builder.build();
    CHECK(p.dom_hint("product-review", PageType::Product) == Category::Comment);
    CHECK(p.dom_hint("review-item", PageType::Forum) == Category::Comment);
    CHECK(p.dom_hint("review-body", PageType::Article) == Category::None);
    CHECK(p.dom_hint("review-body") == Category::None);  // no page type: only tokens read everywhere
    // Skipped, the entry does not hide the token's other parts.
    CHECK(p.dom_hint("review-nav", PageType::Article) == Category::Navigation);
    CHECK(p.dom_hint("review-nav", PageType::Product) == Category::Comment);
    CHECK(p.dom_hint("main-nav", PageType::Product) == Category::Navigation);
}

TEST_CASE("malformed pattern files are rejected with file and line", "[patterns]") {
    PatternsBuilder p;
    CHECK_THROWS_WITH(p.add_file("en/nonsense.txt", "x\n"), Catch::Contains("unknown pattern kind 'nonsense'"));
    CHECK_THROWS_WITH(p.add_file("en/related.txt", "# c\n\n^ -- $\n"), Catch::Contains("en/related.txt:3"));
    CHECK_THROWS_WITH(p.add_file("cookie.txt", "x\n"), Catch::Contains("expected <language>/<kind>.txt"));
    CHECK_THROWS_WITH(p.add_file("dom/whatever.txt", "x\n"), Catch::Contains("unknown category"));
    CHECK_THROWS_WITH(p.add_file("dom/comment.txt", "review products\n"), Catch::Contains("'products' after the DOM hint 'review' is no page type"));
    CHECK_THROWS_WITH(p.add_file("page/region.txt", "# c\nnear_levels many\n"), Catch::Contains("page/region.txt:2"));
}

TEST_CASE("region thresholds are data: the embedded file sets them, a later file overrides", "[patterns]") {
    CHECK(test::default_patterns().region_setting("broad_link_density", -1) == 0.5);
    CHECK(test::default_patterns().region_setting("no_such_setting", -1) == -1);
    PatternsBuilder builder;
    builder.add_file("page/region.txt", "min_candidate_prose 100\n");
    builder.add_file("page/region.txt", "min_candidate_prose 250\n");
    const Patterns p = builder.build();
    CHECK(p.region_setting("min_candidate_prose", 0) == 250);
}

TEST_CASE("the defaults start from tables compiled at build time, the same as compiling the text", "[patterns]") {
    // The build embeds the tables; a stale or missing blob would make embedded() compile the text
    // at every start, which is what this guards against.
    REQUIRE_FALSE(compiled_default_tables().empty());
    const Patterns embedded = Patterns::embedded();
    CHECK(embedded.blob().data() == compiled_default_tables().data());
    PatternsBuilder builder;
    builder.add_embedded();
    CHECK(builder.compile() == std::string(compiled_default_tables()));  // deterministic, and current
    const Patterns from_text = builder.build();
    for (const char* line : {"this website uses cookies", "also read", "share this article", "advertisement"}) {
        const PhraseMatch a = embedded.match(line), b = from_text.match(line);
        CHECK(a.found == b.found);
        CHECK(a.category == b.category);
        CHECK(a.source == b.source);
    }
    CHECK(embedded.languages() == from_text.languages());
    CHECK(embedded.dom_hint("cookie-banner") == from_text.dom_hint("cookie-banner"));
    CHECK(embedded.dom_hint("product-reviews", PageType::Product) == Category::Comment);
    CHECK(embedded.dom_hint("product-reviews", PageType::Article) == Category::None);
    CHECK(embedded.page_type_hints().size() == from_text.page_type_hints().size());
}

TEST_CASE("a builder adds on top of the defaults and compiles what it was given, nothing else", "[patterns]") {
    PatternsBuilder builder;
    const Patterns empty = builder.build();
    CHECK_FALSE(empty.match("also read").found);
    CHECK(empty.stopword_languages("the") == 0);
    CHECK(empty.dom_hint("nav") == Category::None);
    CHECK(empty.region_setting("broad_link_density", -1) == -1);

    builder.add_embedded();
    builder.add_file("en/promo.txt", "^a phrase only this test knows$\n");
    const Patterns more = builder.build();
    CHECK(more.match("a phrase only this test knows").category == Category::Promo);
    CHECK(more.match("this website uses cookies").category == Category::Cookie);
    CHECK_FALSE(Patterns::embedded().match("a phrase only this test knows").found);
}

TEST_CASE("credit marks match inside words, and a final $ ends the word", "[patterns]") {
    PatternsBuilder builder;
    builder.add_file("en/credit.txt", "# marks\nphoto\nap$\n");
    const Patterns p = builder.build();
    CHECK(p.has_credit_mark("photo ap"));
    CHECK(p.has_credit_mark("photographs by jane doe"));
    CHECK(p.has_credit_mark("jane doe ap"));
    CHECK_FALSE(p.has_credit_mark("apple"));
    CHECK_FALSE(p.has_credit_mark("the museum"));
    CHECK(test::default_patterns().has_credit_mark("getty images"));
    PatternsBuilder bad;
    CHECK_THROWS_WITH(bad.add_file("en/credit.txt", "photo\n$\n"), Catch::Contains("en/credit.txt:2"));
}
