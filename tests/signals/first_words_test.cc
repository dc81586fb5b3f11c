#include "signals/first_words.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/config.h"
#include "signals/tone.h"
#include "signals/topics.h"

namespace dateline::signals {
namespace {

// Report texts to scan: the test reports, and phrases run together so that
// multi-word terms and stems ("casualties", "armed forces") occur.
std::vector<std::string> Texts() {
  std::vector<std::string> texts = {
      "Armed forces said casualties rose; the cease-fire does not work. Elections, election and the "
      "prime minister's talks were not good. He didn't fail, she failed to win. Kind of bad news.",
  };
  for (const auto& entry : std::filesystem::directory_iterator(std::string(DATELINE_SOURCE_DIR) + "/tests/data/reports")) {
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());
  }
  return texts;
}

// The filter is exact: at every token it turns away, the table matches
// nothing; and it turns away most tokens (else it would be no use).
void ExpectExact(const PhraseTable& table, PhraseTable::Form form) {
  const FirstWords filter = FirstWords::Of(table);
  size_t tokens = 0, passed = 0, matched = 0;
  TokenList list;
  for (const std::string& text : Texts()) {
    Tokenize(text, &list);
    for (size_t i = 0; i < list.tokens.size(); ++i) {
      const Token& t = list.tokens[i];
      const bool may = filter.MayStart(form == PhraseTable::Form::kStem ? t.stem_hash : t.fold_hash);
      size_t visits = 0;
      table.Matches(list, i, form, [&](size_t, uint32_t) { ++visits; });
      if (!may) {
        EXPECT_EQ(visits, 0u) << "token " << list.Fold(i) << " turned away but starts a phrase";
      }
      ++tokens;
      passed += may;
      matched += visits > 0;
    }
  }
  EXPECT_GT(matched, 20u);
  EXPECT_LT(passed, tokens / 2);
}

TEST(FirstWords, ExactForTheTopicTerms) {
  std::string error;
  auto rules = TopicRules::LoadFile(DefaultTopicsFile(), &error);
  ASSERT_TRUE(rules) << error;
  ExpectExact(rules->phrases(), PhraseTable::Form::kStem);
}

TEST(FirstWords, ExactForTheSentimentLexicon) {
  std::string error;
  auto lex = Lexicon::LoadFile(DefaultLexiconFile(), &error);
  ASSERT_TRUE(lex) << error << " (scripts/refdata installs it)";
  ExpectExact(lex->phrases(), PhraseTable::Form::kFold);
}

TEST(FirstWords, KeepsOnlyTheChosenPhrases) {
  PhraseTable table;
  table.Add("red", 0);
  table.Add("blue sky", 1);
  table.Add("green", 2);
  const FirstWords all = FirstWords::Of(table);
  const FirstWords some = FirstWords::Of(table, [](uint32_t v) { return v != 2; });
  EXPECT_TRUE(all.MayStart(FormHash("red")));
  EXPECT_TRUE(all.MayStart(FormHash("blue")));
  EXPECT_TRUE(all.MayStart(FormHash("green")));
  EXPECT_TRUE(some.MayStart(FormHash("red")));
  EXPECT_TRUE(some.MayStart(FormHash("blue")));
  // "green" is only turned away unless its bit is shared by chance; "sky" starts nothing.
  size_t set = 0;
  for (const char* w : {"green", "sky", "yellow", "purple", "orange"}) set += some.MayStart(FormHash(w));
  EXPECT_LT(set, 3u);
}

}  // namespace
}  // namespace dateline::signals
