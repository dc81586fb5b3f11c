// EngineStatus: the Kafka engine's connection/readiness state, for readiness
// probes (/readyz) and logs.
//
// Threads: Set() is called by the engine (its loop thread and librdkafka's
// callbacks); Get()/ready() may be called from any thread. Every change of
// state is logged once, so an outage gives one line when it starts and one
// when it ends, however many times librdkafka retries in between.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>

namespace dateline {

enum class EngineState {
  kStarting,     // clients created, first contact with the cluster not made yet
  kReady,        // connected: consuming and producing
  kUnreachable,  // every broker is down or unreachable; librdkafka keeps retrying
  kAuthFailed,   // TLS or SASL rejected (wrong credentials or certificates); retrying
  kStopping,     // an orderly stop is under way
  kFailed,       // a fatal error (fenced, failed delivery); the daemon is exiting
};

std::string_view EngineStateName(EngineState state);

struct EngineStatusSnapshot {
  EngineState state = EngineState::kStarting;
  std::string reason;  // why, in one line; never holds a secret (librdkafka's error text)
  std::chrono::steady_clock::time_point since;
};

class EngineStatus {
 public:
  EngineStatus();

  // Moves to `state`; logs when the state changes (not when only the reason does).
  void Set(EngineState state, std::string reason);
  EngineStatusSnapshot Get() const;
  bool ready() const { return Get().state == EngineState::kReady; }

 private:
  mutable std::mutex mu_;
  EngineStatusSnapshot current_;
};

}  // namespace dateline
