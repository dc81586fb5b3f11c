// Lexicon: the reference data of the enrichment stages, indexed by phrase
// hash (see tokenize.h): countries, demonyms, first-level subdivisions and
// cities from the Gazetteer; organisations and titles from config/; and the
// small closed word classes the rules need (connectors, cue verbs, heads).
//
// Built once at start-up, immutable afterwards, safe to share between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
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

// The entries of one phrase, most preferred first (organisations, countries,
// demonyms, regions, subdivisions, then cities by population).
using LexList = std::span<const LexEntry>;

struct OrgInfo {
  std::string name;     // canonical
  std::string kind;     // government, party, militant, company, international, agency, ...
  std::string acronym;  // first acronym, if any
  std::string country;  // ISO 3166-1 alpha-2 for a national body; picks among bodies sharing a name
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
  kTerrain = 1 << 18,      // mountains, river, station: a lower-case feature or built place after a place name
  kTermHead = 1 << 19,     // Index, Product, Tax: ends a term defined with an acronym, not a body
  kPhraseWord = 1 << 20,   // military, in: a lower-case word inside or ending some lexicon phrase
  kCompanySuffix = 1 << 21, // Corp, Inc, Ltd, Motor: after a known company's name, still that company
  kCasedStart = 1 << 22,   // starts a phrase listed in capitals (UN, WHO, USA): see Lexicon::FindCased
  kTitleModifier = 1 << 23, // Chief, Senior, Deputy: opens a title even at a sentence start
  kHyphenSuffix = 1 << 24,  // based, led, backed: after a hyphen, makes the name before it an adjective
  kNameSuffix = 1 << 25,    // Jr, Sr: ends a person's name; the word before it is the surname
  kPortfolio = 1 << 26,     // Planning, Affairs: a word of a minister's portfolio ("Minister for Planning and Development")
  kOrgNoun = 1 << 27,       // company, carrier, broadcaster: a lower-case noun naming the kind of body before its name
  kNotAPlace = 1 << 28,     // Ramadan, Urdu, Islam: a capitalised word after "in" that names no place
  kNoPlaceAfterIn = 1 << 29, // stake, article: "a stake in X", "an article in X" name no place
  kSportRole = 1 << 30,     // coach, striker, fans: after a city's name, its club ("Barcelona coach")
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
  const LexList* Find(uint64_t phrase_hash) const {
    const Slot* s = Probe(phrase_hash);
    return s && s->entries.size() ? &s->entries : nullptr;
  }
  // Entries of a phrase listed in capitals ("UN", "WHO", "U.S.A.", "SSP"):
  // such a phrase names its entry only where the text writes it in capitals
  // too, so "Kim Jong Un" holds no UN and "Who" no WHO. The caller checks
  // the case (Builder::WrittenInCapitals); nullptr if none.
  const LexList* FindCased(uint64_t phrase_hash) const { return Find(phrase_hash ^ kCasedSalt); }
  // Longest phrase (in words) that starts with this word; 0 if none.
  int MaxWords(uint64_t first_word_hash) const {
    const Slot* s = Probe(first_word_hash ^ 0x5bd1e9955bd1e995ull);
    return s ? s->max_words : 0;
  }
  // The WordClass bits of a word; asked once per token, so a flat table.
  uint32_t Classes(uint64_t word_hash) const {
    for (size_t i = (word_hash ^ (word_hash >> 29)) & class_mask_;; i = (i + 1) & class_mask_) {
      const ClassSlot& s = class_table_[i];
      if (s.classes == 0 || s.key == word_hash) return s.classes;
    }
  }
  bool Is(uint64_t word_hash, uint32_t cls) const { return (Classes(word_hash) & cls) != 0; }

  const Gazetteer& gazetteer() const { return *gazetteer_; }
  const std::vector<OrgInfo>& orgs() const { return orgs_; }
  const std::vector<std::string>& regions() const { return regions_; }
  // A region's country when it lies in one ("Darfur" -> SD), else empty.
  const std::string& region_country(uint32_t i) const { return region_countries_[i]; }
  size_t phrases() const { return phrase_count_; }

 private:
  // Open addressing over phrase hashes and first-word hashes (one table):
  // built once from `pending_`, no allocation per phrase.
  struct Slot {
    uint64_t key = 0;  // 0: empty
    LexList entries;   // when the key is a phrase
    uint8_t max_words = 0;  // when the key is a first word
  };
  struct Pending {
    uint64_t hash;
    uint64_t first;
    uint32_t seq;
    uint8_t words;
    LexEntry entry;
  };
  static constexpr uint64_t kCasedSalt = 0x9ae16a3b2f90404full;
  const Slot* Probe(uint64_t key) const {
    if (key == 0) key = 1;
    for (size_t i = key & mask_;; i = (i + 1) & mask_) {
      if (table_[i].key == key) return &table_[i];
      if (table_[i].key == 0) return nullptr;
    }
  }
  Slot& Insert(uint64_t key);
  void Build();
  void Add(std::string_view phrase, LexEntry entry);
  void AddClass(std::initializer_list<const char*> words, WordClass cls);

  std::shared_ptr<const Gazetteer> gazetteer_;
  std::vector<Pending> pending_;  // during Load only
  std::vector<LexEntry> entries_;  // grouped by phrase
  std::vector<Slot> table_;
  size_t mask_ = 0;
  size_t phrase_count_ = 0;
  std::unordered_map<uint64_t, uint32_t> classes_;  // during Load only
  struct ClassSlot {
    uint64_t key = 0;
    uint32_t classes = 0;  // 0: empty (a listed word has at least one class)
  };
  void BuildClasses();  // classes_ -> class_table_, at most half full
  std::vector<ClassSlot> class_table_ = std::vector<ClassSlot>(1);
  size_t class_mask_ = 0;
  std::vector<OrgInfo> orgs_;
  std::vector<std::string> regions_;
  std::vector<std::string> region_countries_;
};

}  // namespace dateline::enrich
