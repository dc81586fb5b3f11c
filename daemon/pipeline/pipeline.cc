#include "pipeline/pipeline.h"

#include <exception>

#include "dedup/dedup_stage.h"
#include "formats/format_stage.h"
#include "normalize/language.h"
#include "normalize/stages.h"
#include "parse/credits.h"
#include "parse/dateline.h"
#include "signals/facts.h"
#include "signals/fingerprints.h"
#include "signals/tone.h"
#include "signals/topics.h"

namespace dateline {

Verdict Pipeline::Run(Record& record) {
  for (const auto& stage : stages_) {
    Verdict verdict;
    try {
      verdict = stage->Process(record);
    } catch (const std::exception& e) {
      verdict = Verdict::DeadLetter(ErrorCode::kStageException,
                                    "stage " + std::string(stage->Name()) + " threw: " + e.what());
    } catch (...) {
      verdict = Verdict::DeadLetter(ErrorCode::kStageException,
                                    "stage " + std::string(stage->Name()) + " threw a non-standard exception");
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
  stages.push_back(std::make_unique<DecodeStage>(config.limits.max_message_bytes));
  stages.push_back(std::make_unique<FormatStage>(BuildFormatParsers(config.formats)));
  stages.push_back(std::make_unique<CleanTextStage>());
  stages.push_back(std::make_unique<DatelineStage>(agencies, gazetteer));
  stages.push_back(std::make_unique<CreditsStage>(agencies));
  stages.push_back(std::make_unique<BodyStage>(config.pipeline.min_words));
  stages.push_back(std::make_unique<LanguageStage>());
  stages.push_back(std::make_unique<IdentifyStage>());
  if (!AddSignalStages(config, dedup_store, &stages, error)) return nullptr;
  auto pipeline = std::make_unique<Pipeline>(std::move(stages));
  if (dedup_store && config.dedup.enabled) {
    pipeline->AddStartupTask([dedup_store](const std::atomic<bool>* stop, std::string* err) {
      return dedup_store->Start(stop, err);
    });
  }
  return pipeline;
}

}  // namespace dateline
