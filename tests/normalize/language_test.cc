#include "normalize/language.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/utf8.h"

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

// tests/data/languages/<code>.txt: a news text written for this test in that
// language. Detection must give the code from the text's first sentence and
// from every later sentence start (the opening of a report varies).
TEST(LanguageTest, DetectsEachLanguageOfTheTestSetFromEverySentenceStart) {
  const std::filesystem::path dir = std::filesystem::path(DATELINE_SOURCE_DIR) / "tests/data/languages";
  int languages = 0, samples = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    const std::string code = entry.path().stem().string();
    std::ifstream file(entry.path(), std::ios::binary);
    std::stringstream content;
    content << file.rdbuf();
    const std::string text = content.str();
    ++languages;
    for (size_t start = 0; start < text.size();) {
      if (text.size() - start < 80) break;  // a last short sentence alone says little
      EXPECT_EQ(DetectLanguage(std::string_view(text).substr(start)), code) << entry.path() << " from byte " << start;
      ++samples;
      // Next sentence: after a full stop of the Latin, Arabic-script, Devanagari or CJK kind.
      size_t next = std::string::npos;
      for (const char* stop : {". ", "\xDB\x94 ", "\xE0\xA5\xA4 ", "\xE3\x80\x82"}) {
        const size_t at = text.find(stop, start);
        if (at != std::string::npos) next = std::min(next, at + std::string_view(stop).size());
      }
      start = next;
    }
  }
  EXPECT_GE(languages, 17);
  EXPECT_GE(samples, 60);
}

// The English shortcut must never say "en" where CLD2 would not, and should
// settle most English openings. Checked on every sentence start of the
// project's texts in all formats and languages (fixtures of every kind).
TEST(LanguageTest, EnglishShortcutAgreesWithCld2) {
  const std::filesystem::path root(DATELINE_SOURCE_DIR);
  int shortcut = 0, english = 0, samples = 0;
  for (const char* dir : {"tests/data/languages", "tests/data/enrich", "tests/data/signals", "tests/data/reports",
                          "tests/data/golden"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / dir)) {
      const std::string name = entry.path().filename().string();
      if (!entry.is_regular_file() || (entry.path().extension() != ".txt" && name.rfind("input.", 0) != 0)) continue;
      std::ifstream file(entry.path(), std::ios::binary);
      std::stringstream content;
      content << file.rdbuf();
      const std::string text = content.str();
      for (size_t start = 0; start < text.size();) {
        const std::string_view rest = std::string_view(text).substr(start);
        const bool fast = PlainlyEnglish(rest);
        const std::string cld2 = DetectLanguageWithCld2(rest);
        ++samples;
        if (fast) {
          ++shortcut;
          EXPECT_EQ(cld2, "en") << entry.path() << " from byte " << start;
        }
        english += cld2 == "en" && rest.size() >= 400;
        const size_t next = text.find(". ", start);
        start = next == std::string::npos ? next : next + 2;
      }
    }
  }
  std::printf("%d openings, %d English of 400+ bytes by CLD2, %d settled by the shortcut\n", samples, english,
              shortcut);
  EXPECT_GE(samples, 300);
  EXPECT_GE(shortcut * 10, english * 8) << "the shortcut settles too few English openings";
}

// PlainlyEnglish as first written, word by word against the list, kept as
// the reference for the hashed lookup.
bool PlainlyEnglishReference(std::string_view text) {
  static constexpr std::string_view kWords[] = {"the",  "and",  "that", "with", "from", "said",  "has",
                                                "have", "were", "which", "been", "their", "this", "after",
                                                "will", "are",  "who",  "by"};
  constexpr size_t kWindow = 400, kMinimum = 160;
  const size_t n = std::min(text.size(), kWindow);
  if (n < kMinimum) return false;
  size_t non_ascii = 0, hits = 0;
  uint32_t seen = 0;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  for (size_t i = 0; i < n;) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) {
      const size_t from = i;
      if (utf8::Next(text, &i) == utf8::kInvalid) return false;
      non_ascii += i - from;
      continue;
    }
    if (!letter(text[i])) {
      const char c = text[i];
      if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\r' && c != '\t') return false;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && letter(text[j])) ++j;
    if (j - i <= 5 && (j == text.size() || static_cast<unsigned char>(text[j]) < 0x80) &&
        (i == 0 || static_cast<unsigned char>(text[i - 1]) < 0x80)) {
      std::string lower;
      for (size_t k = i; k < j; ++k) lower += static_cast<char>(text[k] | 0x20);
      for (size_t w = 0; w < std::size(kWords); ++w) {
        if (kWords[w] == lower) {
          ++hits;
          seen |= 1u << w;
          break;
        }
      }
    }
    i = j;
  }
  return non_ascii * 20 <= n && hits >= 6 && std::popcount(seen) >= 3;
}

// The fast PlainlyEnglish against the reference: English openings as they
// are, cut short, and with words, letters, case and bytes changed at random.
TEST(LanguageTest, PlainlyEnglishMatchesReference) {
  const std::string base =
      "The committee said that the water scheme, which has been delayed, will go ahead after their review. "
      "Officials who were at the meeting have said this was by far the best plan. THE AND THAT WITH FROM SAID HAS "
      "Theirs, thee, whichever, bye, hasn't, they're, ARE, Are, aRe and wholesale changes were made from Tuesday.";
  const std::vector<std::string> pieces = {"the", "The", "THE", "and", "which", "whichx", "xthe", "by", "bye", "their",
                                           "theirs", " ", "\n", "\t", "\x01", "\xC3\xA9", "\xC3", "\xE2\x80\x99",
                                           "-", "'", "said", "sa\xC3\xAF" "d", "ha", "hass", "who", "whom", "éthe"};
  std::mt19937 rng(5);
  int agree_true = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string s = base;
    for (int edits = static_cast<int>(rng() % 25); edits > 0; --edits) {
      const size_t at = rng() % (s.size() + 1);
      switch (rng() % 4) {
        case 0: s.insert(at, pieces[rng() % pieces.size()]); break;
        case 1: s.erase(at, rng() % 8); break;
        case 2: if (at < s.size()) s[at] = static_cast<char>(rng() % 256); break;
        default: if (at < s.size()) s[at] = static_cast<char>(s[at] ^ 0x20); break;
      }
    }
    s.resize(std::min<size_t>(s.size(), 120 + rng() % 400));
    const bool expected = PlainlyEnglishReference(s);
    ASSERT_EQ(PlainlyEnglish(s), expected) << s;
    agree_true += expected;
  }
  EXPECT_GT(agree_true, 500);  // both answers are well represented
  EXPECT_LT(agree_true, 3500);
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
