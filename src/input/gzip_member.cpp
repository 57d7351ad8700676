// One gzip member through zlib's deflate with the gzip wrapper (window bits 15 + 16).
#include "input/gzip_member.h"

#include <new>
#include <stdexcept>
#include <zlib.h>

namespace winnow::input {

void append_gzip_member(std::string& out, std::string_view bytes, int level) {
    z_stream z{};
    if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::bad_alloc();
    const std::size_t start = out.size();
    out.resize(start + deflateBound(&z, static_cast<uLong>(bytes.size())) + 32);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(bytes.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data() + start);
    z.avail_out = static_cast<uInt>(out.size() - start);
    const int status = deflate(&z, Z_FINISH);
    const std::size_t written = out.size() - start - z.avail_out;
    deflateEnd(&z);
    if (status != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
    out.resize(start + written);
}

}  // namespace winnow::input
