#include "signals/tokens.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "enrich/tokenize.h"
#include "tokens_reference.h"

namespace dateline::signals {
namespace {

std::vector<std::string> Folds(const TokenList& t) {
  std::vector<std::string> out;
  for (size_t i = 0; i < t.tokens.size(); ++i) out.emplace_back(t.Fold(i));
  return out;
}

TEST(Tokenize, WordsNumbersSymbolsAndSpans) {
  TokenList t;
  const std::string text = "Pakistan’s army said 5,000 troops, $2.5 billion; 4.2% cease-fire.";
  Tokenize(text, &t);
  EXPECT_EQ(Folds(t), (std::vector<std::string>{"pakistan's", "army", "said", "5,000", "troops", "$", "2.5", "billion",
                                                "4.2", "%", "cease", "fire"}));
  EXPECT_TRUE(t.Has(3, kNumber));
  EXPECT_TRUE(t.Has(5, kSymbol));
  EXPECT_TRUE(t.Has(5, kBreakBefore));   // after the comma
  EXPECT_FALSE(t.Has(11, kBreakBefore)); // a hyphen is no break
  EXPECT_TRUE(t.Has(0, kCapitalized));
  EXPECT_EQ(text.substr(t.tokens[0].start, t.tokens[0].end - t.tokens[0].start), "Pakistan’s");
  EXPECT_EQ(text.substr(t.tokens[3].start, t.tokens[3].end - t.tokens[3].start), "5,000");
}

// Every field of every token, and the folded text, as the reference tokenizer
// gives them: from Tokenize alone, and from Tokenize with the enrichment
// tokens of the text as its head start.
void ExpectSameAsReference(std::string_view text);
void ExpectSame(std::string_view text, const TokenList& fast, const TokenList& plain);

void ExpectSameAsReference(std::string_view text) {
  TokenList fast, plain;
  Tokenize(text, &fast);
  reference::Tokenize(text, &plain);
  ExpectSame(text, fast, plain);
  if (::testing::Test::HasFatalFailure()) return;
  std::vector<dateline::Token> words;
  enrich::Tokenize(text, {}, &words);
  TokenList from_words;
  Tokenize(text, words, &from_words);
  SCOPED_TRACE("with the enrichment tokens");
  ExpectSame(text, from_words, plain);
}

void ExpectSame(std::string_view text, const TokenList& fast, const TokenList& plain) {
  ASSERT_EQ(fast.tokens.size(), plain.tokens.size()) << text;
  for (size_t i = 0; i < fast.tokens.size(); ++i) {
    const Token& a = fast.tokens[i];
    const Token& b = plain.tokens[i];
    ASSERT_EQ(a.start, b.start) << text << " token " << i;
    ASSERT_EQ(a.end, b.end) << text << " token " << i;
    ASSERT_EQ(fast.Fold(a), plain.Fold(b)) << text << " token " << i;
    ASSERT_EQ(a.fold, b.fold) << text << " token " << i;
    ASSERT_EQ(a.flags, b.flags) << text << " token " << i;
    ASSERT_EQ(a.fold_hash, b.fold_hash) << text << " token " << i;
    ASSERT_EQ(a.stem_hash, b.stem_hash) << text << " token " << i;
    ASSERT_EQ(a.stem_len, b.stem_len) << text << " token " << i;
    ASSERT_EQ(a.stem_y, b.stem_y) << text << " token " << i;
  }
  ASSERT_EQ(fast.folded, plain.folded) << text;
}

TEST(Tokenize, AgreesWithTheReferenceOnRandomText) {
  // Pieces chosen to meet every branch: ASCII and other scripts, inner
  // separators at the start, middle and end, curly apostrophes, symbols,
  // spaces of other scripts, invalid and cut UTF-8, newlines.
  const char* kPieces[] = {"a", "Z", "s", "ies", "'s", "7", "0", ",", ".", "'", "’", "-", "‐", " ", "  ", "\n", "\n\n",
                           "\t", "!", "?", "…", "$", "%", "€", "£", "é", "É", "ß", "ب", "中", "\xA0", " ", "\xE2\x80",
                           "\xFF", "\xC3", ";", "(", "\"", "“", "—", "¿", "×", "5,000", "2.5", "don't", "TROOPS",
                           "casualties", "news", "x's", "ss", "us", "is",
                           "\u200C", "\uFEFF", "\u2009", "»", "9'", "O'Neil", "4.2%", "$2.5", "£5", "1.2.3", "a.b"};
  constexpr size_t kCount = sizeof kPieces / sizeof kPieces[0];
  std::mt19937 rng(11);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const size_t pieces = rng() % 12;
    for (size_t k = 0; k < pieces; ++k) text += kPieces[rng() % kCount];
    ExpectSameAsReference(text);
    if (HasFatalFailure()) return;
  }
}

TEST(Tokenize, AgreesWithTheReferenceOnTheProjectsTexts) {
  namespace fs = std::filesystem;
  size_t texts = 0;
  for (const auto& entry : fs::recursive_directory_iterator(std::string(DATELINE_SOURCE_DIR) + "/tests/data")) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    ExpectSameAsReference(text);
    if (HasFatalFailure()) return;
    for (size_t cut = 1; cut < 8 && cut < text.size(); ++cut) {  // ends inside a character or a separator
      ExpectSameAsReference(std::string_view(text).substr(0, text.size() / cut + cut));
      if (HasFatalFailure()) return;
    }
    ++texts;
  }
  EXPECT_GT(texts, 100u);
}

TEST(Tokenize, SentenceAndParagraphBreaks) {
  TokenList t;
  Tokenize("one. Two\n\nthree four", &t);
  ASSERT_EQ(t.tokens.size(), 4u);
  EXPECT_TRUE(t.Has(1, kSentenceBefore));
  EXPECT_TRUE(t.Has(2, kSentenceBefore));
  EXPECT_FALSE(t.Has(3, kBreakBefore));
}

TEST(Stem, PluralsOff) {
  auto stem = [](std::string_view w) {
    std::string out;
    AppendStem(w, &out);
    return out;
  };
  EXPECT_EQ(stem("casualties"), "casualty");
  EXPECT_EQ(stem("troops"), "troop");
  EXPECT_EQ(stem("crisis"), "crisis");
  EXPECT_EQ(stem("business"), "business");
  EXPECT_EQ(stem("news"), "news");
  EXPECT_EQ(stem("army's"), "army");
}

TEST(PhraseTable, LongestMatchStopsAtPunctuation) {
  PhraseTable table;
  table.Add(StemPhrase("armed forces"), 1);
  table.Add(StemPhrase("armed"), 2);
  TokenList t;
  uint32_t v = 0;
  Tokenize("the Armed Forces said", &t);
  EXPECT_EQ(table.LongestMatch(t, 1, PhraseTable::Form::kStem, &v), 2u);
  EXPECT_EQ(v, 1u);
  Tokenize("armed, forces", &t);
  EXPECT_EQ(table.LongestMatch(t, 0, PhraseTable::Form::kStem, &v), 1u);
  EXPECT_EQ(v, 2u);
  EXPECT_EQ(table.LongestMatch(t, 1, PhraseTable::Form::kStem, &v), 0u);
}

TEST(Tokenize, HashesEachFoldAndStemOnce) {
  TokenList t;
  Tokenize("Casualties TROOPS army's news", &t);
  ASSERT_EQ(t.tokens.size(), 4u);
  for (size_t i = 0; i < t.tokens.size(); ++i) {
    std::string stem;
    AppendStem(t.Fold(i), &stem);
    EXPECT_EQ(t.tokens[i].fold_hash, FormHash(t.Fold(i))) << i;
    EXPECT_EQ(t.tokens[i].stem_hash, FormHash(stem)) << i;
  }
  EXPECT_TRUE(t.tokens[0].stem_y);
  EXPECT_EQ(t.tokens[0].stem_len, 7u);  // "casualt" + "y"
}

// A plain map from joined forms: what LongestMatch must agree with.
size_t ReferenceLongestMatch(const std::vector<std::pair<std::string, uint32_t>>& phrases, const TokenList& t,
                             size_t i, bool stem, uint32_t* value) {
  size_t best = 0;
  std::string key;
  for (size_t n = 0; i + n < t.tokens.size(); ++n) {
    if (n > 0 && t.Has(i + n, kBreakBefore)) break;
    if (n > 0) key.push_back(' ');
    if (stem) {
      AppendStem(t.Fold(i + n), &key);
    } else {
      key.append(t.Fold(i + n));
    }
    for (const auto& [p, v] : phrases) {
      if (p == key) {
        best = n + 1;
        *value = v;
      }
    }
  }
  return best;
}

TEST(PhraseTable, AgreesWithAPlainMapOnRandomText) {
  const std::vector<std::pair<std::string, uint32_t>> phrases = {
      {"armed force", 0}, {"armed", 1}, {"security force", 2}, {"force", 3}, {"casualty", 4},
      {"a b c d", 5},     {"b c", 6},   {"the", 7},            {"c", 8},     {"police station attack", 9}};
  PhraseTable table;
  for (const auto& [p, v] : phrases) table.Add(p, v);
  table.Add("c", 8);  // again: replaces, adds nothing
  EXPECT_EQ(table.Find("armed force"), 0u);
  EXPECT_EQ(table.Find("police station"), PhraseTable::kNone);  // a prefix only
  EXPECT_EQ(table.Find("nothing"), PhraseTable::kNone);
  size_t listed = 0;
  table.ForEach([&](std::string_view p, uint32_t v) {
    ++listed;
    EXPECT_EQ(phrases[v].first, p);
  });
  EXPECT_EQ(listed, phrases.size());
  const char* kWords[] = {"armed", "Forces", "force", "security", "casualties", "a", "b", "c", "d", "the",
                          "police", "station", "attack", ",", "."};
  std::mt19937 rng(5);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    for (int w = 0; w < 40; ++w) {
      text += kWords[rng() % 15];
      text += ' ';
    }
    TokenList t;
    Tokenize(text, &t);
    for (bool stem : {false, true}) {
      for (size_t i = 0; i < t.tokens.size(); ++i) {
        uint32_t want = 99, got = 99;
        const size_t n = ReferenceLongestMatch(phrases, t, i, stem, &want);
        ASSERT_EQ(table.LongestMatch(t, i, stem ? PhraseTable::Form::kStem : PhraseTable::Form::kFold, &got), n)
            << text << " at " << i;
        if (n > 0) {
          EXPECT_EQ(got, want);
        }
        std::string form;
        if (stem) {
          AppendStem(t.Fold(i), &form);
        } else {
          form = t.Fold(i);
        }
        uint32_t one = PhraseTable::kNone;
        for (const auto& [p, v] : phrases) {
          if (p == form) one = v;
        }
        EXPECT_EQ(table.WordValue(t, i, stem ? PhraseTable::Form::kStem : PhraseTable::Form::kFold), one);
      }
    }
  }
}

}  // namespace

// Puts a phrase into a table under another phrase's key: a forged collision.
struct PhraseTableTestPeer {
  static void AddUnderKeyOf(PhraseTable* table, std::string_view key_phrase, std::string_view phrase,
                            uint32_t value) {
    table->Insert(phrase, PhraseTable::KeyOf(key_phrase), true, value);
  }
};

namespace {

TEST(PhraseTable, AHashCollisionNeverGivesAWrongMatch) {
  PhraseTable table;
  PhraseTableTestPeer::AddUnderKeyOf(&table, "police", "decoy", 7);  // before the real entry in the probe chain
  table.Add("police", 1);
  PhraseTableTestPeer::AddUnderKeyOf(&table, "army", "other", 8);  // "army" itself is not in the table
  TokenList t;
  Tokenize("police army decoy", &t);
  uint32_t v = 99;
  EXPECT_EQ(table.LongestMatch(t, 0, PhraseTable::Form::kFold, &v), 1u);
  EXPECT_EQ(v, 1u);
  EXPECT_EQ(table.LongestMatch(t, 1, PhraseTable::Form::kFold, &v), 0u);
  EXPECT_EQ(table.LongestMatch(t, 2, PhraseTable::Form::kFold, &v), 0u);  // "decoy" sits under another key
  EXPECT_EQ(table.WordValue(t, 0, PhraseTable::Form::kFold), 1u);
  EXPECT_EQ(table.WordValue(t, 1, PhraseTable::Form::kFold), PhraseTable::kNone);
  EXPECT_EQ(table.WordValue(t, 2, PhraseTable::Form::kFold), PhraseTable::kNone);
  EXPECT_EQ(table.Find("police"), 1u);
  EXPECT_EQ(table.Find("decoy"), PhraseTable::kNone);
}

TEST(PhraseTable, AForgedOneWordCollisionIsRejectedAtEveryLengthAndPosition) {
  // One-word phrases are checked by comparing lengths and then bytes in
  // word-sized loads: a decoy differing in any one byte, or in length, stored
  // under the real word's key must never match, in folded or stemmed form.
  std::mt19937 rng(17);
  for (size_t len = 1; len <= 24; ++len) {
    std::string word;
    for (size_t k = 0; k < len; ++k) word += "abcdefghijklmnopqrtuvw"[rng() % 22];  // no 's': no stemming
    for (size_t p = 0; p <= len; ++p) {
      std::string decoy = word;
      if (p < len) {
        decoy[p] = 'z';
      } else {
        decoy += 'x';  // one byte longer
      }
      PhraseTable table;
      PhraseTableTestPeer::AddUnderKeyOf(&table, word, decoy, 3);
      TokenList t;
      Tokenize(word + " " + decoy, &t);
      ASSERT_EQ(t.tokens.size(), 2u);
      for (auto form : {PhraseTable::Form::kFold, PhraseTable::Form::kStem}) {
        uint32_t v = 99;
        EXPECT_EQ(table.WordValue(t, 0, form), PhraseTable::kNone) << word << " / " << decoy;
        EXPECT_EQ(table.LongestMatch(t, 0, form, &v), 0u) << word << " / " << decoy;
      }
      table.Add(word, 4);
      EXPECT_EQ(table.WordValue(t, 0, PhraseTable::Form::kFold), 4u) << word;
      EXPECT_EQ(table.WordValue(t, 0, PhraseTable::Form::kStem), 4u) << word;
    }
  }
  // Stemmed words: "casualties" is "casualty" in stem form; a decoy under that key
  // differing in the "y", the stem or the length does not match.
  TokenList t;
  Tokenize("casualties troops", &t);
  for (const char* decoy : {"casualtx", "casualt", "casualtyy", "xasualty"}) {
    PhraseTable table;
    PhraseTableTestPeer::AddUnderKeyOf(&table, "casualty", decoy, 1);
    PhraseTableTestPeer::AddUnderKeyOf(&table, "troop", "troops", 2);
    EXPECT_EQ(table.WordValue(t, 0, PhraseTable::Form::kStem), PhraseTable::kNone) << decoy;
    EXPECT_EQ(table.WordValue(t, 1, PhraseTable::Form::kStem), PhraseTable::kNone) << decoy;
    table.Add("casualty", 5);
    table.Add("troop", 6);
    EXPECT_EQ(table.WordValue(t, 0, PhraseTable::Form::kStem), 5u);
    EXPECT_EQ(table.WordValue(t, 1, PhraseTable::Form::kStem), 6u);
    EXPECT_EQ(table.WordValue(t, 0, PhraseTable::Form::kFold), PhraseTable::kNone);  // "casualties" was not added
  }
}

TEST(Tokenize, WordsOfAnotherTextNeverReadOutsideTheText) {
  // A head start that does not belong to the text (stale, shifted, out of
  // range, overlapping) may give other tokens but must stay inside the text
  // (run under the sanitizer build to see a stray read).
  std::mt19937 rng(5);
  const std::string texts[] = {"one two", "5,000 troops' don't", "", "x", "Pakistan’s army said 4.2% cease-fire."};
  for (int round = 0; round < 2000; ++round) {
    std::vector<dateline::Token> words;
    enrich::Tokenize(texts[rng() % 5], {}, &words);
    for (dateline::Token& w : words) {
      if (rng() % 3 == 0) w.start = static_cast<uint32_t>(rng() % 64);
      if (rng() % 3 == 0) w.end = static_cast<uint32_t>(rng() % 64);
    }
    const std::string& text = texts[rng() % 5];
    TokenList t;
    Tokenize(text, words, &t);
    for (const Token& tok : t.tokens) {
      ASSERT_LE(tok.start, tok.end);
      ASSERT_LE(tok.end, text.size());
    }
    ASSERT_LE(t.folded.size(), text.size());
  }
}

TEST(TokenCache, UsesTheRecordsEnrichmentTokensOrTheTextAlone) {
  Record record;
  record.text = "KARACHI, Oct 29 (Reuters) - Pakistan’s army said 5,000 troops were deployed.\n\nPrices rose 4.2%.";
  TokenList plain;
  Tokenize(record.text, &plain);
  TokenCache without, with;
  const TokenList& a = without.Tokens(record);  // no enrichment tokens: the text alone
  enrich::Tokenize(record.text, {}, &record.tokens);
  ASSERT_FALSE(record.tokens.empty());
  const TokenList& b = with.Tokens(record);
  ASSERT_EQ(a.folded, plain.folded);
  ASSERT_EQ(b.folded, plain.folded);
  ASSERT_EQ(a.tokens.size(), plain.tokens.size());
  ASSERT_EQ(b.tokens.size(), plain.tokens.size());
  for (size_t i = 0; i < plain.tokens.size(); ++i) {
    EXPECT_EQ(b.tokens[i].start, plain.tokens[i].start);
    EXPECT_EQ(b.tokens[i].end, plain.tokens[i].end);
    EXPECT_EQ(b.tokens[i].flags, plain.tokens[i].flags);
    EXPECT_EQ(b.tokens[i].fold_hash, plain.tokens[i].fold_hash);
  }
  EXPECT_EQ(&with.Tokens(record), &b);  // cached
  EXPECT_EQ(&with.Tokens(std::string_view(record.text)), &b);
}

TEST(FormHash, IsXxh3OfTheFormAtEveryLength) {
  std::mt19937 rng(3);
  for (size_t len = 0; len <= 40; ++len) {
    for (int round = 0; round < 500; ++round) {
      std::string form(len, ' ');
      for (char& c : form) c = static_cast<char>(rng());
      ASSERT_EQ(FormHash(form), XXH3_64bits(form.data(), form.size())) << len;
    }
  }
}

TEST(TokenCache, ServesTheTokensOfTheTextAskedFor) {
  TokenCache cache;
  const TokenList* first = &cache.Tokens("one two three");
  EXPECT_EQ(first->tokens.size(), 3u);
  EXPECT_EQ(&cache.Tokens("one two three"), first);  // cached
  EXPECT_EQ(cache.Tokens("four five").tokens.size(), 2u);  // a new text is tokenized
  EXPECT_EQ(cache.Tokens("four five").Fold(1), "five");
  EXPECT_EQ(cache.Tokens("four fivE").Fold(1), "five");
  EXPECT_EQ(cache.Tokens("").tokens.size(), 0u);
  // The same bytes at another address are served from the cache; a changed
  // buffer at the same address is tokenized again.
  std::string text = "alpha beta";
  EXPECT_EQ(cache.Tokens(text).Fold(0), "alpha");
  text[0] = 'A';
  text[1] = 'X';
  EXPECT_EQ(cache.Tokens(text).Fold(0), "axpha");
}

}  // namespace
}  // namespace dateline::signals
