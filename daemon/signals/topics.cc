#include "signals/topics.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace dateline {
namespace signals {

std::unique_ptr<TopicRules> TopicRules::Parse(const std::string& yaml_text, std::string* error) {
  auto rules = std::make_unique<TopicRules>();
  try {
    const YAML::Node root = YAML::Load(yaml_text);
    const YAML::Node list = root["topics"];
    if (!list || !list.IsSequence()) {
      *error = "topics: a list of topics is required";
      return nullptr;
    }
    std::map<std::string, int> index;
    std::vector<std::string> parents;
    std::map<std::string, uint32_t> term_index;
    for (const auto& node : list) {
      TopicRule rule;
      rule.code = node["code"].as<std::string>("");
      rule.label = node["label"].as<std::string>("");
      if (rule.code.rfind("medtop:", 0) != 0 || rule.code.size() != 15) {
        *error = "topic '" + rule.code + "': code must be medtop:NNNNNNNN";
        return nullptr;
      }
      if (rule.label.empty() || index.count(rule.code)) {
        *error = "topic " + rule.code + ": needs a label and must be listed once";
        return nullptr;
      }
      const auto topic = static_cast<uint32_t>(rules->topics_.size());
      index[rule.code] = static_cast<int>(topic);
      parents.push_back(node["parent"].as<std::string>(""));
      rules->topics_.push_back(rule);
      const YAML::Node terms = node["terms"];
      if (!terms || !terms.IsMap() || terms.size() == 0) {
        *error = "topic " + rule.code + ": terms must be a map of term: weight";
        return nullptr;
      }
      for (const auto& t : terms) {
        const std::string term = t.first.as<std::string>();
        const double weight = t.second.as<double>();
        const std::string key = StemPhrase(term);
        if (key.empty() || weight == 0 || weight < -10 || weight > 10) {
          *error = "topic " + rule.code + ": term '" + term + "' needs words and a weight in [-10, 10], not 0";
          return nullptr;
        }
        auto [it, added] = term_index.try_emplace(key, static_cast<uint32_t>(rules->terms_.size()));
        if (added) {
          rules->terms_.push_back(term);
          rules->postings_.emplace_back();
          rules->phrases_.Add(key, it->second);
        }
        auto& postings = rules->postings_[it->second];
        if (!postings.empty() && postings.back().topic == topic) {  // "election" and "elections": one term
          postings.back().weight = std::max(postings.back().weight, static_cast<float>(weight));
        } else {
          postings.push_back({topic, static_cast<float>(weight)});
        }
      }
    }
    for (size_t i = 0; i < parents.size(); ++i) {
      if (parents[i].empty()) continue;
      const auto it = index.find(parents[i]);
      if (it == index.end() || it->second == static_cast<int>(i)) {
        *error = "topic " + rules->topics_[i].code + ": parent " + parents[i] + " is not a listed topic";
        return nullptr;
      }
      rules->topics_[i].parent = it->second;
    }
    for (size_t i = 0; i < rules->topics_.size(); ++i) {  // no cycles: a chain must end
      int p = rules->topics_[i].parent;
      for (size_t steps = 0; p >= 0; ++steps, p = rules->topics_[static_cast<size_t>(p)].parent) {
        if (steps > rules->topics_.size()) {
          *error = "topic " + rules->topics_[i].code + ": parents form a cycle";
          return nullptr;
        }
      }
    }
  } catch (const YAML::Exception& e) {
    *error = std::string("topic rules: ") + e.what();
    return nullptr;
  }
  return rules;
}

std::unique_ptr<TopicRules> TopicRules::LoadFile(const std::string& path, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = "cannot read topic rules " + path;
    return nullptr;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  auto rules = Parse(ss.str(), error);
  if (!rules) *error = path + ": " + *error;
  return rules;
}

}  // namespace signals

TopicsStage::TopicsStage(TopicRulesConfig config, std::shared_ptr<const signals::TopicRules> rules,
                         std::shared_ptr<signals::TokenCache> tokens)
    : config_(std::move(config)),
      rules_(std::move(rules)),
      cache_(tokens ? std::move(tokens) : std::make_shared<signals::TokenCache>()),
      first_words_(signals::FirstWords::Of(rules_->phrases())),
      acc_(rules_->topics().size()),
      raw_(acc_.size()) {}

void TopicsStage::Scan(const signals::TokenList& tokens, uint32_t lead_end, double boost, bool keep_evidence) {
  const size_t n = tokens.tokens.size();
  for (size_t i = 0; i < n;) {
    if (!first_words_.MayStart(tokens.tokens[i].stem_hash)) {  // most tokens: no term starts with the word
      ++i;
      continue;
    }
    uint32_t term = 0;
    const size_t len = rules_->phrases().LongestMatch(tokens, i, signals::PhraseTable::Form::kStem, &term);
    if (len == 0) {
      ++i;
      continue;
    }
    const signals::Token& first = tokens.tokens[i];
    const signals::Token& last = tokens.tokens[i + len - 1];
    const double b = boost * (first.start < lead_end ? config_.lead_boost : 1.0);
    for (const signals::TermPosting& p : rules_->postings(term)) {
      Acc& a = acc_[p.topic];
      a.raw += p.weight * b;
      if (p.weight <= 0) continue;
      if (std::find(a.terms.begin(), a.terms.end(), term) == a.terms.end()) a.terms.push_back(term);
      if (keep_evidence && a.evidence.size() < config_.max_evidence) {
        a.evidence.push_back({term, Span{first.start, last.end}});
      }
    }
    i += len;
  }
}

Verdict TopicsStage::Process(Record& record) {
  record.topics.clear();
  for (Acc& a : acc_) {
    a.raw = 0;
    a.terms.clear();
    a.evidence.clear();
  }
  if (record.headline) {
    signals::Tokenize(*record.headline, &headline_tokens_);
    Scan(headline_tokens_, 0, config_.headline_boost, false);
  }
  const uint32_t lead_end = record.paragraphs.empty() ? 0 : record.paragraphs.front().end;
  Scan(cache_->Tokens(record), lead_end, 1.0, true);
  // Subtopics count for their parents (children are listed before or after; walk each chain).
  const auto& topics = rules_->topics();
  std::vector<double>& raw = raw_;
  for (size_t i = 0; i < acc_.size(); ++i) raw[i] = acc_[i].raw;
  for (size_t i = 0; i < acc_.size(); ++i) {
    if (acc_[i].raw <= 0) continue;
    for (int p = topics[i].parent; p >= 0; p = topics[static_cast<size_t>(p)].parent) {
      Acc& parent = acc_[static_cast<size_t>(p)];
      raw[static_cast<size_t>(p)] += acc_[i].raw;
      for (uint32_t t : acc_[i].terms) {
        if (std::find(parent.terms.begin(), parent.terms.end(), t) == parent.terms.end()) parent.terms.push_back(t);
      }
      for (const auto& e : acc_[i].evidence) {
        if (parent.evidence.size() >= config_.max_evidence) break;
        parent.evidence.push_back(e);
      }
    }
  }
  for (size_t i = 0; i < acc_.size(); ++i) {
    if (raw[i] <= 0 || acc_[i].terms.size() < config_.min_terms) continue;
    const double score = raw[i] / (raw[i] + config_.saturation);
    if (score < config_.min_score) continue;
    Topic t;
    t.code = topics[i].code;
    t.label = topics[i].label;
    t.score = static_cast<double>(static_cast<int>(score * 1000 + 0.5)) / 1000;
    sorted_ = acc_[i].evidence;
    std::sort(sorted_.begin(), sorted_.end(),
              [](const Evidence& a, const Evidence& b) { return a.span.start < b.span.start; });
    sorted_.erase(std::unique(sorted_.begin(), sorted_.end(),
                              [](const Evidence& a, const Evidence& b) { return a.span.start == b.span.start; }),
                  sorted_.end());
    t.evidence.reserve(sorted_.size());
    for (const Evidence& e : sorted_) t.evidence.push_back({rules_->term(e.term), e.span});
    record.topics.push_back(std::move(t));
  }
  std::stable_sort(record.topics.begin(), record.topics.end(),
                   [](const Topic& a, const Topic& b) { return a.score > b.score; });
  if (record.topics.size() > config_.max_topics) record.topics.resize(config_.max_topics);
  return Verdict::Continue();
}

}  // namespace dateline
