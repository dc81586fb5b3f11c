#include "geo/gazetteer.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include <gtest/gtest.h>

#include "parse/dateline.h"

namespace dateline {
namespace {

const Gazetteer& G() {
  static const std::unique_ptr<Gazetteer> g = [] {
    std::string error;
    auto loaded = Gazetteer::Load(DefaultGazetteerFiles(), &error);
    EXPECT_TRUE(loaded) << error << " (run scripts/refdata)";
    return loaded;
  }();
  return *g;
}

TEST(GazetteerTest, LoadsEverything) {
  EXPECT_GT(G().places(), 130000u);
  EXPECT_GE(G().countries(), 249u);
}

TEST(GazetteerTest, FoldName) {
  EXPECT_EQ(FoldName("São Paulo"), "sao paulo");
  EXPECT_EQ(FoldName("TÜRKIYE"), "turkiye");
  EXPECT_EQ(FoldName("U.S."), "u s");
  EXPECT_EQ(FoldName("  Dera  Ismail-Khan "), "dera ismail khan");
  EXPECT_EQ(FoldName("Cox\u2019s B\u0101z\u0101r"), "cox s bazar");  // a typographic apostrophe is one
  EXPECT_EQ(FoldName("Cox's Bazar"), "cox s bazar");
}

TEST(GazetteerTest, CapitalsAndLargeCities) {
  for (const auto& [name, country] : std::vector<std::pair<std::string, std::string>>{
           {"ISLAMABAD", "PK"}, {"Karachi", "PK"}, {"KABUL", "AF"}, {"New Delhi", "IN"}, {"ANKARA", "TR"},
           {"Doha", "QA"}, {"BEIJING", "CN"}, {"Paris", "FR"}, {"LONDON", "GB"}, {"Washington", "US"},
           {"Istanbul", "TR"}, {"São Paulo", "BR"}, {"SAO PAULO", "BR"}, {"NEW YORK", "US"}}) {
    const Place* p = G().FindPlace(name);
    ASSERT_NE(p, nullptr) << name;
    EXPECT_EQ(p->country, country) << name;
  }
}

TEST(GazetteerTest, BigCitiesNamedWithoutTheirCityWord) {
  const Place* ny = G().FindPlace("New York");
  ASSERT_NE(ny, nullptr);
  EXPECT_EQ(ny->name, "New York City");
  EXPECT_EQ(G().FindPlace("Mexico City"), G().FindPlace("Mexico", "MX"));
  EXPECT_EQ(G().FindPlace("Tiny City"), nullptr);  // no such place, with or without the word
}

TEST(GazetteerTest, CountryHintPicksTheRightNamesake) {
  const Place* london = G().FindPlace("London", "CA");
  ASSERT_NE(london, nullptr);
  EXPECT_EQ(london->country, "CA");
  const Place* hyderabad_pk = G().FindPlace("Hyderabad", "PK");
  ASSERT_NE(hyderabad_pk, nullptr);
  EXPECT_EQ(hyderabad_pk->country, "PK");
}

TEST(GazetteerTest, Countries) {
  for (const char* name : {"Türkiye", "Turkey", "TURKIYE", "TR", "TUR", "Republic of Türkiye"}) {
    const Country* c = G().FindCountry(name);
    ASSERT_NE(c, nullptr) << name;
    EXPECT_EQ(c->alpha2, "TR") << name;
  }
  ASSERT_NE(G().FindCountry("Iran"), nullptr);
  EXPECT_EQ(G().FindCountry("Iran")->alpha2, "IR");
  EXPECT_EQ(G().FindCountry("U.S.")->alpha2, "US");
  EXPECT_EQ(G().FindCountry("Narnia"), nullptr);
}

TEST(GazetteerTest, DatelineLocations) {
  EXPECT_EQ(LocationCountry(G(), "ISLAMABAD"), "PK");
  EXPECT_EQ(LocationCountry(G(), "ANKARA, Türkiye"), "TR");
  EXPECT_EQ(LocationCountry(G(), "LAHORE, Pakistan/ISLAMABAD"), "PK");
  EXPECT_EQ(LocationCountry(G(), "RAWALPINDI/ISLAMABAD"), "PK");
  EXPECT_EQ(LocationCountry(G(), "WASHINGTON, D.C."), "US");
  EXPECT_EQ(LocationCountry(G(), "LONDON, Ontario"), "GB") << "a province is not a country: the larger London wins";
  EXPECT_EQ(LocationCountry(G(), "PAKISTAN"), "PK");
  EXPECT_EQ(LocationCountry(G(), "QXZWVILLE"), "");
  // Spelt otherwise than GeoNames (Khān Yūnis), and no country named: a big city of that spelling.
  EXPECT_EQ(LocationCountry(G(), "KHAN YOUNIS"), "PS");
}

TEST(GazetteerTest, SpellingVariantsDifferOnlyInVowelsAndDoubledLetters) {
  EXPECT_EQ(SpellingKey("khan younis"), SpellingKey("khan yunis"));
  EXPECT_EQ(SpellingKey("deir al balah"), SpellingKey("dayr al balah"));
  EXPECT_EQ(SpellingKey("mazar i sharif"), SpellingKey("mazaar e sharif"));
  EXPECT_EQ(SpellingKey("deir el balah"), SpellingKey("dayr al balah"));
  EXPECT_NE(SpellingKey("khan younis"), SpellingKey("khanyounis"));  // word first letters count
  EXPECT_NE(SpellingKey("lahore"), SpellingKey("lahori s"));
  EXPECT_EQ(SpellingKey("ua"), 0u);  // too few letters to tell places apart
  EXPECT_EQ(SpellingKey("aba"), 0u);
  const std::vector<uint32_t> found = G().SpelledLike("Khan Younis");
  ASSERT_FALSE(found.empty());
  const Place& best = G().all_places()[found.front()];
  EXPECT_EQ(best.country, "PS");
  EXPECT_EQ(FoldName(best.name), "khan yunis");
  EXPECT_TRUE(G().SpelledLike("Qxzwvbrtt").empty());
  EXPECT_TRUE(G().SpelledLike("Ua").empty());
}

TEST(GazetteerTest, SubdivisionsHavePoints) {
  size_t with_point = 0;
  const Subdivision* punjab = nullptr;
  for (const Subdivision& s : G().all_subdivisions()) {
    with_point += s.has_geo;
    if (s.code == "PK-PB") punjab = &s;
  }
  // Most first-level subdivisions in iso-codes get a point from the states list.
  EXPECT_GT(with_point, G().all_subdivisions().size() / 2) << with_point << " of " << G().all_subdivisions().size();
  ASSERT_NE(punjab, nullptr);
  ASSERT_TRUE(punjab->has_geo);
  // Pakistan's Punjab lies between 27.7 and 34.0 N, 69.3 and 75.4 E.
  EXPECT_GT(punjab->lat, 27.7);
  EXPECT_LT(punjab->lat, 34.0);
  EXPECT_GT(punjab->lon, 69.3);
  EXPECT_LT(punjab->lon, 75.4);
}

TEST(GazetteerTest, SubdivisionsTakeThePlainEnglishSpellingOfTheSameName) {
  std::string haryana, herat, bavaria;
  for (const Subdivision& s : G().all_subdivisions()) {
    if (s.code == "IN-HR") haryana = s.name;
    if (s.code == "AF-HER") herat = s.name;
    if (s.code == "DE-BY") bavaria = s.name;
  }
  EXPECT_EQ(haryana, "Haryana");  // iso-codes writes "Haryāna"
  EXPECT_EQ(herat, "Herat");
  // A different name is not taken over ("Bavaria" in the states list): only spellings that fold to the same letters.
  EXPECT_EQ(bavaria, "Bayern");
}

TEST(GazetteerTest, CitiesAdmin1CodesMapToIso3166_2) {
  // In the United States and Switzerland GeoNames' admin1 codes are the ISO
  // 3166-2 suffixes (CA, ZH), so the population vote can be checked there.
  for (const char* country : {"US", "CH"}) {
    std::map<std::string, std::string> mapped;  // GeoNames code -> ISO code given
    for (const Place& p : G().all_places()) {
      if (p.country == country && !p.admin1.empty()) mapped.emplace(p.admin1, p.admin1_iso);
    }
    size_t right = 0;
    for (const auto& [code, iso] : mapped) right += iso == std::string(country) + "-" + code;
    EXPECT_GE(right * 100, mapped.size() * 90) << country << ": " << right << " of " << mapped.size();
  }
  const Place* multan = G().FindPlace("Multan", "PK");
  ASSERT_NE(multan, nullptr);
  EXPECT_EQ(multan->admin1_iso, "PK-PB");
  const Place* karachi = G().FindPlace("Karachi", "PK");
  ASSERT_NE(karachi, nullptr);
  EXPECT_EQ(karachi->admin1_iso, "PK-SD");
}

TEST(GazetteerTest, DemonymsAreSplitAndExtendedFromConfig) {
  auto demonyms = [](std::string_view alpha2) {
    for (const Country& c : G().all_countries()) {
      if (c.alpha2 == alpha2) return c.demonyms;
    }
    return std::vector<std::string>{};
  };
  const auto ba = demonyms("BA");  // world-countries writes "Bosnian, Herzegovinian"
  EXPECT_NE(std::find(ba.begin(), ba.end(), "Bosnian"), ba.end());
  EXPECT_NE(std::find(ba.begin(), ba.end(), "Herzegovinian"), ba.end());
  const auto es = demonyms("ES");  // world-countries' adjective first, then config/places.yaml's nouns
  ASSERT_GE(es.size(), 2u);
  EXPECT_EQ(es.front(), "Spanish");
  EXPECT_NE(std::find(es.begin(), es.end(), "Spaniard"), es.end());
}

TEST(GazetteerTest, EnglishCityNamesFromConfigComeFirstUnlessTheCountrySaysOtherwise) {
  const Place* geneva = G().FindPlace("GENEVA");
  ASSERT_NE(geneva, nullptr);
  EXPECT_EQ(geneva->country, "CH");
  EXPECT_EQ(G().FindPlace("Geneva", "US")->country, "US");  // the namesake, when the dateline says so
  EXPECT_EQ(G().FindPlace("ST PETERSBURG")->country, "RU");
  EXPECT_EQ(G().FindPlace("St. Petersburg", "US")->country, "US");
  const std::filesystem::path bad = std::filesystem::temp_directory_path() / "dateline-places-cities.yaml";
  {
    std::ofstream out(bad);
    out << "city_aliases:\n  Nowhere: {name: Nowhereville, country: CH}\n";
  }
  GazetteerFiles files = DefaultGazetteerFiles();
  files.aliases_yaml = bad.string();
  std::string error;
  EXPECT_FALSE(Gazetteer::Load(files, &error));
  EXPECT_NE(error.find("no place Nowhereville in CH"), std::string::npos) << error;
  std::filesystem::remove(bad);
}

TEST(GazetteerTest, DisplayNamesComeFromConfigAndMustBeTheCountrysOwn) {
  EXPECT_EQ(G().FindCountry("RU")->display, "Russia");
  EXPECT_EQ(G().FindCountry("PK")->display, "");
  const std::filesystem::path bad = std::filesystem::temp_directory_path() / "dateline-places-display.yaml";
  {
    std::ofstream out(bad);
    out << "display_names:\n  RU: Syria\n";
  }
  GazetteerFiles files = DefaultGazetteerFiles();
  files.aliases_yaml = bad.string();
  std::string error;
  EXPECT_FALSE(Gazetteer::Load(files, &error));
  EXPECT_NE(error.find("Syria is not a name of RU"), std::string::npos) << error;
  std::filesystem::remove(bad);
}

TEST(GazetteerTest, MissingFilesAreClearErrors) {
  GazetteerFiles files = DefaultGazetteerFiles();
  files.cities_pbf = "/nonexistent/cities.pbf";
  std::string error;
  EXPECT_FALSE(Gazetteer::Load(files, &error));
  EXPECT_NE(error.find("/nonexistent/cities.pbf"), std::string::npos);
  EXPECT_NE(error.find("scripts/refdata"), std::string::npos);
}

}  // namespace
}  // namespace dateline
