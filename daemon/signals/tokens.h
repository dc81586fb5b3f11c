// Tokens: one pass over UTF-8 text into word, number and symbol tokens with
// byte spans and a folded (lower-case) form, plus a term table keyed by folded
// text. Shared by the topic, tone, facts and fingerprint stages.
//
// Nothing here allocates per token: a TokenList keeps one folded-text buffer
// and one token vector that are reused from report to report. A TokenList is
// used by one thread at a time; a built TermTable is immutable and may be
// shared between threads.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace dateline::signals {

enum TokenFlag : uint8_t {
  kWord = 1,            // letters (and digits mixed in)
  kNumber = 2,          // digits with inner "," or "." between digits: 12, 5,000, 2.5
  kSymbol = 4,          // a currency sign or "%"
  kBreakBefore = 8,     // punctuation (other than a hyphen or apostrophe) since the previous token
  kSentenceBefore = 16, // a sentence or paragraph end since the previous token
  kCapitalized = 32,    // first character is an upper-case ASCII letter
};

struct Token {
  uint32_t start = 0;  // byte span in the text
  uint32_t end = 0;
  uint32_t fold = 0;   // offset of the folded form in TokenList::folded
  uint32_t fold_len = 0;
  uint64_t fold_hash = 0;  // FormHash of the folded form
  uint64_t stem_hash = 0;  // FormHash of the stem (see AppendStem)
  uint32_t stem_len = 0;   // the stem is the first stem_len bytes of the folded form,
  bool stem_y = false;     // followed by "y" when set ("casualties" -> "casualt" + "y")
  uint8_t flags = 0;
};

struct TokenList {
  std::vector<Token> tokens;
  std::string folded;  // folded forms, back to back

  std::string_view Fold(const Token& t) const { return std::string_view(folded).substr(t.fold, t.fold_len); }
  std::string_view Fold(size_t i) const { return Fold(tokens[i]); }
  bool Has(size_t i, uint8_t flag) const { return (tokens[i].flags & flag) != 0; }
};

// The hash of one token form (xxh3-64 of its bytes); SimHash and PhraseTable
// keys are built from it, so each token is hashed once, when tokenized.
uint64_t FormHash(std::string_view form);

// Splits `text` into tokens (cleared first), with each token's fold and stem
// hashes. Words are runs of letters and digits; an apostrophe (' or ’) between letters stays inside ("don't",
// folded with '); hyphens split ("cease-fire" gives "cease", "fire") without a
// break. Folding lower-cases ASCII and keeps other characters as they are.
void Tokenize(std::string_view text, TokenList* out);

// The same tokens as Tokenize(text, out), with a head start: `words` is the
// enrichment tokenization of `text` (Record::tokens, see enrich/tokenize.h).
// Its plain ASCII words are taken as they are; the rest of the text is read
// as Tokenize reads it. Other `words` give other tokens, never a read out of
// `text`.
void Tokenize(std::string_view text, const std::vector<dateline::Token>& words, TokenList* out);

// The tokens of the last text asked for, shared by the stages of one pipeline
// so a report is tokenized once. Keeps a copy of that text and compares it
// byte for byte, so a different text is never served stale tokens (cheaper
// than hashing the text on every call). One thread at a time.
class TokenCache {
 public:
  const TokenList& Tokens(std::string_view text);
  // The tokens of record.text, using record.tokens (when the enrichment
  // stages filled them from that text) as the head start above.
  const TokenList& Tokens(const Record& record);

 private:
  const TokenList& Fill(std::string_view text, const std::vector<dateline::Token>* words);

  TokenList list_;
  std::string text_;
  bool valid_ = false;
};

// A light English stem of a folded word, appended to *out: plural endings off
// ("casualties" -> "casualty", "troops" -> "troop", "'s" off); words of four
// bytes or fewer and endings in -ss, -us, -is stay.
void AppendStem(std::string_view folded, std::string* out);
// The same stem as a prefix of `folded` (*len bytes) and whether "y" follows it.
void StemOf(std::string_view folded, uint32_t* len, bool* y);

// Folded phrases (words joined by one space) -> value, with every proper
// prefix of a phrase marked so that longest-match scans stop early.
//
// A flat open-addressing table keyed by a 64-bit hash combined from the
// words' FormHash values, so a scan over tokens combines the hashes the
// tokenizer computed and builds no strings. A hit is checked against the
// phrase's text, so a hash collision can never give a wrong match.
class PhraseTable {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFF;
  enum class Form : uint8_t { kFold, kStem };  // which form of the tokens is matched

  // Adds `phrase` (already folded/stemmed, words joined by ' ') with `value`;
  // a later Add of the same phrase replaces the value.
  void Add(std::string_view phrase, uint32_t value);
  // The value of exactly `phrase`, kNone if it was not added.
  uint32_t Find(std::string_view phrase) const;

  // Calls visit(words, value) for each phrase starting at token `i` (not
  // crossing a break), shortest first. Returns nothing; see LongestMatch.
  template <typename Visit>
  void Matches(const TokenList& tokens, size_t i, Form form, Visit visit) const {
    const size_t count = tokens.tokens.size();
    if (i >= count || max_words_ == 0) return;
    const Token* const toks = tokens.tokens.data() + i;
    auto hash = [form](const Token& t) { return form == Form::kStem ? t.stem_hash : t.fold_hash; };
    uint64_t key = Combine(kSeed, hash(toks[0]));
    if (!MayBeFirstWord(key)) return;  // the common case: the word starts no phrase
    const size_t limit = max_words_ < count - i ? max_words_ : count - i;
    for (size_t n = 0;;) {
      bool known = false;
      for (size_t s = key & mask_;; s = (s + 1) & mask_) {
        const Slot& slot = slots_[s];
        if (slot.key == 0) break;
        if (slot.key != key) continue;
        known = true;  // a phrase or a prefix of one (a false "known" only costs another step)
        if (slot.value != kNone &&
            (n == 0 ? VerifyOne(slot, tokens, toks[0], form) : Verify(slot, tokens, i, n + 1, form))) {
          visit(n + 1, slot.value);
          break;
        }
      }
      if (!known || ++n >= limit) break;
      const Token& t = toks[n];
      if (t.flags & kBreakBefore) break;  // phrases do not cross punctuation
      key = Combine(key, hash(t));
    }
  }

  // Longest phrase starting at token `i` (not crossing a break), in the
  // tokens' `form`. Returns the number of tokens matched (0 if none) and sets *value.
  size_t LongestMatch(const TokenList& tokens, size_t i, Form form, uint32_t* value) const {
    size_t best = 0;
    Matches(tokens, i, form, [&](size_t n, uint32_t v) {
      best = n;
      *value = v;
    });
    return best;
  }

  // The value of the one-word phrase that is token `i` in `form`, kNone if none.
  uint32_t WordValue(const TokenList& tokens, size_t i, Form form) const {
    const Token& t = tokens.tokens[i];
    const uint64_t key = Combine(kSeed, form == Form::kStem ? t.stem_hash : t.fold_hash);
    if (!MayBeFirstWord(key)) return kNone;
    for (size_t s = key & mask_;; s = (s + 1) & mask_) {
      const Slot& slot = slots_[s];
      if (slot.key == 0) return kNone;
      if (slot.key == key && slot.value != kNone && VerifyOne(slot, tokens, t, form)) return slot.value;
    }
  }

  // Calls f(phrase, value) for every added phrase.
  template <typename F>
  void ForEach(F f) const {
    for (const Slot& slot : slots_) {
      if (slot.key != 0 && slot.value != kNone) f(std::string_view(text_).substr(slot.text, slot.text_len), slot.value);
    }
  }

  size_t size() const { return used_; }

 private:
  struct Slot {
    uint64_t key = 0;  // 0: empty
    uint32_t value = kNone;
    uint32_t text = 0;  // the phrase in text_
    uint32_t text_len = 0;
  };
  static constexpr uint64_t kSeed = 0x243F6A8885A308D3ULL;
  static uint64_t Combine(uint64_t key, uint64_t word) {
    uint64_t h = (key ^ word) * 0x9E3779B97F4A7C15ULL;
    h ^= h >> 29;
    return h == 0 ? 1 : h;
  }
  static uint64_t KeyOf(std::string_view phrase);
  // False if no phrase starts with the one-word key `key`: a bit per hashed
  // first word, so most tokens are turned away without probing the table.
  bool MayBeFirstWord(uint64_t key) const {
    const uint64_t bit = key & FirstWordMask();
    return (first_words_[bit >> 6] >> (bit & 63)) & 1;
  }
  void MarkFirstWord(uint64_t key) {
    const uint64_t bit = key & FirstWordMask();
    first_words_[bit >> 6] |= 1ULL << (bit & 63);
  }
  // first_words_ has 8 bits per slot: (mask_ + 1) * 8 bits, a power of two.
  uint64_t FirstWordMask() const { return (static_cast<uint64_t>(mask_) << 3) | 7; }
  bool Verify(const Slot& slot, const TokenList& tokens, size_t i, size_t n, Form form) const;
  // Verify for a one-word phrase, inline: the common case, a word found in
  // the table, costs a length compare and a few word-sized loads.
  bool VerifyOne(const Slot& slot, const TokenList& tokens, const Token& t, Form form) const {
    const bool stem = form == Form::kStem;
    const uint32_t base = stem ? t.stem_len : t.fold_len;  // the form is this prefix of the folded word,
    const bool y = stem && t.stem_y;                         // then "y" if set
    const char* phrase = text_.data() + slot.text;
    return slot.text_len == base + (y ? 1 : 0) && EqualBytes(phrase, tokens.folded.data() + t.fold, base) &&
           (!y || phrase[base] == 'y');
  }
  static bool EqualBytes(const char* a, const char* b, size_t n) {
    auto load8 = [](const char* p) {
      uint64_t v;
      std::memcpy(&v, p, 8);
      return v;
    };
    auto load4 = [](const char* p) {
      uint32_t v;
      std::memcpy(&v, p, 4);
      return v;
    };
    if (n >= 8) {  // eight bytes at a time, the last eight overlapping the ones before
      for (size_t k = 0; k + 8 < n; k += 8) {
        if (load8(a + k) != load8(b + k)) return false;
      }
      return load8(a + n - 8) == load8(b + n - 8);
    }
    if (n >= 4) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
    for (size_t k = 0; k < n; ++k) {
      if (a[k] != b[k]) return false;
    }
    return true;
  }
  Slot* FindSlot(std::string_view phrase, uint64_t key);
  // Adds `phrase` under `key` if new; sets its value if set_value.
  void Insert(std::string_view phrase, uint64_t key, bool set_value, uint32_t value);
  void Grow();
  friend struct PhraseTableTestPeer;  // forges hash collisions in tests

  std::vector<Slot> slots_ = std::vector<Slot>(16);  // a power of two, at most half full
  size_t mask_ = 15;
  size_t used_ = 0;
  std::string text_;  // every phrase, back to back
  size_t max_words_ = 0;
  std::vector<uint64_t> first_words_ = std::vector<uint64_t>(2);  // 8 bits per slot; rebuilt by Grow
};

// Folds and stems a configured phrase the way text tokens are ("Armed forces" -> "armed force").
std::string StemPhrase(std::string_view phrase);
// Folds a configured phrase without stemming ("Does not work" -> "does not work").
std::string FoldPhrase(std::string_view phrase);

}  // namespace dateline::signals
