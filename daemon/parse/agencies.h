// AgencyTable: the wire agencies dateline knows, loaded from a YAML file that
// users may edit (config/agencies.yaml). Immutable once loaded; safe to share
// between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dateline {

struct AgencyEntry {
  std::string code;
  std::string name;
  std::vector<std::string> aliases;
  std::vector<std::string> signoffs;
};

class AgencyTable {
 public:
  // Returns the table, or nullopt with a message naming the problem in *error.
  static std::optional<AgencyTable> LoadFile(const std::string& path, std::string* error);
  static std::optional<AgencyTable> Parse(const std::string& yaml, std::string* error);

  // Looks a tag up by alias, ignoring case and inner spacing; nullptr if unknown.
  const AgencyEntry* Find(std::string_view tag) const;
  size_t size() const { return entries_.size(); }

 private:
  std::vector<AgencyEntry> entries_;
  std::unordered_map<std::string, size_t> by_alias_;
};

// Lower-cases ASCII, trims and collapses runs of spaces: the key used for aliases.
std::string FoldTag(std::string_view tag);

}  // namespace dateline
