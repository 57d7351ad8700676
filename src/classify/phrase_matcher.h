// Aho–Corasick automaton: finds every occurrence of many byte-string keys in one pass over a text.
// PhraseMatcherBuilder turns keys into flat tables (PhraseTables); PhraseMatcher scans with tables
// it does not own, so they can live in the binary (compiled at build time) or in a Patterns' blob.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace winnow::classify {

struct PhraseOutput {
    std::uint32_t id;
    std::uint32_t length;
};

// A finished automaton as arrays: states × classes transitions, each the target's row offset
// (state × classes) with kHasOutput set when the target reports matches; a state's matches are
// outputs[output_begin[state] .. output_begin[state + 1]).
struct PhraseTables {
    static constexpr std::uint32_t kHasOutput = 0x80000000u;
    std::array<std::uint8_t, 256> byte_class{};  // bytes in no key share class 0
    std::uint32_t classes = 0;
    std::uint32_t states = 0;
    std::vector<std::uint32_t> transitions;
    std::vector<std::uint32_t> output_begin;  // states + 1
    std::vector<PhraseOutput> outputs;
};

// Scans text with tables held elsewhere (which must outlive it).
class PhraseMatcher {
public:
    PhraseMatcher() = default;
    PhraseMatcher(const std::uint8_t* byte_class, std::uint32_t classes, std::uint32_t states,
                  const std::uint32_t* transitions, const std::uint32_t* output_begin, const PhraseOutput* outputs)
        : byte_class_(byte_class), classes_(classes), states_(states), transitions_(transitions),
          output_begin_(output_begin), outputs_(outputs) {}
    explicit PhraseMatcher(const PhraseTables& t)
        : PhraseMatcher(t.byte_class.data(), t.classes, t.states, t.transitions.data(), t.output_begin.data(),
                        t.outputs.data()) {}

    // Calls on_match(id, begin, end) for every occurrence of every key in text.
    template <typename OnMatch>
    void scan(std::string_view text, OnMatch&& on_match) const {
        if (states_ == 0) return;
        std::uint32_t row = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const std::uint32_t next = transitions_[row + byte_class_[static_cast<unsigned char>(text[i])]];
            row = next & ~PhraseTables::kHasOutput;
            if (next & PhraseTables::kHasOutput) {
                const std::uint32_t state = row / classes_;
                for (std::uint32_t k = output_begin_[state]; k < output_begin_[state + 1]; ++k) {
                    const PhraseOutput& out = outputs_[k];
                    on_match(out.id, i + 1 - out.length, i + 1);
                }
            }
        }
    }

private:
    const std::uint8_t* byte_class_ = nullptr;
    std::uint32_t classes_ = 0;
    std::uint32_t states_ = 0;
    const std::uint32_t* transitions_ = nullptr;
    const std::uint32_t* output_begin_ = nullptr;
    const PhraseOutput* outputs_ = nullptr;
};

class PhraseMatcherBuilder {
public:
    // Adds a key; `id` is returned with each occurrence. Keys may repeat with different ids.
    void add(std::string_view key, std::uint32_t id);

    // The automaton of every key added. Throws std::length_error if the tables would not fit.
    PhraseTables build() const;

private:
    // The trie in flat arrays (no allocation per node): each node's children and keys are linked
    // lists, in the order they were added. 0 ends a list (the root is no child).
    static constexpr std::uint32_t kNone = 0;
    struct TrieNode {
        std::uint32_t first_child = kNone;
        std::uint32_t next_sibling = kNone;
        std::uint32_t first_key = kNone;  // 1 + index into keys_
        std::uint32_t last_key = kNone;
        std::uint8_t byte = 0;            // the byte that leads here from the parent
    };
    struct KeyLink {
        PhraseOutput output;
        std::uint32_t next = kNone;  // 1 + index of the node's next key
    };

    std::vector<TrieNode> trie_{TrieNode{}};
    std::vector<KeyLink> keys_;
};

}  // namespace winnow::classify
