// FingerprintIndex: the recent reports' fingerprints, for duplicate and story
// lookups; and FingerprintStore, where the index's entries come from.
//
// The index keeps at most max_entries entries (the oldest inserted go first)
// and ignores entries more than window_ms apart from the query. Near-copy
// candidates are found by banded lookup: the 64-bit SimHash is cut into
// `bands` bands (4 x 16 bits by default) and entries sharing any band with the
// query are compared; by the pigeonhole principle every entry within
// bands - 1 bits is found, farther ones only when they share a band.
//
// Thread safety: every method may be called from any thread (one mutex).
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace dateline::dedup {

struct FingerprintEntry {
  std::string id;
  std::string story_id;
  std::string duplicate_of;   // empty if the record was an original
  uint64_t simhash = 0;
  uint64_t content_hash = 0;
  uint64_t slug_key = 0;      // agency + slug, 0 if none
  uint64_t headline_key = 0;  // folded headline, 0 if none
  int64_t timestamp_ms = 0;

  // One line of text: the state topic's message value.
  std::string Serialize() const;
  static std::optional<FingerprintEntry> Parse(std::string_view line);
};

struct IndexOptions {
  int64_t window_ms = 48LL * 3600 * 1000;
  size_t max_entries = 200000;
  int bands = 4;  // 2, 4 or 8
};

struct LookupResult {
  std::string duplicate_of;  // empty: not a copy of an earlier record
  std::string story_id;      // empty: starts a new story
  int distance = -1;         // SimHash distance to the matched entry
  bool seen_before = false;  // an entry with the same id exists (a replay): its links were reused
};

class FingerprintIndex {
 public:
  explicit FingerprintIndex(IndexOptions options);

  // Adds `e`; an entry with the same id already present wins (first write).
  void Insert(const FingerprintEntry& e);

  // Finds what `query` (its id, hashes, keys and timestamp) copies or continues:
  // an entry within duplicate_distance bits (or the same content hash) is a
  // duplicate; one within story_distance bits or with the same slug or
  // headline key continues a story. The closest wins, then the earliest.
  LookupResult Lookup(const FingerprintEntry& query, int duplicate_distance, int story_distance) const;

  size_t size() const;

 private:
  struct Slot {
    uint64_t seq;
    FingerprintEntry entry;
  };
  void EvictLocked(int64_t newest_ts);
  const Slot* BySeq(uint64_t seq) const;
  uint32_t BandKey(uint64_t simhash, int band) const;

  IndexOptions options_;
  int band_bits_;
  mutable std::mutex mu_;
  std::deque<Slot> slots_;  // insertion order; slots_[0].seq == base seq
  uint64_t next_seq_ = 0;
  std::unordered_map<std::string, uint64_t> by_id_;
  std::unordered_map<uint64_t, uint64_t> by_content_, by_slug_, by_headline_;
  std::unordered_map<uint32_t, std::vector<uint64_t>> bands_;  // band|value -> ascending seqs (stale ones dropped lazily)
};

// Where the dedup stage reads and writes fingerprints.
class FingerprintStore {
 public:
  virtual ~FingerprintStore() = default;
  // Connects and loads the shared state (a no-op for a store in memory); false
  // with *error on failure, or soon after *stop is set.
  virtual bool Start(const std::atomic<bool>* /*stop*/, std::string* /*error*/) { return true; }
  virtual LookupResult Lookup(const FingerprintEntry& query, int duplicate_distance, int story_distance) = 0;
  // Records `e` for later lookups here and (for a shared store) elsewhere.
  virtual void Publish(const FingerprintEntry& e) = 0;
};

// The store of one process: offline mode and tests.
class InMemoryStore final : public FingerprintStore {
 public:
  explicit InMemoryStore(IndexOptions options) : index_(options) {}
  LookupResult Lookup(const FingerprintEntry& q, int dup, int story) override { return index_.Lookup(q, dup, story); }
  void Publish(const FingerprintEntry& e) override { index_.Insert(e); }
  const FingerprintIndex& index() const { return index_; }

 private:
  FingerprintIndex index_;
};

}  // namespace dateline::dedup
