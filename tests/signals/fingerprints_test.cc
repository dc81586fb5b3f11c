#include "signals/fingerprints.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>
#include <xxhash.h>

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

TEST(Fingerprints, ContentHashIsTheHashOfTheFoldedTokensInHex) {
  for (int round = 0; round < 200; ++round) {
    const std::string text = Article(round, 1 + round % 3);
    signals::TokenList tokens;
    signals::Tokenize(text, &tokens);
    uint64_t lengths = 0x27D4EB2F165667C5ULL;  // the seed: token lengths, so "ab c" and "a bc" differ
    for (const signals::Token& t : tokens.tokens) lengths = (lengths ^ t.fold_len) * 0x100000001B3ULL;
    char want[17];
    std::snprintf(want, sizeof want, "%016llx",
                  static_cast<unsigned long long>(XXH3_64bits_withSeed(tokens.folded.data(), tokens.folded.size(), lengths)));
    ASSERT_EQ(Of(text).content_hash, want) << text;
  }
  EXPECT_EQ(Of("ab c").content_hash.size(), 16u);
  EXPECT_NE(Of("ab c").content_hash, Of("a bc").content_hash);
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

// The straightforward SimHash (a 64-step bit loop per feature, each word
// hashed from its text) that the byte-sliced one must equal bit for bit.
uint64_t ReferenceSimHash(const signals::TokenList& tokens, size_t shingle) {
  std::vector<uint64_t> words;
  for (size_t i = 0; i < tokens.tokens.size(); ++i) {
    if (!tokens.Has(i, signals::kSymbol)) words.push_back(signals::FormHash(tokens.Fold(i)));
  }
  std::vector<uint64_t> features;
  for (size_t i = 0; i + shingle <= words.size(); ++i) {
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (size_t k = 0; k < shingle; ++k) h = ((h << 23) | (h >> 41)) ^ words[i + k];
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    features.push_back(h);
  }
  if (!words.empty() && words.size() < shingle) features = words;
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    size_t ones = 0;
    for (uint64_t f : features) ones += (f >> b) & 1;
    if (2 * ones > features.size()) out |= 1ULL << b;
  }
  return out;
}

TEST(Fingerprints, SimHashEqualsTheReferenceOnRandomTokenLists) {
  // Random words from a small vocabulary (so shingles repeat and counts tie),
  // symbols in between, lengths from 0 to past the 255-feature lane flush
  // (and, in the last rounds, past 255 blocks of sixteen features).
  const char* kVocab[] = {"a", "b", "police", "said", "$", "%", "12", "5,000", "minister", "talks", "€", "z"};
  std::mt19937 rng(11);
  for (int round = 0; round < 166; ++round) {
    std::string text;
    const size_t words = round < 40 ? static_cast<size_t>(round) : round < 160 ? rng() % 1400 : 4000 + rng() % 6000;
    const size_t vocab = 2 + rng() % 11;
    for (size_t w = 0; w < words; ++w) {
      text += kVocab[rng() % vocab];
      text += ' ';
    }
    signals::TokenList tokens;
    signals::Tokenize(text, &tokens);
    for (size_t shingle : {1, 2, 3, 5, 8}) {
      ASSERT_EQ(signals::SimHash(tokens, shingle), ReferenceSimHash(tokens, shingle))
          << "round " << round << ", shingle " << shingle << ", " << words << " words";
    }
  }
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
