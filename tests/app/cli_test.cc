// Runs the real `dateline` binary.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/subprocess.h"

namespace dateline {
namespace {

using test_support::RunCommand;

const std::string kBinary = DATELINE_BINARY;

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

TEST(CliTest, HelpOnEverySubcommand) {
  for (const char* sub : {"run", "process", "check-config", "version"}) {
    const auto r = RunCommand({kBinary, sub, "--help"});
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << sub;
  }
  EXPECT_EQ(RunCommand({kBinary, "--help"}).exit_code, 0);
  EXPECT_EQ(RunCommand({kBinary}).exit_code, 2) << "a subcommand is required";
  EXPECT_EQ(RunCommand({kBinary, "frobnicate"}).exit_code, 2);
}

TEST(CliTest, Version) {
  const auto r = RunCommand({kBinary, "version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("dateline "), std::string::npos);
  EXPECT_NE(r.out.find("librdkafka 2."), std::string::npos);
}

TEST(CliTest, CheckConfigNamesEachProblem) {
  const std::string path = ::testing::TempDir() + "/broken.yaml";
  std::ofstream(path) << "kafka:\n  common:\n    bootstrap.servers: 127.0.0.1:1\n    batch.size: many\n"
                         "topics:\n  input: [in]\n  ouput: out\n"
                         "limits:\n  shutdown_timeout_ms: -1\n";
  const auto r = RunCommand({kBinary, "check-config", "--config", path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("kafka.common.batch.size (line 4)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("topics.ouput (line 7): unknown key"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("limits.shutdown_timeout_ms (line 9)"), std::string::npos) << r.err;
}

TEST(CliTest, CheckConfigRequiresWhatRunNeeds) {
  const std::string path = ::testing::TempDir() + "/partial.yaml";
  std::ofstream(path) << "logging:\n  level: info\n";
  const auto r = RunCommand({kBinary, "check-config", "--config", path});
  EXPECT_EQ(r.exit_code, 2);
  for (const char* key : {"topics.input", "topics.output", "topics.dead_letter", "kafka.common.bootstrap.servers"}) {
    EXPECT_NE(r.err.find(key), std::string::npos) << key << " in " << r.err;
  }
}

TEST(CliTest, CheckConfigAcceptsTheExample) {
  const auto r = RunCommand({kBinary, "check-config", "--config", DATELINE_SOURCE_DIR "/config/dateline.yaml"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(CliTest, ProcessGivesOneLinePerInputIncludingGarbage) {
  const std::string input =
      "{\"payload\": \"NEW DELHI, Oct 29 (PTI) The cabinet cleared three highway projects worth billions.\"}\n"
      "garbage {\n"
      "\x01\x02\xff\n"
      "{\"payload\": \"\\u0000\\u0001binary\\u0002\"}\n"
      "{\"payload\": \"ok\"}\n";
  const auto r = RunCommand({kBinary, "process"}, input);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 5u) << r.out;
  const auto first = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(first["agency"]["code"], "PTI");
  EXPECT_EQ(first["dateline"]["city"], "New Delhi");
  EXPECT_EQ(nlohmann::json::parse(lines[1])["error"]["code"], "invalid_envelope");
  EXPECT_EQ(nlohmann::json::parse(lines[2])["error"]["code"], "invalid_envelope");
  EXPECT_EQ(nlohmann::json::parse(lines[3])["error"]["code"], "invalid_encoding");
  EXPECT_EQ(nlohmann::json::parse(lines[4])["error"]["code"], "not_a_report");
}

TEST(CliTest, ProcessSeedReportFile) {
  const std::string sample = DATELINE_SOURCE_DIR "/../shared/samples/islamabad-wnam-report.txt";
  if (!std::ifstream(sample)) GTEST_SKIP() << "shared sample not present";
  const auto r = RunCommand({kBinary, "process", sample});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["agency"]["code"], "WNAM");
  EXPECT_EQ(j["dateline"]["location"], "ISLAMABAD");
  EXPECT_EQ(j["dateline"]["city"], "Islamabad");
  EXPECT_GE(j["paragraphs"].size(), 7u);
}

TEST(CliTest, JsonLogsAndSecretsNeverLogged) {
  // Nothing listens on port 1: the daemon logs its start-up and waits for the cluster.
  const std::string config = ::testing::TempDir() + "/secret.yaml";
  std::ofstream(config) << "kafka:\n  common:\n    bootstrap.servers: 127.0.0.1:1\n"
                        << "    sasl.username: dateline\n    sasl.password: hunter2-very-secret\n"
                        << "topics:\n  input: [a]\n  output: b\n  dead_letter: c\n";
  const std::string log = ::testing::TempDir() + "/secret.log";
  std::remove(log.c_str());
  test_support::Child child({kBinary, "run", "--config", config, "--log-level", "debug", "--log-format", "json"}, log);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (test_support::ReadFile(log).find("waiting for cluster metadata") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    ASSERT_TRUE(child.Running()) << test_support::ReadFile(log);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  child.Signal(SIGTERM);
  EXPECT_EQ(child.Wait(15000), 0);
  const std::string text = test_support::ReadFile(log);
  EXPECT_EQ(text.find("hunter2"), std::string::npos) << "the password leaked into the log";
  EXPECT_NE(text.find("kafka.common.sasl.password=[redacted]"), std::string::npos) << text.substr(0, 2000);
  size_t lines = 0;
  for (const auto& line : Lines(text)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << "not JSON: " << line;
    EXPECT_TRUE(j.contains("time") && j.contains("level") && j.contains("msg")) << line;
    ++lines;
  }
  EXPECT_GT(lines, 3u);
}

}  // namespace
}  // namespace dateline
