#include "sink/record_json.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/utf8.h"
#include "sink/json_writer.h"

namespace dateline {
namespace {

// Byte offsets into a text -> code point offsets: the number of bytes before
// the offset that are not UTF-8 continuation bytes (10xxxxxx), as
// utf8::CountCodepoints counts; offsets past the end map as the end. O(1) per
// lookup in any order: identity for a text without continuation bytes, else a
// table of counts at every 16-byte block boundary (built with SSE2 in one pass).
class CodepointIndex {
 public:
  explicit CodepointIndex(std::string_view text) : text_(text) {
    const size_t blocks = text.size() / 16;
    size_t b = 0;
    while (b < blocks && Continuations(b * 16, 16) == 0) ++b;
    if (b < blocks) {  // the first one: the table, zero up to that block
      continuations_.resize(blocks + 1);
      uint32_t* table = continuations_.data();
      size_t continuation = 0;
      for (; b < blocks; ++b) {
        continuation += Continuations(b * 16, 16);
        table[b + 1] = static_cast<uint32_t>(continuation);
      }
    }
    // The last partial block, bytewise; a continuation byte there also needs the table.
    for (size_t i = blocks * 16; i < text.size() && continuations_.empty(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continuations_.assign(blocks + 1, 0);
    }
  }

  int64_t operator()(uint32_t byte) const {
    const size_t b = std::min<size_t>(byte, text_.size());
    if (continuations_.empty()) return static_cast<int64_t>(b);
    // Continuation bytes before the block of b, then those in the block before b.
    const size_t block = b / 16, rest = b % 16;
    size_t continuation = continuations_[block];
    if (rest) {
      if (block * 16 + 16 <= text_.size()) {
        continuation += Continuations(block * 16, rest);
      } else {
        for (size_t i = block * 16; i < b; ++i) continuation += (static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80;
      }
    }
    return static_cast<int64_t>(b - continuation);
  }

 private:
  // Continuation bytes in text_[i, i + n), n <= 16; reads the 16 bytes at i.
  size_t Continuations(size_t i, size_t n) const {
#if defined(__SSE2__)
    // Continuation bytes 0x80..0xBF are, as signed bytes, the ones below -64;
    // lanes at n and above are cleared; the byte sums of 0/1 lanes add them up.
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text_.data() + i));
    const __m128i lanes = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m128i in_range = _mm_cmplt_epi8(lanes, _mm_set1_epi8(static_cast<char>(n)));
    const __m128i ones = _mm_and_si128(_mm_and_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(-64)), in_range), _mm_set1_epi8(1));
    const __m128i sums = _mm_sad_epu8(ones, _mm_setzero_si128());
    return static_cast<size_t>(_mm_cvtsi128_si32(sums) + _mm_extract_epi16(sums, 4));
#else
    size_t c = 0;
    for (size_t k = 0; k < n; ++k) c += (static_cast<unsigned char>(text_[i + k]) & 0xC0) == 0x80;
    return c;
#endif
  }

  std::string_view text_;
  // continuations_[k]: continuation bytes in text_[0, 16k); empty if the text has none.
  std::vector<uint32_t> continuations_;
};

// "start" and "end" of a span, in code points.
JsonWriter& WriteSpan(JsonWriter& w, const CodepointIndex& cp, const Span& s) {
  return w.SpanMembers(cp(s.start), cp(s.end));
}

constexpr size_t kIsoTimestampBuffer = 64;

// Writes IsoTimestamp(timestamp_ms) into buf (kIsoTimestampBuffer bytes);
// returns its length.
size_t FormatIsoTimestamp(int64_t timestamp_ms, char* buf) {
  constexpr int64_t kDay = 86'400'000;
  constexpr int64_t kYear10000 = 253'402'300'800'000;  // 10000-01-01T00:00:00Z
  if (timestamp_ms >= 0 && timestamp_ms < kYear10000) {
    // Years 1970..9999: the civil date from the day number (H. Hinnant's
    // days_from_civil inverse), digits written directly.
    const int64_t days = timestamp_ms / kDay, ms = timestamp_ms % kDay;
    const int64_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    const int64_t day = doy - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9;
    const int64_t year = yoe + era * 400 + (month <= 2);
    auto digits = [&](char* p, int64_t v, int n) {
      for (int i = n - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
    };
    // 2025-10-29T08:15:00.000Z
    digits(buf, year, 4);
    buf[4] = '-';
    digits(buf + 5, month, 2);
    buf[7] = '-';
    digits(buf + 8, day, 2);
    buf[10] = 'T';
    digits(buf + 11, ms / 3'600'000, 2);
    buf[13] = ':';
    digits(buf + 14, ms / 60'000 % 60, 2);
    buf[16] = ':';
    digits(buf + 17, ms / 1000 % 60, 2);
    buf[19] = '.';
    digits(buf + 20, ms % 1000, 3);
    buf[23] = 'Z';
    return 24;
  }
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds(timestamp_ms)};
  const auto day = floor<days>(t);
  const year_month_day ymd(day);
  const hh_mm_ss hms(t - day);
  const int n = std::snprintf(buf, kIsoTimestampBuffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                              static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                              static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                              static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                              static_cast<int>(hms.subseconds().count()));
  return std::min<size_t>(static_cast<size_t>(n), kIsoTimestampBuffer - 1);
}

// Always inline: the literal key's check in Field and NullField then folds away.
[[gnu::always_inline]] inline void OptionalString(JsonWriter& w, std::string_view key, const std::string& value) {
  if (value.empty()) w.NullField(key); else w.Field(key, value);
}

void WriteSource(JsonWriter& w, const Source& s) {
  w.Key("source").BeginObject();
  OptionalString(w, "topic", s.topic);
  w.Key("partition").Int(s.partition);
  w.Key("offset").Int(s.offset);
  w.Key("timestamp");
  if (s.timestamp_ms >= 0) {
    char buf[kIsoTimestampBuffer];
    w.String(std::string_view(buf, FormatIsoTimestamp(s.timestamp_ms, buf)));
  } else {
    w.Null();
  }
  w.Key("key");
  if (s.key) w.String(*s.key); else w.Null();
  if (!s.file.empty()) w.Field("file", s.file);
  w.EndObject();
}


// Topics, tone, facts, fingerprints and duplicate links (daemon/signals, daemon/dedup).
void WriteSignals(JsonWriter& w, const Record& r, const CodepointIndex& cp) {
  auto span = [&](const Span& s) { WriteSpan(w, cp, s); };
  w.Key("topics").BeginArray();
  for (const Topic& t : r.topics) {
    w.BeginObject().Field("code", t.code).Field("label", t.label).Key("score").Number(t.score);
    w.Key("evidence").BeginArray();
    for (const TopicEvidence& e : t.evidence) w.FieldSpanObject("term", e.term, cp(e.span.start), cp(e.span.end));
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
    char hex[16];
    for (int i = 0; i < 16; ++i) hex[i] = "0123456789abcdef"[(r.fingerprints->simhash >> (60 - 4 * i)) & 0xF];
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
void WriteEnrichment(JsonWriter& w, const Record& r, const CodepointIndex& cp) {
  const std::string_view text = r.text;
  if (r.entities.empty() && r.quotes.empty()) {
    w.Key("entities").BeginArray().EndArray().Key("quotes").BeginArray().EndArray();
    return;
  }
  auto span = [&](const Span& s) { WriteSpan(w, cp, s); };
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
    for (const Span& m : e.mentions) w.SpanFieldObject(cp(m.start), cp(m.end), "text", text.substr(m.start, m.end - m.start));
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
  char buf[kIsoTimestampBuffer];
  return std::string(buf, FormatIsoTimestamp(timestamp_ms, buf));
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
  const CodepointIndex cp(r.text);
  auto code_points = [&cp](const std::vector<Span>& spans) {
    return [&cp, &spans](size_t i) { return std::pair(cp(spans[i].start), cp(spans[i].end)); };
  };
  w.Key("paragraphs").BeginArray().SpanObjects(r.paragraphs.size(), code_points(r.paragraphs)).EndArray();
  w.Key("sentences").BeginArray().SpanObjects(r.sentences.size(), code_points(r.sentences)).EndArray();
  w.Key("word_count").Int(r.word_count);
  w.Key("credits").BeginArray();
  for (const auto& c : r.credits) w.BeginObject().Field("kind", c.kind).Field("text", c.text).EndObject();
  w.EndArray();
  w.Key("encoding_repaired").Bool(r.encoding_repaired);
  WriteEnrichment(w, r, cp);
  WriteSignals(w, r, cp);
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
