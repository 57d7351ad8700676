// The pipeline: decode → segment → classify → assemble, one document at a time.
#include "api/pipeline.h"

#include "segment/segment.h"

#include <algorithm>
#include <vector>

namespace winnow::detail {

using classify::PageTypeDecision;
using segment::Block;
using segment::HtmlOptions;
using segment::Metadata;

bool looks_binary(std::string_view utf8) {
    const std::string_view head = utf8.substr(0, std::size_t{1} << 16);
    std::size_t controls = 0;
    for (char c : head) {  // written without branches, so that the compiler vectorises it
        const auto byte = static_cast<unsigned char>(c);
        controls += static_cast<std::size_t>((byte < 0x20) & (byte != '\t') & (byte != '\n') & (byte != '\r') &
                                             (byte != '\f'));
    }
    return controls * 20 > head.size();
}

namespace {

void add_repairs(DecodeReport& report, std::vector<Repair> repairs) {
    for (Repair& r : repairs) {
        auto same = std::find_if(report.repairs.begin(), report.repairs.end(),
                                 [&](const Repair& x) { return x.kind == r.kind; });
        if (same == report.repairs.end()) report.repairs.push_back(std::move(r));
        else same->count += r.count;
    }
}

// Repairs a block whose inline spans (emphasis, links) are byte offsets into its text, which the
// repair shortens ("cafÃ©" → "café"). The text is repaired alone, as a block without spans is; then
// once more with each span's ends in it as U+0001 bytes (which block text never holds), to read
// where they come out. Mojibake stands for whole characters, so an end seldom falls inside a
// sequence the repair reads; where one does (the repair came out different with the marks in), the
// block keeps its repaired text and loses its inline spans rather than have them misplaced.
void repair_block(Block& block, DecodeReport& report, const Deadline* deadline) {
    constexpr char kMark = '\x01';
    if (block.spans.empty()) {
        add_repairs(report, decode::repair_mojibake(block.text, deadline));
        return;
    }
    std::string text = block.text;
    std::vector<Repair> repairs = decode::repair_mojibake(text, deadline);
    if (repairs.empty() || text == block.text) return;  // (a repair that changes the text reports itself)
    add_repairs(report, std::move(repairs));
    if (block.text.find(kMark) != std::string::npos) {
        block.text = std::move(text);
        block.spans.clear();
        return;
    }
    std::vector<std::size_t> ends;
    for (const segment::InlineSpan& span : block.spans) {
        ends.push_back(span.begin);
        ends.push_back(span.end);
    }
    std::sort(ends.begin(), ends.end());
    ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
    std::string marked;
    marked.reserve(block.text.size() + ends.size());
    std::size_t copied = 0;
    for (const std::size_t end : ends) {
        marked.append(block.text, copied, end - copied);
        marked.push_back(kMark);
        copied = end;
    }
    marked.append(block.text, copied, std::string::npos);
    decode::repair_mojibake(marked, deadline);
    std::vector<std::size_t> moved;  // where each of `ends` is now
    std::size_t at = 0;
    bool same = true;
    for (const char c : marked) {
        if (c == kMark) moved.push_back(at);
        else same = same && at < text.size() && text[at++] == c;
    }
    if (!same || at != text.size() || moved.size() != ends.size()) {
        block.spans.clear();
    } else {
        auto now = [&](std::size_t offset) { return moved[std::lower_bound(ends.begin(), ends.end(), offset) - ends.begin()]; };
        for (segment::InlineSpan& span : block.spans) {
            span.begin = now(span.begin);
            span.end = now(span.end);
        }
    }
    block.text = std::move(text);
}

// Mojibake repair of an HTML page's text: every block and the metadata shown to users.
void repair_html_text(Document& document, DecodeReport& report, const Deadline* deadline) {
    std::size_t iteration = 0;
    for (Block& block : document.blocks) {
        check_deadline(deadline, ++iteration);
        repair_block(block, report, deadline);
    }
    Metadata& meta = document.meta;
    for (std::string* field : {&meta.title, &meta.author, &meta.site_name, &meta.description})
        add_repairs(report, decode::repair_mojibake(*field));
}

}  // namespace

PipelineResult run_pipeline(std::string_view bytes, const PipelineOptions& options, const Patterns& patterns,
                            const Deadline* deadline) {
    PipelineResult result;
    const HtmlOptions html_options{options.keep_links, deadline};
    bool html = options.input == InputKind::Html;
    if (options.input == InputKind::Auto) html = segment::looks_like_html(bytes);

    DecodeOptions decode_options = options.decode;
    decode_options.is_html = html;
    // HTML is repaired after parsing, block by block: the markup needs no repair (and its entities
    // would send every stretch of it down the slow path), and entities Gumbo has already decoded
    // are then out of the way.
    decode_options.repair = options.decode.repair && !html;
    decode_options.c1_as_windows_1252 = options.decode.repair && html;
    decode_options.deadline = deadline;
    Decoded decoded = decode::decode(bytes, decode_options);
    result.decode_report = std::move(decoded.report);
    result.binary = looks_binary(decoded.text);
    check_deadline(deadline);

    result.document = html ? segment::segment_html(decoded.text, html_options) : segment::segment_text(decoded.text, options.first_line);
    if (html) {
        // A <meta> the 1024-byte prescan missed: decode once more as it says (HTML §13.2.3.4),
        // unless the bytes already read as clean UTF-8, which a late declaration rarely corrects.
        const Metadata& meta = result.document.meta;
        const std::string label =
            !meta.meta_charset.empty() ? meta.meta_charset : decode::extract_charset_from_content(meta.meta_content_type);
        const bool clean_utf8 = result.decode_report.encoding == "UTF-8" && result.decode_report.replacements == 0;
        if (!label.empty() && !clean_utf8) {
            if (auto again = decode::redecode_for_late_meta(bytes, result.decode_report, label, decode_options)) {
                result.decode_report = std::move(again->report);
                result.document = segment::segment_html(again->text, html_options);
            }
        }
    }
    check_deadline(deadline);
    if (html && options.decode.repair) repair_html_text(result.document, result.decode_report, deadline);
    std::string language;
    PageTypeDecision page_type;
    ClassifyOptions classify_options = options.classify;
    classify_options.deadline = deadline;
    result.labels = classify::classify(result.document, patterns, classify_options, &language, &page_type);
    check_deadline(deadline);
    // Declared language first (<html lang>, Content-Language); else the stopword vote.
    if (result.document.meta.language.empty()) result.document.meta.language = std::move(language);
    result.article = write::assemble(result.document, result.labels);
    if (result.document.from_html) {
        result.article.page_type = classify::page_type_name(page_type.type);
        result.article.page_type_reason = std::move(page_type.reason);
    }
    return result;
}

}  // namespace winnow::detail
