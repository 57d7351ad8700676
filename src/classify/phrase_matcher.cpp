// Aho–Corasick construction: trie, then failure links resolved into a dense DFA over byte classes.
#include "classify/phrase_matcher.h"

#include <deque>
#include <stdexcept>

namespace winnow {

void PhraseMatcher::add(std::string_view key, std::uint32_t id) {
    if (states_ != 0) throw std::logic_error("PhraseMatcher::add after build");
    if (key.empty()) return;
    std::uint32_t node = 0;
    for (char ch : key) {
        const auto byte = static_cast<std::uint8_t>(ch);
        std::uint32_t next = 0;
        for (const auto& [b, child] : trie_[node].children)
            if (b == byte) next = child;
        if (next == 0) {
            next = static_cast<std::uint32_t>(trie_.size());
            trie_[node].children.emplace_back(byte, next);
            trie_.emplace_back();
        }
        node = next;
    }
    trie_[node].outputs.push_back({id, static_cast<std::uint32_t>(key.size())});
}

void PhraseMatcher::build() {
    // Bytes that occur in no key share class 0, so the table stays small.
    byte_class_.fill(0);
    classes_ = 1;
    for (const auto& node : trie_)
        for (const auto& [b, child] : node.children)
            if (byte_class_[b] == 0) byte_class_[b] = static_cast<std::uint8_t>(classes_++);
    if (classes_ > 255) throw std::length_error("too many distinct bytes in patterns");

    states_ = static_cast<std::uint32_t>(trie_.size());
    transitions_.assign(static_cast<std::size_t>(states_) * classes_, 0);
    std::vector<std::uint32_t> fail(states_, 0);
    std::vector<std::vector<Output>> outputs(states_);

    // Breadth-first: a state's failure target is always shallower, so it is complete when needed.
    std::deque<std::uint32_t> queue;
    for (const auto& [b, child] : trie_[0].children) {
        transitions_[byte_class_[b]] = child;
        queue.push_back(child);
    }
    outputs[0] = trie_[0].outputs;
    while (!queue.empty()) {
        const std::uint32_t state = queue.front();
        queue.pop_front();
        outputs[state] = trie_[state].outputs;
        const auto& inherited = outputs[fail[state]];
        outputs[state].insert(outputs[state].end(), inherited.begin(), inherited.end());
        std::uint32_t* row = &transitions_[static_cast<std::size_t>(state) * classes_];
        const std::uint32_t* fail_row = &transitions_[static_cast<std::size_t>(fail[state]) * classes_];
        for (std::uint32_t c = 0; c < classes_; ++c) row[c] = fail_row[c];
        for (const auto& [b, child] : trie_[state].children) {
            fail[child] = fail_row[byte_class_[b]];
            row[byte_class_[b]] = child;
            queue.push_back(child);
        }
    }

    // Store row offsets instead of state numbers, flagged when the target state reports matches.
    if (static_cast<std::uint64_t>(states_) * classes_ >= kHasOutput) throw std::length_error("patterns too large");
    for (std::uint32_t& target : transitions_)
        target = target * classes_ | (outputs[target].empty() ? 0u : kHasOutput);

    output_begin_.assign(states_ + 1, 0);
    outputs_.clear();
    for (std::uint32_t s = 0; s < states_; ++s) {
        output_begin_[s] = static_cast<std::uint32_t>(outputs_.size());
        outputs_.insert(outputs_.end(), outputs[s].begin(), outputs[s].end());
    }
    output_begin_[states_] = static_cast<std::uint32_t>(outputs_.size());
    trie_.clear();
    trie_.shrink_to_fit();
}

}  // namespace winnow
