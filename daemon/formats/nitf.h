// NITF 3.x (IPTC News Industry Text Format): an XML document rooted at <nitf>,
// with or without the NITF namespace or a prefix.
//
// What is read (element names are local names; see formats/xml.h):
//   text        body/body.content: each <p> (and <hl2>, lists, <pre>) is a
//               paragraph, <block>/<bq>/<fn> are walked into, inline markup
//               is flattened; media (captions), tables and notes are left out,
//               and so are body.head (abstract, headline...) and body.end
//               (tagline). No paragraph at all is a malformed item.
//   headline    body.head/hedline/hl1, else head/title
//   byline      the first non-empty body.head/byline, without <byttl> and a
//               leading "By "
//   dateline    body.head/dateline: raw = its text; location = its <location>
//               (else the text before the date); city = <city> (else the first
//               place of the location) in normal case; date = story.date@norm
//               (its own calendar date, date_source "metadata"), else a date
//               written in the dateline ("Oct 29": the year that fits the
//               publication time, else the message timestamp; "text"), else
//               none (DatelineStage then takes the publication date)
//   item_id     head/docdata/doc-id@id-string, else nitf@uno
//   urgency     docdata/urgency@ed-urg (1-9) through UrgencyFromDigit
//   published   docdata/date.issue@norm, else pubdata@date.publication, as
//               UTC ISO 8601 (xml::NormalizeTime)
//   version     docdata@management-status canceled -> {"canceled", "kill"},
//               withheld -> {"withheld", "withdrawn"}; else docdata/correction
//               -> {"correction", "correction"} with `corrects` = its
//               id-string (else info); else du-key@version N > 1 ->
//               {"version N", "version", N}. du-key@generation is not used.
//   slug        docdata/du-key@key (the dynamic use key that ties the versions
//               of a story together, the NITF equivalent of a wire slug);
//               keywords are not promoted to a slug
//   keywords    docdata/key-list/keyword@key, in order, without repeats
//   subjects    head/tobject/tobject.subject: code "subj:" + refnum when the
//               refnum is eight digits (IPTC Subject Codes), else the refnum as
//               given; name = the most specific of detail, matter, type
//   agency.raw  docdata/doc.copyright@holder, else doc.rights@provider, else
//               body.head/distributor, else doc-id@regsrc
//   language    xml:lang (or lang) on body, else on nitf, else nitf@baselang,
//               as ISO 639-1; language_source "metadata"
#pragma once

#include <string>
#include <string_view>

#include "formats/format.h"

namespace pugi {
class xml_node;
}  // namespace pugi

namespace dateline {

class NitfParser final : public FormatParser {
 public:
  std::string_view Name() const override { return "nitf"; }

  // 100 for a root <nitf> in the NITF namespace, 95 for a root <nitf>
  // (optionally prefixed) after an XML declaration, comments, a DOCTYPE, a BOM
  // and whitespace; 0 otherwise.
  int Sniff(std::string_view input) const override;

  // Fills the record as described above. Dead letters (kMalformedItem): XML
  // that is not well-formed (pugixml's description and byte offset), a root
  // that is not <nitf>, no body text. On a dead letter the record is untouched.
  Verdict Parse(std::string_view input, Record& record) const override;
};

// Fills the fields of `record` that are still empty (an empty string, vector
// or optional) from the NITF document rooted at `nitf`, as described above;
// `text` is not touched. NewsMlG2Parser uses it for NITF carried in inlineXML.
void ReadNitfMetadata(const pugi::xml_node& nitf, Record& record);

// The body text of the NITF document rooted at `nitf`: the paragraphs of its
// body/body.content elements joined with "\n\n"; "" when there are none.
std::string NitfBodyText(const pugi::xml_node& nitf);

}  // namespace dateline
