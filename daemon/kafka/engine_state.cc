#include "kafka/engine_state.h"

#include <spdlog/spdlog.h>

namespace dateline {

std::string_view EngineStateName(EngineState state) {
  switch (state) {
    case EngineState::kStarting: return "starting";
    case EngineState::kReady: return "ready";
    case EngineState::kUnreachable: return "unreachable";
    case EngineState::kAuthFailed: return "auth_failed";
    case EngineState::kStopping: return "stopping";
    case EngineState::kFailed: return "failed";
  }
  return "unknown";
}

EngineStatus::EngineStatus() { current_.since = std::chrono::steady_clock::now(); }

void EngineStatus::Set(EngineState state, std::string reason) {
  EngineState previous;
  std::chrono::steady_clock::duration lasted;
  {
    std::lock_guard lock(mu_);
    previous = current_.state;
    if (previous == state) {
      current_.reason = std::move(reason);
      return;
    }
    const auto now = std::chrono::steady_clock::now();
    lasted = now - current_.since;
    current_ = {state, reason, now};
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(lasted).count();
  switch (state) {
    case EngineState::kReady:
      spdlog::info("kafka state={} previous={} after_ms={} {}", EngineStateName(state), EngineStateName(previous), ms,
                   reason);
      break;
    case EngineState::kUnreachable:
      spdlog::warn("kafka state={} reason=\"{}\"; retrying until it is back", EngineStateName(state), reason);
      break;
    case EngineState::kAuthFailed:
      spdlog::error("kafka state={} reason=\"{}\"; check the credentials and certificates (retrying)",
                    EngineStateName(state), reason);
      break;
    case EngineState::kFailed:
      spdlog::critical("kafka state={} reason=\"{}\"", EngineStateName(state), reason);
      break;
    default:
      spdlog::info("kafka state={} {}", EngineStateName(state), reason);
      break;
  }
}

EngineStatusSnapshot EngineStatus::Get() const {
  std::lock_guard lock(mu_);
  return current_;
}

}  // namespace dateline
