// librdkafka statistics (statistics.interval.ms): the few figures dateline
// exports, read from the JSON document librdkafka emits
// (https://github.com/confluentinc/librdkafka/blob/v2.0.2/STATISTICS.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::observe {

struct PartitionLag {
  std::string topic;
  int32_t partition = -1;
  int64_t lag = -1;  // high watermark (or last stable offset) minus the committed offset
};

struct KafkaStats {
  std::string type;                // "consumer" or "producer"
  std::vector<PartitionLag> lags;  // consumer: partitions being fetched with a known lag
  int64_t queued_messages = 0;     // msg_cnt: messages in the producer's queues
  int64_t tx_retries = 0;          // txretries: requests retried, over all brokers
  int64_t brokers_up = 0;          // brokers (not the bootstrap placeholders) in state UP
};

// Parses one statistics document; false with *error when it is not one.
bool ParseKafkaStats(std::string_view json, KafkaStats* out, std::string* error);

}  // namespace dateline::observe
