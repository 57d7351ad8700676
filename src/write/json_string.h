// JSON string literal encoding (RFC 8259): quotes, backslashes and control characters escaped.
#pragma once

#include <string>
#include <string_view>

namespace winnow::write {

void append_json_string(std::string& out, std::string_view text);

}  // namespace winnow::write
