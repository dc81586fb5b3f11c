// Reason codes for reports that cannot become a record. Each code's name is
// stable: it is written in dead-letter headers and used as a metric label.
#pragma once

#include <array>
#include <string_view>

namespace dateline {

enum class ErrorCode {
  kNone = 0,
  kEmptyInput,       // payload empty or only whitespace
  kTooLarge,         // payload over limits.max_message_bytes
  kInvalidEncoding,  // not text even after encoding repair (binary, control bytes)
  kNotAReport,       // text, but not a news report (too few words, no prose)
  kInvalidEnvelope,  // offline input line that is not a valid envelope
  kStageException,   // a stage threw: a bug or a pathological input
  kMalformedItem,    // claims a wire format (detected or hinted) but breaks its rules
  kUnknownFormat,    // a format hint names no known format
  kStageTimeout,     // a stage took longer than limits.stage_budget_ms on this report
  kCount,
};

// Returns the stable snake_case name of `code` (e.g. "too_large").
std::string_view ErrorCodeName(ErrorCode code);

}  // namespace dateline
