// SWAR (SIMD within a register) tests on eight text bytes at once, shared by
// the tokenizers. Header-only, no state.
#pragma once

#include <cstdint>

namespace dateline::swar {

constexpr uint64_t kHighBits = 0x8080808080808080ull;
constexpr uint64_t kLowBits = 0x7F7F7F7F7F7F7F7Full;
constexpr uint64_t Bytes(uint64_t b) { return b * 0x0101010101010101ull; }

// The high bit of each byte of the result says whether that byte of x is an
// ASCII letter or digit; *letters gets the same for letters alone. Bytes of
// 0x80 and above are neither.
inline uint64_t AlnumBytes(uint64_t x, uint64_t* letters) {
  const uint64_t low = x & kLowBits;  // each byte below 0x80: the sums below never carry into the next byte
  const uint64_t ascii = ~x & kHighBits;
  // A byte v is in [lo, hi] when v + (0x80 - lo) has its high bit set and v + (0x7F - hi) has not.
  const uint64_t digit = (low + Bytes(0x80 - '0')) & ~(low + Bytes(0x7F - '9'));
  const uint64_t lower = low | Bytes(0x20);
  const uint64_t letter = (lower + Bytes(0x80 - 'a')) & ~(lower + Bytes(0x7F - 'z'));
  *letters = letter & ascii & kHighBits;
  return (digit | letter) & ascii & kHighBits;
}

}  // namespace dateline::swar
