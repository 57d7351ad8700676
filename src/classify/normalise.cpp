// Text normalisation shared by pattern phrases and document lines, so matching ignores case,
// typographic punctuation and spacing.
#include "classify/normalise.h"

#include "classify/patterns.h"

namespace winnow::classify {
namespace {

struct NoObserver {
    void ascii(unsigned char) {}
    void code_point(char32_t) {}
    void word(std::size_t, std::size_t) {}
    void lower_letters(std::size_t) {}
};

}  // namespace

void normalise_append(std::string& out, std::string_view text) {
    NoObserver none;
    normalise_detail::normalise_scan(out, text, none);
}

std::string normalise_for_match(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    normalise_append(out, text);
    return out;
}

}  // namespace winnow::classify
