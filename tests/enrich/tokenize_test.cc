#include "enrich/tokenize.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "enrich/tokenize_reference.h"

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

void ExpectSameAsReference(std::string_view text, const std::vector<Span>& sentences, const std::string& what) {
  std::vector<Token> fast;
  Tokenize(text, sentences, &fast);
  const std::vector<Token> want = reference::Tokenize(text, sentences);
  ASSERT_EQ(fast.size(), want.size()) << what;
  for (size_t i = 0; i < fast.size(); ++i) {
    ASSERT_EQ(fast[i].start, want[i].start) << what << " token " << i;
    ASSERT_EQ(fast[i].end, want[i].end) << what << " token " << i;
    ASSERT_EQ(fast[i].cp, want[i].cp) << what << " token " << i;
    ASSERT_EQ(fast[i].flags, want[i].flags) << what << " token " << i;
    ASSERT_EQ(fast[i].hash, want[i].hash) << what << " token " << i;
  }
}

TEST(Tokenize, HashIsTheReferenceHashOfTheFoldedWord) {
  for (std::string_view w : {"", "a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "islamabad", "t\xC3\xBCrkiye"}) {
    EXPECT_EQ(HashFolded(w), reference::Hash(w)) << w;
  }
  EXPECT_NE(HashFolded("a"), HashFolded(std::string_view("a\0", 2)));
  EXPECT_NE(HashFolded("abcdefgh"), HashFolded("abcdefg"));
}

// The fast tokenizer against the plain one on random text mixing the cases
// its paths tell apart: ASCII runs of every length across eight-byte chunks,
// Latin-1 and other scripts, invalid bytes, spaces, punctuation, apostrophes,
// hyphens and dots between words, line and paragraph breaks.
TEST(Tokenize, MatchesReferenceOnRandomText) {
  const std::vector<std::string> pieces = {
      "a", "Z", "q", "N", "7", "0", "Abcdefgh", "ABCDEFGHIJ", "islamabad", "US", "x1", " ", " ", "  ", "\t", "\r",
      "\n", "\n\n", "-", ".", "'", ",", "!", "?", "\"", "(", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x94",
      "\xC2\xA0", "\xE2\x80\x89", "\xC3\xA9", "\xC3\x89", "\xC3\x9F", "\xC5\x81", "\xC4\x85", "\xD0\x9C\xD0\xBE",
      "\xE5\x8C\x97", "\xF0\x9F\x98\x80", "\x80", "\xC3", "\xFF", "\x99", "s", "S", "'s", "\xE2\x80\x99s", std::string(1, '\0'),
      "\xC2\xAB", "\xC2\xB7", "\xEF\xBB\xBF", "\xE3\x80\x80",
      // Runs around the sixteen-byte steps: fifteen to seventeen bytes and more.
      "abcdefghijklmno", "ABCDEFGHIJKLMNOP", "Mississippi2024xy", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", "0123456789012345678"};
  std::mt19937 rng(20261128);
  for (int round = 0; round < 8000; ++round) {
    std::string text;
    const int parts = static_cast<int>(rng() % 40);
    for (int i = 0; i < parts; ++i) text += pieces[rng() % pieces.size()];
    std::vector<Span> sentences;
    if (rng() % 3 == 0) {
      for (uint32_t at = 0; at < text.size(); at += 1 + rng() % 20) sentences.push_back({at, at + 1});
    }
    ExpectSameAsReference(text, sentences, "round " + std::to_string(round));
    if (HasFatalFailure()) return;
  }
}

TEST(Tokenize, MatchesReferenceOnProjectTexts) {
  namespace fs = std::filesystem;
  int files = 0;
  for (const char* dir : {DATELINE_SOURCE_DIR "/tests/data", DATELINE_SOURCE_DIR "/../shared/samples"}) {
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream buf;
      buf << in.rdbuf();
      const std::string text = buf.str();
      ExpectSameAsReference(text, {}, entry.path().string());
      // Every suffix start inside the first bytes: words met at every chunk alignment.
      for (size_t cut = 1; cut < 9 && cut < text.size(); ++cut) {
        ExpectSameAsReference(std::string_view(text).substr(cut), {}, entry.path().string());
      }
      if (HasFatalFailure()) return;
      ++files;
    }
  }
  EXPECT_GT(files, 0);
}

}  // namespace
}  // namespace dateline::enrich
