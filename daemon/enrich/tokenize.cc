#include "enrich/tokenize.h"

#include "core/utf8.h"
#include "geo/gazetteer.h"

namespace dateline::enrich {
namespace {

bool IsAsciiAlnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Non-ASCII code points that are punctuation or space, not letters.
bool IsUnicodePunct(char32_t cp) {
  return cp == 0xA0 || cp == 0xAB || cp == 0xBB || cp == 0xB7 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 ||
         cp == 0xFEFF || cp == utf8::kInvalid;
}

bool IsUpper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  // Latin-1 Supplement and Latin Extended-A capitals; enough for names in Latin script.
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return true;
  if (cp >= 0x100 && cp <= 0x17F) return (cp % 2) == 0 && cp != 0x138;
  return false;
}

bool IsLower(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) return true;
  if (cp >= 0x100 && cp <= 0x17F) return (cp % 2) == 1;
  return false;
}

}  // namespace

uint64_t HashFolded(std::string_view folded) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (char c : folded) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

uint64_t HashWord(std::string_view word) {
  bool ascii = true;
  for (char c : word) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (!ascii) return HashFolded(FoldName(word));
  uint64_t h = 0xcbf29ce484222325ull;
  for (char c : word) {
    const char l = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    h ^= static_cast<unsigned char>(l);
    h *= 0x100000001b3ull;
  }
  return h;
}

uint64_t HashPhrase(std::string_view phrase, int* words) {
  const std::string folded = FoldName(phrase);
  uint64_t h = kPhraseSeed;
  int n = 0;
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) {
      h = CombineHash(h, HashFolded(std::string_view(folded).substr(start, end - start)));
      ++n;
    }
    start = end + 1;
  }
  *words = n;
  return h;
}

void Tokenize(std::string_view text, const std::vector<Span>& sentences, std::vector<Token>* out) {
  out->clear();
  out->reserve(text.size() / 5 + 8);
  size_t pos = 0;
  size_t next_sentence = 0;
  bool paragraph = true;
  bool glue = false;  // the previous character joins the next word to the previous one
  bool prev_word_end = false;
  bool newline = false;
  while (pos < text.size()) {
    const auto b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80 && !IsAsciiAlnum(b)) {
      if (b == ' ' || b == '\t' || b == '\r') {
        glue = false;
        prev_word_end = false;
        ++pos;
        continue;
      }
      if (b == '\n') {
        newline = true;
        if (pos + 1 < text.size() && text[pos + 1] == '\n') paragraph = true;
        glue = false;
        prev_word_end = false;
        ++pos;
        continue;
      }
      // A hyphen, dot or apostrophe between two letters glues them.
      const bool joiner = (b == '-' || b == '.' || b == '\'') && prev_word_end && pos + 1 < text.size() &&
                          (IsAsciiAlnum(static_cast<unsigned char>(text[pos + 1])) ||
                           static_cast<unsigned char>(text[pos + 1]) >= 0xC0);
      Token t;
      t.start = static_cast<uint32_t>(pos);
      t.end = static_cast<uint32_t>(pos + 1);
      t.cp = b;
      if (paragraph) t.flags |= Token::kParagraph;
      if (newline) t.flags |= Token::kNewline;
      paragraph = false;
      if (!joiner) out->push_back(t), newline = false;
      glue = joiner;
      prev_word_end = false;
      ++pos;
      continue;
    }
    size_t p = pos;
    const char32_t first = utf8::Next(text, &p);
    if (b >= 0x80 && IsUnicodePunct(first)) {
      const bool joiner = first == 0x2019 && prev_word_end && p < text.size() &&
                          IsAsciiAlnum(static_cast<unsigned char>(text[p]));
      if (first != 0xA0 && first != 0x2009 && first != 0x200A && first != 0x2002 && first != 0x2003 && !joiner) {
        Token t;
        t.start = static_cast<uint32_t>(pos);
        t.end = static_cast<uint32_t>(p);
        t.cp = first;
        if (paragraph) t.flags |= Token::kParagraph;
        if (newline) t.flags |= Token::kNewline;
        paragraph = false;
        newline = false;
        out->push_back(t);
      }
      glue = joiner;
      prev_word_end = false;
      pos = p;
      continue;
    }
    // A word: letters and digits, ASCII or not.
    Token t;
    t.start = static_cast<uint32_t>(pos);
    t.flags = Token::kWord;
    if (paragraph) t.flags |= Token::kParagraph;
    if (newline) t.flags |= Token::kNewline;
    paragraph = false;
    newline = false;
    if (glue) t.flags |= Token::kGlued;
    if (IsUpper(first)) t.flags |= Token::kCapital;
    if (first >= '0' && first <= '9') t.flags |= Token::kDigit;
    bool ascii = b < 0x80;
    int upper = IsUpper(first) ? 1 : 0, lower = IsLower(first) ? 1 : 0;
    size_t q = p;
    while (q < text.size()) {
      const auto c = static_cast<unsigned char>(text[q]);
      if (c < 0x80) {
        if (!IsAsciiAlnum(c)) break;
        upper += c >= 'A' && c <= 'Z';
        lower += c >= 'a' && c <= 'z';
        ++q;
        continue;
      }
      size_t r = q;
      const char32_t cp = utf8::Next(text, &r);
      if (IsUnicodePunct(cp)) break;
      upper += IsUpper(cp);
      lower += IsLower(cp);
      ascii = false;
      q = r;
    }
    t.end = static_cast<uint32_t>(q);
    if (upper >= 2 && lower == 0) t.flags |= Token::kAllCaps;
    const std::string_view word = text.substr(pos, q - pos);
    if (ascii) {
      uint64_t h = 0xcbf29ce484222325ull;
      for (char c : word) {
        h ^= static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        h *= 0x100000001b3ull;
      }
      t.hash = h;
    } else {
      t.hash = HashWord(word);
    }
    if (glue && (word == "s" || word == "S") && !out->empty() && pos > 0 &&
        (text[pos - 1] == '\'' || static_cast<unsigned char>(text[pos - 1]) == 0x99)) {
      t.flags |= Token::kPossessive;
    }
    while (next_sentence < sentences.size() && sentences[next_sentence].start <= t.start) {
      t.flags |= Token::kSentence;
      ++next_sentence;
    }
    out->push_back(t);
    glue = false;
    prev_word_end = true;
    pos = q;
  }
  if (sentences.empty()) {  // no sentence spans: every paragraph start and word after . ! ? starts one
    bool after_stop = true;
    for (Token& t : *out) {
      if (t.is(Token::kParagraph)) after_stop = true;
      if (t.is(Token::kWord)) {
        if (after_stop) t.flags |= Token::kSentence;
        after_stop = false;
      } else if (t.cp == '.' || t.cp == '!' || t.cp == '?') {
        after_stop = true;
      }
    }
  }
}

Verdict TokenizeStage::Process(Record& record) {
  Tokenize(record.text, record.sentences, &record.tokens);
  return Verdict::Continue();
}

}  // namespace dateline::enrich
