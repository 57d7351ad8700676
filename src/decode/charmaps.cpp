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
}

int SingleByteCharmap::encode(char32_t cp) const {
    if (cp < 0x80) return static_cast<int>(cp);
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

const SingleByteCharmap& charmap_named(std::string_view name) {
    for (const auto& charmap : mojibake_charmaps()) {
        if (charmap.name() == name) return charmap;
    }
    return mojibake_charmaps().front();
}

}  // namespace winnow
