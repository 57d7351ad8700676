// JSON writer: one object per document on one line (JSON Lines).
#include "write/json_string.h"
#include "write/write.h"

namespace winnow::write {
namespace {

void key(std::string& out, std::string_view name, bool first = false) {
    if (!first) out.push_back(',');
    append_json_string(out, name);
    out.push_back(':');
}

void string_field(std::string& out, std::string_view name, std::string_view value) {
    key(out, name);
    if (value.empty()) out.append("null");
    else append_json_string(out, value);
}

void append_decode_report(std::string& out, const DecodeReport& report) {
    key(out, "decode");
    out.push_back('{');
    key(out, "encoding", true);
    append_json_string(out, report.encoding);
    key(out, "decided_by");
    append_json_string(out, report.decided_by);
    key(out, "bom");
    out.append(report.bom ? "true" : "false");
    key(out, "replacements");
    out.append(std::to_string(report.replacements));
    key(out, "repairs");
    out.push_back('[');
    for (std::size_t i = 0; i < report.repairs.size(); ++i) {
        if (i) out.push_back(',');
        out.push_back('{');
        key(out, "kind", true);
        append_json_string(out, report.repairs[i].kind);
        key(out, "count");
        out.append(std::to_string(report.repairs[i].count));
        out.push_back('}');
    }
    out.append("]}");
}

// {"file","offset","type","record_id","date","target_uri"}: where an archived document came from.
void append_record(std::string& out, const ArchiveRecord& record) {
    key(out, "warc");
    out.push_back('{');
    key(out, "file", true);
    append_json_string(out, record.file);
    key(out, "offset");
    out.append(std::to_string(record.offset));
    string_field(out, "type", record.type);
    string_field(out, "record_id", record.record_id);
    string_field(out, "date", record.date);
    string_field(out, "target_uri", record.target_uri);
    out.push_back('}');
}

}  // namespace

void write_decoded_json(std::string& out, std::string_view source_name, std::string_view text,
                        const DecodeReport& report, const ArchiveRecord* record) {
    out.push_back('{');
    key(out, "source", true);
    append_json_string(out, source_name);
    if (record) append_record(out, *record);
    key(out, "text");
    append_json_string(out, text);
    append_decode_report(out, report);
    out.append("}\n");
}

void write_json(std::string& out, std::string_view source_name, const Article& article, const Document& document,
                const Labels& labels, const DecodeReport& report, const JsonOptions& options) {
    out.push_back('{');
    key(out, "source", true);
    append_json_string(out, source_name);
    if (options.record) append_record(out, *options.record);
    string_field(out, "title", article.title);
    string_field(out, "author", article.author);
    string_field(out, "date", article.date);
    string_field(out, "language", document.meta.language);
    string_field(out, "site_name", document.meta.site_name);
    string_field(out, "url", document.meta.canonical_url);
    string_field(out, "description", document.meta.description);
    string_field(out, "page_type", article.page_type);

    std::string text;
    for (std::size_t index : article.body) {
        if (!text.empty()) text.push_back('\n');
        text.append(written_text(document.blocks[index]));
    }
    key(out, "text");
    append_json_string(out, text);
    key(out, "comments");
    out.push_back('[');
    for (std::size_t i = 0; i < article.comments.size(); ++i) {
        if (i) out.push_back(',');
        append_json_string(out, written_text(document.blocks[article.comments[i]]));
    }
    out.push_back(']');

    append_decode_report(out, report);

    std::size_t noise = 0;
    for (const Decision& d : labels) noise += d.label == Label::Noise;
    key(out, "blocks");
    out.append(std::to_string(document.blocks.size()));
    key(out, "noise_blocks");
    out.append(std::to_string(noise));

    if (options.with_lines) {
        string_field(out, "page_type_reason", article.page_type_reason);
        key(out, "lines");
        out.push_back('[');
        for (std::size_t i = 0; i < document.blocks.size() && i < labels.size(); ++i) {
            if (i) out.push_back(',');
            const Block& block = document.blocks[i];
            const Decision& d = labels[i];
            out.push_back('{');
            key(out, "first_line", true);
            out.append(std::to_string(block.first_line));
            key(out, "last_line");
            out.append(std::to_string(block.last_line));
            key(out, "label");
            append_json_string(out, label_name(d.label));
            key(out, "category");
            if (d.category == Category::None) out.append("null");
            else append_json_string(out, category_name(d.category));
            key(out, "reason");
            append_json_string(out, d.reason);
            key(out, "text");
            append_json_string(out, block.text);
            out.push_back('}');
        }
        out.push_back(']');
    }
    out.append("}\n");
}

}  // namespace winnow::write
