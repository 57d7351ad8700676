// A page's date as ISO 8601, for the metadata a script reads.
#pragma once

#include <string>
#include <string_view>

namespace winnow::write {

// The first date that `text` gives unambiguously, as ISO 8601:
//   "2020-04-12T18:00:00-0700"                → "2020-04-12T18:00:00-07:00" (a timestamp keeps its
//                                               time and zone, written as RFC 3339 writes them)
//   "Published on: February 14, 2025"        → "2025-02-14"
//   "on Friday December 19, 2025 @08:00PM"   → "2025-12-19"
//   "13/11/2025 09:21:40"                    → "2025-11-13"
//   "November 2015"                          → "2015-11" (a month alone, where no full date follows)
//   "Veröffentlicht am 5. März 2024"         → "2024-03-05"
// Month names are read in English, German, French, Spanish, Italian, Dutch, Portuguese and Polish.
// Empty when no date can be read for certain: no year, a two-digit year, a day and month that
// could be either way round ("02/12/2025"), or a day the month does not have.
std::string iso_date(std::string_view text);

}  // namespace winnow::write
