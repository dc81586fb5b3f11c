#include "runtime/monitor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

#include "core/stage.h"
#include "observe/http_server.h"

namespace dateline {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class FakeSystemd {
 public:
  FakeSystemd() : path_(::testing::TempDir() + "/monitor-notify-" + std::to_string(getpid())) {
    ::unlink(path_.c_str());
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path_.c_str(), sizeof addr.sun_path - 1);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  }
  ~FakeSystemd() {
    ::close(fd_);
    ::unlink(path_.c_str());
  }
  observe::SystemdNotifier Notifier() const {
    return observe::SystemdNotifier::FromEnvironment({"NOTIFY_SOCKET=" + path_}, getpid());
  }
  // Every datagram already queued.
  std::vector<std::string> Take() {
    std::vector<std::string> out;
    char buf[4096];
    while (true) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 0) <= 0) return out;
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n > 0) out.emplace_back(buf, static_cast<size_t>(n));
    }
  }

 private:
  std::string path_;
  int fd_ = -1;
};

ObserveConfig Config() {
  ObserveConfig c;
  c.listen = "127.0.0.1:0";
  c.summary_interval_ms = 0;
  return c;
}

std::string Get(const ServiceMonitor& m, const std::string& path, int* status) {
  std::string body, error;
  *status = observe::HttpGet("127.0.0.1", m.http_port(), path, std::chrono::seconds(2), &body, &error);
  return body;
}

TEST(ServiceMonitor, ReadinessFollowsStartAssignmentFatalAndStop) {
  FakeSystemd systemd;
  ServiceMonitor m(Config(), systemd.Notifier(), nullptr, false);
  std::string error;
  ASSERT_TRUE(m.StartHttp(&error)) << error;
  int status = 0;
  EXPECT_THAT(Get(m, "/readyz", &status), HasSubstr("starting"));
  EXPECT_EQ(status, 503);
  EXPECT_EQ(Get(m, "/healthz", &status), "ok\n");
  EXPECT_EQ(status, 200);

  m.OnStarted();
  m.OnLoopTurn({});
  EXPECT_THAT(Get(m, "/readyz", &status), HasSubstr("no partitions assigned"));
  for (const auto& msg : systemd.Take()) EXPECT_THAT(msg, Not(HasSubstr("READY=1")));

  m.OnAssignment(3);
  m.OnLoopTurn({});
  Get(m, "/readyz", &status);
  EXPECT_EQ(status, 200);
  auto sent = systemd.Take();
  ASSERT_EQ(std::count_if(sent.begin(), sent.end(), [](const std::string& s) { return s.find("READY=1") != std::string::npos; }), 1);

  m.OnKafkaError("consumer", -187, false);  // all brokers down
  EXPECT_THAT(Get(m, "/readyz", &status), HasSubstr("no broker connection"));
  m.OnStatistics("consumer", R"({"type":"consumer","brokers":{"b/1":{"nodeid":1,"state":"UP"}}})");
  Get(m, "/readyz", &status);
  EXPECT_EQ(status, 200);
  m.OnKafkaError("consumer", -187, false);
  m.OnDelivered(false, 0);  // an acknowledgement also proves the connection
  Get(m, "/readyz", &status);
  EXPECT_EQ(status, 200);

  m.OnStopping();
  EXPECT_THAT(Get(m, "/readyz", &status), HasSubstr("stopping"));
  EXPECT_EQ(status, 503);
  sent = systemd.Take();
  ASSERT_FALSE(sent.empty());
  EXPECT_THAT(sent.back(), HasSubstr("STOPPING=1"));
  m.OnKafkaError("producer", -150, true);
  EXPECT_THAT(Get(m, "/readyz", &status), HasSubstr("fatal"));
}

TEST(ServiceMonitor, ReadinessFollowsTheEngineStateWhenWatched) {
  ServiceMonitor m(Config(), observe::SystemdNotifier(), nullptr, false);
  std::string error;
  ASSERT_TRUE(m.StartHttp(&error)) << error;
  EngineStatus engine;
  m.WatchEngine(&engine);
  engine.Set(EngineState::kStarting, "connecting");
  m.OnStarted();
  m.OnAssignment(2);
  engine.Set(EngineState::kReady, "cluster reachable");
  int status = 0;
  EXPECT_EQ(Get(m, "/readyz", &status), "ready\n");
  EXPECT_EQ(status, 200);
  m.OnLoopTurn({});
  EXPECT_THAT(m.registry().Render(), HasSubstr("dateline_ready 1\n"));

  // The broker goes away: 503 at once, with the engine's reason, whatever the
  // monitor's own event-based view says (statistics still claim a broker up).
  m.OnStatistics("consumer", R"({"type":"consumer","brokers":{"b/1":{"nodeid":1,"state":"UP"}}})");
  engine.Set(EngineState::kUnreachable, "consumer: 1/1 brokers are down");
  EXPECT_EQ(Get(m, "/readyz", &status), "kafka unreachable: consumer: 1/1 brokers are down\n");
  EXPECT_EQ(status, 503);
  m.OnLoopTurn({});
  EXPECT_THAT(m.registry().Render(), HasSubstr("dateline_ready 0\n"));

  engine.Set(EngineState::kReady, "cluster reachable");
  Get(m, "/readyz", &status);
  EXPECT_EQ(status, 200);
  m.OnKafkaError("consumer", -187, false);  // the engine decides, not this event
  Get(m, "/readyz", &status);
  EXPECT_EQ(status, 200);

  engine.Set(EngineState::kAuthFailed, "producer: SASL authentication error");
  EXPECT_THAT(Get(m, "/readyz", &status), HasSubstr("kafka authentication failed: producer: SASL"));
  EXPECT_EQ(status, 503);

  // Unwatched again, the monitor's own view answers (the last event said all brokers down).
  m.WatchEngine(nullptr);
  EXPECT_THAT(Get(m, "/readyz", &status), HasSubstr("no broker connection"));
}

TEST(ServiceMonitor, HealthFailsWhenTheLoopStopsTurning) {
  ObserveConfig c = Config();
  c.health_max_loop_age_ms = 30;  // below what the config allows, to keep the test fast
  ServiceMonitor m(c, observe::SystemdNotifier(), nullptr, false);
  m.OnStarted();
  m.OnLoopTurn({});
  std::string why;
  EXPECT_TRUE(m.Healthy(&why));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (m.Healthy(&why) && std::chrono::steady_clock::now() < deadline) {
  }
  EXPECT_THAT(why, HasSubstr("main loop has not turned"));
  m.OnLoopTurn({});
  EXPECT_TRUE(m.Healthy(&why));
}

TEST(ServiceMonitor, ReadinessFailsWhileTheLoopIsBlocked) {
  ObserveConfig c = Config();
  c.ready_max_loop_age_ms = 30;  // below what the config allows, to keep the test fast
  ServiceMonitor m(c, observe::SystemdNotifier(), nullptr, false);
  m.OnStarted();
  m.OnAssignment(2);
  m.OnLoopTurn({});
  std::string why;
  EXPECT_TRUE(m.Ready(&why)) << why;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (m.Ready(&why) && std::chrono::steady_clock::now() < deadline) {
  }
  EXPECT_THAT(why, HasSubstr("main loop blocked for"));
  EXPECT_TRUE(m.Healthy(&why)) << "blocked briefly is still alive";
  m.OnLoopTurn({});
  EXPECT_TRUE(m.Ready(&why)) << why;
}

TEST(ServiceMonitor, CountsAndGaugesReachTheRegistry) {
  ServiceMonitor m(Config(), observe::SystemdNotifier(), nullptr, false);
  m.OnStarted();
  for (int i = 0; i < 5; ++i) m.OnConsumed();
  m.OnDeadLetter(ErrorCode::kTooLarge);
  const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch()).count();
  m.OnDelivered(false, now_ms - 1500);
  m.OnDelivered(true, 0);  // no timestamp: no latency sample
  m.OnLoopTurn({7, 11});
  m.OnAssignment(2);
  m.OnStatistics("consumer", R"({"type":"consumer","topics":{"wire.raw":{"partitions":{
      "0":{"partition":0,"fetch_state":"active","consumer_lag":4},
      "1":{"partition":1,"fetch_state":"active","consumer_lag":0}}}}})");
  m.OnStatistics("producer", R"({"type":"producer","txretries":9})");
  const std::string text = m.registry().Render();
  EXPECT_THAT(text, HasSubstr("dateline_messages_consumed_total 5\n"));
  EXPECT_THAT(text, HasSubstr("dateline_dead_letters_total{code=\"too_large\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("dateline_dead_letters_total{code=\"empty_input\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("dateline_records_produced_total 1\n"));
  EXPECT_THAT(text, HasSubstr("dateline_dead_letters_produced_total 1\n"));
  EXPECT_THAT(text, HasSubstr("dateline_end_to_end_latency_seconds_bucket{le=\"1\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("dateline_end_to_end_latency_seconds_bucket{le=\"2.5\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("dateline_end_to_end_latency_seconds_count 1\n"));
  EXPECT_THAT(text, HasSubstr("dateline_in_flight_messages 7\n"));
  EXPECT_THAT(text, HasSubstr("dateline_producer_queue_messages 11\n"));
  EXPECT_THAT(text, HasSubstr("dateline_assigned_partitions 2\n"));
  EXPECT_THAT(text, HasSubstr("dateline_consumer_lag{topic=\"wire.raw\",partition=\"0\"} 4\n"));
  EXPECT_THAT(text, HasSubstr("dateline_consumer_lag{topic=\"wire.raw\",partition=\"1\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("dateline_kafka_retries_total{client=\"producer\"} 9\n"));
  // A revoked partition disappears with the next statistics.
  m.OnStatistics("consumer", R"({"type":"consumer","topics":{"wire.raw":{"partitions":{
      "1":{"partition":1,"fetch_state":"active","consumer_lag":2}}}}})");
  EXPECT_THAT(m.registry().Render(), Not(HasSubstr("partition=\"0\"")));
}

class Named final : public Stage {
 public:
  Named(std::string name, bool throws) : name_(std::move(name)), throws_(throws) {}
  std::string_view Name() const override { return name_; }
  Verdict Process(Record&) override {
    if (throws_) throw std::runtime_error("boom");
    return Verdict::Continue();
  }

 private:
  std::string name_;
  bool throws_;
};

TEST(ServiceMonitor, InstrumentedPipelineTimesEachStageAndKeepsBehaviour) {
  ServiceMonitor m(Config(), observe::SystemdNotifier(), nullptr, false);
  std::vector<std::unique_ptr<Stage>> stages;
  stages.push_back(std::make_unique<Named>("first", false));
  stages.push_back(std::make_unique<Named>("second", true));
  auto p = m.Instrument(std::make_unique<Pipeline>(std::move(stages)));
  ASSERT_EQ(p->stages().size(), 2u);
  EXPECT_EQ(p->stages()[1]->Name(), "second");
  Record r;
  const Verdict v = p->Run(r);
  EXPECT_EQ(v.code, ErrorCode::kStageException);
  EXPECT_THAT(v.reason, HasSubstr("stage second threw: boom"));
  const std::string text = m.registry().Render();
  EXPECT_THAT(text, HasSubstr("dateline_stage_duration_seconds_count{stage=\"first\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("dateline_stage_duration_seconds_count{stage=\"second\"} 1\n"));
}

}  // namespace
}  // namespace dateline
