#include "signals/topics.h"

#include <gtest/gtest.h>

#include "core/record.h"

namespace dateline {
namespace {

const char* kRules = R"(
topics:
  - code: medtop:16000000
    label: conflict, war and peace
    terms: {war: 2, troops: 1.5, ceasefire: 2}
  - code: medtop:20000053
    label: act of terror
    parent: medtop:16000000
    terms: {"suicide bomber": 3, militant: 1.5}
  - code: medtop:15000000
    label: sport
    terms: {cricket: 3, match: 1.5, attack: -2}
)";

Record Report(std::string text, std::string headline = "") {
  Record r;
  r.text = std::move(text);
  r.paragraphs.push_back({0, static_cast<uint32_t>(r.text.find("\n\n") == std::string::npos ? r.text.size()
                                                                                              : r.text.find("\n\n"))});
  if (!headline.empty()) r.headline = headline;
  return r;
}

std::shared_ptr<const signals::TopicRules> Rules(const char* yaml = kRules) {
  std::string error;
  auto rules = signals::TopicRules::Parse(yaml, &error);
  EXPECT_TRUE(rules) << error;
  return rules;
}

TEST(TopicRules, RejectsBadRules) {
  std::string error;
  EXPECT_FALSE(signals::TopicRules::Parse("topics: [{code: x, label: y, terms: {a: 1}}]", &error));
  EXPECT_NE(error.find("medtop"), std::string::npos);
  EXPECT_FALSE(signals::TopicRules::Parse("topics: [{code: medtop:01000000, label: y, terms: {a: 0}}]", &error));
  EXPECT_FALSE(signals::TopicRules::Parse(
      "topics: [{code: medtop:01000000, label: y, parent: medtop:02000000, terms: {a: 1}}]", &error));
  EXPECT_NE(error.find("parent"), std::string::npos);
}

TEST(TopicRules, TheShippedRulesLoad) {
  std::string error;
  auto rules = signals::TopicRules::LoadFile(DefaultTopicsFile(), &error);
  ASSERT_TRUE(rules) << error;
  EXPECT_GE(rules->topics().size(), 20u);
}

TEST(Topics, ScoresEvidenceAndParentRollUp) {
  TopicsStage stage(TopicRulesConfig{}, Rules());
  Record r = Report("A suicide bomber struck as militants attacked troops.\n\nThe militants fled.");
  ASSERT_TRUE(stage.Process(r).ok());
  ASSERT_EQ(r.topics.size(), 2u);
  // The parent gets the child's score plus its own, so it ranks first.
  EXPECT_EQ(r.topics[0].code, "medtop:16000000");
  EXPECT_EQ(r.topics[1].code, "medtop:20000053");
  EXPECT_GT(r.topics[0].score, r.topics[1].score);
  EXPECT_LE(r.topics[0].score, 1.0);
  const auto& ev = r.topics[1].evidence;
  ASSERT_EQ(ev.size(), 3u);  // suicide bomber, militants, militants
  EXPECT_EQ(ev[0].term, "suicide bomber");
  EXPECT_EQ(r.text.substr(ev[0].span.start, ev[0].span.end - ev[0].span.start), "suicide bomber");
  EXPECT_EQ(r.text.substr(ev[2].span.start, ev[2].span.end - ev[2].span.start), "militants");
}

TEST(Topics, ThresholdsAndMinTerms) {
  TopicRulesConfig config;
  config.min_terms = 2;
  TopicsStage stage(config, Rules());
  Record one_term = Report("War war war war war.");
  ASSERT_TRUE(stage.Process(one_term).ok());
  EXPECT_TRUE(one_term.topics.empty());  // one distinct term is not enough
  config.min_terms = 1;
  config.min_score = 0.9;
  TopicsStage strict(config, Rules());
  Record weak = Report("There was talk of war.");
  ASSERT_TRUE(strict.Process(weak).ok());
  EXPECT_TRUE(weak.topics.empty());
  config.max_topics = 1;
  config.min_score = 0.1;
  TopicsStage top1(config, Rules());
  Record both = Report("The cricket match went on. War and troops.");
  ASSERT_TRUE(top1.Process(both).ok());
  EXPECT_EQ(both.topics.size(), 1u);
}

TEST(Topics, HeadlineBoostAndNegativeWeights) {
  TopicRulesConfig config;
  config.min_terms = 1;
  config.min_score = 0.3;
  TopicsStage stage(config, Rules());
  Record plain = Report("Rain stopped the match early. The cricket board met.");
  ASSERT_TRUE(stage.Process(plain).ok());
  ASSERT_FALSE(plain.topics.empty());
  const double base = plain.topics[0].score;
  Record boosted = Report("Rain stopped the match early. The cricket board met.", "Cricket match abandoned");
  ASSERT_TRUE(stage.Process(boosted).ok());
  ASSERT_FALSE(boosted.topics.empty());
  EXPECT_GT(boosted.topics[0].score, base);
  Record attack = Report("The cricket match saw attack after attack after attack from the bowlers.");
  ASSERT_TRUE(stage.Process(attack).ok());
  EXPECT_TRUE(attack.topics.empty() || attack.topics[0].score < base);
}

}  // namespace
}  // namespace dateline
