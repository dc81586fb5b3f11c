#include "signals/tokens.h"

#define XXH_INLINE_ALL  // short token forms: inlined xxh3 is much cheaper than the library call
#include <xxhash.h>

#include <array>
#include <cstring>

#include "core/ascii_swar.h"
#include "core/utf8.h"

namespace dateline::signals {
namespace {

enum class CharClass { kSpace, kAlnum, kApostrophe, kHyphen, kSentenceEnd, kNewline, kSymbol, kPunct };

constexpr bool IsAsciiAlnum(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
constexpr bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

constexpr CharClass ClassifyAscii(char32_t c) {
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

constexpr std::array<CharClass, 128> MakeAsciiClasses() {
  std::array<CharClass, 128> t{};
  for (char32_t c = 0; c < 128; ++c) t[c] = ClassifyAscii(c);
  return t;
}
constexpr std::array<CharClass, 128> kAsciiClass = MakeAsciiClasses();

CharClass ClassifyOther(char32_t c) {
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

inline CharClass Classify(char32_t c) { return c < 0x80 ? kAsciiClass[c] : ClassifyOther(c); }

// FormHash: XXH3-64 (seed 0, default secret). Forms of one to eight bytes,
// nearly every word, are hashed here inline as XXH3_64bits hashes them, without
// its length dispatch and call (tokens_test checks every length against
// XXH3_64bits); longer ones by XXH3_64bits itself.
[[gnu::always_inline]] inline uint64_t HashForm(const char* p, size_t len) {
  if (len - 1 >= 8) return XXH3_64bits(p, len);  // 0, or more than 8
  auto load32 = [](const void* at) {
    uint32_t v;
    std::memcpy(&v, at, 4);
    return uint64_t{v};
  };
  auto load64 = [](const void* at) {
    uint64_t v;
    std::memcpy(&v, at, 8);
    return v;
  };
  if (len < 4) {  // the first, middle and last bytes and the length, then XXH64's avalanche
    const auto* b = reinterpret_cast<const unsigned char*>(p);
    uint64_t h = ((uint64_t{b[0]} << 16) | (uint64_t{b[len >> 1]} << 24) | b[len - 1] | (uint64_t{len} << 8)) ^
                 (load32(XXH3_kSecret) ^ load32(XXH3_kSecret + 4));
    h = (h ^ (h >> 33)) * 0xC2B2AE3D27D4EB4FULL;
    h = (h ^ (h >> 29)) * 0x165667B19E3779F9ULL;
    return h ^ (h >> 32);
  }
  // The first four bytes (high half) and the last four, then XXH3's rrmxmx.
  uint64_t h = (load32(p + len - 4) + (load32(p) << 32)) ^ (load64(XXH3_kSecret + 8) ^ load64(XXH3_kSecret + 16));
  h ^= ((h << 49) | (h >> 15)) ^ ((h << 24) | (h >> 40));
  h *= 0x9FB21C651E98DF25ULL;
  h ^= (h >> 35) + len;
  h *= 0x9FB21C651E98DF25ULL;
  return h ^ (h >> 28);
}
[[gnu::always_inline]] inline uint64_t HashForm(std::string_view form) { return HashForm(form.data(), form.size()); }

// The fold and stem hashes of a token whose folded form is `fold`.
[[gnu::always_inline]] inline void SetHashes(std::string_view fold, Token* t) {
  t->fold_hash = HashForm(fold);
  if (fold.back() != 's') {  // the common case: no plural or "'s" ending, the stem is the word
    t->stem_len = static_cast<uint32_t>(fold.size());
    t->stem_y = false;
    t->stem_hash = t->fold_hash;
    return;
  }
  // A plain plural ("troops"): StemOf takes one 's' off; no "'s", "ies", "ss", "us", "is" ending.
  const size_t m = fold.size();
  const char before = m > 4 ? fold[m - 2] : 's';
  if (before != 's' && before != 'u' && before != 'i' && before != '\'' && (before != 'e' || fold[m - 3] != 'i')) {
    t->stem_len = static_cast<uint32_t>(m - 1);
    t->stem_y = false;
    t->stem_hash = HashForm(fold.data(), m - 1);
    return;
  }
  StemOf(fold, &t->stem_len, &t->stem_y);
  if (t->stem_len == fold.size() && !t->stem_y) {
    t->stem_hash = t->fold_hash;
  } else if (!t->stem_y) {
    t->stem_hash = HashForm(fold.substr(0, t->stem_len));
  } else {
    char buf[64];
    if (t->stem_len < sizeof buf) {
      std::memcpy(buf, fold.data(), t->stem_len);
      buf[t->stem_len] = 'y';
      t->stem_hash = HashForm(std::string_view(buf, t->stem_len + 1));
    } else {
      std::string stem(fold.substr(0, t->stem_len));
      stem.push_back('y');
      t->stem_hash = FormHash(stem);
    }
  }
}

}  // namespace

uint64_t FormHash(std::string_view form) { return HashForm(form); }

namespace {

// ASCII bytes by class, for the fast paths: letters and digits, and the three
// that may continue a token ("5,000", "2.5", "don't").
enum : uint8_t { kAlnumBit = 1, kLetterBit = 2, kJoinBit = 4 };
constexpr std::array<uint8_t, 256> MakeByteClasses() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 128; ++c) {
    if (IsAsciiAlnum(static_cast<char32_t>(c))) t[static_cast<size_t>(c)] = kAlnumBit | (IsDigit(static_cast<char32_t>(c)) ? 0 : kLetterBit);
  }
  t[','] = t['.'] = t['\''] = kJoinBit;
  return t;
}
constexpr std::array<uint8_t, 256> kByteClass = MakeByteClasses();
constexpr std::array<char, 256> MakeFoldBytes() {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c) t[static_cast<size_t>(c)] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return t;
}
constexpr std::array<char, 256> kFoldByte = MakeFoldBytes();

using swar::AlnumBytes;  // core/ascii_swar.h
using swar::kHighBits;

// Writes the folded form of one character (code point ch, its `len` bytes at
// `from`) to `to`; returns the number of bytes written.
inline size_t FoldChar(char32_t ch, const char* from, size_t len, char* to) {
  if (ch < 0x80) {
    *to = kFoldByte[ch];
    return 1;
  }
  std::memcpy(to, from, len);
  return len;
}

// What a character between two words does to the next token's flags, for
// the ASCII characters the plain loop only notes or skips: kGapStop for those
// it must read itself (letters, digits, symbols, bytes of other scripts),
// kGapNewline for '\n' (a break only before another '\n').
constexpr uint8_t kGapStop = 0x40, kGapNewline = 0x80;
constexpr std::array<uint8_t, 256> MakeGapFlags() {
  std::array<uint8_t, 256> t{};
  for (size_t c = 0; c < 256; ++c) {
    if (c >= 0x80) {
      t[c] = kGapStop;
      continue;
    }
    switch (kAsciiClass[c]) {
      case CharClass::kSpace: case CharClass::kHyphen: case CharClass::kApostrophe: t[c] = 0; break;
      case CharClass::kNewline: t[c] = kGapNewline; break;
      case CharClass::kSentenceEnd: t[c] = kBreakBefore | kSentenceBefore; break;
      case CharClass::kPunct: t[c] = kBreakBefore; break;
      case CharClass::kAlnum: case CharClass::kSymbol: t[c] = kGapStop; break;
    }
  }
  return t;
}
constexpr std::array<uint8_t, 256> kGapFlags = MakeGapFlags();
static_assert(((kGapStop | kGapNewline) & (kBreakBefore | kSentenceBefore)) == 0, "gap markers are not token flags");

// The scan behind both Tokenize overloads. With kWithWords, `words` is the
// enrichment tokenization of the same text, and each of its words that is a
// plain ASCII run (and that no separator joins to what follows) becomes a
// token without the run being searched for again; everything else, and the
// whole text without kWithWords, goes through the character loop below.
template <bool kWithWords>
void TokenizeText(std::string_view text, const std::vector<dateline::Token>* words, TokenList* out) {
  out->tokens.clear();
  // Folded forms are never longer than the text: size the buffer once (with
  // kPad bytes the eight-byte fold may write past the last token), write
  // through a pointer, trim at the end.
  constexpr size_t kPad = 8;
  out->folded.resize(text.size() + kPad);
  char* const folded = out->folded.data();
  const auto* const bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t fold_end = 0;
  uint8_t pending = 0;  // break flags for the next token
  size_t pos = 0;
  const size_t n = text.size();
  [[maybe_unused]] const dateline::Token* const word = kWithWords ? words->data() : nullptr;
  [[maybe_unused]] const size_t word_count = kWithWords ? words->size() : 0;
  [[maybe_unused]] const dateline::Token* next_word = word;  // the next enrichment token to look at
  [[maybe_unused]] const dateline::Token* const words_end = word + word_count;
  while (pos < n) {
    if constexpr (kWithWords) {
      // Each enrichment word at or after pos whose bytes are all ASCII is a
      // whole run of letters and digits (enrich::Tokenize ends a word at any
      // other ASCII byte and starts one at any such run): it becomes a token
      // as it is unless a separator joins it to what follows. The first word
      // that cannot be taken so, or a character between words that is more
      // than space or punctuation, goes to the character loop below.
      for (; next_word != words_end; ++next_word) {
        const dateline::Token& w = *next_word;
        if (!(w.flags & dateline::Token::kWord) || w.start < pos) continue;  // punctuation is read as a gap
        const size_t s = w.start;
        const size_t e = w.end;
        if (e > n || e <= s) break;
        // Spaces and punctuation before it, noted as the loop below notes them.
        if (s == pos + 1 && bytes[pos] == ' ') {
          pos = s;
        } else {
          for (; pos < s; ++pos) {
            const uint8_t g = kGapFlags[bytes[pos]];
            if (g & kGapStop) break;
            if (g & kGapNewline) {
              if (pos + 1 < n && bytes[pos + 1] == '\n') pending |= kBreakBefore | kSentenceBefore;
            } else {
              pending |= g;
            }
          }
          if (pos != s) break;
        }
        const size_t len = e - s;
        // Fold (set 0x20) eight bytes at a time and gather the bits: any byte
        // of 0x80 or more, any letter (0x40; digits lack it).
        uint64_t seen = 0;
        if (len <= 8 && s + 8 <= n) {  // the common case: one load
          uint64_t x;
          std::memcpy(&x, text.data() + s, 8);
          const uint64_t chunk = x | 0x2020202020202020ULL;
          std::memcpy(folded + fold_end, &chunk, 8);  // may write past the token: overwritten or trimmed
          seen = x & (~uint64_t{0} >> (64 - 8 * len));
        } else {
          size_t i = 0;
          for (; i < len && s + i + 8 <= n; i += 8) {
            uint64_t x;
            std::memcpy(&x, text.data() + s + i, 8);
            const uint64_t chunk = x | 0x2020202020202020ULL;
            std::memcpy(folded + fold_end + i, &chunk, 8);
            seen |= len - i >= 8 ? x : x & (~uint64_t{0} >> (64 - 8 * (len - i)));
          }
          for (; i < len; ++i) {  // the last few bytes of the text
            seen |= bytes[s + i];
            folded[fold_end + i] = static_cast<char>(bytes[s + i] | 0x20);
          }
        }
        if (seen & kHighBits) break;  // another script inside
        const bool letters = (seen & 0x4040404040404040ULL) != 0;
        // Whether the token ends at e: no inner separator, nor a letter of
        // another script, continues it.
        if (e < n && bytes[e] != ' ') {  // a space, the common case, ends it
          const unsigned char d = bytes[e];
          const uint8_t dcls = kByteClass[d];
          if (d >= 0x80) {
            size_t q = e;
            const CharClass dc = ClassifyOther(utf8::NextMultibyte(text, &q));
            if (dc == CharClass::kAlnum || dc == CharClass::kApostrophe) break;
          } else if (dcls & kAlnumBit) {
            break;  // not a whole run after all (words that are not enrich::Tokenize's of this text)
          } else if (dcls & kJoinBit) {  // "5,000", "2.5", "don't" continue; "said." or "5, 6" not
            const unsigned char f = e + 1 < n ? bytes[e + 1] : ' ';
            if (d == '\'' ? letters && (f >= 0x80 || (kByteClass[f] & kLetterBit)) : !letters && IsDigit(f)) break;
          }
        }
        pending |= static_cast<uint8_t>(static_cast<uint8_t>(bytes[s] - 'A') < 26 ? kCapitalized : 0);
        Token& t = out->tokens.emplace_back();
        t.start = static_cast<uint32_t>(s);
        t.end = static_cast<uint32_t>(e);
        t.fold = static_cast<uint32_t>(fold_end);
        t.fold_len = static_cast<uint32_t>(len);
        t.flags = static_cast<uint8_t>((letters ? kWord : kNumber) | pending);
        SetHashes(std::string_view(folded + fold_end, len), &t);
        pending = 0;
        fold_end += len;
        pos = e;
      }
      if (pos >= n) break;
    }
    const unsigned char b = bytes[pos];
    if (b == ' ') {  // most often between two words
      ++pos;
      continue;
    }
    const size_t start = pos;
    const size_t fold_start = fold_end;
    bool all_digits = true;  // so far; an ASCII first character is read by the run loop below
    if (b < 0x80 && (kByteClass[b] & kAlnumBit)) {
      if (b >= 'A' && b <= 'Z') pending |= kCapitalized;
    } else {
      char32_t c = b;
      CharClass cls;
      if (b < 0x80) {
        ++pos;
        cls = kAsciiClass[b];
      } else {
        size_t q = pos;  // pos itself never has its address taken, so it can live in a register
        c = utf8::NextMultibyte(text, &q);
        pos = q;
        cls = ClassifyOther(c);
      }
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
          Token& t = out->tokens.emplace_back();
          t.start = static_cast<uint32_t>(start);
          t.end = static_cast<uint32_t>(pos);
          t.fold = static_cast<uint32_t>(fold_end);
          std::memcpy(folded + fold_end, text.data() + start, pos - start);
          fold_end += pos - start;
          t.fold_len = static_cast<uint32_t>(pos - start);
          t.flags = kSymbol | pending;
          pending = 0;
          SetHashes(std::string_view(folded + t.fold, t.fold_len), &t);
          continue;
        }
        case CharClass::kAlnum:  // a letter or digit of another script
          break;
      }
      all_digits = false;
      std::memcpy(folded + fold_end, text.data() + start, pos - start);
      fold_end += pos - start;
    }
    // A word or number starting at `start`; pos is past the part folded so far.
    size_t end = pos;
    while (true) {
      // A run of ASCII letters and digits, the common case: found and folded
      // eight bytes at a time (for these bytes folding is setting 0x20: it
      // lower-cases a letter and leaves a digit as it is); the last few bytes
      // of the text by table.
      const size_t run = pos;
      bool letters = false;
      while (pos + 8 <= n) {
        uint64_t x;
        std::memcpy(&x, text.data() + pos, 8);
        uint64_t letter = 0;
        const uint64_t alnum = AlnumBytes(x, &letter);
        const uint64_t stop = ~alnum & kHighBits;  // bytes that end the run
        const uint64_t chunk = x | 0x2020202020202020ULL;
        std::memcpy(folded + fold_end, &chunk, 8);  // may write past the run (into kPad): overwritten or trimmed
        if (stop == 0) {
          letters |= letter != 0;
          pos += 8;
          fold_end += 8;
          continue;
        }
        const unsigned bytes_in_run = static_cast<unsigned>(__builtin_ctzll(stop)) / 8;
        letters |= (letter & ((stop - 1) & kHighBits)) != 0;  // letters before the first stop
        pos += bytes_in_run;
        fold_end += bytes_in_run;
        break;
      }
      if (pos + 8 > n) {
        while (pos < n && (kByteClass[bytes[pos]] & kAlnumBit)) {
          letters |= (bytes[pos] & 0x40) != 0;  // letters have 0x40, digits not
          folded[fold_end++] = static_cast<char>(bytes[pos++] | 0x20);
        }
      }
      if (pos > run) {
        all_digits = all_digits && !letters;
        end = pos;
      }
      if (pos >= n) break;
      // What may continue the token: another script's letter, or an inner
      // separator ("5,000" / "2.5" in numbers, an apostrophe in words).
      const unsigned char d0 = bytes[pos];
      char32_t d = d0;
      size_t next = pos + 1;
      CharClass dc;
      if (d0 < 0x80) {
        if (!(kByteClass[d0] & kJoinBit)) break;  // space, punctuation: the token ends
        dc = kAsciiClass[d0];
      } else {
        next = pos;
        d = utf8::NextMultibyte(text, &next);
        dc = ClassifyOther(d);
        if (dc == CharClass::kAlnum) {
          all_digits = false;
          fold_end += FoldChar(d, text.data() + pos, next - pos, folded + fold_end);
          pos = end = next;
          continue;
        }
        if (dc != CharClass::kApostrophe) break;
      }
      size_t after = next;
      if (after >= n) break;
      const char32_t e = utf8::Next(text, &after);
      if (all_digits && (d == ',' || d == '.') && IsDigit(e)) {
        folded[fold_end++] = static_cast<char>(d);
        fold_end += FoldChar(e, text.data() + next, after - next, folded + fold_end);
        pos = end = after;
        continue;
      }
      if (!all_digits && dc == CharClass::kApostrophe && Classify(e) == CharClass::kAlnum && !IsDigit(e)) {
        folded[fold_end++] = '\'';
        fold_end += FoldChar(e, text.data() + next, after - next, folded + fold_end);
        pos = end = after;
        continue;
      }
      break;
    }
    pos = end;
    Token& t = out->tokens.emplace_back();
    t.start = static_cast<uint32_t>(start);
    t.end = static_cast<uint32_t>(end);
    t.fold = static_cast<uint32_t>(fold_start);
    t.fold_len = static_cast<uint32_t>(fold_end - t.fold);
    t.flags = static_cast<uint8_t>((all_digits ? kNumber : kWord) | pending);
    pending = 0;
    SetHashes(std::string_view(folded + t.fold, t.fold_len), &t);
  }
  out->folded.resize(fold_end);
}

}  // namespace

void Tokenize(std::string_view text, TokenList* out) { TokenizeText<false>(text, nullptr, out); }

void Tokenize(std::string_view text, const std::vector<dateline::Token>& words, TokenList* out) {
  TokenizeText<true>(text, &words, out);
}


void StemOf(std::string_view w, uint32_t* len, bool* y) {
  *y = false;
  if (w.size() > 2 && w.substr(w.size() - 2) == "'s") w.remove_suffix(2);
  const size_t n = w.size();
  if (n > 4 && w.back() == 's') {
    if (w.substr(n - 3) == "ies") {
      *len = static_cast<uint32_t>(n - 3);
      *y = true;
      return;
    }
    const char p = w[n - 2];
    if (p != 's' && p != 'u' && p != 'i') w.remove_suffix(1);
  }
  *len = static_cast<uint32_t>(w.size());
}

void AppendStem(std::string_view w, std::string* out) {
  uint32_t len = 0;
  bool y = false;
  StemOf(w, &len, &y);
  out->append(w.substr(0, len));
  if (y) out->push_back('y');
}

const TokenList& TokenCache::Tokens(std::string_view text) { return Fill(text, nullptr); }

const TokenList& TokenCache::Tokens(const Record& record) {
  return Fill(record.text, record.tokens.empty() ? nullptr : &record.tokens);  // empty: enrichment off
}

const TokenList& TokenCache::Fill(std::string_view text, const std::vector<dateline::Token>* words) {
  if (!valid_ || text.size() != text_.size() || std::memcmp(text.data(), text_.data(), text.size()) != 0) {
    if (words) {
      Tokenize(text, *words, &list_);
    } else {
      Tokenize(text, &list_);
    }
    text_.assign(text);
    valid_ = true;
  }
  return list_;
}

uint64_t PhraseTable::KeyOf(std::string_view phrase) {
  uint64_t key = kSeed;
  size_t from = 0;
  while (true) {
    const size_t sp = phrase.find(' ', from);
    const size_t len = sp == std::string_view::npos ? std::string_view::npos : sp - from;
    key = Combine(key, FormHash(phrase.substr(from, len)));
    if (sp == std::string_view::npos) return key;
    from = sp + 1;
  }
}

bool PhraseTable::Verify(const Slot& slot, const TokenList& tokens, size_t i, size_t n, Form form) const {
  std::string_view phrase = std::string_view(text_).substr(slot.text, slot.text_len);
  const Token& first = tokens.tokens[i];
  if (n == 1 && (form == Form::kFold || (!first.stem_y && first.stem_len == first.fold_len))) {
    return phrase == tokens.Fold(first);  // one word, its form is the folded text itself
  }
  for (size_t k = 0; k < n; ++k) {
    const Token& t = tokens.tokens[i + k];
    const std::string_view fold = tokens.Fold(t);
    const bool stem = form == Form::kStem;
    const std::string_view base = stem ? fold.substr(0, t.stem_len) : fold;
    const size_t len = base.size() + (stem && t.stem_y ? 1 : 0);
    if (k > 0) {
      if (phrase.empty() || phrase[0] != ' ') return false;
      phrase.remove_prefix(1);
    }
    if (phrase.size() < len || phrase.substr(0, base.size()) != base) return false;
    if (len > base.size() && phrase[base.size()] != 'y') return false;
    phrase.remove_prefix(len);
  }
  return phrase.empty();
}

PhraseTable::Slot* PhraseTable::FindSlot(std::string_view phrase, uint64_t key) {
  for (size_t s = key & mask_;; s = (s + 1) & mask_) {
    Slot& slot = slots_[s];
    if (slot.key == 0) return &slot;
    if (slot.key == key && std::string_view(text_).substr(slot.text, slot.text_len) == phrase) return &slot;
  }
}

void PhraseTable::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.key == 0) continue;
    size_t s = slot.key & mask_;
    while (slots_[s].key != 0) s = (s + 1) & mask_;
    slots_[s] = slot;
  }
  first_words_.assign(slots_.size() / 8, 0);
  for (const Slot& slot : slots_) {
    if (slot.key != 0 && std::string_view(text_).substr(slot.text, slot.text_len).find(' ') == std::string_view::npos) {
      MarkFirstWord(slot.key);
    }
  }
}

void PhraseTable::Add(std::string_view phrase, uint32_t value) {
  size_t words = 1;
  for (size_t i = 0; i < phrase.size(); ++i) {
    if (phrase[i] != ' ') continue;
    ++words;
    const std::string_view prefix = phrase.substr(0, i);
    Insert(prefix, KeyOf(prefix), false, kNone);
  }
  Insert(phrase, KeyOf(phrase), true, value);
  if (words > max_words_) max_words_ = words;
}

void PhraseTable::Insert(std::string_view phrase, uint64_t key, bool set_value, uint32_t value) {
  if (2 * (used_ + 1) > slots_.size()) Grow();
  Slot* slot = FindSlot(phrase, key);
  if (slot->key == 0) {  // new: a prefix only, unless the value is set below
    slot->key = key;
    slot->text = static_cast<uint32_t>(text_.size());
    slot->text_len = static_cast<uint32_t>(phrase.size());
    text_.append(phrase);
    ++used_;
    if (phrase.find(' ') == std::string_view::npos) MarkFirstWord(key);
  }
  if (set_value) slot->value = value;
}

uint32_t PhraseTable::Find(std::string_view phrase) const {
  const uint64_t key = KeyOf(phrase);
  for (size_t s = key & mask_;; s = (s + 1) & mask_) {
    const Slot& slot = slots_[s];
    if (slot.key == 0) return kNone;
    if (slot.key == key && std::string_view(text_).substr(slot.text, slot.text_len) == phrase) return slot.value;
  }
}

namespace {
std::string NormalizePhrase(std::string_view phrase, bool stem) {
  TokenList tokens;
  Tokenize(phrase, &tokens);
  std::string out;
  for (size_t i = 0; i < tokens.tokens.size(); ++i) {
    if (i) out.push_back(' ');
    if (stem) {
      AppendStem(tokens.Fold(i), &out);
    } else {
      out.append(tokens.Fold(i));
    }
  }
  return out;
}
}  // namespace

std::string StemPhrase(std::string_view phrase) { return NormalizePhrase(phrase, true); }
std::string FoldPhrase(std::string_view phrase) { return NormalizePhrase(phrase, false); }

}  // namespace dateline::signals
