// The per-document time budget (Options::time_budget): a document over it stops promptly with
// Error(OverBudget) naming it; within it, or with no budget, nothing changes.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "test_support.h"
#include "winnow/winnow.h"

using winnow::test::kSentence;
using winnow::test::repeated;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

winnow::Cleaner cleaner_with_budget(std::chrono::milliseconds budget) {
    winnow::Options options;
    options.time_budget = budget;
    return winnow::Cleaner(options);
}

}  // namespace

TEST_CASE("time budget: a hostile page over a tiny budget is an OverBudget error naming it", "[budget]") {
    // Deep nesting and a million short paragraphs: several seconds of work in all, checked
    // throughout the pre-pass, the DOM walk and classification.
    const std::string page = "<html><body>" + repeated("<div>", 200000) + "<p>" + kSentence + "</p>" +
                             repeated("<p>a <b>b</b></p>", 300000) + "</body></html>";
    const winnow::Cleaner cleaner = cleaner_with_budget(std::chrono::milliseconds(2));
    const auto start = std::chrono::steady_clock::now();
    try {
        (void)cleaner.clean(page, "hostile.html");
        FAIL("the page was cleaned within 2 ms");
    } catch (const winnow::Error& e) {
        CHECK(e.kind() == winnow::Error::Kind::OverBudget);
        CHECK(e.document() == "hostile.html");
        CHECK(std::string(e.what()) == "hostile.html: over the time budget of 0.002 s");
    }
    // Promptly: long before the page would have been done.
    CHECK(seconds_since(start) < 1.0);
}

TEST_CASE("time budget: plain text over the budget stops in classification", "[budget]") {
    const std::string text = kSentence + "\n\n" + repeated("a short line\n\n", 300000);
    const winnow::Cleaner cleaner = cleaner_with_budget(std::chrono::milliseconds(1));
    CHECK_THROWS_WITH(cleaner.clean(text, "dump.txt"), "dump.txt: over the time budget of 0.001 s");
}

TEST_CASE("time budget: the message gives the budget in seconds", "[budget]") {
    const winnow::Cleaner cleaner = cleaner_with_budget(std::chrono::milliseconds(2000));
    // Well within two seconds: cleaned as without a budget.
    const std::string page = "<html><body><article><p>" + kSentence + "</p></article></body></html>";
    const winnow::Result budgeted = cleaner.clean(page, "page.html");
    const winnow::Result free = winnow::Cleaner().clean(page, "page.html");
    CHECK(budgeted.text == free.text);
    CHECK(budgeted.text.find(kSentence) != std::string::npos);
}

TEST_CASE("time budget: each window of a long text gets the whole budget", "[budget]") {
    // 12 MiB of ordinary prose in 4 MiB windows under a budget each window keeps easily.
    const winnow::Cleaner cleaner = cleaner_with_budget(std::chrono::milliseconds(60000));
    const std::string text = repeated(kSentence + "\n\n", (12u << 20) / (kSentence.size() + 2));
    std::size_t offset = 0, windows = 0;
    cleaner.clean_stream(
        [&](char* buffer, std::size_t capacity) {
            const std::size_t n = std::min(capacity, text.size() - offset);
            std::copy_n(text.data() + offset, n, buffer);
            offset += n;
            return n;
        },
        "long.txt", [&](const winnow::Result&) { ++windows; });
    CHECK(windows >= 3);
}
