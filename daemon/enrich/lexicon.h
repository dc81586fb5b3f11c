// Lexicon: the reference data of the enrichment stages, indexed by phrase
// hash (see tokenize.h): countries, demonyms, first-level subdivisions and
// cities from the Gazetteer; organisations and titles from config/; and the
// small closed word classes the rules need (connectors, cue verbs, heads).
//
// Built once at start-up, immutable afterwards, safe to share between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "geo/gazetteer.h"

namespace dateline::enrich {

enum class LexKind : uint8_t { kOrg, kCountry, kDemonym, kAdmin1, kCity, kTitle, kRegion, kRegionAdjective };

struct LexEntry {
  LexKind kind;
  uint32_t ref;  // index into orgs(), gazetteer countries/subdivisions/places; titles: 0
};

struct OrgInfo {
  std::string name;     // canonical
  std::string kind;     // government, party, militant, company, international, agency, ...
  std::string acronym;  // first acronym, if any
};

// Word classes used by the rules, keyed by folded-word hash.
enum WordClass : uint32_t {
  kConnector = 1 << 0,     // of, al, bin, de ... allowed inside a name
  kStopStart = 1 << 1,     // a capitalised sentence opener that is no name (The, But, Police...)
  kNever = 1 << 2,         // never part of a name (days, months)
  kOrgHead = 1 << 3,       // Ministry, Party, Council ... ends an organisation name
  kAgreementHead = 1 << 4, // Agreement, Accord, Treaty
  kLawHead = 1 << 5,       // Act, Law, Bill
  kEventHead = 1 << 6,     // Cup, Games, Summit, Election
  kCue = 1 << 7,           // said, added, told ...
  kPronoun = 1 << 8,       // he, she, they (speaker pronouns)
  kRole = 1 << 9,          // lower-case role nouns: minister, spokesman, coach
  kHonorific = 1 << 10,    // Mr, Dr, Gen: may be followed by '.'
  kPlaceCue = 1 << 11,     // in, at, from, near: a place may follow
  kAdminWord = 1 << 12,    // province, state, region
  kGroupPlural = 1 << 13,  // police, officials: plural speakers ("police said")
  kEventPrefix = 1 << 14,  // Typhoon, Operation: names an event that follows
  kPlaceHead = 1 << 15,    // River, Stadium, Airport: ends a place name
  kPlacePrefix = 1 << 16,  // Mount, Lake: starts a place name
  kCompass = 1 << 17,      // Northern, South: may start a place name
};

class Lexicon {
 public:
  struct Files {
    std::string organizations_yaml;
    std::string titles_yaml;
  };
  // nullptr with *error on failure. `gazetteer` must outlive the Lexicon.
  static std::unique_ptr<Lexicon> Load(std::shared_ptr<const Gazetteer> gazetteer, const Files& files,
                                       std::string* error);

  // Entries for a phrase hash (nullptr if none).
  const std::vector<LexEntry>* Find(uint64_t phrase_hash) const {
    const auto it = phrases_.find(phrase_hash);
    return it == phrases_.end() ? nullptr : &it->second;
  }
  // Longest phrase (in words) that starts with this word; 0 if none.
  int MaxWords(uint64_t first_word_hash) const {
    const auto it = first_.find(first_word_hash);
    return it == first_.end() ? 0 : it->second;
  }
  uint32_t Classes(uint64_t word_hash) const {
    const auto it = classes_.find(word_hash);
    return it == classes_.end() ? 0 : it->second;
  }
  bool Is(uint64_t word_hash, uint32_t cls) const { return (Classes(word_hash) & cls) != 0; }

  const Gazetteer& gazetteer() const { return *gazetteer_; }
  const std::vector<OrgInfo>& orgs() const { return orgs_; }
  const std::vector<std::string>& regions() const { return regions_; }
  // A region's country when it lies in one ("Darfur" -> SD), else empty.
  const std::string& region_country(uint32_t i) const { return region_countries_[i]; }
  size_t phrases() const { return phrases_.size(); }

 private:
  void Add(std::string_view phrase, LexEntry entry);
  void AddClass(std::initializer_list<const char*> words, WordClass cls);

  std::shared_ptr<const Gazetteer> gazetteer_;
  std::unordered_map<uint64_t, std::vector<LexEntry>> phrases_;
  std::unordered_map<uint64_t, uint8_t> first_;
  std::unordered_map<uint64_t, uint32_t> classes_;
  std::vector<OrgInfo> orgs_;
  std::vector<std::string> regions_;
  std::vector<std::string> region_countries_;
};

}  // namespace dateline::enrich
