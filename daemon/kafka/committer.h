// Committer: how consumed offsets become committed relative to the output.
//
// The engine (daemon.cc) consumes, runs the pipeline and produces; a Committer
// decides when the consumed input counts as done. Two implementations:
//  - at_least_once.cc: an offset is stored once its outputs, and those of
//    every earlier message of its partition, are acknowledged (OffsetTracker);
//    the consumer auto-commits stored offsets. A crash replays: duplicates,
//    never loss.
//  - transactional.cc: exactly-once (KIP-447). One transactional producer per
//    instance; outputs, dead letters and the consumed offsets (sent with the
//    consumer's group metadata) are committed in one transaction, by count or
//    time. An abortable error aborts and rewinds the consumer to the start of
//    the transaction; a fatal one (fenced) stops the daemon.
//
// Threads: every method is called on the engine's loop thread (librdkafka
// serves delivery reports and rebalances on it too). The committer does not
// own the clients it is given in Start(); they outlive it.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "config/config.h"
#include "kafka/kafka_handles.h"
#include "kafka/offset_tracker.h"

namespace dateline {

enum class CommitStatus {
  kOk,       // carry on
  kRewound,  // the transaction was aborted and the consumer rewound; carry on (input is read again)
  kFatal,    // stop without committing anything more: exit 1
  kFenced,   // another instance with the same transactional.id took over: exit kExitFenced
};

struct CommitCounters {
  uint64_t transactions_committed = 0;
  uint64_t transactions_aborted = 0;
};

class Committer {
 public:
  virtual ~Committer() = default;

  // Properties this mode needs on each client.
  virtual void Properties(ClientProperties* producer, ClientProperties* consumer) const = 0;

  // Once both clients exist, before subscribing (exactly-once: init_transactions,
  // which fences an earlier instance with the same id). Retries while the
  // cluster is unreachable until *stop is set.
  virtual CommitStatus Start(RdKafka::Producer* producer, RdKafka::KafkaConsumer* consumer) = 0;

  // The outputs of input (partition, offset) are about to be produced.
  virtual CommitStatus BeginInput(const PartitionKey& partition, int64_t offset) = 0;

  // Delivery report for an output of input (partition, offset).
  virtual CommitStatus Delivered(const PartitionKey& partition, int64_t offset, RdKafka::ErrorCode err) = 0;

  // produce() refused an output of the current input. ERR__QUEUE_FULL means
  // the output was abandoned because a stop was requested.
  virtual CommitStatus ProduceFailed(RdKafka::ErrorCode err) = 0;

  // Every turn of the loop: store offsets, or commit a transaction that is due.
  virtual CommitStatus Tick() = 0;

  // Before `partitions` are unassigned in a rebalance; `lost`: they are gone already.
  virtual CommitStatus Revoke(const std::vector<RdKafka::TopicPartition*>& partitions, bool lost) = 0;

  // Orderly stop: commit what is complete within `timeout_ms`.
  virtual CommitStatus Finish(int timeout_ms) = 0;

  // Inputs consumed and not yet committed (logs).
  virtual size_t Uncommitted() const = 0;

  const CommitCounters& counters() const { return counters_; }

 protected:
  CommitCounters counters_;
};

// True for the errors that mean another producer with our transactional.id
// (a newer instance) has taken over.
bool IsFencedError(RdKafka::ErrorCode code);

// The committer for config.processing.guarantee. `stop` outlives it.
std::unique_ptr<Committer> MakeCommitter(const Config& config, const std::atomic<bool>* stop);
std::unique_ptr<Committer> MakeAtLeastOnceCommitter(const Config& config);
std::unique_ptr<Committer> MakeTransactionalCommitter(const Config& config, const std::atomic<bool>* stop);

}  // namespace dateline
