// FirstWords: a bit per hashed first word of a PhraseTable's phrases, so a
// scan over tokens turns away a token that starts no phrase with one load,
// before PhraseTable::Matches combines hashes and probes.
//
// Exact as a filter: a phrase can only match at a token whose form (folded or
// stemmed) is the phrase's first word, and Tokenize gives each token the
// FormHash of its forms (tokens.h), so such a token's bit is always set. A set
// bit may be a false positive (another word with the same bits); the caller
// then asks the table as before. Built once, immutable, shareable between threads.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "signals/tokens.h"

namespace dateline::signals {

class FirstWords {
 public:
  FirstWords() = default;
  // The first words of every phrase of `table` for which keep(value) is true.
  template <typename Keep>
  static FirstWords Of(const PhraseTable& table, Keep keep) {
    std::vector<uint64_t> hashes;
    table.ForEach([&](std::string_view phrase, uint32_t value) {
      if (keep(value)) hashes.push_back(FormHash(phrase.substr(0, phrase.find(' '))));
    });
    FirstWords f;
    size_t bits = 1024;  // about 16 bits per word: one token in 16 or fewer passes by chance
    while (bits < 16 * hashes.size()) bits *= 2;
    f.bits_.assign(bits / 64, 0);
    f.mask_ = bits - 1;
    for (const uint64_t h : hashes) f.bits_[(h & f.mask_) >> 6] |= 1ULL << (h & 63);
    return f;
  }
  static FirstWords Of(const PhraseTable& table) {
    return Of(table, [](uint32_t) { return true; });
  }

  // False if no kept phrase starts with the word whose FormHash is `hash`.
  bool MayStart(uint64_t hash) const { return (bits_[(hash & mask_) >> 6] >> (hash & 63)) & 1; }

 private:
  std::vector<uint64_t> bits_ = std::vector<uint64_t>(1, 0);
  uint64_t mask_ = 63;
};

}  // namespace dateline::signals
