#define XXH_INLINE_ALL  // the same XXH3, compiled here (inlined, no calls into the shared library)
#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "normalize/sentences.h"
#include "normalize/stages.h"
#include "core/utf8.h"

namespace dateline {
namespace {

bool IsWordChar(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  // Non-ASCII letters of the scripts that reach us; punctuation blocks excluded.
  return !(cp >= 0x2000 && cp <= 0x206F) && !(cp >= 0x3000 && cp <= 0x303F) && cp != 0xA0 &&
         !(cp >= 0xA1 && cp <= 0xBF) && cp != 0xD7 && cp != 0xF7 && cp != utf8::kInvalid;
}

// Set bits of a 64-bit mask (std::popcount calls libgcc unless the target
// has POPCNT, which baseline x86-64 has not).
[[maybe_unused]] uint32_t BitCount64(uint64_t x) {
  x = x - ((x >> 1) & 0x5555555555555555ull);
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
  return static_cast<uint32_t>((x * 0x0101010101010101ull) >> 56);
}

#if defined(__SSE2__)
// Bit masks of kBlocks 16-byte blocks at p (bit i for byte p[i]): ASCII
// letters and digits in *word, ' and - in *joiner, non-ASCII bytes in *high.
template <size_t kBlocks>
void ClassifyAscii(const char* p, uint64_t* word, uint64_t* joiner, uint64_t* high) {
  const __m128i case_bit = _mm_set1_epi8(0x20), a = _mm_set1_epi8('a' - 1), z = _mm_set1_epi8('z' + 1),
                d0 = _mm_set1_epi8('0' - 1), d9 = _mm_set1_epi8('9' + 1), apostrophe = _mm_set1_epi8('\''),
                hyphen = _mm_set1_epi8('-');
  *word = *joiner = *high = 0;
  for (size_t k = 0; k < kBlocks; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i lower = _mm_or_si128(v, case_bit);
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, a), _mm_cmplt_epi8(lower, z));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, d0), _mm_cmplt_epi8(v, d9));
    const auto shift = static_cast<int>(16 * k);
    *word |= uint64_t{static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(letter, digit)))} << shift;
    *joiner |= uint64_t{static_cast<uint32_t>(
                   _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, apostrophe), _mm_cmpeq_epi8(v, hyphen))))}
               << shift;
    *high |= uint64_t{static_cast<uint32_t>(_mm_movemask_epi8(v))} << shift;
  }
}
#endif

}  // namespace

uint32_t CountWords(std::string_view text) {
  uint32_t words = 0;
  bool in_word = false;
  size_t pos = 0;
#if defined(__SSE2__)
  // Chunks of up to 64 bytes (four 16-byte blocks) as bit masks: bit i of
  // `word` is set for a byte of a letter or digit, of `joiner` for a byte of
  // an apostrophe (' or U+2019) or hyphen. ASCII bytes are classified by
  // vector compares; each non-ASCII character is decoded with utf8::Next, in
  // order, exactly where the one-at-a-time loop below would decode it, and
  // its bytes take its class. A joiner belongs to a word when the byte before
  // it does; a word starts where a word byte follows a non-word byte. A
  // character that would cross the chunk's end ends the chunk before it.
  while (pos + 16 <= text.size()) {
    const size_t blocks = std::min<size_t>(4, (text.size() - pos) / 16);
    uint64_t word, joiner, high;
    switch (blocks) {  // a fixed count each, so that the compiler unrolls
      case 4: ClassifyAscii<4>(text.data() + pos, &word, &joiner, &high); break;
      case 3: ClassifyAscii<3>(text.data() + pos, &word, &joiner, &high); break;
      case 2: ClassifyAscii<2>(text.data() + pos, &word, &joiner, &high); break;
      default: ClassifyAscii<1>(text.data() + pos, &word, &joiner, &high); break;
    }
    size_t len = 16 * blocks;  // bytes this chunk covers
    while (high != 0) {
      const auto at = static_cast<size_t>(std::countr_zero(high));
      size_t next = pos + at;
      const char32_t cp = utf8::Next(text, &next);
      const size_t end = next - pos;
      if (end > len) {  // crosses the chunk's end: left for the next chunk
        len = at;
        break;
      }
      const uint64_t bytes = (end == 64 ? ~uint64_t{0} : (uint64_t{1} << end) - 1) & ~((uint64_t{1} << at) - 1);
      if (IsWordChar(cp)) word |= bytes;
      if (cp == 0x2019) joiner |= bytes;
      high &= ~(end == 64 ? ~uint64_t{0} : (uint64_t{1} << end) - 1);
    }
    const uint64_t valid = len == 64 ? ~uint64_t{0} : (uint64_t{1} << len) - 1;
    word &= valid;
    joiner &= valid;
    const uint64_t carry = in_word ? 1 : 0;
    uint64_t status = word;  // bytes that are part of a word
    while (joiner != 0) {    // joiners take the status of the byte before them
      const uint64_t next = word | (joiner & ((status << 1) | carry));
      if (next == status) break;
      status = next;
    }
    const uint64_t starts = status & ~((status << 1) | carry) & valid;
    words += BitCount64(starts);
    in_word = (status >> (len - 1)) & 1;
    pos += len;
  }
#endif
  // The general way, and the rest after the chunks: one character at a time.
  while (pos < text.size()) {
    const char32_t cp = utf8::Next(text, &pos);
    const bool word = IsWordChar(cp) || (in_word && (cp == '\'' || cp == 0x2019 || cp == '-'));
    if (word && !in_word) ++words;
    in_word = word;
  }
  return words;
}

Verdict BodyStage::Process(Record& record) {
  record.paragraphs.clear();
  record.sentences.clear();
  const std::string& t = record.text;
  // Room for the usual counts (a paragraph per ~300 bytes, a sentence per
  // ~100), so that the vectors seldom grow; more still fit.
  record.paragraphs.reserve(t.size() / 256 + 1);
  record.sentences.reserve(t.size() / 64 + 1);
  size_t start = 0;
  while (start < t.size()) {
    size_t end = t.find("\n\n", start);
    if (end == std::string::npos) end = t.size();
    record.paragraphs.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(end)});
    SplitSentences(std::string_view(t).substr(start, end - start), static_cast<uint32_t>(start), &record.sentences);
    start = end + 2;
  }
  record.word_count = CountWords(t);
  if (record.word_count < min_words_) {
    return Verdict::DeadLetter(ErrorCode::kNotAReport, "body has " + std::to_string(record.word_count) +
                                                           " words, fewer than the " + std::to_string(min_words_) +
                                                           " a report needs");
  }
  // Prose has spaces between words; a blob of base64 or hex does not.
  if (t.size() > 200 && record.word_count * 40 < t.size()) {
    return Verdict::DeadLetter(ErrorCode::kNotAReport, "text does not read as prose (average word over 40 bytes)");
  }
  return Verdict::Continue();
}

Verdict IdentifyStage::Process(Record& record) {
  XXH3_state_t state_storage;
  XXH3_INITSTATE(&state_storage);
  XXH3_state_t* state = &state_storage;
  XXH3_128bits_reset(state);
  auto add = [&](std::string_view part) {
    XXH3_128bits_update(state, part.data(), part.size());
    XXH3_128bits_update(state, "\x1f", 1);
  };
  // Views, not copies: an absent headline or dateline hashes as "".
  add(record.headline ? std::string_view(*record.headline) : std::string_view(""));
  add(record.dateline ? std::string_view(record.dateline->raw) : std::string_view(""));
  add(record.text);
  const XXH128_hash_t h = XXH3_128bits_digest(state);
  // 32 lower-case hex digits, high half first (as "%016llx%016llx" prints them).
  static constexpr char kHex[] = "0123456789abcdef";
  char buf[32];
  for (int i = 0; i < 16; ++i) {
    buf[i] = kHex[(h.high64 >> (60 - 4 * i)) & 0xF];
    buf[16 + i] = kHex[(h.low64 >> (60 - 4 * i)) & 0xF];
  }
  record.id.assign(buf, 32);
  return Verdict::Continue();
}

}  // namespace dateline
