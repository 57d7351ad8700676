// Fuzz target: the whole pipeline through the public API (winnow::Cleaner), and every writer.
// The first byte picks the input kind, favour, comments, links and explain.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_input.h"
#include "winnow/winnow.h"

namespace {
const winnow::Cleaner& cleaner_for(unsigned char knobs) {
    auto make = [](unsigned char k) {
        winnow::Options options;
        options.input = k % 3 == 0 ? winnow::InputKind::Auto : k % 3 == 1 ? winnow::InputKind::Html : winnow::InputKind::Text;
        options.favor = (k & 4) ? winnow::Favor::Precision : (k & 8) ? winnow::Favor::Recall : winnow::Favor::Balanced;
        options.comments = (k & 16) != 0;
        options.links = (k & 32) != 0;
        options.explain = (k & 64) != 0;
        return winnow::Cleaner(options);
    };
    // Compiling patterns is slow; build each variant once. Read-only after construction.
    static const winnow::Cleaner* cleaners[128] = {};
    const unsigned char k = knobs & 127;
    if (!cleaners[k]) cleaners[k] = new winnow::Cleaner(make(k));
    return *cleaners[k];
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const winnow::Cleaner& cleaner = cleaner_for(data[0]);
    const std::string_view bytes = winnow::fuzz::as_bytes(data + 1, size - 1);
    try {
        winnow::Result result = cleaner.clean(bytes, "fuzz-input");
        std::string out;
        winnow::append_text(out, result);
        winnow::append_markdown(out, result);
        winnow::append_json(out, result, (data[0] & 128) != 0);
        winnow::append_explain(out, result);
    } catch (const winnow::Error&) {
        // Binary input is refused by name: an answer, not a finding.
    }
    return 0;
}
