// UTF-8 validation with WHATWG-compatible replacement of invalid sequences.
#include "decode/utf8.h"

#include <cstdint>
#include <cstring>

namespace winnow::decode {
namespace {

// Length of the valid sequence starting at p (1..4), or 0 when invalid. On 0, *maximal is set to
// the length of the maximal invalid subpart to replace with one U+FFFD.
std::size_t sequence_length(const unsigned char* p, const unsigned char* end, std::size_t* maximal) {
    const unsigned char c = p[0];
    std::size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        *maximal = 1;
        return 0;
    }
    std::size_t i = 1;
    for (; i <= need; ++i) {
        if (p + i >= end) break;
        const unsigned char b = p[i];
        if (b < lo || b > hi) break;
        lo = 0x80;
        hi = 0xBF;
    }
    if (i == need + 1) return need + 1;
    *maximal = i;
    return 0;
}

}  // namespace

std::size_t valid_utf8_prefix(std::string_view bytes) {
    const auto* begin = reinterpret_cast<const unsigned char*>(bytes.data());
    const auto* p = begin;
    const auto* end = p + bytes.size();
    while (p < end) {
        // Fast path: eight ASCII bytes at a time.
        while (end - p >= 8) {
            std::uint64_t word;
            std::memcpy(&word, p, 8);
            if (word & 0x8080808080808080ULL) break;
            p += 8;
        }
        if (p >= end) break;
        if (*p < 0x80) {
            ++p;
            continue;
        }
        // Well-formed two- and three-byte sequences (all of Cyrillic, CJK...) without a call.
        const unsigned char c = *p;
        if (c >= 0xC2 && c <= 0xDF && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
            p += 2;
            continue;
        }
        if (c >= 0xE0 && c <= 0xEF && end - p >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
            (c != 0xE0 || p[1] >= 0xA0) && (c != 0xED || p[1] <= 0x9F)) {
            p += 3;
            continue;
        }
        std::size_t maximal = 0;
        const std::size_t n = sequence_length(p, end, &maximal);
        if (n == 0) break;
        p += n;
    }
    return static_cast<std::size_t>(p - begin);
}

std::size_t append_utf8_replacing_invalid(std::string& out, std::string_view bytes) {
    std::size_t replacements = 0;
    out.reserve(out.size() + bytes.size());
    while (!bytes.empty()) {
        const std::size_t good = valid_utf8_prefix(bytes);
        out.append(bytes.substr(0, good));
        bytes.remove_prefix(good);
        if (bytes.empty()) break;
        std::size_t maximal = 1;
        const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
        sequence_length(p, p + bytes.size(), &maximal);
        out.append("\xEF\xBF\xBD");
        ++replacements;
        bytes.remove_prefix(maximal);
    }
    return replacements;
}

}  // namespace winnow::decode
