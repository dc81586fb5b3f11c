// Generic JSON items: any JSON object whose fields are found through the
// configured JSON Pointers (formats.json in the config, JsonMappingConfig).
//
// Sniff: 10 for any input that is a JSON object (first non-blank character
// '{' after an optional UTF-8 byte order mark, last one '}'), else 0. The score
// is low on purpose: every more specific format that recognizes the object
// (ninjs answers 90) wins, and this parser takes the JSON objects nobody else
// claims. A format hint "json" selects it whatever the score.
//
// Parse reads each mapped field (RFC 6901 pointers; an empty, invalid or
// unresolvable pointer, or a value of an unexpected type, leaves the field
// empty):
//   id        string, or an integer written in decimal     -> item_id
//   headline  string                                       -> headline
//   body      string, or array of strings (one paragraph each; other
//             elements skipped); a string starting with '<' is HTML and goes
//             through HtmlToText                            -> text
//   byline    string (xml::CleanByline: no "By ")          -> byline
//   slug      string                                       -> slug
//   language  string, BCP 47 (xml::LanguageCode)           -> language, "metadata"
//   published string, in UTC by xml::NormalizeTime         -> published
//   agency    string                                       -> agency.raw
//   dateline  string as written ("KARACHI, Oct 29 (Reuters) -") -> dateline.raw;
//             its place, its date (year resolved against published, else the
//             message timestamp; date_source "text") and, when the agency is
//             not mapped, its bracketed agency tag          -> agency.raw
//   location  string: the place, winning over the dateline's -> dateline.location,
//             .city (xml::NormalCaseCity); raw when there is no dateline
//   urgency   integer 1-9, or a digit or a word ("flash", "bulletin", "urgent",
//             "normal", "deferred") as a string             -> urgency
//   keywords  string (comma/semicolon separated) or array of strings
//   version   integer, or a string: digits are a number (version > 1 gives
//             {"version N", "version", N}), words a label classified as ANPA
//             labels are (wire::ParseVersion)               -> version
// A missing or empty body is ErrorCode::kMalformedItem, as is input that is not
// a JSON object, is nested deeper than json_item::kMaxJsonDepth or is not
// valid JSON. Parse never throws.
#pragma once

#include <memory>
#include <string_view>

#include "config/config.h"
#include "formats/format.h"

namespace dateline {

class JsonEnvelopeParser final : public FormatParser {
 public:
  // Compiles the pointers of `mapping`; the parser keeps no reference to it.
  explicit JsonEnvelopeParser(const JsonMappingConfig& mapping);
  ~JsonEnvelopeParser() override;
  JsonEnvelopeParser(const JsonEnvelopeParser&) = delete;
  JsonEnvelopeParser& operator=(const JsonEnvelopeParser&) = delete;

  std::string_view Name() const override { return "json"; }
  int Sniff(std::string_view input) const override;
  Verdict Parse(std::string_view input, Record& record) const override;

 private:
  struct Pointers;  // the compiled JSON Pointers (nlohmann types stay in the .cc)
  std::unique_ptr<const Pointers> pointers_;
};

}  // namespace dateline
