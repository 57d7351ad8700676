// UTF-8 sequences spelled in code-page characters: found by byte structure, kept only when plausible.
#include "decode/mojibake.h"

#include <algorithm>
#include <array>
#include <optional>
#include <span>

#include "decode/charmaps.h"
#include "decode/code_points.h"
#include "decode/convert.h"
#include "decode/plausibility.h"
#include "decode/unicode_class.h"
#include "decode/utf8.h"

namespace winnow::decode {
namespace {

constexpr std::size_t kContext = 8;
// An edit must remove at least this much implausibility on its own to show that a text has
// mojibake of some kind; once one has, edits of the same kind in the same text need only not make
// things much worse. After a first layer has been peeled, further layers count as shown.
constexpr double kStrongGain = 1.5;
constexpr double kSupportedGain = -0.75;
constexpr double kLaterLayerGain = -1.5;

struct Sequence {
    std::size_t length = 0;    // characters consumed
    char32_t code_point = 0;   // what they spell (U+FFFD when a byte was lost)
    bool keeps_space = false;  // a space stood for 0xA0 but also separated words: keep it
    bool weak = false;         // a space or '?' stood in for a byte: never evidence on its own
    bool lossy = false;        // spells U+FFFD because a byte was lost
};

// How much less likely a misreading through this code page is than through windows-1252, as a
// cost per edit: the web's mojibake is overwhelmingly UTF-8 read as windows-1252 or Latin-1.
double prior_cost(std::string_view encoding) {
    if (encoding == "windows-1252" || encoding == "latin-1") return 0.0;
    if (encoding == "windows-1250" || encoding == "windows-1251") return 0.25;
    if (encoding == "macintosh") return 0.75;
    if (encoding == "cp437" || encoding == "koi8-r") return 1.0;
    return 0.5;
}

bool is_continuation(int byte) { return byte >= 0x80 && byte <= 0xBF; }

// Leads whose sequence may have had its 0xA0 byte (a no-break space in windows-1252) turned into
// a plain space: à, no-break space, Š, Π, Р, ٠ and the three-byte forms of Indic letters and
// punctuation.
bool space_may_replace(int lead, std::size_t position) {
    switch (lead) {
        case 0xC2: case 0xC3: case 0xC5: case 0xCE: case 0xD0: case 0xD9: return position == 1;
        case 0xE0: case 0xE1: case 0xE2: case 0xE3: return position == 1 || position == 2;
        case 0xF0: return position == 1;
        default: return false;
    }
}

// Lossy decoders turn an undecodable byte into '?': after Â/Ã and inside â€ sequences only.
bool question_mark_may_replace(int lead, std::size_t position) {
    return ((lead == 0xC2 || lead == 0xC3) && position == 1) || (lead == 0xE2 && (position == 1 || position == 2));
}

// Portuguese contracts 'à' with the next word (às, àquele); elsewhere a word-final 'à' came
// with its own space, which a collapsed no-break space has swallowed.
bool a_grave_joins_next_word(std::u32string_view text, std::size_t after_space) {
    const std::u32string_view rest = text.substr(after_space);
    // "Ã  le": the first space was the no-break space itself.
    if (rest.starts_with(U" ") || rest.starts_with(U"s ") || rest == U"s") return true;
    return rest.starts_with(U"quel") || rest.starts_with(U"quil");
}

// The UTF-8 sequence whose bytes text[i...] spells in `charmap`, if any.
std::optional<Sequence> match_sequence(std::u32string_view text, std::size_t i, const SingleByteCharmap& charmap,
                                       bool low_surrogate = false) {
    const int lead = charmap.encode(text[i]);
    if (lead < 0xC2 || lead > 0xF4) return std::nullopt;
    const std::size_t need = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
    if (i + need >= text.size()) return std::nullopt;
    char32_t cp = static_cast<char32_t>(lead) & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07);
    bool lost = false, weak = false;
    std::size_t space_at = 0;
    for (std::size_t k = 1; k <= need; ++k) {
        const char32_t c = text[i + k];
        int byte;
        if (c == 0xFFFD) {
            lost = true;
            byte = 0x80;
        } else if (c == U'?' && question_mark_may_replace(lead, k)) {
            lost = weak = true;
            byte = 0x80;
        } else if (c == U' ' && space_at == 0 && space_may_replace(lead, k)) {
            space_at = k;
            weak = true;
            byte = 0xA0;
        } else {
            byte = charmap.encode(c);
            if (!is_continuation(byte)) return std::nullopt;
        }
        if (k == 1 && byte != 0x80) {
            if (lead == 0xE0 && byte < 0xA0) return std::nullopt;
            if (lead == 0xF0 && byte < 0x90) return std::nullopt;
            if (lead == 0xF4 && byte > 0x8F) return std::nullopt;
        }
        cp = cp << 6 | static_cast<char32_t>(byte & 0x3F);
    }
    Sequence seq{need + 1, lost ? char32_t{0xFFFD} : cp, false, weak, lost};
    // Unless a no-break space that lost its own second byte follows ("Ã Â la" for "à\u00A0la").
    const bool lost_nbsp_follows = i + need + 2 < text.size() && text[i + need + 1] == 0x00C2 &&
                                   (text[i + need + 2] == U' ' || text[i + need + 2] == 0x00A0);
    if (space_at == need && cp == 0x00E0 && i + need + 1 < text.size() && !a_grave_joins_next_word(text, i + need + 1) &&
        !lost_nbsp_follows) {
        seq.keeps_space = true;
    }
    // "voilÃ le", "Ã  le": the pattern is specific enough to count as evidence when the lead is
    // Ã (windows-1252, Latin-1, windows-1254), Ă (windows-1250, ISO-8859-2) or Г (windows-1251);
    // elsewhere C3 is a common letter ("ц" in KOI8-R) or a symbol ("√ " in MacRoman).
    if (space_at == need && cp == 0x00E0) {
        if (text[i] != 0x00C3 && text[i] != 0x0102 && text[i] != 0x0413) return std::nullopt;
        seq.weak = false;
    }
    // "aÂ shell", "1993Â km": a no-break space whose second byte became a space, right after a
    // lower-case letter or a digit, where no word ends in a capital Â: as specific as "Ã ".
    if (space_at == need && cp == 0x00A0 && text[i] == 0x00C2 && i > 0 &&
        (classify(text[i - 1]).kind == CharKind::lower || (text[i - 1] >= U'0' && text[i - 1] <= U'9'))) {
        seq.weak = false;
    }
    // A no-break space spelled "Â\u00A0" right after a capital: in text set in capitals the
    // letter may be meant ("MISUTÂ AJIKKO"), so it needs a clearer sequence beside it.
    if (seq.length == 2 && cp == 0x00A0 && i > 0 && classify(text[i - 1]).kind == CharKind::upper) seq.weak = true;
    // CESU-8: a surrogate pair written as two three-byte sequences (emoji through old MySQL).
    if (!lost && cp >= 0xD800 && cp <= 0xDBFF) {
        const auto low = match_sequence(text, i + seq.length, charmap, true);
        if (!low || low->code_point < 0xDC00 || low->code_point > 0xDFFF) return std::nullopt;
        seq.code_point = 0x10000 + ((cp - 0xD800) << 10) + (low->code_point - 0xDC00);
        seq.length += low->length;
    } else if (!lost && cp >= 0xDC00 && cp <= 0xDFFF && !low_surrogate) {
        return std::nullopt;
    }
    return seq;
}

// Where in a text single-byte mojibake can start and what can count against it, found once and
// shared by every code page tried on the text.
struct TextIndex {
    // Where a sequence can start, and in which code pages: a lead byte there followed by a
    // character that can stand for a continuation byte (one of the code page's, or a space, '?'
    // or U+FFFD standing in for a lost byte), as match_sequence requires.
    std::vector<std::pair<std::size_t, std::uint16_t>> leads;
    std::vector<std::size_t> beyond_latin1;  // positions of characters above U+00FF other than U+FFFD
};

TextIndex index_text(std::u32string_view text) {
    TextIndex index;
    index.beyond_latin1.reserve(16);
    for (std::size_t i = next_non_ascii(text, 0); i < text.size(); i = next_non_ascii(text, i + 1)) {
        if (text[i] > 0xFF && text[i] != 0xFFFD) index.beyond_latin1.push_back(i);
        const std::uint16_t lead = lead_mask(text[i]);
        if (lead == 0 || i + 1 >= text.size()) continue;
        const char32_t next = text[i + 1];
        const bool stand_in = next == U' ' || next == U'?' || next == 0xFFFD;
        if (const std::uint16_t mask = stand_in ? lead : lead & continuation_mask(next)) {
            if (index.leads.empty()) index.leads.reserve(16);
            index.leads.emplace_back(i, mask);
        }
    }
    return index;
}

// Whether a character beyond Latin-1 stands outside every sequence that might be applied.
bool correct_text_beside(const TextIndex& index, const std::vector<Edit>& edits) {
    auto edit = edits.begin();
    for (const std::size_t i : index.beyond_latin1) {
        while (edit != edits.end() && (edit->end <= i || edit->gain < kSupportedGain)) ++edit;
        if (edit == edits.end() || i < edit->begin) return true;
    }
    return false;
}

// The sequences of UTF-8 that text spells in mojibake_charmaps()[k], before they are scored. A
// sequence starts only where the code page has a lead byte (lead_mask()).
std::vector<Edit> match_single_byte(std::u32string_view text, std::size_t k, const TextIndex& index) {
    const SingleByteCharmap& charmap = mojibake_charmaps()[k];
    std::vector<Edit> edits;
    std::size_t free_from = 0;  // the end of the last sequence found
    for (const auto& [i, mask] : index.leads) {
        if (i < free_from || !(mask & (1u << k))) continue;
        const auto seq = match_sequence(text, i, charmap);
        if (!seq) continue;
        if (edits.empty()) edits.reserve(index.leads.size());
        Edit& edit = edits.emplace_back();
        edit.begin = i;
        edit.end = i + seq->length;
        edit.replacement.assign(1, seq->code_point);
        edit.weak = seq->weak;
        edit.lossy = seq->lossy;
        if (seq->keeps_space) edit.replacement.push_back(U' ');
        // Symbols that spell a symbol ("¬´" → "«") or box drawing that spells a Latin letter
        // ("├┤" → "ô") say little: mojibake shows in letters.
        const auto original = text.substr(i, seq->length);
        const bool has_letter = std::any_of(original.begin(), original.end(),
                                            [](char32_t c) { return is_letter(classify(c).kind); });
        const bool has_rare = std::any_of(original.begin(), original.end(), [](char32_t c) { return classify(c).rare; });
        const CharClass spelled = classify(seq->code_point);
        const bool spells_letter = is_letter(spelled.kind) && (spelled.script != Script::latin || !has_rare);
        if (!has_letter && !spells_letter) edit.weak = edit.symbolic = true;
        free_from = i + seq->length;
    }
    return edits;
}

// Implausibility of each sequence's stretch before and after all of them are undone. It depends
// only on where the sequences are and what they spell, so code pages that agree on those (as
// windows-1252 and windows-1254 do on most Western mojibake) share one computation.
struct SequenceCosts {
    std::vector<double> before;
    std::vector<double> after;
};

// The implausibility of stretches of one text, by (begin, end), kept sorted: code pages that
// agree on where a sequence is (though not on all the others) share its cost before the edit.
using StretchCosts = std::vector<std::pair<std::pair<std::size_t, std::size_t>, double>>;

SequenceCosts sequence_costs(std::u32string_view text, const std::vector<Edit>& edits, StretchCosts& known_before) {
    SequenceCosts costs;
    costs.before.reserve(edits.size());
    costs.after.reserve(edits.size());
    const std::u32string fixed = apply_edits(text, edits);
    const std::size_t known = known_before.size();
    known_before.reserve(known + edits.size());
    std::size_t shift = 0;  // fixed position minus original position
    for (const Edit& edit : edits) {
        const std::pair<std::size_t, std::size_t> stretch{edit.begin, edit.end};
        const auto end_of_known = known_before.begin() + static_cast<std::ptrdiff_t>(known);
        const auto it = std::lower_bound(known_before.begin(), end_of_known, stretch,
                                         [](const auto& entry, const auto& key) { return entry.first < key; });
        if (it != end_of_known && it->first == stretch) {
            costs.before.push_back(it->second);
        } else {
            costs.before.push_back(implausibility(text, edit.begin, edit.end));
            known_before.emplace_back(stretch, costs.before.back());
        }
        const std::size_t fixed_begin = edit.begin + shift;
        costs.after.push_back(implausibility(fixed, fixed_begin, fixed_begin + edit.replacement.size()));
        shift = shift + edit.replacement.size() - (edit.end - edit.begin);
    }
    // The new entries are in position order, as the edits are. (A sort, unlike inplace_merge,
    // needs no buffer: these lists are short.)
    if (known > 0 && known < known_before.size()) std::sort(known_before.begin(), known_before.end());
    return costs;
}

// Every sequence is judged in the text as it would read with all of them undone, so that a
// word of mojibake letters is compared with the word it spells, not with one letter in a sea of
// mojibake.
void score_single_byte(const TextIndex& index, std::vector<Edit>& edits, const SequenceCosts& costs,
                       std::string_view encoding) {
    const double prior = prior_cost(encoding);
    for (std::size_t k = 0; k < edits.size(); ++k) {
        Edit& edit = edits[k];
        const double before = costs.before[k];
        const double after = costs.after[k];
        edit.plausibility_gain = before - after;
        // A lost byte leaves U+FFFD, which the score counts against the edit; yet folding two or
        // three characters of debris into one marker is progress.
        if (edit.lossy) edit.evidence = 1.0;
        edit.gain = before - after - prior + edit.evidence;
    }
    // Text that also holds characters beyond Latin-1 read correctly ("Mccoy – DrÃ¥ber") went
    // through UTF-8 properly at least once: select_edits wants two clear sequences in it.
    const bool correct = correct_text_beside(index, edits);
    for (Edit& edit : edits) edit.in_correct_text = correct;
}

std::vector<Edit> find_single_byte(std::u32string_view text, std::size_t k) {
    const TextIndex index = index_text(text);
    std::vector<Edit> edits = match_single_byte(text, k, index);
    if (edits.empty()) return edits;
    StretchCosts known_before;
    score_single_byte(index, edits, sequence_costs(text, edits, known_before), mojibake_charmaps()[k].name());
    return edits;
}

// The position of the single-byte code page with this name in mojibake_charmaps(), if it is one.
std::optional<std::size_t> single_byte_index(std::string_view encoding) {
    const auto& charmaps = mojibake_charmaps();
    for (std::size_t k = 0; k < charmaps.size(); ++k) {
        if (charmaps[k].name() == encoding) return k;
    }
    return std::nullopt;
}

constexpr std::size_t kEncodeChunk = 8;

// Encodes `run` into the encoder's code page a few characters at a time, giving up as soon as the
// bytes so far cannot be UTF-8: runs of real CJK text fail within their first characters.
bool encode_while_utf8(const CodePointEncoder& encoder, std::u32string_view run, std::string& bytes) {
    if (!run.empty() && !encoder.may_begin_utf8(run.front())) return false;
    std::size_t valid = 0;  // bytes known to be valid UTF-8, ending at a sequence boundary
    for (std::size_t j = 0; j < run.size(); j += kEncodeChunk) {
        if (!encoder.append(run.substr(j, kEncodeChunk), bytes)) return false;
        valid += valid_utf8_prefix(std::string_view(bytes).substr(valid));
        // Up to three trailing bytes may be a sequence the next chunk completes.
        if (valid + 3 < bytes.size()) return false;
    }
    return valid == bytes.size();
}

// The encoder for each of multibyte_mojibake_encodings(), through the iconv converter behind it.
const CodePointEncoder& multibyte_encoder(std::string_view encoding) {
    thread_local const std::array<CodePointEncoder, 4> encoders{CodePointEncoder("GBK"), CodePointEncoder("BIG5-HKSCS"),
                                                                CodePointEncoder("WINDOWS-31J"), CodePointEncoder("UHC")};
    return encoders[encoding == "GBK" ? 0 : encoding == "Big5" ? 1 : encoding == "Shift_JIS" ? 2 : 3];
}

// Whether bytes can begin valid UTF-8: valid, except perhaps for an unfinished last sequence.
bool may_begin_utf8(std::string_view bytes) {
    const std::size_t valid = valid_utf8_prefix(bytes);
    const std::string_view rest = bytes.substr(valid);
    if (rest.empty()) return true;
    const auto lead = static_cast<unsigned char>(rest[0]);
    if (lead < 0xC2 || lead > 0xF4) return false;
    const std::size_t length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (rest.size() >= length) return false;
    for (std::size_t k = 1; k < rest.size(); ++k) {
        const auto b = static_cast<unsigned char>(rest[k]);
        unsigned char lo = 0x80, hi = 0xBF;
        if (k == 1 && lead == 0xE0) lo = 0xA0;
        if (k == 1 && lead == 0xED) hi = 0x9F;
        if (k == 1 && lead == 0xF0) lo = 0x90;
        if (k == 1 && lead == 0xF4) hi = 0x8F;
        if (b < lo || b > hi) return false;
    }
    return true;
}

// Runs of non-ASCII characters that the multi-byte code page encodes to valid UTF-8: a lead byte
// left over at the end may have swallowed the ASCII character after it.
std::vector<Edit> find_multibyte(std::u32string_view text, std::string_view encoding) {
    std::vector<Edit> edits;
    const CodePointEncoder& encoder = multibyte_encoder(encoding);
    // Latin text read as GBK keeps most of its letters: CJK characters are the few accented ones.
    // In Korean or Japanese text, CJK next to a Latin letter ("Ctrl-A키") is just the language.
    std::vector<bool> inside_word;  // parallel to edits
    std::vector<bool> halfwidth;    // parallel to edits: the run is halfwidth katakana beside a Latin letter
    std::optional<bool> latin_text_cache;
    auto latin_text = [&] {
        if (!latin_text_cache) {
            std::size_t latin_letters = 0, cjk_letters = 0;
            for (const char32_t c : text) {
                const CharClass cc = classify(c);
                if (!is_letter(cc.kind)) continue;
                latin_letters += cc.script == Script::latin;
                cjk_letters += cc.script == Script::cjk || cc.script == Script::hangul;
            }
            latin_text_cache = latin_letters >= 2 * cjk_letters;
        }
        return *latin_text_cache;
    };
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] < 0x80) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && text[end] >= 0x80) ++end;
        // Only runs that are mostly CJK can be UTF-8 read as a CJK code page; one or two CJK
        // characters inside a Latin word ("g猫nere" for "gènere") are accented letters read so.
        auto cjk_in_run = [&] {
            return static_cast<std::size_t>(
                std::count_if(text.begin() + static_cast<std::ptrdiff_t>(i), text.begin() + static_cast<std::ptrdiff_t>(end),
                              [](char32_t c) {
                                  const Script s = classify(c).script;
                                  return s == Script::cjk || s == Script::hangul;
                              }));
        };
        auto latin_letter = [&](std::size_t j) {
            const CharClass c = classify(text[j]);
            return is_letter(c.kind) && c.script == Script::latin;
        };
        // A long run is counted only once it encodes to UTF-8: real CJK text, whose runs are
        // long, seldom does, and the count would cost a pass over every run in every code page.
        const bool short_run = end - i <= 2 && cjk_in_run() == end - i;
        std::optional<bool> long_run;
        if (end - i <= 2) long_run = false;
        if (short_run || end - i >= 3) {
            for (std::size_t stop : {end, end + 1}) {
                if (stop > text.size()) break;
                std::string bytes;
                if (!encode_while_utf8(encoder, text.substr(i, stop - i), bytes)) continue;
                if (!long_run) long_run = cjk_in_run() * 2 >= end - i;
                if (!*long_run && !short_run) break;
                const bool after_latin = i > 0 && latin_letter(i - 1);
                const bool before_latin = end < text.size() && latin_letter(end);
                const bool beside_latin = (after_latin || before_latin) && latin_text();
                const bool multibyte = std::any_of(bytes.begin(), bytes.end(), [](char c) { return (c & 0x80) != 0; });
                // Shift_JIS spells each halfwidth katakana in one byte, so accented letters read
                // so ("vﾃ､ﾃ､rtus") make runs of few bytes; glued to Latin letters in Latin text
                // they are as telling as longer runs.
                const bool halfwidth_beside_latin =
                    beside_latin && std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i),
                                                text.begin() + static_cast<std::ptrdiff_t>(end),
                                                [](char32_t c) { return c >= 0xFF61 && c <= 0xFF9F; });
                if (!multibyte || (*long_run && bytes.size() < 6 && !halfwidth_beside_latin) ||
                    valid_utf8_prefix(bytes) != bytes.size()) {
                    continue;
                }
                // A short run is too little to go on alone, unless it sits in a Latin word and
                // others like it do too (checked below).
                Edit edit{i, stop, to_code_points(bytes), 0, short_run, false, 0, false};
                edit.symbolic = short_run && beside_latin;  // marks "accented letter in a Latin word"
                // Legacy CJK text seldom re-encodes to a long run of valid UTF-8, so each
                // character such a run spells is evidence of its own.
                if (bytes.size() >= 6) {
                    for (const char32_t c : edit.replacement) edit.evidence += c >= 0x80 ? 0.5 : 0.0;
                }
                edit.plausibility_gain = edit_gain(text, edit.begin, edit.end, edit.replacement);
                edit.gain = edit.plausibility_gain - prior_cost(encoding) + edit.evidence;
                inside_word.push_back(short_run && after_latin && before_latin && latin_text());
                halfwidth.push_back(halfwidth_beside_latin);
                edits.push_back(std::move(edit));
                end = stop;
                break;
            }
        }
        i = end;
    }
    // One CJK character beside Latin letters may be the language ("Ctrl-A키"); inside a Latin word
    // ("g疆nere"), or two or more that all read as accented letters, it is a pattern. GBK, the
    // misreading Chinese Windows makes of European text all the time, needs no second instance.
    const auto in_words = std::count_if(edits.begin(), edits.end(), [](const Edit& e) { return e.symbolic; });
    for (std::size_t k = 0; k < edits.size(); ++k) {
        Edit& e = edits[k];
        if (e.symbolic) {
            e.weak = in_words < 2 && encoding != "GBK" && !inside_word[k] && !halfwidth[k];
            e.symbolic = false;
        }
    }
    // A one-letter word between words this code page re-reads ("褨" for "і" between two
    // Ukrainian words) is judged beside those words as they will read, not beside the CJK
    // characters they show now.
    for (std::size_t k = 0; k < edits.size(); ++k) {
        Edit& e = edits[k];
        if (e.end - e.begin > 1 || e.replacement.size() > 2) continue;
        const bool near_before = k > 0 && e.begin - edits[k - 1].end <= 2;
        const bool near_after = k + 1 < edits.size() && edits[k + 1].begin - e.end <= 2;
        if (!near_before && !near_after) continue;
        std::u32string window;
        if (near_before) {
            window += edits[k - 1].replacement;
            window += text.substr(edits[k - 1].end, e.begin - edits[k - 1].end);
        }
        const std::size_t at = window.size();
        window += text.substr(e.begin, e.end - e.begin);
        if (near_after) {
            window += text.substr(e.end, edits[k + 1].begin - e.end);
            window += edits[k + 1].replacement;
        }
        const double gain = edit_gain(window, at, at + (e.end - e.begin), e.replacement);
        if (gain > e.plausibility_gain) {
            e.gain += gain - e.plausibility_gain;
            e.plausibility_gain = gain;
        }
    }
    return edits;
}

// KOI8-R, whose continuation bytes are box-drawing characters: a single "я┘" is more often a
// stray byte of another code page than UTF-8, so it needs two clear sequences.
bool needs_a_pattern(std::string_view encoding) { return encoding == "koi8-r"; }

}  // namespace

std::vector<Edit> select_edits(std::vector<Edit> edits, Proof proof, std::string_view encoding) {
    // Two clear sequences are needed in KOI8-R, and in text that went through UTF-8 correctly
    // at least once; once a layer has been peeled, the text is known to be mojibake.
    const bool in_correct_text = !edits.empty() && edits.front().in_correct_text && proof != Proof::shown;
    const std::size_t needed = (needs_a_pattern(encoding) && proof != Proof::shown) || in_correct_text ? 2 : 1;
    if (proof == Proof::none) {
        std::erase_if(edits, [](const Edit& e) { return e.weak && !e.symbolic; });
        if (edits.size() < needed) edits.clear();
        return edits;
    }
    const bool later_layer = proof == Proof::shown;
    const auto clear = std::count_if(edits.begin(), edits.end(), [&](const Edit& e) {
        return !e.weak && !(later_layer && e.lossy) && e.gain >= kStrongGain;
    });
    const bool strong = static_cast<std::size_t>(clear) >= needed;
    std::erase_if(edits, [&](const Edit& e) {
        // Once a layer is peeled, clear edits need no proof, but those that guess a byte (a space,
        // '?', U+FFFD) still need a clear edit beside them.
        if (later_layer && !e.weak && !e.lossy) return e.gain < kLaterLayerGain;
        return !strong || e.gain < kSupportedGain;
    });
    return edits;
}

double edit_gain(std::u32string_view text, std::size_t begin, std::size_t end, std::u32string_view replacement) {
    const std::size_t lo = begin >= kContext ? begin - kContext : 0;
    const std::size_t hi = std::min(text.size(), end + kContext);
    const std::u32string_view before = text.substr(lo, hi - lo);
    std::u32string after(text.substr(lo, begin - lo));
    after.append(replacement);
    after.append(text.substr(end, hi - end));
    const double cost_before = implausibility(before, begin - lo, end - lo);
    const double cost_after = implausibility(after, begin - lo, begin - lo + replacement.size());
    return cost_before - cost_after;
}

bool may_be_multibyte_mojibake(std::string_view run) {
    // find_multibyte encodes a run kEncodeChunk characters at a time; these code pages encode
    // each character on its own (Big5-HKSCS's few two-character codes stay within a chunk as
    // they do there), so the first chunk's bytes begin the bytes of the whole run.
    std::size_t chunk = 0;
    for (std::size_t chars = 0; chunk < run.size() && chars < kEncodeChunk; ++chars) {
        const auto lead = static_cast<unsigned char>(run[chunk]);
        chunk += lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    }
    if (run.empty()) return false;
    // Most runs of real CJK text are settled by their first character, without decoding more.
    const auto lead = static_cast<unsigned char>(run[0]);
    const std::size_t first_bytes = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    const char32_t first_character = to_code_points(run.substr(0, first_bytes)).front();
    std::u32string first;
    std::string bytes;
    for (const std::string_view encoding : multibyte_mojibake_encodings()) {
        const CodePointEncoder& encoder = multibyte_encoder(encoding);
        if (!encoder.may_begin_utf8(first_character)) continue;
        if (first.empty()) first = to_code_points(run.substr(0, chunk));
        bytes.clear();
        if (encoder.append(first, bytes) && may_begin_utf8(bytes)) return true;
    }
    return false;
}

const std::vector<std::string_view>& multibyte_mojibake_encodings() {
    static const std::vector<std::string_view> encodings{"GBK", "Big5", "Shift_JIS", "EUC-KR"};
    return encodings;
}

std::vector<Edit> find_mojibake(std::u32string_view text, std::string_view encoding, Proof proof) {
    return select_edits(mojibake_candidates(text, encoding), proof, encoding);
}

std::vector<Edit> mojibake_candidates(std::u32string_view text, std::string_view encoding) {
    if (const auto k = single_byte_index(encoding)) return find_single_byte(text, *k);
    return find_multibyte(text, encoding);
}

std::vector<std::vector<Edit>> mojibake_candidates(std::u32string_view text, std::span<const std::string_view> encodings) {
    std::vector<std::vector<Edit>> found;
    found.reserve(encodings.size());
    // Sequences already scored in this text, and their costs.
    std::vector<std::pair<const std::vector<Edit>*, SequenceCosts>> scored;
    std::optional<TextIndex> index;
    StretchCosts known_before;
    for (const std::string_view encoding : encodings) {
        const auto k = single_byte_index(encoding);
        if (!k) {
            found.push_back(find_multibyte(text, encoding));
            continue;
        }
        if (!index) index = index_text(text);
        found.push_back(match_single_byte(text, *k, *index));
        std::vector<Edit>& edits = found.back();
        if (edits.empty()) continue;
        const auto same = std::find_if(scored.begin(), scored.end(),
                                       [&](const auto& s) { return same_edits(*s.first, edits); });
        if (same != scored.end()) {
            score_single_byte(*index, edits, same->second, encoding);
        } else {
            scored.emplace_back(&edits, sequence_costs(text, edits, known_before));
            score_single_byte(*index, edits, scored.back().second, encoding);
        }
    }
    return found;
}

bool same_edits(const std::vector<Edit>& a, const std::vector<Edit>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Edit& x, const Edit& y) {
        return x.begin == y.begin && x.end == y.end && x.replacement == y.replacement;
    });
}

std::u32string apply_edits(std::u32string_view text, const std::vector<Edit>& edits) {
    std::u32string out;
    out.reserve(text.size());
    std::size_t at = 0;
    for (const Edit& edit : edits) {
        out.append(text.substr(at, edit.begin - at));
        out.append(edit.replacement);
        at = edit.end;
    }
    out.append(text.substr(at));
    return out;
}

}  // namespace winnow::decode
