#include "enrich/tokenize.h"

#include <array>
#include <cstdint>
#include <bit>
#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/ascii_swar.h"
#include "core/utf8.h"
#include "geo/gazetteer.h"

namespace dateline::enrich {
namespace {

// The word hash: the folded bytes read eight at a time (little-endian; the
// last, partial chunk zero-padded with the length in its top byte, which
// tells "a" from "a\0"), each chunk mixed in by a multiply, then one more
// multiply and shift. Every step is a bijection, so words of up to seven bytes
// never collide. Tokenize computes it inline on ASCII words; HashFolded on strings.
static_assert(std::endian::native == std::endian::little, "chunks are read little-endian");
constexpr uint64_t kWordHashSeed = 0x243f6a8885a308d3ull;
inline uint64_t MixChunk(uint64_t h, uint64_t chunk) {
  h = (h ^ chunk) * 0x9e3779b97f4a7c15ull;
  return h ^ (h >> 32);
}
inline uint64_t FinishHash(uint64_t h, uint64_t tail, size_t len) {
  h = MixChunk(h, tail | (uint64_t{len & 0xFF} << 56));
  h = (h ^ (h >> 29)) * 0xbf58476d1ce4e5b9ull;
  return h ^ (h >> 32);
}

// Non-ASCII code points that are punctuation or space, not letters.
bool IsUnicodePunct(char32_t cp) {
  return cp == 0xA0 || cp == 0xAB || cp == 0xBB || cp == 0xB7 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 ||
         cp == 0xFEFF || cp == utf8::kInvalid;
}

bool IsUpper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  // Latin-1 Supplement and Latin Extended-A capitals; enough for names in Latin script.
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return true;
  if (cp >= 0x100 && cp <= 0x17F) return (cp % 2) == 0 && cp != 0x138;
  return false;
}

bool IsLower(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) return true;
  if (cp >= 0x100 && cp <= 0x17F) return (cp % 2) == 1;
  return false;
}

}  // namespace

uint64_t HashFolded(std::string_view folded) {
  uint64_t h = kWordHashSeed;
  size_t i = 0;
  for (; i + 8 <= folded.size(); i += 8) {
    uint64_t chunk;
    std::memcpy(&chunk, folded.data() + i, 8);
    h = MixChunk(h, chunk);
  }
  uint64_t tail = 0;
  std::memcpy(&tail, folded.data() + i, folded.size() - i);
  return FinishHash(h, tail, folded.size());
}

uint64_t HashWord(std::string_view word) {
  bool ascii = true;
  for (char c : word) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (!ascii) return HashFolded(FoldName(word));
  std::string folded(word);
  for (char& c : folded) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  return HashFolded(folded);
}

uint64_t HashPhrase(std::string_view phrase, int* words) {
  const std::string folded = FoldName(phrase);
  uint64_t h = kPhraseSeed;
  int n = 0;
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) {
      h = CombineHash(h, HashFolded(std::string_view(folded).substr(start, end - start)));
      ++n;
    }
    start = end + 1;
  }
  *words = n;
  return h;
}

namespace {

// Byte classes for the ASCII fast paths; bytes >= 0x80 have none.
enum : uint8_t { kAlnumBit = 1, kUpperBit = 2, kLowerBit = 4, kDigitBit = 8 };
constexpr std::array<uint8_t, 256> MakeByteClasses() {
  std::array<uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kAlnumBit | kLowerBit;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kAlnumBit | kUpperBit;
  for (int c = '0'; c <= '9'; ++c) t[c] = kAlnumBit | kDigitBit;
  return t;
}
constexpr std::array<uint8_t, 256> kByteClass = MakeByteClasses();
static_assert(int{kUpperBit} == int{Token::kCapital} && int{kDigitBit} == int{Token::kDigit}, "a word's first byte class gives its flags");

using swar::AlnumBytes;  // core/ascii_swar.h
using swar::kHighBits;

#if defined(__SSE2__)
// Sixteen bytes loaded at kKeepFirst + 16 - len keep the first len bytes of a vector.
constexpr unsigned char kKeepFirst[32] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                          0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
#endif

}  // namespace

void Tokenize(std::string_view text, const std::vector<Span>& sentences, std::vector<Token>* out) {
  out->clear();
  out->reserve(text.size() / 5 + 8);
  const size_t n = text.size();
  const auto byte_at = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  size_t pos = 0;
  // The sentence spans as locals: stores through *out could otherwise be
  // taken to change `sentences` and have it reloaded for every word.
  const Span* const sentence = sentences.data();
  const size_t sentence_count = sentences.size();
  size_t next_sentence = 0;
  // The start of sentences[next_sentence], or past any token when none is left.
  auto sentence_start = [&] { return next_sentence < sentence_count ? sentence[next_sentence].start : SIZE_MAX; };
  size_t next_sentence_start = sentence_start();
  // Flags the next token inherits: kParagraph (a paragraph starts), kNewline
  // (a line break since the last token), kGlued (the previous character joins
  // the next word to the previous one; words only). One mask, so a word takes
  // them with one OR.
  uint16_t carry = Token::kParagraph;
  bool prev_word_end = false;
  while (pos < n) {
    const unsigned char b = byte_at(pos);
    const uint8_t cls = kByteClass[b];
    if (b < 0x80 && !(cls & kAlnumBit)) {
      if (b == ' ' || b == '\t' || b == '\r') {
        carry &= ~Token::kGlued;
        prev_word_end = false;
        ++pos;
        continue;
      }
      if (b == '\n') {
        carry = (carry & ~Token::kGlued) | Token::kNewline;
        if (pos + 1 < n && text[pos + 1] == '\n') carry |= Token::kParagraph;
        prev_word_end = false;
        ++pos;
        continue;
      }
      // A hyphen, dot or apostrophe between two letters glues them.
      const bool joiner = (b == '-' || b == '.' || b == '\'') && prev_word_end && pos + 1 < n &&
                          ((kByteClass[byte_at(pos + 1)] & kAlnumBit) || byte_at(pos + 1) >= 0xC0);
      Token t;
      t.start = static_cast<uint32_t>(pos);
      t.end = static_cast<uint32_t>(pos + 1);
      t.cp = b;
      t.flags = carry & (Token::kParagraph | Token::kNewline);
      carry &= ~(Token::kParagraph | Token::kGlued);  // a joiner keeps a pending line break for the next token
      if (!joiner) out->push_back(t), carry &= ~Token::kNewline;
      if (joiner) carry |= Token::kGlued;
      prev_word_end = false;
      ++pos;
      continue;
    }
    size_t p = pos;
    const char32_t first = b < 0x80 ? (++p, b) : utf8::NextMultibyte(text, &p);
    if (b >= 0x80 && IsUnicodePunct(first)) {
      const bool joiner = first == 0x2019 && prev_word_end && p < n && (kByteClass[byte_at(p)] & kAlnumBit);
      if (first != 0xA0 && first != 0x2009 && first != 0x200A && first != 0x2002 && first != 0x2003 && !joiner) {
        Token t;
        t.start = static_cast<uint32_t>(pos);
        t.end = static_cast<uint32_t>(p);
        t.cp = first;
        t.flags = carry & (Token::kParagraph | Token::kNewline);
        carry &= ~(Token::kParagraph | Token::kNewline);
        out->push_back(t);
      }
      carry = (carry & ~Token::kGlued) | (joiner ? Token::kGlued : 0);
      prev_word_end = false;
      pos = p;
      continue;
    }
    // A word: letters and digits, ASCII or not.
    Token t;
    t.start = static_cast<uint32_t>(pos);
    uint16_t flags = Token::kWord | carry;
    carry = 0;
    // Capitals and small letters seen (only "two or more capitals, no small letter" matters).
    int upper = 0, lower = 0;
    bool ascii = b < 0x80;
    uint64_t h = kWordHashSeed, tail = 0;
    size_t q = pos;
    bool ended = false;  // the word is known to end at q
    if (ascii) {
      flags |= cls & (kUpperBit | kDigitBit);  // the class bits are the token flags (static_assert above)
      uint64_t small = 0;  // non-zero once a small letter is seen
      // The run of ASCII letters and digits: found, folded (for these bytes folding
      // is setting 0x20) and hashed eight bytes at a time; the last few bytes of the
      // text by table. Whole chunks are mixed in; the partial one is the hash's tail.
#if defined(__SSE2__)
      // Sixteen bytes at a time while they are there (the SWAR loop below goes
      // on from where this stops): the same run, folded bytes, hash chunks and
      // small letters as that loop finds.
      while (q + 16 <= n) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + q));
        const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
        // Signed compares: bytes of 0x80 and above are negative, in neither range.
        const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                             _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
        const __m128i digit =
            _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        const unsigned stop = ~static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, digit))) & 0xFFFF;
        // Small letters: letters whose case bit 0x20 is set already (folding left them as they are).
        const unsigned smalls = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(letter, _mm_cmpeq_epi8(v, folded))));
        if (stop == 0) {
          small |= smalls;
          h = MixChunk(MixChunk(h, static_cast<uint64_t>(_mm_cvtsi128_si64(folded))),
                       static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(folded, folded))));
          q += 16;
          continue;
        }
        const unsigned len = static_cast<unsigned>(std::countr_zero(stop));
        small |= smalls & (stop - 1);  // below the first stop (stop bits above it are never letters)
        // The run's bytes, the rest zeroed: whole first chunk and tail, or the tail alone.
        const __m128i run = _mm_and_si128(folded, _mm_loadu_si128(reinterpret_cast<const __m128i*>(kKeepFirst + 16 - len)));
        const uint64_t low = static_cast<uint64_t>(_mm_cvtsi128_si64(run));
        if (len >= 8) {
          h = MixChunk(h, low);
          tail = static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(run, run)));
        } else {
          tail = low;
        }
        q += len;
        ended = static_cast<signed char>(text[q]) >= 0;  // an ASCII byte ends the run (q < n: len < 16)
        goto run_done;
      }
#endif
      while (true) {
        if (q + 8 > n) {
          for (unsigned k = 0; q < n && (kByteClass[byte_at(q)] & kAlnumBit); ++k, ++q) {
            small |= byte_at(q) & 0x40 & (byte_at(q) << 1);  // a small letter has 0x40 and 0x20; digits lack 0x40
            tail |= uint64_t{static_cast<uint8_t>(byte_at(q) | 0x20)} << (8 * k);
          }
          break;
        }
        uint64_t x;
        std::memcpy(&x, text.data() + q, 8);
        uint64_t letters = 0;
        const uint64_t stop = ~AlnumBytes(x, &letters) & kHighBits;  // bytes that end the run
        const uint64_t first_stop = stop & (0 - stop);                // lowest set bit, 0 if none
        // High bits of the bytes before the first stop; a letter's case bit 0x20 moved to its high bit.
        small |= letters & (first_stop - 1) & (x << 2);
        const uint64_t folded = x | 0x2020202020202020ull;
        if (stop == 0) {
          h = MixChunk(h, folded);
          q += 8;
          continue;
        }
        tail = folded & ((first_stop >> 7) - 1);  // the bytes before the first stop
        q += static_cast<unsigned>(std::countr_zero(stop)) / 8;
        break;
      }
#if defined(__SSE2__)
    run_done:
#endif
      // Capitals are counted only when there is no small letter (else "all caps" is out anyway).
      if (small != 0) {
        lower = 1;
      } else {
        for (size_t i = pos; i < q; ++i) upper += (kByteClass[byte_at(i)] & kUpperBit) != 0;
      }
    } else {
      if (IsUpper(first)) flags |= Token::kCapital;
      upper = IsUpper(first);
      lower = IsLower(first);
      q = p;
    }
    // Anything else inside the word: other scripts (the hash is then taken on the folded word).
    while (!ended && q < n) {
      const unsigned char c = byte_at(q);
      if (c < 0x80) {
        const uint8_t k = kByteClass[c];
        if (!(k & kAlnumBit)) break;
        upper += (k & kUpperBit) != 0;
        lower += (k & kLowerBit) != 0;
        ++q;
        continue;
      }
      size_t r = q;
      const char32_t cp = utf8::NextMultibyte(text, &r);
      if (IsUnicodePunct(cp)) break;
      upper += IsUpper(cp);
      lower += IsLower(cp);
      ascii = false;
      q = r;
    }
    t.end = static_cast<uint32_t>(q);
    if (upper >= 2 && lower == 0) flags |= Token::kAllCaps;
    t.hash = ascii ? FinishHash(h, tail, q - pos) : HashWord(text.substr(pos, q - pos));
    if ((flags & Token::kGlued) && q - pos == 1 && (b == 's' || b == 'S') && !out->empty() && pos > 0 &&
        (text[pos - 1] == '\'' || byte_at(pos - 1) == 0x99)) {
      flags |= Token::kPossessive;
    }
    while (next_sentence_start <= t.start) {
      flags |= Token::kSentence;
      ++next_sentence;
      next_sentence_start = sentence_start();
    }
    t.flags = flags;
    out->push_back(t);
    // The space after a word, the common case, is skipped here as the loop would skip it.
    const bool space_after = q < n && text[q] == ' ';
    prev_word_end = !space_after;
    pos = q + space_after;
  }
  if (sentences.empty()) {  // no sentence spans: every paragraph start and word after . ! ? starts one
    bool after_stop = true;
    for (Token& t : *out) {
      if (t.is(Token::kParagraph)) after_stop = true;
      if (t.is(Token::kWord)) {
        if (after_stop) t.flags |= Token::kSentence;
        after_stop = false;
      } else if (t.cp == '.' || t.cp == '!' || t.cp == '?') {
        after_stop = true;
      }
    }
  }
}

Verdict TokenizeStage::Process(Record& record) {
  Tokenize(record.text, record.sentences, &record.tokens);
  return Verdict::Continue();
}

}  // namespace dateline::enrich
