// winnow's vocabulary: the values a cleaned document reports (labels, noise categories, the decode
// report) and the choices a caller makes (input kind, favor). Shared by the public API and the
// pipeline stages, so each is defined once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {

// Every failure the library reports: what() is "DOCUMENT: problem", where DOCUMENT is the name the
// caller gave the input (or the pattern file and line); the parts and a kind tell them apart.
class Error : public std::runtime_error {
public:
    enum class Kind {
        Unreadable,  // the input could not be read (open or read failed)
        Binary,      // the input is neither text nor HTML (InputKind::Text cleans it anyway)
        Patterns,    // a pattern file is malformed or the pattern directory is missing
        OverBudget,  // cleaning the document took longer than Options::time_budget
    };
    Error(Kind kind, std::string document, std::string problem);
    Kind kind() const noexcept { return kind_; }
    const std::string& document() const noexcept { return document_; }
    const std::string& problem() const noexcept { return problem_; }

private:
    Kind kind_;
    std::string document_;
    std::string problem_;
};

// Where a document came from when it was a record of a web archive (WARC): written to JSON as
// "warc" so that every output can be traced back to its record.
struct ArchiveRecord {
    std::string file;          // the archive, as it was named
    std::uint64_t offset = 0;  // of the record's "WARC/" line in the (decompressed) archive
    std::string type;          // WARC-Type: "response", "resource" or "conversion"
    std::string record_id;     // WARC-Record-ID, "<urn:uuid:…>"
    std::string date;          // WARC-Date
    std::string target_uri;    // WARC-Target-URI
};

// What the input is. Auto treats it as HTML when it starts with markup or is dense with tags.
enum class InputKind { Auto, Text, Html };

// Which way doubtful lines go: dropped (Precision), kept (Recall), or weighed (Balanced).
enum class Favor { Balanced, Precision, Recall };

// The decision for one block of the document.
enum class Label {
    Content,
    Title,    // the headline: becomes the title
    Byline,   // becomes the author
    Date,     // becomes the date
    Comment,  // a reader comment, kept only when comments are asked for
    Noise,
};

// What kind of noise a Noise block is; None for every other label.
enum class Category {
    None,
    Ad,
    Cookie,
    Related,      // "Also Read", teaser lists, read-next
    Newsletter,
    Promo,        // "Want more news?", app/podcast promotion
    Share,        // share/social buttons and follow prompts
    Caption,      // photo captions and credits
    Navigation,   // menus, breadcrumbs, link lists
    Interface,    // UI text: toggles, "Show more", search boxes, skip links
    Legal,        // copyright, terms, privacy
    Comment,      // reader comments and their furniture
    Boilerplate,  // short or low-prose lines outside the article without a more specific category
};

// Stable names as --explain and JSON print them: "content", "noise"; "cookie", "-" for None.
std::string_view label_name(Label label);
std::string_view category_name(Category category);

// One kind of repair applied to the decoded text, with how many times: "utf8-as-<code page>"
// (UTF-8 read as windows-1252, macintosh, GBK...; one entry per layer peeled), "<code page>-as-<code
// page>" (legacy text read in the wrong legacy code page), "html-entity", "c1-control",
// "stray-ideograph" (a no-break space shown as 泭), and "stripped-apostrophes": the text lost its
// curly apostrophes and quotes, with the count of unambiguous contractions given theirs back.
struct Repair {
    std::string kind;
    std::size_t count = 0;
};

// How the bytes were read.
struct DecodeReport {
    std::string encoding = "UTF-8";      // WHATWG name of the encoding the bytes were read as (an
                                         // iconv name such as IBM852 for what WHATWG does not list)
    std::string decided_by = "default";  // bom | declared | meta | detector | default
    std::size_t replacements = 0;        // U+FFFD inserted for undecodable bytes
    bool bom = false;                    // a byte-order mark was present and removed
    std::vector<Repair> repairs;
};

// The decode stage's output: the input as valid UTF-8 (byte-order mark removed) and how it was read.
struct Decoded {
    std::string text;
    DecodeReport report;
};

}  // namespace winnow
