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

    // Each transition is written once, final: the target's row offset, flagged when the target
    // reports matches (its own keys, or those of its failure state, which is always shallower and
    // so already settled in breadth-first order). Every row starts as a copy of its failure row.
    t.transitions.assign(static_cast<std::size_t>(states) * classes, 0u);
    std::uint32_t* transitions = t.transitions.data();
    std::vector<std::uint32_t> fail(states, 0);
    std::vector<std::uint32_t> order;  // breadth-first
    order.reserve(states);
    auto settle = [&](std::uint32_t* row, std::uint32_t child, std::uint32_t child_fail) {
        const std::uint32_t target = child_fail & ~kHasOutput;
        fail[child] = target / classes;
        const bool reports = trie_[child].first_key != kNone || (child_fail & kHasOutput) != 0;
        row[t.byte_class[trie_[child].byte]] = child * classes | (reports ? kHasOutput : 0u);
        order.push_back(child);
    };
    for (std::uint32_t child = trie_[0].first_child; child != kNone; child = trie_[child].next_sibling)
        settle(transitions, child, 0);
    for (std::size_t next = 0; next < order.size(); ++next) {
        const std::uint32_t state = order[next];
        std::uint32_t* row = &transitions[static_cast<std::size_t>(state) * classes];
        const std::uint32_t* fail_row = &transitions[static_cast<std::size_t>(fail[state]) * classes];
        std::copy_n(fail_row, classes, row);
        for (std::uint32_t child = trie_[state].first_child; child != kNone; child = trie_[child].next_sibling)
            settle(row, child, fail_row[t.byte_class[trie_[child].byte]]);
    }

    // A state's outputs: its own keys, then its failure state's (already listed: shallower).
    std::vector<std::uint32_t> begin(states, 0), count(states, 0);
    std::vector<PhraseOutput> listed;
    for (const std::uint32_t state : order) {
        begin[state] = static_cast<std::uint32_t>(listed.size());
        for (std::uint32_t link = trie_[state].first_key; link != kNone; link = keys_[link - 1].next)
            listed.push_back(keys_[link - 1].output);
        const std::uint32_t f = fail[state];
        for (std::uint32_t k = 0; k < count[f]; ++k) listed.push_back(listed[begin[f] + k]);
        count[state] = static_cast<std::uint32_t>(listed.size()) - begin[state];
    }
    t.output_begin.assign(states + 1, 0);
    t.outputs.reserve(listed.size());
    for (std::uint32_t s = 0; s < states; ++s) {
        t.output_begin[s] = static_cast<std::uint32_t>(t.outputs.size());
        t.outputs.insert(t.outputs.end(), listed.begin() + begin[s], listed.begin() + begin[s] + count[s]);
    }
    t.output_begin[states] = static_cast<std::uint32_t>(t.outputs.size());
    return t;
}

}  // namespace winnow::classify
