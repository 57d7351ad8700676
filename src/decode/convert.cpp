// iconv-backed decoding to UTF-8: every invalid sequence becomes one U+FFFD and is counted.
#include "decode/convert.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "decode/encoding_labels.h"
#include "decode/iconv_handle.h"
#include "decode/utf8.h"
#include "unicode/utf8_encode.h"

namespace winnow::decode {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// glibc loads a gconv module in iconv_open and unloads it again in the last iconv_close, so opening
// a descriptor per call spent most of a long repair in dlopen/dlclose. Each thread keeps the few
// descriptors it has opened for its lifetime; they are reset to the initial state before each use.
const IconvHandle& cached_handle(const std::string& to_code, const std::string& from_code) {
    thread_local std::map<std::pair<std::string, std::string>, std::unique_ptr<IconvHandle>> cache;
    std::unique_ptr<IconvHandle>& slot = cache[{to_code, from_code}];
    if (!slot) slot = std::make_unique<IconvHandle>(to_code.c_str(), from_code.c_str());
    if (slot->valid()) slot->reset();
    return *slot;
}

// The five bytes glibc's CP1252 leaves unassigned; WHATWG decodes them to the C1 control of the same value.
bool windows_1252_unassigned(unsigned char b) {
    return b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D;
}

// What iconv makes of each byte of a single-byte code page, learnt once per code page and thread:
// a call to iconv costs more than a short document's conversion by table. `length` 0 marks a byte
// iconv rejects.
struct ByteTable {
    std::array<std::array<char, 4>, 256> utf8{};
    std::array<std::uint8_t, 256> length{};
};

// Converts one byte; the bytes written, or nullopt when iconv rejects it (EILSEQ). A byte that
// only begins a sequence or sets a state (EINVAL, or nothing written), or a letter held back for
// a mark that may follow (glibc's windows-1255 and windows-1258 join the two), gives "" instead.
std::optional<std::string> convert_byte(const IconvHandle& cd, unsigned char byte) {
    cd.reset();
    char in = static_cast<char>(byte);
    char* src = &in;
    std::size_t src_left = 1;
    char buffer[16];
    char* dst = buffer;
    std::size_t dst_left = sizeof buffer;
    if (iconv(cd.get(), &src, &src_left, &dst, &dst_left) == static_cast<std::size_t>(-1)) {
        if (errno == EILSEQ) return std::nullopt;
        return std::string();
    }
    return std::string(buffer, sizeof buffer - dst_left);
}

// The table for a code page, or null when iconv does not read it one byte at a time: a
// multi-byte or stateful code page, or one that joins letters with marks.
std::unique_ptr<ByteTable> learn_byte_table(const IconvHandle& cd) {
    // Letters, the bytes that begin escape sequences and shifts, and a few high bytes, alone.
    constexpr unsigned char kProbes[] = {'a', 'A', 0x1B, 0x0E, 0x0F, '~', '+', 0x80, 0xA4, 0xC0, 0xC4, 0xE0, 0xE4, 0xFE};
    for (const unsigned char probe : kProbes) {
        const auto written = convert_byte(cd, probe);
        if (written && written->empty()) return nullptr;
    }
    // Then every byte in one pass, skipping those iconv rejects: each accepted byte must give
    // exactly one character, in order.
    auto table = std::make_unique<ByteTable>();
    std::string all(256, '\0'), out(256 * 4 + 16, '\0');
    for (int b = 0; b < 256; ++b) all[b] = static_cast<char>(b);
    std::array<bool, 256> rejected{};
    cd.reset();
    char* src = all.data();
    std::size_t src_left = all.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    while (src_left > 0) {
        if (iconv(cd.get(), &src, &src_left, &dst, &dst_left) != static_cast<std::size_t>(-1)) break;
        if (errno != EILSEQ) return nullptr;
        rejected[static_cast<unsigned char>(*src)] = true;
        ++src;
        --src_left;
    }
    if (iconv(cd.get(), nullptr, nullptr, &dst, &dst_left) == static_cast<std::size_t>(-1)) return nullptr;
    const std::string_view written(out.data(), out.size() - dst_left);
    std::size_t at = 0;
    for (int b = 0; b < 256; ++b) {
        if (rejected[b]) continue;
        if (at >= written.size()) return nullptr;
        const auto lead = static_cast<unsigned char>(written[at]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        if (at + length > written.size()) return nullptr;
        std::copy_n(written.data() + at, length, table->utf8[b].begin());
        table->length[b] = static_cast<std::uint8_t>(length);
        at += length;
    }
    if (at != written.size()) return nullptr;
    return table;
}

const ByteTable* byte_table(const std::string& iconv_name, const IconvHandle& cd) {
    thread_local std::map<std::string, std::unique_ptr<ByteTable>, std::less<>> tables;
    const auto found = tables.find(iconv_name);
    if (found != tables.end()) return found->second.get();
    std::unique_ptr<ByteTable> table = learn_byte_table(cd);
    cd.reset();  // the probes may have left a character held back
    return tables.emplace(iconv_name, std::move(table)).first->second.get();
}

Conversion convert_with_iconv(std::string_view bytes, std::string_view encoding) {
    Conversion result;
    const std::string iconv_name = iconv_name_for(encoding);
    const IconvHandle& cd = cached_handle("UTF-8", iconv_name);
    if (!cd.valid()) return result;
    result.ok = true;
    const bool is_1252 = encoding == "windows-1252";
    if (const ByteTable* table = byte_table(iconv_name, cd)) {
        // Sized for the longest reading of every byte and trimmed after; each entry is copied
        // whole (four bytes) and the end moved by its length.
        std::string& out = result.text;
        out.resize(bytes.size() * 4 + 4);
        char* o = out.data();
        for (const char c : bytes) {
            const auto b = static_cast<unsigned char>(c);
            if (const std::size_t n = table->length[b]) {
                std::memcpy(o, table->utf8[b].data(), 4);
                o += n;
            } else if (is_1252 && windows_1252_unassigned(b)) {
                *o++ = static_cast<char>(0xC2);  // U+0080-U+009F
                *o++ = static_cast<char>(b);
            } else {
                std::memcpy(o, kReplacement.data(), kReplacement.size());
                o += kReplacement.size();
                ++result.replacements;
            }
        }
        out.resize(static_cast<std::size_t>(o - out.data()));
        return result;
    }

    std::string& out = result.text;
    out.resize(bytes.size() * 2 + 16);
    std::size_t used = 0;
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    // Converts as much as iconv will take (or, with `flush`, writes out what it holds back),
    // growing the output as needed; iconv's result.
    auto convert = [&](bool flush) {
        while (true) {
            char* dst = out.data() + used;
            std::size_t out_left = out.size() - used;
            const std::size_t rc = flush ? iconv(cd.get(), nullptr, nullptr, &dst, &out_left)
                                         : iconv(cd.get(), &in, &in_left, &dst, &out_left);
            used = out.size() - out_left;
            if (rc != static_cast<std::size_t>(-1) || errno != E2BIG) return rc;
            out.resize(out.size() * 2 + 16);
        }
    };
    while (true) {
        const std::size_t rc = convert(false);
        // glibc's windows-1255 and windows-1258 hold a letter back until they see whether a
        // combining mark follows: it is written out before a bad byte's replacement and at the end.
        convert(true);
        if (rc != static_cast<std::size_t>(-1)) break;  // all of the input was converted
        // EILSEQ (invalid here) or EINVAL (truncated at the end): replace one byte and resynchronise.
        out.resize(used);
        const auto bad = static_cast<unsigned char>(*in);
        if (is_1252 && windows_1252_unassigned(bad)) {
            unicode::append_utf8(out, bad);
        } else {
            out.append(kReplacement);
            ++result.replacements;
        }
        ++in;
        --in_left;
        cd.reset();
        used = out.size();
        out.resize(used + in_left * 2 + 16);
        if (in_left == 0) break;
    }
    out.resize(used);
    return result;
}

}  // namespace

Conversion convert_to_utf8(std::string_view bytes, std::string_view encoding) {
    Conversion result;
    if (encoding == "UTF-8") {
        result.ok = true;
        result.replacements = append_utf8_replacing_invalid(result.text, bytes);
        return result;
    }
    if (encoding == "replacement") {
        result.ok = true;
        if (!bytes.empty()) {
            result.text.assign(kReplacement);
            result.replacements = 1;
        }
        return result;
    }
    if (encoding == "x-user-defined") {
        result.ok = true;
        for (const char c : bytes) {
            const auto b = static_cast<unsigned char>(c);
            unicode::append_utf8(result.text, b < 0x80 ? char32_t{b} : char32_t{0xF780u + b - 0x80u});
        }
        return result;
    }
    return convert_with_iconv(bytes, encoding);
}

namespace {

bool encode_with(const IconvHandle& cd, std::string_view utf8, std::string& out) {
    if (!cd.valid()) return false;
    cd.reset();
    out.resize(utf8.size() * 2 + 8);
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    char* dst = out.data();
    std::size_t out_left = out.size();
    if (iconv(cd.get(), &in, &in_left, &dst, &out_left) == static_cast<std::size_t>(-1)) return false;
    if (iconv(cd.get(), nullptr, nullptr, &dst, &out_left) == static_cast<std::size_t>(-1)) return false;
    out.resize(out.size() - out_left);
    return true;
}

}  // namespace

bool convert_from_utf8(std::string_view utf8, const char* iconv_encoding, std::string& out) {
    return encode_with(cached_handle(iconv_encoding, "UTF-8"), utf8, out);
}

struct CodePointEncoder::Table {
    const IconvHandle* cd = nullptr;
    // For each BMP code point: 0 until asked; then kKnown, the length of its code in bits 24-25 (0
    // when it has none) and the code's bytes from bit 0 up. In blocks of 256 code points, made
    // when the first of them is asked for: a short document touches a few blocks.
    std::array<std::unique_ptr<std::array<std::uint32_t, 256>>, 256> blocks;

    std::uint32_t& entry(char32_t c) {
        auto& block = blocks[c >> 8];
        if (!block) block = std::make_unique<std::array<std::uint32_t, 256>>();  // zero-filled
        return (*block)[c & 0xFF];
    }
};

namespace {

constexpr std::uint32_t kKnown = 1u << 31;

}  // namespace

CodePointEncoder::CodePointEncoder(const char* iconv_encoding) {
    thread_local std::map<std::string, std::unique_ptr<Table>, std::less<>> tables;
    std::unique_ptr<Table>& slot = tables[iconv_encoding];
    if (!slot) {
        slot = std::make_unique<Table>();
        slot->cd = &cached_handle(iconv_encoding, "UTF-8");
    }
    table_ = slot.get();
}

bool CodePointEncoder::may_begin_utf8(char32_t first) const {
    // Marks may pair with the letter before them, and the planes beyond are not in the table.
    if (first >= 0x10000 || (first >= 0x0300 && first <= 0x036F)) return true;
    std::uint32_t entry = table_->entry(first);
    if (entry == 0) {
        std::string bytes;
        if (!append(std::u32string_view(&first, 1), bytes)) return false;
        entry = table_->entry(first);
        if (entry == 0) return true;  // a code too long for the table
    }
    if (((entry >> 24) & 3) == 0) return false;
    const std::uint32_t lead = entry & 0xFF;
    return lead < 0x80 || (lead >= 0xC2 && lead <= 0xF4);
}

bool CodePointEncoder::append(std::u32string_view piece, std::string& out) const {
    std::string utf8, bytes;
    auto ask_iconv = [&](std::u32string_view chars) {
        utf8.clear();
        for (const char32_t c : chars) unicode::append_utf8(utf8, c);
        if (!encode_with(*table_->cd, utf8, bytes)) return false;
        out += bytes;
        return true;
    };
    const std::size_t start = out.size();
    out.reserve(start + 2 * piece.size());
    for (const char32_t c : piece) {
        if (c >= 0x0300 && c <= 0x036F) {
            out.resize(start);
            return ask_iconv(piece);
        }
        if (c >= 0x10000) {
            if (!ask_iconv(std::u32string_view(&c, 1))) return false;
            continue;
        }
        std::uint32_t& entry = table_->entry(c);
        if (entry == 0) {
            utf8.clear();
            unicode::append_utf8(utf8, c);
            const bool coded = encode_with(*table_->cd, utf8, bytes);
            if (coded && bytes.size() > 3) {  // too long to keep: asked again each time
                out += bytes;
                continue;
            }
            entry = kKnown;
            if (coded) {
                entry |= static_cast<std::uint32_t>(bytes.size()) << 24;
                for (std::size_t k = 0; k < bytes.size(); ++k) {
                    entry |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[k])) << (8 * k);
                }
            }
        }
        const std::uint32_t length = (entry >> 24) & 3;
        if (length == 0) return false;
        for (std::uint32_t k = 0; k < length; ++k) out.push_back(static_cast<char>((entry >> (8 * k)) & 0xFF));
    }
    return true;
}

}  // namespace winnow::decode
