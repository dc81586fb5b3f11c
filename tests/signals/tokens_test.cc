#include "signals/tokens.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dateline::signals {
namespace {

std::vector<std::string> Folds(const TokenList& t) {
  std::vector<std::string> out;
  for (size_t i = 0; i < t.tokens.size(); ++i) out.emplace_back(t.Fold(i));
  return out;
}

TEST(Tokenize, WordsNumbersSymbolsAndSpans) {
  TokenList t;
  const std::string text = "Pakistan’s army said 5,000 troops, $2.5 billion; 4.2% cease-fire.";
  Tokenize(text, &t);
  EXPECT_EQ(Folds(t), (std::vector<std::string>{"pakistan's", "army", "said", "5,000", "troops", "$", "2.5", "billion",
                                                "4.2", "%", "cease", "fire"}));
  EXPECT_TRUE(t.Has(3, kNumber));
  EXPECT_TRUE(t.Has(5, kSymbol));
  EXPECT_TRUE(t.Has(5, kBreakBefore));   // after the comma
  EXPECT_FALSE(t.Has(11, kBreakBefore)); // a hyphen is no break
  EXPECT_TRUE(t.Has(0, kCapitalized));
  EXPECT_EQ(text.substr(t.tokens[0].start, t.tokens[0].end - t.tokens[0].start), "Pakistan’s");
  EXPECT_EQ(text.substr(t.tokens[3].start, t.tokens[3].end - t.tokens[3].start), "5,000");
}

TEST(Tokenize, SentenceAndParagraphBreaks) {
  TokenList t;
  Tokenize("one. Two\n\nthree four", &t);
  ASSERT_EQ(t.tokens.size(), 4u);
  EXPECT_TRUE(t.Has(1, kSentenceBefore));
  EXPECT_TRUE(t.Has(2, kSentenceBefore));
  EXPECT_FALSE(t.Has(3, kBreakBefore));
}

TEST(Stem, PluralsOff) {
  auto stem = [](std::string_view w) {
    std::string out;
    AppendStem(w, &out);
    return out;
  };
  EXPECT_EQ(stem("casualties"), "casualty");
  EXPECT_EQ(stem("troops"), "troop");
  EXPECT_EQ(stem("crisis"), "crisis");
  EXPECT_EQ(stem("business"), "business");
  EXPECT_EQ(stem("news"), "news");
  EXPECT_EQ(stem("army's"), "army");
}

TEST(PhraseTable, LongestMatchStopsAtPunctuation) {
  PhraseTable table;
  table.Add(StemPhrase("armed forces"), 1);
  table.Add(StemPhrase("armed"), 2);
  TokenList t;
  std::string key;
  uint32_t v = 0;
  Tokenize("the Armed Forces said", &t);
  EXPECT_EQ(table.LongestMatch(t, 1, StemForm, &key, &v), 2u);
  EXPECT_EQ(v, 1u);
  Tokenize("armed, forces", &t);
  EXPECT_EQ(table.LongestMatch(t, 0, StemForm, &key, &v), 1u);
  EXPECT_EQ(v, 2u);
  EXPECT_EQ(table.LongestMatch(t, 1, StemForm, &key, &v), 0u);
}

TEST(TokenCache, ServesTheTokensOfTheTextAskedFor) {
  TokenCache cache;
  const TokenList* first = &cache.Tokens("one two three");
  EXPECT_EQ(first->tokens.size(), 3u);
  EXPECT_EQ(&cache.Tokens("one two three"), first);  // cached
  EXPECT_EQ(cache.Tokens("four five").tokens.size(), 2u);  // a new text is tokenized
  EXPECT_EQ(cache.Tokens("four five").Fold(1), "five");
  EXPECT_EQ(cache.Tokens("four fivE").Fold(1), "five");
  EXPECT_EQ(cache.Tokens("").tokens.size(), 0u);
}

}  // namespace
}  // namespace dateline::signals
