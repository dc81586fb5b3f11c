// Test support: one real pipeline (default config, installed reference data)
// per test process, and running a report through it.
#pragma once

#include <memory>
#include <string>

#include "config/config.h"
#include "core/record.h"
#include "pipeline/pipeline.h"

namespace dateline::testing {

inline Pipeline& SharedPipeline() {
  static std::unique_ptr<Pipeline> pipeline = [] {
    ConfigResult config = ParseConfig("{}", DATELINE_SOURCE_DIR, {}, {});
    std::string error;
    auto p = BuildPipeline(*config.config, &error);
    if (!p) throw std::runtime_error("pipeline: " + error);
    return p;
  }();
  return *pipeline;
}

// Runs `report` (wire text) through the whole pipeline.
inline Record RunReport(const std::string& report) {
  Record r = RecordFromBytes(report);
  const Verdict v = SharedPipeline().Run(r);
  if (!v.ok()) throw std::runtime_error("dead letter: " + v.reason);
  return r;
}

inline const Entity* FindEntity(const Record& r, const std::string& type, const std::string& text) {
  for (const Entity& e : r.entities) {
    if (e.type != type) continue;
    if (e.text == text) return &e;
    for (const Span& m : e.mentions) {
      if (r.text.substr(m.start, m.end - m.start) == text) return &e;
    }
  }
  return nullptr;
}

}  // namespace dateline::testing
