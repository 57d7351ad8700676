// Reading WARC 1.0 and 1.1 files (ISO 28500) record by record with bounded memory: each record is
// classified as a document to clean, a record skipped for a stated reason, or an error confined
// to that record (the reader finds the next record and goes on).
//
// Decisions, for readers of untrusted archives:
// - Field names are matched case-insensitively; folded (continuation) lines join with one space.
// - WARC-Target-URI in angle brackets (`<http://…>`, as wget writes) is accepted without them.
//   A URI with no scheme, or with control characters, is an error for the record ("bad
//   WARC-Target-URI"). A URI with other characters URIs may not hold (spaces, quotes) is kept
//   as written, with a warning: crawlers record such URIs as they met them.
// - WARC-Record-ID, WARC-Date, WARC-Type and Content-Length are mandatory for every record,
//   WARC-Target-URI for response, resource, request, revisit and conversion records.
// - A block must be followed by CRLF CRLF. When it is not, Content-Length is wrong: the record is
//   an error, and reading resumes at the next "WARC/1.x" line (found inside the block when the
//   length was too long, after it when too short).
// - HTTP responses with a status outside 200-299 are skipped (redirects and error pages are not
//   articles) unless WarcLimits::only_successful_responses is false.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/byte_source.h"
#include "input/http_message.h"

namespace winnow::input {

struct WarcLimits {
    std::size_t max_header_bytes = std::size_t{64} << 10;  // a WARC or HTTP header block
    std::size_t max_block_bytes = std::size_t{64} << 20;   // a record block, and a decoded payload
    bool only_successful_responses = true;
};

enum class RecordOutcome { document, skipped, error };
const char* outcome_name(RecordOutcome outcome);

struct WarcRecord {
    RecordOutcome outcome = RecordOutcome::error;
    // For skipped and error records: a short, fixed phrase to count by ("request record",
    // "non-text response", "truncated record"), and the particulars ("image/png", "block has 12
    // of 973 bytes").
    std::string reason;
    std::string detail;
    std::vector<std::string> warnings;

    std::string source;                             // the archive's name, for messages
    std::uint64_t offset = 0;                       // of "WARC/" in the decompressed stream
    std::optional<std::uint64_t> compressed_offset;  // of the gzip member holding it (.warc.gz)

    std::string version;  // "1.0", "1.1"
    std::vector<HeaderField> fields;
    std::string type;         // WARC-Type as written ("response")
    std::string target_uri;   // angle brackets removed
    std::string record_id;    // "<urn:uuid:…>"
    std::string date;         // WARC-Date
    std::string content_type; // WARC Content-Type
    std::uint64_t content_length = 0;

    // For HTTP responses.
    int http_status = 0;
    std::vector<HeaderField> http_fields;

    // For documents: the payload with transfer and content codings undone, its media type
    // ("text/html", "text/plain", "application/xhtml+xml"; empty when the response had none) and
    // the declared charset (for the decode stage; empty when none was declared).
    std::string payload;
    std::string media_type;
    std::string charset;

    // The value of the first field called `name` (case-insensitive), or nullptr.
    const std::string* field(std::string_view name) const;
    // "SOURCE: record at offset N (URI)": how messages name this record.
    std::string describe() const;
    // For skipped and error records: "SOURCE: record at offset N (URI): reason: detail".
    std::string message() const;
};

class WarcReader {
public:
    // `source` is the decompressed stream; `members` (from open_decompressed) adds compressed
    // offsets for `.warc.gz`. Both must outlive the reader.
    explicit WarcReader(ByteSource& source, WarcLimits limits = {}, MemberIndex* members = nullptr);

    // Reads the next record into `record`. Returns false once the stream is exhausted. Never throws
    // for bad data: a damaged record, a truncated file or a corrupt gzip member comes back as an
    // error record. After a corrupt member of a `.warc.gz`, reading goes on at the next member;
    // after a truncated or otherwise unreadable stream, the next call returns false.
    bool next(WarcRecord& record);

private:
    bool fill(std::size_t want);  // until `want` bytes are buffered past pos_; false at the end
    void compact();
    void skip_separators();
    bool scan_to_record_start(std::uint64_t& skipped);
    bool discard(std::uint64_t count);
    bool read_header(WarcRecord& record);
    void classify(WarcRecord& record, std::string_view block);
    void classify_http(WarcRecord& record, std::string_view block);
    void error(WarcRecord& record, std::string reason, std::string detail);
    std::uint64_t position() const { return base_ + pos_; }

    ByteSource& source_;
    WarcLimits limits_;
    MemberIndex* members_;
    std::string buffer_;
    std::size_t pos_ = 0;       // next unread byte in buffer_
    std::uint64_t base_ = 0;    // stream offset of buffer_[0]
    bool eof_ = false;
    bool stream_failed_ = false;
    bool damaged_ = false;      // a gzip member was damaged; reading goes on at the next one
    std::string stream_problem_;
    bool resync_ = false;       // the next call first looks for a record start
};

// True for "WARC/1.0" or "WARC/1.1" style version lines (any "WARC/" + digits.digits).
bool is_warc_version_line(std::string_view line);

// How a WARC-Target-URI value reads: `uri` gets the value without angle brackets; the result is
// empty when it is acceptable, else the problem. `warning` is set for URIs kept despite bad characters.
std::string check_target_uri(std::string_view value, std::string& uri, std::string& warning);

}  // namespace winnow::input
