#include "normalize/sentences.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

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

// The word that ends right before `dot` (a '.' at index dot), lower-cased.
std::string WordBefore(std::string_view s, size_t dot) {
  size_t start = dot;
  while (start > 0 && (std::isalpha(static_cast<unsigned char>(s[start - 1])) || s[start - 1] == '\'' ||
                       s[start - 1] == '.')) {
    --start;
  }
  std::string word(s.substr(start, dot - start));
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return word;
}

bool IsAbbreviation(std::string_view s, size_t dot, char32_t next) {
  const std::string word = WordBefore(s, dot);
  if (word.empty()) return false;
  if (word.size() == 1) return true;                              // an initial: "John F. Kennedy"
  if (word.find('.') != std::string::npos) return true;           // "U.S.", "a.m."
  if (std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end()) return true;
  const bool digit = next >= '0' && next <= '9';
  return digit && std::find(kBeforeNumber.begin(), kBeforeNumber.end(), word) != kBeforeNumber.end();
}

}  // namespace

void SplitSentences(std::string_view p, uint32_t base, std::vector<Span>* out) {
  size_t start = 0;
  while (start < p.size() && p[start] == ' ') ++start;
  size_t pos = start;
  while (pos < p.size()) {
    const size_t at = pos;
    const char32_t cp = utf8::Next(p, &pos);
    if (cp != '.' && cp != '!' && cp != '?') continue;
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
