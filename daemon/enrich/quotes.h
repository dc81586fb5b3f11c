// QuotesStage: direct quotations in Record::text with their speaker and cue
// verb, into Record::quotes. Needs Record::tokens and Record::entities.
//
// A quotation opens with “ or " (or «) and closes with ” or " (or »); one
// whose paragraph ends unclosed goes on when the next paragraph opens with a
// quote mark. Quotations of fewer than three words are scare quotes and are
// skipped. Attribution: "X said" / "said X" after the quotation, "X said:"
// before it, "the minister wrote", pronouns (the last speaker or person), and
// a quotation with no attribution of its own that follows another in the same
// or the next paragraph continues the earlier speaker.
//
// Immutable after construction; one thread at a time per Process call.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "core/stage.h"
#include "enrich/lexicon.h"

namespace dateline::enrich {

class QuotesStage final : public Stage {
 public:
  explicit QuotesStage(std::shared_ptr<const Lexicon> lexicon) : lexicon_(std::move(lexicon)) {}
  std::string_view Name() const override { return "quotes"; }
  Verdict Process(Record& record) override;

  // Buffers reused from report to report (a stage is used by one thread at a time).
  struct Scratch {
    std::vector<std::pair<Span, int>> mentions;  // entity mentions by start, with their entity index
    std::vector<Span> parts;                     // one quotation's pieces
  };

 private:
  std::shared_ptr<const Lexicon> lexicon_;
  Scratch scratch_;
};

}  // namespace dateline::enrich
