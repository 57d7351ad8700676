// Loading and matching the pattern files of patterns/ (embedded defaults plus a user's directory).
#include "classify/patterns.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "classify/phrase_matcher.h"

namespace winnow::classify {

// Defined in the generated embedded_patterns.cpp.
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_pattern_files();

namespace {

// FNV-1a: stopwords and tokens are short, where it beats the library's general-purpose hash.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        std::uint64_t h = 1469598103934665603ULL;
        for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        return static_cast<std::size_t>(h);
    }
};
template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

struct FileKind {
    enum class What { Phrases, Stopwords, DomHints } what = What::Phrases;
    PhraseKind phrase_kind = PhraseKind::Noise;
    Category category = Category::None;
};

bool category_from_name(std::string_view name, Category* out) {
    static constexpr Category kAll[] = {Category::Ad,       Category::Cookie,     Category::Related,
                                        Category::Newsletter, Category::Promo,    Category::Share,
                                        Category::Caption,  Category::Navigation, Category::Interface,
                                        Category::Legal,    Category::Comment,    Category::Boilerplate};
    for (Category c : kAll) {
        if (category_name(c) == name) {
            *out = c;
            return true;
        }
    }
    return false;
}

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r");
    return std::string(s.substr(b, e - b + 1));
}

// Calls on_line(line, where) for each line of a pattern file that is neither blank nor a '#'
// comment, trimmed; `where` is "NAME:LINE", for messages.
template <typename OnLine>
void for_each_pattern_line(std::string_view name, std::string_view text, OnLine&& on_line) {
    std::size_t line_number = 0;
    for (std::size_t pos = 0; pos <= text.size();) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        ++line_number;
        const std::string line = trim(text.substr(pos, end - pos));
        pos = end + 1;
        if (!line.empty() && line[0] != '#') on_line(line, std::string(name) + ":" + std::to_string(line_number));
    }
}

int anchor_rank(Anchor anchor) {
    switch (anchor) {
        case Anchor::Whole: return 3;
        case Anchor::Start: return 2;
        case Anchor::End: return 2;
        case Anchor::Anywhere: return 1;
    }
    return 0;
}

}  // namespace

struct Patterns::Entry {
    PhraseKind kind;
    Category category;
    Anchor anchor;
    std::string phrase;  // normalised
    std::string source;  // "en/cookie.txt:12"
};

// Stopwords in a flat open-addressing table keyed by the word's bytes packed into two 64-bit
// integers: one multiply to hash, two compares to match, no pointer chasing. It runs on every word
// of every line. Words longer than 16 bytes are never stopwords.
class StopwordTable {
    struct Key {
        std::uint64_t low = 0;   // bytes 0–7, little end first, zero padded
        std::uint64_t high = 0;  // bytes 8–15, zero padded, with the length in the top five bits
    };
    struct Slot {
        Key key;
        std::uint32_t bits = 0;  // 0 = empty slot (every stored word has a language)
    };

public:
    static constexpr std::size_t kMaxLength = 16;

    void build(const StringMap<std::uint32_t>& words) {
        std::size_t capacity = 16;
        while (capacity < words.size() * 2) capacity *= 2;
        slots_.assign(capacity, Slot{});
        mask_ = capacity - 1;
        for (const auto& [word, bits] : words) {
            if (word.size() > kMaxLength) continue;
            unsigned char bytes[2 * kMaxLength] = {};
            std::memcpy(bytes, word.data(), word.size());
            const Key key = pack(reinterpret_cast<const char*>(bytes), word.size());
            std::size_t i = hash(key) & mask_;
            while (slots_[i].bits != 0) i = (i + 1) & mask_;
            slots_[i] = Slot{key, bits};
        }
    }

    // Language bits of a word followed by at least kMaxLength readable bytes (two loads, no copy).
    std::uint32_t find_padded(const char* word, std::size_t length) const {
        if (length > kMaxLength || slots_.empty()) return 0;
        const Key key = pack(word, length);
        for (std::size_t i = hash(key) & mask_;; i = (i + 1) & mask_) {
            const Slot& slot = slots_[i];
            if (slot.bits == 0) return 0;
            if (slot.key.low == key.low && slot.key.high == key.high) return slot.bits;
        }
    }

    std::uint32_t find(std::string_view word) const {
        if (word.size() > kMaxLength) return 0;
        char bytes[2 * kMaxLength] = {};
        std::memcpy(bytes, word.data(), word.size());
        return find_padded(bytes, word.size());
    }

private:
    static Key pack(const char* word, std::size_t length) {
        Key key;
        std::memcpy(&key.low, word, 8);
        std::memcpy(&key.high, word + 8, 8);
        if (length < 8) {
            key.low &= (std::uint64_t{1} << (8 * length)) - 1;
            key.high = 0;
        } else if (length < 16) {
            key.high &= (std::uint64_t{1} << (8 * (length - 8))) - 1;
        }
        key.high ^= static_cast<std::uint64_t>(length) << 59;
        return key;
    }
    static std::size_t hash(const Key& key) {
        const std::uint64_t h = (key.low * 0x9E3779B97F4A7C15ULL) ^ (key.high * 0xC2B2AE3D27D4EB4FULL);
        return static_cast<std::size_t>(h ^ (h >> 29));
    }

    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
};

struct Patterns::Data {
    std::vector<Entry> entries;
    StopwordTable stopword_table;
    PhraseMatcher matcher;
    StringMap<std::uint32_t> stopwords;  // word → language bits
    std::size_t longest_stopword = 0;
    StringMap<Category> dom_tokens;
    std::vector<PageTypeHint> page_type_hints;
    std::map<std::string, double, std::less<>> region_settings;
    bool finished = false;
};

Patterns::Patterns() : data_(std::make_unique<Data>()) {}
Patterns::~Patterns() = default;
Patterns::Patterns(Patterns&&) noexcept = default;
Patterns& Patterns::operator=(Patterns&&) noexcept = default;

Patterns Patterns::embedded() {
    Patterns patterns;
    for (const auto& [name, text] : embedded_pattern_files()) patterns.add_file(name, text);
    patterns.finish();
    return patterns;
}

Patterns Patterns::with_user_directory(const std::filesystem::path& dir) {
    Patterns patterns;
    for (const auto& [name, text] : embedded_pattern_files()) patterns.add_file(name, text);
    patterns.add_directory(dir);
    patterns.finish();
    return patterns;
}

void Patterns::add_directory(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw PatternError(dir.string() + ": not a directory of pattern files");
    std::vector<std::filesystem::path> files;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".txt") files.push_back(it->path());
    }
    if (ec) throw PatternError(dir.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in && !in.eof()) throw PatternError(file.string() + ": cannot read");
        const std::string name = std::filesystem::relative(file, dir).generic_string();
        try {
            add_file(name, text.str());
        } catch (const PatternError& e) {
            throw PatternError(dir.string() + "/" + e.what());
        }
    }
}

void Patterns::add_file(std::string_view name, std::string_view text) {
    if (data_->finished) throw PatternError(std::string(name) + ": patterns already finished");
    const auto slash = name.find('/');
    if (slash == std::string_view::npos || !name.ends_with(".txt"))
        throw PatternError(std::string(name) + ": expected <language>/<kind>.txt");
    const std::string_view language = name.substr(0, slash);
    const std::string_view stem = name.substr(slash + 1, name.size() - slash - 1 - 4);

    FileKind kind;
    if (language == "page") {
        if (stem == "region") add_region_settings(name, text);
        else add_page_type_hints(name, text);
        return;
    }
    if (language == "dom") {
        kind.what = FileKind::What::DomHints;
        if (!category_from_name(stem, &kind.category))
            throw PatternError(std::string(name) + ": unknown category '" + std::string(stem) + "'");
    } else if (stem == "stopwords") {
        kind.what = FileKind::What::Stopwords;
    } else if (stem == "byline") {
        kind.phrase_kind = PhraseKind::Byline;
    } else if (stem == "date") {
        kind.phrase_kind = PhraseKind::Date;
    } else if (!category_from_name(stem, &kind.category)) {
        throw PatternError(std::string(name) + ": unknown pattern kind '" + std::string(stem) +
                           "' (expected stopwords, byline, date or a noise category such as cookie, related, ad)");
    }

    std::uint32_t language_bit = 0;
    if (kind.what == FileKind::What::Stopwords) {
        auto it = std::find(languages_.begin(), languages_.end(), language);
        if (it == languages_.end()) {
            if (languages_.size() == 32) throw PatternError(std::string(name) + ": more than 32 languages");
            languages_.emplace_back(language);
            it = languages_.end() - 1;
        }
        language_bit = 1u << static_cast<unsigned>(it - languages_.begin());
    }

    for_each_pattern_line(name, text, [&](const std::string& line, const std::string& where) {
        switch (kind.what) {
            case FileKind::What::Stopwords: {
                std::string word = normalise_for_match(line);
                if (word.empty() || word.find(' ') != std::string::npos)
                    throw PatternError(where + ": a stopword must be one word, got '" + line + "'");
                if (word.size() > StopwordTable::kMaxLength)
                    throw PatternError(where + ": a stopword may have at most 16 bytes, got '" + line + "'");
                data_->longest_stopword = std::max(data_->longest_stopword, word.size());
                data_->stopwords[word] |= language_bit;
                break;
            }
            case FileKind::What::DomHints: {
                std::string token = line;
                std::transform(token.begin(), token.end(), token.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                if (token.find_first_of(" \t") != std::string::npos)
                    throw PatternError(where + ": a DOM hint must be one token, got '" + line + "'");
                data_->dom_tokens.emplace(token, kind.category);
                break;
            }
            case FileKind::What::Phrases: {
                Anchor anchor = Anchor::Anywhere;
                std::string_view phrase = line;
                const bool start = phrase.starts_with('^');
                if (start) phrase.remove_prefix(1);
                const bool end_anchor = phrase.ends_with('$');
                if (end_anchor) phrase.remove_suffix(1);
                anchor = start && end_anchor ? Anchor::Whole : start ? Anchor::Start
                                                          : end_anchor ? Anchor::End
                                                                       : Anchor::Anywhere;
                std::string normalised = normalise_for_match(phrase);
                if (normalised.empty())
                    throw PatternError(where + ": phrase '" + line + "' has no letters or digits to match");
                data_->entries.push_back(Entry{kind.phrase_kind, kind.category, anchor, std::move(normalised), where});
                break;
            }
        }
    });
}

void Patterns::finish() {
    if (data_->finished) return;
    for (std::size_t i = 0; i < data_->entries.size(); ++i)
        data_->matcher.add(" " + data_->entries[i].phrase + " ", static_cast<std::uint32_t>(i));
    data_->matcher.build();
    data_->stopword_table.build(data_->stopwords);
    data_->finished = true;
}

PhraseMatch Patterns::match(std::string_view normalised_line) const {
    std::string padded;
    padded.reserve(normalised_line.size() + 2);
    padded.push_back(' ');
    padded.append(normalised_line);
    padded.push_back(' ');
    return match_padded(padded);
}

PhraseMatch Patterns::match_padded(std::string_view padded) const {
    PhraseMatch best;
    if (!data_->finished || padded.size() <= 2) return best;
    int best_rank = 0;
    std::size_t best_length = 0;
    data_->matcher.scan(padded, [&](std::uint32_t id, std::size_t begin, std::size_t end) {
        const Entry& entry = data_->entries[id];
        const bool at_start = begin == 0;
        const bool at_end = end == padded.size();
        switch (entry.anchor) {
            case Anchor::Anywhere: break;
            case Anchor::Start: if (!at_start) return; break;
            case Anchor::End: if (!at_end) return; break;
            case Anchor::Whole: if (!at_start || !at_end) return; break;
        }
        const int rank = anchor_rank(entry.anchor);
        if (rank > best_rank || (rank == best_rank && entry.phrase.size() > best_length)) {
            best_rank = rank;
            best_length = entry.phrase.size();
            best.found = true;
            best.kind = entry.kind;
            best.category = entry.category;
            best.phrase = entry.phrase;
            best.source = entry.source;
            // Offsets in the unpadded normalised line.
            best.begin = begin;
            best.end = end - 2;
        }
    });
    return best;
}

std::uint32_t Patterns::stopword_languages_padded(const char* word, std::size_t length) const {
    return data_->stopword_table.find_padded(word, length);
}

std::uint32_t Patterns::stopword_languages(std::string_view normalised_word) const {
    if (normalised_word.size() > data_->longest_stopword) return 0;
    if (data_->finished) return data_->stopword_table.find(normalised_word);
    const auto it = data_->stopwords.find(normalised_word);
    return it == data_->stopwords.end() ? 0 : it->second;
}

const std::vector<PageTypeHint>& Patterns::page_type_hints() const { return data_->page_type_hints; }

// "<type> <signal> <value> <weight>", e.g. "forum schema DiscussionForumPosting 4",
// "documentation feature code_blocks>=3 2", "article base - 1".
void Patterns::add_page_type_hints(std::string_view name, std::string_view text) {
    for_each_pattern_line(name, text, [&](const std::string& line, const std::string& where) {
        std::istringstream fields(line);
        std::string type, signal, value, weight, extra;
        if (!(fields >> type >> signal >> value >> weight) || (fields >> extra))
            throw PatternError(where + ": expected '<page type> <signal> <value> <weight>', got '" + line + "'");
        PageTypeHint hint;
        hint.source = where;
        if (!page_type_from_name(type, &hint.type))
            throw PatternError(where + ": unknown page type '" + type + "'");
        if (signal == "base") hint.signal = PageTypeHint::Signal::Base;
        else if (signal == "schema") hint.signal = PageTypeHint::Signal::Schema;
        else if (signal == "og") hint.signal = PageTypeHint::Signal::OpenGraph;
        else if (signal == "url") hint.signal = PageTypeHint::Signal::Url;
        else if (signal == "feature") hint.signal = PageTypeHint::Signal::Feature;
        else throw PatternError(where + ": unknown signal '" + signal + "' (expected base, schema, og, url or feature)");
        if (hint.signal == PageTypeHint::Signal::Feature) {
            const std::size_t at = value.find(">=");
            char* rest = nullptr;
            if (at == std::string::npos || at == 0) throw PatternError(where + ": a feature is written name>=number");
            hint.threshold = std::strtod(value.c_str() + at + 2, &rest);
            if (rest == value.c_str() + at + 2 || *rest != '\0') throw PatternError(where + ": a feature is written name>=number");
            value.resize(at);
        }
        hint.value = std::move(value);
        char* rest = nullptr;
        hint.weight = std::strtod(weight.c_str(), &rest);
        if (rest == weight.c_str() || *rest != '\0') throw PatternError(where + ": weight '" + weight + "' is not a number");
        data_->page_type_hints.push_back(std::move(hint));
    });
}

// "<name> <number>", e.g. "broad_link_density 0.5".
void Patterns::add_region_settings(std::string_view name, std::string_view text) {
    for_each_pattern_line(name, text, [&](const std::string& line, const std::string& where) {
        std::istringstream fields(line);
        std::string key, value, extra;
        if (!(fields >> key >> value) || (fields >> extra))
            throw PatternError(where + ": expected '<setting> <number>', got '" + line + "'");
        char* rest = nullptr;
        const double number = std::strtod(value.c_str(), &rest);
        if (rest == value.c_str() || *rest != '\0') throw PatternError(where + ": '" + value + "' is not a number");
        data_->region_settings[key] = number;
    });
}

double Patterns::region_setting(std::string_view name, double fallback) const {
    const auto it = data_->region_settings.find(name);
    return it == data_->region_settings.end() ? fallback : it->second;
}

Category Patterns::dom_hint(std::string_view token) const {
    if (data_->dom_tokens.empty() || token.empty()) return Category::None;
    // Try every run of whole '-'/'_'-separated parts, longest first at each start.
    auto is_boundary = [](char c) { return c == '-' || c == '_'; };
    for (std::size_t s = 0; s < token.size(); ++s) {
        if (s > 0 && !is_boundary(token[s - 1])) continue;
        for (std::size_t e = token.size(); e > s; --e) {
            if (e != token.size() && !is_boundary(token[e])) continue;
            const auto it = data_->dom_tokens.find(token.substr(s, e - s));
            if (it != data_->dom_tokens.end()) return it->second;
        }
    }
    return Category::None;
}

}  // namespace winnow::classify
