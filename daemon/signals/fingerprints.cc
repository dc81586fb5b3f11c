#include "signals/fingerprints.h"

#include <xxhash.h>

#include <array>
#include <cstdio>

namespace dateline {
namespace signals {

uint64_t SimHash(const TokenList& tokens, size_t shingle) {
  // Hash of each word, then of each run of `shingle` consecutive words (symbols
  // are skipped so "$" vs "USD" spelling does not matter much).
  std::array<int32_t, 64> ones{};  // per bit: features with the bit set
  int32_t features = 0;
  uint64_t window[8] = {};
  size_t seen = 0;
  if (shingle == 0 || shingle > 8) shingle = 3;
  for (size_t i = 0; i < tokens.tokens.size(); ++i) {
    if (tokens.Has(i, kSymbol)) continue;
    const std::string_view w = tokens.Fold(i);
    window[seen % shingle] = XXH3_64bits(w.data(), w.size());
    ++seen;
    if (seen < shingle) continue;
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (size_t k = 0; k < shingle; ++k) {  // in order, oldest first: rotate-xor, then mix
      const uint64_t w = window[(seen + k) % shingle];
      h = ((h << 23) | (h >> 41)) ^ w;
    }
    h ^= h >> 33;  // murmur3's finalizer: every input bit reaches every output bit
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    for (int b = 0; b < 64; ++b) ones[static_cast<size_t>(b)] += static_cast<int32_t>((h >> b) & 1);
    ++features;
  }
  if (seen > 0 && seen < shingle) {  // very short text: hash the words alone
    for (size_t k = 0; k < seen; ++k) {
      for (int b = 0; b < 64; ++b) ones[static_cast<size_t>(b)] += static_cast<int32_t>((window[k] >> b) & 1);
      ++features;
    }
  }
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    if (2 * ones[static_cast<size_t>(b)] > features) out |= 1ULL << b;  // more set than clear
  }
  return out;
}

}  // namespace signals

Verdict FingerprintStage::Process(Record& record) {
  const signals::TokenList& toks = cache_->Tokens(record.text);
  // One hash over the folded forms back to back, seeded with a hash of the
  // token lengths so "ab c" and "a bc" differ.
  uint64_t lengths = 0x27D4EB2F165667C5ULL;
  for (const signals::Token& t : toks.tokens) lengths = (lengths ^ t.fold_len) * 0x100000001B3ULL;
  const uint64_t content = XXH3_64bits_withSeed(toks.folded.data(), toks.folded.size(), lengths);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(content));
  Fingerprints fp;
  fp.content_hash.assign(buf, 16);
  fp.simhash = signals::SimHash(toks);
  record.fingerprints = std::move(fp);
  return Verdict::Continue();
}

}  // namespace dateline
