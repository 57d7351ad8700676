// The HTML Standard's prescan (§13.2.3.2): a <meta> charset or pragma, or an XML declaration, in the first 1024 bytes.
#pragma once

#include <string>
#include <string_view>

namespace winnow::decode {

// The WHATWG encoding name declared in the first 1024 bytes of an HTML document, exactly as the
// spec's "prescan a byte stream to determine its encoding" finds it (UTF-16 declarations read as
// UTF-8, x-user-defined as windows-1252), falling back to "get an XML encoding"; empty when none.
std::string prescan_meta_charset(std::string_view bytes);

// The charset named in a <meta http-equiv=content-type content="..."> value, per the spec's
// "extract a character encoding from a meta element" (raw label, not yet resolved); empty when none.
std::string extract_charset_from_content(std::string_view content);

}  // namespace winnow::decode
