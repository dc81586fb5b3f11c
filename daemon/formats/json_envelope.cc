#include "formats/json_envelope.h"

#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "formats/anpa.h"
#include "formats/html_text.h"
#include "formats/ninjs.h"
#include "formats/xml.h"

namespace dateline {

using Json = nlohmann::json;
using Pointer = std::optional<Json::json_pointer>;

struct JsonEnvelopeParser::Pointers {
  Pointer id, headline, body, byline, slug, language, published, agency, dateline, location,
      urgency, keywords, version;
};

namespace {

// Collapses white space and trims (single-line metadata fields).
std::string OneLine(std::string_view s) { return xml::CollapseSpace(s); }

// An empty pointer means "not mapped"; an invalid one maps nothing either.
Pointer Compile(const std::string& pointer) {
  if (pointer.empty()) return std::nullopt;
  try {
    return Json::json_pointer(pointer);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The value `pointer` designates in `root`; nullptr when unmapped, absent or null.
const Json* Resolve(const Json& root, const Pointer& pointer) {
  if (!pointer) return nullptr;
  try {
    if (!root.contains(*pointer)) return nullptr;
    const Json& value = root.at(*pointer);
    return value.is_null() ? nullptr : &value;
  } catch (const std::exception&) {
    return nullptr;  // e.g. an array index too large to represent
  }
}

std::string StringOf(const Json* v) {
  return v != nullptr && v->is_string() ? v->get<std::string>() : std::string();
}

// A whole JSON number (3, 3.0) as an integer.
std::optional<long long> WholeNumber(const Json* v) {
  if (v == nullptr) return std::nullopt;
  if (v->is_number_unsigned()) {
    const auto u = v->get<unsigned long long>();
    if (u > 1000000000000000ULL) return std::nullopt;
    return static_cast<long long>(u);
  }
  if (v->is_number_integer()) return v->get<long long>();
  if (v->is_number_float()) {
    const double d = v->get<double>();
    if (d >= -1e15 && d <= 1e15 && d == static_cast<double>(static_cast<long long>(d))) {
      return static_cast<long long>(d);
    }
  }
  return std::nullopt;
}

bool LooksLikeMarkup(std::string_view value) {
  const std::string_view t = TrimSpace(value);
  return !t.empty() && t.front() == '<';
}

std::string BodyPart(const std::string& part) {
  return LooksLikeMarkup(part) ? HtmlToText(part) : part;
}

// The body: a string, or paragraphs as an array of strings.
std::string BodyOf(const Json* v) {
  if (v == nullptr) return "";
  if (v->is_string()) return BodyPart(v->get<std::string>());
  if (!v->is_array()) return "";
  std::string text;
  for (const Json& element : *v) {
    if (!element.is_string()) continue;
    const std::string paragraph(TrimSpace(BodyPart(element.get<std::string>())));
    if (paragraph.empty()) continue;
    if (!text.empty()) text += "\n\n";
    text += paragraph;
  }
  return text;
}

std::string IdOf(const Json* v) {
  if (v == nullptr) return "";
  if (v->is_string()) return OneLine(v->get<std::string>());
  if (v->is_number_unsigned()) return std::to_string(v->get<unsigned long long>());
  if (v->is_number_integer()) return std::to_string(v->get<long long>());
  return "";
}

std::optional<std::string> NonEmpty(std::string s) {
  if (s.empty()) return std::nullopt;
  return s;
}

std::optional<std::string> BylineOf(const Json* v) {
  return NonEmpty(xml::CleanByline(StringOf(v)));
}

// A dateline written as text, split into its parts.
struct WrittenDateline {
  std::string place;       // "KARACHI"; empty when the text names none
  std::string agency_tag;  // "Reuters" in "KARACHI, Oct 29 (Reuters) -"; may be empty
  xml::TextDateline split;  // the date, if any
};

// Splits "KARACHI, Oct 29 (Reuters) -": trailing separators and a bracketed
// agency tag at the end come off, the rest is place and date (xml::SplitDateline).
WrittenDateline SplitWrittenDateline(std::string_view raw) {
  WrittenDateline d;
  std::string_view s = raw;
  auto strip_separators = [&s] { s = xml::StripTrailingSeparators(s); };
  strip_separators();
  if (!s.empty() && s.back() == ')') {
    const size_t open = s.rfind('(');
    if (open != std::string_view::npos) {
      d.agency_tag = OneLine(s.substr(open + 1, s.size() - open - 2));
      s = s.substr(0, open);
      strip_separators();
    }
  }
  d.split = xml::SplitDateline(s);
  d.place = d.split.location;
  return d;
}

// Urgency from a word ("flash", "Bulletin", "URGENT", "normal", "deferred") or
// a single digit 1-9 written as a string; "" for anything else.
std::string UrgencyFromText(std::string_view s) {
  std::string word = OneLine(s);
  for (char& c : word) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (word.size() == 1 && word[0] >= '1' && word[0] <= '9') return UrgencyFromDigit(word[0] - '0');
  for (std::string_view known : {"flash", "bulletin", "urgent", "normal", "deferred"}) {
    if (word == known) return word;
  }
  return "";
}

// Version from a label: digits only are a version number
// (json_item::VersionFromNumber); words are classified as ANPA version labels
// are (wire::ParseVersion: "UPDATE 2" {update, 2}, "CORRECTED" {correction, 0}).
std::optional<VersionInfo> VersionFromLabel(std::string_view label) {
  const std::string text = OneLine(label);
  if (text.empty()) return std::nullopt;
  if (text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos) {
    return json_item::VersionFromNumber(std::stoll(text));
  }
  return wire::ParseVersion(text);
}

std::string UrgencyOf(const Json* v) {
  if (const auto n = WholeNumber(v)) {
    return *n >= 1 && *n <= 9 ? UrgencyFromDigit(static_cast<int>(*n)) : "";
  }
  return UrgencyFromText(StringOf(v));
}

std::optional<VersionInfo> VersionOf(const Json* v) {
  if (const auto n = WholeNumber(v)) return json_item::VersionFromNumber(*n);
  return VersionFromLabel(StringOf(v));
}

void KeywordsOf(const Json* v, std::vector<std::string>* out) {
  if (v == nullptr) return;
  if (v->is_string()) {
    json_item::AddKeywordList(v->get<std::string>(), out);
  } else if (v->is_array()) {
    for (const Json& e : *v) {
      if (e.is_string()) json_item::AddKeyword(e.get<std::string>(), out);
    }
  }
}

// Fills record.dateline from a dateline written as text and/or a place, as
// the NewsML-G2 parser does with <dateline> and <located>: raw is the written
// dateline (else the place), location the mapped place (else the written
// one's), the date the written one's, its year resolved against the item's
// publication time (else the message timestamp). An agency tag in the
// written dateline becomes agency.raw when the agency is not mapped.
void ReadDateline(const std::string& written, const std::string& place, Record& record) {
  if (written.empty() && place.empty()) return;
  const WrittenDateline parsed = SplitWrittenDateline(written);
  DatelineInfo info;
  info.raw = written.empty() ? place : written;
  info.location = place.empty() ? parsed.place : place;
  if (!info.location.empty()) info.city = xml::NormalCaseCity(info.location);
  if (parsed.split.month != 0) {
    std::string reference = record.published;
    if (reference.empty() && record.source.timestamp_ms >= 0) {
      reference = xml::DateOfTimestamp(record.source.timestamp_ms);
    }
    info.date = xml::ResolveDatelineDate(parsed.split.year, parsed.split.month, parsed.split.day,
                                         reference);
    if (!info.date.empty()) info.date_source = "text";
  }
  record.dateline = std::move(info);
  if (!record.agency && !parsed.agency_tag.empty()) {
    record.agency = Agency{"", "", parsed.agency_tag};
  }
}

Verdict Malformed(std::string reason) {
  return Verdict::DeadLetter(ErrorCode::kMalformedItem, "json: " + std::move(reason));
}

}  // namespace

JsonEnvelopeParser::JsonEnvelopeParser(const JsonMappingConfig& m)
    : pointers_(std::make_unique<const Pointers>(Pointers{
          Compile(m.id), Compile(m.headline), Compile(m.body), Compile(m.byline),
          Compile(m.slug), Compile(m.language), Compile(m.published), Compile(m.agency),
          Compile(m.dateline), Compile(m.location), Compile(m.urgency), Compile(m.keywords),
          Compile(m.version)})) {}

JsonEnvelopeParser::~JsonEnvelopeParser() = default;

int JsonEnvelopeParser::Sniff(std::string_view input) const {
  const std::string_view s = TrimSpace(json_item::SkipBomAndSpace(input));
  return !s.empty() && s.front() == '{' && s.back() == '}' ? 10 : 0;
}

Verdict JsonEnvelopeParser::Parse(std::string_view input, Record& record) const {
  try {
    Json item;
    if (std::string problem = json_item::ParseJsonItem(input, &item); !problem.empty()) {
      return Malformed(std::move(problem));
    }
    const Pointers& p = *pointers_;

    std::string body = BodyOf(Resolve(item, p.body));
    if (TrimSpace(body).empty()) return Malformed("item has no body (no text at the body pointer)");
    record.text = std::move(body);
    record.item_id = IdOf(Resolve(item, p.id));
    record.headline = NonEmpty(OneLine(StringOf(Resolve(item, p.headline))));
    record.byline = BylineOf(Resolve(item, p.byline));
    record.slug = NonEmpty(OneLine(StringOf(Resolve(item, p.slug))));
    if (std::string language = xml::LanguageCode(StringOf(Resolve(item, p.language)));
        !language.empty()) {
      record.language = std::move(language);
      record.language_source = "metadata";
    }
    record.published = xml::NormalizeTime(StringOf(Resolve(item, p.published)));
    if (std::string agency = OneLine(StringOf(Resolve(item, p.agency))); !agency.empty()) {
      record.agency = Agency{"", "", std::move(agency)};
    }
    ReadDateline(OneLine(StringOf(Resolve(item, p.dateline))),
                 OneLine(StringOf(Resolve(item, p.location))), record);
    record.urgency = UrgencyOf(Resolve(item, p.urgency));
    KeywordsOf(Resolve(item, p.keywords), &record.keywords);
    record.version = VersionOf(Resolve(item, p.version));
    return Verdict::Continue();
  } catch (const std::exception& e) {
    return Malformed(std::string("cannot read item: ") + e.what());
  } catch (...) {
    return Malformed("cannot read item");
  }
}

}  // namespace dateline
