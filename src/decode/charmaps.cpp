// Tables for the repair step's code pages, generated into charmaps.inc by generate_charmaps.py.
#include "decode/charmaps.h"

#include <algorithm>

namespace winnow {
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

int SingleByteCharmap::encode(char32_t cp) const {
    if (cp < 0x80) return static_cast<int>(cp);
    if (cp < kDirectLimit) return direct_[cp] != 0 ? direct_[cp] : -1;
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

namespace {

struct ByteRoleMasks {
    std::vector<std::uint16_t> lead;
    std::vector<std::uint16_t> continuation;
};

const ByteRoleMasks& byte_role_masks() {
    static const ByteRoleMasks masks = [] {
        ByteRoleMasks m{std::vector<std::uint16_t>(kDirectLimit, 0), std::vector<std::uint16_t>(kDirectLimit, 0)};
        const auto& charmaps = mojibake_charmaps();
        for (std::size_t k = 0; k < charmaps.size(); ++k) {
            for (unsigned b = 0x80; b < 0x100; ++b) {
                const char32_t cp = charmaps[k].decode(static_cast<unsigned char>(b));
                if (cp >= kDirectLimit) continue;
                if (b >= 0xC2 && b <= 0xF4) m.lead[cp] |= static_cast<std::uint16_t>(1u << k);
                if (b <= 0xBF) m.continuation[cp] |= static_cast<std::uint16_t>(1u << k);
            }
        }
        return m;
    }();
    return masks;
}

std::uint16_t slow_mask(char32_t cp, int lo, int hi) {
    // Above the flat tables only MacRoman has characters: the Apple logo and the fi/fl ligatures.
    if (cp != 0xF8FF && cp != 0xFB01 && cp != 0xFB02) return 0;
    std::uint16_t mask = 0;
    const auto& charmaps = mojibake_charmaps();
    for (std::size_t k = 0; k < charmaps.size(); ++k) {
        const int b = charmaps[k].encode(cp);
        if (b >= lo && b <= hi) mask |= static_cast<std::uint16_t>(1u << k);
    }
    return mask;
}

}  // namespace

std::uint16_t lead_mask(char32_t cp) {
    if (cp < 0x80) return 0;
    return cp < kDirectLimit ? byte_role_masks().lead[cp] : slow_mask(cp, 0xC2, 0xF4);
}

std::uint16_t continuation_mask(char32_t cp) {
    if (cp < 0x80) return 0;
    return cp < kDirectLimit ? byte_role_masks().continuation[cp] : slow_mask(cp, 0x80, 0xBF);
}

const SingleByteCharmap& charmap_named(std::string_view name) {
    for (const auto& charmap : mojibake_charmaps()) {
        if (charmap.name() == name) return charmap;
    }
    return mojibake_charmaps().front();
}

}  // namespace winnow
