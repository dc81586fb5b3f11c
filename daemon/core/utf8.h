// UTF-8 helpers. All functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dateline::utf8 {

constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes a multi-byte sequence at `*pos` (see Next).
char32_t NextMultibyte(std::string_view s, size_t* pos);

// Decodes the code point at `*pos` and advances `*pos` past it. On a malformed
// sequence returns kInvalid and advances by one byte. Inline: ASCII, the
// common case, costs a compare.
inline char32_t Next(std::string_view s, size_t* pos) {
  const auto b = static_cast<unsigned char>(s[*pos]);
  if (b < 0x80) {
    ++*pos;
    return b;
  }
  return NextMultibyte(s, pos);
}

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValid(std::string_view s);

// Appends the UTF-8 encoding of `cp` (multi-byte part out of line).
void AppendMultibyte(std::string* out, char32_t cp);
inline void Append(std::string* out, char32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else {
    AppendMultibyte(out, cp);
  }
}

// Decodes Windows-1252 (a superset of Latin-1's printable range) to UTF-8.
std::string FromWindows1252(std::string_view s);

// Maps a code point back to its Windows-1252 byte; returns -1 if it has none.
int ToWindows1252(char32_t cp);

// Undoes mojibake (UTF-8 that was decoded as Windows-1252 and encoded again,
// e.g. "Ã©" for "é", "â€™" for "’") sequence by sequence; characters around
// the mojibake that were right all along stay. Returns true if it changed `s`.
bool RepairMojibake(std::string* s);

// Number of code points in s (malformed bytes count one each).
size_t CountCodepoints(std::string_view s);

// Fast scans for the hot paths (16 bytes at a time with SSE2, 8 with a
// portable fallback). Each returns the index of the first byte at or after
// `pos` that has the property, or s.size() if none has.

// First byte >= 0x80 (not ASCII).
size_t SkipAscii(std::string_view s, size_t pos);

// First byte outside printable ASCII 0x20..0x7E (a control, DEL or non-ASCII).
size_t SkipPrintableAscii(std::string_view s, size_t pos);

// First byte equal to one of a, b, c.
size_t FindAnyOf(std::string_view s, size_t pos, char a, char b, char c);

// First position i with s[i] == s[i + 1] == ' ' (two spaces in a row).
size_t FindDoubleSpace(std::string_view s, size_t pos);

}  // namespace dateline::utf8
