// The compiled patterns: read in place from the blob PatternsBuilder makes (pattern_tables.h),
// the defaults' blob compiled into the binary at build time.
#include "classify/patterns.h"

#include <cstring>
#include <map>

#include "classify/pattern_tables.h"
#include "classify/phrase_matcher.h"
#include "classify/string_table.h"

namespace winnow::classify {
namespace {

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

struct Patterns::Data {
    std::shared_ptr<const std::string> owner;  // the blob, unless it is static
    std::string_view blob;
    std::string_view strings;
    tables::Reader::Span<tables::EntryRecord> entries;
    tables::Reader::Span<tables::StopwordSlot> stopwords;  // a power of two slots, or none
    std::size_t longest_stopword = 0;
    tables::Reader::Span<tables::StringRef> credit_marks;
    PhraseMatcher matcher;
    // The small tables, unpacked: a few hundred records, so reading them costs next to nothing.
    std::vector<std::string> languages;
    struct DomHint {
        Category category;
        std::uint32_t page_types;  // 0: every page
    };
    StringViewTable<DomHint> dom_tokens;
    std::vector<PageTypeHint> page_type_hints;
    std::map<std::string, double, std::less<>> region_settings;

    std::string_view string(tables::StringRef ref) const { return strings.substr(ref.offset, ref.length); }

    // Language bits of a word followed by at least 16 readable bytes (two loads, no copy).
    std::uint32_t find_stopword(const char* word, std::size_t length) const {
        if (length > tables::kMaxStopwordLength || stopwords.size == 0) return 0;
        const tables::StopwordSlot key = tables::pack_stopword(word, length);
        const std::size_t mask = stopwords.size - 1;
        for (std::size_t i = tables::hash_stopword(key) & mask;; i = (i + 1) & mask) {
            const tables::StopwordSlot& slot = stopwords[i];
            if (slot.bits == 0) return 0;
            if (slot.low == key.low && slot.high == key.high) return slot.bits;
        }
    }
};

std::optional<Patterns> Patterns::read(std::string_view blob, std::shared_ptr<const std::string> owner) {
    tables::Reader in(blob);
    tables::Header h;
    if (!in.header(h) || std::memcmp(h.magic, tables::kMagic, sizeof h.magic) != 0 ||
        h.format_version != tables::kFormatVersion || h.byte_order_mark != tables::kByteOrderMark ||
        h.entry_size != sizeof(tables::EntryRecord) || h.slot_size != sizeof(tables::StopwordSlot) ||
        h.dom_size != sizeof(tables::DomTokenRecord) || h.hint_size != sizeof(tables::PageHintRecord) ||
        h.setting_size != sizeof(tables::SettingRecord) || h.output_size != sizeof(PhraseOutput))
        return std::nullopt;
    auto data = std::make_unique<Data>();
    data->owner = std::move(owner);
    data->blob = blob;
    const auto strings = in.section<char>();
    data->strings = std::string_view(strings.data, strings.size);
    const auto languages = in.section<tables::StringRef>();
    data->entries = in.section<tables::EntryRecord>();
    data->stopwords = in.section<tables::StopwordSlot>();
    data->longest_stopword = h.longest_stopword;
    data->credit_marks = in.section<tables::StringRef>();
    const auto dom = in.section<tables::DomTokenRecord>();
    const auto hints = in.section<tables::PageHintRecord>();
    const auto settings = in.section<tables::SettingRecord>();
    const auto byte_class = in.section<std::uint8_t>();
    const auto transitions = in.section<std::uint32_t>();
    const auto output_begin = in.section<std::uint32_t>();
    const auto outputs = in.section<PhraseOutput>();
    if (!in.at_end()) return std::nullopt;
    const std::size_t cells = std::size_t{h.phrase_states} * h.phrase_classes;
    if (byte_class.size != 256 || transitions.size != cells ||
        output_begin.size != (h.phrase_states ? h.phrase_states + 1u : 0u))
        return std::nullopt;
    data->matcher = PhraseMatcher(byte_class.data, h.phrase_classes, h.phrase_states, transitions.data,
                                  output_begin.data, outputs.data);

    for (const tables::StringRef& language : languages) data->languages.emplace_back(data->string(language));
    // Most lookups miss (a page's classes are rarely hints): the table is at most half full, so
    // most of them end at the first empty slot.
    data->dom_tokens = StringViewTable<Data::DomHint>(dom.size);
    for (const tables::DomTokenRecord& r : dom) {
        const auto [hint, added] = data->dom_tokens.try_emplace(data->string(r.token));
        if (added) *hint = Data::DomHint{static_cast<Category>(r.category), r.page_types};
    }
    data->page_type_hints.reserve(hints.size);
    for (const tables::PageHintRecord& r : hints) {
        PageTypeHint hint;
        hint.type = static_cast<PageType>(r.type);
        hint.signal = static_cast<PageTypeHint::Signal>(r.signal);
        hint.threshold = r.threshold;
        hint.weight = r.weight;
        hint.value = data->string(r.value);
        hint.source = data->string(r.source);
        data->page_type_hints.push_back(std::move(hint));
    }
    for (const tables::SettingRecord& r : settings) data->region_settings.emplace(data->string(r.name), r.value);
    return Patterns(std::move(data));
}

Patterns::Patterns(std::unique_ptr<Data> data) : data_(std::move(data)) {}
Patterns::~Patterns() = default;
Patterns::Patterns(Patterns&&) noexcept = default;
Patterns& Patterns::operator=(Patterns&&) noexcept = default;

Patterns Patterns::embedded() {
    if (std::optional<Patterns> compiled = read(compiled_default_tables(), nullptr)) return std::move(*compiled);
    PatternsBuilder builder;  // no blob from the build: compile the embedded text now
    builder.add_embedded();
    return builder.build();
}

Patterns Patterns::with_user_directory(const std::filesystem::path& dir) {
    PatternsBuilder builder;
    builder.add_embedded();
    builder.add_directory(dir);
    return builder.build();
}

std::string_view Patterns::blob() const { return data_->blob; }

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
    if (padded.size() <= 2) return best;
    int best_rank = 0;
    std::size_t best_length = 0;
    data_->matcher.scan(padded, [&](std::uint32_t id, std::size_t begin, std::size_t end) {
        const tables::EntryRecord& entry = data_->entries[id];
        const bool at_start = begin == 0;
        const bool at_end = end == padded.size();
        switch (static_cast<Anchor>(entry.anchor)) {
            case Anchor::Anywhere: break;
            case Anchor::Start: if (!at_start) return; break;
            case Anchor::End: if (!at_end) return; break;
            case Anchor::Whole: if (!at_start || !at_end) return; break;
        }
        const int rank = anchor_rank(static_cast<Anchor>(entry.anchor));
        if (rank > best_rank || (rank == best_rank && entry.phrase.length > best_length)) {
            best_rank = rank;
            best_length = entry.phrase.length;
            best.found = true;
            best.kind = static_cast<PhraseKind>(entry.kind);
            best.category = static_cast<Category>(entry.category);
            best.phrase = data_->string(entry.phrase);
            best.source = data_->string(entry.source);
            // Offsets in the unpadded normalised line.
            best.begin = begin;
            best.end = end - 2;
        }
    });
    return best;
}

std::uint32_t Patterns::stopword_languages_padded(const char* word, std::size_t length) const {
    return data_->find_stopword(word, length);
}

std::uint32_t Patterns::stopword_languages(std::string_view normalised_word) const {
    if (normalised_word.size() > data_->longest_stopword) return 0;
    char bytes[2 * tables::kMaxStopwordLength] = {};
    std::memcpy(bytes, normalised_word.data(), normalised_word.size());
    return data_->find_stopword(bytes, normalised_word.size());
}

bool Patterns::has_credit_mark(std::string_view normalised) const {
    if (data_->credit_marks.size == 0) return false;
    std::string text;  // with a space after the last word, for marks that end a word
    text.reserve(normalised.size() + 1);
    text.append(normalised).push_back(' ');
    for (const tables::StringRef& mark : data_->credit_marks)
        if (text.find(data_->string(mark)) != std::string::npos) return true;
    return false;
}

const std::vector<std::string>& Patterns::languages() const { return data_->languages; }

const std::vector<PageTypeHint>& Patterns::page_type_hints() const { return data_->page_type_hints; }

double Patterns::region_setting(std::string_view name, double fallback) const {
    const auto it = data_->region_settings.find(name);
    return it == data_->region_settings.end() ? fallback : it->second;
}

Category Patterns::dom_hint(std::string_view token) const { return find_dom_hint(token, 0); }

Category Patterns::dom_hint(std::string_view token, PageType page_type) const {
    return find_dom_hint(token, 1u << static_cast<unsigned>(page_type));
}

Category Patterns::find_dom_hint(std::string_view token, std::uint32_t page_type_bit) const {
    if (data_->dom_tokens.empty() || token.empty()) return Category::None;
    // Try every run of whole '-'/'_'-separated parts, longest first at each start.
    auto is_boundary = [](char c) { return c == '-' || c == '_'; };
    for (std::size_t s = 0; s < token.size(); ++s) {
        if (s > 0 && !is_boundary(token[s - 1])) continue;
        for (std::size_t e = token.size(); e > s; --e) {
            if (e != token.size() && !is_boundary(token[e])) continue;
            const Data::DomHint* it = data_->dom_tokens.find(token.substr(s, e - s));
            if (it == nullptr) continue;
            // A token named for other page types is no hint here: look on at the other parts.
            if (it->page_types == 0 || (it->page_types & page_type_bit) != 0) return it->category;
        }
    }
    return Category::None;
}

}  // namespace winnow::classify
