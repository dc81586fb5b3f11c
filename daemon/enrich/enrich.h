// The enrichment stages in pipeline order (tokenize, entities, quotes), built
// from the `enrich` config section and the shared Gazetteer. Reference data is
// loaded once here, at start-up.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/stage.h"
#include "geo/gazetteer.h"

namespace dateline::enrich {

// Appends the stages to *stages (none when config.enabled is false). False
// with *error naming the file and problem when reference data fails to load.
bool AppendEnrichStages(const EnrichConfig& config, std::shared_ptr<const Gazetteer> gazetteer,
                        std::vector<std::unique_ptr<Stage>>* stages, std::string* error);

}  // namespace dateline::enrich
