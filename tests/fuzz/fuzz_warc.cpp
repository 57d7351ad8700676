// Fuzz target: the WARC reader, over plain or gzip/zstd-compressed bytes as open_decompressed
// sniffs them. Every record must come back as a document, a skip or an error; nothing may throw.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "fuzz_input.h"
#include "input/warc.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace winnow::input;
    auto raw = std::make_unique<MemorySource>(winnow::fuzz::as_bytes(data, size), "fuzz.warc");
    OpenedSource opened;
    try {
        opened = open_decompressed(std::move(raw));
    } catch (const winnow::Error&) {
        return 0;  // a stream too damaged to open is named and refused
    }
    WarcLimits limits;
    limits.max_header_bytes = 8 << 10;
    limits.max_block_bytes = 1 << 20;
    limits.only_successful_responses = (size & 1) != 0;
    WarcReader reader(*opened.source, limits, opened.member_index);
    WarcRecord record;
    for (int records = 0; records < 10000 && reader.next(record); ++records) {
        (void)record.message();
        record = WarcRecord{};
    }
    return 0;
}
