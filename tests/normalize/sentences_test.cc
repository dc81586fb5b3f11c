#include "normalize/sentences.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dateline {
namespace {

std::vector<std::string> Split(const std::string& p) {
  std::vector<Span> spans;
  SplitSentences(p, 0, &spans);
  std::vector<std::string> out;
  for (const Span& s : spans) out.push_back(p.substr(s.start, s.end - s.start));
  return out;
}

TEST(SentencesTest, SplitsAtTerminalPunctuation) {
  EXPECT_EQ(Split("The talks failed. Both sides left! Will they return? Nobody knows."),
            (std::vector<std::string>{"The talks failed.", "Both sides left!", "Will they return?", "Nobody knows."}));
}

TEST(SentencesTest, SurvivesAbbreviations) {
  EXPECT_EQ(Split("Mr. Khan met Gen. Asim Munir on Oct. 29 in the U.S. capital. He left at 5 p.m. on Monday."),
            (std::vector<std::string>{"Mr. Khan met Gen. Asim Munir on Oct. 29 in the U.S. capital.",
                                      "He left at 5 p.m. on Monday."}));
  EXPECT_EQ(Split("He ranked No. 2 in the list. No. He did not."),
            (std::vector<std::string>{"He ranked No. 2 in the list.", "No.", "He did not."}));
  EXPECT_EQ(Split("John F. Kennedy spoke. Then he left."),
            (std::vector<std::string>{"John F. Kennedy spoke.", "Then he left."}));
}

TEST(SentencesTest, ClosingQuotesStayWithTheirSentence) {
  EXPECT_EQ(Split("\xE2\x80\x9CWe will respond.\xE2\x80\x9D The minister left. \"Really?\" he asked."),
            (std::vector<std::string>{"\xE2\x80\x9CWe will respond.\xE2\x80\x9D", "The minister left.",
                                      "\"Really?\" he asked."}));
}

TEST(SentencesTest, NoSplitBeforeLowerCaseOrDecimals) {
  EXPECT_EQ(Split("Growth was 4.2 percent. e.g. this stays."),
            (std::vector<std::string>{"Growth was 4.2 percent. e.g. this stays."}));
}

TEST(SentencesTest, SpansAreOffsetByBase) {
  std::vector<Span> spans;
  SplitSentences("Ab cd. Ef gh.", 100, &spans);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].start, 100u);
  EXPECT_EQ(spans[0].end, 106u);
  EXPECT_EQ(spans[1].start, 107u);
  EXPECT_EQ(spans[1].end, 113u);
}

TEST(SentencesTest, EmptyAndSpaces) {
  EXPECT_TRUE(Split("").empty());
  EXPECT_TRUE(Split("   ").empty());
  EXPECT_EQ(Split("No terminal punctuation"), (std::vector<std::string>{"No terminal punctuation"}));
}

TEST(SentencesTest, MarksAreFoundAtEveryOffset) {
  // Marks are found 16 bytes at a time: sentences and abbreviations must split
  // the same wherever they fall against those blocks.
  for (size_t n = 1; n < 40; ++n) {  // n = 0 would make "A." an initial
    const std::string first = "A" + std::string(n, 'b') + ".";
    EXPECT_EQ(Split(first + " Next one! Third? Mr. Khan and Sept. 9 e.g. Lt. Gen. Ali. NO. 2 is here. Done"),
              (std::vector<std::string>{first, "Next one!", "Third?", "Mr. Khan and Sept. 9 e.g. Lt. Gen. Ali.",
                                        "NO. 2 is here.", "Done"}))
        << "n " << n;
  }
  // Longer than any listed abbreviation, or listed only before a number.
  EXPECT_EQ(Split("See Approxim. Then Art. 5 applies. Art. Then."),
            (std::vector<std::string>{"See Approxim.", "Then Art. 5 applies.", "Art.", "Then."}));
}

TEST(SentencesTest, MarksInTheLastBytesAreFoundOnce) {
  // The last bytes of a paragraph (after its whole 16-byte blocks) are read
  // as the block that ends at the paragraph's end, which overlaps bytes
  // already searched: marks there must split exactly once, wherever they fall.
  for (size_t n = 0; n < 48; ++n) {
    const std::string first = "W" + std::string(n, 'x') + " Aa.";
    EXPECT_EQ(Split(first + " Bb! Cc? Dd"), (std::vector<std::string>{first, "Bb!", "Cc?", "Dd"})) << "n " << n;
    EXPECT_EQ(Split(first + " Bb! Cc? Dd."), (std::vector<std::string>{first, "Bb!", "Cc?", "Dd."})) << "n " << n;
    EXPECT_EQ(Split(first + " Mr. Bb. 4.2 Cc"), (std::vector<std::string>{first, "Mr. Bb.", "4.2 Cc"})) << "n " << n;
  }
}

}  // namespace
}  // namespace dateline
