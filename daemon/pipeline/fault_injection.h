// FaultInjectionStage: TEST ONLY. Lets fault tests send poison messages
// through the real daemon. Enabled only by `pipeline.test_fault_injection: true`;
// BuildPipeline leaves it out otherwise.
//
// A payload containing "@@dateline-test-throw@@" makes it throw; one containing
// "@@dateline-test-sleep-N@@" makes it sleep N milliseconds (capped at 60 s),
// a stage that blows limits.stage_budget_ms. Anything else passes untouched.
#pragma once

#include "core/stage.h"

namespace dateline {

class FaultInjectionStage final : public Stage {
 public:
  std::string_view Name() const override { return "test_fault_injection"; }
  Verdict Process(Record& record) override;
};

}  // namespace dateline
