// Tokenization shared by the enrichment stages: one pass over Record::text
// into Record::tokens (see core/record.h for what a token is).
//
// Words are hashed on their folded form (ASCII lower case inline; other
// scripts through utf8proc case folding and accent stripping), so a phrase
// lookup is a hash combination, never a string built per token.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "core/stage.h"

namespace dateline::enrich {

// Hash of a folded word (eight bytes at a time; see tokenize.cc). Internal to
// the process: never written out, so it may change between versions.
uint64_t HashFolded(std::string_view folded);

// Hash of a word as written (folds it first).
uint64_t HashWord(std::string_view word);

// Extends a phrase hash by one word hash (order matters). Start from kPhraseSeed.
inline constexpr uint64_t kPhraseSeed = 0x84222325cbf29ce4ull;
inline uint64_t CombineHash(uint64_t phrase, uint64_t word) {
  phrase ^= word + 0x9e3779b97f4a7c15ull + (phrase << 6) + (phrase >> 2);
  return phrase * 0x100000001b3ull;
}

// Hash of a phrase as written: folded with FoldName, split on spaces, combined.
// Returns the number of words in *words.
uint64_t HashPhrase(std::string_view phrase, int* words);

// Tokenizes `text`; `sentences` (ascending byte spans, may be empty) mark
// kSentence. Clears and fills *out.
void Tokenize(std::string_view text, const std::vector<Span>& sentences, std::vector<Token>* out);

// Fills Record::tokens. Stateless.
class TokenizeStage final : public Stage {
 public:
  std::string_view Name() const override { return "tokenize"; }
  Verdict Process(Record& record) override;
};

}  // namespace dateline::enrich
