#include "kafka/offset_tracker.h"

#include <gtest/gtest.h>

namespace dateline {
namespace {

const PartitionKey kP0{"in", 0};
const PartitionKey kP1{"in", 1};

TEST(OffsetTrackerTest, NothingCommittableUntilDelivered) {
  OffsetTracker t;
  t.Begin(kP0, 10);
  t.Begin(kP0, 11);
  EXPECT_TRUE(t.TakeAdvanced().empty());
  EXPECT_EQ(t.InFlight(), 2u);
}

TEST(OffsetTrackerTest, AdvancesOverContiguousPrefixOnly) {
  OffsetTracker t;
  for (int64_t o = 10; o < 15; ++o) t.Begin(kP0, o);
  EXPECT_TRUE(t.Complete(kP0, 12));
  EXPECT_TRUE(t.Complete(kP0, 13));
  EXPECT_TRUE(t.TakeAdvanced().empty()) << "10 and 11 are still in flight";
  EXPECT_TRUE(t.Complete(kP0, 10));
  auto advanced = t.TakeAdvanced();
  ASSERT_EQ(advanced.size(), 1u);
  EXPECT_EQ(advanced[0].second, 11) << "next offset to consume after 10";
  EXPECT_TRUE(t.Complete(kP0, 11));
  advanced = t.TakeAdvanced();
  ASSERT_EQ(advanced.size(), 1u);
  EXPECT_EQ(advanced[0].second, 14) << "10..13 done, 14 in flight";
  EXPECT_EQ(t.InFlight(), 1u);
  EXPECT_TRUE(t.TakeAdvanced().empty()) << "reported once";
}

TEST(OffsetTrackerTest, PartitionsAreIndependent) {
  OffsetTracker t;
  t.Begin(kP0, 5);
  t.Begin(kP1, 100);
  t.Complete(kP1, 100);
  auto advanced = t.TakeAdvanced();
  ASSERT_EQ(advanced.size(), 1u);
  EXPECT_EQ(advanced[0].first, kP1);
  EXPECT_EQ(advanced[0].second, 101);
  EXPECT_EQ(t.InFlight(kP0), 1u);
}

TEST(OffsetTrackerTest, GapsInOffsetsAreFine) {
  // Compacted topics and transaction markers leave gaps between offsets.
  OffsetTracker t;
  t.Begin(kP0, 3);
  t.Begin(kP0, 7);
  t.Complete(kP0, 7);
  t.Complete(kP0, 3);
  auto advanced = t.TakeAdvanced();
  ASSERT_EQ(advanced.size(), 1u);
  EXPECT_EQ(advanced[0].second, 8);
}

TEST(OffsetTrackerTest, ForgetDropsRevokedPartition) {
  OffsetTracker t;
  t.Begin(kP0, 1);
  t.Begin(kP0, 2);
  t.Forget(kP0);
  EXPECT_EQ(t.InFlight(), 0u);
  EXPECT_FALSE(t.Complete(kP0, 1)) << "late delivery report for a revoked partition is ignored";
  EXPECT_TRUE(t.TakeAdvanced().empty());
}

TEST(OffsetTrackerTest, UnknownAndRepeatedCompletionsIgnored) {
  OffsetTracker t;
  t.Begin(kP0, 1);
  EXPECT_FALSE(t.Complete(kP0, 2));
  EXPECT_TRUE(t.Complete(kP0, 1));
  EXPECT_FALSE(t.Complete(kP0, 1));
  EXPECT_EQ(t.InFlight(), 0u);
}

}  // namespace
}  // namespace dateline
