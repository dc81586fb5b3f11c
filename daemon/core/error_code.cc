#include "core/error_code.h"

namespace dateline {

std::string_view ErrorCodeName(ErrorCode code) {
  static constexpr std::array<std::string_view, static_cast<size_t>(ErrorCode::kCount)> kNames = {
      "none",       "empty_input",      "too_large",       "invalid_encoding",
      "not_a_report", "invalid_envelope", "stage_exception", "malformed_item", "unknown_format",
      "stage_timeout",
  };
  const auto index = static_cast<size_t>(code);
  return index < kNames.size() ? kNames[index] : "unknown";
}

}  // namespace dateline
