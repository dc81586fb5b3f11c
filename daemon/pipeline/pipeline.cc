#include "pipeline/pipeline.h"

#include <exception>

#include "dedup/dedup_stage.h"
#include "enrich/enrich.h"
#include "formats/format_stage.h"
#include "normalize/language.h"
#include "normalize/stages.h"
#include "parse/credits.h"
#include "parse/dateline.h"
#include "pipeline/fault_injection.h"
#include "signals/facts.h"
#include "signals/fingerprints.h"
#include "signals/tone.h"
#include "signals/topics.h"

namespace dateline {

Verdict Pipeline::Run(Record& record) {
  using Clock = std::chrono::steady_clock;
  for (const auto& stage : stages_) {
    Verdict verdict;
    const auto started = stage_budget_.count() > 0 ? Clock::now() : Clock::time_point{};
    try {
      verdict = stage->Process(record);
    } catch (const std::exception& e) {
      verdict = Verdict::DeadLetter(ErrorCode::kStageException,
                                    "stage " + std::string(stage->Name()) + " threw: " + e.what());
    } catch (...) {
      verdict = Verdict::DeadLetter(ErrorCode::kStageException,
                                    "stage " + std::string(stage->Name()) + " threw a non-standard exception");
    }
    if (stage_budget_.count() > 0 && verdict.ok()) {
      const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
      if (took > stage_budget_) {
        verdict = Verdict::DeadLetter(ErrorCode::kStageTimeout, "stage " + std::string(stage->Name()) + " took " +
                                                                    std::to_string(took.count()) + " ms (budget " +
                                                                    std::to_string(stage_budget_.count()) + " ms)");
      }
    }
    if (!verdict.ok()) return verdict;
  }
  return Verdict::Continue();
}

namespace {

// Signals (topics, tone, facts, fingerprints) and dedup, after the record has its id.
bool AddSignalStages(const Config& config, std::shared_ptr<dedup::FingerprintStore> store,
                     std::vector<std::unique_ptr<Stage>>* stages, std::string* error) {
  auto tokens = std::make_shared<signals::TokenCache>();  // each report tokenized once for all four
  if (config.signals.enabled) {
    std::shared_ptr<const signals::TopicRules> rules = signals::TopicRules::LoadFile(config.signals.topics.rules_file, error);
    if (!rules) return false;
    std::shared_ptr<const signals::Lexicon> lexicon = signals::Lexicon::LoadFile(config.signals.lexicon_file, error);
    if (!lexicon) return false;
    stages->push_back(std::make_unique<TopicsStage>(config.signals.topics, rules, tokens));
    stages->push_back(std::make_unique<ToneStage>(lexicon, tokens));
    stages->push_back(std::make_unique<FactsStage>(tokens));
  }
  if (config.signals.enabled || config.dedup.enabled) {
    stages->push_back(std::make_unique<FingerprintStage>(tokens));
  }
  if (config.dedup.enabled) {
    if (!store) {
      store = std::make_shared<dedup::InMemoryStore>(dedup::IndexOptions{
          config.dedup.window_ms, static_cast<size_t>(config.dedup.max_entries), config.dedup.bands});
    }
    stages->push_back(std::make_unique<DedupStage>(config.dedup, store));
  }
  return true;
}

}  // namespace

std::unique_ptr<Pipeline> BuildPipeline(const Config& config, std::string* error,
                                        std::shared_ptr<dedup::FingerprintStore> dedup_store) {
  auto loaded = AgencyTable::LoadFile(config.pipeline.agencies_file, error);
  if (!loaded) return nullptr;
  auto agencies = std::make_shared<const AgencyTable>(std::move(*loaded));
  std::shared_ptr<const Gazetteer> gazetteer = Gazetteer::Load(DefaultGazetteerFiles(), error);
  if (!gazetteer) return nullptr;
  std::vector<std::unique_ptr<Stage>> stages;
  if (config.pipeline.test_fault_injection) stages.push_back(std::make_unique<FaultInjectionStage>());
  stages.push_back(std::make_unique<DecodeStage>(config.limits.max_message_bytes));
  stages.push_back(std::make_unique<FormatStage>(BuildFormatParsers(config.formats)));
  stages.push_back(std::make_unique<CleanTextStage>());
  stages.push_back(std::make_unique<DatelineStage>(agencies, gazetteer));
  stages.push_back(std::make_unique<CreditsStage>(agencies));
  stages.push_back(std::make_unique<BodyStage>(config.pipeline.min_words));
  stages.push_back(std::make_unique<LanguageStage>());
  stages.push_back(std::make_unique<IdentifyStage>());
  if (!enrich::AppendEnrichStages(config.enrich, gazetteer, &stages, error)) return nullptr;
  if (!AddSignalStages(config, dedup_store, &stages, error)) return nullptr;
  auto pipeline = std::make_unique<Pipeline>(std::move(stages));
  pipeline->set_stage_budget(std::chrono::milliseconds(config.limits.stage_budget_ms));
  if (dedup_store && config.dedup.enabled) {
    pipeline->AddStartupTask([dedup_store](const std::atomic<bool>* stop, std::string* err) {
      return dedup_store->Start(stop, err);
    });
  }
  return pipeline;
}

}  // namespace dateline
