// Google Benchmark of the enrichment stages alone (entities, quotes, topics,
// tone, facts, fingerprints, dedup)
// and of the whole pipeline, on ~3 KB reports made of the hand-written
// enrichment fixtures (tests/data/enrich/, three bodies per report), which are
// far denser in names and quotations than the synthetic parsing reports.
// Run: scripts/bench enrich_bench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "sink/record_json.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;

bool IsEnrichment(std::string_view name) {
  for (std::string_view e : {"tokenize", "entities", "quotes", "topics", "tone", "facts", "fingerprints", "dedup"}) {
    if (name == e) return true;
  }
  return false;
}

// Reports of about 3 KB: a dateline and the bodies of three fixtures.
std::vector<std::string> Reports() {
  std::vector<std::string> bodies;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(DATELINE_SOURCE_DIR) / "tests/data/enrich")) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    s = s.substr(0, s.find("=== expected"));
    bodies.push_back(s.substr(s.find(' ') + 1));  // without the dateline's first word
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < bodies.size(); ++i) {
    std::string r = "ISLAMABAD, Oct 29 (Reuters) - ";
    for (size_t k = 0; k < 3; ++k) r += bodies[(i + k * 7) % bodies.size()] + "\n";
    out.push_back(r);
  }
  return out;
}

std::unique_ptr<Pipeline> Build() {
  ConfigResult r = ParseConfig("", DATELINE_SOURCE_DIR, {}, {});
  std::string error;
  return BuildPipeline(*r.config, &error);
}

// Enrichment alone: records are prepared by the other stages once.
void BM_Enrich_Only(benchmark::State& state) {
  auto pipeline = Build();
  std::vector<Record> records;
  size_t bytes = 0, entities = 0, quotes = 0;
  for (const std::string& s : Reports()) {
    Record r = RecordFromBytes(s);
    for (const auto& stage : pipeline->stages()) {
      if (!IsEnrichment(stage->Name())) stage->Process(r);
    }
    bytes += r.text.size();
    records.push_back(std::move(r));
  }
  std::vector<Stage*> enrich;
  for (const auto& stage : pipeline->stages()) {
    if (IsEnrichment(stage->Name())) enrich.push_back(stage.get());
  }
  size_t i = 0;
  for (auto _ : state) {
    Record& r = records[i++ % records.size()];
    for (Stage* s : enrich) s->Process(r);
    entities += r.entities.size();
    quotes += r.quotes.size();
    benchmark::DoNotOptimize(r.entities.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["text_bytes"] = static_cast<double>(bytes) / static_cast<double>(records.size());
  state.counters["entities"] = static_cast<double>(entities) / static_cast<double>(state.iterations());
  state.counters["quotes"] = static_cast<double>(quotes) / static_cast<double>(state.iterations());
}

// Everything, enrichment and JSON included, on the same reports.
void BM_Pipeline_WithEnrich(benchmark::State& state) {
  auto pipeline = Build();
  const auto inputs = Reports();
  size_t i = 0, failures = 0;
  std::string out;
  for (auto _ : state) {
    Record record = RecordFromBytes(inputs[i++ % inputs.size()]);
    record.source.timestamp_ms = 1761724800000;
    const Verdict v = pipeline->Run(record);
    out.clear();
    if (v.ok()) AppendRecordJson(record, &out); else ++failures;
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["dead_letters"] = static_cast<double>(failures);
}

BENCHMARK(BM_Enrich_Only);
BENCHMARK(BM_Pipeline_WithEnrich);

}  // namespace
}  // namespace dateline

BENCHMARK_MAIN();
