#include "signals/fingerprints.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "core/record.h"

namespace dateline {
namespace {

std::string Article(int seed, int sentences = 40) {
  static const char* kWords[] = {"minister", "said", "talks", "border", "police", "officials", "on", "the", "a",
                                 "province", "attack", "government", "meeting", "Tuesday", "report", "water",
                                 "scheme", "prices", "opposition", "court", "judge", "army", "river", "flood",
                                 "market", "traders", "rupee", "exports", "rose", "fell", "city", "council"};
  std::mt19937 rng(static_cast<unsigned>(seed));
  std::string s;
  for (int i = 0; i < sentences; ++i) {
    for (int w = 0; w < 12; ++w) {
      s += kWords[rng() % 32];
      s += ' ';
    }
    s.back() = '.';
    s += ' ';
  }
  return s;
}

Fingerprints Of(const std::string& text) {
  FingerprintStage stage;
  Record r;
  r.text = text;
  EXPECT_TRUE(stage.Process(r).ok());
  return *r.fingerprints;
}

TEST(Fingerprints, ExactHashIgnoresCaseSpacingAndPunctuation) {
  const auto a = Of("The minister said: talks   will resume.");
  const auto b = Of("the Minister said talks will resume");
  EXPECT_EQ(a.content_hash, b.content_hash);
  EXPECT_EQ(a.content_hash.size(), 16u);
  EXPECT_NE(a.content_hash, Of("The minister said talks will not resume.").content_hash);
}

TEST(Fingerprints, SimHashDistanceGrowsWithEdits) {
  const std::string base = Article(1);
  const auto fa = Of(base);
  // One word changed in a ~480-word report.
  std::string light = base;
  light.replace(light.find("said"), 4, "told");
  const int d_light = signals::HammingDistance(fa.simhash, Of(light).simhash);
  // A sentence added at the top and one at the end, as an UPDATE does.
  const std::string update = "Officials gave new figures on Wednesday. " + base + " More details followed.";
  const int d_update = signals::HammingDistance(fa.simhash, Of(update).simhash);
  // A different report.
  const int d_other = signals::HammingDistance(fa.simhash, Of(Article(2)).simhash);
  EXPECT_LE(d_light, 3);
  EXPECT_LE(d_update, 8);
  EXPECT_GE(d_other, 16);
  EXPECT_EQ(signals::HammingDistance(fa.simhash, Of(base).simhash), 0);
}

TEST(Fingerprints, UnrelatedReportsAreFarApartOnAverage) {
  int total = 0, n = 0, min = 64;
  for (int i = 10; i < 30; ++i) {
    const int d = signals::HammingDistance(Of(Article(i)).simhash, Of(Article(i + 100)).simhash);
    total += d;
    min = std::min(min, d);
    ++n;
  }
  EXPECT_GT(total / n, 20);
  EXPECT_GT(min, 8);
}

// One-word edits anywhere in the seed report (441 tokens): how far they move the SimHash.
TEST(Fingerprints, OneWordEditsOfARealReportStayClose) {
  std::ifstream in(std::string(DATELINE_SOURCE_DIR) + "/../shared/samples/islamabad-wnam-report.txt");
  if (!in) in.open(std::string(DATELINE_SOURCE_DIR) + "/../../shared/samples/islamabad-wnam-report.txt");  // a worktree
  if (!in) GTEST_SKIP() << "seed report not found next to the repository";
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  signals::TokenList tokens;
  signals::Tokenize(text, &tokens);
  const uint64_t base = signals::SimHash(tokens);
  std::mt19937 rng(7);
  int within3 = 0, total = 0;
  for (int i = 0; i < 200; ++i) {
    const signals::Token t = tokens.tokens[rng() % tokens.tokens.size()];
    std::string edited = text;
    edited.replace(t.start, t.end - t.start, "replacement");
    signals::TokenList e;
    signals::Tokenize(edited, &e);
    const int d = signals::HammingDistance(base, signals::SimHash(e));
    total += d;
    within3 += d <= 3;
  }
  std::printf("one-word edits: mean distance %.2f, %d of 200 within 3 bits\n", total / 200.0, within3);
  EXPECT_LE(total / 200.0, 2.5);
  EXPECT_GE(within3, 180);
}

}  // namespace
}  // namespace dateline
