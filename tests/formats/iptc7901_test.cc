#include "formats/iptc7901.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>

#include "core/record.h"
#include "core/verdict.h"
#include "formats/anpa.h"

namespace dateline {
namespace {

// Framing bytes, kept apart from the text so that no "\x02B" escape swallows a letter.
const std::string kSoh = "\x01";
const std::string kStx = "\x02";
const std::string kEtx = "\x03";
const std::string kEot = "\x04";

// An IPTC 7901 item: SOH header STX text ETX end line EOT.
std::string Item(const std::string& header, const std::string& text,
                 const std::string& end_line = "291245 OCT 25") {
  return kSoh + header + "\r\n" + kStx + text + kEtx + "\r\n" + end_line + "\r\n" + kEot;
}

const std::string kHeader = "dpa0417 3 pl 0212 vvvvb dpa 251029-99-0417\r\nPakistan/Floods/Swat";

const std::string kText =
    "Floods cut off dozens of villages in Swat valley=\r\n"
    "By Nadia Qureshi\r\n"
    "   PESHAWAR (dpa) - Flash floods cut off dozens of villages in\r\n"
    "Pakistan's Swat valley on Wednesday, officials said.\r\n"
    "   Rescue teams used boats to reach families stranded on\r\n"
    "rooftops, the provincial disaster authority said.\r\n";

Record Parse(const std::string& input, Verdict* verdict = nullptr) {
  Record record;
  Verdict v = Iptc7901Parser().Parse(input, record);
  if (verdict != nullptr) *verdict = v;
  return record;
}

// ---------------------------------------------------------------------------
// Sniffing

TEST(IptcSniffTest, RecognizesSohAndZczcFraming) {
  const Iptc7901Parser parser;
  EXPECT_GE(parser.Sniff(Item(kHeader, kText)), 80);
  EXPECT_GE(parser.Sniff("\r\n" + kSoh + "AFP 0213 2 pol 0310\r\n" + kStx + "x" + kEtx), 70);
  EXPECT_GE(parser.Sniff("ZCZC\r\nAFP0417 3 pol 0412\r\n^Headline=\r\nText.\r\nNNNN\r\n"), 90);
  EXPECT_GE(parser.Sniff("\r\nZCZC APP0311 4 ec\r\nText.\r\nNNNN"), 90);
  // ZCZC without its end is still most likely this format.
  EXPECT_GE(parser.Sniff("ZCZC APP0311 4 ec\r\nText that was cut"), 60);
}

TEST(IptcSniffTest, RejectsOtherInputs) {
  const Iptc7901Parser parser;
  EXPECT_EQ(parser.Sniff(""), 0);
  EXPECT_EQ(parser.Sniff("KARACHI, Oct 29 (Reuters) - Pakistan's central bank held rates."), 0);
  EXPECT_EQ(parser.Sniff("<?xml version=\"1.0\"?><newsItem guid=\"x\"/>"), 0);
  EXPECT_EQ(parser.Sniff("[{\"uri\": \"x\"}]"), 0);
  EXPECT_EQ(parser.Sniff("The ZCZC code opens telex messages."), 0);
}

TEST(IptcSniffTest, LeavesAnpaHeadersToTheAnpaParser) {
  const std::string anpa = "\x16\x16" + kSoh + "a0748 r i BC-Pakistan-Talks 10-29 0431\r\n" +
                           kStx + "x" + kEtx;
  EXPECT_LT(Iptc7901Parser().Sniff(anpa), 30);
  EXPECT_GT(Anpa1312Parser().Sniff(anpa), Iptc7901Parser().Sniff(anpa));
}

// ---------------------------------------------------------------------------
// A full item

TEST(IptcParseTest, ReadsEveryField) {
  Verdict v;
  Record r = Parse(Item(kHeader, kText), &v);
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(r.format, "iptc7901");
  EXPECT_EQ(r.urgency, "urgent");
  ASSERT_EQ(r.subjects.size(), 1u);
  EXPECT_EQ(r.subjects[0].code, "iptc7901:pl");
  ASSERT_TRUE(r.slug);
  EXPECT_EQ(*r.slug, "Pakistan/Floods/Swat");
  EXPECT_EQ(r.keywords, (std::vector<std::string>{"Pakistan", "Floods", "Swat"}));
  ASSERT_TRUE(r.headline);
  EXPECT_EQ(*r.headline, "Floods cut off dozens of villages in Swat valley");
  ASSERT_TRUE(r.byline);
  EXPECT_EQ(*r.byline, "Nadia Qureshi");
  EXPECT_EQ(r.published, "2025-10-29T12:45:00Z");
  EXPECT_FALSE(r.version);
  EXPECT_EQ(r.text,
            "PESHAWAR (dpa) - Flash floods cut off dozens of villages in Pakistan's Swat valley on "
            "Wednesday, officials said.\n\n"
            "Rescue teams used boats to reach families stranded on rooftops, the provincial "
            "disaster authority said.");
}

class IptcPriorityTest : public ::testing::TestWithParam<int> {};

TEST_P(IptcPriorityTest, MapsThroughUrgencyFromDigit) {
  const int digit = GetParam();
  Verdict v;
  Record r = Parse(Item("xin0001 " + std::to_string(digit) + " w 0100", "BEIJING - Text.\r\n"), &v);
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(r.urgency, UrgencyFromDigit(digit));
  EXPECT_FALSE(r.urgency.empty());
}

INSTANTIATE_TEST_SUITE_P(Digits, IptcPriorityTest, ::testing::Range(1, 10));

TEST(IptcParseTest, SourceAndSerialMayBeApart) {
  Record r = Parse(Item("AFP 0213 1 pol 0310", "ISLAMABAD (AFP) - A flash.\r\n"));
  EXPECT_EQ(r.urgency, "flash");
  ASSERT_EQ(r.subjects.size(), 1u);
  EXPECT_EQ(r.subjects[0].code, "iptc7901:pol");
}

TEST(IptcParseTest, UnknownHeaderLayoutStillGivesTheText) {
  Verdict v;
  Record r = Parse(Item("SOMETHING ELSE ENTIRELY", "Headline=\r\nDHAKA - Text.\r\n"), &v);
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(r.urgency, "");
  EXPECT_TRUE(r.subjects.empty());
  EXPECT_FALSE(r.slug);
  EXPECT_EQ(*r.headline, "Headline");
  EXPECT_EQ(r.text, "DHAKA - Text.");
}

TEST(IptcParseTest, VersionInTheKeywordLine) {
  Record r = Parse(Item("ans0102 4 ec 0250\r\nPakistan-IMF 2nd Lead", "Text goes here.\r\n"));
  ASSERT_TRUE(r.slug);
  EXPECT_EQ(*r.slug, "Pakistan-IMF");
  ASSERT_TRUE(r.version);
  EXPECT_EQ(r.version->label, "2nd Lead");
  EXPECT_EQ(r.version->kind, "lead");
  EXPECT_EQ(r.version->number, 2);
  Record c = Parse(Item("ans0103 3 ec 0250\r\nPakistan-IMF/Correction", "Text goes here.\r\n"));
  ASSERT_TRUE(c.version);
  EXPECT_EQ(c.version->kind, "correction");
  EXPECT_EQ(c.keywords, (std::vector<std::string>{"Pakistan-IMF"}));
}

TEST(IptcParseTest, HeadlineMaySpanTwoLines) {
  Record r = Parse(Item("bss0100 4 pl 0100",
                        "Bangladesh and Nepal sign power deal on the sidelines\r\n"
                        "of the regional summit=\r\n"
                        "DHAKA (BSS) - The two countries signed the deal.\r\n"));
  ASSERT_TRUE(r.headline);
  EXPECT_EQ(*r.headline,
            "Bangladesh and Nepal sign power deal on the sidelines of the regional summit");
  EXPECT_EQ(r.text, "DHAKA (BSS) - The two countries signed the deal.");
}

TEST(IptcParseTest, NoEqualsSignNoHeadline) {
  Record r = Parse(Item("bss0101 4 pl 0100",
                        "DHAKA (BSS) - The two countries signed the deal.\r\n\r\nMore text.\r\n"));
  EXPECT_FALSE(r.headline);
  EXPECT_EQ(r.text, "DHAKA (BSS) - The two countries signed the deal.\n\nMore text.");
}

TEST(IptcParseTest, EndLineBeforeEtxAndEndMarksAreLeftOut) {
  Record r = Parse(Item("bss0102 4 pl 0100", "Text of the story.\r\n=\r\n031530 NOV 2025 GMT\r\n",
                        ""));
  EXPECT_EQ(r.text, "Text of the story.");
  EXPECT_EQ(r.published, "2025-11-03T15:30:00Z");
}

TEST(IptcParseTest, EndLineVariants) {
  EXPECT_EQ(Parse(Item("a1 4 pl", "Text.\r\n", "010000 JAN 26")).published, "2026-01-01T00:00:00Z");
  EXPECT_EQ(Parse(Item("a1 4 pl", "Text.\r\n", "152359 dec 99")).published, "1999-12-15T23:59:00Z");
  EXPECT_EQ(Parse(Item("a1 4 pl", "Text.\r\n", "031200 OKT 25")).published, "2025-10-03T12:00:00Z");
  // A day that does not exist: no time, and the line stays out of the text.
  Record bad = Parse(Item("a1 4 pl", "Text.\r\n300800 FEB 25\r\n", ""));
  EXPECT_EQ(bad.published, "");
  EXPECT_EQ(bad.text, "Text.");
  // Not an end line.
  EXPECT_EQ(Parse(Item("a1 4 pl", "Text.\r\n", "sometime in October")).published, "");
}

TEST(IptcParseTest, Latin1BytesAreReadAsWindows1252) {
  Verdict v;
  Record r = Parse(Item("efe0012 4 cu 0100", "MADRID (EFE) - El caf\xE9 abri\xF3.\r\n"), &v);
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(r.text, "MADRID (EFE) - El caf\xC3\xA9 abri\xC3\xB3.");
}

TEST(IptcParseTest, LargeItemIsReadInOnePass) {
  std::string text = "Headline=\r\n";
  for (int i = 0; i < 20000; ++i) {
    text += "   DHAKA (BSS) - A paragraph of wire copy, one of many.\r\n";
  }
  text += std::string(200000, 'x') + "\r\n";  // one very long line
  Verdict v;
  Record r = Parse(Item("bss0001 4 pl 9999", text), &v);
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(*r.headline, "Headline");
  EXPECT_GT(r.text.size(), 1000000u);
}

// ---------------------------------------------------------------------------
// ZCZC ... NNNN

TEST(IptcZczcTest, SigilLines) {
  const std::string input =
      "ZCZC\r\n"
      "APP0311 2 ec 0198\r\n"
      "$ec\r\n"
      ":Pakistan-Budget/Finance\r\n"
      "+medtop:04000000\r\n"
      "+subj:04018000\r\n"
      "^Pakistan unveils budget with higher\r\n"
      "^defence spending=\r\n"
      "ISLAMABAD, June 10 (APP): The federal government presented\r\n"
      "its budget on Tuesday.\r\n"
      "\r\n"
      "The finance minister said the deficit would narrow.\r\n"
      "101630 JUN 25\r\n"
      "NNNN\r\n";
  Verdict v;
  Record r = Parse(input, &v);
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(r.format, "iptc7901");
  EXPECT_EQ(r.urgency, "bulletin");
  ASSERT_EQ(r.subjects.size(), 3u);
  EXPECT_EQ(r.subjects[0].code, "iptc7901:ec");
  EXPECT_EQ(r.subjects[1].code, "medtop:04000000");
  EXPECT_EQ(r.subjects[2].code, "subj:04018000");
  ASSERT_TRUE(r.slug);
  EXPECT_EQ(*r.slug, "Pakistan-Budget/Finance");
  EXPECT_EQ(r.keywords, (std::vector<std::string>{"Pakistan-Budget", "Finance"}));
  ASSERT_TRUE(r.headline);
  EXPECT_EQ(*r.headline, "Pakistan unveils budget with higher defence spending");
  EXPECT_EQ(r.published, "2025-06-10T16:30:00Z");
  EXPECT_EQ(r.text,
            "ISLAMABAD, June 10 (APP): The federal government presented\nits budget on "
            "Tuesday.\n\nThe finance minister said the deficit would narrow.");
}

TEST(IptcZczcTest, HeaderOnTheZczcLine) {
  Record r = Parse("ZCZC IRN0042 4 pl 0100\n:Iran-Pakistan\nTEHRAN (IRNA) - Text here.\n"
                   "NNNN");
  EXPECT_EQ(r.urgency, "normal");
  ASSERT_TRUE(r.slug);
  EXPECT_EQ(*r.slug, "Iran-Pakistan");
  EXPECT_EQ(r.text, "TEHRAN (IRNA) - Text here.");
}

TEST(IptcZczcTest, FramedByStxAndEtx) {
  const std::string input = "ZCZC\r\nKYO0077 3 fn 0150\r\nJapan-Pakistan/Loan\r\n" + kStx +
                            "Japan lends Pakistan 500 mln dlrs=\r\n"
                            "   TOKYO (Kyodo) - Japan agreed a loan on Friday.\r\n" +
                            kEtx + "\r\n071015 MAR 25\r\nNNNN\r\n";
  Verdict v;
  Record r = Parse(input, &v);
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(r.urgency, "urgent");
  EXPECT_EQ(*r.slug, "Japan-Pakistan/Loan");
  EXPECT_EQ(*r.headline, "Japan lends Pakistan 500 mln dlrs");
  EXPECT_EQ(r.text, "TOKYO (Kyodo) - Japan agreed a loan on Friday.");
  EXPECT_EQ(r.published, "2025-03-07T10:15:00Z");
}

TEST(IptcZczcTest, BodyStartingWithDollarAmountIsText) {
  Record r = Parse("ZCZC\nAAP0001 4 fn\n$5 million was raised.\nNNNN");
  EXPECT_EQ(r.text, "$5 million was raised.");
  ASSERT_EQ(r.subjects.size(), 1u);
}

// ---------------------------------------------------------------------------
// Malformed items

void ExpectMalformed(const std::string& input, std::string_view reason_part) {
  Verdict v;
  Parse(input, &v);
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.code, ErrorCode::kMalformedItem);
  EXPECT_NE(v.reason.find(reason_part), std::string::npos) << v.reason;
}

TEST(IptcMalformedTest, MissingFraming) {
  ExpectMalformed("", "neither SOH nor ZCZC");
  ExpectMalformed("DHAKA (BSS) - Plain text.", "neither SOH nor ZCZC");
  ExpectMalformed(kSoh + "bss0100 4 pl 0100\r\n", "no STX");
  ExpectMalformed(kSoh + "bss0100 4 pl 0100\r\n" + kStx + "Headline=\r\nText cut sh", "no ETX");
  ExpectMalformed("ZCZC APP0311 2 ec 0198\r\n^Headline=\r\nText cut sh", "no NNNN");
  ExpectMalformed("ZCZC APP0311 2 ec 0198\r\n" + kStx + "Text\r\nNNNN", "no ETX");
}

TEST(IptcMalformedTest, NoText) {
  ExpectMalformed(Item("bss0100 4 pl 0100", ""), "no story text");
  ExpectMalformed(Item("bss0100 4 pl 0100", "\r\n=\r\n031530 NOV 25\r\n"), "no story text");
  ExpectMalformed("ZCZC APP0311 2 ec 0198\r\n$ec\r\n:Budget\r\n101630 JUN 25\r\nNNNN",
                  "no story text");
}

TEST(IptcParseTest, HeadlineOnlyFlashIsKept) {
  Verdict v;
  Record r = Parse(Item("AFP 0214 1 pol 0008", "Pakistan's prime minister resigns=\r\n"), &v);
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(r.urgency, "flash");
  EXPECT_EQ(*r.headline, "Pakistan's prime minister resigns");
  EXPECT_EQ(r.text, "Pakistan's prime minister resigns");
}

TEST(IptcMalformedTest, EndLineOnTheZczcLine) {
  ExpectMalformed("ZCZC 291245 OCT 25\nNNNN", "no story text");
  ExpectMalformed("ZCZC\n291245 OCT 25\nNNNN", "no story text");
  ExpectMalformed("ZCZC\nNNNN", "no story text");
}

TEST(IptcMalformedTest, EveryTruncationIsHandled) {
  const std::string items[] = {
      Item(kHeader, kText),
      "ZCZC\r\nAPP0311 2 ec 0198\r\n$ec\r\n:Budget\r\n^Budget=\r\nText.\r\n101630 JUN 25\r\nNNNN"};
  for (const std::string& item : items) {
    for (size_t n = 0; n <= item.size(); ++n) {
      Verdict v;
      Record r = Parse(item.substr(0, n), &v);
      if (v.ok()) {
        EXPECT_FALSE(r.text.empty());
      } else {
        EXPECT_EQ(v.code, ErrorCode::kMalformedItem);
      }
    }
  }
}

TEST(IptcMalformedTest, RandomAndMutatedBytesNeverCrash) {
  std::mt19937 rng(1312);
  const std::string item = Item(kHeader, kText);
  const std::string alphabet = kSoh + kStx + kEtx + kEot + "\r\n\t =$:^+/ZCN0123456789OCT" +
                               "plab\xE9\xC3\xA9";
  for (int round = 0; round < 3000; ++round) {
    std::string input;
    if (round % 2 == 0) {
      const size_t len = rng() % 400;
      for (size_t k = 0; k < len; ++k) {
        input.push_back(round % 4 == 0 ? static_cast<char>(rng() & 0xFF)
                                       : alphabet[rng() % alphabet.size()]);
      }
      if (round % 8 == 2) input = "ZCZC" + input;
      if (round % 8 == 6) input = kSoh + input;
    } else {
      input = item;
      const int edits = 1 + static_cast<int>(rng() % 8);
      for (int e = 0; e < edits && !input.empty(); ++e) {
        const size_t at = rng() % input.size();
        switch (rng() % 3) {
          case 0: input[at] = alphabet[rng() % alphabet.size()]; break;
          case 1: input.erase(at, 1 + rng() % 10); break;
          default: input.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
        }
      }
    }
    Verdict v;
    Record r = Parse(input, &v);
    Iptc7901Parser().Sniff(input);
    if (v.ok()) {
      EXPECT_FALSE(r.text.empty());
    } else {
      EXPECT_EQ(v.code, ErrorCode::kMalformedItem);
    }
  }
}

}  // namespace
}  // namespace dateline
