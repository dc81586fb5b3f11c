#include "core/utf8.h"

#include <array>
#include <vector>

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
    // Fast path over ASCII.
    if (static_cast<unsigned char>(s[pos]) < 0x80) {
      ++pos;
      continue;
    }
    if (Next(s, &pos) == kInvalid) return false;
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
  std::string out;
  bool changed = false;
  size_t pos = 0, copied = 0;
  std::string bytes;
  std::vector<size_t> offsets;  // offsets[k]: where in *s the code point of bytes[k] starts
  while (pos < s->size()) {
    if (static_cast<unsigned char>((*s)[pos]) < 0x80) {
      ++pos;
      continue;
    }
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
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace dateline::utf8
