// decode stage entry: the WHATWG sniffing order (BOM, declared, <meta> prescan, detection, default), then repair.
#include "decode/decode.h"

#include <algorithm>
#include <optional>

#include "decode/charmaps.h"
#include "decode/convert.h"
#include "decode/detect.h"
#include "decode/encoding_labels.h"
#include "decode/prescan.h"
#include "unicode/utf8_encode.h"

namespace winnow::decode {
namespace {

struct Bom {
    std::string_view bytes;
    std::string_view encoding;
};

// UTF-32 marks are not in the WHATWG list; they are checked first because FF FE 00 00 would
// otherwise read as UTF-16LE starting with U+0000.
constexpr Bom kBoms[] = {
    {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
    {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
    {"\xEF\xBB\xBF", "UTF-8"},
    {"\xFE\xFF", "UTF-16BE"},
    {"\xFF\xFE", "UTF-16LE"},
};

struct Choice {
    std::string encoding;
    std::string_view decided_by;
    bool valid_utf8 = false;  // the detector found the bytes valid UTF-8: no need to check again
    std::optional<Conversion> reading;  // the detector already converted all the bytes
};

Choice choose_encoding(std::string_view bytes, const DecodeOptions& options) {
    if (!options.charset.empty()) {
        if (auto encoding = resolve_named_encoding(options.charset); !encoding.empty()) {
            return {std::move(encoding), "declared", false, std::nullopt};
        }
    }
    if (options.is_html) {
        if (auto encoding = prescan_meta_charset(bytes); !encoding.empty()) return {std::move(encoding), "meta", false, std::nullopt};
    }
    Detection detection = detect_encoding(bytes);
    if (!detection.encoding.empty()) {
        return {std::move(detection.encoding), "detector", detection.valid_utf8, std::move(detection.reading)};
    }
    // Pure ASCII reads the same in UTF-8 and windows-1252: plain text reports it as UTF-8, HTML as
    // the spec's default. Anything else undecided is windows-1252.
    const bool ascii = std::all_of(bytes.begin(), bytes.end(), [](char c) { return (c & 0x80) == 0; });
    if (ascii && !options.is_html) return {"UTF-8", "default", true, std::nullopt};
    return {"windows-1252", "default", false, std::nullopt};
}

// decode_as, for bytes already known to be valid UTF-8 when encoding is UTF-8.
Decoded decode_checked(std::string_view bytes, std::string_view encoding, bool valid_utf8,
                       const DecodeOptions& options, std::optional<Conversion> reading = std::nullopt) {
    Decoded result;
    Conversion conversion;
    if (valid_utf8 && encoding == "UTF-8") {
        conversion.ok = true;
        conversion.text.assign(bytes);
    } else if (reading) {
        conversion = std::move(*reading);
    } else {
        conversion = convert_to_utf8(bytes, encoding);
    }
    check_deadline(options.deadline);
    if (!conversion.ok) conversion = convert_to_utf8(bytes, "windows-1252");
    result.text = std::move(conversion.text);
    result.report.encoding = conversion.ok ? std::string(encoding) : "windows-1252";
    result.report.replacements = conversion.replacements;
    if (options.c1_as_windows_1252) {
        if (const std::size_t count = read_c1_as_windows_1252(result.text))
            result.report.repairs.push_back({"c1-control", count});
    }
    if (options.repair) {
        for (Repair& repair : repair_mojibake(result.text, options.deadline)) result.report.repairs.push_back(std::move(repair));
        check_deadline(options.deadline);
    }
    return result;
}

}  // namespace

std::size_t read_c1_as_windows_1252(std::string& text) {
    // U+0080-U+009F is 0xC2 0x80-0x9F in UTF-8; the five bytes windows-1252 leaves unassigned stay.
    const SingleByteCharmap& windows_1252 = charmap_named("windows-1252");
    std::size_t count = 0;
    std::string out;  // made at the first replacement: most pages have none
    std::size_t copied = 0;
    for (std::size_t at = text.find('\xC2'); at != std::string::npos; at = text.find('\xC2', at + 1)) {
        if (at + 1 >= text.size()) break;
        const auto byte = static_cast<unsigned char>(text[at + 1]);
        if (byte < 0x80 || byte > 0x9F) continue;
        const char32_t cp = windows_1252.decode(byte);
        if (cp == byte) continue;  // unassigned: decodes to the control itself
        if (count == 0) out.reserve(text.size() + 16);
        out.append(text, copied, at - copied);
        unicode::append_utf8(out, cp);
        copied = at + 2;
        ++count;
    }
    if (count == 0) return 0;
    out.append(text, copied, std::string::npos);
    text = std::move(out);
    return count;
}

Decoded decode_as(std::string_view bytes, std::string_view encoding, const DecodeOptions& options) {
    return decode_checked(bytes, encoding, false, options);
}

Decoded decode(std::string_view bytes, const DecodeOptions& options) {
    for (const Bom& bom : kBoms) {
        if (bytes.starts_with(bom.bytes)) {
            Decoded result = decode_as(bytes.substr(bom.bytes.size()), bom.encoding, options);
            result.report.bom = true;
            result.report.decided_by = "bom";
            return result;
        }
    }
    Choice choice = choose_encoding(bytes, options);
    check_deadline(options.deadline);
    Decoded result = decode_checked(bytes, choice.encoding, choice.valid_utf8, options, std::move(choice.reading));
    result.report.decided_by = std::string(choice.decided_by);
    return result;
}

std::optional<Decoded> redecode_for_late_meta(std::string_view bytes, const DecodeReport& first,
                                              std::string_view label, const DecodeOptions& options) {
    if (first.decided_by == "bom" || first.decided_by == "declared") return std::nullopt;
    std::string encoding(resolve_whatwg_label(label));
    if (encoding == "UTF-16BE" || encoding == "UTF-16LE") encoding = "UTF-8";
    if (encoding == "x-user-defined") encoding = "windows-1252";
    if (encoding.empty() || encoding == first.encoding) return std::nullopt;
    Decoded result = decode_as(bytes, encoding, options);
    result.report.decided_by = "meta";
    return result;
}

}  // namespace winnow::decode
