// Pipeline: the ordered stages every report goes through, the same in the
// daemon and in offline mode.
//
// Run() never throws: an exception from a stage stops at the stage boundary
// and becomes a kStageException dead letter naming the stage. A Pipeline is
// built once and used by one thread at a time.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/stage.h"

namespace dateline {

namespace dedup {
class FingerprintStore;
}  // namespace dedup

class Pipeline {
 public:
  explicit Pipeline(std::vector<std::unique_ptr<Stage>> stages) : stages_(std::move(stages)) {}

  // Runs the stages in order until one dead-letters; returns the last verdict.
  // A stage that took longer than the stage budget dead-letters the report as
  // kStageTimeout once it returns (a stage cannot be interrupted mid-way).
  Verdict Run(Record& record);

  // 0 (the default): no budget.
  void set_stage_budget(std::chrono::milliseconds budget) { stage_budget_ = budget; }

  const std::vector<std::unique_ptr<Stage>>& stages() const { return stages_; }
  // Replaces each stage with wrap(stage), e.g. to time it; everything else
  // about the pipeline (budget, start-up work) stays as it is.
  template <typename Wrap>
  void WrapStages(Wrap wrap) {
    for (auto& stage : stages_) stage = wrap(std::move(stage));
  }

  // Start-up work that needs the network, such as replaying the dedup state
  // topic: the daemon runs it once connected and before it consumes. A task
  // returns false with *error on failure, or soon after *stop is set.
  using StartupTask = std::function<bool(const std::atomic<bool>* stop, std::string* error)>;
  void AddStartupTask(StartupTask task) { startup_.push_back(std::move(task)); }
  bool Start(const std::atomic<bool>* stop, std::string* error) {
    for (const auto& task : startup_) {
      if (!task(stop, error)) return false;
    }
    return true;
  }

 private:
  std::vector<std::unique_ptr<Stage>> stages_;
  std::chrono::milliseconds stage_budget_{0};
  std::vector<StartupTask> startup_;
};

// The stage registry: builds every stage, in order, from its config section.
// Returns nullptr and sets *error when a stage cannot be built (for example an
// unreadable agency table). `dedup_store` is where the dedup stage keeps its
// state (the daemon passes a Kafka-backed store); nullptr gives a store in
// this process's memory (offline mode, tests).
std::unique_ptr<Pipeline> BuildPipeline(const Config& config, std::string* error,
                                        std::shared_ptr<dedup::FingerprintStore> dedup_store = nullptr);

}  // namespace dateline
