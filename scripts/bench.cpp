// Benchmark driver: throughput of each pipeline stage and of the whole pipeline on given files.
// Usage: winnow-bench [--repeat N] FILE...   (prints MB/s per stage and peak memory)
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "classify/classify.h"
#include "decode/decode.h"
#include "input/file_source.h"
#include "segment/segment.h"
#include "api/pipeline.h"
#include "winnow/winnow.h"
#include "write/write.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void report(const char* stage, double bytes, double seconds) {
    std::printf("%-28s %9.1f MB/s  (%.3f s)\n", stage, bytes / 1e6 / seconds, seconds);
}

}  // namespace

int main(int argc, char** argv) {
    int repeat = 3;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--repeat" && i + 1 < argc) repeat = std::atoi(argv[++i]);
        else files.push_back(arg);
    }
    if (files.empty()) {
        std::fprintf(stderr, "usage: winnow-bench [--repeat N] FILE...\n");
        return 2;
    }
    std::vector<std::string> inputs;
    double total = 0;
    for (const auto& f : files) {
        try {
            inputs.push_back(winnow::input::read_whole_file(f));
        } catch (const winnow::Error& e) {
            std::fprintf(stderr, "winnow-bench: %s\n", e.what());
            return 1;
        }
        total += static_cast<double>(inputs.back().size());
    }
    const winnow::classify::Patterns patterns = winnow::classify::Patterns::embedded();
    const winnow::Cleaner cleaner;
    winnow::detail::PipelineOptions options;
    std::printf("%zu file(s), %.1f MB, best of %d runs\n", inputs.size(), total / 1e6, repeat);

    // Pass 1, the stages one by one, each timed, in the order and with the options run_pipeline() uses
    // (HTML is repaired after segmentation, block by block, not in the raw markup). Pass 2, the
    // end-to-end figure: the public Cleaner and text writer, as the winnow command runs them.
    double best_decode = 1e9, best_segment = 1e9, best_repair = 1e9, best_classify = 1e9, best_total = 1e9;
    std::size_t sink = 0;
    for (int r = 0; r < repeat; ++r) {
        double decode_s = 0, segment_s = 0, repair_s = 0, classify_s = 0;
        for (const auto& bytes : inputs) {
            const bool html = winnow::segment::looks_like_html(bytes);
            winnow::decode::DecodeOptions decode_options;
            decode_options.is_html = html;
            decode_options.repair = !html;
            auto t = Clock::now();
            winnow::Decoded decoded = winnow::decode::decode(bytes, decode_options);
            decode_s += seconds_since(t);
            t = Clock::now();
            winnow::segment::Document doc = html ? winnow::segment::segment_html(decoded.text) : winnow::segment::segment_text(decoded.text);
            segment_s += seconds_since(t);
            if (html) {
                t = Clock::now();
                for (winnow::segment::Block& block : doc.blocks) sink += winnow::decode::repair_mojibake(block.text).size();
                repair_s += seconds_since(t);
            }
            t = Clock::now();
            winnow::classify::Labels labels = winnow::classify::classify(doc, patterns, options.classify);
            classify_s += seconds_since(t);
        }
        const auto all = Clock::now();
        for (const auto& bytes : inputs) {
            std::string out;
            winnow::append_text(out, cleaner.clean(bytes));
            sink += out.size();
        }
        best_total = std::min(best_total, seconds_since(all));
        best_decode = std::min(best_decode, decode_s);
        best_segment = std::min(best_segment, segment_s);
        best_repair = std::min(best_repair, repair_s);
        best_classify = std::min(best_classify, classify_s);
    }
    report("decode", total, best_decode);
    report("segment", total, best_segment);
    if (best_repair > 0) report("repair (HTML text blocks)", total, best_repair);
    report("classify", total, best_classify);
    report("end to end (process + write)", total, best_total);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("peak memory %.1f MB (inputs held: %.1f MB); sink %zu\n",
                static_cast<double>(usage.ru_maxrss) / 1024.0, total / 1e6, sink);
    return 0;
}
