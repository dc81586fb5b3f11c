#include "signals/facts.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace dateline {

namespace {

using WordKind = FactsStage::WordKind;

bool IsNumberWord(WordKind k) {
  return k == WordKind::kUnit || k == WordKind::kTens || k == WordKind::kScale || k == WordKind::kDozen;
}

// Parses "5,000", "2.5", "2.5bn", "300m", "12%" style tokens: value, and the suffix after the digits.
// At most 18 digits; whole numbers and decimals of up to 15 digits are read
// without strtod (the common case), to the same double.
bool ParseNumeric(std::string_view s, double* value, std::string_view* suffix) {
  char digits[20];  // digits and '.', as strtod reads them; only used up to 18 digits
  size_t count = 0;
  uint64_t whole = 0;  // the digits read as one integer (a '.' skipped); exact while count <= 18
  bool seen = false;
  size_t dots = 0, after_dot = 0;  // '.' seen, digits after the last one
  size_t i = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      if (count < sizeof digits - 1) digits[count] = c;
      ++count;
      whole = whole * 10 + static_cast<uint64_t>(c - '0');
      seen = true;
      ++after_dot;
    } else if (c == ',' && seen && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') {
      continue;
    } else if (c == '.' && seen && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') {
      if (count < sizeof digits - 1) digits[count] = '.';
      ++count;
      ++dots;
      after_dot = 0;
    } else {
      break;
    }
  }
  if (!seen || count > 18) return false;
  if (dots == 1 && count <= 16) {
    // At most 15 digits: whole < 2^53 and 10^after_dot are exact doubles, and
    // their quotient is correctly rounded, as strtod's result is.
    static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    *value = static_cast<double>(whole) / kPow10[after_dot];
  } else if (dots > 0) {  // long, or "1.2.3" (strtod reads "1.2")
    digits[count] = '\0';
    *value = std::strtod(digits, nullptr);
  } else {
    *value = static_cast<double>(whole);  // below 10^18: the same double strtod gives
  }
  *suffix = s.substr(i);
  return true;
}

}  // namespace

FactsStage::FactsStage(std::shared_ptr<signals::TokenCache> tokens)
    : cache_(tokens ? std::move(tokens) : std::make_shared<signals::TokenCache>()) {
  auto add = [&](std::string_view w, WordKind k, double v = 0, std::string text = "") {
    index_.Add(w, static_cast<uint32_t>(words_.size()));
    words_.push_back({k, v, std::move(text)});
  };
  const char* units[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                         "eighteen", "nineteen"};
  for (int i = 1; i < 20; ++i) add(units[i], WordKind::kUnit, i);
  const char* tens[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
  for (int i = 0; i < 8; ++i) add(tens[i], WordKind::kTens, (i + 2) * 10);
  add("hundred", WordKind::kScale, 1e2);
  add("thousand", WordKind::kScale, 1e3);
  add("million", WordKind::kScale, 1e6);
  add("mn", WordKind::kScale, 1e6);
  add("billion", WordKind::kScale, 1e9);
  add("bn", WordKind::kScale, 1e9);
  add("trillion", WordKind::kScale, 1e12);
  add("lakh", WordKind::kScale, 1e5);
  add("lakhs", WordKind::kScale, 1e5);
  add("crore", WordKind::kScale, 1e7);
  add("crores", WordKind::kScale, 1e7);
  add("dozen", WordKind::kDozen, 12);
  add("dozens", WordKind::kMultiple, 24);
  add("scores", WordKind::kMultiple, 40);
  add("hundreds", WordKind::kMultiple, 200);
  add("thousands", WordKind::kMultiple, 2000);
  add("millions", WordKind::kMultiple, 2e6);
  for (auto [w, code] : std::initializer_list<std::pair<const char*, const char*>>{
           {"$", "USD"}, {"us$", "USD"}, {"usd", "USD"}, {"£", "GBP"}, {"gbp", "GBP"}, {"€", "EUR"},
           {"eur", "EUR"}, {"¥", "JPY"}, {"jpy", "JPY"}, {"₹", "INR"}, {"inr", "INR"}, {"pkr", "PKR"},
           {"rs", "Rs"}, {"₨", "Rs"}, {"rmb", "CNY"}, {"cny", "CNY"}, {"aed", "AED"}, {"sar", "SAR"},
           {"try", "TRY"}, {"afn", "AFN"}, {"bdt", "BDT"}, {"tk", "BDT"}}) {
    add(w, WordKind::kCurrencyPrefix, 0, code);
  }
  for (auto [w, code] : std::initializer_list<std::pair<const char*, const char*>>{
           {"dollars", "USD"}, {"dollar", "USD"}, {"euros", "EUR"}, {"euro", "EUR"}, {"pounds", "GBP"},
           {"sterling", "GBP"}, {"rupees", "Rs"}, {"rupee", "Rs"}, {"yuan", "CNY"}, {"yen", "JPY"},
           {"riyals", "SAR"}, {"dirhams", "AED"}, {"lira", "TRY"}, {"liras", "TRY"}, {"afghanis", "AFN"},
           {"taka", "BDT"}, {"rubles", "RUB"}, {"roubles", "RUB"}}) {
    add(w, WordKind::kCurrencySuffix, 0, code);
  }
  add("%", WordKind::kPercent);
  add("percent", WordKind::kPercent);
  add("pct", WordKind::kPercent);
  for (const char* noun :
       {"people", "persons", "person", "civilians", "civilian", "soldiers", "soldier", "troops", "militants",
        "militant", "terrorists", "terrorist", "fighters", "insurgents", "rebels", "gunmen", "attackers",
        "policemen", "police", "officers", "officer", "personnel", "guards", "children", "child", "women",
        "men", "students", "workers", "miners", "protesters", "demonstrators", "passengers", "pilgrims",
        "migrants", "refugees", "prisoners", "detainees", "hostages", "suspects", "casualties", "deaths",
        "bodies", "victims", "residents", "villagers", "families", "households", "houses", "homes",
        "buildings", "shops", "schools", "vehicles", "cars", "trucks", "boats", "aircraft", "drones",
        "missiles", "rockets", "villages", "districts", "patients", "cases", "infections", "votes", "seats",
        "members", "lawmakers", "candidates", "voters", "jobs", "employees", "tonnes", "tons", "barrels",
        "acres", "hectares", "animals", "cattle", "sheep", "doses", "flights", "troop", "nurses", "doctors",
        "teachers", "farmers", "fishermen", "journalists", "tourists", "athletes", "players", "fans",
        "spectators", "companies", "firms", "banks", "countries", "nations", "states", "cities", "factories",
        "plants", "mills", "kilns", "markets", "hospitals", "clinics", "stations", "bridges", "roads", "camps",
        "tents", "shelters", "apartments", "flats", "ships", "vessels", "trains", "buses", "motorcycles",
        "containers", "weapons", "guns", "rifles", "bombs", "shells", "kilograms", "kg", "litres", "liters",
        "gallons", "shares", "officials", "ministers", "judges", "lawyers", "pilots", "sailors", "inmates",
        "worshippers", "mourners", "towns", "provinces", "ballots", "signatures", "points", "wickets", "runs",
        "goals", "medals", "matches", "games", "robbers", "dacoits", "thieves", "bandits", "criminals",
        "kidnappers", "smugglers", "constables", "pistols", "phones", "grenades"}) {
    add(noun, WordKind::kNoun, 0, noun);
  }
  add("others", WordKind::kNoun, 0, "people");  // "15 others injured"
  // Nationals counted in conflict and disaster copy ("killed at least 27 Palestinians").
  for (const char* nationals :
       {"palestinians", "israelis", "afghans", "pakistanis", "indians", "ukrainians", "russians", "iranians",
        "iraqis", "syrians", "lebanese", "yemenis", "sudanese", "somalis", "nigerians", "kenyans", "ethiopians",
        "congolese", "bangladeshis", "nepalis", "chinese", "americans", "britons", "filipinos",
        "indonesians", "turks", "kurds", "egyptians", "libyans", "saudis", "jordanians", "rohingya", "uyghurs",
        "uighurs", "baloch", "pashtuns", "hazaras"}) {
    add(nationals, WordKind::kNoun, 0, nationals);
  }
  add("bps", WordKind::kNoun, 0, "basis points");
  for (auto [w, canon] : std::initializer_list<std::pair<const char*, const char*>>{
           {"killed", "killed"}, {"killing", "killed"}, {"kill", "killed"}, {"dead", "killed"},
           {"died", "killed"}, {"martyred", "killed"}, {"slain", "killed"}, {"perished", "killed"},
           {"lost", "killed"}, {"wounded", "injured"}, {"injured", "injured"}, {"injuring", "injured"},
           {"wounding", "injured"}, {"hurt", "injured"}, {"arrested", "arrested"}, {"arresting", "arrested"},
           {"detained", "detained"}, {"held", "detained"}, {"captured", "captured"}, {"abducted", "kidnapped"},
           {"kidnapped", "kidnapped"}, {"missing", "missing"}, {"displaced", "displaced"},
           {"evacuated", "evacuated"}, {"rescued", "rescued"}, {"deployed", "deployed"},
           {"sentenced", "sentenced"}, {"convicted", "convicted"}, {"executed", "executed"},
           {"freed", "released"}, {"released", "released"}, {"affected", "affected"}, {"infected", "infected"},
           {"homeless", "displaced"}, {"stranded", "stranded"}, {"trapped", "trapped"},
           {"hospitalised", "hospitalized"}, {"hospitalized", "hospitalized"}, {"destroyed", "destroyed"},
           {"damaged", "damaged"}, {"fled", "fled"}, {"surrendered", "surrendered"}, {"laid", "laid off"},
           {"cut", "cut"}, {"protested", "protested"}, {"attended", "attended"}}) {
    add(w, WordKind::kEvent, 0, canon);
  }
  for (const char* w : {"year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
                        "minute", "minutes", "km", "kilometres", "kilometers", "miles", "metres", "meters",
                        "times", "of", "and", "or", "to", "the", "a", "an", "who", "which", "were", "was",
                        "are", "in", "on", "at", "for", "from", "with", "by", "than", "per", "cent"}) {
    if (index_.Find(w) == signals::PhraseTable::kNone) add(w, WordKind::kBlocker);
  }
  const char* quals[] = {"at least", "more than", "over", "nearly", "almost", "about", "around", "some",
                         "up to", "as many as", "approximately", "roughly", "fewer than", "less than", "at most",
                         "an estimated", "estimated", "close to", "just over", "well over", "under", "only",
                         "a further", "another", "an additional", "upwards of", "as few as", "exactly"};
  for (const char* q : quals) {
    qualifiers_.Add(signals::FoldPhrase(q), static_cast<uint32_t>(qualifier_text_.size()));
    qualifier_text_.emplace_back(q);
  }
  words_filter_ = signals::FirstWords::Of(index_);
  starters_ = signals::FirstWords::Of(index_, [&](uint32_t w) {
    const WordKind k = words_[w].kind;
    return k == WordKind::kCurrencyPrefix || k == WordKind::kMultiple || IsNumberWord(k);
  });
}

const FactsStage::Word* FactsStage::Lookup(size_t i) {
  if (i >= token_words_.size()) return nullptr;
  uint32_t& w = token_words_[i];
  if (w == kUnknown) {
    const signals::Token& t = toks_->tokens[i];
    w = words_filter_.MayStart(t.fold_hash) ? index_.WordValue(*toks_, i, signals::PhraseTable::Form::kFold)
                                            : signals::PhraseTable::kNone;
  }
  return w == signals::PhraseTable::kNone ? nullptr : &words_[w];
}

Verdict FactsStage::Process(Record& record) {
  record.facts.clear();
  const std::string& text = record.text;
  const signals::TokenList& toks = cache_->Tokens(record);
  const auto& tok = toks.tokens;
  const size_t n = tok.size();
  toks_ = &toks;
  token_words_.assign(n, kUnknown);  // each token looked up once, when first asked (most never are)
  auto joined = [&](size_t j) { return j < n && !toks.Has(j, signals::kBreakBefore); };
  for (size_t i = 0; i < n;) {
    // Most tokens cannot start a fact: only a digit, a currency sign or code,
    // "us" (of "US$") or a number word can (the checks below would reject the rest).
    const signals::Token& t0 = tok[i];
    const char c0 = toks.folded[t0.fold];  // tokens are never empty
    if (!(c0 >= '0' && c0 <= '9') && !(t0.fold_len == 2 && c0 == 'u' && toks.folded[t0.fold + 1] == 's')) {
      if (!starters_.MayStart(t0.fold_hash)) {  // most tokens: no currency or number word
        ++i;
        continue;
      }
      const Word* w = Lookup(i);
      if (!w || !(w->kind == WordKind::kCurrencyPrefix || w->kind == WordKind::kMultiple || IsNumberWord(w->kind))) {
        ++i;
        continue;
      }
    }
    const size_t first = i;
    std::string currency;
    size_t j = i;
    // Currency before the number: "$", "US$", "Rs", "PKR".
    if (const Word* w = Lookup(j); w && w->kind == WordKind::kCurrencyPrefix) {
      const size_t k = j + 1;
      const bool digits = k < n && !toks.Fold(k).empty() && toks.Fold(k)[0] >= '0' && toks.Fold(k)[0] <= '9';
      if (k < n && (digits || (Lookup(k) && IsNumberWord(Lookup(k)->kind)))) {
        currency = w->text;
        j = k;
      }
    } else if (toks.Fold(j) == "us" && j + 1 < n && toks.Fold(j + 1) == "$") {
      currency = "USD";
      j += 2;
    }
    // The number.
    double total = 0, current = 0;
    bool have = false, approximate_plural = false;
    std::string_view suffix;
    size_t k = j;
    for (; k < n; ++k) {
      if (k > j && !joined(k)) break;
      if (toks.Has(k, signals::kNumber) || (toks.Has(k, signals::kWord) && !have)) {
        double v;
        std::string_view sfx;
        const std::string_view fold = toks.Fold(k);
        if (!have && fold[0] >= '0' && fold[0] <= '9' && ParseNumeric(fold, &v, &sfx)) {
          current = v;
          have = true;
          suffix = sfx;
          if (!suffix.empty()) {
            const uint32_t it = index_.Find(suffix);
            if (it != signals::PhraseTable::kNone && words_[it].kind == WordKind::kScale) {
              current *= words_[it].value;
              suffix = {};
            } else if (suffix == "m") {
              current *= 1e6;
              suffix = {};
            } else if (suffix == "k") {
              current *= 1e3;
              suffix = {};
            } else {
              have = false;  // "10am", "3rd": not a quantity
              ++k;
              break;
            }
          }
          continue;
        }
        if (toks.Has(k, signals::kNumber)) break;
      }
      const Word* w = Lookup(k);
      if (!w) break;
      if (w->kind == WordKind::kUnit || w->kind == WordKind::kTens) {
        if (have && current != 0 && std::fmod(current, 100) != 0 && w->kind == WordKind::kUnit &&
            current < 20) break;  // "one two"
        if (have && current >= 1 && current < 100 && std::fmod(current, 10) != 0) break;
        current += w->value;
        have = true;
      } else if (w->kind == WordKind::kScale && (have || toks.Fold(k - (k > 0)) == "a")) {
        if (!have) current = 1, have = true;
        if (w->value == 100) {
          current *= 100;
        } else {
          total += current * w->value;
          current = 0;
        }
      } else if (w->kind == WordKind::kDozen && (have || (k > 0 && toks.Fold(k - 1) == "a"))) {
        current = (have ? current : 1) * 12;
        have = true;
      } else if (w->kind == WordKind::kMultiple && !have) {
        // "hundreds of thousands of": lower bound 200 x 1000.
        current = w->value;
        have = true;
        approximate_plural = true;
        if (k + 2 < n && toks.Fold(k + 1) == "of") {
          const Word* next = Lookup(k + 2);
          if (next && next->kind == WordKind::kMultiple && next->value > w->value) {
            current *= next->value / 2;
            k += 2;
          }
        }
      } else {
        break;
      }
    }
    if (!have) {
      ++i;
      continue;
    }
    const double value = total + current;
    const size_t end_tok = k;  // first token after the number
    // What follows: currency word, percent, or a countable noun (up to two words between).
    std::string unit, kind;
    size_t last = k - 1;
    if (approximate_plural && joined(k) && k < n && toks.Fold(k) == "of") ++k;
    if (joined(k) && k < n) {
      const Word* w = Lookup(k);
      if (w && w->kind == WordKind::kCurrencySuffix && currency.empty()) {
        currency = w->text;
        last = k;
      } else if (w && w->kind == WordKind::kPercent) {
        unit = "percent";
        kind = "percent";
        last = k;
      } else if (k + 1 < n && toks.Fold(k) == "per" && toks.Fold(k + 1) == "cent") {
        unit = "percent";
        kind = "percent";
        last = k + 1;
      }
    }
    if (!currency.empty()) {
      unit = currency;
      kind = "money";
    } else if (kind.empty()) {
      for (size_t m = k; m < n && m < k + 3 && joined(m); ++m) {
        const Word* w = Lookup(m);
        if (w && w->kind == WordKind::kNoun) {
          kind = w->text;
          last = m;
          // "50 basis points", "two percentage points": a change in a rate.
          if (kind == "points" && m > k && (toks.Fold(m - 1) == "basis" || toks.Fold(m - 1) == "percentage")) {
            kind = toks.Fold(m - 1) == "basis" ? "basis points" : "percentage points";
          }
          break;
        }
        if ((w && w->kind != WordKind::kEvent) || !toks.Has(m, signals::kWord)) break;
      }
    }
    if (kind.empty() && joined(k) && k < n && !approximate_plural) {
      // "30 injured", "12 dead": an event right after the number counts people.
      const Word* w = Lookup(k);
      if (w && w->kind == WordKind::kEvent && (w->text == "killed" || w->text == "injured" ||
                                                w->text == "arrested" || w->text == "missing")) {
        kind = "people";
        last = k - 1;
      }
    }
    if (kind.empty()) {
      i = end_tok > i ? end_tok : i + 1;
      continue;
    }
    Fact f;
    f.value = value;
    f.unit = unit;
    f.kind = kind;
    // Qualifier just before the number (or its currency sign).
    size_t start_tok = first;
    for (size_t len = 3; len >= 1; --len) {
      if (start_tok < len) continue;
      const size_t q = start_tok - len;
      uint32_t idx = 0;
      bool crosses = false;
      for (size_t m = q + 1; m <= start_tok; ++m) crosses = crosses || toks.Has(m, signals::kBreakBefore);
      if (crosses) continue;
      if (qualifiers_.LongestMatch(toks, q, signals::PhraseTable::Form::kFold, &idx) == len) {
        f.qualifier = qualifier_text_[idx];
        start_tok = q;
        break;
      }
    }
    if (approximate_plural && f.qualifier.empty()) f.qualifier = "at least";
    // Event: a known verb after the noun in the same clause, else right before the phrase.
    if (kind != "money" && kind != "percent" && kind.find("points") == std::string::npos) {
      // Right before the phrase: "killing at least nine civilians" (a participle
      // there governs the phrase, whatever follows it: "... and injuring 15").
      const Word* before = nullptr;
      bool participle = false;
      for (size_t m = start_tok; m > 0 && m + 3 > start_tok; --m) {
        if (toks.Has(m, signals::kBreakBefore)) break;
        const Word* w = Lookup(m - 1);
        if (w && w->kind == WordKind::kEvent) {
          before = w;
          participle = toks.Fold(m - 1).ends_with("ing");
          break;
        }
      }
      if (participle) f.event = before->text;
      // After the noun in the same clause, up to the next number ("12 people
      // were killed"; not the "injured" of "... and 15 others injured").
      for (size_t m = last + 1; f.event.empty() && m < n && m <= last + 5 && joined(m); ++m) {
        if (toks.Has(m, signals::kNumber)) break;
        const Word* w = Lookup(m);
        if (w && w->kind == WordKind::kEvent) f.event = w->text;
      }
      if (f.event.empty() && before) f.event = before->text;
      // Past an aside in the same sentence: "seven people, including a policeman, were killed".
      bool aside = false;
      for (size_t m = last + 1; f.event.empty() && m < n && m <= last + 10 && !toks.Has(m, signals::kSentenceBefore);
           ++m) {
        aside = aside || toks.Has(m, signals::kBreakBefore);
        const Word* w = Lookup(m);
        if (w && w->kind == WordKind::kEvent && !toks.Has(m, signals::kBreakBefore)) {
          const std::string_view aux = toks.Fold(m - 1);
          if (aside && (aux == "were" || aux == "was" || aux == "been")) f.event = w->text;
          break;  // the first event word decides
        }
        // "11 people, including five children, died": a verb that takes no object may close the aside.
        if (w && w->kind == WordKind::kEvent && aside && (toks.Fold(m) == "died" || toks.Fold(m) == "perished")) {
          f.event = w->text;
          break;
        }
      }
    }
    f.span = {tok[start_tok].start, tok[last].end};
    f.text = text.substr(f.span.start, f.span.end - f.span.start);
    record.facts.push_back(std::move(f));
    i = last + 1;
  }
  return Verdict::Continue();
}

}  // namespace dateline
