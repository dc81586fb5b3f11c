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
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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
  uint8_t flags = 0;
};

struct TokenList {
  std::vector<Token> tokens;
  std::string folded;  // folded forms, back to back

  std::string_view Fold(const Token& t) const { return std::string_view(folded).substr(t.fold, t.fold_len); }
  std::string_view Fold(size_t i) const { return Fold(tokens[i]); }
  bool Has(size_t i, uint8_t flag) const { return (tokens[i].flags & flag) != 0; }
};

// Splits `text` into tokens (cleared first). Words are runs of letters and
// digits; an apostrophe (' or ’) between letters stays inside ("don't",
// folded with '); hyphens split ("cease-fire" gives "cease", "fire") without a
// break. Folding lower-cases ASCII and keeps other characters as they are.
void Tokenize(std::string_view text, TokenList* out);

// The tokens of the last text asked for, shared by the stages of one pipeline
// so a report is tokenized once. Keyed by the text's size and xxh3 hash, so a
// different text is never served stale tokens. One thread at a time.
class TokenCache {
 public:
  const TokenList& Tokens(std::string_view text);

 private:
  TokenList list_;
  uint64_t hash_ = 0;
  size_t size_ = static_cast<size_t>(-1);
};

// A light English stem of a folded word, appended to *out: plural endings off
// ("casualties" -> "casualty", "troops" -> "troop", "'s" off); words of four
// bytes or fewer and endings in -ss, -us, -is stay.
void AppendStem(std::string_view folded, std::string* out);

// Transparent string hashing so lookups by string_view do not allocate.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept;
};

// Folded phrases (words joined by one space) -> value, with every proper
// prefix of a phrase marked so that longest-match scans stop early.
class PhraseTable {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFF;

  // Adds `phrase` (already folded/stemmed, words joined by ' ') with `value`;
  // a later Add of the same phrase replaces the value.
  void Add(std::string_view phrase, uint32_t value);

  // Longest phrase starting at token `i` (not crossing a break), keyed by
  // each token's form as written to *key_buf by `form` (fold or stem).
  // Returns the number of tokens matched (0 if none) and sets *value.
  template <typename Form>
  size_t LongestMatch(const TokenList& tokens, size_t i, Form form, std::string* key_buf, uint32_t* value) const {
    key_buf->clear();
    size_t best = 0;
    for (size_t n = 0; n < max_words_ && i + n < tokens.tokens.size(); ++n) {
      if (n > 0) {
        if (tokens.Has(i + n, kBreakBefore)) break;
        key_buf->push_back(' ');
      }
      form(tokens, i + n, key_buf);
      const auto it = map_.find(std::string_view(*key_buf));
      if (it == map_.end()) break;
      if (it->second != kNone) {
        best = n + 1;
        *value = it->second;
      }
    }
    return best;
  }

  size_t size() const { return map_.size(); }

 private:
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> map_;  // kNone: prefix only
  size_t max_words_ = 0;
};

// Form functions for PhraseTable::LongestMatch.
inline void FoldForm(const TokenList& t, size_t i, std::string* out) { out->append(t.Fold(i)); }
inline void StemForm(const TokenList& t, size_t i, std::string* out) { AppendStem(t.Fold(i), out); }

// Folds and stems a configured phrase the way text tokens are ("Armed forces" -> "armed force").
std::string StemPhrase(std::string_view phrase);
// Folds a configured phrase without stemming ("Does not work" -> "does not work").
std::string FoldPhrase(std::string_view phrase);

}  // namespace dateline::signals
