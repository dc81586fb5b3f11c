// Tests for the ninjs parser, the JSON helpers it shares with the generic
// JSON format, and the HTML-to-text converter.
#include "formats/ninjs.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "formats/html_text.h"

namespace dateline {
namespace {

// ---------------------------------------------------------------------------
// HtmlToText

TEST(HtmlTextTest, ParagraphsBecomeBlankLineSeparated) {
  EXPECT_EQ(HtmlToText("<p>First paragraph.</p><p>Second one.</p>"),
            "First paragraph.\n\nSecond one.");
}

TEST(HtmlTextTest, BrAndListItemsBreakParagraphs) {
  EXPECT_EQ(HtmlToText("Line one<br>Line two<br/>Line three"),
            "Line one\n\nLine two\n\nLine three");
  EXPECT_EQ(HtmlToText("<ul><li>Alpha</li><li>Beta</li></ul>"), "Alpha\n\nBeta");
}

TEST(HtmlTextTest, OtherBlocksBreakToo) {
  EXPECT_EQ(HtmlToText("<h2>Title</h2><div>Body</div><blockquote>Quote</blockquote>"),
            "Title\n\nBody\n\nQuote");
}

TEST(HtmlTextTest, InlineTagsAreDroppedKeepingText) {
  EXPECT_EQ(HtmlToText("<p>The <b>big</b> <a href=\"/x\">storm</a> hit<em>s</em>.</p>"),
            "The big storm hits.");
}

TEST(HtmlTextTest, TableCellsAreSeparatedBySpaces) {
  EXPECT_EQ(HtmlToText("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"),
            "a b\n\nc");
}

TEST(HtmlTextTest, PredefinedEntities) {
  EXPECT_EQ(HtmlToText("&lt;tag&gt; &amp; &quot;q&quot; &apos;a&apos;"), "<tag> & \"q\" 'a'");
}

TEST(HtmlTextTest, NumericReferences) {
  EXPECT_EQ(HtmlToText("caf&#233; caf&#xE9; caf&#Xe9;"), "caf\xC3\xA9 caf\xC3\xA9 caf\xC3\xA9");
  EXPECT_EQ(HtmlToText("1990&#150;1995"), "1990\xE2\x80\x93" "1995");  // Windows-1252 en dash
  EXPECT_EQ(HtmlToText("a&#0;b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(HtmlToText("a&#xD800;b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(HtmlToText("a&#99999999999999999999;b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(HtmlToText("&#65"), "A");  // the semicolon may be missing
}

TEST(HtmlTextTest, CommonNamedEntitiesAndUnknownOnes) {
  EXPECT_EQ(HtmlToText("a&mdash;b &ldquo;c&rdquo;"),
            "a\xE2\x80\x94" "b \xE2\x80\x9C" "c\xE2\x80\x9D");
  EXPECT_EQ(HtmlToText("&unknown; & &amp &#; &#x;"), "&unknown; & &amp &#; &#x;");
  EXPECT_EQ(HtmlToText("a&nbsp;&nbsp; b"), "a b");
}

TEST(HtmlTextTest, ScriptAndStyleContentIsDropped) {
  EXPECT_EQ(HtmlToText("<p>Before<script>var x = '<p>';</script> after</p>"
                       "<style>p { color: red; }</style><p>End</p>"),
            "Before after\n\nEnd");
  EXPECT_EQ(HtmlToText("<SCRIPT type=\"x\">alert(1)</SCRIPT >Text"), "Text");
  EXPECT_EQ(HtmlToText("Kept<script>never closed <p>lost</p>"), "Kept");
  EXPECT_EQ(HtmlToText("<head><title>Page</title></head><body><p>Body</p></body>"), "Body");
}

TEST(HtmlTextTest, CommentsDoctypeAndCdata) {
  EXPECT_EQ(HtmlToText("<!DOCTYPE html><?xml version=\"1.0\"?><!-- <p>hidden</p> -->Shown"),
            "Shown");
  EXPECT_EQ(HtmlToText("<p><![CDATA[a < b & c]]></p>"), "a < b & c");
  EXPECT_EQ(HtmlToText("Text<!-- unterminated"), "Text");
}

TEST(HtmlTextTest, WhitespaceCollapsesAndParagraphsAreTrimmed) {
  EXPECT_EQ(HtmlToText("  <p>\n  Many \t\n spaces   here  </p>\n\n<p> </p><p>Next</p>  "),
            "Many spaces here\n\nNext");
  EXPECT_EQ(HtmlToText(""), "");
  EXPECT_EQ(HtmlToText("<p></p><br><br>"), "");
}

TEST(HtmlTextTest, LessThanThatIsNotATagIsText) {
  EXPECT_EQ(HtmlToText("a < b, 3 <4 and </ >"), "a < b, 3 <4 and </ >");
}

TEST(HtmlTextTest, QuotedAttributesMayHoldAngleBrackets) {
  EXPECT_EQ(HtmlToText("<a title=\"a>b\" data-x='c>d'>link</a>"), "link");
  // A stray apostrophe that does not follow '=' does not swallow the rest.
  EXPECT_EQ(HtmlToText("<p class=x it's>text</p><p>more</p>"), "text\n\nmore");
}

TEST(HtmlTextTest, CaseAndNamespacesInTagNames) {
  EXPECT_EQ(HtmlToText("<P>One<BR/>Two</P><html:p>Three</html:p>"), "One\n\nTwo\n\nThree");
}

TEST(HtmlTextTest, NonAsciiTextPassesThrough) {
  EXPECT_EQ(HtmlToText("<p>S\xC3\xA3o Paulo \xE2\x80\x94 \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85</p>"),
            "S\xC3\xA3o Paulo \xE2\x80\x94 \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85");
}

TEST(HtmlTextTest, DeepNestingAndUnterminatedMarkupDoNotCrash) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div><span>";
  deep += "core";
  EXPECT_EQ(HtmlToText(deep), "core");
  EXPECT_EQ(HtmlToText("<p>text<a href=\"never closed"), "text");
  EXPECT_EQ(HtmlToText("<<<<<<"), "<<<<<<");
  EXPECT_EQ(HtmlToText("&&&&#&#x"), "&&&&#&#x");
}

TEST(HtmlTextTest, RandomBytesDoNotCrash) {
  std::mt19937 rng(7);
  const std::string alphabet = "<>/&#;!-[]\"'= abcpxP\n0123456789\xC3\xA9";
  for (int round = 0; round < 2000; ++round) {
    std::string input;
    const int length = static_cast<int>(rng() % 200);
    for (int i = 0; i < length; ++i) {
      input.push_back(round % 2 ? alphabet[rng() % alphabet.size()] : static_cast<char>(rng()));
    }
    const std::string out = HtmlToText(input);
    EXPECT_EQ(out.find("\n\n\n"), std::string::npos);
  }
}

TEST(HtmlTextTest, DecodeEntitiesKeepsTagsAndWhitespace) {
  EXPECT_EQ(DecodeHtmlEntities("<b>a &amp;  b</b>\n&#x41;&nope;"), "<b>a &  b</b>\nA&nope;");
  EXPECT_EQ(DecodeHtmlEntities("&nbsp;"), "\xC2\xA0");
}

// ---------------------------------------------------------------------------
// Shared JSON helpers

TEST(JsonItemTest, DepthWithin) {
  EXPECT_TRUE(json_item::DepthWithin("{\"a\":[[1]]}", 3));
  EXPECT_FALSE(json_item::DepthWithin("{\"a\":[[1]]}", 2));
  // Brackets inside strings, escaped quotes included, do not count.
  EXPECT_TRUE(json_item::DepthWithin("{\"a\":\"[[[[\\\"[[[[\"}", 1));
  EXPECT_FALSE(json_item::DepthWithin(std::string(100000, '['), 64));
  EXPECT_TRUE(json_item::DepthWithin(std::string(100000, ']'), 1));
}

TEST(JsonItemTest, PrecheckJsonItem) {
  EXPECT_EQ(json_item::PrecheckJsonItem("\xEF\xBB\xBF \n {\"a\":1}"), "");
  EXPECT_NE(json_item::PrecheckJsonItem(""), "");
  EXPECT_NE(json_item::PrecheckJsonItem("[1]"), "");
  EXPECT_NE(json_item::PrecheckJsonItem("{" + std::string(65, '[')), "");
  EXPECT_EQ(json_item::PrecheckJsonItem("{" + std::string(63, '[')), "");
}

TEST(JsonItemTest, VersionFromNumber) {
  EXPECT_FALSE(json_item::VersionFromNumber(1));
  EXPECT_FALSE(json_item::VersionFromNumber(0));
  EXPECT_FALSE(json_item::VersionFromNumber(-4));
  const auto v3 = json_item::VersionFromNumber(3);
  ASSERT_TRUE(v3);
  EXPECT_EQ(v3->label, "version 3");
  EXPECT_EQ(v3->kind, "version");
  EXPECT_EQ(v3->number, 3);
  EXPECT_EQ(json_item::VersionFromNumber(1LL << 40)->number, 1000000);
}

TEST(JsonItemTest, Keywords) {
  std::vector<std::string> k;
  json_item::AddKeywordList(" floods ,Sindh;; monsoon , floods", &k);
  EXPECT_EQ(k, (std::vector<std::string>{"floods", "Sindh", "monsoon"}));
  json_item::AddKeyword("  two\nlines ", &k);
  EXPECT_EQ(k.back(), "two lines");
}

// ---------------------------------------------------------------------------
// NinjsParser::Sniff

constexpr char kNinjs2[] = R"({
  "uri": "urn:newsml:example.org:20251029:flood-sindh",
  "type": "text",
  "version": "3",
  "versioncreated": "2025-10-29T13:05:00+05:00",
  "firstcreated": "2025-10-29T09:00:00+05:00",
  "pubstatus": "usable",
  "urgency": 3,
  "language": "en-GB",
  "slugline": "PAKISTAN-FLOODS/",
  "located": "HYDERABAD, Pakistan",
  "by": "By  Sana Qureshi",
  "headlines": [
    {"role": "sub", "value": "Relief camps fill up"},
    {"role": "main", "value": "Floodwater reaches  Hyderabad outskirts"}
  ],
  "bodies": [
    {"role": "richtext", "contenttype": "text/html",
     "value": "<p>HTML version.</p>"},
    {"role": "main", "contenttype": "text/plain",
     "value": "Floodwater from the Indus reached the outskirts of the city on Wednesday.)"
    R"(\n\nOfficials said relief camps were filling up."}
  ],
  "subjects": [
    {"name": "flood", "uri": "http://cv.iptc.org/newscodes/mediatopic/20000162"},
    {"name": "disaster", "uri": "https://cv.iptc.org/newscodes/subjectcode/03000000"},
    {"name": "local tag", "literal": "sindh-floods"},
    {"name": "flood", "uri": "http://cv.iptc.org/newscodes/mediatopic/20000162"}
  ],
  "keywords": ["floods", "Sindh", "floods"],
  "infosources": [{"role": "originfo"}, {"name": "Indus Wire", "role": "originfo"}],
  "copyrightholder": "Someone Else",
  "ednote": "Corrects spelling of district name",
  "altids": [{"role": "internal", "value": "abc-123"}]
})";

constexpr char kNinjs3[] = R"({
  "uri": "https://example.net/items/7781",
  "type": "text",
  "version": "1",
  "versionCreated": "2025-03-04T18:20:00Z",
  "contentCreated": "2025-03-04T17:00:00Z",
  "pubStatus": "canceled",
  "urgency": 1,
  "language": "fr",
  "by": "Luc Martin",
  "slugline": "FRANCE-STRIKE",
  "located": "LYON",
  "headlines": [{"value": "Rail strike halts trains across the south-east"}],
  "bodies": [
    {"contentType": "text/html",
     "value": "<p>LYON &mdash; Rail workers walked out on Tuesday.</p>)"
    R"(<p>Unions said the strike would last &quot;as long as needed&quot;.</p>)"
    R"(<script>track()</script>"}
  ],
  "subjects": [{"name": "labour dispute",
                "uri": "http://cv.iptc.org/newscodes/mediatopic/09000000"}],
  "infoSources": [{"name": "Agence Exemple"}],
  "copyrightHolder": "Other Holder",
  "edNote": "Kill: legal",
  "altIds": [{"role": "x", "value": "y"}]
})";

constexpr char kNinjs1[] = R"({
  "uri": "http://example.com/2014/item-42",
  "type": "text",
  "versioncreated": "2014-06-02T08:00:00-04:00",
  "headline": "Harbour reopens after storm",
  "byline": "BY Tom Reed",
  "body_html": "<p>Ignored when body_text exists.</p>",
  "body_text": "The harbour reopened to shipping on Monday after a two-day closure.",
  "subject": [{"name": "transport", "scheme": "http://cv.iptc.org/newscodes/mediatopic/",
               "code": "20000574"},
              {"name": "ports", "code": "x:ports"}],
  "infosource": [{"name": "Harbour News Service"}],
  "urgency": 5
})";

TEST(NinjsSniffTest, RecognizesEveryGeneration) {
  NinjsParser p;
  EXPECT_EQ(p.Sniff(kNinjs1), 90);
  EXPECT_EQ(p.Sniff(kNinjs2), 90);
  EXPECT_EQ(p.Sniff(kNinjs3), 90);
  EXPECT_EQ(p.Sniff(std::string("\xEF\xBB\xBF \r\n") + kNinjs2), 90);
  EXPECT_EQ(p.Sniff(R"({"type":"text","uri":"x"})"), 90);
}

TEST(NinjsSniffTest, RejectsOtherInput) {
  NinjsParser p;
  EXPECT_EQ(p.Sniff(""), 0);
  EXPECT_EQ(p.Sniff("   "), 0);
  EXPECT_EQ(p.Sniff("KARACHI, Oct 29 (Reuters) - text"), 0);
  EXPECT_EQ(p.Sniff("<nitf><head/></nitf>"), 0);
  EXPECT_EQ(p.Sniff(R"([{"uri":"x","bodies":[]}])"), 0);
  EXPECT_EQ(p.Sniff(R"({"uri":"x"})"), 0);  // uri alone: not enough
  EXPECT_EQ(p.Sniff(R"({"id":"1","headline":"h","body":"b"})"), 0);
  // Keys that are only nested, or only values, do not count.
  EXPECT_EQ(p.Sniff(R"({"item":{"uri":"x","bodies":[]}})"), 0);
  EXPECT_EQ(p.Sniff(R"({"note":"uri","other":"bodies"})"), 0);
  EXPECT_EQ(p.Sniff(R"({"a\"uri":1,"bodies":[]})"), 0);
}

TEST(NinjsSniffTest, PathologicalInputDoesNotCrash) {
  NinjsParser p;
  EXPECT_EQ(p.Sniff(std::string(100000, '[')), 0);
  EXPECT_EQ(p.Sniff("{" + std::string(100000, '[')), 0);
  EXPECT_EQ(p.Sniff("{\"" + std::string(100000, '\\')), 0);
  EXPECT_EQ(p.Sniff("{\"uri\":\"" + std::string(100000, 'x')), 0);
  std::mt19937 rng(11);
  for (int round = 0; round < 500; ++round) {
    std::string input = "{";
    for (int i = 0; i < 300; ++i) input.push_back(static_cast<char>(rng()));
    EXPECT_GE(p.Sniff(input), 0);
  }
}

// ---------------------------------------------------------------------------
// NinjsParser::Parse

Record ParseOk(std::string_view input) {
  Record r;
  const Verdict v = NinjsParser().Parse(input, r);
  EXPECT_TRUE(v.ok()) << v.reason;
  return r;
}

Verdict ParseVerdict(std::string_view input) {
  Record r;
  return NinjsParser().Parse(input, r);
}

TEST(NinjsParseTest, Ninjs2EveryField) {
  const Record r = ParseOk(kNinjs2);
  EXPECT_EQ(r.item_id, "urn:newsml:example.org:20251029:flood-sindh");
  EXPECT_EQ(r.headline, "Floodwater reaches Hyderabad outskirts");
  EXPECT_EQ(r.text,
            "Floodwater from the Indus reached the outskirts of the city on Wednesday.\n\n"
            "Officials said relief camps were filling up.");
  EXPECT_EQ(r.byline, "Sana Qureshi");
  EXPECT_EQ(r.slug, "PAKISTAN-FLOODS/");
  ASSERT_TRUE(r.dateline);
  EXPECT_EQ(r.dateline->raw, "HYDERABAD, Pakistan");
  EXPECT_EQ(r.dateline->location, "HYDERABAD, Pakistan");
  EXPECT_EQ(r.dateline->city, "Hyderabad");
  EXPECT_EQ(r.language, "en");
  EXPECT_EQ(r.language_source, "metadata");
  EXPECT_EQ(r.urgency, "urgent");
  EXPECT_EQ(r.published, "2025-10-29T08:05:00Z");
  ASSERT_TRUE(r.version);
  EXPECT_EQ(r.version->label, "version 3");
  EXPECT_EQ(r.version->kind, "version");
  EXPECT_EQ(r.version->number, 3);
  ASSERT_EQ(r.subjects.size(), 3u);
  EXPECT_EQ(r.subjects[0].code, "medtop:20000162");
  EXPECT_EQ(r.subjects[0].name, "flood");
  EXPECT_EQ(r.subjects[1].code, "subj:03000000");
  EXPECT_EQ(r.subjects[2].code, "sindh-floods");
  EXPECT_EQ(r.subjects[2].name, "local tag");
  EXPECT_EQ(r.keywords, (std::vector<std::string>{"floods", "Sindh"}));
  ASSERT_TRUE(r.agency);
  EXPECT_EQ(r.agency->raw, "Indus Wire");
  EXPECT_EQ(r.agency->code, "");
}

TEST(NinjsParseTest, Ninjs3CamelCaseAndHtmlBody) {
  const Record r = ParseOk(kNinjs3);
  EXPECT_EQ(r.item_id, "https://example.net/items/7781");
  EXPECT_EQ(r.headline, "Rail strike halts trains across the south-east");
  EXPECT_EQ(r.text,
            "LYON \xE2\x80\x94 Rail workers walked out on Tuesday.\n\n"
            "Unions said the strike would last \"as long as needed\".");
  EXPECT_EQ(r.byline, "Luc Martin");
  EXPECT_EQ(r.slug, "FRANCE-STRIKE");
  ASSERT_TRUE(r.dateline);
  EXPECT_EQ(r.dateline->location, "LYON");
  EXPECT_EQ(r.dateline->city, "Lyon");
  EXPECT_EQ(r.language, "fr");
  EXPECT_EQ(r.urgency, "flash");
  EXPECT_EQ(r.published, "2025-03-04T18:20:00Z");
  ASSERT_TRUE(r.version);  // canceled overrides version 1
  EXPECT_EQ(r.version->label, "canceled");
  EXPECT_EQ(r.version->kind, "kill");
  EXPECT_EQ(r.version->number, 0);
  ASSERT_EQ(r.subjects.size(), 1u);
  EXPECT_EQ(r.subjects[0].code, "medtop:09000000");
  ASSERT_TRUE(r.agency);
  EXPECT_EQ(r.agency->raw, "Agence Exemple");
}

TEST(NinjsParseTest, Ninjs1Names) {
  const Record r = ParseOk(kNinjs1);
  EXPECT_EQ(r.item_id, "http://example.com/2014/item-42");
  EXPECT_EQ(r.headline, "Harbour reopens after storm");
  EXPECT_EQ(r.byline, "Tom Reed");
  EXPECT_EQ(r.text, "The harbour reopened to shipping on Monday after a two-day closure.");
  EXPECT_EQ(r.published, "2014-06-02T12:00:00Z");
  EXPECT_EQ(r.urgency, "normal");
  EXPECT_FALSE(r.version);
  EXPECT_FALSE(r.dateline);
  EXPECT_EQ(r.language, "");
  EXPECT_EQ(r.language_source, "");
  ASSERT_EQ(r.subjects.size(), 2u);
  EXPECT_EQ(r.subjects[0].code, "medtop:20000574");
  EXPECT_EQ(r.subjects[1].code, "x:ports");
  ASSERT_TRUE(r.agency);
  EXPECT_EQ(r.agency->raw, "Harbour News Service");
}

TEST(NinjsParseTest, Ninjs1HtmlOnly) {
  const Record r = ParseOk(R"({"uri":"u","body_html":"<p>One.</p>\n<p>Two &amp; three.</p>"})");
  EXPECT_EQ(r.text, "One.\n\nTwo & three.");
  EXPECT_FALSE(r.headline);
  EXPECT_FALSE(r.byline);
  EXPECT_FALSE(r.slug);
  EXPECT_FALSE(r.agency);
  EXPECT_EQ(r.published, "");
}

TEST(NinjsParseTest, BodyPreferenceOrder) {
  // Plain text with role main beats other plain text and HTML.
  EXPECT_EQ(ParseOk(R"({"uri":"u","bodies":[
      {"contenttype":"text/html","role":"main","value":"<p>html</p>"},
      {"contenttype":"text/plain","value":"plain other"},
      {"contenttype":"text/plain; charset=utf-8","role":"main","value":"plain main"}]})")
                .text,
            "plain main");
  // HTML beats a body without a content type.
  EXPECT_EQ(ParseOk(R"({"uri":"u","bodies":[{"value":"untyped"},
      {"contenttype":"application/xhtml+xml","value":"<p>xhtml</p>"}]})")
                .text,
            "xhtml");
  // Without a content type, a value starting with '<' is HTML.
  EXPECT_EQ(ParseOk(R"({"uri":"u","bodies":[{"value":"  <p>a</p><p>b</p>"}]})").text, "a\n\nb");
  EXPECT_EQ(ParseOk(R"({"uri":"u","bodies":[{"value":"a <b> c"}]})").text, "a <b> c");
  // Other markup (NITF XML) keeps its text.
  EXPECT_EQ(ParseOk(R"({"uri":"u","bodies":[{"contenttype":"application/nitf+xml",
      "value":"<body.content><p>n1</p><p>n2</p></body.content>"}]})")
                .text,
            "n1\n\nn2");
  // Empty bodies are skipped.
  EXPECT_EQ(ParseOk(R"({"uri":"u","bodies":[{"contenttype":"text/plain","value":"  "},
      {"contenttype":"text/html","value":"<p>real</p>"}]})")
                .text,
            "real");
  // HTML that holds no text does not hide a usable body of a lower rank.
  EXPECT_EQ(ParseOk(R"({"uri":"u","bodies":[
      {"contenttype":"text/html","value":"<p> </p><script>x()</script>"},
      {"value":"untyped but real"}]})")
                .text,
            "untyped but real");
  // A bare "body" string, as some producers send, is the last resort.
  EXPECT_EQ(ParseOk(R"({"uri":"u","type":"text","body":"fallback"})").text, "fallback");
}

TEST(NinjsParseTest, HeadlineChoice) {
  EXPECT_EQ(ParseOk(R"({"uri":"u","body_text":"b","headlines":[{"value":""},{"value":"first"}],
      "headline":"old"})")
                .headline,
            "first");
  EXPECT_EQ(ParseOk(R"({"uri":"u","body_text":"b","headlines":[],"headline":" old\nstyle "})")
                .headline,
            "old style");
  EXPECT_EQ(ParseOk(R"({"uri":"u","body_text":"b",
      "headlines":[{"contenttype":"text/html","value":"Tom &amp; <i>Jerry</i>"}]})")
                .headline,
            "Tom & Jerry");
}

TEST(NinjsParseTest, PubStatusAndVersion) {
  auto version = [](std::string extra) {
    return ParseOk(R"({"uri":"u","body_text":"b")" + extra + "}").version;
  };
  EXPECT_FALSE(version(""));
  EXPECT_FALSE(version(R"(,"version":"1")"));
  EXPECT_FALSE(version(R"(,"version":"v2")"));
  EXPECT_EQ(version(R"(,"version":2)")->number, 2);
  EXPECT_EQ(version(R"(,"version":"7","pubstatus":"usable")")->number, 7);
  EXPECT_EQ(version(R"(,"version":"2","pubstatus":"withheld")")->kind, "withdrawn");
  EXPECT_EQ(version(R"(,"pubStatus":"stat:canceled")")->kind, "kill");
  EXPECT_EQ(version(R"(,"pubstatus":"Cancelled")")->label, "Cancelled");
}

TEST(NinjsParseTest, PublishedFallsBackToFirstCreated) {
  EXPECT_EQ(ParseOk(R"({"uri":"u","body_text":"b","firstCreated":"2025-01-02T03:04:05+01:00"})")
                .published,
            "2025-01-02T02:04:05Z");
  // Every format writes published the same way (xml::NormalizeTime): UTC,
  // whole seconds; a time without a zone is taken as UTC.
  EXPECT_EQ(ParseOk(R"({"uri":"u","body_text":"b","versioncreated":"2025-01-02T03:04:05"})")
                .published,
            "2025-01-02T03:04:05Z");
  EXPECT_EQ(ParseOk(R"({"uri":"u","body_text":"b",
                        "versionCreated":"2025-01-02T03:04:05.250-02:30"})")
                .published,
            "2025-01-02T05:34:05Z");
  EXPECT_EQ(ParseOk(R"({"uri":"u","body_text":"b","versioncreated":"yesterday"})").published, "");
}

TEST(NinjsParseTest, UrgencyValues) {
  auto urgency = [](std::string value) {
    return ParseOk(R"({"uri":"u","body_text":"b","urgency":)" + value + "}").urgency;
  };
  EXPECT_EQ(urgency("1"), "flash");
  EXPECT_EQ(urgency("2.0"), "bulletin");
  EXPECT_EQ(urgency("\"4\""), "normal");
  EXPECT_EQ(urgency("9"), "deferred");
  EXPECT_EQ(urgency("0"), "");
  EXPECT_EQ(urgency("10"), "");
  EXPECT_EQ(urgency("2.5"), "");
  EXPECT_EQ(urgency("-3"), "");
  EXPECT_EQ(urgency("1e300"), "");
  EXPECT_EQ(urgency("\"flash\""), "");
}

TEST(NinjsParseTest, AgencyFallsBackToCopyrightHolder) {
  const Record r = ParseOk(R"({"uri":"u","body_text":"b","infosources":[],
      "copyrightholder":" Kabul  Press "})");
  ASSERT_TRUE(r.agency);
  EXPECT_EQ(r.agency->raw, "Kabul Press");
}

TEST(NinjsParseTest, MissingBodyIsMalformed) {
  for (const char* input : {
           R"({"uri":"u","headlines":[{"value":"h"}]})",
           R"({"uri":"u","bodies":[]})",
           R"({"uri":"u","bodies":[{"contenttype":"text/plain","value":" \n "}]})",
           R"({"uri":"u","bodies":[{"contenttype":"text/html",
               "value":"<p> </p><script>x</script>"}]})",
           R"({"uri":"u","body_text":""})",
       }) {
    const Verdict v = ParseVerdict(input);
    EXPECT_FALSE(v.ok()) << input;
    EXPECT_EQ(v.code, ErrorCode::kMalformedItem) << input;
    EXPECT_NE(v.reason.find("body"), std::string::npos) << v.reason;
  }
  const Verdict picture = ParseVerdict(R"({"uri":"u","type":"picture"})");
  EXPECT_EQ(picture.code, ErrorCode::kMalformedItem);
  EXPECT_NE(picture.reason.find("picture"), std::string::npos) << picture.reason;
}

TEST(NinjsParseTest, MissingBodyLeavesRecordUntouched) {
  Record r;
  r.text = "before";
  EXPECT_FALSE(NinjsParser().Parse(R"({"uri":"u","headline":"h"})", r).ok());
  EXPECT_EQ(r.text, "before");
  EXPECT_FALSE(r.headline);
  EXPECT_EQ(r.item_id, "");
}

TEST(NinjsParseTest, WrongTypesForEveryFieldAreIgnored) {
  const Record r = ParseOk(R"({
    "uri": 5, "type": ["text"], "version": [2], "versioncreated": 20251029,
    "firstcreated": {"a": 1}, "pubstatus": 1, "urgency": "high", "language": 44,
    "slugline": {"s": 1}, "located": 3.5, "by": ["Sana"], "byline": false,
    "headlines": "Not an array", "headline": 7,
    "bodies": [1, "string", [["nested"]], {"value": 5}, {"value": ["x"]},
               {"contenttype": 3, "value": "real body"}],
    "body_html": 12, "body": {"b": 1},
    "subjects": [["medtop:1"], 5, "x", {"name": 3, "uri": 4, "code": [], "literal": {}}],
    "subject": "ignored because subjects is present",
    "keywords": [1, ["nested"], {"k": 1}, "ok", null],
    "infosources": "Reuters", "copyrightholder": ["AP"], "ednote": 5, "altids": "x"
  })");
  EXPECT_EQ(r.text, "real body");
  EXPECT_EQ(r.item_id, "");
  EXPECT_FALSE(r.headline);
  EXPECT_FALSE(r.byline);
  EXPECT_FALSE(r.slug);
  EXPECT_FALSE(r.dateline);
  EXPECT_FALSE(r.version);
  EXPECT_FALSE(r.agency);
  EXPECT_EQ(r.published, "");
  EXPECT_EQ(r.urgency, "");
  EXPECT_EQ(r.language, "");
  EXPECT_TRUE(r.subjects.empty());
  EXPECT_EQ(r.keywords, (std::vector<std::string>{"ok"}));

  // Wrong container types for the lists.
  const Record r2 = ParseOk(R"({"uri":"u","body_text":"b","headlines":[[{"value":"x"}]],
      "subjects":{"name":"n"},"keywords":5,"infosources":[["Reuters"]]})");
  EXPECT_FALSE(r2.headline);
  EXPECT_TRUE(r2.subjects.empty());
  EXPECT_TRUE(r2.keywords.empty());
  EXPECT_FALSE(r2.agency);

  // Bodies that are an object, not an array.
  const Verdict v = ParseVerdict(R"({"uri":"u","bodies":{"value":"x"}})");
  EXPECT_EQ(v.code, ErrorCode::kMalformedItem);
}

TEST(NinjsParseTest, NullsAreAbsent) {
  const Record r = ParseOk(R"({"uri":null,"headline":null,"bodies":null,"body_text":"b",
      "keywords":null,"urgency":null,"located":null})");
  EXPECT_EQ(r.text, "b");
  EXPECT_EQ(r.item_id, "");
}

TEST(NinjsParseTest, KeywordsAsString) {
  EXPECT_EQ(ParseOk(R"({"uri":"u","body_text":"b","keywords":"a, b;c"})").keywords,
            (std::vector<std::string>{"a", "b", "c"}));
}

TEST(NinjsParseTest, InvalidJsonIsMalformed) {
  for (const char* input : {
           "{",
           R"({"uri":"u","body_text":"b")",
           R"({"uri":"u","body_text":"b"} trailing)",
           R"({"uri":"u",})",
           R"({'uri':'u'})",
           R"({"uri":"u","body_text":"b\q"})",
           "{\"uri\":\"u\",\"body_text\":\"line\nbreak\"}",
           "{\"a\":\"\xFF\"}",
       }) {
    const Verdict v = ParseVerdict(input);
    EXPECT_EQ(v.code, ErrorCode::kMalformedItem) << input;
    EXPECT_FALSE(v.reason.empty());
  }
  EXPECT_NE(ParseVerdict("{\"uri\":x}").reason.find("byte"), std::string::npos);
}

TEST(NinjsParseTest, NotAnObjectIsMalformed) {
  for (const char* input : {"", "  ", "[]", "[{\"uri\":\"u\",\"body_text\":\"b\"}]", "\"s\"", "42",
                            "null", "plain text"}) {
    const Verdict v = ParseVerdict(input);
    EXPECT_EQ(v.code, ErrorCode::kMalformedItem) << input;
  }
}

TEST(NinjsParseTest, HugeNestingIsRejectedWithoutCrashing) {
  const std::string deep_array(100000, '[');
  EXPECT_EQ(ParseVerdict(deep_array).code, ErrorCode::kMalformedItem);
  const std::string deep_in_object = "{\"uri\":\"u\",\"body_text\":\"b\",\"x\":" + deep_array;
  const Verdict v = ParseVerdict(deep_in_object);
  EXPECT_EQ(v.code, ErrorCode::kMalformedItem);
  EXPECT_NE(v.reason.find("nested"), std::string::npos) << v.reason;
  // Closed deep nesting is rejected too.
  std::string closed = "{\"uri\":\"u\",\"body_text\":\"b\",\"x\":";
  for (int i = 0; i < 100000; ++i) closed += "{\"a\":";
  closed += "1";
  closed += std::string(100000, '}');
  closed += "}";
  EXPECT_EQ(ParseVerdict(closed).code, ErrorCode::kMalformedItem);
  // Nesting within the limit is fine.
  std::string ok = "{\"uri\":\"u\",\"body_text\":\"b\",\"x\":";
  ok += std::string(60, '[') + std::string(60, ']') + "}";
  EXPECT_TRUE(ParseVerdict(ok).ok());
}

TEST(NinjsParseTest, RandomBytesAndMutationsDoNotCrash) {
  NinjsParser p;
  std::mt19937 rng(2025);
  for (int round = 0; round < 1000; ++round) {
    std::string input;
    const int length = static_cast<int>(rng() % 300);
    for (int i = 0; i < length; ++i) input.push_back(static_cast<char>(rng()));
    if (round % 2) input.insert(0, "{");
    Record r;
    const Verdict v = p.Parse(input, r);
    EXPECT_TRUE(v.ok() || v.code == ErrorCode::kMalformedItem);
  }
  const std::string base = kNinjs2;
  const std::string alphabet = "{}[]\",:0123456789 \\<>&;ntfrue";
  for (int round = 0; round < 2000; ++round) {
    std::string input = base;
    for (int m = 0; m < 3; ++m) {
      const size_t at = rng() % input.size();
      switch (rng() % 3) {
        case 0:
          input[at] = alphabet[rng() % alphabet.size()];
          break;
        case 1:
          input.erase(at, 1 + rng() % 8);
          break;
        default:
          input.insert(at, 1, alphabet[rng() % alphabet.size()]);
      }
      if (input.empty()) input = "{";
    }
    Record r;
    const Verdict v = p.Parse(input, r);
    EXPECT_TRUE(v.ok() || v.code == ErrorCode::kMalformedItem);
  }
}

TEST(NinjsParseTest, GeneratedItemsRoundTrip) {
  // Items built with nlohmann/json, so that escaping is exercised.
  nlohmann::json item = {
      {"uri", "urn:x:1"},
      {"headlines", {{{"role", "main"}, {"value", "Quote \"marks\" and \\ slashes"}}}},
      {"bodies", {{{"contenttype", "text/plain"}, {"value", "Tab\there.\n\nS\xC3\xA3o Paulo."}}}},
      {"located", "S\xC3\x83O PAULO"},
  };
  const Record r = ParseOk(item.dump());
  EXPECT_EQ(r.headline, "Quote \"marks\" and \\ slashes");
  EXPECT_EQ(r.text, "Tab\there.\n\nS\xC3\xA3o Paulo.");
  EXPECT_EQ(r.dateline->city, "S\xC3\xA3o Paulo");
}

}  // namespace
}  // namespace dateline
