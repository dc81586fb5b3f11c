// EntitiesStage: people, organisations, places and other names in
// Record::text (needs Record::tokens from TokenizeStage), into
// Record::entities. Rules over capitalised chunks of tokens, the Lexicon's
// dictionaries and the report's own acronym definitions; places are
// disambiguated by the dateline country, the other countries of the report
// and population. See README "Enrichment: entities and quotes".
//
// Immutable after construction; one thread at a time per Process call (the
// stage keeps no per-record state between calls).
#pragma once

#include <memory>

#include "core/stage.h"
#include "enrich/lexicon.h"

namespace dateline::enrich {

class EntitiesStage final : public Stage {
 public:
  explicit EntitiesStage(std::shared_ptr<const Lexicon> lexicon) : lexicon_(std::move(lexicon)) {}
  std::string_view Name() const override { return "entities"; }
  Verdict Process(Record& record) override;

 private:
  std::shared_ptr<const Lexicon> lexicon_;
};

}  // namespace dateline::enrich
