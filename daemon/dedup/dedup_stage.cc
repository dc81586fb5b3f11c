#include "dedup/dedup_stage.h"

#include <xxhash.h>

#include <chrono>
#include <cstdlib>

namespace dateline {
namespace {

// xxh3 of the ASCII-lower-cased words of `s` (letters and digits only), 0 if fewer than `min_words`.
uint64_t WordsKey(std::string_view a, std::string_view s, size_t min_words) {
  std::string folded(a);
  folded.push_back('|');
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    const bool word_char = (u >= 0x80) || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (word_char) {
      if (!in_word && !folded.empty() && folded.back() != '|') folded.push_back(' ');
      if (!in_word) ++words;
      folded.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    }
    in_word = word_char;
  }
  if (words < min_words) return 0;
  const uint64_t h = XXH3_64bits(folded.data(), folded.size());
  return h ? h : 1;
}

}  // namespace

dedup::FingerprintEntry DedupStage::EntryFor(const Record& r) {
  dedup::FingerprintEntry e;
  e.id = r.id;
  if (r.fingerprints) {
    e.simhash = r.fingerprints->simhash;
    e.content_hash = std::strtoull(r.fingerprints->content_hash.c_str(), nullptr, 16);
  }
  const std::string agency = r.agency ? r.agency->code : "";
  if (r.slug) e.slug_key = WordsKey(agency, *r.slug, 1);
  if (r.headline) e.headline_key = WordsKey(agency, *r.headline, 4);
  e.timestamp_ms = r.source.timestamp_ms >= 0
                       ? r.source.timestamp_ms
                       : std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  return e;
}

Verdict DedupStage::Process(Record& record) {
  if (!config_.enabled || !store_ || record.id.empty()) return Verdict::Continue();
  dedup::FingerprintEntry e = EntryFor(record);
  const dedup::LookupResult r = store_->Lookup(e, config_.duplicate_distance, config_.story_distance);
  if (!r.duplicate_of.empty()) record.duplicate_of = r.duplicate_of;
  record.story_id = r.story_id.empty() ? record.id : r.story_id;
  if (!r.seen_before) {
    e.story_id = *record.story_id;
    e.duplicate_of = r.duplicate_of;
    store_->Publish(e);
  }
  return Verdict::Continue();
}

}  // namespace dateline
