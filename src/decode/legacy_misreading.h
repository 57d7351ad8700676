// Text in one legacy code page that was decoded as another ("Ïðèâåò" for windows-1251 read as windows-1252).
#pragma once

#include <string>
#include <string_view>

namespace winnow {

struct LegacyRepair {
    std::u32string text;
    std::string kind;  // e.g. "windows-1251-as-windows-1252"
    double cost = 0;   // implausibility of the re-read text
};

// The text re-read in the code page it was written in, when one reading is far more plausible
// than the text as it stands; empty kind when the text reads right already.
LegacyRepair undo_legacy_misreading(std::u32string_view text);

}  // namespace winnow
