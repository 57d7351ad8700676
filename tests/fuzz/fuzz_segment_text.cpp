// Fuzz target: plain-text segmentation (paragraphs, hard-wrap joining, list items) on valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_input.h"
#include "segment/segment.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string utf8 = winnow::fuzz::valid_utf8(winnow::fuzz::as_bytes(data, size));
    winnow::segment::Document document = winnow::segment::segment_text(utf8, 1 + size % 7);
    (void)document;
    return 0;
}
