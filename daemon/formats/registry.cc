// The format registry: every wire format parser, in one list.
#include "formats/anpa.h"
#include "formats/format_stage.h"
#include "formats/iptc7901.h"
#include "formats/json_envelope.h"
#include "formats/newsml.h"
#include "formats/ninjs.h"
#include "formats/nitf.h"

namespace dateline {

std::vector<std::unique_ptr<FormatParser>> BuildFormatParsers(const FormatsConfig& config) {
  std::vector<std::unique_ptr<FormatParser>> parsers;
  parsers.push_back(std::make_unique<Anpa1312Parser>());
  parsers.push_back(std::make_unique<Iptc7901Parser>());
  parsers.push_back(std::make_unique<NitfParser>());
  parsers.push_back(std::make_unique<NewsMlG2Parser>());
  parsers.push_back(std::make_unique<NinjsParser>());
  parsers.push_back(std::make_unique<JsonEnvelopeParser>(config.json));
  parsers.push_back(std::make_unique<PlainTextParser>());
  return parsers;
}

}  // namespace dateline
