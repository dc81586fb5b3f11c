// Offline mode: the daemon's pipeline and sink without a broker.
//
// Each input (a file, or one NDJSON envelope line of the shape `kcat -J`
// prints) yields exactly one JSON line on `out`, in input order: the record,
// or its dead-letter form with an "error" object.
#pragma once

#include <cstdio>
#include <istream>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"

namespace dateline {

struct ProcessSummary {
  size_t inputs = 0;
  size_t records = 0;
  size_t dead_letters = 0;
};

// Treats each file as one report. `format` names the files' format (empty: detect).
ProcessSummary ProcessFiles(Pipeline& pipeline, const std::vector<std::string>& files, std::FILE* out,
                            const std::string& format = "");

// Reads envelopes, one per line: {"payload": "...", "key": ..., "ts": ...,
// "topic": ..., "partition": ..., "offset": ...}; only "payload" is required.
// An optional "format" names the payload's format. A line that is not such an
// envelope yields an invalid_envelope dead letter. `format` applies to
// envelopes that name none (empty: detect).
ProcessSummary ProcessEnvelopes(Pipeline& pipeline, std::istream& in, std::FILE* out,
                                const std::string& format = "");

}  // namespace dateline
