#include "config/config.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace dateline {
namespace {

ConfigResult Parse(const std::string& yaml, const std::vector<std::string>& env = {},
                   const std::vector<ConfigOverride>& overrides = {}) {
  return ParseConfig(yaml, DATELINE_SOURCE_DIR "/config", env, overrides);
}

const ConfigError* Find(const ConfigResult& r, const std::string& path) {
  auto it = std::find_if(r.errors.begin(), r.errors.end(), [&](const ConfigError& e) { return e.path == path; });
  return it == r.errors.end() ? nullptr : &*it;
}

TEST(ConfigTest, DocumentedExampleIsValid) {
  const ConfigResult r = LoadConfig(DATELINE_SOURCE_DIR "/config/dateline.yaml", {}, {});
  ASSERT_TRUE(r.config) << (r.errors.empty() ? "" : r.errors[0].ToString());
  EXPECT_EQ(r.config->topics.input, std::vector<std::string>{"wire.raw"});
  EXPECT_EQ(r.config->topics.output, "wire.records");
  EXPECT_EQ(r.config->topics.dead_letter, "wire.dead-letter");
  EXPECT_EQ(r.config->group_id, "dateline");
  EXPECT_EQ(r.config->kafka.common.at("bootstrap.servers"), "127.0.0.1:9092");
  EXPECT_EQ(r.config->kafka.producer.at("linger.ms"), "5");
}

TEST(ConfigTest, EmptyGivesDefaults) {
  const ConfigResult r = Parse("");
  ASSERT_TRUE(r.config);
  EXPECT_EQ(r.config->limits.max_message_bytes, 1u << 20);
  EXPECT_EQ(r.config->pipeline.output_partitioning, OutputPartitioning::kInput);
  EXPECT_FALSE(r.config->pipeline.agencies_file.empty());
}

TEST(ConfigTest, ReportsEveryProblemWithPathAndLine) {
  const ConfigResult r = Parse(
      "kafka:\n"                      // 1
      "  common:\n"                   // 2
      "    no.such.property: 1\n"     // 3
      "  consumer:\n"                 // 4
      "    group.id: mine\n"          // 5
      "topics:\n"                     // 6
      "  outptu: b\n"                 // 7
      "limits:\n"                     // 8
      "  max_message_bytes: lots\n"   // 9
      "logging:\n"                    // 10
      "  level: loud\n"               // 11
      "colour: blue\n");              // 12
  EXPECT_FALSE(r.config);
  ASSERT_EQ(r.errors.size(), 6u);
  struct Want {
    const char* path;
    const char* where;
    const char* says;
  };
  for (const Want& w : {Want{"kafka.common.no.such.property", "line 3", "No such configuration property"},
                        Want{"kafka.consumer.group.id", "line 5", "managed by dateline"},
                        Want{"topics.outptu", "line 7", "unknown key"},
                        Want{"limits.max_message_bytes", "line 9", "must be an integer"},
                        Want{"logging.level", "line 11", "must be one of"},
                        Want{"colour", "line 12", "unknown key"}}) {
    const ConfigError* e = Find(r, w.path);
    ASSERT_NE(e, nullptr) << w.path;
    EXPECT_EQ(e->where, w.where) << w.path;
    EXPECT_NE(e->message.find(w.says), std::string::npos) << e->ToString();
  }
}

TEST(ConfigTest, SyntaxErrorNamesLine) {
  const ConfigResult r = Parse("topics:\n  input: [a\n  output: b\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("YAML syntax"), std::string::npos);
  EXPECT_EQ(r.errors[0].where.rfind("line ", 0), 0u);
}

TEST(ConfigTest, EnvironmentOverridesFileAndFlagsOverrideEnvironment) {
  const std::string yaml = "topics:\n  output: from-file\n  input: [a]\ngroup:\n  id: g-file\n";
  const std::vector<std::string> env = {"DATELINE_TOPICS_OUTPUT=from-env", "DATELINE_GROUP_ID=g-env",
                                        "DATELINE_TOPICS_INPUT=x,y",
                                        "DATELINE_KAFKA_PRODUCER_LINGER_MS=50", "PATH=/bin"};
  const ConfigResult r = Parse(yaml, env, {{"group.id", "g-flag", "flag --set group.id"}});
  ASSERT_TRUE(r.config);
  EXPECT_EQ(r.config->topics.output, "from-env");
  EXPECT_EQ(r.config->group_id, "g-flag");
  EXPECT_EQ(r.config->topics.input, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(r.config->kafka.producer.at("linger.ms"), "50");
}

TEST(ConfigTest, OverrideErrorsNameTheirOrigin) {
  const ConfigResult r = Parse("", {"DATELINE_LIMITS_MAX_MESSAGE_BYTES=abc"},
                               {{"logging.format", "xml", "flag --log-format"}});
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(Find(r, "limits.max_message_bytes")->where, "environment DATELINE_LIMITS_MAX_MESSAGE_BYTES");
  EXPECT_EQ(Find(r, "logging.format")->where, "flag --log-format");
}

TEST(ConfigTest, UnknownEnvironmentVariableIsAWarning) {
  const ConfigResult r = Parse("", {"DATELINE_TOPIC_OUTPUT=x"});
  ASSERT_TRUE(r.config);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("DATELINE_TOPIC_OUTPUT"), std::string::npos);
}

TEST(ConfigTest, SecretReferencesResolve) {
  setenv("DATELINE_TEST_SECRET", "s3cret", 1);
  const ConfigResult r = Parse("kafka:\n  common:\n    sasl.password: ${env:DATELINE_TEST_SECRET}\n");
  ASSERT_TRUE(r.config);
  EXPECT_EQ(r.config->kafka.common.at("sasl.password"), "s3cret");
  const ConfigResult missing = Parse("kafka:\n  common:\n    sasl.password: ${env:DATELINE_NOT_SET_ANYWHERE}\n");
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_EQ(missing.errors[0].where, "line 3");
  const ConfigResult file = Parse("kafka:\n  common:\n    sasl.username: ${file:agencies.yaml}\n");
  ASSERT_TRUE(file.config);
  EXPECT_NE(file.config->kafka.common.at("sasl.username").find("agencies:"), std::string::npos);
}

TEST(ConfigTest, SecretPropertyNames) {
  EXPECT_TRUE(IsSecretProperty("sasl.password"));
  EXPECT_TRUE(IsSecretProperty("ssl.key.password"));
  EXPECT_TRUE(IsSecretProperty("ssl.key.pem"));
  EXPECT_TRUE(IsSecretProperty("sasl.oauthbearer.client.secret"));
  EXPECT_FALSE(IsSecretProperty("bootstrap.servers"));
  EXPECT_FALSE(IsSecretProperty("sasl.username"));
}

TEST(ConfigTest, FormatsSection) {
  const ConfigResult r = Parse(
      "formats:\n"
      "  header: x-format\n"
      "  topics: {wire.nitf: nitf, wire.json: json}\n"
      "  json: {headline: /title, body: /content/text, keywords: ''}\n");
  ASSERT_TRUE(r.config) << r.errors[0].ToString();
  EXPECT_EQ(r.config->formats.header, "x-format");
  EXPECT_EQ(r.config->formats.topics.at("wire.nitf"), "nitf");
  EXPECT_EQ(r.config->formats.json.headline, "/title");
  EXPECT_EQ(r.config->formats.json.body, "/content/text");
  EXPECT_EQ(r.config->formats.json.keywords, "");
  EXPECT_EQ(r.config->formats.json.byline, "/byline") << "unmapped fields keep their defaults";

  const ConfigResult bad = Parse(
      "formats:\n"
      "  topics: {wire.x: telex}\n"
      "  json: {headline: title, colour: /c}\n");
  EXPECT_FALSE(bad.config);
  ASSERT_EQ(bad.errors.size(), 3u);
  EXPECT_NE(Find(bad, "formats.topics.wire.x"), nullptr);
  EXPECT_NE(Find(bad, "formats.json.headline"), nullptr);
  EXPECT_NE(Find(bad, "formats.json.colour"), nullptr);
}

TEST(ConfigTest, RelativeAgenciesFileResolvesAgainstConfigDir) {
  const ConfigResult r = Parse("pipeline:\n  agencies_file: agencies.yaml\n");
  ASSERT_TRUE(r.config);
  EXPECT_EQ(r.config->pipeline.agencies_file, DATELINE_SOURCE_DIR "/config/agencies.yaml");
  const ConfigResult bad = Parse("pipeline:\n  agencies_file: nope.yaml\n");
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].path, "pipeline.agencies_file");
}

TEST(ConfigTest, ProcessingDefaultsToAtLeastOnce) {
  const ConfigResult r = Parse("");
  ASSERT_TRUE(r.config);
  EXPECT_EQ(r.config->processing.guarantee, ProcessingGuarantee::kAtLeastOnce);
  EXPECT_EQ(r.config->processing.transaction_max_messages, 1000u);
  EXPECT_EQ(r.config->processing.transaction_max_ms, 100u);
  EXPECT_EQ(r.config->limits.stage_budget_ms, 5000u);
  EXPECT_FALSE(r.config->pipeline.test_fault_injection);
}

TEST(ConfigTest, ExactlyOnceDerivesTransactionalIdFromPrefixAndInstance) {
  const ConfigResult r = Parse(
      "processing:\n  guarantee: exactly_once\n  transactional_id_prefix: wire\n"
      "  transaction:\n    max_messages: 50\n    max_ms: 20\n",
      {"DATELINE_PROCESSING_INSTANCE_ID=host-7"});
  ASSERT_TRUE(r.config) << (r.errors.empty() ? "" : r.errors[0].ToString());
  EXPECT_EQ(r.config->processing.guarantee, ProcessingGuarantee::kExactlyOnce);
  EXPECT_EQ(r.config->processing.TransactionalId(), "wire-host-7");
  EXPECT_EQ(r.config->processing.transaction_max_messages, 50u);
  EXPECT_EQ(r.config->processing.transaction_max_ms, 20u);
}

TEST(ConfigTest, ExactlyOnceRejectsWhatWouldBreakIt) {
  const ConfigResult r = Parse(
      "kafka:\n  consumer:\n    enable.auto.commit: true\n  producer:\n    transactional.id: mine\n"
      "processing:\n  guarantee: exactly_once\n  transaction:\n    max_messages: 0\n");
  EXPECT_FALSE(r.config);
  EXPECT_NE(Find(r, "processing.instance_id"), nullptr) << "an instance id is required";
  EXPECT_NE(Find(r, "kafka.consumer.enable.auto.commit"), nullptr);
  EXPECT_NE(Find(r, "kafka.producer.transactional.id"), nullptr);
  EXPECT_NE(Find(r, "processing.transaction.max_messages"), nullptr);
  const ConfigResult bad = Parse("processing:\n  guarantee: twice\n  instance_id: a/b\n");
  EXPECT_NE(Find(bad, "processing.guarantee"), nullptr);
  EXPECT_NE(Find(bad, "processing.instance_id"), nullptr);
}

TEST(ConfigTest, BackpressureAndBudgetLimits) {
  const ConfigResult r = Parse(
      "limits:\n  max_in_flight_messages: 500\n  max_in_flight_bytes: 1048576\n  stage_budget_ms: 0\n"
      "pipeline:\n  test_fault_injection: true\n");
  ASSERT_TRUE(r.config) << (r.errors.empty() ? "" : r.errors[0].ToString());
  EXPECT_EQ(r.config->limits.max_in_flight_messages, 500u);
  EXPECT_EQ(r.config->limits.max_in_flight_bytes, 1048576u);
  EXPECT_EQ(r.config->limits.stage_budget_ms, 0u);
  EXPECT_TRUE(r.config->pipeline.test_fault_injection);
  EXPECT_NE(Find(Parse("limits:\n  max_in_flight_messages: 0\n"), "limits.max_in_flight_messages"), nullptr);
}

// --- signals and dedup sections ---
TEST(ConfigTest, SignalsAndDedupDefaultsAndValues) {
  ConfigResult r = Parse("topics: {output: recs}\n");
  ASSERT_TRUE(r.config);
  EXPECT_TRUE(r.config->signals.enabled);
  EXPECT_NE(r.config->signals.topics.rules_file.find("topics.yaml"), std::string::npos);
  EXPECT_NE(r.config->signals.lexicon_file.find("afinn-165"), std::string::npos);
  EXPECT_EQ(r.config->dedup.state_topic, "recs.dedup-state");
  r = Parse(
      "signals:\n  topics: {min_score: 0.3, max_topics: 3, headline_boost: 3}\n"
      "dedup: {window_ms: 3600000, max_entries: 1000, duplicate_distance: 2, story_distance: 8, bands: 8,"
      " state_topic: my-state}\n");
  ASSERT_TRUE(r.config) << r.errors[0].ToString();
  EXPECT_DOUBLE_EQ(r.config->signals.topics.min_score, 0.3);
  EXPECT_EQ(r.config->signals.topics.max_topics, 3u);
  EXPECT_EQ(r.config->dedup.window_ms, 3600000);
  EXPECT_EQ(r.config->dedup.bands, 8);
  EXPECT_EQ(r.config->dedup.state_topic, "my-state");
}

TEST(ConfigTest, SignalsAndDedupValidation) {
  const ConfigResult r = Parse(
      "signals:\n  enabled: maybe\n  topics: {min_score: 2, rules_file: /nonexistent/t.yaml, colour: red}\n"
      "dedup: {bands: 3, duplicate_distance: 9, story_distance: 4, window_ms: 5}\n");
  EXPECT_FALSE(r.config);
  for (const char* path : {"signals.enabled", "signals.topics.min_score", "signals.topics.rules_file",
                           "signals.topics.colour", "dedup.bands", "dedup.story_distance", "dedup.window_ms"}) {
    EXPECT_TRUE(Find(r, path)) << path;
  }
}

}  // namespace
}  // namespace dateline
