#include "normalize/language.h"

#include <gtest/gtest.h>

namespace dateline {
namespace {

TEST(LanguageTest, DetectsCommonNewsLanguages) {
  EXPECT_EQ(DetectLanguage("The government said on Tuesday that talks with the neighbouring country had failed and "
                           "that it would take every measure needed to protect its citizens from further attacks."),
            "en");
  EXPECT_EQ(DetectLanguage("Le gouvernement a annoncé mardi que les négociations avec le pays voisin avaient échoué "
                           "et qu'il prendrait toutes les mesures nécessaires pour protéger ses citoyens."),
            "fr");
  EXPECT_EQ(DetectLanguage("Die Regierung teilte am Dienstag mit, dass die Gespräche mit dem Nachbarland gescheitert "
                           "seien und sie alle nötigen Maßnahmen zum Schutz der Bürger ergreifen werde."),
            "de");
  EXPECT_EQ(DetectLanguage("حکومت نے منگل کو کہا کہ پڑوسی ملک کے ساتھ مذاکرات ناکام ہو گئے ہیں اور وہ اپنے شہریوں کے "
                           "تحفظ کے لیے ہر ممکن اقدام کرے گی"),
            "ur");
}

TEST(LanguageTest, UnsureGivesEmpty) { EXPECT_EQ(DetectLanguage("12 34 56"), ""); }

TEST(LanguageTest, StageKeepsMetadataAndNormalizesIt) {
  Record r = RecordFromBytes("x");
  r.text = "The government said on Tuesday that talks with the neighbouring country had failed.";
  r.language = "EN-gb";
  ASSERT_TRUE(LanguageStage().Process(r).ok());
  EXPECT_EQ(r.language, "en");
  EXPECT_EQ(r.language_source, "metadata");
  Record d = RecordFromBytes("x");
  d.text = r.text;
  ASSERT_TRUE(LanguageStage().Process(d).ok());
  EXPECT_EQ(d.language, "en");
  EXPECT_EQ(d.language_source, "detected");
}

}  // namespace
}  // namespace dateline
