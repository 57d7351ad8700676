// Text in one legacy code page that was decoded as another ("Ïðèâåò" for windows-1251 read as windows-1252).
#pragma once

#include <string>
#include <string_view>

namespace winnow::decode {

struct LegacyRepair {
    std::u32string text;
    std::string kind;  // e.g. "windows-1251-as-windows-1252"
    double cost = 0;   // implausibility of the re-read text
};

// A character that Central European or Baltic text shows when read as windows-1252 and Western
// text seldom has ("pøedpis", "u¿ywa", "iðlaikytoms"): which of those letters it stands for, 1-15
// (capital and small alike), or 0. Text with two different ones is looked at closer; one alone is
// a Danish ø or an Estonian õ.
int misread_central_or_baltic_letter(char32_t c);

// The text re-read in the code page it was written in, when one reading is far more plausible
// than the text as it stands, or, for misreadings that leave letters in place of letters
// (windows-1250 or -1257 shown as windows-1252), when uchardet knows the bytes for that code
// page; empty kind when the text reads right already.
LegacyRepair undo_legacy_misreading(std::u32string_view text);

}  // namespace winnow::decode
