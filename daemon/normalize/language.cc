#include "normalize/language.h"

#include <cld2/public/compact_lang_det.h>

#include "core/utf8.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <bit>
#include <cstdint>

namespace dateline {

namespace {

// CLD2 on the first `max_bytes` of `text`, cut at a character start.
std::string Detect(std::string_view text, size_t max_bytes) {
  size_t length = std::min<size_t>(text.size(), max_bytes);
  while (length < text.size() && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) --length;
  bool reliable = false;
  int valid_prefix = 0;
  const CLD2::Language lang =
      CLD2::DetectLanguageCheckUTF8(text.data(), static_cast<int>(length), /*is_plain_text=*/true, &reliable,
                                    &valid_prefix);
  if (!reliable || lang == CLD2::UNKNOWN_LANGUAGE) return "";
  std::string code = CLD2::LanguageCode(lang);
  code = code.substr(0, code.find('-'));  // "zh-Hant" -> "zh"
  return code.size() == 2 ? code : "";
}

}  // namespace

std::string DetectLanguageWithCld2(std::string_view text) {
  // CLD2's time grows with its input. The first 700 bytes (a paragraph or
  // two) decide as well as the whole text. English, most of the copy, is
  // settled by the first 256 bytes (two or three sentences) at about 45% of
  // the cost (CLD2 costs ~30,000 instructions a call plus ~270 a byte); any
  // other answer, or none, is taken from 700 bytes, where close relatives
  // such as Spanish and Galician are told apart (256-320 bytes confused them
  // on mutated fixtures). On the differential corpus (2,668 texts) and on
  // tests/data/languages (80 openings) no text got "en" from 160, 200, 256 or
  // 320 bytes and another answer from 700.
  constexpr size_t kShort = 256, kLong = 700;
  std::string code = Detect(text, kShort);
  if (code == "en" || text.size() <= kShort) return code;
  return Detect(text, kLong);
}

namespace {

// Words English uses constantly and other Latin-script languages do not
// ("in", "of", "to", "is", "was", "for", "on" are left out: Dutch, German,
// Polish, the Scandinavian languages or French have them too).
constexpr std::string_view kEnglishWords[] = {"the",  "and",  "that",  "with", "from",  "said", "has",
                                              "have", "were", "which", "been", "their", "this", "after",
                                              "will", "are",  "who",   "by"};
static_assert(std::size(kEnglishWords) <= 32, "PlainlyEnglish keeps the words seen in 32 bits");

// A word of at most 8 lower-case letters as an integer, its first letter
// highest (no letter is 0, so words of different lengths differ).
constexpr uint64_t PackWord(std::string_view w) {
  uint64_t v = 0;
  for (const char c : w) v = (v << 8) | static_cast<unsigned char>(c);
  return v;
}

// kEnglishWords as packed words in an open-addressing hash set (64 slots,
// linear probing; a slot holds a word and its index in kEnglishWords).
class EnglishWordSet {
 public:
  constexpr EnglishWordSet() {
    for (size_t k = 0; k < std::size(kEnglishWords); ++k) {
      const uint64_t v = PackWord(kEnglishWords[k]);
      size_t i = Slot(v);
      while (words_[i] != 0) i = (i + 1) % kSlots;
      words_[i] = v;
      index_[i] = static_cast<int>(k);
    }
  }
  // The index in kEnglishWords of packed word v, or -1.
  constexpr int Find(uint64_t v) const {
    for (size_t i = Slot(v);; i = (i + 1) % kSlots) {
      if (words_[i] == v) return index_[i];
      if (words_[i] == 0) return -1;
    }
  }

 private:
  static constexpr size_t kSlots = 64;  // over three times the words: short probes
  static constexpr size_t Slot(uint64_t v) { return static_cast<size_t>((v * 0x9E3779B97F4A7C15ull) >> 58); }
  std::array<uint64_t, kSlots> words_{};
  std::array<int, kSlots> index_{};
};
constexpr EnglishWordSet kEnglishWordSet;
static_assert(kEnglishWordSet.Find(PackWord("which")) == 9 && kEnglishWordSet.Find(PackWord("is")) == -1);

// What PlainlyEnglish does with a byte: a letter starts or continues a word,
// a byte of U+0080 and above starts a character to decode, a control other
// than a line break or tab ends the check, any other byte is passed over.
enum ByteClass : unsigned char { kOther, kLetter, kHigh, kControl };
constexpr std::array<ByteClass, 256> kByteClass = [] {
  std::array<ByteClass, 256> t{};
  for (size_t c = 0; c < 256; ++c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) t[c] = kLetter;
    else if (c >= 0x80) t[c] = kHigh;
    else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') t[c] = kControl;
  }
  return t;
}();

}  // namespace

bool PlainlyEnglish(std::string_view text) {
  constexpr size_t kWindow = 400, kMinimum = 160;
  const size_t n = std::min(text.size(), kWindow);
  if (n < kMinimum) return false;
  size_t non_ascii = 0, hits = 0;
  uint32_t seen = 0;
  auto byte_class = [&text](size_t i) { return kByteClass[static_cast<unsigned char>(text[i])]; };
  for (size_t i = 0; i < n;) {
    switch (byte_class(i)) {
      case kOther: ++i; continue;
      case kControl: return false;  // not clean text
      case kHigh: {
        const size_t from = i;
        if (utf8::Next(text, &i) == utf8::kInvalid) return false;  // CLD2 will not call it either
        non_ascii += i - from;
        continue;
      }
      case kLetter: break;
    }
    // The word's letters, lower-cased (| 0x20) and packed as PackWord does
    // (only the last 8 count; a word of more than five letters is no match).
    size_t j = i;
    uint64_t packed = 0;
    for (; j < text.size() && byte_class(j) == kLetter; ++j) {
      packed = (packed << 8) | static_cast<unsigned char>(text[j] | 0x20);
    }
    // A whole word of at most five letters, not glued to other-script letters.
    if (j - i <= 5 && (j == text.size() || byte_class(j) != kHigh) && (i == 0 || byte_class(i - 1) != kHigh)) {
      if (const int w = kEnglishWordSet.Find(packed); w >= 0) {
        ++hits;
        seen |= 1u << w;
      }
    }
    i = j;
  }
  // Six hits of at least three different words in ~70 words, and at most 5%
  // of the bytes outside ASCII (names with accents, typographic quotes).
  return non_ascii * 20 <= n && hits >= 6 && std::popcount(seen) >= 3;
}

std::string DetectLanguage(std::string_view text) {
  return PlainlyEnglish(text) ? "en" : DetectLanguageWithCld2(text);
}

Verdict LanguageStage::Process(Record& record) {
  if (!record.language.empty()) {
    record.language = record.language.substr(0, record.language.find_first_of("-_"));
    for (char& c : record.language) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    record.language_source = "metadata";
    return Verdict::Continue();
  }
  record.language = DetectLanguage(record.text);
  if (!record.language.empty()) record.language_source = "detected";
  return Verdict::Continue();
}

}  // namespace dateline
