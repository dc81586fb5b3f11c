#include <algorithm>
#include <bit>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <utf8proc.h>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "normalize/stages.h"
#include "core/utf8.h"

namespace dateline {
namespace {

// Lines up to this many code points may be hard-wrapped parts of a paragraph.
constexpr size_t kMaxWrap = 100;

bool IsSpaceLike(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

bool IsDropped(char32_t cp) {
  return (cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x200B && cp <= 0x200D) ||
         cp == 0x2060 || cp == 0xFEFF || cp == 0xFFFD || cp == 0xAD || cp == utf8::kInvalid;
}

// A line of the input after pass 1, held in a shared buffer.
struct Line {
  size_t start = 0;   // [start, end) in the line buffer: collapsed spaces, trimmed
  size_t end = 0;
  size_t length = 0;  // code points (before FixSpacing)
  bool indented = false;
  // False only if no space in the line can be stray: none stands after an
  // opener or before a closer or punctuation mark (see IsSpaceNextToMark).
  bool maybe_stray = false;
};

// The marks next to which a space may be stray: openers (a space after them)
// and closers and punctuation (a space before them).
bool IsOpener(char c) { return c == '(' || c == '['; }
bool IsSpacingMark(char c) {
  return c == '(' || c == '[' || c == ')' || c == ']' || c == ',' || c == ';' || c == '.' || c == '!' || c == '?' ||
         c == ':';
}

// A space at s[i] that may be stray: right after an opener, or right before
// a closer or punctuation mark, inside the line s[start, end).
bool IsSpaceNextToMark(const char* s, size_t start, size_t end, size_t i) {
  return s[i] == ' ' && ((i > start && IsOpener(s[i - 1])) ||
                         (i + 1 < end && IsSpacingMark(s[i + 1]) && !IsOpener(s[i + 1])));
}

// Index of the first space at or after pos (pos > start) that
// IsSpaceNextToMark accepts in the line s[start, end), or end.
size_t FindSpaceNextToMark(const char* s, size_t start, size_t end, size_t pos) {
#if defined(__SSE2__)
  // 16 spaces at a time: the bytes before them (pos - 1 >= start) and after
  // them (pos + 16 < end) are loaded alongside.
  // After a space: ) ] ! ? alone; , and . as (b | 2) == '.'; : and ; as (b | 1) == ';'.
  const __m128i space = _mm_set1_epi8(' '), paren = _mm_set1_epi8('('), bracket = _mm_set1_epi8('['),
                close_paren = _mm_set1_epi8(')'), close_bracket = _mm_set1_epi8(']'), bang = _mm_set1_epi8('!'),
                question = _mm_set1_epi8('?'), two = _mm_set1_epi8(2), dot = _mm_set1_epi8('.'),
                one = _mm_set1_epi8(1), semicolon = _mm_set1_epi8(';');
  for (; pos + 17 <= end; pos += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + pos));
    const __m128i spaces = _mm_cmpeq_epi8(v, space);
    if (_mm_movemask_epi8(spaces) == 0) continue;
    const __m128i before = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + pos - 1));
    const __m128i after = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + pos + 1));
    const __m128i opener = _mm_or_si128(_mm_cmpeq_epi8(before, paren), _mm_cmpeq_epi8(before, bracket));
    const __m128i closer = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(after, close_paren), _mm_cmpeq_epi8(after, close_bracket)),
        _mm_or_si128(_mm_cmpeq_epi8(after, bang), _mm_cmpeq_epi8(after, question)));
    const __m128i punctuation = _mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(after, two), dot),
                                             _mm_cmpeq_epi8(_mm_or_si128(after, one), semicolon));
    const __m128i hit = _mm_and_si128(spaces, _mm_or_si128(opener, _mm_or_si128(closer, punctuation)));
    if (const auto m = static_cast<unsigned>(_mm_movemask_epi8(hit))) return pos + static_cast<size_t>(std::countr_zero(m));
  }
#endif
  while (pos < end && !IsSpaceNextToMark(s, start, end, pos)) ++pos;
  return pos;
}

// Whether the space at s[i] in the line s[start, end) is stray.
bool IsStraySpace(const char* s, size_t start, size_t end, size_t i) {
  if (i <= start) return false;
  const char prev = s[i - 1];
  const char next = i + 1 < end ? s[i + 1] : '\0';
  if (IsOpener(prev) || next == ')' || next == ']') return true;
  if ((next == ',' || next == ';' || next == '.' || next == '!' || next == '?' || next == ':') && prev != ' ' &&
      prev != '-' && (i + 2 >= end || s[i + 2] == ' ' || s[i + 2] == '"')) {
    // Keep " ..." and " - ." alike untouched; only single punctuation marks move.
    return !(next == '.' && i + 2 < end && s[i + 2] == '.');
  }
  return false;
}

// Removes stray spaces inside brackets and before punctuation, in place, from
// the line buf[start, end): "( WNAM REPORT)" becomes "(WNAM REPORT)", "Tarar ,
// who" becomes "Tarar, who". The line comes from pass 1: no leading, trailing
// or double spaces, so the character before a space is always kept and each
// decision depends on the input alone (the compaction writes only behind the
// space being decided). Returns the line's new end.
size_t FixSpacing(std::string& buf, size_t start, size_t end) {
  char* s = buf.data();
  size_t w = start;       // output end
  size_t copied = start;  // input before this is moved (or dropped)
  // A space at `start` is never stray (nothing stands before it).
  for (size_t i = FindSpaceNextToMark(s, start, end, start + 1); i < end;
       i = FindSpaceNextToMark(s, start, end, i + 1)) {
    if (!IsStraySpace(s, start, end, i)) continue;
    if (w != copied) std::memmove(s + w, s + copied, i - copied);
    w += i - copied;
    copied = i + 1;
  }
  if (w != copied) std::memmove(s + w, s + copied, end - copied);
  return w + (end - copied);
}

bool IsPrintableAscii(char c) { return c >= 0x20 && c < 0x7F; }

// Index of the first byte at or after pos that is not printable ASCII (a
// control, DEL or non-ASCII) or is the first of two spaces in a row; s.size()
// if none is. One pass does what utf8::SkipPrintableAscii and
// utf8::FindDoubleSpace would do in two. Sets *stray if a space stands right
// after an opener or right before another spacing mark anywhere in the bytes
// it passes, [pos, returned index) (it may look at a few bytes further on).
size_t FindTextStop(std::string_view s, size_t pos, bool* stray) {
  const char* p = s.data();
  const size_t n = s.size();
#if defined(__SSE2__)
  // As signed bytes, controls and non-ASCII are exactly the ones below 0x20.
  const __m128i space = _mm_set1_epi8(' '), del = _mm_set1_epi8(0x7F), paren = _mm_set1_epi8('('),
                bracket = _mm_set1_epi8('['), close_bracket = _mm_set1_epi8(']'), question = _mm_set1_epi8('?'),
                bang = _mm_set1_epi8('!'), not_8 = _mm_set1_epi8(static_cast<char>(0xF7)), two = _mm_set1_epi8(2),
                dot = _mm_set1_epi8('.'), one = _mm_set1_epi8(1), semicolon = _mm_set1_epi8(';');
  __m128i seen = _mm_setzero_si128();  // lanes where a space is next to a mark
  for (; pos + 17 <= n; pos += 16) {
    const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos));
    const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos + 1));
    const __m128i space0 = _mm_cmpeq_epi8(v0, space), space1 = _mm_cmpeq_epi8(v1, space);
    // The byte after: ) and ! as (b & ~8) == '!'; , and . as (b | 2) == '.';
    // : and ; as (b | 1) == ';'; ] and ? alone.
    const __m128i mark1 = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(_mm_and_si128(v1, not_8), bang), _mm_cmpeq_epi8(_mm_or_si128(v1, two), dot)),
        _mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(v1, one), semicolon),
                     _mm_or_si128(_mm_cmpeq_epi8(v1, close_bracket), _mm_cmpeq_epi8(v1, question))));
    const __m128i opener0 = _mm_or_si128(_mm_cmpeq_epi8(v0, paren), _mm_cmpeq_epi8(v0, bracket));
    seen = _mm_or_si128(seen, _mm_or_si128(_mm_and_si128(space0, mark1), _mm_and_si128(opener0, space1)));
    const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v0, space), _mm_cmpeq_epi8(v0, del)),
                                      _mm_and_si128(space0, space1));
    if (const auto m = static_cast<unsigned>(_mm_movemask_epi8(stop))) {
      *stray |= _mm_movemask_epi8(seen) != 0;
      return pos + static_cast<size_t>(std::countr_zero(m));
    }
  }
  *stray |= _mm_movemask_epi8(seen) != 0;
#endif
  for (; pos < n; ++pos) {
    if (!IsPrintableAscii(p[pos]) || (p[pos] == ' ' && pos + 1 < n && p[pos + 1] == ' ')) return pos;
    if (pos + 1 < n && ((p[pos] == ' ' && IsSpacingMark(p[pos + 1]) && !IsOpener(p[pos + 1])) ||
                        (IsOpener(p[pos]) && p[pos + 1] == ' '))) {
      *stray = true;
    }
  }
  return n;
}

bool EndsSentence(std::string_view s) {
  if (s.empty()) return false;
  const char last = s.back();
  if (last == '.' || last == '!' || last == '?' || last == ':' || last == '"' || last == ')') return true;
  // Typographic closing quotes ” and ’.
  return s.size() >= 3 && (s.compare(s.size() - 3, 3, "\xE2\x80\x9D") == 0 || s.compare(s.size() - 3, 3, "\xE2\x80\x99") == 0);
}

// True if a line ending `before` was wrapped at the hyphen of a compound word
// that continues at the start of `after`: "remote-" then "sensing satellites".
bool BreaksAtHyphen(std::string_view before, std::string_view after) {
  if (before.size() < 2 || before.back() != '-' || after.empty()) return false;
  const auto prev = static_cast<unsigned char>(before[before.size() - 2]);
  const auto next = static_cast<unsigned char>(after.front());
  return (std::isalnum(prev) || prev >= 0x80) && (std::isalnum(next) || next >= 0x80);
}

// True if `s` may not be in NFC: it holds a combining mark or a Hangul jamo
// (decomposed input). Text without them is already NFC.
bool MayNeedNfc(std::string_view s) {
  for (size_t pos = 0; pos < s.size();) {
    pos = utf8::SkipAscii(s, pos);
    if (pos >= s.size()) break;
    const auto lead = static_cast<unsigned char>(s[pos]);
    if (lead < 0xCC) {  // below U+0300 in the first byte
      ++pos;
      continue;
    }
    // General punctuation U+2000..U+207F (typographic quotes and dashes, the
    // usual non-ASCII of English copy): E2 80..81 xx, no combining marks.
    if (lead == 0xE2 && pos + 2 < s.size() && (static_cast<unsigned char>(s[pos + 1]) & 0xFE) == 0x80 &&
        (static_cast<unsigned char>(s[pos + 2]) & 0xC0) == 0x80) {
      pos += 3;
      continue;
    }
    const char32_t cp = utf8::Next(s, &pos);
    if (cp == utf8::kInvalid) continue;
    if ((cp >= 0x1100 && cp <= 0x11FF) || utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->combining_class) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string ToNfc(std::string_view s) {
  if (!MayNeedNfc(s)) return std::string(s);
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                   &mapped, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  if (n < 0) return std::string(s);  // not valid UTF-8: left for the caller's checks
  return std::string(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
}

std::string CleanText(std::string_view in) {
  // Pass 1: characters to lines, all in one buffer.
  std::string buf;
  buf.reserve(in.size());
  std::vector<Line> lines(1);
  lines.reserve(in.size() / 64 + 2);  // lines of wire copy are seldom shorter
  bool at_line_start = true;
  bool pending_space = false;
  // Starts the text that follows, whose first character is `next` (0 if not
  // ASCII): writes a pending space, noting whether it may be stray.
  auto start_text = [&](char next) -> Line& {
    Line& line = lines.back();
    if (pending_space) {
      if (IsOpener(buf.back()) || (IsSpacingMark(next) && !IsOpener(next))) line.maybe_stray = true;
      buf.push_back(' ');
      ++line.length;
    }
    pending_space = false;
    at_line_start = false;
    return line;
  };
  for (size_t pos = 0; pos < in.size();) {
    // Fast path: printable ASCII is copied a stretch at a time; only runs of
    // spaces and a space before other characters need a look.
    if (IsPrintableAscii(in[pos])) {
      if (in[pos] == ' ') {
        while (pos < in.size() && in[pos] == ' ') ++pos;
        if (at_line_start) {
          lines.back().indented = true;
        } else {
          pending_space = true;
        }
        continue;
      }
      // Up to two spaces in a row, or a single space before a character
      // that is not printable ASCII (or the end): that space is pending.
      Line& line = start_text(in[pos]);
      size_t stop = FindTextStop(in, pos, &line.maybe_stray);
      if ((stop == in.size() || in[stop] != ' ') && in[stop - 1] == ' ') --stop;
      buf.append(in.data() + pos, stop - pos);
      line.length += stop - pos;
      pos = stop;
      continue;
    }
    char32_t cp = utf8::Next(in, &pos);
    if (cp == '\r') {
      if (pos < in.size() && in[pos] == '\n') ++pos;
      cp = '\n';
    }
    if (cp == '\f' || cp == '\v' || cp == 0x2028 || cp == 0x2029 || cp == 0x85) cp = '\n';
    if (cp == '\n') {
      lines.back().end = buf.size();
      lines.emplace_back().start = buf.size();
      at_line_start = true;
      pending_space = false;
      continue;
    }
    if (IsSpaceLike(cp)) {
      if (at_line_start) {
        lines.back().indented = true;
      } else {
        pending_space = true;
      }
      continue;
    }
    if (IsDropped(cp)) continue;
    Line& line = start_text('\0');
    utf8::Append(&buf, cp);
    ++line.length;
  }
  lines.back().end = buf.size();
  for (auto& line : lines) {
    if (line.maybe_stray) line.end = FixSpacing(buf, line.start, line.end);
  }
  auto text = [&buf](const Line& line) { return std::string_view(buf).substr(line.start, line.end - line.start); };

  // Pass 2: lines to paragraphs.
  size_t nonempty = 0, indented = 0, wrap = 0, multi_line_blocks = 0, block_lines = 0;
  for (const auto& line : lines) {
    if (line.start == line.end) {
      block_lines = 0;
      continue;
    }
    ++nonempty;
    if (++block_lines == 2) ++multi_line_blocks;
    indented += line.indented;
    wrap = std::max(wrap, line.length);
  }
  const bool indent_mode = indented >= 2 && indented < nonempty;
  const bool hard_wrapped = wrap <= kMaxWrap && nonempty >= 3;
  // Wrapped blocks between blank lines: the blank lines mark the paragraphs,
  // and a line that ends a sentence inside a block is only a wrap.
  const bool blank_separated = multi_line_blocks >= 2;

  std::string out;
  out.reserve(buf.size() + 2 * lines.size());
  bool open = false;         // a paragraph is being written
  const Line* prev = nullptr;
  for (const auto& line : lines) {
    if (line.start == line.end) {
      open = false;
      prev = nullptr;
      continue;
    }
    // A line longer than any wrap width is a whole paragraph by itself.
    bool join = open && prev != nullptr && prev->length <= kMaxWrap;
    if (join && indent_mode) {
      join = !line.indented;
    } else if (join) {
      join = hard_wrapped && prev->length * 10 >= wrap * 6 &&
             (blank_separated || !EndsSentence(text(*prev)));
    }
    if (join) {
      // A line wrapped at the hyphen of a compound ("remote-" / "sensing")
      // joins without a space; a dash between spaces (" -") keeps it.
      if (!BreaksAtHyphen(text(*prev), text(line))) out.push_back(' ');
    } else if (!out.empty()) {
      out += "\n\n";
    }
    out += text(line);
    open = true;
    prev = &line;
  }
  return out;
}

Verdict CleanTextStage::Process(Record& record) {
  record.text = MayNeedNfc(record.text) ? CleanText(ToNfc(record.text)) : CleanText(record.text);
  return Verdict::Continue();
}

}  // namespace dateline
