#include "sink/record_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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
