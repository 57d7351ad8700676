// Finding and undoing UTF-8 that was read as a legacy code page ("CafÃ©", "РґРѕ", "ä¸­æ–‡"→"中文").
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::decode {

// One stretch of text[begin, end) to be replaced.
struct Edit {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::u32string replacement;
    double gain = 0;    // implausibility removed by the edit
    bool weak = false;   // too ambiguous to show on its own that the text has mojibake
    bool lossy = false;  // spells U+FFFD: a byte of the original was lost
    double evidence = 0;  // support the plausibility score cannot see (byte structure), part of gain
    bool symbolic = false;  // weak because only symbols are involved ("¬´" → "«"), not a guessed byte
    double plausibility_gain = 0;  // implausibility removed, before priors and evidence
    bool in_correct_text = false;  // the text also has non-Latin-1 characters outside any sequence
};

// The edits that undo one layer of UTF-8-read-as-`encoding` mojibake, where `encoding` is one of
// mojibake_charmaps() or a multi-byte code page (GBK, Big5, Shift_JIS, EUC-KR). Only edits that
// make the text more plausible are returned; empty when the text shows no such mojibake.
// How much each edit must prove by itself.
enum class Proof {
    required,  // the text must show this mojibake clearly somewhere
    shown,     // an earlier round already peeled mojibake off this text
    none,      // every sequence: a speculative reading, to be judged by where it leads
};
std::vector<Edit> find_mojibake(std::u32string_view text, std::string_view encoding, Proof proof);

// Every sequence find_mojibake considers, with its gain, before the evidence rules filter them.
std::vector<Edit> mojibake_candidates(std::u32string_view text, std::string_view encoding);

// mojibake_candidates for several code pages of one text, in order: code pages that spell the
// same sequences in it (windows-1252 and windows-1254 in most Western text) share their scoring.
std::vector<std::vector<Edit>> mojibake_candidates(std::u32string_view text, std::span<const std::string_view> encodings);

// The evidence rules alone: find_mojibake is select_edits(mojibake_candidates(...), ...).
std::vector<Edit> select_edits(std::vector<Edit> candidates, Proof proof, std::string_view encoding);

// The multi-byte code pages find_mojibake accepts, in the order they are tried.
const std::vector<std::string_view>& multibyte_mojibake_encodings();

// Whether a run of non-ASCII characters (valid UTF-8, as the text holds it) might be UTF-8 read
// as one of the multi-byte code pages: false when its first characters, encoded back into each
// of them, cannot begin valid UTF-8, so that find_mojibake finds nothing in the run. Real CJK
// text fails within a few characters; this settles it without decoding it to code points.
bool may_be_multibyte_mojibake(std::string_view run);

// Whether two lists of edits replace the same stretches with the same text.
bool same_edits(const std::vector<Edit>& a, const std::vector<Edit>& b);

// Applies non-overlapping edits sorted by position.
std::u32string apply_edits(std::u32string_view text, const std::vector<Edit>& edits);

// Implausibility removed by replacing text[begin, end) with `replacement`, judged with a few
// characters of context on each side.
double edit_gain(std::u32string_view text, std::size_t begin, std::size_t end, std::u32string_view replacement);

}  // namespace winnow::decode
