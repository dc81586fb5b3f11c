// OffsetTracker: which input offsets may be committed.
//
// Every consumed message is Begin()-registered before its output is produced
// and Complete()-d when the broker acknowledges that output. Per partition,
// the committable offset is one past the longest prefix of completed offsets,
// so a crash at any moment loses nothing: an offset is committed only after
// everything before it was delivered. Used from the daemon's loop thread only
// (delivery reports are served by producer->poll() on that thread).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace dateline {

using PartitionKey = std::pair<std::string, int32_t>;  // topic, partition

class OffsetTracker {
 public:
  // Registers `offset` as in flight. Offsets of a partition must ascend.
  void Begin(const PartitionKey& partition, int64_t offset);

  // Marks `offset` delivered. Unknown partitions or offsets are ignored (the
  // partition was revoked meanwhile). Returns false for those.
  bool Complete(const PartitionKey& partition, int64_t offset);

  // Partitions whose committable offset moved since the last call, with that
  // offset (the next offset to consume).
  std::vector<std::pair<PartitionKey, int64_t>> TakeAdvanced();

  // Drops all state of a partition (revoked or lost).
  void Forget(const PartitionKey& partition);

  size_t InFlight() const { return in_flight_; }
  size_t InFlight(const PartitionKey& partition) const;

 private:
  struct Entry {
    int64_t offset;
    bool done;
  };
  struct PartitionState {
    std::deque<Entry> pending;  // ascending offsets
    int64_t committable = -1;   // -1: nothing yet
    bool advanced = false;
  };
  std::map<PartitionKey, PartitionState> partitions_;
  size_t in_flight_ = 0;
};

}  // namespace dateline
