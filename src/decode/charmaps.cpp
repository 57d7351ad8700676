// Tables for the repair step's code pages, generated into charmaps.inc by generate_charmaps.py.
#include "decode/charmaps.h"

#include <algorithm>
#include <iterator>

namespace winnow::decode {
namespace {

struct CharmapSource {
    std::string_view name;
    std::array<char32_t, 128> high;
};

constexpr CharmapSource kCharmaps[] = {
#include "decode/charmaps.inc"
};

}  // namespace

SingleByteCharmap::SingleByteCharmap(std::string_view name, const std::array<char32_t, 128>& high)
    : name_(name), high_(high) {
    for (unsigned b = 0; b < 128; ++b) reverse_.emplace_back(high_[b], static_cast<std::uint8_t>(b + 0x80));
    std::sort(reverse_.begin(), reverse_.end());
    direct_.assign(kDirectLimit, 0);
    for (const auto& [cp, byte] : reverse_) {
        if (cp < kDirectLimit) direct_[cp] = byte;
    }
}

int SingleByteCharmap::encode_above_direct_limit(char32_t cp) const {
    const auto it = std::lower_bound(reverse_.begin(), reverse_.end(), std::pair<char32_t, std::uint8_t>{cp, 0});
    if (it == reverse_.end() || it->first != cp) return -1;
    return it->second;
}

const std::vector<SingleByteCharmap>& mojibake_charmaps() {
    static const std::vector<SingleByteCharmap> charmaps = [] {
        std::vector<SingleByteCharmap> all;
        for (const auto& source : kCharmaps) all.emplace_back(source.name, source.high);
        return all;
    }();
    return charmaps;
}

namespace charmaps_detail {
namespace {

// Bit k of masks[cp] is set when byte b in [lo, hi] of kCharmaps[k] decodes to cp.
constexpr std::array<std::uint16_t, kDirectLimit> byte_role_masks(unsigned lo, unsigned hi) {
    std::array<std::uint16_t, kDirectLimit> masks{};
    for (std::size_t k = 0; k < std::size(kCharmaps); ++k) {
        for (unsigned b = lo; b <= hi; ++b) {
            const char32_t cp = kCharmaps[k].high[b - 0x80];
            if (cp < kDirectLimit) masks[cp] |= static_cast<std::uint16_t>(1u << k);
        }
    }
    return masks;
}

}  // namespace

constexpr std::array<std::uint16_t, kDirectLimit> kLeadMasks = byte_role_masks(0xC2, 0xF4);
constexpr std::array<std::uint16_t, kDirectLimit> kContinuationMasks = byte_role_masks(0x80, 0xBF);

std::uint16_t mask_above_direct_limit(char32_t cp, int lo, int hi) {
    if (!in_a_charmap_above_direct_limit(cp)) return 0;
    std::uint16_t mask = 0;
    const auto& charmaps = mojibake_charmaps();
    for (std::size_t k = 0; k < charmaps.size(); ++k) {
        const int b = charmaps[k].encode(cp);
        if (b >= lo && b <= hi) mask |= static_cast<std::uint16_t>(1u << k);
    }
    return mask;
}

}  // namespace charmaps_detail

const SingleByteCharmap& charmap_named(std::string_view name) {
    for (const auto& charmap : mojibake_charmaps()) {
        if (charmap.name() == name) return charmap;
    }
    return mojibake_charmaps().front();
}

}  // namespace winnow::decode
