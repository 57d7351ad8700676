// Aho–Corasick automaton: finds every occurrence of many byte-string keys in one pass over a text.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace winnow::classify {

class PhraseMatcher {
public:
    // Adds a key; `id` is returned with each occurrence. Keys may repeat with different ids.
    void add(std::string_view key, std::uint32_t id);

    // Builds the automaton; call once after the last add().
    void build();

    // Calls on_match(id, begin, end) for every occurrence of every key in text.
    template <typename OnMatch>
    void scan(std::string_view text, OnMatch&& on_match) const {
        if (states_ == 0) return;
        // Each transition holds the target row's offset; the top bit marks states with outputs.
        std::uint32_t row = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const std::uint32_t next = transitions_[row + byte_class_[static_cast<unsigned char>(text[i])]];
            row = next & ~kHasOutput;
            if (next & kHasOutput) {
                const std::uint32_t state = row / classes_;
                for (std::uint32_t k = output_begin_[state]; k < output_begin_[state + 1]; ++k) {
                    const Output& out = outputs_[k];
                    on_match(out.id, i + 1 - out.length, i + 1);
                }
            }
        }
    }

private:
    static constexpr std::uint32_t kHasOutput = 0x80000000u;
    struct Output {
        std::uint32_t id;
        std::uint32_t length;
    };
    // The trie before build(), in flat arrays (no allocation per node): each node's children and
    // keys are linked lists, in the order they were added. 0 ends a list (the root is no child).
    static constexpr std::uint32_t kNone = 0;
    struct TrieNode {
        std::uint32_t first_child = kNone;
        std::uint32_t next_sibling = kNone;
        std::uint32_t first_key = kNone;  // 1 + index into keys_
        std::uint32_t last_key = kNone;
        std::uint8_t byte = 0;            // the byte that leads here from the parent
    };
    struct KeyLink {
        Output output;
        std::uint32_t next = kNone;  // 1 + index of the node's next key
    };

    std::vector<TrieNode> trie_{TrieNode{}};
    std::vector<KeyLink> keys_;
    std::array<std::uint8_t, 256> byte_class_{};
    std::uint32_t classes_ = 0;
    std::uint32_t states_ = 0;
    std::unique_ptr<std::uint32_t[]> transitions_;  // states_ × classes_: target row offset | kHasOutput
    std::vector<std::uint32_t> output_begin_;  // states_ + 1 offsets into outputs_
    std::vector<Output> outputs_;
};

}  // namespace winnow::classify
