// Record: one input report on its way through the pipeline.
//
// Ownership: a Record owns its input bytes through `payload_owner` (the Kafka
// message, or a string in offline mode); `payload` views those bytes and stays
// valid for the Record's lifetime. Stages fill the other fields in place. A
// Record is moved, never copied, and is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline {

// Version of the output record schema (config/schema/record.v1.json).
inline constexpr int kSchemaVersion = 1;

// Keeps the storage behind Record::payload alive.
class PayloadOwner {
 public:
  virtual ~PayloadOwner() = default;
};

// Half-open byte range [start, end) into Record::text.
struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
};

// Where the report came from.
struct Source {
  std::string topic;
  int32_t partition = -1;
  int64_t offset = -1;
  int64_t timestamp_ms = -1;  // message timestamp (create or log-append); -1 if none
  std::optional<std::string> key;
  std::string file;  // offline mode: the input file, when the report came from one
};

struct Agency {
  std::string code;  // canonical short code: REUTERS, AP, or the unknown tag itself (WNAM)
  std::string name;  // full name when known
  std::string raw;   // as written, e.g. "WNAM REPORT"
};

struct DatelineInfo {
  std::string raw;       // the whole dateline as written, e.g. "ISLAMABAD, Oct 29 (Reuters) -"
  std::string location;  // place as written, e.g. "RAWALPINDI/ISLAMABAD"
  std::string city;      // first place in normal case, e.g. "Rawalpindi"
  std::string country_code;  // ISO 3166-1 alpha-2 when known
  std::string date;          // ISO 8601: YYYY-MM-DD, or --MM-DD when the year is unknown
  std::string date_source;   // "text" (the dateline), "metadata" (the feed) or "timestamp" (the message)
};

// A subject code given by the feed, e.g. {"medtop:16000000", "conflict, war and peace"}.
struct Subject {
  std::string code;
  std::string name;
};

// A credit or boilerplate line taken out of the body so that nothing is lost.
struct Credit {
  std::string kind;  // reporting, writing, editing, compiling, signoff, copyright, contact, advisory, heading
  std::string text;  // as written
};

// Where the item stands in its story's life, e.g. {"UPDATE 2", "update", 2}.
struct VersionInfo {
  std::string label;  // as written: "UPDATE 2", "CORRECTED", "REFILE", "2nd Writethru", "(LEAD)"
  std::string kind;   // update, correction, refile, repeat, wrapup, writethru, lead, kill, withdrawn, version
  int number = 0;     // 0 when the label has none
};

// ---- Enrichment (daemon/enrich/): tokens, entities, quotations ----

// One token of Record::text: a word (letters/digits run; hyphens, dots and
// apostrophes between letters split words and mark the next one kGlued) or a
// single punctuation character. `hash` is a 64-bit hash of the folded word
// (lower case, accents removed; see enrich/tokenize.h), 0 for punctuation.
struct Token {
  enum Flag : uint16_t {
    kWord = 1 << 0,
    kCapital = 1 << 1,     // first letter upper case
    kAllCaps = 1 << 2,     // every letter upper case, at least two letters
    kDigit = 1 << 3,       // starts with a digit
    kGlued = 1 << 4,       // joined to the previous word by '-', '.', '\'' or nothing
    kParagraph = 1 << 5,   // first token of a paragraph
    kSentence = 1 << 6,    // first token of a sentence
    kPossessive = 1 << 7,  // the "s" of "Pakistan's"
    kNewline = 1 << 8,     // a line break lies between this token and the previous one
  };
  uint32_t start = 0;
  uint32_t end = 0;
  uint64_t hash = 0;
  char32_t cp = 0;  // punctuation: the character; words: 0
  uint16_t flags = 0;
  bool is(uint16_t f) const { return (flags & f) != 0; }
};

struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

// One distinct entity; mentions are byte spans into Record::text (the sink
// writes code points and each mention's text).
struct Entity {
  std::string text;  // canonical form
  std::string type;  // PERSON, ORGANIZATION, LOCATION, MISC
  std::string kind;  // LOCATION: country/admin1/city; MISC: nationality/event/agreement/law; ORG: dictionary kind
  std::vector<Span> mentions;
  double salience = 0;  // 0..1
  std::string title;    // PERSON: title or role as written ("Information Minister")
  std::string acronym;  // ORGANIZATION/MISC: acronym defined in the text or known
  std::string country_code;  // LOCATION, nationality MISC: ISO 3166-1 alpha-2
  std::string admin1;        // LOCATION: ISO 3166-2 code (admin1) or GeoNames admin1 code "PK.04" (city)
  std::optional<GeoPoint> geo;
  std::string gazetteer_id;  // "geonames:1176615", "iso3166-2:PK-PB", "iso3166-1:PK"
};

// A direct quotation: span covers the quote marks; text is the words inside.
struct Quote {
  Span span;
  std::string text;
  std::string speaker;       // canonical text of a PERSON or ORGANIZATION entity; empty if unknown
  std::string speaker_type;  // PERSON or ORGANIZATION; empty if unknown
  std::string cue;           // said, added, wrote, told...; empty if none
};

// --- Signals and duplicates (daemon/signals, daemon/dedup) ---

// Evidence for a topic: a matched rule term and where it stands in Record::text.
struct TopicEvidence {
  std::string term;  // the rule's term, as configured
  Span span;
};

// An IPTC Media Topic assigned by the topic rules (config/topics.yaml).
struct Topic {
  std::string code;   // "medtop:16000000"
  std::string label;  // IPTC's English label
  double score = 0;   // 0..1
  std::vector<TopicEvidence> evidence;
};

// Document tone in the spirit of GDELT's: percentages of the word count.
struct Tone {
  double tone = 0;      // positive - negative
  double positive = 0;  // % of words with positive valence
  double negative = 0;  // % of words with negative valence
  double polarity = 0;  // positive + negative
  int32_t score = 0;    // sum of lexicon valences (after negation)
  uint32_t positive_words = 0;
  uint32_t negative_words = 0;
  uint32_t words = 0;
};

// A count or amount stated in the text: "at least 12 people were killed".
struct Fact {
  double value = 0;
  std::string qualifier;  // "at least", "more than", "about", "up to"...; empty if exact
  std::string unit;       // currency code (USD, PKR, EUR...) or "percent"; empty for counts
  std::string kind;       // what is counted: "people", "soldiers", "troops"; "money", "percent"
  std::string event;      // what happened to them: "killed", "wounded", "arrested"; empty if none
  std::string text;       // the phrase as written
  Span span;
};

struct Fingerprints {
  std::string content_hash;  // xxh3-64 hex of the folded body: equal for exact copies
  uint64_t simhash = 0;      // 64-bit SimHash over word shingles: close for near copies
};

struct Record {
  // Input.
  std::unique_ptr<PayloadOwner> payload_owner;
  std::string_view payload;
  Source source;
  std::string format_hint;  // from a message header or the topic's config; empty: detect

  // Filled by the stages.
  std::string text;  // normalized body: paragraphs separated by "\n\n"
  std::string format = "text";
  std::string id;
  std::string item_id;    // the feed's own id (NITF doc-id, NewsML guid, ninjs uri, JSON id)
  std::string published;  // ISO 8601 time given by the feed's metadata, if any
  std::optional<std::string> headline;
  std::optional<std::string> byline;
  std::optional<std::string> slug;
  std::string urgency;  // flash, bulletin, urgent, normal, deferred; empty until decided
  std::optional<VersionInfo> version;
  std::optional<std::string> corrects;  // what a correction names as its target
  std::string language;                 // ISO 639-1
  std::string language_source;          // "metadata" or "detected"
  std::optional<Agency> agency;         // code may be empty until the agency table resolves it
  std::optional<DatelineInfo> dateline;
  std::vector<std::string> keywords;
  std::vector<Subject> subjects;
  std::vector<Credit> credits;
  std::vector<Span> paragraphs;
  std::vector<Span> sentences;
  uint32_t word_count = 0;
  bool encoding_repaired = false;
  // Enrichment (daemon/enrich/).
  std::vector<Token> tokens;  // one tokenization of `text`, shared by the enrichment stages
  std::vector<Entity> entities;
  std::vector<Quote> quotes;

  // Signals (daemon/signals) and duplicates (daemon/dedup); empty until those stages run.
  std::vector<Topic> topics;
  std::optional<Tone> tone;
  std::vector<Fact> facts;
  std::optional<Fingerprints> fingerprints;
  std::optional<std::string> duplicate_of;  // id of the earlier record this one copies
  std::optional<std::string> story_id;      // id of the story thread's first record

  Record() = default;
  Record(Record&&) = default;
  Record& operator=(Record&&) = default;
  Record(const Record&) = delete;
  Record& operator=(const Record&) = delete;
};

// Makes a Record that owns a copy of `bytes` (offline mode and tests).
Record RecordFromBytes(std::string bytes, Source source = {});

}  // namespace dateline
