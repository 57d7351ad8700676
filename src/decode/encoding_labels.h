// Encoding names: WHATWG label resolution and the iconv name behind each encoding winnow can decode.
#pragma once

#include <string>
#include <string_view>

namespace winnow::decode {

// The WHATWG encoding a label names ("latin1" → "windows-1252", "gb2312" → "GBK"), after trimming
// ASCII whitespace and ignoring case; empty when the label is unknown.
std::string_view resolve_whatwg_label(std::string_view label);

// The encoding to decode with for a name from any source: a WHATWG label resolves through the table;
// otherwise a charset glibc's iconv knows (IBM852, EUC-TW, VISCII...) is kept as given, upper-cased.
// Empty when neither knows it. whatwg_first = false skips the table (to decode what WHATWG maps
// to "replacement", such as ISO-2022-KR, when a detector, not a declaration, named it).
std::string resolve_encoding_name(std::string_view name, bool whatwg_first = true);

// The encoding to decode with when a caller or a detector names one: resolve_encoding_name, except
// that what WHATWG maps to "replacement" (ISO-2022-KR/CN, HZ: refused by browsers) is read by iconv,
// since whoever named it wants the text. Empty when nothing can decode it.
std::string resolve_named_encoding(std::string_view name);

// The iconv name that decodes `encoding` (a name returned by resolve_encoding_name) the way the
// WHATWG Encoding Standard does: Big5 is Big5-HKSCS, Shift_JIS is windows-31j, EUC-KR is UHC...
std::string iconv_name_for(std::string_view encoding);

}  // namespace winnow::decode
