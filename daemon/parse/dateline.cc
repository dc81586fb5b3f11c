#include "parse/dateline.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <vector>

#include <utf8proc.h>

#include "core/utf8.h"
#include "parse/credits.h"

namespace dateline {
namespace {

constexpr size_t kMaxDatelineBytes = 160;

// How far a dateline's date may lie after its message's timestamp: a day for
// time zones east of UTC, a few more for copy sent ahead of its release.
constexpr int kMaxDaysAhead = 7;

bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLowerAscii(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Lower case of a letter in any script (utf8proc's Unicode tables; ASCII,
// where they map only A-Z, without the call).
char32_t LowerLetter(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
  if (cp == utf8::kInvalid) return cp;
  return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
}

// True for a small (lower-case) letter in any script (in ASCII: a-z).
bool IsLowerLetter(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return cp != utf8::kInvalid && utf8proc_islower(static_cast<utf8proc_int32_t>(cp));
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == ',')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == ',')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

// Lower case of a word (see LowerLetter).
std::string LowerWord(std::string_view s) {
  std::string out;
  for (size_t pos = 0; pos < s.size();) {
    const size_t start = pos;
    const char32_t cp = utf8::Next(s, &pos);
    if (cp == utf8::kInvalid) {
      out.append(s.substr(start, pos - start));
    } else {
      utf8::Append(&out, LowerLetter(cp));
    }
  }
  return out;
}

// English month names and their abbreviations ("Oct", "Sept"), and the French,
// Spanish and German names and abbreviations that agencies writing in those
// languages put in datelines ("3 mars", "29 oct", "5. Dezember", "févr.").
unsigned MonthNumber(std::string_view word) {
  std::string w = LowerWord(word);
  if (!w.empty() && w.back() == '.') w.pop_back();
  static constexpr std::array<std::string_view, 12> kFull = {"january", "february", "march",     "april",
                                                             "may",     "june",     "july",      "august",
                                                             "september", "october", "november", "december"};
  for (unsigned i = 0; i < 12; ++i) {
    if (w == kFull[i]) return i + 1;
    if (w.size() >= 3 && w.size() <= 4 && kFull[i].substr(0, w.size()) == w) return i + 1;  // Oct, Sept
  }
  struct Foreign {
    std::string_view name;
    unsigned month;
  };
  static constexpr Foreign kForeign[] = {
      // French
      {"janvier", 1}, {"janv", 1}, {"f\xC3\xA9vrier", 2}, {"fevrier", 2}, {"f\xC3\xA9vr", 2}, {"fevr", 2},
      {"f\xC3\xA9v", 2}, {"mars", 3}, {"avril", 4}, {"avr", 4}, {"mai", 5}, {"juin", 6}, {"juillet", 7},
      {"juil", 7}, {"ao\xC3\xBBt", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10}, {"novembre", 11},
      {"d\xC3\xA9" "cembre", 12}, {"decembre", 12}, {"d\xC3\xA9" "c", 12},
      // Spanish
      {"enero", 1}, {"ene", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"abr", 4}, {"mayo", 5},
      {"junio", 6}, {"julio", 7}, {"agosto", 8}, {"ago", 8}, {"septiembre", 9}, {"setiembre", 9}, {"set", 9},
      {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12}, {"dic", 12},
      // German
      {"januar", 1}, {"j\xC3\xA4nner", 1}, {"februar", 2}, {"m\xC3\xA4rz", 3}, {"maerz", 3},
      {"m\xC3\xA4r", 3}, {"mrz", 3}, {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"okt", 10},
      {"dezember", 12}, {"dez", 12},
  };
  for (const Foreign& f : kForeign) {
    if (w == f.name) return f.month;
  }
  return 0;
}

// "29", "29th", "1st", "1er", "29." -> day; 0 if not a day.
unsigned DayNumber(std::string_view word) {
  size_t digits = 0;
  while (digits < word.size() && IsDigit(word[digits])) ++digits;
  if (digits == 0 || digits > 2) return 0;
  const std::string_view rest = word.substr(digits);
  // "29th", "1er" (French) and "29." as German writes the day.
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th" && rest != "er" && rest != ".") {
    return 0;
  }
  const unsigned day = static_cast<unsigned>(std::stoi(std::string(word.substr(0, digits))));
  return day >= 1 && day <= 31 ? day : 0;
}

int YearNumber(std::string_view word) {
  if (word.size() != 4 || !std::all_of(word.begin(), word.end(), IsDigit)) return 0;
  const int year = std::stoi(std::string(word));
  return year >= 1900 && year <= 2200 ? year : 0;
}

// Words that stand in capitals before a colon but are not places.
bool IsNotAPlace(std::string_view location) {
  static constexpr std::array<std::string_view, 22> kWords = {
      "breaking", "update",  "urgent",    "flash",   "alert",   "exclusive", "analysis", "factbox",
      "editorial", "correction", "refile", "wrapup", "bulletin", "eds",     "note",    "editor's note",
      "advisory", "warning", "opinion",   "comment", "photo",  "video"};
  const std::string l = Lower(location);
  const std::string_view lv = l;
  for (auto w : kWords) {
    // The word alone, or the word and a space at the start ("update 2").
    if (lv == w || (lv.size() > w.size() && lv.substr(0, w.size()) == w && lv[w.size()] == ' ')) return true;
  }
  return false;
}

bool IsConnector(std::string_view w) {
  static constexpr std::array<std::string_view, 23> kConnectors = {
      "de", "del", "da", "do", "dos", "das", "di", "du", "al", "el", "la", "le",
      "of", "upon", "on", "am", "an", "der", "den", "es", "sur", "bin", "and"};
  for (auto c : kConnectors) {
    if (w == c) return true;
  }
  return false;
}

// Non-ASCII punctuation and symbols (dashes, typographic quotes, «, °): no
// part of a place name. The apostrophe ’ is allowed (Cote d’Ivoire).
bool HasPunctuation(std::string_view word) {
  for (size_t pos = 0; pos < word.size();) {
    if (static_cast<unsigned char>(word[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const char32_t cp = utf8::Next(word, &pos);
    if ((cp >= 0x2000 && cp <= 0x206F && cp != 0x2019) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || cp == utf8::kInvalid) {
      return true;
    }
  }
  return false;
}

// A place as written in a dateline: capitalized words, no digits, at most
// seven words. `all_caps` demands that the first place be in capitals. Parts
// of the place may stand in brackets, as ANI writes the state and country:
// "Srinagar (Jammu and Kashmir) [India]".
bool IsLocation(std::string_view s, bool all_caps) {
  if (s.empty() || s.size() > 80) return false;
  size_t words = 0, upper = 0, lower = 0;
  bool first_piece = true;
  char open_bracket = 0;  // the bracket a bracketed part is in, if any
  for (auto piece : Split(s, ',')) {
    piece = Trim(piece);
    if (piece.empty()) return false;
    for (auto part : Split(piece, '/')) {
      for (auto word : Split(part, ' ')) {
        if (word.empty()) continue;
        if (word.front() == '(' || word.front() == '[') {
          if (open_bracket || words == 0) return false;  // no nesting; a place comes first
          open_bracket = word.front();
          word.remove_prefix(1);
        }
        if (!word.empty() && (word.back() == ')' || word.back() == ']')) {
          if (open_bracket != (word.back() == ')' ? '(' : '[')) return false;
          open_bracket = 0;
          word.remove_suffix(1);
        }
        if (word.empty()) return false;
        ++words;
        const char c = word.front();
        const bool capital = IsUpperAscii(c) || static_cast<unsigned char>(c) >= 0x80;
        if (!capital && !(words > 1 && IsConnector(word))) return false;
        if (HasPunctuation(word)) return false;
        for (char ch : word) {
          if (IsDigit(ch)) return false;
          const bool ok = IsUpperAscii(ch) || IsLowerAscii(ch) || static_cast<unsigned char>(ch) >= 0x80 ||
                          ch == '.' || ch == '\'' || ch == '-' || ch == '&';
          if (!ok) return false;
          if (first_piece) {
            upper += IsUpperAscii(ch);
            lower += IsLowerAscii(ch);
          }
        }
      }
      first_piece = false;
    }
  }
  if (words == 0 || words > 7 || open_bracket) return false;
  if (all_caps && (lower > 0 || upper < 2)) return false;
  return true;
}

// True if `s` has no letter of a script with case (Latin, Greek, Cyrillic):
// a place written in Arabic, Urdu or Chinese script.
bool IsCaseless(std::string_view s) {
  for (size_t pos = 0; pos < s.size();) {
    const char32_t cp = utf8::Next(s, &pos);
    const bool latin = (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
                       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
    if (latin || (cp >= 0x370 && cp <= 0x52F)) {  // Latin, Greek, Cyrillic
      return false;
    }
  }
  return true;
}

// Splits "PLACE[, more place][, DATE[, YEAR]]" into location and date.
bool SplitPlaceAndDate(std::string_view before, bool all_caps, std::string* location,
                       std::optional<ParsedDate>* date) {
  before = Trim(before);
  std::vector<std::string_view> pieces;
  for (auto p : Split(before, ',')) pieces.push_back(Trim(p));
  // A trailing year belongs to the date before it.
  int year = 0;
  if (pieces.size() >= 2 && (year = YearNumber(pieces.back())) != 0) pieces.pop_back();
  if (!pieces.empty()) {
    if (auto d = ParseDate(pieces.back())) {
      if (year) d->year = year;
      *date = d;
      pieces.pop_back();
    } else if (year) {
      return false;
    }
  }
  if (pieces.empty()) {
    location->clear();
    return date->has_value() && !all_caps;
  }
  const size_t end = static_cast<size_t>(pieces.back().data() + pieces.back().size() - before.data());
  const std::string_view loc = before.substr(0, end);
  if (!IsLocation(loc, all_caps) || IsNotAPlace(loc)) return false;
  location->assign(loc);
  return true;
}

// An agency tag: a known alias, or 1-4 words in capitals (WNAM REPORT, ONLINE);
// else, with *weak set, 1-4 capitalised words (Dawn, Staff Report, ABC News),
// which the caller takes only where more tells a dateline (see WithAgencyAt).
bool IsAgencyTag(std::string_view tag, const AgencyTable& agencies, bool* weak) {
  *weak = false;
  if (tag.empty() || tag.size() > 40) return false;
  if (agencies.Find(tag)) return true;
  size_t words = 0;
  for (auto word : Split(tag, ' ')) {
    if (word.empty()) continue;
    if (++words > 4) return false;
    bool letter = false;
    for (char c : word) {
      if (IsDigit(c)) return false;
      if (IsLowerAscii(c)) {
        if (!letter) return false;  // a word starts with a capital
        *weak = true;
        continue;
      }
      if (!(IsUpperAscii(c) || c == '-' || c == '&' || c == '.' || c == '\'')) return false;
      letter |= IsUpperAscii(c);
    }
    if (!letter) return false;
  }
  return words > 0;
}

// Length of a separator at s[pos] ("—", "–", "--", "-", "_", ":"), 0 if none.
size_t SeparatorAt(std::string_view s, size_t pos) {
  const std::string_view rest = s.substr(pos);
  if (rest.rfind("\xE2\x80\x94", 0) == 0 || rest.rfind("\xE2\x80\x93", 0) == 0) return 3;  // — –
  if (rest.rfind("--", 0) == 0) return 2;
  if (!rest.empty() && (rest[0] == '-' || rest[0] == '_' || rest[0] == ':')) return 1;
  return 0;
}

size_t SkipSpaces(std::string_view s, size_t pos) {
  while (pos < s.size() && s[pos] == ' ') ++pos;
  return pos;
}

// The dateline whose agency tag is in the brackets opening at p[open];
// nullopt if they hold no agency tag or what stands before them is no place.
std::optional<ParsedDateline> WithAgencyAt(std::string_view p, size_t open, const AgencyTable& agencies) {
  const size_t close = p.find(')', open);
  if (close == std::string_view::npos || close - open > 48) return std::nullopt;
  std::string tag(Trim(p.substr(open + 1, close - open - 1)));
  bool weak = false;
  if (!IsAgencyTag(tag, agencies, &weak)) return std::nullopt;

  ParsedDateline d;
  if (!SplitPlaceAndDate(p.substr(0, open), false, &d.location, &d.date)) return std::nullopt;
  size_t pos = SkipSpaces(p, close + 1);
  size_t sep = SeparatorAt(p, pos);
  // EFE puts a full stop before the dash: "Lima, 29 oct (EFE).- El Gobierno ...".
  if (!sep && pos == close + 1 && pos + 1 < p.size() && p[pos] == '.' && p[pos + 1] != ':' && p[pos + 1] != '_' &&
      SeparatorAt(p, pos + 1)) {
    sep = 1 + SeparatorAt(p, pos + 1);
  }
  // A source in ordinary case ("ISLAMABAD, Nov 27 (Dawn):") needs a separator
  // after it, and a date or a place in capitals before it.
  if (weak && (!sep || (!d.date && !IsLocation(d.location, true)))) return std::nullopt;
  if (sep) {
    pos = SkipSpaces(p, pos + sep);
  } else if (pos >= p.size() || pos == close + 1) {
    // No separator: the body must follow after a space (PTI style).
    return std::nullopt;
  } else if (!d.date && !IsLocation(d.location, true) && !(IsCaseless(d.location) && agencies.Find(tag))) {
    // Without a separator, only a date or a place in capitals tells a dateline
    // ("New Delhi, Oct 29 (PTI) The ...") from a sentence with an acronym in
    // brackets ("Fitna al Khwarij (TTP) claimed ..."). Scripts without capitals
    // ("اسلام آباد (اے پی پی) ...") need a tag the agency table knows.
    return std::nullopt;
  }
  d.agency_tag = std::move(tag);
  d.length = pos;
  d.raw.assign(Trim(p.substr(0, pos)));
  return d;
}

std::optional<ParsedDateline> WithAgency(std::string_view p, const AgencyTable& agencies) {
  // The agency's brackets are the first ones, or come after bracketed parts
  // of the place ("Srinagar (Jammu and Kashmir) [India], Oct 29 (ANI):").
  for (size_t open = p.find('('); open != std::string_view::npos && open <= 110; open = p.find('(', open + 1)) {
    if (auto d = WithAgencyAt(p, open, agencies)) return d;
  }
  return std::nullopt;
}

// Length of a desk credit that stands before the place on the dateline's
// line ("STAFF REPORTER PESHAWAR—", "NEWS DESK KARACHI:"), spaces included;
// 0 if there is none or nothing would be left for the place.
size_t DeskCreditPrefix(std::string_view s) {
  static constexpr std::array<std::string_view, 15> kWords = {
      "our",  "staff", "special",    "senior", "reporter", "reporters", "correspondent", "correspondents",
      "news", "desk",  "monitoring", "web",    "report",   "bureau",    "agencies"};
  static constexpr std::array<std::string_view, 8> kKeys = {"reporter", "reporters",  "correspondent", "correspondents",
                                                            "desk",     "report",     "bureau",        "agencies"};
  size_t pos = 0, taken = 0;
  bool key = false;
  while (true) {
    pos = SkipSpaces(s, pos);
    size_t end = s.find(' ', pos);
    if (end == std::string_view::npos) break;  // the last word is the place's
    const std::string w = Lower(s.substr(pos, end - pos));
    if (std::find(kWords.begin(), kWords.end(), w) == kWords.end()) break;
    key |= std::find(kKeys.begin(), kKeys.end(), w) != kKeys.end();
    pos = end;
    taken = end;
  }
  return key ? SkipSpaces(s, taken) : 0;
}

std::optional<ParsedDateline> WithoutAgency(std::string_view p) {
  // The first separator within reach: ':' or a dash; a hyphen only between spaces.
  const size_t limit = std::min(p.size(), size_t{100});
  for (size_t i = 1; i < limit; ++i) {
    size_t sep = SeparatorAt(p, i);
    if (!sep) continue;
    if ((p[i] == '-' || p[i] == '_') && (p[i - 1] != ' ' || i + sep >= p.size() || p[i + sep] != ' ')) continue;
    ParsedDateline d;
    const size_t desk = DeskCreditPrefix(p.substr(0, i));
    if (!SplitPlaceAndDate(p.substr(desk, i - desk), true, &d.location, &d.date)) return std::nullopt;
    d.byline.assign(Trim(p.substr(0, desk)));
    d.length = SkipSpaces(p, i + sep);
    d.raw.assign(Trim(p.substr(desk, d.length - desk)));
    return d;
  }
  return std::nullopt;
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> words;
  for (auto w : Split(s, ' ')) {
    if (!w.empty()) words.push_back(w);
  }
  return words;
}

// Words(s).size(), counting no further than `limit` (a paragraph's words
// need not all be found to know there are more than a few).
size_t CountWordsUpTo(std::string_view s, size_t limit) {
  size_t words = 0;
  for (size_t i = 0; i < s.size() && words < limit;) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) break;
    ++words;
    while (i < s.size() && s[i] != ' ') ++i;
  }
  return words;
}

// "Staff Report", "By Our Correspondent", "Monitoring Desk": desk credits that
// some papers put after the dateline in place of a byline.
bool IsDeskCredit(std::string_view s) {
  const size_t words = CountWordsUpTo(s, 6);
  if (words == 0 || words > 5 || s.back() == '.') return false;
  const std::string l = Lower(s);
  static constexpr std::array<std::string_view, 9> kMarkers = {
      "staff", "correspondent", "reporter", "desk", "agencies", "news service", "report", "online", "bureau"};
  for (auto m : kMarkers) {
    if (l.find(m) != std::string::npos) return true;
  }
  return false;
}

bool IsByline(std::string_view s) {
  return (s.rfind("By ", 0) == 0 || s.rfind("BY ", 0) == 0) && CountWordsUpTo(s, 13) <= 12;
}

}  // namespace

std::optional<ParsedDate> ParseDate(std::string_view text) {
  std::string spaced(text);
  std::replace(spaced.begin(), spaced.end(), ',', ' ');  // "Oct. 29, 2025"
  const auto words = Words(spaced);
  if (words.size() < 2 || words.size() > 3) return std::nullopt;
  ParsedDate d;
  if ((d.month = MonthNumber(words[0])) && (d.day = DayNumber(words[1]))) {
  } else if ((d.day = DayNumber(words[0])) && (d.month = MonthNumber(words[1]))) {
  } else {
    return std::nullopt;
  }
  if (words.size() == 3 && !(d.year = YearNumber(words[2]))) return std::nullopt;
  return d;
}

std::string FormatIsoDate(int year, unsigned month, unsigned day) {
  if (year < 0 || year > 9999 || month > 99 || day > 99) {  // printf's widths grow; rare enough
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, month, day);
    return buf;
  }
  const auto y = static_cast<unsigned>(year);
  const char out[10] = {static_cast<char>('0' + y / 1000),     static_cast<char>('0' + y / 100 % 10),
                        static_cast<char>('0' + y / 10 % 10),   static_cast<char>('0' + y % 10),
                        '-',
                        static_cast<char>('0' + month / 10),   static_cast<char>('0' + month % 10),
                        '-',
                        static_cast<char>('0' + day / 10),     static_cast<char>('0' + day % 10)};
  return std::string(out, sizeof out);
}


std::string TimestampDate(int64_t timestamp_ms) {
  using namespace std::chrono;
  const auto days = floor<std::chrono::days>(sys_time<milliseconds>(milliseconds(timestamp_ms)));
  const year_month_day ymd(days);
  return FormatIsoDate(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

std::string ResolveDate(const ParsedDate& date, int64_t timestamp_ms) {
  using namespace std::chrono;
  char buf[40];
  int year = date.year;
  if (year == 0 && timestamp_ms >= 0) {
    const auto stamp = floor<days>(sys_time<milliseconds>(milliseconds(timestamp_ms)));
    const int stamp_year = static_cast<int>(year_month_day(stamp).year());
    // The latest year that does not put the date more than kMaxDaysAhead after
    // the timestamp; the year before always qualifies unless the date is Feb 29.
    for (int y = stamp_year + 1; y >= stamp_year - 1; --y) {
      const year_month_day candidate{std::chrono::year(y), month(date.month), day(date.day)};
      if (!candidate.ok() || (sys_days(candidate) - stamp).count() > kMaxDaysAhead) continue;
      year = y;
      break;
    }
  }
  if (year == 0) {
    if (!year_month_day(std::chrono::year(2000), month(date.month), day(date.day)).ok()) return "";
    std::snprintf(buf, sizeof buf, "--%02u-%02u", date.month, date.day);
    return buf;
  }
  if (!year_month_day(std::chrono::year(year), month(date.month), day(date.day)).ok()) return "";
  return FormatIsoDate(year, date.month, date.day);
}

std::string NormalCaseCity(std::string_view location) {
  std::string_view first = location.substr(0, location.find_first_of(",/(["));
  first = Trim(first);
  for (size_t pos = 0; pos < first.size();) {
    if (IsLowerLetter(utf8::Next(first, &pos))) return std::string(first);
  }
  std::string out;
  bool word_start = true;
  for (size_t pos = 0; pos < first.size();) {
    const size_t start = pos;
    const char32_t cp = utf8::Next(first, &pos);
    if (cp == ' ' || cp == '-' || cp == '.' || cp == '/') {
      out.push_back(static_cast<char>(cp));
      word_start = true;
    } else if (cp == utf8::kInvalid) {
      out.push_back(first[start]);
      word_start = false;
    } else {
      utf8::Append(&out, word_start ? cp : LowerLetter(cp));
      word_start = false;
    }
  }
  return out;
}

std::string UnknownAgencyCode(std::string_view tag) {
  static constexpr std::array<std::string_view, 6> kSuffixes = {"REPORT", "NEWS", "DESK", "CORRESPONDENT",
                                                                "REPORTER", "BUREAU"};
  auto words = Words(tag);
  while (words.size() > 1) {
    const std::string last = Lower(words.back());
    bool suffix = false;
    for (auto s : kSuffixes) suffix |= last == Lower(s);
    if (!suffix) break;
    words.pop_back();
  }
  std::string code;
  for (auto w : words) {
    if (!code.empty()) code.push_back('_');
    for (char c : w) code.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return code;
}

std::optional<ParsedDateline> ParseDateline(std::string_view paragraph, const AgencyTable& agencies) {
  const std::string_view head = paragraph.substr(0, std::min(paragraph.size(), kMaxDatelineBytes));
  if (head.empty()) return std::nullopt;
  if (auto d = WithAgency(head, agencies)) return d;
  return WithoutAgency(head);
}

int64_t IsoDateMs(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return -1;
  int y = 0;
  unsigned m = 0, d = 0;
  for (size_t i : {0, 1, 2, 3}) {
    if (!IsDigit(iso[i])) return -1;
    y = y * 10 + (iso[i] - '0');
  }
  for (size_t i : {5, 6}) {
    if (!IsDigit(iso[i])) return -1;
    m = m * 10 + static_cast<unsigned>(iso[i] - '0');
  }
  for (size_t i : {8, 9}) {
    if (!IsDigit(iso[i])) return -1;
    d = d * 10 + static_cast<unsigned>(iso[i] - '0');
  }
  using namespace std::chrono;
  const year_month_day ymd{year(y), month(m), day(d)};
  if (!ymd.ok()) return -1;
  return duration_cast<milliseconds>(sys_days(ymd).time_since_epoch()).count();
}

// A US state as AP datelines abbreviate it ("Mo.", "N.Y.", "W.Va.", "D.C."):
// the written form with its full stops, which country codes never have.
bool IsUsStateAbbreviation(std::string_view s) {
  static constexpr std::array<std::string_view, 43> kStates = {
      "Ala.",  "Ariz.", "Ark.",  "Calif.", "Colo.", "Conn.", "Del.",  "D.C.",  "Fla.",  "Ga.",   "Ill.",
      "Ind.",  "Kan.",  "Ky.",   "La.",    "Md.",   "Mass.", "Mich.", "Minn.", "Miss.", "Mo.",   "Mont.",
      "Neb.",  "Nev.",  "N.H.",  "N.J.",   "N.M.",  "N.Y.",  "N.C.",  "N.D.",  "Okla.", "Ore.",  "Pa.",
      "R.I.",  "S.C.",  "S.D.",  "Tenn.",  "Vt.",   "Va.",   "Wash.", "W.Va.", "Wis.",  "Wyo."};
  return std::find(kStates.begin(), kStates.end(), s) != kStates.end();
}

namespace {

// Resolves an agency whose code is still empty (a name from feed metadata).
void ResolveAgency(const AgencyTable& table, Agency* agency) {
  if (!agency->code.empty()) return;
  if (const AgencyEntry* known = table.Find(agency->raw)) {
    agency->code = known->code;
    agency->name = known->name;
  } else {
    agency->code = UnknownAgencyCode(agency->raw);
  }
}

}  // namespace

std::string LocationCountry(const Gazetteer& gazetteer, std::string_view location) {
  // Bracketed parts are parts like the others: "Srinagar (Jammu and Kashmir) [India]".
  std::string flat(location);
  for (char& c : flat) {
    if (c == '(' || c == ')' || c == '[' || c == ']') c = ',';
  }
  std::vector<std::string_view> parts;
  for (auto piece : Split(flat, ',')) {
    for (auto part : Split(piece, '/')) {
      part = Trim(part);
      if (!part.empty()) parts.push_back(part);
    }
  }
  if (parts.empty()) return "";
  std::string hint;
  for (size_t i = 1; i < parts.size() && hint.empty(); ++i) {
    // "KANSAS CITY, Mo.": a state in AP style, not Macao's code.
    if (IsUsStateAbbreviation(parts[i])) {
      hint = "US";
    } else if (const Country* c = gazetteer.FindCountry(parts[i])) {
      hint = c->alpha2;
    }
  }
  if (hint.empty()) {
    // A country named alone ("PAKISTAN:", "SINGAPORE") beats a village of that name.
    if (const Country* c = gazetteer.FindCountry(parts[0])) return c->alpha2;
  }
  if (const Place* p = gazetteer.FindPlace(parts[0], hint)) {
    if (hint.empty() || p->country == hint) return p->country;
  } else {
    // Spelt otherwise than GeoNames ("KHAN YOUNIS" for Khān Yūnis): a variant in the
    // named country, or with no country named, a city of 100,000 or more.
    for (const uint32_t i : gazetteer.SpelledLike(parts[0])) {
      const Place& v = gazetteer.all_places()[i];
      if (hint.empty() ? v.population >= 100000 : v.country == hint) return v.country;
    }
  }
  return hint;
}

Verdict DatelineStage::Process(Record& record) {
  const AgencyTable& table = *agencies_;
  std::string& text = record.text;
  // The date a dateline without a year belongs near: the feed's own time, else the message's.
  int64_t reference_ms = IsoDateMs(record.published);
  if (reference_ms < 0) reference_ms = record.source.timestamp_ms;

  // Paragraph boundaries of the first few paragraphs.
  struct Para {
    size_t start, end;
  };
  std::vector<Para> paras;
  for (size_t start = 0; start < text.size() && paras.size() < 5;) {
    size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    paras.push_back({start, end});
    start = end + 2;
  }
  std::optional<ParsedDateline> parsed;
  size_t cut = 0;
  for (size_t i = 0; i < paras.size() && !parsed; ++i) {
    const std::string_view p = std::string_view(text).substr(paras[i].start, paras[i].end - paras[i].start);
    parsed = ParseDateline(p, table);
    if (!parsed) {
      // Only short lines (headline, byline, advisories) may stand before the dateline.
      if (CountWordsUpTo(p, 31) > 30) break;
      continue;
    }
    for (size_t k = 0; k < i; ++k) {
      const std::string line = text.substr(paras[k].start, paras[k].end - paras[k].start);
      if (TakeAdvisory(line, &record)) continue;
      if (IsByline(line) && !record.byline) {
        record.byline = line.substr(3);
      } else if (!record.headline) {
        record.headline = line;
      } else if (FoldTag(line) != FoldTag(*record.headline)) {
        record.credits.push_back({"heading", line});  // a second heading line: kept, out of the body
      }
    }
    if (!parsed->byline.empty() && !record.byline) record.byline = parsed->byline;
    cut = paras[i].start + parsed->length;
    const std::string_view rest = p.substr(parsed->length);
    if (rest.empty() || IsDeskCredit(rest)) {
      if (!rest.empty() && !record.byline) record.byline.emplace(rest);
      cut = std::min(text.size(), paras[i].end + 2);
    }
  }

  if (parsed) {
    // The text's dateline wins over what feed metadata said; metadata fills gaps.
    DatelineInfo info = record.dateline.value_or(DatelineInfo{});
    info.raw = parsed->raw;
    if (!parsed->location.empty()) {
      info.location = parsed->location;
      info.city = NormalCaseCity(parsed->location);
    }
    if (parsed->date) {
      const std::string date = ResolveDate(*parsed->date, reference_ms);
      if (!date.empty()) info.date = date, info.date_source = "text";
    }
    record.dateline = std::move(info);
    if (!parsed->agency_tag.empty()) {
      Agency agency;
      agency.raw = parsed->agency_tag;
      if (const AgencyEntry* known = table.Find(parsed->agency_tag)) {
        agency.code = known->code;
        agency.name = known->name;
      } else {
        agency.code = UnknownAgencyCode(parsed->agency_tag);
      }
      record.agency = std::move(agency);
    }
    text.erase(0, cut);
  }
  if (record.dateline) {
    DatelineInfo& info = *record.dateline;
    if (info.city.empty() && !info.location.empty()) info.city = NormalCaseCity(info.location);
    if (gazetteer_ && info.country_code.empty() && !info.location.empty()) {
      info.country_code = LocationCountry(*gazetteer_, info.location);
    }
    if (info.date.empty() && !record.published.empty() && IsoDateMs(record.published) >= 0) {
      info.date = record.published.substr(0, 10), info.date_source = "metadata";
    }
    if (info.date.empty() && record.source.timestamp_ms >= 0) {
      info.date = TimestampDate(record.source.timestamp_ms), info.date_source = "timestamp";
    }
  }
  if (record.agency) ResolveAgency(table, &*record.agency);
  return Verdict::Continue();
}

}  // namespace dateline
