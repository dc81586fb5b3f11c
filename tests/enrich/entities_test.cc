// Entities and quotations through the real pipeline: the seed report from
// ../shared/samples and small reports that pin one rule each.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "enrich_support.h"

namespace dateline {
namespace {

using testing::FindEntity;
using testing::RunReport;

std::string MentionText(const Record& r, const Span& s) { return r.text.substr(s.start, s.end - s.start); }

TEST(Entities, SeedReport) {
  // ../shared beside the repository (CI, main clone), or DATELINE_SHARED_DIR.
  const char* shared = std::getenv("DATELINE_SHARED_DIR");
  const std::filesystem::path sample =
      (shared ? std::filesystem::path(shared) : std::filesystem::path(DATELINE_SOURCE_DIR) / "../shared") /
      "samples/islamabad-wnam-report.txt";
  if (!std::filesystem::exists(sample)) GTEST_SKIP() << "no seed report at " << sample;
  std::ifstream in(sample);
  std::stringstream ss;
  ss << in.rdbuf();
  const Record r = RunReport(ss.str());

  const Entity* tarar = FindEntity(r, "PERSON", "Ataullah Tarar");
  ASSERT_NE(tarar, nullptr);
  EXPECT_EQ(tarar->title, "Information Minister");
  bool short_form = false, the_minister = false;
  for (const Span& m : tarar->mentions) {
    short_form |= MentionText(r, m) == "Tarar";
    the_minister |= MentionText(r, m) == "the minister";
  }
  EXPECT_TRUE(short_form);
  EXPECT_TRUE(the_minister);

  EXPECT_NE(FindEntity(r, "ORGANIZATION", "Afghan Taliban"), nullptr);
  const Entity* ttp = FindEntity(r, "ORGANIZATION", "TTP");
  ASSERT_NE(ttp, nullptr);
  EXPECT_EQ(ttp, FindEntity(r, "ORGANIZATION", "Fitna al Khwarij"));
  const Entity* bla = FindEntity(r, "ORGANIZATION", "BLA");
  ASSERT_NE(bla, nullptr);
  EXPECT_EQ(bla, FindEntity(r, "ORGANIZATION", "Fitna al Hindustan"));

  const std::pair<const char*, const char*> places[] = {
      {"Pakistan", "PK"}, {"Istanbul", "TR"}, {"Qatar", "QA"}, {"Turkiye", "TR"}, {"Kabul", "AF"}};
  for (const auto& [name, code] : places) {
    const Entity* e = FindEntity(r, "LOCATION", name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->country_code, code) << name;
    EXPECT_TRUE(e->geo.has_value()) << name;
    EXPECT_FALSE(e->gazetteer_id.empty()) << name;
  }
  const Entity* kabul = FindEntity(r, "LOCATION", "Kabul");
  EXPECT_EQ(kabul->gazetteer_id.rfind("geonames:", 0), 0u);
  const Entity* afghan = FindEntity(r, "MISC", "Afghan");
  ASSERT_NE(afghan, nullptr);
  EXPECT_EQ(afghan->country_code, "AF");
  EXPECT_NE(FindEntity(r, "MISC", "Doha Agreement"), nullptr);

  int by_tarar = 0;
  for (const Quote& q : r.quotes) by_tarar += q.speaker == "Ataullah Tarar";
  EXPECT_GE(by_tarar, 2);
  ASSERT_FALSE(r.quotes.empty());
  EXPECT_EQ(r.quotes.front().cue, "wrote");
  EXPECT_EQ(r.quotes.front().text.rfind("The dialogue thus failed", 0), 0u);
  // Salience: the most mentioned, leading entity scores highest.
  EXPECT_DOUBLE_EQ(FindEntity(r, "LOCATION", "Pakistan")->salience, 1.0);
  for (const Entity& e : r.entities) {
    EXPECT_GE(e.salience, 0.0);
    EXPECT_LE(e.salience, 1.0);
  }
}

TEST(Entities, PlacesByContextNamesAndDemonyms) {
  // Punjab is Pakistan's in a Lahore report and India's next to Amritsar.
  Record pk = RunReport("LAHORE, March 3 (Reuters) - Floods hit Punjab on Monday, officials in Pakistan said, "
                        "and Turkey and Türkiye are one place. Turkish and Pakistani crews helped.\n");
  const Entity* punjab = FindEntity(pk, "LOCATION", "Punjab");
  ASSERT_NE(punjab, nullptr);
  EXPECT_EQ(punjab->country_code, "PK");
  EXPECT_EQ(punjab->admin1, "PK-PB");
  const Entity* turkey = FindEntity(pk, "LOCATION", "Turkey");
  ASSERT_NE(turkey, nullptr);
  EXPECT_EQ(turkey, FindEntity(pk, "LOCATION", "Türkiye"));
  EXPECT_EQ(turkey->mentions.size(), 2u);
  EXPECT_EQ(FindEntity(pk, "MISC", "Turkish")->country_code, "TR");
  EXPECT_EQ(FindEntity(pk, "MISC", "Pakistani")->country_code, "PK");

  Record in = RunReport("NEW DELHI, March 3 (PTI) Farmers in Punjab marched to Amritsar on Monday, police in "
                        "India said.\n");
  punjab = FindEntity(in, "LOCATION", "Punjab");
  ASSERT_NE(punjab, nullptr);
  EXPECT_EQ(punjab->country_code, "IN");
}

TEST(Entities, AcronymsTitlesAndShortForms) {
  Record r = RunReport(
      "KATHMANDU, May 2 (AFP) - The National Disaster Risk Reduction and Management Authority (NDRRMA) said on "
      "Friday that floods had killed 12 people. Home Minister Ramesh Lekhak visited the area.\n\n"
      "Lekhak said the NDRRMA would send helicopters. Later the minister met Foreign Secretary Amrit Rai.\n");
  const Entity* org = FindEntity(r, "ORGANIZATION", "NDRRMA");
  ASSERT_NE(org, nullptr);
  EXPECT_EQ(org->text, "National Disaster Risk Reduction and Management Authority");
  EXPECT_EQ(org->mentions.size(), 3u);
  const Entity* lekhak = FindEntity(r, "PERSON", "Ramesh Lekhak");
  ASSERT_NE(lekhak, nullptr);
  EXPECT_EQ(lekhak->title, "Home Minister");
  EXPECT_EQ(lekhak->mentions.size(), 3u);  // full name, "Lekhak", "the minister"
  const Entity* rai = FindEntity(r, "PERSON", "Amrit Rai");
  ASSERT_NE(rai, nullptr);
  EXPECT_EQ(rai->title, "Foreign Secretary");
}

TEST(Entities, HyphenatedAcronymsDefinedInTheText) {
  Record r = RunReport(
      "QUETTA: The Balochistan National Party-Mengal (BNP-M) on Monday announced a sit-in. BNP-M chief Akhtar "
      "Mengal said the party would not accept the new law.\n");
  const Entity* party = FindEntity(r, "ORGANIZATION", "Balochistan National Party-Mengal");
  ASSERT_NE(party, nullptr);
  EXPECT_EQ(party->acronym, "BNP-M");
  EXPECT_EQ(party->mentions.size(), 3u);  // the long form, "(BNP-M)" and "BNP-M chief"
  for (const Entity& e : r.entities) {
    EXPECT_NE(e.text, "BNP-M");  // no second organisation for the short form
    EXPECT_FALSE(e.type == "PERSON" && e.text == "Balochistan National Party-Mengal");
  }
  EXPECT_NE(FindEntity(r, "PERSON", "Akhtar Mengal"), nullptr);
}

TEST(Entities, ASurnameThatIsAPlaceWordStaysAPerson) {
  // "Park" heads places ("Gorky Park"), but a name whose last word later speaks alone is a person.
  Record r = RunReport(
      "WASHINGTON (AP) \xE2\x80\x94 The Senate voted on Tuesday to confirm Elaine Park as labor secretary.\n\n"
      "\xE2\x80\x9CI intend to listen to workers and employers alike,\xE2\x80\x9D Park told the committee.\n");
  const Entity* park = FindEntity(r, "PERSON", "Elaine Park");
  ASSERT_NE(park, nullptr);
  EXPECT_EQ(park->mentions.size(), 2u);
  EXPECT_EQ(FindEntity(r, "LOCATION", "Elaine Park"), nullptr);
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker, "Elaine Park");
}

TEST(Entities, ACountryNameAfterARoleWordIsAFirstName) {
  Record r = RunReport(
      "PARIS, Nov 27 (AFP) - \xE2\x80\x9CWe will not give him a blank cheque,\xE2\x80\x9D party president Jordan "
      "Bardella wrote on X. The president of Chad and King Abdullah of Jordan met in Paris.\n");
  const Entity* bardella = FindEntity(r, "PERSON", "Jordan Bardella");
  ASSERT_NE(bardella, nullptr);
  EXPECT_EQ(bardella->title, "president");
  const Entity* jordan = FindEntity(r, "LOCATION", "Jordan");
  ASSERT_NE(jordan, nullptr);  // the country, named once after "of"
  EXPECT_EQ(jordan->mentions.size(), 1u);
  EXPECT_NE(FindEntity(r, "LOCATION", "Chad"), nullptr);
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker, "Jordan Bardella");
}


TEST(Entities, TitlesAfterAbbreviationsWithOfAndOpenedByAnOrganisation) {
  // "U.S." before a title is a place, not part of the title's text; "Secretary
  // of State" is one title, not a split at "of"; a known body opening a title
  // belongs to the title and is still a mention of that body.
  Record r = RunReport(
      "WASHINGTON (Reuters) - U.S. Secretary of State Marco Rubio met Saudi officials on Tuesday. "
      "U.S. Ambassador Linda Thomas-Greenfield said the talks went well. Treasury Secretary Scott Bessent "
      "also spoke. Chuck Schumer of New York did not.\n");
  const Entity* rubio = FindEntity(r, "PERSON", "Marco Rubio");
  ASSERT_NE(rubio, nullptr);
  EXPECT_EQ(rubio->title, "Secretary of State");
  const Entity* envoy = FindEntity(r, "PERSON", "Linda Thomas-Greenfield");
  ASSERT_NE(envoy, nullptr);
  EXPECT_EQ(envoy->title, "Ambassador");
  const Entity* bessent = FindEntity(r, "PERSON", "Scott Bessent");
  ASSERT_NE(bessent, nullptr);
  EXPECT_EQ(bessent->title, "Treasury Secretary");
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "Treasury"), nullptr);
  const Entity* us = FindEntity(r, "LOCATION", "United States");
  ASSERT_NE(us, nullptr);
  EXPECT_EQ(us->mentions.size(), 2u);
  EXPECT_NE(FindEntity(r, "PERSON", "Chuck Schumer"), nullptr);  // other "X of Y" still split
  const Entity* ny = FindEntity(r, "LOCATION", "New York");
  ASSERT_NE(ny, nullptr);
  EXPECT_EQ(ny->kind, "admin1");  // a politician's state, not the city
}
TEST(Entities, ANameSharedByNationalBodiesFollowsTheReportsCountry) {
  // "Congress" is India's party in a report from India, the U.S. legislature in one from Washington.
  Record india = RunReport(
      "NEW DELHI, Nov 27 (PTI) - The opposition Congress party walked out of the Lok Sabha on Thursday. "
      "Congress leader Rahul Gandhi said the government had ignored farmers.\n");
  const Entity* inc = FindEntity(india, "ORGANIZATION", "Indian National Congress");
  ASSERT_NE(inc, nullptr);
  EXPECT_EQ(inc->mentions.size(), 2u);
  EXPECT_EQ(FindEntity(india, "ORGANIZATION", "U.S. Congress"), nullptr);
  Record us = RunReport("WASHINGTON (AP) - Congress passed the spending bill late on Friday.\n");
  EXPECT_NE(FindEntity(us, "ORGANIZATION", "U.S. Congress"), nullptr);
  EXPECT_EQ(FindEntity(us, "ORGANIZATION", "Indian National Congress"), nullptr);
}

TEST(Entities, AKnownNameRunsOverLowerCaseWords) {
  Record r = RunReport(
      "MUMBAI (PTI) - Rohit Sharma will return for the second Test, the Board of Control for Cricket in India "
      "(BCCI) said on Monday.\n");
  const Entity* bcci = FindEntity(r, "ORGANIZATION", "Board of Control for Cricket in India");
  ASSERT_NE(bcci, nullptr);
  EXPECT_EQ(bcci->mentions.size(), 2u);  // the name and "BCCI"
  EXPECT_EQ(FindEntity(r, "ORGANIZATION", "Board of Control for Cricket"), nullptr);
  EXPECT_EQ(FindEntity(r, "LOCATION", "India"), nullptr);  // inside the name, not a place mention
}

TEST(Entities, SharedPlaceNamesFollowContextAndCapitalsWin) {
  // "Congo" after the Democratic Republic of Congo, or from Kinshasa, is that country; from Brazzaville,
  // the Republic of the Congo. "Washington" is the capital, not the state; "North Kivu" is Nord-Kivu.
  Record kinshasa = RunReport(
      "KINSHASA (Reuters) - Congo said fighting in North Kivu had displaced thousands. Washington said "
      "it would send aid.\n");
  const Entity* drc = FindEntity(kinshasa, "LOCATION", "DR Congo");
  ASSERT_NE(drc, nullptr);
  EXPECT_EQ(drc->country_code, "CD");
  const Entity* kivu = FindEntity(kinshasa, "LOCATION", "North Kivu");
  ASSERT_NE(kivu, nullptr);
  EXPECT_EQ(kivu->admin1, "CD-NK");
  const Entity* washington = FindEntity(kinshasa, "LOCATION", "Washington");
  ASSERT_NE(washington, nullptr);
  EXPECT_EQ(washington->kind, "city");
  EXPECT_EQ(washington->admin1, "US-DC");
  Record brazzaville = RunReport("BRAZZAVILLE (Reuters) - Congo said it would hold elections in March.\n");
  const Entity* rc = FindEntity(brazzaville, "LOCATION", "Congo");
  ASSERT_NE(rc, nullptr);
  EXPECT_EQ(rc->country_code, "CG");
}

TEST(Entities, UnknownNamesBeforeALowerCaseFeatureOrAreaWordArePlaces) {
  Record r = RunReport(
      "PESHAWAR (AP) - The quake was centred in the Hindu Kush mountains. Rescuers reached Swat district "
      "on Saturday, said Bilal Faizi, a spokesman.\n");
  const Entity* range = FindEntity(r, "LOCATION", "Hindu Kush");
  ASSERT_NE(range, nullptr);
  EXPECT_EQ(range->kind, "feature");
  const Entity* swat = FindEntity(r, "LOCATION", "Swat");
  ASSERT_NE(swat, nullptr);
  EXPECT_EQ(swat->kind, "area");
  EXPECT_EQ(FindEntity(r, "PERSON", "Hindu Kush"), nullptr);
  EXPECT_NE(FindEntity(r, "PERSON", "Bilal Faizi"), nullptr);
}

TEST(Entities, TermsDefinedWithAnAcronymAreNoOrganisations) {
  Record r = RunReport(
      "LAHORE (APP) - The Air Quality Index (AQI) crossed 600, the Environment Protection Department (EPD) said. "
      "The AQI stayed high, and the EPD sealed 23 factories.\n");
  EXPECT_EQ(FindEntity(r, "ORGANIZATION", "Air Quality Index"), nullptr);
  EXPECT_EQ(FindEntity(r, "ORGANIZATION", "AQI"), nullptr);
  const Entity* epd = FindEntity(r, "ORGANIZATION", "Environment Protection Department");
  ASSERT_NE(epd, nullptr);
  EXPECT_EQ(epd->mentions.size(), 3u);
}

TEST(Entities, UnknownNamesAfterInOrNearArePlacesAndLowerCaseAliasesMatch) {
  // "in Khan Younis" is a place, and so is a later bare "Khan Younis"; "The Israeli military" is the
  // dictionary's alias of the Israel Defense Forces, and the speaker of what follows "said".
  Record r = RunReport(
      "JERUSALEM (AP) - Fourteen of the dead were brought to Nasser Hospital in Khan Younis. Khan Younis "
      "has been hit hard. Police chased the suspects near Nipa Chowrangi. The Israeli military said it "
      "struck militants and \xE2\x80\x9Ctook steps to mitigate harm to civilians.\xE2\x80\x9D\n");
  const Entity* town = FindEntity(r, "LOCATION", "Khan Younis");
  ASSERT_NE(town, nullptr);
  EXPECT_EQ(town->kind, "place");
  EXPECT_EQ(town->mentions.size(), 2u);
  EXPECT_EQ(FindEntity(r, "PERSON", "Khan Younis"), nullptr);
  EXPECT_NE(FindEntity(r, "LOCATION", "Nipa Chowrangi"), nullptr);
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "Israel Defense Forces"), nullptr);
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker, "Israel Defense Forces");
}

TEST(Entities, PartiesAreasCitiesAndPoliceRanks) {
  Record r = RunReport(
      "BERLIN, Nov 27 (dpa) - The far-right Alternative for Germany (AfD) and the Social Democrats (SPD) "
      "clashed. The AfD walked out. Toyota will build a plant in Fukuoka Prefecture. Israeli jets struck "
      "Gaza City and other parts of Gaza. According to SSP East Zubair Nazir Shaikh, the suspects fled.\n");
  const Entity* afd = FindEntity(r, "ORGANIZATION", "Alternative for Germany");
  ASSERT_NE(afd, nullptr);
  EXPECT_EQ(afd->acronym, "AfD");
  EXPECT_EQ(afd->mentions.size(), 3u);  // the name, "(AfD)" and "The AfD"
  const Entity* spd = FindEntity(r, "ORGANIZATION", "Social Democrats");
  ASSERT_NE(spd, nullptr);
  EXPECT_EQ(spd, FindEntity(r, "ORGANIZATION", "SPD"));
  EXPECT_EQ(FindEntity(r, "ORGANIZATION", "Democratic Party"), nullptr);
  const Entity* fukuoka = FindEntity(r, "LOCATION", "Fukuoka");
  ASSERT_NE(fukuoka, nullptr);
  EXPECT_EQ(fukuoka->admin1, "JP-40");
  const Entity* gaza_city = FindEntity(r, "LOCATION", "Gaza City");
  ASSERT_NE(gaza_city, nullptr);
  EXPECT_EQ(gaza_city->kind, "city");
  const Entity* strip = FindEntity(r, "LOCATION", "Gaza Strip");  // named "Gaza" in the text
  ASSERT_NE(strip, nullptr);
  ASSERT_EQ(strip->mentions.size(), 1u);
  EXPECT_EQ(r.text.substr(strip->mentions[0].start, strip->mentions[0].end - strip->mentions[0].start), "Gaza");
  EXPECT_EQ(strip->country_code, "PS");
  EXPECT_NE(strip, gaza_city);
  const Entity* ssp = FindEntity(r, "PERSON", "Zubair Nazir Shaikh");
  ASSERT_NE(ssp, nullptr);
  EXPECT_EQ(ssp->title, "SSP East");
}

TEST(Entities, IndexNamesHallsAndRoleQualifiersAreNoPeople) {
  Record r = RunReport(
      "LONDON (Reuters) - The Dow Jones Industrial Average lost 120 points. Xi met Sharif at the Great Hall "
      "of the People. Opposition Conservative leader Kemi Badenoch said little.\n");
  EXPECT_EQ(FindEntity(r, "PERSON", "Dow Jones Industrial Average"), nullptr);
  EXPECT_EQ(FindEntity(r, "PERSON", "Great Hall"), nullptr);
  EXPECT_NE(FindEntity(r, "LOCATION", "Great Hall"), nullptr);
  EXPECT_EQ(FindEntity(r, "PERSON", "Opposition Conservative"), nullptr);
  const Entity* badenoch = FindEntity(r, "PERSON", "Kemi Badenoch");
  ASSERT_NE(badenoch, nullptr);
  EXPECT_EQ(badenoch->title, "leader");
}

TEST(Entities, CompaniesUnderLegalNamesAndCitiesUnderEnglishNames) {
  Record r = RunReport(
      "GENEVA (Reuters) - Toyota Motor Corp. said it would invest more. Toyota shares rose. "
      "Officials in Geneva and Cologne welcomed it.\n");
  const Entity* toyota = FindEntity(r, "ORGANIZATION", "Toyota");
  ASSERT_NE(toyota, nullptr);
  EXPECT_EQ(toyota->mentions.size(), 2u);
  EXPECT_EQ(FindEntity(r, "ORGANIZATION", "Toyota Motor Corp"), toyota);
  const Entity* geneva = FindEntity(r, "LOCATION", "Geneva");
  ASSERT_NE(geneva, nullptr);
  EXPECT_EQ(geneva->text, "Geneva");
  EXPECT_EQ(geneva->country_code, "CH");
  const Entity* cologne = FindEntity(r, "LOCATION", "Cologne");
  ASSERT_NE(cologne, nullptr);
  EXPECT_EQ(cologne->country_code, "DE");
}

TEST(Entities, AcronymsListedInCapitalsMatchOnlyCapitals) {
  // "Un" in a Korean name is no United Nations, "Who" no WHO; "UN" and "WHO" are.
  Record r = RunReport(
      "SEOUL, Nov 27 (Yonhap) -- North Korean leader Kim Jong Un met Moon Jae-in. Who was there? "
      "The UN and the WHO said the U.S. and the UK agreed.\n");
  EXPECT_NE(FindEntity(r, "PERSON", "Kim Jong Un"), nullptr);
  EXPECT_NE(FindEntity(r, "PERSON", "Moon Jae-in"), nullptr);  // "Moon" is no region inside a name
  EXPECT_EQ(FindEntity(r, "LOCATION", "Moon"), nullptr);
  const Entity* un = FindEntity(r, "ORGANIZATION", "United Nations");
  ASSERT_NE(un, nullptr);
  EXPECT_EQ(un->mentions.size(), 1u);
  const Entity* who = FindEntity(r, "ORGANIZATION", "World Health Organization");
  ASSERT_NE(who, nullptr);
  EXPECT_EQ(who->mentions.size(), 1u);
  EXPECT_NE(FindEntity(r, "LOCATION", "United States"), nullptr);
  EXPECT_NE(FindEntity(r, "LOCATION", "United Kingdom"), nullptr);
}

TEST(Entities, HyphenatedNamesAndAdjectives) {
  Record r = RunReport(
      "SEOUL, Nov 27 (Yonhap) -- Lee Jae-myung said on Monday that an al-Qaeda affiliate and the Iran-backed "
      "Houthis had been discussed with the Bentonville, Arkansas-based company. The KSE-100 index and COVID-19 "
      "cases rose. Mount Lewotobi Laki-laki erupted; Lewotobi Laki-laki erupts often.\n");
  EXPECT_NE(FindEntity(r, "PERSON", "Lee Jae-myung"), nullptr);  // a lower-case part after a hyphen
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "al Qaeda"), nullptr);  // a lower-case connector opens the name
  EXPECT_NE(FindEntity(r, "LOCATION", "Iran"), nullptr);          // "-backed", "-based": the place alone
  EXPECT_NE(FindEntity(r, "LOCATION", "Arkansas"), nullptr);
  EXPECT_EQ(FindEntity(r, "ORGANIZATION", "Arkansas-based"), nullptr);
  EXPECT_EQ(FindEntity(r, "ORGANIZATION", "KSE"), nullptr);  // numbered names are no organisations
  EXPECT_EQ(FindEntity(r, "ORGANIZATION", "COVID"), nullptr);
  const Entity* volcano = FindEntity(r, "LOCATION", "Mount Lewotobi Laki-laki");
  ASSERT_NE(volcano, nullptr);
  EXPECT_EQ(volcano->mentions.size(), 2u);  // the feature without "Mount" is no person
  EXPECT_EQ(FindEntity(r, "PERSON", "Lewotobi Laki-laki"), nullptr);
}

TEST(Entities, TitlesOpeningASentenceAndCompaniesWithoutTheirSuffix) {
  Record r = RunReport(
      "NEW YORK, Nov 19 (Reuters) - Kestrel Mining Inc raised its forecast. Chief Financial Officer John David "
      "Rainey said sales grew. Kestrel Mining now expects more.\n");
  const Entity* rainey = FindEntity(r, "PERSON", "John David Rainey");
  ASSERT_NE(rainey, nullptr);
  EXPECT_EQ(rainey->title, "Chief Financial Officer");
  const Entity* company = FindEntity(r, "ORGANIZATION", "Kestrel Mining Inc");  // a company the dictionary lacks
  ASSERT_NE(company, nullptr);
  EXPECT_EQ(company->text, "Kestrel Mining Inc");
  EXPECT_EQ(company->mentions.size(), 2u);
}

TEST(Entities, NameSuffixesLongOrganisationNamesAndEnglishCitySpellings) {
  Record r = RunReport(
      "KYIV, Nov 27 (Reuters) - President Ferdinand Marcos Jr. met Martin Luther King Jr. scholars. Marcos said "
      "the National Office for the Protection of Wetlands (NOPW) would help. NOPW agreed. Drones hit "
      "Odesa and Zaporizhzhia. The Republican People's Party (CHP) objected.\n");
  const Entity* chp = FindEntity(r, "ORGANIZATION", "Republican People's Party");  // a possessive inside a name
  ASSERT_NE(chp, nullptr);
  EXPECT_EQ(chp->mentions.size(), 2u);
  const Entity* marcos = FindEntity(r, "PERSON", "Ferdinand Marcos Jr");
  ASSERT_NE(marcos, nullptr);
  EXPECT_EQ(marcos->title, "President");
  EXPECT_EQ(marcos->mentions.size(), 2u);  // "Marcos" alone is the surname before "Jr"
  const Entity* king = FindEntity(r, "PERSON", "Martin Luther King Jr");
  ASSERT_NE(king, nullptr);
  EXPECT_EQ(king->title, "");  // "King" before "Jr" is a surname, no title
  // "of the"/"for the" after an organisation word stay inside a name the dictionary lacks.
  const Entity* office = FindEntity(r, "ORGANIZATION", "National Office for the Protection of Wetlands");
  ASSERT_NE(office, nullptr);
  EXPECT_EQ(office->mentions.size(), 3u);
  for (const char* city : {"Odesa", "Zaporizhzhia"}) {
    const Entity* e = FindEntity(r, "LOCATION", city);
    ASSERT_NE(e, nullptr) << city;
    EXPECT_EQ(e->country_code, "UA") << city;
  }
}

TEST(Entities, LowerCaseRolePhrasesAndFirmsNamedByTheirTrade) {
  Record r = RunReport(
      "LONDON, Nov 27 (Reuters) - Britain will raise taxes, finance minister Rachel Reeves said. "
      "John Smith, an economist at Capital Economics, disagreed, as did the former prime minister Boris Johnson.\n");
  const Entity* reeves = FindEntity(r, "PERSON", "Rachel Reeves");
  ASSERT_NE(reeves, nullptr);
  EXPECT_EQ(reeves->title, "finance minister");
  const Entity* johnson = FindEntity(r, "PERSON", "Boris Johnson");
  ASSERT_NE(johnson, nullptr);
  EXPECT_EQ(johnson->title, "prime minister");
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "Capital Economics"), nullptr);
  EXPECT_EQ(FindEntity(r, "PERSON", "Capital Economics"), nullptr);
  // Portfolio words before a lower-case role stay in the title.
  Record eu = RunReport("BRUSSELS (AFP) - EU foreign policy chief Kaja Kallas and health minister Ali Pate spoke.\n");
  const Entity* kallas = FindEntity(eu, "PERSON", "Kaja Kallas");
  ASSERT_NE(kallas, nullptr);
  EXPECT_EQ(kallas->title, "foreign policy chief");
  const Entity* pate = FindEntity(eu, "PERSON", "Ali Pate");
  ASSERT_NE(pate, nullptr);
  EXPECT_EQ(pate->title, "health minister");
}

TEST(Entities, ParagraphsInCapitalsKeepOnlyDictionaryNames) {
  // Old wire style: every word is in capitals, so capitals mark no names;
  // "AND", "ON" are no organisations, "US" and "WHO" are the pronouns.
  Record r = RunReport(
      "ISLAMABAD, OCT 29 (APP) - PRIME MINISTER SHEHBAZ SHARIF SAID ON WEDNESDAY THAT PAKISTAN AND CHINA, WHO "
      "TOLD US THEY WANT PEACE, WOULD WORK TOGETHER IN GAZA.\n\n"
      "Later, Information Minister Ataullah Tarar said the UN would help.\n");
  EXPECT_NE(FindEntity(r, "LOCATION", "Pakistan"), nullptr);
  EXPECT_NE(FindEntity(r, "LOCATION", "China"), nullptr);
  EXPECT_NE(FindEntity(r, "LOCATION", "Gaza Strip"), nullptr);
  EXPECT_EQ(FindEntity(r, "ORGANIZATION", "AND"), nullptr);
  EXPECT_EQ(FindEntity(r, "ORGANIZATION", "World Health Organization"), nullptr);
  EXPECT_EQ(FindEntity(r, "LOCATION", "United States"), nullptr);
  // Nothing else from the capitals (no "SHEHBAZ SHARIF ON"); the next paragraph, in ordinary case, is read as usual.
  ASSERT_EQ(r.entities.size(), 5u) << r.entities.back().text;
  EXPECT_EQ(r.entities[3].text, "Ataullah Tarar");
  EXPECT_EQ(r.entities[4].text, "United Nations");
}

TEST(Entities, AndBeforeAKnownBodyAndNationalBodiesOfOtherCountries) {
  // "and" inside a long organisation name, but not before a second known body.
  Record r = RunReport(
      "NAIROBI (AP) - The Law Society of Kenya and Amnesty International called for an inquiry. The Ministry of "
      "Trade and Industry did not comment.\n");
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "Law Society of Kenya"), nullptr);
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "Amnesty International"), nullptr);
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "Ministry of Trade and Industry"), nullptr);
  // "Congress" in a report from Brazil is neither the U.S. nor the Indian one: kept as written.
  Record br = RunReport(
      "SAO PAULO (Reuters) - Brazil's finance minister will send spending cuts to Congress next week.\n");
  const Entity* congress = FindEntity(br, "ORGANIZATION", "Congress");
  ASSERT_NE(congress, nullptr);
  EXPECT_EQ(congress->text, "Congress");
  EXPECT_EQ(FindEntity(br, "ORGANIZATION", "U.S. Congress"), nullptr);
  Record us = RunReport("WASHINGTON (Reuters) - The White House will send spending cuts to Congress next week.\n");
  EXPECT_NE(FindEntity(us, "ORGANIZATION", "U.S. Congress"), nullptr);
}

TEST(Entities, AnUnknownNameBeforeABuiltPlaceWordIsAPlace) {
  Record r = RunReport(
      "LAHORE (APP) - Addressing the ceremony at Ali Town station, the chief minister said the line would reach "
      "Thokar Niaz Baig interchange next year. Two suspects were moved to Kot Lakhpat jail.\n");
  for (const char* name : {"Ali Town", "Thokar Niaz Baig", "Kot Lakhpat"}) {
    const Entity* e = FindEntity(r, "LOCATION", name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->kind, "feature") << name;
    EXPECT_EQ(FindEntity(r, "PERSON", name), nullptr) << name;
  }
}

TEST(Entities, AcronymsDefinedByKnownAsAndTitleModifiersBeforeABody) {
  Record r = RunReport(
      "KABUL (AP) - The United Nations Assistance Mission in Afghanistan, known as UNAMA, condemned the attack. "
      "The Organisation for the Prohibition of Chemical Weapons (OPCW) sent inspectors. UNAMA and the OPCW said "
      "more would follow.\n\n"
      "In Tokyo, Chief Cabinet Secretary Yoshimasa Hayashi declined to comment.\n");
  const Entity* unama = FindEntity(r, "ORGANIZATION", "United Nations Assistance Mission in Afghanistan");
  ASSERT_NE(unama, nullptr);
  EXPECT_EQ(unama->acronym, "UNAMA");
  EXPECT_EQ(unama->mentions.size(), 3u);
  const Entity* opcw = FindEntity(r, "ORGANIZATION", "Organisation for the Prohibition of Chemical Weapons");
  ASSERT_NE(opcw, nullptr);
  EXPECT_EQ(opcw->mentions.size(), 3u);
  const Entity* hayashi = FindEntity(r, "PERSON", "Yoshimasa Hayashi");
  ASSERT_NE(hayashi, nullptr);
  EXPECT_EQ(hayashi->title, "Chief Cabinet Secretary");
}

TEST(Entities, OneNameOnePlaceAndBodiesJoinedByAnd) {
  // The province named first is the place the same name means later.
  Record r = RunReport(
      "ANKARA (Anadolu) - A quake struck Malatya province at 4:12 a.m. (0112 GMT), the Disaster and Emergency "
      "Management Authority said. Malatya was among 11 provinces hit in 2023.\n\n"
      "Gunmen abducted pupils in Maga town, police said.\n");
  size_t malatya = 0;
  for (const Entity& e : r.entities) malatya += e.text == "Malatya";
  EXPECT_EQ(malatya, 1u);
  const Entity* province = FindEntity(r, "LOCATION", "Malatya");
  ASSERT_NE(province, nullptr);
  EXPECT_EQ(province->kind, "admin1");
  EXPECT_EQ(province->mentions.size(), 2u);
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "Disaster and Emergency Management Authority"), nullptr);
  EXPECT_EQ(FindEntity(r, "ORGANIZATION", "GMT"), nullptr);
  const Entity* maga = FindEntity(r, "LOCATION", "Maga");
  ASSERT_NE(maga, nullptr);
  EXPECT_EQ(maga->kind, "place");
}

TEST(Entities, CompaniesByLegalSuffixAcronymAndTrade) {
  Record r = RunReport(
      "KARACHI (APP) - Shares of Oil and Gas Development Company Ltd (OGDCL) and Lucky Cement led the gains. "
      "OGDCL said output rose.\n");
  const Entity* ogdcl = FindEntity(r, "ORGANIZATION", "OGDCL");
  ASSERT_NE(ogdcl, nullptr);
  EXPECT_EQ(ogdcl->mentions.size(), 3u);  // the long form with "Ltd", and the acronym twice
  EXPECT_EQ(MentionText(r, ogdcl->mentions[0]), "Oil and Gas Development Company Ltd");
  EXPECT_EQ(FindEntity(r, "ORGANIZATION", "Ltd"), nullptr);
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "Lucky Cement"), nullptr);
  EXPECT_EQ(FindEntity(r, "PERSON", "Lucky Cement"), nullptr);
}

TEST(Entities, PortfoliosAndSecondTitlesBelongToTheTitle) {
  Record r = RunReport(
      "ISLAMABAD (APP) - Federal Minister for Planning and Development Ahsan Iqbal met Minister of State for "
      "Finance and Revenue Ali Pervaiz Malik. Chief of Army Staff Field Marshal Syed Asim Munir and Karachi Mayor "
      "Barrister Murtaza Wahab attended. Special Economic Zones (SEZs) and Internally Displaced Persons (IDPs) "
      "were discussed.\n");
  const std::pair<const char*, const char*> people[] = {
      {"Ahsan Iqbal", "Federal Minister for Planning and Development"},
      {"Ali Pervaiz Malik", "Minister of State for Finance and Revenue"},
      {"Syed Asim Munir", "Chief of Army Staff Field Marshal"},
      {"Murtaza Wahab", "Karachi Mayor"}};
  for (const auto& [name, title] : people) {
    const Entity* e = FindEntity(r, "PERSON", name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->title, title) << name;
  }
  // Plural acronyms define terms, not bodies or people.
  for (const Entity& e : r.entities) {
    EXPECT_EQ(e.text.find("Zones"), std::string::npos) << e.text;
    EXPECT_EQ(e.text.find("Persons"), std::string::npos) << e.text;
  }
}

TEST(Entities, TitlesStandingAloneBodiesBeforeNamesAndPlacesJoinedByAnd) {
  Record r = RunReport(
      "DHAKA (BSS) - Chief Adviser Muhammad Yunus met the delegation at the State Guest House Jamuna. Senior "
      "Secretary of the Ministry of Foreign Affairs Asad Alam Siam was present. The Chief Adviser said aid had "
      "dropped. The President of Turkiye called.\n\n"
      "JERUSALEM - Strikes hit homes in Khan Younis and Deir al-Balah. Real Madrid beat Atletico Madrid.\n");
  const Entity* yunus = FindEntity(r, "PERSON", "Muhammad Yunus");
  ASSERT_NE(yunus, nullptr);
  EXPECT_EQ(yunus->mentions.size(), 2u);  // with "the Chief Adviser"
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "Ministry of Foreign Affairs"), nullptr);
  EXPECT_NE(FindEntity(r, "PERSON", "Asad Alam Siam"), nullptr);
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "State Guest House Jamuna"), nullptr);
  EXPECT_EQ(FindEntity(r, "PERSON", "State Guest House Jamuna"), nullptr);
  for (const char* place : {"Khan Younis", "Deir al-Balah"}) {
    const Entity* e = FindEntity(r, "LOCATION", place);
    ASSERT_NE(e, nullptr) << place;
    EXPECT_EQ(FindEntity(r, "PERSON", place), nullptr) << place;
  }
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "Real Madrid"), nullptr);
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "Atletico Madrid"), nullptr);
  // A title's possessive before a body's head word is inside the body's name.
  Record pmo = RunReport("ISLAMABAD (APP) - The Prime Minister's Office said the plan was approved.\n");
  EXPECT_NE(FindEntity(pmo, "ORGANIZATION", "Prime Minister's Office"), nullptr);
  EXPECT_EQ(FindEntity(pmo, "PERSON", "Office"), nullptr);
}

TEST(Quotes, AttributionPatterns) {
  Record r = RunReport(
      "GENEVA, June 1 (Reuters) - \xE2\x80\x9CWe are running out of time to help these families,\xE2\x80\x9D said "
      "Jan Egeland, head of the Norwegian Refugee Council.\n\n"
      "He added: \xE2\x80\x9CThe camps are full and the rains are coming.\xE2\x80\x9D\n\n"
      "Egeland told reporters the first convoy had left. \xE2\x80\x9CIt took us three weeks to get permission.\n\n"
      "\xE2\x80\x9C" "Every day of delay costs lives,\xE2\x80\x9D he said.\n\n"
      "The agency called the situation \xE2\x80\x9Cgrave\xE2\x80\x9D and said: \"Donors must act now or the crisis "
      "will deepen.\"\n");
  ASSERT_EQ(r.quotes.size(), 4u);
  EXPECT_EQ(r.quotes[0].speaker, "Jan Egeland");
  EXPECT_EQ(r.quotes[0].cue, "said");
  EXPECT_EQ(r.quotes[0].speaker_type, "PERSON");
  EXPECT_EQ(r.quotes[1].speaker, "Jan Egeland");
  EXPECT_EQ(r.quotes[1].cue, "added");
  // Runs across a paragraph break: one quotation.
  EXPECT_EQ(r.quotes[2].text,
            "It took us three weeks to get permission. Every day of delay costs lives,");
  EXPECT_EQ(r.quotes[2].speaker, "Jan Egeland");
  // "grave" is a scare quote and is skipped; straight quotes count.
  EXPECT_EQ(r.quotes[3].text, "Donors must act now or the crisis will deepen.");
  for (const Quote& q : r.quotes) EXPECT_LT(q.span.start, q.span.end);

  // An aside between the quotation and its cue.
  Record aside = RunReport(
      "LAHORE, Nov 27 (Reuters) - \xE2\x80\x9CWe have received confirmation from both boards,\xE2\x80\x9D Mohsin "
      "Naqvi, who heads the Pakistan Cricket Board (PCB) and the interior ministry, told a news conference.\n");
  ASSERT_EQ(aside.quotes.size(), 1u);
  EXPECT_EQ(aside.quotes[0].speaker, "Mohsin Naqvi");
  EXPECT_EQ(aside.quotes[0].cue, "told");

  // "the PCB chairman said": the officer named in the paragraph, else the organisation.
  Record officer = RunReport(
      "LAHORE, Nov 27 (Reuters) - Mohsin Naqvi said security had been finalised with the Pakistan Cricket Board "
      "(PCB). \xE2\x80\x9C" "Foreign teams will get state-level security,\xE2\x80\x9D the PCB chairman said.\n\n"
      "\xE2\x80\x9C" "Tickets will go on sale next week,\xE2\x80\x9D the PCB spokesman said.\n");
  ASSERT_EQ(officer.quotes.size(), 2u);
  EXPECT_EQ(officer.quotes[0].speaker, "Mohsin Naqvi");
  EXPECT_EQ(officer.quotes[1].speaker, "Pakistan Cricket Board");  // nobody named in that paragraph

  // The listener after "told" is no speaker; "Mr. Khan" is a person named once.
  Record t = RunReport(
      "KARACHI, June 1 (Reuters) - \xE2\x80\x9COur exports will recover by the summer,\xE2\x80\x9D Mr. Khan "
      "told Reuters. \xE2\x80\x9C" "Buyers are coming back to the market,\xE2\x80\x9D Khan said.\n");
  ASSERT_EQ(t.quotes.size(), 2u);
  EXPECT_EQ(t.quotes[0].speaker, "Khan");
  EXPECT_EQ(t.quotes[0].cue, "told");
  EXPECT_EQ(t.quotes[1].speaker, "Khan");
  const Entity* khan = FindEntity(t, "PERSON", "Khan");
  ASSERT_NE(khan, nullptr);
  EXPECT_EQ(khan->mentions.size(), 2u);
}

TEST(Quotes, AnOrganisationNamedByItsHeadWordSpeaks) {
  // "the court said" is the court named before; "the central bank said" with
  // no bank named has no speaker, never the person named after the cue.
  Record r = RunReport(
      "NEW DELHI (Reuters) - India's Supreme Court ordered schools shut. \"We are not satisfied with the steps "
      "taken,\" the court said in its order.\n\n"
      "\"The scenario requires a more contractionary policy,\" the central bank said in a statement signed by "
      "Governor Roberto Campos Neto.\n\n"
      "Speaking to the court, Information Minister Ataullah Tarar said: \"We respect every ruling of the "
      "judges.\"\n");
  ASSERT_EQ(r.quotes.size(), 3u);
  EXPECT_EQ(r.quotes[0].speaker, "Supreme Court");
  EXPECT_EQ(r.quotes[0].speaker_type, "ORGANIZATION");
  EXPECT_EQ(r.quotes[1].speaker, "");
  EXPECT_EQ(r.quotes[1].cue, "said");
  EXPECT_EQ(r.quotes[2].speaker, "Ataullah Tarar");  // "the court" is no subject there: no cue beside it
}

TEST(Quotes, ARoleWithAModifierIsTheTitledOrOnlyPersonNamed) {
  Record r = RunReport(
      "RAWALPINDI (APP) - Chief of Army Staff Field Marshal Syed Asim Munir visited the Line of Control.\n\n"
      "The troops were briefed on the situation along the border.\n\n"
      "\"Our army is fully capable of defending every inch of the motherland,\" the army chief said.\n");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker, "Syed Asim Munir");
  // With two people named and neither titled "spokesman", no guess.
  Record two = RunReport(
      "LAHORE (APP) - Transport Secretary Ahmad Raza Khan met Senior Minister Marriyum Aurangzeb.\n\n"
      "The buses were inspected on Monday.\n\n"
      "\"The new routes will open next week,\" the ministry spokesman said.\n");
  ASSERT_EQ(two.quotes.size(), 1u);
  EXPECT_EQ(two.quotes[0].speaker, "");
  EXPECT_EQ(two.quotes[0].cue, "said");
}

TEST(Quotes, ARoleAfterTheQuotationIsThePersonItsParagraphNames) {
  // "the Australian skipper" is Cummins, named at the paragraph's start, not the previous speaker;
  // an unnamed "the spokesman" takes nobody.
  Record r = RunReport(
      "PERTH, Australia (AFP) - \xE2\x80\x9CWe were outplayed,\xE2\x80\x9D said stand-in captain Jasprit Bumrah.\n\n"
      "Pat Cummins praised his bowlers. \xE2\x80\x9CIt was a complete performance,\xE2\x80\x9D the Australian skipper "
      "told reporters.\n\n"
      "\xE2\x80\x9CThe venue is ready,\xE2\x80\x9D the spokesman said.\n");
  ASSERT_EQ(r.quotes.size(), 3u);
  EXPECT_EQ(r.quotes[0].speaker, "Jasprit Bumrah");
  EXPECT_EQ(r.quotes[1].speaker, "Pat Cummins");
  EXPECT_EQ(r.quotes[1].cue, "told");
  EXPECT_EQ(r.quotes[2].speaker, "");
  EXPECT_EQ(r.quotes[2].cue, "said");
}

TEST(Quotes, TheRoleOpeningASentenceIsThePersonWithThatTitle) {
  // "The prime minister said ...": a mention of the Prime Minister, so "he" after it is him
  // and not the last person named before.
  Record r = RunReport(
      "ISLAMABAD: Prime Minister Shehbaz Sharif chaired a meeting attended by Field Marshal Asim Munir.\n\n"
      "The prime minister said the nation stood united. \"Those who spill blood will be brought to justice,\" "
      "he said.\n");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker, "Shehbaz Sharif");
  const Entity* sharif = FindEntity(r, "PERSON", "Shehbaz Sharif");
  ASSERT_NE(sharif, nullptr);
  ASSERT_EQ(sharif->mentions.size(), 2u);
  const Span& anaphor = sharif->mentions[1];
  EXPECT_EQ(r.text.substr(anaphor.start, anaphor.end - anaphor.start), "The prime minister");
}

TEST(Quotes, APronounIsTheSubjectACueFollows) {
  // Two people in the sentence before the quotation: "she" is the one the cue "said" follows.
  Record r = RunReport(
      "LAHORE: Punjab Chief Minister Maryam Nawaz Sharif opened the bus service.\n\n"
      "Speaking after Transport Secretary Ahmad Raza Khan, the chief minister said the buses would run on 14 routes. "
      "\"Clean transport is a right,\" she said.\n");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker, "Maryam Nawaz Sharif");
}

TEST(Quotes, PronounsFollowThePersonNamedSinceTheLastQuotation) {
  // "the DPO" is the person whose title it abbreviates; "he said" after a new
  // person is named means that person, not the previous speaker.
  Record r = RunReport(
      "QUETTA: District Police Officer Naveed Alam said the attacker came on foot. \xE2\x80\x9CHe detonated "
      "his vest at the gate,\xE2\x80\x9D the DPO said.\n\n"
      "Doctors at the Civil Hospital said six of the wounded were in critical condition.\n\n"
      "Balochistan Chief Minister Sarfraz Bugti, who chaired a security meeting with Home Secretary Zahid Saleem, condemned "
      "the blast. \xE2\x80\x9CThose behind this attack will be brought to justice,\xE2\x80\x9D he said.\n\n"
      "\xE2\x80\x9CWe have increased patrols on all highways,\xE2\x80\x9D he added.\n");
  ASSERT_EQ(r.quotes.size(), 3u);
  EXPECT_EQ(r.quotes[0].speaker, "Naveed Alam");
  EXPECT_EQ(r.quotes[0].speaker_type, "PERSON");
  EXPECT_EQ(r.quotes[1].speaker, "Sarfraz Bugti");  // the sentence's subject, not the secretary named last
  EXPECT_EQ(r.quotes[2].speaker, "Sarfraz Bugti");  // nobody new: the previous speaker
  const Entity* alam = FindEntity(r, "PERSON", "Naveed Alam");
  ASSERT_NE(alam, nullptr);
  EXPECT_EQ(alam->mentions.size(), 2u);  // with "DPO"
  EXPECT_EQ(FindEntity(r, "ORGANIZATION", "DPO"), nullptr);
  // A province opening a title is the person's title and a place mention.
  const Entity* bugti = FindEntity(r, "PERSON", "Sarfraz Bugti");
  ASSERT_NE(bugti, nullptr);
  EXPECT_EQ(bugti->title, "Balochistan Chief Minister");
  const Entity* province = FindEntity(r, "LOCATION", "Balochistan");
  ASSERT_NE(province, nullptr);
  EXPECT_EQ(province->country_code, "PK");
  EXPECT_EQ(province->admin1, "PK-BA");
}

TEST(Entities, AKnownNameWithAPossessiveInsideIsOnePlace) {
  // GeoNames writes "Cox’s Bāzār" with a typographic apostrophe; copy writes either.
  Record r = RunReport(
      "DHAKA, Nov 27 (Reuters) - Fire swept a refugee camp in Cox's Bazar on Thursday.\n\n"
      "The Cox\xE2\x80\x99s Bazar district hosts a million refugees.\n");
  const Entity* place = nullptr;
  for (const Entity& e : r.entities) {
    if (e.type == "LOCATION" && e.country_code == "BD" && e.text.starts_with("Cox")) place = &e;
  }
  ASSERT_NE(place, nullptr);
  ASSERT_EQ(place->mentions.size(), 2u);
  EXPECT_EQ(MentionText(r, place->mentions[0]), "Cox's Bazar");
  EXPECT_EQ(MentionText(r, place->mentions[1]), "Cox\xE2\x80\x99s Bazar");
  EXPECT_EQ(FindEntity(r, "LOCATION", "Bazar"), nullptr);
}

TEST(Entities, ALoneNameAfterInIsAPlaceButNotAFirmOrAFeast) {
  Record r = RunReport(
      "ABUJA, Nov 24 (AFP) - Gunmen seized 40 girls from a school in Chibok on Sunday. Another group was held "
      "in Camp 11 near Ukhia. The fund bought a stake in Zentrix and plans to fast in Ramadan.\n");
  const Entity* chibok = FindEntity(r, "LOCATION", "Chibok");
  ASSERT_NE(chibok, nullptr);
  EXPECT_EQ(chibok->country_code, "NG");  // a district seat GeoNames lists with no population
  EXPECT_NE(FindEntity(r, "LOCATION", "Ukhia"), nullptr);
  EXPECT_EQ(FindEntity(r, "LOCATION", "Camp"), nullptr);
  EXPECT_EQ(FindEntity(r, "LOCATION", "Zentrix"), nullptr);
  EXPECT_EQ(FindEntity(r, "LOCATION", "Ramadan"), nullptr);
}

TEST(Entities, ANounForAKindOfBodyMakesTheUnknownNameAfterItThatBody) {
  Record r = RunReport(
      "SAO PAULO, Nov 25 (Reuters) - Brazil's state-run oil company Petrobras said it would raise diesel prices. "
      "Shares of Petrobras rose 2%. Chipmaker Zentrix and broadcaster Globovia also reported. Petrobras said "
      "margins held.\n");
  const Entity* petrobras = FindEntity(r, "ORGANIZATION", "Petrobras");
  ASSERT_NE(petrobras, nullptr);
  EXPECT_EQ(petrobras->mentions.size(), 3u);
  EXPECT_EQ(FindEntity(r, "PERSON", "Petrobras"), nullptr);
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "Globovia"), nullptr);
  EXPECT_EQ(FindEntity(r, "PERSON", "Globovia"), nullptr);
  // The noun may close an appositive after the name instead.
  Record mexico = RunReport(
      "MEXICO CITY, Nov 24 (Reuters) - Rates were cut. Pemex, the state oil company, reported a loss. Sheinbaum, "
      "the president, spoke.\n");
  EXPECT_NE(FindEntity(mexico, "ORGANIZATION", "Pemex"), nullptr);
  EXPECT_EQ(FindEntity(mexico, "ORGANIZATION", "Sheinbaum"), nullptr);
}

TEST(Entities, APlaceSpeltOtherwiseThanGeoNamesIsItsCityInTheReportsCountry) {
  // GeoNames has Khān Yūnis and Dayr al Balaḩ; copy writes Khan Younis and Deir al-Balah.
  Record r = RunReport(
      "KHAN YOUNIS, Gaza Strip, Nov 26 (AP) - Strikes on Khan Younis killed 23 people. Nasser Hospital in Khan "
      "Younis took the wounded, and crews searched in Deir al-Balah.\n");
  ASSERT_TRUE(r.dateline.has_value());
  EXPECT_EQ(r.dateline->country_code, "PS");
  const Entity* khan = nullptr;
  const Entity* deir = nullptr;
  for (const Entity& e : r.entities) {
    if (e.type != "LOCATION" || e.mentions.empty()) continue;
    if (MentionText(r, e.mentions.back()) == "Khan Younis") khan = &e;
    if (MentionText(r, e.mentions.back()) == "Deir al-Balah") deir = &e;
  }
  ASSERT_NE(khan, nullptr);
  EXPECT_EQ(khan->country_code, "PS");
  EXPECT_TRUE(khan->geo.has_value());
  EXPECT_EQ(khan->mentions.size(), 2u);  // "on Khan Younis" too, not a person
  EXPECT_EQ(FindEntity(r, "PERSON", "Khan Younis"), nullptr);
  ASSERT_NE(deir, nullptr);
  EXPECT_EQ(deir->country_code, "PS");
  // An unknown place named with its country takes that country's code.
  Record hockey = RunReport(
      "KARACHI: The team won bronze at the Asian Champions Trophy in Qarabolat, China, on Saturday.\n");
  const Entity* qi = FindEntity(hockey, "LOCATION", "Qarabolat");
  ASSERT_NE(qi, nullptr);
  EXPECT_EQ(qi->country_code, "CN");
}

TEST(Entities, ACityBeforeASportRoleIsItsClub) {
  Record r = RunReport(
      "BARCELONA, Nov 23 (Reuters) - Barcelona beat Real Madrid 3-1 at the Estadi Olimpic on Saturday. "
      "\"We can compete with anyone,\" Barcelona coach Hansi Flick said. Real coach Xabi Alonso was calm, and "
      "Leeds fans sang in central Barcelona. Pakistan captain Salman Agha watched.\n");
  const Entity* club = FindEntity(r, "ORGANIZATION", "Barcelona");
  ASSERT_NE(club, nullptr);
  EXPECT_EQ(club->kind, "sport");
  const Entity* city = FindEntity(r, "LOCATION", "Barcelona");
  ASSERT_NE(city, nullptr);  // the dateline's and "central Barcelona" stay the city
  EXPECT_EQ(city->country_code, "ES");
  const Entity* real = FindEntity(r, "ORGANIZATION", "Real Madrid");
  ASSERT_NE(real, nullptr);
  EXPECT_EQ(real->mentions.size(), 2u);  // "Real coach": the club named before
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "Leeds"), nullptr);
  EXPECT_NE(FindEntity(r, "LOCATION", "Pakistan"), nullptr);  // a country's side stays the country
  EXPECT_EQ(FindEntity(r, "ORGANIZATION", "Pakistan"), nullptr);
  const Entity* flick = FindEntity(r, "PERSON", "Hansi Flick");
  ASSERT_NE(flick, nullptr);
  EXPECT_EQ(flick->title, "coach");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker, "Hansi Flick");
  const Entity* ground = FindEntity(r, "LOCATION", "Estadi Olimpic");
  ASSERT_NE(ground, nullptr);
  EXPECT_EQ(FindEntity(r, "PERSON", "Estadi Olimpic"), nullptr);
}

TEST(Entities, LowerCaseRolesAfterABodyAreTheTitle) {
  Record r = RunReport(
      "LAGOS, Nov 20 (Reuters) - NNPC chief executive Bayo Ojulari welcomed the refinery's first exports.\n");
  const Entity* ojulari = FindEntity(r, "PERSON", "Bayo Ojulari");
  ASSERT_NE(ojulari, nullptr);
  EXPECT_EQ(ojulari->title, "chief executive");
  Record igp = RunReport("PESHAWAR (APP): Inspector General of Police Zulfiqar Hameed briefed the meeting.\n");
  const Entity* hameed = FindEntity(igp, "PERSON", "Zulfiqar Hameed");
  ASSERT_NE(hameed, nullptr);
  EXPECT_EQ(hameed->title, "Inspector General of Police");
  // A party named by a portfolio word opening a title is the title's word; "Government" is a portfolio.
  Record berlin = RunReport(
      "BERLIN (dpa) - Labour Minister Baerbel Bas agreed, and Provincial Minister for Local Government Saeed Ghani "
      "spoke.\n");
  const Entity* bas = FindEntity(berlin, "PERSON", "Baerbel Bas");
  ASSERT_NE(bas, nullptr);
  EXPECT_EQ(bas->title, "Labour Minister");
  EXPECT_EQ(FindEntity(berlin, "ORGANIZATION", "Labour Party"), nullptr);
  const Entity* ghani = FindEntity(berlin, "PERSON", "Saeed Ghani");
  ASSERT_NE(ghani, nullptr);
  EXPECT_EQ(ghani->title, "Provincial Minister for Local Government");
}

TEST(Entities, ACommaListInsideABodysNameStaysInTheName) {
  Record r = RunReport(
      "SEOUL, Nov 21 (Yonhap) -- Exports rose, the Ministry of Trade, Industry and Energy said. The move was opposed "
      "by the Kenya Medical Practitioners, Pharmacists and Dentists Union. Lee, Kim and Park Ji-sung met in Busan.\n");
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "Ministry of Trade, Industry and Energy"), nullptr);
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "Kenya Medical Practitioners, Pharmacists and Dentists Union"), nullptr);
  EXPECT_EQ(FindEntity(r, "PERSON", "Medical Practitioners"), nullptr);
  for (const Entity& e : r.entities) EXPECT_EQ(e.text.find("Kim"), std::string::npos) << e.text;  // no body: a list
}

TEST(Entities, ABodysHeadWordBeforeAConnectorInAnotherLanguage) {
  Record r = RunReport(
      "BOGOTA, Nov 20 (AFP) - Officials blamed the Clan del Golfo for the ambush. Chairman Senate Yousuf Raza Gilani "
      "adjourned the house, and Health Cabinet Secretary Aden Duale spoke.\n");
  EXPECT_NE(FindEntity(r, "ORGANIZATION", "Clan del Golfo"), nullptr);
  EXPECT_EQ(FindEntity(r, "PERSON", "Clan del Golfo"), nullptr);
  const Entity* gilani = FindEntity(r, "PERSON", "Yousuf Raza Gilani");
  ASSERT_NE(gilani, nullptr);
  EXPECT_EQ(gilani->title, "Chairman Senate");
  const Entity* duale = FindEntity(r, "PERSON", "Aden Duale");
  ASSERT_NE(duale, nullptr);
  EXPECT_EQ(duale->title, "Health Cabinet Secretary");
  EXPECT_EQ(FindEntity(r, "ORGANIZATION", "Cabinet"), nullptr);
}

TEST(Quotes, AWordThatCharacterisesBeforeAQuotationIsItsCue) {
  Record r = RunReport(
      "JOHANNESBURG, Nov 17 (AP) - DA leader John Steenhuisen called the result \"a turning point for the "
      "country\".\n\nPresident Cyril Ramaphosa mocked the so-called \"grand plan of the party\" on Monday.\n");
  ASSERT_EQ(r.quotes.size(), 2u);
  EXPECT_EQ(r.quotes[0].speaker, "John Steenhuisen");
  EXPECT_EQ(r.quotes[0].cue, "called");
  EXPECT_TRUE(r.quotes[1].speaker.empty());  // "so-called" is no cue
}

TEST(Entities, ARoleInAnAppositiveBesideAPersonIsTheTitle) {
  Record r = RunReport(
      "LONDON, Nov 18 (Reuters) - Thomas Ashworth was jailed. Ashworth's lawyer, Daniel Morgan, said he would "
      "appeal. The SFO's director, Nick Ephgrave, welcomed it, and Davji Atellah, the union's secretary-general, "
      "spoke. Amina Yusuf, a mother of three from Kano, watched.\n");
  const std::pair<const char*, const char*> people[] = {
      {"Daniel Morgan", "lawyer"}, {"Nick Ephgrave", "director"}, {"Davji Atellah", "secretary-general"},
      {"Amina Yusuf", ""}, {"Thomas Ashworth", ""}};
  for (const auto& [name, title] : people) {
    const Entity* p = FindEntity(r, "PERSON", name);
    ASSERT_NE(p, nullptr) << name;
    EXPECT_EQ(p->title, title) << name;
  }
}

TEST(Entities, ACountrysNameThatIsItsDemonymQualifyingAWordIsTheNationality) {
  Record r = RunReport(
      "RIYADH (Reuters) - Saudi Energy Minister Prince Abdulaziz bin Salman spoke, Saudi officials said. Exports from "
      "Saudi rose, and Saudi said it would act.\n");
  const Entity* nationality = nullptr;
  const Entity* country = nullptr;
  for (const Entity& e : r.entities) {
    if (e.country_code != "SA") continue;
    (e.type == "MISC" ? nationality : country) = &e;
  }
  ASSERT_NE(nationality, nullptr);
  EXPECT_EQ(nationality->mentions.size(), 2u);  // before the title and before "officials"
  ASSERT_NE(country, nullptr);
  EXPECT_EQ(country->mentions.size(), 2u);  // "from Saudi", "Saudi said"
}

TEST(Quotes, APersonWhoseRoleHolderSpeaksIsNotTheSpeaker) {
  Record r = RunReport(
      "ISTANBUL, Oct 27 (Reuters) - The trial of Mayor Ekrem Imamoglu began.\n\n"
      "\"This case is about stopping the next president,\" Imamoglu's lawyer Mehmet Pehlivan told reporters.\n");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker, "Mehmet Pehlivan");
}

TEST(Entities, PlacesTheGazetteerLacksAreInTheReportsOnlyCountry) {
  Record one = RunReport(
      "PESHAWAR (Dawn) - Gunmen attacked a police post in Lakki Marwat district and fled towards the Kurram River. "
      "Police in Bannu said they were searching.\n");
  const Entity* lakki = FindEntity(one, "LOCATION", "Lakki Marwat");
  ASSERT_NE(lakki, nullptr);
  EXPECT_EQ(lakki->country_code, "PK");
  // Two countries: no guess.
  Record two = RunReport(
      "NAIROBI (AP) - Doctors Without Borders said its clinic in Tawila was full. Sudan's army denied it.\n");
  const Entity* tawila = FindEntity(two, "LOCATION", "Tawila");
  ASSERT_NE(tawila, nullptr);
  EXPECT_EQ(tawila->country_code, "");
}

TEST(Entities, APossessiveBeforeAPlacesHeadWordAndCupsByTheirPrefix) {
  Record r = RunReport(
      "VATICAN CITY (AFP) - Pope Leo spoke to crowds in St Peter's Square on Sunday. Flamengo won the Copa "
      "Libertadores final. Protesters gathered in Martyrs' Square.\n");
  EXPECT_NE(FindEntity(r, "LOCATION", "St Peter's Square"), nullptr);
  EXPECT_EQ(FindEntity(r, "PERSON", "Peter"), nullptr);
  const Entity* cup = FindEntity(r, "MISC", "Copa Libertadores");
  ASSERT_NE(cup, nullptr);
  EXPECT_EQ(cup->kind, "event");
  EXPECT_EQ(FindEntity(r, "LOCATION", "Martyrs"), nullptr);
}

}  // namespace
}  // namespace dateline
