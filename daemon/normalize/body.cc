#define XXH_STATIC_LINKING_ONLY  // XXH3_state_t on the stack, no allocation
#include <xxhash.h>

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

// Set bits of a 16-bit mask (std::popcount calls libgcc unless the target
// has POPCNT, which baseline x86-64 has not).
[[maybe_unused]] uint32_t BitCount16(uint32_t x) {
  x = x - ((x >> 1) & 0x5555);
  x = (x & 0x3333) + ((x >> 2) & 0x3333);
  x = (x + (x >> 4)) & 0x0F0F;
  return (x + (x >> 8)) & 0x1F;
}

}  // namespace

uint32_t CountWords(std::string_view text) {
  uint32_t words = 0;
  bool in_word = false;
  size_t pos = 0;
  // The general way: one character at a time up to `stop`.
  auto step = [&](size_t stop) {
    while (pos < stop) {
      const char32_t cp = utf8::Next(text, &pos);
      const bool word = IsWordChar(cp) || (in_word && (cp == '\'' || cp == 0x2019 || cp == '-'));
      if (word && !in_word) ++words;
      in_word = word;
    }
  };
#if defined(__SSE2__)
  // Blocks of 16 ASCII bytes at once. Bit i of `word` is set for a letter or
  // digit, of `joiner` for an apostrophe or hyphen; a joiner belongs to a word
  // when the byte before it does, and a word starts where a word byte follows
  // a non-word byte. Blocks with non-ASCII bytes go the general way.
  const __m128i case_bit = _mm_set1_epi8(0x20), a = _mm_set1_epi8('a' - 1), z = _mm_set1_epi8('z' + 1),
                d0 = _mm_set1_epi8('0' - 1), d9 = _mm_set1_epi8('9' + 1), apostrophe = _mm_set1_epi8('\''),
                hyphen = _mm_set1_epi8('-');
  while (pos + 16 <= text.size()) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    if (_mm_movemask_epi8(v) != 0) {
      step(pos + 16);
      continue;
    }
    const __m128i lower = _mm_or_si128(v, case_bit);
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, a), _mm_cmplt_epi8(lower, z));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, d0), _mm_cmplt_epi8(v, d9));
    const auto word = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(letter, digit)));
    const auto joiner =
        static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, apostrophe), _mm_cmpeq_epi8(v, hyphen))));
    uint32_t status = word;  // bytes that are part of a word
    while (joiner != 0) {    // joiners take the status of the byte before them
      const uint32_t next = word | (joiner & ((status << 1) | (in_word ? 1u : 0u)));
      if (next == status) break;
      status = next;
    }
    const uint32_t starts = status & ~((status << 1) | (in_word ? 1u : 0u)) & 0xFFFF;
    words += BitCount16(starts);
    in_word = (status >> 15) & 1;
    pos += 16;
  }
#endif
  step(text.size());
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
  add(record.headline.value_or(""));
  add(record.dateline ? record.dateline->raw : "");
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
