// A plain, unoptimized statement of the enrichment tokenizer's contract (one
// character at a time, every character decoded and classified; words hashed
// byte by byte on their folded form), kept for tests only: the fast Tokenize
// in daemon/enrich/tokenize.cc must give exactly the same tokens.
#pragma once

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "core/utf8.h"
#include "geo/gazetteer.h"

namespace dateline::enrich::reference {

inline bool IsAsciiAlnum(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

inline bool IsUnicodePunct(char32_t cp) {
  return cp == 0xA0 || cp == 0xAB || cp == 0xBB || cp == 0xB7 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 ||
         cp == 0xFEFF || cp == utf8::kInvalid;
}
inline bool IsUpper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return true;
  if (cp >= 0x100 && cp <= 0x17F) return (cp % 2) == 0 && cp != 0x138;
  return false;
}
inline bool IsLower(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) return true;
  if (cp >= 0x100 && cp <= 0x17F) return (cp % 2) == 1;
  return false;
}
// Part of a word: an ASCII letter or digit, or a non-ASCII code point that is no punctuation.
inline bool InWord(char32_t cp) { return cp < 0x80 ? IsAsciiAlnum(cp) : !IsUnicodePunct(cp); }

// The word hash, stated byte by byte: the folded bytes in little-endian
// eight-byte chunks (the last one zero-padded, holding the length in its top
// byte), each mixed in turn, then one more multiply and shift.
inline uint64_t Hash(std::string_view folded) {
  uint64_t h = 0x243f6a8885a308d3ull;
  size_t i = 0;
  const auto mix = [&h](uint64_t chunk) {
    h = (h ^ chunk) * 0x9e3779b97f4a7c15ull;
    h ^= h >> 32;
  };
  for (; i + 8 <= folded.size(); i += 8) {
    uint64_t chunk = 0;
    for (int k = 0; k < 8; ++k) chunk |= uint64_t{static_cast<unsigned char>(folded[i + k])} << (8 * k);
    mix(chunk);
  }
  uint64_t tail = uint64_t{folded.size() & 0xFF} << 56;
  for (int k = 0; i + k < folded.size(); ++k) tail |= uint64_t{static_cast<unsigned char>(folded[i + k])} << (8 * k);
  mix(tail);
  h = (h ^ (h >> 29)) * 0xbf58476d1ce4e5b9ull;
  h ^= h >> 32;
  return h;
}

// A word's folded form: ASCII lower case when it is all ASCII, else FoldName.
inline uint64_t WordHash(std::string_view word) {
  bool ascii = true;
  for (char c : word) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (!ascii) return Hash(FoldName(word));
  std::string folded(word);
  for (char& c : folded) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  return Hash(folded);
}

inline std::vector<Token> Tokenize(std::string_view text, const std::vector<Span>& sentences) {
  std::vector<Token> out;
  const size_t n = text.size();
  size_t pos = 0, next_sentence = 0;
  bool paragraph = true, glue = false, prev_word_end = false, newline = false;
  while (pos < n) {
    size_t p = pos;
    const char32_t c = utf8::Next(text, &p);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (c == '\n') {
        newline = true;
        if (p < n && text[p] == '\n') paragraph = true;
      }
      glue = false;
      prev_word_end = false;
      pos = p;
      continue;
    }
    if (!InWord(c)) {
      // '-', '.', '\'' between a word and a letter, digit or (non-ASCII) lead byte glue; so does ’ before an ASCII one.
      bool joiner = false;
      if (c < 0x80) {
        joiner = (c == '-' || c == '.' || c == '\'') && prev_word_end && p < n &&
                 (IsAsciiAlnum(static_cast<unsigned char>(text[p])) || static_cast<unsigned char>(text[p]) >= 0xC0);
      } else {
        joiner = c == 0x2019 && prev_word_end && p < n && IsAsciiAlnum(static_cast<unsigned char>(text[p]));
      }
      const bool space = c == 0xA0 || c == 0x2009 || c == 0x200A || c == 0x2002 || c == 0x2003;
      if (!joiner && !space) {
        Token t;
        t.start = static_cast<uint32_t>(pos);
        t.end = static_cast<uint32_t>(p);
        t.cp = c;
        if (paragraph) t.flags |= Token::kParagraph;
        if (newline) t.flags |= Token::kNewline;
        paragraph = false;
        newline = false;
        out.push_back(t);
      } else if (c < 0x80) {
        paragraph = false;  // an ASCII joiner ends the paragraph start but keeps the line break for the next token
      }
      glue = joiner;
      prev_word_end = false;
      pos = p;
      continue;
    }
    Token t;
    t.start = static_cast<uint32_t>(pos);
    t.flags = Token::kWord;
    if (paragraph) t.flags |= Token::kParagraph;
    if (newline) t.flags |= Token::kNewline;
    if (glue) t.flags |= Token::kGlued;
    paragraph = false;
    newline = false;
    if (IsUpper(c)) t.flags |= Token::kCapital;
    if (c >= '0' && c <= '9') t.flags |= Token::kDigit;
    int upper = 0, lower = 0;
    size_t q = pos;
    while (q < n) {
      size_t r = q;
      const char32_t d = utf8::Next(text, &r);
      if (!InWord(d)) break;
      upper += IsUpper(d);
      lower += IsLower(d);
      q = r;
    }
    t.end = static_cast<uint32_t>(q);
    if (upper >= 2 && lower == 0) t.flags |= Token::kAllCaps;
    t.hash = WordHash(text.substr(pos, q - pos));
    const unsigned char b = static_cast<unsigned char>(text[pos]);
    if (glue && q - pos == 1 && (b == 's' || b == 'S') && !out.empty() && pos > 0 &&
        (text[pos - 1] == '\'' || static_cast<unsigned char>(text[pos - 1]) == 0x99)) {
      t.flags |= Token::kPossessive;
    }
    while (next_sentence < sentences.size() && sentences[next_sentence].start <= t.start) {
      t.flags |= Token::kSentence;
      ++next_sentence;
    }
    out.push_back(t);
    glue = false;
    prev_word_end = true;
    pos = q;
  }
  if (sentences.empty()) {
    bool after_stop = true;
    for (Token& t : out) {
      if (t.is(Token::kParagraph)) after_stop = true;
      if (t.is(Token::kWord)) {
        if (after_stop) t.flags |= Token::kSentence;
        after_stop = false;
      } else if (t.cp == '.' || t.cp == '!' || t.cp == '?') {
        after_stop = true;
      }
    }
  }
  return out;
}

}  // namespace dateline::enrich::reference
