#include "pipeline/pipeline.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>

#include "sink/record_json.h"

namespace dateline {
namespace {

std::unique_ptr<Pipeline> Build() {
  ConfigResult r = ParseConfig("", DATELINE_SOURCE_DIR, {}, {});
  std::string error;
  auto p = BuildPipeline(*r.config, &error);
  EXPECT_TRUE(p) << error;
  return p;
}

class Throwing final : public Stage {
 public:
  std::string_view Name() const override { return "thrower"; }
  Verdict Process(Record&) override { throw std::runtime_error("boom"); }
};

TEST(PipelineTest, ExceptionBecomesStageExceptionDeadLetter) {
  std::vector<std::unique_ptr<Stage>> stages;
  stages.push_back(std::make_unique<Throwing>());
  Pipeline p(std::move(stages));
  Record r = RecordFromBytes("ISLAMABAD (AP) — Something happened today in the city.");
  const Verdict v = p.Run(r);
  EXPECT_EQ(v.code, ErrorCode::kStageException);
  EXPECT_NE(v.reason.find("thrower"), std::string::npos);
  EXPECT_NE(v.reason.find("boom"), std::string::npos);
}

TEST(PipelineTest, RegistryBuildsStagesInOrder) {
  auto p = Build();
  std::vector<std::string> names;
  for (const auto& s : p->stages()) names.emplace_back(s->Name());
  EXPECT_EQ(names, (std::vector<std::string>{"decode", "format", "clean", "dateline", "credits", "body", "language",
                                             "identify", "tokenize", "entities", "quotes", "topics", "tone", "facts",
                                             "fingerprints", "dedup"}));
}

TEST(PipelineTest, EnrichmentCanBeTurnedOff) {
  ConfigResult r = ParseConfig("enrich: {enabled: false}", DATELINE_SOURCE_DIR, {}, {});
  ASSERT_TRUE(r.config) << r.errors.front().ToString();
  std::string error;
  auto p = BuildPipeline(*r.config, &error);
  ASSERT_NE(p, nullptr) << error;
  for (const auto& s : p->stages()) EXPECT_NE(s->Name(), "entities");
  ConfigResult bad = ParseConfig("enrich: {organizations_file: /nonexistent/orgs.yaml}", DATELINE_SOURCE_DIR, {}, {});
  ASSERT_FALSE(bad.errors.empty());
  EXPECT_EQ(bad.errors.front().path, "enrich.organizations_file");
}

TEST(PipelineTest, MissingAgencyTableFailsToBuild) {
  ConfigResult r = ParseConfig("", DATELINE_SOURCE_DIR, {}, {});
  r.config->pipeline.agencies_file = "/nonexistent/agencies.yaml";
  std::string error;
  EXPECT_FALSE(BuildPipeline(*r.config, &error));
  EXPECT_NE(error.find("/nonexistent/agencies.yaml"), std::string::npos);
}

TEST(PipelineTest, ReutersReportBecomesRecord) {
  auto p = Build();
  Source s;
  s.timestamp_ms = 1761724800000;  // 2025-10-29
  Record r = RecordFromBytes(
      "KARACHI, Oct 28 (Reuters) - The port resumed loading on Tuesday after a two-day strike ended.\n"
      "Officials said traffic would return to normal by the weekend.\n",
      s);
  ASSERT_TRUE(p->Run(r).ok());
  EXPECT_EQ(r.agency->code, "REUTERS");
  EXPECT_EQ(r.dateline->city, "Karachi");
  EXPECT_EQ(r.dateline->date, "2025-10-28");
  EXPECT_EQ(r.text.substr(0, 8), "The port");
  EXPECT_EQ(r.paragraphs.size(), 2u);
  EXPECT_EQ(r.id.size(), 32u);
}

// Conformance: every input, however bad, gives a record or a dead letter whose
// JSON parses, and the same input gives the same output.
TEST(PipelineTest, AnyBytesGiveRecordOrDeadLetterDeterministically) {
  auto p = Build();
  std::mt19937 rng(20261127);
  std::vector<std::string> inputs = {"", " \n\t ", std::string(1, '\0'), "(", "ISLAMABAD (", ":",
                                     "A (B) - ", std::string(2 << 20, 'a'), std::string(5000, '\n')};
  for (int i = 0; i < 300; ++i) {
    std::string s(rng() % 600, ' ');
    for (char& c : s) c = static_cast<char>(rng() % (i % 2 ? 256 : 96) + (i % 2 ? 0 : 32));
    inputs.push_back(s);
  }
  for (const auto& input : inputs) {
    std::string first, second;
    for (std::string* out : {&first, &second}) {
      Record r = RecordFromBytes(input);
      const Verdict v = p->Run(r);
      if (v.ok()) {
        AppendRecordJson(r, out);
      } else {
        EXPECT_NE(v.code, ErrorCode::kStageException) << v.reason;
        AppendDeadLetterJson(r, v, out);
      }
    }
    EXPECT_EQ(first, second);
    EXPECT_TRUE(nlohmann::json::accept(first)) << first.substr(0, 200);
  }
}

TEST(PipelineTest, StageOverBudgetDeadLettersAsStageTimeout) {
  ConfigResult r = ParseConfig("limits:\n  stage_budget_ms: 50\npipeline:\n  test_fault_injection: true\n",
                               DATELINE_SOURCE_DIR, {}, {});
  ASSERT_TRUE(r.config);
  std::string error;
  auto p = BuildPipeline(*r.config, &error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(p->stages().front()->Name(), "test_fault_injection");
  Record slow = RecordFromBytes("KARACHI (AP) — Officials met on Monday to discuss the plan. @@dateline-test-sleep-80@@");
  const Verdict v = p->Run(slow);
  EXPECT_EQ(v.code, ErrorCode::kStageTimeout);
  EXPECT_NE(v.reason.find("test_fault_injection took"), std::string::npos) << v.reason;
  Record thrower = RecordFromBytes("KARACHI (AP) — Officials met. @@dateline-test-throw@@");
  EXPECT_EQ(p->Run(thrower).code, ErrorCode::kStageException);
  Record fine = RecordFromBytes("KARACHI (AP) — Officials met on Monday to discuss the plan for the new dam.");
  EXPECT_TRUE(p->Run(fine).ok());
}

}  // namespace
}  // namespace dateline
