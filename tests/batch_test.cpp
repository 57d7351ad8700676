// The batch engine: input order kept whatever the number of workers, per-input failures, size and
// time guards, the summary's invariant and JSON, the progress line.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "batch/ordered_pool.h"
#include "batch/progress.h"
#include "batch/summary.h"

using namespace winnow::batch;
using namespace std::chrono_literals;

namespace {

struct Meta {
    int number = 0;
};

// Inputs "doc-0" … "doc-(n-1)"; processing upper-cases the bytes after a pseudo-random pause, so
// results finish out of order when there are several workers.
Summary run_numbers(std::size_t workers, int count, std::vector<std::string>& delivered,
                    const std::function<void(Job<Meta>&, JobResult<std::string>&)>& extra = {},
                    PoolOptions options = {}) {
    options.workers = workers;
    int next = 0;
    std::function<bool(Job<Meta>&)> produce = [&](Job<Meta>& job) {
        if (next == count) return false;
        job.name = "doc-" + std::to_string(next);
        job.bytes = "text " + std::to_string(next);
        job.meta.number = next++;
        return true;
    };
    std::function<void(Job<Meta>&, JobResult<std::string>&)> process = [&](Job<Meta>& job, JobResult<std::string>& result) {
        std::this_thread::sleep_for(std::chrono::microseconds((job.meta.number * 7919) % 13 * 150));
        if (extra) extra(job, result);
        result.output = job.bytes;
        for (char& c : result.output) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        result.bytes_out = result.output.size();
    };
    std::function<void(Job<Meta>&, JobResult<std::string>&)> deliver = [&](Job<Meta>& job, JobResult<std::string>& result) {
        delivered.push_back(job.name + " " + status_name(result.verdict.status) + " " +
                            (result.verdict.status == Status::cleaned ? result.output : result.verdict.reason));
    };
    return run_ordered<Meta, std::string>(options, produce, process, deliver);
}

}  // namespace

TEST_CASE("results come out in input order with 1, 2 and 4 workers", "[batch]") {
    std::vector<std::string> expected;
    for (int i = 0; i < 60; ++i) expected.push_back("doc-" + std::to_string(i) + " cleaned TEXT " + std::to_string(i));
    for (const std::size_t workers : {1u, 2u, 4u}) {
        INFO("workers " << workers);
        std::vector<std::string> delivered;
        const Summary summary = run_numbers(workers, 60, delivered);
        CHECK(delivered == expected);
        CHECK(summary.seen == 60);
        CHECK(summary.cleaned == 60);
        CHECK(summary.consistent());
        CHECK(summary.bytes_in == summary.bytes_out);
    }
    std::vector<std::string> none;
    const Summary empty = run_numbers(3, 0, none);
    CHECK(none.empty());
    CHECK(empty.seen == 0);
    CHECK(empty.consistent());
}

TEST_CASE("failures in the middle fail only their input, with their reason", "[batch]") {
    auto trouble = [](Job<Meta>& job, JobResult<std::string>& result) {
        if (job.meta.number == 3) throw std::runtime_error("boom");
        if (job.meta.number == 5) throw Failure("binary data", "mostly control bytes");
        if (job.meta.number == 7) result.verdict = {Status::skipped, "empty document", ""};
    };
    for (const std::size_t workers : {1u, 2u, 4u}) {
        std::vector<std::string> delivered;
        const Summary s = run_numbers(workers, 10, delivered, trouble);
        REQUIRE(delivered.size() == 10);
        CHECK(delivered[2] == "doc-2 cleaned TEXT 2");
        CHECK(delivered[3] == "doc-3 failed error");
        CHECK(delivered[5] == "doc-5 failed binary data");
        CHECK(delivered[6] == "doc-6 cleaned TEXT 6");
        CHECK(delivered[9] == "doc-9 cleaned TEXT 9");
        CHECK(s.cleaned == 7);
        CHECK(s.failed == 2);
        CHECK(s.skipped == 1);
        CHECK(s.consistent());
        CHECK(s.failed_by_reason.at("error").first == std::vector<std::string>{"doc-3: boom"});
        CHECK(s.failed_by_reason.at("binary data").first == std::vector<std::string>{"doc-5: mostly control bytes"});
        CHECK(s.skipped_by_reason.at("empty document") == 1);
    }
}

TEST_CASE("inputs decided by the producer are counted in their place, not processed", "[batch]") {
    PoolOptions options;
    options.workers = 2;
    int next = 0;
    std::atomic<int> processed{0};
    std::vector<std::string> order;
    const Summary s = run_ordered<Meta, std::string>(
        options,
        [&](Job<Meta>& job) {
            if (next == 6) return false;
            job.name = "r" + std::to_string(next);
            if (next % 2 == 1) {
                job.verdict = Verdict{Status::skipped, "request record", ""};
                job.input_bytes = 100;
            } else {
                job.bytes = "abc";
            }
            ++next;
            return true;
        },
        [&](Job<Meta>&, JobResult<std::string>&) { ++processed; },
        [&](Job<Meta>& job, JobResult<std::string>& result) { order.push_back(job.name + ":" + status_name(result.verdict.status)); });
    CHECK(processed == 3);
    CHECK(order == std::vector<std::string>{"r0:cleaned", "r1:skipped", "r2:cleaned", "r3:skipped", "r4:cleaned", "r5:skipped"});
    CHECK(s.bytes_in == 3 * 3 + 3 * 100);
    CHECK(s.skipped_by_reason.at("request record") == 3);
}

TEST_CASE("inputs over the size limit or the time budget fail with that reason", "[batch]") {
    PoolOptions options;
    options.max_input_bytes = 6;  // "text 10" and longer are over
    options.time_budget = 200ms;  // wide enough that a loaded machine never pushes the quick jobs over
    auto slow = [](Job<Meta>& job, JobResult<std::string>&) {
        if (job.meta.number == 2) std::this_thread::sleep_for(600ms);
    };
    std::vector<std::string> delivered;
    const Summary s = run_numbers(2, 12, delivered, slow, options);
    REQUIRE(delivered.size() == 12);
    CHECK(delivered[2] == "doc-2 failed over time budget");
    CHECK(delivered[9] == "doc-9 cleaned TEXT 9");
    CHECK(delivered[10] == "doc-10 failed over size limit");
    CHECK(delivered[11] == "doc-11 failed over size limit");
    CHECK(s.failed == 3);
    CHECK(s.failed_by_reason.at("over size limit").first[0] == "doc-10: 7 bytes, over the limit of 6");
    CHECK_THAT(s.failed_by_reason.at("over time budget").first[0], Catch::Contains("over the budget of 0.200 s"));
    CHECK(s.bytes_out == 9 * 6);  // failed outputs are not counted
    CHECK(s.consistent());
}

TEST_CASE("no more than the in-flight bound is produced ahead of delivery", "[batch]") {
    PoolOptions options;
    options.workers = 4;
    options.in_flight = 5;
    int produced = 0;
    int delivered = 0;
    int most_ahead = 0;
    run_ordered<Meta, int>(
        options,
        [&](Job<Meta>& job) {
            if (produced == 100) return false;
            job.name = std::to_string(produced++);
            most_ahead = std::max(most_ahead, produced - delivered);
            return true;
        },
        [&](Job<Meta>&, JobResult<int>&) { std::this_thread::sleep_for(100us); },
        [&](Job<Meta>&, JobResult<int>&) { ++delivered; });
    CHECK(delivered == 100);
    CHECK(most_ahead <= 5);
}

TEST_CASE("no more than the in-flight bytes are produced ahead of delivery, and a large input still goes", "[batch]") {
    PoolOptions options;
    options.workers = 4;
    options.in_flight = 50;
    options.max_bytes_in_flight = 250;
    int produced = 0;
    int delivered = 0;
    int most_ahead = 0;
    run_ordered<Meta, int>(
        options,
        [&](Job<Meta>& job) {
            if (produced == 60) return false;
            // 100 bytes each, and one of 1000: over the cap alone, it is let in when nothing else is in flight.
            job.bytes = std::string(produced == 30 ? 1000 : 100, 'x');
            job.name = std::to_string(produced++);
            most_ahead = std::max(most_ahead, produced - delivered);
            return true;
        },
        [&](Job<Meta>&, JobResult<int>&) { std::this_thread::sleep_for(100us); },
        [&](Job<Meta>&, JobResult<int>&) { ++delivered; });
    CHECK(delivered == 60);
    CHECK(most_ahead == 3);  // 3 × 100 bytes reach the cap of 250
}

TEST_CASE("an exception from the sink stops the run and reaches the caller", "[batch]") {
    std::vector<std::string> delivered;
    PoolOptions options;
    options.workers = 3;
    int next = 0;
    CHECK_THROWS_WITH((run_ordered<Meta, int>(
                          options,
                          [&](Job<Meta>& job) {
                              job.name = std::to_string(next++);
                              return true;  // endless: only the sink's exception ends the run
                          },
                          [&](Job<Meta>&, JobResult<int>&) {},
                          [&](Job<Meta>& job, JobResult<int>&) {
                              if (job.name == "20") throw std::runtime_error("disk full");
                          })),
                      "disk full");
}

TEST_CASE("the summary counts by reason, keeps the first names and writes JSON", "[batch]") {
    Summary s;
    s.add({Status::cleaned, "", ""}, "a.html", 100, 40);
    s.add({Status::skipped, "request record", ""}, "x.warc: record at offset 0", 0, 0);
    for (int i = 0; i < 7; ++i) s.add({Status::failed, "binary data", ""}, "bin" + std::to_string(i), 10, 0);
    s.add({Status::failed, "over size limit", "9 bytes"}, "big \"one\"", 9, 0);
    s.elapsed_seconds = 2;
    CHECK(s.seen == 10);
    CHECK(s.consistent());
    CHECK(s.failed_by_reason.at("binary data").count == 7);
    CHECK(s.failed_by_reason.at("binary data").first.size() == Summary::names_kept);
    std::string json;
    append_summary_json(json, s);
    CHECK(json ==
          "{\"seen\":10,\"cleaned\":1,\"skipped\":1,\"failed\":8,\"skipped_by_reason\":{\"request record\":1},"
          "\"failed_by_reason\":{\"binary data\":{\"count\":7,\"first\":[\"bin0\",\"bin1\",\"bin2\",\"bin3\",\"bin4\"]},"
          "\"over size limit\":{\"count\":1,\"first\":[\"big \\\"one\\\": 9 bytes\"]}},"
          "\"bytes_in\":179,\"bytes_out\":40,\"elapsed_seconds\":2.000,\"documents_per_second\":5.000,\"interrupted\":null}");
    const std::string text = summary_text(s);
    CHECK(text.rfind("10 documents: 1 cleaned, 1 skipped, 8 failed; 179 B in, 40 B out; 2.0 s, 5.0 docs/s\n", 0) == 0);
    CHECK_THAT(text, Catch::Contains("  skipped: 1 request record\n"));
    CHECK_THAT(text, Catch::Contains("  failed: 7 binary data (bin0; bin1; bin2; bin3; bin4; …)\n"));
}

TEST_CASE("the progress line shows counts, rate, a bar and the time left", "[batch]") {
    Summary s;
    for (int i = 0; i < 25; ++i) s.add({Status::cleaned, "", ""}, "x", 2000, 10);
    s.elapsed_seconds = 5;
    CHECK(render_progress(s, {}, 80, false) == "25 docs  50.0 kB  5.0 docs/s");
    CHECK(render_progress(s, {100, 0}, 80, false) ==
          "[#######.......................]  25/100 docs  50.0 kB  5.0 docs/s  ETA 0:15");
    const std::string coloured = render_progress(s, {100, 0}, 80, true);
    CHECK_THAT(coloured, Catch::Contains("\x1b[32m#######\x1b[0m"));
    CHECK(render_progress(s, {100, 0}, 30, false).size() <= 30);
}

TEST_CASE("the progress line is not drawn when standard error is not a terminal", "[batch]") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    {
        Progress progress(fds[1]);
        CHECK_FALSE(progress.enabled());
        Summary s;
        s.add({Status::cleaned, "", ""}, "x", 1, 1);
        progress.update(s);
        progress.finish();
    }
    ::close(fds[1]);
    char byte;
    CHECK(::read(fds[0], &byte, 1) == 0);
    ::close(fds[0]);
}
