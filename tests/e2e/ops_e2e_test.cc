// Operations end to end against the real broker: /metrics figures agree with
// what was sent, /readyz, the systemd notify sequence of a real run, SIGHUP
// reloads, dry runs, the install layout, and the binary under the container's
// contract (non-root, read-only root file system, config by environment, JSON
// logs, SIGTERM within the deadline).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <mutex>
#include <regex>
#include <thread>

#include "e2e/harness.h"
#include "support/subprocess.h"

namespace dateline::e2e {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;
using ::testing::HasSubstr;

constexpr int kPartitions = 2;

std::string Report(int i, const std::string& tag = "(AP) —") {
  return "ISLAMABAD " + tag + " Officials reported item " + std::to_string(i) +
         " of the day after a meeting of the provincial committee.\nThe committee said it would meet again.\n";
}

// Polls `condition` until it holds or `timeout` passes.
bool WaitFor(const std::function<bool()>& condition, milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!condition()) {
    if (Clock::now() >= deadline) return false;
    struct timespec ts {0, 20 * 1000 * 1000};  // poll interval, not a wait for an event
    nanosleep(&ts, nullptr);
  }
  return true;
}

// A fresh directory that uid 65534 may read.
std::string TempDir(const std::string& name) {
  const std::string dir = fs::path(::testing::TempDir() + "/" + UniqueName(name)).lexically_normal().string();
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                           fs::perms::others_exec);
  return dir;
}

// Samples of a Prometheus text page: "name{labels}" -> value.
std::map<std::string, double> Parse(const std::string& text) {
  std::map<std::string, double> samples;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto sp = line.rfind(' ');
    samples[line.substr(0, sp)] = std::stod(line.substr(sp + 1));
  }
  return samples;
}

// The daemon as a child process, with its log, HTTP port and metrics.
class Service {
 public:
  Service(std::vector<std::string> argv, const std::vector<std::string>& env, const std::string& name)
      : log_(TempDir("log") + "/" + name + ".log"), child_(std::move(argv), log_, env) {}
  test_support::Child& child() { return child_; }
  std::string Log() const { return test_support::ReadFile(log_); }

  // The port announced in the log ("port=N"), waiting for it.
  int Port() {
    if (port_ > 0) return port_;
    const std::regex re("port=([0-9]+)");
    WaitFor([&] {
      std::smatch m;
      const std::string log = Log();
      if (std::regex_search(log, m, re)) port_ = std::stoi(m[1]);
      return port_ > 0 || !child_.Running();
    }, seconds(20));
    return port_;
  }
  // GET path with the daemon's own healthcheck client; returns the status (-1: no answer).
  int Get(const std::string& path, std::string* body) {
    auto r = test_support::RunCommand({DATELINE_BINARY, "healthcheck", "--address", "127.0.0.1:" + std::to_string(Port()),
                                       "--path", path});
    // healthcheck prints "STATUS BODY" on success, or exits 1 with "unhealthy: ..." on stderr.
    if (r.out.size() < 4) return -1;
    if (body) *body = r.out.substr(4);
    return std::stoi(r.out.substr(0, 3));
  }
  std::map<std::string, double> Metrics() {
    std::string body;
    return Get("/metrics", &body) == 200 ? Parse(body) : std::map<std::string, double>{};
  }

 private:
  std::string log_;
  test_support::Child child_;
  int port_ = 0;
};

// Stands in for systemd's notify socket: like systemd, reads it all the time (a thread of its own).
class NotifySocket {
 public:
  NotifySocket() : path_(TempDir("notify") + "/notify.sock") {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path_.c_str(), sizeof addr.sun_path - 1);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0) << std::strerror(errno);
    reader_ = std::thread([this] {
      while (!quit_) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        char buf[4096];
        const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
        std::lock_guard lock(mu_);
        if (n > 0) messages_.emplace_back(buf, static_cast<size_t>(n));
      }
    });
  }
  ~NotifySocket() {
    quit_ = true;
    reader_.join();
    ::close(fd_);
  }
  const std::string& path() const { return path_; }
  std::vector<std::string> Messages() {
    std::lock_guard lock(mu_);
    return messages_;
  }
  // Index of the first message at or after `from` containing `what`, or -1.
  int Find(const std::string& what, size_t from = 0) {
    const auto messages = Messages();
    for (size_t i = from; i < messages.size(); ++i) {
      if (messages[i].find(what) != std::string::npos) return static_cast<int>(i);
    }
    return -1;
  }

 private:
  std::string path_;
  int fd_ = -1;
  std::atomic<bool> quit_{false};
  std::mutex mu_;
  std::vector<std::string> messages_;
  std::thread reader_;
};

struct Topics {
  std::string in = UniqueName("oin"), out = UniqueName("oout"), dlq = UniqueName("odlq");
  Topics() { CreateTopics({{in, kPartitions}, {out, kPartitions}, {dlq, kPartitions}}); }
};

const std::string kObserve = "observe:\n  listen: \"127.0.0.1:0\"\n  stats_interval_ms: 300\n  summary_interval_ms: 1000\n";

// Committed offsets of `group` on `topic` (-1001: none).
std::vector<int64_t> Committed(const std::string& group, const std::string& topic) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string err;
  conf->set("bootstrap.servers", Bootstrap(), err);
  conf->set("group.id", group, err);
  std::unique_ptr<RdKafka::KafkaConsumer> c(RdKafka::KafkaConsumer::create(conf.get(), err));
  std::vector<RdKafka::TopicPartition*> parts;
  for (int p = 0; p < kPartitions; ++p) parts.push_back(RdKafka::TopicPartition::create(topic, p));
  EXPECT_EQ(c->committed(parts, 10000), RdKafka::ERR_NO_ERROR);
  std::vector<int64_t> offsets;
  for (auto* p : parts) offsets.push_back(p->offset());
  RdKafka::TopicPartition::destroy(parts);
  c->close();
  return offsets;
}

// Messages in a topic, from the watermarks.
int64_t TopicSize(const std::string& topic) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string err;
  conf->set("bootstrap.servers", Bootstrap(), err);
  std::unique_ptr<RdKafka::Producer> p(RdKafka::Producer::create(conf.get(), err));
  int64_t total = 0;
  for (int part = 0; part < kPartitions; ++part) {
    int64_t lo = 0, hi = 0;
    EXPECT_EQ(p->query_watermark_offsets(topic, part, &lo, &hi, 10000), RdKafka::ERR_NO_ERROR);
    total += hi - lo;
  }
  return total;
}

TEST(OpsE2E, MetricsAgreeWithWhatWasSentAndSystemdSeesReadyWatchdogStopping) {
  Topics t;
  constexpr int kTotal = 300;
  std::map<std::string, int> dead_by_code;
  {
    TestProducer producer;
    for (int i = 0; i < kTotal; ++i) {
      std::string payload = Report(i);
      if (i % 25 == 3) {
        payload = "";
        ++dead_by_code["empty_input"];
      } else if (i % 25 == 11) {
        payload = "KABUL (AP) — Hi " + std::to_string(i);
        ++dead_by_code["not_a_report"];
      }
      producer.Produce(t.in, i % kPartitions, "k" + std::to_string(i), payload);
    }
    producer.Flush();
  }
  int dead_total = 0;
  for (const auto& [code, n] : dead_by_code) dead_total += n;
  ASSERT_GT(dead_total, 0);

  NotifySocket systemd;
  const std::string group = UniqueName("og");
  const std::string config = WriteConfig(TempDir("cfg"), t.in, t.out, t.dlq, group, kObserve);
  Service daemon({DATELINE_BINARY, "run", "--config", config}, {"NOTIFY_SOCKET=" + systemd.path(), "WATCHDOG_USEC=400000"},
                 "metrics");
  ASSERT_GT(daemon.Port(), 0) << daemon.Log();

  // Ready once assigned; scrape while it works and until the figures settle.
  ASSERT_TRUE(WaitFor([&] { return daemon.Get("/readyz", nullptr) == 200; }, seconds(30))) << daemon.Log();
  std::map<std::string, double> m;
  const auto consumed = [&] { return m["dateline_messages_consumed_total"]; };
  ASSERT_TRUE(WaitFor([&] {
    m = daemon.Metrics();
    return consumed() >= kTotal && m["dateline_records_produced_total"] + m["dateline_dead_letters_produced_total"] >= kTotal;
  }, seconds(30))) << daemon.Log();
  EXPECT_EQ(consumed(), kTotal);
  EXPECT_EQ(m["dateline_records_produced_total"], kTotal - dead_total);
  EXPECT_EQ(m["dateline_dead_letters_produced_total"], dead_total);
  for (const auto& [code, n] : dead_by_code) {
    EXPECT_EQ(m["dateline_dead_letters_total{code=\"" + code + "\"}"], n) << code;
  }
  EXPECT_EQ(m["dateline_dead_letters_total{code=\"too_large\"}"], 0);
  EXPECT_EQ(m["dateline_end_to_end_latency_seconds_count"], kTotal);
  EXPECT_EQ(m["dateline_stage_duration_seconds_count{stage=\"decode\"}"], kTotal);
  EXPECT_EQ(m["dateline_assigned_partitions"], kPartitions);
  EXPECT_EQ(m["dateline_ready"], 1);
  EXPECT_EQ(m["dateline_delivery_failures_total"], 0);
  // What the broker holds agrees with the counters.
  EXPECT_EQ(TopicSize(t.out), kTotal - dead_total);
  EXPECT_EQ(TopicSize(t.dlq), dead_total);
  // Lag comes from librdkafka's statistics: it reaches 0 on every partition once committed.
  ASSERT_TRUE(WaitFor([&] {
    m = daemon.Metrics();
    for (int p = 0; p < kPartitions; ++p) {
      const auto it = m.find("dateline_consumer_lag{topic=\"" + t.in + "\",partition=\"" + std::to_string(p) + "\"}");
      if (it == m.end() || it->second != 0) return false;
    }
    return true;
  }, seconds(20))) << daemon.Log();
  std::string body;
  EXPECT_EQ(daemon.Get("/healthz", &body), 200);
  EXPECT_EQ(daemon.Get("/nope", &body), 404);

  // READY, then watchdog pings from the main loop (every 200 ms here), then STOPPING.
  const int ready = systemd.Find("READY=1");
  ASSERT_GE(ready, 0) << ::testing::PrintToString(systemd.Messages());
  EXPECT_THAT(systemd.Messages()[static_cast<size_t>(ready)], HasSubstr("STATUS=ready"));
  ASSERT_TRUE(WaitFor([&] { return systemd.Find("WATCHDOG=1", static_cast<size_t>(ready) + 1) > ready; }, seconds(5)));
  daemon.child().Signal(SIGTERM);
  EXPECT_EQ(daemon.child().Wait(20000), 0) << daemon.Log();
  ASSERT_TRUE(WaitFor([&] { return systemd.Find("STOPPING=1") >= 0; }, seconds(5))) << ::testing::PrintToString(systemd.Messages());
  const int ping = systemd.Find("WATCHDOG=1", static_cast<size_t>(ready) + 1);
  EXPECT_GT(ping, ready);
  EXPECT_GE(systemd.Find("msg/s in", static_cast<size_t>(ready) + 1), 0) << "throughput STATUS lines";
  const int stopping = systemd.Find("STOPPING=1");
  EXPECT_GT(stopping, ping);
  EXPECT_EQ(systemd.Find("READY=1", static_cast<size_t>(ready) + 1), -1) << "READY is sent once";
  EXPECT_THAT(daemon.Log(), HasSubstr("summary consumed="));
}

TEST(OpsE2E, SighupReloadsAgenciesAtAMessageBoundaryWithoutLossOrRebalance) {
  Topics t;
  const std::string dir = TempDir("reload");
  const std::string agencies = dir + "/agencies.yaml";
  const std::string original = test_support::ReadFile(DATELINE_SOURCE_DIR "/config/agencies.yaml");
  std::ofstream(agencies) << original;
  const std::string group = UniqueName("og");
  const std::string config = WriteConfig(dir, t.in, t.out, t.dlq, group, kObserve);
  Service daemon({DATELINE_BINARY, "run", "--config", config, "--set", "pipeline.agencies_file=" + agencies}, {},
                 "reload");
  ASSERT_GT(daemon.Port(), 0) << daemon.Log();
  TestProducer producer;
  TopicReader out(t.out, kPartitions);
  int sent = 0;
  auto send = [&](int n) {
    for (int i = 0; i < n; ++i, ++sent) producer.Produce(t.in, sent % kPartitions, "r" + std::to_string(sent), Report(sent, "(WNAM REPORT):"));
    producer.Flush();
  };
  auto reloads = [&](const std::string& result) {
    return daemon.Metrics()["dateline_reloads_total{result=\"" + result + "\"}"];
  };

  send(40);
  ASSERT_TRUE(out.ReadUntil([&] { return out.messages().size() >= 40; }, seconds(30))) << daemon.Log();

  // A broken table is rejected with a clear line; the old one stays in force.
  std::ofstream(agencies) << "agencies: [ {code: WNAMX, name: broken\n";
  daemon.child().Signal(SIGHUP);
  ASSERT_TRUE(WaitFor([&] { return reloads("failed") == 1; }, seconds(20))) << daemon.Log();
  EXPECT_THAT(daemon.Log(), HasSubstr("reload rejected, keeping the current configuration"));
  send(40);
  ASSERT_TRUE(out.ReadUntil([&] { return out.messages().size() >= 80; }, seconds(30))) << daemon.Log();

  // A good table: later messages use it. Messages keep flowing while it is built.
  std::ofstream(agencies) << original
                          << "  - {code: WNAMX, name: Wire News Agency of the Moon, aliases: [WNAM, WNAM REPORT], signoffs: []}\n";
  daemon.child().Signal(SIGHUP);
  send(20);
  ASSERT_TRUE(WaitFor([&] { return reloads("ok") == 1 && daemon.Log().find("new pipeline in force") != std::string::npos; },
                      seconds(30)))
      << daemon.Log();
  send(40);
  const size_t total = static_cast<size_t>(sent);
  ASSERT_TRUE(out.ReadUntil([&] { return out.messages().size() >= total; }, seconds(30))) << daemon.Log();
  daemon.child().Signal(SIGTERM);
  ASSERT_EQ(daemon.child().Wait(20000), 0) << daemon.Log();

  // Exactly once each, and the agency switches at one point per partition, never back.
  std::map<std::string, std::string> code_by_key;
  std::map<int32_t, std::vector<std::string>> codes_by_partition;
  for (const auto& msg : out.messages()) {
    const auto record = nlohmann::json::parse(msg.value);
    const std::string code = record["agency"]["code"];
    EXPECT_TRUE(code_by_key.emplace(record["source"]["key"].get<std::string>(), code).second) << "duplicate " << msg.value;
    codes_by_partition[msg.partition].push_back(code);
  }
  EXPECT_EQ(code_by_key.size(), total);
  for (int i = 0; i < 80; ++i) EXPECT_EQ(code_by_key["r" + std::to_string(i)], "WNAM") << i;
  for (int i = 100; i < sent; ++i) EXPECT_EQ(code_by_key["r" + std::to_string(i)], "WNAMX") << i;
  for (const auto& [partition, codes] : codes_by_partition) {
    const auto first_new = std::find(codes.begin(), codes.end(), "WNAMX");
    EXPECT_TRUE(std::all_of(first_new, codes.end(), [](const std::string& c) { return c == "WNAMX"; })) << partition;
  }
  // No rebalance: one assignment, and partitions revoked only at shutdown.
  const std::string log = daemon.Log();
  size_t assigned = 0;
  for (size_t pos = 0; (pos = log.find("partitions assigned", pos)) != std::string::npos; ++pos) ++assigned;
  EXPECT_EQ(assigned, 1u) << log;
  EXPECT_LT(log.find("shutting down"), log.find("partitions revoked")) << log;
}

TEST(OpsE2E, DryRunProcessesButProducesAndCommitsNothing) {
  Topics t;
  constexpr int kTotal = 30;
  {
    TestProducer producer;
    for (int i = 0; i < kTotal; ++i) producer.Produce(t.in, i % kPartitions, "d" + std::to_string(i), i % 10 == 0 ? "" : Report(i));
    producer.Flush();
  }
  const std::string group = UniqueName("og");
  const std::string config = WriteConfig(TempDir("cfg"), t.in, t.out, t.dlq, group, kObserve);
  Service daemon({DATELINE_BINARY, "run", "--dry-run", "--config", config}, {}, "dryrun");
  ASSERT_GT(daemon.Port(), 0) << daemon.Log();
  std::map<std::string, double> m;
  ASSERT_TRUE(WaitFor([&] {
    m = daemon.Metrics();
    return m["dateline_messages_consumed_total"] >= kTotal;
  }, seconds(30))) << daemon.Log();
  EXPECT_EQ(m["dateline_messages_consumed_total"], kTotal);
  EXPECT_EQ(m["dateline_dry_run_outputs_total{kind=\"record\"}"], kTotal - 3);
  EXPECT_EQ(m["dateline_dry_run_outputs_total{kind=\"dead_letter\"}"], 3);
  EXPECT_EQ(m["dateline_dead_letters_total{code=\"empty_input\"}"], 3);
  EXPECT_EQ(m["dateline_records_produced_total"], 0);
  daemon.child().Signal(SIGTERM);
  ASSERT_EQ(daemon.child().Wait(20000), 0) << daemon.Log();
  EXPECT_THAT(daemon.Log(), HasSubstr("dry run: would dead-letter code=empty_input"));
  EXPECT_EQ(TopicSize(t.out), 0);
  EXPECT_EQ(TopicSize(t.dlq), 0);
  for (int64_t offset : Committed(group, t.in)) EXPECT_LT(offset, 0) << "dry run committed an offset";
}

// `cmake --install` into a fresh prefix, once for the tests below.
class Installed : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    prefix_ = TempDir("prefix");
    const auto r = test_support::RunCommand({DATELINE_CMAKE, "--install", DATELINE_BUILD_DIR, "--prefix", prefix_});
    install_log_ = r.out + r.err;
    install_code_ = r.exit_code;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(prefix_, ec);  // holds a copy of the reference data
  }
  static std::string prefix_, install_log_;
  static int install_code_;
};
std::string Installed::prefix_, Installed::install_log_;
int Installed::install_code_ = -1;

TEST_F(Installed, LayoutAndCheckConfigOnTheInstalledConfig) {
  ASSERT_EQ(install_code_, 0) << install_log_;
  for (const char* file : {"bin/dateline", "etc/dateline/dateline.yaml", "share/dateline/agencies.yaml",
                           "share/dateline/places.yaml", "share/dateline/schema/record.v1.json",
                           "share/dateline/schema/dead-letter.v1.json", "lib/systemd/system/dateline.service"}) {
    EXPECT_TRUE(fs::exists(prefix_ + "/" + file)) << file << "\n" << install_log_;
  }
  std::cout << "[ figures ] installed:\n" << install_log_;
  const auto r = test_support::RunCommand(
      {prefix_ + "/bin/dateline", "check-config", "--config", prefix_ + "/etc/dateline/dateline.yaml"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("configuration is valid"));
  // The reference data is the installed copy, found beside the binary.
  EXPECT_THAT(r.out, HasSubstr("agencies=" + prefix_ + "/share/dateline/agencies.yaml"));
  EXPECT_THAT(r.out, HasSubstr("places=" + prefix_ + "/share/dateline/places.yaml"));
}

TEST_F(Installed, ContainerContractNonRootReadOnlyRootEnvConfigJsonLogsSigterm) {
  ASSERT_EQ(install_code_, 0) << install_log_;
  if (!fs::exists(prefix_ + "/share/dateline/cities.pbf")) GTEST_SKIP() << "no cities.pbf (run scripts/refdata)";
  // Dropping to uid 65534 and a private read-only mount need root (and a kernel that allows mount namespaces).
  const auto probe = test_support::RunCommand({"/usr/bin/unshare", "-m", "--propagation", "private", "/bin/true"});
  if (geteuid() != 0 || probe.exit_code != 0) {
    GTEST_SKIP() << "needs root and unshare -m (got uid " << geteuid() << ", " << probe.err << ")";
  }
  Topics t;
  {
    TestProducer producer;
    for (int i = 0; i < 20; ++i) producer.Produce(t.in, i % kPartitions, "c" + std::to_string(i), Report(i));
    producer.Flush();
  }
  // As in the image: uid/gid 65534, read-only root, the installed config plus
  // DATELINE_* variables, JSON logs on stdout, nothing else writable.
  const std::string stderr_file = TempDir("stderr") + "/stderr";
  const std::vector<std::string> env = {
      "DATELINE_KAFKA_COMMON_BOOTSTRAP_SERVERS=" + Bootstrap(), "DATELINE_TOPICS_INPUT=" + t.in,
      "DATELINE_TOPICS_OUTPUT=" + t.out, "DATELINE_TOPICS_DEAD_LETTER=" + t.dlq, "DATELINE_GROUP_ID=" + UniqueName("og"),
      "DATELINE_LOGGING_FORMAT=json", "DATELINE_LOGGING_OUTPUT=stdout", "DATELINE_OBSERVE_LISTEN=127.0.0.1:0", "DATELINE_LIMITS_SHUTDOWN_TIMEOUT_MS=10000",
      "HOME=/nonexistent", "STDERR_FILE=" + stderr_file};
  // stderr goes to its own file, opened outside the new mount namespace (a file
  // open for writing there would keep / from turning read-only): logs must be on stdout.
  Service daemon({"/bin/sh", "-c",
                  "exec 2>\"$STDERR_FILE\"; exec /usr/bin/unshare -m --propagation private /bin/sh -c "
                  "'mount -o remount,bind,ro / && exec setpriv --reuid=65534 --regid=65534 --clear-groups "
                  "--inh-caps=-all \"$@\"' sh \"$@\"",
                  "sh", prefix_ + "/bin/dateline", "run", "--config", prefix_ + "/etc/dateline/dateline.yaml"},
                 env, "container");
  ASSERT_GT(daemon.Port(), 0) << daemon.Log();
  TopicReader out(t.out, kPartitions);
  ASSERT_TRUE(out.ReadUntil([&] { return out.messages().size() >= 20; }, seconds(30))) << daemon.Log();
  std::string body;
  EXPECT_EQ(daemon.Get("/healthz", &body), 200);
  // unshare, sh and setpriv exec in turn: the child's pid is the daemon's.
  const std::string proc = "/proc/" + std::to_string(daemon.child().pid());
  const std::string status = test_support::ReadFile(proc + "/status");
  EXPECT_THAT(status, HasSubstr("Uid:\t65534\t65534\t65534\t65534")) << status;
  EXPECT_THAT(status, HasSubstr("CapEff:\t0000000000000000")) << status;
  std::istringstream mounts(test_support::ReadFile(proc + "/mountinfo"));
  std::string mount;
  bool root_read_only = false;
  while (std::getline(mounts, mount)) {
    // "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS ..."
    std::istringstream fields(mount);
    std::string id, parent, dev, root, point, options;
    fields >> id >> parent >> dev >> root >> point >> options;
    if (point == "/") root_read_only = options.rfind("ro", 0) == 0;
  }
  EXPECT_TRUE(root_read_only) << test_support::ReadFile(proc + "/mountinfo");
  const auto started = Clock::now();
  daemon.child().Signal(SIGTERM);
  ASSERT_EQ(daemon.child().Wait(12000), 0) << daemon.Log();
  const auto stop_ms = std::chrono::duration_cast<milliseconds>(Clock::now() - started).count();
  std::cout << "[ figures ] SIGTERM to exit under the container contract: " << stop_ms << " ms\n";
  // Every log line is one JSON object; the process ran as 65534 with no writable root.
  std::istringstream lines(daemon.Log());
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    EXPECT_TRUE(j.is_object() && j.contains("level") && j.contains("msg")) << line;
    ++n;
  }
  EXPECT_GT(n, 3);
  EXPECT_EQ(test_support::ReadFile(stderr_file), "") << "logs belong on stdout";
  EXPECT_THAT(daemon.Log(), HasSubstr("\"msg\":\"stopped consumed=20 produced=20"));
}

}  // namespace
}  // namespace dateline::e2e
