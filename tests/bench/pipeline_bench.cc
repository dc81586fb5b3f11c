// Google Benchmark: parse + normalize (the whole pipeline) and the sink, on
// synthetic 3 KB plain reports and on NITF and NewsML-G2 items built from them.
// Run: scripts/bench (builds with -O2 and prints reports/s per core).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "sink/record_json.h"

namespace dateline {
namespace {

const char* kCities[] = {"ISLAMABAD", "KARACHI", "NEW DELHI", "KABUL", "ANKARA", "DOHA", "BEIJING", "LAHORE"};
const char* kTags[] = {"(AP) \xE2\x80\x94", ", Oct 29 (Reuters) -", "(AFP) -", ", Oct. 29 (Xinhua) --",
                       ", Oct 29 (APP):", "(PPI REPORT):"};
const char* kSentences[] = {
    "The provincial committee met on Tuesday to review progress on the new water scheme, officials said.",
    "\xE2\x80\x9CWe will not accept further delays,\xE2\x80\x9D the minister told reporters after the meeting.",
    "Opposition lawmakers walked out of the session in protest, demanding a debate on rising prices.",
    "According to figures released by the statistics bureau, exports rose 4.2 percent in the third quarter.",
    "Mr. Khan said the U.S. delegation would arrive on Oct. 30 for a second round of talks in the capital.",
    "Police said at least 12 people were arrested after clashes near the main market late on Monday.",
};

// A ~3 KB plain report, different for each i.
std::string PlainBody(int i) {
  std::string s;
  int k = i;
  while (s.size() < 2900) {
    for (int j = 0; j < 3; ++j) s += std::string(kSentences[(k++) % 6]) + " ";
    s.back() = '\n';
  }
  return s;
}

std::string Plain(int i) {
  return std::string(kCities[i % 8]) + " " + kTags[i % 6] + " " + PlainBody(i) +
         "(Reporting by A. Writer; Editing by B. Editor)\n";
}

std::string Paragraphs(const std::string& body, const char* open, const char* close) {
  std::string out;
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    out += open + body.substr(start, end - start) + close;
    start = end + 1;
  }
  return out;
}

std::string Nitf(int i) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nitf><head><title>Item</title>"
         "<docdata><doc-id id-string=\"bench-" + std::to_string(i) + "\"/><urgency ed-urg=\"4\"/>"
         "<date.issue norm=\"20251029T081500Z\"/></docdata></head><body><body.head><hedline><hl1>Committee reviews "
         "water scheme</hl1></hedline><byline>By A. Writer</byline><dateline><location><city>Karachi</city>"
         "</location></dateline></body.head><body.content>" +
         Paragraphs("KARACHI (AP) \xE2\x80\x94 " + PlainBody(i), "<p>", "</p>") +
         "</body.content></body></nitf>";
}

std::string NewsMl(int i) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" "
         "guid=\"urn:bench:" + std::to_string(i) + "\" version=\"1\" standard=\"NewsML-G2\" "
         "standardversion=\"2.29\"><itemMeta><itemClass qcode=\"ninat:text\"/><provider literal=\"Reuters\"/>"
         "<versionCreated>2025-10-29T08:15:00Z</versionCreated><pubStatus qcode=\"stat:usable\"/></itemMeta>"
         "<contentMeta><urgency>4</urgency><language tag=\"en\"/><headline>Committee reviews water scheme"
         "</headline></contentMeta><contentSet><inlineXML contenttype=\"application/nitf+xml\">"
         "<nitf xmlns=\"http://iptc.org/std/NITF/2006-10-18/\"><body><body.content>" +
         Paragraphs("KARACHI, Oct 29 (Reuters) - " + PlainBody(i), "<p>", "</p>") +
         "</body.content></body></nitf></inlineXML></contentSet></newsItem>";
}

std::unique_ptr<Pipeline> Build() {
  ConfigResult r = ParseConfig("", DATELINE_SOURCE_DIR, {}, {});
  std::string error;
  return BuildPipeline(*r.config, &error);
}

// Language detection and the enrichment stages (entities, quotations, topics,
// tone, facts, fingerprints, dedup): "parse + normalize" is everything else.
bool IsEnrichment(std::string_view name) {
  for (std::string_view e : {"language", "tokenize", "entities", "quotes", "topics", "tone", "facts", "fingerprints",
                             "dedup"}) {
    if (name == e) return true;
  }
  return false;
}

// All stages in order, or the parse + normalize ones only.
Verdict RunStages(Pipeline& pipeline, Record& record, bool with_enrichment) {
  for (const auto& stage : pipeline.stages()) {
    if (!with_enrichment && IsEnrichment(stage->Name())) continue;  // measured by enrich_bench and signals_bench
    const Verdict v = stage->Process(record);
    if (!v.ok()) return v;
  }
  return Verdict::Continue();
}

void Run(benchmark::State& state, std::string (*make)(int), bool with_enrichment = true) {
  auto pipeline = Build();
  std::vector<std::string> inputs;
  for (int i = 0; i < 256; ++i) inputs.push_back(make(i));
  size_t i = 0, bytes = 0, failures = 0;
  std::string out;
  for (auto _ : state) {
    const std::string& input = inputs[i++ % inputs.size()];
    Record record = RecordFromBytes(input);
    record.source.timestamp_ms = 1761724800000;
    const Verdict v = RunStages(*pipeline, record, with_enrichment);
    out.clear();
    if (v.ok()) AppendRecordJson(record, &out); else ++failures;
    benchmark::DoNotOptimize(out.data());
    bytes += input.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["dead_letters"] = static_cast<double>(failures);
  state.counters["input_bytes"] = static_cast<double>(inputs[0].size());
}

// Parse + normalize + JSON (no language detection).
void BM_ParseNormalize_Plain(benchmark::State& s) { Run(s, Plain, false); }
void BM_ParseNormalize_Nitf(benchmark::State& s) { Run(s, Nitf, false); }
void BM_ParseNormalize_NewsMlG2(benchmark::State& s) { Run(s, NewsMl, false); }
// The whole current pipeline, language detection included.
void BM_Pipeline_Plain(benchmark::State& s) { Run(s, Plain); }
void BM_Pipeline_Nitf(benchmark::State& s) { Run(s, Nitf); }
void BM_Pipeline_NewsMlG2(benchmark::State& s) { Run(s, NewsMl); }
BENCHMARK(BM_ParseNormalize_Plain);
BENCHMARK(BM_ParseNormalize_Nitf);
BENCHMARK(BM_ParseNormalize_NewsMlG2);
BENCHMARK(BM_Pipeline_Plain);
BENCHMARK(BM_Pipeline_Nitf);
BENCHMARK(BM_Pipeline_NewsMlG2);

}  // namespace
}  // namespace dateline

BENCHMARK_MAIN();
