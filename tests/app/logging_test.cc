// Per-component log levels (app/logging.h).
#include "app/logging.h"

#include <gtest/gtest.h>

namespace dateline {
namespace {

TEST(Logging, ComponentsGetTheirOwnLevelsAndShareTheFormat) {
  LoggingConfig config;
  config.level = "warn";
  config.format = "json";
  config.components = {{"kafka", "debug"}, {"summary", "off"}, {"main", "error"}};
  ASSERT_TRUE(SetupLogging(config));
  EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::err);  // "main" is the default logger
  EXPECT_EQ(ComponentLogger("kafka")->level(), spdlog::level::debug);
  EXPECT_EQ(ComponentLogger("summary")->level(), spdlog::level::off);
  EXPECT_EQ(ComponentLogger("observe")->level(), spdlog::level::warn);  // the global level
  EXPECT_EQ(ComponentLogger("kafka")->name(), "kafka");
  EXPECT_EQ(ComponentLogger("main"), spdlog::default_logger());
  EXPECT_EQ(ComponentLogger("kafka")->sinks(), spdlog::default_logger()->sinks());
}

TEST(Logging, UnknownComponentFallsBackToTheDefaultLogger) {
  LoggingConfig config;
  ASSERT_TRUE(SetupLogging(config));
  EXPECT_EQ(ComponentLogger("no-such-component"), spdlog::default_logger());
}

TEST(Logging, BadLevelIsRejected) {
  LoggingConfig config;
  config.components = {{"kafka", "chatty"}};
  EXPECT_FALSE(SetupLogging(config));
}

}  // namespace
}  // namespace dateline
