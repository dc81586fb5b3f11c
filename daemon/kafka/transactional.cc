// Exactly-once (KIP-447): consume -> transform -> produce in Kafka transactions.
//
// One transactional producer per instance (transactional.id = prefix + "-" +
// processing.instance_id). A transaction begins with the first input after the
// previous commit and holds every record and dead letter produced from its
// inputs; it is committed together with the consumed positions
// (send_offsets_to_transaction with the consumer's group metadata, so a zombie
// member of an older generation is fenced by the group coordinator) once it
// holds processing.transaction.max_messages inputs or has been open for
// processing.transaction.max_ms. Readers see its records only after the commit
// (isolation.level=read_committed), and all of them or none.
//
// Errors, in librdkafka's three classes:
//  - retriable (broker unreachable, timeouts): the same call is repeated;
//  - abortable (a failed delivery, a lost assignment, an expired transaction):
//    abort, seek each partition of the transaction back to its first offset
//    in it (= the last committed offset) and go on: the inputs are read again;
//  - fatal (fenced by a newer instance with the same id): stop, commit nothing.
#include <spdlog/spdlog.h>

#include <chrono>
#include <map>
#include <set>
#include <string>

#include "kafka/committer.h"

namespace dateline {

bool IsFencedError(RdKafka::ErrorCode code) {
  return code == RdKafka::ERR__FENCED || code == RdKafka::ERR_PRODUCER_FENCED ||
         code == RdKafka::ERR_INVALID_PRODUCER_EPOCH;
}

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kCallTimeoutMs = 10000;  // one attempt of a blocking transactional call

class TransactionalCommitter final : public Committer {
 public:
  TransactionalCommitter(const Config& config, const std::atomic<bool>* stop)
      : transactional_id_(config.processing.TransactionalId()),
        max_inputs_(config.processing.transaction_max_messages),
        max_age_(std::chrono::milliseconds(config.processing.transaction_max_ms)),
        stop_(stop) {}

  void Properties(ClientProperties* producer, ClientProperties* consumer) const override {
    producer->managed["transactional.id"] = transactional_id_;
    producer->managed["enable.idempotence"] = "true";
    // message.timeout.ms defaults to transaction.timeout.ms for a transactional producer.
    consumer->managed["enable.auto.commit"] = "false";  // offsets go inside the transaction
    consumer->defaults["isolation.level"] = "read_committed";  // inputs written in transactions: committed only
  }

  CommitStatus Start(RdKafka::Producer* producer, RdKafka::KafkaConsumer* consumer) override {
    producer_ = producer;
    consumer_ = consumer;
    spdlog::info("exactly-once: initializing transactions transactional.id={}", transactional_id_);
    ErrorPtr e = Retry("init_transactions", [&] { return producer_->init_transactions(kCallTimeoutMs); },
                       Clock::time_point::max());
    if (!e) return CommitStatus::kOk;
    if (e->is_fatal()) return Fatal("init_transactions", *e);
    if (!stop_->load()) spdlog::critical("init_transactions failed: {}", e->str());
    return CommitStatus::kFatal;
  }

  CommitStatus BeginInput(const PartitionKey& partition, int64_t offset) override {
    if (!open_) {
      ErrorPtr e(producer_->begin_transaction());
      if (e) {
        if (e->is_fatal()) return Fatal("begin_transaction", *e);
        spdlog::critical("begin_transaction failed: {}", e->str());
        return CommitStatus::kFatal;
      }
      open_ = true;
      begun_ = Clock::now();
    }
    // Registered before anything is produced, so that a rewind covers this input.
    auto [it, fresh] = batch_.try_emplace(partition, Range{offset, offset + 1});
    if (!fresh) it->second.next = offset + 1;
    ++inputs_;
    return CommitStatus::kOk;
  }

  CommitStatus Delivered(const PartitionKey& partition, int64_t offset, RdKafka::ErrorCode err) override {
    if (err != RdKafka::ERR_NO_ERROR) {
      MarkAbort("delivery failed for input " + partition.first + "/" + std::to_string(partition.second) + "@" +
                std::to_string(offset) + ": " + RdKafka::err2str(err));
    }
    return CommitStatus::kOk;
  }

  CommitStatus ProduceFailed(RdKafka::ErrorCode err) override {
    if (err == RdKafka::ERR__FATAL) {
      std::string reason;
      const RdKafka::ErrorCode code = producer_->fatal_error(reason);
      return FatalCode("produce", code, reason);
    }
    // Includes an output abandoned for a stop: its input must not be committed.
    MarkAbort("produce refused: " + RdKafka::err2str(err));
    return CommitStatus::kOk;
  }

  CommitStatus Tick() override {
    if (!open_) return CommitStatus::kOk;
    if (abort_needed_) return AbortAndRewind(abort_reason_, {});
    if (inputs_ >= max_inputs_ || Clock::now() - begun_ >= max_age_) return Commit({});
    return CommitStatus::kOk;
  }

  CommitStatus Revoke(const std::vector<RdKafka::TopicPartition*>& partitions, bool lost) override {
    if (!open_) return CommitStatus::kOk;
    std::set<PartitionKey> revoked;
    for (const auto* tp : partitions) revoked.emplace(tp->topic(), tp->partition());
    // Commit before the partitions move on; a lost assignment can no longer be committed.
    if (lost || abort_needed_) return AbortAndRewind(lost ? "assignment lost" : abort_reason_, revoked);
    return Commit(revoked);
  }

  CommitStatus Finish(int timeout_ms) override {
    finish_deadline_ = Clock::now() + std::chrono::milliseconds(timeout_ms);
    if (!open_) return CommitStatus::kOk;
    if (abort_needed_) {
      const CommitStatus s = AbortAndRewind(abort_reason_, {});
      return s == CommitStatus::kRewound ? CommitStatus::kOk : s;
    }
    const CommitStatus s = Commit({});
    return s == CommitStatus::kRewound ? CommitStatus::kOk : s;
  }

  size_t Uncommitted() const override { return inputs_; }

 private:
  struct Range {
    int64_t first;  // first input offset in this transaction: where a rewind seeks to
    int64_t next;   // one past the last one: the position committed with the transaction
  };

  void MarkAbort(std::string reason) {
    if (abort_needed_) return;
    spdlog::warn("transaction must abort: {}", reason);
    abort_needed_ = true;
    abort_reason_ = std::move(reason);
  }

  // Calls `op` again while it fails with a retriable error, until it succeeds,
  // fails otherwise, the deadline passes, or a stop is requested (outside Finish).
  template <typename Op>
  ErrorPtr Retry(const char* what, Op op, Clock::time_point deadline) {
    bool logged = false;
    while (true) {
      ErrorPtr e(op());
      if (!e || !e->is_retriable()) return e;
      const bool finishing = finish_deadline_ != Clock::time_point{};
      if ((stop_->load() && !finishing) || Clock::now() >= std::min(deadline, finishing ? finish_deadline_ : deadline)) {
        return e;
      }
      if (!logged) spdlog::warn("{} failed, retrying: {}", what, e->str());
      logged = true;
      producer_->poll(100);  // serve events (and state changes) between attempts
    }
  }

  // Sends the positions, commits, and starts afresh. A failure that needs an
  // abort aborts and rewinds every partition of the transaction except `skip`.
  CommitStatus Commit(const std::set<PartitionKey>& skip) {
    PartitionList positions;
    for (const auto& [key, range] : batch_) positions.Add(key.first, key.second, range.next);
    GroupMetadataPtr metadata(consumer_->groupMetadata());
    ErrorPtr e;
    if (!offsets_sent_) {
      e = Retry("send_offsets_to_transaction", [&] {
        return producer_->send_offsets_to_transaction(positions.items, metadata.get(), kCallTimeoutMs);
      }, Clock::time_point::max());
      offsets_sent_ = !e;
    }
    // A commit that gave up (retriable, stop requested) is resumed by calling it again.
    if (!e) e = Retry("commit_transaction", [&] { return producer_->commit_transaction(kCallTimeoutMs); },
                      Clock::time_point::max());
    if (e) return Failed("commit", *e, skip);
    ++counters_.transactions_committed;
    Reset();
    return CommitStatus::kOk;
  }

  CommitStatus Failed(const char* what, const RdKafka::Error& e, const std::set<PartitionKey>& skip) {
    if (e.is_fatal()) return Fatal(what, e);
    if (e.is_retriable()) return CommitStatus::kOk;  // gave up for a stop: Finish() tries again
    return AbortAndRewind(std::string(what) + " failed: " + e.str(), skip);
  }

  CommitStatus AbortAndRewind(const std::string& reason, const std::set<PartitionKey>& skip) {
    ErrorPtr e = Retry("abort_transaction", [&] { return producer_->abort_transaction(kCallTimeoutMs); },
                       Clock::time_point::max());
    if (e) {
      if (e->is_fatal()) return Fatal("abort_transaction", *e);
      spdlog::critical("abort_transaction failed: {}; exiting without committing", e->str());
      return CommitStatus::kFatal;
    }
    ++counters_.transactions_aborted;
    size_t rewound = 0;
    for (const auto& [key, range] : batch_) {
      if (skip.count(key)) continue;  // being revoked: its next owner starts from the committed offset
      std::unique_ptr<RdKafka::TopicPartition> tp(RdKafka::TopicPartition::create(key.first, key.second, range.first));
      const RdKafka::ErrorCode err = consumer_->seek(*tp, kCallTimeoutMs);
      if (err != RdKafka::ERR_NO_ERROR) {
        // Going on would skip the aborted inputs; a restart resumes from the committed offsets.
        spdlog::critical("cannot rewind {}/{} to {} after an abort: {}; exiting", key.first, key.second, range.first,
                         RdKafka::err2str(err));
        return CommitStatus::kFatal;
      }
      ++rewound;
    }
    spdlog::warn("transaction aborted reason=\"{}\" inputs={} rewound_partitions={}", reason, inputs_, rewound);
    Reset();
    return CommitStatus::kRewound;
  }

  CommitStatus Fatal(const char* what, const RdKafka::Error& e) {
    std::string reason;
    RdKafka::ErrorCode code = producer_->fatal_error(reason);
    if (code == RdKafka::ERR_NO_ERROR) {
      code = e.code();
      reason = e.str();
    }
    return FatalCode(what, IsFencedError(e.code()) ? e.code() : code, reason);
  }

  CommitStatus FatalCode(const char* what, RdKafka::ErrorCode code, const std::string& reason) {
    if (IsFencedError(code)) {
      spdlog::critical("fenced: another instance took over transactional.id={} ({}); exiting without committing",
                       transactional_id_, reason);
      return CommitStatus::kFenced;
    }
    spdlog::critical("fatal transactional error in {}: {} ({}); exiting without committing", what, reason,
                     RdKafka::err2str(code));
    return CommitStatus::kFatal;
  }

  void Reset() {
    batch_.clear();
    open_ = false;
    abort_needed_ = false;
    abort_reason_.clear();
    inputs_ = 0;
    offsets_sent_ = false;
  }

  const std::string transactional_id_;
  const size_t max_inputs_;
  const Clock::duration max_age_;
  const std::atomic<bool>* stop_;
  RdKafka::Producer* producer_ = nullptr;
  RdKafka::KafkaConsumer* consumer_ = nullptr;
  bool open_ = false;
  Clock::time_point begun_;
  std::map<PartitionKey, Range> batch_;
  size_t inputs_ = 0;
  bool abort_needed_ = false;
  std::string abort_reason_;
  bool offsets_sent_ = false;
  Clock::time_point finish_deadline_{};  // set once Finish() runs: retries then ignore the stop flag
};

}  // namespace

std::unique_ptr<Committer> MakeTransactionalCommitter(const Config& config, const std::atomic<bool>* stop) {
  return std::make_unique<TransactionalCommitter>(config, stop);
}

}  // namespace dateline
