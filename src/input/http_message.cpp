// HTTP/1.x response headers, chunked framing and content codings (through the zlib and zstd
// byte sources), read leniently where crawlers are known to differ and strictly where bytes would be lost.
#include "input/http_message.h"

#include <algorithm>
#include <cctype>
#include <memory>

#include "input/byte_source.h"
#include "winnow/types.h"

namespace winnow::input {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Reads a chunk-size line at `pos`: hex digits, optional extensions, CRLF or LF. On success moves
// `pos` past the line end.
bool read_chunk_size(std::string_view body, std::size_t& pos, std::uint64_t& size) {
    std::size_t i = pos;
    size = 0;
    std::size_t digits = 0;
    while (i < body.size() && hex_value(body[i]) >= 0) {
        if (++digits > 15) return false;
        size = size * 16 + static_cast<std::uint64_t>(hex_value(body[i]));
        ++i;
    }
    if (digits == 0) return false;
    while (i < body.size() && (body[i] == ' ' || body[i] == '\t')) ++i;
    if (i < body.size() && body[i] == ';') {
        const std::size_t end = body.find('\n', i);
        if (end == std::string_view::npos || end - i > 4096) return false;
        i = end;
    } else if (i < body.size() && body[i] == '\r') {
        ++i;
    }
    if (i >= body.size() || body[i] != '\n') return false;
    pos = i + 1;
    return true;
}

}  // namespace

const HeaderField* find_field(const std::vector<HeaderField>& fields, std::string_view name) {
    for (const HeaderField& field : fields)
        if (iequals(field.name, name)) return &field;
    return nullptr;
}

MediaType parse_media_type(std::string_view content_type) {
    MediaType media;
    std::size_t semicolon = content_type.find(';');
    media.type = lower(trim(content_type.substr(0, semicolon)));
    while (semicolon != std::string_view::npos) {
        content_type.remove_prefix(semicolon + 1);
        semicolon = content_type.find(';');
        const std::string_view parameter = trim(content_type.substr(0, semicolon));
        const std::size_t equals = parameter.find('=');
        if (equals == std::string_view::npos || !iequals(trim(parameter.substr(0, equals)), "charset")) continue;
        std::string_view value = trim(parameter.substr(equals + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        media.charset = std::string(trim(value));
        break;
    }
    return media;
}

bool is_document_media_type(std::string_view media_type) {
    return media_type == "text/html" || media_type == "application/xhtml+xml" || media_type == "text/plain";
}

bool add_header_line(std::vector<HeaderField>& fields, std::string_view line) {
    if (line.empty()) return false;
    if (line.front() == ' ' || line.front() == '\t') {
        if (fields.empty()) return false;
        const std::string_view more = trim(line);
        if (!more.empty()) {
            if (!fields.back().value.empty()) fields.back().value += ' ';
            fields.back().value += more;
        }
        return true;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return false;
    const std::string_view name = trim(line.substr(0, colon));
    if (name.empty()) return false;
    fields.push_back({std::string(name), std::string(trim(line.substr(colon + 1)))});
    return true;
}

bool parse_http_response(std::string_view block, std::size_t max_header_bytes, HttpResponse& response,
                         std::string& problem) {
    response = HttpResponse{};
    if (block.substr(0, 5) != "HTTP/") {
        problem = "the block does not start with an HTTP status line";
        return false;
    }
    std::size_t pos = 0;
    bool first = true;
    for (;;) {
        if (pos >= block.size()) {
            // The header ran to the end of the block: a response with no body and no blank line.
            response.body_offset = block.size();
            return true;
        }
        const std::size_t end = block.find('\n', pos);
        if (end == std::string_view::npos || end + 1 > max_header_bytes) {
            problem = end == std::string_view::npos ? "the HTTP header is cut off (no blank line before the end of the block)"
                                                    : "the HTTP header is longer than " + std::to_string(max_header_bytes) + " bytes";
            return false;
        }
        std::string_view line = block.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pos = end + 1;
        if (first) {
            first = false;
            response.status_line = std::string(line);
            const std::size_t space = line.find(' ');
            if (space == std::string_view::npos || line.size() < space + 4 ||
                !std::all_of(line.begin() + static_cast<std::ptrdiff_t>(space) + 1,
                             line.begin() + static_cast<std::ptrdiff_t>(space) + 4,
                             [](char c) { return c >= '0' && c <= '9'; })) {
                problem = "bad HTTP status line \"" + std::string(line.substr(0, 80)) + "\"";
                return false;
            }
            response.status = std::stoi(std::string(line.substr(space + 1, 3)));
            continue;
        }
        if (line.empty()) {
            response.body_offset = pos;
            return true;
        }
        // A line that is not a field is ignored, as browsers do.
        add_header_line(response.fields, line);
    }
}

bool looks_chunked(std::string_view body) {
    std::size_t pos = 0;
    std::uint64_t size = 0;
    return read_chunk_size(body, pos, size);
}

bool dechunk(std::string_view body, std::string& out, std::size_t max_bytes, std::string& problem) {
    out.clear();
    std::size_t pos = 0;
    while (pos < body.size()) {
        std::uint64_t size = 0;
        const std::size_t line_start = pos;
        if (!read_chunk_size(body, pos, size)) {
            problem = "bad chunk size line at body offset " + std::to_string(line_start);
            return false;
        }
        if (size == 0) return true;  // trailer fields, if any, are not needed
        if (size > body.size() - pos) {
            problem = "a chunk of " + std::to_string(size) + " bytes at body offset " + std::to_string(line_start) +
                      " runs past the end of the body";
            return false;
        }
        if (out.size() + size > max_bytes) {
            problem = "the dechunked body is over the limit of " + std::to_string(max_bytes) + " bytes";
            return false;
        }
        out.append(body.substr(pos, size));
        pos += size;
        if (body.substr(pos, 2) == "\r\n") {
            pos += 2;
        } else if (body.substr(pos, 1) == "\n") {
            pos += 1;
        } else if (pos < body.size()) {
            problem = "no line end after the chunk at body offset " + std::to_string(line_start);
            return false;
        }
    }
    return true;  // the last-chunk is missing: the capture ended after a complete chunk
}

bool decode_content_coding(std::string_view coding, std::string_view body, std::string& out, std::size_t max_bytes,
                           std::string& problem, bool& unsupported) {
    unsupported = false;
    const std::string name = lower(trim(coding));
    std::unique_ptr<ByteSource> source = std::make_unique<MemorySource>(body, "Content-Encoding " + name);
    if (name.empty() || name == "identity") {
        out.assign(body);
        return true;
    }
    if (name == "gzip" || name == "x-gzip") {
        source = std::make_unique<InflateSource>(std::move(source), InflateSource::Format::gzip);
    } else if (name == "deflate") {
        source = std::make_unique<InflateSource>(std::move(source), InflateSource::Format::zlib_or_raw_deflate);
    } else if (name == "zstd") {
        source = std::make_unique<ZstdSource>(std::move(source));
    } else {
        unsupported = true;
        problem = "unsupported Content-Encoding \"" + name + "\"";
        return false;
    }
    try {
        out = read_all(*source, max_bytes);
        return true;
    } catch (const Error& e) {
        problem = e.what();
        return false;
    }
}

}  // namespace winnow::input
