// DedupStage: duplicate_of and story_id from the fingerprints of recent
// reports (FingerprintStage must run first).
//
// For each record: look the record up in the store (see FingerprintIndex for
// the rules), set duplicate_of and story_id (its own id when it starts a
// story), then publish its entry so later copies find it. A record seen
// before (same id, e.g. a replay after a crash) gets the links it got then.
//
// The store is shared (it may be fed by another thread); the stage itself is
// used by one thread at a time.
#pragma once

#include <memory>

#include "config/config.h"
#include "core/stage.h"
#include "dedup/fingerprint_index.h"

namespace dateline {

class DedupStage final : public Stage {
 public:
  DedupStage(const DedupConfig& config, std::shared_ptr<dedup::FingerprintStore> store)
      : config_(config), store_(std::move(store)) {}
  std::string_view Name() const override { return "dedup"; }
  Verdict Process(Record& record) override;

  // The entry the stage looks up and publishes for `record` (exposed for tests).
  static dedup::FingerprintEntry EntryFor(const Record& record);

 private:
  DedupConfig config_;
  std::shared_ptr<dedup::FingerprintStore> store_;
};

}  // namespace dateline
