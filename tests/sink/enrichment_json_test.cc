// The enrichment part of the record JSON: entities and quotations with
// code-point spans, optional fields left out when empty.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sink/record_json.h"

namespace dateline {
namespace {

TEST(EnrichmentJson, EntitiesAndQuotesWithCodePointSpans) {
  Record r = RecordFromBytes("x");
  r.id = "abc";
  r.text = "\xE2\x80\x9CWe agree,\xE2\x80\x9D said Tarar in T\xC3\xBCrkiye.";
  const auto at = [&](const char* s) { return static_cast<uint32_t>(r.text.find(s)); };
  Entity place;
  place.text = "T\xC3\xBCrkiye";
  place.type = "LOCATION";
  place.kind = "country";
  place.country_code = "TR";
  place.geo = GeoPoint{39, 35};
  place.gazetteer_id = "iso3166-1:TR";
  place.salience = 0.5;
  place.mentions = {{at("T\xC3\xBC"), static_cast<uint32_t>(r.text.size() - 1)}};
  Entity person;
  person.text = "Tarar";
  person.type = "PERSON";
  person.salience = 1;
  person.mentions = {{at("Tarar"), at("Tarar") + 5}};
  r.entities = {person, place};
  Quote q;
  q.span = {0, at(" said")};
  q.text = "We agree,";
  q.speaker = "Tarar";
  q.speaker_type = "PERSON";
  q.cue = "said";
  r.quotes = {q};
  std::string out;
  AppendRecordJson(r, &out);
  const auto j = nlohmann::json::parse(out);
  const std::u32string text32 = U"\u201CWe agree,\u201D said Tarar in T\u00FCrkiye.";
  const auto& e = j["entities"];
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0]["text"], "Tarar");
  EXPECT_EQ(e[0]["mentions"][0]["start"], text32.find(U"Tarar"));
  EXPECT_FALSE(e[0].contains("country_code"));
  EXPECT_FALSE(e[0].contains("geo"));
  EXPECT_EQ(e[1]["mentions"][0]["start"], text32.find(U"T\u00FC"));
  EXPECT_EQ(e[1]["mentions"][0]["end"], text32.size() - 1);
  EXPECT_EQ(e[1]["mentions"][0]["text"], "T\xC3\xBCrkiye");
  EXPECT_EQ(e[1]["geo"]["lat"], 39);
  EXPECT_EQ(e[1]["salience"], 0.5);
  const auto& qs = j["quotes"];
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_EQ(qs[0]["start"], 0);
  EXPECT_EQ(qs[0]["end"], text32.find(U" said"));
  EXPECT_EQ(qs[0]["speaker"], "Tarar");
  EXPECT_EQ(qs[0]["cue"], "said");
}

TEST(EnrichmentJson, EmptyListsAndNullSpeaker) {
  Record r = RecordFromBytes("x");
  r.text = "plain";
  std::string out;
  AppendRecordJson(r, &out);
  auto j = nlohmann::json::parse(out);
  EXPECT_TRUE(j["entities"].empty());
  EXPECT_TRUE(j["quotes"].empty());
  r.quotes.push_back(Quote{{0, 5}, "plain", "", "", ""});
  out.clear();
  AppendRecordJson(r, &out);
  j = nlohmann::json::parse(out);
  EXPECT_TRUE(j["quotes"][0]["speaker"].is_null());
  EXPECT_TRUE(j["quotes"][0]["cue"].is_null());
}

}  // namespace
}  // namespace dateline
