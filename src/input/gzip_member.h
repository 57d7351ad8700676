// Writing one gzip member (RFC 1952) with zlib: `.warc.gz` files are one member per record.
#pragma once

#include <string>
#include <string_view>

namespace winnow::input {

// `bytes` compressed as one complete gzip member, appended to `out`.
void append_gzip_member(std::string& out, std::string_view bytes, int level = 6);

}  // namespace winnow::input
