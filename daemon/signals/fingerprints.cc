#include "signals/fingerprints.h"

#include <xxhash.h>

#include <array>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dateline {
namespace signals {

namespace {

#if !defined(__SSE2__)
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
#endif

// Per-bit counts of set bits over a stream of 64-bit words, in 64 one-byte
// counters (byte 8j+k counts bit 8j+k) that move to the int32 counts before
// they can overflow. With SSE2 sixteen counters share a register: each
// word's bytes are spread so that every counter sees its own bit, and a
// set bit adds one (a compare gives -1, subtracted). Without, byte j of a
// word goes to lanes_[j] through kSpread.
class ByteLaneCounts {
 public:
  void Add(uint64_t h) {
#if defined(__SSE2__)
    const __m128i x = _mm_cvtsi64_si128(static_cast<long long>(h));
    const __m128i b2 = _mm_unpacklo_epi8(x, x);      // b0 b0 b1 b1 ... b7 b7
    const __m128i lo4 = _mm_unpacklo_epi16(b2, b2);  // b0 x4 .. b3 x4
    const __m128i hi4 = _mm_unpackhi_epi16(b2, b2);  // b4 x4 .. b7 x4
    const __m128i spread[4] = {_mm_unpacklo_epi32(lo4, lo4), _mm_unpackhi_epi32(lo4, lo4),  // b0 x8, b1 x8 / b2, b3
                               _mm_unpacklo_epi32(hi4, hi4), _mm_unpackhi_epi32(hi4, hi4)};
    const __m128i bits = _mm_set_epi8(-128, 64, 32, 16, 8, 4, 2, 1, -128, 64, 32, 16, 8, 4, 2, 1);
    for (int i = 0; i < 4; ++i) {
      lanes_[i] = _mm_sub_epi8(lanes_[i], _mm_cmpeq_epi8(_mm_and_si128(spread[i], bits), bits));
    }
#else
    for (int j = 0; j < 8; ++j) lanes_[j] += kSpread[(h >> (8 * j)) & 0xFF];
#endif
    if (++pending_ == 255) Flush();
  }
  const std::array<int32_t, 64>& Counts() {
    Flush();
    return ones_;
  }

 private:
  void Flush() {
    uint8_t bytes[64];
#if defined(__SSE2__)
    for (int i = 0; i < 4; ++i) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(bytes + 16 * i), lanes_[i]);
      lanes_[i] = _mm_setzero_si128();
    }
#else
    for (size_t j = 0; j < 8; ++j) {
      for (size_t k = 0; k < 8; ++k) bytes[8 * j + k] = static_cast<uint8_t>(lanes_[j] >> (8 * k));
      lanes_[j] = 0;
    }
#endif
    for (size_t b = 0; b < 64; ++b) ones_[b] += bytes[b];
    pending_ = 0;
  }
#if defined(__SSE2__)
  __m128i lanes_[4] = {_mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128()};
#else
  uint64_t lanes_[8] = {};
#endif
  int pending_ = 0;
  std::array<int32_t, 64> ones_{};
};

// Per-bit counts of set bits over a stream of 64-bit features, bit-sliced:
// sixteen features at a time go through a tree of carry-save adders (each
// adds three one-bit numbers in all 64 bit positions at once, giving a sum
// and a carry word), so only the sixteens carry -- one word per sixteen
// features -- reaches the per-bit byte counters; the ones, twos, fours and
// eights words hold the rest of each count. A block not yet full is padded
// with zero features, which set no bit and so count nothing.
class BitCounts {
 public:
  void Add(uint64_t h) {
    block_[filled_] = h;
    if (++filled_ == 16) AddBlock();
  }
  // The counts: bit b was set in counts[b] of the features added.
  std::array<int32_t, 64> Counts() {
    if (filled_ != 0) {
      for (size_t i = filled_; i < 16; ++i) block_[i] = 0;
      AddBlock();
    }
    std::array<int32_t, 64> counts = sixteens_.Counts();
    for (size_t b = 0; b < 64; ++b) {
      counts[b] = 16 * counts[b] + static_cast<int32_t>(8 * ((eights_ >> b) & 1) + 4 * ((fours_ >> b) & 1) +
                                                        2 * ((twos_ >> b) & 1) + ((ones_ >> b) & 1));
    }
    return counts;
  }

 private:
  // a + b + c in each bit position: *sum gets the low bit, the result the carry.
  static uint64_t CarrySave(uint64_t a, uint64_t b, uint64_t c, uint64_t* sum) {
    const uint64_t u = a ^ b;
    *sum = u ^ c;
    return (a & b) | (u & c);
  }
  // Adds two features to ones_, returning the twos carry.
  uint64_t Pair(size_t i) { return CarrySave(ones_, block_[i], block_[i + 1], &ones_); }
  // Adds four features, returning the fours carry.
  uint64_t Quad(size_t i) {
    const uint64_t a = Pair(i), b = Pair(i + 2);
    return CarrySave(twos_, a, b, &twos_);
  }
  // Adds eight features, returning the eights carry.
  uint64_t Octet(size_t i) {
    const uint64_t a = Quad(i), b = Quad(i + 4);
    return CarrySave(fours_, a, b, &fours_);
  }
  void AddBlock() {
    const uint64_t a = Octet(0), b = Octet(8);
    sixteens_.Add(CarrySave(eights_, a, b, &eights_));
    filled_ = 0;
  }

  uint64_t block_[16] = {};
  size_t filled_ = 0;
  // Each count is 16 * sixteens_ + 8 * eights_ + 4 * fours_ + 2 * twos_ + ones_, bit by bit.
  uint64_t ones_ = 0, twos_ = 0, fours_ = 0, eights_ = 0;
  ByteLaneCounts sixteens_;
};

// SimHash with the shingle length known at compile time: the window is a
// small array shifted by one word per token, and the shingle hash loop unrolls.
template <size_t kShingle>
uint64_t SimHashOf(const TokenList& tokens) {
  // Hash of each word (the tokenizer's fold hash), then of each run of
  // kShingle consecutive words (symbols are skipped so "$" vs "USD" spelling
  // does not matter much).
  BitCounts ones;  // per bit: features with the bit set
  int32_t features = 0;
  uint64_t window[kShingle] = {};  // the last words, oldest first
  size_t seen = 0;
  for (const Token& t : tokens.tokens) {
    if (t.flags & kSymbol) continue;
    for (size_t k = 0; k + 1 < kShingle; ++k) window[k] = window[k + 1];
    window[kShingle - 1] = t.fold_hash;
    if (++seen < kShingle) continue;
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (size_t k = 0; k < kShingle; ++k) h = ((h << 23) | (h >> 41)) ^ window[k];  // rotate-xor, then mix
    h ^= h >> 33;  // murmur3's finalizer: every input bit reaches every output bit
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    ones.Add(h);
    ++features;
  }
  if (seen > 0 && seen < kShingle) {  // very short text: hash the words alone
    for (size_t k = kShingle - seen; k < kShingle; ++k) {
      ones.Add(window[k]);
      ++features;
    }
  }
  const std::array<int32_t, 64> counts = ones.Counts();
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    if (2 * counts[static_cast<size_t>(b)] > features) out |= 1ULL << b;  // more set than clear
  }
  return out;
}

}  // namespace

uint64_t SimHash(const TokenList& tokens, size_t shingle) {
  switch (shingle) {
    case 1: return SimHashOf<1>(tokens);
    case 2: return SimHashOf<2>(tokens);
    case 4: return SimHashOf<4>(tokens);
    case 5: return SimHashOf<5>(tokens);
    case 6: return SimHashOf<6>(tokens);
    case 7: return SimHashOf<7>(tokens);
    case 8: return SimHashOf<8>(tokens);
    default: return SimHashOf<3>(tokens);  // 3, and 0 or more than 8 as before
  }
}

}  // namespace signals

Verdict FingerprintStage::Process(Record& record) {
  const signals::TokenList& toks = cache_->Tokens(record);
  // One hash over the folded forms back to back, seeded with a hash of the
  // token lengths so "ab c" and "a bc" differ.
  uint64_t lengths = 0x27D4EB2F165667C5ULL;
  for (const signals::Token& t : toks.tokens) lengths = (lengths ^ t.fold_len) * 0x100000001B3ULL;
  const uint64_t content = XXH3_64bits_withSeed(toks.folded.data(), toks.folded.size(), lengths);
  char buf[16];  // sixteen lower-case hex digits, most significant first
  for (int i = 0; i < 16; ++i) buf[i] = "0123456789abcdef"[(content >> (60 - 4 * i)) & 0xF];
  Fingerprints fp;
  fp.content_hash.assign(buf, 16);
  fp.simhash = signals::SimHash(toks);
  record.fingerprints = std::move(fp);
  return Verdict::Continue();
}

}  // namespace dateline
