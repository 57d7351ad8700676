// A page's date as ISO 8601 (see date.h).
#include "write/date.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <vector>

#include "unicode/ascii.h"

namespace winnow::write {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

struct Day {
    int year = 0, month = 0, day = 0;  // day 0: the month only
};

bool valid(const Day& d) {
    if (d.year < 1000 || d.month < 1 || d.month > 12) return false;
    if (d.day == 0) return true;
    static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    return d.day >= 1 && d.day <= (d.month == 2 && !leap ? 28 : kDays[static_cast<std::size_t>(d.month - 1)]);
}

std::string format_day(const Day& d) {
    char out[16];
    if (d.day == 0) std::snprintf(out, sizeof out, "%04d-%02d", d.year, d.month);
    else std::snprintf(out, sizeof out, "%04d-%02d-%02d", d.year, d.month, d.day);
    return out;
}

// Exactly n digits at text[at], not followed by another digit unless `more` allows it; advances `at`.
std::optional<int> number(std::string_view text, std::size_t& at, std::size_t n, bool more = false) {
    if (at + n > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if (!is_digit(text[at + k])) return std::nullopt;
        value = value * 10 + (text[at + k] - '0');
    }
    if (!more && at + n < text.size() && is_digit(text[at + n])) return std::nullopt;
    at += n;
    return value;
}

// One or two digits.
std::optional<int> small_number(std::string_view text, std::size_t& at) {
    if (auto two = number(text, at, 2)) return two;
    return number(text, at, 1);
}

// "2020-04-12", with the time and zone that follow it ("T18:00:00.25-0700", " 23:49:17Z"),
// written as RFC 3339 writes them.
std::string iso_at(std::string_view text, std::size_t at) {
    const auto year = number(text, at, 4);
    if (!year || at >= text.size() || text[at] != '-') return {};
    ++at;
    const auto month = number(text, at, 2);
    if (!month || at >= text.size() || text[at] != '-') return {};
    ++at;
    const auto day = number(text, at, 2);
    if (!day) return {};
    const Day d{*year, *month, *day};
    if (!valid(d) || d.day == 0) return {};
    std::string out = format_day(d);
    // The time: "T" or a space, then HH:MM, then :SS and a fraction.
    if (at + 1 >= text.size() || (text[at] != 'T' && text[at] != ' ')) return out;
    std::size_t t = at + 1;
    const auto hour = number(text, t, 2);
    if (!hour || t >= text.size() || text[t] != ':') return out;
    ++t;
    const auto minute = number(text, t, 2);
    if (!minute || *hour > 23 || *minute > 59) return out;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "T%02d:%02d", *hour, *minute);
    std::string time = buffer;
    if (t < text.size() && text[t] == ':') {
        std::size_t s = t + 1;
        const auto second = number(text, s, 2);
        if (!second || *second > 60) return out;
        std::snprintf(buffer, sizeof buffer, ":%02d", *second);
        time += buffer;
        t = s;
        if (t + 1 < text.size() && text[t] == '.' && is_digit(text[t + 1])) {
            const std::size_t from = t;
            for (++t; t < text.size() && is_digit(text[t]); ++t) {}
            time += text.substr(from, std::min<std::size_t>(t - from, 10));  // to the nanosecond
        }
    }
    // The zone: "Z" (or UTC, GMT), or +HH:MM, +HHMM, +HH, perhaps after a space.
    std::size_t z = t < text.size() && text[t] == ' ' ? t + 1 : t;
    auto word = [&](std::string_view w) {
        return text.substr(z, w.size()) == w && (z + w.size() == text.size() || !is_letter(text[z + w.size()]));
    };
    if ((z == t && word("Z")) || word("UTC") || word("GMT")) {
        time += 'Z';
    } else if (z < text.size() && (text[z] == '+' || text[z] == '-')) {
        const char sign = text[z++];
        const auto zone_hour = number(text, z, 2, true);
        std::optional<int> zone_minute = 0;
        if (zone_hour && z < text.size() && (text[z] == ':' || is_digit(text[z]))) {
            if (text[z] == ':') ++z;
            zone_minute = number(text, z, 2);
        }
        if (zone_hour && zone_minute && *zone_hour <= 14 && *zone_minute <= 59) {
            std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", sign, *zone_hour, *zone_minute);
            time += buffer;
        }
    }
    return out + time;
}

// "13/11/2025", "2025/11/13", "13.11.2025": the day and month must be told apart by their values.
std::string numeric_at(std::string_view text, std::size_t at) {
    if (auto year_first = number(text, at, 4)) {
        if (at >= text.size() || (text[at] != '/' && text[at] != '.')) return {};
        const char separator = text[at++];
        const auto month = small_number(text, at);
        if (!month || at >= text.size() || text[at] != separator) return {};
        ++at;
        const auto day = small_number(text, at);
        const Day d{*year_first, month.value_or(0), day.value_or(0)};
        return day && d.day != 0 && valid(d) ? format_day(d) : std::string();
    }
    const auto a = small_number(text, at);
    if (!a || at >= text.size() || (text[at] != '/' && text[at] != '.' && text[at] != '-')) return {};
    const char separator = text[at++];
    const auto b = small_number(text, at);
    if (!b || at >= text.size() || text[at] != separator) return {};
    ++at;
    const auto year = number(text, at, 4);
    if (!year) return {};
    Day d{*year, 0, 0};
    if (*a == *b) d.month = d.day = *a;
    else if (*a > 12 && *b <= 12) d = {*year, *b, *a};
    else if (*b > 12 && *a <= 12) d = {*year, *a, *b};
    else return {};  // either way round
    return d.day != 0 && valid(d) ? format_day(d) : std::string();
}

// Written dates, by words: "February 14, 2025", "Dec. 19th 2025", "16 December 2025", "November 2015",
// "2024 Jun 30".
struct Token {
    enum Kind { Word, Number, Mark } kind;
    std::string_view text;
    std::size_t begin;
};

// The length of the letter at text[i]: 1 for an ASCII letter, 2 for a Latin letter with a mark
// (UTF-8 lead byte C3, C4 or C5: "ä", "é", "ź"), 0 for anything else.
std::size_t letter_at(std::string_view text, std::size_t i) {
    if (is_letter(text[i])) return 1;
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead >= 0xC3 && lead <= 0xC5 && i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80)
        return 2;
    return 0;
}

std::vector<Token> tokens(std::string_view text) {
    std::vector<Token> out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t from = i;
        if (letter_at(text, i) != 0) {
            for (std::size_t n; i < text.size() && (n = letter_at(text, i)) != 0;) i += n;
            out.push_back({Token::Word, text.substr(from, i - from), from});
        } else if (is_digit(text[i])) {
            while (i < text.size() && is_digit(text[i])) ++i;
            out.push_back({Token::Number, text.substr(from, i - from), from});
            // An ordinal's ending belongs to its number: "19th", "1er", "1º".
            const std::size_t end = i;
            while (i < text.size() && is_letter(text[i])) ++i;
            const std::string_view suffix = text.substr(end, i - end);
            if (suffix.empty() && (text.substr(end, 2) == "\xC2\xBA" || text.substr(end, 2) == "\xC2\xAA")) i += 2;
            else if (!(suffix.empty() || suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th" ||
                       suffix == "er"))
                i = end;
        } else if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n') {
            ++i;
        } else if (static_cast<unsigned char>(text[i]) == 0xC2 && i + 1 < text.size() &&
                   static_cast<unsigned char>(text[i + 1]) == 0xA0) {
            i += 2;  // a no-break space
        } else {
            out.push_back({Token::Mark, text.substr(i, 1), from});
            ++i;
        }
    }
    return out;
}

// Month names in the languages winnow has patterns for, lower case, with the abbreviations that are
// not also words of their own ("Sep", "Okt", "déc", but not Italian "set" or Portuguese "out").
// Polish months are written in the genitive in dates ("5 marca 2024"), so both forms are here.
struct MonthName {
    std::string_view name;
    int month;
};
constexpr MonthName kMonthNames[] = {
    // English: the names, their first three letters and "Sept".
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6}, {"july", 7},
    {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12},
    {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9}, {"sept", 9},
    {"oct", 10}, {"nov", 11}, {"dec", 12},
    // German (and Austrian "Jänner").
    {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"maerz", 3}, {"mai", 5}, {"juni", 6}, {"juli", 7},
    {"oktober", 10}, {"dezember", 12}, {"mär", 3}, {"mrz", 3}, {"okt", 10}, {"dez", 12},
    // French, with and without accents.
    {"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6}, {"juillet", 7},
    {"août", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10}, {"novembre", 11}, {"décembre", 12},
    {"decembre", 12}, {"janv", 1}, {"févr", 2}, {"fevr", 2}, {"avr", 4}, {"juil", 7}, {"déc", 12},
    // Spanish.
    {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6}, {"julio", 7},
    {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12},
    {"ene", 1}, {"abr", 4}, {"dic", 12},
    // Italian.
    {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6}, {"luglio", 7}, {"settembre", 9},
    {"ottobre", 10}, {"dicembre", 12}, {"giu", 6}, {"lug", 7}, {"ott", 10},
    // Dutch.
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8}, {"mrt", 3},
    // Portuguese.
    {"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"marco", 3}, {"maio", 5}, {"junho", 6}, {"julho", 7},
    {"setembro", 9}, {"outubro", 10}, {"dezembro", 12}, {"fev", 2},
    // Polish: the name, then the genitive a date uses.
    {"styczeń", 1}, {"stycznia", 1}, {"luty", 2}, {"lutego", 2}, {"marzec", 3}, {"marca", 3}, {"kwiecień", 4},
    {"kwietnia", 4}, {"maj", 5}, {"maja", 5}, {"czerwiec", 6}, {"czerwca", 6}, {"lipiec", 7}, {"lipca", 7},
    {"sierpień", 8}, {"sierpnia", 8}, {"wrzesień", 9}, {"września", 9}, {"październik", 10},
    {"października", 10}, {"listopad", 11}, {"listopada", 11}, {"grudzień", 12}, {"grudnia", 12},
};

// 1-12 for a month's name or abbreviation (kMonthNames; ASCII letters in any case), 0 otherwise.
int month_of(std::string_view word) {
    for (const MonthName& m : kMonthNames) {
        if (unicode::equals_ci(word, m.name)) return m.month;
    }
    return 0;
}

std::optional<int> value_of(const Token& t, std::size_t max_digits) {
    if (t.kind != Token::Number || t.text.size() > max_digits) return std::nullopt;
    int value = 0;
    for (char c : t.text) value = value * 10 + (c - '0');
    return value;
}

bool is_mark(const std::vector<Token>& ts, std::size_t k, char c) {
    return k < ts.size() && ts[k].kind == Token::Mark && ts[k].text[0] == c;
}

std::optional<int> year_at(const std::vector<Token>& ts, std::size_t k) {
    if (k >= ts.size() || ts[k].kind != Token::Number || ts[k].text.size() != 4) return std::nullopt;
    return value_of(ts[k], 4);
}

// The written date starting at token k: "Month day[,] year", "day[.] Month[,] year", "Month[,] year"
// or "year Month day"; Spanish and Portuguese join them with "de" ("5 de marzo de 2024").
std::string written_at(const std::vector<Token>& ts, std::size_t k) {
    auto joiner = [&](std::size_t j) {
        return j < ts.size() && ts[j].kind == Token::Word &&
               (unicode::equals_ci(ts[j].text, "de") || unicode::equals_ci(ts[j].text, "del"));
    };
    // Past the mark c, or a joining "de", at token j.
    auto skip = [&](std::size_t j, char c) { return is_mark(ts, j, c) || joiner(j) ? j + 1 : j; };
    if (const auto year = year_at(ts, k)) {
        const std::size_t j = k + 1;
        const int month = j < ts.size() && ts[j].kind == Token::Word ? month_of(ts[j].text) : 0;
        const std::size_t at_day = skip(j + 1, '.');
        const auto day = month && at_day < ts.size() ? value_of(ts[at_day], 2) : std::nullopt;
        const Day d{*year, month, day.value_or(0)};
        return day && d.day != 0 && valid(d) ? format_day(d) : std::string();
    }
    // A month after a day was read with it ("31 April 2024": no such day, and so no date).
    std::size_t before = k;
    if (before > 0 && (is_mark(ts, before - 1, '.') || is_mark(ts, before - 1, ',') || joiner(before - 1))) --before;
    const bool after_day = before > 0 && value_of(ts[before - 1], 2).has_value();
    if (const int month = ts[k].kind == Token::Word && !after_day ? month_of(ts[k].text) : 0) {
        std::size_t j = skip(k + 1, '.');
        if (j < ts.size()) {
            if (const auto day = value_of(ts[j], 2)) {
                if (const auto year = year_at(ts, skip(j + 1, ','))) {
                    const Day d{*year, month, *day};
                    return d.day != 0 && valid(d) ? format_day(d) : std::string();
                }
                return {};
            }
        }
        if (const auto year = year_at(ts, skip(j, ','))) {
            const Day d{*year, month, 0};
            return valid(d) ? format_day(d) : std::string();
        }
        return {};
    }
    if (const auto day = value_of(ts[k], 2)) {
        const std::size_t j = skip(k + 1, '.');
        const int month = j < ts.size() && ts[j].kind == Token::Word ? month_of(ts[j].text) : 0;
        if (!month) return {};
        if (const auto year = year_at(ts, skip(skip(j + 1, '.'), ','))) {
            const Day d{*year, month, *day};
            return d.day != 0 && valid(d) ? format_day(d) : std::string();
        }
    }
    return {};
}

}  // namespace

std::string iso_date(std::string_view text) {
    const std::vector<Token> ts = tokens(text);
    // The first date with its day; a month alone ("im Dezember 2022") only when no day follows.
    std::string month_only;
    auto found = [&](std::string date) {
        if (date.size() > 7) return date;
        if (month_only.empty()) month_only = std::move(date);
        return std::string();
    };
    for (std::size_t k = 0; k < ts.size(); ++k) {
        const Token& t = ts[k];
        if (t.kind == Token::Mark) continue;
        if (t.kind == Token::Number) {
            if (std::string iso = iso_at(text, t.begin); !iso.empty()) return iso;
            if (std::string numeric = numeric_at(text, t.begin); !numeric.empty()) return numeric;
        }
        if (std::string written = written_at(ts, k); !written.empty()) {
            if (std::string day = found(std::move(written)); !day.empty()) return day;
        }
    }
    return month_only;
}

}  // namespace winnow::write
