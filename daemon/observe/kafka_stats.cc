#include "observe/kafka_stats.h"

#include <nlohmann/json.hpp>

namespace dateline::observe {

bool ParseKafkaStats(std::string_view json, KafkaStats* out, std::string* error) {
  const nlohmann::json doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    *error = "statistics are not a JSON object";
    return false;
  }
  KafkaStats s;
  s.type = doc.value("type", "");
  s.queued_messages = doc.value("msg_cnt", int64_t{0});
  s.tx_retries = doc.value("txretries", int64_t{0});
  if (const auto brokers = doc.find("brokers"); brokers != doc.end() && brokers->is_object()) {
    for (const auto& [name, b] : brokers->items()) {
      // Bootstrap entries have nodeid -1; they turn into real brokers once known.
      if (b.is_object() && b.value("nodeid", -1) >= 0 && b.value("state", "") == "UP") ++s.brokers_up;
    }
  }
  if (const auto topics = doc.find("topics"); topics != doc.end() && topics->is_object()) {
    for (const auto& [topic, t] : topics->items()) {
      if (!t.is_object() || !t.contains("partitions") || !t["partitions"].is_object()) continue;
      for (const auto& [key, p] : t["partitions"].items()) {
        if (!p.is_object()) continue;
        const int32_t partition = p.value("partition", -1);
        // -1 is the internal unassigned-messages partition; "none" means not fetched by us.
        if (partition < 0 || p.value("fetch_state", "none") == "none") continue;
        int64_t lag = p.value("consumer_lag", int64_t{-1});
        // No committed offset yet: an empty partition has nothing to catch up on.
        const int64_t hi = p.value("hi_offset", int64_t{-1});
        if (lag < 0 && hi >= 0 && hi == p.value("lo_offset", int64_t{-1})) lag = 0;
        if (lag < 0) continue;
        s.lags.push_back({topic, partition, lag});
      }
    }
  }
  *out = std::move(s);
  return true;
}

}  // namespace dateline::observe
