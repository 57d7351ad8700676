// The public writers: text, Markdown, JSON and the --explain table of a cleaned Result.
#include "winnow/winnow.h"

#include <stdexcept>

#include "api/parsed.h"
#include "write/write.h"

namespace winnow {
namespace {

const detail::Parsed& parsed(const Result& result) {
    if (!result.parsed) throw std::invalid_argument("winnow: a Result must come from a Cleaner to be written");
    return *result.parsed;
}

}  // namespace

void append_text(std::string& out, const Result& result) {
    const detail::Parsed& p = parsed(result);
    write::write_text(out, p.document, p.article);
}

void append_markdown(std::string& out, const Result& result) {
    const detail::Parsed& p = parsed(result);
    write::write_markdown(out, p.document, p.article, write::MarkdownOptions{p.links});
}

void append_json(std::string& out, const Result& result, bool with_labels) {
    const detail::Parsed& p = parsed(result);
    write::write_json(out, result.source, p.article, p.document, p.labels, result.decode,
                      write::JsonOptions{with_labels, result.record ? &*result.record : nullptr});
}

void append_explain(std::string& out, const Result& result) {
    const detail::Parsed& p = parsed(result);
    write::write_explain(out, p.document, p.labels, &p.article);
}

void append_json(std::string& out, std::string_view source, const Decoded& decoded, const ArchiveRecord* record) {
    write::write_decoded_json(out, source, decoded.text, decoded.report, record);
}

std::string to_text(const Result& result) {
    std::string out;
    append_text(out, result);
    return out;
}

std::string to_markdown(const Result& result) {
    std::string out;
    append_markdown(out, result);
    return out;
}

std::string to_json(const Result& result, bool with_labels) {
    std::string out;
    append_json(out, result, with_labels);
    return out;
}

std::string to_explain(const Result& result) {
    std::string out;
    append_explain(out, result);
    return out;
}

}  // namespace winnow
