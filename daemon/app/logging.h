// Logging set-up: spdlog's default logger on stderr, as human-readable text
// or as one JSON object per line (for journald and container log collectors).
// Call once at start-up, before other threads log.
#pragma once

#include <string>

namespace dateline {

// `level`: trace..off; `format`: "text" or "json". Returns false on a bad value.
bool SetupLogging(const std::string& level, const std::string& format);

// Shown in logs in place of a secret value.
inline constexpr const char* kRedacted = "[redacted]";

}  // namespace dateline
