// A hash of byte strings, eight bytes a step, and a flat hash map for the tables a pass over one
// page builds (class lists and tokens, groups of like elements).
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
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
    if (at < s.size()) {  // the last 1-7 bytes, without a call to memcpy of a variable length
        const std::size_t rest = s.size() - at;
        std::uint64_t word = 0;
        if (s.size() >= 8) {
            std::memcpy(&word, s.data() + s.size() - 8, 8);
            word >>= 8 * (8 - rest);  // the bytes before `at` out (which ones, by byte order, only moves the hash)
        } else {
            for (std::size_t k = 0; k < rest; ++k) word |= std::uint64_t{static_cast<unsigned char>(s[at + k])} << (8 * k);
        }
        h = (h ^ word) * kMultiplier;
        h ^= h >> 32;
    }
    return h ^ (h >> 29);
}

// A hash map for one pass over a page: open addressing with linear probing in one array, so
// adding a key allocates nothing but, now and then, a larger array, and a lookup divides nothing
// (the slots are a power of two). Keys that are views must outlive the table.
template <typename Key, typename Value, typename Hash>
class FlatTable {
public:
    explicit FlatTable(std::size_t expected = 0) : slots_(std::bit_ceil(std::max<std::size_t>(16, 2 * expected))) {}

    // The value kept under key, and whether this call added it (value-initialised).
    std::pair<Value*, bool> try_emplace(const Key& key) {
        if (2 * (size_ + 1) > slots_.size()) grow();
        const std::uint64_t hash = Hash{}(key);
        Slot& slot = find_slot(slots_, key, hash);
        if (slot.used) return {&slot.value, false};
        slot = Slot{key, hash, Value{}, true};
        ++size_;
        return {&slot.value, true};
    }
    Value& operator[](const Key& key) { return *try_emplace(key).first; }

    // The value kept under key, or nullptr.
    const Value* find(const Key& key) const {
        const std::uint64_t hash = Hash{}(key);
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            const Slot& slot = slots_[i];
            if (!slot.used) return nullptr;
            if (slot.hash == hash && slot.key == key) return &slot.value;
        }
    }
    bool contains(const Key& key) const { return find(key) != nullptr; }
    bool empty() const { return size_ == 0; }

private:
    struct Slot {
        Key key{};
        std::uint64_t hash = 0;
        Value value{};
        bool used = false;
    };

    static Slot& find_slot(std::vector<Slot>& slots, const Key& key, std::uint64_t hash) {
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

struct BytesHash {
    std::uint64_t operator()(std::string_view s) const { return hash_bytes(s); }
};

template <typename Value>
using StringViewTable = FlatTable<std::string_view, Value, BytesHash>;

// Elements of one kind under one parent: the same tag and the same class/id list.
struct SiblingKind {
    std::size_t parent = 0;
    std::string_view tag, hints;
    bool operator==(const SiblingKind&) const = default;
};

struct SiblingKindHash {
    std::uint64_t operator()(const SiblingKind& k) const {
        return (k.parent * 0x9E3779B97F4A7C15ULL) ^ hash_bytes(k.tag) ^ (hash_bytes(k.hints) * 31);
    }
};

}  // namespace winnow::classify
