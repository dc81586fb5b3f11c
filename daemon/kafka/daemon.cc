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

#include "kafka/committer.h"
#include "kafka/kafka_handles.h"
#include "sink/record_json.h"

namespace dateline {
namespace {

using Clock = std::chrono::steady_clock;

DaemonObserver g_no_observer;  // stateless: the default when nothing is attached

// A component's logger when logging set one up (per-component levels), else the default.
std::shared_ptr<spdlog::logger> Component(const char* name) {
  auto logger = spdlog::get(name);
  return logger ? logger : spdlog::default_logger();
}

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
  size_t bytes = 0;  // value size, for the in-flight limit
};

// Routes librdkafka's errors and logs to spdlog and the engine's status.
// Connection errors change the status (which logs each change once); other
// errors are logged when they differ from the previous one, so a retry loop
// does not flood the log. Called from librdkafka's threads and the loop thread.
class LogEvents final : public RdKafka::EventCb {
 public:
  LogEvents(std::string role, EngineStatus* status) : role_(std::move(role)), status_(status) {}

  void event_cb(RdKafka::Event& event) override {
    switch (event.type()) {
      case RdKafka::Event::EVENT_ERROR:
        observer->OnKafkaError(role_, static_cast<int>(event.err()), event.fatal());
        OnError(event);
        break;
      case RdKafka::Event::EVENT_STATS:
        observer->OnStatistics(role_, event.str());
        break;
      case RdKafka::Event::EVENT_LOG: {
        const int sev = event.severity();
        auto level = sev <= RdKafka::Event::EVENT_SEVERITY_ERROR     ? spdlog::level::err
                     : sev == RdKafka::Event::EVENT_SEVERITY_WARNING ? spdlog::level::warn
                     : sev <= RdKafka::Event::EVENT_SEVERITY_INFO    ? spdlog::level::info
                                                                     : spdlog::level::debug;
        // Connection failures repeat on every reconnect; the error events and
        // the status already say it once.
        if (event.fac() == "FAIL") level = spdlog::level::debug;
        Component("kafka")->log(level, "librdkafka client={} facility={} {}", role_, event.fac(), event.str());
        break;
      }
      default:
        break;
    }
  }

  bool fatal() const { return fatal_.load(); }

  // Forget the last error: the next one is logged again (the cluster came back).
  void Reset() { last_error_.store(RdKafka::ERR_NO_ERROR); }

  DaemonObserver* observer = &g_no_observer;  // set before the client is created

 private:
  void OnError(RdKafka::Event& event) {
    const RdKafka::ErrorCode err = event.err();
    if (event.fatal()) {
      fatal_ = true;
      spdlog::critical("kafka fatal error client={} error={} reason={}", role_, RdKafka::err2str(err), event.str());
      return;
    }
    switch (err) {
      case RdKafka::ERR__ALL_BROKERS_DOWN:
        // After an authentication failure every broker is "down" too; the cause stays the status.
        if (status_->Get().state != EngineState::kAuthFailed) {
          status_->Set(EngineState::kUnreachable, role_ + ": " + event.str());
        }
        return;
      case RdKafka::ERR__AUTHENTICATION:
      case RdKafka::ERR__SSL:
      case RdKafka::ERR_SASL_AUTHENTICATION_FAILED:
        status_->Set(EngineState::kAuthFailed, role_ + ": " + event.str());
        return;
      default:
        break;
    }
    if (last_error_.exchange(err) == err) {
      spdlog::debug("kafka error client={} error={} reason={}", role_, RdKafka::err2str(err), event.str());
    } else {
      spdlog::warn("kafka error client={} error={} reason={}", role_, RdKafka::err2str(err), event.str());
    }
  }

  std::string role_;
  EngineStatus* status_;
  std::atomic<bool> fatal_{false};
  std::atomic<RdKafka::ErrorCode> last_error_{RdKafka::ERR_NO_ERROR};
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
  Engine(const Config& config, Pipeline* pipeline, const std::atomic<bool>* stop, DaemonCounters* counters,
         EngineStatus* status)
      : config_(config),
        pipeline_(pipeline),
        stop_(stop),
        counters_(counters),
        status_(status),
        committer_(MakeCommitter(config, stop)) {}

  void Attach(const DaemonRuntime& runtime) {
    runtime_ = runtime;
    obs_ = runtime.observer ? runtime.observer : &g_no_observer;
    consumer_events_.observer = producer_events_.observer = obs_;
  }

  int Run() {
    status_->Set(EngineState::kStarting, "connecting");
    if (!Start()) {
      if (stop_->load() && !Fatal()) return kExitOk;
      status_->Set(EngineState::kFailed, "start-up failed");
      return fenced_ ? kExitFenced : kExitRuntimeError;
    }
    spdlog::info("daemon started group={} inputs={} output={} dead_letter={} guarantee={}", config_.group_id,
                 config_.topics.input.size(), config_.topics.output, config_.topics.dead_letter,
                 config_.processing.guarantee == ProcessingGuarantee::kExactlyOnce ? "exactly_once" : "at_least_once");
    while (!stop_->load(std::memory_order_relaxed) && !Fatal()) {
      std::unique_ptr<RdKafka::Message> message(consumer_->consume(100));
      Handle(std::move(message));
      producer_->poll(0);
      Apply(committer_->Tick());
      Backpressure();
      ProbeWhileNotReady();
      obs_->OnLoopTurn({static_cast<size_t>(in_flight_messages_), producer_->outq_len()});
      if (auto swap = obs_->TakeReplacement()) {  // a message boundary: switch pipelines here
        pipeline_ = swap->pipeline;
        formats_ = swap->formats;
      }
    }
    return Shutdown();
  }

  // Delivery report: called from producer poll()/flush() on the loop thread.
  void dr_cb(RdKafka::Message& message) override {
    std::unique_ptr<Pending> pending(static_cast<Pending*>(message.msg_opaque()));
    if (!pending) return;
    --in_flight_messages_;
    in_flight_bytes_ -= pending->bytes;
    if (message.err() != RdKafka::ERR_NO_ERROR) {
      obs_->OnDeliveryFailed();
      ++counters_->delivery_failures;
      spdlog::error("delivery failed topic={} source_topic={} source_partition={} source_offset={} error={}",
                    message.topic_name(), pending->partition.first, pending->partition.second, pending->offset,
                    message.errstr());
    } else {
      ++(pending->dead_letter ? counters_->dead_letters_acked : counters_->produced);
      obs_->OnDelivered(pending->dead_letter, message.timestamp().timestamp);
      MarkFlowing();
    }
    Apply(committer_->Delivered(pending->partition, pending->offset, message.err()));
  }

  // Rebalance: called from consume()/close() on the loop thread.
  void rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                    std::vector<RdKafka::TopicPartition*>& partitions) override {
    const bool cooperative = consumer->rebalance_protocol() == "COOPERATIVE";
    if (err == RdKafka::ERR__ASSIGN_PARTITIONS) {
      spdlog::info("partitions assigned count={} protocol={}", partitions.size(), cooperative ? "cooperative" : "eager");
      if (cooperative) {
        ErrorPtr e(consumer->incremental_assign(partitions));
        if (e) spdlog::error("incremental assign failed: {}", e->str());
      } else {
        consumer->assign(partitions);
      }
      // New partitions wait like the others while paused. Otherwise resume them:
      // librdkafka keeps a partition's pause flag across an unassign, so a
      // partition paused, lost and assigned again would never be fetched.
      const RdKafka::ErrorCode perr = input_paused_ ? consumer->pause(partitions) : consumer->resume(partitions);
      if (perr != RdKafka::ERR_NO_ERROR) spdlog::warn("pause/resume of assigned partitions: {}", RdKafka::err2str(perr));
      ReportAssignment(consumer);
      return;
    }
    const bool lost = consumer->assignment_lost();
    spdlog::info("partitions revoked count={} lost={}", partitions.size(), lost);
    Apply(committer_->Revoke(partitions, lost));
    if (cooperative) {
      ErrorPtr e(consumer->incremental_unassign(partitions));
      if (e) spdlog::error("incremental unassign failed: {}", e->str());
    } else {
      consumer->unassign();
    }
    ReportAssignment(consumer);
  }

 private:
  void ReportAssignment(RdKafka::KafkaConsumer* consumer) {
    PartitionList assigned;
    if (consumer->assignment(assigned.items) == RdKafka::ERR_NO_ERROR) obs_->OnAssignment(assigned.items.size());
  }

  // Runtime additions to a client's properties: statistics for the observer,
  // and no commits in a dry run. Settings in the config win over the first.
  void ApplyRuntime(RdKafka::Conf* conf, const KafkaProperties& own, bool consumer) {
    std::string err;
    if (runtime_.observer && runtime_.stats_interval_ms > 0 && !own.count("statistics.interval.ms") &&
        !config_.kafka.common.count("statistics.interval.ms")) {
      conf->set("statistics.interval.ms", std::to_string(runtime_.stats_interval_ms), err);
    }
    if (consumer && runtime_.dry_run) conf->set("enable.auto.commit", "false", err);
  }

  // Dry run: count and log what would have been produced, produce nothing.
  void DryRun(const Record& record, const Verdict& verdict) {
    if (!verdict.ok()) {
      ++counters_->dead_letters[static_cast<size_t>(verdict.code)];
      obs_->OnDeadLetter(verdict.code);
      Component("pipeline")->info("dry run: would dead-letter code={} reason=\"{}\" topic={} partition={} offset={}",
                                  ErrorCodeName(verdict.code), verdict.reason, record.source.topic,
                                  record.source.partition, record.source.offset);
    }
    obs_->OnWouldProduce(!verdict.ok());
  }

  bool Fatal() const { return fatal_ || fenced_ || consumer_events_.fatal() || producer_events_.fatal(); }

  // Acts on what the committer says; kRewound needs nothing here: the consumer
  // was sought back and the loop reads those inputs again.
  void Apply(CommitStatus status) {
    if (status == CommitStatus::kFatal) fatal_ = true;
    if (status == CommitStatus::kFenced) fenced_ = true;
  }

  bool Start() {
    ClientProperties pprops, cprops;
    pprops.defaults = {{"client.id", "dateline"}, {"enable.idempotence", "true"}, {"acks", "all"},
                       {"linger.ms", "5"},        {"compression.type", "lz4"}};
    cprops.defaults = {{"client.id", "dateline"},
                       {"auto.offset.reset", "earliest"},
                       {"partition.assignment.strategy", "cooperative-sticky"}};
    cprops.managed = {{"group.id", config_.group_id},
                      {"enable.auto.offset.store", "false"},
                      {"enable.partition.eof", "false"}};
    committer_->Properties(&pprops, &cprops);
    std::string error;
    auto pconf = MakeConf(pprops.defaults, config_.kafka.common, config_.kafka.producer, pprops.managed, &error);
    std::string err;
    if (!pconf || pconf->set("dr_cb", static_cast<RdKafka::DeliveryReportCb*>(this), err) != RdKafka::Conf::CONF_OK ||
        pconf->set("event_cb", static_cast<RdKafka::EventCb*>(&producer_events_), err) != RdKafka::Conf::CONF_OK) {
      spdlog::critical("producer configuration rejected: {}{}", error, err);
      return false;
    }
    ApplyRuntime(pconf.get(), config_.kafka.producer, false);
    producer_.reset(RdKafka::Producer::create(pconf.get(), err));
    if (!producer_) {
      spdlog::critical("cannot create producer: {}", err);
      return false;
    }
    auto cconf = MakeConf(cprops.defaults, config_.kafka.common, config_.kafka.consumer, cprops.managed, &error);
    if (!cconf || cconf->set("rebalance_cb", static_cast<RdKafka::RebalanceCb*>(this), err) != RdKafka::Conf::CONF_OK ||
        cconf->set("event_cb", static_cast<RdKafka::EventCb*>(&consumer_events_), err) != RdKafka::Conf::CONF_OK) {
      spdlog::critical("consumer configuration rejected: {}{}", error, err);
      return false;
    }
    ApplyRuntime(cconf.get(), config_.kafka.consumer, true);
    consumer_.reset(RdKafka::KafkaConsumer::create(cconf.get(), err));
    if (!consumer_) {
      spdlog::critical("cannot create consumer: {}", err);
      return false;
    }
    if (!LearnOutputPartitions()) return false;
    Apply(committer_->Start(producer_.get(), consumer_.get()));
    if (Fatal() || stop_->load()) return false;
    if (std::string error; !pipeline_->Start(stop_, &error)) {  // e.g. the dedup state replay
      if (!stop_->load()) spdlog::critical("pipeline start-up failed: {}", error);
      return false;
    }
    const RdKafka::ErrorCode serr = consumer_->subscribe(config_.topics.input);
    if (serr != RdKafka::ERR_NO_ERROR) {
      spdlog::critical("cannot subscribe: {}", RdKafka::err2str(serr));
      return false;
    }
    MarkReachable();
    obs_->OnStarted();
    return true;
  }

  // Reads the partition counts of the output and dead-letter topics; waits for
  // the cluster while it is unreachable, fails when a topic does not exist.
  bool LearnOutputPartitions() {
    bool logged = false;
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
        // Once at info level; the status says when the cluster is unreachable or rejects us.
        if (!logged) spdlog::info("waiting for cluster metadata topic={} error={}", *topic, RdKafka::err2str(merr));
        logged = true;
        producer_->poll(0);  // serve error events: they set the status
        consumer_->poll(0);
      }
    }
    return true;
  }

  // Messages flow: ready if starting. Not proof after an outage: fetched
  // messages keep coming from librdkafka's local queue and delivery reports
  // from before it can be served after it; there the metadata probe decides.
  void MarkFlowing() {
    const EngineState state = status_->Get().state;
    if (state == EngineState::kUnreachable || state == EngineState::kAuthFailed) return;
    MarkReachable();
  }

  // The cluster answered: ready again if it was not.
  void MarkReachable() {
    if (status_->Get().state == EngineState::kReady) return;
    status_->Set(EngineState::kReady, "cluster reachable");
    consumer_events_.Reset();
    producer_events_.Reset();
  }

  // While not ready, asks the cluster for metadata once a second, so that the
  // status comes back even when no message flows.
  void ProbeWhileNotReady() {
    const auto now = Clock::now();
    if (now - last_probe_ < std::chrono::seconds(1)) return;
    last_probe_ = now;
    const EngineState state = status_->Get().state;
    if (state != EngineState::kUnreachable && state != EngineState::kAuthFailed) return;
    std::string err;
    std::unique_ptr<RdKafka::Topic> handle(RdKafka::Topic::create(producer_.get(), config_.topics.output, nullptr, err));
    RdKafka::Metadata* raw = nullptr;
    const RdKafka::ErrorCode merr = producer_->metadata(false, handle.get(), &raw, 500);
    std::unique_ptr<RdKafka::Metadata> metadata(raw);
    if (merr == RdKafka::ERR_NO_ERROR && metadata && !metadata->brokers()->empty()) MarkReachable();
  }

  // Pauses fetching while the outputs in flight exceed the limits, resumes
  // at half of them: memory stays bounded by config, not by the input's size.
  void Backpressure() {
    const auto& limits = config_.limits;
    if (!input_paused_ &&
        (in_flight_messages_ >= limits.max_in_flight_messages || in_flight_bytes_ >= limits.max_in_flight_bytes)) {
      SetInputPaused(true);
    } else if (input_paused_ && in_flight_messages_ <= limits.max_in_flight_messages / 2 &&
               in_flight_bytes_ <= limits.max_in_flight_bytes / 2) {
      SetInputPaused(false);
    }
  }

  void SetInputPaused(bool pause) {
    std::vector<RdKafka::TopicPartition*> raw;
    consumer_->assignment(raw);
    PartitionList assigned;
    assigned.items = std::move(raw);
    const RdKafka::ErrorCode err = pause ? consumer_->pause(assigned.items) : consumer_->resume(assigned.items);
    if (err != RdKafka::ERR_NO_ERROR) spdlog::warn("{} failed: {}", pause ? "pause" : "resume", RdKafka::err2str(err));
    input_paused_ = pause;
    ++(pause ? counters_->input_pauses : counters_->input_resumes);
    spdlog::log(pause ? spdlog::level::warn : spdlog::level::info,
                "input {} in_flight_messages={} in_flight_bytes={} limits={}/{} partitions={}",
                pause ? "paused (backpressure)" : "resumed", in_flight_messages_, in_flight_bytes_,
                config_.limits.max_in_flight_messages, config_.limits.max_in_flight_bytes, assigned.items.size());
  }

  void Handle(std::unique_ptr<RdKafka::Message> message) {
    switch (message->err()) {
      case RdKafka::ERR_NO_ERROR:
        break;
      case RdKafka::ERR__TIMED_OUT:
      case RdKafka::ERR__PARTITION_EOF:
        return;
      case RdKafka::ERR__FATAL:
        // e.g. a static member fenced by another one with the same group.instance.id.
        spdlog::critical("fatal consumer error: {}; exiting for a restart", message->errstr());
        fatal_ = true;
        return;
      default:
        // Logged when the error changes, not on every poll while it lasts.
        if (message->err() != last_consume_error_) spdlog::warn("consume error: {}", message->errstr());
        obs_->OnConsumeError();
        last_consume_error_ = message->err();
        return;
    }
    last_consume_error_ = RdKafka::ERR_NO_ERROR;
    MarkFlowing();
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
    obs_->OnConsumed();

    const Verdict verdict = pipeline_->Run(record);
    if (runtime_.dry_run) return DryRun(record, verdict);
    const PartitionKey partition{record.source.topic, record.source.partition};
    Apply(committer_->BeginInput(partition, record.source.offset));
    if (Fatal()) return;
    auto pending = std::make_unique<Pending>(Pending{partition, record.source.offset, !verdict.ok()});
    if (verdict.ok()) {
      json_.clear();
      AppendRecordJson(record, &json_);
      const RdKafka::ErrorCode err = Produce(config_.topics.output, record, json_, record.id, RecordHeaders(record),
                                             std::move(pending));
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
    if (headers && !formats_->header.empty()) {
      const RdKafka::Headers::Header h = headers->get_last(formats_->header);
      if (h.err() == RdKafka::ERR_NO_ERROR && h.value() != nullptr) {
        return std::string(static_cast<const char*>(h.value()), h.value_size());
      }
    }
    const auto it = formats_->topics.find(topic);
    return it == formats_->topics.end() ? std::string() : it->second;
  }

  void DeadLetter(const Record& record, const Verdict& verdict, RdKafka::Headers* input_headers,
                  const PartitionKey& partition) {
    ++counters_->dead_letters[static_cast<size_t>(verdict.code)];
    obs_->OnDeadLetter(verdict.code);
    Component("pipeline")->warn("dead letter code={} reason=\"{}\" topic={} partition={} offset={}",
                                ErrorCodeName(verdict.code), verdict.reason, record.source.topic,
                                record.source.partition, record.source.offset);
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
    if (err != RdKafka::ERR_NO_ERROR) ProduceFailed(config_.topics.dead_letter, err);
  }

  void ProduceFailed(const std::string& topic, RdKafka::ErrorCode err) {
    const CommitStatus status = committer_->ProduceFailed(err);
    Apply(status);
    if (status == CommitStatus::kFatal) {
      spdlog::critical("cannot produce to topic={} error={}; stopping without committing", topic,
                       RdKafka::err2str(err));
    }
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
  // message is then abandoned and the committer makes sure its input is never
  // committed (a restart processes it again).
  RdKafka::ErrorCode Produce(const std::string& topic, const Record& record, std::string_view value,
                             std::string_view key, std::unique_ptr<RdKafka::Headers> headers,
                             std::unique_ptr<Pending> pending,
                             bool null_key = false) {
    int32_t partition = RdKafka::Topic::PARTITION_UA;
    if (config_.pipeline.output_partitioning == OutputPartitioning::kInput) {
      partition = record.source.partition % partitions_[topic];
    }
    pending->bytes = value.size();
    while (true) {
      const RdKafka::ErrorCode err = producer_->produce(
          topic, partition, RdKafka::Producer::RK_MSG_COPY, const_cast<char*>(value.data()), value.size(),
          null_key ? nullptr : key.data(), null_key ? 0 : key.size(), record.source.timestamp_ms >= 0 ? record.source.timestamp_ms : 0,
          headers.get(), pending.get());
      if (err == RdKafka::ERR_NO_ERROR) {
        ++in_flight_messages_;
        in_flight_bytes_ += pending->bytes;
        headers.release();  // librdkafka owns the headers once produce() succeeds
        pending.release();  // reclaimed by dr_cb
        return err;
      }
      if (err != RdKafka::ERR__QUEUE_FULL || stop_->load()) return err;
      // The producer's own queue is full: serve delivery reports until there is room.
      producer_->poll(50);
      Apply(committer_->Tick());
      if (Fatal()) return RdKafka::ERR__FATAL;
    }
  }

  // Unsubscribes and serves the revoke (commit via the committer) until nothing
  // is assigned or the deadline passes, so that close() has nothing left to
  // revoke: librdkafka before 2.4 can hang in close() when a cooperative
  // assignment arrives while it closes (confluentinc/librdkafka#4527). Inputs
  // consumed meanwhile are dropped unprocessed, hence never committed.
  template <typename RemainingMs>
  void ReleaseAssignment(RemainingMs remaining_ms) {
    const RdKafka::ErrorCode err = consumer_->unsubscribe();
    if (err != RdKafka::ERR_NO_ERROR) spdlog::warn("unsubscribe: {}", RdKafka::err2str(err));
    while (remaining_ms() > 0) {
      PartitionList assigned;
      if (consumer_->assignment(assigned.items) != RdKafka::ERR_NO_ERROR || assigned.items.empty()) return;
      std::unique_ptr<RdKafka::Message> dropped(consumer_->consume(std::min(100, remaining_ms())));
    }
  }

  int Shutdown() {
    if (!fenced_ && !fatal_) status_->Set(EngineState::kStopping, "stop requested");
    obs_->OnStopping();
    const auto deadline = Clock::now() + std::chrono::milliseconds(config_.limits.shutdown_timeout_ms);
    spdlog::info("shutting down uncommitted_inputs={} in_flight={} deadline_ms={}", committer_->Uncommitted(),
                 in_flight_messages_, config_.limits.shutdown_timeout_ms);
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
    // After a fatal error nothing more is committed: a restart replays.
    if (!Fatal() && !runtime_.dry_run) Apply(committer_->Finish(remaining_ms()));
    if (!fenced_) {
      ReleaseAssignment(remaining_ms);
      consumer_->close();  // leaves the group
    }
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
    const auto& txn = committer_->counters();
    spdlog::info("stopped consumed={} produced={} dead_letters={} delivery_failures={} unflushed={} "
                 "transactions_committed={} transactions_aborted={} input_pauses={}",
                 counters_->consumed, counters_->produced, counters_->dead_letters_acked,
                 counters_->delivery_failures, unflushed, txn.transactions_committed, txn.transactions_aborted,
                 counters_->input_pauses);
    if (fenced_) {
      status_->Set(EngineState::kFailed, "fenced by a newer instance");
      return kExitFenced;
    }
    if (Fatal()) {
      status_->Set(EngineState::kFailed, "fatal error");
      return kExitRuntimeError;
    }
    return kExitOk;
  }

  const Config& config_;
  Pipeline* pipeline_;
  const std::atomic<bool>* stop_;
  DaemonCounters* counters_;
  EngineStatus* status_;
  std::unique_ptr<Committer> committer_;
  DaemonRuntime runtime_;
  DaemonObserver* obs_ = &g_no_observer;
  const FormatsConfig* formats_ = &config_.formats;  // replaced with the pipeline on reload
  std::map<std::string, int32_t> partitions_;
  std::string json_;  // reused serialization buffer
  bool fatal_ = false;
  bool fenced_ = false;
  bool input_paused_ = false;
  uint64_t in_flight_messages_ = 0;
  uint64_t in_flight_bytes_ = 0;
  Clock::time_point last_probe_{};
  RdKafka::ErrorCode last_consume_error_ = RdKafka::ERR_NO_ERROR;
  // Declared before the clients so they outlive them.
  LogEvents consumer_events_{"consumer", status_};
  LogEvents producer_events_{"producer", status_};
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
  Engine engine(config_, pipeline_, stop_, &counters_, &status_);
  engine.Attach(runtime_);
  return engine.Run();
}

}  // namespace dateline
