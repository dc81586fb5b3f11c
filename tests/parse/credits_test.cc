#include "parse/credits.h"

#include <gtest/gtest.h>

namespace dateline {
namespace {

std::shared_ptr<const AgencyTable> Agencies() {
  std::string error;
  auto t = AgencyTable::LoadFile(DATELINE_SOURCE_DIR "/config/agencies.yaml", &error);
  EXPECT_TRUE(t) << error;
  return std::make_shared<const AgencyTable>(std::move(*t));
}

Record WithText(const std::string& text) {
  Record r = RecordFromBytes("x");
  r.text = text;
  return r;
}

TEST(CreditsTest, HeadlineVersionTags) {
  struct Case {
    const char* in;
    const char* out;
    const char* label;
    const char* kind;
    int number;
  };
  for (const Case& c : {Case{"UPDATE 2-Talks fail in Istanbul", "Talks fail in Istanbul", "UPDATE 2", "update", 2},
                        Case{"WRAPUP 6-Floods hit north", "Floods hit north", "WRAPUP 6", "wrapup", 6},
                        Case{"REFILE-Port reopens", "Port reopens", "REFILE", "refile", 0},
                        Case{"RPT-Port reopens", "Port reopens", "RPT", "repeat", 0},
                        Case{"CORRECTED-Minister resigns", "Minister resigns", "CORRECTED", "correction", 0},
                        Case{"(LEAD) Talks resume", "Talks resume", "(LEAD)", "lead", 1},
                        Case{"(2nd LD) Talks resume", "Talks resume", "(2nd LD)", "lead", 2}}) {
    Record r;
    std::string h = c.in;
    TakeHeadlineTags(&h, &r);
    EXPECT_EQ(h, c.out) << c.in;
    ASSERT_TRUE(r.version) << c.in;
    EXPECT_EQ(r.version->label, c.label);
    EXPECT_EQ(r.version->kind, c.kind);
    EXPECT_EQ(r.version->number, c.number);
  }
}

TEST(CreditsTest, HeadlineUrgencyTags) {
  Record r;
  std::string h = "URGENT: Blast in city centre";
  TakeHeadlineTags(&h, &r);
  EXPECT_EQ(h, "Blast in city centre");
  EXPECT_EQ(r.urgency, "urgent");
  EXPECT_FALSE(r.version);
  std::string plain = "Blast: what we know";
  Record q;
  TakeHeadlineTags(&plain, &q);
  EXPECT_EQ(plain, "Blast: what we know") << "only known tags are taken";
}

TEST(CreditsTest, ReutersClosingCredits) {
  Record r = WithText("The port reopened.\n\nTraffic resumed.\n\n(Reporting by Asif Shah in Karachi; Additional "
                      "reporting by Mei Lin; Editing by Tom Hogue)");
  ASSERT_TRUE(CreditsStage(Agencies()).Process(r).ok());
  EXPECT_EQ(r.text, "The port reopened.\n\nTraffic resumed.");
  ASSERT_EQ(r.credits.size(), 3u);
  EXPECT_EQ(r.credits[0].kind, "reporting");
  EXPECT_EQ(r.credits[0].text, "Reporting by Asif Shah in Karachi");
  EXPECT_EQ(r.credits[1].kind, "reporting");
  EXPECT_EQ(r.credits[2].kind, "editing");
  EXPECT_EQ(r.urgency, "normal");
}

TEST(CreditsTest, SignoffsCopyrightAndInlineAgency) {
  Record r = WithText("Rain fell.\n\nMore rain is expected.\n\n-- AP\n\n(c) 2025 Example Media. All rights reserved.");
  ASSERT_TRUE(CreditsStage(Agencies()).Process(r).ok());
  EXPECT_EQ(r.text, "Rain fell.\n\nMore rain is expected.");
  ASSERT_EQ(r.credits.size(), 2u);
  EXPECT_EQ(r.credits[0].kind, "signoff");
  EXPECT_EQ(r.credits[1].kind, "copyright");
  ASSERT_TRUE(r.agency) << "the sign-off names the agency when the dateline did not";
  EXPECT_EQ(r.agency->code, "AP");

  Record glued = WithText("The minister inaugurated the new bridge on Monday, officials said.\xE2\x80\x94" "APP");
  ASSERT_TRUE(CreditsStage(Agencies()).Process(glued).ok());
  EXPECT_EQ(glued.text, "The minister inaugurated the new bridge on Monday, officials said.");
  ASSERT_TRUE(glued.agency);
  EXPECT_EQ(glued.agency->code, "APP");
}

TEST(CreditsTest, ClosingCreditsAreFoundWhateverTheParagraphLengths) {
  // The last paragraph break is searched for backwards, 16 bytes at a time:
  // credits must come off the same way wherever the breaks fall, and a
  // paragraph with single line feeds stays one paragraph.
  for (size_t n = 0; n < 40; ++n) {
    const std::string body = "Rain fell" + std::string(n, '!') + ".\n\nThe river rose.\nRoads closed" + std::string(n % 7, '.');
    Record r = WithText(body + "\n\n(Reporting by A. Writer; Editing by B. Editor)\n\n-- AP");
    ASSERT_TRUE(CreditsStage(Agencies()).Process(r).ok());
    EXPECT_EQ(r.text, body) << "n " << n;
    ASSERT_EQ(r.credits.size(), 3u) << "n " << n;
    EXPECT_EQ(r.credits[2].text, "-- AP");
  }
}

TEST(CreditsTest, StaffInitialsDeskCodesAndContributorLines) {
  // PTI's agency code and staff initials, on their own line or glued after the last sentence.
  Record pti = WithText("The next hearing is on December 3. PTI ABC DEF");
  ASSERT_TRUE(CreditsStage(Agencies()).Process(pti).ok());
  EXPECT_EQ(pti.text, "The next hearing is on December 3.");
  ASSERT_EQ(pti.credits.size(), 1u);
  EXPECT_EQ(pti.credits[0].text, "PTI ABC DEF");
  ASSERT_TRUE(pti.agency);
  EXPECT_EQ(pti.agency->code, "PTI");

  Record line = WithText("The court adjourned.\n\nPTI SKU RT");
  ASSERT_TRUE(CreditsStage(Agencies()).Process(line).ok());
  EXPECT_EQ(line.text, "The court adjourned.");
  ASSERT_EQ(line.credits.size(), 1u);
  EXPECT_EQ(line.credits[0].kind, "signoff");

  // Xinhua's end mark, AFP's desk initials, AP's contributor line.
  Record xinhua = WithText("Profits rose 2.1 percent. Enditem");
  ASSERT_TRUE(CreditsStage(Agencies()).Process(xinhua).ok());
  EXPECT_EQ(xinhua.text, "Profits rose 2.1 percent.");
  Record afp = WithText("Unions called a strike.\n\nburs-jh/sst");
  ASSERT_TRUE(CreditsStage(Agencies()).Process(afp).ok());
  EXPECT_EQ(afp.text, "Unions called a strike.");
  Record ap = WithText("The office opened an inquiry.\n\nAssociated Press writer Kevin Freking contributed to this report.");
  ASSERT_TRUE(CreditsStage(Agencies()).Process(ap).ok());
  EXPECT_EQ(ap.text, "The office opened an inquiry.");
  ASSERT_EQ(ap.credits.size(), 1u);
  EXPECT_EQ(ap.credits[0].kind, "reporting");

  // Ordinary endings stay: capitals that are no initials after an agency, a slash in prose.
  for (const std::string text : {"He met the heads of PTI and PML-N.", "The vote was 52-47. PTI LEADERS WALKED OUT",
                                 "Prices rose.\n\nand/or fell", "Analysts said costs contributed to the loss."}) {
    Record r = WithText(text);
    ASSERT_TRUE(CreditsStage(Agencies()).Process(r).ok());
    EXPECT_EQ(r.text, text);
    EXPECT_TRUE(r.credits.empty()) << text;
  }
}

TEST(CreditsTest, BloombergContactLines) {
  Record r = WithText(
      "Oil rose for a third day.\n\nTo contact the reporter on this story: Ana Rivera in Singapore at "
      "arivera1@bloomberg.net\n\nTo contact the editor responsible for this story: Tom Baker at tbaker@bloomberg.net");
  ASSERT_TRUE(CreditsStage(Agencies()).Process(r).ok());
  EXPECT_EQ(r.text, "Oil rose for a third day.");
  ASSERT_EQ(r.credits.size(), 2u);
  EXPECT_EQ(r.credits[0].kind, "contact");
  EXPECT_EQ(r.credits[0].text,
            "To contact the reporter on this story: Ana Rivera in Singapore at arivera1@bloomberg.net");
  EXPECT_EQ(r.credits[1].kind, "contact");
}

TEST(CreditsTest, KeepsOrdinaryEndings) {
  const std::string text = "He said the PTI would protest.\n\nThe party, known as PTI, disagreed (sources said).";
  Record r = WithText(text);
  ASSERT_TRUE(CreditsStage(Agencies()).Process(r).ok());
  EXPECT_EQ(r.text, text);
  EXPECT_TRUE(r.credits.empty());
  EXPECT_FALSE(r.agency);
}

TEST(CreditsTest, AdvisoriesAndCorrections) {
  Record r = WithText("(Corrects spelling of minister's name in paragraph 3)\n\nThe talks resumed.");
  ASSERT_TRUE(CreditsStage(Agencies()).Process(r).ok());
  EXPECT_EQ(r.text, "The talks resumed.");
  ASSERT_TRUE(r.corrects);
  EXPECT_EQ(*r.corrects, "spelling of minister's name in paragraph 3");
  ASSERT_TRUE(r.version);
  EXPECT_EQ(r.version->kind, "correction");
  ASSERT_EQ(r.credits.size(), 1u);
  EXPECT_EQ(r.credits[0].kind, "advisory");
}

}  // namespace
}  // namespace dateline
