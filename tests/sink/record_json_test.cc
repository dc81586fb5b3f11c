#include "sink/record_json.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <vector>

#include "core/utf8.h"

namespace dateline {
namespace {

TEST(RecordJsonTest, SpansAreCodePointOffsets) {
  Record r = RecordFromBytes("x");
  r.id = "abc";
  r.text = "\xE2\x80\x9CHi,\xE2\x80\x9D he said.\n\nT\xC3\xBCrkiye agreed.";
  const uint32_t second = static_cast<uint32_t>(r.text.find("T"));
  r.paragraphs = {{0, static_cast<uint32_t>(r.text.find("\n\n"))}, {second, static_cast<uint32_t>(r.text.size())}};
  std::string out;
  AppendRecordJson(r, &out);
  const auto j = nlohmann::json::parse(out);
  const std::u32string text32 = U"\u201CHi,\u201D he said.\n\nT\u00FCrkiye agreed.";
  EXPECT_EQ(j["paragraphs"][0]["start"], 0);
  EXPECT_EQ(j["paragraphs"][0]["end"], text32.find(U"\n\n"));
  EXPECT_EQ(j["paragraphs"][1]["start"], text32.find(U"T\u00FC"));
  EXPECT_EQ(j["paragraphs"][1]["end"], text32.size());
  EXPECT_EQ(j["text"].get<std::string>(), r.text);
  EXPECT_EQ(j["schema_version"], kSchemaVersion);
}

TEST(RecordJsonTest, WritesSourceAndNulls) {
  Source s;
  s.topic = "wire";
  s.partition = 3;
  s.offset = 42;
  s.timestamp_ms = 1761724800123;  // 2025-10-29T08:00:00.123Z
  s.key = "k";
  Record r = RecordFromBytes("x", s);
  std::string out;
  AppendRecordJson(r, &out);
  const auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["source"]["topic"], "wire");
  EXPECT_EQ(j["source"]["partition"], 3);
  EXPECT_EQ(j["source"]["offset"], 42);
  EXPECT_EQ(j["source"]["timestamp"], "2025-10-29T08:00:00.123Z");
  EXPECT_EQ(j["source"]["key"], "k");
  EXPECT_TRUE(j["agency"].is_null());
  EXPECT_TRUE(j["dateline"].is_null());
  EXPECT_TRUE(j["headline"].is_null());
}

TEST(RecordJsonTest, DeadLetterCarriesErrorAndPayload) {
  Record text = RecordFromBytes("hello");
  std::string out;
  AppendDeadLetterJson(text, Verdict::DeadLetter(ErrorCode::kNotAReport, "too short"), &out);
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["dead_letter"], true);
  EXPECT_EQ(j["error"]["code"], "not_a_report");
  EXPECT_EQ(j["error"]["message"], "too short");
  EXPECT_EQ(j["payload"], "hello");

  Record binary = RecordFromBytes(std::string("\x00\xFF\x01", 3));
  out.clear();
  AppendDeadLetterJson(binary, Verdict::DeadLetter(ErrorCode::kInvalidEncoding, "binary"), &out);
  j = nlohmann::json::parse(out);
  EXPECT_FALSE(j.contains("payload"));
  EXPECT_EQ(j["payload_base64"], "AP8B");
}

TEST(RecordJsonTest, Base64Padding) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("f"), "Zg==");
  EXPECT_EQ(Base64("fo"), "Zm8=");
  EXPECT_EQ(Base64("foo"), "Zm9v");
  EXPECT_EQ(Base64("foobar"), "Zm9vYmFy");
}

TEST(RecordJsonTest, IsoTimestamp) {
  EXPECT_EQ(IsoTimestamp(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(IsoTimestamp(1735689599999), "2024-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace dateline

namespace dateline {
namespace {

// Code points before byte b of s, as the contract defines it: bytes that are
// not UTF-8 continuation bytes, with offsets past the end taken as the end.
int64_t ReferenceCodepoints(std::string_view s, uint32_t b) {
  return static_cast<int64_t>(utf8::CountCodepoints(s.substr(0, std::min<size_t>(b, s.size()))));
}

// Every byte offset (also inside characters and past the end), as paragraph
// spans, entity mentions and fact spans.
void ExpectSpansAtEveryOffset(const std::string& text) {
  Record r = RecordFromBytes("x");
  r.text = text;
  Entity e;
  e.text = "E";
  e.type = "MISC";
  const uint32_t last = static_cast<uint32_t>(text.size()) + 3;
  for (uint32_t b = 0; b <= last; ++b) {
    r.paragraphs.push_back({b, last - b});  // ends descending: lookups in any order
    if (b <= text.size()) e.mentions.push_back({b, static_cast<uint32_t>(text.size())});
    Fact f;
    f.kind = "people";
    f.span = {last - b, b};
    r.facts.push_back(f);
  }
  r.entities = {e};
  std::string out;
  AppendRecordJson(r, &out);
  const auto j = nlohmann::json::parse(out);
  for (uint32_t b = 0; b <= last; ++b) {
    ASSERT_EQ(j["paragraphs"][b]["start"], ReferenceCodepoints(text, b)) << b << " in " << text.size();
    ASSERT_EQ(j["paragraphs"][b]["end"], ReferenceCodepoints(text, last - b));
    ASSERT_EQ(j["facts"][b]["start"], ReferenceCodepoints(text, last - b));
    ASSERT_EQ(j["facts"][b]["end"], ReferenceCodepoints(text, b));
    if (b <= text.size()) {
      ASSERT_EQ(j["entities"][0]["mentions"][b]["start"], ReferenceCodepoints(text, b));
    }
  }
}

TEST(RecordJsonTest, CodePointOffsetsAtEveryByte) {
  for (size_t len : {0, 1, 15, 16, 17, 47, 48, 100}) {
    ExpectSpansAtEveryOffset(std::string(len, 'a'));  // ASCII: the identity
    for (size_t at = 0; at + 2 <= len + 2; at += 5) {
      std::string s(len, 'a');
      s.insert(at, "\xC3\xBC");  // one 2-byte character at `at`
      ExpectSpansAtEveryOffset(s);
    }
  }
  // Mixed 2-, 3- and 4-byte characters across several 16-byte blocks.
  std::string s;
  for (int i = 0; i < 12; ++i) s += "ab\xC3\xBC" "cde\xE2\x80\x94" "f\xF0\x9F\x98\x80";
  ExpectSpansAtEveryOffset(s);
  ExpectSpansAtEveryOffset(s + "\xC3\xBC");                // the last partial block has one
  ExpectSpansAtEveryOffset(std::string(32, 'x') + "\x80");  // a stray continuation byte alone
}

// IsoTimestamp's definition: std::chrono's civil calendar, printf-formatted.
std::string ReferenceIso(int64_t ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds(ms)};
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

TEST(RecordJsonTest, IsoTimestampMatchesTheCivilCalendar) {
  std::vector<int64_t> values = {0,       1,           999,          1000,          86'399'999,      86'400'000,
                                 951'782'400'000 /* 2000-02-29 */,   4'107'542'400'000 /* 2100-03-01 */,
                                 253'402'300'799'999, 253'402'300'800'000, 1761724800123, -1, -86'400'001};
  std::mt19937_64 rng(3);
  for (int i = 0; i < 20000; ++i) values.push_back(static_cast<int64_t>(rng() % 253'402'300'800'000));
  for (int64_t day = 0; day < 800; ++day) values.push_back((day * 365 + 59) * 86'400'000 + 3'600'000);
  for (const int64_t ms : values) ASSERT_EQ(IsoTimestamp(ms), ReferenceIso(ms)) << ms;
}

}  // namespace
}  // namespace dateline
