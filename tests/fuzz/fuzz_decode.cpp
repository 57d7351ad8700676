// Fuzz target: the decode stage (sniffing, iconv conversion, mojibake repair) on arbitrary bytes.
// The first byte picks the options (declared charset, HTML or not, repair on or off), the rest is
// the document.
#include <cstddef>
#include <cstdint>
#include <string>

#include "decode/decode.h"
#include "decode/utf8.h"
#include "fuzz_input.h"

namespace {
constexpr const char* kCharsets[] = {"", "", "", "", "utf-8", "windows-1252", "shift_jis", "euc-jp",
                                     "iso-2022-jp", "gb18030", "big5", "utf-16le", "utf-16be",
                                     "iso-2022-kr", "koi8-r", "no-such-charset"};
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const unsigned char knobs = data[0];
    const std::string_view bytes = winnow::fuzz::as_bytes(data + 1, size - 1);
    winnow::decode::DecodeOptions options;
    options.charset = kCharsets[knobs & 0x0f];
    options.is_html = (knobs & 0x10) != 0;
    options.repair = (knobs & 0x20) == 0;
    winnow::Decoded decoded = winnow::decode::decode(bytes, options);
    // The promise every later stage relies on: the text is valid UTF-8.
    if (winnow::decode::valid_utf8_prefix(decoded.text) != decoded.text.size()) __builtin_trap();
    if (knobs & 0x40) {
        // A late <meta> naming another encoding: decode again as it says.
        const std::string label = winnow::decode::extract_charset_from_content(bytes.substr(0, 200));
        if (!label.empty()) {
            auto again = winnow::decode::redecode_for_late_meta(bytes, decoded.report, label, options);
            if (again && winnow::decode::valid_utf8_prefix(again->text) != again->text.size()) __builtin_trap();
        }
    }
    if (knobs & 0x80) {
        // Repair on its own, over valid UTF-8 it did not produce.
        std::string text = winnow::fuzz::valid_utf8(bytes);
        winnow::decode::repair_mojibake(text);
        if (winnow::decode::valid_utf8_prefix(text) != text.size()) __builtin_trap();
    }
    return 0;
}
