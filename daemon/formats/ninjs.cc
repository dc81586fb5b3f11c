#include "formats/ninjs.h"

#include <array>
#include <exception>
#include <initializer_list>
#include <nlohmann/json.hpp>

#include "formats/html_text.h"
#include "formats/xml.h"

namespace dateline {

using Json = nlohmann::json;

// ---------------------------------------------------------------------------
// Shared JSON helpers.

namespace json_item {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string_view SkipBomAndSpace(std::string_view input) {
  if (input.substr(0, 3) == "\xEF\xBB\xBF") input.remove_prefix(3);
  while (!input.empty() && IsSpace(input.front())) input.remove_prefix(1);
  return input;
}

bool DepthWithin(std::string_view json, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

std::string PrecheckJsonItem(std::string_view input) {
  const std::string_view s = SkipBomAndSpace(input);
  if (s.empty()) return "empty input, not a JSON object";
  if (s.front() != '{') return "not a JSON object";
  if (!DepthWithin(s, kMaxJsonDepth)) {
    return "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
  }
  return "";
}

std::string ParseJsonItem(std::string_view input, nlohmann::json* item) {
  if (std::string problem = PrecheckJsonItem(input); !problem.empty()) return problem;
  const std::string_view text = SkipBomAndSpace(input);
  try {
    *item = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    return "invalid JSON at byte " + std::to_string(e.byte);
  }
  return item->is_object() ? "" : "not a JSON object";
}

std::optional<VersionInfo> VersionFromNumber(long long n) {
  if (n <= 1) return std::nullopt;
  const int number = n > 1000000 ? 1000000 : static_cast<int>(n);
  return VersionInfo{"version " + std::to_string(number), "version", number};
}

void AddKeyword(std::string_view k, std::vector<std::string>* out) {
  std::string keyword = xml::CollapseSpace(k);
  if (keyword.empty()) return;
  for (const auto& existing : *out) {
    if (existing == keyword) return;
  }
  out->push_back(std::move(keyword));
}

void AddKeywordList(std::string_view s, std::vector<std::string>* out) {
  size_t start = 0;
  while (start <= s.size()) {
    const size_t end = s.find_first_of(",;", start);
    const size_t length = end == std::string_view::npos ? std::string_view::npos : end - start;
    AddKeyword(s.substr(start, length), out);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
}

}  // namespace json_item

// ---------------------------------------------------------------------------
// ninjs.

namespace {

// Collapses white space and trims (single-line metadata fields).
std::string OneLine(std::string_view s) { return xml::CollapseSpace(s); }

// How much of the input Sniff looks at.
constexpr size_t kSniffBytes = 64 * 1024;

// Top-level keys that only ninjs uses, in every generation's spelling.
bool IsNinjsKey(std::string_view key) {
  static constexpr std::array<std::string_view, 34> kKeys = {
      "headlines",        "bodies",          "body_text",          "body_html",
      "body_xhtml",       "versioncreated",  "versionCreated",     "firstcreated",
      "firstCreated",     "contentcreated",  "contentCreated",     "pubstatus",
      "pubStatus",        "slugline",        "located",            "infosource",
      "infosources",      "infoSources",     "altids",             "altIds",
      "ednote",           "edNote",          "copyrightholder",    "copyrightHolder",
      "representationtype", "representationType", "embargoedUntil", "standard",
      "$standard",        "renditions",      "associations",       "trustindicators",
      "trustIndicators",  "type"};
  for (auto k : kKeys) {
    if (key == k) return true;
  }
  return false;
}

Verdict Malformed(std::string reason) {
  return Verdict::DeadLetter(ErrorCode::kMalformedItem, "ninjs: " + std::move(reason));
}

// The member `name` of `object` when present and not null, else nullptr.
const Json* Member(const Json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(std::string(name));
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

// The first of `names` present in `object`.
const Json* AnyMember(const Json& object, std::initializer_list<std::string_view> names) {
  for (auto name : names) {
    if (const Json* v = Member(object, name)) return v;
  }
  return nullptr;
}

// The string value of `v`, or "" when it is absent or not a string.
std::string StringOf(const Json* v) {
  return v != nullptr && v->is_string() ? v->get<std::string>() : std::string();
}

// A whole number from a JSON number (2, 2.0) or a string of digits ("2").
std::optional<long long> IntegerOf(const Json* v) {
  if (v == nullptr) return std::nullopt;
  if (v->is_number_integer()) return v->get<long long>();
  if (v->is_number_float()) {
    const double d = v->get<double>();
    if (d >= -1e15 && d <= 1e15 && d == static_cast<double>(static_cast<long long>(d))) {
      return static_cast<long long>(d);
    }
    return std::nullopt;
  }
  if (v->is_string()) {
    const std::string s(TrimSpace(v->get<std::string>()));
    if (s.empty() || s.size() > 15) return std::nullopt;
    for (char c : s) {
      if (c < '0' || c > '9') return std::nullopt;
    }
    return std::stoll(s);
  }
  return std::nullopt;
}

std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

enum class Markup { kPlain, kHtml };

// A body found in the item, ranked: the lowest rank wins, then the earliest.
struct BodyCandidate {
  int rank = 0;
  Markup markup = Markup::kPlain;
  std::string value;
};

bool LooksLikeMarkup(std::string_view value) {
  const std::string_view t = TrimSpace(value);
  return !t.empty() && t.front() == '<';
}

// Ranks a body by its content type and role (see ninjs.h):
//   0 text/plain, role main     1 text/plain
//   2 HTML/XHTML, role main     3 HTML/XHTML
//   4 no content type (HTML when it starts with '<')
//   5 another type (markup such as NITF XML has its tags dropped)
BodyCandidate RankBody(std::string_view content_type, std::string_view role, std::string value) {
  std::string type = LowerCopy(TrimSpace(content_type.substr(0, content_type.find(';'))));
  const bool main = LowerCopy(TrimSpace(role)) == "main";
  BodyCandidate c;
  c.value = std::move(value);
  if (type == "text/plain" || type == "text") {
    c.rank = main ? 0 : 1;
  } else if (type.find("html") != std::string::npos) {
    c.rank = main ? 2 : 3;
    c.markup = Markup::kHtml;
  } else if (type.empty()) {
    c.rank = 4;
    c.markup = LooksLikeMarkup(c.value) ? Markup::kHtml : Markup::kPlain;
  } else {
    c.rank = 5;
    c.markup = LooksLikeMarkup(c.value) ? Markup::kHtml : Markup::kPlain;
  }
  return c;
}

// The body text of the item, or "" when it has none.
std::string FindBody(const Json& item) {
  std::optional<BodyCandidate> best;  // its value already converted to text
  auto consider = [&](BodyCandidate c) {
    if (best && c.rank >= best->rank) return;
    // Markup that holds no text (only a script, empty paragraphs) is no body.
    if (c.markup == Markup::kHtml) c.value = HtmlToText(c.value);
    if (TrimSpace(c.value).empty()) return;
    best = std::move(c);
  };
  if (const Json* bodies = Member(item, "bodies"); bodies != nullptr && bodies->is_array()) {
    for (const Json& body : *bodies) {
      if (!body.is_object()) continue;
      const Json* value = Member(body, "value");
      if (value == nullptr || !value->is_string()) continue;
      consider(RankBody(StringOf(AnyMember(body, {"contenttype", "contentType", "mimetype"})),
                        StringOf(Member(body, "role")), value->get<std::string>()));
    }
  }
  // 1.x: body_text, body_html and other body_<purpose> strings.
  for (const auto& [key, value] : item.items()) {
    if (key.rfind("body_", 0) != 0 || !value.is_string()) continue;
    const std::string purpose = LowerCopy(key.substr(5));
    const std::string_view type = purpose == "text"                           ? "text/plain"
                                  : purpose.find("html") != std::string::npos ? "text/html"
                                                                               : "application/x";
    consider(RankBody(type, "", value.get<std::string>()));
  }
  // Not ninjs, but sent by some producers that otherwise follow it.
  if (const Json* body = Member(item, "body"); body != nullptr && body->is_string()) {
    BodyCandidate c = RankBody("", "", body->get<std::string>());
    c.rank = 6;  // after everything ninjs defines
    consider(std::move(c));
  }
  return best ? std::move(best->value) : std::string();
}

// Headline: headlines[] with role "main", else its first usable entry, else
// the 1.x headline string.
std::optional<std::string> FindHeadline(const Json& item) {
  auto text_of = [](const Json& h) -> std::string {
    const std::string value = StringOf(Member(h, "value"));
    const std::string type = LowerCopy(StringOf(AnyMember(h, {"contenttype", "contentType"})));
    return OneLine(type.find("html") != std::string::npos ? HtmlToText(value) : value);
  };
  if (const Json* list = Member(item, "headlines"); list != nullptr && list->is_array()) {
    std::optional<std::string> first;
    for (const Json& h : *list) {
      if (!h.is_object()) continue;
      std::string text = text_of(h);
      if (text.empty()) continue;
      if (LowerCopy(StringOf(Member(h, "role"))) == "main") return text;
      if (!first) first = std::move(text);
    }
    if (first) return first;
  }
  std::string headline = OneLine(StringOf(Member(item, "headline")));
  if (!headline.empty()) return headline;
  return std::nullopt;
}

std::optional<std::string> FindByline(const Json& item) {
  std::string by = xml::CleanByline(StringOf(AnyMember(item, {"by", "byline"})));
  if (by.empty()) return std::nullopt;
  return by;
}

// A subject code: IPTC media topic and subject code URIs as qcodes.
std::string SubjectCode(const Json& s) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 2> kSchemes = {{
      {"cv.iptc.org/newscodes/mediatopic/", "medtop:"},
      {"cv.iptc.org/newscodes/subjectcode/", "subj:"},
  }};
  auto qcode = [](std::string_view uri) -> std::string {
    std::string_view rest = uri;
    for (std::string_view scheme_prefix : {"http://", "https://"}) {
      if (rest.substr(0, scheme_prefix.size()) == scheme_prefix) {
        rest.remove_prefix(scheme_prefix.size());
        break;
      }
    }
    for (const auto& [prefix, alias] : kSchemes) {
      if (rest.substr(0, prefix.size()) == prefix && rest.size() > prefix.size()) {
        return std::string(alias) + std::string(rest.substr(prefix.size()));
      }
    }
    return std::string(uri);
  };
  const std::string code = OneLine(StringOf(Member(s, "code")));
  if (!code.empty()) {
    const std::string scheme = OneLine(StringOf(Member(s, "scheme")));
    if (code.find(':') == std::string::npos && !scheme.empty()) {
      std::string joined = scheme;
      if (joined.back() != '/') joined.push_back('/');
      joined += code;
      const std::string q = qcode(joined);
      if (q != joined) return q;
    }
    return code;
  }
  const std::string uri = OneLine(StringOf(Member(s, "uri")));
  if (!uri.empty()) return qcode(uri);
  return OneLine(StringOf(Member(s, "literal")));
}

void FindSubjects(const Json& item, std::vector<Subject>* out) {
  const Json* list = AnyMember(item, {"subjects", "subject"});
  if (list == nullptr || !list->is_array()) return;
  for (const Json& s : *list) {
    if (!s.is_object()) continue;
    Subject subject{SubjectCode(s), OneLine(StringOf(Member(s, "name")))};
    if (subject.code.empty() && subject.name.empty()) continue;
    bool seen = false;
    for (const auto& existing : *out) {
      seen |= existing.code == subject.code && existing.name == subject.name;
    }
    if (!seen) out->push_back(std::move(subject));
  }
}

void FindKeywords(const Json& item, std::vector<std::string>* out) {
  const Json* k = Member(item, "keywords");
  if (k == nullptr) return;
  if (k->is_string()) {
    json_item::AddKeywordList(k->get<std::string>(), out);
  } else if (k->is_array()) {
    for (const Json& e : *k) {
      if (e.is_string()) json_item::AddKeyword(e.get<std::string>(), out);
    }
  }
}

std::string FindAgency(const Json& item) {
  const Json* sources = AnyMember(item, {"infosources", "infoSources", "infosource"});
  if (sources != nullptr && sources->is_array()) {
    for (const Json& s : *sources) {
      if (!s.is_object()) continue;
      std::string name = OneLine(StringOf(Member(s, "name")));
      if (!name.empty()) return name;
    }
  }
  return OneLine(StringOf(AnyMember(item, {"copyrightholder", "copyrightHolder"})));
}

std::optional<VersionInfo> FindVersion(const Json& item) {
  std::optional<VersionInfo> version;
  if (const auto n = IntegerOf(Member(item, "version"))) {
    version = json_item::VersionFromNumber(*n);
  }
  const std::string status = OneLine(StringOf(AnyMember(item, {"pubstatus", "pubStatus"})));
  std::string bare = LowerCopy(status);
  if (const size_t colon = bare.rfind(':'); colon != std::string::npos) bare.erase(0, colon + 1);
  if (bare == "canceled" || bare == "cancelled") {
    version = VersionInfo{status, "kill", 0};
  } else if (bare == "withheld") {
    version = VersionInfo{status, "withdrawn", 0};
  }
  return version;
}

Verdict ParseItem(std::string_view input, Record& record) {
  Json item;
  if (std::string problem = json_item::ParseJsonItem(input, &item); !problem.empty()) {
    return Malformed(std::move(problem));
  }

  std::string body = FindBody(item);
  if (TrimSpace(body).empty()) {
    const std::string type = OneLine(StringOf(Member(item, "type")));
    return Malformed(type.empty() || type == "text"
                         ? "item has no text body (bodies[], body_text or body_html)"
                         : "item of type \"" + type + "\" has no text body");
  }
  record.text = std::move(body);
  record.item_id = OneLine(StringOf(Member(item, "uri")));
  record.headline = FindHeadline(item);
  record.byline = FindByline(item);
  if (std::string slug = OneLine(StringOf(Member(item, "slugline"))); !slug.empty()) {
    record.slug = std::move(slug);
  }
  if (std::string located = OneLine(StringOf(Member(item, "located"))); !located.empty()) {
    DatelineInfo dateline;
    dateline.raw = located;
    dateline.city = xml::NormalCaseCity(located);
    dateline.location = std::move(located);
    record.dateline = std::move(dateline);
  }
  if (std::string language = xml::LanguageCode(StringOf(Member(item, "language")));
      !language.empty()) {
    record.language = std::move(language);
    record.language_source = "metadata";
  }
  if (const auto urgency = IntegerOf(Member(item, "urgency")); urgency && *urgency >= 1 &&
                                                               *urgency <= 9) {
    record.urgency = UrgencyFromDigit(static_cast<int>(*urgency));
  }
  record.published =
      xml::NormalizeTime(StringOf(AnyMember(item, {"versioncreated", "versionCreated"})));
  if (record.published.empty()) {
    record.published =
        xml::NormalizeTime(StringOf(AnyMember(item, {"firstcreated", "firstCreated"})));
  }
  record.version = FindVersion(item);
  FindSubjects(item, &record.subjects);
  FindKeywords(item, &record.keywords);
  if (std::string agency = FindAgency(item); !agency.empty()) {
    record.agency = Agency{"", "", std::move(agency)};
  }
  return Verdict::Continue();
}

// Keys at the top level of the JSON object at the start of `s` (which begins
// with '{'), read without parsing; stops at the end of the object or of `s`.
// Calls on_key(key) for each; stops early when it returns true.
template <typename OnKey>
void ScanTopLevelKeys(std::string_view s, OnKey on_key) {
  int depth = 0;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '"') {
      size_t j = i + 1;
      while (j < s.size() && s[j] != '"') j += s[j] == '\\' ? 2 : 1;
      if (j >= s.size()) return;  // the string runs past what we look at
      const std::string_view str = s.substr(i + 1, j - i - 1);
      i = j + 1;
      if (depth != 1) continue;
      size_t k = i;
      while (k < s.size() && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r')) ++k;
      if (k < s.size() && s[k] == ':' && on_key(str)) return;
      continue;
    }
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth <= 0) return;
    }
    ++i;
  }
}

}  // namespace

int NinjsParser::Sniff(std::string_view input) const {
  const std::string_view s = json_item::SkipBomAndSpace(input);
  if (s.empty() || s.front() != '{') return 0;
  bool uri = false, ninjs_key = false;
  ScanTopLevelKeys(s.substr(0, kSniffBytes), [&](std::string_view key) {
    if (key == "uri") {
      uri = true;
    } else if (IsNinjsKey(key)) {
      ninjs_key = true;
    }
    return uri && ninjs_key;
  });
  return uri && ninjs_key ? 90 : 0;
}

Verdict NinjsParser::Parse(std::string_view input, Record& record) const {
  try {
    return ParseItem(input, record);
  } catch (const std::exception& e) {
    return Malformed(std::string("cannot read item: ") + e.what());
  } catch (...) {
    return Malformed("cannot read item");
  }
}

}  // namespace dateline
