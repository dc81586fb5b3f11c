// Google Benchmark: each signal stage alone (topics, tone, facts, fingerprints,
// dedup) on ~3 KB reports that already went through parsing and normalization.
// Run: scripts/bench --benchmark_filter=Signal (or build-bench/tests/bench/signals_bench).
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "dedup/dedup_stage.h"
#include "pipeline/pipeline.h"
#include "signals/facts.h"
#include "signals/fingerprints.h"
#include "signals/tone.h"
#include "signals/topics.h"

namespace dateline {
namespace {

const char* kSentences[] = {
    "At least 12 people were killed and 30 wounded when a suicide bomber attacked a police station, officials said.",
    "\xE2\x80\x9CWe will not accept further delays,\xE2\x80\x9D the minister told reporters after the cabinet meeting.",
    "Opposition lawmakers walked out of the National Assembly in protest, demanding a debate on rising prices.",
    "Exports rose 4.2 percent in the third quarter and the government approved Rs 300 million for the scheme.",
    "Pakistan and Afghanistan agreed to extend the ceasefire after talks mediated by Turkey and Qatar in Istanbul.",
    "Heavy rains triggered floods that displaced nearly 20,000 families, the disaster management authority said.",
    "The central bank kept its interest rate unchanged as inflation eased, and stocks gained 1.5 percent.",
    "Police arrested more than 40 suspects and recovered weapons during raids in three districts overnight.",
};

// Records of ~3 KB, parsed and normalized, different for each i.
std::vector<Record> Reports(int count) {
  ConfigResult r = ParseConfig("", DATELINE_SOURCE_DIR, {}, {});
  Config config = *r.config;
  config.signals.enabled = false;
  config.dedup.enabled = false;
  std::string error;
  auto pipeline = BuildPipeline(config, &error);
  std::vector<Record> out;
  std::mt19937 rng(3);
  for (int i = 0; i < count; ++i) {
    std::string text = "ISLAMABAD, Oct 29 (Reuters) - ";
    while (text.size() < 3000) {
      for (int j = 0; j < 3; ++j) text += std::string(kSentences[rng() % 8]) + " ";
      text.back() = '\n';
    }
    Record rec = RecordFromBytes(text);
    rec.source.timestamp_ms = 1761724800000 + i;
    if (pipeline->Run(rec).ok()) out.push_back(std::move(rec));
  }
  return out;
}

void RunStage(benchmark::State& state, Stage& stage, std::vector<Record>& records) {
  size_t i = 0;
  for (auto _ : state) {
    Record& r = records[i++ % records.size()];
    benchmark::DoNotOptimize(stage.Process(r));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// The shared tokenizer alone (every stage below runs it once).
void BM_Signal_Tokenize(benchmark::State& state) {
  auto records = Reports(64);
  signals::TokenList tokens;
  size_t i = 0;
  for (auto _ : state) {
    signals::Tokenize(records[i++ % records.size()].text, &tokens);
    benchmark::DoNotOptimize(tokens.tokens.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_Signal_Topics(benchmark::State& state) {
  auto records = Reports(64);
  std::string error;
  std::shared_ptr<const signals::TopicRules> rules = signals::TopicRules::LoadFile(DefaultTopicsFile(), &error);
  TopicsStage stage(TopicRulesConfig{}, rules);
  RunStage(state, stage, records);
}

void BM_Signal_Tone(benchmark::State& state) {
  auto records = Reports(64);
  std::string error;
  std::shared_ptr<const signals::Lexicon> lexicon = signals::Lexicon::LoadFile(DefaultLexiconFile(), &error);
  if (!lexicon) {
    state.SkipWithError(error.c_str());
    return;
  }
  ToneStage stage(lexicon);
  RunStage(state, stage, records);
}

void BM_Signal_Facts(benchmark::State& state) {
  auto records = Reports(64);
  FactsStage stage;
  RunStage(state, stage, records);
}

void BM_Signal_Fingerprints(benchmark::State& state) {
  auto records = Reports(64);
  FingerprintStage stage;
  RunStage(state, stage, records);
}

// The four text stages as the pipeline runs them: one tokenization shared.
void BM_Signal_AllSharedTokens(benchmark::State& state) {
  auto records = Reports(64);
  std::string error;
  std::shared_ptr<const signals::TopicRules> rules = signals::TopicRules::LoadFile(DefaultTopicsFile(), &error);
  std::shared_ptr<const signals::Lexicon> lexicon = signals::Lexicon::LoadFile(DefaultLexiconFile(), &error);
  if (!rules || !lexicon) {
    state.SkipWithError(error.c_str());
    return;
  }
  auto tokens = std::make_shared<signals::TokenCache>();
  TopicsStage topics(TopicRulesConfig{}, rules, tokens);
  ToneStage tone(lexicon, tokens);
  FactsStage facts(tokens);
  FingerprintStage fingerprints(tokens);
  size_t i = 0;
  for (auto _ : state) {
    Record& r = records[i++ % records.size()];
    topics.Process(r);
    tone.Process(r);
    facts.Process(r);
    benchmark::DoNotOptimize(fingerprints.Process(r));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// Dedup lookup + insert against an index already holding `range(0)` entries.
void BM_Signal_Dedup(benchmark::State& state) {
  auto records = Reports(64);
  FingerprintStage fp;
  for (Record& r : records) fp.Process(r);
  DedupConfig config;
  auto store = std::make_shared<dedup::InMemoryStore>(dedup::IndexOptions{config.window_ms, 1000000, config.bands});
  std::mt19937_64 rng(5);
  for (int64_t k = 0; k < state.range(0); ++k) {
    dedup::FingerprintEntry e;
    e.id = "prefill" + std::to_string(k);
    e.story_id = e.id;
    e.simhash = rng();
    e.content_hash = rng();
    e.timestamp_ms = 1761724800000;
    store->Publish(e);
  }
  DedupStage stage(config, store);
  size_t i = 0;
  for (auto _ : state) {
    Record& r = records[i % records.size()];
    r.id = "bench" + std::to_string(i++);  // a new report each time: lookup and insert
    r.fingerprints->simhash = rng();
    r.fingerprints->content_hash = "0123456789abcdef";
    benchmark::DoNotOptimize(stage.Process(r));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

BENCHMARK(BM_Signal_Tokenize);
BENCHMARK(BM_Signal_Topics);
BENCHMARK(BM_Signal_Tone);
BENCHMARK(BM_Signal_Facts);
BENCHMARK(BM_Signal_Fingerprints);
BENCHMARK(BM_Signal_AllSharedTokens);
BENCHMARK(BM_Signal_Dedup)->Arg(10000)->Arg(100000);

}  // namespace
}  // namespace dateline

BENCHMARK_MAIN();
