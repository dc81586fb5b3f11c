// FormatStage: finds the item's wire format and lets its parser turn the
// decoded input (record.text) into body text and metadata.
//
// The format comes from, in order: record.format_hint (a message header or
// the topic's configured format; an unknown name is an unknown_format dead
// letter), else the parser whose Sniff() scores highest, else plain text.
#pragma once

#include <memory>
#include <vector>

#include "config/config.h"
#include "core/stage.h"
#include "formats/format.h"

namespace dateline {

// Plain agency copy: the body is the input itself.
class PlainTextParser final : public FormatParser {
 public:
  std::string_view Name() const override { return "text"; }
  int Sniff(std::string_view) const override { return 1; }
  Verdict Parse(std::string_view input, Record& record) const override;
  bool KeepsInputAsText() const override { return true; }
};

class FormatStage final : public Stage {
 public:
  explicit FormatStage(std::vector<std::unique_ptr<FormatParser>> parsers) : parsers_(std::move(parsers)) {}
  std::string_view Name() const override { return "format"; }
  Verdict Process(Record& record) override;

  // The parser that would handle `input` with `hint`; nullptr for an unknown hint.
  const FormatParser* Choose(std::string_view input, std::string_view hint) const;

 private:
  std::vector<std::unique_ptr<FormatParser>> parsers_;  // plain text last
};

// Every format parser, built from its config (the format registry).
std::vector<std::unique_ptr<FormatParser>> BuildFormatParsers(const FormatsConfig& config);

}  // namespace dateline
