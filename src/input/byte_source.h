// Streams of bytes read a chunk at a time: files, memory, and gzip (zlib) or zstd (libzstd)
// decompression chosen by the stream's magic bytes, so large inputs never sit in memory whole.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include "input/file_source.h"
#include "winnow/types.h"

namespace winnow::input {

// A stream of bytes. Errors are thrown as winnow::Error (kind Unreadable, "NAME: problem").
class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Reads up to `size` bytes into `buffer`. Returns 0 only at the end of the stream.
    virtual std::size_t read(char* buffer, std::size_t size) = 0;
    // How the stream is named in messages (the file name, or "<stdin>").
    virtual const std::string& name() const = 0;
};

// A file, or standard input for "-", through winnow::FileSource. Opening a directory or a missing
// file throws Error(Unreadable) naming it.
class FileByteSource : public ByteSource {
public:
    explicit FileByteSource(const std::string& path) : file_(path) {}
    std::size_t read(char* buffer, std::size_t size) override { return file_.read(buffer, size); }
    const std::string& name() const override { return file_.name(); }

private:
    FileSource file_;
};

// Bytes already in memory; the caller keeps them alive for the source's lifetime.
class MemorySource : public ByteSource {
public:
    MemorySource(std::string_view bytes, std::string name) : bytes_(bytes), name_(std::move(name)) {}
    std::size_t read(char* buffer, std::size_t size) override;
    const std::string& name() const override { return name_; }

private:
    std::string_view bytes_;
    std::size_t position_ = 0;
    std::string name_;
};

// Where a gzip member begins: its offset in the compressed stream, and the offset in the
// decompressed stream of its first byte. Needed for `.warc.gz` record offsets (one member per record).
struct MemberStart {
    std::uint64_t compressed_offset = 0;
    std::uint64_t decompressed_offset = 0;
};

// Sources that know how their output maps back to the stored file (gzip members) say so here.
class MemberIndex {
public:
    virtual ~MemberIndex() = default;
    // The last member that starts at or before `decompressed_offset`. Calls must come in
    // non-decreasing order of offset: older members are forgotten, so memory stays bounded.
    virtual MemberStart member_containing(std::uint64_t decompressed_offset) = 0;
};

// Thrown for damage the stream can read past: a corrupt gzip member, or bytes between members that
// are not gzip. The bytes of the damaged member that were not yet handed out are lost; the next
// read() goes on with the next gzip member. It is an Error(Unreadable), so callers that cannot use
// what follows (a single document) simply fail; the WARC reader reports the record and reads on.
class StreamDamage : public Error {
public:
    StreamDamage(std::string document, std::string problem)
        : Error(Kind::Unreadable, std::move(document), std::move(problem)) {}
};

// zlib inflation of a wrapped source. Gzip mode reads every member of a multi-member file (as
// `gzip -d` does; zero padding after the last member is allowed) and records where each begins.
// Zlib-or-raw mode is HTTP's "Content-Encoding: deflate", which servers send both with and without
// the zlib header. A truncated or corrupt stream throws Error(Unreadable) naming the compressed offset.
class InflateSource : public ByteSource, public MemberIndex {
public:
    enum class Format { gzip, zlib_or_raw_deflate };
    InflateSource(std::unique_ptr<ByteSource> compressed, Format format);
    ~InflateSource() override;
    InflateSource(const InflateSource&) = delete;
    InflateSource& operator=(const InflateSource&) = delete;
    std::size_t read(char* buffer, std::size_t size) override;
    const std::string& name() const override { return compressed_->name(); }
    MemberStart member_containing(std::uint64_t decompressed_offset) override;
    std::uint64_t members_read() const { return members_; }

private:
    bool refill();
    void start_member();
    std::size_t find_member_header(std::uint64_t search_from) const;
    [[noreturn]] void skip_damaged_member(std::uint64_t search_from, const std::string& problem);
    [[noreturn]] void fail(const std::string& problem) const;

    std::unique_ptr<ByteSource> compressed_;
    Format format_;
    struct ZStream;
    std::unique_ptr<ZStream> z_;
    std::string in_;
    std::size_t chunk_length_ = 0;
    std::uint64_t chunk_offset_ = 0;  // compressed offset of in_[0]
    bool in_eof_ = false;
    bool in_member_ = false;
    bool done_ = false;
    bool tried_raw_ = false;
    std::uint64_t compressed_offset_ = 0;    // compressed bytes consumed by zlib so far
    std::uint64_t decompressed_offset_ = 0;  // bytes handed out so far
    std::uint64_t members_ = 0;
    std::deque<MemberStart> starts_;
};

// libzstd streaming decompression; several concatenated frames are read as one stream.
class ZstdSource : public ByteSource {
public:
    explicit ZstdSource(std::unique_ptr<ByteSource> compressed);
    ~ZstdSource() override;
    ZstdSource(const ZstdSource&) = delete;
    ZstdSource& operator=(const ZstdSource&) = delete;
    std::size_t read(char* buffer, std::size_t size) override;
    const std::string& name() const override { return compressed_->name(); }

private:
    std::unique_ptr<ByteSource> compressed_;
    struct Stream;
    std::unique_ptr<Stream> stream_;
    std::string in_;
    std::size_t in_pos_ = 0;
    bool in_eof_ = false;
    bool frame_open_ = false;  // a frame was started and not yet finished
    std::uint64_t compressed_offset_ = 0;
};

enum class Compression { none, gzip, zstd };

// What the first bytes of a stream say it is: 1F 8B is gzip, 28 B5 2F FD is zstd.
Compression sniff_compression(std::string_view first_bytes);
const char* compression_name(Compression compression);

// The decompressed view of `raw`, chosen by its magic bytes (never by its name). When `detected`
// is given, it receives what was found. A gzip source can be reached through `member_index()`.
struct OpenedSource {
    std::unique_ptr<ByteSource> source;
    Compression compression = Compression::none;
    MemberIndex* member_index = nullptr;  // set for gzip, owned by `source`
};
OpenedSource open_decompressed(std::unique_ptr<ByteSource> raw);

// Opens a file ("-" = standard input) and decompresses it when its bytes say so.
OpenedSource open_input(const std::string& path);

// The first (up to) `count` decompressed bytes, without consuming them: `opened.source` is
// replaced by one that hands them out again first. To tell a WARC (or HTML, or text) by content.
std::string peek(OpenedSource& opened, std::size_t count);

// True when decompressed bytes start like a WARC file: "WARC/" and a digit.
bool looks_like_warc(std::string_view first_bytes);

// Reads a whole source into a string, throwing Error(Unreadable, "NAME: over the limit of N bytes")
// when it is longer than `max_bytes`.
std::string read_all(ByteSource& source, std::size_t max_bytes);

}  // namespace winnow::input
