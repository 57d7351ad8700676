// Reading pattern files (patterns/ as embedded at build time, a user's directory) and compiling
// them into the flat tables Patterns reads (pattern_tables.h).
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "classify/pattern_tables.h"
#include "classify/patterns.h"
#include "classify/phrase_matcher.h"

namespace winnow::classify {

// Defined in the generated embedded_patterns.cpp.
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_pattern_files();

namespace {

struct FileKind {
    enum class What { Phrases, Stopwords, CreditMarks, DomHints } what = What::Phrases;
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

}  // namespace

struct PatternsBuilder::Data {
    struct Entry {
        PhraseKind kind;
        Category category;
        Anchor anchor;
        std::string phrase;  // normalised
        std::string source;  // "en/cookie.txt:12"
    };
    std::vector<std::string> languages;
    std::vector<Entry> entries;
    std::map<std::string, std::uint32_t> stopwords;  // word → language bits
    std::size_t longest_stopword = 0;
    std::vector<std::string> credit_marks;  // normalised; a trailing space ends a word
    struct DomHint {
        Category category;
        std::uint32_t page_types;  // bit per PageType; 0: every page
    };
    std::map<std::string, DomHint> dom_tokens;
    std::vector<PageTypeHint> page_type_hints;
    std::map<std::string, double, std::less<>> region_settings;
};

PatternsBuilder::PatternsBuilder() : data_(std::make_unique<Data>()) {}
PatternsBuilder::~PatternsBuilder() = default;
PatternsBuilder::PatternsBuilder(PatternsBuilder&&) noexcept = default;
PatternsBuilder& PatternsBuilder::operator=(PatternsBuilder&&) noexcept = default;

void PatternsBuilder::add_embedded() {
    for (const auto& [name, text] : embedded_pattern_files()) add_file(name, text);
}

void PatternsBuilder::add_directory(const std::filesystem::path& dir) {
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

void PatternsBuilder::add_file(std::string_view name, std::string_view text) {
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
    } else if (stem == "credit") {
        kind.what = FileKind::What::CreditMarks;
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
        auto it = std::find(data_->languages.begin(), data_->languages.end(), language);
        if (it == data_->languages.end()) {
            if (data_->languages.size() == 32) throw PatternError(std::string(name) + ": more than 32 languages");
            data_->languages.emplace_back(language);
            it = data_->languages.end() - 1;
        }
        language_bit = 1u << static_cast<unsigned>(it - data_->languages.begin());
    }

    for_each_pattern_line(name, text, [&](const std::string& line, const std::string& where) {
        switch (kind.what) {
            case FileKind::What::Stopwords: {
                std::string word = normalise_for_match(line);
                if (word.empty() || word.find(' ') != std::string::npos)
                    throw PatternError(where + ": a stopword must be one word, got '" + line + "'");
                if (word.size() > tables::kMaxStopwordLength)
                    throw PatternError(where + ": a stopword may have at most 16 bytes, got '" + line + "'");
                data_->longest_stopword = std::max(data_->longest_stopword, word.size());
                data_->stopwords[word] |= language_bit;
                break;
            }
            case FileKind::What::CreditMarks: {
                // Matched inside words too; a final '$' makes the word end there ("ap$": not "apple").
                std::string_view mark = line;
                const bool word_end = mark.ends_with('$');
                if (word_end) mark.remove_suffix(1);
                std::string normalised = normalise_for_match(mark);
                if (normalised.empty())
                    throw PatternError(where + ": credit mark '" + line + "' has no letters or digits to match");
                if (word_end) normalised += ' ';
                data_->credit_marks.push_back(std::move(normalised));
                break;
            }
            case FileKind::What::DomHints: {
                // "token", or "token type..." for a token read only on those page types.
                std::istringstream words(line);
                std::string token, type_name;
                words >> token;
                std::transform(token.begin(), token.end(), token.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                std::uint32_t page_types = 0;
                while (words >> type_name) {
                    PageType type;
                    if (!page_type_from_name(type_name, &type))
                        throw PatternError(where + ": '" + type_name + "' after the DOM hint '" + token +
                                           "' is no page type (article, forum, product, collection, listing, documentation, service)");
                    page_types |= 1u << static_cast<unsigned>(type);
                }
                data_->dom_tokens.emplace(token, Data::DomHint{kind.category, page_types});  // the first file to name a token decides
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
                data_->entries.push_back(Data::Entry{kind.phrase_kind, kind.category, anchor, std::move(normalised), where});
                break;
            }
        }
    });
}

// "<type> <signal> <value> <weight>", e.g. "forum schema DiscussionForumPosting 4",
// "documentation feature code_blocks>=3 2", "article base - 1".
void PatternsBuilder::add_page_type_hints(std::string_view name, std::string_view text) {
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
void PatternsBuilder::add_region_settings(std::string_view name, std::string_view text) {
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

namespace {

// The string pool of a blob being written.
class StringPool {
public:
    tables::StringRef add(std::string_view s) {
        const tables::StringRef ref{static_cast<std::uint32_t>(chars_.size()), static_cast<std::uint32_t>(s.size())};
        chars_.append(s);
        return ref;
    }
    const std::string& chars() const { return chars_; }

private:
    std::string chars_;
};

std::vector<tables::StopwordSlot> stopword_table(const std::map<std::string, std::uint32_t>& words) {
    std::size_t capacity = 16;
    while (capacity < words.size() * 2) capacity *= 2;
    std::vector<tables::StopwordSlot> slots(capacity);
    const std::size_t mask = capacity - 1;
    for (const auto& [word, bits] : words) {
        char bytes[2 * tables::kMaxStopwordLength] = {};
        std::memcpy(bytes, word.data(), word.size());  // add_file keeps words within the limit
        tables::StopwordSlot key = tables::pack_stopword(bytes, word.size());
        key.bits = bits;
        std::size_t i = tables::hash_stopword(key) & mask;
        while (slots[i].bits != 0) i = (i + 1) & mask;
        slots[i] = key;
    }
    return slots;
}

}  // namespace

std::string PatternsBuilder::compile() const {
    StringPool pool;
    std::vector<tables::StringRef> languages;
    for (const std::string& language : data_->languages) languages.push_back(pool.add(language));

    std::vector<tables::EntryRecord> entries;
    PhraseMatcherBuilder matcher;
    for (std::size_t i = 0; i < data_->entries.size(); ++i) {
        const Data::Entry& e = data_->entries[i];
        tables::EntryRecord r;
        r.phrase = pool.add(e.phrase);
        r.source = pool.add(e.source);
        r.kind = static_cast<std::uint8_t>(e.kind);
        r.category = static_cast<std::uint8_t>(e.category);
        r.anchor = static_cast<std::uint8_t>(e.anchor);
        entries.push_back(r);
        matcher.add(" " + e.phrase + " ", static_cast<std::uint32_t>(i));
    }
    const PhraseTables phrases = matcher.build();

    std::vector<tables::StringRef> credit_marks;
    for (const std::string& mark : data_->credit_marks) credit_marks.push_back(pool.add(mark));

    std::vector<tables::DomTokenRecord> dom;
    for (const auto& [token, hint] : data_->dom_tokens)
        dom.push_back({pool.add(token), static_cast<std::uint32_t>(hint.category), hint.page_types});

    std::vector<tables::PageHintRecord> hints;
    for (const PageTypeHint& h : data_->page_type_hints) {
        tables::PageHintRecord r;
        r.type = static_cast<std::uint32_t>(h.type);
        r.signal = static_cast<std::uint32_t>(h.signal);
        r.threshold = h.threshold;
        r.weight = h.weight;
        r.value = pool.add(h.value);
        r.source = pool.add(h.source);
        hints.push_back(r);
    }

    std::vector<tables::SettingRecord> settings;
    for (const auto& [name, value] : data_->region_settings) settings.push_back({pool.add(name), value});

    const std::vector<tables::StopwordSlot> stopwords = stopword_table(data_->stopwords);

    tables::Header header;
    std::memcpy(header.magic, tables::kMagic, sizeof header.magic);
    header.format_version = tables::kFormatVersion;
    header.byte_order_mark = tables::kByteOrderMark;
    header.entry_size = sizeof(tables::EntryRecord);
    header.slot_size = sizeof(tables::StopwordSlot);
    header.dom_size = sizeof(tables::DomTokenRecord);
    header.hint_size = sizeof(tables::PageHintRecord);
    header.setting_size = sizeof(tables::SettingRecord);
    header.output_size = sizeof(PhraseOutput);
    header.longest_stopword = data_->longest_stopword;
    header.phrase_classes = phrases.classes;
    header.phrase_states = phrases.states;

    // The order here is the order Patterns reads (patterns.cpp).
    tables::Writer out;
    out.header(header);
    out.section(pool.chars().data(), pool.chars().size());
    out.section(languages.data(), languages.size());
    out.section(entries.data(), entries.size());
    out.section(stopwords.data(), stopwords.size());
    out.section(credit_marks.data(), credit_marks.size());
    out.section(dom.data(), dom.size());
    out.section(hints.data(), hints.size());
    out.section(settings.data(), settings.size());
    out.section(phrases.byte_class.data(), phrases.byte_class.size());
    out.section(phrases.transitions.data(), phrases.transitions.size());
    out.section(phrases.output_begin.data(), phrases.output_begin.size());
    out.section(phrases.outputs.data(), phrases.outputs.size());
    return out.take();
}

Patterns PatternsBuilder::build() const {
    auto blob = std::make_shared<const std::string>(compile());
    std::optional<Patterns> patterns = Patterns::read(*blob, blob);
    if (!patterns) throw std::logic_error("compiled patterns do not read back");  // a bug, not bad input
    return std::move(*patterns);
}

}  // namespace winnow::classify
