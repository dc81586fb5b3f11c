#include "runtime/monitor.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cinttypes>

#include "core/stage.h"
#include "observe/kafka_stats.h"
#include "runtime/reload.h"

namespace dateline {
namespace {

using observe::HttpResponse;

std::shared_ptr<spdlog::logger> Logger(const char* component) {
  auto logger = spdlog::get(component);
  return logger ? logger : spdlog::default_logger();
}

constexpr int kErrAllBrokersDown = -187;  // RdKafka::ERR__ALL_BROKERS_DOWN
constexpr auto kMaxStatusInterval = std::chrono::seconds(5);

// Records how long the wrapped stage takes, exceptions included.
class TimedStage final : public Stage {
 public:
  TimedStage(std::unique_ptr<Stage> inner, observe::Histogram* histogram)
      : inner_(std::move(inner)), histogram_(histogram) {}
  std::string_view Name() const override { return inner_->Name(); }
  Verdict Process(Record& record) override {
    struct Timer {
      observe::Histogram* h;
      std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
      ~Timer() { h->Observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()); }
    } timer{histogram_};
    return inner_->Process(record);
  }

 private:
  std::unique_ptr<Stage> inner_;
  observe::Histogram* histogram_;
};

// False and *why while the engine cannot reach or log in to the cluster.
bool EngineConnected(const EngineStatus& status, std::string* why) {
  const EngineStatusSnapshot s = status.Get();
  switch (s.state) {
    case EngineState::kUnreachable:
      *why = "kafka unreachable: " + s.reason;
      return false;
    case EngineState::kAuthFailed:
      *why = "kafka authentication failed: " + s.reason;
      return false;
    default:
      return true;  // starting, stopping and failed have answers of their own
  }
}

double Rate(uint64_t now, uint64_t before, double seconds) {
  return seconds > 0 && now >= before ? static_cast<double>(now - before) / seconds : 0;
}

}  // namespace

ServiceMonitor::ServiceMonitor(const ObserveConfig& config, observe::SystemdNotifier notifier,
                               std::atomic<bool>* reload_requested, bool dry_run)
    : config_(config), notifier_(std::move(notifier)), reload_requested_(reload_requested), dry_run_(dry_run) {
  auto& r = registry_;
  consumed_ = &r.AddCounter("dateline_messages_consumed_total", "Input messages consumed.").With({});
  produced_ = &r.AddCounter("dateline_records_produced_total", "Records acknowledged by the broker on the output topic.").With({});
  auto& dead = r.AddCounter("dateline_dead_letters_total",
                            "Input messages that became dead letters, by error code (counted when decided).", {"code"});
  for (size_t i = 1; i < static_cast<size_t>(ErrorCode::kCount); ++i) {
    dead_letters_[i] = &dead.With({std::string(ErrorCodeName(static_cast<ErrorCode>(i)))});
  }
  dead_letters_produced_ =
      &r.AddCounter("dateline_dead_letters_produced_total", "Dead letters acknowledged by the broker.").With({});
  delivery_failures_ =
      &r.AddCounter("dateline_delivery_failures_total", "Outputs the broker finally refused (the daemon stops).").With({});
  consume_errors_ = &r.AddCounter("dateline_consume_errors_total", "Errors returned by consume().").With({});
  auto& dry = r.AddCounter("dateline_dry_run_outputs_total", "Dry run: outputs that would have been produced.", {"kind"});
  dry_records_ = &dry.With({"record"});
  dry_dead_letters_ = &dry.With({"dead_letter"});
  kafka_errors_ = &r.AddCounter("dateline_kafka_errors_total", "Error events from librdkafka.", {"client", "fatal"});
  kafka_retries_ = &r.AddCounter("dateline_kafka_retries_total",
                                 "Requests librdkafka retried (txretries from its statistics).", {"client"});
  auto& reloads = r.AddCounter("dateline_reloads_total", "SIGHUP reloads, by result.", {"result"});
  reloads_ok_ = &reloads.With({"ok"});
  reloads_failed_ = &reloads.With({"failed"});
  stage_duration_ = &r.AddHistogram("dateline_stage_duration_seconds", "Time spent in each pipeline stage.",
                                    observe::DecadeBuckets(1e-6, 1), {"stage"});
  latency_ = &r.AddHistogram("dateline_end_to_end_latency_seconds",
                             "From the input message's timestamp to the broker's acknowledgement of its output.",
                             observe::DecadeBuckets(1e-3, 1000))
                  .With({});
  in_flight_ = &r.AddGauge("dateline_in_flight_messages", "Consumed messages whose output is not yet acknowledged.").With({});
  producer_queue_ = &r.AddGauge("dateline_producer_queue_messages", "Messages waiting in the producer's queue.").With({});
  assigned_ = &r.AddGauge("dateline_assigned_partitions", "Input partitions assigned to this instance.").With({});
  lag_ = &r.AddGauge("dateline_consumer_lag",
                     "Messages behind the partition's end, from the committed offset (librdkafka statistics).",
                     {"topic", "partition"});
  ready_gauge_ = &r.AddGauge("dateline_ready", "1 when /readyz answers 200.").With({});
  r.AddGauge("dateline_build_info", "Always 1; labels carry the version.", {"version"})
      .With({DATELINE_VERSION})
      .Set(1);
  r.AddGauge("process_start_time_seconds", "Start time of the process since the Unix epoch.")
      .With({})
      .Set(std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count());

  Beat();
  keeper_ = std::thread([this] { Keep(); });
  if (notifier_.enabled()) {
    Logger("observe")->info("systemd notify socket={} watchdog_usec={}", notifier_.socket_name(),
                            notifier_.watchdog_interval().count());
  }
}

ServiceMonitor::~ServiceMonitor() {
  {
    std::lock_guard lock(mu_);
    quit_ = true;
  }
  cv_.notify_all();
  keeper_.join();
  server_.reset();
}

bool ServiceMonitor::StartHttp(std::string* error) {
  if (config_.listen.empty()) return true;
  std::map<std::string, observe::HttpHandler> routes;
  routes["/metrics"] = [this] { return HttpResponse{200, observe::kPrometheusContentType, registry_.Render()}; };
  routes["/healthz"] = [this] {
    std::string why;
    const bool ok = Healthy(&why);
    return HttpResponse{ok ? 200 : 503, "text/plain; charset=utf-8", (ok ? "ok" : why) + "\n"};
  };
  routes["/readyz"] = [this] {
    std::string why;
    const bool ok = Ready(&why);
    return HttpResponse{ok ? 200 : 503, "text/plain; charset=utf-8", (ok ? "ready" : why) + "\n"};
  };
  server_ = observe::HttpServer::Start(config_.listen, std::move(routes), error);
  if (!server_) return false;
  Logger("observe")->info("http endpoints listening host={} port={} paths=/metrics,/healthz,/readyz", server_->host(),
                          server_->port());
  return true;
}

std::unique_ptr<Pipeline> ServiceMonitor::Instrument(std::unique_ptr<Pipeline> pipeline) {
  pipeline->WrapStages([this](std::unique_ptr<Stage> stage) -> std::unique_ptr<Stage> {
    observe::Histogram* h = &stage_duration_->With({std::string(stage->Name())});
    return std::make_unique<TimedStage>(std::move(stage), h);
  });
  return pipeline;
}

void ServiceMonitor::OnReloadResult(bool ok) { (ok ? reloads_ok_ : reloads_failed_)->Inc(); }

int64_t ServiceMonitor::LoopAgeMs() const {
  const auto age = Clock::now().time_since_epoch() - Clock::duration(heartbeat_ns_.load(std::memory_order_relaxed));
  return std::chrono::duration_cast<std::chrono::milliseconds>(age).count();
}

bool ServiceMonitor::Healthy(std::string* why) const {
  const int64_t age_ms = LoopAgeMs();
  if (age_ms > static_cast<int64_t>(config_.health_max_loop_age_ms)) {
    *why = "main loop has not turned for " + std::to_string(age_ms) + " ms";
    return false;
  }
  return true;
}

bool ServiceMonitor::Ready(std::string* why) const {
  if (fatal_.load()) {
    *why = "fatal error";
  } else if (stopping_.load()) {
    *why = "stopping";
  } else if (!started_.load()) {
    *why = "starting: waiting for the cluster";
  } else if (!Connected(why)) {
    // *why says which
  } else if (assigned_count_.load() == 0) {
    *why = "no partitions assigned";
  } else if (const int64_t age_ms = LoopAgeMs(); age_ms > static_cast<int64_t>(config_.ready_max_loop_age_ms)) {
    *why = "main loop blocked for " + std::to_string(age_ms) + " ms (waiting on the cluster?)";
  } else {
    return true;
  }
  return false;
}

bool ServiceMonitor::Connected(std::string* why) const {
  std::lock_guard lock(engine_mu_);
  if (engine_) return EngineConnected(*engine_, why);
  if (connected_.load()) return true;
  *why = "no broker connection";
  return false;
}

void ServiceMonitor::Keep() {
  std::unique_lock lock(mu_);
  const auto interval = notifier_.watchdog_interval().count() > 0
                            ? std::min<Clock::duration>(notifier_.watchdog_interval() / 2, std::chrono::seconds(1))
                            : Clock::duration(std::chrono::seconds(1));
  while (!quit_) {
    // The loop does not turn while starting or stopping: keep the heartbeat and watchdog alive here then.
    if (phase_ != Phase::kRunning) {
      Beat();
      if (notifier_.watchdog_interval().count() > 0) notifier_.Notify("WATCHDOG=1");
    }
    cv_.wait_for(lock, interval, [&] { return quit_; });
  }
}

void ServiceMonitor::OnStarted() {
  started_ = true;
  connected_ = true;  // the cluster's metadata was just read
  {
    std::lock_guard lock(mu_);
    phase_ = Phase::kRunning;
  }
  const auto now = Clock::now();
  summary_window_ = status_window_ = Window{now, 0, 0, 0};
  last_ping_ = now;
  Beat();
  notifier_.Notify("STATUS=connected; waiting for partitions");
}

void ServiceMonitor::MaybeReady() {
  std::string why;
  const bool ready = Ready(&why);
  ready_gauge_->Set(ready ? 1 : 0);
  if (ready && !ready_sent_) {
    // Without systemd there is no socket and nothing to retry; with it, a busy socket is retried next turn.
    ready_sent_ = !notifier_.enabled() ||
                  notifier_.Notify("READY=1\nSTATUS=ready: " + std::to_string(assigned_count_.load()) +
                                   " partitions assigned" + (dry_run_ ? " (dry run)" : ""));
    if (!ready_sent_) return;
    Logger("observe")->info("ready partitions={}{}", assigned_count_.load(), dry_run_ ? " dry_run=true" : "");
  }
}

void ServiceMonitor::OnAssignment(size_t partitions) {
  assigned_count_ = partitions;
  assigned_->Set(static_cast<double>(partitions));
  MaybeReady();
}

void ServiceMonitor::OnLoopTurn(const LoopState& state) {
  Beat();
  in_flight_->Set(static_cast<double>(state.in_flight));
  producer_queue_->Set(static_cast<double>(state.producer_queue));
  const auto now = Clock::now();
  const auto watchdog = notifier_.watchdog_interval();
  if (watchdog.count() > 0 && now - last_ping_ >= watchdog / 2 && notifier_.Notify("WATCHDOG=1")) last_ping_ = now;
  if (reload_requested_ && reload_requested_->load(std::memory_order_relaxed)) {
    reload_requested_->store(false);
    if (reloader_) {
      reloader_->Request();
    } else {
      Logger("reload")->warn("SIGHUP ignored: reload is not available in this mode");
    }
  }
  MaybeReady();
  Summarize(now);
}

void ServiceMonitor::Summarize(Clock::time_point now) {
  uint64_t dead = 0;
  for (const auto* c : dead_letters_) dead += c ? c->value() : 0;
  const uint64_t consumed = consumed_->value();
  const uint64_t produced = dry_run_ ? dry_records_->value() : produced_->value();
  // STATUS= every summary interval, at most every 5 s.
  const Clock::duration status_interval =
      config_.summary_interval_ms > 0
          ? std::min<Clock::duration>(kMaxStatusInterval, std::chrono::milliseconds(config_.summary_interval_ms))
          : Clock::duration(kMaxStatusInterval);
  if (notifier_.enabled() && now - status_window_.at >= status_interval) {
    const double s = std::chrono::duration<double>(now - status_window_.at).count();
    char line[256];
    std::snprintf(line, sizeof line,
                  "STATUS=%s%.1f msg/s in, %.1f records/s out, %.1f dead letters/s, lag %" PRId64,
                  dry_run_ ? "dry run: " : "", Rate(consumed, status_window_.consumed, s),
                  Rate(produced, status_window_.produced, s), Rate(dead, status_window_.dead_letters, s), TotalLag());
    notifier_.Notify(line);
    status_window_ = Window{now, consumed, produced, dead};
  }
  if (config_.summary_interval_ms > 0 &&
      now - summary_window_.at >= std::chrono::milliseconds(config_.summary_interval_ms)) {
    const double s = std::chrono::duration<double>(now - summary_window_.at).count();
    Logger("summary")->info(
        "summary consumed={} ({:.1f}/s) {}={} ({:.1f}/s) dead_letters={} ({:.1f}/s) lag={} in_flight={} "
        "producer_queue={} partitions={}",
        consumed, Rate(consumed, summary_window_.consumed, s), dry_run_ ? "would_produce" : "produced", produced,
        Rate(produced, summary_window_.produced, s), dead, Rate(dead, summary_window_.dead_letters, s), TotalLag(),
        in_flight_->value(), producer_queue_->value(), assigned_count_.load());
    summary_window_ = Window{now, consumed, produced, dead};
  }
}

void ServiceMonitor::OnDeadLetter(ErrorCode code) {
  const auto i = static_cast<size_t>(code);
  if (i < static_cast<size_t>(ErrorCode::kCount) && dead_letters_[i]) dead_letters_[i]->Inc();
}

void ServiceMonitor::OnDelivered(bool dead_letter, int64_t input_timestamp_ms) {
  (dead_letter ? dead_letters_produced_ : produced_)->Inc();
  connected_.store(true, std::memory_order_relaxed);  // an acknowledgement proves a broker connection
  if (input_timestamp_ms > 0) {
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    latency_->Observe(static_cast<double>(std::max<int64_t>(0, now_ms - input_timestamp_ms)) / 1000.0);
  }
}

void ServiceMonitor::OnDeliveryFailed() {
  delivery_failures_->Inc();
  fatal_ = true;  // the daemon stops without committing past it
}

void ServiceMonitor::OnKafkaError(std::string_view client, int error, bool fatal) {
  kafka_errors_->With({std::string(client), fatal ? "true" : "false"}).Inc();
  if (fatal) fatal_ = true;
  if (error == kErrAllBrokersDown) connected_ = false;
}

void ServiceMonitor::OnStatistics(std::string_view client, std::string_view json) {
  observe::KafkaStats stats;
  std::string error;
  if (!observe::ParseKafkaStats(json, &stats, &error)) {
    Logger("observe")->debug("ignoring librdkafka statistics: {}", error);
    return;
  }
  kafka_retries_->With({std::string(client)}).Set(static_cast<uint64_t>(std::max<int64_t>(0, stats.tx_retries)));
  if (stats.brokers_up > 0) connected_ = true;
  if (stats.type != "consumer") return;
  lag_->Clear();
  int64_t total = 0;
  for (const auto& p : stats.lags) {
    lag_->With({p.topic, std::to_string(p.partition)}).Set(static_cast<double>(p.lag));
    total += p.lag;
  }
  total_lag_ = stats.lags.empty() ? (assigned_count_.load() == 0 ? 0 : -1) : total;
}

void ServiceMonitor::OnStopping() {
  stopping_ = true;
  ready_gauge_->Set(0);
  {
    std::lock_guard lock(mu_);
    phase_ = Phase::kStopping;
  }
  notifier_.Notify("STOPPING=1\nSTATUS=stopping: flushing and committing");
  Logger("observe")->info("stopping");
}

std::optional<PipelineSwap> ServiceMonitor::TakeReplacement() {
  return reloader_ ? reloader_->TakeReady() : std::nullopt;
}

}  // namespace dateline
