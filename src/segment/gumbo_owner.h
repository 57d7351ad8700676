// Owns one Gumbo parse tree: parses in the constructor, frees in the destructor, so no early
// return can leak it and no raw GumboOutput leaves the segment stage. Gumbo's many small
// allocations come from an arena that is dropped whole, which saves the malloc/free traffic
// and the walk of gumbo_destroy_output.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace winnow::segment {

class GumboArena {
public:
    GumboArena() = default;
    GumboArena(const GumboArena&) = delete;
    GumboArena& operator=(const GumboArena&) = delete;
    // Standard chunks go back to the thread's spares for the next page: a fresh chunk is memory the
    // kernel must map in, page by page, and a batch parses one page after another.
    ~GumboArena() {
        std::vector<Chunk>& spares = spare_chunks();
        for (Chunk& chunk : chunks_) {
            if (chunk.size == kChunk && spares.size() < kMostSpares) spares.push_back(std::move(chunk));
        }
    }

    void* allocate(std::size_t size) {
        size = (size + kAlign - 1) & ~(kAlign - 1);
        if (size > free_) {
            if (size > kChunk / 4) {  // a large block gets its own chunk
                chunks_.push_back(Chunk{std::make_unique_for_overwrite<std::byte[]>(size), size});
                return chunks_.back().bytes.get();
            }
            std::vector<Chunk>& spares = spare_chunks();
            if (!spares.empty()) {
                chunks_.push_back(std::move(spares.back()));
                spares.pop_back();
            } else {
                chunks_.push_back(Chunk{std::make_unique_for_overwrite<std::byte[]>(kChunk), kChunk});  // Gumbo never reads unwritten memory
            }
            next_ = chunks_.back().bytes.get();
            free_ = kChunk;
        }
        void* result = next_;
        next_ += size;
        free_ -= size;
        return result;
    }

private:
    struct Chunk {
        std::unique_ptr<std::byte[]> bytes;
        std::size_t size = 0;
    };
    static std::vector<Chunk>& spare_chunks() {
        thread_local std::vector<Chunk> spares;
        return spares;
    }
    static constexpr std::size_t kAlign = alignof(std::max_align_t);
    static constexpr std::size_t kChunk = 256 * 1024;
    static constexpr std::size_t kMostSpares = 16;  // 4 MB a thread at most
    std::vector<Chunk> chunks_;
    std::byte* next_ = nullptr;
    std::size_t free_ = 0;
};

class GumboTree {
public:
    explicit GumboTree(std::string_view html) {
        GumboOptions options = kGumboDefaultOptions;
        options.max_errors = 0;  // parse errors are never read; recording them costs time
        options.allocator = [](void* arena, std::size_t size) { return static_cast<GumboArena*>(arena)->allocate(size); };
        options.deallocator = [](void*, void*) {};  // the arena is released whole
        options.userdata = &arena_;
        options_ = options;
        output_ = gumbo_parse_with_options(&options_, html.data(), html.size());
    }
    // No gumbo_destroy_output: every byte of the tree lives in arena_.
    ~GumboTree() = default;
    GumboTree(const GumboTree&) = delete;
    GumboTree& operator=(const GumboTree&) = delete;

    // The <html> element (Gumbo always creates one), or nullptr if parsing failed.
    const GumboNode* root() const { return output_ != nullptr ? output_->root : nullptr; }

private:
    GumboArena arena_;
    GumboOptions options_;
    GumboOutput* output_ = nullptr;
};

}  // namespace winnow::segment
