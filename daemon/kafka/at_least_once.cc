// At-least-once: offsets are stored once their outputs are acknowledged and
// committed by the consumer (auto-commit, and synchronously on revoke/stop).
#include <spdlog/spdlog.h>

#include "kafka/committer.h"

namespace dateline {
namespace {

class AtLeastOnceCommitter final : public Committer {
 public:
  explicit AtLeastOnceCommitter(const Config& config) : flush_timeout_ms_(static_cast<int>(config.limits.shutdown_timeout_ms)) {}

  void Properties(ClientProperties* producer, ClientProperties* consumer) const override {
    producer->defaults["message.timeout.ms"] = "300000";
    consumer->defaults["enable.auto.commit"] = "true";  // commits only the offsets stored below
    consumer->defaults["auto.commit.interval.ms"] = "1000";
  }

  CommitStatus Start(RdKafka::Producer* producer, RdKafka::KafkaConsumer* consumer) override {
    producer_ = producer;
    consumer_ = consumer;
    return CommitStatus::kOk;
  }

  CommitStatus BeginInput(const PartitionKey& partition, int64_t offset) override {
    tracker_.Begin(partition, offset);
    return CommitStatus::kOk;
  }

  CommitStatus Delivered(const PartitionKey& partition, int64_t offset, RdKafka::ErrorCode err) override {
    if (err != RdKafka::ERR_NO_ERROR) return CommitStatus::kFatal;  // nothing past it may be committed
    tracker_.Complete(partition, offset);
    return CommitStatus::kOk;
  }

  CommitStatus ProduceFailed(RdKafka::ErrorCode err) override {
    // An abandoned output is never acknowledged, so its offset is never committed.
    return err == RdKafka::ERR__QUEUE_FULL ? CommitStatus::kOk : CommitStatus::kFatal;
  }

  CommitStatus Tick() override {
    StoreOffsets();
    return CommitStatus::kOk;
  }

  CommitStatus Revoke(const std::vector<RdKafka::TopicPartition*>& partitions, bool lost) override {
    if (!lost) {
      // Deliver what is in flight, then commit it, before giving partitions away.
      producer_->flush(flush_timeout_ms_);
      StoreOffsets();
      Commit();
    }
    for (const auto* tp : partitions) tracker_.Forget({tp->topic(), tp->partition()});
    return CommitStatus::kOk;
  }

  CommitStatus Finish(int timeout_ms) override {
    producer_->flush(timeout_ms);
    StoreOffsets();
    Commit();
    return CommitStatus::kOk;
  }

  size_t Uncommitted() const override { return tracker_.InFlight(); }

 private:
  void StoreOffsets() {
    auto advanced = tracker_.TakeAdvanced();
    if (advanced.empty()) return;
    PartitionList list;
    for (const auto& [key, offset] : advanced) list.Add(key.first, key.second, offset);
    const RdKafka::ErrorCode err = consumer_->offsets_store(list.items);
    if (err != RdKafka::ERR_NO_ERROR) spdlog::debug("offsets_store: {}", RdKafka::err2str(err));
  }

  void Commit() {
    const RdKafka::ErrorCode err = consumer_->commitSync();
    if (err != RdKafka::ERR_NO_ERROR && err != RdKafka::ERR__NO_OFFSET) {
      spdlog::warn("offset commit failed: {}", RdKafka::err2str(err));
    }
  }

  const int flush_timeout_ms_;
  OffsetTracker tracker_;
  RdKafka::Producer* producer_ = nullptr;
  RdKafka::KafkaConsumer* consumer_ = nullptr;
};

}  // namespace

std::unique_ptr<Committer> MakeAtLeastOnceCommitter(const Config& config) {
  return std::make_unique<AtLeastOnceCommitter>(config);
}

std::unique_ptr<Committer> MakeCommitter(const Config& config, const std::atomic<bool>* stop) {
  if (config.processing.guarantee == ProcessingGuarantee::kExactlyOnce) return MakeTransactionalCommitter(config, stop);
  return MakeAtLeastOnceCommitter(config);
}

}  // namespace dateline
