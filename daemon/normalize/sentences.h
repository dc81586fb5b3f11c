// Sentence boundaries for news English (and the Latin-script languages that
// punctuate alike). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace dateline {

// Appends the sentences of `paragraph` to `out` as spans offset by `base`.
// A sentence ends at . ! ? (with any closing quotes or brackets) before a
// space and a capital, digit or opening quote, except after abbreviations
// (Mr., Gen., Oct., No. 2, U.S., initials like "A."), and at the paragraph's end.
void SplitSentences(std::string_view paragraph, uint32_t base, std::vector<Span>* out);

}  // namespace dateline
