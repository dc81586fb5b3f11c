#include "core/utf8.h"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dateline::utf8 {
namespace {

// Windows-1252 bytes 0x80..0x9F; 0 marks the five undefined bytes, which are
// decoded as the C1 control of the same value (as Latin-1 does).
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

}  // namespace

char32_t NextMultibyte(std::string_view s, size_t* pos) {
  const size_t i = *pos;
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    *pos = i + 1;
    return b0;
  }
  // Two- and three-byte characters (Latin letters, punctuation, most scripts)
  // straight through; every malformed case falls to the general path below,
  // which decides it as before.
  const size_t left = s.size() - i;
  if (b0 >= 0xC2 && b0 < 0xE0 && left >= 2) {  // C0 and C1 would be overlong
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if ((b1 & 0xC0) == 0x80) {
      *pos = i + 2;
      return (char32_t{b0 & 0x1Fu} << 6) | (b1 & 0x3Fu);
    }
  } else if ((b0 & 0xF0) == 0xE0 && left >= 3) {
    const auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
    const char32_t cp = (char32_t{b0 & 0x0Fu} << 12) | (char32_t{b1 & 0x3Fu} << 6) | (b2 & 0x3Fu);
    if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      *pos = i + 3;
      return cp;
    }
  }
  size_t len;
  char32_t cp;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    *pos = i + 1;
    return kInvalid;
  }
  if (i + len > s.size()) {
    *pos = i + 1;
    return kInvalid;
  }
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      *pos = i + 1;
      return kInvalid;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *pos = i + 1;
    return kInvalid;
  }
  *pos = i + len;
  return cp;
}

bool IsValid(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    pos = SkipAscii(s, pos);  // fast path over ASCII
    if (pos < s.size() && Next(s, &pos) == kInvalid) return false;
  }
  return true;
}

void AppendMultibyte(std::string* out, char32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string FromWindows1252(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 4);
  for (char ch : s) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) {
      out.push_back(ch);
    } else if (b < 0xA0) {
      const char32_t cp = kCp1252High[b - 0x80];
      Append(&out, cp ? cp : b);
    } else {
      Append(&out, b);
    }
  }
  return out;
}

int ToWindows1252(char32_t cp) {
  if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) return static_cast<int>(cp);
  for (size_t i = 0; i < kCp1252High.size(); ++i) {
    if (kCp1252High[i] == cp && cp != 0) return static_cast<int>(0x80 + i);
  }
  if (cp >= 0x80 && cp < 0xA0 && kCp1252High[cp - 0x80] == 0) return static_cast<int>(cp);
  return -1;
}

bool RepairMojibake(std::string* s) {
  // A mojibake sequence is a string of non-ASCII code points, each with a
  // Windows-1252 byte, whose bytes form one valid multi-byte UTF-8 character;
  // it starts with a lead-byte character (Â..ô, i.e. 0xC2..0xF4). Within each
  // run of code points that have a Windows-1252 byte, sequences are decoded
  // left to right; code points that start no sequence (legitimate characters
  // next to the mojibake, such as a typographic quote or an NBSP) are kept.
  // Every lead character (U+00C2..U+00F4) is encoded 0xC3 0x82..0xB4: text
  // without a 0xC3 byte (English with typographic quotes, most scripts) has
  // no mojibake to repair.
  if (s->find('\xC3') == std::string::npos) return false;
  std::string out;
  bool changed = false;
  size_t pos = 0, copied = 0;
  std::string bytes;
  std::vector<size_t> offsets;  // offsets[k]: where in *s the code point of bytes[k] starts
  while (pos < s->size()) {
    pos = SkipAscii(*s, pos);
    if (pos >= s->size()) break;
    const size_t run_start = pos;
    bytes.clear();
    offsets.clear();
    size_t run_end = pos;
    while (run_end < s->size() && static_cast<unsigned char>((*s)[run_end]) >= 0x80) {
      size_t next = run_end;
      const char32_t cp = Next(*s, &next);
      const int b = cp == kInvalid ? -1 : ToWindows1252(cp);
      if (b < 0) break;
      bytes.push_back(static_cast<char>(b));
      offsets.push_back(run_end);
      run_end = next;
    }
    if (run_end == run_start) {
      Next(*s, &pos);
      continue;
    }
    offsets.push_back(run_end);
    for (size_t k = 0; k < bytes.size();) {
      const auto lead = static_cast<unsigned char>(bytes[k]);
      size_t next = k;
      if (lead >= 0xC2 && lead <= 0xF4 && Next(bytes, &next) != kInvalid) {
        out.append(*s, copied, offsets[k] - copied);
        out.append(bytes, k, next - k);
        copied = offsets[next];
        changed = true;
        k = next;
      } else {
        ++k;
      }
    }
    pos = run_end;
  }
  if (!changed) return false;
  out.append(*s, copied, std::string::npos);
  *s = std::move(out);
  return true;
}

size_t CountCodepoints(std::string_view s) {
  size_t n = 0, i = 0;
#if defined(__SSE2__)
  // Continuation bytes 0x80..0xBF are, as signed bytes, the ones below -64.
  // Byte counters (one per lane) gather up to 255 blocks, then are summed.
  const __m128i below = _mm_set1_epi8(-64), zero = _mm_setzero_si128();
  while (i + 16 <= s.size()) {
    __m128i counts = zero;
    for (int k = 0; k < 255 && i + 16 <= s.size(); ++k, i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      counts = _mm_sub_epi8(counts, _mm_cmplt_epi8(v, below));  // +1 per continuation byte
      n += 16;
    }
    const __m128i sums = _mm_sad_epu8(counts, zero);
    n -= static_cast<size_t>(_mm_cvtsi128_si32(sums)) + static_cast<size_t>(_mm_extract_epi16(sums, 4));
  }
#endif
  for (; i < s.size(); ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

namespace {

[[maybe_unused]] uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

[[maybe_unused]] constexpr uint64_t kOnes = 0x0101010101010101ULL;
[[maybe_unused]] constexpr uint64_t kHighs = 0x8080808080808080ULL;

}  // namespace

size_t SkipAscii(std::string_view s, size_t pos) {
  const char* p = s.data();
  const size_t n = s.size();
#if defined(__SSE2__)
  for (; pos + 16 <= n; pos += 16) {
    const unsigned m = static_cast<unsigned>(_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos))));
    if (m) return pos + static_cast<size_t>(std::countr_zero(m));
  }
#else
  for (; pos + 8 <= n; pos += 8) {
    if (Load64(p + pos) & kHighs) break;
  }
#endif
  while (pos < n && static_cast<unsigned char>(p[pos]) < 0x80) ++pos;
  return pos;
}

size_t SkipPrintableAscii(std::string_view s, size_t pos) {
  const char* p = s.data();
  const size_t n = s.size();
#if defined(__SSE2__)
  // As signed bytes, controls and non-ASCII are exactly the ones below 0x20.
  const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);
  for (; pos + 16 <= n; pos += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos));
    const unsigned m = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del))));
    if (m) return pos + static_cast<size_t>(std::countr_zero(m));
  }
#else
  for (; pos + 8 <= n; pos += 8) {
    const uint64_t v = Load64(p + pos);
    // High bit set in a byte that is < 0x20, >= 0x7F (a DEL or non-ASCII) .
    const uint64_t low = (v - kOnes * 0x20) & ~v;
    const uint64_t high = (v + kOnes * 0x01) | v;
    if ((low | high) & kHighs) break;
  }
#endif
  while (pos < n && static_cast<unsigned char>(p[pos]) >= 0x20 && static_cast<unsigned char>(p[pos]) < 0x7F) ++pos;
  return pos;
}

size_t FindAnyOf(std::string_view s, size_t pos, char a, char b, char c) {
  const char* p = s.data();
  const size_t n = s.size();
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c);
  for (; pos + 16 <= n; pos += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos));
    const __m128i eq = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)), _mm_cmpeq_epi8(v, vc));
    const unsigned m = static_cast<unsigned>(_mm_movemask_epi8(eq));
    if (m) return pos + static_cast<size_t>(std::countr_zero(m));
  }
#endif
  while (pos < n && p[pos] != a && p[pos] != b && p[pos] != c) ++pos;
  return pos;
}

size_t FindDoubleSpace(std::string_view s, size_t pos) {
  const char* p = s.data();
  const size_t n = s.size();
#if defined(__SSE2__)
  const __m128i sp = _mm_set1_epi8(' ');
  for (; pos + 17 <= n; pos += 16) {
    const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos));
    const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos + 1));
    const unsigned m =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(v0, sp), _mm_cmpeq_epi8(v1, sp))));
    if (m) return pos + static_cast<size_t>(std::countr_zero(m));
  }
#endif
  for (; pos + 1 < n; ++pos) {
    if (p[pos] == ' ' && p[pos + 1] == ' ') return pos;
  }
  return n;
}

}  // namespace dateline::utf8
