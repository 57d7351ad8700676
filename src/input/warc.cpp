// The WARC record reader: a sliding buffer over the decompressed stream, one record header and at
// most one record block (max_block_bytes) held at a time.
#include "input/warc.h"

#include <algorithm>
#include <cctype>

#include "winnow/types.h"

namespace winnow::input {
namespace {

constexpr std::size_t read_chunk = std::size_t{64} << 10;
constexpr std::size_t max_read_per_fill = std::size_t{1} << 20;
constexpr std::string_view record_start_pattern = "\nWARC/";

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool parse_length(std::string_view text, std::uint64_t& value) {
    if (text.empty() || text.size() > 18 || !std::all_of(text.begin(), text.end(), is_digit)) return false;
    value = 0;
    for (char c : text) value = value * 10 + static_cast<std::uint64_t>(c - '0');
    return true;
}

// Characters RFC 3986 allows in a URI (unreserved, reserved, and '%' of percent-encoding).
bool is_uri_char(unsigned char c) {
    if (std::isalnum(c)) return true;
    return std::string_view("-._~:/?#[]@!$&'()*+,;=%").find(static_cast<char>(c)) != std::string_view::npos;
}

}  // namespace

const char* outcome_name(RecordOutcome outcome) {
    switch (outcome) {
        case RecordOutcome::document: return "document";
        case RecordOutcome::skipped: return "skipped";
        case RecordOutcome::error: break;
    }
    return "error";
}

const std::string* WarcRecord::field(std::string_view name) const {
    const HeaderField* found = find_field(fields, name);
    return found ? &found->value : nullptr;
}

std::string WarcRecord::describe() const {
    std::string text = source + ": record at offset " + std::to_string(offset);
    if (compressed_offset && *compressed_offset != offset)
        text += " (gzip member at " + std::to_string(*compressed_offset) + ")";
    if (!target_uri.empty()) text += " (" + target_uri + ")";
    return text;
}

std::string WarcRecord::message() const {
    return describe() + ": " + reason + (detail.empty() ? "" : ": " + detail);
}

bool is_warc_version_line(std::string_view line) {
    if (line.substr(0, 5) != "WARC/") return false;
    line.remove_prefix(5);
    const std::size_t dot = line.find('.');
    if (dot == 0 || dot == std::string_view::npos || dot + 1 == line.size()) return false;
    return std::all_of(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(dot), is_digit) &&
           std::all_of(line.begin() + static_cast<std::ptrdiff_t>(dot) + 1, line.end(), is_digit);
}

std::string check_target_uri(std::string_view value, std::string& uri, std::string& warning) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    if (value.size() >= 2 && value.front() == '<' && value.back() == '>') value = value.substr(1, value.size() - 2);
    uri = std::string(value);
    warning.clear();
    if (value.empty()) return "empty WARC-Target-URI";
    for (const char c : value)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "control character in WARC-Target-URI";
    const std::size_t colon = value.find(':');
    bool scheme_ok = colon != std::string_view::npos && colon > 0 && std::isalpha(static_cast<unsigned char>(value[0]));
    for (std::size_t i = 1; scheme_ok && i < colon; ++i) {
        const unsigned char c = static_cast<unsigned char>(value[i]);
        scheme_ok = std::isalnum(c) || c == '+' || c == '-' || c == '.';
    }
    if (!scheme_ok) return "WARC-Target-URI has no scheme (not an absolute URI)";
    if (!std::all_of(value.begin(), value.end(), [](char c) { return is_uri_char(static_cast<unsigned char>(c)); }))
        warning = "WARC-Target-URI holds characters a URI may not contain; kept as written";
    return "";
}

WarcReader::WarcReader(ByteSource& source, WarcLimits limits, MemberIndex* members)
    : source_(source), limits_(limits), members_(members) {}

void WarcReader::compact() {
    // Keep one byte before pos_: the record-start search looks for "\nWARC/" from pos_ - 1.
    if (pos_ <= 1) return;
    const std::size_t drop = pos_ - 1;
    buffer_.erase(0, drop);
    base_ += drop;
    pos_ -= drop;
}

bool WarcReader::fill(std::size_t want) {
    while (buffer_.size() - pos_ < want) {
        if (eof_) return false;
        compact();
        const std::size_t old = buffer_.size();
        const std::size_t grab = std::clamp(want - (old - pos_), read_chunk, max_read_per_fill);
        buffer_.resize(old + grab);
        std::size_t got = 0;
        try {
            got = source_.read(buffer_.data() + old, grab);
        } catch (const StreamDamage& e) {
            // Like an end of file for the record being read; the next record starts fresh after it.
            stream_failed_ = true;
            damaged_ = true;
            stream_problem_ = e.what();
        } catch (const Error& e) {
            stream_failed_ = true;
            stream_problem_ = e.what();
        }
        buffer_.resize(old + got);
        if (got == 0) eof_ = true;
    }
    return true;
}

void WarcReader::skip_separators() {
    for (;;) {
        if (pos_ == buffer_.size() && !fill(1)) return;
        const char c = buffer_[pos_];
        if (c != '\r' && c != '\n' && c != '\0') return;
        ++pos_;
    }
}

bool WarcReader::scan_to_record_start(std::uint64_t& skipped) {
    skipped = 0;
    std::size_t from = pos_ > 0 ? pos_ - 1 : pos_;
    for (;;) {
        const std::size_t found = buffer_.find(record_start_pattern, from);
        if (found != std::string::npos && found + record_start_pattern.size() < buffer_.size()) {
            if (is_digit(buffer_[found + record_start_pattern.size()])) {
                skipped += found + 1 - pos_;
                pos_ = found + 1;
                return true;
            }
            from = found + 1;
            continue;
        }
        // Not here: drop what was searched (keeping a possible partial match) and read on.
        const std::size_t keep = record_start_pattern.size();
        if (buffer_.size() > pos_ + keep) {
            const std::size_t advance = buffer_.size() - keep - pos_;
            skipped += advance;
            pos_ += advance;
        }
        const std::size_t have = buffer_.size() - pos_;
        if (!fill(have + 1)) {
            skipped += buffer_.size() - pos_;
            pos_ = buffer_.size();
            return false;
        }
        from = pos_ - 1;
    }
}

bool WarcReader::discard(std::uint64_t count) {
    while (count > 0) {
        if (pos_ == buffer_.size() && !fill(1)) return false;
        const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(count, buffer_.size() - pos_));
        pos_ += take;
        count -= take;
    }
    return true;
}

void WarcReader::error(WarcRecord& record, std::string reason, std::string detail) {
    record.outcome = RecordOutcome::error;
    record.reason = std::move(reason);
    record.detail = std::move(detail);
    record.payload.clear();
}

bool WarcReader::read_header(WarcRecord& record) {
    std::size_t consumed = 0;  // header bytes read, relative to pos_ (stable across compaction)
    bool first = true;
    for (;;) {
        const std::size_t newline = buffer_.find('\n', pos_ + consumed);
        if (newline == std::string::npos) {
            if (buffer_.size() - pos_ > limits_.max_header_bytes) {
                error(record, "record header too long",
                      "no end of the header within " + std::to_string(limits_.max_header_bytes) + " bytes");
                return false;
            }
            if (!fill(buffer_.size() - pos_ + 1)) {
                error(record, "truncated record",
                      stream_failed_ ? "the header is cut off: " + stream_problem_ : "the file ends inside the record header");
                stream_problem_.clear();
                return false;
            }
            continue;
        }
        if (newline + 1 - pos_ > limits_.max_header_bytes) {
            error(record, "record header too long",
                  "no end of the header within " + std::to_string(limits_.max_header_bytes) + " bytes");
            return false;
        }
        std::string_view line(buffer_.data() + pos_ + consumed, newline - pos_ - consumed);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        consumed = newline + 1 - pos_;
        if (first) {
            first = false;
            if (!is_warc_version_line(line)) {
                error(record, "bad version line", "\"" + std::string(line.substr(0, 40)) + "\" is not WARC/1.0 or WARC/1.1");
                return false;
            }
            record.version = std::string(line.substr(5));
            if (record.version != "1.0" && record.version != "1.1")
                record.warnings.push_back("WARC version " + record.version + " read as 1.1");
            continue;
        }
        if (line.empty()) break;
        if (!add_header_line(record.fields, line))
            record.warnings.push_back("ignored a header line that is not a field: \"" + std::string(line.substr(0, 60)) + "\"");
    }
    pos_ += consumed;
    return true;
}

bool WarcReader::next(WarcRecord& record) {
    record = WarcRecord{};
    record.source = source_.name();
    if (damaged_ && stream_problem_.empty()) {
        // The damage was reported with the last record: what is left of the damaged gzip member
        // is dropped, and the source goes on at the next member, which starts a record.
        damaged_ = false;
        stream_failed_ = false;
        eof_ = false;
        resync_ = false;
        base_ += buffer_.size();
        buffer_.clear();
        pos_ = 0;
    }
    if (resync_) {
        resync_ = false;
        std::uint64_t skipped = 0;
        scan_to_record_start(skipped);
    }
    skip_separators();
    if (pos_ == buffer_.size()) {
        if (stream_failed_ && !stream_problem_.empty()) {
            record.offset = position();
            error(record, damaged_ ? "damaged archive data" : "unreadable archive", stream_problem_);
            stream_problem_.clear();
            return true;
        }
        return false;
    }
    record.offset = position();
    if (members_) record.compressed_offset = members_->member_containing(record.offset).compressed_offset;

    fill(5);
    if (std::string_view(buffer_).substr(pos_, 5) != "WARC/") {
        std::uint64_t skipped = 0;
        const bool found = scan_to_record_start(skipped);
        error(record, "not a WARC record",
              std::to_string(skipped) + " bytes with no \"WARC/1.x\" line" +
                  (found ? ", up to the record at offset " + std::to_string(position()) : " before the end"));
        return true;
    }
    if (!read_header(record)) {
        ++pos_;  // past this record's "W", so the search finds the next record, not this one
        resync_ = true;
        return true;
    }

    auto value = [&](std::string_view name) {
        const std::string* found = record.field(name);
        return found ? *found : std::string();
    };
    record.type = value("WARC-Type");
    record.record_id = value("WARC-Record-ID");
    record.date = value("WARC-Date");
    record.content_type = value("Content-Type");

    const std::string* length_field = record.field("Content-Length");
    if (!length_field || !parse_length(*length_field, record.content_length)) {
        error(record, length_field ? "bad Content-Length" : "missing Content-Length",
              length_field ? "\"" + length_field->substr(0, 30) + "\" is not a byte count" : "the record's extent is unknown");
        resync_ = true;
        return true;
    }

    // Mandatory fields: a record without them is an error, but its extent is known, so read on.
    std::string missing;
    for (const char* name : {"WARC-Record-ID", "WARC-Date", "WARC-Type"})
        if (!record.field(name)) missing += missing.empty() ? name : std::string(", ") + name;
    const std::string type = lower(record.type);
    const bool needs_uri = type == "response" || type == "resource" || type == "request" || type == "revisit" ||
                           type == "conversion";
    std::string uri_problem;
    if (const std::string* uri = record.field("WARC-Target-URI")) {
        std::string warning;
        uri_problem = check_target_uri(*uri, record.target_uri, warning);
        if (!warning.empty()) record.warnings.push_back(warning);
    } else if (needs_uri) {
        missing += missing.empty() ? "WARC-Target-URI" : ", WARC-Target-URI";
    }

    // The block.
    const std::uint64_t length = record.content_length;
    const bool oversize = length > limits_.max_block_bytes;
    if (oversize) {
        if (!discard(length)) {
            error(record, "truncated record",
                  "the file ends inside the " + std::to_string(length) + "-byte block" +
                      (stream_failed_ ? ": " + stream_problem_ : ""));
            stream_problem_.clear();
            return true;
        }
    } else if (!fill(static_cast<std::size_t>(length))) {
        error(record, "truncated record",
              "the block has " + std::to_string(buffer_.size() - pos_) + " of its " + std::to_string(length) +
                  " bytes" + (stream_failed_ ? ": " + stream_problem_ : " (the file ends)"));
        stream_problem_.clear();
        pos_ = buffer_.size();
        return true;
    }
    // The terminator: CRLF CRLF. Tolerated: other line ends, when the next record (or the end of
    // the file) follows at once. (Filling may move the buffer: positions are taken after it.)
    const std::size_t block_size = oversize ? 0 : static_cast<std::size_t>(length);
    fill(block_size + 4 + 16);
    const std::size_t block_start = pos_;
    const std::size_t block_end = block_start + block_size;
    std::size_t after = block_end;
    const std::string_view rest = std::string_view(buffer_).substr(after);
    bool terminated = rest.substr(0, 4) == "\r\n\r\n";
    if (terminated) {
        after += 4;
    } else {
        std::size_t skip = 0;
        while (skip < rest.size() && skip < 16 && (rest[skip] == '\r' || rest[skip] == '\n')) ++skip;
        const std::string_view next = rest.substr(skip);
        terminated = (next.empty() && eof_) || next.substr(0, 5) == "WARC/";
        if (terminated) {
            record.warnings.push_back("the block is not followed by CRLF CRLF");
            after += skip;
        }
    }
    if (!terminated) {
        // Content-Length is wrong. Too long: the next record starts inside the block.
        const std::size_t search_end = std::min(buffer_.size(), block_end + 4);
        std::size_t found = std::string::npos;
        for (std::size_t from = block_start; from < search_end;) {
            const std::size_t at = buffer_.find(record_start_pattern, from);
            if (at == std::string::npos || at >= search_end) break;
            if (at + record_start_pattern.size() < buffer_.size() && is_digit(buffer_[at + record_start_pattern.size()])) {
                found = at + 1;
                break;
            }
            from = at + 1;
        }
        if (found != std::string::npos && !oversize) {
            error(record, "wrong Content-Length",
                  "Content-Length " + std::to_string(length) + " runs into the next record, at offset " +
                      std::to_string(base_ + found));
            pos_ = found;
        } else {
            error(record, "wrong Content-Length",
                  "no CRLF CRLF after the " + std::to_string(length) + "-byte block: Content-Length is too short or the record is damaged");
            pos_ = block_end;
            resync_ = true;
        }
        return true;
    }

    const std::string_view block(buffer_.data() + block_start, block_size);
    pos_ = after;
    if (!missing.empty()) {
        error(record, "missing mandatory field", missing);
    } else if (!uri_problem.empty() && needs_uri) {
        error(record, "bad WARC-Target-URI", uri_problem + ": \"" + record.target_uri.substr(0, 200) + "\"");
    } else if (oversize) {
        error(record, "record too large",
              "the block is " + std::to_string(length) + " bytes, over the limit of " +
                  std::to_string(limits_.max_block_bytes));
    } else {
        classify(record, block);
    }
    return true;
}

void WarcReader::classify(WarcRecord& record, std::string_view block) {
    const std::string type = lower(record.type);
    record.outcome = RecordOutcome::skipped;
    if (type == "warcinfo" || type == "request" || type == "metadata" || type == "revisit" || type == "continuation") {
        record.reason = type + " record";
        return;
    }
    if (type != "response" && type != "resource" && type != "conversion") {
        record.reason = "unknown record type";
        record.detail = record.type;
        return;
    }
    const MediaType media = parse_media_type(record.content_type);
    if (type == "response" && media.type == "application/http") {
        classify_http(record, block);
        return;
    }
    if (!is_document_media_type(media.type)) {
        record.reason = "non-text " + type;
        record.detail = media.type.empty() ? "no Content-Type" : media.type;
        return;
    }
    record.outcome = RecordOutcome::document;
    record.payload.assign(block);
    record.media_type = media.type;
    record.charset = media.charset;
}

void WarcReader::classify_http(WarcRecord& record, std::string_view block) {
    HttpResponse response;
    std::string problem;
    if (!parse_http_response(block, limits_.max_header_bytes, response, problem)) {
        error(record, "bad HTTP response", problem);
        return;
    }
    record.http_status = response.status;
    record.http_fields = std::move(response.fields);
    if (limits_.only_successful_responses && (response.status < 200 || response.status > 299)) {
        record.reason = "HTTP status not 2xx";
        record.detail = response.status_line;
        return;
    }
    MediaType media;
    if (const HeaderField* content_type = find_field(record.http_fields, "Content-Type")) {
        media = parse_media_type(content_type->value);
        if (!is_document_media_type(media.type)) {
            record.reason = "non-text response";
            record.detail = media.type;
            return;
        }
    }

    std::string body(block.substr(response.body_offset));
    if (const HeaderField* transfer = find_field(record.http_fields, "Transfer-Encoding");
        transfer && lower(transfer->value).find("chunked") != std::string::npos) {
        if (looks_chunked(body)) {
            std::string plain;
            if (!dechunk(body, plain, limits_.max_block_bytes, problem)) {
                error(record, "bad chunked encoding", problem);
                return;
            }
            body = std::move(plain);
        } else {
            // Some crawlers store the body already dechunked but keep the header.
            record.warnings.push_back("Transfer-Encoding: chunked, but the body is not chunked; read as is");
        }
    }
    if (const HeaderField* encoding = find_field(record.http_fields, "Content-Encoding")) {
        // Codings are listed in the order applied: undo them from the last.
        std::vector<std::string> codings;
        std::string_view list = encoding->value;
        while (!list.empty()) {
            const std::size_t comma = list.find(',');
            codings.emplace_back(lower(list.substr(0, comma)));
            list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        }
        for (auto coding = codings.rbegin(); coding != codings.rend(); ++coding) {
            std::string name = *coding;
            name.erase(std::remove(name.begin(), name.end(), ' '), name.end());
            if ((name == "gzip" || name == "x-gzip") && sniff_compression(body) != Compression::gzip) {
                record.warnings.push_back("Content-Encoding: " + name + ", but the body is not gzip; read as is");
                continue;
            }
            std::string decoded;
            bool unsupported = false;
            if (!decode_content_coding(name, body, decoded, limits_.max_block_bytes, problem, unsupported)) {
                if (unsupported) {
                    record.outcome = RecordOutcome::skipped;
                    record.reason = "unsupported Content-Encoding";
                    record.detail = name;
                } else {
                    error(record, "bad Content-Encoding", problem);
                }
                return;
            }
            body = std::move(decoded);
        }
    }
    record.outcome = RecordOutcome::document;
    record.payload = std::move(body);
    record.media_type = media.type;
    record.charset = media.charset;
}

}  // namespace winnow::input
