// How implausible a stretch of text is as something a person wrote: the repair step's yardstick.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace winnow::decode {

// Cost of text[begin, end) read in its context: each character's own cost (rare, control, stray
// mark...) plus every adjacency that touches the range (letters of two scripts side by side, a
// capital after a lower-case letter, a symbol between two letters, 'Ã' or 'Â' before another
// Latin-1 character). Higher is less plausible; plain ASCII words cost nothing.
double implausibility(std::u32string_view text, std::size_t begin, std::size_t end);

// "Ã", "Â", "â" or "ï" (UTF-8's lead bytes C3, C2, E2, EF read as Latin-1) followed by a non-ASCII
// character other than a lower-case Latin-1 letter or an apostrophe: almost always mojibake
// ("Ã©", "Â£", "â€œ", "ï¿½").
bool is_latin1_mojibake_pair(char32_t a, char32_t b);

// implausibility() of the whole text, or nullopt when it exceeds `ceiling`. Every term of the
// score is at least zero, so the score of a part is a lower bound: text far beyond the ceiling
// is given up after its first eighth.
std::optional<double> implausibility_within(std::u32string_view text, double ceiling);

}  // namespace winnow::decode
