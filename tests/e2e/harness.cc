#include "e2e/harness.h"

#include <librdkafka/rdkafka.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "support/subprocess.h"

namespace dateline::e2e {
namespace {

struct KafkaDeleter {
  void operator()(rd_kafka_t* k) const { rd_kafka_destroy(k); }
  void operator()(rd_kafka_queue_t* q) const { rd_kafka_queue_destroy(q); }
  void operator()(rd_kafka_event_t* e) const { rd_kafka_event_destroy(e); }
  void operator()(rd_kafka_NewTopic_t* t) const { rd_kafka_NewTopic_destroy(t); }
  void operator()(rd_kafka_AdminOptions_t* o) const { rd_kafka_AdminOptions_destroy(o); }
};
template <typename T>
using Owned = std::unique_ptr<T, KafkaDeleter>;

std::unique_ptr<RdKafka::Conf> BaseConf() {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string err;
  conf->set("bootstrap.servers", Bootstrap(), err);
  return conf;
}

}  // namespace

std::string Bootstrap() {
  const char* dir = std::getenv("KAFKA_LOCAL_DIR");
  std::string bootstrap = test_support::ReadFile(std::string(dir ? dir : DATELINE_SOURCE_DIR "/.kafka-local") + "/bootstrap");
  while (!bootstrap.empty() && (bootstrap.back() == '\n' || bootstrap.back() == ' ')) bootstrap.pop_back();
  if (bootstrap.empty()) throw std::runtime_error("no broker: run scripts/kafka-local start (or ctest, which does)");
  return bootstrap;
}

std::string UniqueName(const std::string& prefix) {
  static std::atomic<int> counter{0};
  return prefix + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++);
}

void CreateTopics(const std::map<std::string, int>& topics) {
  char errstr[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", Bootstrap().c_str(), errstr, sizeof errstr);
  Owned<rd_kafka_t> admin(rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr));
  if (!admin) throw std::runtime_error(errstr);
  std::vector<Owned<rd_kafka_NewTopic_t>> owned;
  std::vector<rd_kafka_NewTopic_t*> raw;
  for (const auto& [name, partitions] : topics) {
    owned.emplace_back(rd_kafka_NewTopic_new(name.c_str(), partitions, 1, errstr, sizeof errstr));
    raw.push_back(owned.back().get());
  }
  Owned<rd_kafka_queue_t> queue(rd_kafka_queue_new(admin.get()));
  Owned<rd_kafka_AdminOptions_t> options(rd_kafka_AdminOptions_new(admin.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS));
  rd_kafka_AdminOptions_set_operation_timeout(options.get(), 30000, errstr, sizeof errstr);
  rd_kafka_CreateTopics(admin.get(), raw.data(), raw.size(), options.get(), queue.get());
  Owned<rd_kafka_event_t> event(rd_kafka_queue_poll(queue.get(), 60000));
  if (!event) throw std::runtime_error("CreateTopics timed out");
  if (rd_kafka_event_error(event.get())) throw std::runtime_error(rd_kafka_event_error_string(event.get()));
  size_t n = 0;
  const rd_kafka_topic_result_t** results =
      rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event.get()), &n);
  for (size_t i = 0; i < n; ++i) {
    if (rd_kafka_topic_result_error(results[i]) != RD_KAFKA_RESP_ERR_NO_ERROR &&
        rd_kafka_topic_result_error(results[i]) != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
      throw std::runtime_error(std::string("create topic: ") + rd_kafka_topic_result_error_string(results[i]));
    }
  }
}

TestProducer::TestProducer() {
  auto conf = BaseConf();
  std::string err;
  conf->set("dr_cb", static_cast<RdKafka::DeliveryReportCb*>(&reports_), err);
  conf->set("linger.ms", "5", err);
  conf->set("enable.idempotence", "true", err);
  producer_.reset(RdKafka::Producer::create(conf.get(), err));
  if (!producer_) throw std::runtime_error(err);
}

void TestProducer::Produce(const std::string& topic, int32_t partition, const std::string& key,
                           const std::string& value) {
  while (true) {
    const auto err = producer_->produce(topic, partition, RdKafka::Producer::RK_MSG_COPY,
                                        const_cast<char*>(value.data()), value.size(), key.data(), key.size(), 0,
                                        nullptr);
    if (err == RdKafka::ERR_NO_ERROR) break;
    if (err != RdKafka::ERR__QUEUE_FULL) throw std::runtime_error(RdKafka::err2str(err));
    producer_->poll(100);
  }
  producer_->poll(0);
}

void TestProducer::Flush() {
  if (producer_->flush(60000) != RdKafka::ERR_NO_ERROR) throw std::runtime_error("flush timed out");
  if (reports_.failed) throw std::runtime_error(std::to_string(reports_.failed) + " test messages failed");
}

TopicReader::TopicReader(const std::string& topic, int partitions) {
  auto conf = BaseConf();
  std::string err;
  conf->set("group.id", UniqueName("reader"), err);
  conf->set("enable.auto.commit", "false", err);
  conf->set("isolation.level", "read_committed", err);
  consumer_.reset(RdKafka::KafkaConsumer::create(conf.get(), err));
  if (!consumer_) throw std::runtime_error(err);
  std::vector<RdKafka::TopicPartition*> parts;
  for (int p = 0; p < partitions; ++p) {
    parts.push_back(RdKafka::TopicPartition::create(topic, p, RdKafka::Topic::OFFSET_BEGINNING));
  }
  consumer_->assign(parts);
  RdKafka::TopicPartition::destroy(parts);
}

bool TopicReader::ReadUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::unique_ptr<RdKafka::Message> m(consumer_->consume(200));
    if (m->err() != RdKafka::ERR_NO_ERROR) continue;
    Message msg;
    msg.partition = m->partition();
    msg.offset = m->offset();
    if (m->key()) msg.key = *m->key();
    msg.value.assign(static_cast<const char*>(m->payload()), m->len());
    if (RdKafka::Headers* h = m->headers()) {
      for (const auto& header : h->get_all()) {
        msg.headers[header.key()] = std::string(static_cast<const char*>(header.value()), header.value_size());
      }
    }
    if (msg.headers.count("dateline_source_partition")) {
      msg.source_partition = std::stoll(msg.headers["dateline_source_partition"]);
      msg.source_offset = std::stoll(msg.headers["dateline_source_offset"]);
    }
    messages_.push_back(std::move(msg));
  }
  return true;
}

std::string WriteConfig(const std::string& dir, const std::string& input, const std::string& output,
                        const std::string& dead_letter, const std::string& group, const std::string& extra) {
  const std::string path = dir + "/" + group + ".yaml";
  std::ofstream out(path);
  // A short session lets a SIGKILLed member's partitions move on after 6 s
  // (the broker's minimum) instead of librdkafka's default 45 s.
  out << "kafka:\n  common:\n    bootstrap.servers: " << Bootstrap() << "\n"
      << "  consumer:\n    session.timeout.ms: 6000\n    heartbeat.interval.ms: 1000\n"
      << "topics:\n  input: [" << input << "]\n  output: " << output << "\n  dead_letter: " << dead_letter << "\n"
      << "group:\n  id: " << group << "\n"
      << "pipeline:\n  agencies_file: " << DATELINE_SOURCE_DIR << "/config/agencies.yaml\n"
      << extra;
  return path;
}

}  // namespace dateline::e2e
