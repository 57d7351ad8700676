// The HTTP response inside a WARC `response` record: status line, header fields, the media type
// and charset of Content-Type, and the body with its transfer and content codings undone.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::input {

struct HeaderField {
    std::string name;
    std::string value;
};

// The first field called `name` (ASCII case-insensitive), or nullptr.
const HeaderField* find_field(const std::vector<HeaderField>& fields, std::string_view name);

// A Content-Type value split into its lower-case media type ("text/html") and the value of its
// charset parameter (quotes removed, case kept; empty when there is none).
struct MediaType {
    std::string type;
    std::string charset;
};
MediaType parse_media_type(std::string_view content_type);

// True for the media types winnow cleans: HTML (text/html, application/xhtml+xml) and text/plain.
bool is_document_media_type(std::string_view media_type);

// Appends `line` (no line end) to `fields`: "Name: value", or a continuation of the previous
// field's value when it starts with a space or tab (obsolete folding, still written by some tools).
// Returns false for a line that is neither.
bool add_header_line(std::vector<HeaderField>& fields, std::string_view line);

struct HttpResponse {
    int status = 0;            // 200
    std::string status_line;   // "HTTP/1.1 200 OK"
    std::vector<HeaderField> fields;
    std::size_t body_offset = 0;  // where the body starts in the block
};

// Parses the status line and header of `block`. Returns false, with `problem` in words, when the
// block does not start with a complete HTTP response header no longer than `max_header_bytes`.
bool parse_http_response(std::string_view block, std::size_t max_header_bytes, HttpResponse& response,
                         std::string& problem);

// Undoes "Transfer-Encoding: chunked". Returns false, with `problem`, when the framing is broken.
bool dechunk(std::string_view body, std::string& out, std::size_t max_bytes, std::string& problem);

// True when `body` starts like chunked framing (a hex size, optional extensions, a line end).
bool looks_chunked(std::string_view body);

// Undoes one Content-Encoding (gzip, x-gzip, deflate, zstd; identity is a copy). Returns false,
// with `problem`, for an unknown coding, corrupt data or a result over `max_bytes`; `unsupported`
// tells the first apart from the others.
bool decode_content_coding(std::string_view coding, std::string_view body, std::string& out, std::size_t max_bytes,
                           std::string& problem, bool& unsupported);

}  // namespace winnow::input
