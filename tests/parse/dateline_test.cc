#include "parse/dateline.h"

#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

#include "core/record.h"
#include "normalize/stages.h"
#include "parse/agencies.h"

namespace dateline {
namespace {

// 2025-10-29T12:00:00Z.
constexpr int64_t kOct29Noon = 1761739200000;

const AgencyTable& Agencies() {
  static const AgencyTable* table = [] {
    std::string error;
    auto loaded =
        AgencyTable::LoadFile(std::string(DATELINE_SOURCE_DIR) + "/config/agencies.yaml", &error);
    if (!loaded) {
      ADD_FAILURE() << error;
      return new AgencyTable();
    }
    return new AgencyTable(std::move(*loaded));
  }();
  return *table;
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ---------------------------------------------------------------------------
// ParseDateline: recognized styles

struct DatelineCase {
  const char* name;
  const char* paragraph;
  const char* raw;
  const char* location;
  const char* tag;
  int year;        // of the date; -1 when the dateline has no date
  unsigned month;
  unsigned day;
  const char* body;  // what follows the dateline
};

void PrintTo(const DatelineCase& c, std::ostream* os) { *os << '"' << c.paragraph << '"'; }

class ParseDatelineStyleTest : public ::testing::TestWithParam<DatelineCase> {};

TEST_P(ParseDatelineStyleTest, Parses) {
  const DatelineCase& c = GetParam();
  const std::string_view paragraph = c.paragraph;
  const auto d = ParseDateline(paragraph, Agencies());
  ASSERT_TRUE(d.has_value()) << paragraph;
  EXPECT_EQ(d->raw, c.raw);
  EXPECT_EQ(d->location, c.location);
  EXPECT_EQ(d->agency_tag, c.tag);
  ASSERT_LE(d->length, paragraph.size());
  EXPECT_EQ(paragraph.substr(d->length), std::string_view(c.body));
  if (c.year < 0) {
    EXPECT_FALSE(d->date.has_value());
  } else {
    ASSERT_TRUE(d->date.has_value());
    EXPECT_EQ(d->date->year, c.year);
    EXPECT_EQ(d->date->month, c.month);
    EXPECT_EQ(d->date->day, c.day);
  }
}

// Dashes as UTF-8: — (em) and – (en).
#define EM "\xE2\x80\x94"
#define EN "\xE2\x80\x93"

// Each case: name, paragraph, raw, location, tag, year/month/day, body.
const DatelineCase kStyles[] = {
    {"Ap", "ISLAMABAD (AP) " EM " Pakistan's parliament met on Tuesday.",  //
     "ISLAMABAD (AP) " EM, "ISLAMABAD", "AP", -1, 0, 0, "Pakistan's parliament met on Tuesday."},
    {"Reuters", "ISLAMABAD, Oct 29 (Reuters) - Pakistan said on Wednesday it would act.",
     "ISLAMABAD, Oct 29 (Reuters) -", "ISLAMABAD", "Reuters", 0, 10, 29,
     "Pakistan said on Wednesday it would act."},
    // A source the agency table does not know, in ordinary case: a separator follows it.
    {"UnknownSourceWithDate", "ISLAMABAD, Nov 27 (Dawn): The cabinet met on Thursday.",
     "ISLAMABAD, Nov 27 (Dawn):", "ISLAMABAD", "Dawn", 0, 11, 27, "The cabinet met on Thursday."},
    {"UnknownSourcePlaceInCapitals", "LAHORE (Staff Report) - The cabinet met on Thursday.",
     "LAHORE (Staff Report) -", "LAHORE", "Staff Report", -1, 0, 0, "The cabinet met on Thursday."},
    {"Xinhua", "BEIJING, Oct. 29 (Xinhua) -- China launched a new satellite.",
     "BEIJING, Oct. 29 (Xinhua) --", "BEIJING", "Xinhua", 0, 10, 29,
     "China launched a new satellite."},
    {"PtiWithoutSeparator", "New Delhi, Oct 29 (PTI) The government on Wednesday announced a plan.",
     "New Delhi, Oct 29 (PTI)", "New Delhi", "PTI", 0, 10, 29,
     "The government on Wednesday announced a plan."},
    {"App", "KARACHI, Oct 29 (APP): The Sindh cabinet met.",  //
     "KARACHI, Oct 29 (APP):", "KARACHI", "APP", 0, 10, 29, "The Sindh cabinet met."},
    {"Anadolu", "ANKARA, Turkiye (AA) - Turkish officials said talks would resume.",
     "ANKARA, Turkiye (AA) -", "ANKARA, Turkiye", "AA", -1, 0, 0,
     "Turkish officials said talks would resume."},
    {"AnadoluNonAscii", "ANKARA, T\xC3\xBCrkiye (AA) - Officials said so.",
     "ANKARA, T\xC3\xBCrkiye (AA) -", "ANKARA, T\xC3\xBCrkiye", "AA", -1, 0, 0,
     "Officials said so."},
    {"BloombergWithoutPlace", "Oct 29 (Bloomberg) -- Oil prices rose on Wednesday.",
     "Oct 29 (Bloomberg) --", "", "Bloomberg", 0, 10, 29, "Oil prices rose on Wednesday."},
    {"LocalPress", "ISLAMABAD (WNAM REPORT): The dialogue failed, the minister said.",
     "ISLAMABAD (WNAM REPORT):", "ISLAMABAD", "WNAM REPORT", -1, 0, 0,
     "The dialogue failed, the minister said."},
    {"ColonWithoutAgency", "LAHORE: The Punjab government on Monday said so.",  //
     "LAHORE:", "LAHORE", "", -1, 0, 0, "The Punjab government on Monday said so."},
    {"UnspacedEmDash", "PESHAWAR" EM "Security forces said three men were held.",  //
     "PESHAWAR" EM, "PESHAWAR", "", -1, 0, 0, "Security forces said three men were held."},
    {"SpacedEmDash", "KARACHI " EM " Heavy rain lashed the city.",  //
     "KARACHI " EM, "KARACHI", "", -1, 0, 0, "Heavy rain lashed the city."},
    {"EnDash", "QUETTA " EN " Officials said the road was open.",  //
     "QUETTA " EN, "QUETTA", "", -1, 0, 0, "Officials said the road was open."},
    {"CompoundPlace", "RAWALPINDI/ISLAMABAD (APP): Heavy rain lashed the twin cities.",
     "RAWALPINDI/ISLAMABAD (APP):", "RAWALPINDI/ISLAMABAD", "APP", -1, 0, 0,
     "Heavy rain lashed the twin cities."},
    {"WashingtonDc", "WASHINGTON, D.C. (AP) " EM " The White House said so.",
     "WASHINGTON, D.C. (AP) " EM, "WASHINGTON, D.C.", "AP", -1, 0, 0,
     "The White House said so."},
    {"PlaceWithDistrict", "KHAR, Bajaur: Security forces cleared the area.",  //
     "KHAR, Bajaur:", "KHAR, Bajaur", "", -1, 0, 0, "Security forces cleared the area."},
    {"TwoWordPlace", "NEW DELHI (Reuters) -India's shares rose.",  //
     "NEW DELHI (Reuters) -", "NEW DELHI", "Reuters", -1, 0, 0, "India's shares rose."},
    {"TwoWordPlaceSpaced", "NEW DELHI (Reuters) - India's shares rose.",  //
     "NEW DELHI (Reuters) -", "NEW DELHI", "Reuters", -1, 0, 0, "India's shares rose."},
    {"DateWithYear", "LONDON, Oct. 29, 2025 (UPI) -- British lawmakers voted.",
     "LONDON, Oct. 29, 2025 (UPI) --", "LONDON", "UPI", 2025, 10, 29, "British lawmakers voted."},
    {"DayFirstDate", "PARIS, 29 October (AFP) - French farmers protested.",  //
     "PARIS, 29 October (AFP) -", "PARIS", "AFP", 0, 10, 29, "French farmers protested."},
    {"PlaceAndCountry", "ISLAMABAD, Pakistan (AP) " EM " The talks ended.",
     "ISLAMABAD, Pakistan (AP) " EM, "ISLAMABAD, Pakistan", "AP", -1, 0, 0, "The talks ended."},
    {"PlaceCountryAndDate", "KARACHI, Pakistan, Oct 29 (Reuters) - Shares fell.",
     "KARACHI, Pakistan, Oct 29 (Reuters) -", "KARACHI, Pakistan", "Reuters", 0, 10, 29,
     "Shares fell."},
    {"DateWithoutAgency", "LAHORE, Oct 29: The provincial cabinet met.",  //
     "LAHORE, Oct 29:", "LAHORE", "", 0, 10, 29, "The provincial cabinet met."},
    {"LowerCaseKnownTag", "BERLIN (dpa) - Germany's parliament voted.",  //
     "BERLIN (dpa) -", "BERLIN", "dpa", -1, 0, 0, "Germany's parliament voted."},
    {"SpacesInsideBrackets", "ISLAMABAD ( AP ) " EM " The talks ended.",  //
     "ISLAMABAD ( AP ) " EM, "ISLAMABAD", "AP", -1, 0, 0, "The talks ended."},
    {"CapitalsAndUnknownTagWithoutSeparator", "ISLAMABAD (ONLINE) Federal ministers met on Monday.",
     "ISLAMABAD (ONLINE)", "ISLAMABAD", "ONLINE", -1, 0, 0, "Federal ministers met on Monday."},
    {"NonAsciiPlace", "S\xC3\x83O PAULO (Reuters) - Brazil's shares rose.",
     "S\xC3\x83O PAULO (Reuters) -", "S\xC3\x83O PAULO", "Reuters", -1, 0, 0,
     "Brazil's shares rose."},
    {"UnitedNations", "UNITED NATIONS (AP) " EM " The Security Council met.",
     "UNITED NATIONS (AP) " EM, "UNITED NATIONS", "AP", -1, 0, 0, "The Security Council met."},
    {"OrdinalDay", "ISLAMABAD, Oct 29th (APP): The cabinet met.",  //
     "ISLAMABAD, Oct 29th (APP):", "ISLAMABAD", "APP", 0, 10, 29, "The cabinet met."},
    // A later acronym in brackets is not an agency tag: the dateline ends at the dash or colon.
    {"LaterAcronymAfterDash",
     "KARACHI " EM " The Sindh High Court (SHC) on Monday ordered a review.",
     "KARACHI " EM, "KARACHI", "", -1, 0, 0,
     "The Sindh High Court (SHC) on Monday ordered a review."},
    {"LaterAcronymBetweenDashes",
     "KARACHI " EM " The Sindh High Court (SHC) " EM " in a short order " EM " asked for a review.",
     "KARACHI " EM, "KARACHI", "", -1, 0, 0,
     "The Sindh High Court (SHC) " EM " in a short order " EM " asked for a review."},
    {"LaterAcronymAfterColon", "LAHORE: The Lahore High Court (LHC) on Monday ordered a review.",
     "LAHORE:", "LAHORE", "", -1, 0, 0,
     "The Lahore High Court (LHC) on Monday ordered a review."},
    {"DatelineAlone", "ISLAMABAD (AP) " EM,  //
     "ISLAMABAD (AP) " EM, "ISLAMABAD", "AP", -1, 0, 0, ""},
    // EFE puts a full stop before the dash.
    {"EfeFullStopBeforeDash", "Lima, 29 oct (EFE).- El Gobierno declar\xC3\xB3 la emergencia.",
     "Lima, 29 oct (EFE).-", "Lima", "EFE", 0, 10, 29, "El Gobierno declar\xC3\xB3 la emergencia."},
    {"EfeFullStopBeforeEmDash", "MADRID (EFE)." EM " El Congreso aprob\xC3\xB3 la ley.",  //
     "MADRID (EFE)." EM, "MADRID", "EFE", -1, 0, 0, "El Congreso aprob\xC3\xB3 la ley."},
    // ANI puts the state and the country in brackets before the agency's.
    {"AniBracketedRegion", "Srinagar (Jammu and Kashmir) [India], October 29 (ANI): Snow blocked the highway.",
     "Srinagar (Jammu and Kashmir) [India], October 29 (ANI):", "Srinagar (Jammu and Kashmir) [India]", "ANI", 0,
     10, 29, "Snow blocked the highway."},
    // A place in a script without capitals needs no separator when the tag is a known agency's.
    {"UrduPlaceAndKnownTagWithoutSeparator",
     "\xD8\xA7\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xD8\xA2\xD8\xA8\xD8\xA7\xD8\xAF (\xD8\xA7\xDB\x92 "
     "\xD9\xBE\xDB\x8C \xD9\xBE\xDB\x8C) \xD9\x88\xD9\x81\xD8\xA7\xD9\x82\xDB\x8C",
     "\xD8\xA7\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xD8\xA2\xD8\xA8\xD8\xA7\xD8\xAF (\xD8\xA7\xDB\x92 "
     "\xD9\xBE\xDB\x8C \xD9\xBE\xDB\x8C)",
     "\xD8\xA7\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xD8\xA2\xD8\xA8\xD8\xA7\xD8\xAF",
     "\xD8\xA7\xDB\x92 \xD9\xBE\xDB\x8C \xD9\xBE\xDB\x8C", -1, 0, 0, "\xD9\x88\xD9\x81\xD8\xA7\xD9\x82\xDB\x8C"},
    // Month names in French, Spanish and German.
    {"FrenchMonth", "DAKAR, 3 mars 2025 (AFP) - Le gouvernement a annonc\xC3\xA9 la mesure.",
     "DAKAR, 3 mars 2025 (AFP) -", "DAKAR", "AFP", 2025, 3, 3, "Le gouvernement a annonc\xC3\xA9 la mesure."},
    {"GermanDayWithFullStop", "Berlin, 5. Dezember (dpa) - Die Regierung beschloss das Gesetz.",
     "Berlin, 5. Dezember (dpa) -", "Berlin", "dpa", 0, 12, 5, "Die Regierung beschloss das Gesetz."},
    // A desk credit before the place is no part of it (DatelineStage makes it the byline).
    {"DeskCreditBeforePlace", "STAFF REPORTER PESHAWAR" EM "The cabinet met on Tuesday.",  //
     "PESHAWAR" EM, "PESHAWAR", "", -1, 0, 0, "The cabinet met on Tuesday."},
    {"PlaceThatStartsLikeADeskWord", "STAFFORD SPRINGS: Town officials met on Monday.",  //
     "STAFFORD SPRINGS:", "STAFFORD SPRINGS", "", -1, 0, 0, "Town officials met on Monday."},
};

INSTANTIATE_TEST_SUITE_P(Styles, ParseDatelineStyleTest, ::testing::ValuesIn(kStyles),
                         [](const ::testing::TestParamInfo<DatelineCase>& info) {
                           return std::string(info.param.name);
                         });

// ---------------------------------------------------------------------------
// ParseDateline: paragraphs that do not start with a dateline

class ParseDatelineNegativeTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ParseDatelineNegativeTest, FindsNoDateline) {
  const auto d = ParseDateline(GetParam(), Agencies());
  EXPECT_FALSE(d.has_value()) << "raw=\"" << d->raw << "\" location=\"" << d->location
                              << "\" tag=\"" << d->agency_tag << "\"";
}

INSTANTIATE_TEST_SUITE_P(
    Sentences, ParseDatelineNegativeTest,
    ::testing::Values(
        "", "ISLAMABAD", "The minister said: talks had failed and no new round was planned.",
        "BREAKING: Pakistan and Afghanistan talks fail in Istanbul",
        "UPDATE: Death toll rises to 12", "EDITOR'S NOTE: This story has been updated.",
        "EXCLUSIVE - Central bank to hold rates, sources say",
        "Soldiers stand guard at a checkpoint in Peshawar on Monday. (X via AP)",
        "A police officer checks a car in Karachi. (AP Photo/Fareed Khan)",
        "Tarar said the TTP (banned) - which operates from Afghanistan - would be dealt with.",
        "Tarar said the TTP (BLA) would not be allowed to operate.",
        "The talks (held in Istanbul) - ended without an agreement.",
        "In Islamabad, officials said - without giving details - that talks failed.",
        "\xE2\x80\x9CWe will not talk,\xE2\x80\x9D he said: there is nothing left to discuss.",
        "Over the last four days of dialogue, the delegation agreed to the demand.",
        // A party, a group or a person with an acronym is not a place with an agency.
        "Pakistan Tehreek-e-Insaf (PTI) leaders said on Monday they would hold a rally.",
        "Fitna al Khwarij (TTP) claimed responsibility for the attack.",
        "Prime Minister Shehbaz Sharif (PML-N) said the talks would continue.",
        "Karachi Police Chief (KPC) Ahmed Ali told reporters the road was closed.",
        // Brackets later in a sentence are not a place's region before an agency tag.
        "Lahore police (Punjab) said (APP) - the road was closed.",
        "Officials (in Karachi) said (AP) - talks failed.",
        // A source in ordinary case needs a separator, and a date or a place in capitals.
        "ISLAMABAD (Dawn) The cabinet met on Thursday.", "Lahore (Staff Report): the cabinet met.",
        "The ministry (Interior) - said talks failed.",
        // A caseless script with an acronym the agency table does not know.
        "\xD8\xA7\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xD8\xA2\xD8\xA8\xD8\xA7\xD8\xAF (TTP) "
        "\xD9\x88\xD9\x81\xD8\xA7\xD9\x82\xDB\x8C"));

TEST(ParseDatelineTest, IgnoresAgencyTagFarIntoTheParagraph) {
  const std::string p =
      "The government said on Monday that it had no plans to change the policy, and that the "
      "talks would go on as planned in the capital CITY (AP) - next week.";
  EXPECT_FALSE(ParseDateline(p, Agencies()).has_value());
}

// ---------------------------------------------------------------------------
// ParseDate

TEST(ParseDateTest, MonthFirst) {
  auto d = ParseDate("Oct 29");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year, 0);
  EXPECT_EQ(d->month, 10u);
  EXPECT_EQ(d->day, 29u);

  d = ParseDate("October 29");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->month, 10u);

  d = ParseDate("Sept 3");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->month, 9u);
  EXPECT_EQ(d->day, 3u);

  d = ParseDate("Jan. 1st");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->month, 1u);
  EXPECT_EQ(d->day, 1u);

  d = ParseDate("MAY 5");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->month, 5u);
}

TEST(ParseDateTest, DayFirst) {
  auto d = ParseDate("29 October");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->month, 10u);
  EXPECT_EQ(d->day, 29u);

  d = ParseDate("3rd Dec");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->month, 12u);
  EXPECT_EQ(d->day, 3u);
}

TEST(ParseDateTest, WithYear) {
  auto d = ParseDate("Oct. 29, 2025");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year, 2025);
  EXPECT_EQ(d->month, 10u);
  EXPECT_EQ(d->day, 29u);

  d = ParseDate("Oct 29 2025");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year, 2025);

  d = ParseDate("29 October 2025");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year, 2025);

  d = ParseDate("29 October, 2025");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year, 2025);
}

TEST(ParseDateTest, FrenchSpanishAndGermanMonths) {
  struct Case {
    const char* text;
    unsigned month;
    unsigned day;
  };
  for (const Case& c : {Case{"3 mars", 3, 3}, Case{"12 f\xC3\xA9vr.", 2, 12}, Case{"1er janv", 1, 1},
                        Case{"15 ao\xC3\xBBt", 8, 15}, Case{"9 d\xC3\xA9" "c.", 12, 9}, Case{"29 oct", 10, 29},
                        Case{"4 dic", 12, 4}, Case{"20 de", 0, 0}, Case{"7 ene", 1, 7}, Case{"2 setiembre", 9, 2},
                        Case{"5. Dezember", 12, 5}, Case{"1. M\xC3\xA4rz", 3, 1}, Case{"30 Okt", 10, 30},
                        Case{"11 juin", 6, 11}, Case{"8 mai", 5, 8}}) {
    const auto d = ParseDate(c.text);
    if (c.month == 0) {
      EXPECT_FALSE(d.has_value()) << c.text;
      continue;
    }
    ASSERT_TRUE(d.has_value()) << c.text;
    EXPECT_EQ(d->month, c.month) << c.text;
    EXPECT_EQ(d->day, c.day) << c.text;
  }
}

TEST(ParseDateTest, AllMonths) {
  const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (unsigned i = 0; i < 12; ++i) {
    const auto d = ParseDate(std::string(kMonths[i]) + " 1");
    ASSERT_TRUE(d.has_value()) << kMonths[i];
    EXPECT_EQ(d->month, i + 1) << kMonths[i];
  }
}

TEST(ParseDateTest, RejectsNonDates) {
  EXPECT_FALSE(ParseDate("").has_value());
  EXPECT_FALSE(ParseDate("Oct").has_value());
  EXPECT_FALSE(ParseDate("29").has_value());
  EXPECT_FALSE(ParseDate("Tuesday").has_value());
  EXPECT_FALSE(ParseDate("Oct 32").has_value());
  EXPECT_FALSE(ParseDate("Oct 0").has_value());
  EXPECT_FALSE(ParseDate("Oct 123").has_value());
  EXPECT_FALSE(ParseDate("Foo 29").has_value());
  EXPECT_FALSE(ParseDate("Oc 29").has_value());
  EXPECT_FALSE(ParseDate("Oct 29 1850").has_value());  // not a plausible year
  EXPECT_FALSE(ParseDate("Oct 29 25").has_value());
  EXPECT_FALSE(ParseDate("Oct 29 2025 extra").has_value());
  EXPECT_FALSE(ParseDate("New Delhi").has_value());
  EXPECT_FALSE(ParseDate("29 people").has_value());
}

// ---------------------------------------------------------------------------
// ResolveDate and TimestampDate

// Milliseconds at 00:00 UTC plus `hour` hours on the given day.
int64_t Ms(int y, unsigned m, unsigned d, int hour = 0) {
  using namespace std::chrono;
  const sys_days day = year_month_day{year(y), month(m), std::chrono::day(d)};
  return (duration_cast<milliseconds>(day.time_since_epoch()) + hours(hour)).count();
}

TEST(ResolveDateTest, YearWrittenInTheTextWins) {
  EXPECT_EQ(ResolveDate({2025, 10, 29}, -1), "2025-10-29");
  EXPECT_EQ(ResolveDate({2024, 10, 29}, Ms(2025, 10, 29)), "2024-10-29");
}

TEST(ResolveDateTest, YearFromTimestamp) {
  EXPECT_EQ(ResolveDate({0, 10, 29}, Ms(2025, 10, 29, 12)), "2025-10-29");
  EXPECT_EQ(ResolveDate({0, 10, 28}, Ms(2025, 10, 29, 12)), "2025-10-28");
  EXPECT_EQ(ResolveDate({0, 10, 30}, Ms(2025, 10, 29, 23)), "2025-10-30");  // east of UTC
  EXPECT_EQ(ResolveDate({0, 1, 5}, Ms(2025, 1, 20)), "2025-01-05");
}

TEST(ResolveDateTest, DecemberReportStampedInJanuaryGetsPreviousYear) {
  EXPECT_EQ(ResolveDate({0, 12, 31}, Ms(2026, 1, 1, 0)), "2025-12-31");
  EXPECT_EQ(ResolveDate({0, 12, 28}, Ms(2026, 1, 3)), "2025-12-28");
}

TEST(ResolveDateTest, JanuaryReportStampedInDecemberGetsNextYear) {
  EXPECT_EQ(ResolveDate({0, 1, 1}, Ms(2025, 12, 31, 23)), "2026-01-01");
}

TEST(ResolveDateTest, OlderDateIsInThePastNotTheFuture) {
  // A report is not dated months ahead of its message: "12 March" on a message
  // of 29 October is the March before, even though next March is nearer.
  EXPECT_EQ(ResolveDate({0, 3, 12}, Ms(2025, 10, 29)), "2025-03-12");
  EXPECT_EQ(ResolveDate({0, 11, 20}, Ms(2025, 10, 29)), "2024-11-20");
  EXPECT_EQ(ResolveDate({0, 6, 1}, Ms(2025, 1, 15)), "2024-06-01");
}

TEST(ResolveDateTest, LeapDay) {
  EXPECT_EQ(ResolveDate({0, 2, 29}, Ms(2024, 3, 1)), "2024-02-29");
  EXPECT_EQ(ResolveDate({0, 2, 29}, Ms(2025, 1, 10)), "2024-02-29");
  EXPECT_EQ(ResolveDate({2024, 2, 29}, -1), "2024-02-29");
  EXPECT_EQ(ResolveDate({0, 2, 29}, -1), "--02-29");
}

TEST(ResolveDateTest, ImpossibleDatesGiveEmptyString) {
  EXPECT_EQ(ResolveDate({0, 2, 30}, Ms(2025, 10, 29)), "");
  EXPECT_EQ(ResolveDate({0, 2, 30}, -1), "");
  EXPECT_EQ(ResolveDate({0, 4, 31}, -1), "");
  EXPECT_EQ(ResolveDate({0, 11, 31}, Ms(2025, 10, 29)), "");
  EXPECT_EQ(ResolveDate({2025, 2, 29}, -1), "");
  EXPECT_EQ(ResolveDate({2025, 2, 29}, Ms(2025, 3, 1)), "");
  EXPECT_EQ(ResolveDate({0, 13, 1}, -1), "");
  EXPECT_EQ(ResolveDate({0, 0, 1}, -1), "");
  EXPECT_EQ(ResolveDate({0, 1, 0}, -1), "");
}

TEST(ResolveDateTest, DatesAreWrittenAsPrintfWouldWriteThem) {
  // Four-digit zero-padded years (printf's %04d), wider years in full.
  EXPECT_EQ(TimestampDate(0), "1970-01-01");
  EXPECT_EQ(TimestampDate(Ms(2025, 3, 9, 23)), "2025-03-09");
  EXPECT_EQ(TimestampDate(Ms(5, 1, 2)), "0005-01-02");
  EXPECT_EQ(TimestampDate(Ms(10000, 12, 31)), "10000-12-31");
  EXPECT_EQ(TimestampDate(Ms(-1, 6, 1)), "-001-06-01");
}

TEST(ResolveDateTest, NoTimestampGivesMonthAndDayOnly) {
  EXPECT_EQ(ResolveDate({0, 10, 29}, -1), "--10-29");
  EXPECT_EQ(ResolveDate({0, 1, 5}, -1), "--01-05");
}

TEST(TimestampDateTest, GivesUtcDate) {
  EXPECT_EQ(TimestampDate(0), "1970-01-01");
  EXPECT_EQ(TimestampDate(1761696000000), "2025-10-29");  // 00:00:00 UTC
  EXPECT_EQ(TimestampDate(1761782399000), "2025-10-29");  // 23:59:59 UTC
  EXPECT_EQ(TimestampDate(1761782400000), "2025-10-30");
  EXPECT_EQ(TimestampDate(1709208000000), "2024-02-29");
  EXPECT_EQ(TimestampDate(Ms(2026, 1, 1)), "2026-01-01");
}

// ---------------------------------------------------------------------------
// NormalCaseCity and UnknownAgencyCode

TEST(NormalCaseCityTest, CapitalsBecomeNormalCase) {
  EXPECT_EQ(NormalCaseCity("ISLAMABAD"), "Islamabad");
  EXPECT_EQ(NormalCaseCity("NEW DELHI"), "New Delhi");
  EXPECT_EQ(NormalCaseCity("DERA ISMAIL KHAN"), "Dera Ismail Khan");
  EXPECT_EQ(NormalCaseCity("BADEN-BADEN"), "Baden-Baden");
  EXPECT_EQ(NormalCaseCity("UNITED NATIONS"), "United Nations");
}

TEST(NormalCaseCityTest, TakesTheFirstPlace) {
  EXPECT_EQ(NormalCaseCity("RAWALPINDI/ISLAMABAD"), "Rawalpindi");
  EXPECT_EQ(NormalCaseCity("WASHINGTON, D.C."), "Washington");
  EXPECT_EQ(NormalCaseCity("KHAR, Bajaur"), "Khar");
  EXPECT_EQ(NormalCaseCity("ANKARA, Turkiye"), "Ankara");
}

TEST(NormalCaseCityTest, MixedCaseStays) {
  EXPECT_EQ(NormalCaseCity("Lahore"), "Lahore");
  EXPECT_EQ(NormalCaseCity("New Delhi"), "New Delhi");
  EXPECT_EQ(NormalCaseCity("New Delhi, India"), "New Delhi");
}

TEST(NormalCaseCityTest, NonAsciiCapitals) {
  EXPECT_EQ(NormalCaseCity("S\xC3\x83O PAULO"), "S\xC3\xA3o Paulo");        // SÃO -> São
  EXPECT_EQ(NormalCaseCity("Z\xC3\x9CRICH"), "Z\xC3\xBCrich");              // ZÜRICH -> Zürich
  EXPECT_EQ(NormalCaseCity("\xC3\x89VIAN"), "\xC3\x89vian");                // ÉVIAN -> Évian
  EXPECT_EQ(NormalCaseCity("GDA\xC5\x83SK"), "Gda\xC5\x84sk");              // GDAŃSK -> Gdańsk
  EXPECT_EQ(NormalCaseCity("\xC5\x81\xC3\x93" "D\xC5\xB9"),  // ŁÓDŹ -> Łódź
            "\xC5\x81\xC3\xB3" "d\xC5\xBA");
  EXPECT_EQ(NormalCaseCity("Z\xC3\xBCrich"), "Z\xC3\xBCrich");
}

TEST(UnknownAgencyCodeTest, DropsGenericSuffixes) {
  EXPECT_EQ(UnknownAgencyCode("WNAM REPORT"), "WNAM");
  EXPECT_EQ(UnknownAgencyCode("DAWN NEWS"), "DAWN");
  EXPECT_EQ(UnknownAgencyCode("FRONTIER NEWS DESK"), "FRONTIER");
}

TEST(UnknownAgencyCodeTest, KeepsOtherWordsJoinedByUnderscores) {
  EXPECT_EQ(UnknownAgencyCode("ONLINE"), "ONLINE");
  EXPECT_EQ(UnknownAgencyCode("NEWS"), "NEWS");  // a lone suffix is the name
  EXPECT_EQ(UnknownAgencyCode("FRONTIER POST REPORT"), "FRONTIER_POST");
  EXPECT_EQ(UnknownAgencyCode("  wnam   report "), "WNAM");
}

// ---------------------------------------------------------------------------
// DatelineStage

Record Cleaned(const std::string& text, int64_t timestamp_ms = -1) {
  Source source;
  source.timestamp_ms = timestamp_ms;
  Record record = RecordFromBytes(text, source);
  record.text = text;
  return record;
}

TEST(DatelineStageTest, FillsDatelineAndKnownAgency) {
  Record r = Cleaned(
      "ISLAMABAD, Oct 29 (Reuters) - Pakistan said on Wednesday it would act.\n\nSecond paragraph.",
      kOct29Noon);
  ASSERT_TRUE(DatelineStage(Agencies()).Process(r).ok());
  ASSERT_TRUE(r.agency.has_value());
  EXPECT_EQ(r.agency->code, "REUTERS");
  EXPECT_EQ(r.agency->name, "Reuters");
  EXPECT_EQ(r.agency->raw, "Reuters");
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->raw, "ISLAMABAD, Oct 29 (Reuters) -");
  EXPECT_EQ(r.dateline->location, "ISLAMABAD");
  EXPECT_EQ(r.dateline->city, "Islamabad");
  EXPECT_EQ(r.dateline->date, "2025-10-29");
  EXPECT_EQ(r.dateline->date_source, "text");
  EXPECT_EQ(r.text, "Pakistan said on Wednesday it would act.\n\nSecond paragraph.");
  EXPECT_FALSE(r.headline.has_value());
  EXPECT_FALSE(r.byline.has_value());
}

TEST(DatelineStageTest, UnknownAgencyGetsCodeFromTag) {
  Record r = Cleaned("ISLAMABAD (WNAM REPORT): The dialogue failed.\n\nMore text.");
  ASSERT_TRUE(DatelineStage(Agencies()).Process(r).ok());
  ASSERT_TRUE(r.agency.has_value());
  EXPECT_EQ(r.agency->code, "WNAM");
  EXPECT_EQ(r.agency->name, "");
  EXPECT_EQ(r.agency->raw, "WNAM REPORT");
  EXPECT_EQ(r.text, "The dialogue failed.\n\nMore text.");
}

TEST(DatelineStageTest, DateFromTimestampWhenTheDatelineHasNone) {
  Record r = Cleaned("LAHORE (APP): The cabinet met.", kOct29Noon);
  ASSERT_TRUE(DatelineStage(Agencies()).Process(r).ok());
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->date, "2025-10-29");
  EXPECT_EQ(r.dateline->date_source, "timestamp");
  ASSERT_TRUE(r.agency.has_value());
  EXPECT_EQ(r.agency->name, "Associated Press of Pakistan");
}

TEST(DatelineStageTest, NoDateAndNoTimestampLeavesDateEmpty) {
  Record r = Cleaned("LAHORE: The cabinet met.");
  ASSERT_TRUE(DatelineStage(Agencies()).Process(r).ok());
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->date, "");
  EXPECT_EQ(r.dateline->date_source, "");
  EXPECT_FALSE(r.agency.has_value());
}

TEST(DatelineStageTest, DateWithoutYearAndNoTimestamp) {
  Record r = Cleaned("KARACHI, Oct 29 (APP): The cabinet met.");
  ASSERT_TRUE(DatelineStage(Agencies()).Process(r).ok());
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->date, "--10-29");
  EXPECT_EQ(r.dateline->date_source, "text");
}

TEST(DatelineStageTest, HeadlineBeforeTheDateline) {
  Record r = Cleaned(
      "Talks with Afghan Taliban fail, minister says\n\n"
      "ISLAMABAD (WNAM REPORT): The dialogue failed, the minister said.\n\n"
      "Second paragraph.");
  ASSERT_TRUE(DatelineStage(Agencies()).Process(r).ok());
  ASSERT_TRUE(r.headline.has_value());
  EXPECT_EQ(*r.headline, "Talks with Afghan Taliban fail, minister says");
  EXPECT_FALSE(r.byline.has_value());
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->location, "ISLAMABAD");
  EXPECT_EQ(r.text, "The dialogue failed, the minister said.\n\nSecond paragraph.");
}

TEST(DatelineStageTest, HeadlineAndBylineBeforeTheDateline) {
  Record r = Cleaned(
      "Rain floods low-lying areas of Karachi\n\n"
      "By Sana Mir\n\n"
      "KARACHI, Oct 29 (APP): Heavy rain flooded streets on Wednesday.\n\n"
      "Second paragraph.",
      kOct29Noon);
  ASSERT_TRUE(DatelineStage(Agencies()).Process(r).ok());
  ASSERT_TRUE(r.headline.has_value());
  EXPECT_EQ(*r.headline, "Rain floods low-lying areas of Karachi");
  ASSERT_TRUE(r.byline.has_value());
  EXPECT_EQ(*r.byline, "Sana Mir");
  ASSERT_TRUE(r.agency.has_value());
  EXPECT_EQ(r.agency->code, "APP");
  EXPECT_EQ(r.agency->name, "Associated Press of Pakistan");
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->city, "Karachi");
  EXPECT_EQ(r.dateline->date, "2025-10-29");
  EXPECT_EQ(r.text, "Heavy rain flooded streets on Wednesday.\n\nSecond paragraph.");
}

TEST(DatelineStageTest, UpperCaseByline) {
  Record r = Cleaned("BY AHMED KHAN\n\nQUETTA " EM " The road reopened.");
  ASSERT_TRUE(DatelineStage(Agencies()).Process(r).ok());
  ASSERT_TRUE(r.byline.has_value());
  EXPECT_EQ(*r.byline, "AHMED KHAN");
  EXPECT_FALSE(r.headline.has_value());
  EXPECT_EQ(r.text, "The road reopened.");
}

TEST(DatelineStageTest, DeskCreditParagraphIsConsumed) {
  Record r = Cleaned(
      "LAHORE: Staff Report\n\n"
      "The Punjab government on Monday announced a new bus route.\n\n"
      "Second paragraph.");
  ASSERT_TRUE(DatelineStage(Agencies()).Process(r).ok());
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->raw, "LAHORE:");
  EXPECT_EQ(r.dateline->location, "LAHORE");
  EXPECT_EQ(r.dateline->city, "Lahore");
  ASSERT_TRUE(r.byline.has_value());
  EXPECT_EQ(*r.byline, "Staff Report");
  EXPECT_FALSE(r.agency.has_value());
  EXPECT_EQ(r.text,
            "The Punjab government on Monday announced a new bus route.\n\nSecond paragraph.");
}

TEST(DatelineStageTest, OtherDeskCredits) {
  for (const char* credit : {"Our Correspondent", "Monitoring Desk", "Agencies", "News Desk"}) {
    Record r = Cleaned(std::string("KARACHI: ") + credit + "\n\nThe body starts here.");
    ASSERT_TRUE(DatelineStage(Agencies()).Process(r).ok());
    ASSERT_TRUE(r.byline.has_value()) << credit;
    EXPECT_EQ(*r.byline, credit);
    EXPECT_EQ(r.text, "The body starts here.") << credit;
  }
}

TEST(DatelineStageTest, DatelineOnItsOwnParagraph) {
  Record r = Cleaned("ISLAMABAD (AP) " EM "\n\nThe body starts here.\n\nMore.");
  ASSERT_TRUE(DatelineStage(Agencies()).Process(r).ok());
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->raw, "ISLAMABAD (AP) " EM);
  EXPECT_FALSE(r.byline.has_value());
  EXPECT_EQ(r.text, "The body starts here.\n\nMore.");
}

TEST(DatelineStageTest, DeskCreditBeforeThePlaceIsTheByline) {
  Record r = Cleaned("STAFF REPORTER PESHAWAR\xE2\x80\x94The cabinet met on Tuesday.\n\nSecond paragraph.");
  ASSERT_TRUE(DatelineStage(Agencies()).Process(r).ok());
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->raw, "PESHAWAR\xE2\x80\x94");
  EXPECT_EQ(r.dateline->city, "Peshawar");
  ASSERT_TRUE(r.byline.has_value());
  EXPECT_EQ(*r.byline, "STAFF REPORTER");
  EXPECT_EQ(r.text, "The cabinet met on Tuesday.\n\nSecond paragraph.");
}

TEST(DatelineStageTest, BracketedRegionIsNoPartOfTheCity) {
  Record r = Cleaned("Srinagar (Jammu and Kashmir) [India], Oct 29 (ANI): Snow fell.\n\nMore.");
  ASSERT_TRUE(DatelineStage(Agencies()).Process(r).ok());
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->city, "Srinagar");
  ASSERT_TRUE(r.agency.has_value());
  EXPECT_EQ(r.agency->code, "ANI");
}

TEST(LocationCountryTest, UsStateAbbreviationsAreNotCountryCodes) {
  std::string error;
  const auto gazetteer = Gazetteer::Load(DefaultGazetteerFiles(), &error);
  if (!gazetteer) GTEST_SKIP() << "reference data missing (scripts/refdata): " << error;
  // "Mo." folds like Macao's MO, "Ga." like Gabon's GA, "Pa." like Panama's PA.
  EXPECT_EQ(LocationCountry(*gazetteer, "KANSAS CITY, Mo."), "US");
  EXPECT_EQ(LocationCountry(*gazetteer, "SAVANNAH, Ga."), "US");
  EXPECT_EQ(LocationCountry(*gazetteer, "PITTSBURGH, Pa."), "US");
  EXPECT_EQ(LocationCountry(*gazetteer, "ALBANY, N.Y."), "US");
  EXPECT_EQ(LocationCountry(*gazetteer, "WASHINGTON, D.C."), "US");
  EXPECT_EQ(LocationCountry(*gazetteer, "Srinagar (Jammu and Kashmir) [India]"), "IN");
  EXPECT_EQ(LocationCountry(*gazetteer, "ANKARA, Turkiye"), "TR");
}

TEST(DatelineStageTest, CompoundPlaceGivesFirstCity) {
  Record r = Cleaned("RAWALPINDI/ISLAMABAD (APP): Heavy rain lashed the twin cities.");
  ASSERT_TRUE(DatelineStage(Agencies()).Process(r).ok());
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->location, "RAWALPINDI/ISLAMABAD");
  EXPECT_EQ(r.dateline->city, "Rawalpindi");
}

TEST(DatelineStageTest, NoPlaceGivesNoCity) {
  Record r = Cleaned("Oct 29 (Bloomberg) -- Oil prices rose.", kOct29Noon);
  ASSERT_TRUE(DatelineStage(Agencies()).Process(r).ok());
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->location, "");
  EXPECT_EQ(r.dateline->city, "");
  EXPECT_EQ(r.dateline->date, "2025-10-29");
  ASSERT_TRUE(r.agency.has_value());
  EXPECT_EQ(r.agency->code, "BLOOMBERG");
  EXPECT_EQ(r.text, "Oil prices rose.");
}

TEST(DatelineStageTest, TextWithoutDatelineIsUnchanged) {
  const std::string text =
      "Pakistan and Afghanistan ended talks without an agreement on Tuesday.\n\n"
      "The minister said: there was nothing left to discuss.\n\n"
      "Pakistan Tehreek-e-Insaf (PTI) leaders said they would hold a rally.";
  Record r = Cleaned(text, kOct29Noon);
  ASSERT_TRUE(DatelineStage(Agencies()).Process(r).ok());
  EXPECT_EQ(r.text, text);
  EXPECT_FALSE(r.dateline.has_value());
  EXPECT_FALSE(r.agency.has_value());
  EXPECT_FALSE(r.headline.has_value());
  EXPECT_FALSE(r.byline.has_value());
}

TEST(DatelineStageTest, DatelineAfterALongParagraphIsNotTaken) {
  // Only short lines (headline, byline) may stand before the dateline.
  const std::string lead =
      "Pakistan and Afghanistan ended another round of talks in Istanbul on Tuesday without an "
      "agreement, officials from both sides said, after four days of meetings that mediators had "
      "hoped would produce a lasting deal on cross-border attacks.";
  const std::string text = lead + "\n\nKARACHI: Traders said the border closure hurt exports.";
  Record r = Cleaned(text);
  ASSERT_TRUE(DatelineStage(Agencies()).Process(r).ok());
  EXPECT_FALSE(r.dateline.has_value());
  EXPECT_EQ(r.text, text);
}

TEST(DatelineStageTest, EmptyTextIsFine) {
  Record r = Cleaned("");
  EXPECT_TRUE(DatelineStage(Agencies()).Process(r).ok());
  EXPECT_FALSE(r.dateline.has_value());
  EXPECT_EQ(r.text, "");
}

// ---------------------------------------------------------------------------
// Whole reports: decode, clean, dateline, body

struct Processed {
  Verdict verdict;
  Record record;
};

Processed Process(std::string bytes, int64_t timestamp_ms) {
  Source source;
  source.timestamp_ms = timestamp_ms;
  Processed p{Verdict::Continue(), RecordFromBytes(std::move(bytes), source)};
  DecodeStage decode(1 << 20);
  CleanTextStage clean;
  DatelineStage dateline(Agencies());
  BodyStage body(20);
  for (Stage* stage : std::initializer_list<Stage*>{&decode, &clean, &dateline, &body}) {
    p.verdict = stage->Process(p.record);
    if (!p.verdict.ok()) break;
  }
  return p;
}

TEST(DatelinePipelineTest, RealIslamabadReport) {
  const std::string path = DATELINE_SOURCE_DIR "/../shared/samples/islamabad-wnam-report.txt";
  const auto bytes = ReadFile(path);
  if (!bytes) GTEST_SKIP() << "sample not available: " << path;
  const Processed p = Process(*bytes, kOct29Noon);
  ASSERT_TRUE(p.verdict.ok()) << p.verdict.reason;
  const Record& r = p.record;
  ASSERT_TRUE(r.agency.has_value());
  EXPECT_EQ(r.agency->code, "WNAM");
  EXPECT_EQ(r.agency->raw, "WNAM REPORT");
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->location, "ISLAMABAD");
  EXPECT_EQ(r.dateline->city, "Islamabad");
  EXPECT_EQ(r.dateline->raw, "ISLAMABAD (WNAM REPORT):");
  EXPECT_EQ(r.dateline->date, "2025-10-29");
  EXPECT_EQ(r.dateline->date_source, "timestamp");
  EXPECT_FALSE(r.headline.has_value());
  EXPECT_FALSE(r.encoding_repaired);
  EXPECT_GE(r.paragraphs.size(), 7u);
  EXPECT_GE(r.word_count, 300u);
  EXPECT_EQ(r.text.find("ISLAMABAD"), std::string::npos);  // the dateline is gone
  EXPECT_EQ(r.text.find("\n\n\n"), std::string::npos);
  for (const Span& s : r.paragraphs) EXPECT_LT(s.start, s.end);
}

struct ReportCase {
  const char* file;
  const char* agency_code;  // "" when the report names no agency
  const char* agency_raw;
  const char* location;
  const char* city;
  const char* date;
  const char* date_source;
  const char* headline;  // "" when none
  const char* byline;    // "" when none
  const char* body_start;
  size_t paragraphs;
};

void PrintTo(const ReportCase& c, std::ostream* os) { *os << c.file; }

class SampleReportTest : public ::testing::TestWithParam<ReportCase> {};

TEST_P(SampleReportTest, Processes) {
  const ReportCase& c = GetParam();
  const std::string path = std::string(DATELINE_SOURCE_DIR) + "/tests/data/reports/" + c.file;
  const auto bytes = ReadFile(path);
  ASSERT_TRUE(bytes.has_value()) << path;
  const Processed p = Process(*bytes, kOct29Noon);
  ASSERT_TRUE(p.verdict.ok()) << p.verdict.reason;
  const Record& r = p.record;
  if (*c.agency_code) {
    ASSERT_TRUE(r.agency.has_value());
    EXPECT_EQ(r.agency->code, c.agency_code);
    EXPECT_EQ(r.agency->raw, c.agency_raw);
  } else {
    EXPECT_FALSE(r.agency.has_value()) << r.agency->code;
  }
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->location, c.location);
  EXPECT_EQ(r.dateline->city, c.city);
  EXPECT_EQ(r.dateline->date, c.date);
  EXPECT_EQ(r.dateline->date_source, c.date_source);
  EXPECT_EQ(r.headline.value_or(""), c.headline);
  EXPECT_EQ(r.byline.value_or(""), c.byline);
  EXPECT_EQ(r.text.rfind(c.body_start, 0), 0u) << r.text.substr(0, 80);
  EXPECT_EQ(r.paragraphs.size(), c.paragraphs) << r.text;
  EXPECT_FALSE(r.encoding_repaired);
}

INSTANTIATE_TEST_SUITE_P(
    Reports, SampleReportTest,
    ::testing::Values(
        ReportCase{"01-reuters-karachi.txt", "REUTERS", "Reuters", "KARACHI", "Karachi",
                   "2025-10-29", "text", "", "", "Pakistan's largest port handled", 5},
        ReportCase{"02-ap-islamabad.txt", "AP", "AP", "ISLAMABAD", "Islamabad", "2025-10-29",
                   "timestamp", "", "",
                   "A landslide blocked a key highway linking the capital with", 4},
        ReportCase{"03-afp-kabul.txt", "AFP", "AFP", "KABUL", "Kabul", "2025-03-12", "text", "", "",
                   "Afghan authorities reopened", 4},
        ReportCase{"04-xinhua-beijing.txt", "XINHUA", "Xinhua", "BEIJING", "Beijing", "2025-10-29",
                   "text", "", "", "A new high-speed rail line", 4},
        ReportCase{"05-pti-new-delhi.txt", "PTI", "PTI", "New Delhi", "New Delhi", "2025-10-29",
                   "text", "", "", "The city government on Wednesday", 4},
        ReportCase{"06-app-lahore.txt", "APP", "APP", "LAHORE", "Lahore", "2025-10-29", "text", "",
                   "", "The Punjab government on Wednesday", 4},
        ReportCase{"07-anadolu-ankara.txt", "AA", "AA", "ANKARA, T\xC3\xBCrkiye", "Ankara",
                   "2025-10-29", "timestamp", "", "", "T\xC3\xBCrkiye and Pakistan agreed", 4},
        ReportCase{"08-local-peshawar.txt", "FRONTIER", "FRONTIER REPORT", "PESHAWAR", "Peshawar",
                   "2025-10-29", "timestamp", "", "", "The provincial government has approved", 4},
        ReportCase{"09-staff-lahore.txt", "", "", "LAHORE", "Lahore", "2025-10-29", "timestamp", "",
                   "Staff Report", "The Lahore Development Authority", 4},
        ReportCase{"10-byline-quetta.txt", "", "", "QUETTA", "Quetta", "2025-10-29", "timestamp",
                   "Solar pumps reach farmers in drought-hit district", "Sana Baloch",
                   "Farmers in a drought-hit district", 4}),
    [](const ::testing::TestParamInfo<ReportCase>& info) {
      std::string name;
      for (const char* c = info.param.file; *c && *c != '.'; ++c) {
        if (std::isalnum(static_cast<unsigned char>(*c))) name.push_back(*c);
      }
      return "R" + name;
    });

TEST(SampleReportsTest, EveryReportInTheDirectoryHasADateline) {
  const std::filesystem::path dir =
      std::filesystem::path(DATELINE_SOURCE_DIR) / "tests/data/reports";
  size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    ++count;
    const auto bytes = ReadFile(entry.path().string());
    ASSERT_TRUE(bytes.has_value()) << entry.path();
    const Processed p = Process(*bytes, kOct29Noon);
    EXPECT_TRUE(p.verdict.ok()) << entry.path() << ": " << p.verdict.reason;
    EXPECT_TRUE(p.record.dateline.has_value()) << entry.path();
    EXPECT_GE(p.record.paragraphs.size(), 3u) << entry.path();
  }
  EXPECT_GE(count, 10u);
}

}  // namespace
}  // namespace dateline
