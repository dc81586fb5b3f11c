#include "signals/tone.h"

#include <gtest/gtest.h>

#include "config/config.h"
#include "core/record.h"

namespace dateline {
namespace {

const char* kLexicon = R"(/**
 * test list
 */
export const afinn165 = {
  bad: -3,
  good: 3,
  killed: -3,
  peace: 2,
  'kind of': 0,
  kind: 2,
  "does not work": -3,
  work: 1
}
)";

std::shared_ptr<const signals::Lexicon> Small() {
  std::string error;
  auto lex = signals::Lexicon::ParseAfinnJs(kLexicon, &error);
  EXPECT_TRUE(lex) << error;
  return lex;
}

Tone ToneOf(ToneStage& stage, const std::string& text) {
  Record r;
  r.text = text;
  EXPECT_TRUE(stage.Process(r).ok());
  return *r.tone;
}

TEST(Lexicon, ParsesAfinnJs) {
  auto lex = Small();
  EXPECT_EQ(lex->size(), 8u);
  std::string error;
  EXPECT_FALSE(signals::Lexicon::ParseAfinnJs("export const x = {\n  bad: lots,\n}\n", &error));
}

TEST(Lexicon, TheInstalledAfinn165Loads) {
  std::string error;
  auto lex = signals::Lexicon::LoadFile(DefaultLexiconFile(), &error);
  ASSERT_TRUE(lex) << error << " (scripts/refdata installs it)";
  EXPECT_GT(lex->size(), 3000u);
}

TEST(Tone, SharesOfWordsAsGdeltDefinesThem) {
  ToneStage stage(Small());
  const Tone t = ToneOf(stage, "Good news and bad news: two were killed, peace talks go on.");
  EXPECT_EQ(t.words, 12u);
  EXPECT_EQ(t.positive_words, 2u);  // good, peace
  EXPECT_EQ(t.negative_words, 2u);  // bad, killed
  EXPECT_DOUBLE_EQ(t.positive, 16.67);
  EXPECT_DOUBLE_EQ(t.negative, 16.67);
  EXPECT_DOUBLE_EQ(t.tone, 0);
  EXPECT_DOUBLE_EQ(t.polarity, 33.34);
  EXPECT_EQ(t.score, -1);
}

TEST(Tone, NegationFlipsWithinTheClause) {
  ToneStage stage(Small());
  EXPECT_EQ(ToneOf(stage, "This is not good.").score, -3);
  EXPECT_EQ(ToneOf(stage, "It wasn't a bad day.").score, 3);
  EXPECT_EQ(ToneOf(stage, "Never, ever good.").score, 3);          // the comma ends the negation
  EXPECT_EQ(ToneOf(stage, "No one said it was very very good.").score, 3);  // too far away
}

TEST(Tone, PhrasesWinOverWords) {
  ToneStage stage(Small());
  EXPECT_EQ(ToneOf(stage, "The plan does not work.").score, -3);  // the phrase, not "not" + "work"
  EXPECT_EQ(ToneOf(stage, "It was kind of late.").score, 0);      // neutral phrase hides "kind"
  EXPECT_EQ(ToneOf(stage, "A kind man.").score, 2);
}

TEST(Tone, EmptyText) {
  ToneStage stage(Small());
  const Tone t = ToneOf(stage, "");
  EXPECT_EQ(t.words, 0u);
  EXPECT_DOUBLE_EQ(t.tone, 0);
}

}  // namespace
}  // namespace dateline
