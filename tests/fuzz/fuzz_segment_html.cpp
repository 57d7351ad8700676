// Fuzz target: HTML segmentation (the pre-pass, Gumbo, the DOM walk, metadata) on valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_input.h"
#include "segment/segment.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const bool keep_links = (data[0] & 1) != 0;
    const std::string utf8 = winnow::fuzz::valid_utf8(winnow::fuzz::as_bytes(data + 1, size - 1));
    winnow::segment::Document document = winnow::segment::segment_html(utf8, winnow::segment::HtmlOptions{keep_links});
    (void)document;
    (void)winnow::segment::looks_like_html(utf8);
    return 0;
}
