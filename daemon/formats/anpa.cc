#include "formats/anpa.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <exception>
#include <utility>

#include "core/utf8.h"

namespace dateline {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlpha(char c) { return IsUpper(c) || IsLower(c); }
char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLower(c);
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

// Value of a run of at most 9 digits; -1 if `s` is not one.
int Number(std::string_view s) {
  if (!AllDigits(s) || s.size() > 9) return -1;
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ToLower(a[i]) != ToLower(b[i])) return false;
  }
  return true;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool StartsWithDash(std::string_view s) {
  return StartsWith(s, "\xE2\x80\x94") || StartsWith(s, "\xE2\x80\x93");  // — –
}

}  // namespace

namespace wire {

std::string SplitFramed(std::string_view s, size_t max_soh_offset, Framed* out) {
  const size_t soh = s.substr(0, max_soh_offset + 1).find(kSoh);
  if (soh == std::string_view::npos) return "no SOH at the start of the item";
  const size_t stx = s.find(kStx, soh + 1);
  if (stx == std::string_view::npos) return "no STX after the header: the item has no text";
  const size_t etx = s.find(kEtx, stx + 1);
  if (etx == std::string_view::npos) return "no ETX after the text: the item is cut short";
  const size_t eot = s.find(kEot, etx + 1);
  out->header = s.substr(soh + 1, stx - soh - 1);
  out->body = s.substr(stx + 1, etx - stx - 1);
  out->trailer = s.substr(etx + 1, eot == std::string_view::npos ? std::string_view::npos : eot - etx - 1);
  return "";
}

std::string_view AsUtf8(std::string_view input, std::string* storage) {
  if (utf8::IsValid(input)) return input;
  *storage = utf8::FromWindows1252(input);
  return *storage;
}

size_t SkipFraming(std::string_view s, size_t limit) {
  const size_t end = std::min(s.size(), limit);
  size_t i = 0;
  while (i < end && (s[i] == kSyn || s[i] == '\r' || s[i] == '\n' || s[i] == ' ' || s[i] == '\0')) {
    ++i;
  }
  return i;
}

std::vector<std::string_view> SplitLines(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '\n') {
      lines.push_back(s.substr(start, i - start));
      start = ++i;
    } else if (s[i] == '\r') {
      lines.push_back(s.substr(start, i - start));
      size_t j = i;
      while (j < s.size() && s[j] == '\r') ++j;
      if (j < s.size() && s[j] == '\n') ++j;
      start = i = j;
    } else {
      ++i;
    }
  }
  if (start < s.size()) lines.push_back(s.substr(start));
  return lines;
}

std::vector<std::string_view> Tokens(std::string_view s, size_t max_tokens) {
  std::vector<std::string_view> tokens;
  auto is_sep = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F;
  };
  size_t i = 0;
  while (i < s.size() && tokens.size() < max_tokens) {
    while (i < s.size() && is_sep(s[i])) ++i;
    const size_t start = i;
    while (i < s.size() && !is_sep(s[i])) ++i;
    if (i > start) tokens.push_back(s.substr(start, i - start));
  }
  return tokens;
}

bool IsIndented(std::string_view line) {
  if (line.empty()) return false;
  if (line[0] == '\t') return true;
  return line.size() >= 2 && line[0] == ' ' && (line[1] == ' ' || line[1] == '\t');
}

std::string CleanLine(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  bool space = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const auto u = static_cast<unsigned char>(line[i]);
    if (u == ' ' || u == '\t') {
      space = !out.empty();
      continue;
    }
    if (u < 0x20 || u == 0x7F) continue;
    // C1 controls (U+0080..U+009F) in UTF-8.
    if (u == 0xC2 && i + 1 < line.size() && static_cast<unsigned char>(line[i + 1]) <= 0x9F &&
        static_cast<unsigned char>(line[i + 1]) >= 0x80) {
      ++i;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(line[i]);
  }
  return out;
}

size_t WordCount(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    const bool word = c != ' ';
    if (word && !in_word) ++words;
    in_word = word;
  }
  return words;
}

namespace {

// A "_" standing alone between spaces or line ends becomes "—".
std::string AsciiDashes(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size(); ++i) {
    const bool alone = s[i] == '_' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n') &&
                       (i + 1 == s.size() || s[i + 1] == ' ' || s[i + 1] == '\n');
    if (alone) {
      out += "\xE2\x80\x94";
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace

std::string BuildText(const std::vector<std::string_view>& lines, bool ascii_dashes) {
  std::vector<std::string> cleaned;
  cleaned.reserve(lines.size());
  bool indent_mode = false;
  for (std::string_view line : lines) {
    cleaned.push_back(CleanLine(line));
    indent_mode |= !cleaned.back().empty() && IsIndented(line);
  }
  std::string out;
  std::string paragraph;
  auto close = [&] {
    if (paragraph.empty()) return;
    if (!out.empty()) out += "\n\n";
    out += ascii_dashes ? AsciiDashes(paragraph) : paragraph;
    paragraph.clear();
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& t = cleaned[i];
    if (t.empty()) {
      close();
      continue;
    }
    if (indent_mode && IsIndented(lines[i])) close();
    if (!paragraph.empty()) paragraph.push_back(indent_mode ? ' ' : '\n');
    paragraph += t;
  }
  close();
  return out;
}

std::optional<std::string> BylineName(std::string_view line) {
  if (!(StartsWith(line, "By ") || StartsWith(line, "BY ")) || WordCount(line) > 12) {
    return std::nullopt;
  }
  std::string_view name = TrimSpace(line.substr(3));
  if (name.empty()) return std::nullopt;
  return std::string(name);
}

bool LooksLikeDateline(std::string_view line) {
  const std::string_view head = line.substr(0, std::min<size_t>(line.size(), 120));
  // The first word in capitals.
  size_t capitals = 0;
  for (size_t i = 0; i < head.size(); ++i) {
    const char c = head[i];
    if (c == ' ' || c == ',' || c == ':' || c == '(' || c == '_') break;
    if (StartsWithDash(head.substr(i))) break;
    if (IsLower(c) || IsDigit(c)) return false;
    capitals += IsUpper(c) || static_cast<unsigned char>(c) >= 0x80;
  }
  if (capitals < 2) return false;
  // An agency tag soon after, then a separator, the end, or the story's first capital.
  const size_t open = head.find('(');
  if (open != std::string_view::npos && open < 80 && WordCount(head.substr(0, open)) <= 7) {
    const size_t close = head.find(')', open);
    if (close != std::string_view::npos && close - open <= 40) {
      size_t p = close + 1;
      while (p < head.size() && head[p] == ' ') ++p;
      if (p == head.size()) return true;
      const char c = head[p];
      if (c == '_' || c == '-' || c == ':' || IsUpper(c)) return true;
      if (StartsWithDash(head.substr(p))) return true;
    }
  }
  // Capitals, then a separator: "LAHORE: ...", "KARACHI _ ...", "PESHAWAR — ...".
  for (size_t i = 0; i < head.size(); ++i) {
    const char c = head[i];
    const bool spaced_before = i > 0 && head[i - 1] == ' ';
    if (c == ':') return true;
    if (StartsWithDash(head.substr(i))) return spaced_before;
    if (c == '_' || c == '-') {
      const bool spaced_after = i + 1 == head.size() || head[i + 1] == ' ' || head[i + 1] == '-';
      if (spaced_before && spaced_after) return true;
      if (c == '_') return false;
      continue;
    }
    if (IsLower(c) || IsDigit(c) || c == '(') return false;
  }
  return false;
}

namespace {

// Version kinds by precedence: a "1st Ld-Writethru" is a writethru.
constexpr std::array<std::string_view, 9> kKindOrder = {
    "writethru", "correction", "kill", "withdrawn", "refile", "repeat", "wrapup", "lead", "update"};

std::string_view KindOfWord(std::string_view w) {
  struct Entry {
    std::string_view word;
    std::string_view kind;
  };
  static constexpr std::array<Entry, 31> kWords = {{
      {"writethru", "writethru"}, {"writethrough", "writethru"}, {"writethr", "writethru"},
      {"wthru", "writethru"},     {"correction", "correction"}, {"corrected", "correction"},
      {"correx", "correction"},   {"corrective", "correction"},  {"corr", "correction"},
      {"kill", "kill"},           {"killed", "kill"},            {"elimination", "kill"},
      {"withdrawn", "withdrawn"}, {"withdrawal", "withdrawn"},   {"withdraw", "withdrawn"},
      {"refile", "refile"},       {"refiled", "refile"},         {"repeat", "repeat"},
      {"rpt", "repeat"},          {"wrapup", "wrapup"},          {"wrap", "wrapup"},
      {"ld", "lead"},             {"lead", "lead"},              {"lede", "lead"},
      {"update", "update"},       {"upd", "update"},             {"updated", "update"},
      {"add", "update"},          {"insert", "update"},          {"sub", "update"},
      {"precede", "update"},
  }};
  for (const Entry& e : kWords) {
    if (e.word == w) return e.kind;
  }
  return {};
}

size_t KindRank(std::string_view kind) {
  for (size_t i = 0; i < kKindOrder.size(); ++i) {
    if (kKindOrder[i] == kind) return i;
  }
  return kKindOrder.size();
}

}  // namespace

std::optional<VersionInfo> ParseVersion(std::string_view label) {
  label = TrimSpace(label);
  if (label.empty() || label.size() > 40) return std::nullopt;
  const std::string l = Lower(label);
  std::string_view kind;
  int number = 0;
  size_t i = 0;
  while (i < l.size()) {
    while (i < l.size() && !IsAlpha(l[i]) && !IsDigit(l[i])) ++i;
    const size_t start = i;
    while (i < l.size() && (IsAlpha(l[i]) || IsDigit(l[i]))) ++i;
    std::string_view piece = std::string_view(l).substr(start, i - start);
    if (piece.empty()) continue;
    // A leading ordinal or number: "1st", "2ndld", "3".
    size_t digits = 0;
    while (digits < piece.size() && IsDigit(piece[digits])) ++digits;
    if (digits > 0 && digits <= 3) {
      const int n = Number(piece.substr(0, digits));
      std::string_view rest = piece.substr(digits);
      if (rest.substr(0, 2) == "st" || rest.substr(0, 2) == "nd" || rest.substr(0, 2) == "rd" ||
          rest.substr(0, 2) == "th") {
        rest.remove_prefix(2);
      }
      number = n;
      piece = rest;
    } else if (digits > 3) {
      continue;
    }
    // A trailing number: "update2".
    size_t tail = piece.size();
    while (tail > 0 && IsDigit(piece[tail - 1])) --tail;
    if (tail < piece.size() && piece.size() - tail <= 3 && tail > 0) {
      number = Number(piece.substr(tail));
      piece = piece.substr(0, tail);
    }
    const std::string_view k = KindOfWord(piece);
    if (!k.empty() && (kind.empty() || KindRank(k) < KindRank(kind))) kind = k;
  }
  if (kind.empty()) return std::nullopt;
  return VersionInfo{std::string(label), std::string(kind), number};
}

std::string IsoUtc(int year, int month, int day, int hour, int minute, int offset_minutes) {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 ||
      hour > 23 || minute < 0 || minute > 59 || offset_minutes < -24 * 60 ||
      offset_minutes > 24 * 60) {
    return "";
  }
  using namespace std::chrono;
  const year_month_day date{std::chrono::year(year),
                            std::chrono::month(static_cast<unsigned>(month)),
                            std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return "";
  const sys_time<minutes> t =
      sys_days(date) + hours(hour) + minutes(minute) - minutes(offset_minutes);
  const auto utc_day = floor<days>(t);
  const year_month_day utc(utc_day);
  const hh_mm_ss<minutes> hms(t - utc_day);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:00Z", static_cast<int>(utc.year()),
                static_cast<unsigned>(utc.month()), static_cast<unsigned>(utc.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()));
  return buf;
}

}  // namespace wire

namespace {

using wire::CleanLine;
using wire::WordCount;

// SOH must come this early (after SYN and line feeds) for the item to be ANPA.
constexpr size_t kMaxSohOffset = 32;
// Header tokens read; a real header has about a dozen.
constexpr size_t kMaxHeaderTokens = 40;
// Lines looked at for the headline and byline when paragraphs are not indented.
constexpr size_t kMaxPreambleLines = 12;

struct Header {
  char priority = 0;
  char category = 0;
  std::string keyword;
  std::string version;
  std::string filing_date;  // "mm-dd"
};

bool IsSingleLetter(std::string_view t) { return t.size() == 1 && IsAlpha(t[0]); }

// "a0748", "0748": service level designator and story number.
bool IsStoryNumber(std::string_view t) {
  if (!t.empty() && IsAlpha(t[0])) t.remove_prefix(1);
  return t.size() >= 3 && t.size() <= 5 && AllDigits(t);
}

// The cycle designator of a keyword: "BC-", "AM-", "PM-" or "AP-".
size_t CyclePrefix(std::string_view keyword) {
  if (keyword.size() <= 3 || keyword[2] != '-') return 0;
  const std::string_view p = keyword.substr(0, 2);
  return p == "BC" || p == "AM" || p == "PM" || p == "AP" ? 3 : 0;
}

// "10-29": one or two digits, a hyphen, one or two digits.
bool IsFilingDate(std::string_view t) {
  const size_t dash = t.find('-');
  if (dash == std::string_view::npos) return false;
  const std::string_view a = t.substr(0, dash);
  const std::string_view b = t.substr(dash + 1);
  return AllDigits(a) && AllDigits(b) && a.size() <= 2 && b.size() <= 2;
}

Header ParseHeader(std::string_view header) {
  Header h;
  const auto tokens = wire::Tokens(header, kMaxHeaderTokens);
  // Priority and category: the first two single letters in a row.
  size_t next = std::string_view::npos;
  for (size_t k = 0; k + 1 < tokens.size() && k < 8; ++k) {
    if (IsSingleLetter(tokens[k]) && IsSingleLetter(tokens[k + 1])) {
      h.priority = ToLower(tokens[k][0]);
      h.category = ToLower(tokens[k + 1][0]);
      next = k + 2;
      break;
    }
  }
  if (next == std::string_view::npos) {
    // No priority: start at a keyword with a cycle designator, if any.
    for (size_t k = 0; k < tokens.size(); ++k) {
      if (CyclePrefix(tokens[k])) {
        next = k;
        break;
      }
    }
    if (next == std::string_view::npos) return h;
  }
  if (next < tokens.size() && !IsFilingDate(tokens[next]) && !AllDigits(tokens[next])) {
    h.keyword.assign(tokens[next]);
    ++next;
  }
  // Then an optional version and reference number, the filing date and the word count.
  for (; next < tokens.size() && h.filing_date.empty(); ++next) {
    const std::string_view t = tokens[next];
    if (IsFilingDate(t)) {
      h.filing_date.assign(t);
    } else if (h.version.empty() && wire::ParseVersion(t)) {
      h.version.assign(t);
    }
  }
  return h;
}

std::string UrgencyFromPriority(char priority) {
  switch (priority) {
    case 'f': return "flash";
    case 'b': return "bulletin";
    case 'u': return "urgent";
    case 'r': return "normal";
    case 'd': return "deferred";
    case 'a': return "deferred";  // advance: for release later
    default: return "";
  }
}

// AP's names for the category letters it uses; empty for other letters.
std::string_view CategoryName(char category) {
  switch (category) {
    case 'a': return "domestic";
    case 'e': return "entertainment";
    case 'f': return "financial";
    case 'i': return "international";
    case 'k': return "commentary";
    case 'l': return "lifestyle";
    case 'n': return "state and regional";
    case 'p': return "national politics";
    case 'q': return "sports results";
    case 's': return "sports";
    case 'v': return "advisories";
    case 'w': return "Washington";
    default: return "";
  }
}

// A line before the story without typesetting marks: "^Headline@<" gives "Headline".
std::string CleanMarks(std::string_view line) {
  std::string t = CleanLine(line);
  while (!t.empty() && (t.back() == '<' || t.back() == '@' || t.back() == ' ')) t.pop_back();
  size_t lead = 0;
  while (lead < t.size() && (t[lead] == '^' || t[lead] == ' ')) ++lead;
  return t.substr(lead);
}

// A story line without its quad-left mark "<" at the end; indentation kept.
std::string_view WithoutQuad(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  if (!line.empty() && line.back() == '<') line.remove_suffix(1);
  return line;
}

bool IsEndMarker(std::string_view t) {
  static constexpr std::array<std::string_view, 11> kMarkers = {
      "MORE", "(MORE)", "END", "(END)", "-30-", "-0-", "XXX", "xxx", "###", "#", "="};
  return std::find(kMarkers.begin(), kMarkers.end(), t) != kMarkers.end();
}

bool IsEditorsNote(std::string_view t) {
  static constexpr std::array<std::string_view, 7> kPrefixes = {
      "Eds:", "Eds.", "EDS:", "Editors:", "EDITOR'S NOTE", "Editor's Note", "Update:"};
  for (auto p : kPrefixes) {
    if (StartsWith(t, p)) return true;
  }
  return false;
}

// Canadian Press style tag lines before the story: "code:2", "INDEX: ...".
bool IsTagLine(std::string_view t) {
  static constexpr std::array<std::string_view, 4> kPrefixes = {"code:", "INDEX:", "SYMBOL:",
                                                                "Code:"};
  for (auto p : kPrefixes) {
    if (StartsWith(t, p)) return true;
  }
  return false;
}

// The writer's title under a byline: "Associated Press Writer", "AP South Asia Correspondent".
bool IsBylineTitle(std::string_view t) {
  if (WordCount(t) > 6) return false;
  const std::string l = Lower(t);
  static constexpr std::array<std::string_view, 7> kEnds = {
      "writer", "correspondent", "editor", "reporter", "columnist", "staff", "press"};
  for (auto e : kEnds) {
    if (l.size() >= e.size() && l.compare(l.size() - e.size(), e.size(), e) == 0) return true;
  }
  return l.find("press") != std::string::npos;
}

// Offset east of UTC, in minutes, of a zone abbreviation; false if unknown.
bool ZoneOffset(std::string_view zone, int* offset) {
  struct Zone {
    std::string_view name;
    int offset;
  };
  static constexpr std::array<Zone, 26> kZones = {{
      {"UTC", 0},     {"GMT", 0},     {"UT", 0},      {"Z", 0},       {"EST", -300},
      {"EDT", -240},  {"CST", -360},  {"CDT", -300},  {"MST", -420},  {"MDT", -360},
      {"PST", -480},  {"PDT", -420},  {"AKST", -540}, {"AKDT", -480}, {"HST", -600},
      {"BST", 60},    {"CET", 60},    {"CEST", 120},  {"EET", 120},   {"EEST", 180},
      {"PKT", 300},   {"IST", 330},   {"NPT", 345},   {"JST", 540},   {"HKT", 480},
      {"SGT", 480},
  }};
  for (const Zone& z : kZones) {
    if (z.name == zone) {
      *offset = z.offset;
      return true;
    }
  }
  return false;
}

struct Stamp {
  int year = 0;  // 0 when the stamp has none
  int month = 0;
  int day = 0;
  int hour = -1;
  int minute = 0;
  bool zone_known = false;
  int offset = 0;
};

// "AP-NY-10-29-25", "31-10-14", "AP-NY-10-29": the date of a transmission
// stamp. Month and day are told apart by the filing date, else by a value over
// 12, else taken in American order.
bool StampDate(std::string_view t, std::string_view filing_date, Stamp* s) {
  std::vector<std::string_view> groups;
  size_t start = 0;
  while (groups.size() < 8) {
    const size_t dash = t.find('-', start);
    groups.push_back(t.substr(start, dash == std::string_view::npos ? std::string_view::npos
                                                                    : dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  size_t numeric = 0;
  while (numeric < groups.size() && AllDigits(groups[groups.size() - 1 - numeric])) ++numeric;
  const size_t letters = groups.size() - numeric;
  for (size_t k = 0; k < letters; ++k) {
    if (groups[k].empty() || !std::all_of(groups[k].begin(), groups[k].end(), IsAlpha)) {
      return false;
    }
  }
  if (numeric < 2 || numeric > 3 || (numeric == 2 && letters == 0)) return false;
  const size_t first = letters;
  if (groups[first].size() > 2 || groups[first + 1].size() > 2) return false;
  const int a = Number(groups[first]);
  const int b = Number(groups[first + 1]);
  int fm = -1, fd = -1;
  if (IsFilingDate(filing_date)) {
    const size_t dash = filing_date.find('-');
    fm = Number(filing_date.substr(0, dash));
    fd = Number(filing_date.substr(dash + 1));
  }
  if (a == fd && b == fm && a != b) {
    s->day = a, s->month = b;
  } else if (a == fm && b == fd) {
    s->month = a, s->day = b;
  } else if (a > 12) {
    s->day = a, s->month = b;
  } else {
    s->month = a, s->day = b;
  }
  s->year = 0;
  if (numeric == 3) {
    const std::string_view y = groups[first + 2];
    if (y.size() == 2) {
      const int yy = Number(y);
      s->year = yy < 70 ? 2000 + yy : 1900 + yy;
    } else if (y.size() == 4) {
      s->year = Number(y);
    } else {
      return false;
    }
  }
  return true;
}

// "0812EDT", "08:12", "16:35ET", "0812": the time of a stamp, with its zone if given.
bool StampTime(std::string_view t, Stamp* s) {
  size_t i = 0;
  while (i < t.size() && IsDigit(t[i])) ++i;
  int hour = -1, minute = -1;
  if (i < t.size() && t[i] == ':' && i >= 1 && i <= 2) {
    hour = Number(t.substr(0, i));
    const size_t m = i + 1;
    size_t j = m;
    while (j < t.size() && IsDigit(t[j])) ++j;
    if (j - m != 2) return false;
    minute = Number(t.substr(m, 2));
    i = j;
  } else if (i == 3 || i == 4) {
    hour = Number(t.substr(0, i - 2));
    minute = Number(t.substr(i - 2, 2));
  } else {
    return false;
  }
  const std::string_view zone = t.substr(i);
  if (zone.size() > 5 || !std::all_of(zone.begin(), zone.end(), IsUpper)) return false;
  if (hour > 23 || minute > 59) return false;
  s->hour = hour;
  s->minute = minute;
  if (!zone.empty()) s->zone_known = ZoneOffset(zone, &s->offset);
  return true;
}

// True if `t` is a transmission stamp; `*published` gets its time in UTC when
// it can be read (date with a year, time and a known zone), else stays empty.
bool ParseStamp(std::string_view t, std::string_view filing_date, std::string* published) {
  const auto tokens = wire::Tokens(t, 5);
  if (tokens.empty() || tokens.size() > 4) return false;
  Stamp s;
  bool date = false;
  for (std::string_view tok : tokens) {
    if (!date && StampDate(tok, filing_date, &s)) {
      date = true;
    } else if (s.hour < 0 && StampTime(tok, &s)) {
    } else if (s.hour >= 0 && !s.zone_known && ZoneOffset(tok, &s.offset)) {
      s.zone_known = true;
    } else {
      return false;
    }
  }
  if (!date) return false;
  published->clear();
  if (s.year > 0 && s.hour >= 0 && s.zone_known) {
    *published = wire::IsoUtc(s.year, s.month, s.day, s.hour, s.minute, s.offset);
  }
  return true;
}

// The text's keyword line: "BC-Pakistan-Talks, 1st Ld-Writethru,0540".
bool IsKeywordLine(std::string_view t, const Header& h) {
  const std::string_view first = TrimSpace(t.substr(0, t.find(',')));
  if (first.empty() || first.find(' ') != std::string_view::npos || WordCount(t) > 10) return false;
  if (CyclePrefix(first)) return true;
  if (h.keyword.empty()) return false;
  return EqualsNoCase(first, h.keyword) ||
         EqualsNoCase(first, std::string_view(h.keyword).substr(CyclePrefix(h.keyword)));
}

Verdict Malformed(std::string reason) {
  return Verdict::DeadLetter(ErrorCode::kMalformedItem, "anpa1312: " + std::move(reason));
}

Verdict ParseItem(std::string_view input, Record& record) {
  std::string storage;
  const std::string_view s = wire::AsUtf8(input, &storage);
  wire::Framed framed;
  if (std::string problem = wire::SplitFramed(s, kMaxSohOffset, &framed); !problem.empty()) {
    return Malformed(std::move(problem));
  }
  const std::string_view header = framed.header;
  const std::string_view body = framed.body;
  const std::string_view trailer = framed.trailer;

  const Header h = ParseHeader(header);
  std::vector<std::string_view> lines = wire::SplitLines(body);
  for (auto& line : lines) line = WithoutQuad(line);

  // The transmission stamp and end marks at the end of the text, and the stamp after ETX.
  std::string published;
  size_t end = lines.size();
  while (end > 0) {
    const std::string t = CleanMarks(lines[end - 1]);
    std::string p;
    if (t.empty() || IsEndMarker(t)) {
      --end;
    } else if (ParseStamp(t, h.filing_date, &p)) {
      if (published.empty()) published = std::move(p);
      --end;
    } else {
      break;
    }
  }
  for (std::string_view line : wire::SplitLines(trailer)) {
    const std::string t = CleanMarks(line);
    std::string p;
    if (!t.empty() && ParseStamp(t, h.filing_date, &p) && !p.empty()) published = std::move(p);
  }

  // The keyword line.
  size_t i = 0;
  while (i < end && CleanLine(lines[i]).empty()) ++i;
  std::string keyword = h.keyword;
  std::string version_label;
  if (i < end) {
    const std::string t = CleanMarks(lines[i]);
    if (IsKeywordLine(t, h)) {
      size_t start = 0;
      for (size_t piece = 0; start <= t.size(); ++piece) {
        const size_t comma = t.find(',', start);
        const std::string_view part = TrimSpace(std::string_view(t).substr(
            start, comma == std::string::npos ? std::string::npos : comma - start));
        if (piece == 0 && keyword.empty()) keyword.assign(part);
        if (piece > 0 && version_label.empty() && wire::ParseVersion(part)) {
          version_label.assign(part);
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      ++i;
    }
  }

  // Headline and byline: the lines before the first indented one, or before
  // the story's start when paragraphs are not indented.
  size_t first_indented = end;
  for (size_t k = i; k < end; ++k) {
    if (wire::IsIndented(lines[k]) && !CleanLine(lines[k]).empty()) {
      first_indented = k;
      break;
    }
  }
  const bool indent_mode = first_indented < end;
  std::vector<std::string> headline;
  std::string byline;
  std::vector<std::string> advisories;  // editor's notes
  bool headline_closed = false;
  size_t seen = 0;
  for (; i < first_indented; ++i) {
    const std::string t = CleanMarks(lines[i]);
    if (t.empty()) {
      headline_closed |= !headline.empty();
      continue;
    }
    if (!indent_mode && ++seen > kMaxPreambleLines) break;
    if (IsEditorsNote(t)) {
      advisories.push_back(t);
      continue;
    }
    if (IsTagLine(t)) continue;
    if (auto name = wire::BylineName(t)) {
      if (!byline.empty()) byline += " and ";
      byline += *name;
      headline_closed = true;
      continue;
    }
    if (!byline.empty() && IsBylineTitle(t)) continue;
    const bool tagged = StartsWith(t, "HL:");  // a headline tag line
    const std::string_view line = tagged ? TrimSpace(std::string_view(t).substr(3)) : t;
    if (!byline.empty() || headline_closed || WordCount(line) > 20) break;
    if (!tagged && wire::LooksLikeDateline(line)) break;
    if (!indent_mode) {
      // Without indentation a headline is one line set off by a blank line,
      // a byline or the dateline.
      size_t k = i + 1;
      if (k < end && !CleanLine(lines[k]).empty()) {
        const std::string n = CleanMarks(lines[k]);
        if (!wire::BylineName(n) && !wire::LooksLikeDateline(n)) break;
      }
      headline_closed = true;
    }
    headline.emplace_back(line);
    if (headline.size() >= 3) headline_closed = true;
  }

  std::vector<std::string_view> story(lines.begin() + static_cast<std::ptrdiff_t>(i),
                                      lines.begin() + static_cast<std::ptrdiff_t>(end));
  std::string text = wire::BuildText(story, /*ascii_dashes=*/true);
  std::string title;
  if (!headline.empty()) {
    std::string joined;
    for (const auto& part : headline) {
      if (!joined.empty()) joined.push_back(' ');
      joined += part;
    }
    title = wire::BuildText({joined}, /*ascii_dashes=*/true);
  }
  if (text.empty()) text = title;  // a headline-only item: a flash or a one-line bulletin
  if (text.empty()) return Malformed("no story text between STX and ETX");

  record.format = "anpa1312";
  record.text = std::move(text);
  if (!title.empty()) record.headline = std::move(title);
  if (!byline.empty()) record.byline = std::move(byline);
  for (auto& note : advisories) record.credits.push_back({"advisory", std::move(note)});
  const std::string_view slug = std::string_view(keyword).substr(CyclePrefix(keyword));
  if (!slug.empty()) record.slug = std::string(slug);
  record.urgency = UrgencyFromPriority(h.priority);
  if (h.category != 0) {
    record.subjects.push_back(
        {std::string("anpa:") + h.category, std::string(CategoryName(h.category))});
  }
  std::optional<VersionInfo> version;
  if (!version_label.empty()) version = wire::ParseVersion(version_label);
  if (!version && !h.version.empty()) version = wire::ParseVersion(h.version);
  if (version) record.version = std::move(version);
  if (!published.empty()) record.published = std::move(published);
  return Verdict::Continue();
}

}  // namespace

int Anpa1312Parser::Sniff(std::string_view input) const {
  const size_t p = wire::SkipFraming(input, kMaxSohOffset);
  if (p >= input.size() || input[p] != wire::kSoh) return 0;
  std::string_view header = input.substr(p + 1, 256);
  header = header.substr(0, header.find(wire::kStx));
  const auto tokens = wire::Tokens(header, 16);
  int score = 30;
  bool pair = false;
  for (size_t k = 0; k + 1 < tokens.size() && k < 8; ++k) {
    if (IsSingleLetter(tokens[k]) && IsSingleLetter(tokens[k + 1])) {
      pair = true;
      score += 30;
      if (!UrgencyFromPriority(ToLower(tokens[k][0])).empty()) score += 10;
      break;
    }
  }
  if (!tokens.empty() && IsStoryNumber(tokens[0])) score += 10;
  const auto has_cycle = [](std::string_view t) { return CyclePrefix(t) > 0; };
  if (std::any_of(tokens.begin(), tokens.end(), has_cycle)) score += 15;
  if (header.find('\x1F') != std::string_view::npos) score += 5;
  // A priority digit after the source and serial is IPTC 7901's header.
  if (!pair) {
    for (size_t k = 1; k < tokens.size() && k <= 3; ++k) {
      if (tokens[k].size() == 1 && IsDigit(tokens[k][0])) return 10;
    }
  }
  return std::min(score, 95);
}

Verdict Anpa1312Parser::Parse(std::string_view input, Record& record) const {
  try {
    return ParseItem(input, record);
  } catch (const std::exception& e) {
    return Malformed(std::string("could not be parsed: ") + e.what());
  }
}

}  // namespace dateline
