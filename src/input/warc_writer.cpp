// WARC/1.1 record serialisation: header fields, Content-Length of the block, CRLF CRLF after it.
#include "input/warc_writer.h"

#include <cstdio>
#include <ctime>
#include <random>

#include "input/gzip_member.h"

namespace winnow::input {
namespace {

// A header value on one line: control characters (CR and LF above all) percent-encoded.
std::string single_line(std::string_view value) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    return out;
}

std::string bracketed(std::string_view id) {
    std::string value = single_line(id);
    if (value.empty() || value.front() != '<') value.insert(value.begin(), '<');
    if (value.back() != '>') value += '>';
    return value;
}

}  // namespace

std::string new_record_id() {
    std::random_device random;
    unsigned char bytes[16];
    for (int i = 0; i < 16; i += 4) {
        const std::uint32_t word = random();
        for (int j = 0; j < 4; ++j) bytes[i + j] = static_cast<unsigned char>(word >> (8 * j));
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);  // version 4
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
    char text[64];
    std::snprintf(text, sizeof text,
                  "<urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x>", bytes[0], bytes[1],
                  bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                  bytes[12], bytes[13], bytes[14], bytes[15]);
    return text;
}

std::string warc_date_now() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

WarcWriter::WarcWriter() : WarcWriter(Options{}) {}

WarcWriter::WarcWriter(Options options) : options_(std::move(options)) {
    if (!options_.make_id) options_.make_id = new_record_id;
    if (!options_.now) options_.now = warc_date_now;
}

void WarcWriter::append_record(std::string& out, std::string header, std::string_view block) {
    header += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
    if (!options_.gzip_per_record) {
        out += header;
        out += block;
        out += "\r\n\r\n";
        return;
    }
    std::string record = std::move(header);
    record += block;
    record += "\r\n\r\n";
    append_gzip_member(out, record);
}

std::string WarcWriter::append_warcinfo(std::string& out, std::string_view filename, std::string_view software) {
    const std::string id = options_.make_id();
    const std::string block = "software: " + single_line(software) + "\r\nformat: WARC File Format 1.1\r\n" +
                              "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n";
    std::string header = "WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: " + id + "\r\nWARC-Date: " + options_.now() +
                         "\r\nWARC-Filename: " + single_line(filename) +
                         "\r\nContent-Type: application/warc-fields\r\n";
    append_record(out, std::move(header), block);
    warcinfo_id_ = id;
    return id;
}

std::string WarcWriter::append_conversion(std::string& out, const ConversionRecord& record) {
    const std::string id = options_.make_id();
    std::string header = "WARC/1.1\r\nWARC-Type: conversion\r\nWARC-Record-ID: " + id + "\r\nWARC-Date: " +
                         single_line(record.date.empty() ? options_.now() : record.date) + "\r\n";
    if (!record.refers_to.empty()) header += "WARC-Refers-To: " + bracketed(record.refers_to) + "\r\n";
    if (!record.target_uri.empty()) header += "WARC-Target-URI: " + single_line(record.target_uri) + "\r\n";
    if (!warcinfo_id_.empty()) header += "WARC-Warcinfo-ID: " + warcinfo_id_ + "\r\n";
    header += "Content-Type: " + single_line(record.content_type) + "\r\n";
    append_record(out, std::move(header), record.text);
    return id;
}

}  // namespace winnow::input
