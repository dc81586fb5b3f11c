#include "geo/gazetteer.h"

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
}

TEST(GazetteerTest, CapitalsAndLargeCities) {
  for (const auto& [name, country] : std::vector<std::pair<std::string, std::string>>{
           {"ISLAMABAD", "PK"}, {"Karachi", "PK"}, {"KABUL", "AF"}, {"New Delhi", "IN"}, {"ANKARA", "TR"},
           {"Doha", "QA"}, {"BEIJING", "CN"}, {"Paris", "FR"}, {"LONDON", "GB"}, {"Washington", "US"},
           {"Istanbul", "TR"}, {"São Paulo", "BR"}, {"SAO PAULO", "BR"}}) {
    const Place* p = G().FindPlace(name);
    ASSERT_NE(p, nullptr) << name;
    EXPECT_EQ(p->country, country) << name;
  }
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
