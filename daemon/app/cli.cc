#include "app/cli.h"

#include <librdkafka/rdkafkacpp.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "app/logging.h"
#include "config/config.h"
#include "dedup/kafka_store.h"
#include "kafka/daemon.h"
#include "offline/process.h"
#include "pipeline/pipeline.h"

namespace dateline {
namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signals{0};

// First SIGTERM/SIGINT asks for an orderly stop; a second one exits at once.
extern "C" void OnStopSignal(int) {
  if (g_signals.fetch_add(1) >= 1) _exit(kExitSecondSignal);
  g_stop.store(true);
}

void InstallSignalHandlers() {
  struct sigaction sa = {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

struct CommonOptions {
  std::string config_path;
  std::string log_level;
  std::string log_format;
  std::string bootstrap;
  std::vector<std::string> sets;  // key=value
};

void AddCommon(CLI::App* sub, CommonOptions* o, bool config_required) {
  auto* config = sub->add_option("-c,--config", o->config_path, "YAML configuration file");
  if (config_required) config->required();
  sub->add_option("--log-level", o->log_level, "trace, debug, info, warn, error, critical or off");
  sub->add_option("--log-format", o->log_format, "text or json");
  sub->add_option("--bootstrap-servers", o->bootstrap, "Kafka bootstrap address (kafka.common.bootstrap.servers)");
  sub->add_option("--set", o->sets, "override any key: --set topics.output=records (repeatable)");
}

void PrintErrors(const ConfigResult& result, const std::vector<ConfigError>& extra = {}) {
  for (const auto& w : result.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  for (const auto& e : result.errors) std::fprintf(stderr, "error: %s\n", e.ToString().c_str());
  for (const auto& e : extra) std::fprintf(stderr, "error: %s\n", e.ToString().c_str());
}

// Loads the config with environment and flag overrides; nullopt after printing the problems.
std::optional<Config> Load(const CommonOptions& o, bool* usage_error) {
  std::vector<ConfigOverride> overrides;
  for (const auto& s : o.sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::fprintf(stderr, "error: --set %s: expected key=value\n", s.c_str());
      *usage_error = true;
      return std::nullopt;
    }
    overrides.push_back({s.substr(0, eq), s.substr(eq + 1), "flag --set " + s.substr(0, eq)});
  }
  if (!o.bootstrap.empty()) overrides.push_back({"kafka.common.bootstrap.servers", o.bootstrap, "flag --bootstrap-servers"});
  if (!o.log_level.empty()) overrides.push_back({"logging.level", o.log_level, "flag --log-level"});
  if (!o.log_format.empty()) overrides.push_back({"logging.format", o.log_format, "flag --log-format"});
  ConfigResult result = LoadConfig(o.config_path, ProcessEnvironment(), overrides);
  if (!result.config) {
    PrintErrors(result);
    *usage_error = true;
    return std::nullopt;
  }
  for (const auto& w : result.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  return std::move(result.config);
}

void LogProperties(const std::string& section, const KafkaProperties& props) {
  for (const auto& [key, value] : props) {
    spdlog::debug("kafka.{}.{}={}", section, key, IsSecretProperty(key) ? kRedacted : value);
  }
}

int RunDaemon(const CommonOptions& o) {
  bool usage = false;
  auto config = Load(o, &usage);
  if (!config) return kExitUsage;
  if (auto errors = CheckDaemonConfig(*config); !errors.empty()) {
    for (const auto& e : errors) std::fprintf(stderr, "error: %s\n", e.ToString().c_str());
    return kExitUsage;
  }
  SetupLogging(config->logging.level, config->logging.format);
  LogProperties("common", config->kafka.common);
  LogProperties("consumer", config->kafka.consumer);
  LogProperties("producer", config->kafka.producer);
  std::string error;
  // Dedup state shared by every instance through Kafka; the daemon replays it before it consumes.
  std::shared_ptr<dedup::KafkaFingerprintStore> dedup_store;
  if (config->dedup.enabled) {
    dedup_store = dedup::KafkaFingerprintStore::Create(config->kafka, config->dedup, config->group_id, &error);
    if (!dedup_store) {
      spdlog::critical("cannot start the dedup state store: {}", error);
      return kExitRuntimeError;
    }
  }
  auto pipeline = BuildPipeline(*config, &error, dedup_store);
  if (!pipeline) {
    spdlog::critical("cannot build the pipeline: {}", error);
    return kExitUsage;
  }
  InstallSignalHandlers();
  Daemon daemon(*config, pipeline.get(), &g_stop);
  return daemon.Run();
}

int RunProcess(const CommonOptions& o, const std::vector<std::string>& files, const std::string& format) {
  bool usage = false;
  auto config = Load(o, &usage);
  if (!config) return kExitUsage;
  SetupLogging(o.log_level.empty() && o.config_path.empty() ? "warn" : config->logging.level, config->logging.format);
  std::string error;
  auto pipeline = BuildPipeline(*config, &error);
  if (!pipeline) {
    spdlog::critical("cannot build the pipeline: {}", error);
    return kExitUsage;
  }
  const ProcessSummary summary = files.empty() ? ProcessEnvelopes(*pipeline, std::cin, stdout, format)
                                               : ProcessFiles(*pipeline, files, stdout, format);
  spdlog::info("processed inputs={} records={} dead_letters={}", summary.inputs, summary.records, summary.dead_letters);
  return kExitOk;
}

int CheckConfig(const CommonOptions& o) {
  std::vector<ConfigOverride> none;
  bool usage = false;
  auto config = Load(o, &usage);
  if (!config) return kExitUsage;
  std::vector<ConfigError> errors = CheckDaemonConfig(*config);
  std::string error;
  if (!BuildPipeline(*config, &error)) errors.push_back({"pipeline", "", error});
  if (!errors.empty()) {
    for (const auto& e : errors) std::fprintf(stderr, "error: %s\n", e.ToString().c_str());
    return kExitUsage;
  }
  std::printf("%s: configuration is valid\n", o.config_path.c_str());
  return kExitOk;
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{"dateline: raw news wire reports from Kafka in, structured JSON records out"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "help for every subcommand");

  CommonOptions run_options, process_options, check_options;
  std::vector<std::string> files;
  auto* run = app.add_subcommand("run", "run the daemon: consume, process, produce (at-least-once)");
  AddCommon(run, &run_options, true);
  auto* process = app.add_subcommand("process", "run the same pipeline offline: files, or NDJSON envelopes on stdin");
  AddCommon(process, &process_options, false);
  process->add_option("files", files, "report files (one report each); none: read envelopes from stdin");
  std::string format;
  process->add_option("--format", format, "the inputs' format (default: detect each)")
      ->check(CLI::IsMember(KnownFormats()));
  auto* check = app.add_subcommand("check-config", "validate a configuration and report every problem");
  AddCommon(check, &check_options, true);
  auto* version = app.add_subcommand("version", "print the version");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (*run) return RunDaemon(run_options);
  if (*process) return RunProcess(process_options, files, format);
  if (*check) return CheckConfig(check_options);
  if (*version) {
    std::printf("dateline %s (record schema v%d, librdkafka %s)\n", DATELINE_VERSION, kSchemaVersion,
                RdKafka::version_str().c_str());
    return kExitOk;
  }
  return kExitUsage;
}

}  // namespace dateline
