#include "formats/format_stage.h"

#include <gtest/gtest.h>

namespace dateline {
namespace {

class Fixed final : public FormatParser {
 public:
  Fixed(std::string name, int score) : name_(std::move(name)), score_(score) {}
  std::string_view Name() const override { return name_; }
  int Sniff(std::string_view) const override { return score_; }
  Verdict Parse(std::string_view input, Record& record) const override {
    record.text = name_ + ":" + std::string(input);
    return Verdict::Continue();
  }

 private:
  std::string name_;
  int score_;
};

FormatStage Stage3() {
  std::vector<std::unique_ptr<FormatParser>> parsers;
  parsers.push_back(std::make_unique<Fixed>("low", 10));
  parsers.push_back(std::make_unique<Fixed>("high", 50));
  parsers.push_back(std::make_unique<PlainTextParser>());
  return FormatStage(std::move(parsers));
}

TEST(FormatStageTest, HighestSniffWins) {
  FormatStage stage = Stage3();
  Record r = RecordFromBytes("x");
  r.text = "abc";
  ASSERT_TRUE(stage.Process(r).ok());
  EXPECT_EQ(r.format, "high");
  EXPECT_EQ(r.text, "high:abc");
}

TEST(FormatStageTest, HintOverridesSniffing) {
  FormatStage stage = Stage3();
  Record r = RecordFromBytes("x");
  r.text = "abc";
  r.format_hint = "low";
  ASSERT_TRUE(stage.Process(r).ok());
  EXPECT_EQ(r.format, "low");
}

TEST(FormatStageTest, PlainTextKeepsTheTextInPlaceAndOthersStillParse) {
  // Plain text is the input as it is: the stage leaves the text where it is
  // (the same buffer, no copy); a parser that does not say so still parses.
  FormatStage stage = Stage3();
  Record r = RecordFromBytes("x");
  r.text = std::string(3000, 'a') + " plain";
  r.format_hint = "text";
  const char* buffer = r.text.data();
  ASSERT_TRUE(stage.Process(r).ok());
  EXPECT_EQ(r.format, "text");
  EXPECT_EQ(r.text, std::string(3000, 'a') + " plain");
  EXPECT_EQ(r.text.data(), buffer);
  EXPECT_TRUE(PlainTextParser().KeepsInputAsText());
  EXPECT_FALSE(Fixed("low", 10).KeepsInputAsText());
  Record direct = RecordFromBytes("x");
  ASSERT_TRUE(PlainTextParser().Parse("direct", direct).ok());
  EXPECT_EQ(direct.text, "direct");
  r.format_hint = "low";
  ASSERT_TRUE(stage.Process(r).ok());
  EXPECT_EQ(r.text, "low:" + std::string(3000, 'a') + " plain");
}

TEST(FormatStageTest, UnknownHintIsADeadLetter) {
  FormatStage stage = Stage3();
  Record r = RecordFromBytes("x");
  r.format_hint = "telex";
  const Verdict v = stage.Process(r);
  EXPECT_EQ(v.code, ErrorCode::kUnknownFormat);
  EXPECT_NE(v.reason.find("telex"), std::string::npos);
}

TEST(FormatStageTest, RegistryDetectsEachFormat) {
  FormatStage stage(BuildFormatParsers(FormatsConfig{}));
  struct Case {
    std::string input;
    const char* format;
  };
  for (const Case& c : {Case{"ISLAMABAD (AP) \xE2\x80\x94 Talks failed on Tuesday.", "text"},
                        Case{"<?xml version=\"1.0\"?>\n<nitf><body><body.content><p>x</p></body.content></body></nitf>",
                             "nitf"},
                        Case{"<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"g\" version=\"1\"/>",
                             "newsml-g2"},
                        Case{R"({"uri": "urn:x", "type": "text", "body_text": "Talks failed."})", "ninjs"},
                        Case{R"({"headline": "H", "body": "Talks failed."})", "json"}}) {
    EXPECT_EQ(stage.Choose(c.input, "")->Name(), c.format) << c.input;
  }
}

}  // namespace
}  // namespace dateline
