// RAII owners for the librdkafka objects the engine passes around. Clients,
// messages, metadata and errors are held by std::unique_ptr directly (their
// C++ destructors release them); these cover what has no owner of its own.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace dateline {

// Owns the TopicPartition objects of a list handed to librdkafka.
struct PartitionList {
  std::vector<RdKafka::TopicPartition*> items;
  PartitionList() = default;
  PartitionList(const PartitionList&) = delete;
  PartitionList& operator=(const PartitionList&) = delete;
  ~PartitionList() { RdKafka::TopicPartition::destroy(items); }
  void Add(const std::string& topic, int32_t partition, int64_t offset) {
    items.push_back(RdKafka::TopicPartition::create(topic, partition, offset));
  }
};

using ErrorPtr = std::unique_ptr<RdKafka::Error>;
using GroupMetadataPtr = std::unique_ptr<RdKafka::ConsumerGroupMetadata>;

// librdkafka properties a delivery mode needs on one client: `defaults` yield
// to the user's properties, `managed` override them.
struct ClientProperties {
  std::map<std::string, std::string> defaults;
  std::map<std::string, std::string> managed;
};

}  // namespace dateline
