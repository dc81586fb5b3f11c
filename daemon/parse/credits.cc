#include "parse/credits.h"

#include <array>
#include <bit>
#include <cctype>
#include <iterator>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/utf8.h"

namespace dateline {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// ASCII case folding (std::tolower in the "C" locale, without the call).
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(s[i]) != Lower(prefix[i])) return false;
  }
  return true;
}

bool EqualsNoCase(std::string_view a, std::string_view b) { return a.size() == b.size() && StartsWithNoCase(a, b); }

char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// First i >= pos with s[i], s[i + 1] equal to a, b in either ASCII case;
// s.size() if none. Vector search with SSE2.
size_t FindPairNoCase(std::string_view s, size_t pos, char a, char b) {
  const char a_lower = Lower(a), a_upper = Upper(a), b_lower = Lower(b), b_upper = Upper(b);
  const char* p = s.data();
#if defined(__SSE2__)
  const __m128i al = _mm_set1_epi8(a_lower), au = _mm_set1_epi8(a_upper), bl = _mm_set1_epi8(b_lower),
                bu = _mm_set1_epi8(b_upper);
  for (; pos + 17 <= s.size(); pos += 16) {
    const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos));
    const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos + 1));
    const __m128i hit = _mm_and_si128(_mm_or_si128(_mm_cmpeq_epi8(v0, al), _mm_cmpeq_epi8(v0, au)),
                                      _mm_or_si128(_mm_cmpeq_epi8(v1, bl), _mm_cmpeq_epi8(v1, bu)));
    if (const auto m = static_cast<unsigned>(_mm_movemask_epi8(hit))) return pos + static_cast<size_t>(std::countr_zero(m));
  }
#endif
  for (; pos + 1 < s.size(); ++pos) {
    if ((p[pos] == a_lower || p[pos] == a_upper) && (p[pos + 1] == b_lower || p[pos + 1] == b_upper)) return pos;
  }
  return s.size();
}

bool ContainsNoCase(std::string_view s, std::string_view needle) {
  if (needle.empty()) return true;
  if (needle.size() == 1) {
    return utf8::FindAnyOf(s, 0, Lower(needle[0]), Upper(needle[0]), Lower(needle[0])) < s.size();
  }
  // Candidates are found by a vector search for the first two bytes in either case.
  for (size_t i = 0; i + needle.size() <= s.size(); ++i) {
    i = FindPairNoCase(s, i, needle[0], needle[1]);
    if (i + needle.size() > s.size()) break;
    if (StartsWithNoCase(s.substr(i), needle)) return true;
  }
  return false;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Number of space-separated words in s, counting no further than `limit`.
size_t CountWords(std::string_view s, size_t limit) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    const bool word = c != ' ';
    if (word && !in && ++n >= limit) return n;
    in = word;
  }
  return n;
}

// Index of the last "\n\n" in s, or npos (what s.rfind("\n\n") returns).
// Searches backwards 16 pair starts at a time with SSE2.
size_t FindLastBreak(std::string_view s) {
  const char* p = s.data();
  size_t end = s.size();  // pairs starting before end - 1 are left to check
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n');
  for (; end >= 17; end -= 16) {
    const size_t i = end - 17;  // pairs starting at i .. i + 15
    const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    if (const auto m = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(v0, lf), _mm_cmpeq_epi8(v1, lf))))) {
      return i + static_cast<size_t>(31 - std::countl_zero(m));
    }
  }
#endif
  if (end < 2) return std::string_view::npos;
  for (size_t i = end - 1; i-- > 0;) {
    if (p[i] == '\n' && p[i + 1] == '\n') return i;
  }
  return std::string_view::npos;
}

// True if s[i] starts an em or en dash (UTF-8 E2 80 94 / E2 80 93).
bool DashAt(std::string_view s, size_t i) {
  return i + 3 <= s.size() && s[i] == '\xE2' && s[i + 1] == '\x80' && (s[i + 2] == '\x94' || s[i + 2] == '\x93');
}

// Removes dashes and spaces at the front: "-- AP" -> "AP", "— APP" -> "APP".
std::string_view StripLeadingDashes(std::string_view s) {
  while (true) {
    s = Trim(s);
    if (StartsWith(s, "\xE2\x80\x94") || StartsWith(s, "\xE2\x80\x93")) {
      s.remove_prefix(3);
    } else if (!s.empty() && (s.front() == '-' || s.front() == '_')) {
      s.remove_prefix(1);
    } else {
      return s;
    }
  }
}

struct TagRule {
  std::string_view word;
  std::string_view kind;     // version kind, or "" for urgency tags
  std::string_view urgency;  // urgency, or ""
};

constexpr std::array<TagRule, 15> kTagRules = {{
    {"UPDATE", "update", ""},       {"WRAPUP", "wrapup", ""},     {"REFILE", "refile", ""},
    {"RPT", "repeat", ""},          {"REPEAT", "repeat", ""},     {"CORRECTED", "correction", ""},
    {"CORRECTION", "correction", ""}, {"WITHDRAWN", "withdrawn", ""}, {"KILL", "kill", ""},
    {"URGENT", "", "urgent"},       {"FLASH", "", "flash"},       {"ALERT", "", "flash"},
    {"BULLETIN", "", "bulletin"},   {"BREAKING", "", "urgent"},   {"NEWSALERT", "", "flash"},
}};

// "(LEAD)", "(2nd LD)", "(URGENT)": Yonhap-style tags in brackets.
bool TakeBracketTag(std::string* h, Record* r) {
  const std::string_view s = *h;
  const size_t close = s.find(')');
  if (s.empty() || s[0] != '(' || close == std::string_view::npos || close > 24) return false;
  const std::string_view inner = Trim(s.substr(1, close - 1));
  if (inner == "LEAD") {
    r->version = VersionInfo{std::string(s.substr(0, close + 1)), "lead", 1};
  } else if (inner == "URGENT") {
    r->urgency = "urgent";
  } else if (inner.size() > 5 && inner.substr(inner.size() - 3) == " LD" && std::isdigit(static_cast<unsigned char>(inner[0]))) {
    r->version = VersionInfo{std::string(s.substr(0, close + 1)), "lead", std::atoi(std::string(inner).c_str())};
  } else {
    return false;
  }
  h->erase(0, close + 1);
  while (!h->empty() && h->front() == ' ') h->erase(0, 1);
  return true;
}

// "UPDATE 2-", "REFILE-", "URGENT:", "CORRECTED (OFFICIAL)-".
bool TakeWordTag(std::string* h, Record* r) {
  const std::string_view s = *h;
  size_t i = 0;
  while (i < s.size() && s[i] >= 'A' && s[i] <= 'Z') ++i;
  const std::string_view word = s.substr(0, i);
  const TagRule* rule = nullptr;
  for (const auto& t : kTagRules) {
    if (t.word == word) rule = &t;
  }
  if (!rule) return false;
  int number = 0;
  size_t j = i;
  if (j < s.size() && s[j] == ' ' && j + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[j + 1]))) {
    ++j;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) number = number * 10 + (s[j++] - '0');
  }
  if (j < s.size() && s[j] == ' ' && StartsWith(s.substr(j + 1), "(OFFICIAL)")) j += 11;
  if (j >= s.size() || (s[j] != '-' && s[j] != ':')) return false;
  const std::string label(Trim(s.substr(0, j)));
  if (!rule->kind.empty()) r->version = VersionInfo{label, std::string(rule->kind), number};
  if (!rule->urgency.empty()) r->urgency = std::string(rule->urgency);
  h->erase(0, j + 1);
  while (!h->empty() && h->front() == ' ') h->erase(0, 1);
  return true;
}

// Kind of a closing credit part: "Reporting by X" -> reporting.
std::string CreditKind(std::string_view part) {
  part = Trim(part);
  if (StartsWithNoCase(part, "additional reporting")) return "reporting";
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kKinds = {{
      {"reporting", "reporting"}, {"writing", "writing"}, {"editing", "editing"}, {"compiled", "compiling"},
      {"compiling", "compiling"}, {"translated", "translating"}, {"graphic", "graphics"}}};
  for (const auto& [prefix, kind] : kKinds) {
    if (StartsWithNoCase(part, prefix)) return std::string(kind);
  }
  return "credit";
}

bool IsCreditBlock(std::string_view p) {
  // "(Reporting by A in Karachi; Editing by B)", also with double brackets.
  if (p.size() < 4 || p.front() != '(' || p.back() != ')') return false;
  return ContainsNoCase(p, "reporting by") || ContainsNoCase(p, "editing by") || ContainsNoCase(p, "writing by") ||
         ContainsNoCase(p, "compiled by") || ContainsNoCase(p, "reporting and writing");
}

bool IsCopyright(std::string_view p) {
  return StartsWith(p, "(c)") || StartsWith(p, "(C)") || StartsWith(p, "\xC2\xA9") ||
         StartsWithNoCase(p, "copyright ") || ContainsNoCase(p, "all rights reserved") ||
         ContainsNoCase(p, "may not be published, broadcast");
}

bool IsEndMark(std::string_view p) {
  return p == "-30-" || p == "###" || p == "# # #" || p == "ENDS" || p == "END" || p == "(END)" ||
         p == "(ENDS)" || p == "NNNN" || p.find_first_not_of("_-=*~") == std::string_view::npos;
}

// A sign-off naming an agency: "Reuter", "-- AP", "(AFP)", "APP".
// True for one to three staff initials after an agency code: "ABC DEF" of "PTI ABC DEF".
bool AreInitials(std::string_view s) {
  int groups = 0;
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = i;
    while (i < s.size() && s[i] >= 'A' && s[i] <= 'Z') ++i;
    const size_t len = i - start;
    if (len < 2 || len > 4 || ++groups > 3) return false;
    if (i < s.size() && s[i] != ' ') return false;
    while (i < s.size() && s[i] == ' ') ++i;
  }
  return groups > 0;
}

const AgencyEntry* SignoffAgency(std::string_view p, const AgencyTable& table) {
  p = StripLeadingDashes(p);
  if (p.size() >= 2 && p.front() == '(' && p.back() == ')') p = Trim(p.substr(1, p.size() - 2));
  if (p.empty() || CountWords(p, 5) > 4) return nullptr;
  if (const AgencyEntry* agency = table.Find(p)) return agency;
  // "PTI ABC DEF": the agency and the initials of the staff who handled the copy.
  const size_t space = p.find(' ');
  if (space == std::string_view::npos || !AreInitials(Trim(p.substr(space + 1)))) return nullptr;
  return table.Find(p.substr(0, space));
}

// AFP's desk initials on the last line: "burs-jh/sst", "gd/dl".
bool IsDeskInitials(std::string_view p) {
  if (p.size() < 4 || p.size() > 40 || p.find('/') == std::string_view::npos) return false;
  for (const char c : p) {
    if (!((c >= 'a' && c <= 'z') || c == '-' || c == '/')) return false;
  }
  return p.front() >= 'a' && p.back() >= 'a';
}

// "Associated Press writer Jane Doe in Chicago contributed to this report."
bool IsContributorLine(std::string_view p) {
  for (std::string_view end : {"contributed to this report.", "contributed to this story.",
                               "contributed reporting.", "contributed to this article.", "contributed."}) {
    if (p.size() >= end.size() && EqualsNoCase(p.substr(p.size() - end.size()), end)) return CountWords(p, 61) <= 60;
  }
  return false;
}

// A sign-off glued after the last sentence: "... on December 3. PTI ABC DEF",
// "... 2.1 percent. Enditem". Sets *keep to the length of the body part.
const AgencyEntry* TrailingSignoffWords(std::string_view s, const AgencyTable& table, std::string* credit,
                                        size_t* keep, bool* found) {
  *found = false;
  // The tail after the last sentence end among the final 40 bytes.
  const size_t from = s.size() > 40 ? s.size() - 40 : 0;
  for (size_t i = s.size(); i-- > from;) {
    const char c = s[i];
    const bool end = c == '.' || c == '!' || c == '?' || c == '"' ||
                     (i >= 2 && StartsWith(s.substr(i - 2), "\xE2\x80\x9D"));
    if (!end) continue;
    const std::string_view tail = Trim(s.substr(i + 1));
    if (tail.empty() || i + 1 >= s.size() || s[i + 1] != ' ') return nullptr;
    const AgencyEntry* agency = nullptr;
    if (EqualsNoCase(tail, "enditem") || EqualsNoCase(tail, "(end)") || EqualsNoCase(tail, "ends")) {
      *found = true;
    } else {
      const size_t space = tail.find(' ');
      if (space == std::string_view::npos || !AreInitials(Trim(tail.substr(space + 1)))) return nullptr;
      agency = table.Find(tail.substr(0, space));
      if (!agency) return nullptr;
      *found = true;
    }
    *credit = std::string(tail);
    *keep = i + 1;
    return agency;
  }
  return nullptr;
}

// Splits "... the minister said.—APP" into body and trailing agency credit:
// on a match sets *keep to the length of the body part of `s`.
const AgencyEntry* TrailingInlineCredit(std::string_view s, const AgencyTable& table, std::string* credit,
                                        size_t* keep) {
  // Find the last dash (— – -) or opening bracket among the final 24 bytes.
  const size_t from = s.size() > 24 ? s.size() - 24 : 0;
  for (size_t i = s.size(); i-- > from;) {
    const bool dash = s[i] == '-' || DashAt(s, i);
    const bool bracket = s[i] == '(' && s.back() == ')';
    if (!dash && !bracket) continue;
    std::string_view tag = Trim(s.substr(i));
    tag = StripLeadingDashes(tag);
    if (bracket) tag = Trim(tag.substr(1, tag.size() - 2));
    if (tag.empty() || CountWords(tag, 3) > 2) return nullptr;
    // Only after the end of a sentence: "said.—APP", "said. (AFP)".
    std::string_view before = Trim(s.substr(0, i));
    while (!before.empty() && (before.back() == '-' || before.back() == ' ')) before.remove_suffix(1);
    if (before.empty()) return nullptr;
    const char end = before.back();
    const bool sentence_end = end == '.' || end == '"' || end == '!' || end == '?' ||
                              (before.size() >= 3 && (StartsWith(before.substr(before.size() - 3), "\xE2\x80\x9D")));
    if (!sentence_end) return nullptr;
    const AgencyEntry* agency = table.Find(tag);
    if (!agency) return nullptr;
    *credit = std::string(Trim(s.substr(i)));
    *keep = before.size();
    return agency;
  }
  return nullptr;
}

void SetAgencyIfMissing(const AgencyEntry* agency, std::string_view raw, Record* r) {
  if (!agency || r->agency) return;
  r->agency = Agency{agency->code, agency->name, std::string(raw)};
}

}  // namespace

bool TakeAdvisory(std::string_view line, Record* record) {
  const std::string_view s = Trim(line);
  const bool bracketed = s.size() > 2 && s.front() == '(' && s.back() == ')';
  static constexpr std::array<std::string_view, 12> kVerbs = {"Adds", "Updates", "Corrects", "Recasts", "Changes",
                                                             "Refiles", "Repeats", "Fixes", "Removes", "Inserts",
                                                             "Moves", "Rewrites"};
  bool advisory = StartsWith(s, "Eds:") || StartsWith(s, "EDS:") || StartsWithNoCase(s, "editor's note") ||
                  StartsWithNoCase(s, "editors' note");
  if (bracketed) {
    const std::string_view inner = s.substr(1);
    for (auto v : kVerbs) advisory |= StartsWith(inner, v);
  }
  if (!advisory) return false;
  record->credits.push_back({"advisory", std::string(s)});
  if (bracketed && StartsWith(s.substr(1), "Corrects")) {
    std::string_view what = Trim(s.substr(1 + 8, s.size() - 10));
    if (!what.empty()) record->corrects = std::string(what);
    if (!record->version) record->version = VersionInfo{"CORRECTED", "correction", 0};
  }
  return true;
}

void TakeHeadlineTags(std::string* headline, Record* record) {
  for (int i = 0; i < 3 && !headline->empty(); ++i) {
    if (!TakeBracketTag(headline, record) && !TakeWordTag(headline, record)) break;
  }
  if (*headline == "STORY WITHDRAWN") record->version = VersionInfo{"STORY WITHDRAWN", "withdrawn", 0};
}

Verdict CreditsStage::Process(Record& record) {
  if (record.headline) {
    TakeHeadlineTags(&*record.headline, &record);
    if (record.headline->empty()) record.headline.reset();
  }
  std::string& text = record.text;
  // Advisories at the top of the body (when no dateline stood after them).
  while (!text.empty()) {
    const size_t end = std::min(text.find("\n\n"), text.size());
    if (!TakeAdvisory(std::string_view(text).substr(0, end), &record)) break;
    text.erase(0, std::min(text.size(), end + 2));
  }
  // Closing credits, from the last paragraph up.
  std::vector<Credit> closing;
  for (int guard = 0; guard < 6 && !text.empty(); ++guard) {
    const size_t sep = FindLastBreak(text);
    const size_t start = sep == std::string::npos ? 0 : sep + 2;
    const std::string_view last = Trim(std::string_view(text).substr(start));
    std::string kind;
    const AgencyEntry* agency = nullptr;
    if (IsCreditBlock(last)) {
      std::string_view inner = last;
      while (!inner.empty() && (inner.front() == '(' || inner.back() == ')')) {
        if (inner.front() == '(') inner.remove_prefix(1);
        if (!inner.empty() && inner.back() == ')') inner.remove_suffix(1);
      }
      size_t from = 0;
      std::vector<Credit> parts;
      while (from <= inner.size()) {
        const size_t semi = std::min(inner.find(';', from), inner.size());
        const std::string_view part = Trim(inner.substr(from, semi - from));
        if (!part.empty()) parts.push_back({CreditKind(part), std::string(part)});
        from = semi + 1;
      }
      closing.insert(closing.begin(), parts.begin(), parts.end());
    } else if (IsCopyright(last)) {
      kind = "copyright";
    } else if (IsEndMark(last)) {
      kind = "signoff";
    } else if ((agency = SignoffAgency(last, *agencies_)) != nullptr || IsDeskInitials(last)) {
      kind = "signoff";
    } else if (IsContributorLine(last)) {
      kind = "reporting";
    } else if (StartsWithNoCase(last, "contact:") ||
               (last.find('@') != std::string_view::npos && CountWords(last, 4) <= 3) ||
               (StartsWithNoCase(last, "to contact ") && CountWords(last, 31) <= 30)) {
      // "To contact the reporter on this story: ... at ...@...": Bloomberg's closing lines.
      kind = "contact";
    } else {
      break;
    }
    if (!kind.empty()) closing.insert(closing.begin(), Credit{kind, std::string(last)});
    SetAgencyIfMissing(agency, last, &record);
    text.erase(sep == std::string::npos ? 0 : sep);
  }
  // A credit glued to the end of the last paragraph: "... he said.—APP".
  if (!text.empty()) {
    const size_t sep = FindLastBreak(text);
    const size_t start = sep == std::string::npos ? 0 : sep + 2;
    std::string credit;
    size_t keep = 0;
    if (const AgencyEntry* agency =
            TrailingInlineCredit(std::string_view(text).substr(start), *agencies_, &credit, &keep)) {
      text.resize(start + keep);
      closing.insert(closing.begin(), Credit{"signoff", credit});
      SetAgencyIfMissing(agency, StripLeadingDashes(credit), &record);
    } else {
      bool found = false;
      const AgencyEntry* words =
          TrailingSignoffWords(std::string_view(text).substr(start), *agencies_, &credit, &keep, &found);
      if (found) {
        text.resize(start + keep);
        closing.insert(closing.begin(), Credit{"signoff", credit});
        SetAgencyIfMissing(words, credit.substr(0, credit.find(' ')), &record);
      }
    }
  }
  record.credits.insert(record.credits.end(), std::make_move_iterator(closing.begin()),
                        std::make_move_iterator(closing.end()));
  if (record.urgency.empty()) record.urgency = "normal";
  return Verdict::Continue();
}

}  // namespace dateline
