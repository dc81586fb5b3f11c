// Wire formats: turning one feed item into body text and metadata.
//
// A FormatParser reads the decoded UTF-8 input (after DecodeStage) and fills
// the Record: `text` becomes the body as plain text with paragraphs separated
// by a blank line ("\n\n"), ready for CleanTextStage and DatelineStage; the
// metadata the format carries goes to headline, byline, slug, urgency,
// version, language, keywords, subjects, item_id, published, agency (raw name
// only: the agency table resolves codes later) and dateline (raw, location,
// city, date when the feed gives them). Fields the format does not carry stay
// empty for the text stages to fill.
//
// Parsers are immutable after construction and safe to call from one thread at
// a time. They never throw on bad input: a malformed item is a Verdict with
// ErrorCode::kMalformedItem and a reason naming the problem. XML is parsed with
// DTDs ignored and no entity expansion beyond the five predefined ones and
// character references, and nothing is ever loaded from outside.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "core/verdict.h"

namespace dateline {

class FormatParser {
 public:
  virtual ~FormatParser() = default;

  // The format's name as written to records and accepted in hints:
  // "text", "anpa1312", "iptc7901", "nitf", "newsml-g2", "ninjs", "json".
  virtual std::string_view Name() const = 0;

  // How sure this parser is, from a cheap look at the start of `input`, that
  // the input is in its format: 0 = not this format, 100 = certain.
  virtual int Sniff(std::string_view input) const = 0;

  // Parses `input` into `record` (see above). `input` does not alias record.text.
  virtual Verdict Parse(std::string_view input, Record& record) const = 0;

  // True if Parse does nothing but make the input the record's text and
  // continue (plain text): FormatStage then leaves the text where it is
  // instead of copying it.
  virtual bool KeepsInputAsText() const { return false; }
};

// Maps an IPTC-style urgency digit (1 most urgent .. 9 least) to a record urgency.
std::string UrgencyFromDigit(int digit);

// Trims ASCII whitespace at both ends.
std::string_view TrimSpace(std::string_view s);

}  // namespace dateline
