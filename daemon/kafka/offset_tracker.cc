#include "kafka/offset_tracker.h"

#include <algorithm>

namespace dateline {

void OffsetTracker::Begin(const PartitionKey& partition, int64_t offset) {
  partitions_[partition].pending.push_back({offset, false});
  ++in_flight_;
}

bool OffsetTracker::Complete(const PartitionKey& partition, int64_t offset) {
  const auto it = partitions_.find(partition);
  if (it == partitions_.end()) return false;
  PartitionState& state = it->second;
  auto entry = std::lower_bound(state.pending.begin(), state.pending.end(), offset,
                                [](const Entry& e, int64_t o) { return e.offset < o; });
  if (entry == state.pending.end() || entry->offset != offset || entry->done) return false;
  entry->done = true;
  --in_flight_;
  while (!state.pending.empty() && state.pending.front().done) {
    state.committable = state.pending.front().offset + 1;
    state.advanced = true;
    state.pending.pop_front();
  }
  return true;
}

std::vector<std::pair<PartitionKey, int64_t>> OffsetTracker::TakeAdvanced() {
  std::vector<std::pair<PartitionKey, int64_t>> out;
  for (auto& [key, state] : partitions_) {
    if (!state.advanced) continue;
    state.advanced = false;
    out.emplace_back(key, state.committable);
  }
  return out;
}

void OffsetTracker::Forget(const PartitionKey& partition) {
  const auto it = partitions_.find(partition);
  if (it == partitions_.end()) return;
  for (const Entry& e : it->second.pending) in_flight_ -= !e.done;
  partitions_.erase(it);
}

size_t OffsetTracker::InFlight(const PartitionKey& partition) const {
  const auto it = partitions_.find(partition);
  if (it == partitions_.end()) return 0;
  size_t n = 0;
  for (const Entry& e : it->second.pending) n += !e.done;
  return n;
}

}  // namespace dateline
