// Tests for the generic JSON format: sniffing, the default and custom
// mappings, wrong types, and hostile input.
#include "formats/json_envelope.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "formats/ninjs.h"

namespace dateline {
namespace {

constexpr char kFull[] = R"({
  "id": "pk-wire-20251029-0042",
  "headline": "Power restored to most of  Quetta",
  "body": "Electricity was restored to most districts of the city on Wednesday evening.)"
    R"(\n\nEngineers said the last feeders would be back by morning.",
  "byline": "By Imran Baloch",
  "slug": "PAKISTAN-POWER",
  "language": "en-PK",
  "published": "2025-10-29T19:45:00+05:00",
  "agency": "Balochistan News Service",
  "dateline": "QUETTA, Oct 29",
  "location": "QUETTA",
  "urgency": 4,
  "keywords": ["power", "Quetta"],
  "version": 2
})";

Record ParseOk(const JsonEnvelopeParser& p, std::string_view input) {
  Record r;
  const Verdict v = p.Parse(input, r);
  EXPECT_TRUE(v.ok()) << v.reason;
  return r;
}

Record ParseOk(std::string_view input) {
  return ParseOk(JsonEnvelopeParser(JsonMappingConfig{}), input);
}

Verdict ParseVerdict(std::string_view input, const JsonMappingConfig& m = {}) {
  Record r;
  return JsonEnvelopeParser(m).Parse(input, r);
}

TEST(JsonEnvelopeTest, NameIsJson) {
  EXPECT_EQ(JsonEnvelopeParser(JsonMappingConfig{}).Name(), "json");
}

TEST(JsonEnvelopeSniffTest, AnyJsonObjectScoresLow) {
  const JsonEnvelopeParser p{JsonMappingConfig{}};
  EXPECT_EQ(p.Sniff(kFull), 10);
  EXPECT_EQ(p.Sniff("\xEF\xBB\xBF\n  {\"a\": 1}\n"), 10);
  EXPECT_EQ(p.Sniff("{}"), 10);
  EXPECT_EQ(p.Sniff(""), 0);
  EXPECT_EQ(p.Sniff("[1, 2]"), 0);
  EXPECT_EQ(p.Sniff("{\"truncated\": "), 0);
  EXPECT_EQ(p.Sniff("QUETTA, Oct 29 (APP): Power was restored"), 0);
  EXPECT_EQ(p.Sniff("<nitf/>"), 0);
}

TEST(JsonEnvelopeSniffTest, NinjsWinsOverTheGenericFormat) {
  const std::string ninjs = R"({"uri":"u","type":"text","bodies":[{"value":"b"}]})";
  EXPECT_EQ(JsonEnvelopeParser(JsonMappingConfig{}).Sniff(ninjs), 10);
  EXPECT_GT(NinjsParser().Sniff(ninjs), 10);
  // A generic item is not taken for ninjs.
  EXPECT_EQ(NinjsParser().Sniff(kFull), 0);
}

TEST(JsonEnvelopeTest, DefaultMappingEveryField) {
  const Record r = ParseOk(kFull);
  EXPECT_EQ(r.item_id, "pk-wire-20251029-0042");
  EXPECT_EQ(r.headline, "Power restored to most of Quetta");
  EXPECT_EQ(r.text,
            "Electricity was restored to most districts of the city on Wednesday evening.\n\n"
            "Engineers said the last feeders would be back by morning.");
  EXPECT_EQ(r.byline, "Imran Baloch");
  EXPECT_EQ(r.slug, "PAKISTAN-POWER");
  EXPECT_EQ(r.language, "en");
  EXPECT_EQ(r.language_source, "metadata");
  EXPECT_EQ(r.published, "2025-10-29T14:45:00Z");
  ASSERT_TRUE(r.agency);
  EXPECT_EQ(r.agency->raw, "Balochistan News Service");
  EXPECT_EQ(r.agency->code, "");
  ASSERT_TRUE(r.dateline);
  EXPECT_EQ(r.dateline->raw, "QUETTA, Oct 29");
  EXPECT_EQ(r.dateline->location, "QUETTA");
  EXPECT_EQ(r.dateline->city, "Quetta");
  EXPECT_EQ(r.dateline->date, "2025-10-29");  // the year from published
  EXPECT_EQ(r.dateline->date_source, "text");
  EXPECT_EQ(r.urgency, "normal");
  EXPECT_EQ(r.keywords, (std::vector<std::string>{"power", "Quetta"}));
  ASSERT_TRUE(r.version);
  EXPECT_EQ(r.version->label, "version 2");
  EXPECT_EQ(r.version->kind, "version");
  EXPECT_EQ(r.version->number, 2);
}

TEST(JsonEnvelopeTest, MinimalItemLeavesOtherFieldsEmpty) {
  const Record r = ParseOk(R"({"body":"Only a body."})");
  EXPECT_EQ(r.text, "Only a body.");
  EXPECT_EQ(r.item_id, "");
  EXPECT_FALSE(r.headline);
  EXPECT_FALSE(r.byline);
  EXPECT_FALSE(r.slug);
  EXPECT_FALSE(r.agency);
  EXPECT_FALSE(r.dateline);
  EXPECT_FALSE(r.version);
  EXPECT_EQ(r.urgency, "");
  EXPECT_EQ(r.language, "");
  EXPECT_EQ(r.language_source, "");
  EXPECT_EQ(r.published, "");
  EXPECT_TRUE(r.keywords.empty());
}

TEST(JsonEnvelopeTest, BodyAsParagraphArray) {
  EXPECT_EQ(ParseOk(R"({"body":["First.", "  ", "Second.", 3, ["nested"], {"p":"x"}, null,
                              "Third."]})")
                .text,
            "First.\n\nSecond.\n\nThird.");
}

TEST(JsonEnvelopeTest, HtmlBody) {
  EXPECT_EQ(ParseOk(R"({"body":"<p>One &amp; two.</p><p>Three.</p>"})").text,
            "One & two.\n\nThree.");
  EXPECT_EQ(ParseOk(R"({"body":["<p>A</p>", "B < C"]})").text, "A\n\nB < C");
}

TEST(JsonEnvelopeTest, DatelineWithoutLocation) {
  const Record r = ParseOk(R"({"body":"b","dateline":"GILGIT, Oct 30 (Mountain Wire) -"})");
  ASSERT_TRUE(r.dateline);
  EXPECT_EQ(r.dateline->raw, "GILGIT, Oct 30 (Mountain Wire) -");
  EXPECT_EQ(r.dateline->location, "GILGIT");
  EXPECT_EQ(r.dateline->city, "Gilgit");
  EXPECT_EQ(r.dateline->date, "--10-30");  // no year, no publication time, no timestamp
  EXPECT_EQ(r.dateline->date_source, "text");
  ASSERT_TRUE(r.agency);  // the tag, since no agency is mapped
  EXPECT_EQ(r.agency->raw, "Mountain Wire");

  const Record sukkur =
      ParseOk(R"({"body":"b","agency":"Sindh Post","dateline":"SUKKUR (SP) \u2014"})");
  EXPECT_EQ(sukkur.dateline->location, "SUKKUR");
  EXPECT_EQ(sukkur.dateline->date, "");
  EXPECT_EQ(sukkur.agency->raw, "Sindh Post");  // the mapped agency wins

  const Record larkana = ParseOk(R"({"body":"b","dateline":"LARKANA, Pakistan, 3 July 2025:"})");
  EXPECT_EQ(larkana.dateline->location, "LARKANA, Pakistan");
  EXPECT_EQ(larkana.dateline->city, "Larkana");
  EXPECT_EQ(larkana.dateline->date, "2025-07-03");
  EXPECT_FALSE(larkana.agency);
}

TEST(JsonEnvelopeTest, DatelineYearFromMessageTimestamp) {
  Record r;
  r.source.timestamp_ms = 1767225600000;  // 2026-01-01T00:00:00Z
  ASSERT_TRUE(JsonEnvelopeParser(JsonMappingConfig{})
                  .Parse(R"({"body":"b","dateline":"KARACHI, Dec 31"})", r)
                  .ok());
  EXPECT_EQ(r.dateline->date, "2025-12-31");
}

TEST(JsonEnvelopeTest, LocationWithoutDateline) {
  const Record r = ParseOk(R"({"body":"b","location":"Mingora, Swat"})");
  ASSERT_TRUE(r.dateline);
  EXPECT_EQ(r.dateline->raw, "Mingora, Swat");
  EXPECT_EQ(r.dateline->date, "");
  EXPECT_EQ(r.dateline->location, "Mingora, Swat");
  EXPECT_EQ(r.dateline->city, "Mingora");
}

TEST(JsonEnvelopeTest, IdMayBeANumber) {
  EXPECT_EQ(ParseOk(R"({"body":"b","id":12345})").item_id, "12345");
  EXPECT_EQ(ParseOk(R"({"body":"b","id":-7})").item_id, "-7");
  EXPECT_EQ(ParseOk(R"({"body":"b","id":18446744073709551615})").item_id, "18446744073709551615");
  EXPECT_EQ(ParseOk(R"({"body":"b","id":1.5})").item_id, "");
}

TEST(JsonEnvelopeTest, UrgencyDigitsAndWords) {
  auto urgency = [](const std::string& value) {
    return ParseOk(R"({"body":"b","urgency":)" + value + "}").urgency;
  };
  EXPECT_EQ(urgency("1"), "flash");
  EXPECT_EQ(urgency("3.0"), "urgent");
  EXPECT_EQ(urgency("\"2\""), "bulletin");
  EXPECT_EQ(urgency("\"Flash\""), "flash");
  EXPECT_EQ(urgency("\"deferred\""), "deferred");
  EXPECT_EQ(urgency("0"), "");
  EXPECT_EQ(urgency("12"), "");
  EXPECT_EQ(urgency("\"very high\""), "");
  EXPECT_EQ(urgency("true"), "");
  EXPECT_EQ(urgency("18446744073709551615"), "");
}

TEST(JsonEnvelopeTest, KeywordsStringOrArray) {
  EXPECT_EQ(ParseOk(R"({"body":"b","keywords":"floods, relief ;Sindh"})").keywords,
            (std::vector<std::string>{"floods", "relief", "Sindh"}));
  EXPECT_EQ(ParseOk(R"({"body":"b","keywords":["a", 1, ["b"], "a", " c "]})").keywords,
            (std::vector<std::string>{"a", "c"}));
}

TEST(JsonEnvelopeTest, VersionNumberOrLabel) {
  auto version = [](const std::string& value) {
    return ParseOk(R"({"body":"b","version":)" + value + "}").version;
  };
  EXPECT_FALSE(version("1"));
  EXPECT_FALSE(version("\"1\""));
  EXPECT_EQ(version("3")->number, 3);
  EXPECT_EQ(version("\"3\"")->label, "version 3");
  EXPECT_EQ(version("\"UPDATE 2\"")->kind, "update");
  EXPECT_EQ(version("\"UPDATE 2\"")->number, 2);
  EXPECT_EQ(version("\"CORRECTED\"")->kind, "correction");
  EXPECT_FALSE(version("[2]"));
  EXPECT_FALSE(version("\"\""));
}

TEST(JsonEnvelopeTest, CustomMappingWithNestedPointers) {
  JsonMappingConfig m;
  m.id = "/meta/guid";
  m.headline = "/content/title";
  m.body = "/content/paragraphs";
  m.byline = "/credits/0/name";
  m.slug = "/meta/slug~1line";  // the key "slug/line"
  m.language = "/meta/lang~0uage";  // the key "lang~uage"
  m.published = "/meta/times/updated";
  m.agency = "/source/name";
  m.dateline = "";  // not mapped
  m.location = "/place";
  m.urgency = "/meta/priority";
  m.keywords = "/tags";
  m.version = "/meta/rev";
  const JsonEnvelopeParser p(m);
  const Record r = ParseOk(p, R"({
    "meta": {"guid": "g-1", "slug/line": "SLUG", "lang~uage": "ur", "priority": "urgent",
             "times": {"updated": "2025-11-02T06:00:00Z"}, "rev": "REFILE"},
    "content": {"title": "Custom title", "paragraphs": ["P1.", "P2."]},
    "credits": [{"name": "Ayesha Khan"}, {"name": "Second"}],
    "source": {"name": "Frontier Wire"},
    "dateline": "IGNORED, Nov 2",
    "place": "PESHAWAR",
    "tags": "a,b",
    "body": "not the mapped body"
  })");
  EXPECT_EQ(r.item_id, "g-1");
  EXPECT_EQ(r.headline, "Custom title");
  EXPECT_EQ(r.text, "P1.\n\nP2.");
  EXPECT_EQ(r.byline, "Ayesha Khan");
  EXPECT_EQ(r.slug, "SLUG");
  EXPECT_EQ(r.language, "ur");
  EXPECT_EQ(r.published, "2025-11-02T06:00:00Z");
  ASSERT_TRUE(r.agency);
  EXPECT_EQ(r.agency->raw, "Frontier Wire");
  ASSERT_TRUE(r.dateline);
  EXPECT_EQ(r.dateline->raw, "PESHAWAR");
  EXPECT_EQ(r.dateline->city, "Peshawar");
  EXPECT_EQ(r.urgency, "urgent");
  EXPECT_EQ(r.keywords, (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(r.version);
  EXPECT_EQ(r.version->kind, "refile");
}

TEST(JsonEnvelopeTest, InvalidAndUnresolvablePointersLeaveFieldsEmpty) {
  JsonMappingConfig m;
  m.headline = "headline";          // no leading slash: invalid
  m.byline = "/byline~2";           // bad escape: invalid
  m.slug = "/slug/deeper";          // through a string
  m.id = "/ids/99999999999999999999999999";  // index too large to represent
  m.language = "/langs/-";          // past the end
  m.agency = "/agencies/01";        // leading zero
  m.keywords = "/missing/path";
  m.urgency = "";
  const JsonEnvelopeParser p(m);
  const Record r = ParseOk(p, R"({"body":"b","headline":"h","byline":"x","slug":"s",
      "ids":["a"],"langs":["en"],"agencies":["x","y"],"urgency":1})");
  EXPECT_EQ(r.text, "b");
  EXPECT_FALSE(r.headline);
  EXPECT_FALSE(r.byline);
  EXPECT_FALSE(r.slug);
  EXPECT_EQ(r.item_id, "");
  EXPECT_EQ(r.language, "");
  EXPECT_FALSE(r.agency);
  EXPECT_TRUE(r.keywords.empty());
  EXPECT_EQ(r.urgency, "");
}

TEST(JsonEnvelopeTest, InvalidBodyPointerMakesEveryItemMalformed) {
  JsonMappingConfig m;
  m.body = "body";
  const Verdict v = ParseVerdict(R"({"body":"b"})", m);
  EXPECT_EQ(v.code, ErrorCode::kMalformedItem);
}

TEST(JsonEnvelopeTest, WrongTypesForEveryFieldAreIgnored) {
  const Record r = ParseOk(R"({
    "id": {"x": 1}, "headline": ["h"], "body": "real body", "byline": 5, "slug": [["s"]],
    "language": 12, "published": 20251029, "agency": {"name": "APP"}, "dateline": ["QUETTA"],
    "location": 3, "urgency": {"u": 1}, "keywords": 7, "version": {"v": 2}
  })");
  EXPECT_EQ(r.text, "real body");
  EXPECT_EQ(r.item_id, "");
  EXPECT_FALSE(r.headline);
  EXPECT_FALSE(r.byline);
  EXPECT_FALSE(r.slug);
  EXPECT_EQ(r.language, "");
  EXPECT_EQ(r.published, "");
  EXPECT_FALSE(r.agency);
  EXPECT_FALSE(r.dateline);
  EXPECT_EQ(r.urgency, "");
  EXPECT_TRUE(r.keywords.empty());
  EXPECT_FALSE(r.version);
  // Booleans and nulls.
  const Record r2 = ParseOk(R"({"id":true,"headline":null,"body":"b","byline":false,
      "urgency":null,"keywords":null,"version":null,"dateline":null})");
  EXPECT_EQ(r2.item_id, "");
  EXPECT_FALSE(r2.headline);
  EXPECT_FALSE(r2.dateline);
}

TEST(JsonEnvelopeTest, MissingOrEmptyBodyIsMalformed) {
  for (const char* input : {R"({"headline":"h"})", R"({"body":""})", R"({"body":"  \n "})",
                            R"({"body":[]})", R"({"body":["", " ", 5, [["x"]]]})",
                            R"({"body":42})", R"({"body":{"text":"x"}})", R"({"body":null})",
                            R"({"body":"<p> </p><script>x()</script>"})"}) {
    const Verdict v = ParseVerdict(input);
    EXPECT_EQ(v.code, ErrorCode::kMalformedItem) << input;
    EXPECT_NE(v.reason.find("body"), std::string::npos) << v.reason;
  }
}

TEST(JsonEnvelopeTest, MissingBodyLeavesRecordUntouched) {
  Record r;
  r.text = "before";
  EXPECT_FALSE(JsonEnvelopeParser(JsonMappingConfig{}).Parse(R"({"headline":"h"})", r).ok());
  EXPECT_EQ(r.text, "before");
  EXPECT_FALSE(r.headline);
}

TEST(JsonEnvelopeTest, InvalidJsonIsMalformed) {
  for (const char* input : {"{", R"({"body":"b")", R"({"body":"b"} extra)", R"({"body":"b",})",
                            R"({body:"b"})", "{\"body\":\"\x01\"}", "{\"body\":\"\xC3\"}"}) {
    const Verdict v = ParseVerdict(input);
    EXPECT_EQ(v.code, ErrorCode::kMalformedItem) << input;
    EXPECT_EQ(v.reason.rfind("json: ", 0), 0u) << v.reason;
  }
  EXPECT_NE(ParseVerdict(R"({"body": nope})").reason.find("byte"), std::string::npos);
}

TEST(JsonEnvelopeTest, NotAnObjectIsMalformed) {
  for (const char* input : {"", "[\"body\"]", "\"body\"", "3", "true", "text"}) {
    EXPECT_EQ(ParseVerdict(input).code, ErrorCode::kMalformedItem) << input;
  }
}

TEST(JsonEnvelopeTest, HugeNestingIsRejectedWithoutCrashing) {
  const JsonEnvelopeParser p{JsonMappingConfig{}};
  const std::string deep(100000, '[');
  EXPECT_EQ(p.Sniff(deep), 0);
  EXPECT_EQ(ParseVerdict(deep).code, ErrorCode::kMalformedItem);
  const std::string in_object = "{\"body\":\"b\",\"x\":" + deep + std::string(100000, ']') + "}";
  EXPECT_EQ(p.Sniff(in_object), 10);
  const Verdict v = ParseVerdict(in_object);
  EXPECT_EQ(v.code, ErrorCode::kMalformedItem);
  EXPECT_NE(v.reason.find("nested"), std::string::npos) << v.reason;
  // Deep but allowed nesting, body reached through a long pointer.
  JsonMappingConfig m;
  std::string doc, pointer;
  for (int i = 0; i < 60; ++i) {
    doc += "{\"a\":";
    pointer += "/a";
  }
  doc += "\"deep body\"" + std::string(60, '}');
  m.body = pointer;
  Record r;
  EXPECT_TRUE(JsonEnvelopeParser(m).Parse(doc, r).ok());
  EXPECT_EQ(r.text, "deep body");
}

TEST(JsonEnvelopeTest, RandomBytesAndMutationsDoNotCrash) {
  const JsonEnvelopeParser p{JsonMappingConfig{}};
  std::mt19937 rng(4242);
  for (int round = 0; round < 1000; ++round) {
    std::string input;
    const int length = static_cast<int>(rng() % 300);
    for (int i = 0; i < length; ++i) input.push_back(static_cast<char>(rng()));
    if (round % 2) input.insert(0, "{");
    p.Sniff(input);
    Record r;
    const Verdict v = p.Parse(input, r);
    EXPECT_TRUE(v.ok() || v.code == ErrorCode::kMalformedItem);
  }
  const std::string base = kFull;
  const std::string alphabet = "{}[]\",:0123456789 \\<>&;ntfrue";
  for (int round = 0; round < 2000; ++round) {
    std::string input = base;
    for (int m = 0; m < 3; ++m) {
      const size_t at = rng() % input.size();
      switch (rng() % 3) {
        case 0:
          input[at] = alphabet[rng() % alphabet.size()];
          break;
        case 1:
          input.erase(at, 1 + rng() % 8);
          break;
        default:
          input.insert(at, 1, alphabet[rng() % alphabet.size()]);
      }
      if (input.empty()) input = "{";
    }
    Record r;
    const Verdict v = p.Parse(input, r);
    EXPECT_TRUE(v.ok() || v.code == ErrorCode::kMalformedItem);
  }
}

}  // namespace
}  // namespace dateline
