// Duplicates and story threads across daemon instances and restarts, against
// the real broker: the dedup state lives in the `<output>.dedup-state` topic
// that every instance writes to and reads fully.
#include <gtest/gtest.h>
#include <signal.h>

#include <nlohmann/json.hpp>

#include "e2e/harness.h"
#include "support/subprocess.h"

namespace dateline::e2e {
namespace {

using std::chrono::milliseconds;

const std::string kBody =
    "Pakistan and Afghanistan agreed on Tuesday to keep talking after two days of negotiations in Istanbul, "
    "officials said, as both sides traded blame over attacks along their shared border. The talks, mediated by "
    "Turkey and Qatar, ended without a joint statement.\n"
    "Pakistan's information minister said Islamabad would continue to press Kabul to act against militants "
    "operating from Afghan soil. Afghan officials said they wanted good relations with all neighbours.\n"
    "Trade through the main crossings has been suspended for weeks, leaving hundreds of trucks stranded on both "
    "sides of the frontier, traders said.\n";

class Instance {
 public:
  Instance(const std::string& config, const std::string& name, const std::string& level = "info")
      : log_(::testing::TempDir() + "/" + name + ".log"),
        child_({DATELINE_BINARY, "run", "--config", config, "--log-level", level}, log_) {}
  ~Instance() {
    if (child_.Running()) {
      child_.Signal(SIGTERM);
      child_.Wait(20000);
    }
  }
  test_support::Child& child() { return child_; }
  std::string Log() const { return test_support::ReadFile(log_); }

 private:
  std::string log_;
  test_support::Child child_;
};

// A generic JSON item (the daemon detects the format) with a headline and a body.
std::string Item(const std::string& headline, const std::string& body) {
  return nlohmann::json{{"headline", headline}, {"body", body}, {"agency", "Reuters"}}.dump();
}

TEST(DedupE2E, CopiesOnPartitionsOfDifferentInstancesAndAfterARestartAreLinked) {
  const std::string in = UniqueName("dd-in"), out = UniqueName("dd-out"), dlq = UniqueName("dd-dlq");
  CreateTopics({{in, 2}, {out, 2}, {dlq, 1}});
  const std::string group = UniqueName("dd-group");
  const std::string config = WriteConfig(::testing::TempDir(), in, out, dlq, group);
  TopicReader output(out, 2);
  TestProducer producer;

  // Two instances in one group; wait (reading the broker, with a deadline) until each owns one partition.
  Instance a(config, group + "-a");
  ASSERT_TRUE(output.ReadUntil([&] { return a.Log().find("partitions assigned count=2") != std::string::npos; },
                               milliseconds(15000)))
      << a.Log();
  Instance b(config, group + "-b", "debug");  // debug: it logs each state entry it applies
  ASSERT_TRUE(output.ReadUntil(
      [&] {
        return b.Log().find("partitions assigned count=1") != std::string::npos &&
               a.Log().find("partitions revoked count=1") != std::string::npos;
      },
      milliseconds(20000)))
      << a.Log() << b.Log();

  // The report on partition 0, then, once its state entry is in the topic, its refile on partition 1.
  const std::string headline = "Pakistan and Afghanistan agree to keep talking after Istanbul round";
  producer.Produce(in, 0, "k1", Item(headline, "ISLAMABAD, Oct 29 (Reuters) - " + kBody));
  producer.Flush();
  ASSERT_TRUE(output.ReadUntil([&] { return output.messages().size() >= 1; }, milliseconds(10000)));
  const auto first = nlohmann::json::parse(output.messages()[0].value);
  const std::string first_id = first["id"];
  EXPECT_EQ(first["story_id"], first_id);
  EXPECT_TRUE(first["duplicate_of"].is_null());
  TopicReader state(out + ".dedup-state", 1);
  ASSERT_TRUE(state.ReadUntil(
      [&] {
        for (const auto& m : state.messages()) {
          if (m.key == first_id) return true;
        }
        return false;
      },
      milliseconds(5000)));
  // Sharing is eventually consistent: wait until instance b has applied the entry.
  ASSERT_TRUE(output.ReadUntil([&] { return b.Log().find("dedup state applied id=" + first_id) != std::string::npos; },
                               milliseconds(10000)))
      << b.Log();

  // Its UPDATE 2: a new top paragraph, the rest as before.
  producer.Produce(in, 1, "k2",
                   Item("UPDATE 2-" + headline, "ISLAMABAD, Oct 29 (Reuters) - Pakistan said on Wednesday it had "
                                                "handed Kabul a list of demands.\n" + kBody));
  producer.Flush();
  ASSERT_TRUE(output.ReadUntil([&] { return output.messages().size() >= 2; }, milliseconds(10000)));
  const auto second = nlohmann::json::parse(output.messages()[1].value);
  EXPECT_NE(second["id"], first_id);
  EXPECT_EQ(second["source"]["partition"], 1);
  EXPECT_EQ(second["version"]["label"], "UPDATE 2") << second.dump();
  EXPECT_EQ(second["story_id"], first_id) << second.dump();

  // Stop both; a new instance must still know the story from the state topic.
  a.child().Signal(SIGTERM);
  b.child().Signal(SIGTERM);
  EXPECT_EQ(a.child().Wait(20000), 0);
  EXPECT_EQ(b.child().Wait(20000), 0);
  Instance c(config, group + "-c");
  // A copy of the first report under another dateline: another id, the same body.
  producer.Produce(in, 0, "k3", Item(headline, "KARACHI, Oct 29 (Reuters) - " + kBody));
  producer.Flush();
  ASSERT_TRUE(output.ReadUntil([&] { return output.messages().size() >= 3; }, milliseconds(20000))) << c.Log();
  const auto third = nlohmann::json::parse(output.messages()[2].value);
  EXPECT_EQ(third["duplicate_of"], first_id) << third.dump();
  EXPECT_EQ(third["story_id"], first_id);
  EXPECT_NE(c.Log().find("dedup state replayed"), std::string::npos);
}

}  // namespace
}  // namespace dateline::e2e
