// NewsMlG2Parser. Every document here is invented for the tests.
#include "formats/newsml.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <random>
#include <string>

namespace dateline {
namespace {

// A full newsItem carrying NITF in inlineXML: every field the parser reads.
constexpr char kItem[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"
    guid="urn:newsml:wire.example:20251029:lhr-floods"
    version="3" standard="NewsML-G2" standardversion="2.34" conformance="power" xml:lang="en-GB">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:AFP" literal="AFP"/>
    <versionCreated>2025-10-29T10:45:00+05:00</versionCreated>
    <firstCreated>2025-10-29T07:00:00+05:00</firstCreated>
    <pubStatus qcode="stat:usable"/>
  </itemMeta>
  <contentMeta>
    <urgency>2</urgency>
    <located type="cptype:city" qcode="geo:1172451"><name>Lahore</name></located>
    <subject type="cpnat:abstract" qcode="medtop:06000000">
      <name>environment</name>
      <broader qcode="medtop:99999999"><name>not listed</name></broader>
    </subject>
    <subject type="cpnat:abstract" qcode="medtop:03000000">
      <name>disaster, accident and emergency incident</name></subject>
    <subject type="cpnat:abstract" qcode="medtop:06000000"><name>repeat</name></subject>
    <keyword>floods</keyword>
    <keyword>monsoon</keyword>
    <keyword>floods</keyword>
    <slugline>Pakistan-floods</slugline>
    <headline role="hld:subhead">A subheadline</headline>
    <headline>Floodwaters recede in <em>Lahore</em> suburbs</headline>
    <dateline>LAHORE, Oct 29</dateline>
    <by>By Sara Malik</by>
    <language tag="en-GB"/>
  </contentMeta>
  <contentSet>
    <remoteContent href="http://example.invalid/never-fetched.txt"/>
    <inlineXML contenttype="application/nitf+xml">
      <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">
        <head><docdata><doc-id id-string="nitf-id-ignored"/>
          <du-key key="NITF-SLUG-IGNORED"/></docdata></head>
        <body>
          <body.head><hedline><hl1>NITF headline ignored</hl1></hedline>
            <abstract><p>An abstract that stays out.</p></abstract></body.head>
          <body.content>
            <p>Floodwaters began to recede on Wednesday in the <b>eastern</b> suburbs of Lahore.</p>
            <p>Relief camps remained open for a <em>third</em> day.</p>
          </body.content>
        </body>
      </nitf>
    </inlineXML>
  </contentSet>
</newsItem>
)";

Record ParseOk(std::string_view input) {
  Record record;
  const Verdict v = NewsMlG2Parser().Parse(input, record);
  EXPECT_TRUE(v.ok()) << v.reason;
  return record;
}

Verdict ParseVerdict(std::string_view input) {
  Record record;
  return NewsMlG2Parser().Parse(input, record);
}

// A minimal newsItem: `attrs` on the root, `item_meta`, `content_meta` and
// `content_set` inside their elements.
std::string Item(std::string_view content_set, std::string_view content_meta = "",
                 std::string_view item_meta = "", std::string_view attrs = "guid=\"g-1\"") {
  std::string s = "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" ";
  s += attrs;
  s += "><itemMeta>";
  s += item_meta;
  s += "</itemMeta><contentMeta>";
  s += content_meta;
  s += "</contentMeta><contentSet>";
  s += content_set;
  s += "</contentSet></newsItem>";
  return s;
}

constexpr char kPlain[] = "<inlineData contenttype=\"text/plain\">Body text.</inlineData>";

TEST(NewsMlG2ParserTest, NameIsNewsMlG2) { EXPECT_EQ(NewsMlG2Parser().Name(), "newsml-g2"); }

TEST(NewsMlG2ParserTest, SniffsTheRootElement) {
  const NewsMlG2Parser p;
  EXPECT_EQ(p.Sniff(kItem), 100);
  EXPECT_EQ(p.Sniff("<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><header/>"), 100);
  EXPECT_EQ(p.Sniff("\xEF\xBB\xBF<!-- x --><nar:newsItem "
                    "xmlns:nar=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"a\">"),
            100);
  EXPECT_EQ(p.Sniff("<newsItem guid=\"a\">"), 80);
  EXPECT_EQ(p.Sniff("<packageItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\">"), 0);
  EXPECT_EQ(p.Sniff("<nitf>"), 0);
  EXPECT_EQ(p.Sniff("<NewsML>"), 0);  // NewsML 1.x is another format
  EXPECT_EQ(p.Sniff("{\"uri\": \"newsItem\"}"), 0);
  EXPECT_EQ(p.Sniff(""), 0);
}

TEST(NewsMlG2ParserTest, ReadsEveryField) {
  const Record r = ParseOk(kItem);
  EXPECT_EQ(r.format, "newsml-g2");
  EXPECT_EQ(r.item_id, "urn:newsml:wire.example:20251029:lhr-floods");
  ASSERT_TRUE(r.version.has_value());
  EXPECT_EQ(r.version->label, "version 3");
  EXPECT_EQ(r.version->kind, "version");
  EXPECT_EQ(r.version->number, 3);
  EXPECT_EQ(r.published, "2025-10-29T05:45:00Z");
  ASSERT_TRUE(r.agency.has_value());
  EXPECT_EQ(r.agency->raw, "AFP");
  EXPECT_EQ(r.urgency, "bulletin");
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->raw, "LAHORE, Oct 29");
  EXPECT_EQ(r.dateline->location, "LAHORE");
  EXPECT_EQ(r.dateline->city, "Lahore");
  EXPECT_EQ(r.dateline->date, "2025-10-29");
  EXPECT_EQ(r.dateline->date_source, "text");
  EXPECT_EQ(r.byline.value_or(""), "Sara Malik");
  EXPECT_EQ(r.language, "en");
  EXPECT_EQ(r.language_source, "metadata");
  ASSERT_EQ(r.subjects.size(), 2u);
  EXPECT_EQ(r.subjects[0].code, "medtop:06000000");
  EXPECT_EQ(r.subjects[0].name, "environment");
  EXPECT_EQ(r.subjects[1].code, "medtop:03000000");
  EXPECT_EQ(r.subjects[1].name, "disaster, accident and emergency incident");
  EXPECT_EQ(r.keywords, (std::vector<std::string>{"floods", "monsoon"}));
  EXPECT_EQ(r.slug.value_or(""), "Pakistan-floods");
  EXPECT_EQ(r.headline.value_or(""), "Floodwaters recede in Lahore suburbs");
  EXPECT_EQ(r.text,
            "Floodwaters began to recede on Wednesday in the eastern suburbs of Lahore.\n\n"
            "Relief camps remained open for a third day.");
}

TEST(NewsMlG2ParserTest, InlineNitfFillsOnlyWhatG2LeavesEmpty) {
  const Record r = ParseOk(Item(
      "<inlineXML contenttype=\"application/nitf+xml\"><nitf><head><docdata>"
      "<du-key key=\"NITF-SLUG\"/><urgency ed-urg=\"4\"/></docdata></head><body><body.head>"
      "<hedline><hl1>From NITF</hl1></hedline><byline>By Omar Farooq</byline>"
      "<dateline><location><city>PESHAWAR</city></location></dateline></body.head>"
      "<body.content><p>Text.</p></body.content></body></nitf></inlineXML>",
      "<urgency>1</urgency>"));
  EXPECT_EQ(r.item_id, "g-1");
  EXPECT_EQ(r.urgency, "flash");  // G2 wins
  EXPECT_EQ(r.headline.value_or(""), "From NITF");
  EXPECT_EQ(r.byline.value_or(""), "Omar Farooq");
  EXPECT_EQ(r.slug.value_or(""), "NITF-SLUG");
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->city, "Peshawar");
}

TEST(NewsMlG2ParserTest, ReadsPrefixedDocuments) {
  const Record r = ParseOk(
      "<nar:newsItem xmlns:nar=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"p-1\" version=\"2\">"
      "<nar:itemMeta><nar:provider><nar:name>Anadolu Agency</nar:name></nar:provider>"
      "</nar:itemMeta>"
      "<nar:contentMeta><nar:headline>Prefixed</nar:headline><nar:language tag=\"tr\"/>"
      "</nar:contentMeta><nar:contentSet><nar:inlineXML contenttype=\"application/xhtml+xml\">"
      "<h:html xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:head><h:title>Not body</h:title>"
      "</h:head><h:body><h:p>Bir.</h:p><h:p>Iki.</h:p></h:body></h:html></nar:inlineXML>"
      "</nar:contentSet></nar:newsItem>");
  EXPECT_EQ(r.item_id, "p-1");
  EXPECT_EQ(r.version.value_or(VersionInfo{}).number, 2);
  EXPECT_EQ(r.agency.value_or(Agency{}).raw, "Anadolu Agency");
  EXPECT_EQ(r.headline.value_or(""), "Prefixed");
  EXPECT_EQ(r.language, "tr");
  EXPECT_EQ(r.text, "Bir.\n\nIki.");
}

TEST(NewsMlG2ParserTest, XhtmlBodyWithInlineMarkup) {
  const Record r = ParseOk(Item(
      "<inlineXML contenttype=\"application/xhtml+xml\">"
      "<html xmlns=\"http://www.w3.org/1999/xhtml\">"
      "<head><title>T</title><style>p { color: red }</style></head><body>"
      "<h1>Section heading</h1>"
      "<p>The <strong>central</strong> bank <a href=\"http://x.invalid/\">raised</a> rates"
      "<br/>by 50 basis points.</p>"
      "<figure><img src=\"x.jpg\"/><figcaption>Caption out.</figcaption></figure>"
      "<div><p>In a div.</p></div><script>var x = 1;</script></body></html></inlineXML>"));
  EXPECT_EQ(r.text,
            "Section heading\n\nThe central bank raised rates by 50 basis points.\n\nIn a div.");
}

TEST(NewsMlG2ParserTest, PlainInlineData) {
  const Record r = ParseOk(Item(
      "<inlineData contenttype=\"text/plain; charset=utf-8\">\n"
      "QUETTA, Oct 29 (APP): The provincial cabinet met on Wednesday.\n\n"
      "It approved the budget &amp; a relief package.\n</inlineData>"));
  EXPECT_EQ(r.text,
            "QUETTA, Oct 29 (APP): The provincial cabinet met on Wednesday.\n\n"
            "It approved the budget & a relief package.");
}

TEST(NewsMlG2ParserTest, InlineDataWithoutTypeAndCdata) {
  EXPECT_EQ(ParseOk(Item("<inlineData><![CDATA[A <b>literal</b> tag.]]></inlineData>")).text,
            "A <b>literal</b> tag.");
}

TEST(NewsMlG2ParserTest, SkipsRenditionsWithoutTextAndTakesTheFirstWithText) {
  const Record r = ParseOk(Item(
      "<inlineData contenttype=\"text/plain\" encoding=\"base64\">QUJD</inlineData>"
      "<inlineData contenttype=\"image/jpeg\">xyz</inlineData>"
      "<inlineXML contenttype=\"application/nitf+xml\"><nitf><body><body.content/></body></nitf>"
      "</inlineXML>"
      "<inlineData contenttype=\"text/plain\">Second rendition.</inlineData>"
      "<inlineData contenttype=\"text/plain\">Third rendition.</inlineData>"));
  EXPECT_EQ(r.text, "Second rendition.");
}

TEST(NewsMlG2ParserTest, NewsMessageTakesTheFirstNewsItem) {
  const Record r = ParseOk(
      "<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><header><sent>"
      "2025-10-29T08:00:00Z</sent></header><itemSet>"
      "<packageItem guid=\"pkg\"/>"
      "<newsItem guid=\"first\"><contentSet><inlineData>First.</inlineData></contentSet></newsItem>"
      "<newsItem guid=\"second\"><contentSet><inlineData>Second.</inlineData></contentSet>"
      "</newsItem>"
      "</itemSet></newsMessage>");
  EXPECT_EQ(r.item_id, "first");
  EXPECT_EQ(r.text, "First.");
}

TEST(NewsMlG2ParserTest, VersionOneHasNoVersionInfo) {
  EXPECT_FALSE(ParseOk(Item(kPlain, "", "", "guid=\"a\" version=\"1\"")).version.has_value());
  EXPECT_FALSE(ParseOk(Item(kPlain, "", "", "guid=\"a\" version=\"x\"")).version.has_value());
  EXPECT_FALSE(ParseOk(Item(kPlain, "", "", "guid=\"a\"")).version.has_value());
}

TEST(NewsMlG2ParserTest, PubStatusAndSignals) {
  const Record canceled =
      ParseOk(Item(kPlain, "", "<pubStatus qcode=\"stat:canceled\"/>", "guid=\"a\" version=\"5\""));
  ASSERT_TRUE(canceled.version.has_value());
  EXPECT_EQ(canceled.version->kind, "kill");
  EXPECT_EQ(canceled.version->label, "canceled");
  const Record withheld = ParseOk(Item(kPlain, "", "<pubStatus qcode=\"stat:withheld\"/>"));
  EXPECT_EQ(withheld.version.value_or(VersionInfo{}).kind, "withdrawn");
  const Record corrected = ParseOk(Item(
      kPlain, "", "<signal qcode=\"sig:update\"/><signal qcode=\"sig:correction\"/>",
      "guid=\"a\" version=\"2\""));
  EXPECT_EQ(corrected.version.value_or(VersionInfo{}).kind, "correction");
  const Record usable = ParseOk(Item(kPlain, "", "<pubStatus qcode=\"stat:usable\"/>"));
  EXPECT_FALSE(usable.version.has_value());
}

TEST(NewsMlG2ParserTest, ProviderFallbacks) {
  EXPECT_EQ(ParseOk(Item(kPlain, "", "<provider qcode=\"nprov:REUTERS\"/>"))
                .agency.value_or(Agency{})
                .raw,
            "REUTERS");
  EXPECT_FALSE(ParseOk(Item(kPlain)).agency.has_value());
}

TEST(NewsMlG2ParserTest, LocatedCountryDoesNotBecomeTheCity) {
  const Record country = ParseOk(Item(
      kPlain, "<located type=\"cptype:country\"><name>Pakistan</name></located>"
              "<dateline>MULTAN, Nov. 2</dateline>"));
  ASSERT_TRUE(country.dateline.has_value());
  EXPECT_EQ(country.dateline->location, "MULTAN");
  EXPECT_EQ(country.dateline->city, "Multan");
  EXPECT_EQ(country.dateline->date, "--11-02");  // no publication time, no timestamp

  const Record only_country =
      ParseOk(Item(kPlain, "<located type=\"loctype:Country\"><name>Pakistan</name></located>"));
  ASSERT_TRUE(only_country.dateline.has_value());
  EXPECT_EQ(only_country.dateline->raw, "Pakistan");
  EXPECT_EQ(only_country.dateline->location, "Pakistan");
  EXPECT_EQ(only_country.dateline->city, "");

  const Record located_only = ParseOk(Item(kPlain, "<located><name>Gilgit</name></located>"));
  ASSERT_TRUE(located_only.dateline.has_value());
  EXPECT_EQ(located_only.dateline->city, "Gilgit");
  EXPECT_EQ(located_only.dateline->date, "");

  EXPECT_FALSE(ParseOk(Item(kPlain)).dateline.has_value());
}

TEST(NewsMlG2ParserTest, DatelineYearFollowsTheTimestampWithoutPublicationTime) {
  Record record;
  record.source.timestamp_ms = 1767225600000;  // 2026-01-01T00:00:00Z
  ASSERT_TRUE(
      NewsMlG2Parser().Parse(Item(kPlain, "<dateline>KABUL, Dec 31</dateline>"), record).ok());
  ASSERT_TRUE(record.dateline.has_value());
  EXPECT_EQ(record.dateline->date, "2025-12-31");
}

TEST(NewsMlG2ParserTest, LanguageFallsBackToXmlLang) {
  const Record r = ParseOk(Item(kPlain, "", "", "guid=\"a\" xml:lang=\"ar-SA\""));
  EXPECT_EQ(r.language, "ar");
  EXPECT_EQ(r.language_source, "metadata");
}

TEST(NewsMlG2ParserTest, PublishedFallsBackToFirstCreated) {
  EXPECT_EQ(
      ParseOk(Item(kPlain, "", "<firstCreated>2025-10-29T07:00:00Z</firstCreated>")).published,
      "2025-10-29T07:00:00Z");
  EXPECT_EQ(ParseOk(Item(kPlain, "", "<versionCreated>yesterday</versionCreated>")).published, "");
}

std::string FirstLineOf(const char* path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

TEST(NewsMlG2SafetyTest, ExternalEntityIsNeverLoaded) {
  const std::string input =
      "<?xml version=\"1.0\"?><!DOCTYPE newsItem [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
      "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"&e;\"><contentMeta>"
      "<headline>&e;</headline></contentMeta><contentSet><inlineData>Leak: &e;</inlineData>"
      "</contentSet></newsItem>";
  Record record;
  const Verdict v = NewsMlG2Parser().Parse(input, record);
  const std::string passwd = FirstLineOf("/etc/passwd");
  const std::string all = record.text + record.item_id + record.headline.value_or("");
  EXPECT_EQ(all.find("root:"), std::string::npos);
  if (!passwd.empty()) {
    EXPECT_EQ(all.find(passwd), std::string::npos);
  }
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(record.text, "Leak: &e;");
}

TEST(NewsMlG2SafetyTest, EntityBombStaysSmallAndFast) {
  std::string input = "<!DOCTYPE newsItem [<!ENTITY a0 \"ha\">";
  for (int i = 1; i <= 12; ++i) {
    input += "<!ENTITY a" + std::to_string(i) + " \"";
    for (int k = 0; k < 12; ++k) input += "&a" + std::to_string(i - 1) + ";";
    input += "\">";
  }
  input += "]><newsItem guid=\"b\"><contentSet><inlineData>&a12;&a12;</inlineData></contentSet>"
           "</newsItem>";
  const auto start = std::chrono::steady_clock::now();
  Record record;
  const Verdict v = NewsMlG2Parser().Parse(input, record);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(record.text, "&a12;&a12;");
}

TEST(NewsMlG2SafetyTest, DeepNestingInXhtml) {
  constexpr int kDepth = 150000;
  std::string body;
  for (int i = 0; i < kDepth; ++i) body += "<div>";
  body += "<p>Deep.</p>";
  for (int i = 0; i < kDepth; ++i) body += "</div>";
  const Record r = ParseOk(Item("<inlineXML><html><body>" + body + "</body></html></inlineXML>"));
  EXPECT_EQ(r.text, "Deep.");
}

TEST(NewsMlG2MalformedTest, NotWellFormed) {
  Record record;
  const Verdict v = NewsMlG2Parser().Parse("<newsItem guid=\"a\"><contentSet>", record);
  EXPECT_EQ(v.code, ErrorCode::kMalformedItem);
  EXPECT_NE(v.reason.find("at byte"), std::string::npos) << v.reason;
  EXPECT_TRUE(record.item_id.empty());
  EXPECT_TRUE(record.text.empty());
}

TEST(NewsMlG2MalformedTest, OtherRootOrEmptyMessage) {
  EXPECT_EQ(ParseVerdict("<nitf><body/></nitf>").code, ErrorCode::kMalformedItem);
  const Verdict empty = ParseVerdict(
      "<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><header/><itemSet>"
      "<packageItem guid=\"p\"/></itemSet></newsMessage>");
  EXPECT_EQ(empty.code, ErrorCode::kMalformedItem);
  EXPECT_NE(empty.reason.find("no newsItem"), std::string::npos) << empty.reason;
}

TEST(NewsMlG2MalformedTest, NoInlineTextIsRejected) {
  for (const std::string& input :
       {Item(""), Item("<remoteContent href=\"http://example.invalid/a.txt\"/>"),
        Item("<inlineData contenttype=\"text/plain\">   </inlineData>"),
        Item("<inlineData contenttype=\"text/plain\" encoding=\"base64\">QUJD</inlineData>"),
        Item("<inlineXML><nitf><body><body.content><p/></body.content></body></nitf></inlineXML>"),
        std::string("<newsItem guid=\"a\"><itemMeta/></newsItem>")}) {
    Record record;
    const Verdict v = NewsMlG2Parser().Parse(input, record);
    EXPECT_EQ(v.code, ErrorCode::kMalformedItem) << input;
    EXPECT_NE(v.reason.find("no inline text"), std::string::npos) << v.reason;
    EXPECT_TRUE(record.item_id.empty());
  }
}

TEST(NewsMlG2FuzzTest, RandomAndMutatedInputNeverCrashes) {
  std::mt19937 rng(4321);
  const NewsMlG2Parser parser;
  const std::string item = kItem;
  const std::string alphabet = "<>/&;\"'=![]-? \nabp#x0:";
  for (int i = 0; i < 3000; ++i) {
    std::string input;
    if (i % 2 == 0) {
      input.resize(rng() % 300);
      for (char& c : input) c = static_cast<char>(rng() % 256);
      if (i % 4 == 0) input = "<newsItem>" + input;
    } else {
      input = item;
      const int edits = 1 + static_cast<int>(rng() % 8);
      for (int e = 0; e < edits && !input.empty(); ++e) {
        const size_t pos = rng() % input.size();
        switch (rng() % 3) {
          case 0: input[pos] = alphabet[rng() % alphabet.size()]; break;
          case 1: input.erase(pos, 1 + rng() % 20); break;
          default: input.insert(pos, 1, alphabet[rng() % alphabet.size()]); break;
        }
      }
      if (i % 7 == 1 && !input.empty()) input.resize(rng() % input.size());
    }
    Record record;
    parser.Sniff(input);
    const Verdict v = parser.Parse(input, record);
    if (!v.ok()) {
      EXPECT_EQ(v.code, ErrorCode::kMalformedItem);
    }
  }
}

}  // namespace
}  // namespace dateline
