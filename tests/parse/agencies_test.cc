#include "parse/agencies.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace dateline {
namespace {

const std::string kAgenciesPath = std::string(DATELINE_SOURCE_DIR) + "/config/agencies.yaml";

AgencyTable MustParse(const std::string& yaml) {
  std::string error;
  auto table = AgencyTable::Parse(yaml, &error);
  EXPECT_TRUE(table.has_value()) << error;
  return table ? std::move(*table) : AgencyTable();
}

std::string ParseError(const std::string& yaml) {
  std::string error;
  auto table = AgencyTable::Parse(yaml, &error);
  EXPECT_FALSE(table.has_value()) << "parsed: " << yaml;
  EXPECT_FALSE(error.empty());
  return error;
}

// A file under the test's temporary directory, removed when done.
class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    path_ = ::testing::TempDir() + "agencies_test_" + std::to_string(::getpid()) + "_" +
            std::to_string(counter_++) + ".yaml";
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::string path_;
};

// ---------------------------------------------------------------------------
// The shipped table

TEST(AgencyTableLoadFileTest, LoadsTheShippedTable) {
  std::string error;
  auto table = AgencyTable::LoadFile(kAgenciesPath, &error);
  ASSERT_TRUE(table.has_value()) << error;
  EXPECT_EQ(table->size(), 35u);  // one entry per "- {code" line in the file

  const AgencyEntry* reuters = table->Find("Reuters");
  ASSERT_NE(reuters, nullptr);
  EXPECT_EQ(reuters->code, "REUTERS");
  EXPECT_EQ(reuters->name, "Reuters");
  EXPECT_EQ(table->Find("Reuter"), reuters);
  EXPECT_EQ(table->Find("Thomson Reuters"), reuters);

  const AgencyEntry* app = table->Find("APP");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->code, "APP");
  EXPECT_EQ(app->name, "Associated Press of Pakistan");
  ASSERT_EQ(app->signoffs.size(), 1u);
  EXPECT_EQ(app->signoffs[0], "APP");

  const AgencyEntry* ap = table->Find("AP");
  ASSERT_NE(ap, nullptr);
  EXPECT_EQ(ap->name, "The Associated Press");
  EXPECT_NE(ap, app);

  ASSERT_NE(table->Find("Anadolu"), nullptr);
  EXPECT_EQ(table->Find("Anadolu")->code, "AA");
  ASSERT_NE(table->Find("dpa-AFX"), nullptr);
  EXPECT_EQ(table->Find("dpa-AFX")->code, "DPA");
  ASSERT_NE(table->Find("Bloomberg News"), nullptr);
  EXPECT_EQ(table->Find("Bloomberg News")->code, "BLOOMBERG");
}

TEST(AgencyTableLoadFileTest, UnknownTagsAreNotFound) {
  std::string error;
  auto table = AgencyTable::LoadFile(kAgenciesPath, &error);
  ASSERT_TRUE(table.has_value()) << error;
  EXPECT_EQ(table->Find("WNAM REPORT"), nullptr);
  EXPECT_EQ(table->Find("ONLINE"), nullptr);
  EXPECT_EQ(table->Find(""), nullptr);
  EXPECT_EQ(table->Find("Reuters Photo"), nullptr);
  EXPECT_EQ(table->Find("AP Photo"), nullptr);
}

TEST(AgencyTableLoadFileTest, MissingFileIsAnErrorNamingThePath) {
  std::string error;
  const std::string path = ::testing::TempDir() + "no-such-dir/agencies.yaml";
  EXPECT_FALSE(AgencyTable::LoadFile(path, &error).has_value());
  EXPECT_NE(error.find(path), std::string::npos) << error;
}

TEST(AgencyTableLoadFileTest, ParseErrorIsPrefixedWithThePath) {
  TempFile file("agencies:\n  - {name: No Code}\n");
  std::string error;
  EXPECT_FALSE(AgencyTable::LoadFile(file.path(), &error).has_value());
  EXPECT_EQ(error.rfind(file.path() + ": ", 0), 0u) << error;
  EXPECT_NE(error.find("code"), std::string::npos) << error;
}

TEST(AgencyTableLoadFileTest, LoadsAUserFile) {
  TempFile file("agencies:\n  - code: WNAM\n    name: Wire News Agency of Mars\n"
                "    aliases: [WNAM, WNAM Report]\n");
  std::string error;
  auto table = AgencyTable::LoadFile(file.path(), &error);
  ASSERT_TRUE(table.has_value()) << error;
  ASSERT_NE(table->Find("wnam report"), nullptr);
  EXPECT_EQ(table->Find("wnam report")->name, "Wire News Agency of Mars");
}

// ---------------------------------------------------------------------------
// Parse and Find

TEST(AgencyTableParseTest, ReadsAllFields) {
  const AgencyTable table = MustParse(
      "agencies:\n"
      "  - code: XYZ\n"
      "    name: Example News\n"
      "    aliases: [Example, Example News]\n"
      "    signoffs: [\"-- XYZ\", XYZ]\n");
  EXPECT_EQ(table.size(), 1u);
  const AgencyEntry* e = table.Find("Example");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->code, "XYZ");
  EXPECT_EQ(e->name, "Example News");
  ASSERT_EQ(e->signoffs.size(), 2u);
  EXPECT_EQ(e->signoffs[0], "-- XYZ");
  EXPECT_EQ(e->signoffs[1], "XYZ");
}

TEST(AgencyTableParseTest, CodeIsAlwaysAnAlias) {
  const AgencyTable table = MustParse("agencies:\n  - {code: XYZ, aliases: [Example]}\n");
  ASSERT_NE(table.Find("XYZ"), nullptr);
  EXPECT_EQ(table.Find("XYZ"), table.Find("Example"));
}

TEST(AgencyTableParseTest, NameAliasesAndSignoffsAreOptional) {
  const AgencyTable table = MustParse("agencies:\n  - code: XYZ\n");
  const AgencyEntry* e = table.Find("xyz");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->code, "XYZ");
  EXPECT_EQ(e->name, "");
  EXPECT_TRUE(e->signoffs.empty());
}

TEST(AgencyTableParseTest, EmptyListGivesEmptyTable) {
  const AgencyTable table = MustParse("agencies: []\n");
  EXPECT_EQ(table.size(), 0u);
  EXPECT_EQ(table.Find("AP"), nullptr);
}

TEST(AgencyTableParseTest, LookupIgnoresCaseAndSpacing) {
  const AgencyTable table =
      MustParse("agencies:\n  - {code: AP, aliases: [AP, Associated Press]}\n"
                "  - {code: REUTERS, aliases: [Reuters]}\n");
  const AgencyEntry* ap = table.Find("AP");
  ASSERT_NE(ap, nullptr);
  EXPECT_EQ(table.Find("ap"), ap);
  EXPECT_EQ(table.Find(" AP "), ap);
  EXPECT_EQ(table.Find("associated press"), ap);
  EXPECT_EQ(table.Find("ASSOCIATED   PRESS"), ap);
  EXPECT_EQ(table.Find("Associated\tPress"), ap);
  EXPECT_EQ(table.Find("  Associated  Press  "), ap);
  ASSERT_NE(table.Find("REUTERS"), nullptr);
  EXPECT_EQ(table.Find("rEuTeRs")->code, "REUTERS");
  EXPECT_EQ(table.Find("AssociatedPress"), nullptr);  // inner space is not optional
  EXPECT_EQ(table.Find("A P"), nullptr);
}

TEST(AgencyTableParseTest, AliasesDifferingOnlyInCaseWithinOneEntryAreFine) {
  const AgencyTable table = MustParse("agencies:\n  - {code: XINHUA, aliases: [Xinhua, XINHUA]}\n");
  ASSERT_NE(table.Find("xinhua"), nullptr);
  EXPECT_EQ(table.Find("xinhua")->code, "XINHUA");
}

TEST(FoldTagTest, LowerCasesTrimsAndCollapsesSpaces) {
  EXPECT_EQ(FoldTag("  Associated \t  Press "), "associated press");
  EXPECT_EQ(FoldTag("WNAM REPORT"), "wnam report");
  EXPECT_EQ(FoldTag("dpa-AFX"), "dpa-afx");
  EXPECT_EQ(FoldTag(""), "");
  EXPECT_EQ(FoldTag("   "), "");
}

// ---------------------------------------------------------------------------
// Errors

TEST(AgencyTableParseTest, DuplicateAliasAcrossAgenciesIsAnError) {
  const std::string error = ParseError(
      "agencies:\n"
      "  - {code: AP, aliases: [AP, Associated Press]}\n"
      "  - {code: APP, aliases: [APP, associated  PRESS]}\n");
  EXPECT_NE(error.find("line 3"), std::string::npos) << error;
  EXPECT_NE(error.find("APP"), std::string::npos) << error;
  EXPECT_NE(error.find("already belongs to AP"), std::string::npos) << error;
}

TEST(AgencyTableParseTest, AliasEqualToAnotherAgencysCodeIsAnError) {
  ParseError("agencies:\n  - {code: AP}\n  - {code: APP, aliases: [ap]}\n");
}

TEST(AgencyTableParseTest, DuplicateCodeIsAnError) {
  ParseError("agencies:\n  - {code: AP, name: One}\n  - {code: AP, name: Two}\n");
}

TEST(AgencyTableParseTest, MissingCodeIsAnError) {
  const std::string error =
      ParseError("agencies:\n  - {code: AP}\n  - {name: Nameless, aliases: [NL]}\n");
  EXPECT_NE(error.find("line 3"), std::string::npos) << error;
  EXPECT_NE(error.find("code"), std::string::npos) << error;
}

TEST(AgencyTableParseTest, EmptyOrNonScalarCodeIsAnError) {
  ParseError("agencies:\n  - {code: \"\"}\n");
  ParseError("agencies:\n  - {code: [AP, APP]}\n");
  ParseError("agencies:\n  - just a string\n");
}

TEST(AgencyTableParseTest, MissingOrWrongAgenciesKeyIsAnError) {
  EXPECT_NE(ParseError("").find("agencies"), std::string::npos);
  EXPECT_NE(ParseError("other: []\n").find("agencies"), std::string::npos);
  EXPECT_NE(ParseError("agencies: {code: AP}\n").find("agencies"), std::string::npos);
  EXPECT_NE(ParseError("agencies: AP\n").find("agencies"), std::string::npos);
}

TEST(AgencyTableParseTest, WrongFieldTypesAreErrors) {
  ParseError("agencies:\n  - {code: AP, aliases: {a: b}}\n");
  ParseError("agencies:\n  - {code: AP, signoffs: [[nested]]}\n");
  ParseError("agencies:\n  - {code: AP, name: [a, b]}\n");
}

TEST(AgencyTableParseTest, MalformedYamlIsAnErrorWithALine) {
  const std::string error = ParseError("agencies:\n  - {code: AP, aliases: [AP\n  - {code: X}\n");
  EXPECT_EQ(error.rfind("line ", 0), 0u) << error;
  EXPECT_NE(ParseError("agencies: [\n").find("line "), std::string::npos);
  ParseError("agencies:\n\t- {code: AP}\n");  // tabs are not YAML indentation
}

}  // namespace
}  // namespace dateline
