#include "runtime/reload.h"

#include <spdlog/spdlog.h>

#include <chrono>

namespace dateline {
namespace {

std::shared_ptr<spdlog::logger> Log() {
  auto logger = spdlog::get("reload");
  return logger ? logger : spdlog::default_logger();
}

}  // namespace

PipelineReloader::PipelineReloader(std::unique_ptr<PipelineGeneration> initial, GenerationBuilder build,
                                   std::function<void(bool, const std::string&)> on_result)
    : build_(std::move(build)), on_result_(std::move(on_result)), current_(std::move(initial)) {
  worker_ = std::thread([this] { Work(); });
}

PipelineReloader::~PipelineReloader() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  worker_.join();
}

void PipelineReloader::Request() {
  {
    std::lock_guard lock(mu_);
    requested_ = true;
  }
  cv_.notify_all();
}

std::optional<PipelineSwap> PipelineReloader::TakeReady() {
  std::unique_ptr<PipelineGeneration> retired;
  {
    std::lock_guard lock(mu_);
    if (!ready_) return std::nullopt;
    retired = std::move(current_);
    current_ = std::move(ready_);
  }
  Log()->info("reload: new pipeline in force from the next message");
  return PipelineSwap{current_->pipeline.get(), &current_->config.formats};
}

void PipelineReloader::WaitIdle() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !requested_ && !building_; });
}

void PipelineReloader::Work() {
  std::unique_lock lock(mu_);
  while (true) {
    cv_.wait(lock, [&] { return stop_ || requested_; });
    if (stop_) return;
    requested_ = false;
    building_ = true;
    lock.unlock();
    const auto started = std::chrono::steady_clock::now();
    Log()->info("reload requested: building a new pipeline");
    std::string error;
    std::unique_ptr<PipelineGeneration> built;
    try {
      built = build_(&error);
    } catch (const std::exception& e) {
      error = e.what();
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    if (built) {
      Log()->info("reload: new pipeline built in {} ms; switching at the next message boundary", ms);
    } else {
      Log()->error("reload rejected, keeping the current configuration: {}", error);
    }
    if (on_result_) on_result_(built != nullptr, error);
    lock.lock();
    if (built) ready_ = std::move(built);  // a newer build replaces one not yet taken
    building_ = false;
    cv_.notify_all();
  }
}

}  // namespace dateline
