// Many documents through one processing function on N worker threads, with a bounded number in
// flight (memory stays a few documents per worker) and results handed on in input order whatever N.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "batch/summary.h"

namespace winnow::batch {

// One input. `meta` is whatever the caller needs beside the bytes (a record's URI, an output path).
// A producer that has already decided an input (a skipped WARC record, a file that could not be
// read) sets `verdict`: the input is then counted and delivered in its place, not processed.
template <class Meta>
struct Job {
    std::string name;   // for messages and the summary's failure list
    std::string bytes;
    std::uint64_t input_bytes = 0;  // counted as bytes in when `bytes` is empty (a skipped record's length)
    Meta meta{};
    std::optional<Verdict> verdict;
};

template <class Output>
struct JobResult {
    Verdict verdict;              // cleaned unless the processing says otherwise
    Output output{};
    std::uint64_t bytes_out = 0;  // set by the processing function, for the summary
    double seconds = 0;           // processing time
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
    // For processing that can stop early: true once the time budget is spent.
    bool over_budget() const { return std::chrono::steady_clock::now() > deadline; }
};

// Thrown by a processing function to fail an input with a reason to count by.
class Failure : public std::runtime_error {
public:
    Failure(std::string reason, const std::string& detail) : std::runtime_error(detail), reason_(std::move(reason)) {}
    const std::string& reason() const { return reason_; }

private:
    std::string reason_;
};

struct PoolOptions {
    std::size_t workers = 0;      // 0: std::thread::hardware_concurrency()
    // Inputs produced but not yet delivered; 0: 8 × workers, so that one slow document at the head
    // of the order does not leave the other workers idle while it finishes.
    std::size_t in_flight = 0;
    // And at most this many bytes of them (one input is always let in, whatever its size); 0: no limit.
    std::uint64_t max_bytes_in_flight = std::uint64_t{64} << 20;
    std::uint64_t max_input_bytes = std::uint64_t{64} << 20;  // larger inputs fail "over size limit"; 0: none
    // 0: none. A slower input fails "over time budget" once its processing returns (a thread cannot
    // be stopped from outside; processing that can stop early checks JobResult::over_budget()).
    std::chrono::nanoseconds time_budget{0};
};

// Runs `produce` (on the calling thread) until it returns false, `process` on the workers, and
// `deliver` on the calling thread in input order (it may still turn a cleaned input into a
// failed one by changing the result's verdict, before the input is counted). Every input is counted in the returned Summary;
// `on_progress`, if given, sees the summary after each delivery. An exception from `process`
// fails that input only (reason "error", or Failure::reason()); one from `produce` or `deliver`
// stops the run and is rethrown once the workers have stopped.
template <class Meta, class Output>
Summary run_ordered(const PoolOptions& options, const std::function<bool(Job<Meta>&)>& produce,
                    const std::function<void(Job<Meta>&, JobResult<Output>&)>& process,
                    const std::function<void(Job<Meta>&, JobResult<Output>&)>& deliver,
                    const std::function<void(const Summary&)>& on_progress = {}) {
    using clock = std::chrono::steady_clock;
    const auto started = clock::now();
    const std::size_t workers =
        options.workers > 0 ? options.workers : std::max<std::size_t>(1, std::thread::hardware_concurrency());
    const std::size_t window = std::max<std::size_t>(1, options.in_flight > 0 ? options.in_flight : 8 * workers);

    struct Slot {
        Job<Meta> job;
        JobResult<Output> result;
        bool ready = false;
        std::uint64_t bytes_counted = 0;  // toward bytes_in_flight
    };
    std::vector<Slot> slots(window);
    std::mutex mutex;
    std::condition_variable work_ready;
    std::condition_variable result_ready;
    std::deque<std::size_t> queue;  // slot numbers waiting for a worker
    bool stopping = false;

    auto run_one = [&](Slot& slot) {
        JobResult<Output>& result = slot.result;
        const auto begin = clock::now();
        if (options.time_budget.count() > 0) result.deadline = begin + options.time_budget;
        try {
            process(slot.job, result);
        } catch (const Failure& failure) {
            result.verdict = {Status::failed, failure.reason(), failure.what()};
        } catch (const std::exception& error) {
            result.verdict = {Status::failed, "error", error.what()};
        } catch (...) {
            result.verdict = {Status::failed, "error", "unknown exception"};
        }
        result.seconds = std::chrono::duration<double>(clock::now() - begin).count();
        if (options.time_budget.count() > 0 && clock::now() > result.deadline && result.verdict.status != Status::failed) {
            char detail[96];
            std::snprintf(detail, sizeof detail, "took %.3f s, over the budget of %.3f s (--time-budget)", result.seconds,
                          std::chrono::duration<double>(options.time_budget).count());
            result.verdict = {Status::failed, "over time budget", detail};
            result.output = Output{};
            result.bytes_out = 0;
        }
    };

    std::vector<std::thread> threads;
    auto stop_workers = [&] {
        {
            std::lock_guard<std::mutex> lock(mutex);
            stopping = true;
        }
        work_ready.notify_all();
        for (std::thread& thread : threads)
            if (thread.joinable()) thread.join();
    };
    struct Stopper {
        std::function<void()> stop;
        ~Stopper() { stop(); }
    } stopper{stop_workers};

    for (std::size_t i = 0; i < workers; ++i) {
        threads.emplace_back([&] {
            for (;;) {
                std::size_t number = 0;
                {
                    std::unique_lock<std::mutex> lock(mutex);
                    work_ready.wait(lock, [&] { return stopping || !queue.empty(); });
                    if (stopping) return;
                    number = queue.front();
                    queue.pop_front();
                }
                run_one(slots[number]);
                {
                    std::lock_guard<std::mutex> lock(mutex);
                    slots[number].ready = true;
                }
                result_ready.notify_all();
            }
        });
    }

    Summary summary;
    std::uint64_t produced = 0;
    std::uint64_t delivered = 0;
    std::uint64_t bytes_in_flight = 0;
    bool exhausted = false;
    for (;;) {
        while (!exhausted && produced - delivered < window &&
               (produced == delivered || options.max_bytes_in_flight == 0 || bytes_in_flight < options.max_bytes_in_flight)) {
            Slot& slot = slots[produced % window];
            slot.job = Job<Meta>{};
            slot.result = JobResult<Output>{};
            if (!produce(slot.job)) {
                exhausted = true;
                break;
            }
            ++produced;
            slot.bytes_counted = slot.job.bytes.size();
            bytes_in_flight += slot.bytes_counted;
            if (!slot.job.verdict && options.max_input_bytes > 0 && slot.job.bytes.size() > options.max_input_bytes)
                slot.job.verdict = Verdict{Status::failed, "over size limit",
                                           std::to_string(slot.job.bytes.size()) + " bytes, over the limit of " +
                                               std::to_string(options.max_input_bytes)};
            if (slot.job.verdict) {
                slot.result.verdict = *slot.job.verdict;
                std::lock_guard<std::mutex> lock(mutex);
                slot.ready = true;
                continue;
            }
            {
                std::lock_guard<std::mutex> lock(mutex);
                queue.push_back(static_cast<std::size_t>((produced - 1) % window));
            }
            work_ready.notify_one();
        }
        if (delivered == produced) break;
        Slot& slot = slots[delivered % window];
        {
            std::unique_lock<std::mutex> lock(mutex);
            result_ready.wait(lock, [&] { return slot.ready; });
            slot.ready = false;
        }
        deliver(slot.job, slot.result);  // may still fail the input (its output could not be written)
        summary.add(slot.result.verdict, slot.job.name,
                    std::max<std::uint64_t>(slot.job.bytes.size(), slot.job.input_bytes), slot.result.bytes_out);
        summary.elapsed_seconds = std::chrono::duration<double>(clock::now() - started).count();
        bytes_in_flight -= slot.bytes_counted;
        slot.job = Job<Meta>{};  // free the document now, not when the slot is next used
        slot.result = JobResult<Output>{};
        ++delivered;
        if (on_progress) on_progress(summary);
    }
    summary.elapsed_seconds = std::chrono::duration<double>(clock::now() - started).count();
    return summary;
}

}  // namespace winnow::batch
