#include "formats/xml.h"
#include "parse/dateline.h"

#include <array>
#include <bit>
#include <chrono>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/utf8.h"
#include "formats/format.h"

namespace dateline::xml {
namespace {

// What the parser builds: text, CDATA and whitespace-only text (so that
// "<b>a</b> <i>b</i>" keeps its space), with the five predefined entities and
// character references expanded and line ends normalized. Deliberately absent:
// parse_doctype (the DOCTYPE is skipped unread), parse_pi, parse_comments and
// parse_declaration. pugixml has no DTD processing, no entity declarations and
// no loader of external resources, so nothing else can be expanded or fetched.
constexpr unsigned kParseOptions = pugi::parse_cdata | pugi::parse_escapes | pugi::parse_eol |
                                   pugi::parse_wconv_attribute | pugi::parse_ws_pcdata;

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Index of the first byte at or after pos that is a tab or line break, or
// the first of two spaces in a row; s.size() if none is (one vector scan for
// what utf8::FindAnyOf and utf8::FindDoubleSpace find in two).
size_t FindSpaceRunStart(std::string_view s, size_t pos) {
  const char* p = s.data();
  const size_t n = s.size();
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), cr = _mm_set1_epi8('\r'),
                lf = _mm_set1_epi8('\n');
  for (; pos + 17 <= n; pos += 16) {
    const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos));
    const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos + 1));
    const __m128i stop = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v0, tab), _mm_or_si128(_mm_cmpeq_epi8(v0, cr), _mm_cmpeq_epi8(v0, lf))),
        _mm_and_si128(_mm_cmpeq_epi8(v0, space), _mm_cmpeq_epi8(v1, space)));
    if (const auto m = static_cast<unsigned>(_mm_movemask_epi8(stop))) return pos + static_cast<size_t>(std::countr_zero(m));
  }
#endif
  for (; pos < n; ++pos) {
    const char c = p[pos];
    if (c == '\t' || c == '\r' || c == '\n' || (c == ' ' && pos + 1 < n && p[pos + 1] == ' ')) return pos;
  }
  return n;
}

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

bool StartsWith(std::string_view s, size_t pos, std::string_view prefix) {
  return s.size() >= pos + prefix.size() && s.compare(pos, prefix.size(), prefix) == 0;
}

// How the paragraph walker treats an element. kCell elements are inline for
// paragraphs but separate their text by a space when flattened.
enum class Kind { kOther, kSkip, kBreak, kParagraph, kContainer, kCell };

// Element local names (lower case) with a role other than kOther.
struct KindName {
  std::string_view name;
  Kind kind;
};
constexpr KindName kKindNames[] = {
    {"media", Kind::kSkip},        {"table", Kind::kSkip},       {"nitf-table", Kind::kSkip},
    {"note", Kind::kSkip},         {"figure", Kind::kSkip},      {"figcaption", Kind::kSkip},
    {"img", Kind::kSkip},          {"picture", Kind::kSkip},     {"video", Kind::kSkip},
    {"audio", Kind::kSkip},        {"iframe", Kind::kSkip},      {"object", Kind::kSkip},
    {"embed", Kind::kSkip},        {"script", Kind::kSkip},      {"style", Kind::kSkip},
    {"noscript", Kind::kSkip},     {"svg", Kind::kSkip},         {"head", Kind::kSkip},
    {"hr", Kind::kSkip},           {"aside", Kind::kSkip},       {"caption", Kind::kSkip},
    {"form", Kind::kSkip},         {"button", Kind::kSkip},      {"ed-msg", Kind::kSkip},
    {"br", Kind::kBreak},          {"p", Kind::kParagraph},      {"hl2", Kind::kParagraph},
    {"pre", Kind::kParagraph},     {"li", Kind::kParagraph},     {"dt", Kind::kParagraph},
    {"dd", Kind::kParagraph},      {"h1", Kind::kParagraph},     {"h2", Kind::kParagraph},
    {"h3", Kind::kParagraph},      {"h4", Kind::kParagraph},     {"h5", Kind::kParagraph},
    {"h6", Kind::kParagraph},      {"body", Kind::kContainer},
    {"body.content", Kind::kContainer},
    {"block", Kind::kContainer},   {"bq", Kind::kContainer},     {"fn", Kind::kContainer},
    {"ul", Kind::kContainer},      {"ol", Kind::kContainer},     {"dl", Kind::kContainer},
    {"div", Kind::kContainer},     {"section", Kind::kContainer}, {"article", Kind::kContainer},
    {"main", Kind::kContainer},    {"blockquote", Kind::kContainer}, {"html", Kind::kContainer},
    {"inlinexml", Kind::kContainer}, {"hl1", Kind::kCell},       {"tr", Kind::kCell},
    {"td", Kind::kCell},           {"th", Kind::kCell},
};

// Names in the table are at most this long; longer names are kOther.
constexpr size_t kMaxKindName = 16;

// kKindNames as an open-addressing hash table (128 slots, linear probing;
// an empty name marks a free slot), built at compile time.
class KindTable {
 public:
  constexpr KindTable() {
    for (const KindName& k : kKindNames) {
      size_t i = Slot(Hash(k.name));
      while (!slots_[i].name.empty()) i = (i + 1) % kSlots;
      slots_[i] = k;
    }
  }
  // `lower`: a lower-case name of 1..kMaxKindName bytes.
  constexpr Kind Find(std::string_view lower) const {
    for (size_t i = Slot(Hash(lower));; i = (i + 1) % kSlots) {
      if (slots_[i].name.empty()) return Kind::kOther;
      if (slots_[i].name == lower) return slots_[i].kind;
    }
  }
  static constexpr uint32_t Hash(std::string_view s) {
    uint32_t h = 2166136261u;  // FNV-1a
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
  }

 private:
  static constexpr size_t kSlots = 128;  // over twice the entries: short probes
  static constexpr size_t Slot(uint32_t h) { return (h ^ (h >> 15)) % kSlots; }
  std::array<KindName, kSlots> slots_{};
};
constexpr KindTable kKindTable;
static_assert(kKindTable.Find("p") == Kind::kParagraph && kKindTable.Find("body.content") == Kind::kContainer &&
              kKindTable.Find("span") == Kind::kOther && kKindTable.Find("ed-msg") == Kind::kSkip);
static_assert([] {
  for (const KindName& k : kKindNames) {
    if (k.name.size() > kMaxKindName || kKindTable.Find(k.name) != k.kind) return false;
  }
  return true;
}());

Kind Classify(const pugi::xml_node& node) {
  if (node.type() != pugi::node_element) return Kind::kOther;
  const std::string_view name = LocalName(node.name());
  std::array<char, kMaxKindName> lower;
  if (name.empty() || name.size() > lower.size()) return Kind::kOther;
  for (size_t i = 0; i < name.size(); ++i) lower[i] = LowerAscii(name[i]);
  return kKindTable.Find(std::string_view(lower.data(), name.size()));
}

bool IsBlockKind(Kind kind) {
  return kind == Kind::kParagraph || kind == Kind::kContainer || kind == Kind::kCell;
}

bool IsSkipped(const pugi::xml_node& node) { return Classify(node) == Kind::kSkip; }

// The node after the finished subtree of `n` in document order, staying under
// `root`; null at the end. `on_leave` sees `n` and every ancestor the walk
// climbs out of. Together with first_child() this walks a tree without recursion.
template <typename OnLeave>
pugi::xml_node NextAfterSubtree(pugi::xml_node n, const pugi::xml_node& root, OnLeave on_leave) {
  while (true) {
    on_leave(n);
    if (pugi::xml_node sibling = n.next_sibling()) return sibling;
    n = n.parent();
    if (!n || n == root) return {};
  }
}

pugi::xml_node NextAfterSubtree(const pugi::xml_node& n, const pugi::xml_node& root) {
  return NextAfterSubtree(n, root, [](const pugi::xml_node&) {});
}

// Appends the text under `root` (see Text) without collapsing spaces. Walks
// the subtree with explicit first-child/next-sibling/parent moves: no recursion.
void AppendRawText(const pugi::xml_node& root, bool (*skip)(const pugi::xml_node&),
                   std::string* out) {
  if (root.type() == pugi::node_pcdata || root.type() == pugi::node_cdata) {
    out->append(root.value());
    return;
  }
  pugi::xml_node n = root.first_child();
  while (n) {
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
      out->append(n.value());
    } else if (n.type() == pugi::node_element) {
      const Kind kind = Classify(n);
      if (kind == Kind::kBreak) {
        out->push_back(' ');
      } else if (skip == nullptr || !skip(n)) {
        if (IsBlockKind(kind)) out->push_back(' ');
        if (pugi::xml_node child = n.first_child()) {
          n = child;
          continue;
        }
      }
    }
    // `n` is finished: move on, closing each block element left behind.
    n = NextAfterSubtree(n, root, [out](const pugi::xml_node& left) {
      if (IsBlockKind(Classify(left))) out->push_back(' ');
    });
  }
}

// True if some element under `node` is a paragraph or container. Stops at the
// first one found; visits each node at most once.
bool HasBlockDescendant(const pugi::xml_node& node) {
  pugi::xml_node n = node.first_child();
  while (n) {
    if (n.type() == pugi::node_element) {
      const Kind kind = Classify(n);
      if (kind == Kind::kParagraph || kind == Kind::kContainer) return true;
      if (kind != Kind::kSkip) {
        if (pugi::xml_node child = n.first_child()) {
          n = child;
          continue;
        }
      }
    }
    n = NextAfterSubtree(n, node);
  }
  return false;
}

// Appends `s` with runs of XML whitespace collapsed to one space and trimmed
// (CollapseSpace) to *out.
void AppendCollapsed(std::string_view s, std::string* out) {
  const size_t start = out->size();
  bool pending = false;
  // Stretches of text whose only spaces are single ' ' between other
  // characters are copied whole, up to the next tab, line break or two spaces.
  for (size_t i = 0; i < s.size();) {
    if (IsXmlSpace(s[i])) {
      while (i < s.size() && IsXmlSpace(s[i])) ++i;
      pending = out->size() > start;
      continue;
    }
    size_t end = FindSpaceRunStart(s, i);
    if (end > i && s[end - 1] == ' ') --end;  // a space before a break or the end: collapsed with it
    if (pending) out->push_back(' ');
    pending = false;
    out->append(s.data() + i, end - i);
    i = end;
  }
}

// Where CollectParagraphs puts the paragraphs it finds: collapsed, empty ones
// dropped, either each in a list or joined with "\n\n" in one string.
class ParagraphOut {
 public:
  explicit ParagraphOut(std::vector<std::string>* list) : list_(list) {}
  explicit ParagraphOut(std::string* joined) : joined_(joined) {}

  // Adds the paragraph whose text, before collapsing, is `raw`.
  void Add(std::string_view raw) {
    if (raw.empty()) return;
    if (list_ != nullptr) {
      std::string p = CollapseSpace(raw);
      if (!p.empty()) list_->push_back(std::move(p));
      return;
    }
    const size_t before = joined_->size();
    if (before != 0) joined_->append("\n\n");
    const size_t start = joined_->size();
    AppendCollapsed(raw, joined_);
    if (joined_->size() == start) joined_->resize(before);  // nothing but spaces: no paragraph
  }

  // A buffer for one paragraph's raw text, reused from paragraph to paragraph.
  std::string& scratch() { return scratch_; }

 private:
  std::vector<std::string>* list_ = nullptr;
  std::string* joined_ = nullptr;
  std::string scratch_;
};

// Recursion is bounded by kMaxDepth; below that, blocks are flattened.
void CollectParagraphs(const pugi::xml_node& container, int depth, ParagraphOut* out) {
  std::string run;  // text standing directly in the container
  auto flush = [&] {
    out->Add(run);
    run.clear();
  };
  for (pugi::xml_node c = container.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      run.append(c.value());
      continue;
    }
    if (c.type() != pugi::node_element) continue;
    switch (Classify(c)) {
      case Kind::kSkip:
        break;
      case Kind::kBreak:
        flush();
        break;
      case Kind::kOther:
      case Kind::kCell:
        if (depth < kMaxDepth && HasBlockDescendant(c)) {
          flush();
          CollectParagraphs(c, depth + 1, out);
        } else {
          AppendRawText(c, &IsSkipped, &run);
        }
        break;
      case Kind::kParagraph:
      case Kind::kContainer: {
        flush();
        // The usual paragraph, <p>text</p>: its one text child is its raw
        // text (as AppendRawText would copy it), collapsed without a copy.
        const pugi::xml_node only = c.first_child();
        if (only && !only.next_sibling() &&
            (only.type() == pugi::node_pcdata || only.type() == pugi::node_cdata)) {
          out->Add(only.value());
          break;
        }
        if (depth < kMaxDepth && HasBlockDescendant(c)) {
          CollectParagraphs(c, depth + 1, out);
        } else {
          std::string& raw = out->scratch();
          raw.clear();
          AppendRawText(c, &IsSkipped, &raw);
          out->Add(raw);
        }
        break;
      }
    }
  }
  flush();
}

// Reads exactly `n` ASCII digits at `*pos`.
bool ReadDigits(std::string_view s, size_t* pos, size_t n, int* value) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *value = v;
  return true;
}

bool Consume(std::string_view s, size_t* pos, char c) {
  if (*pos < s.size() && s[*pos] == c) {
    ++*pos;
    return true;
  }
  return false;
}

struct TimeParts {
  int year = 0, month = 0, day = 0;
  bool has_time = false;
  int hour = 0, minute = 0, second = 0;
  int offset_minutes = 0;  // local time minus UTC
};

// Parses the basic and extended ISO 8601 forms described at NormalizeTime.
bool ParseTime(std::string_view v, TimeParts* t) {
  while (!v.empty() && IsXmlSpace(v.front())) v.remove_prefix(1);
  while (!v.empty() && IsXmlSpace(v.back())) v.remove_suffix(1);
  size_t pos = 0;
  if (!ReadDigits(v, &pos, 4, &t->year)) return false;
  const bool extended = Consume(v, &pos, '-');
  if (!ReadDigits(v, &pos, 2, &t->month)) return false;
  if (extended && !Consume(v, &pos, '-')) return false;
  if (!ReadDigits(v, &pos, 2, &t->day)) return false;
  const std::chrono::year_month_day ymd{std::chrono::year(t->year),
                                        std::chrono::month(static_cast<unsigned>(t->month)),
                                        std::chrono::day(static_cast<unsigned>(t->day))};
  if (!ymd.ok()) return false;
  if (pos == v.size()) return true;
  if (!Consume(v, &pos, 'T') && !Consume(v, &pos, 't') && !Consume(v, &pos, ' ')) return false;
  t->has_time = true;
  if (!ReadDigits(v, &pos, 2, &t->hour)) return false;
  const bool colon = Consume(v, &pos, ':');
  if (!ReadDigits(v, &pos, 2, &t->minute)) return false;
  if (pos < v.size() && (colon ? v[pos] == ':' : (v[pos] >= '0' && v[pos] <= '9'))) {
    if (colon) ++pos;
    if (!ReadDigits(v, &pos, 2, &t->second)) return false;
    if (Consume(v, &pos, '.') || Consume(v, &pos, ',')) {
      const size_t start = pos;
      while (pos < v.size() && v[pos] >= '0' && v[pos] <= '9') ++pos;
      if (pos == start) return false;
    }
  }
  if (t->hour > 23 || t->minute > 59 || t->second > 59) return false;
  if (pos == v.size()) return true;
  if (Consume(v, &pos, 'Z') || Consume(v, &pos, 'z')) return pos == v.size();
  const char sign = v[pos];
  if (sign != '+' && sign != '-') return false;
  ++pos;
  int oh = 0, om = 0;
  if (!ReadDigits(v, &pos, 2, &oh)) return false;
  Consume(v, &pos, ':');
  if (pos < v.size() && !ReadDigits(v, &pos, 2, &om)) return false;
  if (pos != v.size() || oh > 23 || om > 59) return false;
  t->offset_minutes = (sign == '+' ? 1 : -1) * (oh * 60 + om);
  return true;
}

std::string FormatDate(int year, unsigned month, unsigned day) { return FormatIsoDate(year, month, day); }


unsigned MonthNumber(std::string_view word) {
  std::string w;
  for (char c : word) {
    if (c != '.') w.push_back(LowerAscii(c));
  }
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (unsigned i = 0; i < kMonths.size(); ++i) {
    if (w == kMonths[i]) return i + 1;
    // Abbreviations: "Oct", "Sept".
    if (w.size() >= 3 && w.size() <= 4 && kMonths[i].substr(0, w.size()) == w) return i + 1;
  }
  return 0;
}

// "29", "29th" -> 29; 0 when not a day of a month.
unsigned DayNumber(std::string_view word) {
  size_t digits = 0;
  unsigned day = 0;
  while (digits < word.size() && word[digits] >= '0' && word[digits] <= '9') {
    day = day * 10 + static_cast<unsigned>(word[digits] - '0');
    if (++digits > 2) return 0;
  }
  if (digits == 0) return 0;
  const std::string_view rest = word.substr(digits);
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return 0;
  return day >= 1 && day <= 31 ? day : 0;
}

int YearNumber(std::string_view word) {
  if (word.size() != 4) return 0;
  int year = 0;
  for (char c : word) {
    if (c < '0' || c > '9') return 0;
    year = year * 10 + (c - '0');
  }
  return year >= 1900 && year <= 2200 ? year : 0;
}

std::vector<std::string_view> SplitWords(std::string_view s) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsXmlSpace(s[i])) ++i;
    const size_t start = i;
    while (i < s.size() && !IsXmlSpace(s[i])) ++i;
    if (i > start) words.push_back(s.substr(start, i - start));
  }
  return words;
}

std::string_view TrimPiece(std::string_view s) {
  while (!s.empty() && (IsXmlSpace(s.front()) || s.front() == ',')) s.remove_prefix(1);
  while (!s.empty() && (IsXmlSpace(s.back()) || s.back() == ',')) s.remove_suffix(1);
  return s;
}

// "Oct 29", "Oct. 29", "29 October", each optionally followed by a year.
bool ReadDate(std::string_view piece, TextDateline* d) {
  const auto words = SplitWords(piece);
  if (words.size() < 2 || words.size() > 3) return false;
  unsigned month = MonthNumber(words[0]);
  unsigned day = DayNumber(words[1]);
  if (month == 0 || day == 0) {
    day = DayNumber(words[0]);
    month = MonthNumber(words[1]);
  }
  if (month == 0 || day == 0) return false;
  int year = 0;
  if (words.size() == 3 && (year = YearNumber(words[2])) == 0) return false;
  d->month = month;
  d->day = day;
  if (year != 0) d->year = year;
  return true;
}

}  // namespace

bool Parse(std::string_view input, pugi::xml_document* doc, std::string* error) {
  std::string converted;
  if (!utf8::IsValid(input)) {
    converted = utf8::FromWindows1252(input);
    input = converted;
  }
  const pugi::xml_parse_result result =
      doc->load_buffer(input.data(), input.size(), kParseOptions, pugi::encoding_utf8);
  if (result) return true;
  *error = std::string(result.description()) + " at byte " + std::to_string(result.offset);
  return false;
}

RootTag FindRootTag(std::string_view input, size_t max_scan) {
  const std::string_view s = input.substr(0, std::min(input.size(), max_scan));
  size_t i = StartsWith(s, 0, "\xEF\xBB\xBF") ? 3 : 0;
  while (i < s.size()) {
    if (IsXmlSpace(s[i])) {
      ++i;
      continue;
    }
    if (s[i] != '<') return {};
    if (StartsWith(s, i, "<?")) {
      const size_t end = s.find("?>", i + 2);
      if (end == std::string_view::npos) return {};
      i = end + 2;
    } else if (StartsWith(s, i, "<!--")) {
      const size_t end = s.find("-->", i + 4);
      if (end == std::string_view::npos) return {};
      i = end + 3;
    } else if (StartsWith(s, i, "<!DOCTYPE")) {
      // Up to the '>' outside quotes and outside the [internal subset].
      size_t depth = 0;
      char quote = 0;
      size_t j = i + 9;
      for (; j < s.size(); ++j) {
        const char c = s[j];
        if (quote != 0) {
          if (c == quote) quote = 0;
        } else if (StartsWith(s, j, "<!--")) {
          const size_t end = s.find("-->", j + 4);
          if (end == std::string_view::npos) return {};
          j = end + 2;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '[') {
          ++depth;
        } else if (c == ']' && depth > 0) {
          --depth;
        } else if (c == '>' && depth == 0) {
          break;
        }
      }
      if (j >= s.size()) return {};
      i = j + 1;
    } else {
      size_t j = i + 1;
      if (j >= s.size()) return {};
      const unsigned char first = static_cast<unsigned char>(s[j]);
      if (!((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z') || first == '_' ||
            first >= 0x80)) {
        return {};
      }
      while (j < s.size() && !IsXmlSpace(s[j]) && s[j] != '>' && s[j] != '/') ++j;
      RootTag root;
      root.name = s.substr(i + 1, j - i - 1);
      char quote = 0;
      for (; j < s.size(); ++j) {
        if (quote != 0) {
          if (s[j] == quote) quote = 0;
        } else if (s[j] == '"' || s[j] == '\'') {
          quote = s[j];
        } else if (s[j] == '>') {
          ++j;
          break;
        }
      }
      root.tag = s.substr(i, j - i);
      return root;
    }
  }
  return {};
}

std::string_view LocalName(std::string_view qualified) {
  const size_t colon = qualified.rfind(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

bool Is(const pugi::xml_node& node, std::string_view local) {
  return node.type() == pugi::node_element && EqualsIgnoreCase(LocalName(node.name()), local);
}

pugi::xml_node Child(const pugi::xml_node& parent, std::string_view local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (Is(c, local)) return c;
  }
  return {};
}

pugi::xml_node Path(const pugi::xml_node& node, std::initializer_list<std::string_view> path) {
  pugi::xml_node n = node;
  for (std::string_view step : path) {
    if (!n) break;
    n = Child(n, step);
  }
  return n;
}

pugi::xml_node Descendant(const pugi::xml_node& node, std::string_view local) {
  pugi::xml_node n = node.first_child();
  while (n) {
    if (Is(n, local)) return n;
    if (pugi::xml_node child = n.first_child()) {
      n = child;
      continue;
    }
    n = NextAfterSubtree(n, node);
  }
  return {};
}

std::vector<pugi::xml_node> Children(const pugi::xml_node& parent, std::string_view local) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (Is(c, local)) out.push_back(c);
  }
  return out;
}

std::string Attr(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (EqualsIgnoreCase(LocalName(a.name()), local)) return CollapseSpace(a.value());
  }
  return "";
}

std::string Text(const pugi::xml_node& node, bool (*skip)(const pugi::xml_node&)) {
  std::string raw;
  AppendRawText(node, skip, &raw);
  return CollapseSpace(raw);
}

std::vector<std::string> Paragraphs(const pugi::xml_node& container) {
  std::vector<std::string> out;
  ParagraphOut to(&out);
  CollectParagraphs(container, 0, &to);
  return out;
}

void AppendParagraphs(const pugi::xml_node& container, std::string* joined) {
  ParagraphOut to(joined);
  CollectParagraphs(container, 0, &to);
}

std::string JoinParagraphs(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const std::string& p : paragraphs) {
    if (p.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

std::string CollapseSpace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendCollapsed(s, &out);
  return out;
}

std::string NormalizeTime(std::string_view value) {
  TimeParts t;
  if (!ParseTime(value, &t)) return "";
  if (!t.has_time) {
    return FormatDate(t.year, static_cast<unsigned>(t.month), static_cast<unsigned>(t.day));
  }
  using namespace std::chrono;
  const sys_days day{year_month_day{year(t.year), month(static_cast<unsigned>(t.month)),
                                    std::chrono::day(static_cast<unsigned>(t.day))}};
  const sys_seconds utc = day + hours(t.hour) + minutes(t.minute) + seconds(t.second) -
                          minutes(t.offset_minutes);
  const sys_days utc_day = floor<days>(utc);
  const year_month_day ymd{utc_day};
  const hh_mm_ss<seconds> hms{utc - utc_day};
  // "%04d-%02u-%02uT%02d:%02d:%02dZ": the time of day is always two digits each.
  std::string out = FormatIsoDate(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                                  static_cast<unsigned>(ymd.day()));
  char separator = 'T';
  for (const auto part : {hms.hours().count(), hms.minutes().count(), hms.seconds().count()}) {
    out.push_back(separator);
    separator = ':';
    out.push_back(static_cast<char>('0' + part / 10));
    out.push_back(static_cast<char>('0' + part % 10));
  }
  out.push_back('Z');
  return out;
}

std::string LocalDate(std::string_view value) {
  TimeParts t;
  if (!ParseTime(value, &t)) return "";
  return FormatDate(t.year, static_cast<unsigned>(t.month), static_cast<unsigned>(t.day));
}

std::string LanguageCode(std::string_view tag) {
  tag = TrimPiece(tag);
  const size_t end = tag.find_first_of("-_");
  const std::string_view primary = tag.substr(0, end);
  if (primary.size() != 2) return "";
  std::string code;
  for (char c : primary) {
    const char l = LowerAscii(c);
    if (l < 'a' || l > 'z') return "";
    code.push_back(l);
  }
  return code;
}

std::string NormalCaseCity(std::string_view location) { return dateline::NormalCaseCity(location); }

std::string CleanByline(std::string_view byline) {
  std::string s = CollapseSpace(byline);
  std::string_view v = s;
  if (EqualsIgnoreCase(v, "by") || EqualsIgnoreCase(v, "by:")) return "";
  if (v.size() > 3 && EqualsIgnoreCase(v.substr(0, 2), "by") && (v[2] == ' ' || v[2] == ':')) {
    v.remove_prefix(3);
  }
  while (!v.empty() && (v.front() == ' ' || v.front() == ':')) v.remove_prefix(1);
  while (!v.empty()) {
    if (v.back() == ' ' || v.back() == ',' || v.back() == ';' || v.back() == '-') {
      v.remove_suffix(1);
    } else if (v.size() >= 3 && (v.substr(v.size() - 3) == "\xE2\x80\x94" ||
                                 v.substr(v.size() - 3) == "\xE2\x80\x93")) {
      v.remove_suffix(3);  // em or en dash
    } else {
      break;
    }
  }
  return std::string(v);
}

std::string_view StripTrailingSeparators(std::string_view s) {
  while (!s.empty()) {
    if (s.back() == ' ' || s.back() == '-' || s.back() == ':' || s.back() == '_' || s.back() == ',') {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && (s.substr(s.size() - 3) == "\xE2\x80\x94" ||
                                 s.substr(s.size() - 3) == "\xE2\x80\x93")) {
      s.remove_suffix(3);  // em or en dash
    } else {
      break;
    }
  }
  return s;
}

TextDateline SplitDateline(std::string_view text) {
  TextDateline d;
  std::string collapsed = CollapseSpace(text);
  std::string_view s = collapsed;
  s = StripTrailingSeparators(s);
  // Comma-separated pieces, the date (and a year) last.
  std::vector<std::string_view> pieces;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t comma = s.find(',', start);
    const size_t end = comma == std::string_view::npos ? s.size() : comma;
    pieces.push_back(TrimPiece(s.substr(start, end - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (pieces.size() >= 2) {
    if (const int year = YearNumber(pieces.back()); year != 0) {
      TextDateline probe;
      if (ReadDate(pieces[pieces.size() - 2], &probe)) {
        d = probe;
        d.year = year;
        pieces.pop_back();
        pieces.pop_back();
      }
    }
  }
  if (d.month == 0 && !pieces.empty() && ReadDate(pieces.back(), &d)) pieces.pop_back();
  while (!pieces.empty() && pieces.back().empty()) pieces.pop_back();
  if (!pieces.empty()) {
    const std::string_view first = pieces.front();
    const std::string_view last = pieces.back();
    const size_t length = static_cast<size_t>(last.data() + last.size() - first.data());
    d.location = std::string(first.data(), length);
  }
  return d;
}

std::string ResolveDatelineDate(int year, unsigned month, unsigned day, std::string_view reference) {
  if (month == 0 || day == 0) return "";
  const int64_t reference_ms = reference.empty() ? -1 : IsoDateMs(reference);
  return ResolveDate(ParsedDate{year, month, day}, reference_ms);
}

void AddKeyword(std::vector<std::string>* keywords, std::string keyword) {
  if (keyword.empty() || keywords->size() >= kMaxListItems) return;
  for (const std::string& k : *keywords) {
    if (k == keyword) return;
  }
  keywords->push_back(std::move(keyword));
}

void AddSubject(std::vector<Subject>* subjects, Subject subject) {
  if (subject.code.empty() || subjects->size() >= kMaxListItems) return;
  for (const Subject& s : *subjects) {
    if (s.code == subject.code) return;
  }
  subjects->push_back(std::move(subject));
}

int PositiveNumber(std::string_view s) {
  while (!s.empty() && IsXmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsXmlSpace(s.back())) s.remove_suffix(1);
  if (s.empty() || s.size() > 6) return 0;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::string UrgencyFromText(std::string_view s) {
  while (!s.empty() && IsXmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsXmlSpace(s.back())) s.remove_suffix(1);
  if (s.size() != 1 || s[0] < '1' || s[0] > '9') return "";
  return UrgencyFromDigit(s[0] - '0');
}

std::string DateOfTimestamp(int64_t timestamp_ms) {
  using namespace std::chrono;
  const sys_days day = floor<days>(sys_time<milliseconds>(milliseconds(timestamp_ms)));
  const year_month_day ymd{day};
  return FormatDate(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                    static_cast<unsigned>(ymd.day()));
}

}  // namespace dateline::xml
