#include "observe/kafka_stats.h"

#include <gtest/gtest.h>

namespace dateline::observe {
namespace {

// Trimmed from a librdkafka 2.0.2 consumer statistics document.
constexpr const char* kConsumerStats = R"({
  "name": "dateline#consumer-2", "type": "consumer", "msg_cnt": 0, "txretries": 3,
  "brokers": {
    "127.0.0.1:9092/bootstrap": {"name": "127.0.0.1:9092/bootstrap", "nodeid": -1, "state": "UP"},
    "127.0.0.1:9092/1": {"name": "127.0.0.1:9092/1", "nodeid": 1, "state": "UP"}
  },
  "topics": {
    "wire.raw": {"topic": "wire.raw", "partitions": {
      "0": {"partition": 0, "fetch_state": "active", "consumer_lag": 12, "committed_offset": 88},
      "1": {"partition": 1, "fetch_state": "active", "consumer_lag": 0},
      "2": {"partition": 2, "fetch_state": "none", "consumer_lag": -1},
      "3": {"partition": 3, "fetch_state": "offset-query", "consumer_lag": -1},
      "4": {"partition": 4, "fetch_state": "active", "consumer_lag": -1, "hi_offset": 0, "lo_offset": 0},
      "5": {"partition": 5, "fetch_state": "active", "consumer_lag": -1, "hi_offset": 7, "lo_offset": 0},
      "-1": {"partition": -1, "fetch_state": "none", "consumer_lag": -1}
    }}
  }
})";

TEST(KafkaStats, ReadsLagOfFetchedPartitionsOnly) {
  KafkaStats s;
  std::string error;
  ASSERT_TRUE(ParseKafkaStats(kConsumerStats, &s, &error)) << error;
  EXPECT_EQ(s.type, "consumer");
  EXPECT_EQ(s.tx_retries, 3);
  EXPECT_EQ(s.brokers_up, 1);  // the bootstrap placeholder does not count
  ASSERT_EQ(s.lags.size(), 3u);  // 0, 1, and 4 (empty, never committed: nothing to catch up)
  EXPECT_EQ(s.lags[0].topic, "wire.raw");
  EXPECT_EQ(s.lags[0].partition, 0);
  EXPECT_EQ(s.lags[0].lag, 12);
  EXPECT_EQ(s.lags[1].partition, 1);
  EXPECT_EQ(s.lags[1].lag, 0);
  EXPECT_EQ(s.lags[2].partition, 4);
  EXPECT_EQ(s.lags[2].lag, 0);
}

TEST(KafkaStats, ProducerQueueDepth) {
  KafkaStats s;
  std::string error;
  ASSERT_TRUE(ParseKafkaStats(R"({"type": "producer", "msg_cnt": 42, "topics": {}})", &s, &error));
  EXPECT_EQ(s.queued_messages, 42);
  EXPECT_TRUE(s.lags.empty());
}

TEST(KafkaStats, RejectsWhatIsNotAStatisticsObject) {
  KafkaStats s;
  std::string error;
  EXPECT_FALSE(ParseKafkaStats("{not json", &s, &error));
  EXPECT_FALSE(error.empty());
  EXPECT_FALSE(ParseKafkaStats("[1,2]", &s, &error));
  // Odd shapes inside are skipped, not fatal.
  EXPECT_TRUE(ParseKafkaStats(R"({"topics": {"t": {"partitions": [1]}}, "brokers": 3})", &s, &error));
}

}  // namespace
}  // namespace dateline::observe
