// Data-driven: every fixtures/<case>/ folder is run through the pipeline and compared with its
// expected.txt (and expected.md, where there is one: the Markdown, whose lists, tables, code blocks
// and headings the text format does not show); cases with a labels.tsv also have every labelled
// line's decision checked.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "test_support.h"
#include "api/pipeline.h"
#include "write/markdown.h"
#include "write/write.h"

using namespace winnow;
using namespace winnow::write;
using namespace winnow::detail;
using namespace winnow::test;

namespace {

std::vector<std::filesystem::path> fixture_dirs() {
    std::vector<std::filesystem::path> dirs;
    for (const auto& entry : std::filesystem::directory_iterator(source_dir() / "fixtures"))
        if (entry.is_directory()) dirs.push_back(entry.path());
    std::sort(dirs.begin(), dirs.end());
    return dirs;
}

PipelineResult run_fixture(const std::filesystem::path& dir, std::string* text) {
    PipelineOptions options;
    std::filesystem::path input = dir / "input.txt";
    options.input = InputKind::Text;
    if (std::filesystem::exists(dir / "input.html")) {
        input = dir / "input.html";
        options.input = InputKind::Html;
    }
    const std::string bytes = read_file(input);
    PipelineResult result = run_pipeline(bytes, options, default_patterns());
    write_text(*text, result.document, result.article);
    return result;
}

}  // namespace

TEST_CASE("every fixture produces its expected clean text", "[fixtures]") {
    const auto dirs = fixture_dirs();
    REQUIRE(dirs.size() >= 5);
    for (const auto& dir : dirs) {
        DYNAMIC_SECTION(dir.filename().string()) {
            REQUIRE((std::filesystem::exists(dir / "input.txt") || std::filesystem::exists(dir / "input.html")));
            REQUIRE(std::filesystem::exists(dir / "expected.txt"));
            std::string text;
            const PipelineResult result = run_fixture(dir, &text);
            CHECK(text == read_file(dir / "expected.txt"));
            if (std::filesystem::exists(dir / "expected.md")) {
                std::string markdown;
                write_markdown(markdown, result.document, result.article);
                CHECK(markdown == read_file(dir / "expected.md"));
            }
        }
    }
}

TEST_CASE("every fixture gives its expected text through the command line with --input auto", "[fixtures][cli]") {
    // The kind is sniffed here, not forced: a fixture the sniffing misreads fails.
    const auto dirs = fixture_dirs();
    REQUIRE(dirs.size() >= 5);
    for (const auto& dir : dirs) {
        DYNAMIC_SECTION(dir.filename().string()) {
            const auto input = std::filesystem::exists(dir / "input.html") ? dir / "input.html" : dir / "input.txt";
            const auto r = run_winnow({"--input", "auto", input.string()});
            CHECK(r.status == 0);
            CHECK(r.err.empty());
            CHECK(r.out == read_file(dir / "expected.txt"));
        }
    }
}

TEST_CASE("labelled fixture lines are decided as labelled", "[fixtures][seeds]") {
    std::size_t checked = 0;
    for (const auto& dir : fixture_dirs()) {
        if (!std::filesystem::exists(dir / "labels.tsv")) continue;
        DYNAMIC_SECTION(dir.filename().string()) {
            std::string text;
            const PipelineResult result = run_fixture(dir, &text);
            std::istringstream labels(read_file(dir / "labels.tsv"));
            std::string row;
            std::getline(labels, row);  // header
            while (std::getline(labels, row)) {
                if (row.empty()) continue;
                const auto tab1 = row.find('\t');
                const auto tab2 = row.find('\t', tab1 + 1);
                const std::size_t line = std::stoul(row.substr(0, tab1));
                const std::string label = row.substr(tab1 + 1, tab2 - tab1 - 1);
                if (label == "either") continue;
                const auto& blocks = result.document.blocks;
                const auto it = std::find_if(blocks.begin(), blocks.end(), [&](const Block& b) {
                    return b.first_line <= line && line <= b.last_line;
                });
                INFO("line " << line << ": " << row);
                REQUIRE(it != blocks.end());
                const Decision& d = result.labels[static_cast<std::size_t>(it - blocks.begin())];
                ++checked;
                if (label.starts_with("noise:")) {
                    CHECK(label_name(d.label) == "noise");
                    CHECK(category_name(d.category) == label.substr(6));
                } else {
                    CHECK(label_name(d.label) == label);
                }
                if (label == "content") CHECK(text.find(written_text(*it)) != std::string::npos);
                if (label == "title") CHECK(text.starts_with(it->text + "\n"));
                if (label == "byline") CHECK(result.article.author == d.value);
            }
        }
    }
    CHECK(checked > 0);
}
