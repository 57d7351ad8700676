// The pipeline: decode → segment → classify → assemble, one document at a time.
#include "winnow.h"

#include "segment/segment.h"

namespace winnow {

bool looks_binary(std::string_view utf8) {
    const std::string_view head = utf8.substr(0, std::size_t{1} << 16);
    std::size_t controls = 0;
    for (char c : head) {
        const auto byte = static_cast<unsigned char>(c);
        controls += byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r' && byte != '\f';
    }
    return controls * 20 > head.size();
}

Result process(std::string_view bytes, const Options& options, const Patterns& patterns) {
    Result result;
    bool html = options.input == InputKind::Html;
    if (options.input == InputKind::Auto) html = looks_like_html(bytes);

    DecodeOptions decode_options = options.decode;
    decode_options.is_html = html;
    Decoded decoded = decode(bytes, decode_options);
    result.decode_report = std::move(decoded.report);
    result.binary = looks_binary(decoded.text);

    result.document = html ? segment_html(decoded.text, HtmlOptions{options.keep_links}) : segment_text(decoded.text, options.first_line);
    if (html) {
        // A <meta> the 1024-byte prescan missed: decode once more as it says (HTML §13.2.3.4),
        // unless the bytes already read as clean UTF-8, which a late declaration rarely corrects.
        const Metadata& meta = result.document.meta;
        const std::string label =
            !meta.meta_charset.empty() ? meta.meta_charset : extract_charset_from_content(meta.meta_content_type);
        const bool clean_utf8 = result.decode_report.encoding == "UTF-8" && result.decode_report.replacements == 0;
        if (!label.empty() && !clean_utf8) {
            if (auto again = redecode_for_late_meta(bytes, result.decode_report, label, decode_options)) {
                result.decode_report = std::move(again->report);
                result.document = segment_html(again->text, HtmlOptions{options.keep_links});
            }
        }
    }
    std::string language;
    result.labels = classify(result.document, patterns, options.classify, &language);
    // Declared language first (<html lang>, Content-Language); else the stopword vote.
    if (result.document.meta.language.empty()) result.document.meta.language = std::move(language);
    result.article = assemble(result.document, result.labels);
    return result;
}

}  // namespace winnow
