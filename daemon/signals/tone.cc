#include "signals/tone.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace dateline {
namespace signals {

std::unique_ptr<Lexicon> Lexicon::ParseAfinnJs(const std::string& text, std::string* error) {
  auto lex = std::make_unique<Lexicon>();
  std::istringstream in(text);
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    size_t b = line.find_first_not_of(" \t");
    if (b == std::string::npos) continue;
    std::string_view l(line);
    l.remove_prefix(b);
    if (l.empty() || l[0] == '/' || l[0] == '*' || l.rfind("export", 0) == 0 || l[0] == '}') continue;
    std::string key;
    size_t colon;
    if (l[0] == '\'' || l[0] == '"') {
      const size_t close = l.find(l[0], 1);
      if (close == std::string_view::npos) continue;
      key = std::string(l.substr(1, close - 1));
      colon = l.find(':', close);
    } else {
      colon = l.find(':');
      if (colon == std::string_view::npos) continue;
      key = std::string(l.substr(0, colon));
    }
    if (colon == std::string_view::npos) continue;
    std::string_view v = l.substr(colon + 1);
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    char* end = nullptr;
    const std::string value(v);
    const long valence = std::strtol(value.c_str(), &end, 10);
    if (end == value.c_str() || valence < -5 || valence > 5) {
      *error = "lexicon line " + std::to_string(line_no) + ": expected `word: valence`";
      return nullptr;
    }
    const std::string phrase = FoldPhrase(key);
    if (phrase.empty()) continue;
    lex->phrases_.Add(phrase, static_cast<uint32_t>(lex->valences_.size()));
    lex->valences_.push_back(static_cast<int>(valence));
  }
  if (lex->valences_.empty()) {
    *error = "no `word: valence` entries";
    return nullptr;
  }
  return lex;
}

std::unique_ptr<Lexicon> Lexicon::LoadFile(const std::string& path, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = "cannot read the sentiment lexicon " + path + " (run scripts/refdata)";
    return nullptr;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  auto lex = ParseAfinnJs(ss.str(), error);
  if (lex && lex->size() < 1000) *error = "has " + std::to_string(lex->size()) + " entries; not the AFINN list";
  if (lex && lex->size() < 1000) lex.reset();
  if (!lex) *error = path + ": " + *error;
  return lex;
}

}  // namespace signals

ToneStage::ToneStage(std::shared_ptr<const signals::Lexicon> lexicon, std::shared_ptr<signals::TokenCache> tokens)
    : lexicon_(std::move(lexicon)), cache_(tokens ? std::move(tokens) : std::make_shared<signals::TokenCache>()) {
  std::vector<std::string> negators;
  for (const char* w : {"not", "no", "never", "without", "nor", "neither", "cannot", "hardly", "barely", "none",
                        "nobody", "nothing", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't",
                        "won't", "wouldn't", "can't", "couldn't", "shouldn't", "hasn't", "haven't", "hadn't",
                        "dont", "doesnt", "didnt", "isnt", "wasnt", "cant", "wont", "failed to", "lack of"}) {
    negators.push_back(signals::FoldPhrase(w));
  }
  lexicon_->phrases().ForEach([&](std::string_view phrase, uint32_t index) {
    phrases_.Add(phrase, static_cast<uint32_t>(entries_.size()));
    entries_.push_back({false, index});
  });
  for (const std::string& phrase : negators) {
    const uint32_t e = phrases_.Find(phrase);
    if (e != signals::PhraseTable::kNone) {
      entries_[e].negator = true;
    } else {
      phrases_.Add(phrase, static_cast<uint32_t>(entries_.size()));
      entries_.push_back({true, signals::PhraseTable::kNone});
    }
  }
  first_words_ = signals::FirstWords::Of(phrases_);
}

Verdict ToneStage::Process(Record& record) {
  const signals::TokenList& toks = cache_->Tokens(record);
  Tone tone;
  const size_t n = toks.tokens.size();
  size_t last_negator_end = 0;  // token index just past the last negator; 0: none
  bool have_negator = false;
  for (size_t i = 0; i < n;) {
    if (toks.Has(i, signals::kBreakBefore)) have_negator = false;
    if (toks.Has(i, signals::kWord)) ++tone.words;
    size_t len = 0, negator_len = 0;  // longest lexicon phrase and longest negator at i
    uint32_t v = 0;
    if (first_words_.MayStart(toks.tokens[i].fold_hash)) {  // most words start no phrase
      phrases_.Matches(toks, i, signals::PhraseTable::Form::kFold, [&](size_t words, uint32_t e) {
        if (entries_[e].negator) negator_len = words;
        if (entries_[e].lexicon != signals::PhraseTable::kNone) {
          len = words;
          v = entries_[e].lexicon;
        }
      });
    }
    if (negator_len > 0) {  // a negator wins over a lexicon phrase at the same place
      len = negator_len;
      have_negator = true;
      last_negator_end = i + len;
      for (size_t k = 1; k < len; ++k) tone.words += toks.Has(i + k, signals::kWord);
      i += len;
      continue;
    }
    if (len == 0) {
      ++i;
      continue;
    }
    for (size_t k = 1; k < len; ++k) tone.words += toks.Has(i + k, signals::kWord);
    int valence = lexicon_->valence(v);
    if (valence == 0) {  // a neutral phrase ("kind of") that hides its words' valence
      i += len;
      continue;
    }
    if (have_negator && i - last_negator_end <= 2) valence = -valence;
    tone.score += valence;
    ++(valence > 0 ? tone.positive_words : tone.negative_words);
    i += len;
  }
  if (tone.words > 0) {
    auto pct = [&](uint32_t k) { return std::round(10000.0 * k / tone.words) / 100.0; };
    tone.positive = pct(tone.positive_words);
    tone.negative = pct(tone.negative_words);
    tone.tone = std::round((tone.positive - tone.negative) * 100) / 100;
    tone.polarity = std::round((tone.positive + tone.negative) * 100) / 100;
  }
  record.tone = tone;
  return Verdict::Continue();
}

}  // namespace dateline
