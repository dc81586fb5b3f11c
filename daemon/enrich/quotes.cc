#include "enrich/quotes.h"

#include <algorithm>

#include "enrich/tokenize.h"

namespace dateline::enrich {
namespace {

bool Opens(char32_t cp) { return cp == U'\u201C' || cp == U'\u00AB' || cp == U'\u201E'; }
bool Closes(char32_t cp) { return cp == U'\u201D' || cp == U'\u00BB'; }
bool Ends(char32_t cp) { return cp == '.' || cp == '!' || cp == '?'; }
// Whether one of the space-separated words of `phrase` has the word hash `hash`.
bool HasWord(std::string_view phrase, uint64_t hash) {
  for (size_t b = 0; b < phrase.size();) {
    size_t e = phrase.find(' ', b);
    if (e == std::string_view::npos) e = phrase.size();
    if (HashWord(phrase.substr(b, e - b)) == hash) return true;
    b = e + 1;
  }
  return false;
}

struct Found {
  int entity = -1;
  size_t cue = 0;  // token index of the cue, 0 = none (with has_cue)
  bool has_cue = false;
  bool pronoun = false;
  int role_org = -1;  // "the PCB chairman said": the organisation whose officer speaks
  size_t role = 0;  // "the Australian skipper told": the token of a role word no entity took, 0 = none
  size_t org_noun = 0;  // "the court said", "the central bank said": token of the organisation's head word, 0 = none
  bool found = false;
};

class Attributor {
 public:
  // `scratch` is the stage's, kept for the next report.
  Attributor(const Lexicon& lex, Record& r, QuotesStage::Scratch& scratch)
      : lex_(lex), r_(r), toks_(r.tokens), mentions_(scratch.mentions), parts_(scratch.parts) {
    mentions_.clear();
    for (size_t i = 0; i < r.entities.size(); ++i) {
      for (const Span& m : r.entities[i].mentions) mentions_.push_back({m, static_cast<int>(i)});
    }
    std::sort(mentions_.begin(), mentions_.end(),
              [](const auto& a, const auto& b) { return a.first.start < b.first.start; });
  }
  void Run();

 private:
  // A sentence-ending mark, not the dot of "U.S." or "Mr.".
  bool EndsSentence(size_t k) const {
    if (!Ends(toks_[k].cp)) return false;
    if (toks_[k].cp != '.' || k == 0 || !toks_[k - 1].is(Token::kWord)) return true;
    const Token& w = toks_[k - 1];
    return !(w.end - w.start == 1 && (w.is(Token::kCapital) || w.is(Token::kGlued))) && !lex_.Is(w.hash, kHonorific);
  }
  // The speaker entity among tokens [b, e) around cue token `cue`. Before a
  // quotation (`before`), words that characterise are cues too: "X called it
  // "a turning point"", "described the bill as "...".
  Found Window(size_t b, size_t e, bool before = false) const;
  int EntityAt(uint32_t start) const {
    for (const auto& [span, idx] : mentions_) {
      if (span.start == start) return idx;
    }
    return -1;
  }
  // "the skipper", "the Australian skipper", "the army chief": a lower-case
  // role word at token k, or after one other word there, before `e`; its
  // token, 0 if none.
  size_t RoleWordAfterThe(size_t k, size_t e) const {
    auto role = [&](size_t q) {
      return q < e && toks_[q].is(Token::kWord) && !toks_[q].is(Token::kCapital) && lex_.Is(toks_[q].hash, kRole);
    };
    if (role(k)) return k;
    return k < e && toks_[k].is(Token::kWord) && role(k + 1) ? k + 1 : 0;
  }
  // The person whose title has the role word at token k ("the army chief" after
  // "Army Chief General X"), else the only person named before byte `pos`; -1 if none.
  int PersonByRole(size_t k, uint32_t pos) const {
    int titled = -1, only = -1;
    bool several = false;
    for (const auto& [span, idx] : mentions_) {
      if (span.start >= pos) break;
      const Entity& ent = r_.entities[static_cast<size_t>(idx)];
      if (ent.type != "PERSON") continue;
      several |= only >= 0 && only != idx;
      only = idx;
      if (HasWord(ent.title, toks_[k].hash)) titled = idx;
    }
    return titled >= 0 ? titled : several ? -1 : only;
  }
  // True if the mention starting at token k (byte `start`) is followed by a
  // lower-case role word: "the PCB chairman", "the ministry spokesman".
  bool RoleAfter(size_t k, uint32_t start) const {
    const size_t j = AfterMention(k, start);
    return j < toks_.size() && toks_[j].start < MentionEnd(start) + 2 && IsRoleWord(j);
  }
  // The end of the longest mention starting at byte `start`, `start` if none.
  uint32_t MentionEnd(uint32_t start) const {
    uint32_t end = start;
    for (const auto& [span, idx] : mentions_) {
      if (span.start == start) end = std::max(end, span.end);
    }
    return end;
  }
  // The first token at or after token k that starts past the mention at byte `start`.
  size_t AfterMention(size_t k, uint32_t start) const {
    const uint32_t end = MentionEnd(start);
    while (k < toks_.size() && toks_[k].start < end) ++k;
    return k;
  }
  bool IsRoleWord(size_t j) const {
    return toks_[j].is(Token::kWord) && !toks_[j].is(Token::kCapital) && lex_.Is(toks_[j].hash, kRole);
  }
  // "the court", "the Pakistani government", "the central bank" at token k
  // (after "the"), before `e`: the token of the organisation's head word, 0 if
  // none. Not "the ministry spokesman" (a person: see RoleWordAfterThe).
  size_t OrgNounAfterThe(size_t k, size_t e) const {
    for (size_t n = 0; n < 3 && k < e && toks_[k].is(Token::kWord); ++n, ++k) {
      const Token& w = toks_[k];
      if (w.is(Token::kCapital) && n > 0) return 0;  // "the Central Bank of Brazil": a name, the entity's job
      if (w.is(Token::kCapital)) continue;            // "the Pakistani government"
      if (!lex_.Is(w.hash, kOrgHead) && w.hash != firm_) continue;
      const bool role_next = k + 1 < e && toks_[k + 1].is(Token::kWord) && lex_.Is(toks_[k + 1].hash, kRole);
      return role_next ? 0 : k;
    }
    return 0;
  }
  // The organisation "the court" (head word at token `head`) stands for: the
  // latest one named before byte `pos` with that word in its name ("Supreme
  // Court") or of that kind ("the company": a company); -1 if none.
  int OrgByHead(size_t head, uint32_t pos) const {
    const uint64_t h = toks_[head].hash;
    const std::string_view kind = h == firm_ || h == company_ ? "company"
                                  : h == court_               ? "court"
                                  : h == party_               ? "party"
                                  : h == ministry_            ? "ministry"
                                                              : "";
    int best = -1;
    for (const auto& [span, idx] : mentions_) {
      if (span.start >= pos) break;
      const Entity& ent = r_.entities[static_cast<size_t>(idx)];
      if (ent.type != "ORGANIZATION") continue;
      if ((!kind.empty() && ent.kind == kind) || HasWord(ent.text, h)) best = idx;
    }
    return best;
  }
  // The start of the paragraph holding byte `pos`.
  uint32_t ParagraphStart(uint32_t pos) const {
    uint32_t start = 0;
    for (const Span& p : r_.paragraphs) {
      if (p.start > pos) break;
      start = p.start;
    }
    return start;
  }
  int LastPersonBefore(uint32_t pos) const {
    int best = -1;
    for (const auto& [span, idx] : mentions_) {
      if (span.start >= pos) break;
      if (r_.entities[static_cast<size_t>(idx)].type == "PERSON") best = idx;
    }
    return best;
  }

  // "he said" after other people came up: the person a pronoun most likely
  // stands for among the mentions in [from, to), the first person named in the
  // sentence of the latest one (its subject, as a rule); -1 if none is named.
  int PronounPerson(uint32_t from, uint32_t to) const {
    int latest = -1;
    uint32_t latest_start = 0;
    for (const auto& [span, idx] : mentions_) {
      if (span.start >= to) break;
      if (span.start >= from && r_.entities[static_cast<size_t>(idx)].type == "PERSON") {
        latest = idx;
        latest_start = span.start;
      }
    }
    if (latest < 0) return -1;
    uint32_t sentence = from;
    for (const Span& s : r_.sentences) {
      if (s.start > latest_start) break;
      sentence = std::max(sentence, s.start);
    }
    // The sentence's subject: the person whose mention a cue follows ("..., the chief minister said"),
    // else the first person it names.
    int first = -1;
    for (const auto& [span, idx] : mentions_) {
      if (span.start >= sentence && span.start <= latest_start && r_.entities[static_cast<size_t>(idx)].type == "PERSON") {
        if (CueAt(span.end)) return idx;
        if (first < 0) first = idx;
      }
    }
    return first >= 0 ? first : latest;
  }
  // True if the mention starting at token k (byte `start`) is a possessive
  // before a lower-case role word: "Imamoglu's lawyer", "the company's chief".
  bool OwnsRole(size_t k, uint32_t start) const {
    const size_t j = AfterMention(k, start);
    return j + 1 < toks_.size() && toks_[j].is(Token::kPossessive) && IsRoleWord(j + 1);
  }
  // Whether the first token at or after byte `pos` is a cue word ("said").
  bool CueAt(uint32_t pos) const {
    const auto it = std::lower_bound(toks_.begin(), toks_.end(), pos,
                                     [](const Token& t, uint32_t p) { return t.start < p; });
    return it != toks_.end() && it->is(Token::kWord) && lex_.Is(it->hash, kCue);
  }

  const Lexicon& lex_;
  Record& r_;
  const std::vector<Token>& toks_;
  std::vector<std::pair<Span, int>>& mentions_;
  std::vector<Span>& parts_;
  struct Hashes {
    uint64_t told = HashWord("told"), tells = HashWord("tells"), he = HashWord("he"), she = HashWord("she"),
             the = HashWord("the"), firm = HashWord("firm"), company = HashWord("company"),
             court = HashWord("court"), party = HashWord("party"), ministry = HashWord("ministry");
    uint64_t characterise[9] = {HashWord("called"),  HashWord("calling"), HashWord("described"),
                                HashWord("describing"), HashWord("termed"), HashWord("dubbed"),
                                HashWord("branded"), HashWord("labelled"), HashWord("labeled")};
  };
  static const Hashes& H() {
    static const Hashes h;  // computed once
    return h;
  }
  const uint64_t told_ = H().told, tells_ = H().tells;
  const uint64_t he_ = H().he, she_ = H().she, the_ = H().the;
  const uint64_t firm_ = H().firm, company_ = H().company, court_ = H().court, party_ = H().party,
                 ministry_ = H().ministry;
};

Found Attributor::Window(size_t b, size_t e, bool before) const {
  Found f;
  for (size_t k = b; k < e; ++k) {
    const Token& t = toks_[k];
    if (!t.is(Token::kWord)) continue;
    const uint32_t cls = lex_.Classes(t.hash);
    const bool characterises =
        before && !t.is(Token::kGlued) &&  // not "so-called"
        std::find(std::begin(H().characterise), std::end(H().characterise), t.hash) != std::end(H().characterise);
    if (((cls & kCue) || characterises) && !t.is(Token::kCapital) && !f.has_cue) {
      f.has_cue = true;
      f.cue = k;
    }
    const bool have_person = f.entity >= 0 && r_.entities[static_cast<size_t>(f.entity)].type == "PERSON";
    // "... told Reuters": whoever follows "told" is the listener, not the speaker.
    const bool listener = k > b && toks_[k - 1].is(Token::kWord) &&
                          (toks_[k - 1].hash == told_ || toks_[k - 1].hash == tells_);
    if (!have_person && !f.pronoun && !listener && f.org_noun == 0) {
      int idx = EntityAt(t.start);
      if (idx >= 0 && OwnsRole(k, t.start)) idx = -1;  // "Imamoglu's lawyer X told": X speaks
      if (idx >= 0) {
        const auto& ent = r_.entities[static_cast<size_t>(idx)];
        if (ent.type == "ORGANIZATION" && f.entity < 0 && k > b && toks_[k - 1].hash == the_ && RoleAfter(k, t.start)) {
          f.role_org = idx;
        } else if (ent.type == "PERSON" || (ent.type == "ORGANIZATION" && f.entity < 0)) {
          f.entity = idx;
        }
      } else if (f.entity < 0 && (cls & kPronoun) && (t.hash == he_ || t.hash == she_)) {
        f.pronoun = true;
      } else if (f.entity < 0 && f.role == 0 && t.hash == the_) {
        f.role = RoleWordAfterThe(k + 1, e);
        // Else an organisation, the subject only when next to the cue: "the court said", "said the ministry",
        // "according to the bank".
        const size_t head = f.role == 0 ? OrgNounAfterThe(k + 1, e) : 0;
        auto cue = [&](size_t c) {
          return c >= b && c < e && toks_[c].is(Token::kWord) && lex_.Is(toks_[c].hash, kCue);
        };
        if (head > 0 && (cue(head + 1) || (k > b && cue(k - 1)) || (k > b + 1 && cue(k - 2)))) f.org_noun = head;
      }
    }
  }
  f.found = f.has_cue && (f.entity >= 0 || f.pronoun || f.role_org >= 0 || f.role > 0 || f.org_noun > 0);
  return f;
}

void Attributor::Run() {
  const std::string& text = r_.text;
  const size_t n = toks_.size();
  std::string last_speaker, last_type, last_cue;
  int last_speaker_entity = -1;
  uint32_t last_quote_end = 0;
  size_t i = 0;
  while (i < n) {
    const Token& t = toks_[i];
    const bool straight = t.cp == '"';
    if (!Opens(t.cp) && !straight) {
      ++i;
      continue;
    }
    // Find the closing mark; a paragraph break without one ends the quotation
    // unless the next paragraph opens with a quote mark (it goes on there).
    size_t j = i + 1, words = 0;
    bool closed = false;
    std::vector<Span>& parts = parts_;
    parts.clear();
    uint32_t part_start = t.end;
    while (j < n) {
      const Token& u = toks_[j];
      if (u.is(Token::kParagraph)) {
        parts.push_back({part_start, toks_[j - 1].end});
        if ((Opens(u.cp) || u.cp == '"') && !closed) {
          part_start = u.end;
          ++j;
          continue;
        }
        break;
      }
      if (Closes(u.cp) || (straight && u.cp == '"')) {
        closed = true;
        parts.push_back({part_start, u.start});
        break;
      }
      if (Opens(u.cp)) break;  // a new quotation: this one was never closed
      words += u.is(Token::kWord);
      ++j;
    }
    if (!closed && parts.empty()) parts.push_back({part_start, toks_[std::min(j, n) - 1].end});
    const size_t close_tok = std::min(j, n - 1);
    if (words < 3) {
      i = j + 1;
      continue;
    }
    Quote q;
    q.span = {t.start, closed ? toks_[close_tok].end : parts.back().end};
    for (const Span& p : parts) {
      std::string_view piece = std::string_view(text).substr(p.start, p.end - p.start);
      while (!piece.empty() && (piece.back() == ' ' || piece.back() == '\n')) piece.remove_suffix(1);
      while (!piece.empty() && (piece.front() == ' ' || piece.front() == '\n')) piece.remove_prefix(1);
      if (!q.text.empty()) q.text += ' ';
      q.text += piece;
    }
    // After the quotation, to the end of its sentence (an aside may sit between: "..., X, who heads Y, said.")
    size_t after_end = close_tok + 1;
    while (after_end < n && after_end < close_tok + 32 && !EndsSentence(after_end) &&
           !Opens(toks_[after_end].cp) && toks_[after_end].cp != '"' && !toks_[after_end].is(Token::kParagraph)) {
      ++after_end;
    }
    Found f = closed ? Window(close_tok + 1, after_end) : Found{};
    // Before it, back to its sentence start: "Tarar said: ..."
    if (!f.found) {
      size_t before = i;
      while (before > 0 && i - before < 25) {
        const Token& u = toks_[before - 1];
        if (EndsSentence(before - 1) || Closes(u.cp) || u.cp == '"') break;
        --before;
        if (u.is(Token::kParagraph)) break;
      }
      const Found g = Window(before, i, /*before=*/true);
      if (g.found) f = g;
    }
    if (f.found) {
      int idx = f.entity;
      if (idx < 0 && f.role_org >= 0) {  // "the PCB chairman": a person named in this paragraph, else the organisation
        idx = PronounPerson(std::max(last_quote_end, ParagraphStart(t.start)), t.start);
        if (idx < 0) idx = f.role_org;
      }
      if (idx < 0 && f.role > 0) {  // "the Australian skipper": the person this paragraph is about, if named,
        idx = PronounPerson(std::max(last_quote_end, ParagraphStart(t.start)), t.start);
        if (idx < 0) idx = PersonByRole(f.role, t.start);  // else the one with that title, or the only one named
      }
      if (idx < 0 && f.org_noun > 0) idx = OrgByHead(f.org_noun, t.start);  // none named: no speaker
      if (idx < 0 && f.pronoun) {  // someone named since the last quotation, else its speaker
        idx = PronounPerson(last_quote_end, t.start);
        if (idx < 0) idx = last_speaker_entity >= 0 ? last_speaker_entity : LastPersonBefore(t.start);
      }
      if (idx >= 0) {
        const auto& ent = r_.entities[static_cast<size_t>(idx)];
        q.speaker = ent.text;
        q.speaker_type = ent.type;
        last_speaker_entity = idx;
      }
      q.cue = std::string(std::string_view(text).substr(toks_[f.cue].start, toks_[f.cue].end - toks_[f.cue].start));
      if (q.cue == "according") q.cue = "according to";
    } else if (last_speaker_entity >= 0 && !r_.quotes.empty()) {
      // No attribution of its own: it goes on from the previous quotation
      // when nothing but at most one paragraph break lies between them.
      size_t paras = 0;
      bool other = false;
      for (size_t k = i; k > 0 && toks_[k - 1].end > last_quote_end; --k) {
        if (toks_[k].is(Token::kParagraph)) ++paras;
        if (toks_[k - 1].is(Token::kWord)) other = true;
      }
      if (toks_[i].is(Token::kParagraph)) paras = std::max<size_t>(paras, 1);
      if (paras <= 1 && (!other || paras == 0)) {
        q.speaker = r_.quotes.back().speaker;
        q.speaker_type = r_.quotes.back().speaker_type;
        q.cue = r_.quotes.back().cue;
      }
    }
    last_quote_end = q.span.end;
    r_.quotes.push_back(std::move(q));
    i = j + 1;
  }
}

}  // namespace

Verdict QuotesStage::Process(Record& record) {
  record.quotes.clear();
  if (record.tokens.empty()) return Verdict::Continue();
  Attributor(*lexicon_, record, scratch_).Run();
  return Verdict::Continue();
}

}  // namespace dateline::enrich
