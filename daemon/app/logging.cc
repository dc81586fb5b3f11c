#include "app/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>

#include "sink/json_writer.h"
#include "sink/record_json.h"

namespace dateline {
namespace {

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    line_.clear();
    JsonWriter w(&line_);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count();
    const auto level = spdlog::level::to_string_view(msg.level);
    w.BeginObject();
    w.Field("time", IsoTimestamp(ms));
    w.Field("level", std::string_view(level.data(), level.size()));
    w.Field("logger", std::string_view(msg.logger_name.data(), msg.logger_name.size()));
    w.Field("msg", std::string_view(msg.payload.data(), msg.payload.size()));
    w.Key("thread").Int(static_cast<int64_t>(msg.thread_id));
    w.EndObject();
    line_.push_back('\n');
    dest.append(line_.data(), line_.data() + line_.size());
  }

  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonFormatter>(); }

 private:
  std::string line_;
};

}  // namespace

namespace {

bool Setup(const std::string& level, const std::string& format, bool to_stdout) {
  const auto parsed = spdlog::level::from_str(level);
  if (parsed == spdlog::level::off && level != "off") return false;
  if (format != "text" && format != "json") return false;
  spdlog::drop("dateline");
  auto logger = to_stdout ? spdlog::stdout_color_mt("dateline") : spdlog::stderr_color_mt("dateline");
  if (format == "json") {
    logger->set_formatter(std::make_unique<JsonFormatter>());
  } else {
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  }
  logger->set_level(parsed);
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
  return true;
}

}  // namespace

bool SetupLogging(const std::string& level, const std::string& format) { return Setup(level, format, false); }

bool SetupLogging(const LoggingConfig& config) {
  if (!Setup(config.level, config.format, config.output == "stdout")) return false;
  auto main = spdlog::default_logger();
  for (const auto& name : LogComponents()) {
    if (name == "main") continue;
    spdlog::drop(name);
    auto logger = std::make_shared<spdlog::logger>(name, main->sinks().begin(), main->sinks().end());
    if (config.format == "json") {
      logger->set_formatter(std::make_unique<JsonFormatter>());
    } else {
      logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [%n] %v");
    }
    logger->set_level(main->level());
    logger->flush_on(spdlog::level::info);
    spdlog::register_logger(logger);
  }
  for (const auto& [name, level] : config.components) {
    const auto parsed = spdlog::level::from_str(level);
    if (parsed == spdlog::level::off && level != "off") return false;
    (name == "main" ? main : spdlog::get(name))->set_level(parsed);
  }
  return true;
}

std::shared_ptr<spdlog::logger> ComponentLogger(const std::string& component) {
  auto logger = component == "main" ? nullptr : spdlog::get(component);
  return logger ? logger : spdlog::default_logger();
}

}  // namespace dateline
