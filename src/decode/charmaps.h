// The single-byte code pages whose misreading of UTF-8 the repair step undoes, both directions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace winnow::decode {

// Code points below this have their bytes (and their masks below) in flat tables.
constexpr char32_t kDirectLimit = 0x2600;

class SingleByteCharmap {
public:
    SingleByteCharmap(std::string_view name, const std::array<char32_t, 128>& high);

    std::string_view name() const { return name_; }
    char32_t decode(unsigned char byte) const { return byte < 0x80 ? byte : high_[byte - 0x80]; }
    // The byte that decodes to cp, or -1 when this code page has none.
    int encode(char32_t cp) const {
        if (cp < 0x80) return static_cast<int>(cp);
        if (cp < kDirectLimit) return direct_[cp] != 0 ? direct_[cp] : -1;
        return encode_above_direct_limit(cp);
    }

private:
    int encode_above_direct_limit(char32_t cp) const;

    std::string_view name_;
    std::array<char32_t, 128> high_;
    std::vector<std::pair<char32_t, std::uint8_t>> reverse_;  // sorted by code point
    std::vector<std::uint8_t> direct_;  // byte for each code point below kDirectLimit, 0 when none
};


// For a quick look at a pair of characters: bit k of lead_mask(cp) is set when cp is a UTF-8 lead
// byte (0xC2-0xF4) in mojibake_charmaps()[k], of continuation_mask(cp) when it is 0x80-0xBF there.
namespace charmaps_detail {
// Constant tables behind the two functions below, for code points below kDirectLimit.
extern const std::array<std::uint16_t, kDirectLimit> kLeadMasks;
extern const std::array<std::uint16_t, kDirectLimit> kContinuationMasks;
// The mask of code pages that give cp a byte in [lo, hi], for cp at or above kDirectLimit.
std::uint16_t mask_above_direct_limit(char32_t cp, int lo, int hi);
}  // namespace charmaps_detail

// Above the flat tables only MacRoman has characters: the Apple logo and the fi/fl ligatures.
inline bool in_a_charmap_above_direct_limit(char32_t cp) { return cp == 0xF8FF || cp == 0xFB01 || cp == 0xFB02; }

// Inline: the quick checks ask for these on every non-ASCII character.
inline std::uint16_t lead_mask(char32_t cp) {
    if (cp < 0x80) return 0;
    if (cp < kDirectLimit) return charmaps_detail::kLeadMasks[cp];
    return in_a_charmap_above_direct_limit(cp) ? charmaps_detail::mask_above_direct_limit(cp, 0xC2, 0xF4) : 0;
}
inline std::uint16_t continuation_mask(char32_t cp) {
    if (cp < 0x80) return 0;
    if (cp < kDirectLimit) return charmaps_detail::kContinuationMasks[cp];
    return in_a_charmap_above_direct_limit(cp) ? charmaps_detail::mask_above_direct_limit(cp, 0x80, 0xBF) : 0;
}

// windows-1252, latin-1, windows-1250/1251/1253/1254/1257, iso-8859-2, macintosh, cp437, koi8-r:
// built once, immutable, shared by every caller.
const std::vector<SingleByteCharmap>& mojibake_charmaps();

// The charmap with this name from mojibake_charmaps().
const SingleByteCharmap& charmap_named(std::string_view name);

}  // namespace winnow::decode
