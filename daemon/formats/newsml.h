// IPTC NewsML-G2: a <newsItem> (or a <newsMessage> carrying news items in
// its <itemSet>; the first newsItem is read), in the namespace
// http://iptc.org/std/nar/2006-10-01/ as default or prefixed, or in none.
//
// What is read (local names; see formats/xml.h):
//   text        the first contentSet rendition that has text: inlineXML with
//               NITF (its body.content, as NitfParser reads it), XHTML (the
//               paragraphs of <body>) or any other paragraph markup; or
//               inlineData whose contenttype is absent or text/plain and that
//               is not base64-encoded (taken as written; CleanTextStage finds
//               its paragraphs). remoteContent is never fetched. No text at
//               all is a malformed item.
//   item_id     newsItem@guid
//   version     itemMeta/pubStatus@qcode ...:canceled -> {"canceled", "kill"},
//               ...:withheld -> {"withheld", "withdrawn"}; else an
//               itemMeta/signal@qcode ...:correction -> {"correction",
//               "correction"}; else newsItem@version N > 1 -> {"version N",
//               "version", N} (version 1 is the first release: no version)
//   published   itemMeta/versionCreated, else firstCreated, as UTC ISO 8601
//   agency.raw  itemMeta/provider@literal, else its <name>, else the code of
//               its qcode ("nprov:REUTERS" -> "REUTERS")
//   urgency     contentMeta/urgency (1-9) through UrgencyFromDigit
//   dateline    raw = contentMeta/dateline text, else the located name;
//               location = the place in the dateline text, else located/name;
//               city = located/name in normal case unless located is typed as
//               a country, region or state (then the dateline's place); date =
//               a "Mon D" date in the dateline text, in the year that fits the
//               publication time (else the message timestamp), date_source
//               "text"; else none (DatelineStage then takes the publication date)
//   byline      the first non-empty contentMeta/by, without a leading "By "
//   language    contentMeta/language@tag, else newsItem@xml:lang, as ISO 639-1;
//               language_source "metadata"
//   subjects    contentMeta/subject@qcode with its first <name> (broader
//               subjects nested inside are not listed), without repeats
//   keywords    contentMeta/keyword, in order, without repeats
//   slug        contentMeta/slugline
//   headline    the first contentMeta/headline without a role, else the first
// Fields the G2 metadata leaves empty are then filled from inline NITF's own
// metadata (headline, byline, dateline...), see ReadNitfMetadata.
#pragma once

#include <string_view>

#include "formats/format.h"

namespace dateline {

class NewsMlG2Parser final : public FormatParser {
 public:
  std::string_view Name() const override { return "newsml-g2"; }

  // 100 for a root newsItem or newsMessage that declares the NewsML-G2
  // namespace, 80 for such a root without it; 0 otherwise.
  int Sniff(std::string_view input) const override;

  // Fills the record as described above. Dead letters (kMalformedItem): XML
  // that is not well-formed (pugixml's description and byte offset), another
  // root, a newsMessage without a newsItem, no inline text. On a dead letter
  // the record is untouched.
  Verdict Parse(std::string_view input, Record& record) const override;
};

}  // namespace dateline
