// How implausible a stretch of text is as something a person wrote: the repair step's yardstick.
#pragma once

#include <cstddef>
#include <string_view>

namespace winnow {

// Cost of text[begin, end) read in its context: each character's own cost (rare, control, stray
// mark...) plus every adjacency that touches the range (letters of two scripts side by side, a
// capital after a lower-case letter, a symbol between two letters, 'Ã' or 'Â' before another
// Latin-1 character). Higher is less plausible; plain ASCII words cost nothing.
double implausibility(std::u32string_view text, std::size_t begin, std::size_t end);

}  // namespace winnow
