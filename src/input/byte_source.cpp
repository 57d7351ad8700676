// Chunked byte streams over files and memory, zlib inflation (multi-member gzip, zlib or raw deflate)
// and libzstd streaming decompression.
#include "input/byte_source.h"

#include <algorithm>
#include <cstring>
#include <zlib.h>
#include <zstd.h>


namespace winnow::input {
namespace {

constexpr std::size_t compressed_chunk = std::size_t{64} << 10;
constexpr std::uint64_t max_member_history = std::uint64_t{1} << 20;

// Hands out bytes read ahead to sniff the magic, then the rest of the wrapped source.
class PrefixedSource : public ByteSource {
public:
    PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest)
        : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
    std::size_t read(char* buffer, std::size_t size) override {
        if (position_ < prefix_.size()) {
            const std::size_t n = std::min(size, prefix_.size() - position_);
            std::memcpy(buffer, prefix_.data() + position_, n);
            position_ += n;
            return n;
        }
        return rest_->read(buffer, size);
    }
    const std::string& name() const override { return rest_->name(); }

private:
    std::string prefix_;
    std::size_t position_ = 0;
    std::unique_ptr<ByteSource> rest_;
};

}  // namespace

// ---- memory ----

std::size_t MemorySource::read(char* buffer, std::size_t size) {
    const std::size_t n = std::min(size, bytes_.size() - position_);
    if (n > 0) std::memcpy(buffer, bytes_.data() + position_, n);
    position_ += n;
    return n;
}

// ---- zlib ----

struct InflateSource::ZStream {
    z_stream z{};
    bool initialised = false;
    ~ZStream() {
        if (initialised) inflateEnd(&z);
    }
    void init(int window_bits) {
        if (initialised) inflateEnd(&z);
        z = z_stream{};
        initialised = inflateInit2(&z, window_bits) == Z_OK;
        if (!initialised) throw std::bad_alloc();
    }
};

InflateSource::InflateSource(std::unique_ptr<ByteSource> compressed, Format format)
    : compressed_(std::move(compressed)), format_(format), z_(std::make_unique<ZStream>()) {
    // 15 + 16: gzip only; 15 + 32: zlib or gzip, told apart by the header.
    z_->init(format_ == Format::gzip ? 15 + 16 : 15 + 32);
    in_.resize(compressed_chunk);
}

InflateSource::~InflateSource() = default;

void InflateSource::fail(const std::string& problem) const {
    throw Error(Error::Kind::Unreadable, name(), problem);
}

bool InflateSource::refill() {
    if (in_eof_) return false;
    // Everything buffered has been consumed. The current member's bytes are kept (up to a bound),
    // so that if it turns out damaged, the next member header can be searched for from its start.
    const std::uint64_t member_start = in_member_ && !starts_.empty() ? starts_.back().compressed_offset : compressed_offset_;
    std::size_t keep = 0;
    if (member_start >= chunk_offset_ && compressed_offset_ - member_start <= max_member_history)
        keep = static_cast<std::size_t>(compressed_offset_ - member_start);
    std::memmove(in_.data(), in_.data() + chunk_length_ - keep, keep);
    chunk_offset_ = compressed_offset_ - keep;
    chunk_length_ = keep;
    if (in_.size() < keep + compressed_chunk) in_.resize(keep + compressed_chunk);
    const std::size_t got = compressed_->read(in_.data() + keep, compressed_chunk);
    z_->z.next_in = reinterpret_cast<Bytef*>(in_.data() + keep);
    z_->z.avail_in = static_cast<uInt>(got);
    if (got == 0) {
        in_eof_ = true;
        return false;
    }
    chunk_length_ = keep + got;
    return true;
}

std::size_t InflateSource::find_member_header(std::uint64_t search_from) const {
    static constexpr char magic[] = {'\x1f', '\x8b', '\x08'};
    const std::size_t from = search_from > chunk_offset_ ? static_cast<std::size_t>(search_from - chunk_offset_) : 0;
    if (from >= chunk_length_) return std::string::npos;
    return std::string_view(in_.data(), chunk_length_).find(std::string_view(magic, 3), from);
}

void InflateSource::skip_damaged_member(std::uint64_t search_from, const std::string& problem) {
    // The next member header (1F 8B 08) at or after search_from, in what is buffered (the damaged
    // member's bytes, when it is not too long) and then in what follows.
    in_member_ = false;
    for (;;) {
        const std::size_t found = find_member_header(search_from);
        if (found != std::string::npos) {
            z_->z.next_in = reinterpret_cast<Bytef*>(in_.data() + found);
            z_->z.avail_in = static_cast<uInt>(chunk_length_ - found);
            compressed_offset_ = chunk_offset_ + found;
            throw StreamDamage(name(), problem + "; reading resumes at the gzip member at offset " +
                               std::to_string(compressed_offset_));
        }
        // Keep the last two bytes (a header may straddle reads) and read on.
        const std::size_t keep = std::min<std::size_t>(2, chunk_length_);
        std::memmove(in_.data(), in_.data() + chunk_length_ - keep, keep);
        chunk_offset_ += chunk_length_ - keep;
        search_from = chunk_offset_;
        const std::size_t got = in_eof_ ? 0 : compressed_->read(in_.data() + keep, compressed_chunk);
        chunk_length_ = keep + got;
        if (got == 0) {
            in_eof_ = true;
            done_ = true;
            compressed_offset_ = chunk_offset_ + chunk_length_;
            z_->z.avail_in = 0;
            throw StreamDamage(name(), problem + "; no gzip member follows");
        }
    }
}

void InflateSource::start_member() {
    if (members_ > 0) {
        if (inflateReset(&z_->z) != Z_OK) fail("cannot restart gzip decoding");
    }
    starts_.push_back({compressed_offset_, decompressed_offset_});
    ++members_;
    in_member_ = true;
}

std::size_t InflateSource::read(char* buffer, std::size_t size) {
    z_stream& z = z_->z;
    while (!done_ && size > 0) {
        if (!in_member_) {
            if (z.avail_in == 0 && !refill()) {
                if (members_ == 0 && format_ != Format::gzip) fail("empty deflate stream");
                done_ = true;
                break;
            }
            if (format_ == Format::gzip && members_ > 0) {
                // Zero padding after a member (tape blocks, some writers) is allowed, as gzip -d does.
                while (z.avail_in > 0 && *z.next_in == 0) {
                    ++z.next_in;
                    --z.avail_in;
                    ++compressed_offset_;
                }
                if (z.avail_in == 0) continue;
                if (*z.next_in != 0x1f)
                    skip_damaged_member(compressed_offset_, "data after the gzip member ending at offset " +
                                                                std::to_string(compressed_offset_) + " is not gzip");
            }
            start_member();
        }
        if (z.avail_in == 0 && !refill()) {
            const MemberStart& start = starts_.back();
            // A member cut short and followed by others: inflate read on into them. Go on at the next.
            if (format_ == Format::gzip && find_member_header(start.compressed_offset + 1) != std::string::npos)
                skip_damaged_member(start.compressed_offset + 1,
                                    "damaged gzip member at offset " + std::to_string(start.compressed_offset));
            fail("truncated: the compressed stream ends inside the member that starts at offset " +
                 std::to_string(start.compressed_offset) + " (" + std::to_string(compressed_offset_) +
                 " bytes read)");
        }
        z.next_out = reinterpret_cast<Bytef*>(buffer);
        z.avail_out = static_cast<uInt>(std::min<std::size_t>(size, 1u << 30));
        const uInt avail_in_before = z.avail_in;
        const uInt avail_out_before = z.avail_out;
        const int status = inflate(&z, Z_NO_FLUSH);
        compressed_offset_ += avail_in_before - z.avail_in;
        const std::size_t produced = avail_out_before - z.avail_out;
        if (status == Z_STREAM_END) {
            in_member_ = false;
            if (format_ != Format::gzip) done_ = true;
        } else if (status == Z_DATA_ERROR && format_ == Format::zlib_or_raw_deflate && !tried_raw_ &&
                   decompressed_offset_ == 0 && produced == 0 && compressed_offset_ <= chunk_length_) {
            // No zlib header: the server sent raw deflate, as many do for "deflate". Start over.
            // Every byte read so far is still in in_ (the header fails within the first chunk).
            tried_raw_ = true;
            const uInt whole_chunk = static_cast<uInt>(compressed_offset_) + z.avail_in;
            z_->init(-15);
            z_->z.next_in = reinterpret_cast<Bytef*>(in_.data());
            z_->z.avail_in = whole_chunk;
            compressed_offset_ = 0;
            continue;
        } else if (status != Z_OK && status != Z_BUF_ERROR) {
            const char* what = z.msg ? z.msg : "corrupt data";
            if (format_ == Format::gzip)
                skip_damaged_member(starts_.back().compressed_offset + 1,
                                    "corrupt gzip data in the member at offset " +
                                        std::to_string(starts_.back().compressed_offset) + " (near offset " +
                                        std::to_string(compressed_offset_) + "): " + what);
            fail(std::string("corrupt ") + (format_ == Format::gzip ? "gzip" : "deflate") + " data near offset " +
                 std::to_string(compressed_offset_) + ": " + what);
        }
        if (produced > 0) {
            decompressed_offset_ += produced;
            return produced;
        }
    }
    return 0;
}

MemberStart InflateSource::member_containing(std::uint64_t decompressed_offset) {
    while (starts_.size() >= 2 && starts_[1].decompressed_offset <= decompressed_offset) starts_.pop_front();
    return starts_.empty() ? MemberStart{} : starts_.front();
}

// ---- zstd ----

struct ZstdSource::Stream {
    ZSTD_DStream* stream = ZSTD_createDStream();
    ~Stream() { ZSTD_freeDStream(stream); }
};

ZstdSource::ZstdSource(std::unique_ptr<ByteSource> compressed)
    : compressed_(std::move(compressed)), stream_(std::make_unique<Stream>()) {
    if (!stream_->stream) throw std::bad_alloc();
    ZSTD_initDStream(stream_->stream);
}

ZstdSource::~ZstdSource() = default;

std::size_t ZstdSource::read(char* buffer, std::size_t size) {
    while (size > 0) {
        if (in_pos_ == in_.size() && !in_eof_) {
            in_.resize(ZSTD_DStreamInSize());
            const std::size_t got = compressed_->read(in_.data(), in_.size());
            in_.resize(got);
            in_pos_ = 0;
            if (got == 0) in_eof_ = true;
        }
        const bool input_left = in_pos_ < in_.size();
        if (!input_left && !frame_open_) return 0;
        ZSTD_inBuffer in{in_.data(), in_.size(), in_pos_};
        ZSTD_outBuffer out{buffer, size, 0};
        const std::size_t status = ZSTD_decompressStream(stream_->stream, &out, &in);
        compressed_offset_ += in.pos - in_pos_;
        in_pos_ = in.pos;
        if (ZSTD_isError(status))
            throw Error(Error::Kind::Unreadable, name(),
                        "corrupt zstd data near offset " + std::to_string(compressed_offset_) + ": " +
                            ZSTD_getErrorName(status));
        frame_open_ = status != 0;
        if (out.pos > 0) return out.pos;
        if (!input_left && in_eof_) {
            if (frame_open_)
                throw Error(Error::Kind::Unreadable, name(),
                            "truncated: the zstd stream ends inside a frame (" + std::to_string(compressed_offset_) +
                                " bytes read)");
            return 0;
        }
    }
    return 0;
}

// ---- choosing ----

Compression sniff_compression(std::string_view first_bytes) {
    if (first_bytes.size() >= 2 && static_cast<unsigned char>(first_bytes[0]) == 0x1f &&
        static_cast<unsigned char>(first_bytes[1]) == 0x8b)
        return Compression::gzip;
    if (first_bytes.size() >= 4 && first_bytes.substr(0, 4) == std::string_view("\x28\xb5\x2f\xfd", 4))
        return Compression::zstd;
    return Compression::none;
}

const char* compression_name(Compression compression) {
    switch (compression) {
        case Compression::gzip: return "gzip";
        case Compression::zstd: return "zstd";
        case Compression::none: break;
    }
    return "none";
}

OpenedSource open_decompressed(std::unique_ptr<ByteSource> raw) {
    std::string magic(4, '\0');
    std::size_t have = 0;
    while (have < magic.size()) {
        const std::size_t got = raw->read(magic.data() + have, magic.size() - have);
        if (got == 0) break;
        have += got;
    }
    magic.resize(have);
    OpenedSource opened;
    opened.compression = sniff_compression(magic);
    auto source = std::make_unique<PrefixedSource>(std::move(magic), std::move(raw));
    switch (opened.compression) {
        case Compression::gzip: {
            auto gzip = std::make_unique<InflateSource>(std::move(source), InflateSource::Format::gzip);
            opened.member_index = gzip.get();
            opened.source = std::move(gzip);
            break;
        }
        case Compression::zstd: opened.source = std::make_unique<ZstdSource>(std::move(source)); break;
        case Compression::none: opened.source = std::move(source); break;
    }
    return opened;
}

OpenedSource open_input(const std::string& path) { return open_decompressed(std::make_unique<FileByteSource>(path)); }

std::string peek(OpenedSource& opened, std::size_t count) {
    std::string head(count, '\0');
    std::size_t have = 0;
    while (have < count) {
        const std::size_t got = opened.source->read(head.data() + have, count - have);
        if (got == 0) break;
        have += got;
    }
    head.resize(have);
    opened.source = std::make_unique<PrefixedSource>(head, std::move(opened.source));
    return head;
}

bool looks_like_warc(std::string_view first_bytes) {
    return first_bytes.size() >= 6 && first_bytes.substr(0, 5) == "WARC/" && first_bytes[5] >= '0' && first_bytes[5] <= '9';
}

std::string read_all(ByteSource& source, std::size_t max_bytes) {
    std::string bytes;
    std::size_t used = 0;
    for (;;) {
        if (used == bytes.size()) bytes.resize(std::max<std::size_t>(bytes.size() * 2, std::size_t{1} << 16));
        const std::size_t got = source.read(bytes.data() + used, bytes.size() - used);
        if (got == 0) break;
        used += got;
        if (used > max_bytes)
            throw Error(Error::Kind::Unreadable, source.name(), "over the limit of " + std::to_string(max_bytes) + " bytes");
    }
    bytes.resize(used);
    return bytes;
}

}  // namespace winnow::input
