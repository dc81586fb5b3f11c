#include "sink/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace dateline {
namespace {

TEST(JsonWriterTest, WritesNestedStructures) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Field("a", int64_t{1}).Key("b").BeginArray().Int(2).String("x").Null().Bool(true).EndArray();
  w.Key("c").BeginObject().EndObject().EndObject();
  EXPECT_EQ(out, R"({"a":1,"b":[2,"x",null,true],"c":{}})");
}

TEST(JsonWriterTest, EscapesPerRfc8259) {
  std::string out;
  JsonWriter(&out).String(std::string("q\"b\\n\nt\tc\x01 \x7f"));
  EXPECT_EQ(out, "\"q\\\"b\\\\n\\nt\\tc\\u0001 \x7f\"");
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), std::string("q\"b\\n\nt\tc\x01 \x7f"));
}

TEST(JsonWriterTest, InvalidUtf8BecomesReplacementCharacter) {
  std::string out;
  JsonWriter(&out).String("ok \xC3\x28 \xFF end");
  const auto parsed = nlohmann::json::parse(out).get<std::string>();
  EXPECT_EQ(parsed, "ok \xEF\xBF\xBD( \xEF\xBF\xBD end");
}

TEST(JsonWriterTest, KeepsValidUtf8AndEscapesLineSeparators) {
  std::string out;
  JsonWriter(&out).String("T\xC3\xBCrkiye \xE2\x80\x9Cq\xE2\x80\x9D \xE2\x80\xA8");
  EXPECT_EQ(out, "\"T\xC3\xBCrkiye \xE2\x80\x9Cq\xE2\x80\x9D \\u2028\"");
}

}  // namespace
}  // namespace dateline
