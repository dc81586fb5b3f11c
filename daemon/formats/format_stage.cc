#include "formats/format_stage.h"


namespace dateline {

Verdict PlainTextParser::Parse(std::string_view input, Record& record) const {
  record.text.assign(input);
  return Verdict::Continue();
}

const FormatParser* FormatStage::Choose(std::string_view input, std::string_view hint) const {
  if (!hint.empty()) {
    for (const auto& p : parsers_) {
      if (p->Name() == hint) return p.get();
    }
    return nullptr;
  }
  const FormatParser* best = nullptr;
  int best_score = 0;
  for (const auto& p : parsers_) {
    const int score = p->Sniff(input);
    if (score > best_score) best = p.get(), best_score = score;
  }
  return best;
}

Verdict FormatStage::Process(Record& record) {
  const FormatParser* parser = Choose(record.text, record.format_hint);
  if (!parser) {
    return Verdict::DeadLetter(ErrorCode::kUnknownFormat, "format hint '" + record.format_hint + "' names no known format");
  }
  record.format = std::string(parser->Name());
  if (parser->KeepsInputAsText()) return Verdict::Continue();  // the text is the input already
  const std::string input = std::move(record.text);
  record.text.clear();
  return parser->Parse(input, record);
}

}  // namespace dateline
