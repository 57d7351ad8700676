// The line classifier: features and patterns give each block a first verdict, context smoothing
// and the main-text region settle the short and doubtful ones, then title, byline and date.
#include "classify/classify.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "classify/currency.h"
#include "classify/features.h"
#include "classify/html_region.h"
#include "classify/string_table.h"
#include "segment/html_metadata.h"
#include "unicode/ascii.h"

namespace winnow::classify {
namespace {

// How prose-like a block is on its own, before context (after jusText's classes).
enum class Quality { Good, NearGood, Short, Bad };

struct Thresholds {
    std::size_t short_chars = 50;       // below: too short to judge alone
    std::size_t short_words = 7;
    std::size_t good_words = 15;        // at least this many words to be prose on its own
    double good_stopwords = 0.30;       // stopword ratio of prose
    double low_stopwords = 0.15;        // below: lists of names, keywords, menus
    double keep_outside_stopwords = 0.32;  // a paragraph outside the main text is kept only above both
    std::size_t keep_outside_words = 30;
};

Thresholds thresholds_for(Favor favor) {
    Thresholds t;
    switch (favor) {
        case Favor::Balanced: break;
        case Favor::Precision:
            t.good_words = 20;
            t.good_stopwords = 0.33;
            t.keep_outside_words = 1000000;  // never keep text outside the main region
            break;
        case Favor::Recall:
            t.good_words = 10;
            t.good_stopwords = 0.25;
            t.low_stopwords = 0.10;
            t.keep_outside_words = 20;
            t.keep_outside_stopwords = 0.25;
            break;
    }
    return t;
}

struct BlockState {
    Quality quality = Quality::Short;
    bool decided = false;  // a pattern or shape rule settled it; context does not change it
    Decision decision;
};

std::string format(const char* fmt, auto... args) {
    char buffer[256];
    std::snprintf(buffer, sizeof buffer, fmt, args...);
    return buffer;
}

// "36 words, stopwords 0.31, sentence end": built by hand, as it runs for every block.
std::string describe(const BlockFeatures& f) {
    char buffer[64];
    char* p = std::to_chars(buffer, buffer + 24, f.words).ptr;
    std::string out(buffer, p);
    out += " words, stopwords ";
    const auto hundredths = static_cast<unsigned>(f.stopword_ratio * 100.0 + 0.5);
    out += static_cast<char>('0' + hundredths / 100);
    out += '.';
    out += static_cast<char>('0' + hundredths / 10 % 10);
    out += static_cast<char>('0' + hundredths % 10);
    if (f.terminal_punctuation) out += ", sentence end";
    if (f.truncated) out += ", truncated";
    return out;
}

void set_noise(BlockState& s, Category category, std::string reason) {
    s.quality = Quality::Bad;
    s.decided = true;
    s.decision.label = Label::Noise;
    s.decision.category = category;
    s.decision.reason = std::move(reason);
}

// A heading-like line: short, no sentence end, not a list item.
bool heading_like(const Block& b, const BlockFeatures& f) {
    return f.words >= 1 && f.words <= 20 && f.chars <= 160 && !f.terminal_punctuation && !f.truncated && !b.bullet &&
           !f.bracketed && !f.parenthesised && f.separators == 0;
}

// Ends with a photo credit in parentheses: "(Eric Lee/Bloomberg)", "(Photo: AP)", "(Getty Images)":
// a name and an agency split by a slash, or a credit mark (patterns/<lang>/credit.txt).
bool ends_with_credit(std::string_view text, const BlockFeatures& f, const Patterns& patterns) {
    if (f.words > 60 || !text.ends_with(")")) return false;
    const auto open = text.rfind('(');
    if (open == std::string_view::npos || open == 0) return false;
    const std::string_view inner = text.substr(open + 1, text.size() - open - 2);
    if (inner.empty() || inner.size() > 60) return false;
    const std::string lower = normalise_for_match(inner);
    if (inner.find('/') != std::string_view::npos && lower.find(' ') != std::string::npos) return true;
    return patterns.has_credit_mark(lower);
}

Quality initial_quality(const BlockFeatures& f, bool language_known, const Thresholds& t) {
    if (f.cjk) {
        if (f.chars >= 60 && f.terminal_punctuation) return Quality::Good;
        if (f.chars < 15) return Quality::Short;
        return f.truncated ? Quality::Short : Quality::NearGood;
    }
    if (f.chars < t.short_chars || f.words < t.short_words) return Quality::Short;
    Quality q;
    if (!language_known) {
        q = f.words >= t.good_words * 2 && f.terminal_punctuation ? Quality::Good : Quality::NearGood;
    } else if (f.stopword_ratio >= t.good_stopwords) {
        q = f.words >= t.good_words ? Quality::Good : Quality::NearGood;
    } else if (f.stopword_ratio >= t.low_stopwords) {
        q = Quality::NearGood;
    } else {
        q = Quality::Bad;
    }
    if (q == Quality::Good && f.truncated) q = Quality::NearGood;
    // Long title-cased runs without a sentence end are headline lists, not prose.
    if (q == Quality::Good && !f.terminal_punctuation && f.title_case_ratio > 0.7 && f.words < 40)
        q = Quality::NearGood;
    return q;
}

// Pattern and shape rules that settle a block on their own.
void apply_rules(const Block& b, const BlockFeatures& f, const Patterns& patterns, BlockState& s) {
    if (b.hidden) return set_noise(s, Category::Interface, "hidden element");
    // A line of code is what it is: "[Service]", "}", "(setq x 1)" and a comment that names
    // cookies are the listing's, not a button, a credit or a notice. Where it stands decides it.
    if (b.kind == BlockKind::Preformatted) return;
    const PhraseMatch& m = f.match;
    if (m.found && m.kind == PhraseKind::Noise) {
        // Anchored phrases ("Also Read:" at the start) decide any line short of an article
        // paragraph; phrases found anywhere decide only lines that are not long prose (a real
        // paragraph may mention cookies or newsletters in passing).
        const bool at_start = m.begin == 0;
        bool decisive;
        if (at_start)
            decisive = f.words <= 15 || (f.words <= 40 && !f.terminal_punctuation);
        else if (m.category == Category::Cookie || m.category == Category::Legal)
            decisive = f.words <= kMatchWords;
        else
            decisive = f.words <= 25;
        if (decisive) {
            return set_noise(s, m.category,
                             format("pattern \"%.*s\" (%.*s), %zu words", static_cast<int>(m.phrase.size()),
                                    m.phrase.data(), static_cast<int>(m.source.size()), m.source.data(), f.words));
        }
    }
    if (f.words == 0) return set_noise(s, Category::Boilerplate, "no words, only symbols");
    if (f.form_artifact && f.words <= 12) return set_noise(s, Category::Interface, "rendered form field or button");
    if (f.bracketed && f.words <= 25) return set_noise(s, Category::Interface, "bracketed-only line (image, button)");
    if (f.parenthesised && f.words <= 15) return set_noise(s, Category::Caption, "parenthesised-only line (credit)");
    if (ends_with_credit(b.text, f, patterns))
        return set_noise(s, Category::Caption, format("ends with a photo credit, %zu words", f.words));
    if (f.separators >= 2 && f.words <= (f.separators + 1) * 4 && b.kind != BlockKind::TableCell)  // HTML rows join cells with " | "
        return set_noise(s, Category::Navigation, format("menu: %zu separators, %zu words", f.separators, f.words));
}

// Lists that a short intro line opens ("Click here to explore:", "Related:") take the intro's
// category, up to the first prose paragraph.
void extend_intro_lists(const Document& doc, const DocumentFeatures& df, std::vector<BlockState>& st) {
    for (std::size_t i = 0; i < st.size(); ++i) {
        const Category c = st[i].decision.category;
        if (!st[i].decided || st[i].decision.label != Label::Noise || df.blocks[i].words > 8) continue;
        // "Related:", "Click here to explore:", or any short noise line that ends with a colon.
        const bool intro = c == Category::Related || doc.blocks[i].text.ends_with(':');
        if (!intro) continue;
        std::size_t j = i + 1;
        for (; j < st.size(); ++j) {
            if (st[j].decided) break;
            if (st[j].quality == Quality::Good) break;
            if (df.blocks[j].words > 40) break;
            if (doc.from_html && doc.blocks[j].link_density < 0.5) break;  // HTML: only linked items
            set_noise(st[j], c, format("item of the list opened at line %zu", doc.blocks[i].first_line));
        }
        i = j - 1;
    }
}

// Runs of teaser shapes: several truncated lines, or short link-like list items, in a row.
void mark_runs(const Document& doc, const DocumentFeatures& df, std::vector<BlockState>& st) {
    const std::size_t n = st.size();
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j < n && !st[j].decided && df.blocks[j].truncated) ++j;
        if (j - i >= 2) {
            for (std::size_t k = i; k < j; ++k)
                set_noise(st[k], Category::Related,
                          format("teaser list: %zu truncated lines from line %zu", j - i, doc.blocks[i].first_line));
        }
        i = std::max(j, i + 1);
    }
    auto link_item = [&](std::size_t k) {
        const BlockFeatures& f = df.blocks[k];
        return doc.blocks[k].bullet && !st[k].decided && f.words <= 10 && !f.terminal_punctuation &&
               (!doc.from_html || doc.blocks[k].link_density > 0.5);  // HTML knows what is a link
    };
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j < n && link_item(j)) ++j;
        if (j - i >= 3) {
            for (std::size_t k = i; k < j; ++k)
                set_noise(st[k], Category::Navigation,
                          format("link list: %zu short items from line %zu", j - i, doc.blocks[i].first_line));
        }
        i = std::max(j, i + 1);
    }
}

// A comments heading ("15 Comments:", "Leave a Reply") after some of the article's prose: where
// the reader comments start. Returns its index, or n when there is none.
std::size_t comment_section_start(const Document& doc, const DocumentFeatures& df, const std::vector<BlockState>& st) {
    std::size_t prose_chars = 0;
    for (std::size_t i = 0; i < st.size(); ++i) {
        if (!st[i].decided && st[i].quality == Quality::Good) prose_chars += df.blocks[i].chars;
        const BlockFeatures& f = df.blocks[i];
        const bool heading = st[i].decided && st[i].decision.category == Category::Comment && f.words <= 8 &&
                             !doc.blocks[i].bullet && f.match.found &&
                             (f.match.begin == 0 || std::isdigit(static_cast<unsigned char>(doc.blocks[i].text[0])));
        if (heading && prose_chars >= 400) return i;
    }
    return st.size();
}

// Lines between two blank lines that read as prose together are one paragraph, even when each line
// alone is too short to judge: narrow columns and table cells break paragraphs into short lines.
void promote_prose_groups(const Document& doc, const DocumentFeatures& df, std::vector<BlockState>& st,
                          const Thresholds& t) {
    const std::size_t n = st.size();
    for (std::size_t begin = 0; begin < n;) {
        std::size_t end = begin + 1;
        while (end < n && !doc.blocks[end].blank_before) ++end;
        std::size_t words = 0, stopwords = 0, list_words = 0;
        bool sentence_end = false;
        for (std::size_t k = begin; k < end; ++k) {
            const BlockFeatures& f = df.blocks[k];
            if (st[k].decided) continue;
            words += f.words;
            stopwords += f.stopwords;
            if (doc.blocks[k].bullet) list_words += f.words;
            sentence_end = sentence_end || f.terminal_punctuation;
        }
        const bool prose = end - begin >= 2 && words >= 25 && sentence_end && list_words * 5 < words * 2 &&
                           static_cast<double>(stopwords) >= t.good_stopwords * static_cast<double>(words);
        if (prose) {
            for (std::size_t k = begin; k < end; ++k) {
                const BlockFeatures& f = df.blocks[k];
                if (st[k].decided || st[k].quality == Quality::Good || doc.blocks[k].bullet) continue;
                if (f.words >= 3 && f.stopword_ratio >= t.low_stopwords) {
                    st[k].quality = Quality::Good;
                    st[k].decision.reason = format("line of a prose paragraph (lines %zu-%zu, %zu words)",
                                                   doc.blocks[begin].first_line, doc.blocks[end - 1].last_line, words);
                }
            }
        }
        begin = end;
    }
}

// The main text: the contiguous run of blocks with the most prose, where prose counts for and
// boilerplate against (maximum-sum segment). Returns [begin, end) or {0,0} if there is none.
std::pair<std::size_t, std::size_t> main_region(const DocumentFeatures& df, const std::vector<BlockState>& st,
                                                std::size_t end) {
    double best = 0, sum = 0;
    std::size_t best_begin = 0, best_end = 0, begin = 0;
    for (std::size_t i = 0; i < end; ++i) {
        const auto chars = static_cast<double>(df.blocks[i].chars);
        double w = 0;
        switch (st[i].quality) {
            case Quality::Good: w = chars; break;
            case Quality::NearGood: w = st[i].decided ? -chars : chars * 0.2; break;
            case Quality::Short: w = -std::min(chars, 25.0); break;
            // Recognised inserts (an "Also Read" line, a share bar) sit inside articles all the
            // time: they cost little. Unexplained low-prose text costs its length.
            case Quality::Bad: w = st[i].decided ? -std::min(chars, 40.0) : -std::min(chars, 300.0); break;
        }
        if (sum <= 0) {
            sum = 0;
            begin = i;
        }
        sum += w;
        if (sum > best) {
            best = sum;
            best_begin = begin;
            best_end = i + 1;
        }
    }
    return {best_begin, best_end};
}

// For every block, the index of the nearest block on one side (step -1 or +1) that is not short
// (nor near-good, with skip_neargood), or st.size() when there is none. One pass for all blocks:
// a search from each block would be quadratic in a run of short blocks.
std::vector<std::size_t> neighbours(const std::vector<BlockState>& st, int step, bool skip_neargood) {
    const std::size_t n = st.size();
    std::vector<std::size_t> nearest(n, n);
    std::size_t last = n;
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = step < 0 ? k : n - 1 - k;
        nearest[i] = last;
        const Quality q = st[i].quality;
        if (q != Quality::Short && !(skip_neargood && q == Quality::NearGood)) last = i;
    }
    return nearest;
}

// Strips spaces and separator punctuation from both ends. The dashes are multi-byte, so they are
// removed as whole strings (a byte-set trim would cut into a leading “ or ’).
std::string trim_copy(std::string_view s) {
    static constexpr std::string_view kEdges[] = {" ", "\t", ":", ",", "-", "|", "–", "—"};
    for (bool trimmed = true; trimmed && !s.empty();) {
        trimmed = false;
        for (std::string_view edge : kEdges) {
            if (s.starts_with(edge)) s.remove_prefix(edge.size()), trimmed = true;
            if (s.ends_with(edge)) s.remove_suffix(edge.size()), trimmed = true;
        }
    }
    return std::string(s);
}

// "By Tamilla Hasanova" → "Tamilla Hasanova" when what follows the byline phrase looks like names.
bool byline_author(std::string_view text, const BlockFeatures& f, std::string* author) {
    if (f.words > 10 || f.terminal_punctuation) return false;
    // The phrase matched at the start of the normalised text; skip the same number of words.
    std::size_t phrase_words = 1;
    for (char c : f.match.phrase) phrase_words += c == ' ';
    std::size_t pos = 0;
    for (std::size_t w = 0; w < phrase_words && pos < text.size(); ++w) {
        pos = text.find_first_of(" :", pos);
        if (pos == std::string_view::npos) return false;
        pos = text.find_first_not_of(" :", pos);
    }
    if (pos == std::string_view::npos) return false;
    std::string rest = trim_copy(text.substr(pos));
    if (rest.empty()) return false;
    // Names are capitalised: most words of what remains start upper-case (or are CJK).
    std::size_t words = 0, capitalised = 0;
    bool start = true;
    for (char c : rest) {
        if (c == ' ') {
            start = true;
            continue;
        }
        if (start) {
            ++words;
            const auto u = static_cast<unsigned char>(c);
            if ((u >= 'A' && u <= 'Z') || u >= 0x80) ++capitalised;
        }
        start = false;
    }
    if (words == 0 || words > 8 || capitalised * 2 < words) return false;
    *author = segment::author_name(rest);
    return true;
}

void label_content(std::vector<BlockState>& st, std::size_t i, std::string reason) {
    st[i].decision.label = Label::Content;
    st[i].decision.category = Category::None;
    st[i].decision.reason = std::move(reason);
}

// What every step reads: the document, its features and the verdicts so far.
struct Pass {
    const Document& doc;
    const DocumentFeatures& df;
    const Patterns& patterns;
    std::vector<BlockState>& st;
    const Thresholds& t;
    bool language_known;  // the stopword lists know the page's language
    const Deadline* deadline;

    std::size_t size() const { return st.size(); }
    // Prose strong enough to keep outside the main text.
    bool strong_prose(std::size_t i) const {
        const BlockFeatures& f = df.blocks[i];
        return st[i].quality == Quality::Good && f.words >= t.keep_outside_words &&
               (!language_known || f.stopword_ratio >= t.keep_outside_stopwords);
    }
};

// 1. Each block on its own: patterns and shapes, then prose quality.
void judge_each_block(Pass& p) {
    const std::size_t n = p.size();
    for (std::size_t i = 0; i < n; ++i) {
        check_deadline(p.deadline, i);
        const BlockFeatures& f = p.df.blocks[i];
        apply_rules(p.doc.blocks[i], f, p.patterns, p.st[i]);
        if (!p.st[i].decided) p.st[i].quality = initial_quality(f, p.language_known, p.t);
    }
    // An image's title sits right above its caption ("Scott Bessent" / "… (Eric Lee/Bloomberg)").
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const BlockFeatures& f = p.df.blocks[i];
        if (!p.st[i].decided && p.st[i + 1].decided && p.st[i + 1].decision.category == Category::Caption &&
            !p.doc.blocks[i + 1].blank_before && f.words <= 6 && heading_like(p.doc.blocks[i], f))
            set_noise(p.st[i], Category::Caption, format("image title above the caption at line %zu",
                                                         p.doc.blocks[i + 1].first_line));
    }
}

// 2. Lists: intro-led lists, teaser runs, link lists.
void judge_lists(Pass& p) {
    extend_intro_lists(p.doc, p.df, p.st);
    mark_runs(p.doc, p.df, p.st);
    if (p.language_known) promote_prose_groups(p.doc, p.df, p.st, p.t);
}

// 3. Context: short and near-good blocks take their neighbours' side (jusText's smoothing).
void smooth_with_neighbours(Pass& p) {
    const std::size_t n = p.size();
    std::vector<BlockState>& st = p.st;
    std::vector<Quality> smoothed(n);
    const std::vector<std::size_t> judged_before = neighbours(st, -1, true), judged_after = neighbours(st, +1, true);
    for (std::size_t i = 0; i < n; ++i) {
        smoothed[i] = st[i].quality;
        if (st[i].decided) continue;
        if (st[i].quality == Quality::NearGood) {
            const bool good = (judged_before[i] < n && st[judged_before[i]].quality == Quality::Good) ||
                              (judged_after[i] < n && st[judged_after[i]].quality == Quality::Good);
            smoothed[i] = good ? Quality::Good : Quality::Bad;
        }
    }
    // A text too short to hold a paragraph of prose (a brief, a note, one sentence) has no Good
    // block to lean on: when sentences that read as prose are most of its words, they are its text.
    if (std::none_of(smoothed.begin(), smoothed.end(), [](Quality q) { return q == Quality::Good; })) {
        std::vector<std::size_t> sentences;
        std::size_t sentence_words = 0, all_words = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const BlockFeatures& f = p.df.blocks[i];
            all_words += f.words;
            if (!st[i].decided && (st[i].quality == Quality::NearGood || st[i].quality == Quality::Short) &&
                f.words >= 5 && f.terminal_punctuation && !f.truncated &&
                (!p.language_known || f.stopword_ratio >= p.t.good_stopwords)) {
                sentences.push_back(i);
                sentence_words += f.words;
            }
        }
        if (sentence_words > 0 && sentence_words * 2 >= all_words)
            for (const std::size_t i : sentences) st[i].quality = smoothed[i] = Quality::Good;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (st[i].decided || st[i].quality == Quality::Short) continue;
        st[i].quality = smoothed[i];
    }
}

// 4a. HTML: the DOM's article region and class/id hints decide every block they speak for
//     (html_region.h).
//     Off articles, the region's own keep (a card's line, a post) outweighs the shape rules made
//     for article pages (link lists, photo credits, teaser runs), and on pages whose hidden panels
//     may be content (reads_hidden_text) the rule that hidden text is not; phrase patterns still
//     decide. So it does on an article whose region those shape rules would empty of more than
//     article_shaped_share of its text (patterns/page/region.txt): a list of linked titles, a
//     catalogue of entries each ending in a parenthesis, is what that page is about.
void follow_html_priors(Pass& p, const std::vector<HtmlPrior>& priors, PageType page_type, bool keep_comments) {
    auto shape_rule = [&](std::size_t i) {
        const BlockState& s = p.st[i];
        const Category shaped = s.decision.category;
        return s.decided && !p.df.blocks[i].match.found &&
               (p.doc.blocks[i].hidden ? reads_hidden_text(page_type)
                                       : shaped == Category::Navigation || shaped == Category::Caption || shaped == Category::Related);
    };
    bool region_wins = page_type != PageType::Article;
    if (!region_wins) {
        std::size_t kept = 0, shaped = 0;
        for (std::size_t i = 0; i < priors.size(); ++i) {
            if (!priors[i].keep || p.doc.blocks[i].hidden) continue;
            kept += p.doc.blocks[i].text_chars;
            if (shape_rule(i)) shaped += p.doc.blocks[i].text_chars;
        }
        const double most = p.patterns.region_setting("article_shaped_share", 0.2);
        region_wins = kept > 0 && static_cast<double>(shaped) > most * static_cast<double>(kept);
    }
    for (std::size_t i = 0; i < priors.size(); ++i) {
        BlockState& s = p.st[i];
        const bool folded_kept = priors[i].keep && p.doc.blocks[i].folded && !p.df.blocks[i].match.found;
        if (s.decided && !(region_wins && priors[i].keep && shape_rule(i)) && !folded_kept) continue;
        const HtmlPrior& prior = priors[i];
        const BlockFeatures& f = p.df.blocks[i];
        if (prior.keep)
            label_content(p.st, i, prior.reason);
        else if (prior.dom_category == Category::Comment && keep_comments)
            set_noise(s, Category::Comment, prior.reason);  // made a Label::Comment at the end
        else if (prior.dom_category != Category::None)
            set_noise(s, prior.dom_category, prior.reason);
        else if (p.strong_prose(i) && prior.near_main)
            label_content(p.st, i, "prose beside the article region: " + describe(f));
        else
            set_noise(s, Category::Boilerplate, prior.reason + ": " + describe(f));
        s.decided = true;
    }
}

// 4b. The main text region (before any reader comments, which can outweigh the article): good
//     prose and the short lines between it inside; outside, only clearly prose is kept.
//     Returns the region, [begin, end).
std::pair<std::size_t, std::size_t> decide_by_main_region(Pass& p) {
    const std::size_t n = p.size();
    std::vector<BlockState>& st = p.st;
    const std::size_t comments = comment_section_start(p.doc, p.df, st);
    const auto [region_begin, region_end] = main_region(p.df, st, comments);
    // A short line's neighbours: blocks after it are not decided yet, so where they are is known
    // now; the one before it is the last block this loop left not short.
    const std::vector<std::size_t> after = neighbours(st, +1, false);
    std::size_t before = n;
    for (std::size_t i = 0; i < n; ++i) {
        check_deadline(p.deadline, i);
        if (i > 0 && st[i - 1].quality != Quality::Short) before = i - 1;
        if (st[i].decided) continue;
        const BlockFeatures& f = p.df.blocks[i];
        const bool inside = i >= region_begin && i < region_end;
        if (inside) {
            if (st[i].quality == Quality::Good) {
                label_content(st, i, st[i].decision.reason.empty() ? "prose: " + describe(f) : st[i].decision.reason);
            } else if (st[i].quality == Quality::Short) {
                const bool between_good = before < n && after[i] < n && st[before].quality == Quality::Good &&
                                          st[after[i]].quality == Quality::Good;
                if (between_good || heading_like(p.doc.blocks[i], f))
                    label_content(st, i, "short line inside the main text: " + describe(f));
                else
                    set_noise(st[i], Category::Boilerplate, "short line beside boilerplate: " + describe(f));
            } else {
                set_noise(st[i], Category::Boilerplate, "low prose score: " + describe(f));
            }
        } else if (p.strong_prose(i)) {
            label_content(st, i, "prose outside the main text: " + describe(f));
        } else {
            set_noise(st[i], Category::Boilerplate,
                      format("outside the main text (lines %zu-%zu): ",
                             region_end > region_begin ? p.doc.blocks[region_begin].first_line : 0,
                             region_end > region_begin ? p.doc.blocks[region_end - 1].last_line : 0) +
                          describe(f));
        }
    }
    return {region_begin, region_end};
}

// 5. The first byline and the first dateline: metadata, not text. (Later "By …" lines are
//    references, credits or quotes, and keep their verdict.) Only on articles: the names and
//    dates on a thread, a listing or a shop page belong to its posts and cards.
void find_byline_and_date(Pass& p) {
    bool have_byline = false, have_date = false;
    for (std::size_t i = 0; i < p.size() && !(have_byline && have_date); ++i) {
        const BlockFeatures& f = p.df.blocks[i];
        BlockState& s = p.st[i];
        if (!f.match.found) continue;
        if (s.decision.label == Label::Noise && s.decision.category != Category::Boilerplate) continue;
        const std::string_view text = p.doc.blocks[i].text;
        std::string author;
        if (!have_byline && f.match.kind == PhraseKind::Byline && byline_author(text, f, &author)) {
            have_byline = true;
            s.decided = true;
            s.decision = Decision{Label::Byline, Category::None,
                                  format("byline pattern \"%.*s\" (%.*s) before a name",
                                         static_cast<int>(f.match.phrase.size()), f.match.phrase.data(),
                                         static_cast<int>(f.match.source.size()), f.match.source.data()),
                                  author};
        } else if (!have_date && f.match.kind == PhraseKind::Date && f.words <= 14 && !f.terminal_punctuation &&
                   text.find_first_of("0123456789") != std::string_view::npos) {
            have_date = true;
            s.decided = true;
            s.decision = Decision{Label::Date, Category::None,
                                  format("date pattern \"%.*s\" (%.*s), %zu words",
                                         static_cast<int>(f.match.phrase.size()), f.match.phrase.data(),
                                         static_cast<int>(f.match.source.size()), f.match.source.data(), f.words),
                                  trim_copy(text)};
        }
    }
}

// 6. Title: the page's title where a block repeats it (HTML); in text, the headline at the top,
//    or the heading just before the main text. Returns its index, or n.
std::size_t find_title(const Pass& p, std::size_t region_begin, std::size_t region_end, bool look_in_text) {
    const std::size_t n = p.size();
    const std::vector<BlockState>& st = p.st;
    if (p.doc.from_html && !p.doc.meta.title.empty()) {
        for (std::size_t i = 0; i < n; ++i)
            if (p.doc.blocks[i].text == p.doc.meta.title) return i;
        return n;
    }
    if (!look_in_text || region_end <= region_begin) return n;
    auto candidate = [&](std::size_t i) {
        const BlockFeatures& f = p.df.blocks[i];
        return heading_like(p.doc.blocks[i], f) && f.words >= 2 && st[i].decision.label != Label::Byline &&
               st[i].decision.label != Label::Date &&
               !(st[i].decision.label == Label::Noise && st[i].decision.category != Category::Boilerplate);
    };
    std::size_t first = 0;
    while (first < n && p.df.blocks[first].words == 0) ++first;
    if (first < n && first <= region_begin && region_begin - first <= 6 && candidate(first)) return first;
    for (std::size_t k = region_begin; k > 0 && region_begin - k < 4; --k) {
        const std::size_t i = k - 1;
        if (st[i].decision.label == Label::Byline || st[i].decision.label == Label::Date) continue;
        if (candidate(i)) return i;
        if (st[i].decision.label != Label::Noise || st[i].decision.category == Category::Boilerplate) break;
    }
    if (region_begin < n && candidate(region_begin)) return region_begin;
    return n;
}

// The headline's label, and a short heading-like line right after it is its subtitle: part of
// the text.
void label_title(Pass& p, std::size_t title) {
    std::vector<BlockState>& st = p.st;
    st[title].decided = true;
    st[title].decision = Decision{Label::Title, Category::None, "headline: " + describe(p.df.blocks[title]),
                                  trim_copy(p.doc.blocks[title].text)};
    const std::size_t next = title + 1;
    if (next < p.size() && st[next].decision.label == Label::Noise &&
        st[next].decision.category == Category::Boilerplate && heading_like(p.doc.blocks[next], p.df.blocks[next]) &&
        p.df.blocks[next].words >= 3 && p.doc.blocks[next].text != p.doc.blocks[title].text)
        label_content(st, next, "subtitle under the headline: " + describe(p.df.blocks[next]));
}

// The two elements under the innermost element holding both containers, on the way to each of
// them: {the one around `earlier`, the one around `later`}; npos twice when one holds the other.
std::pair<std::size_t, std::size_t> sibling_ancestors(const std::vector<Container>& containers, std::size_t earlier,
                                                      std::size_t later) {
    constexpr std::size_t npos = Container::npos;
    std::vector<std::size_t> around_earlier;
    for (std::size_t c = earlier; c < containers.size(); c = containers[c].parent) around_earlier.push_back(c);
    for (std::size_t c = later, below = npos; c < containers.size(); below = c, c = containers[c].parent) {
        const auto hit = std::find(around_earlier.begin(), around_earlier.end(), c);
        if (hit == around_earlier.end()) continue;
        if (hit == around_earlier.begin() || below == npos) return {npos, npos};
        return {*(hit - 1), below};
    }
    return {npos, npos};
}

// 7. HTML: a line of content repeated word for word in another part of the page (a carousel's copy
//    of a section, the mobile copy of a menu of features, a quote of an earlier post) is printed
//    once: the later copy is noise. Repeats side by side in one element (a refrain, a log, lines
//    of code) are the text's own, and short values (a table's "Yes", a size) may repeat anywhere.
//    Not on documentation, which repeats itself on purpose: the same note under each function, the
//    same cells in each row of a table of lectures. On a page of cards (service, product, listing,
//    collection) a sentence that several like cards share (each plan's "Phone consultation with a
//    resume expert") is each card's own, as long as the card says something of its own too; a card
//    that only repeats is a carousel's copy.
void drop_repeats(Pass& p, PageType page_kind) {
    if (!p.doc.from_html || page_kind == PageType::Documentation) return;
    const double least = p.patterns.region_setting("repeated_line_min_bytes", 16);
    const std::vector<Container>& containers = p.doc.containers;
    auto parent_of = [&](const Block& b) { return b.container < containers.size() ? containers[b.container].parent : Container::npos; };
    StringViewTable<std::size_t> first;  // text -> block
    std::vector<std::pair<std::size_t, std::size_t>> repeats;  // a later copy and the block it repeats
    for (std::size_t i = 0; i < p.st.size(); ++i) {
        const Block& b = p.doc.blocks[i];
        if (p.st[i].decision.label != Label::Content || b.kind == BlockKind::Preformatted ||
            static_cast<double>(b.text.size()) < least)
            continue;
        const auto [at, inserted] = first.try_emplace(b.text);
        if (inserted) {
            *at = i;
            continue;
        }
        const Block& earlier = p.doc.blocks[*at];
        if (parent_of(earlier) == parent_of(b)) continue;
        if (page_kind == PageType::Article && earlier.tag_path == b.tag_path) continue;
        repeats.emplace_back(i, *at);
    }
    const bool cards = page_kind != PageType::Article && page_kind != PageType::Forum;
    const auto card_words = static_cast<std::size_t>(p.patterns.region_setting("card_repeat_min_words", 6));
    const double linked = p.patterns.region_setting("broad_link_density", 0.5);  // a card's links are its furniture
    std::vector<char> says_own;  // per container: holds a line of content said nowhere before it
    if (cards && !repeats.empty()) {
        says_own.assign(containers.size(), 0);
        StringViewTable<char> said;
        for (std::size_t i = 0; i < p.st.size(); ++i) {
            if (p.st[i].decision.label != Label::Content || !said.try_emplace(p.doc.blocks[i].text).second) continue;
            for (std::size_t c = p.doc.blocks[i].container; c < containers.size() && !says_own[c]; c = containers[c].parent)
                says_own[c] = 1;
        }
    }
    for (const auto& [i, e] : repeats) {
        if (cards && p.df.blocks[i].words >= card_words && p.doc.blocks[i].link_density < linked) {
            const auto [earlier_card, card] = sibling_ancestors(containers, p.doc.blocks[e].container, p.doc.blocks[i].container);
            if (card != Container::npos && says_own[card] && like_elements(containers[earlier_card], containers[card])) continue;
        }
        set_noise(p.st[i], Category::Boilerplate, format("repeats line %zu", p.doc.blocks[e].first_line));
    }
}

// 7a. A line that is one short phrase said again and again ("Book Now * Book Now * Book Now …",
//     "Free delivery · Free delivery · …") is a ticker scrolling across a banner, not text: it is
//     noise on every kind of page. The phrase must hold a letter (a table row of zeros is data) and
//     code keeps its repeats. Returns how many times the phrase is said, or 0.
std::size_t times_one_phrase_is_said(std::string_view text) {
    constexpr std::size_t kLongestPhrase = 6, kLeastTimes = 4, kLeastWords = 8;
    // A cheap test first, as nearly every line is prose: the line's first word, as written, must
    // be in it kLeastTimes times.
    auto word_byte = [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x80 || (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z');
    };
    std::size_t begin = 0;
    while (begin < text.size() && !word_byte(text[begin])) ++begin;
    std::size_t end = begin;
    while (end < text.size() && word_byte(text[end])) ++end;
    if (end == begin) return 0;
    const std::string_view first = text.substr(begin, end - begin);
    std::size_t seen = 0;
    for (std::size_t at = begin; seen < kLeastTimes && at != std::string_view::npos; at = text.find(first, at + first.size()))
        ++seen;
    if (seen < kLeastTimes) return 0;
    const std::string folded = normalise_for_match(text);
    std::vector<std::string_view> words;
    for (std::size_t pos = 0; pos < folded.size();) {
        const std::size_t end = std::min(folded.find(' ', pos), folded.size());
        if (end > pos) words.push_back(std::string_view(folded).substr(pos, end - pos));
        pos = end + 1;
    }
    if (words.size() < kLeastWords) return 0;
    for (std::size_t period = 1; period <= kLongestPhrase && period * kLeastTimes <= words.size(); ++period) {
        bool same = true;
        for (std::size_t i = period; i < words.size() && same; ++i) same = words[i] == words[i - period];
        if (!same) continue;
        const bool letter = std::any_of(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(period),
                                        [](std::string_view w) {
                                            return std::any_of(w.begin(), w.end(), [](char c) { return !(c >= '0' && c <= '9'); });
                                        });
        return letter ? words.size() / period : 0;
    }
    return 0;
}

void drop_tickers(Pass& p) {
    for (std::size_t i = 0; i < p.st.size(); ++i) {
        if (p.st[i].decision.label != Label::Content || p.doc.blocks[i].kind == BlockKind::Preformatted) continue;
        if (const std::size_t times = times_one_phrase_is_said(p.doc.blocks[i].text))
            set_noise(p.st[i], Category::Boilerplate, format("one phrase said %zu times over (a scrolling ticker)", times));
    }
}

// Digits with nothing but punctuation, spaces and currency signs around them: "$19.99", "4.5",
// "1,992", "24,90 €", "-20%"; a count may end in its thousands or millions ("23.8k", "1.2M").
bool number_or_price_only(std::string_view text) {
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.size() >= 2 && (text.back() == 'k' || text.back() == 'K' || text.back() == 'M') &&
        text[text.size() - 2] >= '0' && text[text.size() - 2] <= '9')
        text.remove_suffix(1);
    bool digit = false;
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return false;
            digit = digit || (c >= '0' && c <= '9');
            ++i;
            continue;
        }
        std::size_t sign = text.substr(i).starts_with("\xC2\xA0") ? 2 : 0;  // a no-break space
        for (std::string_view s : kCurrencySigns) {
            if (text.substr(i).starts_with(s)) sign = s.size();
        }
        if (sign == 0) return false;
        i += sign;
    }
    return digit;
}

// A count and what it counts, as a thread shows it under each post or beside its author ("27
// likes", "1 reply", "Posts: 1,204").
bool count_of_reactions(std::string_view text) {
    static constexpr std::string_view kCounted[] = {"likes", "like", "replies", "reply", "answers", "answer", "votes",
                                                    "vote", "views", "view", "comments", "comment", "points", "point",
                                                    "reactions", "reaction", "posts", "post", "messages", "threads",
                                                    "topics", "solutions", "reputation", "kudos"};
    auto same_word = [](std::string_view a, std::string_view b) {
        if (a.size() != b.size()) return false;
        for (std::size_t k = 0; k < a.size(); ++k) {
            if ((a[k] | 0x20) != b[k]) return false;
        }
        return true;
    };
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    const std::size_t last_space = text.rfind(' ');
    if (last_space == std::string_view::npos) return false;
    std::string_view first = text.substr(0, last_space), second = text.substr(last_space + 1);
    if (first.find(' ') != std::string_view::npos) return false;  // two words only
    if (first.ends_with(':')) first.remove_suffix(1);
    for (std::string_view counted : kCounted) {
        if (same_word(second, counted) && number_or_price_only(first)) return true;  // "27 likes"
        if (same_word(first, counted) && number_or_price_only(second)) return true;  // "Posts: 1,204"
    }
    return false;
}

// A member's join date beside their post, as forum software prints it ("Joined: Sun Dec 17, 2023
// 11:18 am", "Registered: 2016-07-02", "Member since 2019"): a label, then a value with a digit.
bool member_since(std::string_view text) {
    static constexpr std::string_view kLabels[] = {"joined:", "registered:", "member since"};
    for (std::string_view label : kLabels) {
        if (unicode::starts_with_ci(text, 0, label) &&
            std::any_of(text.begin() + static_cast<std::ptrdiff_t>(label.size()), text.end(),
                        [](char c) { return c >= '0' && c <= '9'; }))
            return true;
    }
    return false;
}

// A Q&A thread's stamps under its title ("Asked 13 years, 8 months ago", "Modified 2 days ago",
// "Viewed 11k times"): a label, a count, and "ago" or "times" last.
bool thread_stamp(std::string_view text) {
    static constexpr std::string_view kLabels[] = {"asked ", "modified ", "viewed ", "active "};
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    const bool last = text.ends_with(" ago") || text.ends_with(" times");
    if (!last || !std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    return std::any_of(std::begin(kLabels), std::end(kLabels),
                       [&](std::string_view label) { return unicode::starts_with_ci(text, 0, label); });
}

// 7b. On a forum thread or a product page a number or price on a line of its own is the page's
//     machinery (a vote count, a reputation, a price tag, a size), not its text; so, on a thread,
//     is a count with what it counts, a member's join date and the thread's own stamps. On
//     listings and collections a card's price is part of the card, so they keep it.
void drop_lone_numbers(Pass& p, PageType page_kind) {
    if (page_kind != PageType::Forum && page_kind != PageType::Product) return;
    constexpr std::size_t kMostWords = 4, kMostDateWords = 8;
    for (std::size_t i = 0; i < p.st.size(); ++i) {
        if (p.st[i].decision.label != Label::Content || p.df.blocks[i].words > kMostDateWords) continue;
        const std::string_view text = p.doc.blocks[i].text;
        if (page_kind == PageType::Forum && member_since(text)) {
            set_noise(p.st[i], Category::Interface, "a member's join date beside the post");
            continue;
        }
        if (page_kind == PageType::Forum && thread_stamp(text)) {
            set_noise(p.st[i], Category::Interface, "when the thread was asked, changed or how often viewed");
            continue;
        }
        if (p.df.blocks[i].words > kMostWords) continue;
        if (number_or_price_only(text))
            set_noise(p.st[i], Category::Interface, "a number or price alone (a count, a score, a price tag)");
        else if (page_kind == PageType::Forum && count_of_reactions(text))
            set_noise(p.st[i], Category::Interface, "a count of a post's reactions or replies");
    }
}

// 8. Reader comments are dropped unless asked for; then they are their own section.
Labels final_labels(std::vector<BlockState>& st, bool keep_comments) {
    Labels labels(st.size());
    for (std::size_t i = 0; i < st.size(); ++i) {
        labels[i] = std::move(st[i].decision);
        if (keep_comments && labels[i].label == Label::Noise && labels[i].category == Category::Comment) {
            labels[i].label = Label::Comment;
            labels[i].reason = "reader comment (--comments): " + labels[i].reason;
        }
    }
    return labels;
}

// 4a'. An HTML page typed as an article whose article region holds little of the text it would
//      keep as a page of parts (cards, sections, tiles: score_html_regions for a listing) is not
//      one article: a list of programmes under a short intro, a table of results, a page of
//      tiles. Then it is extracted as parts. patterns/page/region.txt sets how little and how
//      much the parts must hold.
std::vector<HtmlPrior> article_or_parts(const Document& doc, const Patterns& patterns, Favor favor, bool decided,
                                        PageTypeDecision& type, PageType& extract_as) {
    std::vector<HtmlPrior> article = score_html_regions(doc, patterns, favor, type.type);
    extract_as = type.type;
    if (type.type != PageType::Article || !decided) return article;  // an article the caller named stays one
    const double most_share = patterns.region_setting("parts_fallback_share", 0.25);
    const double most_prose_share = patterns.region_setting("parts_fallback_prose_share", 0.3);
    const double least_parts = patterns.region_setting("parts_fallback_min_chars", 300);
    const double linked = patterns.region_setting("broad_link_density", 0.5);
    std::size_t in_article = 0, visible = 0;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        if (article[i].keep) in_article += doc.blocks[i].text_chars;
        if (!doc.blocks[i].hidden) visible += doc.blocks[i].text_chars;
    }
    // The parts are never more than the visible text: an article holding its share of that is one.
    if (static_cast<double>(in_article) >= std::max(most_share, most_prose_share) * static_cast<double>(visible)) return article;
    std::vector<HtmlPrior> parts = score_html_regions(doc, patterns, favor, PageType::Listing);
    // Beside all the parts' text, their prose: the lines that are not mostly links. A news page's
    // teasers, tickers and "recently in" lists are links; a service page's sections are not.
    std::size_t in_parts = 0, prose_in_parts = 0, prose_in_article = 0;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        const std::size_t chars = doc.blocks[i].text_chars;
        const bool prose = doc.blocks[i].link_density < linked;
        in_parts += parts[i].keep ? chars : 0;
        prose_in_parts += parts[i].keep && prose ? chars : 0;
        prose_in_article += article[i].keep && prose ? chars : 0;
    }
    auto share_of = [](std::size_t part, std::size_t whole) {
        return whole ? static_cast<double>(part) / static_cast<double>(whole) : 1.0;
    };
    const double share = share_of(in_article, in_parts), prose_share = share_of(prose_in_article, prose_in_parts);
    if ((share >= most_share && prose_share >= most_prose_share) || static_cast<double>(in_parts) < least_parts) return article;
    extract_as = PageType::Listing;
    char note[200];
    if (share < most_share)
        std::snprintf(note, sizeof note, "; extracted as parts: the article region holds %.2f of their text (< %g)", share,
                      most_share);
    else
        std::snprintf(note, sizeof note, "; extracted as parts: the article region holds %.2f of their prose (< %g)",
                      prose_share, most_prose_share);
    type.reason += note;
    return parts;
}

}  // namespace

Labels classify(const Document& given, const Patterns& patterns, const ClassifyOptions& options, std::string* language,
                PageTypeDecision* page_type) {
    // The page type is read from the page as shown; then text that only a script would show, when
    // it is nearly all of the page, is scored as visible (html_region.h).
    PageTypeDecision type;
    if (given.from_html) {
        type = decide_page_type(given, patterns);
        if (options.page_type) {
            type.reason = std::string(page_type_name(*options.page_type)) + " (given by the caller; the page's own evidence: " +
                          type.reason + ")";
            type.type = *options.page_type;
        }
    }
    const std::optional<Document> revealed = given.from_html ? reveal_hidden_wrappers(given, patterns) : std::nullopt;
    const Document& doc = revealed ? *revealed : given;
    const Thresholds t = thresholds_for(options.favor);
    const DocumentFeatures df = compute_features(doc, patterns);
    check_deadline(options.deadline);
    if (language) *language = df.language;
    std::vector<BlockState> st(doc.blocks.size());
    Pass pass{doc, df, patterns, st, t, df.language_bit != 0, options.deadline};

    judge_each_block(pass);
    judge_lists(pass);
    check_deadline(options.deadline);
    smooth_with_neighbours(pass);

    check_deadline(options.deadline);
    PageType extract_as = type.type;
    if (doc.from_html) {
        // A page typed as an article and extracted as parts takes its region from the parts but
        // stays an article to the shape rules and to hidden text (follow_html_priors): it is an
        // article by every other sign.
        const PageType decided = type.type;
        const std::vector<HtmlPrior> priors = article_or_parts(doc, patterns, options.favor, !options.page_type, type, extract_as);
        follow_html_priors(pass, priors, decided, options.keep_comments);
    }
    const PageType page_kind = extract_as;
    if (page_type) *page_type = std::move(type);
    check_deadline(options.deadline);
    const auto [region_begin, region_end] = decide_by_main_region(pass);

    if (page_kind == PageType::Article) find_byline_and_date(pass);
    const std::size_t title = find_title(pass, region_begin, region_end, options.find_title);
    if (title < st.size()) label_title(pass, title);
    drop_repeats(pass, page_kind);
    drop_tickers(pass);
    drop_lone_numbers(pass, page_kind);
    return final_labels(st, options.keep_comments);
}

}  // namespace winnow::classify
