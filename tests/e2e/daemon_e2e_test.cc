// The daemon end to end against the real broker: every valid report once in
// the output, every malformed one once in the dead-letter topic, order kept
// per partition, nothing lost across SIGKILL, SIGTERM and rebalances.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "e2e/harness.h"
#include "support/subprocess.h"

namespace dateline::e2e {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr int kPartitions = 4;

const char* kCities[] = {"ISLAMABAD", "KARACHI", "NEW DELHI", "KABUL", "ANKARA", "DOHA", "BEIJING", "LAHORE"};
const char* kTags[] = {"(AP) —", ", Oct 29 (Reuters) -", "(AFP) -", ", Oct. 29 (Xinhua) --", ", Oct 29 (APP):",
                       "(PPI REPORT):", ":", "—"};

// A valid report, different for every i.
std::string Report(int i) {
  std::string s = std::string(kCities[i % 8]) + " " + kTags[(i / 8) % 8] + " Officials reported item " +
                  std::to_string(i) + " of the day after a meeting of the provincial committee.\n";
  s += "The committee said it would meet again next week to review progress on item " + std::to_string(i) + ".\n";
  return s;
}

// Malformed input kinds and the error code each must get.
struct Malformed {
  std::string payload;
  std::string code;
};
Malformed Bad(int i) {
  switch (i % 5) {
    case 0: return {"", "empty_input"};
    case 1: return {"   \n\t  ", "empty_input"};
    case 2: return {std::string("\x00\x01\x02\x03 binary", 11) + std::to_string(i), "invalid_encoding"};
    case 3: return {std::string(9000, 'x') + std::to_string(i), "too_large"};
    default: return {"KABUL (AP) — Hi " + std::to_string(i), "not_a_report"};
  }
}

struct Topics {
  std::string in = UniqueName("in"), out = UniqueName("out"), dlq = UniqueName("dlq");
  Topics() { CreateTopics({{in, kPartitions}, {out, kPartitions}, {dlq, kPartitions}}); }
};

class Daemon {
 public:
  Daemon(const std::string& config, const std::string& name)
      : log_(::testing::TempDir() + "/" + name + ".log"),
        child_({DATELINE_BINARY, "run", "--config", config, "--log-level", "info"}, log_) {}
  test_support::Child& child() { return child_; }
  std::string Log() const { return test_support::ReadFile(log_); }

 private:
  std::string log_;
  test_support::Child child_;
};

// Distinct (source partition, source offset) pairs seen in `messages`.
std::set<std::pair<int64_t, int64_t>> Sources(const std::vector<Message>& messages) {
  std::set<std::pair<int64_t, int64_t>> s;
  for (const auto& m : messages) s.emplace(m.source_partition, m.source_offset);
  return s;
}

TEST(DaemonE2E, BrokerFeaturesNegotiated) {
  // librdkafka 2.0.2 turns compression off silently against some 4.0 brokers:
  // confirm from its own debug log that this broker keeps them on.
  // It logs "Enabling feature X" / "Disabling feature X" for each one after
  // the ApiVersion handshake.
  struct Capture : RdKafka::EventCb {
    void event_cb(RdKafka::Event& e) override {
      if (e.type() != RdKafka::Event::EVENT_LOG) return;
      for (const auto& [verb, on] : {std::pair{"Enabling feature ", true}, std::pair{"Disabling feature ", false}}) {
        const auto pos = e.str().find(verb);
        if (pos != std::string::npos) features[e.str().substr(pos + std::strlen(verb))] = on;
      }
    }
    std::map<std::string, bool> features;
  } capture;
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string err;
  conf->set("bootstrap.servers", Bootstrap(), err);
  conf->set("debug", "feature", err);
  conf->set("event_cb", static_cast<RdKafka::EventCb*>(&capture), err);
  std::unique_ptr<RdKafka::Producer> producer(RdKafka::Producer::create(conf.get(), err));
  ASSERT_TRUE(producer) << err;
  // A metadata round trip completes only after the API versions are negotiated.
  RdKafka::Metadata* raw = nullptr;
  ASSERT_EQ(producer->metadata(true, nullptr, &raw, 30000), RdKafka::ERR_NO_ERROR);
  std::unique_ptr<RdKafka::Metadata> metadata(raw);
  producer->poll(0);
  ASSERT_FALSE(capture.features.empty());
  std::cout << "[ figures ] features:";
  for (const auto& [name, on] : capture.features) std::cout << " " << (on ? "+" : "-") << name;
  std::cout << "\n";
  for (const char* feature : {"LZ4", "ZSTD", "MsgVer2", "BrokerBalancedConsumer", "IdempotentProducer"}) {
    EXPECT_TRUE(capture.features[feature]) << feature << " is not enabled";
  }
}

TEST(DaemonE2E, TenThousandReportsWithMalformedOnes) {
  constexpr int kTotal = 10000;
  Topics t;
  std::map<std::string, std::string> expected_dead;  // key -> error code
  {
    TestProducer producer;
    for (int i = 0; i < kTotal; ++i) {
      const std::string key = "m-" + std::to_string(i);
      if (i % 33 == 7) {
        const Malformed bad = Bad(i / 33);
        expected_dead[key] = bad.code;
        producer.Produce(t.in, i % kPartitions, key, bad.payload);
      } else {
        producer.Produce(t.in, i % kPartitions, key, Report(i));
      }
    }
    producer.Flush();
  }
  ASSERT_GT(expected_dead.size(), 250u);
  const std::string group = UniqueName("g");
  Daemon daemon(WriteConfig(::testing::TempDir(), t.in, t.out, t.dlq, group, "limits:\n  max_message_bytes: 8192\n"),
                group);
  TopicReader out(t.out, kPartitions), dlq(t.dlq, kPartitions);
  const size_t want_out = kTotal - expected_dead.size();
  ASSERT_TRUE(out.ReadUntil([&] { return out.messages().size() >= want_out; }, seconds(120))) << daemon.Log();
  ASSERT_TRUE(dlq.ReadUntil([&] { return dlq.messages().size() >= expected_dead.size(); }, seconds(60)))
      << daemon.Log();
  daemon.child().Signal(SIGTERM);
  ASSERT_EQ(daemon.child().Wait(30000), 0) << daemon.Log();

  // Nothing else: the topics hold exactly what was read.
  EXPECT_EQ(out.messages().size(), want_out);
  EXPECT_EQ(dlq.messages().size(), expected_dead.size());

  // Every valid report once, with CloudEvents headers.
  std::set<std::string> seen;
  for (const auto& m : out.messages()) {
    const auto record = nlohmann::json::parse(m.value);
    const std::string key = record["source"]["key"];
    EXPECT_TRUE(seen.insert(key).second) << "duplicate " << key;
    EXPECT_FALSE(expected_dead.count(key)) << key;
    EXPECT_EQ(m.key, record["id"]);
    EXPECT_EQ(m.headers.at("ce_specversion"), "1.0");
    EXPECT_EQ(m.headers.at("ce_id"), record["id"]);
    EXPECT_EQ(m.headers.at("ce_type"), "io.dateline.record.v1");
    EXPECT_EQ(m.headers.at("ce_source"), "/dateline/" + t.in);
    EXPECT_EQ(m.headers.at("content-type"), "application/json");
    EXPECT_EQ(m.headers.at("dateline_schema_version"), "1");
    EXPECT_FALSE(record["dateline"].is_null()) << m.value;
  }
  EXPECT_EQ(seen.size(), want_out);

  // Every malformed input once, with its original bytes and error code.
  std::set<std::string> dead_seen;
  for (const auto& m : dlq.messages()) {
    ASSERT_TRUE(expected_dead.count(m.key)) << m.key;
    EXPECT_TRUE(dead_seen.insert(m.key).second) << "duplicate dead letter " << m.key;
    EXPECT_EQ(m.headers.at("dateline_error_code"), expected_dead[m.key]) << m.key;
    EXPECT_FALSE(m.headers.at("dateline_error_reason").empty());
    EXPECT_EQ(m.headers.at("dateline_source_topic"), t.in);
    EXPECT_EQ(m.value, Bad((std::stoi(m.key.substr(2))) / 33).payload);
  }

  // Order per input partition, in each output topic.
  for (const auto* reader : {&out, &dlq}) {
    std::map<int32_t, int64_t> last;
    for (const auto& m : reader->messages()) {
      EXPECT_EQ(m.source_partition, m.partition) << "output partition follows input partition";
      auto [it, fresh] = last.emplace(m.partition, m.source_offset);
      if (!fresh) {
        EXPECT_GT(m.source_offset, it->second) << "out of order in partition " << m.partition;
        it->second = m.source_offset;
      }
    }
  }
}

TEST(DaemonE2E, FormatsByDetectionHeaderAndTopic) {
  Topics t;
  const std::string nitf =
      "<nitf><head><docdata><doc-id id-string=\"e2e-1\"/></docdata></head><body><body.head><hedline><hl1>Dam "
      "opens</hl1></hedline></body.head><body.content><p>KARACHI (AP) \xE2\x80\x94 A new dam opened on Monday, "
      "officials said.</p><p>It will irrigate farms in three districts.</p></body.content></body></nitf>";
  const std::string ninjs = R"({"uri": "urn:e2e:2", "type": "text", "headline": "Rail link",)"
                            R"( "body_text": "LAHORE, Oct 29 (APP): The rail link to the airport opened on Monday."})";
  // Plain text that would be detected as text, but the header says JSON:
  // the hint wins and the item, not being JSON, is a malformed_item dead letter.
  const std::string lying = "QUETTA: Schools reopened on Monday after the winter break, officials said.";
  {
    std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    std::string err;
    conf->set("bootstrap.servers", Bootstrap(), err);
    std::unique_ptr<RdKafka::Producer> producer(RdKafka::Producer::create(conf.get(), err));
    auto send = [&](const std::string& value, const char* format) {
      RdKafka::Headers* headers = RdKafka::Headers::create();
      if (format) headers->add("dateline-format", format);
      ASSERT_EQ(producer->produce(t.in, 0, RdKafka::Producer::RK_MSG_COPY, const_cast<char*>(value.data()),
                                  value.size(), nullptr, 0, 0, headers, nullptr),
                RdKafka::ERR_NO_ERROR);
    };
    send(nitf, nullptr);
    send(ninjs, nullptr);
    send(lying, "json");
    ASSERT_EQ(producer->flush(30000), RdKafka::ERR_NO_ERROR);
  }
  const std::string group = UniqueName("g");
  Daemon daemon(WriteConfig(::testing::TempDir(), t.in, t.out, t.dlq, group), group);
  TopicReader out(t.out, kPartitions), dlq(t.dlq, kPartitions);
  ASSERT_TRUE(out.ReadUntil([&] { return out.messages().size() >= 2; }, seconds(60))) << daemon.Log();
  ASSERT_TRUE(dlq.ReadUntil([&] { return dlq.messages().size() >= 1; }, seconds(60))) << daemon.Log();
  daemon.child().Signal(SIGTERM);
  EXPECT_EQ(daemon.child().Wait(30000), 0);
  const auto first = nlohmann::json::parse(out.messages()[0].value);
  const auto second = nlohmann::json::parse(out.messages()[1].value);
  EXPECT_EQ(first["format"], "nitf");
  EXPECT_EQ(first["headline"], "Dam opens");
  EXPECT_EQ(first["agency"]["code"], "AP");
  EXPECT_EQ(second["format"], "ninjs");
  EXPECT_EQ(second["agency"]["code"], "APP");
  EXPECT_EQ(dlq.messages()[0].headers.at("dateline_error_code"), "malformed_item");
}

// Produces `total` reports over the input partitions in paced batches from a
// background thread, so that the daemon is mid-stream when a test strikes.
// With `hold_at` > 0 it stops after that many until Release(), so a test can
// strike while the rest of the input is still to come, however fast the
// daemon is. The destructor releases and joins.
class PacedProducer {
 public:
  PacedProducer(const std::string& topic, int total, int hold_at = 0)
      : thread_([this, topic, total, hold_at] {
          TestProducer producer;
          for (int i = 0; i < total; ++i) {
            if (i == hold_at && hold_at > 0) {
              producer.Flush();
              std::unique_lock lock(mutex_);
              released_cv_.wait(lock, [this] { return released_; });
            }
            producer.Produce(topic, i % kPartitions, "k-" + std::to_string(i), Report(i));
            if (i % 500 == 499) {
              producer.Flush();
              std::this_thread::sleep_for(milliseconds(25));  // pacing the load, not waiting for a condition
            }
          }
          producer.Flush();
          done_ = true;
        }) {}
  ~PacedProducer() {
    Release();
    thread_.join();
  }
  bool done() const { return done_; }
  void Release() {
    {
      std::lock_guard lock(mutex_);
      released_ = true;
    }
    released_cv_.notify_all();
  }

 private:
  std::atomic<bool> done_{false};
  std::mutex mutex_;
  std::condition_variable released_cv_;
  bool released_ = false;
  std::thread thread_;  // last: starts after the members it uses
};

TEST(DaemonE2E, SigkillMidStreamLosesNothing) {
  constexpr int kTotal = 20000;
  Topics t;
  const std::string group = UniqueName("g");
  const std::string config = WriteConfig(::testing::TempDir(), t.in, t.out, t.dlq, group);
  TopicReader out(t.out, kPartitions);
  {
    PacedProducer load(t.in, kTotal, kTotal / 2);  // the second half arrives after the kill
    Daemon first(config, group + "-1");
    ASSERT_TRUE(out.ReadUntil([&] { return out.messages().size() >= 4000; }, seconds(120))) << first.Log();
    first.child().Signal(SIGKILL);
    EXPECT_EQ(first.child().Wait(10000), 128 + SIGKILL);
    EXPECT_FALSE(load.done()) << "the kill should land mid-stream";
    load.Release();
  }
  Daemon second(config, group + "-2");
  DistinctSources sources;
  ASSERT_TRUE(out.ReadUntil([&] { return sources.Update(out.messages()) >= kTotal; }, seconds(120)))
      << second.Log();
  second.child().Signal(SIGTERM);
  EXPECT_EQ(second.child().Wait(30000), 0) << second.Log();
  const size_t unique = Sources(out.messages()).size();
  const size_t duplicates = out.messages().size() - unique;
  EXPECT_EQ(unique, static_cast<size_t>(kTotal));
  std::cout << "[ figures ] SIGKILL: inputs=" << kTotal << " outputs=" << out.messages().size()
            << " duplicates=" << duplicates << "\n";
  RecordProperty("duplicates", static_cast<int>(duplicates));
}

TEST(DaemonE2E, SigtermMidStreamExitsCleanlyAndRestartResumes) {
  constexpr int kTotal = 20000;
  constexpr int kDeadlineMs = 10000;
  Topics t;
  const std::string group = UniqueName("g");
  const std::string config = WriteConfig(::testing::TempDir(), t.in, t.out, t.dlq, group,
                                         "limits:\n  shutdown_timeout_ms: " + std::to_string(kDeadlineMs) + "\n");
  TopicReader out(t.out, kPartitions);
  {
    PacedProducer load(t.in, kTotal);
    Daemon first(config, group + "-1");
    ASSERT_TRUE(out.ReadUntil([&] { return out.messages().size() >= 4000; }, seconds(120))) << first.Log();
    const auto start = std::chrono::steady_clock::now();
    first.child().Signal(SIGTERM);
    EXPECT_EQ(first.child().Wait(kDeadlineMs + 5000), 0) << first.Log();
    EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(kDeadlineMs));
    EXPECT_NE(first.Log().find("stopped consumed="), std::string::npos);
  }
  Daemon second(config, group + "-2");
  DistinctSources sources;
  ASSERT_TRUE(out.ReadUntil([&] { return sources.Update(out.messages()) >= kTotal; }, seconds(120)))
      << second.Log();
  second.child().Signal(SIGTERM);
  EXPECT_EQ(second.child().Wait(30000), 0);
  EXPECT_EQ(out.messages().size(), static_cast<size_t>(kTotal))
      << "a clean stop commits everything it delivered: no duplicates";
}

TEST(DaemonE2E, SignalsDuringStartUp) {
  // Nothing listens on port 1: the daemon waits for cluster metadata (1 s per
  // attempt), so a stop request is pending while a second signal arrives.
  const std::string config = ::testing::TempDir() + "/unreachable.yaml";
  std::ofstream(config) << "kafka:\n  common:\n    bootstrap.servers: 127.0.0.1:1\n"
                        << "topics:\n  input: [a]\n  output: b\n  dead_letter: c\n"
                        << "pipeline:\n  agencies_file: " DATELINE_SOURCE_DIR "/config/agencies.yaml\n";
  // Signals are sent once the handlers are in place: after the first log line about the wait.
  auto wait_for_start_up = [](Daemon& daemon) {
    const auto deadline = std::chrono::steady_clock::now() + seconds(30);
    while (daemon.Log().find("waiting for cluster metadata") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline) {
      ASSERT_TRUE(daemon.child().Running()) << daemon.Log();
      std::this_thread::sleep_for(milliseconds(20));
    }
  };
  {
    Daemon daemon(config, UniqueName("twice"));
    wait_for_start_up(daemon);
    // Two different signals: two of the same kind could merge while pending.
    daemon.child().Signal(SIGTERM);
    daemon.child().Signal(SIGINT);
    EXPECT_EQ(daemon.child().Wait(10000), 130) << "a second signal exits at once";
  }
  {
    Daemon daemon(config, UniqueName("once"));
    wait_for_start_up(daemon);
    daemon.child().Signal(SIGTERM);
    EXPECT_EQ(daemon.child().Wait(15000), 0) << "one signal: orderly exit\n" << daemon.Log();
  }
}

TEST(DaemonE2E, RebalanceBetweenTwoInstancesLosesNothing) {
  constexpr int kTotal = 20000;
  Topics t;
  const std::string group = UniqueName("g");
  const std::string config = WriteConfig(::testing::TempDir(), t.in, t.out, t.dlq, group);
  TopicReader out(t.out, kPartitions);
  PacedProducer load(t.in, kTotal);
  Daemon a(config, group + "-a");
  ASSERT_TRUE(out.ReadUntil([&] { return out.messages().size() >= 3000; }, seconds(120))) << a.Log();
  Daemon b(config, group + "-b");
  ASSERT_TRUE(out.ReadUntil([&] { return out.messages().size() >= 9000; }, seconds(120))) << a.Log() << b.Log();
  a.child().Signal(SIGTERM);
  EXPECT_EQ(a.child().Wait(30000), 0) << a.Log();
  DistinctSources sources;
  ASSERT_TRUE(out.ReadUntil([&] { return sources.Update(out.messages()) >= kTotal; }, seconds(120)))
      << a.Log() << b.Log();
  b.child().Signal(SIGTERM);
  EXPECT_EQ(b.child().Wait(30000), 0) << b.Log();
  const size_t duplicates = out.messages().size() - Sources(out.messages()).size();
  std::cout << "[ figures ] rebalance: inputs=" << kTotal << " outputs=" << out.messages().size()
            << " duplicates=" << duplicates << "\n";
  EXPECT_NE(b.Log().find("partitions assigned"), std::string::npos);
}

}  // namespace
}  // namespace dateline::e2e
