#include "signals/tokens.h"

#include <xxhash.h>

#include "core/utf8.h"

namespace dateline::signals {
namespace {

enum class CharClass { kSpace, kAlnum, kApostrophe, kHyphen, kSentenceEnd, kNewline, kSymbol, kPunct };

bool IsAsciiAlnum(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

CharClass Classify(char32_t c) {
  if (c < 0x80) {
    if (IsAsciiAlnum(c)) return CharClass::kAlnum;
    switch (c) {
      case ' ': case '\t': case '\r': return CharClass::kSpace;
      case '\n': return CharClass::kNewline;
      case '\'': return CharClass::kApostrophe;
      case '-': return CharClass::kHyphen;
      case '.': case '!': case '?': return CharClass::kSentenceEnd;
      case '$': case '%': return CharClass::kSymbol;
      default: return CharClass::kPunct;
    }
  }
  if (c == 0x2019) return CharClass::kApostrophe;                           // ’
  if (c == 0x2010 || c == 0x2011) return CharClass::kHyphen;                // hyphens
  if (c == 0xA3 || c == 0xA5 || (c >= 0x20A0 && c <= 0x20CF)) return CharClass::kSymbol;  // £ ¥ € ₹ ₨
  if (c == 0xA0 || c == 0x2028 || c == 0x2029 || (c >= 0x2000 && c <= 0x200B) || c == 0x3000) return CharClass::kSpace;
  if (c == 0x2026) return CharClass::kSentenceEnd;  // …
  if ((c >= 0xA1 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2012 && c <= 0x206F) ||
      (c >= 0x3001 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) || c == utf8::kInvalid) {
    return CharClass::kPunct;
  }
  return CharClass::kAlnum;  // letters of other scripts, marks, digits
}

}  // namespace

void Tokenize(std::string_view text, TokenList* out) {
  out->tokens.clear();
  out->folded.clear();
  uint8_t pending = 0;  // break flags for the next token
  size_t pos = 0;
  const size_t n = text.size();
  while (pos < n) {
    const size_t start = pos;
    const char32_t c = utf8::Next(text, &pos);
    const CharClass cls = Classify(c);
    switch (cls) {
      case CharClass::kSpace:
      case CharClass::kHyphen:
      case CharClass::kApostrophe:
        continue;
      case CharClass::kNewline:
        if (pos < n && text[pos] == '\n') pending |= kBreakBefore | kSentenceBefore;
        continue;
      case CharClass::kSentenceEnd:
        pending |= kBreakBefore | kSentenceBefore;
        continue;
      case CharClass::kPunct:
        pending |= kBreakBefore;
        continue;
      case CharClass::kSymbol: {
        Token t;
        t.start = static_cast<uint32_t>(start);
        t.end = static_cast<uint32_t>(pos);
        t.fold = static_cast<uint32_t>(out->folded.size());
        out->folded.append(text.substr(start, pos - start));
        t.fold_len = static_cast<uint32_t>(pos - start);
        t.flags = kSymbol | pending;
        pending = 0;
        out->tokens.push_back(t);
        continue;
      }
      case CharClass::kAlnum:
        break;
    }
    // A word or number starting at `start`.
    Token t;
    t.start = static_cast<uint32_t>(start);
    t.fold = static_cast<uint32_t>(out->folded.size());
    bool all_digits = IsDigit(c);
    if (c >= 'A' && c <= 'Z') pending |= kCapitalized;
    auto fold_char = [&](char32_t ch, size_t from, size_t to) {
      if (ch < 0x80) {
        out->folded.push_back(static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch));
      } else {
        out->folded.append(text.substr(from, to - from));
      }
    };
    fold_char(c, start, pos);
    size_t end = pos;
    while (pos < n) {
      const size_t at = pos;
      size_t next = pos;
      const char32_t d = utf8::Next(text, &next);
      const CharClass dc = Classify(d);
      if (dc == CharClass::kAlnum) {
        all_digits = all_digits && IsDigit(d);
        fold_char(d, at, next);
        pos = end = next;
        continue;
      }
      // Inner separators: "5,000" / "2.5" in numbers, an apostrophe in words.
      size_t after = next;
      if (after >= n) break;
      const char32_t e = utf8::Next(text, &after);
      if (all_digits && (d == ',' || d == '.') && IsDigit(e)) {
        out->folded.push_back(static_cast<char>(d));
        fold_char(e, next, after);
        pos = end = after;
        continue;
      }
      if (!all_digits && dc == CharClass::kApostrophe && Classify(e) == CharClass::kAlnum && !IsDigit(e)) {
        out->folded.push_back('\'');
        fold_char(e, next, after);
        pos = end = after;
        continue;
      }
      break;
    }
    t.end = static_cast<uint32_t>(end);
    t.fold_len = static_cast<uint32_t>(out->folded.size() - t.fold);
    t.flags = static_cast<uint8_t>((all_digits ? kNumber : kWord) | pending);
    pending = 0;
    out->tokens.push_back(t);
  }
}

void AppendStem(std::string_view w, std::string* out) {
  if (w.size() > 2 && w.substr(w.size() - 2) == "'s") w.remove_suffix(2);
  const size_t n = w.size();
  if (n > 4 && w.back() == 's') {
    if (w.substr(n - 3) == "ies") {
      out->append(w.substr(0, n - 3));
      out->push_back('y');
      return;
    }
    const char p = w[n - 2];
    if (p != 's' && p != 'u' && p != 'i') w.remove_suffix(1);
  }
  out->append(w);
}

const TokenList& TokenCache::Tokens(std::string_view text) {
  const uint64_t h = XXH3_64bits(text.data(), text.size());
  if (h != hash_ || text.size() != size_) {
    Tokenize(text, &list_);
    hash_ = h;
    size_ = text.size();
  }
  return list_;
}

size_t StringHash::operator()(std::string_view s) const noexcept { return XXH3_64bits(s.data(), s.size()); }

void PhraseTable::Add(std::string_view phrase, uint32_t value) {
  size_t words = 1;
  for (size_t i = 0; i < phrase.size(); ++i) {
    if (phrase[i] != ' ') continue;
    ++words;
    map_.try_emplace(std::string(phrase.substr(0, i)), kNone);
  }
  map_[std::string(phrase)] = value;
  if (words > max_words_) max_words_ = words;
}

namespace {
template <typename Form>
std::string NormalizePhrase(std::string_view phrase, Form form) {
  TokenList tokens;
  Tokenize(phrase, &tokens);
  std::string out;
  for (size_t i = 0; i < tokens.tokens.size(); ++i) {
    if (i) out.push_back(' ');
    form(tokens, i, &out);
  }
  return out;
}
}  // namespace

std::string StemPhrase(std::string_view phrase) { return NormalizePhrase(phrase, StemForm); }
std::string FoldPhrase(std::string_view phrase) { return NormalizePhrase(phrase, FoldForm); }

}  // namespace dateline::signals
