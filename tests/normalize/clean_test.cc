#include <gtest/gtest.h>

#include <string>
#include <vector>
#include <string_view>
#include <random>

#include "core/record.h"
#include "core/utf8.h"
#include "normalize/stages.h"

namespace dateline {
namespace {

// Three paragraphs of over 100 characters each, as most wire copy arrives.
constexpr char kLong1[] =
    "Security forces cleared a militant hideout in the hills above the town on Monday after a "
    "gunfight that lasted most of the afternoon, officials said.";
constexpr char kLong2[] =
    "The provincial government said the operation would continue until the area was safe for the "
    "families who had left their homes last month.";
constexpr char kLong3[] =
    "\xE2\x80\x9CWe will not allow anyone to take the peace of this valley away from "
    "us,\xE2\x80\x9D "
    "the district commissioner told reporters at the scene.";

// ---------------------------------------------------------------------------
// Characters

TEST(CleanTextTest, EmptyAndBlankInputGiveEmptyText) {
  EXPECT_EQ(CleanText(""), "");
  EXPECT_EQ(CleanText(" \t\r\n\n  \r\n"), "");
}

TEST(CleanTextTest, CrLfAndLoneCrAreLineBreaks) {
  EXPECT_EQ(CleanText("First paragraph.\r\nSecond paragraph."),
            "First paragraph.\n\nSecond paragraph.");
  EXPECT_EQ(CleanText("First paragraph.\rSecond paragraph."),
            "First paragraph.\n\nSecond paragraph.");
  EXPECT_EQ(CleanText("First paragraph.\r\n\r\nSecond paragraph.\r\n"),
            "First paragraph.\n\nSecond paragraph.");
}

TEST(CleanTextTest, UnicodeLineAndParagraphSeparatorsAreLineBreaks) {
  EXPECT_EQ(CleanText("One.\xE2\x80\xA8Two."), "One.\n\nTwo.");  // U+2028
  EXPECT_EQ(CleanText("One.\xE2\x80\xA9Two."), "One.\n\nTwo.");  // U+2029
  EXPECT_EQ(CleanText("One.\fTwo."), "One.\n\nTwo.");
}

TEST(CleanTextTest, TabsInsideALineBecomeOneSpace) {
  EXPECT_EQ(CleanText("KARACHI:\tThe\t\tcity"), "KARACHI: The city");
}

TEST(CleanTextTest, RunsOfSpacesCollapseAndLinesAreTrimmed) {
  EXPECT_EQ(CleanText("   Too    many     spaces here.    "), "Too many spaces here.");
}

TEST(CleanTextTest, NoBreakAndOtherUnicodeSpacesBecomeSpaces) {
  EXPECT_EQ(CleanText("Prime\xC2\xA0Minister"), "Prime Minister");  // NBSP
  EXPECT_EQ(CleanText("a\xE2\x80\x89" "b\xE2\x80\xAF" "c\xE3\x80\x80" "d"),
            "a b c d");  // thin, narrow no-break, ideographic space
  EXPECT_EQ(CleanText("two\xC2\xA0\xC2\xA0 spaces"), "two spaces");
}

TEST(CleanTextTest, ZeroWidthCharactersAreRemoved) {
  EXPECT_EQ(CleanText("Isla\xE2\x80\x8Bma\xE2\x80\x8C" "bad"), "Islamabad");  // ZWSP, ZWNJ
  EXPECT_EQ(CleanText("Kara\xE2\x80\x8D" "chi\xE2\x81\xA0"), "Karachi");       // ZWJ, word joiner
  EXPECT_EQ(CleanText("\xEF\xBB\xBFLAHORE"), "LAHORE");                        // BOM
  EXPECT_EQ(CleanText("Paki\xC2\xADstan"), "Pakistan");                        // soft hyphen
}

TEST(CleanTextTest, ControlCharactersAreRemoved) {
  EXPECT_EQ(CleanText("Pak\x01is\x07tan\x1B news"), "Pakistan news");
  EXPECT_EQ(CleanText("del\x7Fted"), "delted");
  EXPECT_EQ(CleanText("c1\xC2\x90" "control"), "c1control");  // U+0090
  EXPECT_EQ(CleanText("bad\xEF\xBF\xBD" "byte"), "badbyte");  // U+FFFD
  EXPECT_EQ(CleanText("raw\xFF" "byte"), "rawbyte");          // malformed UTF-8
}

TEST(CleanTextTest, KeepsNonAsciiText) {
  EXPECT_EQ(CleanText("T\xC3\xBCrkiye \xE2\x80\x94 \xD8\xA7\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85"),
            "T\xC3\xBCrkiye \xE2\x80\x94 \xD8\xA7\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85");
}

// ---------------------------------------------------------------------------
// Spacing around brackets and punctuation

TEST(CleanTextTest, RemovesSpacesInsideBrackets) {
  EXPECT_EQ(CleanText("ISLAMABAD ( WNAM REPORT): The dialogue"),
            "ISLAMABAD (WNAM REPORT): The dialogue");
  EXPECT_EQ(CleanText("KARACHI ( AP ) \xE2\x80\x94 text"), "KARACHI (AP) \xE2\x80\x94 text");
  EXPECT_EQ(CleanText("the [ sic ] word"), "the [sic] word");
}

TEST(CleanTextTest, RemovesSpaceBeforePunctuation) {
  EXPECT_EQ(CleanText("Tarar , who spoke late , said so ."), "Tarar, who spoke late, said so.");
  EXPECT_EQ(CleanText("He said : talks failed ; no date was set !"),
            "He said: talks failed; no date was set!");
  EXPECT_EQ(CleanText("Why ? Nobody knows"), "Why? Nobody knows");
}

TEST(CleanTextTest, KeepsEllipsisDashesAndNormalSpacing) {
  EXPECT_EQ(CleanText("And then ... silence"), "And then ... silence");
  EXPECT_EQ(CleanText("Lahore - the city"), "Lahore - the city");
  EXPECT_EQ(CleanText("3.5 percent, up from 3,000"), "3.5 percent, up from 3,000");
  EXPECT_EQ(CleanText("a (short) aside"), "a (short) aside");
}

// ---------------------------------------------------------------------------
// Paragraphs

TEST(CleanTextTest, SingleNewlineParagraphsWithLongLinesStaySeparate) {
  const std::string in = std::string(kLong1) + "\n" + kLong2 + "\n" + kLong3 + "\n";
  EXPECT_EQ(CleanText(in), std::string(kLong1) + "\n\n" + kLong2 + "\n\n" + kLong3);
}

TEST(CleanTextTest, LongLinesWithoutSentenceEndsStillStaySeparate) {
  // A long line is a whole paragraph even when it ends without punctuation
  // (a headline-like lead-in or a truncated paragraph).
  const std::string first =
      "Officials in the northern districts reported that the roads to the valley had been closed "
      "for a third day because of snow";
  const std::string in = first + "\n" + kLong2 + "\n" + kLong3;
  EXPECT_EQ(CleanText(in), first + "\n\n" + kLong2 + "\n\n" + kLong3);
}

TEST(CleanTextTest, StrayLeadingSpacesDoNotMergeLongLineParagraphs) {
  // Copy-pasted text sometimes starts a few lines with a space; that is not an
  // indented (ANPA) layout, and each long line is still its own paragraph.
  const std::string in = std::string(kLong1) + "\n " + kLong2 + "\n" + kLong3 + "\n " + kLong1 +
                         "\n" + kLong2;
  EXPECT_EQ(CleanText(in), std::string(kLong1) + "\n\n" + kLong2 + "\n\n" + kLong3 + "\n\n" +
                               kLong1 + "\n\n" + kLong2);
}

TEST(CleanTextTest, BlankLinesSeparateParagraphsExactlyOnce) {
  const std::string in = "\n\n" + std::string(kLong1) + "\n\n\n\n" + kLong2 + "\n \n\t\n" + kLong3 +
                         "\n\n\n";
  EXPECT_EQ(CleanText(in), std::string(kLong1) + "\n\n" + kLong2 + "\n\n" + kLong3);
}

TEST(CleanTextTest, ShortSingleNewlineParagraphsEndingSentencesStaySeparate) {
  EXPECT_EQ(CleanText("The first short paragraph ends here.\n"
                      "A second short paragraph follows it.\n"
                      "\xE2\x80\x9C" "And a quoted one,\xE2\x80\x9D he said.\n"),
            "The first short paragraph ends here.\n\n"
            "A second short paragraph follows it.\n\n"
            "\xE2\x80\x9C" "And a quoted one,\xE2\x80\x9D he said.");
}

TEST(CleanTextTest, BlankLineSeparatedHardWrappedTextJoinsIntoParagraphs) {
  // Wrapped near 70 columns; a wrap may fall right after a full stop, inside a
  // paragraph ("... will follow." below). Blank lines mark the paragraphs.
  const std::string in =
      "KARACHI (APP): The Sindh cabinet on Monday approved a plan to replace\n"
      "the ageing water mains that serve the old quarters of the city. Work\n"
      "is due to begin in January and will take about two years to finish.\n"
      "\n"
      "Officials said the first phase would cover Saddar and Lyari, where\n"
      "leaks waste a large share of the supply. A second phase will follow.\n"
      "The provincial government will pay for most of the work.\n"
      "\n"
      "\"People have waited long enough,\" the provincial minister told\n"
      "reporters.\n";
  EXPECT_EQ(CleanText(in),
            "KARACHI (APP): The Sindh cabinet on Monday approved a plan to replace the ageing "
            "water mains that serve the old quarters of the city. Work is due to begin in January "
            "and will take about two years to finish.\n\n"
            "Officials said the first phase would cover Saddar and Lyari, where leaks waste a "
            "large share of the supply. A second phase will follow. The provincial government "
            "will pay for most of the work.\n\n"
            "\"People have waited long enough,\" the provincial minister told reporters.");
}

TEST(CleanTextTest, LineWrappedAtACompoundsHyphenJoinsWithoutASpace) {
  const std::string in =
      "BEIJING, Oct. 29 (Xinhua) -- China launched a new batch of remote-\n"
      "sensing satellites from the launch centre in the northwest of the -\n"
      "country on Wednesday, according to the national space agency of the\n"
      "country, which gave no further details about the satellites.\n"
      "\n"
      "The satellites entered their planned orbits and will be used for\n"
      "land surveys, crop estimates and disaster prevention, it said.\n";
  EXPECT_EQ(CleanText(in),
            "BEIJING, Oct. 29 (Xinhua) -- China launched a new batch of remote-sensing satellites from "
            "the launch centre in the northwest of the - country on Wednesday, according to the national "
            "space agency of the country, which gave no further details about the satellites.\n\n"
            "The satellites entered their planned orbits and will be used for land surveys, crop "
            "estimates and disaster prevention, it said.");
}

TEST(CleanTextTest, HardWrappedTextKeepsShortHeadlineAndBylineLines) {
  const std::string in =
      "Karachi to replace water mains\n"
      "By Staff Reporter\n"
      "\n"
      "KARACHI (APP): The Sindh cabinet on Monday approved a plan to replace\n"
      "the ageing water mains that serve the old quarters of the city. Work\n"
      "is due to begin in January and will take about two years to finish.\n"
      "\n"
      "Officials said the first phase would cover Saddar and Lyari, where\n"
      "leaks waste a large share of the supply.\n";
  EXPECT_EQ(CleanText(in),
            "Karachi to replace water mains\n\n"
            "By Staff Reporter\n\n"
            "KARACHI (APP): The Sindh cabinet on Monday approved a plan to replace the ageing "
            "water mains that serve the old quarters of the city. Work is due to begin in January "
            "and will take about two years to finish.\n\n"
            "Officials said the first phase would cover Saddar and Lyari, where leaks waste a "
            "large share of the supply.");
}

TEST(CleanTextTest, HardWrappedTextWithoutBlankLinesEndsParagraphsAtShortSentenceLines) {
  const std::string in =
      "ISLAMABAD (AP) \xE2\x80\x94 Heavy rain flooded low-lying streets in the capital on\n"
      "Tuesday, and officials closed schools in three sectors for the day.\n"
      "The meteorological department said more rain was expected through\n"
      "the rest of the week.\n"
      "City officials urged residents to stay away from the swollen streams\n"
      "that run through the capital.\n";
  EXPECT_EQ(CleanText(in),
            "ISLAMABAD (AP) \xE2\x80\x94 Heavy rain flooded low-lying streets in the capital on "
            "Tuesday, and officials closed schools in three sectors for the day.\n\n"
            "The meteorological department said more rain was expected through the rest of the "
            "week.\n\n"
            "City officials urged residents to stay away from the swollen streams that run "
            "through the capital.");
}

TEST(CleanTextTest, TabIndentedAnpaParagraphsJoinTheirContinuationLines) {
  const std::string in =
      "Rain floods capital\n"
      "\tISLAMABAD (AP) \xE2\x80\x94 Heavy rain flooded low-lying streets in the capital on\n"
      "Tuesday, and officials closed schools in three sectors for the day.\n"
      "\tThe meteorological department said more rain was expected through\n"
      "the rest of the week.\n"
      "\t\"We are ready for the worst,\" a city official said.\n";
  EXPECT_EQ(CleanText(in),
            "Rain floods capital\n\n"
            "ISLAMABAD (AP) \xE2\x80\x94 Heavy rain flooded low-lying streets in the capital on "
            "Tuesday, and officials closed schools in three sectors for the day.\n\n"
            "The meteorological department said more rain was expected through the rest of the "
            "week.\n\n"
            "\"We are ready for the worst,\" a city official said.");
}

TEST(CleanTextTest, SpaceIndentedParagraphsWorkLikeTabs) {
  const std::string in =
      "   ISLAMABAD (AP) \xE2\x80\x94 Heavy rain flooded low-lying streets in the capital on\n"
      "Tuesday.\n"
      "   The meteorological department said more rain was expected through\n"
      "the rest of the week.\n";
  EXPECT_EQ(CleanText(in),
            "ISLAMABAD (AP) \xE2\x80\x94 Heavy rain flooded low-lying streets in the capital on "
            "Tuesday.\n\n"
            "The meteorological department said more rain was expected through the rest of the "
            "week.");
}

TEST(CleanTextTest, OutputHasNoTrailingOrDoubledBreaks) {
  const std::string out = CleanText("\r\n\r\n  A.\r\n\r\n\r\n  B.  \r\n\r\n");
  EXPECT_EQ(out, "A.\n\nB.");
  EXPECT_EQ(out.find("\n\n\n"), std::string::npos);
}

TEST(CleanTextTest, CleaningIsIdempotent) {
  const std::string in =
      "ISLAMABAD ( WNAM REPORT): The  dialogue failed , the minister said.\r\n" +
      std::string(kLong2) + "\r\n\r\n" + kLong3;
  const std::string once = CleanText(in);
  EXPECT_EQ(CleanText(once), once);
}

TEST(CleanTextStageTest, ReplacesRecordText) {
  Record record = RecordFromBytes("");
  record.text = "LAHORE ( APP ): Text\twith\r\n\r\ncontrol\x01 chars .";
  EXPECT_TRUE(CleanTextStage().Process(record).ok());
  EXPECT_EQ(record.text, "LAHORE (APP): Text with\n\ncontrol chars.");
}

TEST(CleanTextTest, StraySpacesAreFoundAtEveryOffset) {
  // The search for spaces next to marks works 16 bytes at a time: each
  // stray space must go wherever it falls, and no other space may.
  for (size_t at = 1; at < 40; ++at) {
    const std::string lead(at, 'x');
    EXPECT_EQ(CleanText(lead + " ( WNAM REPORT ) said , then [ a ] and ..."),
              lead + " (WNAM REPORT) said, then [a] and ...")
        << "at " << at;
    EXPECT_EQ(CleanText("( " + lead + " - . b ;c )"), "(" + lead + " - . b ;c)") << "at " << at;
  }
}

// Stray spaces reach a line by every route: inside a stretch of ASCII
// (found 16 bytes at a time), after a run of spaces, tabs or Unicode spaces,
// or next to a dropped control. Single lines of random pieces against the
// rule written out plainly: collapse, trim, then drop each space that
// follows an opener or precedes a closer, or a single punctuation mark that
// is followed by a space, a quote or the end (not after a space or '-').
TEST(CleanTextTest, StraySpacesGoWhateverRouteTheyArriveBy) {
  size_t dropped = 0;  // stray spaces the reference removed
  auto reference = [&dropped](const std::string& in) {
    std::string line;  // collapsed and trimmed
    bool pending = false;
    for (size_t pos = 0; pos < in.size();) {
      const char32_t cp = utf8::Next(in, &pos);
      if (cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x2009) {
        pending = !line.empty();
        continue;
      }
      if (cp < 0x20) continue;  // dropped
      if (pending) line.push_back(' ');
      pending = false;
      utf8::Append(&line, cp);
    }
    auto stray = [&line](size_t i) {
      if (line[i] != ' ' || i == 0) return false;
      const char prev = line[i - 1], next = i + 1 < line.size() ? line[i + 1] : '\0';
      if (prev == '(' || prev == '[' || next == ')' || next == ']') return true;
      if (std::string_view(",;.!?:").find(next) == std::string_view::npos || next == '\0') return false;
      if (prev == ' ' || prev == '-') return false;
      if (i + 2 < line.size() && line[i + 2] != ' ' && line[i + 2] != '"') return false;
      return !(next == '.' && i + 2 < line.size() && line[i + 2] == '.');
    };
    std::string out;
    for (size_t i = 0; i < line.size(); ++i) {
      if (stray(i)) {
        ++dropped;
      } else {
        out.push_back(line[i]);
      }
    }
    return out;
  };
  const std::vector<std::string> pieces = {
      "word", "Minister", "said", " ", " ", " ", "  ", "\t", "\xC2\xA0", "\xE2\x80\x89", "\x01", "(", ")", "[",
      "]", ",", ".", "!", "?", ":", ";", "-", "\"", "...", "\xE2\x80\x9C", "\xC3\xA9", "x", "12"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1), count(1, 40);
  for (int round = 0; round < 20000; ++round) {
    std::string in;
    for (size_t i = count(rng); i > 0; --i) in += pieces[pick(rng)];
    const std::string expected = reference(in);
    ASSERT_EQ(CleanText(in), expected) << '"' << in << '"';
  }
  EXPECT_GT(dropped, 5000u);  // stray spaces were there to remove
}

// Typographic punctuation (U+2000..U+207F) is stepped over without a
// property lookup when checking for decomposed text: a combining mark right
// after it, or anywhere later, is still found and composed.
TEST(CleanTextTest, DecomposedTextNextToTypographicPunctuationIsComposed) {
  for (const char32_t cp : {0x2010, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x2030,
                            0x2039, 0x203A, 0x2044, 0x2070, 0x207F}) {
    std::string mark;
    utf8::Append(&mark, cp);
    EXPECT_EQ(ToNfc(mark + "e\xCC\x81"), mark + "\xC3\xA9");
    EXPECT_EQ(ToNfc("Cafe\xCC\x81 " + mark), "Caf\xC3\xA9 " + mark);
    EXPECT_EQ(ToNfc(mark + mark + " x e\xCC\x81"), mark + mark + " x \xC3\xA9");
    EXPECT_EQ(ToNfc(mark + " plain"), mark + " plain");
    // A cut-off or broken sequence is not taken for punctuation.
    EXPECT_EQ(ToNfc(mark.substr(0, 2) + "e\xCC\x81"), mark.substr(0, 2) + "e\xCC\x81");
  }
}

TEST(CleanTextTest, SpacesCollapseAroundControlsAndNonAsciiAtEveryOffset) {
  // Printable ASCII is copied in stretches found 16 bytes at a time; a
  // stretch stops at two spaces, a control or a non-ASCII byte.
  for (size_t at = 1; at < 40; ++at) {
    const std::string lead(at, 'x');
    EXPECT_EQ(CleanText(lead + "  a\x01" "b c \xE2\x80\x9Cq\xE2\x80\x9D  d\te   "), lead + " ab c \xE2\x80\x9Cq\xE2\x80\x9D d e")
        << "at " << at;
    EXPECT_EQ(CleanText(lead + " \xC2\xA0 y\r\n" + lead), lead + " y\n\n" + lead) << "at " << at;
  }
}

// ---------------------------------------------------------------------------
// CountWords

TEST(CountWordsTest, CountsPlainWords) {
  EXPECT_EQ(CountWords(""), 0u);
  EXPECT_EQ(CountWords("   "), 0u);
  EXPECT_EQ(CountWords("The minister said."), 3u);
  EXPECT_EQ(CountWords("one\n\ntwo\tthree"), 3u);
}

TEST(CountWordsTest, InnerApostrophesAndHyphensJoinWords) {
  EXPECT_EQ(CountWords("Pakistan\xE2\x80\x99s well-known don't"), 3u);
  EXPECT_EQ(CountWords("rock 'n' roll"), 3u);
}

TEST(CountWordsTest, NumbersAreWordsPunctuationIsNot) {
  EXPECT_EQ(CountWords("In 2025 about 3,000 people"), 6u);  // 3 and 000 split at the comma
  EXPECT_EQ(CountWords("-- - ... !! \xE2\x80\x94 \xE2\x80\x9C\xE2\x80\x9D ()"), 0u);
  EXPECT_EQ(CountWords("\xE2\x80\x9CWe will,\xE2\x80\x9D he said \xE2\x80\x94 twice."), 5u);
  EXPECT_EQ(CountWords("Hello - world"), 2u);
}

TEST(CountWordsTest, CountsNonAsciiWords) {
  EXPECT_EQ(CountWords("T\xC3\xBCrkiye caf\xC3\xA9"), 2u);
  EXPECT_EQ(CountWords("\xD8\xA7\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xD8\xA2\xD8\xA8\xD8\xA7\xD8\xAF"),
            2u);  // Arabic script, two words
  EXPECT_EQ(CountWords("10\xC2\xB0 \xC2\xA9 2025"), 2u);  // ° and © are not letters
}


// The definition CountWords must match however it is computed: one code
// point at a time, decoded as utf8::Next decodes.
uint32_t ReferenceCountWords(std::string_view text) {
  uint32_t words = 0;
  bool in_word = false;
  for (size_t pos = 0; pos < text.size();) {
    const char32_t cp = utf8::Next(text, &pos);
    bool word;
    if (cp < 0x80) {
      word = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    } else {
      word = !(cp >= 0x2000 && cp <= 0x206F) && !(cp >= 0x3000 && cp <= 0x303F) && cp != 0xA0 &&
             !(cp >= 0xA1 && cp <= 0xBF) && cp != 0xD7 && cp != 0xF7 && cp != utf8::kInvalid;
    }
    word = word || (in_word && (cp == '\'' || cp == 0x2019 || cp == '-'));
    if (word && !in_word) ++words;
    in_word = word;
  }
  return words;
}

TEST(CountWordsTest, NonAsciiCharactersAcrossBlockAndChunkEdgesCountOnce) {
  // A multi-byte letter, apostrophe or dash placed at every offset around the
  // 16- and 64-byte edges the vector path works in.
  const std::string pieces[] = {"\xC3\xA9", "\xE2\x80\x99", "\xE2\x80\x94", "\xD8\xA7", "\xF0\x9F\x98\x80", "\xE4\xB8\xAD",
                                "\xC3", "\x80", "\xE2\x80"};  // the last three malformed
  for (const std::string& piece : pieces) {
    for (size_t at = 0; at < 140; ++at) {
      std::string text;
      while (text.size() < 200) text += "word's well-known x ";
      text.replace(at, 0, piece);
      EXPECT_EQ(CountWords(text), ReferenceCountWords(text)) << "piece " << piece.size() << " bytes at " << at;
      text.replace(at + piece.size(), 1, "-");  // the character between joiners
      EXPECT_EQ(CountWords(text), ReferenceCountWords(text)) << "piece " << piece.size() << " bytes at " << at;
    }
  }
}

TEST(CountWordsTest, MatchesTheDefinitionOnRandomText) {
  // Bytes drawn from a mix of letters, joiners, spaces, punctuation, UTF-8
  // sequences (valid and broken) and controls, at lengths around the edges.
  const std::string alphabet[] = {"a", "Z", "7", " ", "'", "-", "--", ".", ",", "\n", "\t", "\xC3\xA9", "\xE2\x80\x99",
                                  "\xE2\x80\x9C", "\xE2\x80\x94", "\xD8\xB3", "\xC2\xA0", "\xC2\xB0", "\xE3\x80\x81",
                                  "\xF0\x9F\x98\x80", "\xC3", "\xBF", "\xFF", "\xE2\x80"};
  uint32_t state = 12345;
  auto next = [&state] { return state = state * 1103515245u + 12345u, (state >> 8); };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t length = next() % 300;
    while (text.size() < length) text += alphabet[next() % std::size(alphabet)];
    ASSERT_EQ(CountWords(text), ReferenceCountWords(text)) << "round " << round;
  }
}

}  // namespace
}  // namespace dateline
