// A plain, unoptimized statement of the signal tokenizer's contract (one
// character at a time, every character decoded and classified), kept for
// tests only: the fast Tokenize in daemon/signals/tokens.cc must give exactly
// the same tokens, spans, flags, folded forms and hashes.
#pragma once

#include <cstring>
#include <string>
#include <string_view>

#include "core/utf8.h"
#include "signals/tokens.h"

namespace dateline::signals::reference {

enum class Cls { kSpace, kAlnum, kApostrophe, kHyphen, kSentenceEnd, kNewline, kSymbol, kPunct };

inline bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

inline Cls Classify(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c)) return Cls::kAlnum;
  if (c < 0x80) {
    switch (c) {
      case ' ': case '\t': case '\r': return Cls::kSpace;
      case '\n': return Cls::kNewline;
      case '\'': return Cls::kApostrophe;
      case '-': return Cls::kHyphen;
      case '.': case '!': case '?': return Cls::kSentenceEnd;
      case '$': case '%': return Cls::kSymbol;
      default: return Cls::kPunct;
    }
  }
  if (c == 0x2019) return Cls::kApostrophe;
  if (c == 0x2010 || c == 0x2011) return Cls::kHyphen;
  if (c == 0xA3 || c == 0xA5 || (c >= 0x20A0 && c <= 0x20CF)) return Cls::kSymbol;
  if (c == 0xA0 || c == 0x2028 || c == 0x2029 || (c >= 0x2000 && c <= 0x200B) || c == 0x3000) return Cls::kSpace;
  if (c == 0x2026) return Cls::kSentenceEnd;
  if ((c >= 0xA1 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2012 && c <= 0x206F) ||
      (c >= 0x3001 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) || c == utf8::kInvalid) {
    return Cls::kPunct;
  }
  return Cls::kAlnum;
}

// Appends the folded form of text[from, to), whose code point is c.
inline void FoldChar(std::string_view text, char32_t c, size_t from, size_t to, std::string* folded) {
  if (c >= 'A' && c <= 'Z') {
    folded->push_back(static_cast<char>(c + 32));
  } else {
    folded->append(text.substr(from, to - from));
  }
}

inline void Finish(const std::string& folded, Token* t) {
  const std::string_view fold = std::string_view(folded).substr(t->fold, t->fold_len);
  t->fold_hash = FormHash(fold);
  std::string stem;
  AppendStem(fold, &stem);
  t->stem_hash = FormHash(stem);
  StemOf(fold, &t->stem_len, &t->stem_y);
}

inline void Tokenize(std::string_view text, TokenList* out) {
  out->tokens.clear();
  out->folded.clear();
  uint8_t pending = 0;
  size_t pos = 0;
  const size_t n = text.size();
  while (pos < n) {
    const size_t start = pos;
    const char32_t c = utf8::Next(text, &pos);
    const Cls cls = Classify(c);
    if (cls == Cls::kSpace || cls == Cls::kHyphen || cls == Cls::kApostrophe) continue;
    if (cls == Cls::kNewline) {
      if (pos < n && text[pos] == '\n') pending |= kBreakBefore | kSentenceBefore;
      continue;
    }
    if (cls == Cls::kSentenceEnd) {
      pending |= kBreakBefore | kSentenceBefore;
      continue;
    }
    if (cls == Cls::kPunct) {
      pending |= kBreakBefore;
      continue;
    }
    Token t;
    t.start = static_cast<uint32_t>(start);
    t.fold = static_cast<uint32_t>(out->folded.size());
    if (cls == Cls::kSymbol) {
      t.end = static_cast<uint32_t>(pos);
      out->folded.append(text.substr(start, pos - start));
      t.flags = kSymbol | pending;
    } else {
      bool all_digits = IsDigit(c);
      if (c >= 'A' && c <= 'Z') pending |= kCapitalized;
      FoldChar(text, c, start, pos, &out->folded);
      while (pos < n) {
        size_t next = pos;
        const char32_t d = utf8::Next(text, &next);
        if (Classify(d) == Cls::kAlnum) {
          all_digits = all_digits && IsDigit(d);
          FoldChar(text, d, pos, next, &out->folded);
          pos = next;
          continue;
        }
        if (next >= n) break;
        size_t after = next;
        const char32_t e = utf8::Next(text, &after);
        if (all_digits && (d == ',' || d == '.') && IsDigit(e)) {
          out->folded.push_back(static_cast<char>(d));
        } else if (!all_digits && Classify(d) == Cls::kApostrophe && Classify(e) == Cls::kAlnum && !IsDigit(e)) {
          out->folded.push_back('\'');
        } else {
          break;
        }
        FoldChar(text, e, next, after, &out->folded);
        pos = after;
      }
      t.end = static_cast<uint32_t>(pos);
      t.flags = static_cast<uint8_t>((all_digits ? kNumber : kWord) | pending);
    }
    pending = 0;
    t.fold_len = static_cast<uint32_t>(out->folded.size() - t.fold);
    Finish(out->folded, &t);
    out->tokens.push_back(t);
  }
}

}  // namespace dateline::signals::reference
