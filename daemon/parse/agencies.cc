#include "parse/agencies.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <fstream>
#include <sstream>

namespace dateline {

std::string FoldTag(std::string_view tag) {
  std::string out;
  bool space = false;
  for (char c : tag) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

std::optional<AgencyTable> AgencyTable::LoadFile(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read agency table " + path;
    return std::nullopt;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  auto table = Parse(ss.str(), error);
  if (!table) *error = path + ": " + *error;
  return table;
}

std::optional<AgencyTable> AgencyTable::Parse(const std::string& yaml, std::string* error) {
  AgencyTable table;
  try {
    const YAML::Node root = YAML::Load(yaml);
    const YAML::Node list = root["agencies"];
    if (!list || !list.IsSequence()) {
      *error = "expected a list under 'agencies'";
      return std::nullopt;
    }
    for (const auto& item : list) {
      const std::string line = "line " + std::to_string(item.Mark().line + 1);
      if (!item.IsMap() || !item["code"] || !item["code"].IsScalar() || item["code"].Scalar().empty()) {
        *error = line + ": each agency needs a non-empty 'code'";
        return std::nullopt;
      }
      AgencyEntry entry;
      entry.code = item["code"].Scalar();
      if (item["name"]) entry.name = item["name"].as<std::string>();
      if (item["aliases"]) entry.aliases = item["aliases"].as<std::vector<std::string>>();
      if (item["signoffs"]) entry.signoffs = item["signoffs"].as<std::vector<std::string>>();
      entry.aliases.push_back(entry.code);
      const size_t index = table.entries_.size();
      for (const auto& alias : entry.aliases) {
        const auto [it, inserted] = table.by_alias_.emplace(FoldTag(alias), index);
        if (!inserted && it->second != index) {
          *error = line + ": alias '" + alias + "' of " + entry.code + " already belongs to " +
                   table.entries_[it->second].code;
          return std::nullopt;
        }
      }
      table.entries_.push_back(std::move(entry));
    }
  } catch (const YAML::Exception& e) {
    *error = "line " + std::to_string(e.mark.line + 1) + ": " + e.msg;
    return std::nullopt;
  }
  return table;
}

const AgencyEntry* AgencyTable::Find(std::string_view tag) const {
  const auto it = by_alias_.find(FoldTag(tag));
  return it == by_alias_.end() ? nullptr : &entries_[it->second];
}

}  // namespace dateline
