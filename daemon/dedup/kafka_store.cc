#include "dedup/kafka_store.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <thread>
#include <vector>

namespace dateline::dedup {
namespace {

using Clock = std::chrono::steady_clock;

struct CDeleter {
  void operator()(rd_kafka_t* p) const { rd_kafka_destroy(p); }
  void operator()(rd_kafka_queue_t* p) const { rd_kafka_queue_destroy(p); }
  void operator()(rd_kafka_event_t* p) const { rd_kafka_event_destroy(p); }
  void operator()(rd_kafka_NewTopic_t* p) const { rd_kafka_NewTopic_destroy(p); }
  void operator()(rd_kafka_AdminOptions_t* p) const { rd_kafka_AdminOptions_destroy(p); }
};
template <typename T>
using COwned = std::unique_ptr<T, CDeleter>;

// Routes the state clients' librdkafka logs and errors to spdlog (called on
// the thread that polls the client).
class SpdlogEvents final : public RdKafka::EventCb {
 public:
  void event_cb(RdKafka::Event& event) override {
    if (event.type() == RdKafka::Event::EVENT_ERROR) {
      spdlog::warn("dedup state client error={} reason={}", RdKafka::err2str(event.err()), event.str());
    } else if (event.type() == RdKafka::Event::EVENT_LOG) {
      const auto level = event.severity() <= RdKafka::Event::EVENT_SEVERITY_WARNING ? spdlog::level::warn
                                                                                    : spdlog::level::debug;
      spdlog::log(level, "librdkafka client=dedup-state facility={} {}", event.fac(), event.str());
    }
  }
};

struct TopicPartitions {
  std::vector<RdKafka::TopicPartition*> items;
  TopicPartitions() = default;
  TopicPartitions(const TopicPartitions&) = delete;
  TopicPartitions& operator=(const TopicPartitions&) = delete;
  ~TopicPartitions() { RdKafka::TopicPartition::destroy(items); }
};

std::unique_ptr<RdKafka::Conf> MakeConf(const KafkaProperties& common, const KafkaProperties& own,
                                        const std::map<std::string, std::string>& managed, RdKafka::EventCb* events,
                                        std::string* error) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string err;
  conf->set("event_cb", events, err);
  for (const auto* props : {&common, &own, &managed}) {
    for (const auto& [key, value] : *props) {
      if (conf->set(key, value, err) != RdKafka::Conf::CONF_OK) {
        *error = "dedup state client: " + key + ": " + err;
        return nullptr;
      }
    }
  }
  return conf;
}

// The admin client's librdkafka logs (errors included) to spdlog; called from librdkafka's threads.
void AdminLog(const rd_kafka_t*, int level, const char* facility, const char* message) {
  spdlog::log(level <= 4 ? spdlog::level::warn : spdlog::level::debug, "librdkafka client=dedup-admin facility={} {}",
              facility, message);
}

// Creates the state topic if it does not exist; true when it exists afterwards.
bool EnsureTopic(const KafkaProperties& common, const DedupConfig& config, const std::atomic<bool>* stop,
                 std::string* error) {
  char errstr[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set_log_cb(conf, AdminLog);
  for (const auto& [key, value] : common) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      *error = "dedup state admin: " + key + ": " + errstr;
      return false;
    }
  }
  COwned<rd_kafka_t> admin(rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr));
  if (!admin) {
    *error = errstr;
    return false;
  }
  COwned<rd_kafka_NewTopic_t> topic(rd_kafka_NewTopic_new(config.state_topic.c_str(), 1, -1, errstr, sizeof errstr));
  if (!topic) {
    *error = errstr;
    return false;
  }
  const std::string retention = std::to_string(config.window_ms);
  rd_kafka_NewTopic_set_config(topic.get(), "cleanup.policy", "compact,delete");
  rd_kafka_NewTopic_set_config(topic.get(), "retention.ms", retention.c_str());
  COwned<rd_kafka_queue_t> queue(rd_kafka_queue_new(admin.get()));
  COwned<rd_kafka_AdminOptions_t> options(rd_kafka_AdminOptions_new(admin.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS));
  rd_kafka_AdminOptions_set_operation_timeout(options.get(), static_cast<int>(config.replay_timeout_ms), errstr,
                                              sizeof errstr);
  rd_kafka_NewTopic_t* raw[] = {topic.get()};
  rd_kafka_CreateTopics(admin.get(), raw, 1, options.get(), queue.get());
  COwned<rd_kafka_event_t> event;
  const auto deadline = Clock::now() + std::chrono::milliseconds(config.replay_timeout_ms);
  while (!event && !stop->load() && Clock::now() < deadline) event.reset(rd_kafka_queue_poll(queue.get(), 200));
  if (!event) {
    *error = "dedup state topic " + config.state_topic + ": no answer from the broker";
    return false;
  }
  if (rd_kafka_event_error(event.get())) {
    *error = std::string("dedup state topic: ") + rd_kafka_event_error_string(event.get());
    return false;
  }
  size_t n = 0;
  const rd_kafka_topic_result_t** results =
      rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event.get()), &n);
  for (size_t i = 0; i < n; ++i) {
    const auto err = rd_kafka_topic_result_error(results[i]);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
      *error = "dedup state topic " + config.state_topic + ": " + rd_kafka_topic_result_error_string(results[i]);
      return false;
    }
  }
  return true;
}

}  // namespace

KafkaFingerprintStore::KafkaFingerprintStore(const DedupConfig& config)
    : config_(config),
      index_(IndexOptions{config.window_ms, static_cast<size_t>(config.max_entries), config.bands}) {}

std::unique_ptr<KafkaFingerprintStore> KafkaFingerprintStore::Create(const KafkaConfig& kafka,
                                                                     const DedupConfig& config,
                                                                     const std::string& client_id,
                                                                     std::string* error) {
  std::unique_ptr<KafkaFingerprintStore> store(new KafkaFingerprintStore(config));
  store->common_ = kafka.common;
  store->events_ = std::make_unique<SpdlogEvents>();
  std::string err;
  auto pconf = MakeConf(kafka.common, kafka.producer,
                        {{"client.id", client_id + "-dedup"}, {"linger.ms", "2"}, {"enable.idempotence", "true"},
                         {"acks", "all"}},
                        store->events_.get(), error);
  if (!pconf) return nullptr;
  store->producer_.reset(RdKafka::Producer::create(pconf.get(), err));
  if (!store->producer_) {
    *error = "dedup state producer: " + err;
    return nullptr;
  }
  // Own reader: a group id of its own only so librdkafka allows assign(); it never joins or commits.
  const std::string group = client_id + "-dedup-reader-" + std::to_string(getpid()) + "-" +
                            std::to_string(Clock::now().time_since_epoch().count());
  KafkaProperties consumer_props = kafka.consumer;
  consumer_props.erase("partition.assignment.strategy");
  consumer_props.erase("group.instance.id");
  auto cconf = MakeConf(kafka.common, consumer_props,
                        {{"group.id", group},
                         {"enable.auto.commit", "false"},
                         {"enable.auto.offset.store", "false"},
                         {"fetch.wait.max.ms", "20"},
                         {"client.id", client_id + "-dedup-reader"}},
                        store->events_.get(), error);
  if (!cconf) return nullptr;
  store->consumer_.reset(RdKafka::KafkaConsumer::create(cconf.get(), err));
  if (!store->consumer_) {
    *error = "dedup state consumer: " + err;
    return nullptr;
  }
  return store;
}

bool KafkaFingerprintStore::Start(const std::atomic<bool>* stop, std::string* error) {
  const DedupConfig& config = config_;
  std::string err;
  if (!EnsureTopic(common_, config, stop, error)) return false;
  // Partitions of the state topic (the metadata may lag just after creation).
  const auto deadline = Clock::now() + std::chrono::milliseconds(config.replay_timeout_ms);
  int partitions = 0;
  while (partitions == 0) {
    if (stop->load()) return false;
    std::unique_ptr<RdKafka::Topic> topic(RdKafka::Topic::create(consumer_.get(), config.state_topic, nullptr, err));
    RdKafka::Metadata* raw = nullptr;
    if (topic && consumer_->metadata(false, topic.get(), &raw, 1000) == RdKafka::ERR_NO_ERROR) {
      std::unique_ptr<RdKafka::Metadata> md(raw);
      for (const auto* t : *md->topics()) {
        if (t->topic() == config.state_topic && t->err() == RdKafka::ERR_NO_ERROR) {
          partitions = static_cast<int>(t->partitions()->size());
        }
      }
    }
    if (partitions == 0 && Clock::now() >= deadline) {
      *error = "dedup state topic " + config.state_topic + " has no partitions (broker unreachable?)";
      return false;
    }
  }
  // Start of the window, and the end to replay up to.
  const int64_t now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  // Watermarks and the window's start offsets; a broker still loading or
  // electing a leader answers with a retriable error, so ask again until the
  // replay deadline.
  auto retry = [&](const std::string& what, const auto& call) {
    for (;;) {
      const RdKafka::ErrorCode e = call();
      if (e == RdKafka::ERR_NO_ERROR) return true;
      if (stop->load()) return false;
      if (Clock::now() >= deadline) {
        *error = "dedup state topic " + config.state_topic + ": " + what + ": " + RdKafka::err2str(e);
        return false;
      }
      spdlog::debug("dedup state topic {}: {}: {}; retrying", config.state_topic, what, RdKafka::err2str(e));
      std::this_thread::sleep_for(std::chrono::milliseconds(200));  // back-off before asking the broker again
    }
  };
  std::map<int32_t, int64_t> high;
  for (int p = 0; p < partitions; ++p) {
    int64_t lo = 0, hi = 0;
    if (!retry("cannot read partition " + std::to_string(p) + " offsets",
               [&] { return consumer_->query_watermark_offsets(config.state_topic, p, &lo, &hi, 2000); })) {
      return false;
    }
    if (hi > lo) high[p] = hi;
  }
  TopicPartitions start;
  if (!retry("cannot find the window's start offsets", [&] {
        RdKafka::TopicPartition::destroy(start.items);  // a failed lookup may have overwritten the timestamps
        start.items.clear();
        for (int p = 0; p < partitions; ++p) {
          start.items.push_back(RdKafka::TopicPartition::create(config.state_topic, p, now_ms - config.window_ms));
        }
        return consumer_->offsetsForTimes(start.items, 5000);
      })) {
    return false;
  }
  for (auto* tp : start.items) {
    if (tp->offset() < 0) {  // nothing within the window: start at the end
      tp->set_offset(RdKafka::Topic::OFFSET_END);
      high.erase(tp->partition());
    }
  }
  if (consumer_->assign(start.items) != RdKafka::ERR_NO_ERROR) {
    *error = "dedup state topic " + config.state_topic + ": assign failed";
    return false;
  }
  // Replay up to the high watermarks seen above.
  while (!high.empty()) {
    if (stop->load()) return false;
    if (Clock::now() >= deadline) {
      *error = "dedup state replay did not finish within dedup.replay_timeout_ms";
      return false;
    }
    std::unique_ptr<RdKafka::Message> m(consumer_->consume(100));
    if (m->err() != RdKafka::ERR_NO_ERROR) continue;
    if (auto e = FingerprintEntry::Parse(
            std::string_view(static_cast<const char*>(m->payload()), m->len()))) {
      index_.Insert(*e);
      ++replayed_;
    }
    const auto it = high.find(m->partition());
    if (it != high.end() && m->offset() + 1 >= it->second) high.erase(it);
  }
  spdlog::info("dedup state replayed topic={} entries={} partitions={}", config.state_topic, replayed_,
               partitions);
  reader_ = std::thread([this] { ReadLoop(); });
  return true;
}

KafkaFingerprintStore::~KafkaFingerprintStore() {
  stop_ = true;
  if (reader_.joinable()) reader_.join();
  if (producer_) {
    if (producer_->flush(5000) != RdKafka::ERR_NO_ERROR) {
      spdlog::warn("dedup state: {} entries not delivered at shutdown", producer_->outq_len());
    }
  }
  if (consumer_) consumer_->close();
}

bool KafkaFingerprintStore::Consume(int timeout_ms) {
  std::unique_ptr<RdKafka::Message> m(consumer_->consume(timeout_ms));
  if (m->err() != RdKafka::ERR_NO_ERROR) {
    if (m->err() != RdKafka::ERR__TIMED_OUT && m->err() != RdKafka::ERR__PARTITION_EOF) {
      spdlog::warn("dedup state read error={}", m->errstr());
    }
    return false;
  }
  if (auto e = FingerprintEntry::Parse(std::string_view(static_cast<const char*>(m->payload()), m->len()))) {
    index_.Insert(*e);
    spdlog::debug("dedup state applied id={}", e->id);
  }
  return true;
}

void KafkaFingerprintStore::ReadLoop() {
  while (!stop_.load(std::memory_order_relaxed)) Consume(100);
}

void KafkaFingerprintStore::Publish(const FingerprintEntry& e) {
  index_.Insert(e);  // visible here at once; elsewhere once the topic carries it
  const std::string value = e.Serialize();
  for (int attempt = 0; attempt < 50; ++attempt) {
    const auto err = producer_->produce(config_.state_topic, RdKafka::Topic::PARTITION_UA,
                                        RdKafka::Producer::RK_MSG_COPY, const_cast<char*>(value.data()),
                                        value.size(), e.id.data(), e.id.size(), e.timestamp_ms, nullptr);
    if (err == RdKafka::ERR_NO_ERROR) break;
    if (err != RdKafka::ERR__QUEUE_FULL) {
      spdlog::warn("dedup state produce failed id={} error={}", e.id, RdKafka::err2str(err));
      break;
    }
    producer_->poll(10);
  }
  producer_->poll(0);
}

}  // namespace dateline::dedup
