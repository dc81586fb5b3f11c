// TopicsStage: IPTC Media Topics from user-editable term rules
// (config/topics.yaml).
//
// Each topic lists terms (words or phrases) with weights. A report's raw score
// for a topic is the sum of the weights of its terms found in the body (terms
// in the lead paragraph count lead_boost times, terms in the headline
// headline_boost times); a subtopic's raw score also counts for its parent.
// The score is raw / (raw + saturation), in 0..1. Topics with at least
// min_terms distinct terms and a score of at least min_score are kept, best
// first, at most max_topics. Matching is on folded, lightly stemmed tokens,
// longest phrase first, never across punctuation.
//
// TopicRules are loaded once and immutable (shareable between threads); the
// stage keeps scratch buffers and is used by one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/stage.h"
#include "signals/first_words.h"
#include "signals/tokens.h"

namespace dateline {

namespace signals {

struct TopicRule {
  std::string code;
  std::string label;
  int parent = -1;  // index of the parent rule, -1 for none
};

struct TermPosting {
  uint32_t topic;
  float weight;
};

class TopicRules {
 public:
  // Parses rules YAML text; nullptr with *error (naming the topic and term) on a problem.
  static std::unique_ptr<TopicRules> Parse(const std::string& yaml_text, std::string* error);
  static std::unique_ptr<TopicRules> LoadFile(const std::string& path, std::string* error);

  const std::vector<TopicRule>& topics() const { return topics_; }
  const PhraseTable& phrases() const { return phrases_; }
  const std::vector<TermPosting>& postings(uint32_t term) const { return postings_[term]; }
  const std::string& term(uint32_t term) const { return terms_[term]; }

 private:
  std::vector<TopicRule> topics_;
  PhraseTable phrases_;                         // stemmed phrase -> term index
  std::vector<std::string> terms_;              // term index -> as configured
  std::vector<std::vector<TermPosting>> postings_;  // term index -> topics and weights
};

}  // namespace signals

class TopicsStage final : public Stage {
 public:
  // `tokens` may be shared with the other signal stages of the same pipeline (nullptr: its own).
  TopicsStage(TopicRulesConfig config, std::shared_ptr<const signals::TopicRules> rules,
              std::shared_ptr<signals::TokenCache> tokens = nullptr);
  std::string_view Name() const override { return "topics"; }
  Verdict Process(Record& record) override;

 private:
  struct Evidence {  // a TopicEvidence with the term as an index: no string copies while scanning
    uint32_t term;
    Span span;
  };
  struct Acc {
    double raw = 0;
    std::vector<uint32_t> terms;  // distinct term indexes
    std::vector<Evidence> evidence;
  };
  void Scan(const signals::TokenList& tokens, uint32_t lead_end, double boost, bool keep_evidence);

  TopicRulesConfig config_;
  std::shared_ptr<const signals::TopicRules> rules_;
  std::shared_ptr<signals::TokenCache> cache_;
  signals::FirstWords first_words_;  // of rules_->phrases(), in the stem form
  signals::TokenList headline_tokens_;
  std::vector<Acc> acc_;
  std::vector<double> raw_;  // per topic, with its subtopics' scores added (scratch, sized once)
  std::vector<Evidence> sorted_;  // scratch for one topic's evidence
};

}  // namespace dateline
