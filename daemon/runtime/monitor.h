// ServiceMonitor: what makes the daemon a well-behaved service. It observes
// the loop (kafka/observer.h) and turns that into Prometheus metrics, the
// /metrics, /healthz and /readyz endpoints, systemd notifications (READY,
// STATUS, WATCHDOG, STOPPING), a periodic one-line summary, and SIGHUP reloads
// (through a PipelineReloader).
//
// Threads: the DaemonObserver hooks run on the loop thread; the HTTP handlers
// run on the server's thread and read only atomics and the metrics registry;
// a keeper thread pings the watchdog and beats the heartbeat while the daemon
// starts and stops (phases in which the loop does not turn). Health: /healthz
// is 200 while the heartbeat is younger than observe.health_max_loop_age_ms;
// /readyz is 200 once started, connected, assigned at least one partition,
// not fatal and not stopping (503 with the reason otherwise). "Connected" is
// the engine's own state (kafka/engine_state.h) once WatchEngine() is called:
// unreachable or auth_failed there is 503 here, the moment it is set.
// Without it, the monitor's own view from librdkafka's events is used.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "config/config.h"
#include "kafka/engine_state.h"
#include "kafka/observer.h"
#include "observe/http_server.h"
#include "observe/metrics.h"
#include "observe/notify.h"
#include "pipeline/pipeline.h"

namespace dateline {

class PipelineReloader;

class ServiceMonitor final : public DaemonObserver {
 public:
  // `reload_requested` (may be null) is set by the SIGHUP handler; `reloader`
  // (may be null) is attached later with SetReloader().
  ServiceMonitor(const ObserveConfig& config, observe::SystemdNotifier notifier,
                 std::atomic<bool>* reload_requested, bool dry_run);
  ~ServiceMonitor() override;

  // Starts the HTTP endpoints unless observe.listen is empty. False and *error
  // when the address cannot be bound.
  bool StartHttp(std::string* error);
  uint16_t http_port() const { return server_ ? server_->port() : 0; }
  void SetReloader(PipelineReloader* reloader) { reloader_ = reloader; }
  // Readiness follows `status` (not owned; replace it by nullptr before it
  // goes away: once that returns no handler reads it). Any thread.
  void WatchEngine(const EngineStatus* status) {
    std::lock_guard lock(engine_mu_);
    engine_ = status;
  }

  // Wraps each stage so that it records dateline_stage_duration_seconds{stage}.
  std::unique_ptr<Pipeline> Instrument(std::unique_ptr<Pipeline> pipeline);
  // Called by the reloader after each build.
  void OnReloadResult(bool ok);

  observe::Registry& registry() { return registry_; }
  bool Healthy(std::string* why) const;
  bool Ready(std::string* why) const;

  // DaemonObserver (loop thread).
  void OnStarted() override;
  void OnLoopTurn(const LoopState& state) override;
  void OnAssignment(size_t partitions) override;
  void OnConsumed() override { consumed_->Inc(); }
  void OnConsumeError() override { consume_errors_->Inc(); }
  void OnDeadLetter(ErrorCode code) override;
  void OnDelivered(bool dead_letter, int64_t input_timestamp_ms) override;
  void OnDeliveryFailed() override;
  void OnWouldProduce(bool dead_letter) override { (dead_letter ? dry_dead_letters_ : dry_records_)->Inc(); }
  void OnKafkaError(std::string_view client, int error, bool fatal) override;
  void OnStatistics(std::string_view client, std::string_view json) override;
  void OnStopping() override;
  std::optional<PipelineSwap> TakeReplacement() override;

 private:
  int64_t LoopAgeMs() const;  // since the main loop (or the start-up/shutdown keeper) last beat
  enum class Phase { kStarting, kRunning, kStopping };
  using Clock = std::chrono::steady_clock;

  void Beat() { heartbeat_ns_.store(Clock::now().time_since_epoch().count(), std::memory_order_relaxed); }
  void Keep();  // the keeper thread
  void MaybeReady();
  bool Connected(std::string* why) const;  // the engine's state when watched, else connected_
  void Summarize(Clock::time_point now);
  int64_t TotalLag() const { return total_lag_.load(std::memory_order_relaxed); }

  ObserveConfig config_;
  observe::SystemdNotifier notifier_;
  std::atomic<bool>* reload_requested_;
  PipelineReloader* reloader_ = nullptr;
  mutable std::mutex engine_mu_;  // guards engine_ (not what it points to: EngineStatus locks itself)
  const EngineStatus* engine_ = nullptr;
  bool dry_run_;

  observe::Registry registry_;
  observe::Counter* consumed_;
  observe::Counter* produced_;
  observe::Counter* dead_letters_produced_;
  observe::Counter* dead_letters_[static_cast<size_t>(ErrorCode::kCount)] = {};
  observe::Counter* delivery_failures_;
  observe::Counter* consume_errors_;
  observe::Counter* dry_records_;
  observe::Counter* dry_dead_letters_;
  observe::Counter* reloads_ok_;
  observe::Counter* reloads_failed_;
  observe::Family<observe::Counter>* kafka_errors_;
  observe::Family<observe::Counter>* kafka_retries_;
  observe::Family<observe::Histogram>* stage_duration_;
  observe::Histogram* latency_;
  observe::Gauge* in_flight_;
  observe::Gauge* producer_queue_;
  observe::Gauge* assigned_;
  observe::Gauge* ready_gauge_;
  observe::Family<observe::Gauge>* lag_;

  // Health state: written on the loop thread, read by HTTP handlers.
  std::atomic<int64_t> heartbeat_ns_{0};
  std::atomic<bool> started_{false};
  std::atomic<bool> connected_{false};
  std::atomic<bool> fatal_{false};
  std::atomic<bool> stopping_{false};
  std::atomic<size_t> assigned_count_{0};
  std::atomic<int64_t> total_lag_{-1};  // -1: not known yet
  bool ready_sent_ = false;

  // Throughput windows (loop thread).
  struct Window {
    Clock::time_point at;
    uint64_t consumed = 0, produced = 0, dead_letters = 0;
  };
  Window summary_window_, status_window_;
  Clock::time_point last_ping_{};

  std::unique_ptr<observe::HttpServer> server_;
  std::mutex mu_;
  std::condition_variable cv_;
  Phase phase_ = Phase::kStarting;
  bool quit_ = false;
  std::thread keeper_;
};

}  // namespace dateline
