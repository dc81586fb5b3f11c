#include "offline/process.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

namespace dateline {
namespace {

class ProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ConfigResult r = ParseConfig("", DATELINE_SOURCE_DIR, {}, {});
    std::string error;
    pipeline_ = BuildPipeline(*r.config, &error);
    ASSERT_TRUE(pipeline_) << error;
  }

  // Runs `fn` with a temporary FILE* and returns the JSON lines written to it.
  template <typename Fn>
  std::vector<nlohmann::json> Capture(Fn fn) {
    std::FILE* out = std::tmpfile();
    fn(out);
    std::rewind(out);
    std::vector<nlohmann::json> lines;
    char* line = nullptr;
    size_t cap = 0;
    while (getline(&line, &cap, out) > 0) lines.push_back(nlohmann::json::parse(line));
    free(line);
    std::fclose(out);
    return lines;
  }

  std::unique_ptr<Pipeline> pipeline_;
};

TEST_F(ProcessTest, OneLinePerEnvelopeInOrderIncludingGarbage) {
  std::istringstream in(
      R"({"payload": "ISLAMABAD (AP) — Heavy rain flooded several streets of the capital on Monday.", "ts": 1761724800000, "topic": "wire", "partition": 2, "offset": 7, "key": "k1"})"
      "\n"
      "this is not json\n"
      "\n"
      "[1, 2]\n"
      R"({"key": "no payload"})"
      "\n"
      R"({"payload": null})"
      "\n"
      R"({"payload": "LAHORE: The provincial cabinet approved the budget after a long debate on Friday."})"
      "\n");
  ProcessSummary summary;
  const auto lines = Capture([&](std::FILE* out) { summary = ProcessEnvelopes(*pipeline_, in, out); });
  ASSERT_EQ(lines.size(), 6u) << "the blank line is no input; the other six each give one line";
  EXPECT_EQ(summary.inputs, 6u);
  EXPECT_EQ(summary.records, 2u);
  EXPECT_EQ(summary.dead_letters, 4u);

  EXPECT_EQ(lines[0]["agency"]["code"], "AP");
  EXPECT_EQ(lines[0]["source"]["topic"], "wire");
  EXPECT_EQ(lines[0]["source"]["partition"], 2);
  EXPECT_EQ(lines[0]["source"]["offset"], 7);
  EXPECT_EQ(lines[0]["source"]["key"], "k1");
  EXPECT_EQ(lines[0]["dateline"]["date"], "2025-10-29");
  EXPECT_EQ(lines[0]["dateline"]["date_source"], "timestamp");

  EXPECT_EQ(lines[1]["error"]["code"], "invalid_envelope");
  EXPECT_EQ(lines[1]["payload"], "this is not json");
  EXPECT_EQ(lines[2]["error"]["code"], "invalid_envelope");
  EXPECT_EQ(lines[3]["error"]["code"], "invalid_envelope");
  EXPECT_EQ(lines[4]["error"]["code"], "empty_input");
  EXPECT_EQ(lines[5]["dateline"]["city"], "Lahore");
  EXPECT_TRUE(lines[5]["agency"].is_null());
}

TEST_F(ProcessTest, FilesAndUnreadableFiles) {
  const std::string path = ::testing::TempDir() + "/report.txt";
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    std::fputs("BEIJING, Oct. 29 (Xinhua) -- Exports grew faster than expected in the third quarter.\n", f);
    std::fclose(f);
  }
  const auto lines =
      Capture([&](std::FILE* out) { ProcessFiles(*pipeline_, {path, "/nonexistent/file.txt", path}, out); });
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["agency"]["code"], "XINHUA");
  EXPECT_EQ(lines[0]["source"]["file"], path);
  EXPECT_EQ(lines[0]["dateline"]["date"], "--10-29") << "no year in text and no timestamp";
  EXPECT_EQ(lines[1]["error"]["code"], "invalid_envelope");
  EXPECT_EQ(lines[2], lines[0]) << "same input, same output";
}

}  // namespace
}  // namespace dateline
