#include "dedup/dedup_stage.h"

#include <gtest/gtest.h>

#include "signals/fingerprints.h"

namespace dateline {
namespace {

const char* kBody =
    "Pakistan and Afghanistan agreed on Tuesday to keep talking after two days of negotiations in Istanbul, "
    "officials said, as both sides traded blame over attacks along their shared border. The talks, mediated by "
    "Turkey and Qatar, ended without a joint statement. Pakistan's information minister said Islamabad would "
    "continue to press Kabul to act against militants operating from Afghan soil. Afghan officials said they "
    "wanted good relations with all neighbours and denied harbouring fighters. Trade through the main crossings "
    "has been suspended for weeks, leaving hundreds of trucks stranded on both sides of the frontier.\n\n"
    "The clashes this month were the worst between the neighbours since the Taliban returned to power in Kabul "
    "four years ago. Pakistan says militants who attack its security forces find shelter across the border, a "
    "charge the Taliban administration rejects. Dozens of soldiers and civilians have been killed on both sides, "
    "and thousands of families living near the frontier have left their homes for safer areas further inland.\n\n"
    "Diplomats in Islamabad said the mediators hoped to turn the fragile truce into a lasting arrangement that "
    "would include a joint mechanism to verify complaints. Business groups in Peshawar urged both governments to "
    "reopen the crossings quickly, saying traders were losing millions of rupees every day the border stayed shut.";

Record Make(std::string id, std::string text, int64_t ts, std::string headline = "") {
  Record r;
  r.id = std::move(id);
  r.text = std::move(text);
  r.source.timestamp_ms = ts;
  if (!headline.empty()) r.headline = headline;
  FingerprintStage fp;
  EXPECT_TRUE(fp.Process(r).ok());
  return r;
}

TEST(DedupStage, RefileAndLightEditJoinTheFirstRecord) {
  DedupConfig config;
  auto store = std::make_shared<dedup::InMemoryStore>(dedup::IndexOptions{});
  DedupStage stage(config, store);
  Record first = Make("a", kBody, 1000, "Pakistan and Afghanistan agree to keep talking after Istanbul round");
  ASSERT_TRUE(stage.Process(first).ok());
  EXPECT_FALSE(first.duplicate_of);
  EXPECT_EQ(first.story_id, "a");

  // A refile with the same body (a different id: say the dateline changed): an exact copy.
  Record refile = Make("b", kBody, 30000);
  ASSERT_TRUE(stage.Process(refile).ok());
  EXPECT_EQ(refile.duplicate_of, "a");
  EXPECT_EQ(refile.story_id, "a");

  // A corrected copy that fixes one word and keeps the headline: the same story; a near copy
  // only if the edit moved the SimHash by at most duplicate_distance bits (short texts move more).
  std::string edited = kBody;
  edited.replace(edited.find("neighbours"), 10, "neighbors");
  Record copy = Make("b2", edited, 60000, "Pakistan and Afghanistan agree to keep talking after Istanbul round");
  ASSERT_TRUE(stage.Process(copy).ok());
  EXPECT_EQ(copy.story_id, "a");
  const int d = signals::HammingDistance(first.fingerprints->simhash, copy.fingerprints->simhash);
  EXPECT_EQ(copy.duplicate_of.has_value(), d <= config.duplicate_distance) << "distance " << d;

  // An UPDATE: new top, new end, the same headline once the "UPDATE 2-" tag is gone.
  Record update = Make("c", std::string("Pakistan said on Thursday it had handed Kabul a list of demands. ") + kBody +
                                " Talks are due to resume next week in Istanbul, a Turkish official said.",
                       120000, "Pakistan and Afghanistan agree to keep talking after Istanbul round");
  ASSERT_TRUE(stage.Process(update).ok());
  EXPECT_EQ(update.story_id, "a") << "distance "
                                  << signals::HammingDistance(first.fingerprints->simhash, update.fingerprints->simhash);

  Record other = Make("d", "The cricket board named a new captain for the tour of Australia on Monday, ending months "
                           "of speculation about the future of the team's leadership after a poor run of results.",
                      130000);
  ASSERT_TRUE(stage.Process(other).ok());
  EXPECT_FALSE(other.duplicate_of);
  EXPECT_EQ(other.story_id, "d");
  EXPECT_EQ(store->index().size(), 5u);
}

TEST(DedupStage, ReplayIsIdempotent) {
  DedupConfig config;
  auto store = std::make_shared<dedup::InMemoryStore>(dedup::IndexOptions{});
  DedupStage stage(config, store);
  Record a = Make("a", kBody, 1000);
  Record b = Make("b", std::string(kBody) + " Officials gave no more details.", 2000);
  Record b_again = Make("b", std::string(kBody) + " Officials gave no more details.", 2000);
  ASSERT_TRUE(stage.Process(a).ok());
  ASSERT_TRUE(stage.Process(b).ok());
  ASSERT_TRUE(stage.Process(b_again).ok());
  EXPECT_EQ(b_again.duplicate_of, b.duplicate_of);
  EXPECT_EQ(b_again.story_id, b.story_id);
  EXPECT_EQ(store->index().size(), 2u);
}

TEST(DedupStage, DisabledOrWithoutStoreDoesNothing) {
  DedupConfig config;
  config.enabled = false;
  DedupStage stage(config, std::make_shared<dedup::InMemoryStore>(dedup::IndexOptions{}));
  Record a = Make("a", kBody, 1000);
  ASSERT_TRUE(stage.Process(a).ok());
  EXPECT_FALSE(a.story_id);
}

}  // namespace
}  // namespace dateline
