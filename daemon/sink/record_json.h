// Serialization of records and dead letters: the one place JSON is written.
//
// Spans ("start", "end") are written as Unicode code point offsets into
// "text" (the indexes Python's str and most JSON consumers use), converted
// from the byte offsets that stages keep.
#pragma once

#include <cstdint>
#include <string>

#include "core/record.h"
#include "core/verdict.h"

namespace dateline {

// Appends one record as a single-line JSON object (no trailing newline).
void AppendRecordJson(const Record& record, std::string* out);

// Appends the dead-letter form of a rejected input: the error, the source and
// the original payload (as "payload" if it is UTF-8, else "payload_base64").
void AppendDeadLetterJson(const Record& record, const Verdict& verdict, std::string* out);

// "2025-10-29T08:15:00.000Z" for a timestamp in milliseconds since the epoch.
std::string IsoTimestamp(int64_t timestamp_ms);

std::string Base64(std::string_view bytes);

}  // namespace dateline
