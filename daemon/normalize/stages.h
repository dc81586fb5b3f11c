// Normalization stages: bytes to clean, paragraphed UTF-8 text.
//
//   DecodeStage    size and emptiness limits, UTF-8 validation, Windows-1252
//                  and mojibake repair, rejection of binary payloads.
//   CleanTextStage line endings, control and zero-width characters, spacing
//                  inside brackets and before punctuation, paragraph breaks
//                  (text paragraphs are separated by exactly "\n\n").
//   BodyStage      paragraph spans and word count of the final text; rejects
//                  inputs with fewer than min_words words.
//   IdentifyStage  the stable record id: a 128-bit hash of the normalized
//                  content, so the same report always gets the same id.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/stage.h"

namespace dateline {

class DecodeStage final : public Stage {
 public:
  explicit DecodeStage(uint64_t max_bytes) : max_bytes_(max_bytes) {}
  std::string_view Name() const override { return "decode"; }
  Verdict Process(Record& record) override;

 private:
  uint64_t max_bytes_;
};

class CleanTextStage final : public Stage {
 public:
  std::string_view Name() const override { return "clean"; }
  Verdict Process(Record& record) override;
};

class BodyStage final : public Stage {
 public:
  explicit BodyStage(uint32_t min_words) : min_words_(min_words) {}
  std::string_view Name() const override { return "body"; }
  Verdict Process(Record& record) override;

 private:
  uint32_t min_words_;
};

class IdentifyStage final : public Stage {
 public:
  std::string_view Name() const override { return "identify"; }
  Verdict Process(Record& record) override;
};

// Unicode NFC of `s` (valid UTF-8); a copy when it is already NFC.
std::string ToNfc(std::string_view s);

// Cleans `in` as CleanTextStage does, except NFC (exposed for tests and other stages).
std::string CleanText(std::string_view in);

// Counts words: maximal runs of letters, digits and inner apostrophes/hyphens
// that contain at least one letter or digit.
uint32_t CountWords(std::string_view text);

}  // namespace dateline
