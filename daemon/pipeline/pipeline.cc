#include "pipeline/pipeline.h"

#include <exception>

#include "enrich/enrich.h"
#include "pipeline/fault_injection.h"
#include "formats/format_stage.h"
#include "normalize/language.h"
#include "normalize/stages.h"
#include "parse/credits.h"
#include "parse/dateline.h"

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

std::unique_ptr<Pipeline> BuildPipeline(const Config& config, std::string* error) {
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
  auto pipeline = std::make_unique<Pipeline>(std::move(stages));
  pipeline->set_stage_budget(std::chrono::milliseconds(config.limits.stage_budget_ms));
  return pipeline;
}

}  // namespace dateline
