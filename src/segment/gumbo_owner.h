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
    void* allocate(std::size_t size) {
        size = (size + kAlign - 1) & ~(kAlign - 1);
        if (size > free_) {
            const std::size_t chunk = size > kChunk / 4 ? size : kChunk;
            chunks_.push_back(std::make_unique_for_overwrite<std::byte[]>(chunk));  // Gumbo never reads unwritten memory
            if (chunk == size) return chunks_.back().get();  // a large block gets its own chunk
            next_ = chunks_.back().get();
            free_ = chunk;
        }
        void* result = next_;
        next_ += size;
        free_ -= size;
        return result;
    }

private:
    static constexpr std::size_t kAlign = alignof(std::max_align_t);
    static constexpr std::size_t kChunk = 256 * 1024;
    std::vector<std::unique_ptr<std::byte[]>> chunks_;
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
