// Stage: one step of the pipeline.
//
// Contract: Process() fills fields of `record` in place and returns a Verdict.
// A stage may throw; the pipeline catches at the stage boundary and turns the
// exception into a kStageException dead letter. Stages are built once from
// their own config section, are immutable afterwards, and are called from one
// thread at a time.
#pragma once

#include <string_view>

#include "core/record.h"
#include "core/verdict.h"

namespace dateline {

class Stage {
 public:
  virtual ~Stage() = default;
  virtual std::string_view Name() const = 0;
  virtual Verdict Process(Record& record) = 0;
};

}  // namespace dateline
