#include "sink/json_writer.h"

#include <array>
#include <bit>
#include <charconv>
#include <cstring>
#include <iterator>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <cmath>

#include "core/utf8.h"

namespace dateline {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// "00" "01" ... "99": two decimal digits at a time.
constexpr std::array<char, 200> kDigitPairs = [] {
  std::array<char, 200> t{};
  for (int i = 0; i < 100; ++i) {
    t[static_cast<size_t>(2 * i)] = static_cast<char>('0' + i / 10);
    t[static_cast<size_t>(2 * i + 1)] = static_cast<char>('0' + i % 10);
  }
  return t;
}();

// Writes `value` in decimal at p (room for 20 bytes), as std::to_chars does;
// returns its end. Offsets below 2^32 take a path of two digits at a time.
char* WriteInt(char* p, int64_t value) {
  if (value < 0 || value > 0xFFFFFFFF) return std::to_chars(p, p + 20, value).ptr;
  static constexpr uint32_t kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};
  auto v = static_cast<uint32_t>(value);
  // Digits from the bit length: t = floor(bits * log10(2)) (1233 / 4096 is
  // close enough below 2^32) is the digit count or one less.
  const auto bits = static_cast<uint32_t>(32 - std::countl_zero(v | 1));
  const uint32_t t = (bits * 1233) >> 12;
  const size_t digits = t + ((v | 1) >= kPow10[t] ? 1 : 0);
  char* const end = p + digits;
  char* q = end;
  while (v >= 100) {
    const uint32_t pair = v % 100;
    v /= 100;
    q -= 2;
    std::memcpy(q, kDigitPairs.data() + 2 * pair, 2);
  }
  if (v >= 10) {
    std::memcpy(q - 2, kDigitPairs.data() + 2 * v, 2);
  } else {
    q[-1] = static_cast<char>('0' + v);
  }
  return end;
}

// Writes v as std::to_chars(char*, char*, double) does (its shortest
// round-trip form) when v is a short decimal, as scores, saliences and
// coordinates are: |v| in [0.001, 10000) and v = m / 10^k for the least k
// (0..15) that parses back to v, with m < 2^50. Returns the end, or nullptr
// for any other value (the caller then calls std::to_chars).
// Why it is the same: m / 10^k, both exact doubles, divides correctly rounded,
// so the check says exactly whether the decimal m·10^-k reads back as v. With
// m < 2^50 the step 10^-k is over 4 ulps of v, so at most one k-digit decimal
// reads back and the nearest (round(v·10^k), exact at that size) is it; the
// least such k gives the fewest significant digits, as to_chars picks. In this
// range the fixed form is never longer than the scientific one (a tie, as for
// 0.001 against 1e-03, goes to the fixed form). Checked against std::to_chars
// in tests/sink/json_writer_test.cc on random and enumerated values.
char* WriteShortDecimal(char* p, double v) {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const double a = std::fabs(v);
  if (!(a >= 1e-3 && a < 1e4)) return nullptr;
  for (size_t k = 0; k < std::size(kPow10); ++k) {
    const double scaled = a * kPow10[k];
    if (scaled >= 0x1p50) return nullptr;
    const auto m = static_cast<uint64_t>(scaled + 0.5);  // exact below 2^52: round half up
    if (static_cast<double>(m) / kPow10[k] != a) continue;
    if (v < 0) *p++ = '-';
    char digits[20];
    char* const digits_end = WriteInt(digits, static_cast<int64_t>(m));
    const auto n = static_cast<size_t>(digits_end - digits);
    if (k == 0) {
      std::memcpy(p, digits, n);
      return p + n;
    }
    if (n > k) {  // 12.345
      std::memcpy(p, digits, n - k);
      p[n - k] = '.';
      std::memcpy(p + n - k + 1, digits + n - k, k);
      return p + n + 1;
    }
    *p++ = '0';  // 0.00123
    *p++ = '.';
    std::memset(p, '0', k - n);
    std::memcpy(p + k - n, digits, n);
    return p + k;
  }
  return nullptr;
}

// Length of a valid UTF-8 sequence starting at s[i], or 0.
size_t ValidSequence(std::string_view s, size_t i) {
  size_t next = i;
  return utf8::Next(s, &next) == utf8::kInvalid ? 0 : next - i;
}

// Index of the first byte at or after i that is not printable ASCII other
// than '"' and '\\' (such bytes are copied as they are), or s.size().
size_t SkipPlain(std::string_view s, size_t i) {
  const char* p = s.data();
  const size_t n = s.size();
#if defined(__SSE2__)
  // As signed bytes, controls and non-ASCII are exactly the ones below 0x20.
  const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i special =
        _mm_or_si128(_mm_cmplt_epi8(v, space), _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    const unsigned m = static_cast<unsigned>(_mm_movemask_epi8(special));
    if (m) return i + static_cast<size_t>(std::countr_zero(m));
  }
#endif
  for (; i < n; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
  }
  return i;
}

}  // namespace

void AppendJsonEscaped(std::string* out, std::string_view s) {
  size_t run = 0;  // start of the pending run of bytes copied as they are
  for (size_t i = 0; i < s.size();) {
    i = SkipPlain(s, i);
    if (i >= s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t len = ValidSequence(s, i);
      // U+2028/U+2029 are valid JSON but break JavaScript parsers: escape them.
      if (len == 3 && c == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
          (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
        out->append(s.data() + run, i - run);
        out->append(static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029");
        i += 3;
        run = i;
        continue;
      }
      if (len) {
        i += len;
        continue;
      }
      out->append(s.data() + run, i - run);
      out->append("\xEF\xBF\xBD");
      ++i;
      run = i;
      continue;
    }
    out->append(s.data() + run, i - run);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n':
        // Paragraph breaks come in pairs: "\n\n" in one append.
        if (i + 1 < s.size() && s[i + 1] == '\n') {
          out->append("\\n\\n");
          ++i;
        } else {
          out->append("\\n");
        }
        break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xF]);
    }
    ++i;
    run = i;
  }
  out->append(s.data() + run, s.size() - run);
}

namespace {

// Strings up to this many bytes (a key and its value together, for Field) are
// assembled in a stack buffer and appended in one call.
constexpr size_t kShort = 96;
// The stack buffer: separator, quotes, colon and tail around kShort bytes,
// plus 16 bytes of slack so that the check below may load whole 16-byte blocks.
constexpr size_t kBuffer = kShort + 16 + 16;

// Copies s (at most kShort bytes) to dst without a call to memcpy: whole
// 16-byte blocks, then the tail with two overlapping fixed-size copies.
void CopyShort(char* dst, std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  for (; n >= 16; n -= 16, p += 16, dst += 16) std::memcpy(dst, p, 16);
  if (n >= 8) {
    std::memcpy(dst, p, 8);
    std::memcpy(dst + n - 8, p + n - 8, 8);
  } else if (n >= 4) {
    std::memcpy(dst, p, 4);
    std::memcpy(dst + n - 4, p + n - 4, 4);
  } else if (n > 0) {
    dst[0] = p[0];
    dst[n / 2] = p[n / 2];
    dst[n - 1] = p[n - 1];
  }
}

// Copies s (at most kShort bytes) to dst, which has 16 bytes of room past
// s.size(); true if no byte of s needs escaping (see SkipPlain).
bool CopyPlain(char* dst, std::string_view s) {
  CopyShort(dst, s);
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  auto special = [&](size_t i) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(dst + i));
    return static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmplt_epi8(v, space), _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)))));
  };
  const size_t n = s.size();
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    if (special(i)) return false;
  }
  // The last, partial block: bytes past s.size() are masked off, whatever they hold.
  return i == n || (special(i) & ((1u << (n - i)) - 1)) == 0;
#else
  return SkipPlain(s, 0) == s.size();
#endif
}

// Room IntMember needs: quotes, colon, 20 digits and a sign, and the slack of CopyPlain.
constexpr size_t kIntMember = kShort + 16 + 24;

// Writes "key":digits at p if the key is short and needs no escaping; returns
// the end of what it wrote, or nullptr.
char* IntMember(char* p, std::string_view key, int64_t value) {
  if (key.size() > kShort) return nullptr;
  p[0] = '"';
  if (!CopyPlain(p + 1, key)) return nullptr;
  p += key.size() + 1;
  *p++ = '"';
  *p++ = ':';
  return WriteInt(p, value);
}

// Writes "start":S,"end":E at p (room for 56 bytes); returns its end.
char* StartEnd(char* p, int64_t start, int64_t end) {
  std::memcpy(p, "\"start\":", 8);
  p = WriteInt(p + 8, start);
  std::memcpy(p, ",\"end\":", 7);
  return WriteInt(p + 7, end);
}

}  // namespace

void JsonWriter::Quoted(std::string_view s, std::string_view tail) {
  // Short strings that need no escaping (keys, codes, names) go out in one
  // append from a stack buffer.
  if (s.size() <= kShort && tail.size() <= 4) {
    char buf[kBuffer];
    buf[1] = '"';
    if (CopyPlain(buf + 2, s)) {
      size_t n = s.size() + 2;
      buf[n++] = '"';
      for (const char c : tail) buf[n++] = c;
      const size_t comma = Separator(buf);  // buf[0] is ',' if one is due
      out_->append(buf + 1 - comma, n - 1 + comma);
      return;
    }
  }
  char comma;
  if (Separator(&comma)) out_->push_back(comma);
  out_->push_back('"');
  AppendJsonEscaped(out_, s);
  out_->push_back('"');
  out_->append(tail);
}

JsonWriter& JsonWriter::EscapedKey(std::string_view key) {
  Quoted(key, ":");
  comma_due_ = false;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  Quoted(value, "");
  return *this;
}

JsonWriter& JsonWriter::PlainKeyField(std::string_view key, std::string_view value) {
  // [,]"key":"value" in one append when the value is short and plain.
  if (key.size() + value.size() <= kShort) {
    char buf[kBuffer];
    buf[1] = '"';
    CopyShort(buf + 2, key);
    size_t n = key.size() + 2;
    buf[n++] = '"';
    buf[n++] = ':';
    buf[n++] = '"';
    if (CopyPlain(buf + n, value)) {
      n += value.size();
      buf[n++] = '"';
      const size_t comma = Separator(buf);
      out_->append(buf + 1 - comma, n - 1 + comma);
      return *this;
    }
  }
  return Key(key).String(value);
}

JsonWriter& JsonWriter::Field(std::string_view key, int64_t value) {
  // [,]"key":digits in one append when the key is short and plain.
  char buf[kIntMember + 1];
  if (const char* end = IntMember(buf + 1, key, value)) {
    const size_t comma = Separator(buf);
    out_->append(buf + 1 - comma, static_cast<size_t>(end - buf) - 1 + comma);
    return *this;
  }
  return Key(key).Int(value);
}

JsonWriter& JsonWriter::PlainKeyNull(std::string_view key) {
  char buf[kShortKey + 8];
  buf[1] = '"';
  CopyShort(buf + 2, key);  // no call to memcpy for a length known only at run time
  std::memcpy(buf + 2 + key.size(), "\":null", 6);
  const size_t comma = Separator(buf);
  out_->append(buf + 1 - comma, key.size() + 7 + comma);
  return *this;
}

JsonWriter& JsonWriter::SpanMembers(int64_t start, int64_t end) {
  char buf[64];
  const char* last = StartEnd(buf + 1, start, end);
  const size_t comma = Separator(buf);
  out_->append(buf + 1 - comma, static_cast<size_t>(last - buf) - 1 + comma);
  return *this;
}

char* JsonWriter::WriteSpanObject(char* p, int64_t start, int64_t end) {
  *p = '{';
  p = StartEnd(p + 1, start, end);
  *p = '}';
  return p + 1;
}

JsonWriter& JsonWriter::SpanObject(int64_t start, int64_t end) {
  char buf[kSpanObjectRoom];
  const char* last = WriteSpanObject(buf + 1, start, end);
  const size_t comma = Separator(buf);
  out_->append(buf + 1 - comma, static_cast<size_t>(last - buf) - 1 + comma);
  return *this;
}

namespace {

// Writes "key":"value" at p (key short and plain, key and value together at
// most kShort bytes, 16 bytes of slack after); returns its end, or nullptr if
// the value needs escaping.
char* PlainMember(char* p, std::string_view key, std::string_view value) {
  *p++ = '"';
  CopyShort(p, key);
  p += key.size();
  std::memcpy(p, "\":\"", 3);
  p += 3;
  if (!CopyPlain(p, value)) return nullptr;
  p += value.size();
  *p++ = '"';
  return p;
}

}  // namespace

JsonWriter& JsonWriter::FieldSpanObject(std::string_view key, std::string_view value, int64_t start, int64_t end) {
  if (key.size() <= kShortKey && IsPlainKey(key) && key.size() + value.size() <= kShort) {
    char buf[kBuffer + 64];  // separator, '{', the member with CopyPlain's slack, the span, '}'
    buf[1] = '{';
    if (char* p = PlainMember(buf + 2, key, value)) {
      *p++ = ',';
      p = StartEnd(p, start, end);
      *p++ = '}';
      const size_t comma = Separator(buf);
      out_->append(buf + 1 - comma, static_cast<size_t>(p - buf) - 1 + comma);
      return *this;
    }
  }
  return BeginObject().Field(key, value).SpanMembers(start, end).EndObject();
}

JsonWriter& JsonWriter::SpanFieldObject(int64_t start, int64_t end, std::string_view key, std::string_view value) {
  if (key.size() <= kShortKey && IsPlainKey(key) && key.size() + value.size() <= kShort) {
    char buf[kBuffer + 64];  // as in FieldSpanObject
    buf[1] = '{';
    char* p = StartEnd(buf + 2, start, end);
    *p++ = ',';
    if ((p = PlainMember(p, key, value))) {
      *p++ = '}';
      const size_t comma = Separator(buf);
      out_->append(buf + 1 - comma, static_cast<size_t>(p - buf) - 1 + comma);
      return *this;
    }
  }
  return BeginObject().SpanMembers(start, end).Field(key, value).EndObject();
}

JsonWriter& JsonWriter::Int(int64_t value) {
  char buf[32];
  const size_t n = Separator(buf);
  out_->append(buf, WriteInt(buf + n, value));
  return *this;
}

JsonWriter& JsonWriter::Number(double value) {
  if (!std::isfinite(value)) return Null();
  char buf[40];
  const size_t n = Separator(buf);
  char* end = WriteShortDecimal(buf + n, value);
  if (end == nullptr) end = std::to_chars(buf + n, buf + sizeof buf, value).ptr;
  out_->append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  char buf[8];
  const size_t n = Separator(buf);
  std::memcpy(buf + n, value ? "true" : "false", value ? 4 : 5);
  out_->append(buf, n + (value ? 4 : 5));
  return *this;
}

JsonWriter& JsonWriter::Null() {
  char buf[8];
  const size_t n = Separator(buf);
  std::memcpy(buf + n, "null", 4);
  out_->append(buf, n + 4);
  return *this;
}

}  // namespace dateline
