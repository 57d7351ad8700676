// The compiled form of the patterns: one flat blob of fixed-layout records, written by
// PatternsBuilder::compile() and read in place by Patterns (no parsing, no copy of the big tables).
//
// Layout: a Header, then sections in a fixed order, each a 64-bit record count followed by the
// records, every section starting at a multiple of 8 bytes. The blob holds this build's native
// layout (byte order, record sizes); the header records both, and a blob of any other layout is
// refused, so a stale or foreign blob can only fall back to compiling the text, never be misread.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace winnow::classify::tables {

inline constexpr char kMagic[8] = {'w', 'i', 'n', 'n', 'o', 'w', 'P', 'T'};
inline constexpr std::uint32_t kFormatVersion = 3;
inline constexpr std::uint32_t kByteOrderMark = 0x01020304u;

// A string in the blob's string pool.
struct StringRef {
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
};

struct EntryRecord {  // one phrase
    StringRef phrase;  // normalised
    StringRef source;  // "en/cookie.txt:12"
    std::uint8_t kind = 0;      // PhraseKind
    std::uint8_t category = 0;  // Category
    std::uint8_t anchor = 0;    // Anchor
    std::uint8_t unused = 0;
};

// Stopwords live in an open-addressing table keyed by the word's bytes packed into two 64-bit
// integers: one multiply to hash, two compares to match. Words longer than 16 bytes are never
// stopwords. A slot with bits 0 is empty (every stored word has a language).
struct StopwordSlot {
    std::uint64_t low = 0;   // bytes 0–7, little end first, zero padded
    std::uint64_t high = 0;  // bytes 8–15, zero padded, with the length in the top five bits
    std::uint32_t bits = 0;
    std::uint32_t unused = 0;
};
inline constexpr std::size_t kMaxStopwordLength = 16;

// Packs a word followed by at least 16 readable bytes (two loads).
inline StopwordSlot pack_stopword(const char* word, std::size_t length) {
    StopwordSlot key;
    std::memcpy(&key.low, word, 8);
    std::memcpy(&key.high, word + 8, 8);
    if (length < 8) {
        key.low &= (std::uint64_t{1} << (8 * length)) - 1;
        key.high = 0;
    } else if (length < 16) {
        key.high &= (std::uint64_t{1} << (8 * (length - 8))) - 1;
    }
    key.high ^= static_cast<std::uint64_t>(length) << 59;
    return key;
}
inline std::size_t hash_stopword(const StopwordSlot& key) {
    const std::uint64_t h = (key.low * 0x9E3779B97F4A7C15ULL) ^ (key.high * 0xC2B2AE3D27D4EB4FULL);
    return static_cast<std::size_t>(h ^ (h >> 29));
}

struct DomTokenRecord {
    StringRef token;
    std::uint32_t category = 0;
    std::uint32_t page_types = 0;  // bit per PageType the token is read on; 0: every page
};

struct PageHintRecord {
    std::uint32_t type = 0;    // PageType
    std::uint32_t signal = 0;  // PageTypeHint::Signal
    double threshold = 0;
    double weight = 0;
    StringRef value;
    StringRef source;
};

struct SettingRecord {
    StringRef name;
    double value = 0;
};

struct Header {
    char magic[8] = {};
    std::uint32_t format_version = 0;
    std::uint32_t byte_order_mark = 0;
    // Record sizes, so a blob from a build that lays them out differently is refused.
    std::uint32_t entry_size = 0, slot_size = 0, dom_size = 0, hint_size = 0, setting_size = 0, output_size = 0;
    std::uint64_t longest_stopword = 0;
    std::uint32_t phrase_classes = 0;  // PhraseTables::classes
    std::uint32_t phrase_states = 0;   // PhraseTables::states
};

// Appends records, 8-byte aligned sections.
class Writer {
public:
    template <typename T>
    void section(const T* records, std::size_t count) {
        const std::uint64_t n = count;
        append(&n, sizeof n);
        if (count) append(records, count * sizeof(T));
        pad();
    }
    void header(const Header& h) {
        append(&h, sizeof h);
        pad();
    }
    std::string take() { return std::move(out_); }

private:
    void append(const void* bytes, std::size_t n) { out_.append(static_cast<const char*>(bytes), n); }
    void pad() { out_.append((8 - out_.size() % 8) % 8, '\0'); }
    std::string out_;
};

// Reads sections in place; any overrun or misalignment makes ok() false and every later read empty.
class Reader {
public:
    explicit Reader(std::string_view blob) : blob_(blob) {
        if (reinterpret_cast<std::uintptr_t>(blob.data()) % 8 != 0) ok_ = false;
    }
    template <typename T>
    struct Span {
        const T* data = nullptr;
        std::size_t size = 0;
        const T& operator[](std::size_t i) const { return data[i]; }
        const T* begin() const { return data; }
        const T* end() const { return data + size; }
    };
    bool header(Header& h) {
        if (!ok_ || blob_.size() < sizeof h) return ok_ = false;
        std::memcpy(&h, blob_.data(), sizeof h);
        pos_ = (sizeof h + 7) / 8 * 8;
        return true;
    }
    template <typename T>
    Span<T> section() {
        std::uint64_t n = 0;
        if (!ok_ || blob_.size() - pos_ < sizeof n) return fail<T>();
        std::memcpy(&n, blob_.data() + pos_, sizeof n);
        pos_ += sizeof n;
        if (n > (blob_.size() - pos_) / sizeof(T)) return fail<T>();
        Span<T> span{reinterpret_cast<const T*>(blob_.data() + pos_), static_cast<std::size_t>(n)};
        pos_ += (n * sizeof(T) + 7) / 8 * 8;
        if (pos_ > blob_.size()) return fail<T>();
        return span;
    }
    bool ok() const { return ok_; }
    bool at_end() const { return ok_ && pos_ == blob_.size(); }

private:
    template <typename T>
    Span<T> fail() {
        ok_ = false;
        return {};
    }
    std::string_view blob_;
    std::size_t pos_ = 0;
    bool ok_ = true;
};

}  // namespace winnow::classify::tables
