#include "kafka/daemon.h"

#include <librdkafka/rdkafkacpp.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "kafka/offset_tracker.h"
#include "sink/record_json.h"

namespace dateline {
namespace {

using Clock = std::chrono::steady_clock;

// Keeps the consumed message alive while its payload is viewed by the Record.
class MessageOwner final : public PayloadOwner {
 public:
  explicit MessageOwner(std::unique_ptr<RdKafka::Message> message) : message_(std::move(message)) {}

 private:
  std::unique_ptr<RdKafka::Message> message_;
};

// Travels with each produced message as its opaque; reclaimed in the delivery report.
struct Pending {
  PartitionKey partition;
  int64_t offset;
  bool dead_letter;
};

// Owns the TopicPartition objects of a list handed to librdkafka.
struct PartitionList {
  std::vector<RdKafka::TopicPartition*> items;
  PartitionList() = default;
  PartitionList(const PartitionList&) = delete;
  PartitionList& operator=(const PartitionList&) = delete;
  ~PartitionList() { RdKafka::TopicPartition::destroy(items); }
};

class LogEvents final : public RdKafka::EventCb {
 public:
  explicit LogEvents(std::string role) : role_(std::move(role)) {}

  void event_cb(RdKafka::Event& event) override {
    switch (event.type()) {
      case RdKafka::Event::EVENT_ERROR:
        if (event.fatal()) {
          fatal_ = true;
          spdlog::critical("kafka fatal error client={} error={} reason={}", role_, RdKafka::err2str(event.err()),
                           event.str());
        } else {
          spdlog::warn("kafka error client={} error={} reason={}", role_, RdKafka::err2str(event.err()), event.str());
        }
        break;
      case RdKafka::Event::EVENT_LOG: {
        const int sev = event.severity();
        const auto level = sev <= RdKafka::Event::EVENT_SEVERITY_ERROR     ? spdlog::level::err
                           : sev == RdKafka::Event::EVENT_SEVERITY_WARNING ? spdlog::level::warn
                           : sev <= RdKafka::Event::EVENT_SEVERITY_INFO    ? spdlog::level::info
                                                                           : spdlog::level::debug;
        spdlog::log(level, "librdkafka client={} facility={} {}", role_, event.fac(), event.str());
        break;
      }
      default:
        break;
    }
  }

  bool fatal() const { return fatal_; }

 private:
  std::string role_;
  bool fatal_ = false;
};

// Applies defaults, then the user's properties, then the ones dateline manages.
std::unique_ptr<RdKafka::Conf> MakeConf(const std::map<std::string, std::string>& defaults,
                                        const KafkaProperties& common, const KafkaProperties& own,
                                        const std::map<std::string, std::string>& managed, std::string* error) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string err;
  for (const auto* props : {&defaults, static_cast<const std::map<std::string, std::string>*>(&common),
                            static_cast<const std::map<std::string, std::string>*>(&own), &managed}) {
    for (const auto& [key, value] : *props) {
      if (conf->set(key, value, err) != RdKafka::Conf::CONF_OK) {
        *error = key + ": " + err;
        return nullptr;
      }
    }
  }
  return conf;
}

class Engine final : public RdKafka::DeliveryReportCb, public RdKafka::RebalanceCb {
 public:
  Engine(const Config& config, Pipeline* pipeline, const std::atomic<bool>* stop, DaemonCounters* counters)
      : config_(config), pipeline_(pipeline), stop_(stop), counters_(counters) {}

  int Run() {
    if (!Start()) return stop_->load() ? kExitOk : kExitRuntimeError;
    spdlog::info("daemon started group={} inputs={} output={} dead_letter={}", config_.group_id,
                 config_.topics.input.size(), config_.topics.output, config_.topics.dead_letter);
    while (!stop_->load(std::memory_order_relaxed) && !Fatal()) {
      std::unique_ptr<RdKafka::Message> message(consumer_->consume(100));
      Handle(std::move(message));
      producer_->poll(0);
      StoreOffsets();
    }
    return Shutdown();
  }

  // Delivery report: called from producer poll()/flush() on the loop thread.
  void dr_cb(RdKafka::Message& message) override {
    std::unique_ptr<Pending> pending(static_cast<Pending*>(message.msg_opaque()));
    if (!pending) return;
    if (message.err() != RdKafka::ERR_NO_ERROR) {
      ++counters_->delivery_failures;
      delivery_failed_ = true;
      spdlog::error("delivery failed topic={} source_topic={} source_partition={} source_offset={} error={}",
                    message.topic_name(), pending->partition.first, pending->partition.second, pending->offset,
                    message.errstr());
      return;
    }
    ++(pending->dead_letter ? counters_->dead_letters_acked : counters_->produced);
    tracker_.Complete(pending->partition, pending->offset);
  }

  // Rebalance: called from consume()/close() on the loop thread.
  void rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                    std::vector<RdKafka::TopicPartition*>& partitions) override {
    const bool cooperative = consumer->rebalance_protocol() == "COOPERATIVE";
    if (err == RdKafka::ERR__ASSIGN_PARTITIONS) {
      spdlog::info("partitions assigned count={} protocol={}", partitions.size(), cooperative ? "cooperative" : "eager");
      if (cooperative) {
        std::unique_ptr<RdKafka::Error> e(consumer->incremental_assign(partitions));
        if (e) spdlog::error("incremental assign failed: {}", e->str());
      } else {
        consumer->assign(partitions);
      }
      return;
    }
    const bool lost = consumer->assignment_lost();
    spdlog::info("partitions revoked count={} lost={}", partitions.size(), lost);
    if (!lost) {
      // Deliver what is in flight, then commit it, before giving partitions away.
      producer_->flush(static_cast<int>(config_.limits.shutdown_timeout_ms));
      StoreOffsets();
      Commit(consumer);
    }
    for (const auto* tp : partitions) tracker_.Forget({tp->topic(), tp->partition()});
    if (cooperative) {
      std::unique_ptr<RdKafka::Error> e(consumer->incremental_unassign(partitions));
      if (e) spdlog::error("incremental unassign failed: {}", e->str());
    } else {
      consumer->unassign();
    }
  }

 private:
  bool Fatal() const { return delivery_failed_ || consumer_events_.fatal() || producer_events_.fatal(); }

  bool Start() {
    std::string error;
    auto pconf = MakeConf({{"client.id", "dateline"},
                           {"enable.idempotence", "true"},
                           {"acks", "all"},
                           {"linger.ms", "5"},
                           {"compression.type", "lz4"},
                           {"message.timeout.ms", "300000"}},
                          config_.kafka.common, config_.kafka.producer, {}, &error);
    std::string err;
    if (!pconf || pconf->set("dr_cb", static_cast<RdKafka::DeliveryReportCb*>(this), err) != RdKafka::Conf::CONF_OK ||
        pconf->set("event_cb", static_cast<RdKafka::EventCb*>(&producer_events_), err) != RdKafka::Conf::CONF_OK) {
      spdlog::critical("producer configuration rejected: {}{}", error, err);
      return false;
    }
    producer_.reset(RdKafka::Producer::create(pconf.get(), err));
    if (!producer_) {
      spdlog::critical("cannot create producer: {}", err);
      return false;
    }
    auto cconf = MakeConf({{"client.id", "dateline"},
                           {"auto.offset.reset", "earliest"},
                           {"partition.assignment.strategy", "cooperative-sticky"},
                           {"enable.auto.commit", "true"},
                           {"auto.commit.interval.ms", "1000"}},
                          config_.kafka.common, config_.kafka.consumer,
                          {{"group.id", config_.group_id},
                           {"enable.auto.offset.store", "false"},
                           {"enable.partition.eof", "false"}},
                          &error);
    if (!cconf || cconf->set("rebalance_cb", static_cast<RdKafka::RebalanceCb*>(this), err) != RdKafka::Conf::CONF_OK ||
        cconf->set("event_cb", static_cast<RdKafka::EventCb*>(&consumer_events_), err) != RdKafka::Conf::CONF_OK) {
      spdlog::critical("consumer configuration rejected: {}{}", error, err);
      return false;
    }
    consumer_.reset(RdKafka::KafkaConsumer::create(cconf.get(), err));
    if (!consumer_) {
      spdlog::critical("cannot create consumer: {}", err);
      return false;
    }
    if (!LearnOutputPartitions()) return false;
    if (std::string error; !pipeline_->Start(stop_, &error)) {  // e.g. the dedup state replay
      if (!stop_->load()) spdlog::critical("pipeline start-up failed: {}", error);
      return false;
    }
    const RdKafka::ErrorCode serr = consumer_->subscribe(config_.topics.input);
    if (serr != RdKafka::ERR_NO_ERROR) {
      spdlog::critical("cannot subscribe: {}", RdKafka::err2str(serr));
      return false;
    }
    return true;
  }

  // Reads the partition counts of the output and dead-letter topics; waits for
  // the cluster while it is unreachable, fails when a topic does not exist.
  bool LearnOutputPartitions() {
    for (const std::string* topic : {&config_.topics.output, &config_.topics.dead_letter}) {
      std::string err;
      std::unique_ptr<RdKafka::Topic> handle(RdKafka::Topic::create(producer_.get(), *topic, nullptr, err));
      while (true) {
        if (stop_->load()) return false;
        RdKafka::Metadata* raw = nullptr;
        const RdKafka::ErrorCode merr = producer_->metadata(false, handle.get(), &raw, 1000);
        std::unique_ptr<RdKafka::Metadata> metadata(raw);
        if (merr == RdKafka::ERR_NO_ERROR && metadata && !metadata->topics()->empty()) {
          const auto* tm = metadata->topics()->front();
          if (tm->err() == RdKafka::ERR_NO_ERROR && !tm->partitions()->empty()) {
            partitions_[*topic] = static_cast<int32_t>(tm->partitions()->size());
            break;
          }
          if (tm->err() == RdKafka::ERR_UNKNOWN_TOPIC_OR_PART) {
            spdlog::critical("topic {} does not exist; create it first", *topic);
            return false;
          }
        }
        spdlog::warn("waiting for cluster metadata topic={} error={}", *topic, RdKafka::err2str(merr));
      }
    }
    return true;
  }

  void Handle(std::unique_ptr<RdKafka::Message> message) {
    switch (message->err()) {
      case RdKafka::ERR_NO_ERROR:
        break;
      case RdKafka::ERR__TIMED_OUT:
      case RdKafka::ERR__PARTITION_EOF:
        return;
      default:
        // Logged when the error changes, not on every poll while it lasts.
        if (message->err() != last_consume_error_) spdlog::warn("consume error: {}", message->errstr());
        last_consume_error_ = message->err();
        return;
    }
    last_consume_error_ = RdKafka::ERR_NO_ERROR;
    Record record;
    record.source.topic = message->topic_name();
    record.source.partition = message->partition();
    record.source.offset = message->offset();
    const RdKafka::MessageTimestamp ts = message->timestamp();
    record.source.timestamp_ms = ts.type == RdKafka::MessageTimestamp::MSG_TIMESTAMP_NOT_AVAILABLE ? -1 : ts.timestamp;
    if (const std::string* key = message->key()) record.source.key = *key;
    record.payload = std::string_view(static_cast<const char*>(message->payload()), message->len());
    RdKafka::Headers* input_headers = message->headers();
    record.format_hint = FormatHint(record.source.topic, input_headers);
    record.payload_owner = std::make_unique<MessageOwner>(std::move(message));
    ++counters_->consumed;

    const Verdict verdict = pipeline_->Run(record);
    const PartitionKey partition{record.source.topic, record.source.partition};
    tracker_.Begin(partition, record.source.offset);
    auto pending = std::make_unique<Pending>(Pending{partition, record.source.offset, !verdict.ok()});
    if (verdict.ok()) {
      json_.clear();
      AppendRecordJson(record, &json_);
      const RdKafka::ErrorCode err = Produce(config_.topics.output, record, json_, record.id, RecordHeaders(record),
                                             std::move(pending));
      if (err == RdKafka::ERR__QUEUE_FULL) return;  // abandoned for shutdown: never acked, so never committed
      if (err == RdKafka::ERR_MSG_SIZE_TOO_LARGE) {
        DeadLetter(record, Verdict::DeadLetter(ErrorCode::kTooLarge, "record of " + std::to_string(json_.size()) +
                                                                         " bytes exceeds the producer's message.max.bytes"),
                   input_headers, partition);
      } else if (err != RdKafka::ERR_NO_ERROR) {
        ProduceFailed(config_.topics.output, err);
      }
    } else {
      pending.reset();
      DeadLetter(record, verdict, input_headers, partition);
    }
  }

  // The item's format named by its header (formats.header), else by its
  // topic (formats.topics), else empty: detect.
  std::string FormatHint(const std::string& topic, RdKafka::Headers* headers) const {
    if (headers && !config_.formats.header.empty()) {
      const RdKafka::Headers::Header h = headers->get_last(config_.formats.header);
      if (h.err() == RdKafka::ERR_NO_ERROR && h.value() != nullptr) {
        return std::string(static_cast<const char*>(h.value()), h.value_size());
      }
    }
    const auto it = config_.formats.topics.find(topic);
    return it == config_.formats.topics.end() ? std::string() : it->second;
  }

  void DeadLetter(const Record& record, const Verdict& verdict, RdKafka::Headers* input_headers,
                  const PartitionKey& partition) {
    ++counters_->dead_letters[static_cast<size_t>(verdict.code)];
    spdlog::warn("dead letter code={} reason=\"{}\" topic={} partition={} offset={}", ErrorCodeName(verdict.code),
                 verdict.reason, record.source.topic, record.source.partition, record.source.offset);
    std::unique_ptr<RdKafka::Headers> headers(RdKafka::Headers::create());
    if (input_headers) {
      for (const auto& h : input_headers->get_all()) headers->add(h.key(), h.value(), h.value_size());
    }
    headers->add("dateline_error_code", std::string(ErrorCodeName(verdict.code)));
    headers->add("dateline_error_reason", verdict.reason);
    AddSourceHeaders(headers.get(), record);
    auto pending = std::make_unique<Pending>(Pending{partition, record.source.offset, true});
    const RdKafka::ErrorCode err = Produce(config_.topics.dead_letter, record, record.payload,
                                           record.source.key.value_or(""), std::move(headers), std::move(pending),
                                           !record.source.key.has_value());
    if (err != RdKafka::ERR_NO_ERROR && err != RdKafka::ERR__QUEUE_FULL) ProduceFailed(config_.topics.dead_letter, err);
  }

  void ProduceFailed(const std::string& topic, RdKafka::ErrorCode err) {
    spdlog::critical("cannot produce to topic={} error={}; stopping without committing", topic, RdKafka::err2str(err));
    delivery_failed_ = true;
  }

  static void AddSourceHeaders(RdKafka::Headers* headers, const Record& record) {
    headers->add("dateline_source_topic", record.source.topic);
    headers->add("dateline_source_partition", std::to_string(record.source.partition));
    headers->add("dateline_source_offset", std::to_string(record.source.offset));
  }

  std::unique_ptr<RdKafka::Headers> RecordHeaders(const Record& record) {
    std::unique_ptr<RdKafka::Headers> headers(RdKafka::Headers::create());
    headers->add("ce_specversion", "1.0");
    headers->add("ce_id", record.id);
    headers->add("ce_source", "/dateline/" + record.source.topic);
    headers->add("ce_type", "io.dateline.record.v1");
    const int64_t time_ms = record.source.timestamp_ms >= 0
                                ? record.source.timestamp_ms
                                : std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::system_clock::now().time_since_epoch()).count();
    headers->add("ce_time", IsoTimestamp(time_ms));
    headers->add("content-type", "application/json");
    headers->add("dateline_schema_version", std::to_string(kSchemaVersion));
    AddSourceHeaders(headers.get(), record);
    return headers;
  }

  // Produces one message, waiting (and serving delivery reports) while the
  // producer queue is full. Takes ownership of `headers` and `pending`.
  // Returns ERR__QUEUE_FULL only when a stop was requested while waiting: the
  // message is then abandoned, and as it is never acknowledged its offset is
  // never committed (a restart processes it again).
  RdKafka::ErrorCode Produce(const std::string& topic, const Record& record, std::string_view value,
                             std::string_view key, std::unique_ptr<RdKafka::Headers> headers,
                             std::unique_ptr<Pending> pending,
                             bool null_key = false) {
    int32_t partition = RdKafka::Topic::PARTITION_UA;
    if (config_.pipeline.output_partitioning == OutputPartitioning::kInput) {
      partition = record.source.partition % partitions_[topic];
    }
    while (true) {
      const RdKafka::ErrorCode err = producer_->produce(
          topic, partition, RdKafka::Producer::RK_MSG_COPY, const_cast<char*>(value.data()), value.size(),
          null_key ? nullptr : key.data(), null_key ? 0 : key.size(), record.source.timestamp_ms >= 0 ? record.source.timestamp_ms : 0,
          headers.get(), pending.get());
      if (err == RdKafka::ERR_NO_ERROR) {
        headers.release();  // librdkafka owns the headers once produce() succeeds
        pending.release();  // reclaimed by dr_cb
        return err;
      }
      if (err != RdKafka::ERR__QUEUE_FULL || stop_->load()) return err;
      // Backpressure: serve delivery reports until there is room again.
      producer_->poll(50);
      StoreOffsets();
      if (Fatal()) return RdKafka::ERR__FATAL;
    }
  }

  void StoreOffsets() {
    auto advanced = tracker_.TakeAdvanced();
    if (advanced.empty()) return;
    PartitionList list;
    for (const auto& [key, offset] : advanced) {
      list.items.push_back(RdKafka::TopicPartition::create(key.first, key.second, offset));
    }
    const RdKafka::ErrorCode err = consumer_->offsets_store(list.items);
    if (err != RdKafka::ERR_NO_ERROR) spdlog::debug("offsets_store: {}", RdKafka::err2str(err));
  }

  static void Commit(RdKafka::KafkaConsumer* consumer) {
    const RdKafka::ErrorCode err = consumer->commitSync();
    if (err != RdKafka::ERR_NO_ERROR && err != RdKafka::ERR__NO_OFFSET) {
      spdlog::warn("offset commit failed: {}", RdKafka::err2str(err));
    }
  }

  int Shutdown() {
    const auto deadline = Clock::now() + std::chrono::milliseconds(config_.limits.shutdown_timeout_ms);
    spdlog::info("shutting down in_flight={} deadline_ms={}", tracker_.InFlight(), config_.limits.shutdown_timeout_ms);
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    std::thread watchdog([&] {
      std::unique_lock lock(mu);
      if (!cv.wait_until(lock, deadline, [&] { return done; })) {
        spdlog::critical("shutdown did not finish within {} ms; exiting", config_.limits.shutdown_timeout_ms);
        spdlog::default_logger()->flush();
        std::_Exit(kExitShutdownTimeout);
      }
    });
    auto remaining_ms = [&] {
      return static_cast<int>(std::max<int64_t>(
          0, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count()));
    };
    producer_->flush(remaining_ms());
    StoreOffsets();
    Commit(consumer_.get());
    consumer_->close();  // revokes (flush, store, commit) and leaves the group
    producer_->flush(remaining_ms());
    const int unflushed = producer_->outq_len();
    consumer_.reset();
    producer_.reset();
    {
      std::lock_guard lock(mu);
      done = true;
    }
    cv.notify_one();
    watchdog.join();
    const bool fatal = Fatal();
    spdlog::info("stopped consumed={} produced={} dead_letters={} delivery_failures={} unflushed={}",
                 counters_->consumed, counters_->produced, counters_->dead_letters_acked,
                 counters_->delivery_failures, unflushed);
    return fatal ? kExitRuntimeError : kExitOk;
  }

  const Config& config_;
  Pipeline* pipeline_;
  const std::atomic<bool>* stop_;
  DaemonCounters* counters_;
  OffsetTracker tracker_;
  std::map<std::string, int32_t> partitions_;
  std::string json_;  // reused serialization buffer
  bool delivery_failed_ = false;
  RdKafka::ErrorCode last_consume_error_ = RdKafka::ERR_NO_ERROR;
  // Declared before the clients so they outlive them.
  LogEvents consumer_events_{"consumer"};
  LogEvents producer_events_{"producer"};
  std::unique_ptr<RdKafka::Producer> producer_;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
};

}  // namespace

std::vector<ConfigError> CheckDaemonConfig(const Config& config) {
  std::vector<ConfigError> errors;
  if (config.topics.input.empty()) errors.push_back({"topics.input", "", "at least one input topic is required"});
  if (config.topics.output.empty()) errors.push_back({"topics.output", "", "an output topic is required"});
  if (config.topics.dead_letter.empty()) errors.push_back({"topics.dead_letter", "", "a dead-letter topic is required"});
  for (const auto& t : config.topics.input) {
    if (t == config.topics.output || t == config.topics.dead_letter) {
      errors.push_back({"topics.input", "", "topic " + t + " is both input and output: that would loop"});
    }
  }
  const bool bootstrap = config.kafka.common.count("bootstrap.servers") || config.kafka.common.count("metadata.broker.list") ||
                         (config.kafka.consumer.count("bootstrap.servers") && config.kafka.producer.count("bootstrap.servers"));
  if (!bootstrap) errors.push_back({"kafka.common.bootstrap.servers", "", "a bootstrap address is required"});
  return errors;
}

int Daemon::Run() {
  Engine engine(config_, pipeline_, stop_, &counters_);
  return engine.Run();
}

}  // namespace dateline
