// Daemon: the consume -> pipeline -> produce loop, at-least-once or exactly-once
// (processing.guarantee; the commit logic lives in kafka/committer.h).
//
// Threads: Run() does all the work on the calling thread: consuming, running
// the pipeline, producing, serving delivery reports and rebalances (librdkafka
// calls our callbacks from consume()/poll()/flush() on this thread). `stop`
// may be set from any thread or a signal handler.
//
// Guarantee: an input offset is stored for commit only after the broker has
// acknowledged the record or dead letter produced from it and from every
// earlier message of its partition (OffsetTracker). Records of one input
// partition go, in input order, to one output partition (idempotent producer),
// so per-partition order is kept.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

#include "config/config.h"
#include "core/error_code.h"
#include "kafka/engine_state.h"
#include "kafka/observer.h"
#include "pipeline/pipeline.h"

namespace dateline {

// Process exit codes (documented in the README).
enum ExitCode : int {
  kExitOk = 0,
  kExitRuntimeError = 1,     // fatal Kafka error, failed delivery, broken start-up
  kExitUsage = 2,            // bad command line or configuration
  kExitShutdownTimeout = 3,  // shutdown did not finish within limits.shutdown_timeout_ms
  kExitFenced = 4,           // exactly_once: a newer instance with the same instance_id took over
  kExitSecondSignal = 130,   // a second SIGTERM/SIGINT: immediate exit
};

struct DaemonCounters {
  uint64_t consumed = 0;
  uint64_t produced = 0;  // records acknowledged by the broker
  uint64_t dead_letters_acked = 0;
  std::array<uint64_t, static_cast<size_t>(ErrorCode::kCount)> dead_letters{};
  uint64_t delivery_failures = 0;
  uint64_t input_pauses = 0;  // backpressure: fetching paused / resumed
  uint64_t input_resumes = 0;
};

// Checks what `run` needs beyond a valid config: topics and a bootstrap address.
std::vector<ConfigError> CheckDaemonConfig(const Config& config);

class Daemon {
 public:
  Daemon(const Config& config, Pipeline* pipeline, const std::atomic<bool>* stop)
      : config_(config), pipeline_(pipeline), stop_(stop) {}

  // Runs until *stop is set or a fatal error; returns an ExitCode.
  int Run();

  const DaemonCounters& counters() const { return counters_; }

  // The engine's connection/readiness state; safe to read from any thread
  // (e.g. a /readyz handler) while Run() is running.
  const EngineStatus& status() const { return status_; }
  // Operations hooks and dry-run mode (daemon/kafka/observer.h); call before Run().
  void Attach(const DaemonRuntime& runtime) { runtime_ = runtime; }

 private:
  const Config& config_;
  Pipeline* pipeline_;
  const std::atomic<bool>* stop_;
  DaemonCounters counters_;
  EngineStatus status_;
  DaemonRuntime runtime_;
};

}  // namespace dateline
