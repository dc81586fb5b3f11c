// PipelineReloader: SIGHUP reloads of the pipeline (reference data,
// dictionaries, format rules) built off the loop thread and swapped in at a
// message boundary.
//
// Threads: Request() may be called from any thread (not from a signal
// handler); the build runs on the reloader's own worker thread; TakeReady()
// and current() belong to the daemon's loop thread. A failed build is logged
// (component "reload") and changes nothing: the current generation stays.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "config/config.h"
#include "kafka/observer.h"
#include "pipeline/pipeline.h"

namespace dateline {

// The config a pipeline was built from, and the pipeline.
struct PipelineGeneration {
  Config config;
  std::unique_ptr<Pipeline> pipeline;
};

// Builds a new generation; nullptr and *error when the new files are broken.
using GenerationBuilder = std::function<std::unique_ptr<PipelineGeneration>(std::string* error)>;

class PipelineReloader {
 public:
  // `on_result(ok, message)` is called on the worker thread after each build.
  PipelineReloader(std::unique_ptr<PipelineGeneration> initial, GenerationBuilder build,
                   std::function<void(bool, const std::string&)> on_result = {});
  ~PipelineReloader();
  PipelineReloader(const PipelineReloader&) = delete;
  PipelineReloader& operator=(const PipelineReloader&) = delete;

  Pipeline* current_pipeline() const { return current_->pipeline.get(); }
  const Config& current_config() const { return current_->config; }

  // Asks for a rebuild; requests made while one is being built merge into one more build.
  void Request();
  // Loop thread, at a message boundary: the newly built generation, now
  // current (the previous one is released), or nullopt when none is ready.
  std::optional<PipelineSwap> TakeReady();
  // Waits until no build is pending or running (tests).
  void WaitIdle();

 private:
  void Work();

  GenerationBuilder build_;
  std::function<void(bool, const std::string&)> on_result_;
  std::unique_ptr<PipelineGeneration> current_;  // loop thread only

  std::mutex mu_;
  std::condition_variable cv_;
  bool requested_ = false;
  bool building_ = false;
  bool stop_ = false;
  std::unique_ptr<PipelineGeneration> ready_;  // built, not yet taken
  std::thread worker_;
};

}  // namespace dateline
