// decode stage: raw bytes of any encoding → valid UTF-8 text plus a report of how it was decided.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "budget/deadline.h"
#include "decode/prescan.h"  // prescan_meta_charset, extract_charset_from_content
#include "winnow/types.h"     // Repair, DecodeReport, Decoded

namespace winnow::decode {

struct DecodeOptions {
    std::string charset;   // transport/declared charset (--charset); empty = sniff
    bool repair = true;    // run mojibake repair after conversion
    bool is_html = false;  // allow the <meta> prescan
    // Read the C1 controls U+0080-U+009F in the decoded text as the windows-1252 characters of
    // those bytes (U+0099 as "™"): UTF-8 text once read as latin-1 holds them ("â\u0080\u0099" for
    // "’"), and an HTML parser would turn them into U+FFFD before the repair of the extracted text
    // could read them (the repair's own C1 step, fix_c1_controls, runs too late for HTML). Set for
    // HTML when repair runs on the extracted text; reported as the repair "c1-control".
    bool c1_as_windows_1252 = false;
    const Deadline* deadline = nullptr;  // checked between sniffing, conversion and repair
};

// The repair c1_as_windows_1252 asks for, on UTF-8 text: how many characters it replaced.
std::size_t read_c1_as_windows_1252(std::string& text);

// The WHATWG sniffing order: BOM (UTF-8, UTF-16, and UTF-32 as an extension), options.charset
// through the WHATWG label table, the <meta>/XML-declaration prescan of the first 1024 bytes when
// options.is_html, then detection (valid UTF-8, UTF-16/32 by their zero bytes, uchardet with
// corrections), then windows-1252. Then repair_mojibake unless options.repair is false. For HTML
// the leftover-entity repair stays off (the markup's references are meant); run repair_mojibake on
// the extracted text to get it.
Decoded decode(std::string_view bytes, const DecodeOptions& options);

// Decodes bytes (BOM already removed) as `encoding` (a WHATWG or iconv name), then repairs unless
// options.repair is false. decided_by is left at "default" for the caller to set.
Decoded decode_as(std::string_view bytes, std::string_view encoding, const DecodeOptions& options);

// For the HTML parser when it meets a <meta> declaring `label` that the prescan missed (HTML
// §13.2.3.4, "changing the encoding while parsing"): the document decoded again, with decided_by
// "meta", or nullopt when nothing changes: the first decode came from a BOM or a declared charset,
// the label is unknown, or it names the encoding already used.
std::optional<Decoded> redecode_for_late_meta(std::string_view bytes, const DecodeReport& first,
                                              std::string_view label, const DecodeOptions& options);

// Repairs mojibake and other damage in UTF-8 text in place and lists what it did; text that is
// already right is left byte-identical.
// `deadline`, when given, is checked between stretches of a long text.
std::vector<Repair> repair_mojibake(std::string& text, const Deadline* deadline = nullptr);

}  // namespace winnow::decode
