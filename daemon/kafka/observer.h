// DaemonObserver: hooks the daemon loop calls so that operations code
// (metrics, health, systemd notify, reload; see daemon/runtime/) can watch and
// steer it without living inside it.
//
// Threads: every hook is called on the daemon's loop thread (librdkafka serves
// callbacks there too), so implementations need no locking against the loop;
// they must be cheap and must not throw. The defaults do nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "config/config.h"
#include "core/error_code.h"

namespace dateline {

class Pipeline;

struct LoopState {
  size_t in_flight = 0;     // consumed messages whose output is not yet acknowledged
  int producer_queue = 0;   // messages in the producer's queue (outq_len)
};

// A replacement for the pipeline and the format rules, used from the next
// message on. The observer owns both and keeps them alive until it hands out
// the next replacement or Daemon::Run() returns.
struct PipelineSwap {
  Pipeline* pipeline = nullptr;
  const FormatsConfig* formats = nullptr;
};

class DaemonObserver {
 public:
  virtual ~DaemonObserver() = default;

  // Clients created, cluster metadata read, subscribed.
  virtual void OnStarted() {}
  // Every turn of the main loop (at least every ~100 ms while it runs).
  virtual void OnLoopTurn(const LoopState&) {}
  // After each assignment change: the partitions now assigned.
  virtual void OnAssignment(size_t) {}
  virtual void OnConsumed() {}
  virtual void OnConsumeError() {}
  // A message became a dead letter (counted when decided, before delivery).
  virtual void OnDeadLetter(ErrorCode) {}
  // The broker acknowledged a record or dead letter; `input_timestamp_ms` is
  // the input message's timestamp (<= 0: none).
  virtual void OnDelivered(bool /*dead_letter*/, int64_t /*input_timestamp_ms*/) {}
  virtual void OnDeliveryFailed() {}
  // Dry run: what would have been produced.
  virtual void OnWouldProduce(bool /*dead_letter*/) {}
  // A librdkafka error event (`error`: its RdKafka::ErrorCode value).
  virtual void OnKafkaError(std::string_view /*client*/, int /*error*/, bool /*fatal*/) {}
  // librdkafka's statistics JSON (statistics.interval.ms).
  virtual void OnStatistics(std::string_view /*client*/, std::string_view /*json*/) {}
  // The loop stopped consuming and is shutting down.
  virtual void OnStopping() {}
  // Asked at message boundaries: a new pipeline to switch to, if any.
  virtual std::optional<PipelineSwap> TakeReplacement() { return std::nullopt; }
};

// How Daemon::Run() is observed and whether it may write (attach before Run).
struct DaemonRuntime {
  DaemonObserver* observer = nullptr;  // not owned; nullptr: none
  // Consume and process, but produce nothing and commit nothing.
  bool dry_run = false;
  // statistics.interval.ms applied when an observer is attached and the
  // config does not set it (0: leave librdkafka's default, off).
  int stats_interval_ms = 5000;
};

}  // namespace dateline
