// KafkaFingerprintStore: a FingerprintStore whose state lives in a Kafka
// topic, so that several daemon instances (one consumer group, copies of a
// story on different partitions) and a restarted instance share one window.
//
// Every instance produces one small message per record to the state topic
// (`<output>.dedup-state`, key = record id, value = FingerprintEntry::
// Serialize(), timestamp = the record's) and reads the whole topic with its
// own consumer: all partitions assigned, never in the consumer group, offsets
// never committed. Start() first replays the topic from the start of the
// window (offsets for timestamp now - window) up to the high watermarks it saw
// at start-up, before the daemon processes any input; then a background thread
// keeps feeding the thread-safe index. The topic is created when missing
// (cleanup.policy compact,delete; retention.ms = window).
//
// Consistency is eventual: an entry reaches other instances after the
// produce + fetch delay (tens of milliseconds), so two copies processed within
// that delay on different instances may both be taken as originals.
//
// Threads: Lookup/Publish from the pipeline thread; the reader thread inserts.
// librdkafka handles are owned by unique_ptrs and destroyed in the destructor
// after the thread is joined and the producer flushed.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "config/config.h"
#include "dedup/fingerprint_index.h"

namespace RdKafka {
class EventCb;
class KafkaConsumer;
class Producer;
}  // namespace RdKafka

namespace dateline::dedup {

class KafkaFingerprintStore final : public FingerprintStore {
 public:
  // Creates the clients (no network yet); nullptr with *error on bad properties.
  static std::unique_ptr<KafkaFingerprintStore> Create(const KafkaConfig& kafka, const DedupConfig& config,
                                                       const std::string& client_id, std::string* error);
  ~KafkaFingerprintStore() override;

  // Creates the topic if needed and replays the window, then starts the reader
  // thread. False with *error on failure (no broker within
  // dedup.replay_timeout_ms), or soon after *stop is set. Call once.
  bool Start(const std::atomic<bool>* stop, std::string* error) override;

  LookupResult Lookup(const FingerprintEntry& q, int dup, int story) override { return index_.Lookup(q, dup, story); }
  void Publish(const FingerprintEntry& e) override;

  size_t replayed() const { return replayed_; }
  const FingerprintIndex& index() const { return index_; }

 private:
  KafkaFingerprintStore(const DedupConfig& config);
  void ReadLoop();
  bool Consume(int timeout_ms);  // one message into the index; false on timeout/error

  DedupConfig config_;
  KafkaProperties common_;
  FingerprintIndex index_;
  std::unique_ptr<RdKafka::EventCb> events_;  // librdkafka logs and errors to spdlog; outlives the clients
  std::unique_ptr<RdKafka::Producer> producer_;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
  std::atomic<bool> stop_{false};
  std::thread reader_;
  size_t replayed_ = 0;
};

}  // namespace dateline::dedup
