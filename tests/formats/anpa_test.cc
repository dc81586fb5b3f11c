#include "formats/anpa.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "core/verdict.h"
#include "formats/iptc7901.h"

namespace dateline {
namespace {

// Framing bytes, kept apart from the text so that no "\x02B" escape swallows a letter.
const std::string kSyn = "\x16";
const std::string kSoh = "\x01";
const std::string kStx = "\x02";
const std::string kEtx = "\x03";
const std::string kEot = "\x04";
const std::string kUs = "\x1F";
const std::string kBodyText = "\x13\x11";  // DC3 DC1: format identifier "body, text"

// An ANPA-1312 item: SYN SYN SOH header STX text ETX trailer EOT.
std::string Item(const std::string& header, const std::string& text,
                 const std::string& trailer = "AP-NY-10-29-25 0812EDT") {
  return kSyn + kSyn + kSoh + header + "\r\n" + kStx + text + kEtx + "\r\n" + trailer + "\r\n" +
         kEot;
}

const std::string kHeader = "a0748" + kUs + "apn\r\nr i" + kBodyText +
                            " BC-Pakistan-Talks 1stLd-Writethru a0702 10-29 0431";

const std::string kText =
    "BC-Pakistan-Talks, 1st Ld-Writethru,0431\r\n"
    "Eds: UPDATES with minister's comments. With AP Photos.\r\n"
    "Pakistan and India agree to resume talks on river waters\r\n"
    "By MUNIR AHMED\r\n"
    "Associated Press Writer\r\n"
    "\tISLAMABAD (AP) _ Pakistan and India agreed on Wednesday to resume talks\r\n"
    "on sharing the waters of the Indus basin, officials in both capitals said.\r\n"
    "\tThe talks, the first in two years, will open next month in Lahore _ a city\r\n"
    "close to the border _ the Foreign Office said.\r\n"
    "\t\"We are ready,\" the minister told reporters.\r\n"
    "AP-NY-10-29-25 0812EDT\r\n";

Record Parse(const std::string& input, Verdict* verdict = nullptr) {
  Record record;
  Verdict v = Anpa1312Parser().Parse(input, record);
  if (verdict != nullptr) *verdict = v;
  return record;
}

// ---------------------------------------------------------------------------
// Sniffing

TEST(AnpaSniffTest, RecognizesAnpaHeaders) {
  const Anpa1312Parser parser;
  EXPECT_GE(parser.Sniff(Item(kHeader, kText)), 90);
  EXPECT_GE(parser.Sniff(kSoh + "a0123 b f BC-Rupee-Slide 10-29 0210\r\n" + kStx + "x" + kEtx), 80);
  // Without SYN, after a line feed.
  EXPECT_GE(parser.Sniff("\r\n" + kSoh + "s0001 u s AM-Cricket 03-02 0300\n" + kStx), 80);
}

TEST(AnpaSniffTest, RejectsOtherInputs) {
  const Anpa1312Parser parser;
  EXPECT_EQ(parser.Sniff(""), 0);
  EXPECT_EQ(parser.Sniff("ISLAMABAD (AP) _ Pakistan and India agreed on Wednesday."), 0);
  EXPECT_EQ(parser.Sniff("<?xml version=\"1.0\"?><nitf><head/></nitf>"), 0);
  EXPECT_EQ(parser.Sniff("{\"uri\": \"urn:x\", \"headline\": \"Talks\"}"), 0);
  EXPECT_EQ(parser.Sniff("ZCZC AFP0417 3 pol 0412\nText\nNNNN"), 0);
  // SOH far from the start is not framing.
  EXPECT_EQ(parser.Sniff(std::string(100, 'x') + kSoh + "a0748 r i BC-X 10-29 0100"), 0);
}

TEST(AnpaSniffTest, LeavesIptcHeadersToTheIptcParser) {
  const std::string iptc =
      kSoh + "bkn014 4 pl 171 vvvvb\r\nPakistan/Floods\r\n" + kStx + "x" + kEtx;
  EXPECT_LT(Anpa1312Parser().Sniff(iptc), 30);
  EXPECT_GT(Iptc7901Parser().Sniff(iptc), Anpa1312Parser().Sniff(iptc));
  const std::string anpa = Item(kHeader, kText);
  EXPECT_GT(Anpa1312Parser().Sniff(anpa), Iptc7901Parser().Sniff(anpa));
}

// ---------------------------------------------------------------------------
// A full item

TEST(AnpaParseTest, ReadsEveryField) {
  Verdict v;
  Record r = Parse(Item(kHeader, kText), &v);
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(r.format, "anpa1312");
  EXPECT_EQ(r.urgency, "normal");
  ASSERT_TRUE(r.slug);
  EXPECT_EQ(*r.slug, "Pakistan-Talks");
  ASSERT_EQ(r.subjects.size(), 1u);
  EXPECT_EQ(r.subjects[0].code, "anpa:i");
  EXPECT_EQ(r.subjects[0].name, "international");
  ASSERT_TRUE(r.version);
  EXPECT_EQ(r.version->label, "1st Ld-Writethru");
  EXPECT_EQ(r.version->kind, "writethru");
  EXPECT_EQ(r.version->number, 1);
  ASSERT_TRUE(r.headline);
  EXPECT_EQ(*r.headline, "Pakistan and India agree to resume talks on river waters");
  ASSERT_TRUE(r.byline);
  EXPECT_EQ(*r.byline, "MUNIR AHMED");
  EXPECT_EQ(r.published, "2025-10-29T12:12:00Z");
  EXPECT_EQ(r.text,
            "ISLAMABAD (AP) \xE2\x80\x94 Pakistan and India agreed on Wednesday to resume talks on "
            "sharing the waters of the Indus basin, officials in both capitals said.\n\n"
            "The talks, the first in two years, will open next month in Lahore \xE2\x80\x94 a city "
            "close to the border \xE2\x80\x94 the Foreign Office said.\n\n"
            "\"We are ready,\" the minister told reporters.");
  EXPECT_TRUE(r.keywords.empty());
  ASSERT_EQ(r.credits.size(), 1u);
  EXPECT_EQ(r.credits[0].kind, "advisory");
  EXPECT_EQ(r.credits[0].text, "Eds: UPDATES with minister's comments. With AP Photos.");
  EXPECT_FALSE(r.dateline);  // left to DatelineStage
  EXPECT_FALSE(r.agency);
}

TEST(AnpaParseTest, HeaderVersionWhenTheTextHasNone) {
  const std::string text =
      "BC-Pakistan-Talks,0431\r\nTalks resume\r\n"
      "\tISLAMABAD (AP) _ Talks resumed on Wednesday.\r\n";
  Record r = Parse(Item(kHeader, text));
  ASSERT_TRUE(r.version);
  EXPECT_EQ(r.version->label, "1stLd-Writethru");
  EXPECT_EQ(r.version->kind, "writethru");
  EXPECT_EQ(r.version->number, 1);
}

TEST(AnpaParseTest, NoVersionWhenNeitherGivesOne) {
  const std::string header = "a0701 r i" + kBodyText + " BC-Pakistan-Talks  a0650 10-29 0431";
  Record r = Parse(Item(header, "Talks resume\r\n\tISLAMABAD (AP) _ Talks resumed today.\r\n"));
  EXPECT_FALSE(r.version);
  ASSERT_TRUE(r.slug);
  EXPECT_EQ(*r.slug, "Pakistan-Talks");
}

TEST(AnpaParseTest, KeywordFromTheTextWhenTheHeaderHasNone) {
  const std::string text =
      "AM-Cricket-Lahore, 2nd Ld\r\nHosts win\r\n\tLAHORE, Pakistan (AP) _ The hosts won.\r\n";
  Record r = Parse(Item("s0001", text));
  ASSERT_TRUE(r.slug);
  EXPECT_EQ(*r.slug, "Cricket-Lahore");
  ASSERT_TRUE(r.version);
  EXPECT_EQ(r.version->kind, "lead");
  EXPECT_EQ(r.version->number, 2);
  EXPECT_EQ(r.urgency, "");
  EXPECT_TRUE(r.subjects.empty());
}

struct PriorityCase {
  char letter;
  const char* urgency;
};

class AnpaPriorityTest : public ::testing::TestWithParam<PriorityCase> {};

TEST_P(AnpaPriorityTest, MapsToUrgency) {
  const std::string header =
      std::string("a0100 ") + GetParam().letter + " a" + kBodyText + " BC-Test 10-29 0100";
  Verdict v;
  Record r = Parse(Item(header, "\tKARACHI (AP) _ Something happened.\r\n"), &v);
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(r.urgency, GetParam().urgency);
  ASSERT_EQ(r.subjects.size(), 1u);
  EXPECT_EQ(r.subjects[0].code, "anpa:a");
  EXPECT_EQ(r.subjects[0].name, "domestic");
}

INSTANTIATE_TEST_SUITE_P(
    AllLetters, AnpaPriorityTest,
    ::testing::Values(PriorityCase{'f', "flash"}, PriorityCase{'b', "bulletin"},
                      PriorityCase{'u', "urgent"}, PriorityCase{'r', "normal"},
                      PriorityCase{'d', "deferred"}, PriorityCase{'a', "deferred"},
                      PriorityCase{'z', ""}, PriorityCase{'R', "normal"}));

TEST(AnpaParseTest, UnknownCategoryKeepsItsLetterWithoutAName) {
  Record r = Parse(Item("a0100 r x BC-Test 10-29 0100", "\tKARACHI (AP) _ Text here.\r\n"));
  ASSERT_EQ(r.subjects.size(), 1u);
  EXPECT_EQ(r.subjects[0].code, "anpa:x");
  EXPECT_EQ(r.subjects[0].name, "");
}

// ---------------------------------------------------------------------------
// The text

TEST(AnpaParseTest, UnindentedTextKeepsBlocksAndLeavesLineJoinsToCleaning) {
  const std::string text =
      "BC-Floods,0120\r\n"
      "Floods cut off Swat valley\r\n"
      "\r\n"
      "PESHAWAR, Pakistan (AP) _ Floods cut off villages\r\n"
      "in the Swat valley on Tuesday.\r\n"
      "\r\n"
      "Rescue teams reached some of them by boat.\r\n";
  Record r = Parse(Item("a0200 u i BC-Floods 08-12 0120", text));
  ASSERT_TRUE(r.headline);
  EXPECT_EQ(*r.headline, "Floods cut off Swat valley");
  EXPECT_EQ(r.text,
            "PESHAWAR, Pakistan (AP) \xE2\x80\x94 Floods cut off villages\nin the Swat valley on "
            "Tuesday.\n\nRescue teams reached some of them by boat.");
}

TEST(AnpaParseTest, UnindentedTextWithoutHeadline) {
  const std::string text =
      "QUETTA, Pakistan (AP) _ A quake shook the city on Friday.\r\n\r\n"
      "No damage was reported.\r\n";
  Record r = Parse(Item("a0201 r a BC-Quake 08-12 0020", text));
  EXPECT_FALSE(r.headline);
  EXPECT_EQ(r.text,
            "QUETTA, Pakistan (AP) \xE2\x80\x94 A quake shook the city on Friday.\n\n"
            "No damage was reported.");
}

TEST(AnpaParseTest, FirstLineOfAWrappedParagraphIsNotAHeadline) {
  const std::string text =
      "The provincial government said on Friday that schools would\r\n"
      "stay closed for another week because of the heat.\r\n";
  Record r = Parse(Item("a0202 r a BC-Heat 06-12 0020", text));
  EXPECT_FALSE(r.headline);
  EXPECT_EQ(r.text,
            "The provincial government said on Friday that schools would\nstay closed for another "
            "week because of the heat.");
}

TEST(AnpaParseTest, TypesettingMarksAndTagLinesAreDropped) {
  const std::string text =
      "^Rupee-Markets, 2nd Writethru@<\r\n"
      "code:2<\r\n"
      "^INDEX: Economy, Business@<\r\n"
      "^HL:Rupee slides to record low@<\r\n"
      "^By Sana Jamal@<\r\n"
      "^THE CANADIAN PRESS@<\r\n"
      "\t   KARACHI _ The rupee fell to a record low on Monday<\r\n"
      "as importers bought dollars.<\r\n";
  Record r = Parse(Item("f1488" + kUs + "cpstf\r\nr b" + kBodyText +
                            " Rupee-Markets 2ndWritethru TB06 10-27 0588",
                        text, "16:35ET 27-10-25"));
  ASSERT_TRUE(r.headline);
  EXPECT_EQ(*r.headline, "Rupee slides to record low");
  ASSERT_TRUE(r.byline);
  EXPECT_EQ(*r.byline, "Sana Jamal");
  ASSERT_TRUE(r.slug);
  EXPECT_EQ(*r.slug, "Rupee-Markets");
  ASSERT_TRUE(r.version);
  EXPECT_EQ(r.version->label, "2nd Writethru");
  EXPECT_EQ(r.version->number, 2);
  EXPECT_EQ(r.text, "KARACHI \xE2\x80\x94 The rupee fell to a record low on Monday as importers "
                    "bought dollars.");
  EXPECT_EQ(r.published, "");  // "ET" says neither standard nor daylight time
  ASSERT_EQ(r.credits.size(), 0u);
}

TEST(AnpaParseTest, UpdateTagLineIsAnAdvisory) {
  Record r = Parse(Item("a0001 r f BC-Rupee 10-27 0010",
                        "^Update:ADDS closing rate@<\r\n\tKARACHI _ The rupee fell.\r\n"));
  ASSERT_EQ(r.credits.size(), 1u);
  EXPECT_EQ(r.credits[0].text, "Update:ADDS closing rate");
  EXPECT_EQ(r.text, "KARACHI \xE2\x80\x94 The rupee fell.");
}

TEST(AnpaParseTest, LargeItemIsReadInOnePass) {
  std::string text = "Headline\r\n";
  for (int i = 0; i < 20000; ++i) {
    text += "\tPESHAWAR (AP) _ A paragraph of wire copy, number one of many.\r\n";
  }
  text += std::string(200000, 'x') + "\r\n";  // one very long line
  Verdict v;
  Record r = Parse(Item("a0001 r a BC-Big 10-27 9999", text), &v);
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(*r.headline, "Headline");
  EXPECT_GT(r.text.size(), 1000000u);
}

TEST(AnpaParseTest, UnderscoresInsideWordsStay) {
  Record r = Parse(Item("a0300 r a BC-Web 10-29 0010",
                        "\tLAHORE (AP) _ Write to press_office@example.org _ today.\r\n"));
  EXPECT_EQ(r.text,
            "LAHORE (AP) \xE2\x80\x94 Write to press_office@example.org \xE2\x80\x94 today.");
}

TEST(AnpaParseTest, EndMarksAndStampBeforeEtxAreLeftOut) {
  const std::string text =
      "\tMULTAN, Pakistan (AP) _ Temperatures reached 50 degrees.\r\n"
      "(MORE)\r\n"
      "AP-DS-06-02-25 1540GMT\r\n"
      "\r\n";
  Record r = Parse(Item("a0400 r a BC-Heat 06-02 0010", text, ""));
  EXPECT_EQ(r.text, "MULTAN, Pakistan (AP) \xE2\x80\x94 Temperatures reached 50 degrees.");
  EXPECT_EQ(r.published, "2025-06-02T15:40:00Z");
}

TEST(AnpaParseTest, StampAfterEtxWinsAndItsZoneIsApplied) {
  Record r = Parse(Item("a0401 r a BC-Heat 12-31 0010",
                        "\tKARACHI (AP) _ Heat.\r\nAP-NY-12-31-25 2130EST\r\n",
                        "AP-NY-12-31-25 2145EST"));
  EXPECT_EQ(r.published, "2026-01-01T02:45:00Z");
}

TEST(AnpaParseTest, StampDayBeforeMonthFollowsTheFilingDate) {
  Record a = Parse(Item("a0402 r a BC-Heat 10-03 0010", "\tKARACHI (AP) _ Heat.\r\n",
                        "CP-03-10-25 0800GMT"));
  EXPECT_EQ(a.published, "2025-10-03T08:00:00Z");
  Record b = Parse(Item("a0403 r a BC-Heat 10-03 0010", "\tKARACHI (AP) _ Heat.\r\n",
                        "AP-10-03-25 0800GMT"));
  EXPECT_EQ(b.published, "2025-10-03T08:00:00Z");
  // A stamp in Pakistan Standard Time.
  Record c = Parse(Item("a0404 r a BC-Heat 10-03 0010", "\tKARACHI (AP) _ Heat.\r\n",
                        "APP-KHI-10-03-25 0300 PKT"));
  EXPECT_EQ(c.published, "2025-10-02T22:00:00Z");
}

TEST(AnpaParseTest, StampWithoutYearOrZoneGivesNoTime) {
  Record a = Parse(Item("a0405 r a BC-Heat 10-03 0010", "\tKARACHI (AP) _ Heat.\r\n",
                        "AP-NY-10-03 0800EDT"));
  EXPECT_EQ(a.published, "");
  EXPECT_EQ(a.text, "KARACHI (AP) \xE2\x80\x94 Heat.");
  Record b = Parse(Item("a0406 r a BC-Heat 10-03 0010", "\tKARACHI (AP) _ Heat.\r\n",
                        "AP-NY-10-03-25 0800"));
  EXPECT_EQ(b.published, "");
}

TEST(AnpaParseTest, Latin1BytesAreReadAsWindows1252) {
  const std::string text = "\tKARACHI (AP) _ The caf\xE9 on Zamzama Street reopened.\r\n";
  Verdict v;
  Record r = Parse(Item("a0500 r l BC-Cafe 10-29 0010", text), &v);
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(r.text, "KARACHI (AP) \xE2\x80\x94 The caf\xC3\xA9 on Zamzama Street reopened.");
}

TEST(AnpaParseTest, SecondItemInThePayloadIsIgnored) {
  const std::string two = Item(kHeader, kText) + Item("a0999 b i BC-Other 10-29 0010",
                                                      "\tDHAKA (AP) _ Another story.\r\n");
  Record r = Parse(two);
  EXPECT_EQ(r.text.find("DHAKA"), std::string::npos);
  EXPECT_EQ(r.urgency, "normal");
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

TEST(AnpaMalformedTest, MissingFraming) {
  ExpectMalformed("ISLAMABAD (AP) _ Plain text is not ANPA.", "no SOH");
  ExpectMalformed("", "no SOH");
  ExpectMalformed(kSyn + kSyn + kSoh + "a0748 r i BC-Talks 10-29 0431\r\n", "no STX");
  ExpectMalformed(kSyn + kSyn + kSoh + "a0748 r i BC-Talks 10-29 0431\r\n" + kStx +
                      "\tISLAMABAD (AP) _ Cut off in the mid",
                  "no ETX");
}

TEST(AnpaMalformedTest, EmptyText) {
  ExpectMalformed(Item(kHeader, ""), "no story text");
  ExpectMalformed(Item(kHeader, "\r\n  \r\n\t\r\n"), "no story text");
  // Only header lines and a stamp.
  ExpectMalformed(Item(kHeader, "BC-Pakistan-Talks,0431\r\nEds: Moving later.\r\n"
                                "AP-NY-10-29-25 0812EDT\r\n"),
                  "no story text");
}

TEST(AnpaParseTest, HeadlineOnlyFlashIsKept) {
  Verdict v;
  Record r = Parse(Item("a0001 f i BC-Pakistan-PM 10-29 0005",
                        "BC-Pakistan-PM, FLASH\r\nPakistan's prime minister resigns\r\n"),
                   &v);
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(r.urgency, "flash");
  EXPECT_EQ(*r.headline, "Pakistan's prime minister resigns");
  EXPECT_EQ(r.text, "Pakistan's prime minister resigns");
}

TEST(AnpaMalformedTest, EveryTruncationIsHandled) {
  const std::string item = Item(kHeader, kText);
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

TEST(AnpaMalformedTest, RandomAndMutatedBytesNeverCrash) {
  std::mt19937 rng(7901);
  const std::string item = Item(kHeader, kText);
  const std::string alphabet = kSoh + kStx + kEtx + kEot + kSyn + kUs + "\r\n\t _-:()^<@=" +
                               "abfruBC0123456789AP\xE9\xC3\xA9\xE2\x80\x94";
  for (int round = 0; round < 3000; ++round) {
    std::string input;
    if (round % 2 == 0) {
      const size_t len = rng() % 400;
      for (size_t k = 0; k < len; ++k) {
        input.push_back(round % 4 == 0 ? static_cast<char>(rng() & 0xFF)
                                       : alphabet[rng() % alphabet.size()]);
      }
      if (round % 8 == 2) input = kSoh + input;
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
    Anpa1312Parser().Sniff(input);
    if (v.ok()) {
      EXPECT_FALSE(r.text.empty());
    } else {
      EXPECT_EQ(v.code, ErrorCode::kMalformedItem);
    }
  }
}

// ---------------------------------------------------------------------------
// Shared helpers

TEST(WireParseVersionTest, ClassifiesLabels) {
  struct Case {
    const char* label;
    const char* kind;
    int number;
  };
  const Case cases[] = {
      {"1st Writethru", "writethru", 1}, {"2nd Ld", "lead", 2},
      {"1stLd-Writethru", "writethru", 1}, {"3rd Ld-Writethru", "writethru", 3},
      {"Correction", "correction", 0},   {"CORRECTED", "correction", 0},
      {"UPDATE 2", "update", 2},         {"Update2", "update", 2},
      {"2nd Add", "update", 2},          {"Kill", "kill", 0},
      {"REFILE", "refile", 0},           {"RPT", "repeat", 0},
      {"WRAPUP 6", "wrapup", 6},         {"(LEAD)", "lead", 0},
      {"2nd LD", "lead", 2},             {"Withdrawn", "withdrawn", 0},
  };
  for (const Case& c : cases) {
    auto v = wire::ParseVersion(c.label);
    ASSERT_TRUE(v) << c.label;
    EXPECT_EQ(v->label, c.label);
    EXPECT_EQ(v->kind, c.kind) << c.label;
    EXPECT_EQ(v->number, c.number) << c.label;
  }
  EXPECT_FALSE(wire::ParseVersion(""));
  EXPECT_FALSE(wire::ParseVersion("Pakistan-Talks"));
  EXPECT_FALSE(wire::ParseVersion("a0702"));
  EXPECT_FALSE(wire::ParseVersion("Urgent"));
  EXPECT_FALSE(wire::ParseVersion("10-29"));
}

TEST(WireIsoUtcTest, AppliesTheOffsetAcrossDays) {
  EXPECT_EQ(wire::IsoUtc(2025, 10, 29, 8, 12, -240), "2025-10-29T12:12:00Z");
  EXPECT_EQ(wire::IsoUtc(2025, 3, 1, 2, 0, 330), "2025-02-28T20:30:00Z");
  EXPECT_EQ(wire::IsoUtc(2024, 2, 29, 0, 0, 0), "2024-02-29T00:00:00Z");
  EXPECT_EQ(wire::IsoUtc(2025, 2, 29, 0, 0, 0), "");
  EXPECT_EQ(wire::IsoUtc(2025, 13, 1, 0, 0, 0), "");
  EXPECT_EQ(wire::IsoUtc(2025, 1, 1, 24, 0, 0), "");
}

TEST(WireSplitLinesTest, AllLineEndings) {
  const auto lines = wire::SplitLines("a\r\nb\rc\nd\r\r\ne");
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "a");
  EXPECT_EQ(lines[1], "b");
  EXPECT_EQ(lines[2], "c");
  EXPECT_EQ(lines[3], "d");
  EXPECT_EQ(lines[4], "e");
}

TEST(WireLooksLikeDatelineTest, Styles) {
  EXPECT_TRUE(wire::LooksLikeDateline("ISLAMABAD (AP) _ Pakistan said"));
  EXPECT_TRUE(wire::LooksLikeDateline("PESHAWAR, Pakistan (AP) _ Floods"));
  EXPECT_TRUE(wire::LooksLikeDateline("KARACHI, Oct 29 (Reuters) - The rupee"));
  EXPECT_TRUE(wire::LooksLikeDateline("LAHORE: The city"));
  EXPECT_TRUE(wire::LooksLikeDateline("KARACHI _ The rupee"));
  EXPECT_TRUE(wire::LooksLikeDateline("NEW DELHI \xE2\x80\x94 The court"));
  EXPECT_FALSE(wire::LooksLikeDateline("Pakistan and India agree to resume talks"));
  EXPECT_FALSE(wire::LooksLikeDateline("PAKISTAN, INDIA AGREE TO TALKS"));
  EXPECT_FALSE(wire::LooksLikeDateline("The rupee (PKR) fell"));
  EXPECT_FALSE(wire::LooksLikeDateline(""));
}

}  // namespace
}  // namespace dateline
