#include "signals/fingerprints.h"

#include <xxhash.h>

#include <array>
#include <cstdio>

namespace dateline {
namespace signals {

namespace {

// kSpread[b] puts bit k of the byte b into the lowest bit of byte k, so adding
// kSpread[byte] to a uint64 counts eight bits at once in eight one-byte lanes.
constexpr std::array<uint64_t, 256> MakeSpread() {
  std::array<uint64_t, 256> t{};
  for (unsigned b = 0; b < 256; ++b) {
    for (unsigned k = 0; k < 8; ++k) t[b] |= static_cast<uint64_t>((b >> k) & 1) << (8 * k);
  }
  return t;
}
constexpr std::array<uint64_t, 256> kSpread = MakeSpread();

// Per-bit counts of set bits over a stream of 64-bit features: byte j of each
// feature goes to lanes[j] (bits 8j..8j+7); the one-byte lanes are moved to
// the int32 counts before they can overflow.
class BitCounts {
 public:
  void Add(uint64_t h) {
    for (int j = 0; j < 8; ++j) lanes_[j] += kSpread[(h >> (8 * j)) & 0xFF];
    if (++pending_ == 255) Flush();
  }
  const std::array<int32_t, 64>& Counts() {
    Flush();
    return ones_;
  }

 private:
  void Flush() {
    for (int j = 0; j < 8; ++j) {
      for (int k = 0; k < 8; ++k) {
        ones_[static_cast<size_t>(8 * j + k)] += static_cast<int32_t>((lanes_[j] >> (8 * k)) & 0xFF);
      }
      lanes_[j] = 0;
    }
    pending_ = 0;
  }
  uint64_t lanes_[8] = {};
  int pending_ = 0;
  std::array<int32_t, 64> ones_{};
};

}  // namespace

uint64_t SimHash(const TokenList& tokens, size_t shingle) {
  // Hash of each word (the tokenizer's fold hash), then of each run of
  // `shingle` consecutive words (symbols are skipped so "$" vs "USD" spelling
  // does not matter much).
  BitCounts ones;  // per bit: features with the bit set
  int32_t features = 0;
  uint64_t window[8] = {};
  size_t seen = 0;
  size_t next = 0;  // window slot of the next word: seen % shingle
  if (shingle == 0 || shingle > 8) shingle = 3;
  for (const Token& t : tokens.tokens) {
    if (t.flags & kSymbol) continue;
    window[next] = t.fold_hash;
    next = next + 1 == shingle ? 0 : next + 1;
    ++seen;
    if (seen < shingle) continue;
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (size_t k = 0, s = next; k < shingle; ++k) {  // in order, oldest first: rotate-xor, then mix
      h = ((h << 23) | (h >> 41)) ^ window[s];
      s = s + 1 == shingle ? 0 : s + 1;
    }
    h ^= h >> 33;  // murmur3's finalizer: every input bit reaches every output bit
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    ones.Add(h);
    ++features;
  }
  if (seen > 0 && seen < shingle) {  // very short text: hash the words alone
    for (size_t k = 0; k < seen; ++k) {
      ones.Add(window[k]);
      ++features;
    }
  }
  const std::array<int32_t, 64>& counts = ones.Counts();
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    if (2 * counts[static_cast<size_t>(b)] > features) out |= 1ULL << b;  // more set than clear
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
