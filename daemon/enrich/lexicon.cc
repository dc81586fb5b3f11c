#include "enrich/lexicon.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "enrich/tokenize.h"

namespace dateline::enrich {
namespace {

std::vector<std::string> Strings(const YAML::Node& node) {
  std::vector<std::string> out;
  if (!node) return out;
  if (node.IsScalar()) {
    out.push_back(node.as<std::string>());
  } else {
    for (const auto& item : node) out.push_back(item.as<std::string>());
  }
  return out;
}

}  // namespace

void Lexicon::Add(std::string_view phrase, LexEntry entry) {
  const std::string folded = FoldName(phrase);
  if (folded.empty()) return;
  uint64_t h = kPhraseSeed, first = 0;
  int words = 0;
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    const uint64_t w = HashFolded(std::string_view(folded).substr(start, end - start));
    if (words == 0) first = w;
    h = CombineHash(h, w);
    ++words;
    start = end + 1;
  }
  if (words > 8) return;
  // Listed in capitals (two or more letters, none lower case): kept apart, see FindCased.
  size_t upper = 0;
  bool lower = false;
  for (const char c : phrase) {
    upper += c >= 'A' && c <= 'Z';
    lower |= c >= 'a' && c <= 'z';
  }
  if (upper >= 2 && !lower) {
    h ^= kCasedSalt;
    classes_[first] |= kCasedStart;
  }
  // "Israeli military", "Board of Control for Cricket in India": lower-case words
  // inside or at the end of a phrase (Builder::Match and the chunker try only these).
  for (size_t space = phrase.find(' '); words > 1 && space != std::string_view::npos;
       space = phrase.find(' ', space + 1)) {
    if (space + 1 < phrase.size() && phrase[space + 1] >= 'a' && phrase[space + 1] <= 'z') {
      const size_t end = phrase.find(' ', space + 1);
      classes_[HashWord(phrase.substr(space + 1, end == std::string_view::npos ? end : end - space - 1))] |= kPhraseWord;
    }
  }
  pending_.push_back({h, first, static_cast<uint32_t>(pending_.size()), static_cast<uint8_t>(words), entry});
}

Lexicon::Slot& Lexicon::Insert(uint64_t key) {
  if (key == 0) key = 1;
  for (size_t i = key & mask_;; i = (i + 1) & mask_) {
    if (table_[i].key == key || table_[i].key == 0) {
      table_[i].key = key;
      return table_[i];
    }
  }
}

void Lexicon::Build() {
  std::sort(pending_.begin(), pending_.end(), [](const Pending& a, const Pending& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.seq < b.seq;
  });
  size_t capacity = 16;
  while (capacity < pending_.size() * 3) capacity <<= 1;  // phrases + first words, load <= 2/3
  table_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  entries_.clear();
  entries_.reserve(pending_.size());
  std::vector<std::pair<size_t, size_t>> ranges;  // per phrase: [begin, end) in entries_
  std::vector<uint64_t> keys;
  for (size_t i = 0; i < pending_.size();) {
    size_t j = i;
    const size_t begin = entries_.size();
    for (; j < pending_.size() && pending_[j].hash == pending_[i].hash; ++j) {
      bool dup = false;
      for (size_t k = begin; k < entries_.size(); ++k) {
        dup |= entries_[k].kind == pending_[j].entry.kind && entries_[k].ref == pending_[j].entry.ref;
      }
      if (!dup) entries_.push_back(pending_[j].entry);
    }
    ranges.emplace_back(begin, entries_.size());
    keys.push_back(pending_[i].hash);
    i = j;
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    Insert(keys[i]).entries = LexList(entries_.data() + ranges[i].first, ranges[i].second - ranges[i].first);
  }
  // First words, keyed by their own hash with a distinct salt so that a
  // one-word phrase and a first word share no slot by accident.
  for (const Pending& p : pending_) {
    Slot& s = Insert(p.first ^ 0x5bd1e9955bd1e995ull);
    s.max_words = std::max(s.max_words, p.words);
  }
  phrase_count_ = keys.size();
  pending_.clear();
  pending_.shrink_to_fit();
}

void Lexicon::BuildClasses() {
  size_t capacity = 16;
  while (capacity < classes_.size() * 2) capacity <<= 1;
  class_table_.assign(capacity, ClassSlot{});
  class_mask_ = capacity - 1;
  for (const auto& [key, classes] : classes_) {
    if (classes == 0) continue;
    size_t i = (key ^ (key >> 29)) & class_mask_;
    while (class_table_[i].classes != 0) i = (i + 1) & class_mask_;
    class_table_[i] = {key, classes};
  }
  classes_.clear();
}

void Lexicon::AddClass(std::initializer_list<const char*> words, WordClass cls) {
  for (const char* w : words) classes_[HashWord(w)] |= cls;
}

std::unique_ptr<Lexicon> Lexicon::Load(std::shared_ptr<const Gazetteer> gazetteer, const Files& files,
                                       std::string* error) {
  auto lex = std::make_unique<Lexicon>();
  lex->gazetteer_ = std::move(gazetteer);
  const Gazetteer& g = *lex->gazetteer_;
  lex->pending_.reserve(g.all_places().size() + 40000);
  // Organisations first: a name that is both an organisation and a place
  // ("Hamas" is no town) is listed first as the organisation.
  try {
    const YAML::Node root = YAML::LoadFile(files.organizations_yaml);
    for (const auto& item : root["organizations"]) {
      OrgInfo org;
      org.name = item["name"].as<std::string>();
      org.kind = item["kind"] ? item["kind"].as<std::string>() : "";
      org.country = item["country"] ? item["country"].as<std::string>() : "";
      if (!org.country.empty()) {
        const Country* c = org.country.size() == 2 ? g.FindCountry(org.country) : nullptr;
        if (!c) {
          *error = files.organizations_yaml + ": " + org.name + ": country must be an ISO 3166-1 alpha-2 code";
          return nullptr;
        }
        org.country = c->alpha2;
      }
      const auto acronyms = Strings(item["acronyms"]);
      if (!acronyms.empty()) org.acronym = acronyms.front();
      const auto ref = static_cast<uint32_t>(lex->orgs_.size());
      lex->orgs_.push_back(org);
      lex->Add(org.name, {LexKind::kOrg, ref});
      for (const auto& a : Strings(item["aliases"])) lex->Add(a, {LexKind::kOrg, ref});
      for (const auto& a : acronyms) lex->Add(a, {LexKind::kOrg, ref});
    }
  } catch (const YAML::Exception& e) {
    *error = files.organizations_yaml + ": " + e.what();
    return nullptr;
  }
  try {
    const YAML::Node root = YAML::LoadFile(files.titles_yaml);
    for (const auto& t : Strings(root["titles"])) lex->Add(t, {LexKind::kTitle, 0});
    for (const auto& t : Strings(root["honorifics"])) {
      lex->Add(t, {LexKind::kTitle, 0});
      lex->classes_[HashWord(t)] |= kHonorific;
    }
    for (const auto& t : Strings(root["roles"])) lex->classes_[HashWord(t)] |= kRole;
    for (const auto& t : Strings(root["portfolios"])) lex->classes_[HashWord(t)] |= kPortfolio;
  } catch (const YAML::Exception& e) {
    *error = files.titles_yaml + ": " + e.what();
    return nullptr;
  }
  const auto& countries = g.all_countries();
  for (uint32_t i = 0; i < countries.size(); ++i) {
    for (const auto& name : countries[i].names) lex->Add(name, {LexKind::kCountry, i});
  }
  // Demonyms: independent countries first ("French" is France's before the
  // French Southern Territories').
  for (int pass = 0; pass < 2; ++pass) {
    for (uint32_t i = 0; i < countries.size(); ++i) {
      if (countries[i].independent != (pass == 0)) continue;
      for (const auto& d : countries[i].demonyms) {
      lex->Add(d, {LexKind::kDemonym, i});
      // Plural nouns: "Afghans", "Pakistanis"; not "Chinese", "British".
      const char last = d.empty() ? 0 : d.back();
      if (last == 'n' || last == 'i' || last == 'e' || last == 'k' || last == 't') lex->Add(d + "s", {LexKind::kDemonym, i});
      }
    }
  }
  // Continents and regions: places without a country; their adjectives.
  static constexpr const char* kRegions[] = {
      "Africa", "Europe", "Asia", "Middle East", "Latin America", "South America", "North America",
      "Central America", "Central Africa", "West Africa", "East Africa", "North Africa", "Southern Africa",
      "Sub-Saharan Africa", "Southeast Asia", "South Asia", "Central Asia", "East Asia", "Asia-Pacific",
      "Asia Pacific", "Eastern Europe", "Western Europe", "Central Europe", "Caribbean", "Gulf", "Persian Gulf",
      "Balkans", "Sahel", "Horn of Africa", "Scandinavia", "Oceania", "Antarctica", "Arctic", "Pacific",
      "Atlantic", "Indian Ocean", "Mediterranean", "Red Sea", "Black Sea", "South China Sea", "Kashmir",
      "Tibet|CN", "Darfur|SD", "Gaza Strip|PS", "Gaza=Gaza Strip|PS", "West Bank|PS", "Crimea|UA", "Donbas|UA", "Kurdistan",
      "Siberia|RU", "Patagonia", "Himalayas", "Moon", "Mars", "Venus", "Jupiter"};
  // "Name|CC": a region in one country; "Alias=Name": another name of the region listed before it.
  for (const char* r : kRegions) {
    const std::string_view v(r);
    const size_t bar = v.find('|'), equals = v.find('=');
    if (equals != std::string_view::npos) {
      lex->Add(std::string(v.substr(0, equals)), {LexKind::kRegion, static_cast<uint32_t>(lex->regions_.size() - 1)});
      continue;
    }
    lex->regions_.emplace_back(v.substr(0, bar));
    lex->region_countries_.emplace_back(bar == std::string_view::npos ? "" : v.substr(bar + 1));
    lex->Add(lex->regions_.back(), {LexKind::kRegion, static_cast<uint32_t>(lex->regions_.size() - 1)});
  }
  static constexpr const char* kRegionAdjectives[] = {
      "African", "European", "Asian", "Latin American", "South American", "North American", "West African",
      "East African", "North African", "Southeast Asian", "South Asian", "Central Asian", "Arab", "Arabs",
      "Caribbean", "Balkan", "Scandinavian", "Nordic", "Gulf Arab", "Middle Eastern", "Kashmiri",
      "Tibetan", "Baloch", "Pashtun", "Kurdish", "Kurds", "Bavarian", "Catalan", "Sherpa", "Palestinians"};
  for (const char* r : kRegionAdjectives) {
    lex->regions_.push_back(r);
    lex->region_countries_.emplace_back();
    lex->Add(r, {LexKind::kRegionAdjective, static_cast<uint32_t>(lex->regions_.size() - 1)});
  }
  const auto& subs = g.all_subdivisions();
  for (uint32_t i = 0; i < subs.size(); ++i) {
    const std::string& name = subs[i].name;
    lex->Add(name, {LexKind::kAdmin1, i});
    // "Nord-Kivu", "Sud-Ouest": English copy writes the compass word in English ("North Kivu").
    for (const auto& [french, english] : {std::pair<std::string_view, std::string_view>{"Nord-Ouest", "North-West"},
                                          {"Nord-Est", "North-East"}, {"Sud-Ouest", "South-West"},
                                          {"Sud-Est", "South-East"}, {"Nord", "North"}, {"Sud", "South"}}) {
      if (name.size() > french.size() + 2 && name.compare(0, french.size(), french) == 0 &&
          (name[french.size()] == '-' || name[french.size()] == ' ')) {
        lex->Add(std::string(english) + " " + name.substr(french.size() + 1), {LexKind::kAdmin1, i});
        break;
      }
    }
    // "Guangdong Sheng", "Moskovskaya oblast'": also the name without its type word.
    for (const char* suffix : {" Sheng", " Shi", " Zizhiqu", " Province", " Region", " oblast'", " oblast", " kraj",
                               " okrug", " Respublika", " State", " Governorate"}) {
      const std::string_view sv(suffix);
      if (name.size() > sv.size() + 2 && name.compare(name.size() - sv.size(), sv.size(), sv) == 0) {
        lex->Add(name.substr(0, name.size() - sv.size()), {LexKind::kAdmin1, i});
      }
    }
  }
  // Cities, most populous first within each name.
  const auto& places = g.all_places();
  std::vector<uint32_t> order(places.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return places[a].population > places[b].population; });
  // English names first: "Geneva" is Genève before any town called Geneva.
  for (const auto& [alias, place] : g.city_aliases()) lex->Add(alias, {LexKind::kCity, place});
  for (uint32_t i : order) {
    const std::string& name = places[i].name;
    lex->Add(name, {LexKind::kCity, i});
    // Copy writes "Washington" for "Washington, D.C." and "New York" for "New York City".
    if (const size_t comma = name.find(','); comma != std::string::npos && comma > 2) {
      lex->Add(name.substr(0, comma), {LexKind::kCity, i});
    } else if (places[i].population >= 1000000 && name.size() > 8 && name.ends_with(" City")) {
      lex->Add(name.substr(0, name.size() - 5), {LexKind::kCity, i});
    }
  }

  lex->Build();
  lex->AddClass({"of", "al", "el", "ul", "bin", "ibn", "de", "del", "da", "di", "du", "la", "le", "van", "von", "der",
                 "den", "y", "i", "e", "for", "bint", "abu", "ur"},
                kConnector);
  lex->AddClass({"the", "a", "an", "in", "on", "at", "but", "and", "or", "if", "as", "after", "before", "during",
                 "while", "when", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those",
                 "his", "her", "their", "our", "its", "my", "there", "here", "meanwhile", "however", "also",
                 "according", "since", "for", "from", "with", "by", "to", "of", "some", "many", "most", "several",
                 "other", "both", "all", "no", "not", "about", "last", "next", "earlier", "later", "yesterday",
                 "today", "tonight", "police", "officials", "sources", "security", "more", "over", "under",
                 "despite", "although", "though", "so", "then", "now", "what", "who", "where", "why", "how",
                 "speaking", "separately", "elsewhere", "until", "among", "one", "two", "three", "four", "five",
                 "instead", "such", "each", "every", "any", "only", "even", "still", "yet", "thus", "further",
                 "analysts", "experts", "residents", "witnesses", "officers", "authorities", "rescuers",
                 "doctors", "troops", "soldiers", "militants", "protesters", "lawmakers", "investors", "traders",
                 "shares", "prices", "markets", "asked", "while", "nearly", "around", "about", "almost", "another",
                 "because", "unlike", "like", "whether", "once", "amid", "against", "without", "within", "between",
                 "do", "does", "did", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will",
                 "would", "can", "could", "should", "may", "might", "must", "let", "please", "yes", "thank",
                 "thanks", "dear", "meanwhile", "overall", "finally", "first", "second", "third", "initially",
                 "moreover", "furthermore", "nevertheless", "indeed", "already", "again", "together", "local",
                 "federal", "state", "national", "international", "global", "government", "new", "former",
                 "breaking", "update", "updated", "photo", "video", "read", "see", "full", "live", "just",
                 "we're", "it's", "watch", "meet", "brief", "briefly", "key", "top", "big", "major", "chief",
                 "senior", "deputy", "acting", "interim", "interior", "defence", "defense", "foreign", "finance"},
                kStopStart);
  lex->AddClass({"chief", "senior", "deputy", "acting", "interim", "interior", "defence", "defense", "foreign",
                 "finance", "federal", "state", "national"},
                kTitleModifier);
  lex->AddClass({"based", "led", "backed", "born", "owned", "run", "made", "funded", "controlled", "held", "linked",
                 "allied", "aligned", "bound", "style", "era", "registered", "listed", "flagged", "brokered",
                 "sponsored", "dominated", "occupied", "administered", "ruled", "speaking", "focused", "built",
                 "operated", "produced", "designed", "bred", "educated", "trained", "supported", "headquartered"},
                kHyphenSuffix);
  lex->AddClass({"jr", "sr"}, kNameSuffix);
  lex->AddClass({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
                 "march", "april", "june", "july", "august", "september", "october", "november", "december",
                 "feb", "apr", "aug", "sept", "oct", "nov", "dec", "gmt", "utc"},
                kNever);
  lex->AddClass({"ministry", "party", "council", "bank", "agency", "group", "army", "front", "organisation",
                 "organization", "commission", "committee", "court", "police", "authority", "association",
                 "federation", "union", "university", "institute", "company", "corporation", "corp", "inc",
                 "ltd", "limited", "plc", "llc", "board", "department", "office", "assembly", "parliament",
                 "senate", "league", "movement", "forces", "force", "navy", "service", "services", "bureau",
                 "fund", "foundation", "airlines", "airways", "club", "exchange", "tribunal", "government",
                 "administration", "directorate", "secretariat", "cabinet", "brigade", "battalion", "corps",
                 "regiment", "network", "alliance", "coalition", "congress", "guard", "guards", "academy",
                 "college", "hospital", "community", "society", "trust", "authority", "holdings", "group", "industries",
                 "motors", "bank", "fc", "united", "city", "rovers", "institution", "observatory", "program",
                 "programme", "mission", "centre", "center", "chamber", "school", "commission", "agency",
                 "railways", "telecom", "petroleum", "energy", "partners", "capital", "media", "news", "times",
                 "post", "herald", "journal", "tribune", "press", "television", "radio", "house", "survey",
                 "securities", "financial", "centres", "reserve", "museum", "laboratory", "laboratories",
                 "airline", "ministries", "inc.", "group", "council", "commissions", "brigades", "party",
                 "economics", "analytics", "research", "consulting", "consultancy", "associates", "ventures",
                 "technologies", "pharmaceuticals", "insurance", "logistics", "investments",
                 // firms named by their trade: "Lucky Cement", "Engro Fertilizers"
                 "cement", "textiles", "fertilizer", "fertilizers", "fertiliser", "fertilisers", "chemicals", "pharma",
                 "electronics", "engineering", "construction", "shipping", "mining", "metals", "beverages",
                 "breweries", "telecommunications", "semiconductor", "semiconductors", "software",
                 // "Civil Defense", "Civil Protection"
                 "defense", "defence", "protection",
                 // "Clan del Golfo", "Sinaloa Cartel"
                 "clan", "cartel", "gang", "syndicate", "brotherhood"},
                kOrgHead);
  // "oil company Petrobras", "broadcaster NHK", "Spanish side Getafe": the kind of body an unknown name is.
  lex->AddClass({"company", "companies", "firm", "giant", "conglomerate", "carrier", "airline", "lender", "bank",
                 "insurer", "miner", "retailer", "operator", "producer", "manufacturer", "developer", "utility",
                 "supplier", "distributor", "exporter", "importer", "refiner", "shipper", "brewer", "broker",
                 "brokerage", "bourse", "exchange", "startup", "platform", "broadcaster", "newspaper",
                 "daily", "tabloid", "weekly", "magazine", "outlet", "agency", "regulator", "watchdog", "charity",
                 "consortium", "subsidiary", "affiliate", "club", "side", "outfit", "militia", "group", "house",
                 "chain", "telco", "provider", "fund", "maker", "automaker", "carmaker", "chipmaker", "drugmaker",
                 "planemaker", "steelmaker", "shipbuilder", "builder", "contractor"},
                kOrgNoun);
  lex->AddClass({"ramadan", "eid", "christmas", "easter", "diwali", "hanukkah", "lent", "muharram", "ashura", "hajj",
                 "passover", "nowruz", "urdu", "hindi", "pashto", "dari", "farsi", "bangla", "sindhi", "balochi",
                 "swahili", "hausa", "yoruba", "igbo", "amharic", "mandarin", "cantonese", "latin", "hebrew", "islam",
                 "christianity", "judaism", "buddhism", "hinduism", "god", "allah", "parliament", "congress", "court",
                 "government", "office", "power", "charge", "person", "public", "private", "total", "general",
                 "particular", "response", "addition", "bitcoin", "dollars", "euros", "yuan", "rupees"},
                kNotAPlace);
  lex->AddClass({"stake", "stakes", "share", "shares", "invest", "invests", "invested", "investing", "investment",
                 "investments", "interest", "holding", "holdings", "position", "article", "articles", "column",
                 "editorial", "interview", "piece", "wrote", "written", "published", "appeared", "posted", "speaking",
                 "spoken", "fluent", "faith", "believe", "believes", "belief", "trust", "role", "part", "involved",
                 "listed", "traded"},
                kNoPlaceAfterIn);
  lex->AddClass({"agreement", "accord", "accords", "treaty", "pact", "protocol", "convention", "charter",
                 "declaration", "memorandum", "deal", "ceasefire", "truce"},
                kAgreementHead);
  lex->AddClass({"act", "law", "bill", "ordinance", "amendment", "code", "regulation", "directive"}, kLawHead);
  lex->AddClass({"cup", "games", "olympics", "olympic", "championship", "championships", "open", "summit",
                 "conference", "festival", "election", "elections", "war", "prize", "award", "awards", "trophy",
                 "series", "tournament", "marathon", "prix", "expo", "forum", "week", "day", "operation",
                 "revolution", "uprising", "crisis", "storm", "cyclone", "hurricane", "typhoon", "fair", "show",
                 "talks", "dialogue", "process", "initiative", "plan", "strategy", "vision", "project", "budget"},
                kEventHead);
  lex->AddClass({"typhoon", "hurricane", "cyclone", "storm", "operation", "tropical", "copa", "coupe", "coppa", "taca"},
                kEventPrefix);
  lex->AddClass({"river", "lake", "sea", "ocean", "gulf", "strait", "valley", "desert", "island", "islands",
                 "peninsula", "stadium", "airport", "square", "bridge", "dam", "railway", "corridor", "highway",
                 "canal", "mountains", "hills", "bay", "coast", "port", "palace", "mosque", "cathedral", "temple",
                 "park", "border", "glacier", "falls", "plateau", "basin", "delta", "arena", "ground", "circuit", "hall"},
                kPlaceHead);
  lex->AddClass({"river", "lake", "sea", "valley", "desert", "island", "islands", "peninsula", "mountains", "mountain",
                 "range", "hills", "glacier", "plateau", "basin", "delta", "bay", "coast", "strait", "gulf", "forest",
                 "region", "district", "province", "county", "governorate", "prefecture", "oblast", "tehsil", "area",
                 // built places: "Ali Town station", "Adiala jail"
                 "station", "airport", "airbase", "stadium", "bridge", "dam", "camp", "road", "street", "highway",
                 "motorway", "bazaar", "market", "square", "crossing", "checkpoint", "refinery", "prison", "jail",
                 "hospital", "port", "harbour", "harbor", "terminal", "interchange", "town", "village", "township"},
                kTerrain);
  lex->AddClass({"index", "rate", "rates", "price", "prices", "product", "tax", "taxes", "equipment", "intelligence",
                 "investment", "system", "scheme", "test", "zone", "zones", "persons", "organisations", "organizations",
                 "card", "number", "level", "standard", "technology",
                 "disease", "syndrome", "virus", "income", "deficit", "weapons", "vehicle", "vehicles", "energy", "average",
                 "composite"},
                kTermHead);
  lex->AddClass({"corp", "corporation", "inc", "incorporated", "ltd", "limited", "co", "plc", "ag", "sa", "llc",
                 "nv", "se", "holdings", "group", "motor"},
                kCompanySuffix);
  lex->AddClass({"mount", "lake", "mt", "cape", "port", "estadio", "estadi", "stadio", "stadion", "plaza", "stade",
                 "lago", "camp", "parc"},
                kPlacePrefix);
  // "Barcelona coach Hansi Flick", "Liverpool fans": after a city's name, the city's club.
  lex->AddClass({"coach", "manager", "striker", "goalkeeper", "midfielder", "defender", "forward", "winger",
                 "captain", "skipper", "player", "players", "fans", "supporters", "squad", "teammate", "teammates",
                 "boss", "playmaker", "wicketkeeper", "batter", "bowler", "opener", "pitcher", "quarterback"},
                kSportRole);
  lex->AddClass({"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
                 "upper", "lower", "greater", "northwest", "northeast", "southwest", "southeast"},
                kCompass);
  lex->AddClass({"said", "says", "say", "added", "adds", "told", "tells", "wrote", "writes", "announced",
                 "announces", "stated", "states", "declared", "declares", "explained", "explains", "insisted",
                 "insists", "noted", "notes", "warned", "warns", "asked", "asks", "urged", "urges", "posted",
                 "tweeted", "replied", "replies", "continued", "continues", "argued", "argues", "recalled",
                 "commented", "admitted", "admits", "acknowledged", "stressed", "stresses", "emphasised",
                 "emphasized", "claimed", "claims", "according", "remarked", "observed", "asserted", "maintained",
                 "conceded", "confirmed", "confirms", "promised", "pledged", "vowed", "responded", "answered",
                 "shouted", "cried", "told", "reiterated", "concluded", "predicted", "suggested", "believes",
                 "thinks", "wondered", "joked", "quipped", "boasted", "complained", "lamented", "pointed",
                 "underlined", "highlighted", "alleged", "denied", "demanded", "appealed", "saying", "telling",
                 "adding", "writing", "declaring", "announcing", "warning", "quoted"},
                kCue);
  lex->AddClass({"he", "she", "they", "it", "we", "i"}, kPronoun);
  lex->AddClass({"in", "at", "from", "near", "to", "outside", "across", "into", "around", "throughout", "toward",
                 "towards", "via", "visiting", "visited", "of"},
                kPlaceCue);
  lex->AddClass({"province", "state", "region", "district", "governorate", "prefecture", "territory", "oblast",
                 "county"},
                kAdminWord);
  lex->AddClass({"police", "officials", "sources", "authorities", "witnesses", "residents", "analysts", "experts",
                 "people", "others"},
                kGroupPlural);
  lex->BuildClasses();
  return lex;
}

}  // namespace dateline::enrich
