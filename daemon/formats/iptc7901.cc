#include "formats/iptc7901.h"

#include <algorithm>
#include <array>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "formats/anpa.h"

namespace dateline {
namespace {

using wire::CleanLine;

// SOH or ZCZC must come this early (after SYN and line feeds).
constexpr size_t kMaxStartOffset = 32;
// Header tokens read; a real header line has a few more than six.
constexpr size_t kMaxHeaderTokens = 24;
// Text lines a headline ending in "=" may span.
constexpr size_t kMaxHeadlineLines = 3;
constexpr size_t kMaxHeadlineWords = 40;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }

bool AllOf(std::string_view s, bool (*pred)(char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), pred);
}

// Value of two digits at s[pos]; -1 if they are not digits.
int TwoDigits(std::string_view s, size_t pos) {
  if (pos + 2 > s.size() || !IsDigit(s[pos]) || !IsDigit(s[pos + 1])) return -1;
  return (s[pos] - '0') * 10 + (s[pos + 1] - '0');
}

// The category: one to three letters ("pl", "pol", "a").
bool IsCategory(std::string_view t) { return t.size() <= 3 && AllOf(t, IsAlpha); }

// Source, serial, or both ("bkn014", "AFP", "0417").
bool IsIdToken(std::string_view t) { return t.size() <= 16 && AllOf(t, IsAlnum); }

struct Header {
  int priority = 0;
  std::string category;
};

// "bkn014 4 pl 171 ...", "AFP 0417 3 pol 0412": the priority digit follows
// the source and serial (one or two tokens), then come the category and the
// word count. A leading "ZCZC" is skipped. False if there is no priority.
bool ParseHeaderLine(std::string_view line, Header* h) {
  const auto tokens = wire::Tokens(line, kMaxHeaderTokens);
  const size_t first = !tokens.empty() && tokens[0] == "ZCZC" ? 1 : 0;
  if (first >= tokens.size() || !IsIdToken(tokens[first])) return false;
  for (size_t k = first + 1; k < tokens.size() && k <= first + 2; ++k) {
    const std::string_view t = tokens[k];
    if (t.size() == 1 && t[0] >= '1' && t[0] <= '9') {
      h->priority = t[0] - '0';
      if (k + 1 < tokens.size() && IsCategory(tokens[k + 1])) h->category.assign(tokens[k + 1]);
      return true;
    }
    if (!IsIdToken(t) || t.size() == 1) break;
  }
  return false;
}

// What the lines around the text say about it.
struct Meta {
  std::vector<std::string> headline;  // "^" lines
  std::string slug;
  std::vector<std::string> keywords;
  std::optional<VersionInfo> version;
  std::vector<std::string> categories;     // "$" lines
  std::vector<std::string> subject_codes;  // "+" lines
};

bool IsOrdinal(std::string_view w) {
  size_t d = 0;
  while (d < w.size() && IsDigit(w[d])) ++d;
  const std::string_view rest = w.substr(d);
  return d > 0 && d <= 3 && (rest == "st" || rest == "nd" || rest == "rd" || rest == "th");
}

// "Pakistan-Floods 2nd Lead" -> keyword "Pakistan-Floods", version {lead, 2}.
std::string_view SplitVersion(std::string_view part, std::optional<VersionInfo>* version) {
  const auto words = wire::Tokens(part, 16);
  for (std::string_view w : words) {
    if (!IsOrdinal(w) && !wire::ParseVersion(w)) continue;
    const size_t at = static_cast<size_t>(w.data() - part.data());
    if (auto v = wire::ParseVersion(part.substr(at))) {
      *version = std::move(v);
      return TrimSpace(part.substr(0, at));
    }
  }
  return part;
}

// A keyword line: "/"-separated parts; a part (or its end) naming a version is
// the version.
void AddKeywordLine(std::string_view line, Meta* m) {
  std::string slug;
  size_t start = 0;
  while (start <= line.size()) {
    const size_t slash = line.find('/', start);
    std::string_view part = TrimSpace(line.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (!m->version) part = SplitVersion(part, &m->version);
    if (!part.empty()) {
      m->keywords.emplace_back(part);
      if (!slug.empty()) slug.push_back('/');
      slug += part;
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (m->slug.empty()) m->slug = std::move(slug);
}

// A sigil line: "$pol", ":Pakistan-Floods", "^Headline=", "+medtop:06000000".
bool ApplySigil(std::string_view t, Meta* m) {
  if (t.size() < 2) return false;
  const std::string_view v = TrimSpace(t.substr(1));
  if (v.empty()) return false;
  switch (t[0]) {
    case '$':
      if (!IsCategory(v)) return false;
      m->categories.emplace_back(v);
      return true;
    case ':':
      AddKeywordLine(v, m);
      return true;
    case '^':
      m->headline.emplace_back(v);
      return true;
    case '+':
      if (v.size() > 64 || v.find(' ') != std::string_view::npos) return false;
      m->subject_codes.emplace_back(v);
      return true;
    default:
      return false;
  }
}

int MonthNumber(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (w.size() != 3) return 0;
  std::string l(w);
  for (char& c : l) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (l == kMonths[i]) return static_cast<int>(i) + 1;
  }
  // German spellings some agencies keep.
  if (l == "mrz") return 3;
  if (l == "mai") return 5;
  if (l == "okt") return 10;
  if (l == "dez") return 12;
  return 0;
}

// True if `t` is an end line "DDhhmm MON YY" (optionally "GMT"/"UTC" after);
// `*published` gets its time, or stays empty if the time does not exist.
bool ParseEndLine(std::string_view t, std::string* published) {
  const auto tokens = wire::Tokens(t, 5);
  if (tokens.size() < 3 || tokens.size() > 4) return false;
  const std::string_view stamp = tokens[0];
  if (stamp.size() != 6 || !AllOf(stamp, IsDigit)) return false;
  const int month = MonthNumber(tokens[1]);
  if (month == 0) return false;
  const std::string_view y = tokens[2];
  if ((y.size() != 2 && y.size() != 4) || !AllOf(y, IsDigit)) return false;
  if (tokens.size() == 4 && tokens[3] != "GMT" && tokens[3] != "UTC" && tokens[3] != "Z") {
    return false;
  }
  int year = TwoDigits(y, 0);
  year = y.size() == 4 ? year * 100 + TwoDigits(y, 2) : (year < 70 ? 2000 + year : 1900 + year);
  *published = wire::IsoUtc(year, month, TwoDigits(stamp, 0), TwoDigits(stamp, 2),
                            TwoDigits(stamp, 4), 0);
  return true;
}

// "NNNN" standing alone (not inside a word) at or after `from`.
size_t FindNnnn(std::string_view s, size_t from) {
  for (size_t pos = s.find("NNNN", from); pos != std::string_view::npos;
       pos = s.find("NNNN", pos + 1)) {
    const bool before = pos == from || !IsAlnum(s[pos - 1]);
    const bool after = pos + 4 == s.size() || !IsAlnum(s[pos + 4]);
    if (before && after) return pos;
  }
  return std::string_view::npos;
}

Verdict Malformed(std::string reason) {
  return Verdict::DeadLetter(ErrorCode::kMalformedItem, "iptc7901: " + std::move(reason));
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out += p;
  }
  return out;
}

// A headline without its closing "=".
std::string WithoutEquals(std::string s) {
  while (!s.empty() && (s.back() == '=' || s.back() == ' ')) s.pop_back();
  return s;
}

Verdict ParseItem(std::string_view input, Record& record) {
  std::string storage;
  const std::string_view s = wire::AsUtf8(input, &storage);
  const size_t p = wire::SkipFraming(s, kMaxStartOffset);

  std::string_view header, body, trailer;
  bool unframed = false;  // ZCZC without STX/ETX: the header line opens the body
  if (p + 4 <= s.size() && s.substr(p, 4) == "ZCZC") {
    const size_t start = p + 4;
    const size_t nnnn = FindNnnn(s, start);
    if (nnnn == std::string_view::npos) {
      return Malformed("no NNNN after ZCZC: the item is cut short");
    }
    const std::string_view region = s.substr(start, nnnn - start);
    const size_t stx = region.find(wire::kStx);
    if (stx == std::string_view::npos) {
      body = region;
      unframed = true;
    } else {
      const size_t etx = region.find(wire::kEtx, stx + 1);
      if (etx == std::string_view::npos) {
        return Malformed("no ETX after the text: the item is cut short");
      }
      header = region.substr(0, stx);
      body = region.substr(stx + 1, etx - stx - 1);
      trailer = region.substr(etx + 1);
    }
  } else {
    wire::Framed framed;
    if (std::string problem = wire::SplitFramed(s, kMaxStartOffset, &framed); !problem.empty()) {
      if (problem.rfind("no SOH", 0) == 0) problem = "neither SOH nor ZCZC at the start of the item";
      return Malformed(std::move(problem));
    }
    header = framed.header;
    body = framed.body;
    trailer = framed.trailer;
  }

  Header h;
  Meta m;
  // The header: its first line is the message header, then keyword and sigil lines.
  bool first = true;
  for (std::string_view line : wire::SplitLines(header)) {
    const std::string t = CleanLine(line);
    if (t.empty()) continue;
    if (first) {
      first = false;
      // A header line of an unknown layout is dropped.
      if (!ParseHeaderLine(t, &h)) ApplySigil(t, &m);
      continue;
    }
    if (!ApplySigil(t, &m)) AddKeywordLine(t, &m);
  }

  const std::vector<std::string_view> lines = wire::SplitLines(body);
  // The end line and end marks.
  std::string published;
  size_t end = lines.size();
  while (end > 0) {
    const std::string t = CleanLine(lines[end - 1]);
    std::string when;
    if (t.empty() || t == "=" || t == "NNNN") {
      --end;
    } else if (ParseEndLine(t, &when)) {
      if (published.empty()) published = std::move(when);
      --end;
    } else {
      break;
    }
  }
  for (std::string_view line : wire::SplitLines(trailer)) {
    std::string when;
    if (ParseEndLine(CleanLine(line), &when) && !when.empty()) published = std::move(when);
  }

  size_t i = 0;
  auto skip_blank = [&] {
    while (i < end && CleanLine(lines[i]).empty()) ++i;
  };
  if (unframed) {
    // The message header: the rest of the ZCZC line, or the next line if it is one.
    std::string t = lines.empty() ? std::string() : CleanLine(lines[0]);
    if (!t.empty()) {
      if (!ApplySigil(t, &m)) ParseHeaderLine(t, &h);
      i = 1;
    } else {
      i = 1;
      skip_blank();
      if (i < end && ParseHeaderLine(CleanLine(lines[i]), &h)) ++i;
    }
    i = std::min(i, end);  // the end-line scan may have taken the ZCZC line itself
  }
  // Sigil lines before the text.
  for (skip_blank(); i < end && ApplySigil(CleanLine(lines[i]), &m); skip_blank()) ++i;

  std::string headline = WithoutEquals(Join(m.headline));
  if (m.headline.empty()) {
    // The first line(s) of the text, up to one ending in "=".
    std::vector<std::string> parts;
    for (size_t k = i; k < end && parts.size() < kMaxHeadlineLines; ++k) {
      std::string t = CleanLine(lines[k]);
      if (t.empty()) {
        if (parts.empty()) continue;
        break;
      }
      const bool last = t.back() == '=';
      parts.push_back(std::move(t));
      if (last) {
        std::string joined = Join(parts);
        if (wire::WordCount(joined) <= kMaxHeadlineWords) {
          headline = WithoutEquals(std::move(joined));
          i = k + 1;
        }
        break;
      }
    }
  }
  skip_blank();
  std::string byline;
  if (i < end) {
    if (auto name = wire::BylineName(CleanLine(lines[i]))) {
      byline = std::move(*name);
      ++i;
    }
  }

  const std::vector<std::string_view> story(lines.begin() + static_cast<std::ptrdiff_t>(i),
                                            lines.begin() + static_cast<std::ptrdiff_t>(end));
  std::string text = wire::BuildText(story, /*ascii_dashes=*/false);
  if (text.empty()) text = headline;  // a headline-only item: a flash
  if (text.empty()) return Malformed("no story text");

  record.format = "iptc7901";
  record.text = std::move(text);
  if (!headline.empty()) record.headline = std::move(headline);
  if (!byline.empty()) record.byline = std::move(byline);
  if (h.priority > 0) record.urgency = UrgencyFromDigit(h.priority);
  std::vector<std::string> categories;
  if (!h.category.empty()) categories.push_back(h.category);
  for (auto& c : m.categories) {
    if (std::find(categories.begin(), categories.end(), c) == categories.end()) {
      categories.push_back(std::move(c));
    }
  }
  for (const auto& c : categories) record.subjects.push_back({"iptc7901:" + c, ""});
  for (auto& code : m.subject_codes) record.subjects.push_back({std::move(code), ""});
  if (!m.slug.empty()) record.slug = std::move(m.slug);
  for (auto& k : m.keywords) record.keywords.push_back(std::move(k));
  if (m.version) record.version = std::move(m.version);
  if (!published.empty()) record.published = std::move(published);
  return Verdict::Continue();
}

}  // namespace

int Iptc7901Parser::Sniff(std::string_view input) const {
  const size_t p = wire::SkipFraming(input, kMaxStartOffset);
  Header h;
  if (p + 4 <= input.size() && input.substr(p, 4) == "ZCZC") {
    int score = 60;
    const std::string_view tail = input.substr(input.size() > 64 ? input.size() - 64 : 0);
    if (tail.find("NNNN") != std::string_view::npos) score += 25;
    // The message header on the ZCZC line or the next.
    const auto head = wire::SplitLines(input.substr(p, 256));
    for (size_t k = 0; k < head.size() && k < 3; ++k) {
      if (ParseHeaderLine(CleanLine(head[k]), &h)) {
        score += 10;
        break;
      }
    }
    return std::min(score, 95);
  }
  if (p >= input.size() || input[p] != wire::kSoh) return 0;
  std::string_view header = input.substr(p + 1, 256);
  header = header.substr(0, header.find(wire::kStx));
  const auto header_lines = wire::SplitLines(header);
  int score = 25;
  if (!header_lines.empty() && ParseHeaderLine(header_lines[0], &h)) {
    score += 45;
    if (!h.category.empty()) score += 10;
  }
  return score;
}

Verdict Iptc7901Parser::Parse(std::string_view input, Record& record) const {
  try {
    return ParseItem(input, record);
  } catch (const std::exception& e) {
    return Malformed(std::string("could not be parsed: ") + e.what());
  }
}

}  // namespace dateline
