#include "dedup/fingerprint_index.h"

#include <gtest/gtest.h>

#include <thread>

namespace dateline::dedup {
namespace {

FingerprintEntry Entry(std::string id, uint64_t simhash, int64_t ts, uint64_t content = 0) {
  FingerprintEntry e;
  e.id = std::move(id);
  e.story_id = e.id;
  e.simhash = simhash;
  e.content_hash = content ? content : simhash * 31 + 7;
  e.timestamp_ms = ts;
  return e;
}

TEST(FingerprintEntry, SerializeRoundTrip) {
  FingerprintEntry e = Entry("a1", 0xfedcba9876543210ULL, 1700000000123);
  e.story_id = "s0";
  e.duplicate_of = "d9";
  e.slug_key = 5;
  const auto back = FingerprintEntry::Parse(e.Serialize());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->id, "a1");
  EXPECT_EQ(back->story_id, "s0");
  EXPECT_EQ(back->duplicate_of, "d9");
  EXPECT_EQ(back->simhash, e.simhash);
  EXPECT_EQ(back->content_hash, e.content_hash);
  EXPECT_EQ(back->slug_key, 5u);
  EXPECT_EQ(back->timestamp_ms, 1700000000123);
  EXPECT_FALSE(FingerprintEntry::Parse("v2 a b"));
  EXPECT_FALSE(FingerprintEntry::Parse("garbage"));
}

TEST(FingerprintIndex, DuplicateWithinThresholdAndStoryBeyond) {
  FingerprintIndex index({});
  const uint64_t h = 0x0123456789abcdefULL;
  index.Insert(Entry("orig", h, 1000));
  // 2 bits apart: a duplicate (and the same story).
  auto r = index.Lookup(Entry("copy", h ^ 0x3, 2000), 3, 12);
  EXPECT_EQ(r.duplicate_of, "orig");
  EXPECT_EQ(r.story_id, "orig");
  EXPECT_EQ(r.distance, 2);
  // 3 bits apart in three of the four bands: found by the banded lookup, story but not duplicate at threshold 2.
  r = index.Lookup(Entry("edit", h ^ 0x0000000100010001ULL, 2000), 2, 12);
  EXPECT_EQ(r.duplicate_of, "");
  EXPECT_EQ(r.story_id, "orig");
  // Every band differs: not found (the documented limit of banding).
  r = index.Lookup(Entry("far", h ^ 0x0001000100010001ULL, 2000), 3, 12);
  EXPECT_EQ(r.story_id, "");
  // An unrelated report.
  r = index.Lookup(Entry("other", ~h, 2000), 3, 12);
  EXPECT_EQ(r.duplicate_of, "");
  EXPECT_EQ(r.story_id, "");
}

TEST(FingerprintIndex, TiesGoToTheFirstArrivalWhateverTheLookupOrder) {
  // Copies with the same distance and timestamp (records without one get the
  // clock's millisecond): the earliest inserted wins, so runs are repeatable.
  FingerprintIndex index({});
  const uint64_t h = 0x0123456789abcdefULL;
  // Found through the SimHash bands (newest first), not the content hash.
  index.Insert(Entry("a", h, 1000, 1));
  index.Insert(Entry("b", h, 1000, 2));
  const auto r = index.Lookup(Entry("c", h, 1000, 3), 3, 12);
  EXPECT_EQ(r.duplicate_of, "a");
  EXPECT_EQ(r.story_id, "a");
  // An older timestamp still wins over an earlier arrival.
  FingerprintIndex other({});
  other.Insert(Entry("late", h, 2000, 77));
  other.Insert(Entry("early", h, 1000, 77));
  EXPECT_EQ(other.Lookup(Entry("q", h, 3000, 77), 3, 12).duplicate_of, "early");
}

TEST(FingerprintIndex, ExactContentAndKeysLinkStories) {
  FingerprintIndex index({});
  FingerprintEntry a = Entry("a", 0x1111, 1000, 42);
  a.slug_key = 77;
  a.headline_key = 88;
  index.Insert(a);
  auto r = index.Lookup(Entry("b", ~0x1111ULL, 1000, 42), 3, 12);  // same content hash
  EXPECT_EQ(r.duplicate_of, "a");
  FingerprintEntry update = Entry("c", ~0x1111ULL, 5000);
  update.slug_key = 77;  // same slug, rewritten text: the same story, not a copy
  r = index.Lookup(update, 3, 12);
  EXPECT_EQ(r.duplicate_of, "");
  EXPECT_EQ(r.story_id, "a");
}

TEST(FingerprintIndex, StoryIdPropagatesToTheFirstRecord) {
  FingerprintIndex index({});
  index.Insert(Entry("first", 0xff00, 1000));
  FingerprintEntry second = Entry("second", 0xff01, 2000);
  second.story_id = "first";
  index.Insert(second);
  // Close to the second only (beyond the first's distance): still the first's story.
  auto r = index.Lookup(Entry("third", 0xff01 ^ 0x6, 3000), 2, 2);
  EXPECT_EQ(r.duplicate_of, "second");
  EXPECT_EQ(r.story_id, "first");
}

TEST(FingerprintIndex, ReplayOfTheSameIdGetsTheSameLinks) {
  FingerprintIndex index({});
  index.Insert(Entry("orig", 0xabc, 1000));
  FingerprintEntry copy = Entry("copy", 0xabc ^ 1, 1500);
  copy.story_id = "orig";
  copy.duplicate_of = "orig";
  index.Insert(copy);
  const auto r = index.Lookup(Entry("copy", 0xabc ^ 1, 1500), 3, 12);
  EXPECT_TRUE(r.seen_before);
  EXPECT_EQ(r.duplicate_of, "orig");
  EXPECT_EQ(r.story_id, "orig");
  const auto self = index.Lookup(Entry("orig", 0xabc, 1000), 3, 12);
  EXPECT_TRUE(self.seen_before);
  EXPECT_EQ(self.duplicate_of, "");
}

TEST(FingerprintIndex, WindowLimitsMatches) {
  IndexOptions options;
  options.window_ms = 10000;
  FingerprintIndex index(options);
  index.Insert(Entry("old", 0x5555, 1000));
  EXPECT_EQ(index.Lookup(Entry("near", 0x5555, 9000), 3, 12).duplicate_of, "old");
  EXPECT_EQ(index.Lookup(Entry("late", 0x5555, 20000), 3, 12).duplicate_of, "");
  // A newer entry evicts the one that fell out of the window.
  index.Insert(Entry("new", 0x9999, 30000));
  EXPECT_EQ(index.size(), 1u);
}

TEST(FingerprintIndex, MaxEntriesEvictsOldest) {
  IndexOptions options;
  options.max_entries = 3;
  FingerprintIndex index(options);
  for (int i = 0; i < 5; ++i) index.Insert(Entry("e" + std::to_string(i), 0x1000ULL * (i + 1) * 0x10001, 1000 + i));
  EXPECT_EQ(index.size(), 3u);
  EXPECT_EQ(index.Lookup(Entry("q0", 0x1000ULL * 1 * 0x10001, 1000), 0, 0).duplicate_of, "");    // evicted
  EXPECT_EQ(index.Lookup(Entry("q4", 0x1000ULL * 5 * 0x10001, 1004), 0, 0).duplicate_of, "e4");  // kept
  // Inserting the same id twice keeps the first.
  index.Insert(Entry("e4", 0x7, 2000));
  EXPECT_EQ(index.size(), 3u);
}

TEST(FingerprintIndex, EightBandsFindFartherCopies) {
  IndexOptions options;
  options.bands = 8;
  FingerprintIndex index(options);
  const uint64_t h = 0x0f1e2d3c4b5a6978ULL;
  index.Insert(Entry("orig", h, 1000));
  // 6 bits in 6 different bytes: 4 x 16-bit bands would all differ; 8 x 8-bit bands share two.
  const uint64_t edit = h ^ 0x0000010101010101ULL ^ 0x0100000000000000ULL;
  EXPECT_EQ(index.Lookup(Entry("edit", edit, 1000), 3, 7).story_id, "orig");
}

TEST(FingerprintIndex, ConcurrentInsertAndLookup) {
  FingerprintIndex index({});
  std::thread writer([&] {
    for (int i = 0; i < 5000; ++i) index.Insert(Entry("w" + std::to_string(i), 0x9E3779B97F4A7C15ULL * (i + 1), i));
  });
  int found = 0;
  for (int i = 0; i < 5000; ++i) {
    found += !index.Lookup(Entry("q", 0x9E3779B97F4A7C15ULL * (i + 1), i), 0, 0).duplicate_of.empty();
  }
  writer.join();
  EXPECT_EQ(index.size(), 5000u);
  EXPECT_LE(found, 5000);
}

}  // namespace
}  // namespace dateline::dedup
