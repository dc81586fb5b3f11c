#include "formats/html_text.h"

#include <array>
#include <cstdint>

#include "core/utf8.h"

namespace dateline {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr char32_t kNoBreakSpace = 0xA0;

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

int HexValue(char c) {
  if (IsAsciiDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// True if s[pos..] starts with `prefix`, ignoring ASCII case.
bool StartsWithNoCase(std::string_view s, size_t pos, std::string_view prefix) {
  if (s.size() - pos < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (LowerAscii(s[pos + i]) != LowerAscii(prefix[i])) return false;
  }
  return true;
}

// Finds `needle` (lower-case ASCII) in s from `pos` on, ignoring ASCII case.
size_t FindNoCase(std::string_view s, size_t pos, std::string_view needle) {
  for (; pos + needle.size() <= s.size(); ++pos) {
    if (StartsWithNoCase(s, pos, needle)) return pos;
  }
  return std::string_view::npos;
}

struct NamedEntity {
  std::string_view name;
  char32_t cp;
};

constexpr std::array<NamedEntity, 16> kNamedEntities = {{
    {"amp", '&'},
    {"lt", '<'},
    {"gt", '>'},
    {"quot", '"'},
    {"apos", '\''},
    {"nbsp", kNoBreakSpace},
    {"mdash", 0x2014},
    {"ndash", 0x2013},
    {"lsquo", 0x2018},
    {"rsquo", 0x2019},
    {"ldquo", 0x201C},
    {"rdquo", 0x201D},
    {"laquo", 0xAB},
    {"raquo", 0xBB},
    {"hellip", 0x2026},
    {"copy", 0xA9},
}};

// A numeric reference's value as a character: no NUL, no surrogates, nothing
// past U+10FFFF; 0x80-0x9F are read as Windows-1252, as browsers do (feeds
// converted from old systems write &#150; for an en dash).
char32_t NumericCharacter(uint32_t value) {
  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return kReplacement;
  if (value >= 0x80 && value <= 0x9F) {
    const std::string decoded = utf8::FromWindows1252(std::string(1, static_cast<char>(value)));
    size_t pos = 0;
    const char32_t cp = utf8::Next(decoded, &pos);
    return cp == utf8::kInvalid || cp < 0xA0 ? kReplacement : cp;
  }
  return value;
}

// Decodes the character reference at s[pos] (which is '&'). Returns the
// number of bytes it takes and sets *cp, or returns 0 if s[pos..] is not a
// reference this file decodes.
size_t DecodeReference(std::string_view s, size_t pos, char32_t* cp) {
  size_t i = pos + 1;
  if (i < s.size() && s[i] == '#') {
    ++i;
    const bool hex = i < s.size() && (s[i] == 'x' || s[i] == 'X');
    if (hex) ++i;
    const size_t digits_start = i;
    uint32_t value = 0;
    for (; i < s.size(); ++i) {
      const int digit = hex ? HexValue(s[i]) : (IsAsciiDigit(s[i]) ? s[i] - '0' : -1);
      if (digit < 0) break;
      // Saturate above the Unicode range so that long runs cannot overflow.
      value = value > 0x10FFFF ? value : value * (hex ? 16 : 10) + static_cast<uint32_t>(digit);
    }
    if (i == digits_start) return 0;
    if (i < s.size() && s[i] == ';') ++i;
    *cp = NumericCharacter(value);
    return i - pos;
  }
  const size_t name_start = i;
  while (i < s.size() && i - name_start <= 8 && (IsAsciiAlpha(s[i]) || IsAsciiDigit(s[i]))) ++i;
  if (i == name_start || i >= s.size() || s[i] != ';') return 0;
  const std::string_view name = s.substr(name_start, i - name_start);
  for (const auto& entity : kNamedEntities) {
    if (entity.name == name) {
      *cp = entity.cp;
      return i + 1 - pos;
    }
  }
  return 0;
}

bool IsBlockElement(std::string_view name) {
  static constexpr std::array<std::string_view, 36> kBlocks = {
      "p",      "br",     "li",      "ul",         "ol",      "div",     "h1",      "h2",
      "h3",     "h4",     "h5",      "h6",         "blockquote", "tr",  "table",   "section",
      "article", "header", "footer", "aside",     "nav",     "pre",     "hr",      "dl",
      "dt",     "dd",     "figure",  "figcaption", "address", "main",    "center",  "caption",
      "body",   "html",   "hl1",     "hl2"};
  for (auto block : kBlocks) {
    if (name == block) return true;
  }
  return false;
}

// Elements whose content is never text for a reader.
bool IsDroppedElement(std::string_view name) {
  static constexpr std::array<std::string_view, 8> kDropped = {
      "script", "style", "template", "noscript", "head", "title", "iframe", "object"};
  for (auto dropped : kDropped) {
    if (name == dropped) return true;
  }
  return false;
}

// Collects text into paragraphs: collapses white space, drops empty
// paragraphs and writes "\n\n" between the others.
class TextBuilder {
 public:
  void Space() {
    if (!paragraph_empty_) space_ = true;
  }
  void Break() {
    if (!out_.empty()) break_ = true;
    space_ = false;
    paragraph_empty_ = true;
  }
  // Appends visible text (no white space in it).
  void Append(std::string_view text) {
    if (text.empty()) return;
    if (break_) {
      out_ += "\n\n";
    } else if (space_) {
      out_ += ' ';
    }
    break_ = space_ = false;
    paragraph_empty_ = false;
    out_ += text;
  }
  void AppendCodepoint(char32_t cp) {
    std::string encoded;
    utf8::Append(&encoded, cp);
    Append(encoded);
  }
  // Appends text that may hold white space and references.
  void AppendText(std::string_view text, bool decode) {
    size_t run = 0;  // start of the pending run of plain bytes
    size_t i = 0;
    auto flush = [&] {
      Append(text.substr(run, i - run));
    };
    while (i < text.size()) {
      const char c = text[i];
      if (IsAsciiSpace(c)) {
        flush();
        Space();
        run = ++i;
      } else if (c == '&' && decode) {
        char32_t cp = 0;
        const size_t taken = DecodeReference(text, i, &cp);
        if (taken == 0) {
          ++i;
          continue;
        }
        flush();
        if (cp == kNoBreakSpace) {
          Space();
        } else {
          AppendCodepoint(cp);
        }
        i += taken;
        run = i;
      } else {
        ++i;
      }
    }
    flush();
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  bool space_ = false;            // a space is due before the next text
  bool break_ = false;            // a paragraph break is due before the next text
  bool paragraph_empty_ = true;   // nothing written since the last break
};

// Reads the tag name at s[pos..] (letters, digits, '-', '_', '.', ':'),
// lower-cased and without a namespace prefix ("html:P" -> "p").
std::string TagName(std::string_view s, size_t* pos) {
  std::string name;
  while (*pos < s.size()) {
    const char c = s[*pos];
    const bool name_char =
        IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '-' || c == '_' || c == '.' || c == ':';
    if (!name_char) break;
    if (c == ':') {
      name.clear();
    } else {
      name.push_back(LowerAscii(c));
    }
    ++*pos;
  }
  return name;
}

// Skips the rest of a tag from s[pos] (after its name) to just past its '>'.
// A quote opens a quoted attribute value only right after '=', so that a
// stray apostrophe cannot swallow the document. Sets *self_closing for "/>".
size_t SkipTagRest(std::string_view s, size_t pos, bool* self_closing) {
  bool after_equals = false;
  char last = '\0';
  while (pos < s.size()) {
    const char c = s[pos];
    if (c == '>') {
      *self_closing = last == '/';
      return pos + 1;
    }
    if ((c == '"' || c == '\'') && after_equals) {
      const size_t close = s.find(c, pos + 1);
      if (close == std::string_view::npos) return s.size();
      pos = close + 1;
      after_equals = false;
      last = c;
      continue;
    }
    if (!IsAsciiSpace(c)) {
      after_equals = c == '=';
      last = c;
    }
    ++pos;
  }
  return s.size();
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  TextBuilder text;
  size_t pos = 0;
  while (pos < html.size()) {
    const size_t lt = html.find('<', pos);
    if (lt == std::string_view::npos) {
      text.AppendText(html.substr(pos), true);
      break;
    }
    text.AppendText(html.substr(pos, lt - pos), true);
    pos = lt;
    if (html.compare(pos, 4, "<!--") == 0) {
      const size_t end = html.find("-->", pos + 4);
      pos = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    if (html.compare(pos, 9, "<![CDATA[") == 0) {
      const size_t end = html.find("]]>", pos + 9);
      const size_t stop = end == std::string_view::npos ? html.size() : end;
      text.AppendText(html.substr(pos + 9, stop - pos - 9), false);
      pos = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    const char next = pos + 1 < html.size() ? html[pos + 1] : '\0';
    if (next == '!' || next == '?') {
      const size_t end = html.find('>', pos);
      pos = end == std::string_view::npos ? html.size() : end + 1;
      continue;
    }
    const bool closing = next == '/';
    const size_t name_pos = pos + (closing ? 2 : 1);
    if (name_pos >= html.size() || !IsAsciiAlpha(html[name_pos])) {
      // Not a tag: a literal '<' ("a < b", "</ >").
      text.Append("<");
      ++pos;
      continue;
    }
    size_t after_name = name_pos;
    const std::string name = TagName(html, &after_name);
    bool self_closing = false;
    pos = SkipTagRest(html, after_name, &self_closing);
    if (!closing && !self_closing && IsDroppedElement(name)) {
      // Drop everything up to the matching end tag; with none, the rest.
      const size_t end = FindNoCase(html, pos, "</" + name);
      if (end == std::string_view::npos) {
        pos = html.size();
      } else {
        bool ignored = false;
        pos = SkipTagRest(html, end + 2 + name.size(), &ignored);
      }
      if (name == "head" || name == "title") text.Break();
      continue;
    }
    if (IsBlockElement(name)) {
      text.Break();
    } else if (name == "td" || name == "th") {
      text.Space();
    }
  }
  return text.Take();
}

std::string DecodeHtmlEntities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t amp = text.find('&', pos);
    if (amp == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, amp - pos));
    char32_t cp = 0;
    const size_t taken = DecodeReference(text, amp, &cp);
    if (taken == 0) {
      out.push_back('&');
      pos = amp + 1;
    } else {
      utf8::Append(&out, cp);
      pos = amp + taken;
    }
  }
  return out;
}

}  // namespace dateline
