// What the fuzz targets share: turning fuzzer bytes into the inputs a stage is promised, and
// reading a byte stream to its end with a cap, so a decompression bomb costs bounded memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "decode/utf8.h"
#include "input/byte_source.h"
#include "winnow/types.h"

namespace winnow::fuzz {

inline std::string_view as_bytes(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// The segmenters are handed valid UTF-8 by the decode stage; give them the same.
inline std::string valid_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    decode::append_utf8_replacing_invalid(out, bytes);
    return out;
}

// Reads `source` to its end or to `cap` bytes, in small reads of varying size. Errors the stream
// reports (winnow::Error) are the expected answer to damaged input; anything else escapes.
inline std::size_t drain(input::ByteSource& source, std::size_t cap = std::size_t{8} << 20) {
    char buffer[4096];
    std::size_t total = 0, step = 1;
    try {
        while (total < cap) {
            const std::size_t n = source.read(buffer, step);
            if (n == 0) break;
            total += n;
            step = step % sizeof buffer + 1 + n;  // 1, 2, …: exercise short and long reads
            if (step > sizeof buffer) step = sizeof buffer;
        }
    } catch (const Error&) {
    }
    return total;
}

}  // namespace winnow::fuzz
