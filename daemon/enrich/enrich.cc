#include "enrich/enrich.h"

#include "enrich/entities.h"
#include "enrich/lexicon.h"
#include "enrich/quotes.h"
#include "enrich/tokenize.h"

namespace dateline::enrich {

bool AppendEnrichStages(const EnrichConfig& config, std::shared_ptr<const Gazetteer> gazetteer,
                        std::vector<std::unique_ptr<Stage>>* stages, std::string* error) {
  if (!config.enabled) return true;
  std::shared_ptr<const Lexicon> lexicon =
      Lexicon::Load(std::move(gazetteer), {config.organizations_file, config.titles_file}, error);
  if (!lexicon) return false;
  stages->push_back(std::make_unique<TokenizeStage>());
  stages->push_back(std::make_unique<EntitiesStage>(lexicon));
  stages->push_back(std::make_unique<QuotesStage>(lexicon));
  return true;
}

}  // namespace dateline::enrich
