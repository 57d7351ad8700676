// Currency signs, shared by the page-type features (a price beside a number) and the rule that a
// lone number or price is no text.
#pragma once

#include <string_view>

namespace winnow::classify {

// The signs outside ASCII that prices are written with: "24,90 €", "£5", "₹499", "₩12,000", "99¢".
// The dollar sign is ASCII; each caller says how it reads it.
inline constexpr std::string_view kCurrencySigns[] = {"\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5",
                                                      "\xE2\x82\xB9", "\xE2\x82\xA9", "\xC2\xA2"};  // € £ ¥ ₹ ₩ ¢

}  // namespace winnow::classify
