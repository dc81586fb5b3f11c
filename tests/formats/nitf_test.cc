// NitfParser and the shared XML helpers (formats/xml.h). Every document here
// is invented for the tests.
#include "formats/nitf.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "formats/xml.h"

namespace dateline {
namespace {

// A full NITF 3.6 item: every field the parser reads.
constexpr char kFull[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- exported by the desk system -->
<!DOCTYPE nitf PUBLIC "-//IPTC//DTD NITF 3.6//EN" "http://example.invalid/nitf-3-6.dtd">
<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/" baselang="en-US" uno="uno-0001">
  <head>
    <title>Desk title, not the headline</title>
    <tobject tobject.type="news">
      <tobject.subject tobject.subject.refnum="16000000"
          tobject.subject.type="unrest, conflicts and war"/>
      <tobject.subject tobject.subject.refnum="11006000" tobject.subject.type="politics"
          tobject.subject.matter="government"/>
      <tobject.subject tobject.subject.refnum="16000000" tobject.subject.type="duplicate"/>
    </tobject>
    <docdata management-status="usable">
      <doc-id regsrc="WIRE" id-string="KHI-2025-10-29-0042"/>
      <urgency ed-urg="3"/>
      <date.issue norm="20251029T083000+0500"/>
      <du-key generation="2" part="1" version="3" key="PAKISTAN-PORT"/>
      <doc.copyright year="2025" holder="Reuters"/>
      <key-list>
        <keyword key="ports"/>
        <keyword key="shipping"/>
        <keyword key="ports"/>
      </key-list>
    </docdata>
  </head>
  <body>
    <body.head>
      <hedline>
        <hl1>Karachi port <em>reopens</em> after storm</hl1>
        <hl2>Shipping lines resume calls</hl2>
      </hedline>
      <byline>By <person>Amina Qureshi</person>, <byttl>Reuters staff</byttl></byline>
      <dateline><location><city>KARACHI</city></location>,
        <story.date norm="20251029T000000+0500">Oct 29</story.date></dateline>
      <abstract><p>The abstract is a summary and stays out of the body.</p></abstract>
    </body.head>
    <body.content>
      <p>The port of Karachi reopened on Wednesday after a storm closed it for two days,
         officials said.</p>
      <media media-type="image">
        <media-reference source="photo.jpg"/>
        <media-caption>A caption that must not reach the body.</media-caption>
      </media>
      <block>
        <p>Container ships queued <b>outside</b> <i>the</i> harbour overnight.</p>
        <hl2>Backlog</hl2>
        <p>The backlog should clear by Friday, a port spokesman said.</p>
      </block>
      <table><tr><td>Table cell that must not reach the body</td></tr></table>
    </body.content>
    <body.end><tagline>Reporting by Amina Qureshi; Editing by Tom Hale</tagline></body.end>
  </body>
</nitf>
)";

Record ParseOk(std::string_view input) {
  Record record;
  const Verdict v = NitfParser().Parse(input, record);
  EXPECT_TRUE(v.ok()) << v.reason;
  return record;
}

Verdict ParseVerdict(std::string_view input) {
  Record record;
  return NitfParser().Parse(input, record);
}

// A minimal item around `body_content` (the inside of <body.content>).
std::string Minimal(std::string_view body_content, std::string_view head = "",
                    std::string_view body_head = "") {
  std::string s = "<nitf><head>";
  s += head;
  s += "</head><body><body.head>";
  s += body_head;
  s += "</body.head><body.content>";
  s += body_content;
  s += "</body.content></body></nitf>";
  return s;
}

// xml::CollapseSpace against its definition: XML white space runs become one
// space, none at either end.
TEST(XmlCollapseSpaceTest, AgreesWithCharacterByCharacterDefinition) {
  auto reference = [](std::string_view s) {
    std::string out;
    bool pending = false;
    for (char c : s) {
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        pending = !out.empty();
        continue;
      }
      if (pending) out.push_back(' ');
      pending = false;
      out.push_back(c);
    }
    return out;
  };
  std::mt19937 rng(11);
  const char pieces[] = {'a', 'b', 'c', 'd', ' ', ' ', '\t', '\r', '\n', '.'};
  std::uniform_int_distribution<size_t> pick(0, sizeof pieces - 1);
  for (size_t size = 0; size < 70; ++size) {
    for (int round = 0; round < 50; ++round) {
      std::string s;
      for (size_t i = 0; i < size; ++i) s.push_back(pieces[pick(rng)]);
      ASSERT_EQ(xml::CollapseSpace(s), reference(s)) << '"' << s << '"';
    }
  }
  EXPECT_EQ(xml::CollapseSpace("  The   minister said\n\t so.  "), "The minister said so.");
}

TEST(NitfParserTest, NameIsNitf) { EXPECT_EQ(NitfParser().Name(), "nitf"); }

TEST(NitfParserTest, SniffsTheRootElement) {
  const NitfParser p;
  EXPECT_EQ(p.Sniff(kFull), 100);  // NITF namespace declared
  EXPECT_EQ(p.Sniff("<nitf><head/></nitf>"), 95);
  EXPECT_EQ(p.Sniff("\xEF\xBB\xBF\n  <?xml version=\"1.0\"?>\n<!-- c --><nitf>"), 95);
  EXPECT_EQ(p.Sniff("<!DOCTYPE nitf [<!ENTITY a \"<x>\"> <!-- ] > -->]><nitf>"), 95);
  EXPECT_EQ(p.Sniff("<n:nitf xmlns:n=\"http://iptc.org/std/NITF/2006-10-18/\">"), 100);
  EXPECT_EQ(p.Sniff("<nitf"), 95);  // a truncated start still names the root
  EXPECT_EQ(p.Sniff("<nitfx>"), 0);
  EXPECT_EQ(p.Sniff("<NITF>"), 0);  // XML names are case-sensitive
  EXPECT_EQ(p.Sniff("<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\">"), 0);
  EXPECT_EQ(p.Sniff("<html><body><p>nitf</p></body></html>"), 0);
  EXPECT_EQ(p.Sniff("KARACHI, Oct 29 (Reuters) - <nitf>"), 0);
  EXPECT_EQ(p.Sniff(""), 0);
  EXPECT_EQ(p.Sniff("<"), 0);
  EXPECT_EQ(p.Sniff("<?xml version=\"1.0\""), 0);
  EXPECT_EQ(p.Sniff("<!-- never closed <nitf>"), 0);
}

TEST(NitfParserTest, ReadsEveryField) {
  const Record r = ParseOk(kFull);
  EXPECT_EQ(r.format, "nitf");
  EXPECT_EQ(r.item_id, "KHI-2025-10-29-0042");
  EXPECT_EQ(r.published, "2025-10-29T03:30:00Z");
  EXPECT_EQ(r.urgency, "urgent");
  ASSERT_TRUE(r.headline.has_value());
  EXPECT_EQ(*r.headline, "Karachi port reopens after storm");
  ASSERT_TRUE(r.byline.has_value());
  EXPECT_EQ(*r.byline, "Amina Qureshi");
  ASSERT_TRUE(r.slug.has_value());
  EXPECT_EQ(*r.slug, "PAKISTAN-PORT");
  ASSERT_TRUE(r.version.has_value());
  EXPECT_EQ(r.version->label, "version 3");
  EXPECT_EQ(r.version->kind, "version");
  EXPECT_EQ(r.version->number, 3);
  EXPECT_FALSE(r.corrects.has_value());
  EXPECT_EQ(r.keywords, (std::vector<std::string>{"ports", "shipping"}));
  ASSERT_EQ(r.subjects.size(), 2u);
  EXPECT_EQ(r.subjects[0].code, "subj:16000000");
  EXPECT_EQ(r.subjects[0].name, "unrest, conflicts and war");
  EXPECT_EQ(r.subjects[1].code, "subj:11006000");
  EXPECT_EQ(r.subjects[1].name, "government");  // the most specific level
  ASSERT_TRUE(r.agency.has_value());
  EXPECT_EQ(r.agency->raw, "Reuters");
  EXPECT_EQ(r.agency->code, "");  // resolved later by the agency table
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->raw, "KARACHI, Oct 29");
  EXPECT_EQ(r.dateline->location, "KARACHI");
  EXPECT_EQ(r.dateline->city, "Karachi");
  EXPECT_EQ(r.dateline->date, "2025-10-29");
  EXPECT_EQ(r.dateline->date_source, "metadata");
  EXPECT_EQ(r.language, "en");
  EXPECT_EQ(r.language_source, "metadata");
  EXPECT_EQ(r.text,
            "The port of Karachi reopened on Wednesday after a storm closed it for two days, "
            "officials said.\n\n"
            "Container ships queued outside the harbour overnight.\n\n"
            "Backlog\n\n"
            "The backlog should clear by Friday, a port spokesman said.");
}

TEST(NitfParserTest, LeavesAbstractCaptionsTablesAndTaglineOutOfTheBody) {
  const Record r = ParseOk(kFull);
  EXPECT_EQ(r.text.find("abstract"), std::string::npos);
  EXPECT_EQ(r.text.find("caption"), std::string::npos);
  EXPECT_EQ(r.text.find("Table cell"), std::string::npos);
  EXPECT_EQ(r.text.find("Reporting by"), std::string::npos);
  EXPECT_EQ(r.text.find("Desk title"), std::string::npos);
}

TEST(NitfParserTest, ReadsPrefixedElementsAndAttributes) {
  const Record r = ParseOk(R"(<n:nitf xmlns:n="http://iptc.org/std/NITF/2006-10-18/">
    <n:head><n:docdata><n:doc-id n:id-string="P-1"/><n:urgency n:ed-urg="1"/></n:docdata></n:head>
    <n:body xml:lang="fr-FR"><n:body.head><n:hedline><n:hl1>Titre</n:hl1></n:hedline></n:body.head>
    <n:body.content><n:p>Premier paragraphe.</n:p>
      <n:block><n:p>Second.</n:p></n:block></n:body.content>
    </n:body></n:nitf>)");
  EXPECT_EQ(r.item_id, "P-1");
  EXPECT_EQ(r.urgency, "flash");
  EXPECT_EQ(r.headline.value_or(""), "Titre");
  EXPECT_EQ(r.language, "fr");
  EXPECT_EQ(r.text, "Premier paragraphe.\n\nSecond.");
}

TEST(NitfParserTest, FlattensInlineMarkupInsideParagraphs) {
  const Record r = ParseOk(Minimal(
      "<p>The <em>prime</em> minister&#8217;s <a href=\"http://x.invalid/\">office</a> said"
      "<br/>on <chron norm=\"20251029\">Wednesday</chron> that <person><name.given>Ali"
      "</name.given> <name.family>Raza</name.family></person> &amp; <org>PIA</org> met.</p>"
      "<p>  Spread\n   over\tlines <![CDATA[with <cdata> & text]]>.  </p>"));
  EXPECT_EQ(r.text,
            "The prime minister\xE2\x80\x99s office said on Wednesday that Ali Raza & PIA met.\n\n"
            "Spread over lines with <cdata> & text.");
}

TEST(NitfParserTest, WalksBlocksListsAndLooseText) {
  const Record r = ParseOk(Minimal(
      "<block><block><p>Deep one.</p></block><bq><block><p>Quoted.</p></block></bq></block>"
      "<ul><li>First item.</li><li><p>Second item.</p></li></ul>"
      "<note noteclass=\"editorsnote\"><body.content><p>Editor note.</p></body.content></note>"
      "<pre>  pre   text  </pre>"));
  EXPECT_EQ(r.text, "Deep one.\n\nQuoted.\n\nFirst item.\n\nSecond item.\n\npre text");
}

TEST(NitfParserTest, TextDirectlyInBodyContentIsAParagraph) {
  const Record r = ParseOk(Minimal("Loose text <em>here</em>.<p>Then a paragraph.</p>"));
  EXPECT_EQ(r.text, "Loose text here.\n\nThen a paragraph.");
}

TEST(NitfParserTest, JoinsSeveralBodyContents) {
  const Record r = ParseOk(
      "<nitf><body><body.content><p>One.</p></body.content>"
      "<body.content><p>Two.</p></body.content></body></nitf>");
  EXPECT_EQ(r.text, "One.\n\nTwo.");
}

TEST(NitfParserTest, ManagementStatusGivesKillAndWithdrawn) {
  auto version = [](std::string_view docdata_attrs, std::string_view docdata_inner = "") {
    std::string head = "<docdata ";
    head += docdata_attrs;
    head += ">";
    head += docdata_inner;
    head += "<du-key version=\"4\"/></docdata>";
    Record r = ParseOk(Minimal("<p>Text.</p>", head));
    return r;
  };
  Record canceled = version("management-status=\"canceled\"");
  ASSERT_TRUE(canceled.version.has_value());
  EXPECT_EQ(canceled.version->kind, "kill");
  EXPECT_EQ(canceled.version->label, "canceled");
  Record withheld = version("management-status=\"withheld\"");
  ASSERT_TRUE(withheld.version.has_value());
  EXPECT_EQ(withheld.version->kind, "withdrawn");
  Record corrected = version("", "<correction info=\"Fixes the toll\" id-string=\"KHI-41\"/>");
  ASSERT_TRUE(corrected.version.has_value());
  EXPECT_EQ(corrected.version->kind, "correction");
  EXPECT_EQ(corrected.corrects.value_or(""), "KHI-41");
  Record usable = version("management-status=\"usable\"");
  ASSERT_TRUE(usable.version.has_value());
  EXPECT_EQ(usable.version->label, "version 4");
  EXPECT_EQ(usable.version->number, 4);
}

TEST(NitfParserTest, FirstVersionHasNoVersionInfo) {
  EXPECT_FALSE(ParseOk(Minimal("<p>T.</p>", "<docdata><du-key version=\"1\"/></docdata>"))
                   .version.has_value());
  EXPECT_FALSE(ParseOk(Minimal("<p>T.</p>", "<docdata><du-key version=\"two\"/></docdata>"))
                   .version.has_value());
}

TEST(NitfParserTest, UrgencyDigits) {
  auto urgency = [](std::string_view ed_urg) {
    std::string head = "<docdata><urgency ed-urg=\"";
    head += ed_urg;
    head += "\"/></docdata>";
    return ParseOk(Minimal("<p>T.</p>", head)).urgency;
  };
  EXPECT_EQ(urgency("1"), "flash");
  EXPECT_EQ(urgency("2"), "bulletin");
  EXPECT_EQ(urgency(" 3 "), "urgent");
  EXPECT_EQ(urgency("5"), "normal");
  EXPECT_EQ(urgency("8"), "deferred");
  EXPECT_EQ(urgency("0"), "");
  EXPECT_EQ(urgency("10"), "");
  EXPECT_EQ(urgency("high"), "");
}

TEST(NitfParserTest, FallbacksForIdHeadlineAgencyAndLanguage) {
  const Record r = ParseOk(
      "<nitf uno=\"urn:uno:77\" baselang=\"ur-PK\"><head><title>Only a title</title>"
      "<docdata><doc-id regsrc=\"APP\"/><doc.rights provider=\"\"/></docdata>"
      "<pubdata date.publication=\"20251029T101500Z\"/></head>"
      "<body><body.content><p>Text.</p></body.content></body></nitf>");
  EXPECT_EQ(r.item_id, "urn:uno:77");
  EXPECT_EQ(r.headline.value_or(""), "Only a title");
  ASSERT_TRUE(r.agency.has_value());
  EXPECT_EQ(r.agency->raw, "APP");
  EXPECT_EQ(r.language, "ur");
  EXPECT_EQ(r.published, "2025-10-29T10:15:00Z");
}

TEST(NitfParserTest, AgencyFromRightsOrDistributor) {
  Record rights =
      ParseOk(Minimal("<p>T.</p>", "<docdata><doc.rights provider=\"AFP\"/></docdata>"));
  EXPECT_EQ(rights.agency.value_or(Agency{}).raw, "AFP");
  Record distributor = ParseOk(Minimal("<p>T.</p>", "", "<distributor>Xinhua</distributor>"));
  EXPECT_EQ(distributor.agency.value_or(Agency{}).raw, "Xinhua");
  EXPECT_FALSE(ParseOk(Minimal("<p>T.</p>")).agency.has_value());
}

TEST(NitfParserTest, SubjectRefnumsThatAreNotEightDigitsStayAsGiven) {
  const Record r = ParseOk(Minimal(
      "<p>T.</p>",
      "<tobject><tobject.subject tobject.subject.refnum=\"medtop:20000763\"/>"
      "<tobject.subject tobject.subject.refnum=\"123\" tobject.subject.detail=\"d\"/>"
      "<tobject.subject tobject.subject.type=\"no refnum\"/></tobject>"));
  ASSERT_EQ(r.subjects.size(), 2u);
  EXPECT_EQ(r.subjects[0].code, "medtop:20000763");
  EXPECT_EQ(r.subjects[0].name, "");
  EXPECT_EQ(r.subjects[1].code, "123");
  EXPECT_EQ(r.subjects[1].name, "d");
}

TEST(NitfParserTest, KeywordAndSubjectListsAreBounded) {
  std::string head = "<tobject>";
  for (int i = 0; i < 5000; ++i) {
    head += "<tobject.subject tobject.subject.refnum=\"s" + std::to_string(i) + "\"/>";
  }
  head += "</tobject><docdata><key-list>";
  for (int i = 0; i < 5000; ++i) head += "<keyword key=\"k" + std::to_string(i) + "\"/>";
  head += "</key-list></docdata>";
  const Record r = ParseOk(Minimal("<p>T.</p>", head));
  EXPECT_EQ(r.keywords.size(), xml::kMaxListItems);
  EXPECT_EQ(r.subjects.size(), xml::kMaxListItems);
  EXPECT_EQ(r.keywords.front(), "k0");
}

TEST(NitfParserTest, BylineWithSeveralPeople) {
  const Record r = ParseOk(Minimal(
      "<p>T.</p>", "",
      "<byline></byline><byline>BY <person>Jane Roe</person> and <person>Ali Khan</person>"
      "<byttl>Associated Press Writers</byttl></byline>"));
  EXPECT_EQ(r.byline.value_or(""), "Jane Roe and Ali Khan");
}

TEST(NitfParserTest, DatelineWithoutMarkupOrDate) {
  const Record plain = ParseOk(Minimal(
      "<p>T.</p>", "<docdata><date.issue norm=\"20250103T090000Z\"/></docdata>",
      "<dateline>LAHORE, Pakistan, Dec 31</dateline>"));
  ASSERT_TRUE(plain.dateline.has_value());
  EXPECT_EQ(plain.dateline->raw, "LAHORE, Pakistan, Dec 31");
  EXPECT_EQ(plain.dateline->location, "LAHORE, Pakistan");
  EXPECT_EQ(plain.dateline->city, "Lahore");
  EXPECT_EQ(plain.dateline->date, "2024-12-31");  // the year before publication
  EXPECT_EQ(plain.dateline->date_source, "text");

  const Record place_only =
      ParseOk(Minimal("<p>T.</p>", "",
                      "<dateline><location>RAWALPINDI/ISLAMABAD</location></dateline>"));
  ASSERT_TRUE(place_only.dateline.has_value());
  EXPECT_EQ(place_only.dateline->location, "RAWALPINDI/ISLAMABAD");
  EXPECT_EQ(place_only.dateline->city, "Rawalpindi");
  EXPECT_EQ(place_only.dateline->date, "");  // DatelineStage falls back later
  EXPECT_EQ(place_only.dateline->date_source, "");

  EXPECT_FALSE(ParseOk(Minimal("<p>T.</p>", "", "<dateline> </dateline>")).dateline.has_value());
  EXPECT_FALSE(ParseOk(Minimal("<p>T.</p>")).dateline.has_value());
}

TEST(NitfParserTest, StoryDateTextIsResolvedAgainstTheTimestamp) {
  Record record;
  record.source.timestamp_ms = 1761724800000;  // 2025-10-29T08:00:00Z
  ASSERT_TRUE(NitfParser()
                  .Parse(Minimal("<p>T.</p>", "",
                                 "<dateline><location><city>QUETTA</city></location>, "
                                 "<story.date>Oct. 28</story.date></dateline>"),
                         record)
                  .ok());
  ASSERT_TRUE(record.dateline.has_value());
  EXPECT_EQ(record.dateline->location, "QUETTA");
  EXPECT_EQ(record.dateline->date, "2025-10-28");
  EXPECT_EQ(record.dateline->date_source, "text");
}

TEST(NitfParserTest, LanguagePrefersBodyThenRoot) {
  EXPECT_EQ(ParseOk("<nitf xml:lang=\"de\" baselang=\"en-US\"><body><body.content><p>T.</p>"
                    "</body.content></body></nitf>")
                .language,
            "de");
  const Record none = ParseOk("<nitf><body><body.content><p>T.</p></body.content></body></nitf>");
  EXPECT_EQ(none.language, "");
  EXPECT_EQ(none.language_source, "");
  EXPECT_EQ(ParseOk("<nitf baselang=\"eng\"><body><body.content><p>T.</p></body.content></body>"
                    "</nitf>")
                .language,
            "");  // not ISO 639-1
}

TEST(NitfParserTest, LatinOneBytesAreDecoded) {
  // Bytes as an ISO-8859-1 feed sends them, given straight to the parser.
  const std::string latin1 =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><nitf><body><body.head><dateline>"
      "<location><city>S\xC3O PAULO</city></location></dateline></body.head><body.content>"
      "<p>A inflac\xE7\xE3o caiu em S\xE3o Paulo.</p></body.content></body></nitf>";
  const Record r = ParseOk(latin1);
  EXPECT_EQ(r.text, "A inflac\xC3\xA7\xC3\xA3o caiu em S\xC3\xA3o Paulo.");
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->city, "S\xC3\xA3o Paulo");
}

TEST(NitfParserTest, DeclaredLatinOneThatIsAlreadyUtf8StaysUtf8) {
  // What DecodeStage hands on: UTF-8 text whose declaration still says Latin-1.
  const Record r = ParseOk(
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><nitf><body><body.content>"
      "<p>Caf\xC3\xA9 in Bogot\xC3\xA1.</p></body.content></body></nitf>");
  EXPECT_EQ(r.text, "Caf\xC3\xA9 in Bogot\xC3\xA1.");
}

std::string FirstLineOf(const char* path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

TEST(NitfSafetyTest, ExternalEntityIsNeverLoaded) {
  const std::string input =
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE nitf [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
      "<nitf><head><docdata><doc-id id-string=\"&e;\"/></docdata></head><body><body.head>"
      "<hedline><hl1>Head &e;</hl1></hedline></body.head><body.content>"
      "<p>Before &e; after.</p></body.content></body></nitf>";
  Record record;
  const Verdict v = NitfParser().Parse(input, record);
  const std::string passwd = FirstLineOf("/etc/passwd");
  const std::string all = record.text + record.item_id + record.headline.value_or("");
  EXPECT_EQ(all.find("root:"), std::string::npos);
  if (!passwd.empty()) {
    EXPECT_EQ(all.find(passwd), std::string::npos);
  }
  // The reference is kept as written, not resolved.
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(record.text, "Before &e; after.");
}

TEST(NitfSafetyTest, ExternalDtdAndParameterEntitiesAreIgnored) {
  const Record r = ParseOk(
      "<!DOCTYPE nitf SYSTEM \"http://127.0.0.1:9/evil.dtd\" [<!ENTITY % p SYSTEM "
      "\"file:///etc/shadow\"> %p; <!ENTITY x \"expanded\">]>"
      "<nitf><body><body.content><p>A &x; b.</p></body.content></body></nitf>");
  EXPECT_EQ(r.text, "A &x; b.");
}

TEST(NitfSafetyTest, EntityBombStaysSmallAndFast) {
  std::string input = "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    input += "<!ENTITY lol" + std::to_string(i) + " \"";
    const std::string previous = i == 1 ? std::string() : std::to_string(i - 1);
    for (int k = 0; k < 10; ++k) input += "&lol" + previous + ";";
    input += "\">\n";
  }
  input += "]>\n<nitf><body><body.content><p>&lol9;</p></body.content></body></nitf>";
  const auto start = std::chrono::steady_clock::now();
  Record record;
  const Verdict v = NitfParser().Parse(input, record);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(2));
  EXPECT_LT(record.text.size(), 64u);
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(record.text, "&lol9;");
}

TEST(NitfSafetyTest, DeepNestingIsBoundedAndKeepsTheText) {
  constexpr int kDepth = 200000;
  std::string input = "<nitf><body><body.content>";
  input.reserve(static_cast<size_t>(kDepth) * 16 + 100);
  for (int i = 0; i < kDepth; ++i) input += "<block>";
  input += "<p>Deep <em>inside</em>.</p>";
  for (int i = 0; i < kDepth; ++i) input += "</block>";
  input += "</body.content></body></nitf>";
  const auto start = std::chrono::steady_clock::now();
  const Record r = ParseOk(input);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(r.text, "Deep inside.");
}

TEST(NitfSafetyTest, DeepInlineNestingInAParagraph) {
  constexpr int kDepth = 100000;
  std::string input = "<nitf><body><body.content><p>a";
  for (int i = 0; i < kDepth; ++i) input += "<em>";
  input += "b";
  for (int i = 0; i < kDepth; ++i) input += "</em>";
  input += "c</p></body.content></body></nitf>";
  EXPECT_EQ(ParseOk(input).text, "abc");
}

TEST(NitfMalformedTest, NotWellFormedIsAMalformedItemWithOffset) {
  Record record;
  const Verdict v = NitfParser().Parse(
      "<nitf><body><body.content><p>Text</b></body.content></body></nitf>", record);
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.code, ErrorCode::kMalformedItem);
  EXPECT_NE(v.reason.find("not well-formed"), std::string::npos) << v.reason;
  EXPECT_NE(v.reason.find("at byte"), std::string::npos) << v.reason;
  // Nothing was written into the record.
  EXPECT_TRUE(record.text.empty());
  EXPECT_FALSE(record.headline.has_value());
  EXPECT_EQ(record.format, "text");
}

TEST(NitfMalformedTest, TruncatedDocument) {
  const std::string full = kFull;
  const Verdict v = ParseVerdict(full.substr(0, full.size() / 2));
  EXPECT_EQ(v.code, ErrorCode::kMalformedItem);
}

TEST(NitfMalformedTest, OtherRootIsRejected) {
  const Verdict v = ParseVerdict("<html><body><p>Text.</p></body></html>");
  EXPECT_EQ(v.code, ErrorCode::kMalformedItem);
  EXPECT_NE(v.reason.find("<html>"), std::string::npos) << v.reason;
}

TEST(NitfMalformedTest, EmptyOrMissingBodyIsRejected) {
  for (const std::string& input :
       {std::string("<nitf><head/></nitf>"), std::string("<nitf><body/></nitf>"),
        std::string("<nitf><body><body.head><hedline><hl1>Only a headline</hl1></hedline>"
                    "</body.head></body></nitf>"),
        Minimal(""), Minimal("<p>  </p><p/><media><media-caption>Caption</media-caption></media>"),
        Minimal("<table><tr><td>Only a table</td></tr></table>")}) {
    const Verdict v = ParseVerdict(input);
    EXPECT_EQ(v.code, ErrorCode::kMalformedItem) << input;
    EXPECT_NE(v.reason.find("no body text"), std::string::npos) << v.reason;
  }
}

TEST(NitfMalformedTest, EmptyAndNonXmlInput) {
  EXPECT_EQ(ParseVerdict("").code, ErrorCode::kMalformedItem);
  EXPECT_EQ(ParseVerdict("   ").code, ErrorCode::kMalformedItem);
  EXPECT_EQ(ParseVerdict("KARACHI, Oct 29 (Reuters) - Plain text.").code,
            ErrorCode::kMalformedItem);
}

TEST(NitfFuzzTest, RandomBytesNeverCrash) {
  std::mt19937 rng(1234);
  const NitfParser parser;
  for (int i = 0; i < 2000; ++i) {
    std::string input(rng() % 300, '\0');
    for (char& c : input) c = static_cast<char>(rng() % 256);
    if (i % 3 == 0) input = "<nitf>" + input;
    Record record;
    parser.Sniff(input);
    const Verdict v = parser.Parse(input, record);
    if (!v.ok()) {
      EXPECT_EQ(v.code, ErrorCode::kMalformedItem);
    }
  }
}

TEST(NitfFuzzTest, MutatedDocumentsNeverCrash) {
  std::mt19937 rng(99);
  const std::string full = kFull;
  const NitfParser parser;
  const std::string alphabet = "<>/&;\"'=![]-? \nabp#x0";
  for (int i = 0; i < 1500; ++i) {
    std::string input = full;
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits; ++e) {
      const size_t pos = rng() % input.size();
      switch (rng() % 3) {
        case 0: input[pos] = alphabet[rng() % alphabet.size()]; break;
        case 1: input.erase(pos, 1 + rng() % 20); break;
        default: input.insert(pos, 1, alphabet[rng() % alphabet.size()]); break;
      }
      if (input.empty()) input = "<";
    }
    if (i % 10 == 0) input.resize(rng() % input.size());
    Record record;
    parser.Sniff(input);
    const Verdict v = parser.Parse(input, record);
    if (!v.ok()) {
      EXPECT_EQ(v.code, ErrorCode::kMalformedItem);
    }
  }
}

// ---- Shared XML helpers ----

TEST(XmlHelpersTest, NormalizeTime) {
  EXPECT_EQ(xml::NormalizeTime("20251029T083000+0500"), "2025-10-29T03:30:00Z");
  EXPECT_EQ(xml::NormalizeTime("20251029T083000Z"), "2025-10-29T08:30:00Z");
  EXPECT_EQ(xml::NormalizeTime("20251029T0830-0330"), "2025-10-29T12:00:00Z");
  EXPECT_EQ(xml::NormalizeTime("2025-10-29T08:30:00.123+05:00"), "2025-10-29T03:30:00Z");
  EXPECT_EQ(xml::NormalizeTime("2025-12-31T23:30:00-01:00"), "2026-01-01T00:30:00Z");
  EXPECT_EQ(xml::NormalizeTime(" 2025-10-29T08:30:00 "), "2025-10-29T08:30:00Z");
  EXPECT_EQ(xml::NormalizeTime("2025-10-29T08:30Z"), "2025-10-29T08:30:00Z");
  EXPECT_EQ(xml::NormalizeTime("20251029"), "2025-10-29");
  EXPECT_EQ(xml::NormalizeTime("2025-10-29"), "2025-10-29");
  EXPECT_EQ(xml::NormalizeTime("2025-02-30T00:00:00Z"), "");
  EXPECT_EQ(xml::NormalizeTime("2025-10-29T25:00:00Z"), "");
  EXPECT_EQ(xml::NormalizeTime("2025-10-29T08:30:00+5"), "");
  EXPECT_EQ(xml::NormalizeTime("Oct 29, 2025"), "");
  EXPECT_EQ(xml::NormalizeTime("2025-10-29T08:30:00Zjunk"), "");
  EXPECT_EQ(xml::NormalizeTime(""), "");
}

TEST(XmlHelpersTest, LocalDateKeepsTheWrittenDay) {
  EXPECT_EQ(xml::LocalDate("20251029T000000+0500"), "2025-10-29");
  EXPECT_EQ(xml::LocalDate("nonsense"), "");
}

TEST(XmlHelpersTest, SplitDateline) {
  xml::TextDateline d = xml::SplitDateline("KARACHI, Oct 29");
  EXPECT_EQ(d.location, "KARACHI");
  EXPECT_EQ(d.month, 10u);
  EXPECT_EQ(d.day, 29u);
  EXPECT_EQ(d.year, 0);
  d = xml::SplitDateline("LAHORE, Pakistan, 3 July 2025 -");
  EXPECT_EQ(d.location, "LAHORE, Pakistan");
  EXPECT_EQ(d.year, 2025);
  EXPECT_EQ(d.month, 7u);
  d = xml::SplitDateline("WASHINGTON, D.C., Sept. 3, 2024");
  EXPECT_EQ(d.location, "WASHINGTON, D.C.");
  EXPECT_EQ(d.year, 2024);
  EXPECT_EQ(d.month, 9u);
  EXPECT_EQ(d.day, 3u);
  d = xml::SplitDateline("Oct 29");
  EXPECT_EQ(d.location, "");
  EXPECT_EQ(d.month, 10u);
  d = xml::SplitDateline("KABUL \xE2\x80\x94");
  EXPECT_EQ(d.location, "KABUL");
  EXPECT_EQ(d.month, 0u);
  d = xml::SplitDateline("");
  EXPECT_EQ(d.location, "");
}

TEST(XmlHelpersTest, ResolveDatelineDate) {
  EXPECT_EQ(xml::ResolveDatelineDate(0, 10, 29, "2025-10-29T08:00:00Z"), "2025-10-29");
  EXPECT_EQ(xml::ResolveDatelineDate(0, 12, 31, "2026-01-02T08:00:00Z"), "2025-12-31");
  EXPECT_EQ(xml::ResolveDatelineDate(0, 1, 1, "2025-12-31"), "2026-01-01");
  EXPECT_EQ(xml::ResolveDatelineDate(2024, 2, 29, ""), "2024-02-29");
  EXPECT_EQ(xml::ResolveDatelineDate(2025, 2, 29, ""), "");
  EXPECT_EQ(xml::ResolveDatelineDate(0, 3, 12, ""), "--03-12");
  EXPECT_EQ(xml::ResolveDatelineDate(0, 2, 31, ""), "");
}

TEST(XmlHelpersTest, NormalCaseCity) {
  EXPECT_EQ(xml::NormalCaseCity("RAWALPINDI/ISLAMABAD"), "Rawalpindi");
  EXPECT_EQ(xml::NormalCaseCity("NEW DELHI, India"), "New Delhi");
  EXPECT_EQ(xml::NormalCaseCity("S\xC3\x83O PAULO"), "S\xC3\xA3o Paulo");
  EXPECT_EQ(xml::NormalCaseCity("BOGOT\xC3\x81"), "Bogot\xC3\xA1");
  EXPECT_EQ(xml::NormalCaseCity("Lahore"), "Lahore");
  EXPECT_EQ(xml::NormalCaseCity("ST. LOUIS"), "St. Louis");
  EXPECT_EQ(xml::NormalCaseCity(""), "");
}

TEST(XmlHelpersTest, CleanBylineAndLanguage) {
  EXPECT_EQ(xml::CleanByline("  By   Jane Roe,  "), "Jane Roe");
  EXPECT_EQ(xml::CleanByline("BY: Ali Khan \xE2\x80\x94"), "Ali Khan");
  EXPECT_EQ(xml::CleanByline("Byron Hale"), "Byron Hale");
  EXPECT_EQ(xml::CleanByline("By "), "");
  EXPECT_EQ(xml::LanguageCode("en-US"), "en");
  EXPECT_EQ(xml::LanguageCode("UR"), "ur");
  EXPECT_EQ(xml::LanguageCode("zh_Hant"), "zh");
  EXPECT_EQ(xml::LanguageCode("eng"), "");
  EXPECT_EQ(xml::LanguageCode("e1"), "");
  EXPECT_EQ(xml::LanguageCode(""), "");
}

TEST(XmlHelpersTest, LocalNamesIgnorePrefixes) {
  pugi::xml_document doc;
  std::string error;
  ASSERT_TRUE(xml::Parse("<a:root xmlns:a=\"u\" a:x=\" 1 \" y=\"2\"><a:p>one</a:p><p>two</p>"
                         "<b:q/></a:root>",
                         &doc, &error))
      << error;
  const pugi::xml_node root = doc.document_element();
  EXPECT_TRUE(xml::Is(root, "root"));
  EXPECT_EQ(xml::Attr(root, "x"), "1");
  EXPECT_EQ(xml::Attr(root, "y"), "2");
  EXPECT_EQ(xml::Attr(root, "z"), "");
  EXPECT_EQ(xml::Children(root, "p").size(), 2u);
  EXPECT_EQ(xml::Text(xml::Child(root, "p")), "one");
  EXPECT_TRUE(xml::Child(root, "q"));
  EXPECT_FALSE(xml::Child(root, "missing"));
  EXPECT_FALSE(xml::Path(root, {"missing", "p"}));
}

TEST(XmlHelpersTest, ParseReportsDescriptionAndOffset) {
  pugi::xml_document doc;
  std::string error;
  EXPECT_FALSE(xml::Parse("<a><b></a>", &doc, &error));
  EXPECT_NE(error.find("at byte "), std::string::npos) << error;
  EXPECT_FALSE(xml::Parse("", &doc, &error));
  EXPECT_FALSE(error.empty());
}

TEST(XmlHelpersTest, FindRootTag) {
  xml::RootTag root = xml::FindRootTag("<?xml version=\"1.0\"?><a:b c=\"x>y\" d='1'>rest");
  EXPECT_EQ(root.name, "a:b");
  EXPECT_EQ(root.tag, "<a:b c=\"x>y\" d='1'>");
  root = xml::FindRootTag("<empty/>");
  EXPECT_EQ(root.name, "empty");
  EXPECT_TRUE(xml::FindRootTag("text").name.empty());
  EXPECT_TRUE(xml::FindRootTag("<1x>").name.empty());
  // A prolog longer than the scanned prefix finds no root.
  const std::string long_comment = "<!--" + std::string(100, 'x') + "--><nitf>";
  EXPECT_TRUE(xml::FindRootTag(long_comment, 50).name.empty());
  EXPECT_EQ(xml::FindRootTag(long_comment).name, "nitf");
}

// xml::AppendParagraphs against joining xml::Paragraphs: random bodies of
// paragraphs (some empty or only spaces), text standing in containers, nested
// blocks, breaks and skipped elements, appended to empty and non-empty text.
TEST(XmlParagraphsTest, AppendParagraphsJoinsWhatParagraphsFinds) {
  std::mt19937 rng(23);
  const std::vector<std::string> pieces = {
      "<p>One two.</p>", "<p></p>", "<p>  \n\t </p>", "<p> lead and trail </p>", "loose text ", "  ",
      "<br/>", "<div><p>in a div</p>tail</div>", "<b>bold</b> ", "<media>caption</media>",
      "<block><p>a</p><p> </p></block>", "<hl2>Sub</hl2>", "<p>x<br/>y</p>", "<ul><li>one</li><li></li></ul>",
      "<P>upper</P>", "<table><tr><td>cell</td></tr></table>", "<span>in <p>para</p></span>", "\n"};
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1), count(0, 8);
  for (int round = 0; round < 2000; ++round) {
    std::string xml = "<body.content>";
    for (size_t i = count(rng); i > 0; --i) xml += pieces[pick(rng)];
    xml += "</body.content>";
    pugi::xml_document doc;
    std::string error;
    ASSERT_TRUE(xml::Parse(xml, &doc, &error)) << xml;
    const pugi::xml_node content = doc.document_element();
    for (const std::string before : {"", "Earlier paragraph."}) {
      std::vector<std::string> paragraphs;
      if (!before.empty()) paragraphs.push_back(before);
      for (std::string& p : xml::Paragraphs(content)) paragraphs.push_back(std::move(p));
      std::string joined = before;
      xml::AppendParagraphs(content, &joined);
      ASSERT_EQ(joined, xml::JoinParagraphs(paragraphs)) << xml;
    }
  }
}

// A paragraph that is one text node is collapsed straight from that node;
// it must read as the general walk reads the same text followed by an empty
// inline element (which adds nothing), for any spacing, entities or CDATA.
TEST(XmlParagraphsTest, LoneTextParagraphsReadAsTheGeneralWalk) {
  std::mt19937 rng(41);
  const std::vector<std::string> pieces = {"word", " ", "  ", "\t", "\n", "\r\n", "&amp;", "&#8212;", "&lt;b&gt;",
                                           "\xE2\x80\x9C", ".", ","};
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1), count(0, 12);
  auto text_of = [](const std::string& xml) {
    pugi::xml_document doc;
    std::string error;
    EXPECT_TRUE(xml::Parse(xml, &doc, &error)) << xml;
    std::string text = "start";
    xml::AppendParagraphs(doc.document_element(), &text);
    return text;
  };
  for (int round = 0; round < 1000; ++round) {
    std::string t;
    for (size_t i = count(rng); i > 0; --i) t += pieces[pick(rng)];
    for (const std::string tag : {"p", "hl2", "div", "block"}) {
      const std::string open = "<" + tag + ">", close = "</" + tag + ">";
      const std::string lone = "<body.content>" + open + t + close + "<p>x</p></body.content>";
      const std::string general = "<body.content>" + open + t + "<b/>" + close + "<p>x</p></body.content>";
      ASSERT_EQ(text_of(lone), text_of(general)) << t;
      const std::string cdata = "<body.content>" + open + "<![CDATA[" + t + "]]>" + close + "</body.content>";
      const std::string cdata_general =
          "<body.content>" + open + "<![CDATA[" + t + "]]><b/>" + close + "</body.content>";
      ASSERT_EQ(text_of(cdata), text_of(cdata_general)) << t;
    }
  }
}

// Every element name with a role in the paragraph walk keeps it, in any case;
// names near them do not take one.
TEST(XmlParagraphsTest, ElementRolesByName) {
  auto paragraphs = [](const std::string& inner) {
    pugi::xml_document doc;
    std::string error;
    const std::string xml = "<body.content><p>a</p>" + inner + "<p>b</p></body.content>";
    EXPECT_TRUE(xml::Parse(xml, &doc, &error)) << xml;
    std::string text;
    xml::AppendParagraphs(doc.document_element(), &text);
    return text;
  };
  auto upper = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  };
  for (const std::string name : {"media", "table", "nitf-table", "note", "figure", "figcaption", "img", "picture",
                                 "video", "audio", "iframe", "object", "embed", "script", "style", "noscript", "svg",
                                 "head", "hr", "aside", "caption", "form", "button", "ed-msg"}) {
    for (const std::string& n : {name, upper(name), "x:" + name}) {
      EXPECT_EQ(paragraphs("<" + n + ">gone</" + n + ">"), "a\n\nb") << n;
    }
  }
  for (const std::string name : {"p", "hl2", "pre", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "body",
                                 "body.content", "block", "bq", "fn", "ul", "ol", "dl", "div", "section", "article",
                                 "main", "blockquote", "html", "inlinexml", "inlineXML"}) {
    for (const std::string& n : {name, upper(name)}) {
      EXPECT_EQ(paragraphs("x<" + n + ">own</" + n + ">y"), "a\n\nx\n\nown\n\ny\n\nb") << n;
    }
  }
  for (const std::string name : {"br", "BR"}) EXPECT_EQ(paragraphs("x<" + name + "/>y"), "a\n\nx\n\ny\n\nb");
  // Cells are inline in a paragraph walk but spaced when flattened.
  for (const std::string name : {"hl1", "tr", "td", "th"}) {
    EXPECT_EQ(paragraphs("x<" + name + ">in</" + name + ">y"), "a\n\nxiny\n\nb") << name;
  }
  // Names that are not in the table (or are longer than any of them) are inline.
  for (const std::string name : {"span", "b", "q", "pp", "h7", "bodycontent", "body.contents", "mediax",
                                 "blockquotesandmore", "tbody", "thead"}) {
    EXPECT_EQ(paragraphs("x<" + name + ">in</" + name + ">y"), "a\n\nxiny\n\nb") << name;
  }
}

// xml::Is and xml::Attr match local names as EqualsIgnoreCase(LocalName(name))
// would: random names with and without prefixes, in mixed case, against
// random wanted names (some a prefix, extension or case variant of them).
TEST(XmlNamesTest, IsAndAttrMatchTheLocalNameIgnoringCase) {
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  auto reference = [&](const std::string& qualified, const std::string& local) {
    return lower(std::string(xml::LocalName(qualified))) == lower(local);
  };
  std::mt19937 rng(31);
  const std::string letters = "abAB:.-p";
  std::uniform_int_distribution<size_t> letter(0, letters.size() - 1), length(0, 6);
  auto random_name = [&] {
    std::string s;
    for (size_t i = length(rng); i > 0; --i) s += letters[letter(rng)];
    return s;
  };
  size_t matches = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string name = random_name();
    // An XML name: starts with a letter, no empty prefix or local part.
    if (name.empty() || name.front() == ':' || name.back() == ':' || name.find("::") != std::string::npos ||
        !std::isalpha(static_cast<unsigned char>(name.front())) || std::count(name.begin(), name.end(), ':') > 1) {
      continue;
    }
    const size_t colon = name.find(':');
    if (colon != std::string::npos && !std::isalpha(static_cast<unsigned char>(name[colon + 1]))) continue;
    std::string local = round % 3 == 0 ? random_name() : std::string(xml::LocalName(name));
    if (round % 3 == 1) local = local.substr(0, local.size() / 2);
    if (round % 5 == 2) local += "b";
    if (round % 7 == 3) local = lower(local);
    pugi::xml_document doc;
    std::string error;
    const std::string xml = "<r xmlns:a=\"u\" xmlns:ab=\"u\" xmlns:b=\"u\" xmlns:p=\"u\" xmlns:B=\"u\" xmlns:A=\"u\"><" +
                            name + " " + name + "=\" v \"/></r>";
    if (!xml::Parse(xml, &doc, &error)) continue;
    const pugi::xml_node node = doc.document_element().first_child();
    ASSERT_EQ(xml::Is(node, local), reference(name, local)) << name << " / " << local;
    ASSERT_EQ(xml::Attr(node, local), reference(name, local) ? "v" : "") << name << " / " << local;
    matches += reference(name, local);
  }
  EXPECT_GT(matches, 1000u);
}

}  // namespace
}  // namespace dateline
