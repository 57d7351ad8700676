// A hash of byte strings, eight bytes a step, and a map from string views to values built on it
// for one pass over a page (class lists and tokens, read once each).
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

namespace winnow::classify {

inline std::uint64_t hash_bytes(std::string_view s) {
    constexpr std::uint64_t kMultiplier = 0xFF51AFD7ED558CCDULL;
    std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ s.size();
    std::size_t at = 0;
    for (; at + 8 <= s.size(); at += 8) {
        std::uint64_t word;
        std::memcpy(&word, s.data() + at, 8);
        h = (h ^ word) * kMultiplier;
        h ^= h >> 32;
    }
    if (at < s.size()) {
        std::uint64_t word = 0;
        std::memcpy(&word, s.data() + at, s.size() - at);
        h = (h ^ word) * kMultiplier;
        h ^= h >> 32;
    }
    return h ^ (h >> 29);
}

// Keys are views: what they view must outlive the table. Open addressing with linear probing in
// one array, so adding a key allocates nothing but, now and then, a larger array.
template <typename Value>
class StringViewTable {
public:
    explicit StringViewTable(std::size_t expected = 0) : slots_(std::bit_ceil(std::max<std::size_t>(16, 2 * expected))) {}

    // The value kept under key, and whether this call added it (value-initialised).
    std::pair<Value*, bool> try_emplace(std::string_view key) {
        if (2 * (size_ + 1) > slots_.size()) grow();
        const std::uint64_t hash = hash_bytes(key);
        Slot& slot = find_slot(slots_, key, hash);
        if (slot.used) return {&slot.value, false};
        slot = Slot{key, hash, Value{}, true};
        ++size_;
        return {&slot.value, true};
    }

private:
    struct Slot {
        std::string_view key;
        std::uint64_t hash = 0;
        Value value{};
        bool used = false;
    };

    static Slot& find_slot(std::vector<Slot>& slots, std::string_view key, std::uint64_t hash) {
        const std::size_t mask = slots.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot& slot = slots[i];
            if (!slot.used || (slot.hash == hash && slot.key == key)) return slot;
        }
    }

    void grow() {
        std::vector<Slot> larger(2 * slots_.size());
        for (Slot& slot : slots_) {
            if (slot.used) find_slot(larger, slot.key, slot.hash) = std::move(slot);
        }
        slots_ = std::move(larger);
    }

    std::vector<Slot> slots_;
    std::size_t size_ = 0;
};

}  // namespace winnow::classify
