// Owns one Gumbo parse tree: parses in the constructor, frees in the destructor, so no early
// return can leak it and no raw GumboOutput leaves the segment stage.
#pragma once

#include <gumbo.h>

#include <string_view>

namespace winnow {

class GumboTree {
public:
    explicit GumboTree(std::string_view html) {
        GumboOptions options = kGumboDefaultOptions;
        options.max_errors = 0;  // parse errors are never read; recording them costs time
        options_ = options;
        output_ = gumbo_parse_with_options(&options_, html.data(), html.size());
    }
    ~GumboTree() {
        if (output_ != nullptr) gumbo_destroy_output(&options_, output_);
    }
    GumboTree(const GumboTree&) = delete;
    GumboTree& operator=(const GumboTree&) = delete;

    // The <html> element (Gumbo always creates one), or nullptr if parsing failed.
    const GumboNode* root() const { return output_ != nullptr ? output_->root : nullptr; }

private:
    GumboOptions options_;
    GumboOutput* output_ = nullptr;
};

}  // namespace winnow
