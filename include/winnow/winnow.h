// winnow: clean article text out of noisy web pages and text dumps.
//
//     winnow::Cleaner cleaner;                        // compiled patterns + options; share it freely
//     winnow::Result page = cleaner.clean(bytes, "page.html");
//     std::cout << winnow::to_text(page);             // title, then one paragraph per line
//
// A Cleaner is immutable once built: any number of threads may call its const members at once.
// Building one compiles the pattern files, so build it once and keep it.
//
// Errors: every failure is thrown as winnow::Error, whose what() is "DOCUMENT: problem" (the name
// the caller gave the document, or the pattern file and line), with the parts and a kind to tell
// them apart. Bad bytes are not an error: they are decoded as well as they can be and counted in
// the decode report. std::bad_alloc passes through.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/types.h"

namespace winnow {

struct Options {
    InputKind input = InputKind::Auto;
    std::string charset;       // the declared encoding (a WHATWG label, or one iconv knows); empty = sniff
    bool repair = true;        // repair mojibake ("â€™" → "’") after decoding
    Favor favor = Favor::Balanced;
    // HTML: the page's type, when the caller knows it ("forum", "product", "collection", "listing",
    // "documentation", "service" or "article"); empty = decided from the page. It decides what
    // counts as content (Result::page_type). Cleaner's constructor throws std::invalid_argument
    // for another name.
    std::string page_type;
    bool comments = false;     // keep reader comments (Result::comments) instead of dropping them
    bool links = false;        // HTML: keep link targets, for to_markdown's [text](target)
    bool explain = false;      // fill Result::labels with every block's decision and its reason
    std::filesystem::path patterns;  // pattern files (<lang>/<kind>.txt) to add to the built-in ones
    // How long cleaning one document (or one window of a long text) may take, reading excluded;
    // 0 = no limit. Checked between stages and within their long loops, so an over-long document
    // stops soon after its budget runs out, with Error(OverBudget): "NAME: over the time budget of
    // 2.000 s". Gumbo's parse itself cannot be interrupted; what reaches it is bounded instead.
    std::chrono::milliseconds time_budget{0};
};

// One block of the document (a paragraph, list item, heading, …) and what was decided for it.
struct BlockLabel {
    std::size_t first_line = 0;  // the input line (text), or the block's number in document order (HTML)
    std::size_t last_line = 0;   // past first_line when hard-wrapped lines were joined into one paragraph
    Label label = Label::Content;
    Category category = Category::None;  // None unless label is Noise
    std::string reason;          // the rule that decided, with its evidence
    std::string text;            // the block as read
};

namespace detail {
struct Parsed;  // the segmented, labelled document the writers read
}

// One cleaned document, or one window of a long text cleaned in windows.
struct Result {
    std::string source;  // the name the caller gave
    // Metadata, empty when unknown: from the page (Open Graph, JSON-LD, <meta>, <time>, bylines) and
    // the headline, byline and dateline lines; language from <html lang> or the best stopword list.
    // The date is ISO 8601 ("2025-07-18", or a timestamp with its zone) where it can be read for
    // certain, else the text as the page gives it.
    std::string title, author, date, language, site_name, url, description;
    // HTML: what kind of page it is (article, forum, product, collection, listing, documentation,
    // service), which decides what counts as content; empty for plain text.
    std::string page_type;
    std::string text;                   // the kept paragraphs and list items, one per line, no title
    std::vector<std::string> comments;  // reader comments, with Options::comments
    DecodeReport decode;
    std::size_t blocks = 0;             // blocks read
    std::size_t noise_blocks = 0;       // of which noise
    std::vector<BlockLabel> labels;     // every block's decision, with Options::explain
    std::size_t window = 0;             // clean_stream: 0 for the first window (or the whole document)
    std::optional<ArchiveRecord> record;  // set by the caller for a web-archive record; JSON's "warc"
    std::shared_ptr<const detail::Parsed> parsed;
};

// Reads up to `capacity` bytes into `buffer` and returns how many; 0 means the end of the input.
// Throws (winnow::Error, say) when reading fails.
using ReadFunction = std::function<std::size_t(char* buffer, std::size_t capacity)>;

// A reader over a file, or standard input when path is "-". Throws Error(Unreadable) naming the
// path when it cannot be opened or read (a directory included).
ReadFunction file_reader(const std::string& path);

struct StreamOptions {
    bool whole = false;  // one result for the whole input (JSON and Markdown need the whole document)
    std::size_t window_bytes = std::size_t{4} << 20;
};

class Cleaner {
public:
    // Compiles the built-in patterns and those under options.patterns. Throws Error(Patterns).
    explicit Cleaner(Options options = {});
    ~Cleaner();
    Cleaner(const Cleaner&);
    Cleaner& operator=(const Cleaner&);
    Cleaner(Cleaner&&) noexcept;
    Cleaner& operator=(Cleaner&&) noexcept;

    const Options& options() const noexcept;

    // Decodes, segments and classifies one document's bytes. Throws Error(Binary) for input that is
    // mostly control bytes when the input kind is Auto.
    Result clean(std::string_view bytes, std::string_view source = "<input>") const;

    // The same for a document whose encoding was declared beside it (an HTTP Content-Type's charset,
    // say, from a web archive): `charset` takes the place of Options::charset for this one document
    // (empty: sniff). A label nothing here can decode is ignored and the bytes are sniffed.
    Result clean(std::string_view bytes, std::string_view source, std::string_view charset) const;

    // Cleans an input of any length as it is read. A plain text longer than one window is cut at
    // paragraph breaks and each window, cleaned on its own (the title looked for in the first, line
    // numbers running on), goes to `sink` as soon as it is done: memory stays bounded. HTML, UTF-16
    // and UTF-32 text, short inputs and StreamOptions::whole give one result. Throws what clean()
    // and `read` throw; windows already handed to the sink stay handed.
    void clean_stream(const ReadFunction& read, std::string_view source,
                      const std::function<void(const Result&)>& sink, const StreamOptions& stream = {}) const;

    // The decode stage alone.
    Decoded decode(std::string_view bytes) const;

    // The same for a document whose encoding was declared beside it, as clean() with a charset.
    Decoded decode(std::string_view bytes, std::string_view charset) const;

    // The same over an input of any length: windows cut at line ends, decoded with the encoding the
    // first one was found to be in (UTF-16 and UTF-32 are read whole, before any output).
    void decode_stream(const ReadFunction& read, const std::function<void(const Decoded&)>& sink,
                       const StreamOptions& stream = {}) const;

private:
    struct Impl;
    std::shared_ptr<const Impl> impl_;
};

// Writers. Each appends to `out`; the to_* forms return a new string.
// Text: the title on a line (when there is one), then each kept paragraph or list item on its own
// line; reader comments, when kept, after a blank line.
void append_text(std::string& out, const Result& result);
// Markdown: "# title", then headings, lists, tables, code blocks and quotes, blank-line separated.
void append_markdown(std::string& out, const Result& result);
// JSON: one object on one line, newline terminated (JSON Lines); with_labels adds "lines".
void append_json(std::string& out, const Result& result, bool with_labels = false);
// --explain: one tab-separated row per block: LINES LABEL CATEGORY REASON TEXT.
void append_explain(std::string& out, const Result& result);
// The decode stage's output as JSON: {"source","text","decode"} on one line; with a record (an
// archived document's origin), {"source","warc","text","decode"}.
void append_json(std::string& out, std::string_view source, const Decoded& decoded, const ArchiveRecord* record = nullptr);

std::string to_text(const Result& result);
std::string to_markdown(const Result& result);
std::string to_json(const Result& result, bool with_labels = false);
std::string to_explain(const Result& result);

// The encoding a label names, as winnow decodes it ("latin1" → "windows-1252"; labels WHATWG maps to
// "replacement", such as iso-2022-kr, are read with iconv); empty when nothing here can decode it.
std::string resolve_encoding(std::string_view label);

// The page types Options::page_type takes and Result::page_type reports, in this order: "article",
// "forum", "product", "collection", "listing", "documentation", "service".
const std::vector<std::string_view>& page_types();

// The library's version, "MAJOR.MINOR.PATCH".
std::string_view version();

}  // namespace winnow
