// The observe section and per-component log levels (config/config.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config.h"

namespace dateline {
namespace {

using ::testing::HasSubstr;

ConfigResult Parse(const std::string& yaml, const std::vector<std::string>& env = {},
                   const std::vector<ConfigOverride>& flags = {}) {
  return ParseConfig(yaml, DATELINE_SOURCE_DIR, env, flags);
}

std::string Errors(const ConfigResult& r) {
  std::string s;
  for (const auto& e : r.errors) s += e.ToString() + "\n";
  return s;
}

TEST(ObserveConfig, DefaultsEndpointsOff) {
  const auto r = Parse("");
  ASSERT_TRUE(r.config) << Errors(r);
  EXPECT_EQ(r.config->observe.listen, "");
  EXPECT_EQ(r.config->observe.summary_interval_ms, 60000u);
  EXPECT_EQ(r.config->observe.stats_interval_ms, 5000u);
}

TEST(ObserveConfig, ParsesAndTurnsOff) {
  auto r = Parse("observe:\n  listen: \"0.0.0.0:0\"\n  summary_interval_ms: 0\n  stats_interval_ms: 1000\n");
  ASSERT_TRUE(r.config) << Errors(r);
  EXPECT_EQ(r.config->observe.listen, "0.0.0.0:0");
  EXPECT_EQ(r.config->observe.summary_interval_ms, 0u);
  r = Parse("observe:\n  listen: \"\"\n");
  ASSERT_TRUE(r.config) << Errors(r);
  EXPECT_EQ(r.config->observe.listen, "");
  r = Parse("observe:\n  listen: \"off\"\n");
  ASSERT_TRUE(r.config);
  EXPECT_EQ(r.config->observe.listen, "");
}

TEST(ObserveConfig, BadValuesAreErrorsWithTheirPath) {
  const auto r = Parse("observe:\n  listen: nine\n  health_max_loop_age_ms: 5\n  bogus: 1\n");
  ASSERT_FALSE(r.config);
  const std::string errors = Errors(r);
  EXPECT_THAT(errors, HasSubstr("observe.listen (line 2): must be host:port"));
  EXPECT_THAT(errors, HasSubstr("observe.health_max_loop_age_ms"));
  EXPECT_THAT(errors, HasSubstr("observe.bogus"));
}

TEST(ObserveConfig, EnvironmentOverridesListen) {
  const auto r = Parse("", {"DATELINE_OBSERVE_LISTEN=0.0.0.0:9464", "DATELINE_OBSERVE_SUMMARY_INTERVAL_MS=5000"});
  ASSERT_TRUE(r.config) << Errors(r);
  EXPECT_EQ(r.config->observe.listen, "0.0.0.0:9464");
  EXPECT_EQ(r.config->observe.summary_interval_ms, 5000u);
}

TEST(LoggingConfig, LevelSpecWithComponents) {
  const auto r = Parse("", {}, {{"logging.level", "kafka=debug,pipeline=info,reload=warn,info", "flag --log-level"}});
  ASSERT_TRUE(r.config) << Errors(r);
  EXPECT_EQ(r.config->logging.level, "info");
  EXPECT_EQ(r.config->logging.components.at("kafka"), "debug");
  EXPECT_EQ(r.config->logging.components.at("reload"), "warn");
  EXPECT_EQ(r.config->logging.components.at("pipeline"), "info");
}

TEST(LoggingConfig, ComponentsMapAndSpecTogether) {
  const auto r = Parse("logging:\n  level: warn,summary=info\n  components: {kafka: error, observe: debug}\n");
  ASSERT_TRUE(r.config) << Errors(r);
  EXPECT_EQ(r.config->logging.level, "warn");
  EXPECT_EQ(r.config->logging.components.at("summary"), "info");
  EXPECT_EQ(r.config->logging.components.at("kafka"), "error");
  EXPECT_EQ(r.config->logging.components.at("observe"), "debug");
}

TEST(LoggingConfig, OutputStreamChoice) {
  auto r = Parse("", {"DATELINE_LOGGING_OUTPUT=stdout"});
  ASSERT_TRUE(r.config) << Errors(r);
  EXPECT_EQ(r.config->logging.output, "stdout");
  EXPECT_EQ(Parse("").config->logging.output, "stderr");
  r = Parse("logging:\n  output: syslog\n");
  ASSERT_FALSE(r.config);
  EXPECT_THAT(Errors(r), HasSubstr("logging.output"));
}

TEST(LoggingConfig, UnknownComponentOrLevelIsAnError) {
  auto r = Parse("", {}, {{"logging.level", "kafak=debug", "flag --log-level"}});
  ASSERT_FALSE(r.config);
  EXPECT_THAT(Errors(r), HasSubstr("logging.level (flag --log-level)"));
  EXPECT_THAT(Errors(r), HasSubstr("components: main, kafka, pipeline"));
  r = Parse("logging:\n  level: loud\n");
  ASSERT_FALSE(r.config);
  r = Parse("logging:\n  components: {kafka: chatty}\n");
  ASSERT_FALSE(r.config);
  EXPECT_THAT(Errors(r), HasSubstr("logging.components.kafka"));
}

}  // namespace
}  // namespace dateline
