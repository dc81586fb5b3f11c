#include "kafka/engine_state.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace dateline {
namespace {

TEST(EngineStatusTest, StartsNotReadyAndFollowsTransitions) {
  EngineStatus status;
  EXPECT_EQ(status.Get().state, EngineState::kStarting);
  EXPECT_FALSE(status.ready());
  status.Set(EngineState::kReady, "cluster reachable");
  EXPECT_TRUE(status.ready());
  status.Set(EngineState::kUnreachable, "1/1 brokers are down");
  EXPECT_FALSE(status.ready());
  EXPECT_EQ(status.Get().reason, "1/1 brokers are down");
}

TEST(EngineStatusTest, SameStateKeepsItsStartButTakesTheNewReason) {
  EngineStatus status;
  status.Set(EngineState::kAuthFailed, "first");
  const auto since = status.Get().since;
  status.Set(EngineState::kAuthFailed, "second");
  EXPECT_EQ(status.Get().since, since);
  EXPECT_EQ(status.Get().reason, "second");
}

TEST(EngineStatusTest, NamesAreStable) {
  EXPECT_EQ(EngineStateName(EngineState::kReady), "ready");
  EXPECT_EQ(EngineStateName(EngineState::kUnreachable), "unreachable");
  EXPECT_EQ(EngineStateName(EngineState::kAuthFailed), "auth_failed");
}

TEST(EngineStatusTest, ReadableFromAnotherThreadWhileSet) {
  EngineStatus status;
  std::atomic<bool> done{false};
  std::thread reader([&] {
    while (!done) {
      const auto snapshot = status.Get();
      ASSERT_TRUE(snapshot.reason.empty() || snapshot.reason == "up" || snapshot.reason == "down");
    }
  });
  for (int i = 0; i < 200; ++i) status.Set(i % 2 ? EngineState::kReady : EngineState::kUnreachable, i % 2 ? "up" : "down");
  done = true;
  reader.join();
  EXPECT_TRUE(status.ready());
}

}  // namespace
}  // namespace dateline
