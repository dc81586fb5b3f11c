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
#include "geo/gazetteer.h"
#include "dedup/kafka_store.h"
#include "kafka/daemon.h"
#include "observe/http_server.h"
#include "observe/notify.h"
#include "offline/process.h"
#include "pipeline/pipeline.h"
#include "runtime/monitor.h"
#include "runtime/reload.h"

namespace dateline {
namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signals{0};
std::atomic<bool> g_reload{false};  // SIGHUP: rebuild the pipeline (runtime/reload.h)

extern "C" void OnReloadSignal(int) { g_reload.store(true); }

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
  struct sigaction hup = {};
  hup.sa_handler = OnReloadSignal;
  sigemptyset(&hup.sa_mask);
  sigaction(SIGHUP, &hup, nullptr);
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

// The command line's config overrides; false after printing a malformed --set.
bool Overrides(const CommonOptions& o, std::vector<ConfigOverride>* overrides) {
  for (const auto& s : o.sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::fprintf(stderr, "error: --set %s: expected key=value\n", s.c_str());
      return false;
    }
    overrides->push_back({s.substr(0, eq), s.substr(eq + 1), "flag --set " + s.substr(0, eq)});
  }
  if (!o.bootstrap.empty()) overrides->push_back({"kafka.common.bootstrap.servers", o.bootstrap, "flag --bootstrap-servers"});
  if (!o.log_level.empty()) overrides->push_back({"logging.level", o.log_level, "flag --log-level"});
  if (!o.log_format.empty()) overrides->push_back({"logging.format", o.log_format, "flag --log-format"});
  return true;
}

// Loads the config with environment and flag overrides; nullopt after printing the problems.
std::optional<Config> Load(const CommonOptions& o, bool* usage_error) {
  std::vector<ConfigOverride> overrides;
  if (!Overrides(o, &overrides)) {
    *usage_error = true;
    return std::nullopt;
  }
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

// SIGHUP: reads the config file again (with the same environment and flags)
// and builds a new pipeline from it. Only the pipeline and formats sections
// (reference data, dictionaries, format rules) change at run time; other
// changes are reported and wait for a restart.
// The dedup store (shared with the running pipeline, already started) carries over.
std::unique_ptr<PipelineGeneration> Rebuild(const CommonOptions& o, const Config& running, ServiceMonitor* monitor,
                                            const std::shared_ptr<dedup::FingerprintStore>& dedup_store,
                                            std::string* error) {
  std::vector<ConfigOverride> overrides;
  Overrides(o, &overrides);  // already checked at start-up
  ConfigResult result = LoadConfig(o.config_path, ProcessEnvironment(), overrides);
  if (!result.config) {
    *error = o.config_path + ":";
    for (const auto& e : result.errors) *error += " " + e.ToString() + ";";
    return nullptr;
  }
  auto gen = std::make_unique<PipelineGeneration>();
  gen->config = std::move(*result.config);
  const Config& c = gen->config;
  std::vector<std::string> restart;
  if (c.kafka.common != running.kafka.common || c.kafka.consumer != running.kafka.consumer ||
      c.kafka.producer != running.kafka.producer) {
    restart.push_back("kafka");
  }
  if (c.topics.input != running.topics.input || c.topics.output != running.topics.output ||
      c.topics.dead_letter != running.topics.dead_letter || c.group_id != running.group_id) {
    restart.push_back("topics/group");
  }
  if (c.limits.shutdown_timeout_ms != running.limits.shutdown_timeout_ms) restart.push_back("limits.shutdown_timeout_ms");
  if (c.observe.listen != running.observe.listen) restart.push_back("observe.listen");
  for (const auto& r : restart) {
    ComponentLogger("reload")->warn("reload: {} changed; that takes effect only after a restart", r);
  }
  auto pipeline = BuildPipeline(c, error, dedup_store);
  if (!pipeline) return nullptr;
  gen->pipeline = monitor->Instrument(std::move(pipeline));
  return gen;
}

int RunDaemon(const CommonOptions& o, bool dry_run) {
  bool usage = false;
  auto config = Load(o, &usage);
  if (!config) return kExitUsage;
  if (auto errors = CheckDaemonConfig(*config); !errors.empty()) {
    for (const auto& e : errors) std::fprintf(stderr, "error: %s\n", e.ToString().c_str());
    return kExitUsage;
  }
  SetupLogging(config->logging);
  LogProperties("common", config->kafka.common);
  LogProperties("consumer", config->kafka.consumer);
  LogProperties("producer", config->kafka.producer);
  if (dry_run) spdlog::warn("dry run: consuming and processing, producing nothing, committing nothing");
  // Signals first: a stop or reload during start-up is then honoured, not fatal.
  InstallSignalHandlers();
  ServiceMonitor monitor(config->observe, observe::SystemdNotifier::FromEnvironment(ProcessEnvironment(), getpid()),
                         &g_reload, dry_run);
  std::string error;
  if (!monitor.StartHttp(&error)) {
    spdlog::critical("observe.listen: {}", error);
    return kExitRuntimeError;
  }
  // Dedup state shared by every instance through Kafka; the daemon replays it before it consumes.
  // A dry run writes nothing, not even dedup state: it keeps its window in memory.
  std::shared_ptr<dedup::KafkaFingerprintStore> dedup_store;
  if (config->dedup.enabled && !dry_run) {
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
  auto initial = std::make_unique<PipelineGeneration>();
  initial->config = *config;
  initial->pipeline = monitor.Instrument(std::move(pipeline));
  PipelineReloader reloader(
      std::move(initial), [&](std::string* err) { return Rebuild(o, *config, &monitor, dedup_store, err); },
      [&](bool ok, const std::string&) { monitor.OnReloadResult(ok); });
  monitor.SetReloader(&reloader);
  Daemon daemon(*config, reloader.current_pipeline(), &g_stop);
  monitor.WatchEngine(&daemon.status());  // /readyz follows the engine's connection state
  DaemonRuntime runtime;
  runtime.observer = &monitor;
  runtime.dry_run = dry_run;
  runtime.stats_interval_ms = static_cast<int>(config->observe.stats_interval_ms);
  daemon.Attach(runtime);
  const int code = daemon.Run();
  monitor.WatchEngine(nullptr);
  monitor.SetReloader(nullptr);
  return code;
}

// `dateline healthcheck`: GET /healthz (or --path) of a running daemon; exit 0 on 200.
int HealthCheck(const CommonOptions& o, std::string address, const std::string& path, int timeout_ms) {
  if (address.empty()) {
    bool usage = false;
    auto config = Load(o, &usage);
    if (!config) return kExitUsage;
    address = config->observe.listen;
    if (address.empty()) {
      std::fprintf(stderr, "error: observe.listen is off: no endpoint to check\n");
      return kExitUsage;
    }
  }
  std::string host, body, error;
  uint16_t port = 0;
  if (!observe::SplitHostPort(address, &host, &port) || port == 0) {
    std::fprintf(stderr, "error: expected host:port with a fixed port, got '%s'\n", address.c_str());
    return kExitUsage;
  }
  if (host.empty() || host == "0.0.0.0") host = "127.0.0.1";
  if (host == "::") host = "::1";
  const int status = observe::HttpGet(host, port, path, std::chrono::milliseconds(timeout_ms), &body, &error);
  if (status < 0) {
    std::fprintf(stderr, "unhealthy: %s:%u%s: %s\n", host.c_str(), port, path.c_str(), error.c_str());
    return kExitRuntimeError;
  }
  std::printf("%d %s", status, body.c_str());
  return status == 200 ? kExitOk : kExitRuntimeError;
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
  const GazetteerFiles geo = DefaultGazetteerFiles();
  std::printf("reference data: agencies=%s places=%s cities=%s countries=%s\n", config->pipeline.agencies_file.c_str(),
              geo.aliases_yaml.c_str(), geo.cities_pbf.c_str(), geo.iso3166_json.c_str());
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
  bool dry_run = false;
  run->add_flag("--dry-run", dry_run, "consume and process, but produce nothing and commit nothing");
  auto* process = app.add_subcommand("process", "run the same pipeline offline: files, or NDJSON envelopes on stdin");
  AddCommon(process, &process_options, false);
  process->add_option("files", files, "report files (one report each); none: read envelopes from stdin");
  std::string format;
  process->add_option("--format", format, "the inputs' format (default: detect each)")
      ->check(CLI::IsMember(KnownFormats()));
  auto* check = app.add_subcommand("check-config", "validate a configuration and report every problem");
  AddCommon(check, &check_options, true);
  auto* version = app.add_subcommand("version", "print the version");
  CommonOptions health_options;
  std::string health_address, health_path = "/healthz";
  int health_timeout_ms = 2000;
  auto* health = app.add_subcommand("healthcheck", "ask a running daemon's /healthz (for container HEALTHCHECKs)");
  AddCommon(health, &health_options, false);
  health->add_option("--address", health_address, "host:port (default: observe.listen from --config)");
  health->add_option("--path", health_path, "the endpoint: /healthz or /readyz");
  health->add_option("--timeout-ms", health_timeout_ms, "give up after this long");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (*run) return RunDaemon(run_options, dry_run);
  if (*health) return HealthCheck(health_options, health_address, health_path, health_timeout_ms);
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
