// IPTC ninjs ("News in JSON") items, generations 1.x, 2.x and 3.x.
//
// Sniff: after white space and a UTF-8 byte order mark the input must be a
// JSON object; its top-level keys are read from the first 64 KiB without
// parsing the document. A "uri" key together with any other key that only
// ninjs uses (headlines, bodies, body_text, versioncreated, pubStatus, type,
// slugline, located...) gives 90; anything else gives 0. The generic JSON
// format (JsonEnvelopeParser) answers 10 for every JSON object, so ninjs wins
// whenever both match.
//
// Parse reads both spellings of every name: 1.x/2.x lower case (versioncreated,
// pubstatus, infosources, altids) and 3.x camelCase (versionCreated, pubStatus,
// infoSources, altIds). Field by field:
//   uri                          -> item_id
//   headlines[] (role "main" first, else the first) or 1.x headline -> headline
//   the body, best first (the earliest wins a tie)       -> text
//     1. text/plain (bodies[] contenttype/contentType, 1.x body_text), role
//        "main" before other roles;
//     2. HTML or XHTML (text/html, application/xhtml+xml, 1.x body_html),
//        converted by HtmlToText, role "main" first;
//     3. a bodies[] entry without a content type (HTML when it starts with '<');
//     4. any other type or 1.x body_<purpose> (markup has its tags dropped);
//     5. a top-level "body" string (not ninjs, but sent by some producers).
//     Empty bodies are skipped; the text keeps its own line breaks for
//     CleanTextStage.
//   by / 1.x byline (xml::CleanByline: "By " and trailing commas removed) -> byline
//   slugline                     -> slug
//   located                      -> dateline.raw and .location as written,
//                                   .city by xml::NormalCaseCity (as NewsML-G2
//                                   does with <located>); a dateline written at
//                                   the start of the body wins later, in
//                                   DatelineStage
//   language (BCP 47; xml::LanguageCode) -> language, language_source "metadata"
//   urgency 1-9 (a number, or a digit string) -> urgency (UrgencyFromDigit)
//   versioncreated, else firstcreated -> published, in UTC by xml::NormalizeTime
//                                   (the same form every format writes)
//   version > 1                  -> version {"version N", "version", N}; version
//                                   1 is the first issue and gives no version
//   pubstatus canceled / withheld -> version {as written, "kill" / "withdrawn", 0}
//                                   (overrides the version number)
//   subjects[] / 1.x subject[]   -> subjects {code: code, else uri (IPTC
//                                   media topic and subject code URIs become
//                                   "medtop:N" / "subj:N"), else literal; name}
//   keywords (array or comma-separated string) -> keywords
//   infosources[].name, else copyrightholder -> agency.raw (code left empty)
// Not mapped (no record field yet): ednote, embargoed, altids, descriptions,
// people/organisations/places, renditions, associations.
// An item with no non-empty body is ErrorCode::kMalformedItem, as is input that
// is not a JSON object, is nested deeper than json_item::kMaxJsonDepth or is
// not valid JSON; the record is then left untouched. Fields of the wrong JSON
// type (a number for a string, an object for an array...) are ignored. Parse
// never throws.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "formats/format.h"

namespace dateline {

class NinjsParser final : public FormatParser {
 public:
  std::string_view Name() const override { return "ninjs"; }
  int Sniff(std::string_view input) const override;
  Verdict Parse(std::string_view input, Record& record) const override;
};

// Helpers shared by the JSON formats (ninjs and the generic JSON mapping).
// All are pure, thread-safe and never throw (other than std::bad_alloc).
namespace json_item {

// Deepest nesting of arrays and objects a JSON item may have. Deeper input is
// rejected before it is parsed, so no parser or walker can exhaust the stack.
inline constexpr int kMaxJsonDepth = 64;

// `input` without a leading UTF-8 byte order mark and white space.
std::string_view SkipBomAndSpace(std::string_view input);

// True if arrays and objects in `json` (brackets outside strings) never nest
// deeper than `max_depth`. Linear, no recursion; does not validate JSON.
bool DepthWithin(std::string_view json, int max_depth);

// The checks to make before handing `input` to a JSON parser: "" if it starts
// (after SkipBomAndSpace) with '{' and nests no deeper than kMaxJsonDepth,
// else the reason it cannot be a JSON item.
std::string PrecheckJsonItem(std::string_view input);

// Prechecks and parses `input` into `*item`, a JSON object: "" on success,
// else the reason it is not a JSON item (never throws).
std::string ParseJsonItem(std::string_view input, nlohmann::json* item);

// Version of a plain version number: nullopt for n <= 1 (the first issue),
// else {"version N", "version", N} (as the NewsML-G2 parser writes it).
std::optional<VersionInfo> VersionFromNumber(long long n);

// Adds keyword `k` (white space collapsed) to `out` unless it is empty or
// already there.
void AddKeyword(std::string_view k, std::vector<std::string>* out);

// Adds each comma- or semicolon-separated part of `s` as a keyword.
void AddKeywordList(std::string_view s, std::vector<std::string>* out);

}  // namespace json_item
}  // namespace dateline
