#include "signals/facts.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "core/record.h"

namespace dateline {
namespace {

std::vector<Fact> FactsOf(const std::string& text) {
  static FactsStage stage;
  Record r;
  r.text = text;
  EXPECT_TRUE(stage.Process(r).ok());
  for (const Fact& f : r.facts) {
    EXPECT_EQ(text.substr(f.span.start, f.span.end - f.span.start), f.text);
  }
  return r.facts;
}

struct Case {
  const char* text;
  double value;
  const char* qualifier;
  const char* unit;
  const char* kind;
  const char* event;
  const char* phrase;
};

class FactsPhrasing : public ::testing::TestWithParam<Case> {};

TEST_P(FactsPhrasing, Extracts) {
  const Case& c = GetParam();
  const auto facts = FactsOf(c.text);
  ASSERT_EQ(facts.size(), 1u) << c.text;
  const Fact& f = facts[0];
  EXPECT_DOUBLE_EQ(f.value, c.value) << c.text;
  EXPECT_EQ(f.qualifier, c.qualifier) << c.text;
  EXPECT_EQ(f.unit, c.unit) << c.text;
  EXPECT_EQ(f.kind, c.kind) << c.text;
  EXPECT_EQ(f.event, c.event) << c.text;
  EXPECT_EQ(f.text, c.phrase) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Many, FactsPhrasing,
    ::testing::Values(
        Case{"At least 12 people were killed in the blast.", 12, "at least", "", "people", "killed", "At least 12 people"},
        Case{"Three soldiers were wounded.", 3, "", "", "soldiers", "injured", "Three soldiers"},
        Case{"Officials said 5,000 troops had been deployed.", 5000, "", "", "troops", "deployed", "5,000 troops"},
        Case{"The bank lent $2.5 billion to the utility.", 2.5e9, "", "USD", "money", "", "$2.5 billion"},
        Case{"The cabinet approved Rs 300 million for the scheme.", 3e8, "", "Rs", "money", "", "Rs 300 million"},
        Case{"It approved Rs. 45 crore for roads.", 45e7, "", "Rs", "money", "", "Rs. 45 crore"},
        Case{"Exports rose 4.2 percent in the quarter.", 4.2, "", "percent", "percent", "", "4.2 percent"},
        Case{"Turnout was 52% on the day.", 52, "", "percent", "percent", "", "52%"},
        Case{"Inflation eased to 6.9 per cent in May.", 6.9, "", "percent", "percent", "", "6.9 per cent"},
        Case{"The gunmen killed twenty-five passengers on the bus.", 25, "", "", "passengers", "killed",
             "twenty-five passengers"},
        Case{"Police arrested more than 40 suspects overnight.", 40, "more than", "", "suspects", "arrested",
             "more than 40 suspects"},
        Case{"Dozens of protesters were detained.", 24, "at least", "", "protesters", "detained", "Dozens of protesters"},
        Case{"Hundreds of thousands of people were displaced.", 200000, "at least", "", "people", "displaced",
             "Hundreds of thousands of people"},
        Case{"The floods have left nearly two million people homeless.", 2e6, "nearly", "", "people", "displaced",
             "nearly two million people"},
        Case{"A dozen houses were destroyed.", 12, "", "", "houses", "destroyed", "dozen houses"},
        Case{"The company will cut 1,200 jobs.", 1200, "", "", "jobs", "cut", "1,200 jobs"},
        Case{"The attack killed 7 Pakistani soldiers.", 7, "", "", "soldiers", "killed", "7 Pakistani soldiers"},
        Case{"The explosion left 30 injured.", 30, "", "", "people", "injured", "30"},
        Case{"The fund raised US$ 40 million.", 4e7, "", "USD", "money", "", "US$ 40 million"},
        Case{"The deal is worth 3 billion euros.", 3e9, "", "EUR", "money", "", "3 billion euros"},
        Case{"They paid €150 for each ticket.", 150, "", "EUR", "money", "", "€150"},
        Case{"Some 300 families were evacuated.", 300, "some", "", "families", "evacuated", "Some 300 families"},
        Case{"Up to 15 vehicles were damaged.", 15, "up to", "", "vehicles", "damaged", "Up to 15 vehicles"},
        Case{"The firm made a profit of $3.4bn last year.", 3.4e9, "", "USD", "money", "", "$3.4bn"},
        Case{"Reserves stood at 123,456,789,012 dollars.", 123456789012.0, "", "USD", "money", "",
             "123,456,789,012 dollars"},
        Case{"At least seven people, including a policeman, were killed in the blast.", 7, "at least", "", "people",
             "killed", "At least seven people"},
        Case{"Four children, two of them girls, played outside while the house was damaged.", 4, "", "", "children", "",
             "Four children"},
        Case{"The index counted 0.125 percent more.", 0.125, "", "percent", "percent", "", "0.125 percent"},
        Case{"Officials said 23 factories were sealed.", 23, "", "", "factories", "", "23 factories"},
        Case{"Two suspected robbers were killed in the encounter.", 2, "", "", "robbers", "killed",
             "Two suspected robbers"}));

TEST(Facts, NumbersOfMoreThanEighteenDigitsAreNotReadAsValues) {
  EXPECT_TRUE(FactsOf("Officials counted 1234567890123456789 people there.").empty());
  ASSERT_EQ(FactsOf("Officials counted 123456789012345678 people there.").size(), 1u);
  EXPECT_EQ(FactsOf("Officials counted 123456789012345678 people there.")[0].value, 123456789012345678.0);
}

// Decimals are read as strtod reads them, whatever the path (short ones
// without strtod): random decimals of 1 to 16 digits, some with thousands
// separators, and numbers with two dots ("1.2.3" is read as 1.2).
TEST(Facts, DecimalsAreReadAsStrtodReadsThem) {
  std::mt19937_64 rng(7);
  for (int n = 0; n < 3000; ++n) {
    const int digits = 1 + static_cast<int>(rng() % 16);  // with the dots, within the 18 characters read
    std::string number, plain;
    for (int d = 0; d < digits; ++d) number.push_back(static_cast<char>('0' + (d == 0 ? 1 + rng() % 9 : rng() % 10)));
    const size_t dot = 1 + rng() % static_cast<size_t>(digits);
    if (dot < number.size()) number.insert(dot, ".");
    if (n % 7 == 0 && number.size() > 4 && number.find('.') > 3) number.insert(1, ",");
    if (n % 11 == 0 && digits < 15) number += ".5";
    for (const char c : number) {
      if (c != ',') plain.push_back(c);
    }
    const std::vector<Fact> facts = FactsOf("Prices rose " + number + " percent in May.");
    ASSERT_EQ(facts.size(), 1u) << number;
    EXPECT_EQ(facts[0].value, std::strtod(plain.c_str(), nullptr)) << number;
  }
}

TEST(Facts, LeavesOutDatesTimesAgesAndBareNumbers) {
  EXPECT_TRUE(FactsOf("The meeting on Oct 29, 2025 began at 10am.").empty());
  EXPECT_TRUE(FactsOf("A 12-year-old boy was among them.").empty());
  EXPECT_TRUE(FactsOf("He said it was one of the worst days in 20 years.").empty());
  EXPECT_TRUE(FactsOf("Section 144 was imposed.").empty());
  EXPECT_TRUE(FactsOf("The 3rd battalion soldiers left at 10am.").empty());
}

TEST(Facts, SeveralInOrder) {
  const auto f = FactsOf("Six people were killed and 14 wounded; police arrested two suspects.");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].event, "killed");
  EXPECT_EQ(f[1].value, 14);
  EXPECT_EQ(f[1].event, "injured");
  EXPECT_EQ(f[2].kind, "suspects");
  EXPECT_EQ(f[2].event, "arrested");
}

TEST(Facts, AParticipleBeforeTheNumberGovernsItsPhrase) {
  // "killing ... and leaving 15 others injured": 12 were killed, 15 injured.
  auto f = FactsOf("The quake struck on Friday, killing at least 12 people and leaving 15 others injured.");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].value, 12);
  EXPECT_EQ(f[0].event, "killed");
  EXPECT_EQ(f[1].value, 15);
  EXPECT_EQ(f[1].kind, "people");
  EXPECT_EQ(f[1].event, "injured");
  f = FactsOf("Gunmen opened fire, killing 4 villagers and injuring 9 others.");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].event, "killed");
  EXPECT_EQ(f[1].event, "injured");
}

TEST(Facts, NationalsAndAsidesClosedByDied) {
  auto f = FactsOf("Israeli strikes killed at least 27 Palestinians on Thursday.");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].value, 27);
  EXPECT_EQ(f[0].kind, "palestinians");
  EXPECT_EQ(f[0].event, "killed");
  f = FactsOf("Eleven people, including five children, died when a house was hit.");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].value, 11);
  EXPECT_EQ(f[0].event, "killed");
  EXPECT_EQ(f[1].kind, "children");
  EXPECT_EQ(f[1].event, "killed");
}

TEST(Facts, RateChangesInPoints) {
  auto f = FactsOf("The central bank cut its policy rate by 50 basis points to 11%.");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].value, 50);
  EXPECT_EQ(f[0].kind, "basis points");
  EXPECT_EQ(f[0].event, "");  // "cut" is a job-cut event, not this one's
  EXPECT_EQ(f[0].text, "50 basis points");
  EXPECT_EQ(f[1].kind, "percent");
  f = FactsOf("Unemployment rose two percentage points.");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].kind, "percentage points");
}

TEST(Facts, EventBeforeTheNumber) {
  const auto f = FactsOf("The bomb exploded, killing at least nine civilians.");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].event, "killed");
  EXPECT_EQ(f[0].qualifier, "at least");
}

}  // namespace
}  // namespace dateline
