// A document's time budget (winnow::Options::time_budget), checked cooperatively: between the
// pipeline's stages and every few thousand iterations of their long loops, so a document that
// takes too long stops promptly with Error(OverBudget) naming it instead of holding a worker.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>
#include <utility>

#include "winnow/types.h"

namespace winnow {

class Deadline {
public:
    using Clock = std::chrono::steady_clock;

    Deadline() = default;  // no budget: never expires
    // The budget starts now; 0 means none.
    Deadline(std::chrono::milliseconds budget, std::string document)
        : budget_(budget), end_(Clock::now() + budget), document_(std::move(document)) {}

    // Throws Error(OverBudget, DOCUMENT, "over the time budget of 2.000 s") once the budget is spent.
    void check() const {
        if (budget_.count() > 0 && Clock::now() >= end_) expire();
    }

    // For a loop's iteration counter: reads the clock on every 4096th iteration only.
    void check_every(std::size_t iteration) const {
        if ((iteration & 4095) == 0) check();
    }

    [[noreturn]] void expire() const {
        char seconds[48];
        std::snprintf(seconds, sizeof seconds, "%.3f s", static_cast<double>(budget_.count()) / 1000.0);
        throw Error(Error::Kind::OverBudget, document_, std::string("over the time budget of ") + seconds);
    }

private:
    std::chrono::milliseconds budget_{0};
    Clock::time_point end_{};
    std::string document_;
};

// Stage options hold a pointer to the document's deadline, null when there is none.
inline void check_deadline(const Deadline* deadline) {
    if (deadline != nullptr) deadline->check();
}
inline void check_deadline(const Deadline* deadline, std::size_t iteration) {
    if (deadline != nullptr) deadline->check_every(iteration);
}

}  // namespace winnow
