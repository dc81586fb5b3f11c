// What a stage says about the record it just processed.
#pragma once

#include <string>

#include "core/error_code.h"

namespace dateline {

struct Verdict {
  enum class Kind { kContinue, kDeadLetter };

  Kind kind = Kind::kContinue;
  ErrorCode code = ErrorCode::kNone;
  std::string reason;  // human-readable, one line; empty when continuing

  static Verdict Continue() { return {}; }
  static Verdict DeadLetter(ErrorCode code, std::string reason) {
    return {Kind::kDeadLetter, code, std::move(reason)};
  }
  bool ok() const { return kind == Kind::kContinue; }
};

}  // namespace dateline
