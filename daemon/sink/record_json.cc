#include "sink/record_json.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

#include "core/utf8.h"
#include "sink/json_writer.h"

namespace dateline {
namespace {

// Converts ascending byte offsets into code point offsets in one pass.
class CodepointMapper {
 public:
  explicit CodepointMapper(std::string_view text) : text_(text) {}

  int64_t Map(uint32_t byte) {
    if (byte < byte_) byte_ = 0, cp_ = 0;  // not ascending: start over
    const size_t end = std::min<size_t>(byte, text_.size());
    if (end > byte_) cp_ += utf8::CountCodepoints(text_.substr(byte_, end - byte_)), byte_ = end;
    return static_cast<int64_t>(cp_);
  }

 private:
  std::string_view text_;
  size_t byte_ = 0;
  size_t cp_ = 0;
};

void OptionalString(JsonWriter& w, std::string_view key, const std::string& value) {
  w.Key(key);
  if (value.empty()) w.Null(); else w.String(value);
}

void WriteSource(JsonWriter& w, const Source& s) {
  w.Key("source").BeginObject();
  OptionalString(w, "topic", s.topic);
  w.Key("partition").Int(s.partition);
  w.Key("offset").Int(s.offset);
  w.Key("timestamp");
  if (s.timestamp_ms >= 0) w.String(IsoTimestamp(s.timestamp_ms)); else w.Null();
  w.Key("key");
  if (s.key) w.String(*s.key); else w.Null();
  if (!s.file.empty()) w.Field("file", s.file);
  w.EndObject();
}


// Topics, tone, facts, fingerprints and duplicate links (daemon/signals, daemon/dedup).
void WriteSignals(JsonWriter& w, const Record& r, CodepointMapper& map) {
  auto span = [&](const Span& s) { w.Key("start").Int(map.Map(s.start)).Key("end").Int(map.Map(s.end)); };
  w.Key("topics").BeginArray();
  for (const Topic& t : r.topics) {
    w.BeginObject().Field("code", t.code).Field("label", t.label).Key("score").Number(t.score);
    w.Key("evidence").BeginArray();
    for (const TopicEvidence& e : t.evidence) {
      w.BeginObject().Field("term", e.term);
      span(e.span);
      w.EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray();
  w.Key("tone");
  if (r.tone) {
    const Tone& t = *r.tone;
    w.BeginObject().Key("tone").Number(t.tone).Key("positive").Number(t.positive).Key("negative").Number(t.negative);
    w.Key("polarity").Number(t.polarity).Key("score").Int(t.score).Key("positive_words").Int(t.positive_words);
    w.Key("negative_words").Int(t.negative_words).Key("words").Int(t.words).EndObject();
  } else {
    w.Null();
  }
  w.Key("facts").BeginArray();
  for (const Fact& f : r.facts) {
    w.BeginObject().Key("value");
    if (f.value == std::floor(f.value) && std::fabs(f.value) < 1e15) {
      w.Int(static_cast<int64_t>(f.value));  // counts and round amounts as integers
    } else {
      w.Number(f.value);
    }
    OptionalString(w, "qualifier", f.qualifier);
    OptionalString(w, "unit", f.unit);
    w.Field("kind", f.kind);
    OptionalString(w, "event", f.event);
    w.Field("text", f.text);
    span(f.span);
    w.EndObject();
  }
  w.EndArray();
  w.Key("fingerprints");
  if (r.fingerprints) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(r.fingerprints->simhash));
    w.BeginObject().Field("content_hash", r.fingerprints->content_hash).Field("simhash", std::string_view(hex, 16));
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("duplicate_of");
  if (r.duplicate_of) w.String(*r.duplicate_of); else w.Null();
  w.Key("story_id");
  if (r.story_id) w.String(*r.story_id); else w.Null();
}

// Enrichment: entities and quotations, spans in code points.
void WriteEnrichment(JsonWriter& w, const Record& r) {
  const std::string_view text = r.text;
  if (r.entities.empty() && r.quotes.empty()) {
    w.Key("entities").BeginArray().EndArray().Key("quotes").BeginArray().EndArray();
    return;
  }
  // Byte -> code point offsets: identity for ASCII text, else a prefix table.
  std::vector<uint32_t> cps;
  const bool ascii = utf8::CountCodepoints(text) == text.size();
  if (!ascii) {
    cps.resize(text.size() + 1);
    uint32_t cp = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      cps[i] = cp;
      cp += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    }
    cps[text.size()] = cp;
  }
  auto offset = [&](uint32_t byte) -> int64_t {
    const size_t b = std::min<size_t>(byte, text.size());
    return ascii ? static_cast<int64_t>(b) : static_cast<int64_t>(cps[b]);
  };
  auto span = [&](const Span& s) { w.Key("start").Int(offset(s.start)).Key("end").Int(offset(s.end)); };
  w.Key("entities").BeginArray();
  for (const Entity& e : r.entities) {
    w.BeginObject().Field("text", e.text).Field("type", e.type);
    if (!e.kind.empty()) w.Field("kind", e.kind);
    w.Key("salience").Number(e.salience);
    if (!e.title.empty()) w.Field("title", e.title);
    if (!e.acronym.empty()) w.Field("acronym", e.acronym);
    if (!e.country_code.empty()) w.Field("country_code", e.country_code);
    if (!e.admin1.empty()) w.Field("admin1", e.admin1);
    if (e.geo) w.Key("geo").BeginObject().Key("lat").Number(e.geo->lat).Key("lon").Number(e.geo->lon).EndObject();
    if (!e.gazetteer_id.empty()) w.Field("gazetteer_id", e.gazetteer_id);
    w.Key("mentions").BeginArray();
    for (const Span& m : e.mentions) {
      w.BeginObject();
      span(m);
      w.Field("text", text.substr(m.start, m.end - m.start)).EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray();
  w.Key("quotes").BeginArray();
  for (const Quote& q : r.quotes) {
    w.BeginObject();
    span(q.span);
    w.Field("text", q.text);
    OptionalString(w, "speaker", q.speaker);
    OptionalString(w, "speaker_type", q.speaker_type);
    OptionalString(w, "cue", q.cue);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

std::string IsoTimestamp(int64_t timestamp_ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds(timestamp_ms)};
  const auto day = floor<days>(t);
  const year_month_day ymd(day);
  const hh_mm_ss hms(t - day);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
  return buf;
}

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                       static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i < bytes.size()) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

void AppendRecordJson(const Record& r, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("schema_version").Int(kSchemaVersion);
  w.Field("id", r.id);
  OptionalString(w, "item_id", r.item_id);
  w.Field("format", r.format);
  WriteSource(w, r.source);
  OptionalString(w, "published", r.published);
  w.Key("agency");
  if (r.agency) {
    w.BeginObject();
    w.Field("code", r.agency->code);
    OptionalString(w, "name", r.agency->name);
    w.Field("raw", r.agency->raw);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("dateline");
  if (r.dateline) {
    const DatelineInfo& d = *r.dateline;
    w.BeginObject();
    OptionalString(w, "raw", d.raw);
    OptionalString(w, "location", d.location);
    OptionalString(w, "city", d.city);
    OptionalString(w, "country_code", d.country_code);
    OptionalString(w, "date", d.date);
    OptionalString(w, "date_source", d.date_source);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("headline");
  if (r.headline) w.String(*r.headline); else w.Null();
  w.Key("byline");
  if (r.byline) w.String(*r.byline); else w.Null();
  w.Key("slug");
  if (r.slug) w.String(*r.slug); else w.Null();
  OptionalString(w, "urgency", r.urgency);
  w.Key("version");
  if (r.version) {
    w.BeginObject().Field("label", r.version->label).Field("kind", r.version->kind);
    w.Key("number").Int(r.version->number).EndObject();
  } else {
    w.Null();
  }
  w.Key("corrects");
  if (r.corrects) w.String(*r.corrects); else w.Null();
  OptionalString(w, "language", r.language);
  OptionalString(w, "language_source", r.language_source);
  w.Key("keywords").BeginArray();
  for (const auto& k : r.keywords) w.String(k);
  w.EndArray();
  w.Key("subjects").BeginArray();
  for (const auto& sub : r.subjects) {
    w.BeginObject().Field("code", sub.code);
    OptionalString(w, "name", sub.name);
    w.EndObject();
  }
  w.EndArray();
  w.Field("text", r.text);
  CodepointMapper map(r.text);
  w.Key("paragraphs").BeginArray();
  for (const Span& p : r.paragraphs) {
    w.BeginObject().Key("start").Int(map.Map(p.start)).Key("end").Int(map.Map(p.end)).EndObject();
  }
  w.EndArray();
  w.Key("sentences").BeginArray();
  for (const Span& p : r.sentences) {
    w.BeginObject().Key("start").Int(map.Map(p.start)).Key("end").Int(map.Map(p.end)).EndObject();
  }
  w.EndArray();
  w.Key("word_count").Int(r.word_count);
  w.Key("credits").BeginArray();
  for (const auto& c : r.credits) w.BeginObject().Field("kind", c.kind).Field("text", c.text).EndObject();
  w.EndArray();
  w.Key("encoding_repaired").Bool(r.encoding_repaired);
  WriteEnrichment(w, r);
  WriteSignals(w, r, map);
  w.EndObject();
}

void AppendDeadLetterJson(const Record& r, const Verdict& verdict, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("schema_version").Int(kSchemaVersion);
  w.Key("dead_letter").Bool(true);
  w.Key("error").BeginObject();
  w.Field("code", ErrorCodeName(verdict.code));
  w.Field("message", verdict.reason);
  w.EndObject();
  WriteSource(w, r.source);
  const bool is_text = utf8::IsValid(r.payload) && r.payload.find('\0') == std::string_view::npos;
  if (is_text) {
    w.Field("payload", r.payload);
  } else {
    w.Field("payload_base64", Base64(r.payload));
  }
  w.EndObject();
}

}  // namespace dateline
