#include "normalize/sentences.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
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

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Whether the word that ends right before `dot` (a '.' at index dot: letters,
// apostrophes and dots) is an abbreviation, so that the dot ends no sentence.
bool IsAbbreviation(std::string_view s, size_t dot, char32_t next) {
  size_t start = dot;
  while (start > 0 && (IsAsciiLetter(s[start - 1]) || s[start - 1] == '\'' || s[start - 1] == '.')) --start;
  const std::string_view word = s.substr(start, dot - start);
  if (word.empty()) return false;
  if (word.size() == 1) return true;                            // an initial: "John F. Kennedy"
  if (word.find('.') != std::string_view::npos) return true;    // "U.S.", "a.m."
  char lower[8];                                                // longer than any listed abbreviation
  if (word.size() > sizeof lower) return false;
  for (size_t i = 0; i < word.size(); ++i) lower[i] = word[i] >= 'A' && word[i] <= 'Z' ? static_cast<char>(word[i] - 'A' + 'a') : word[i];
  const std::string_view key(lower, word.size());
  // The list as 8-byte integers (every entry is shorter), sorted once, so a
  // lookup is a binary search over integers.
  auto pack = [](std::string_view w) {
    uint64_t v = 0;
    if (!w.empty()) std::memcpy(&v, w.data(), std::min(w.size(), sizeof v));
    return v;
  };
  static const auto kPacked = [&pack] {
    std::array<uint64_t, kAbbreviations.size()> packed;
    for (size_t i = 0; i < packed.size(); ++i) packed[i] = pack(kAbbreviations[i]);
    std::sort(packed.begin(), packed.end());
    return packed;
  }();
  if (std::binary_search(kPacked.begin(), kPacked.end(), pack(key))) return true;
  const bool digit = next >= '0' && next <= '9';
  return digit && std::find(kBeforeNumber.begin(), kBeforeNumber.end(), key) != kBeforeNumber.end();
}

}  // namespace

void SplitSentences(std::string_view p, uint32_t base, std::vector<Span>* out) {
  size_t start = 0;
  while (start < p.size() && p[start] == ' ') ++start;
  size_t pos = start;
  while (pos < p.size()) {
    // Sentence ends are ASCII, and an ASCII byte is never inside a multi-byte
    // character, so the bytes can be searched directly.
    const size_t at = utf8::FindAnyOf(p, pos, '.', '!', '?');
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
