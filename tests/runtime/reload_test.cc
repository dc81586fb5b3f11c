#include "runtime/reload.h"

#include <gtest/gtest.h>

#include <atomic>

namespace dateline {
namespace {

std::unique_ptr<PipelineGeneration> Generation(const std::string& header) {
  auto g = std::make_unique<PipelineGeneration>();
  g->config.formats.header = header;
  g->pipeline = std::make_unique<Pipeline>(std::vector<std::unique_ptr<Stage>>{});
  return g;
}

TEST(PipelineReloader, FailedBuildKeepsTheCurrentGeneration) {
  std::atomic<int> results_ok{0}, results_failed{0};
  PipelineReloader reloader(
      Generation("v1"),
      [](std::string* error) -> std::unique_ptr<PipelineGeneration> {
        *error = "agencies.yaml: line 1: bad";
        return nullptr;
      },
      [&](bool ok, const std::string&) { ++(ok ? results_ok : results_failed); });
  Pipeline* before = reloader.current_pipeline();
  reloader.Request();
  reloader.WaitIdle();
  EXPECT_FALSE(reloader.TakeReady());
  EXPECT_EQ(reloader.current_pipeline(), before);
  EXPECT_EQ(reloader.current_config().formats.header, "v1");
  EXPECT_EQ(results_failed.load(), 1);
  EXPECT_EQ(results_ok.load(), 0);
}

TEST(PipelineReloader, NewGenerationIsHandedOverOnceAtTakeReady) {
  std::atomic<int> builds{0};
  PipelineReloader reloader(Generation("v1"), [&](std::string*) {
    return Generation("v" + std::to_string(2 + builds++));
  });
  EXPECT_FALSE(reloader.TakeReady());  // nothing requested
  reloader.Request();
  reloader.WaitIdle();
  const auto swap = reloader.TakeReady();
  ASSERT_TRUE(swap);
  EXPECT_EQ(swap->pipeline, reloader.current_pipeline());
  EXPECT_EQ(swap->formats->header, "v2");
  EXPECT_EQ(&reloader.current_config().formats, swap->formats);
  EXPECT_FALSE(reloader.TakeReady());  // handed over once
  reloader.Request();
  reloader.WaitIdle();
  ASSERT_TRUE(reloader.TakeReady());
  EXPECT_EQ(reloader.current_config().formats.header, "v3");
}

TEST(PipelineReloader, BuilderExceptionIsARejectedReload) {
  PipelineReloader reloader(Generation("v1"), [](std::string*) -> std::unique_ptr<PipelineGeneration> {
    throw std::runtime_error("cannot read cities.pbf");
  });
  reloader.Request();
  reloader.WaitIdle();
  EXPECT_FALSE(reloader.TakeReady());
  EXPECT_EQ(reloader.current_config().formats.header, "v1");
}

}  // namespace
}  // namespace dateline
