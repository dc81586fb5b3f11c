// FactsStage: counts and amounts stated in the body, with what they count.
//
//   "at least 12 people were killed" -> 12, qualifier "at least", kind "people", event "killed"
//   "$2.5 billion" -> 2500000000, unit "USD", kind "money"
//   "three soldiers", "5,000 troops", "4.2 percent", "Rs 300 million", "dozens of protesters"
//
// A number (digits with thousands separators or decimals, or number words
// one..ninety with hundred/thousand/million/billion/lakh/crore, "a dozen",
// and the plurals "dozens"/"hundreds"/"thousands of", which give their lower
// bound) becomes a fact only when it is money (a currency sign, code or word),
// a percentage, or counts a noun from the stage's list of countable things
// (people, soldiers, troops, houses...) at most two words after it. So dates,
// times, ages and figures without a unit are left out. The event is the first
// known verb or state ("killed", "injured", "arrested"...) within a few words
// after the noun, or just before the number ("killing 12 people").
//
// Immutable tables are built in the constructor; the stage keeps scratch
// buffers and is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/stage.h"
#include "signals/first_words.h"
#include "signals/tokens.h"

namespace dateline {

class FactsStage final : public Stage {
 public:
  // `tokens` may be shared with the other signal stages of the same pipeline (nullptr: its own).
  explicit FactsStage(std::shared_ptr<signals::TokenCache> tokens = nullptr);
  std::string_view Name() const override { return "facts"; }
  Verdict Process(Record& record) override;

  // What a folded word means to the extractor.
  enum class WordKind : uint8_t { kUnit, kTens, kScale, kMultiple, kDozen, kCurrencyPrefix, kCurrencySuffix,
                                  kPercent, kNoun, kEvent, kBlocker };
  struct Word {
    WordKind kind;
    double value = 0;  // number value, scale factor
    std::string text;  // currency code, canonical event, or noun
  };

 private:
  // The index word that token i of the record being processed is, nullptr if none (or i past the end).
  const Word* Lookup(size_t i);
  static constexpr uint32_t kUnknown = signals::PhraseTable::kNone - 1;  // not looked up yet
  std::shared_ptr<signals::TokenCache> cache_;
  const signals::TokenList* toks_ = nullptr;  // of the record being processed
  std::vector<uint32_t> token_words_;  // per token: words_ index, kNone, or kUnknown

  std::vector<Word> words_;
  signals::PhraseTable index_;       // folded word -> words_ index
  signals::FirstWords words_filter_;  // of index_
  signals::FirstWords starters_;      // of the index_ words that can start a fact (see Process)
  signals::PhraseTable qualifiers_;  // folded phrase -> qualifiers_text_ index
  std::vector<std::string> qualifier_text_;
};

}  // namespace dateline
