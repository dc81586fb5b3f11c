#include "normalize/sentences.h"

#include <array>
#include <bit>
#include <cstdint>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/utf8.h"

namespace dateline {
namespace {

// Abbreviations after which a period does not end a sentence (lower case, no dot).
constexpr std::array<std::string_view, 64> kAbbreviations = {
    "mr",   "mrs",  "ms",   "dr",    "prof", "gen",  "lt",   "col",  "maj",  "capt", "sgt",  "cpl",  "adm",
    "cmdr", "rep",  "sen",  "gov",   "pres", "st",   "jr",   "sr",   "co",   "corp", "inc",  "ltd",  "bros",
    "jan",  "feb",  "mar",  "apr",   "jun",  "jul",  "aug",  "sep",  "sept", "oct",  "nov",  "dec",  "vs",
    "etc",  "approx", "est", "ave",  "blvd", "mt",   "ft",   "rev",  "hon",  "messrs", "mme", "mlle", "dept",
    "univ", "assn", "gov't", "supt", "insp", "fig",  "al",   "cf",   "ibid", "op"};

constexpr bool AllShorterThan8() {
  for (size_t i = 0; i < kAbbreviations.size(); ++i) {
    if (kAbbreviations[i].size() >= 8) return false;
  }
  return true;
}
static_assert(AllShorterThan8(), "IsAbbreviation packs words into 8 bytes");

// Abbreviations that do not end a sentence only when a number follows ("No. 2").
constexpr std::array<std::string_view, 6> kBeforeNumber = {"no", "nos", "vol", "art", "para", "pp"};

bool IsOpening(char32_t cp) {
  return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x2018 || cp == '(' || cp == '[' || cp == 0xAB;
}

bool IsClosing(char32_t cp) {
  return cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019 || cp == ')' || cp == ']' || cp == 0xBB;
}

bool IsUpperStart(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  return (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || cp >= 0x100;  // accented capitals and other scripts
}

// Bytes that may stand in a word before a dot: ASCII letters, apostrophes and dots.
constexpr std::array<bool, 256> kAbbreviationByte = [] {
  std::array<bool, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<size_t>(c)] = t[static_cast<size_t>(c - 'a' + 'A')] = true;
  t['\''] = t['.'] = true;
  return t;
}();

// A word of at most 8 bytes as an integer, its last byte in bits 0..7, the
// one before in bits 8..15, and so on (zero above the first), as a scan
// backwards from the word's end builds it.
constexpr uint64_t Pack(std::string_view w) {
  uint64_t v = 0;
  for (size_t i = 0; i < w.size() && i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(w[i]);
  return v;
}

// The listed abbreviations as packed integers in an open-addressing hash set
// (128 slots, linear probing; 0 marks an empty slot, and no packed word is 0).
class AbbreviationSet {
 public:
  constexpr AbbreviationSet() {
    for (size_t k = 0; k < kAbbreviations.size(); ++k) {
      if (kAbbreviations[k].empty()) continue;  // unused places at the end of the array
      const uint64_t v = Pack(kAbbreviations[k]);
      size_t i = Slot(v);
      while (slots_[i] != 0 && slots_[i] != v) i = (i + 1) % kSlots;
      slots_[i] = v;
    }
  }
  constexpr bool Contains(uint64_t v) const {
    for (size_t i = Slot(v);; i = (i + 1) % kSlots) {
      if (slots_[i] == v) return true;
      if (slots_[i] == 0) return false;
    }
  }

 private:
  static constexpr size_t kSlots = 128;  // over twice the entries: short probes
  static constexpr size_t Slot(uint64_t v) { return static_cast<size_t>((v * 0x9E3779B97F4A7C15ull) >> 57); }
  std::array<uint64_t, kSlots> slots_{};
};
constexpr AbbreviationSet kAbbreviationSet;
static_assert(kAbbreviationSet.Contains(Pack("sept")) && !kAbbreviationSet.Contains(Pack("said")));

// Whether the word that ends right before `dot` (a '.' at index dot: letters,
// apostrophes and dots) is an abbreviation, so that the dot ends no sentence.
bool IsAbbreviation(std::string_view s, size_t dot, char32_t next) {
  // One scan backwards: a dot inside the word ("U.S.", "a.m.") settles it at
  // once; otherwise the word's last 8 bytes are packed in lower case (letters
  // | 0x20; an apostrophe has that bit already).
  size_t start = dot;
  uint64_t key = 0;
  for (; start > 0 && kAbbreviationByte[static_cast<unsigned char>(s[start - 1])]; --start) {
    const auto c = static_cast<unsigned char>(s[start - 1]);
    if (c == '.') return true;
    const size_t k = dot - start;  // bytes already taken
    if (k < 8) key |= uint64_t{c | 0x20u} << (8 * k);
  }
  const size_t size = dot - start;
  if (size == 0) return false;
  if (size == 1) return true;   // an initial: "John F. Kennedy"
  if (size > 8) return false;   // longer than any listed abbreviation
  if (kAbbreviationSet.Contains(key)) return true;
  const bool digit = next >= '0' && next <= '9';
  if (!digit) return false;
  for (std::string_view b : kBeforeNumber) {
    if (Pack(b) == key) return true;
  }
  return false;
}

// Finds the sentence marks . ! ? of one paragraph in order, 16 bytes at a
// time, keeping the last block's bit mask so that each block is read once.
class MarkFinder {
 public:
  explicit MarkFinder(std::string_view s) : s_(s) {}

  // Index of the first mark at or after pos, or s.size().
  size_t Find(size_t pos) {
    if (have_block_ && pos >= block_ && pos < block_ + 16) {
      if (const unsigned m = mask_ >> (pos - block_)) return pos + static_cast<size_t>(std::countr_zero(m));
      pos = block_ + 16;
    }
    have_block_ = false;
#if defined(__SSE2__)
    const __m128i dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!'), question = _mm_set1_epi8('?');
    for (; pos + 16 <= s_.size(); pos += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_.data() + pos));
      const __m128i eq = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, bang)),
                                      _mm_cmpeq_epi8(v, question));
      if (const auto m = static_cast<unsigned>(_mm_movemask_epi8(eq))) {
        have_block_ = true, block_ = pos, mask_ = m;
        return pos + static_cast<size_t>(std::countr_zero(m));
      }
    }
    // The last bytes: the block that ends at the end of the text, read once
    // (overlapping bytes already searched, which the shift drops).
    if (pos < s_.size() && s_.size() >= 16) {
      const size_t last = s_.size() - 16;
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_.data() + last));
      const __m128i eq = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, bang)),
                                      _mm_cmpeq_epi8(v, question));
      const auto m = static_cast<unsigned>(_mm_movemask_epi8(eq));
      have_block_ = true, block_ = last, mask_ = m;
      if (const unsigned rest = m >> (pos - last)) return pos + static_cast<size_t>(std::countr_zero(rest));
      return s_.size();
    }
#endif
    return utf8::FindAnyOf(s_, pos, '.', '!', '?');
  }

 private:
  std::string_view s_;
  bool have_block_ = false;
  size_t block_ = 0;   // the block [block_, block_ + 16) when have_block_
  unsigned mask_ = 0;  // bit i: s_[block_ + i] is a mark
};

}  // namespace

void SplitSentences(std::string_view p, uint32_t base, std::vector<Span>* out) {
  size_t start = 0;
  while (start < p.size() && p[start] == ' ') ++start;
  size_t pos = start;
  MarkFinder marks(p);
  while (pos < p.size()) {
    // Sentence ends are ASCII, and an ASCII byte is never inside a multi-byte
    // character, so the bytes can be searched directly.
    const size_t at = marks.Find(pos);
    if (at >= p.size()) break;
    const char cp = p[at];
    pos = at + 1;
    // Absorb closing quotes and brackets: the sentence ends after them.
    size_t end = pos;
    while (end < p.size()) {
      size_t next = end;
      if (!IsClosing(utf8::Next(p, &next))) break;
      end = next;
    }
    if (end >= p.size() || p[end] != ' ') continue;
    size_t after = end;
    while (after < p.size() && p[after] == ' ') ++after;
    if (after >= p.size()) break;
    size_t look = after;
    char32_t first = utf8::Next(p, &look);
    if (IsOpening(first) && look < p.size()) first = utf8::Next(p, &look);
    if (!IsUpperStart(first)) continue;
    if (cp == '.' && IsAbbreviation(p, at, first)) continue;
    out->push_back({base + static_cast<uint32_t>(start), base + static_cast<uint32_t>(end)});
    start = after;
    pos = after;
  }
  size_t stop = p.size();
  while (stop > start && p[stop - 1] == ' ') --stop;
  if (stop > start) out->push_back({base + static_cast<uint32_t>(start), base + static_cast<uint32_t>(stop)});
}

}  // namespace dateline
