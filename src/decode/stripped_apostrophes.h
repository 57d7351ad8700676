// English text that lost its curly apostrophes and quotes in a conversion ("Bessents comments", "I think were").
#pragma once

#include <cstddef>
#include <string>

namespace winnow::decode {

struct ApostropheRestoration {
    bool stripped = false;  // the text shows the damage
    std::size_t restored = 0;
};

// A text has lost its typographic apostrophes when it has no curly apostrophe or quote anywhere
// while English contractions without one ("dont", "whats") and possessives of names it mentions
// ("Bessents" beside "Bessent") recur, and outnumber the words that kept a straight apostrophe.
// Then the apostrophe goes back, as U+2019 (what a conversion that drops non-ASCII characters
// loses), into contractions that cannot be read another way: "dont", "theyre", "Im"; never
// "were", "its", "wont", "cant", "lets", "ill", "well", "shell", "hell". Other text is unchanged.
ApostropheRestoration restore_stripped_apostrophes(std::string& text);

}  // namespace winnow::decode
