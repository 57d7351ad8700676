// Fuzz target: the gzip reader (multi-member, damaged members skipped) and HTTP's deflate, zlib
// wrapped or raw. The first byte picks the format; output is read to an 8 MiB cap.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "fuzz_input.h"
#include "input/byte_source.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace winnow::input;
    if (size == 0) return 0;
    const auto format = (data[0] & 1) ? InflateSource::Format::zlib_or_raw_deflate : InflateSource::Format::gzip;
    auto raw = std::make_unique<MemorySource>(winnow::fuzz::as_bytes(data + 1, size - 1), "fuzz.gz");
    InflateSource inflate(std::move(raw), format);
    std::uint64_t offset = 0;
    char buffer[1024];
    try {
        for (;;) {
            const std::size_t n = inflate.read(buffer, sizeof buffer);
            if (n == 0 || offset > (8u << 20)) break;
            offset += n;
            if (format == InflateSource::Format::gzip) (void)inflate.member_containing(offset);
        }
    } catch (const StreamDamage&) {
        winnow::fuzz::drain(inflate);  // reading goes on at the next member
    } catch (const winnow::Error&) {
    }
    return 0;
}
