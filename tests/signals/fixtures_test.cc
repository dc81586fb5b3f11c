// Quality on labeled fixtures: tests/data/signals/*.txt are invented short
// reports; labels.json holds the topics and facts a reader assigns, written
// before the rules were tuned. The whole pipeline runs on each report; the
// test prints precision and recall for topics and facts and fails below the
// floors (set from the first honest run, a little under it).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "pipeline/pipeline.h"

namespace dateline {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Counts {
  int tp = 0, fp = 0, fn = 0;
  double Precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 1; }
  double Recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 1; }
};

constexpr double kTopicPrecisionFloor = 0.85, kTopicRecallFloor = 0.85;
constexpr double kFactPrecisionFloor = 0.9, kFactRecallFloor = 0.85;

TEST(SignalsFixtures, TopicsAndFactsPrecisionRecall) {
  const std::string dir = std::string(DATELINE_SOURCE_DIR) + "/tests/data/signals/";
  const auto labels = nlohmann::json::parse(Read(dir + "labels.json"));
  ASSERT_GE(labels["reports"].size(), 20u);
  auto result = ParseConfig("", DATELINE_SOURCE_DIR, {}, {});
  ASSERT_TRUE(result.config);
  Config config = *result.config;
  config.dedup.enabled = false;
  std::string error;
  auto pipeline = BuildPipeline(config, &error);
  ASSERT_TRUE(pipeline) << error;
  Counts topics, facts;
  for (const auto& [file, expected] : labels["reports"].items()) {
    Record r = RecordFromBytes(Read(dir + file));
    ASSERT_TRUE(pipeline->Run(r).ok()) << file;
    std::set<std::string> want, got;
    for (const auto& t : expected["topics"]) want.insert(t.get<std::string>());
    for (const auto& t : r.topics) got.insert(t.code);
    for (const auto& c : got) {
      if (want.count(c)) ++topics.tp; else { ++topics.fp; std::printf("  %s: extra topic %s\n", file.c_str(), c.c_str()); }
    }
    for (const auto& c : want) {
      if (!got.count(c)) { ++topics.fn; std::printf("  %s: missed topic %s\n", file.c_str(), c.c_str()); }
    }
    std::vector<bool> used(r.facts.size());
    for (const auto& f : expected["facts"]) {
      const double value = f[0].get<double>();
      const std::string kind = f[1].get<std::string>();
      bool found = false;
      for (size_t i = 0; i < r.facts.size() && !found; ++i) {
        if (!used[i] && r.facts[i].kind == kind && std::fabs(r.facts[i].value - value) <= 1e-9 * std::fabs(value)) {
          used[i] = found = true;
        }
      }
      if (found) ++facts.tp; else { ++facts.fn; std::printf("  %s: missed fact %g %s\n", file.c_str(), value, kind.c_str()); }
    }
    for (size_t i = 0; i < r.facts.size(); ++i) {
      if (!used[i]) {
        ++facts.fp;
        std::printf("  %s: extra fact %g %s (%s)\n", file.c_str(), r.facts[i].value, r.facts[i].kind.c_str(),
                    r.facts[i].text.c_str());
      }
    }
  }
  std::printf("topics: precision %.2f recall %.2f (tp %d fp %d fn %d)\n", topics.Precision(), topics.Recall(),
              topics.tp, topics.fp, topics.fn);
  std::printf("facts:  precision %.2f recall %.2f (tp %d fp %d fn %d)\n", facts.Precision(), facts.Recall(), facts.tp,
              facts.fp, facts.fn);
  EXPECT_GE(topics.Precision(), kTopicPrecisionFloor);
  EXPECT_GE(topics.Recall(), kTopicRecallFloor);
  EXPECT_GE(facts.Precision(), kFactPrecisionFloor);
  EXPECT_GE(facts.Recall(), kFactRecallFloor);
}

}  // namespace
}  // namespace dateline
