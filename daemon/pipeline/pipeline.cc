#include "pipeline/pipeline.h"

#include <exception>

#include "enrich/enrich.h"
#include "formats/format_stage.h"
#include "normalize/language.h"
#include "normalize/stages.h"
#include "parse/credits.h"
#include "parse/dateline.h"

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

std::unique_ptr<Pipeline> BuildPipeline(const Config& config, std::string* error) {
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
  if (!enrich::AppendEnrichStages(config.enrich, gazetteer, &stages, error)) return nullptr;
  return std::make_unique<Pipeline>(std::move(stages));
}

}  // namespace dateline
