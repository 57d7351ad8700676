// Per-block features the classifier decides on: length, stopword ratio, punctuation, casing, shape.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "classify/patterns.h"
#include "classify/document.h"

namespace winnow::classify {

struct BlockFeatures {
    std::size_t chars = 0;          // code points
    std::size_t words = 0;
    std::size_t stopwords = 0;      // words in the document language's stopword list
    double stopword_ratio = 0.0;
    double title_case_ratio = 0.0;  // capitalised words / words that start with a letter
    double upper_ratio = 0.0;       // upper-case letters / letters
    bool terminal_punctuation = false;  // ends a sentence: . ! ? ; : or a closing quote after one
    bool truncated = false;         // ends with … or ... (a teaser cut short)
    bool bracketed = false;         // the whole text is inside [ ]
    bool parenthesised = false;     // the whole text is inside ( )
    std::size_t separators = 0;     // | · » › ← → between items: menus and breadcrumbs
    bool form_artifact = false;     // text-dump rendering of form fields and buttons: [____], (*)
    bool cjk = false;               // mostly CJK/kana/hangul, where words and stopwords mean little
    PhraseMatch match;              // best pattern match on the normalised text
};

struct DocumentFeatures {
    std::vector<BlockFeatures> blocks;
    std::uint32_t language_bit = 0;  // the stopword list that fits the document best (0: none)
    std::string language;            // its name ("en"), empty when none fits
};

// Lines longer than this many words are never decided by a pattern alone (see classify.cpp), so
// they are not matched at all.
inline constexpr std::size_t kMatchWords = 45;

DocumentFeatures compute_features(const Document& document, const Patterns& patterns);

}  // namespace winnow::classify
