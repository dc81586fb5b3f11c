// Harness for end-to-end tests against the local broker (scripts/kafka-local).
//
// All clients here talk to 127.0.0.1 only. Waits are bounded: every loop
// consumes with a short timeout until its condition holds or its deadline passes.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace dateline::e2e {

// The broker's bootstrap address, from $KAFKA_LOCAL_DIR/bootstrap.
std::string Bootstrap();

// A name no other test run has used: prefix + pid + counter.
std::string UniqueName(const std::string& prefix);

// Creates topics (name -> partitions) and waits until they exist.
void CreateTopics(const std::map<std::string, int>& topics);

struct Message {
  int32_t partition = -1;
  int64_t offset = -1;
  std::string key;
  std::string value;
  std::map<std::string, std::string> headers;
  int64_t source_partition = -1;  // from dateline_source_partition
  int64_t source_offset = -1;     // from dateline_source_offset
};

// Produces messages and waits for every acknowledgement.
class TestProducer {
 public:
  TestProducer();
  void Produce(const std::string& topic, int32_t partition, const std::string& key, const std::string& value);
  void Flush();  // throws if any delivery failed

 private:
  class Reports : public RdKafka::DeliveryReportCb {
   public:
    void dr_cb(RdKafka::Message& m) override { failed += m.err() != RdKafka::ERR_NO_ERROR; }
    int failed = 0;
  };
  Reports reports_;
  std::unique_ptr<RdKafka::Producer> producer_;
};

// Reads every partition of a topic from the beginning (assign, no group).
class TopicReader {
 public:
  TopicReader(const std::string& topic, int partitions);
  // Reads until `done()` holds or `timeout` passes; returns done().
  bool ReadUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);
  const std::vector<Message>& messages() const { return messages_; }

 private:
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
  std::vector<Message> messages_;
};

// Distinct (source partition, source offset) pairs in a growing output,
// updated incrementally: each message is looked at once, so it can be asked
// in a ReadUntil predicate after every message.
class DistinctSources {
 public:
  size_t Update(const std::vector<Message>& messages) {
    for (; next_ < messages.size(); ++next_) seen_.emplace(messages[next_].source_partition, messages[next_].source_offset);
    return seen_.size();
  }

 private:
  size_t next_ = 0;
  std::set<std::pair<int64_t, int64_t>> seen_;
};

// Writes a daemon config for the given topics; returns its path.
std::string WriteConfig(const std::string& dir, const std::string& input, const std::string& output,
                        const std::string& dead_letter, const std::string& group, const std::string& extra = "");

}  // namespace dateline::e2e
