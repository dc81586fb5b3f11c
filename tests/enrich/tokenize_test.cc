#include "enrich/tokenize.h"

#include <gtest/gtest.h>

namespace dateline::enrich {
namespace {

std::vector<Token> Tok(std::string_view text) {
  std::vector<Token> out;
  Tokenize(text, {}, &out);
  return out;
}

TEST(Tokenize, WordsPunctuationAndFlags) {
  const std::string text = "Tehrik-i-Taliban Pakistan\xE2\x80\x99s U.S. envoy, \xE2\x80\x9CNO\xE2\x80\x9D.\n\nNew";
  const auto t = Tok(text);
  std::vector<std::string> words;
  for (const Token& k : t) words.push_back(text.substr(k.start, k.end - k.start));
  const std::vector<std::string> want = {"Tehrik", "i", "Taliban", "Pakistan", "s", "U", "S", ".", "envoy", ",",
                                         "\xE2\x80\x9C", "NO", "\xE2\x80\x9D", ".", "New"};
  ASSERT_EQ(words, want);
  EXPECT_TRUE(t[0].is(Token::kCapital) && t[0].is(Token::kSentence) && t[0].is(Token::kParagraph));
  EXPECT_TRUE(t[1].is(Token::kGlued) && !t[1].is(Token::kCapital));
  EXPECT_TRUE(t[4].is(Token::kPossessive));
  EXPECT_TRUE(t[6].is(Token::kGlued));
  EXPECT_EQ(t[10].cp, U'\u201C');
  EXPECT_TRUE(t[11].is(Token::kAllCaps));
  EXPECT_TRUE(t[14].is(Token::kParagraph) && t[14].is(Token::kSentence));
}

TEST(Tokenize, HashesFoldCaseAndAccents) {
  EXPECT_EQ(HashWord("Türkiye"), HashWord("TURKIYE"));
  EXPECT_EQ(HashWord("kabul"), HashWord("Kabul"));
  EXPECT_NE(HashWord("Kabul"), HashWord("Kabuls"));
  int n = 0;
  const uint64_t phrase = HashPhrase("Tehrik-i-Taliban Pakistan", &n);
  EXPECT_EQ(n, 4);
  const std::string text = "tehrik i TALIBAN pakistan";
  uint64_t h = kPhraseSeed;
  for (const Token& t : Tok(text)) h = CombineHash(h, t.hash);
  EXPECT_EQ(h, phrase);
}

TEST(Tokenize, EmptyAndNonLatin) {
  EXPECT_TRUE(Tok("").empty());
  const auto t = Tok("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 \xE5\x8C\x97\xE4\xBA\xAC");  // Москва 北京
  ASSERT_EQ(t.size(), 2u);
  EXPECT_TRUE(t[0].is(Token::kWord) && t[1].is(Token::kWord));
}

TEST(Tokenize, AllCapsNeedsTwoCapitalsAndNoSmallLetterAnywhereInTheWord) {
  // The ASCII run is classified at once, the rest of a word letter by letter.
  const auto first = [](std::string_view w) { return Tok(w).at(0); };
  EXPECT_TRUE(first("NATO").is(Token::kAllCaps));
  EXPECT_FALSE(first("G20").is(Token::kAllCaps));  // one capital: not all caps
  EXPECT_TRUE(first("NATO2").is(Token::kAllCaps));
  EXPECT_FALSE(first("NATOs").is(Token::kAllCaps));
  EXPECT_FALSE(first("A").is(Token::kAllCaps));
  EXPECT_FALSE(first("2024").is(Token::kAllCaps));
  EXPECT_TRUE(first("\xC3\x89" "COLE").is(Token::kAllCaps));    // ÉCOLE: starts outside ASCII
  EXPECT_FALSE(first("ZUR\xC3\xBC" "CH").is(Token::kAllCaps));  // a small ü after the ASCII run
  EXPECT_TRUE(first("Z\xC3\x9C" "RICH").is(Token::kAllCaps));   // ZÜRICH
  EXPECT_TRUE(first("Zurich").is(Token::kCapital));
  EXPECT_FALSE(first("zurich").is(Token::kCapital));
}

TEST(Tokenize, WordHashesAreTheSameWhateverTheScriptMix) {
  // A word hashed on the fast ASCII path and the same word through case folding agree.
  for (std::string_view w : {"Islamabad", "ISLAMABAD", "islamabad", "K2", "Abc123xyz"}) {
    EXPECT_EQ(Tok(w).at(0).hash, HashWord(w)) << w;
  }
  const std::string long_word(300, 'q');
  ASSERT_EQ(Tok(long_word).size(), 1u);
  EXPECT_EQ(Tok(long_word)[0].hash, HashWord(long_word));
  EXPECT_EQ(Tok("Sa\xC3\xAF" "d").at(0).hash, HashWord("Said"));  // Saïd folds to said
}

}  // namespace
}  // namespace dateline::enrich
