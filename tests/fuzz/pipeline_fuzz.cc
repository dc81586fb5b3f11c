// libFuzzer target: the whole pipeline (detection, every parser, every stage)
// and the sink: any bytes give a record or a dead letter, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "pipeline/pipeline.h"
#include "sink/record_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static dateline::Pipeline* pipeline = [] {
    dateline::ConfigResult r = dateline::ParseConfig("", DATELINE_SOURCE_DIR, {}, {});
    std::string error;
    return dateline::BuildPipeline(*r.config, &error).release();  // lives for the process
  }();
  dateline::Record record = dateline::RecordFromBytes(std::string(reinterpret_cast<const char*>(data), size));
  record.source.timestamp_ms = 1761724800000;
  const dateline::Verdict verdict = pipeline->Run(record);
  std::string out;
  if (verdict.ok()) {
    dateline::AppendRecordJson(record, &out);
  } else {
    dateline::AppendDeadLetterJson(record, verdict, &out);
  }
  return 0;
}
