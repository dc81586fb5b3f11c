#include "normalize/language.h"

#include <cld2/public/compact_lang_det.h>

#include "core/utf8.h"

#include <algorithm>
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

bool PlainlyEnglish(std::string_view text) {
  // Words English uses constantly and other Latin-script languages do not
  // ("in", "of", "to", "is", "was", "for", "on" are left out: Dutch, German,
  // Polish, the Scandinavian languages or French have them too).
  static constexpr std::string_view kWords[] = {"the",  "and",  "that", "with", "from", "said",  "has",
                                                "have", "were", "which", "been", "their", "this", "after",
                                                "will", "are",  "who",  "by"};
  constexpr size_t kWindow = 400, kMinimum = 160;
  const size_t n = std::min(text.size(), kWindow);
  if (n < kMinimum) return false;
  size_t non_ascii = 0, hits = 0;
  uint32_t seen = 0;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  for (size_t i = 0; i < n;) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) {
      const size_t from = i;
      if (utf8::Next(text, &i) == utf8::kInvalid) return false;  // CLD2 will not call it either
      non_ascii += i - from;
      continue;
    }
    if (!letter(text[i])) {
      const char c = text[i];
      if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\r' && c != '\t') return false;  // not clean text
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && letter(text[j])) ++j;
    // A whole word of at most five letters, not glued to other-script letters.
    if (j - i <= 5 && (j == text.size() || static_cast<unsigned char>(text[j]) < 0x80) &&
        (i == 0 || static_cast<unsigned char>(text[i - 1]) < 0x80)) {
      char lower[5];
      for (size_t k = i; k < j; ++k) lower[k - i] = static_cast<char>(text[k] | 0x20);
      const std::string_view word(lower, j - i);
      for (size_t w = 0; w < std::size(kWords); ++w) {
        if (kWords[w] == word) {
          ++hits;
          seen |= 1u << w;
          break;
        }
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
