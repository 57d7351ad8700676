// The classifier's data: phrase lists per noise category, stopword lists per language, DOM hints and
// page settings, compiled once (defaults at build time, a user's directory on top at start-up) into
// an immutable, thread-shareable object.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "classify/labels.h"

namespace winnow::classify {

class PatternError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Where a phrase may match inside a line (see patterns/README.md).
enum class Anchor : std::uint8_t { Anywhere, Start, End, Whole };

// What a phrase list is for. Noise lists carry the category they remove as.
enum class PhraseKind : std::uint8_t { Noise, Byline, Date, Title };

struct PhraseMatch {
    bool found = false;
    PhraseKind kind = PhraseKind::Noise;
    Category category = Category::None;
    std::string_view phrase;  // as written in the pattern file (lower case)
    std::string_view source;  // "en/cookie.txt:12"
    std::size_t begin = 0;    // byte range of the match in the normalised line
    std::size_t end = 0;
};

// One line of patterns/page/*.txt: evidence that a page is of some type (see patterns/README.md).
struct PageTypeHint {
    enum class Signal : std::uint8_t { Base, Schema, OpenGraph, Url, Feature };
    PageType type = PageType::Article;
    Signal signal = Signal::Base;
    std::string value;        // schema type, og:type, URL part or feature name
    double threshold = 0;     // Feature: the hint counts when the feature is at least this
    double weight = 0;
    std::string source;       // "page/types.txt:12"
};

// The compiled patterns: immutable, cheap to share between threads. Every Patterns is read from
// one flat blob of tables: the defaults' blob is compiled at build time into the binary (so start-up
// does no parsing), a builder's is made in memory. Made by PatternsBuilder or the two factories.
class Patterns {
public:
    // The defaults from patterns/, compiled at build time.
    static Patterns embedded();

    // The defaults plus every file under a user's directory. Throws PatternError.
    static Patterns with_user_directory(const std::filesystem::path& dir);

    // Best phrase match on a normalised line (lower case, folded punctuation, single spaces):
    // whole-line > start/end anchored > anywhere, longer phrase first.
    PhraseMatch match(std::string_view normalised_line) const;

    // The same on a line already padded with one space on each side (" also read this "): the
    // classifier's hot path, which builds that buffer once per line. Offsets are in the unpadded line.
    PhraseMatch match_padded(std::string_view padded_line) const;

    // Language bit mask of a normalised word (0 if no list has it). Bit i = languages()[i].
    std::uint32_t stopword_languages(std::string_view normalised_word) const;
    const std::vector<std::string>& languages() const;

    // The same for a word followed by at least 16 readable bytes (hot path: no copy).
    std::uint32_t stopword_languages_padded(const char* word, std::size_t length) const;

    // Photo-credit marks (patterns/<lang>/credit.txt): whether the normalised text inside a line's
    // closing parentheses holds one ("(Photo: AP)", "(Getty Images)").
    bool has_credit_mark(std::string_view normalised) const;

    // DOM hint tokens (patterns/dom/*.txt): category for a class/id/role token, None if unknown.
    // Without a page type only the tokens read on every page count; with one, also those the
    // files name for that type ("review product").
    Category dom_hint(std::string_view token) const;
    Category dom_hint(std::string_view token, PageType page_type) const;

    // Page-type evidence (patterns/page/types.txt), in file order.
    const std::vector<PageTypeHint>& page_type_hints() const;

    // A numeric setting of the region scorer (patterns/page/region.txt, "name value" lines; a
    // later file overrides an earlier one), or fallback when no file sets it.
    double region_setting(std::string_view name, double fallback) const;

    // The compiled blob itself: what the build embeds, and what tests compare.
    std::string_view blob() const;

    ~Patterns();
    Patterns(Patterns&&) noexcept;
    Patterns& operator=(Patterns&&) noexcept;

private:
    friend class PatternsBuilder;
    struct Data;
    explicit Patterns(std::unique_ptr<Data> data);
    // Reads a blob made by PatternsBuilder::compile() of this same build, in place; `owner` keeps it
    // alive (empty when the blob is static). Null when the blob is not of this build's layout.
    static std::optional<Patterns> read(std::string_view blob, std::shared_ptr<const std::string> owner);
    Category find_dom_hint(std::string_view token, std::uint32_t page_type_bit) const;
    std::unique_ptr<Data> data_;
};

// Collects pattern files and compiles them into a Patterns.
class PatternsBuilder {
public:
    PatternsBuilder();
    ~PatternsBuilder();
    PatternsBuilder(PatternsBuilder&&) noexcept;
    PatternsBuilder& operator=(PatternsBuilder&&) noexcept;

    // Adds the defaults from patterns/ as text (embedded at build time).
    void add_embedded();

    // Adds every *.txt file under dir (layout <lang>/<kind>.txt) on top of what is added.
    // Throws PatternError naming the file and line of anything malformed.
    void add_directory(const std::filesystem::path& dir);

    // Adds one file's text; name is "<lang>/<kind>.txt" and decides what the file is.
    void add_file(std::string_view name, std::string_view text);

    // Compiles everything added into the flat blob Patterns reads (deterministic: the same files
    // give the same bytes), and the Patterns over it.
    std::string compile() const;
    Patterns build() const;

private:
    void add_page_type_hints(std::string_view name, std::string_view text);
    void add_region_settings(std::string_view name, std::string_view text);
    struct Data;
    std::unique_ptr<Data> data_;
};

// The compiled defaults' blob embedded at build time (empty when the build could not make one,
// as when cross-compiling; Patterns::embedded() then compiles the text at start-up).
std::string_view compiled_default_tables();

// Lower-cases (ASCII and common Latin/Greek/Cyrillic letters), folds typographic quotes and dashes
// to ASCII, maps every other non-word character to a space and collapses spaces. Both the pattern
// phrases and the lines are normalised with this, so matching is case- and punctuation-insensitive.
std::string normalise_for_match(std::string_view text);

// Appends the normalised text to out (no allocation when out has the capacity).
void normalise_append(std::string& out, std::string_view text);

}  // namespace winnow::classify
