// LanguageStage: the body's language (ISO 639-1), detected with CLD2 when the
// feed's metadata gave none. Left empty when CLD2 is not reliable on the text.
#pragma once

#include "core/stage.h"

namespace dateline {

class LanguageStage final : public Stage {
 public:
  std::string_view Name() const override { return "language"; }
  Verdict Process(Record& record) override;
};

// Detects the language of UTF-8 `text`: an ISO 639-1 code, or "" if unsure.
// PlainlyEnglish first, then CLD2 (DetectLanguageWithCld2).
std::string DetectLanguage(std::string_view text);

// The CLD2 path alone.
std::string DetectLanguageWithCld2(std::string_view text);

// True when the opening of `text` is plainly English: nearly all ASCII and
// full of English function words that other Latin-script languages do not
// use. About 1% of CLD2's cost; when it says no, CLD2 decides.
bool PlainlyEnglish(std::string_view text);

}  // namespace dateline
