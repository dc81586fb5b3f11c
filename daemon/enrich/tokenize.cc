#include "enrich/tokenize.h"

#include <array>

#include "core/utf8.h"
#include "geo/gazetteer.h"

namespace dateline::enrich {
namespace {


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

namespace {

// Byte classes for the ASCII fast paths; bytes >= 0x80 have none.
enum : uint8_t { kAlnumBit = 1, kUpperBit = 2, kLowerBit = 4, kDigitBit = 8 };
constexpr std::array<uint8_t, 256> MakeByteClasses() {
  std::array<uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kAlnumBit | kLowerBit;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kAlnumBit | kUpperBit;
  for (int c = '0'; c <= '9'; ++c) t[c] = kAlnumBit | kDigitBit;
  return t;
}
constexpr std::array<uint8_t, 256> kByteClass = MakeByteClasses();
constexpr std::array<uint8_t, 256> MakeFoldBytes() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = static_cast<uint8_t>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return t;
}
constexpr std::array<uint8_t, 256> kFoldByte = MakeFoldBytes();  // ASCII lower case

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ull;
constexpr uint64_t kFnvPrime = 0x100000001b3ull;
inline uint64_t FnvLower(uint64_t h, unsigned char c) { return (h ^ kFoldByte[c]) * kFnvPrime; }

}  // namespace

void Tokenize(std::string_view text, const std::vector<Span>& sentences, std::vector<Token>* out) {
  out->clear();
  out->reserve(text.size() / 5 + 8);
  const size_t n = text.size();
  const auto byte_at = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  size_t pos = 0;
  size_t next_sentence = 0;
  bool paragraph = true;
  bool glue = false;  // the previous character joins the next word to the previous one
  bool prev_word_end = false;
  bool newline = false;
  while (pos < n) {
    const unsigned char b = byte_at(pos);
    const uint8_t cls = kByteClass[b];
    if (b < 0x80 && !(cls & kAlnumBit)) {
      if (b == ' ' || b == '\t' || b == '\r') {
        glue = false;
        prev_word_end = false;
        ++pos;
        continue;
      }
      if (b == '\n') {
        newline = true;
        if (pos + 1 < n && text[pos + 1] == '\n') paragraph = true;
        glue = false;
        prev_word_end = false;
        ++pos;
        continue;
      }
      // A hyphen, dot or apostrophe between two letters glues them.
      const bool joiner = (b == '-' || b == '.' || b == '\'') && prev_word_end && pos + 1 < n &&
                          ((kByteClass[byte_at(pos + 1)] & kAlnumBit) || byte_at(pos + 1) >= 0xC0);
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
    const char32_t first = b < 0x80 ? (++p, b) : utf8::NextMultibyte(text, &p);
    if (b >= 0x80 && IsUnicodePunct(first)) {
      const bool joiner = first == 0x2019 && prev_word_end && p < n && (kByteClass[byte_at(p)] & kAlnumBit);
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
    // Flags as bit arithmetic: branchy code here made the compiler build every combination.
    uint16_t flags = Token::kWord | (paragraph ? Token::kParagraph : 0) | (newline ? Token::kNewline : 0) |
                     (glue ? Token::kGlued : 0);
    paragraph = false;
    newline = false;
    const bool first_upper = IsUpper(first);
    if (first_upper) flags |= Token::kCapital;
    if (first >= '0' && first <= '9') flags |= Token::kDigit;
    int upper = first_upper ? 1 : 0, lower = IsLower(first) ? 1 : 0;
    // ASCII letters and digits: classified by table and hashed as they are read;
    // `seen` collects their classes (upper-case letters are counted only when no lower-case one is seen).
    uint64_t h = b < 0x80 ? FnvLower(kFnvOffset, b) : 0;
    size_t q = p;
    uint8_t seen = 0;
    uint8_t c_cls = 0;
    while (q < n && ((c_cls = kByteClass[byte_at(q)]) & kAlnumBit)) {
      seen |= c_cls;
      h = (h ^ kFoldByte[byte_at(q)]) * kFnvPrime;
      ++q;
    }
    if (seen & kLowerBit) {
      ++lower;
    } else if (seen & kUpperBit) {
      for (size_t i = p; i < q; ++i) upper += (kByteClass[byte_at(i)] & kUpperBit) != 0;
    }
    bool ascii = b < 0x80;
    // Anything else inside the word: other scripts (the hash is then taken on the folded word).
    while (q < n) {
      const unsigned char c = byte_at(q);
      if (c < 0x80) {
        const uint8_t k = kByteClass[c];
        if (!(k & kAlnumBit)) break;
        upper += (k & kUpperBit) != 0;
        lower += (k & kLowerBit) != 0;
        ++q;
        continue;
      }
      size_t r = q;
      const char32_t cp = utf8::NextMultibyte(text, &r);
      if (IsUnicodePunct(cp)) break;
      upper += IsUpper(cp);
      lower += IsLower(cp);
      ascii = false;
      q = r;
    }
    t.end = static_cast<uint32_t>(q);
    if (upper >= 2 && lower == 0) flags |= Token::kAllCaps;
    const std::string_view word = text.substr(pos, q - pos);
    t.hash = ascii ? h : HashWord(word);
    if (glue && q - pos == 1 && (b == 's' || b == 'S') && !out->empty() && pos > 0 &&
        (text[pos - 1] == '\'' || byte_at(pos - 1) == 0x99)) {
      flags |= Token::kPossessive;
    }
    while (next_sentence < sentences.size() && sentences[next_sentence].start <= t.start) {
      flags |= Token::kSentence;
      ++next_sentence;
    }
    t.flags = flags;
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
