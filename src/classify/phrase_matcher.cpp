// Aho–Corasick construction: trie, then failure links resolved into a dense DFA over byte classes.
#include "classify/phrase_matcher.h"

#include <algorithm>
#include <stdexcept>

namespace winnow::classify {

void PhraseMatcherBuilder::add(std::string_view key, std::uint32_t id) {
    if (key.empty()) return;
    std::uint32_t node = 0;
    for (char ch : key) {
        const auto byte = static_cast<std::uint8_t>(ch);
        std::uint32_t child = trie_[node].first_child, last = kNone;
        while (child != kNone && trie_[child].byte != byte) {
            last = child;
            child = trie_[child].next_sibling;
        }
        if (child == kNone) {
            child = static_cast<std::uint32_t>(trie_.size());
            trie_.push_back(TrieNode{});
            trie_.back().byte = byte;
            if (last == kNone) trie_[node].first_child = child;
            else trie_[last].next_sibling = child;
        }
        node = child;
    }
    keys_.push_back({{id, static_cast<std::uint32_t>(key.size())}, kNone});
    const auto link = static_cast<std::uint32_t>(keys_.size());
    if (trie_[node].last_key == kNone) trie_[node].first_key = link;
    else keys_[trie_[node].last_key - 1].next = link;
    trie_[node].last_key = link;
}

PhraseTables PhraseMatcherBuilder::build() const {
    PhraseTables t;
    constexpr std::uint32_t kHasOutput = PhraseTables::kHasOutput;
    // Bytes that occur in no key share class 0, so the table stays small.
    t.classes = 1;
    for (std::size_t node = 1; node < trie_.size(); ++node) {
        const std::uint8_t b = trie_[node].byte;
        if (t.byte_class[b] == 0) t.byte_class[b] = static_cast<std::uint8_t>(t.classes++);
    }
    if (t.classes > 255) throw std::length_error("too many distinct bytes in patterns");
    if (trie_.size() == 1) return PhraseTables{};  // no keys: a matcher that finds nothing
    t.states = static_cast<std::uint32_t>(trie_.size());
    const std::uint32_t classes = t.classes, states = t.states;
    if (static_cast<std::uint64_t>(states) * classes >= kHasOutput) throw std::length_error("patterns too large");

    // States are numbered in breadth-first order, the root 0: the shallow states, where a scan of
    // ordinary text spends nearly all its steps, then share a few cache lines of the table.
    std::vector<std::uint32_t> bfs{0};  // trie node of each state
    bfs.reserve(states);
    for (std::size_t next = 0; next < bfs.size(); ++next) {
        for (std::uint32_t child = trie_[bfs[next]].first_child; child != kNone; child = trie_[child].next_sibling)
            bfs.push_back(child);
    }
    std::vector<std::uint32_t> state_of(states, 0);  // trie node → state
    for (std::uint32_t s = 0; s < states; ++s) state_of[bfs[s]] = s;

    // Each transition is written once, final: the target's row offset, flagged when the target
    // reports matches (its own keys, or those of its failure state, which is always shallower and
    // so already settled in breadth-first order). Every row starts as a copy of its failure row.
    t.transitions.assign(static_cast<std::size_t>(states) * classes, 0u);
    std::uint32_t* transitions = t.transitions.data();
    std::vector<std::uint32_t> fail(states, 0);  // by state
    auto settle = [&](std::uint32_t* row, std::uint32_t child, std::uint32_t child_fail) {
        const std::uint32_t target = child_fail & ~kHasOutput;
        fail[state_of[child]] = target / classes;
        const bool reports = trie_[child].first_key != kNone || (child_fail & kHasOutput) != 0;
        row[t.byte_class[trie_[child].byte]] = state_of[child] * classes | (reports ? kHasOutput : 0u);
    };
    for (std::uint32_t child = trie_[0].first_child; child != kNone; child = trie_[child].next_sibling)
        settle(transitions, child, 0);
    for (std::uint32_t state = 1; state < states; ++state) {
        std::uint32_t* row = &transitions[static_cast<std::size_t>(state) * classes];
        const std::uint32_t* fail_row = &transitions[static_cast<std::size_t>(fail[state]) * classes];
        std::copy_n(fail_row, classes, row);
        for (std::uint32_t child = trie_[bfs[state]].first_child; child != kNone; child = trie_[child].next_sibling)
            settle(row, child, fail_row[t.byte_class[trie_[child].byte]]);
    }

    // A state's outputs: its own keys, then its failure state's (already listed: shallower).
    t.output_begin.assign(states + 1, 0);
    for (std::uint32_t state = 1; state < states; ++state) {
        t.output_begin[state] = static_cast<std::uint32_t>(t.outputs.size());
        for (std::uint32_t link = trie_[bfs[state]].first_key; link != kNone; link = keys_[link - 1].next)
            t.outputs.push_back(keys_[link - 1].output);
        const std::uint32_t f = fail[state];
        for (std::uint32_t k = t.output_begin[f]; k < t.output_begin[f + 1]; ++k) t.outputs.push_back(t.outputs[k]);
    }
    t.output_begin[states] = static_cast<std::uint32_t>(t.outputs.size());
    return t;
}

}  // namespace winnow::classify
