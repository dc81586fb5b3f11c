// Golden fixtures: every folder of tests/data/golden/ runs through the real
// pipeline and sink, and the record must match its hand-written
// expected.json by subset (see tests/data/golden/README.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pipeline/pipeline.h"
#include "sink/record_json.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kRoot = fs::path(DATELINE_SOURCE_DIR) / "tests" / "data" / "golden";

std::vector<std::string> FixtureNames() {
  std::vector<std::string> names;
  if (!fs::exists(kRoot)) return names;
  for (const auto& entry : fs::directory_iterator(kRoot)) {
    if (entry.is_directory() && fs::exists(entry.path() / "expected.json")) names.push_back(entry.path().filename());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Checks `actual` against `expected` by subset; appends problems to *errors.
void Match(const json& expected, const json& actual, const std::string& path, std::vector<std::string>* errors) {
  if (expected.is_object()) {
    if (!actual.is_object()) {
      errors->push_back(path + ": expected an object, got " + actual.dump());
      return;
    }
    for (const auto& [key, value] : expected.items()) {
      if (!actual.contains(key)) {
        errors->push_back(path + "/" + key + ": missing");
        continue;
      }
      Match(value, actual[key], path + "/" + key, errors);
    }
    return;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) {
      errors->push_back(path + ": expected " + expected.dump() + ", got " + actual.dump());
      return;
    }
    for (size_t i = 0; i < expected.size(); ++i) Match(expected[i], actual[i], path + "/" + std::to_string(i), errors);
    return;
  }
  if (expected != actual) errors->push_back(path + ": expected " + expected.dump() + ", got " + actual.dump());
}

class GoldenTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    ConfigResult r = ParseConfig("", DATELINE_SOURCE_DIR, {}, {});
    std::string error;
    pipeline_ = BuildPipeline(*r.config, &error).release();
    ASSERT_NE(pipeline_, nullptr) << error;
  }
  static void TearDownTestSuite() {
    delete pipeline_;  // owned for the suite's lifetime
    pipeline_ = nullptr;
  }
  static Pipeline* pipeline_;
};

Pipeline* GoldenTest::pipeline_ = nullptr;

TEST_P(GoldenTest, MatchesExpected) {
  const fs::path dir = kRoot / GetParam();
  fs::path input;
  for (const char* name : {"input.txt", "input.xml", "input.json", "input.bin"}) {
    if (fs::exists(dir / name)) input = dir / name;
  }
  ASSERT_FALSE(input.empty()) << "no input.* in " << dir;
  json meta = json::object();
  if (fs::exists(dir / "meta.json")) meta = json::parse(Slurp(dir / "meta.json"));
  json expected = json::parse(Slurp(dir / "expected.json"));

  Source source;
  source.topic = meta.value("topic", "golden");
  source.partition = 0;
  source.offset = 0;
  source.timestamp_ms = meta.value("ts", int64_t{-1});
  Record record = RecordFromBytes(Slurp(input), source);
  record.format_hint = meta.value("format_hint", "");
  const Verdict verdict = pipeline_->Run(record);

  if (expected.contains("$dead_letter")) {
    EXPECT_FALSE(verdict.ok()) << "expected a dead letter";
    EXPECT_EQ(ErrorCodeName(verdict.code), expected["$dead_letter"].get<std::string>()) << verdict.reason;
    return;
  }
  ASSERT_TRUE(verdict.ok()) << ErrorCodeName(verdict.code) << ": " << verdict.reason;
  std::string out;
  AppendRecordJson(record, &out);
  const json actual = json::parse(out);
  const std::string text = actual["text"];

  std::vector<std::string> errors;
  for (const auto& [key, value] : expected.items()) {
    if (key == "$paragraph_count") {
      if (actual["paragraphs"].size() != value.get<size_t>()) {
        errors.push_back("paragraph count: expected " + value.dump() + ", got " +
                         std::to_string(actual["paragraphs"].size()));
      }
    } else if (key == "$text_starts_with") {
      if (text.rfind(value.get<std::string>(), 0) != 0) errors.push_back("text does not start with " + value.dump());
    } else if (key == "$text_ends_with") {
      const std::string tail = value;
      if (text.size() < tail.size() || text.compare(text.size() - tail.size(), tail.size(), tail) != 0) {
        errors.push_back("text does not end with " + value.dump());
      }
    } else if (key == "$text_contains") {
      for (const auto& s : value) {
        if (text.find(s.get<std::string>()) == std::string::npos) errors.push_back("text lacks " + s.dump());
      }
    } else if (key == "$text_not_contains") {
      for (const auto& s : value) {
        if (text.find(s.get<std::string>()) != std::string::npos) errors.push_back("text still has " + s.dump());
      }
    } else if (key.rfind("$", 0) == 0) {
      errors.push_back("unknown pseudo-key " + key);
    } else if (!actual.contains(key)) {
      errors.push_back(key + ": missing");
    } else {
      Match(value, actual[key], key, &errors);
    }
  }
  for (const auto& e : errors) ADD_FAILURE() << GetParam() << ": " << e;
  if (!errors.empty()) std::cerr << "record: " << actual.dump(2).substr(0, 6000) << "\n";
}

INSTANTIATE_TEST_SUITE_P(Fixtures, GoldenTest, ::testing::ValuesIn(FixtureNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GoldenTest);

TEST(GoldenFixtures, AtLeastEightyExist) { EXPECT_GE(FixtureNames().size(), 80u); }

}  // namespace
}  // namespace dateline
