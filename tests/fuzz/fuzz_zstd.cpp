// Fuzz target: the zstd reader (concatenated frames), output read to an 8 MiB cap.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "fuzz_input.h"
#include "input/byte_source.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace winnow::input;
    auto raw = std::make_unique<MemorySource>(winnow::fuzz::as_bytes(data, size), "fuzz.zst");
    try {
        ZstdSource zstd(std::move(raw));
        winnow::fuzz::drain(zstd);
    } catch (const winnow::Error&) {
    }
    return 0;
}
