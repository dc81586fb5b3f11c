// FingerprintStage: content fingerprints for duplicate detection.
//
//   content_hash  xxh3-64 (hex) of the body's folded tokens (words, numbers,
//                 currency and percent signs) and their lengths: equal when two
//                 bodies differ only in case, spacing or other punctuation.
//   simhash       64-bit SimHash over overlapping word shingles (three words):
//                 near copies differ in few bits (Hamming distance).
//
// Stateless apart from scratch buffers; used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/stage.h"
#include "signals/tokens.h"

namespace dateline {

namespace signals {
// SimHash of `tokens` (word and number tokens) over shingles of `shingle` words.
uint64_t SimHash(const TokenList& tokens, size_t shingle = 3);
inline int HammingDistance(uint64_t a, uint64_t b) { return __builtin_popcountll(a ^ b); }
}  // namespace signals

class FingerprintStage final : public Stage {
 public:
  // `tokens` may be shared with the other signal stages of the same pipeline (nullptr: its own).
  explicit FingerprintStage(std::shared_ptr<signals::TokenCache> tokens = nullptr)
      : cache_(tokens ? std::move(tokens) : std::make_shared<signals::TokenCache>()) {}
  std::string_view Name() const override { return "fingerprints"; }
  Verdict Process(Record& record) override;

 private:
  std::shared_ptr<signals::TokenCache> cache_;
};

}  // namespace dateline
