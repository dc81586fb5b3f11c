#include "enrich/entities.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <string>

#include "enrich/tokenize.h"

namespace dateline::enrich {
namespace {

constexpr int kMaxNameWords = 4;

// A bit of Builder::cls_ beside the lexicon's WordClass bits: the token lies in
// a paragraph written all in capitals.
constexpr uint32_t kInShouting = 1u << 31;
static_assert(kInShouting > kPortfolio);

// Hashes of the function words the rules test, computed once.
struct WordHashes {
  uint64_t the = HashWord("the"), area = HashWord("area"), in = HashWord("in"), near = HashWord("near"),
           city = HashWord("city"), and_ = HashWord("and"), of = HashWord("of"), for_ = HashWord("for"),
           people = HashWord("people"), women = HashWord("women"), known = HashWord("known"), as = HashWord("as"),
           also = HashWord("also"), on = HashWord("on"), to = HashWord("to"), town = HashWord("town"),
           village = HashWord("village"), township = HashWord("township"), a = HashWord("a"), an = HashWord("an");
};
const WordHashes& Words() {
  static const WordHashes words;  // thread-safe initialisation; read-only after
  return words;
}

// A place mention whose referent is chosen once the report's countries are known.
struct PendingPlace {
  Span span;
  const LexList* entries;
  bool place_cue;   // "in", "at", "from" before it
  bool admin_word;  // "province", "state" after it
  size_t words;
  bool sentence_start;
};

// A long form defined by an acronym: tokens [begin, open) then "(ACR)" or ", known as ACR".
struct Definition {
  size_t begin, open;
  size_t acr_begin, acr_end;  // the acronym's tokens
  size_t resume;              // the first token after the definition
};

class Builder {
 public:
  Builder(const Lexicon& lex, Record& r) : lex_(lex), r_(r), toks_(r.tokens), text_(r.text) {
    // One class lookup and one first-word lookup per word token; and, per
    // paragraph, whether it is written all in capitals (see kInShouting).
    cls_.resize(toks_.size());
    max_words_.resize(toks_.size());
    size_t para = 0, caps = 0;
    bool mixed = false;
    for (size_t i = 0; i < toks_.size(); ++i) {
      const Token& t = toks_[i];
      if (t.is(Token::kParagraph) && i > para) {
        MarkShouting(para, i, caps, mixed);
        para = i;
        caps = 0;
        mixed = false;
      }
      if (!t.is(Token::kWord)) continue;
      cls_[i] = lex_.Classes(t.hash);
      if (!mixed) {  // settled on a paragraph's first word or two, as a rule
        if (t.is(Token::kAllCaps)) {
          ++caps;
        } else if (!t.is(Token::kDigit) && !(t.is(Token::kCapital) && t.end - t.start == 1)) {
          mixed = true;
        }
      }
      // Phrases start on a capitalised (or hyphen-joined) word, or a connector
      // glued to one ("al-Qaeda"): only those need the big table.
      if ((t.flags & (Token::kCapital | Token::kAllCaps | Token::kGlued)) ||
          ((cls_[i] & kConnector) && i + 1 < toks_.size() && toks_[i + 1].is(Token::kGlued))) {
        max_words_[i] = static_cast<uint8_t>(lex_.MaxWords(t.hash));
      }
    }
    MarkShouting(para, toks_.size(), caps, mixed);
  }

  void Run();

 private:
  const Token& T(size_t i) const { return toks_[i]; }
  bool Is(size_t i, uint32_t cls) const { return i < cls_.size() && (cls_[i] & cls) != 0; }
  bool IsWord(size_t i) const { return i < toks_.size() && toks_[i].is(Token::kWord); }
  bool IsPunct(size_t i, char32_t cp) const { return i < toks_.size() && toks_[i].cp == cp; }
  std::string_view Text(size_t b, size_t e) const {  // tokens [b, e)
    return std::string_view(text_).substr(toks_[b].start, toks_[e - 1].end - toks_[b].start);
  }
  Span SpanOf(size_t b, size_t e) const { return {toks_[b].start, toks_[e - 1].end}; }
  bool NameLike(size_t i) const {
    const Token& t = toks_[i];
    return t.is(Token::kWord) && (t.is(Token::kCapital) || t.is(Token::kAllCaps)) && !t.is(Token::kDigit) &&
           !(cls_[i] & kNever);
  }
  bool ChunkWord(size_t i) const { return NameLike(i) && !T(i).is(Token::kPossessive); }
  // Token i is a word joined to the one before it by a hyphen ("Jae-myung", "al-Qaeda").
  bool HyphenGlued(size_t i) const {
    return i < toks_.size() && T(i).is(Token::kGlued) && T(i).is(Token::kWord) && text_[T(i).start - 1] == '-';
  }
  // The first token starting at or after byte `pos` (toks_.size() if none).
  size_t TokenAt(uint32_t pos) const {
    return static_cast<size_t>(
        std::lower_bound(toks_.begin(), toks_.end(), pos, [](const Token& t, uint32_t p) { return t.start < p; }) -
        toks_.begin());
  }
  bool Adjacent(size_t i) const {  // token i continues the previous one on the same line
    return !T(i).is(Token::kParagraph) && !T(i).is(Token::kNewline);
  }

  // Paragraphs written all in capitals (old wire style) tell no names by case,
  // so only dictionary names are taken there (see Run): tokens [b, e), a
  // paragraph with `caps` words in capitals and, unless `mixed`, no other
  // word but single capitals and numbers, get kInShouting when caps >= 5.
  void MarkShouting(size_t b, size_t e, size_t caps, bool mixed) {
    if (mixed || caps < 5) return;
    for (size_t k = b; k < e; ++k) cls_[k] |= kInShouting;
  }
  // In a shouting paragraph: a dictionary name at token i that is safe without
  // case (no acronyms, titles or small towns); returns the tokens taken, 0 if none.
  size_t ShoutedName(size_t i);

  // Longest lexicon phrase at tokens [i, limit); returns its length (0: none).
  int Match(size_t i, size_t limit, const LexList** entries) const;
  // "Disaster and Emergency Management Authority": unknown name words [b, and_at)
  // before "and" and a run of name words after it ending in an organisation's head word.
  bool AndInsideBody(size_t b, size_t and_at) const {
    size_t k = and_at + 1;
    while (k < toks_.size() && ChunkWord(k) && Adjacent(k)) ++k;
    if (k == and_at + 1 || !Is(k - 1, kOrgHead) || !T(k - 1).is(Token::kCapital)) return false;
    for (size_t q = b; q < and_at; ++q) {
      const LexList* found = nullptr;
      if (Match(q, and_at, &found) > 0 || Is(q, kStopStart)) return false;
    }
    return true;
  }
  // The company whose name without its legal suffix is tokens [b, e); -1 if none.
  int ShortOrg(size_t b, size_t e) const {
    if (org_short_.empty()) return -1;
    const uint64_t h = PhraseHash(b, e);
    for (const auto& [key, idx] : org_short_) {
      if (key == h) return idx;
    }
    return -1;
  }
  // Token b is one unknown name word after a lower-case "in" or "near" that
  // names a place: not a season, language or faith ("in Ramadan", "in Urdu"),
  // nor a company or paper ("a stake in Tesla", "an article in Haaretz").
  bool LonePlaceAfterCue(size_t b) const {
    if (b < 2 || !IsWord(b - 1) || T(b - 1).is(Token::kCapital) || !Adjacent(b) || T(b).is(Token::kAllCaps)) {
      return false;
    }
    if (T(b - 1).hash != in_hash_ && T(b - 1).hash != near_hash_) return false;
    if (IsWord(b + 1) && (T(b + 1).is(Token::kPossessive) || HyphenGlued(b + 1))) return false;
    if (IsPunct(b + 1, '\'') || IsPunct(b + 1, 0x2019)) return false;  // "in Martyrs' Square"
    if (Is(b, kStopStart | kOrgHead | kEventHead | kLawHead | kAgreementHead | kTermHead | kTerrain | kPlaceHead)) {
      return false;
    }
    if (IsWord(b + 1) && T(b + 1).is(Token::kDigit)) return false;  // "in Camp 11", "in Sector 7"
    return !Is(b, kNotAPlace) && !(IsWord(b - 2) && Is(b - 2, kNoPlaceAfterIn));
  }
  // The role in an appositive right after the mention `m` (", the union's secretary-general,") or
  // right before it ("the SFO's director, ", "Ashworth's lawyer, "): its last one to three lower-case role words, where
  // the appositive has at most six words and ends or starts at punctuation; empty if none.
  std::string AppositiveRole(const Span& m) const {
    const size_t b = TokenAt(m.start);
    size_t e = b;
    while (e < toks_.size() && toks_[e].end <= m.end) ++e;
    auto role = [&](size_t k) { return IsWord(k) && !T(k).is(Token::kCapital) && Is(k, kRole | kTitleModifier); };
    auto role_words = [&](size_t last) {  // [first, last] of the role phrase ending at token last
      size_t first = last;
      while (first > 0 && last - first < 2 && IsWord(first - 1) && !T(first - 1).is(Token::kCapital) &&
             Is(first - 1, kRole | kTitleModifier | kPortfolio) && !T(first).is(Token::kPossessive)) {
        --first;
      }
      return std::string(Text(first, last + 1));
    };
    if (IsPunct(e, ',')) {  // after: ", the union's secretary-general,"
      size_t k = e + 1;
      while (k < e + 8 && IsWord(k) && Adjacent(k)) ++k;
      if (k > e + 2 && k < e + 8 && k < toks_.size() && !IsWord(k) && (T(k).cp == ',' || T(k).cp == '.') &&
          IsWord(e + 1) && !T(e + 1).is(Token::kCapital) && role(k - 1)) {
        return role_words(k - 1);
      }
    }
    if (b >= 2 && IsPunct(b - 1, ',') && role(b - 2) && !T(b - 2).is(Token::kPossessive)) {  // before: "the SFO's director, "
      size_t k = b - 2;
      while (k > 0 && b - 2 - k < 6 && IsWord(k - 1) && Adjacent(k)) --k;
      const bool opens = T(k).hash == the_hash_ || (IsWord(k + 1) && T(k + 1).is(Token::kPossessive));  // "Ashworth's"
      if (b - 2 - k < 6 && (k == 0 || !IsWord(k - 1)) && IsWord(k) && opens) return role_words(b - 2);
    }
    return "";
  }
  // Token j is the comma of a list inside a body's name: ", Industry and Energy" after "Ministry of
  // Trade" (`of_body`), or ", Pharmacists and Dentists Union", ending on a body's head word. Up to
  // three more items of name words, the last after "and"; returns the token after it, else j.
  size_t ListInBodyEnd(size_t j, bool of_body) const {
    size_t k = j;
    for (int item = 0; item < 3 && IsPunct(k, ',') && k + 1 < toks_.size() && ChunkWord(k + 1); ++item) {
      k += 1;
      while (k < toks_.size() && ChunkWord(k) && Adjacent(k)) ++k;
    }
    if (k == j || k + 1 >= toks_.size() || !IsWord(k) || T(k).hash != Words().and_ || T(k).is(Token::kCapital) ||
        !ChunkWord(k + 1)) {
      return j;
    }
    size_t end = k + 1;
    while (end < toks_.size() && ChunkWord(end) && Adjacent(end)) ++end;
    return of_body || (Is(end - 1, kOrgHead) && T(end - 1).is(Token::kCapital)) ? end : j;
  }
  // Token e starts ", the state oil company," or ", a Lagos-based lender.": an appositive of up to
  // five words, "the" or "a" first, ending at punctuation on a noun for a kind of body.
  bool OrgAppositiveAfter(size_t e) const {
    if (!IsPunct(e, ',') || !IsWord(e + 1) || T(e + 1).is(Token::kCapital)) return false;
    const uint64_t h = T(e + 1).hash;
    if (h != the_hash_ && h != Words().a && h != Words().an) return false;
    size_t k = e + 2;
    while (k < e + 7 && IsWord(k) && Adjacent(k)) ++k;
    return k > e + 2 && k < toks_.size() && !IsWord(k) && (Is(k - 1, kOrgNoun) || Text(k - 1, k).ends_with("maker")) &&
           !T(k - 1).is(Token::kCapital);
  }
  // Token b follows a lower-case noun for a kind of body ("company", "broadcaster", "...maker") on its line.
  bool OrgNounBefore(size_t b) const {
    if (b == 0 || !IsWord(b - 1) || T(b - 1).is(Token::kCapital) || !Adjacent(b)) return false;
    return Is(b - 1, kOrgNoun) || Text(b - 1, b).ends_with("maker");
  }
  // Whether a known organisation's name starts at token i ("... and Amnesty International": a second body).
  bool KnownOrgAt(size_t i) const {
    const LexList* found = nullptr;
    return Match(i, toks_.size(), &found) > 0 && found->front().kind == LexKind::kOrg;
  }
  // Tokens [b, e) have capital letters and no lower-case ones (for Lexicon::FindCased).
  bool WrittenInCapitals(size_t b, size_t e) const;
  // Among organisations sharing a name (entries.front() is one), the first
  // national body of the dateline's or an already named country, else the first.
  // The organisation `entries` name here; -1 for national bodies of several countries, none in context.
  int PickOrg(const LexList& entries) const;
  // Among countries sharing a name ("Congo"), the one of the dateline or already named, else the first.
  uint32_t PickCountry(const LexList& entries) const;
  bool InContext(const std::string& cc) const;  // the dateline's country or one already named
  // "(AfD)", "(SPD)" at token e: a bracketed word of two to eight letters, two or more of them capitals.
  bool AcronymAfter(size_t e) const {
    if (!IsPunct(e, '(') || !IsWord(e + 1) || !IsPunct(e + 2, ')')) return false;
    const std::string_view w = Text(e + 1, e + 2);
    size_t caps = 0;
    for (const char c : w) caps += c >= 'A' && c <= 'Z';
    return w.size() >= 2 && w.size() <= 8 && caps >= 2 && w[0] >= 'A' && w[0] <= 'Z';
  }
  // A LOCATION the gazetteer lacks as written, named by tokens [b, e), with its kind; returns its index.
  // A "place" spelt otherwise than GeoNames ("Khan Younis") is the city of that spelling in a country of
  // the report, or of the one named right after it ("in Hulunbuir, China"), if there is one; else it
  // keeps that country's code.
  int UnknownPlace(size_t b, size_t e, const char* kind) {
    std::string_view country;
    if (IsPunct(e, ',') && IsWord(e + 1)) {
      const LexList* found = nullptr;
      const size_t m = static_cast<size_t>(Match(e + 1, toks_.size(), &found));
      if (m > 0 && found->front().kind == LexKind::kCountry &&
          !(IsWord(e + 1 + m) && Adjacent(e + 1 + m) && NameLike(e + 1 + m))) {
        country = lex_.gazetteer().all_countries()[PickCountry(*found)].alpha2;
      }
    }
    if (std::string_view(kind) == "place") {
      for (const uint32_t k : lex_.gazetteer().SpelledLike(Text(b, e))) {
        const Place& c = lex_.gazetteer().all_places()[k];
        if (country.empty() ? InContext(c.country) : c.country == country) return EmitCity(c, SpanOf(b, e));
      }
    }
    const std::string text(Text(b, e));
    const int i = Entity('F', text, text, "LOCATION");
    r_.entities[static_cast<size_t>(i)].kind = kind;
    if (!country.empty()) r_.entities[static_cast<size_t>(i)].country_code = std::string(country);
    AddMention(i, SpanOf(b, e));
    if (std::string_view(kind) == "feature") features_.push_back(i);
    return i;
  }
  // The lexicon key of tokens [b, e) as one phrase.
  uint64_t PhraseHash(size_t b, size_t e) const {
    uint64_t h = kPhraseSeed;
    for (size_t k = b; k < e; ++k) h = CombineHash(h, T(k).hash);
    return h;
  }
  // Whether a known title starts at one of tokens [b, e), all capitalised up to it.
  bool TitleWithin(size_t b, size_t e) const {
    for (size_t k = b; k < e && T(k).is(Token::kCapital); ++k) {
      const LexList* found = nullptr;
      if (Match(k, e, &found) > 0 && found->front().kind == LexKind::kTitle) return true;
    }
    return false;
  }
  // After a title, "for" or "of" at token k and portfolio words ("for Planning
  // and Development"): the token after them; k if there are none.
  size_t PortfolioEnd(size_t k) const {
    const WordHashes& w = Words();
    if (!IsWord(k) || T(k).is(Token::kCapital) || (T(k).hash != w.for_ && T(k).hash != w.of)) return k;
    size_t end = k, q = k + 1;
    while (IsWord(q) && Adjacent(q)) {
      if (T(q).is(Token::kCapital) && Is(q, kPortfolio)) {
        end = ++q;
      } else if (!T(q).is(Token::kCapital) && (T(q).hash == w.and_ || T(q).hash == w.the) && IsWord(q + 1) &&
                 Is(q + 1, kPortfolio)) {
        ++q;
      } else {
        break;
      }
    }
    return end;
  }
  // Whether a place mention after "in" or "near" ends right before token k.
  bool CuedPlaceEndsAt(size_t k) const {
    const uint32_t end = T(k - 1).end;
    uint32_t start = end;
    for (const PendingPlace& p : places_) {
      if (p.span.end == end) start = p.span.start;
    }
    for (const auto& ent : r_.entities) {
      if (ent.type != "LOCATION") continue;
      for (const Span& m : ent.mentions) {
        if (m.end == end) start = m.start;
      }
    }
    if (start == end) return false;
    const size_t first = TokenAt(start);
    if (first == 0 || first == toks_.size()) return false;
    const Token& cue = toks_[first - 1];
    return cue.is(Token::kWord) && (cue.hash == in_hash_ || cue.hash == near_hash_);
  }
  // Whether a known title within [b, k) ends at token k.
  bool TitleEndsAt(size_t b, size_t k) const {
    for (size_t q = b; q < k; ++q) {
      const LexList* found = nullptr;
      if (Match(q, k, &found) == static_cast<int>(k - q) && found->front().kind == LexKind::kTitle) return true;
    }
    return false;
  }
  // Whether a known title starting in [b, k) runs past token k ("Secretary of State" over "of").
  bool TitleAcross(size_t b, size_t k) const;

  void Chunk(size_t b, size_t e);
  void FlushRun(size_t rb, size_t re, const std::string& title, size_t chunk_end);
  // The entity for (kind letter, key text), created with `text` and `type` if new.
  int Entity(char kind, std::string_view key, std::string_view text, const char* type);
  int Entity(char kind, std::string_view text, const char* type) { return Entity(kind, text, text, type); }
  void AddMention(int index, Span span);
  int EmitLexicon(const LexList& entries, size_t b, size_t e);
  int EmitPerson(size_t b, size_t e, const std::string& title);
  int FindPerson(uint64_t word_hash) const;
  // Tokens [b, e) spell an acronym: an all-caps word, then pieces glued by a
  // hyphen that are all caps or one capital ("JUI-F", "MQM-P").
  bool AcronymRun(size_t b, size_t e) const {
    if (b + 1 == e && PluralAcronym(b)) return true;
    if (b >= e || !IsWord(b) || !T(b).is(Token::kAllCaps)) return false;
    for (size_t k = b + 1; k < e; ++k) {
      if (!IsWord(k) || !T(k).is(Token::kGlued) || text_[T(k).start - 1] != '-' ||
          !(T(k).is(Token::kAllCaps) || (T(k).end - T(k).start == 1 && T(k).is(Token::kCapital)))) {
        return false;
      }
    }
    return true;
  }
  // ", known as UNAMA", ", also known as ISIS-K" at token `open`: the acronym's
  // end token (its first in *begin), 0 if none.
  size_t KnownAsEnd(size_t open, size_t* begin) const {
    if (!IsPunct(open, ',')) return 0;
    const WordHashes& w = Words();
    size_t k = open + 1;
    if (IsWord(k) && T(k).hash == w.also) ++k;
    if (!(IsWord(k) && T(k).hash == w.known && IsWord(k + 1) && T(k + 1).hash == w.as)) return 0;
    const size_t b = k + 2;
    size_t e = b + 1;
    while (e < toks_.size() && e < b + 4 && IsWord(e) && T(e).is(Token::kGlued)) ++e;
    *begin = b;
    return AcronymRun(b, e) && !(IsWord(e) && T(e).is(Token::kCapital)) ? e : 0;
  }
  // "SEZs", "NGOs": capitals and a plural "s".
  bool PluralAcronym(size_t k) const {
    if (!IsWord(k) || T(k).end - T(k).start < 3 || text_[T(k).end - 1] != 's') return false;
    for (uint32_t c = T(k).start; c + 1 < T(k).end; ++c) {
      if (text_[c] < 'A' || text_[c] > 'Z') return false;
    }
    return true;
  }
  // The ')' closing "(ACRONYM)" opened at token `open`; 0 if that is no acronym in brackets.
  size_t AcronymClose(size_t open) const {
    if (!IsPunct(open, '(')) return 0;
    for (size_t c = open + 2; c < toks_.size() && c <= open + 5; ++c) {
      if (IsPunct(c, ')')) return AcronymRun(open + 1, c) ? c : 0;
    }
    return 0;
  }
  // Key of an acronym run in acronyms_ (a one-word acronym: its word hash).
  uint64_t AcronymKey(size_t b, size_t e) const {
    uint64_t h = T(b).hash;
    for (size_t k = b + 1; k < e; ++k) h = CombineHash(h, T(k).hash);
    return h;
  }
  // The latest person whose title's last two or more words have `acronym` as
  // initials ("the DPO" after "District Police Officer X"); -1 if none.
  int PersonByTitleInitials(std::string_view acronym) const;
  std::string CountryOf(const LexList& entries) const;
  void AddContext(const std::string& cc) {
    if (std::find(context_countries_.begin(), context_countries_.end(), cc) == context_countries_.end()) {
      context_countries_.push_back(cc);
    }
  }
  // "the minister", "the Chief Adviser" at tokens [i, e): a mention of the latest person whose title has that role.
  void Anaphor(size_t i, size_t e);
  void FindDefinitions();
  void Define(const Definition& d);
  void ResolvePlaces();
  // The LOCATION entity of city `c` (created on first use), with a mention at `span`; returns its index.
  int EmitCity(const Place& c, Span span);
  void Finish();

  const Lexicon& lex_;
  Record& r_;
  const std::vector<Token>& toks_;
  const std::string& text_;
  std::vector<uint32_t> cls_;       // word classes per token
  std::vector<uint8_t> max_words_;  // longest lexicon phrase starting at each token
  std::vector<uint64_t> keys_;                           // entity key hash per entity index
  std::vector<std::pair<uint64_t, int>> person_words_;   // first/last name hash -> person
  std::vector<std::pair<uint64_t, int>> org_short_;      // a company's name without "Inc", "Corp" -> organisation
  std::vector<int> features_;  // LOCATION entities of kind "feature" (UnknownPlace)
  std::vector<std::pair<uint64_t, int>> acronyms_;       // acronym hash -> entity (-1: a term's, no entity)
  std::vector<PendingPlace> places_;
  std::vector<std::string> context_countries_;
  int last_emitted_ = -1;
  bool constituency_ = false;  // while chunking the Y of "person of Y"
  const uint64_t the_hash_ = Words().the;
  const uint64_t area_hash_ = Words().area;
  const uint64_t in_hash_ = Words().in, near_hash_ = Words().near;
  const uint64_t city_hash_ = Words().city;
  std::deque<LexList> city_lists_;  // the city entries of "X City" phrases, for places_
  // Long forms found by their acronym: [first token, '(' token), in order.
  std::vector<Definition> definitions_;
};

// "Bangladesh Garment Manufacturers and Exporters Association (BGMEA)": the
// long form is the shortest run of words before the bracket whose capitals
// spell the acronym (lower-case connectors may sit between them).
void Builder::FindDefinitions() {
  const WordHashes& w = Words();
  for (size_t i = 1; i + 2 < toks_.size(); ++i) {
    Definition d{0, i, 0, 0, 0};
    if (const size_t close = AcronymClose(i); close > 0) {
      d.acr_begin = i + 1;
      d.acr_end = close;
      d.resume = close + 1;
    } else if (const size_t end = KnownAsEnd(i, &d.acr_begin); end > 0) {
      d.acr_end = d.resume = end;
    } else {
      continue;
    }
    std::string acr;  // its letters, without hyphens
    for (size_t k = d.acr_begin; k < d.acr_end; ++k) acr.append(text_, T(k).start, T(k).end - T(k).start);
    if (PluralAcronym(d.acr_begin)) acr.pop_back();
    if (acr.size() < 2 || acr.size() > 10) continue;
    size_t letter = acr.size();
    size_t k = i;
    while (k > 0 && letter > 0) {
      const Token& t = T(k - 1);
      if (!t.is(Token::kWord) || t.is(Token::kParagraph)) break;
      const char first = text_[t.start];
      if (t.is(Token::kCapital) || t.is(Token::kAllCaps)) {
        if (first != acr[letter - 1]) break;
        --letter;
      } else if (!lex_.Is(t.hash, kConnector) && t.hash != w.and_ && t.hash != w.the && t.hash != w.in &&
                 t.hash != w.on && t.hash != w.to) {  // "Mission in Afghanistan", "for the Prohibition of"
        break;
      }
      --k;
    }
    d.begin = k;
    if (letter == 0 && i - k >= 2 && T(k).is(Token::kCapital)) definitions_.push_back(d);
  }
}

void Builder::Define(const Definition& d) {
  const size_t b = d.begin, open = d.open;
  const LexList* entries = nullptr;
  int index = -1;
  const size_t known = static_cast<size_t>(Match(b, open, &entries));
  bool suffixes = known > 0;  // "Oil and Gas Development Company Ltd (OGDCL)": a known company, legal suffix
  for (size_t k = b + known; k < open && suffixes; ++k) suffixes = T(k).is(Token::kCapital) && Is(k, kCompanySuffix);
  if (suffixes && entries->front().kind == LexKind::kOrg) {
    index = EmitLexicon(*entries, b, open);
  } else {
    const std::string text(Text(b, open));
    const uint32_t cls = cls_[open - 1];
    bool body = false;  // "Organisation for the Prohibition of Chemical Weapons": a body despite its last word
    for (size_t k = b; k + 1 < open && !body; ++k) body = Is(k, kOrgHead) && T(k).is(Token::kCapital);
    if ((cls & kTermHead) && !body) {  // "Air Quality Index (AQI)": a term, not a body; its acronym names nothing
      acronyms_.emplace_back(AcronymKey(d.acr_begin, d.acr_end), -1);
      return;
    }
    if (cls & (kAgreementHead | kLawHead | kEventHead)) {
      index = Entity('M', text, text, "MISC");
      r_.entities[static_cast<size_t>(index)].kind = (cls & kAgreementHead) ? "agreement" : (cls & kLawHead) ? "law" : "event";
    } else {
      index = Entity('O', text, text, "ORGANIZATION");
    }
    AddMention(index, SpanOf(b, open));
  }
  if (index < 0) return;
  auto& ent = r_.entities[static_cast<size_t>(index)];
  if (ent.acronym.empty()) ent.acronym = std::string(Text(d.acr_begin, d.acr_end));
  acronyms_.emplace_back(AcronymKey(d.acr_begin, d.acr_end), index);
  AddMention(index, SpanOf(d.acr_begin, d.acr_end));
}

int Builder::Match(size_t i, size_t limit, const LexList** entries) const {
  const int max = std::min<int>(max_words_[i], static_cast<int>(limit - i));
  if (max == 0) return 0;
  uint64_t h = kPhraseSeed;
  int best = 0;
  const bool cased = Is(i, kCasedStart);
  for (int n = 0; n < max; ++n) {
    const size_t k = i + static_cast<size_t>(n);
    if (!T(k).is(Token::kWord) || (n > 0 && !Adjacent(k))) break;
    h = CombineHash(h, T(k).hash);
    // A phrase ends on a name word or a lower-case noun ("Fitna al Khwarij",
    // "Israeli military"; not "Bank of").
    if (n > 0 && !NameLike(k) && (!Is(k, kPhraseWord) || Is(k, kConnector | kStopStart))) continue;
    const LexList* found = cased ? lex_.FindCased(h) : nullptr;
    if (found && !WrittenInCapitals(i, k + 1)) found = nullptr;
    if (found || (found = lex_.Find(h))) {
      best = n + 1;
      *entries = found;
    }
  }
  return best;
}

bool Builder::WrittenInCapitals(size_t b, size_t e) const {
  if (cls_[b] & kInShouting) return false;  // all text is: "WHO", "US" may be the pronouns
  size_t upper = 0, lower = 0;
  for (const char c : Text(b, e)) {
    upper += c >= 'A' && c <= 'Z';
    lower += c >= 'a' && c <= 'z';
  }
  return upper > 0 && lower == 0;
}

bool Builder::InContext(const std::string& cc) const {
  if (cc.empty()) return false;
  if (r_.dateline && cc == r_.dateline->country_code) return true;
  return std::find(context_countries_.begin(), context_countries_.end(), cc) != context_countries_.end();
}

int Builder::PickOrg(const LexList& entries) const {
  size_t national = 0, orgs = 0;
  for (const LexEntry& entry : entries) {
    if (entry.kind != LexKind::kOrg) break;
    const std::string& cc = lex_.orgs()[entry.ref].country;
    if (InContext(cc)) return static_cast<int>(entry.ref);
    national += !cc.empty();
    ++orgs;
  }
  // "Congress" in a report from Brazil: neither the U.S. nor the Indian one.
  if (national > 1 && national == orgs) return -1;
  return static_cast<int>(entries.front().ref);
}

uint32_t Builder::PickCountry(const LexList& entries) const {
  for (const LexEntry& entry : entries) {
    if (entry.kind != LexKind::kCountry) break;
    if (InContext(lex_.gazetteer().all_countries()[entry.ref].alpha2)) return entry.ref;
  }
  return entries.front().ref;
}

bool Builder::TitleAcross(size_t b, size_t k) const {
  for (size_t q = b; q < k; ++q) {
    const LexList* found = nullptr;
    const int n = Match(q, r_.tokens.size(), &found);
    if (n > 0 && found->front().kind == LexKind::kTitle && q + static_cast<size_t>(n) > k + 1) return true;
  }
  return false;
}

int Builder::Entity(char kind, std::string_view key_text, std::string_view text, const char* type) {
  const uint64_t key = CombineHash(static_cast<uint64_t>(kind), HashFolded(key_text));
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == key) return static_cast<int>(i);
  }
  keys_.push_back(key);
  auto& e = r_.entities.emplace_back();
  e.text = text;
  e.type = type;
  return static_cast<int>(keys_.size() - 1);
}

void Builder::AddMention(int index, Span span) {
  auto& m = r_.entities[static_cast<size_t>(index)].mentions;
  for (const Span& s : m) {
    if (s.start == span.start) return;
  }
  m.push_back(span);
  last_emitted_ = index;
}

int Builder::EmitLexicon(const LexList& entries, size_t b, size_t e) {
  const LexEntry* top_entry = &entries.front();
  // A country's name that is also its demonym ("Saudi") before another word qualifies it: the
  // nationality ("Saudi Energy Minister", "Saudi officials"), not the country ("in Saudi", "Saudi rose").
  if (top_entry->kind == LexKind::kCountry && IsWord(e) && Adjacent(e) && !T(e).is(Token::kPossessive) &&
      (T(e).is(Token::kCapital) || Is(e, kRole | kGroupPlural | kOrgNoun | kTitleModifier | kPortfolio))) {
    for (const LexEntry& le : entries) {
      if (le.kind == LexKind::kDemonym) top_entry = &le;
    }
  }
  const LexEntry& top = *top_entry;
  const Gazetteer& g = lex_.gazetteer();
  switch (top.kind) {
    case LexKind::kOrg: {
      const int pick = PickOrg(entries);
      if (pick < 0) {  // a national body of some other country: the name as written, no canonical form
        const std::string written(Text(b, e));
        const int i = Entity('O', written, written, "ORGANIZATION");
        AddMention(i, SpanOf(b, e));
        return i;
      }
      const OrgInfo& org = lex_.orgs()[static_cast<size_t>(pick)];
      const int i = Entity('O', org.name, org.name, "ORGANIZATION");
      auto& ent = r_.entities[static_cast<size_t>(i)];
      ent.kind = org.kind;
      ent.acronym = org.acronym;
      AddMention(i, SpanOf(b, e));
      return i;
    }
    case LexKind::kCountry: {
      const Country& c = g.all_countries()[PickCountry(entries)];
      const int i = Entity('L', c.alpha2,
                           !c.display.empty()                                          ? c.display
                           : c.names.size() > 1 && c.name.find(',') != std::string::npos ? c.names[1]
                                                                                         : c.name,
                           "LOCATION");
      auto& ent = r_.entities[static_cast<size_t>(i)];
      ent.kind = "country";
      ent.country_code = c.alpha2;
      ent.gazetteer_id = "iso3166-1:" + c.alpha2;
      if (c.has_geo) ent.geo = GeoPoint{c.lat, c.lon};
      AddContext(c.alpha2);
      AddMention(i, SpanOf(b, e));
      return i;
    }
    case LexKind::kDemonym: {
      const Country& c = g.all_countries()[top.ref];
      const std::string text = c.demonyms.empty() ? c.name : c.demonyms.front();
      const int i = Entity('N', c.alpha2, text, "MISC");
      auto& ent = r_.entities[static_cast<size_t>(i)];
      ent.kind = "nationality";
      ent.country_code = c.alpha2;
      AddContext(c.alpha2);
      AddMention(i, SpanOf(b, e));
      return i;
    }
    case LexKind::kAdmin1:
    case LexKind::kCity: {
      const bool cue = b > 0 && T(b - 1).is(Token::kWord) && Is(b - 1, kPlaceCue);
      const bool admin = (IsWord(e) && Is(e, kAdminWord)) || constituency_;
      places_.push_back({SpanOf(b, e), &entries, cue, admin, e - b, T(b).is(Token::kSentence)});
      return -1;
    }
    case LexKind::kRegion: {
      const std::string& name = lex_.regions()[top.ref];
      const int i = Entity('R', name, name, "LOCATION");
      r_.entities[static_cast<size_t>(i)].kind = "region";
      r_.entities[static_cast<size_t>(i)].country_code = lex_.region_country(top.ref);
      AddMention(i, SpanOf(b, e));
      return i;
    }
    case LexKind::kRegionAdjective: {
      const std::string& name = lex_.regions()[top.ref];
      const int i = Entity('N', name, name, "MISC");
      r_.entities[static_cast<size_t>(i)].kind = "nationality";
      AddMention(i, SpanOf(b, e));
      return i;
    }
    case LexKind::kTitle:
      break;
  }
  return -1;
}

int Builder::EmitPerson(size_t b, size_t e, const std::string& title) {
  // A later full mention or a known short form: the same person.
  std::string name(Text(b, e));
  int index = -1;
  if (e - b == 1) index = FindPerson(T(b).hash);
  if (index < 0) {
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (r_.entities[i].type == "PERSON" && r_.entities[i].text.size() > name.size() &&
          r_.entities[i].text.find(name) != std::string::npos) {
        index = static_cast<int>(i);
        break;
      }
    }
  }
  if (index < 0) index = Entity('P', name, name, "PERSON");
  auto& ent = r_.entities[static_cast<size_t>(index)];
  if (ent.title.empty() && !title.empty()) ent.title = title;
  AddMention(index, SpanOf(b, e));
  person_words_.emplace_back(T(e - 1).hash, index);
  if (e - b >= 3 && Is(e - 1, kNameSuffix)) person_words_.emplace_back(T(e - 2).hash, index);  // "Marcos Jr"
  if (e - b >= 2) person_words_.emplace_back(T(b).hash, index);
  return index;
}

// The country of a place entry that lies in the report's countries, else empty.
std::string Builder::CountryOf(const LexList& entries) const {
  const Gazetteer& g = lex_.gazetteer();
  for (const LexEntry& le : entries) {
    std::string cc;
    if (le.kind == LexKind::kCountry) cc = g.all_countries()[le.ref].alpha2;
    else if (le.kind == LexKind::kAdmin1) cc = g.all_subdivisions()[le.ref].country;
    else if (le.kind == LexKind::kCity) cc = g.all_places()[le.ref].country;
    else continue;
    if ((r_.dateline && r_.dateline->country_code == cc) ||
        std::find(context_countries_.begin(), context_countries_.end(), cc) != context_countries_.end()) {
      return cc;
    }
  }
  return "";
}

int Builder::FindPerson(uint64_t word_hash) const {
  for (auto it = person_words_.rbegin(); it != person_words_.rend(); ++it) {
    if (it->first == word_hash) return it->second;
  }
  return -1;
}

int Builder::PersonByTitleInitials(std::string_view acronym) const {
  for (size_t k = r_.entities.size(); k-- > 0;) {
    const auto& ent = r_.entities[k];
    if (ent.type != "PERSON" || ent.title.empty()) continue;
    std::string initials;  // of every word of the title, upper case
    bool word_start = true;
    for (const char c : ent.title) {
      const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (word_start && letter) initials.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
      word_start = c == ' ' || c == '-';
    }
    if (initials.size() >= 2 && acronym.size() >= 2 && acronym.size() <= initials.size() &&
        std::string_view(initials).substr(initials.size() - acronym.size()) == acronym) {
      return static_cast<int>(k);
    }
  }
  return -1;
}

// "the minister": the latest person whose title has that word.
void Builder::Anaphor(size_t i, size_t e) {
  std::string role(Text(i + 1, e));
  for (char& c : role) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  int best = -1;
  for (size_t k = 0; k < r_.entities.size(); ++k) {
    const auto& ent = r_.entities[k];
    if (ent.type != "PERSON" || ent.title.empty()) continue;
    std::string title_lower(ent.title);
    for (char& c : title_lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (title_lower.find(role) != std::string::npos) best = static_cast<int>(k);
  }
  if (best >= 0) AddMention(best, SpanOf(i, e));
}

void Builder::FlushRun(size_t rb, size_t re, const std::string& title, size_t chunk_end) {
  while (rb < re && Is(rb, kConnector) && !T(rb).is(Token::kCapital)) ++rb;
  while (re > rb && Is(re - 1, kConnector) && !T(re - 1).is(Token::kCapital)) --re;
  // A sentence opener is no part of a name ("Meanwhile", "But").
  while (rb < re && T(rb).is(Token::kSentence) && Is(rb, kStopStart) && title.empty()) ++rb;
  if (rb >= re) return;
  const size_t n = re - rb;
  // A report's own acronym, or one defined in the text.
  if (AcronymRun(rb, re)) {
    const uint64_t key = AcronymKey(rb, re);
    for (auto& [h, idx] : acronyms_) {
      if (h == key) {
        if (idx >= 0) AddMention(idx, SpanOf(rb, re));
        return;
      }
    }
  }
  // Long form followed by "(ACRONYM)": an organisation (or a law/event by its head).
  const bool defines = IsPunct(chunk_end, '(') && IsWord(chunk_end + 1) && T(chunk_end + 1).is(Token::kAllCaps) &&
                       IsPunct(chunk_end + 2, ')') && re == chunk_end;
  if (defines && title.empty()) {
    const std::string text(Text(rb, re));
    const int i = Entity('O', text, text, "ORGANIZATION");
    AddMention(i, SpanOf(rb, re));
    return;
  }
  if (title.empty()) {  // "Walmart" after "Walmart Inc"
    if (const int idx = ShortOrg(rb, re); idx >= 0) {
      AddMention(idx, SpanOf(rb, re));
      return;
    }
  }
  size_t capitals = 0;
  for (size_t k = rb; k < re; ++k) capitals += T(k).is(Token::kCapital);
  if (!title.empty() || (rb > 0 && T(rb - 1).is(Token::kWord) && Is(rb - 1, kRole))) {
    std::string role = title;
    if (role.empty()) {  // "spokesman", "finance minister", "prime minister": lower-case role words before the name
      size_t from = rb - 1;
      while (from > 0 && rb - from < 3 && IsWord(from - 1) && !T(from - 1).is(Token::kCapital) &&
             Is(from - 1, kRole | kTitleModifier | kPortfolio) && Adjacent(from)) {
        --from;
      }
      role = std::string(Text(from, rb));
    }
    if (capitals <= kMaxNameWords) EmitPerson(rb, re, role);
    return;
  }
  // "Hindu Kush mountains", "Swat district": unknown name words before a lower-case
  // natural feature or area word name a place.
  if (re == chunk_end && IsWord(re) && !T(re).is(Token::kCapital) && Adjacent(re) && Is(re, kTerrain) &&
      !Is(rb, kStopStart) && FindPerson(T(re - 1).hash) < 0) {
    const uint64_t h = T(re).hash;
    const WordHashes& w = Words();
    UnknownPlace(rb, re,
                 Is(re, kAdminWord) || h == area_hash_                   ? "area"
                 : h == w.town || h == w.village || h == w.township ? "place"  // "Maga town"
                                                                         : "feature");
    return;
  }
  // "oil company Petrobras", "broadcaster NHK", "chipmaker Nvidia": a noun naming a kind of body just
  // before unknown name words makes them that body's name (later mentions included); so does one
  // closing an appositive after them ("Pemex, the state oil company, said").
  if ((OrgNounBefore(rb) || (re == chunk_end && OrgAppositiveAfter(re))) && capitals <= kMaxNameWords) {
    const std::string text(Text(rb, re));
    const int i = Entity('O', text, text, "ORGANIZATION");
    AddMention(i, SpanOf(rb, re));
    org_short_.emplace_back(PhraseHash(rb, re), i);
    return;
  }
  // A place and more name words: a team or company ("Los Angeles Dodgers", "Tata Motors").
  if (n >= 2) {
    const LexList* place = nullptr;
    const int m = Match(rb, re, &place);
    const LexEntry& top = m > 0 ? place->front() : LexEntry{LexKind::kTitle, 0};
    const bool big_city =
        top.kind == LexKind::kCity && lex_.gazetteer().all_places()[top.ref].population >= 500000;
    if (m > 0 && m < static_cast<int>(n) &&
        (big_city || top.kind == LexKind::kCountry || top.kind == LexKind::kAdmin1)) {
      const std::string text(Text(rb, re));
      const int i = Entity('O', text, text, "ORGANIZATION");
      AddMention(i, SpanOf(rb, re));
      return;
    }
  }
  if (n == 1) {
    for (const auto& [h, idx] : acronyms_) {  // a mixed-case acronym defined earlier ("AfD")
      if (h == T(rb).hash && idx >= 0) {
        AddMention(idx, SpanOf(rb, re));
        return;
      }
    }
    if (const int p = FindPerson(T(rb).hash); p >= 0) {
      AddMention(p, SpanOf(rb, re));
      return;
    }
    // "the DPO said": the short form of a person's title stands for that person.
    if (T(rb).is(Token::kAllCaps) && rb > 0 && IsWord(rb - 1) && T(rb - 1).hash == the_hash_) {
      if (const int p = PersonByTitleInitials(Text(rb, re)); p >= 0) {
        AddMention(p, SpanOf(rb, re));
        return;
      }
    }
    // "Mujahid said": a lone name that speaks.
    if (IsWord(re) && Is(re, kCue) && !T(rb).is(Token::kAllCaps) && !Is(rb, kStopStart | kGroupPlural)) {
      EmitPerson(rb, re, "");
      return;
    }
    // "in Chibok", "near Ukhia": a lone unknown name after "in" or "near" is a place.
    if (LonePlaceAfterCue(rb)) {
      UnknownPlace(rb, re, "place");
      return;
    }
    // An unknown acronym: an organisation, unless a number is glued to it ("KSE-100", "COVID-19": an index, a disease).
    const bool numbered = IsWord(re) && T(re).is(Token::kGlued) && T(re).is(Token::kDigit);
    if (T(rb).is(Token::kAllCaps) && T(rb).end - T(rb).start >= 3 && T(rb).end - T(rb).start <= 6 && !numbered) {
      const std::string text(Text(rb, re));
      const int i = Entity('O', text, text, "ORGANIZATION");
      AddMention(i, SpanOf(rb, re));
    }
    return;
  }
  // Two to four name words, none a known thing: a person. A lower-case part
  // glued by a hyphen belongs to the word before it ("Lee Jae-myung").
  for (size_t k = rb; k < re; ++k) {
    if (!T(k).is(Token::kCapital) || T(k).is(Token::kAllCaps)) {
      if (!Is(k, kConnector) && !(k > rb && HyphenGlued(k) && !T(k).is(Token::kDigit))) return;
    }
  }
  // "Dow Jones Industrial Average": a term's head word ends no person's name.
  if (Is(re - 1, kTermHead)) return;
  // "State Guest House Jamuna": a body's head word inside the run, more name words after it: a named building or body.
  for (size_t k = rb + 1; k + 1 < re; ++k) {
    if (Is(k, kOrgHead) && T(k).is(Token::kCapital)) {
      const std::string text(Text(rb, re));
      AddMention(Entity('O', text, text, "ORGANIZATION"), SpanOf(rb, re));
      return;
    }
  }
  // "Conservative leader Kemi Badenoch": words qualifying a role before a name are no person.
  if (IsWord(re) && !T(re).is(Token::kCapital) && Is(re, kRole) && IsWord(re + 1) && NameLike(re + 1)) return;
  // "in Khan Younis", "near Nipa Chowrangi": after "in" or "near", unknown name words are a place;
  // so are those after a place so named and "and" ("in Cox's Bazar and Bhasan Char").
  const bool after_place = rb > 1 && IsWord(rb - 1) && T(rb - 1).hash == Words().and_ && CuedPlaceEndsAt(rb - 1);
  if (rb > 0 && IsWord(rb - 1) && !T(rb - 1).is(Token::kCapital) &&
      (T(rb - 1).hash == in_hash_ || T(rb - 1).hash == near_hash_ || after_place) &&
      !(IsWord(re) && T(re).is(Token::kPossessive))) {
    UnknownPlace(rb, re, "place");
    return;
  }
  // "Lewotobi Laki-laki" after "Mount Lewotobi Laki-laki": the feature named before, without its prefix.
  const std::string_view words = Text(rb, re);
  for (const int k : features_) {
    const std::string& name = r_.entities[static_cast<size_t>(k)].text;
    if (name.size() > words.size() && std::string_view(name).ends_with(words) &&
        name[name.size() - words.size() - 1] == ' ') {
      AddMention(k, SpanOf(rb, re));
      return;
    }
  }
  if (capitals <= kMaxNameWords) EmitPerson(rb, re, "");
}

void Builder::Chunk(size_t b, size_t e) {
  // A hyphenated acronym defined earlier in the text ("BNP-M" after "Balochistan National Party-Mengal (BNP-M)").
  if (e - b > 1 && AcronymRun(b, e)) {
    const uint64_t key = AcronymKey(b, e);
    for (const auto& [h, idx] : acronyms_) {
      if (h == key) {
        if (idx >= 0) AddMention(idx, SpanOf(b, e));
        return;
      }
    }
  }
  // The whole chunk as one known name.
  const LexList* entries = nullptr;
  const int known = Match(b, e, &entries);
  if (known == static_cast<int>(e - b)) {
    const LexKind kind = entries->front().kind;
    if (e - b == 1 && (kind == LexKind::kCity || kind == LexKind::kAdmin1)) {
      if (const int p = FindPerson(T(b).hash); p >= 0) {  // "Imamoglu" after "Ekrem Imamoglu"
        AddMention(p, SpanOf(b, e));
        return;
      }
    }
    // "Barcelona coach Hansi Flick", "Leeds fans": a city's name before a sport role is its club
    // (a country's is its national side, which stays the country).
    if ((kind == LexKind::kCity || kind == LexKind::kAdmin1) && IsWord(e) && Adjacent(e) &&
        !T(e).is(Token::kCapital) && Is(e, kSportRole)) {
      const std::string text(Text(b, e));
      int i = -1;
      for (size_t k = 0; k < r_.entities.size() && i < 0; ++k) {  // "Real coach" after "Real Madrid": that club
        const auto& ent = r_.entities[k];
        if (ent.type == "ORGANIZATION" && ent.text.size() > text.size() && ent.text.starts_with(text) &&
            ent.text[text.size()] == ' ') {
          i = static_cast<int>(k);
        }
      }
      if (i < 0) {
        i = Entity('O', text, text, "ORGANIZATION");
        r_.entities[static_cast<size_t>(i)].kind = "sport";
      }
      AddMention(i, SpanOf(b, e));
      return;
    }
    if (kind != LexKind::kTitle) {
      const int i = EmitLexicon(*entries, b, e);
      if (i >= 0 && IsPunct(e, '(') && IsWord(e + 1) && T(e + 1).is(Token::kAllCaps) && IsPunct(e + 2, ')')) {
        acronyms_.emplace_back(T(e + 1).hash, i);
      }
      return;
    }
  }
  // "Toyota Motor Corp.": a known company under its legal name is that company.
  if (known > 0 && known < static_cast<int>(e - b) && entries->front().kind == LexKind::kOrg) {
    bool suffixes = true;
    for (size_t q = b + static_cast<size_t>(known); q < e && suffixes; ++q) {
      suffixes = T(q).is(Token::kCapital) && Is(q, kCompanySuffix);
    }
    if (suffixes) {
      EmitLexicon(*entries, b, e);
      return;
    }
  }
  // Drop a sentence opener ("The", "But") unless the rest is no name.
  while (b < e && T(b).is(Token::kSentence) && Is(b, kStopStart) && e - b > 1) {
    const LexList* first = nullptr;
    if (Match(b, e, &first) > 1) break;
    if (Is(b, kTitleModifier) && TitleWithin(b + 1, e)) break;  // "Chief Financial Officer John Rainey"
    ++b;
  }
  if (b < e && Is(b, kStopStart) && T(b).is(Token::kSentence) && e - b == 1) {
    const LexList* first = nullptr;
    if (Match(b, e, &first) != 1 || first->front().kind == LexKind::kTitle) return;
  }
  while (b < e && (!T(b).is(Token::kWord) ||
                    (Is(b, kConnector) && !T(b).is(Token::kCapital) && !(b + 1 < e && T(b + 1).is(Token::kGlued))))) {
    ++b;
  }
  if (b >= e) return;
  if (Match(b, e, &entries) == static_cast<int>(e - b) && entries->front().kind != LexKind::kTitle) {
    EmitLexicon(*entries, b, e);
    return;
  }
  // "Gaza City", "Kuwait City": a city named by its name and "City".
  if (e - b >= 2 && T(e - 1).hash == city_hash_ && T(e - 1).is(Token::kCapital)) {
    const LexList* where = nullptr;
    if (Match(b, e - 1, &where) == static_cast<int>(e - 1 - b)) {
      const auto city = std::find_if(where->begin(), where->end(), [](const LexEntry& le) { return le.kind == LexKind::kCity; });
      if (city != where->end()) {
        const LexList cities = where->subspan(static_cast<size_t>(city - where->begin()));
        city_lists_.push_back(cities);  // PendingPlace keeps a pointer; a deque keeps it valid
        places_.push_back({SpanOf(b, e), &city_lists_.back(), true, false, e - b, T(b).is(Token::kSentence)});
        return;
      }
    }
  }
  // "Fukuoka Prefecture", "Swat District": a place and its area word.
  if (e - b >= 2 && Is(e - 1, kAdminWord) && T(e - 1).is(Token::kCapital)) {
    const LexList* where = nullptr;
    const int m = Match(b, e - 1, &where);
    if (m == static_cast<int>(e - 1 - b) && (where->front().kind == LexKind::kAdmin1 || where->front().kind == LexKind::kCity)) {
      EmitLexicon(*where, b, e - 1);  // sees the area word after it
      return;
    }
    if (m == 0 && e - b == 2 && !Is(b, kStopStart)) {
      UnknownPlace(b, e - 1, "area");
      return;
    }
  }
  const uint64_t of = Words().of, for_ = Words().for_;
  // "Alternative for Germany (AfD)": a name defined by the acronym after it is not two names.
  if (e - b >= 3 && AcronymAfter(e)) {
    bool joined = false;
    for (size_t k = b + 1; k + 1 < e; ++k) joined |= (T(k).hash == of || T(k).hash == for_) && !T(k).is(Token::kCapital);
    const LexList* whole = nullptr;
    if (joined && Match(b, e, &whole) == 0) {
      const std::string text(Text(b, e));
      const int i = Entity('O', text, text, "ORGANIZATION");
      r_.entities[static_cast<size_t>(i)].acronym = std::string(Text(e + 1, e + 2));
      acronyms_.emplace_back(T(e + 1).hash, i);
      AddMention(i, SpanOf(b, e));
      AddMention(i, SpanOf(e + 1, e + 2));
      return;
    }
  }
  // Named by its head: "... Ministry", "Ministry of ...", "... Agreement".
  size_t head = e;
  for (size_t k = b; k < e; ++k) {
    if (Is(k, kOrgHead | kAgreementHead | kLawHead | kEventHead) && T(k).is(Token::kCapital)) {
      // (Or a connector in another language: "Clan del Golfo".)
      if (k + 1 == e || T(k + 1).hash == of || T(k + 1).hash == for_ ||
          (Is(k + 1, kConnector) && !T(k + 1).is(Token::kCapital) && k + 2 < e)) {
        head = k;
      }
    }
  }
  // "Ministry of Foreign Affairs Asad Alam Siam": a body named by its portfolio, then a person.
  if (head < e && head + 1 < e && (T(head + 1).hash == of || T(head + 1).hash == for_)) {
    const size_t end = PortfolioEnd(head + 1);
    if (end > head + 2 && end + 2 <= e) {
      Chunk(b, end);
      Chunk(end, e);
      return;
    }
  }
  // Otherwise "X of Y" is two names: "Chuck Schumer of New York".
  if (head == e) {
    for (size_t k = b + 1; k + 1 < e; ++k) {
      if ((T(k).hash == of || T(k).hash == for_) && !T(k).is(Token::kCapital)) {
        const LexList* whole = nullptr;
        if (Match(b, e, &whole) == static_cast<int>(e - b)) break;
        if (TitleAcross(b, k)) break;  // "Secretary of State Marco Rubio": one title
        if (PortfolioEnd(k) > k + 1 && TitleEndsAt(b, k)) break;  // "Minister for Planning Ahsan Iqbal"
        Chunk(b, k);
        // "Chuck Schumer of New York": a place after a person and "of" is their state or province.
        constituency_ = last_emitted_ >= 0 && r_.entities[static_cast<size_t>(last_emitted_)].type == "PERSON" &&
                        !r_.entities[static_cast<size_t>(last_emitted_)].mentions.empty() &&
                        r_.entities[static_cast<size_t>(last_emitted_)].mentions.back().end == T(k - 1).end;
        Chunk(k + 1, e);
        constituency_ = false;
        return;
      }
    }
  }
  // "Typhoon Kalmaegi", "Operation Sindoor": an event.
  if (e - b >= 2 && Is(b, kEventPrefix)) {
    const std::string text(Text(b, e));
    const int i = Entity('M', text, text, "MISC");
    r_.entities[static_cast<size_t>(i)].kind = "event";
    AddMention(i, SpanOf(b, e));
    return;
  }
  // "Indus River", "Gaddafi Stadium", "Mount Everest", "Southern Leyte": a place.
  if (e - b >= 2 && ((Is(e - 1, kPlaceHead) && head == e) || Is(b, kPlacePrefix) ||
                     Is(b, kCompass))) {
    const LexList* rest = nullptr;
    const bool compass_only = !Is(e - 1, kPlaceHead) && !Is(b, kPlacePrefix);
    const int rest_words = Match(b + 1, e, &rest);
    const bool rest_place = rest_words == static_cast<int>(e - b - 1) && rest->front().kind != LexKind::kDemonym &&
                            rest->front().kind != LexKind::kRegionAdjective && rest->front().kind != LexKind::kOrg &&
                            rest->front().kind != LexKind::kTitle;
    if (rest && !rest_place) rest = nullptr;
    if (!compass_only || rest_place || (e - b == 2 && rest_words == 0)) {
      const int i = UnknownPlace(b, e, "feature");
      if (rest) r_.entities[static_cast<size_t>(i)].country_code = CountryOf(*rest);
      return;
    }
  }
  if (head < e && (e - b >= 2)) {
    // Skip a leading title-and-person part: "Minister X of the Y Party" is rare; keep it simple.
    const uint32_t cls = cls_[head];
    const std::string text(Text(b, e));
    int i;
    if (cls & kOrgHead) {
      i = ShortOrg(b, e);  // "Kestrel Mining" after "Kestrel Mining Inc"
      if (i < 0) i = Entity('O', text, text, "ORGANIZATION");
      // "Walmart Inc": later, "Walmart" alone is this company.
      size_t short_end = e;
      while (short_end > b + 1 && Is(short_end - 1, kCompanySuffix) && T(short_end - 1).is(Token::kCapital)) --short_end;
      if (short_end < e) org_short_.emplace_back(PhraseHash(b, short_end), i);
    } else {
      i = Entity('M', text, text, "MISC");
      r_.entities[static_cast<size_t>(i)].kind =
          (cls & kAgreementHead) ? "agreement" : (cls & kLawHead) ? "law" : "event";
    }
    AddMention(i, SpanOf(b, e));
    if (IsPunct(e, '(') && IsWord(e + 1) && T(e + 1).is(Token::kAllCaps) && IsPunct(e + 2, ')')) {
      acronyms_.emplace_back(T(e + 1).hash, i);
      r_.entities[static_cast<size_t>(i)].acronym = std::string(Text(e + 1, e + 2));
    }
    return;
  }
  // Left to right: known names, titles, and runs of unknown words.
  std::string title;
  size_t title_begin = b;
  size_t run = b, k = b;
  size_t org_begin = e, org_end = e;  // the known body emitted last, if it ended where `run` is
  while (k < e) {
    const LexList* found = nullptr;
    int n = Match(k, e, &found);
    if (n == 0) {
      ++k;
      continue;
    }
    const LexKind kind = found->front().kind;
    // A country right after a role word and before another name word is a first name ("president Jordan Bardella").
    const bool first_name = kind == LexKind::kCountry && k == b && b > 0 && IsWord(b - 1) && Is(b - 1, kRole) &&
                            !T(b - 1).is(Token::kCapital) && k + static_cast<size_t>(n) < e;
    const bool place = kind == LexKind::kCity || kind == LexKind::kAdmin1 || kind == LexKind::kRegion || first_name;
    // A place inside a run of unknown name words is part of a name ("Jack London", "Moon Jae-in").
    if (place && (k > run || (k + static_cast<size_t>(n) < e && !Is(k + static_cast<size_t>(n), kConnector)) ||
                  !title.empty())) {
      ++k;
      continue;
    }
    if (kind == LexKind::kTitle && k + static_cast<size_t>(n) + 1 == e && Is(e - 1, kNameSuffix)) {
      k += static_cast<size_t>(n);  // "Martin Luther King Jr": a surname, not a title
      continue;
    }
    if (kind == LexKind::kTitle) {
      // Unknown capitalised words before a title are part of it ("Information Minister").
      size_t tb = k;
      while (tb > run && !Is(tb - 1, kConnector)) --tb;
      // A second title right after the first: one title ("Chief of Army Staff Field Marshal",
      // "Lt. Col."), but an honorific adds nothing to a title ("Karachi Mayor Barrister Murtaza Wahab").
      if (!title.empty() && tb == run) {
        if (Is(k, kHonorific) && !Is(title_begin, kHonorific)) {
          k += static_cast<size_t>(n);
          if (k < e && T(k).cp == '.') ++k;
          run = k;
          continue;
        }
        tb = title_begin;
      }
      if (tb > run) FlushRun(run, tb, "", tb);
      if (tb == run && org_end == run) {
        // A known body opening the title belongs to it ("Treasury Secretary"), with
        // the title modifiers before it ("Chief Cabinet Secretary").
        tb = org_begin;
        while (tb > b && Is(tb - 1, kTitleModifier) && T(tb - 1).is(Token::kCapital)) --tb;
      } else if (tb < k) {
        // A country, province or big city opening the title is a place too ("Punjab Chief Minister").
        const LexList* where = nullptr;
        if (Match(tb, k, &where) == static_cast<int>(k - tb)) {
          const LexEntry& top = where->front();
          if (top.kind == LexKind::kCountry || top.kind == LexKind::kAdmin1 ||
              (top.kind == LexKind::kCity && lex_.gazetteer().all_places()[top.ref].population >= 500000)) {
            EmitLexicon(*where, tb, k);
          }
        }
      }
      // "SSP East Zubair Shaikh": a rank in capitals and the zone it commands.
      if (T(k + static_cast<size_t>(n) - 1).is(Token::kAllCaps) && k + static_cast<size_t>(n) + 2 < e &&
          (Is(k + static_cast<size_t>(n), kCompass) || T(k + static_cast<size_t>(n)).hash == city_hash_)) {
        ++n;
      }
      // "Minister for Planning and Development": the portfolio belongs to the title.
      if (const size_t end = PortfolioEnd(k + static_cast<size_t>(n)); end < e) n = static_cast<int>(end - k);
      title = std::string(Text(tb, k + static_cast<size_t>(n)));
      title_begin = tb;
      k += static_cast<size_t>(n);
      if (k < e && T(k).cp == '.') ++k;  // "Mr." and "Gen."
      run = k;
      continue;
    }
    // "Labour Minister": a party named by a portfolio word right before a title is the title's word.
    if (kind == LexKind::kOrg && n == 1 && Is(k, kPortfolio) && lex_.orgs()[found->front().ref].kind == "party") {
      const LexList* next = nullptr;
      if (Match(k + 1, e, &next) > 0 && next->front().kind == LexKind::kTitle) {
        ++k;
        continue;
      }
    }
    // Unknown name words before a known party's name: another party ("Social Democrats", "Christian Democrats").
    if (kind == LexKind::kOrg && k > run && title.empty() && lex_.orgs()[found->front().ref].kind == "party") {
      bool names = true;
      for (size_t q = run; q < k && names; ++q) names = T(q).is(Token::kCapital) && !Is(q, kStopStart);
      if (names) {
        const std::string text(Text(run, k + static_cast<size_t>(n)));
        const int i = Entity('O', text, text, "ORGANIZATION");
        r_.entities[static_cast<size_t>(i)].kind = "party";
        AddMention(i, SpanOf(run, k + static_cast<size_t>(n)));
        k += static_cast<size_t>(n);
        run = k;
        continue;
      }
    }
    if (k > run) FlushRun(run, k, title, k);
    title.clear();
    // A known organisation and more unknown name words: one longer name ("Apple Daily").
    if (kind == LexKind::kOrg && k + static_cast<size_t>(n) < e && k == run) {
      bool unknown_rest = true;
      for (size_t q = k + static_cast<size_t>(n); q < e && unknown_rest; ++q) {
        const LexList* other = nullptr;
        unknown_rest = T(q).is(Token::kCapital) && Match(q, e, &other) == 0;
      }
      if (unknown_rest) {
        const std::string text(Text(k, e));
        AddMention(Entity('O', text, "ORGANIZATION"), SpanOf(k, e));
        k = run = e;
        break;
      }
    }
    EmitLexicon(*found, k, k + static_cast<size_t>(n));
    if (kind == LexKind::kOrg) org_begin = k;
    k += static_cast<size_t>(n);
    // The dot closing an abbreviation ("U.S.") is not part of what follows.
    if (k < e && T(k).cp == '.' && T(k - 1).is(Token::kGlued) && T(k - 1).end - T(k - 1).start == 1) ++k;
    run = k;
    if (kind == LexKind::kOrg) org_end = k;
  }
  if (run < e) FlushRun(run, e, title, e);
  // "(TTP)" after a known name: the acronym is the entity's too.
  if (last_emitted_ >= 0 && IsPunct(e, '(') && IsWord(e + 1) && T(e + 1).is(Token::kAllCaps) && IsPunct(e + 2, ')')) {
    const auto& ent = r_.entities[static_cast<size_t>(last_emitted_)];
    if (ent.type != "PERSON" && !ent.mentions.empty() && ent.mentions.back().end == T(e - 1).end) {
      acronyms_.emplace_back(T(e + 1).hash, last_emitted_);
    }
  }
}

void Builder::ResolvePlaces() {
  const Gazetteer& g = lex_.gazetteer();
  // One name, one place in a report: "Malatya province ... Malatya was among" (the province both times),
  // unless an area word says which ("Buenos Aires ... Buenos Aires province").
  std::vector<std::pair<const LexList*, int>> resolved;
  for (const PendingPlace& p : places_) {
    const auto seen =
        std::find_if(resolved.begin(), resolved.end(), [&](const auto& r) { return r.first == p.entries; });
    if (seen != resolved.end() && !p.admin_word) {
      AddMention(seen->second, p.span);
      continue;
    }
    const Place* city = nullptr;
    const Place* city_ctx = nullptr;
    const Subdivision* sub = nullptr;
    const Subdivision* sub_ctx = nullptr;
    int subs = 0;
    for (const LexEntry& le : *p.entries) {
      if (le.kind == LexKind::kCity) {
        const Place& pl = g.all_places()[le.ref];
        if (!city) city = &pl;
        if (!city_ctx && InContext(pl.country)) city_ctx = &pl;
      } else if (le.kind == LexKind::kAdmin1) {
        const Subdivision& s = g.all_subdivisions()[le.ref];
        ++subs;
        if (!sub) sub = &s;
        if (!sub_ctx && InContext(s.country)) sub_ctx = &s;
      }
    }
    // Which reading: a subdivision when named as one or known in context; a
    // city when big enough for its setting.
    const Place* chosen_city = nullptr;
    // (GeoNames gives many district seats no population: "in Chibok" is still the seat when cued.)
    const bool cued_seat = city_ctx && p.place_cue && city_ctx->feature.starts_with("PPLA");
    if (city_ctx && (city_ctx->population >= (p.place_cue ? 2000u : 15000u) || cued_seat)) chosen_city = city_ctx;
    else if (city && city->population >= (p.place_cue ? 100000u : 300000u)) chosen_city = city;
    // An admin1 name that no other country uses, written as more than one word
    // or inside a sentence ("North Dakota", "Khyber Pakhtunkhwa").
    const bool unique_sub = sub && subs == 1 && (p.words > 1 || !p.sentence_start);
    const Subdivision* chosen_sub =
        sub_ctx ? sub_ctx : (sub && (p.admin_word || p.place_cue || unique_sub) ? sub : nullptr);
    if (chosen_sub && (p.admin_word || !chosen_city || (chosen_city->population < 100000 && sub_ctx))) {
      const Subdivision& s = *chosen_sub;
      const int i = Entity('L', s.code, s.name, "LOCATION");
      auto& ent = r_.entities[static_cast<size_t>(i)];
      ent.kind = "admin1";
      ent.country_code = s.country;
      ent.admin1 = s.code;
      if (s.has_geo) ent.geo = GeoPoint{s.lat, s.lon};
      ent.gazetteer_id = "iso3166-2:" + s.code;
      AddMention(i, p.span);
      resolved.emplace_back(p.entries, i);
    } else if (chosen_city) {
      resolved.emplace_back(p.entries, EmitCity(*chosen_city, p.span));
    }
  }
}

int Builder::EmitCity(const Place& c, Span span) {
  const Gazetteer& g = lex_.gazetteer();
  const std::string_view id(reinterpret_cast<const char*>(&c.geonameid), sizeof c.geonameid);
  // Named by its English alias ("Geneva" for Genève): the entity takes that name.
  std::string_view name = c.name;
  const std::string_view written = std::string_view(text_).substr(span.start, span.end - span.start);
  for (const auto& [alias, place] : g.city_aliases()) {
    if (&g.all_places()[place] == &c && FoldName(alias) == FoldName(written)) name = alias;
  }
  const int i = Entity('G', id, name, "LOCATION");
  auto& ent = r_.entities[static_cast<size_t>(i)];
  ent.kind = "city";
  ent.country_code = c.country;
  if (!c.admin1_iso.empty()) ent.admin1 = c.admin1_iso;
  else if (!c.admin1.empty()) ent.admin1 = c.country + "." + c.admin1;
  ent.geo = GeoPoint{c.lat, c.lon};
  ent.gazetteer_id = "geonames:" + std::to_string(c.geonameid);
  AddMention(i, span);
  return i;
}

void Builder::Finish() {
  // "Elaine Park ... Park told reporters": an unknown two-word "feature" (named
  // by a head word such as Park or Square) whose last word later stands alone
  // as a person is that person.
  for (auto& person : r_.entities) {
    if (person.type != "PERSON" || person.mentions.empty() || person.text.find(' ') != std::string::npos) continue;
    for (auto& feature : r_.entities) {
      if (feature.type != "LOCATION" || feature.kind != "feature" || !feature.country_code.empty()) continue;
      const size_t space = feature.text.find(' ');
      if (space == std::string::npos || feature.text.find(' ', space + 1) != std::string::npos ||
          std::string_view(feature.text).substr(space + 1) != person.text) {
        continue;
      }
      feature.type = "PERSON";
      feature.kind.clear();
      if (feature.title.empty()) feature.title = person.title;
      feature.mentions.insert(feature.mentions.end(), person.mentions.begin(), person.mentions.end());
      person.mentions.clear();  // dropped below
      break;
    }
  }
  // "Davji Atellah, the union's secretary-general," or "The SFO's director, Nick Ephgrave,": a role in
  // an appositive next to a person's first mention is that person's title.
  for (auto& person : r_.entities) {
    if (person.type == "PERSON" && person.title.empty() && !person.mentions.empty()) {
      person.title = AppositiveRole(person.mentions.front());
    }
  }
  // "in Khan Younis" made a place (or found the city so spelt); the same words elsewhere, without a
  // title, are that place too.
  auto written_as = [&](const dateline::Entity& place, std::string_view words) {
    for (const Span& m : place.mentions) {
      if (std::string_view(text_).substr(m.start, m.end - m.start) == words) return true;
    }
    return false;
  };
  for (auto& person : r_.entities) {
    if (person.type != "PERSON" || !person.title.empty() || person.mentions.empty()) continue;
    for (auto& place : r_.entities) {
      if (place.type != "LOCATION" || !(place.kind == "place" || place.kind == "city")) continue;
      if (place.kind == "place" ? place.text != person.text : !written_as(place, person.text)) continue;
      place.mentions.insert(place.mentions.end(), person.mentions.begin(), person.mentions.end());
      person.mentions.clear();  // dropped below
      break;
    }
  }
  // A report about one country: the places the gazetteer lacks ("Lakki Marwat", "the Indus River") are
  // in it. One country means the dateline's and every coded place and nationality agree.
  std::string only_country = r_.dateline ? r_.dateline->country_code : "";
  bool one_country = true;
  for (const auto& ent : r_.entities) {
    if (ent.mentions.empty() || ent.country_code.empty() || !(ent.type == "LOCATION" || ent.type == "MISC")) continue;
    if (only_country.empty()) only_country = ent.country_code;
    one_country &= ent.country_code == only_country;
  }
  if (one_country && !only_country.empty()) {
    for (auto& ent : r_.entities) {
      if (ent.type == "LOCATION" && ent.country_code.empty() &&
          (ent.kind == "place" || ent.kind == "feature" || ent.kind == "area")) {
        ent.country_code = only_country;
      }
    }
  }
  // Salience: mentions, weighted up in the first paragraph and the headline.
  const uint32_t lead_end = r_.paragraphs.empty() ? 400u : r_.paragraphs.front().end;
  double max = 0;
  std::vector<double> score(r_.entities.size());
  for (size_t i = 0; i < r_.entities.size(); ++i) {
    auto& ent = r_.entities[i];
    std::sort(ent.mentions.begin(), ent.mentions.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
    double s = 0;
    for (const Span& m : ent.mentions) s += m.start < lead_end ? 2.0 : 1.0;
    if (r_.headline && !ent.mentions.empty()) {
      const Span& m = ent.mentions.front();
      if (r_.headline->find(std::string_view(text_).substr(m.start, m.end - m.start)) != std::string::npos) s += 3;
    }
    if (ent.type == "MISC" && ent.kind == "nationality") s *= 0.5;
    score[i] = s;
    max = std::max(max, s);
  }
  for (size_t i = 0; i < r_.entities.size(); ++i) {
    r_.entities[i].salience = max > 0 ? std::round(score[i] / max * 1000.0) / 1000.0 : 0;
  }
  // Drop entities left without mentions; order by first mention (one move each).
  std::vector<uint32_t> order;
  order.reserve(r_.entities.size());
  for (uint32_t i = 0; i < r_.entities.size(); ++i) {
    if (!r_.entities[i].mentions.empty()) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const uint32_t sa = r_.entities[a].mentions.front().start, sb = r_.entities[b].mentions.front().start;
    return sa != sb ? sa < sb : a < b;
  });
  std::vector<dateline::Entity> sorted;
  sorted.reserve(order.size());
  for (uint32_t i : order) sorted.push_back(std::move(r_.entities[i]));
  r_.entities = std::move(sorted);
}

size_t Builder::ShoutedName(size_t i) {
  const LexList* found = nullptr;
  const int m = Match(i, toks_.size(), &found);
  if (m == 0) return 0;
  const LexEntry& top = found->front();
  const bool safe = top.kind == LexKind::kCountry || top.kind == LexKind::kDemonym || top.kind == LexKind::kRegion ||
                    top.kind == LexKind::kAdmin1 || top.kind == LexKind::kOrg ||
                    (top.kind == LexKind::kCity && lex_.gazetteer().all_places()[top.ref].population >= 1000000);
  if (!safe) return 0;
  EmitLexicon(*found, i, i + static_cast<size_t>(m));
  return static_cast<size_t>(m);
}

void Builder::Run() {
  const size_t n = toks_.size();
  const uint64_t and_hash = Words().and_, of_hash = Words().of, for_hash = Words().for_;
  FindDefinitions();
  size_t next_definition = 0;
  // Whether a definition's long form starts at token k (a chunk stops before it: "Shares of | Oil and Gas ...").
  auto defined_at = [&](size_t k) {
    return next_definition < definitions_.size() && definitions_[next_definition].begin == k;
  };
  size_t i = 0;
  while (i < n) {
    const Token& t = T(i);
    while (next_definition < definitions_.size() && definitions_[next_definition].begin < i) ++next_definition;
    if (next_definition < definitions_.size() && definitions_[next_definition].begin == i) {
      const Definition& d = definitions_[next_definition++];
      Define(d);
      i = d.resume;
      continue;
    }
    if (!t.is(Token::kWord)) {
      ++i;
      continue;
    }
    if (cls_[i] & kInShouting) {
      i += std::max<size_t>(1, ShoutedName(i));
      continue;
    }
    // "an al-Qaeda affiliate": a lower-case connector glued to the name after it opens the chunk.
    const bool opens = Is(i, kConnector) && !t.is(Token::kCapital) && i + 1 < n && ChunkWord(i + 1) &&
                       HyphenGlued(i + 1);
    // "the minister", "The prime minister" (also opening a sentence): the person with that title.
    if (t.hash == the_hash_ && IsWord(i + 1) && !T(i + 1).is(Token::kCapital) && Is(i + 1, kRole) &&
        !(IsWord(i + 2) && NameLike(i + 2) && Adjacent(i + 2))) {
      size_t e = i + 2;  // "the prime minister": a role of up to three lower-case words
      while (e < i + 4 && IsWord(e) && !T(e).is(Token::kCapital) && Is(e, kRole) && Adjacent(e)) ++e;
      Anaphor(i, e);
      ++i;
      continue;
    }
    // "the Chief Adviser said": a title standing alone is the person who holds it (not "the President of X").
    if (t.hash == the_hash_ && IsWord(i + 1) && T(i + 1).is(Token::kCapital)) {
      const LexList* found = nullptr;
      const size_t m = static_cast<size_t>(Match(i + 1, n, &found));
      const size_t e = i + 1 + m;
      const bool more = IsWord(e) && Adjacent(e) && (NameLike(e) || T(e).hash == of_hash || T(e).hash == for_hash);
      if (m > 0 && found->front().kind == LexKind::kTitle && !more && !(e < n && T(e).is(Token::kPossessive))) {
        Anaphor(i, e);
        i = e;
        continue;
      }
    }
    if (!ChunkWord(i) && !opens) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    bool org_of = false;
    while (j < n) {
      if (defined_at(j)) break;
      if (ChunkWord(j) && Adjacent(j)) {
        ++j;
        continue;
      }
      // Connectors inside a name: "Fitna al Khwarij", "Bank of England", "Tehrik-i-Taliban";
      // "and" only inside an organisation's name ("Centre for Disease Control and Prevention").
      if (T(j).is(Token::kWord) && Adjacent(j) && !T(j).is(Token::kCapital) && j + 1 < n && ChunkWord(j + 1) &&
          Adjacent(j + 1) &&
          !defined_at(j + 1) &&
          (Is(j, kConnector) ||
           (T(j).hash == and_hash && (org_of || AndInsideBody(i, j) || (Is(j - 1, kPortfolio) && Is(j + 1, kPortfolio))) &&
            !KnownOrgAt(j + 1)))) {
        if ((T(j).hash == of_hash || T(j).hash == for_hash) && Is(j - 1, kOrgHead)) org_of = true;
        j += 2;
        continue;
      }
      // "Ministry of Trade, Industry and Energy", "Medical Practitioners, Pharmacists and Dentists Union":
      // a list inside a body's name.
      if (IsPunct(j, ',')) {
        if (const size_t end = ListInBodyEnd(j, org_of); end > j) {
          j = end;
          continue;
        }
      }
      // "Office for the Coordination of ...": "of the" or "for the" after an organisation's head word.
      if (T(j).is(Token::kWord) && Adjacent(j) && !T(j).is(Token::kCapital) && Is(j - 1, kOrgHead) &&
          (T(j).hash == of_hash || T(j).hash == for_hash) && IsWord(j + 1) && T(j + 1).hash == the_hash_ &&
          j + 2 < n && ChunkWord(j + 2) && Adjacent(j + 2)) {
        org_of = true;
        j += 3;
        continue;
      }
      // "Republican People's Party", "People's Liberation Army", "Prime Minister's Office": a possessive
      // inside a name.
      // So is one before a place's head word ("St Peter's Square", "Martyrs' Square").
      if (T(j).is(Token::kPossessive) && j + 1 < n && ChunkWord(j + 1) && Adjacent(j + 1) &&
          (T(j - 1).hash == Words().people || T(j - 1).hash == Words().women ||
           (Is(j + 1, kPlaceHead) && !(IsWord(j + 2) && NameLike(j + 2) && Adjacent(j + 2))) ||
           (Is(j + 1, kOrgHead) && !(IsWord(j + 2) && NameLike(j + 2) && Adjacent(j + 2)) && TitleEndsAt(i, j)))) {
        j += 2;
        continue;
      }
      // "Cox's Bazar", "St John's Wood": a known name with a possessive inside runs on over it.
      // (From the word after a sentence opener too: "The Cox's Bazar camp".)
      if (T(j).is(Token::kPossessive) && j + 1 < n && ChunkWord(j + 1) && Adjacent(j + 1)) {
        const size_t from = Is(i, kStopStart) && i + 1 < j ? i + 1 : i;
        const LexList* whole = nullptr;
        if (const size_t m = max_words_[from] > j + 1 - from ? static_cast<size_t>(Match(from, n, &whole)) : 0;
            from + m > j + 1) {
          j = from + m;
          continue;
        }
      }
      // A lower-case part glued by a hyphen: "Sun-woo", "Laki-laki".
      // Not "based" or "led" ("an Arkansas-based company", "the U.S.-led coalition": the place alone).
      if (T(j).is(Token::kWord) && T(j).is(Token::kGlued) && !T(j).is(Token::kDigit) && !T(j).is(Token::kPossessive) &&
          !Is(j, kHyphenSuffix)) {
        ++j;
        continue;
      }
      // An initial: "V. Narayanan".
      if (T(j).cp == '.' && T(j - 1).end - T(j - 1).start == 1 && T(j - 1).is(Token::kCapital) && j + 1 < n &&
          ChunkWord(j + 1) && Adjacent(j + 1)) {
        ++j;
        continue;
      }
      // "Mr. Khan", "Gen. Asim Munir": the dot after an honorific.
      if (T(j).cp == '.' && Is(j - 1, kHonorific) && j + 1 < n && ChunkWord(j + 1)) {
        j += 1;  // Chunk steps over the dot after the title
        continue;
      }
      break;
    }
    // A known name runs on over lower-case words the loop stops at ("Board of Control for Cricket in India").
    // Also from its last word: "The Israeli military" (an alias of the Israel Defense Forces).
    const LexList* known = nullptr;
    if (j < n && T(j).is(Token::kWord) && Is(j, kPhraseWord) && !T(j).is(Token::kCapital)) {  // a word phrases hold
      if (const size_t m = i + max_words_[i] > j ? static_cast<size_t>(Match(i, n, &known)) : 0; i + m > j) {
        j = i + m;
      } else if (const size_t m2 = max_words_[j - 1] > 1 ? static_cast<size_t>(Match(j - 1, n, &known)) : 0;
                 j - 1 + m2 > j) {
        j = j - 1 + m2;
      }
    }
    Chunk(i, j);
    i = j;
  }
  ResolvePlaces();
  Finish();
}

}  // namespace

Verdict EntitiesStage::Process(Record& record) {
  record.entities.clear();
  if (record.tokens.empty()) return Verdict::Continue();
  Builder(*lexicon_, record).Run();
  return Verdict::Continue();
}

}  // namespace dateline::enrich
