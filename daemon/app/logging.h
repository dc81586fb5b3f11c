// Logging set-up: spdlog's default logger on stderr, as human-readable text
// or as one JSON object per line (for journald and container log collectors).
// Call once at start-up, before other threads log.
#pragma once

#include <spdlog/spdlog.h>

#include <memory>
#include <string>

#include "config/config.h"

namespace dateline {

// `level`: trace..off; `format`: "text" or "json". Returns false on a bad value.
bool SetupLogging(const std::string& level, const std::string& format);

// The default logger at `config.level` plus one logger per component of
// LogComponents() ("main" is the default logger) at its own level, all
// writing to the same sink in the same format. Returns false on a bad value.
bool SetupLogging(const LoggingConfig& config);

// The logger of a component (the default logger when none was set up).
std::shared_ptr<spdlog::logger> ComponentLogger(const std::string& component);

// Shown in logs in place of a secret value.
inline constexpr const char* kRedacted = "[redacted]";

}  // namespace dateline
