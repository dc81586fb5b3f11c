#include "dedup/fingerprint_index.h"

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace dateline::dedup {

namespace {
constexpr size_t kMaxCandidatesPerBand = 64;
}  // namespace

std::string FingerprintEntry::Serialize() const {
  char buf[160];
  std::snprintf(buf, sizeof buf, " %016" PRIx64 " %016" PRIx64 " %016" PRIx64 " %016" PRIx64 " %" PRId64, simhash,
                content_hash, slug_key, headline_key, timestamp_ms);
  return "v1 " + id + " " + story_id + " " + (duplicate_of.empty() ? "-" : duplicate_of) + buf;
}

std::optional<FingerprintEntry> FingerprintEntry::Parse(std::string_view line) {
  std::istringstream in{std::string(line)};
  std::string version, sim, content, slug, headline;
  FingerprintEntry e;
  if (!(in >> version >> e.id >> e.story_id >> e.duplicate_of >> sim >> content >> slug >> headline >>
        e.timestamp_ms) ||
      version != "v1" || e.id.empty()) {
    return std::nullopt;
  }
  if (e.duplicate_of == "-") e.duplicate_of.clear();
  auto hex = [](const std::string& s, uint64_t* out) {
    char* end = nullptr;
    *out = std::strtoull(s.c_str(), &end, 16);
    return s.size() == 16 && end == s.c_str() + s.size();
  };
  if (!hex(sim, &e.simhash) || !hex(content, &e.content_hash) || !hex(slug, &e.slug_key) ||
      !hex(headline, &e.headline_key)) {
    return std::nullopt;
  }
  return e;
}

FingerprintIndex::FingerprintIndex(IndexOptions options) : options_(options) {
  if (options_.bands != 2 && options_.bands != 4 && options_.bands != 8) options_.bands = 4;
  band_bits_ = 64 / options_.bands;
}

uint32_t FingerprintIndex::BandKey(uint64_t simhash, int band) const {
  const uint64_t mask = band_bits_ == 32 ? 0xFFFFFFFFULL : ((1ULL << band_bits_) - 1);
  const uint64_t value = (simhash >> (band * band_bits_)) & mask;
  // Band number in the top 3 bits; 32-bit bands are folded (collisions only add candidates).
  return (static_cast<uint32_t>(band) << 29) ^ static_cast<uint32_t>(value ^ (value >> 29));
}

const FingerprintIndex::Slot* FingerprintIndex::BySeq(uint64_t seq) const {
  if (slots_.empty() || seq < slots_.front().seq) return nullptr;
  const uint64_t i = seq - slots_.front().seq;
  return i < slots_.size() ? &slots_[i] : nullptr;
}

void FingerprintIndex::Insert(const FingerprintEntry& e) {
  std::lock_guard<std::mutex> lock(mu_);
  if (by_id_.count(e.id)) return;
  const uint64_t seq = next_seq_++;
  slots_.push_back({seq, e});
  by_id_[e.id] = seq;
  by_content_.try_emplace(e.content_hash, seq);
  if (e.slug_key) by_slug_[e.slug_key] = seq;  // newest: same story, longest-lived
  if (e.headline_key) by_headline_[e.headline_key] = seq;
  for (int b = 0; b < options_.bands; ++b) {
    auto& bucket = bands_[BandKey(e.simhash, b)];
    // Drop the stale prefix (evicted seqs) now and then.
    if (!bucket.empty() && !slots_.empty() && bucket.front() < slots_.front().seq && bucket.size() >= 8) {
      size_t k = 0;
      while (k < bucket.size() && bucket[k] < slots_.front().seq) ++k;
      bucket.erase(bucket.begin(), bucket.begin() + static_cast<std::ptrdiff_t>(k));
    }
    bucket.push_back(seq);
  }
  EvictLocked(e.timestamp_ms);
}

void FingerprintIndex::EvictLocked(int64_t newest_ts) {
  auto erase_if_same = [](std::unordered_map<uint64_t, uint64_t>& m, uint64_t key, uint64_t seq) {
    const auto it = m.find(key);
    if (it != m.end() && it->second == seq) m.erase(it);
  };
  while (!slots_.empty() && (slots_.size() > options_.max_entries ||
                             slots_.front().entry.timestamp_ms < newest_ts - options_.window_ms)) {
    const Slot& s = slots_.front();
    by_id_.erase(s.entry.id);
    erase_if_same(by_content_, s.entry.content_hash, s.seq);
    erase_if_same(by_slug_, s.entry.slug_key, s.seq);
    erase_if_same(by_headline_, s.entry.headline_key, s.seq);
    for (int b = 0; b < options_.bands; ++b) {
      auto it = bands_.find(BandKey(s.entry.simhash, b));
      if (it != bands_.end() && it->second.size() == 1 && it->second.front() == s.seq) bands_.erase(it);
    }
    slots_.pop_front();
  }
}

LookupResult FingerprintIndex::Lookup(const FingerprintEntry& q, int duplicate_distance, int story_distance) const {
  std::lock_guard<std::mutex> lock(mu_);
  LookupResult result;
  if (const auto it = by_id_.find(q.id); it != by_id_.end()) {  // a replay: the same links again
    const Slot* s = BySeq(it->second);
    if (s) {
      result.duplicate_of = s->entry.duplicate_of;
      result.story_id = s->entry.story_id;
      result.seen_before = true;
      result.distance = 0;
      return result;
    }
  }
  auto in_window = [&](const FingerprintEntry& e) {
    const int64_t d = e.timestamp_ms - q.timestamp_ms;
    return (d < 0 ? -d : d) <= options_.window_ms;
  };
  const FingerprintEntry* dup = nullptr;
  int dup_dist = 65;
  uint64_t dup_seq = 0;
  const FingerprintEntry* story = nullptr;
  int story_dist = 65;
  uint64_t story_seq = 0;
  // Nearest first, then the oldest by timestamp, then by arrival (seq), so the
  // choice never depends on the order candidates are looked at.
  auto consider = [&](const FingerprintEntry& e, uint64_t seq, int dist, bool key_match) {
    if (e.id == q.id || !in_window(e)) return;
    auto better = [&](const FingerprintEntry* cur, int cur_dist, uint64_t cur_seq) {
      return !cur || dist < cur_dist ||
             (dist == cur_dist && (e.timestamp_ms < cur->timestamp_ms ||
                                   (e.timestamp_ms == cur->timestamp_ms && seq < cur_seq)));
    };
    if (dist <= duplicate_distance && better(dup, dup_dist, dup_seq)) {
      dup = &e;
      dup_dist = dist;
      dup_seq = seq;
    }
    const int sd = key_match ? std::min(dist, story_distance) : dist;
    if (sd <= story_distance && better(story, story_dist, story_seq)) {
      story = &e;
      story_dist = sd;
      story_seq = seq;
    }
  };
  if (const auto it = by_content_.find(q.content_hash); it != by_content_.end()) {
    if (const Slot* s = BySeq(it->second)) consider(s->entry, it->second, 0, true);
  }
  for (int b = 0; b < options_.bands; ++b) {
    const auto it = bands_.find(BandKey(q.simhash, b));
    if (it == bands_.end()) continue;
    // Newest first, and at most kMaxCandidatesPerBand: many copies of one text share every band.
    const auto& bucket = it->second;
    size_t seen = 0;
    for (auto seq = bucket.rbegin(); seq != bucket.rend() && seen < kMaxCandidatesPerBand; ++seq, ++seen) {
      const Slot* s = BySeq(*seq);
      if (!s) break;  // older ones are evicted too
      consider(s->entry, *seq, __builtin_popcountll(s->entry.simhash ^ q.simhash), false);
    }
  }
  for (const auto* m : {&by_slug_, &by_headline_}) {
    const uint64_t key = m == &by_slug_ ? q.slug_key : q.headline_key;
    if (!key) continue;
    if (const auto it = m->find(key); it != m->end()) {
      if (const Slot* s = BySeq(it->second)) {
        consider(s->entry, it->second, __builtin_popcountll(s->entry.simhash ^ q.simhash), true);
      }
    }
  }
  if (dup) {
    result.duplicate_of = dup->id;
    result.distance = dup_dist;
  }
  if (story) {
    result.story_id = story->story_id.empty() ? story->id : story->story_id;
    if (!dup) result.distance = story_dist;
  }
  return result;
}

size_t FingerprintIndex::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return slots_.size();
}

}  // namespace dateline::dedup
