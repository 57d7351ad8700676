// Writing WARC/1.1 `conversion` records: the clean text of a source record, pointing back to it
// with WARC-Refers-To (the form archives use for derived text), optionally one gzip member each.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace winnow::input {

struct ConversionRecord {
    std::string refers_to;    // WARC-Record-ID of the source record, "<urn:uuid:…>"; empty for none
    std::string target_uri;   // the source record's WARC-Target-URI
    std::string text;         // the block: clean UTF-8 text
    std::string content_type = "text/plain; charset=utf-8";
    std::string date;         // WARC-Date; empty means now
};

// A new record id, "<urn:uuid:…>" with a random (version 4) UUID from std::random_device.
std::string new_record_id();

// The current UTC time as WARC-Date wants it: "2026-12-05T15:10:00Z".
std::string warc_date_now();

class WarcWriter {
public:
    struct Options {
        bool gzip_per_record = false;            // each record its own gzip member (.warc.gz)
        std::function<std::string()> make_id;    // default new_record_id (tests pass their own)
        std::function<std::string()> now;        // default warc_date_now
    };
    WarcWriter();
    explicit WarcWriter(Options options);

    // Appends a warcinfo record naming the file and the software; later conversion records carry
    // its id in WARC-Warcinfo-ID. Returns the record id.
    std::string append_warcinfo(std::string& out, std::string_view filename, std::string_view software);

    // Appends a conversion record; returns its record id. Field values are made single-line
    // (control characters percent-encoded), so no value from an archive can forge a header.
    std::string append_conversion(std::string& out, const ConversionRecord& record);

private:
    void append_record(std::string& out, std::string header, std::string_view block);

    Options options_;
    std::string warcinfo_id_;
};

}  // namespace winnow::input
