// IPTC 7901: the text transmission format of European and Asian agencies.
//
//   SOH <header line> [<keyword lines>] STX <headline>= <text> ETX <end line> EOT
//   ZCZC <header line> <sigil lines> <text> <end line> NNNN
//
// The header line gives the source and serial number ("bkn014", "AFP 0417"),
// the priority digit, the category (one to three letters) and the word count;
// agencies add their own fields after it. In the ZCZC ... NNNN variant, lines
// after the header start with a sigil: "$" category, ":" keyword, "^"
// headline, "+" subject code; the text may also be framed by STX/ETX there.
// The end line "DDhhmm MON YY" is the time of transmission in UTC.
//
// What the parser fills (see format.h for the common contract):
//   urgency    UrgencyFromDigit(priority)
//   subjects   the category as {"iptc7901:<category>", ""}, then every "+"
//              code as written ({"medtop:16000000", ""})
//   slug       the first keyword line (or ":" line) as written, without any
//              version it names; keywords: its "/"-separated parts, and
//              every further keyword line's
//   version    a keyword part that names one ("2nd Lead", "UPDATE 2"), see
//              wire::ParseVersion
//   headline   the "^" lines, else the first text line(s) ending in "=", with
//              the "=" taken off; byline: a "By NAME" line right after it
//   published  the end line as "YYYY-MM-DDThh:mm:00Z"
//   text       indented or blank-line separated paragraphs joined by "\n\n"
//              (see wire::BuildText); the end line and a lone "=" are left
//              out; an item with a headline and no other text (a flash) gets
//              the headline as its text too
// Dropped: source, serial number and word count, the agencies' extra header
// fields. Only the first item of a payload is read. Input that is not valid
// UTF-8 is read as Windows-1252.
//
// Malformed (ErrorCode::kMalformedItem): neither SOH nor ZCZC at the start;
// SOH without STX or ETX; ZCZC without NNNN; STX without ETX; neither
// headline nor text.
#pragma once

#include <string_view>

#include "core/record.h"
#include "formats/format.h"

namespace dateline {

class Iptc7901Parser final : public FormatParser {
 public:
  std::string_view Name() const override { return "iptc7901"; }
  int Sniff(std::string_view input) const override;
  Verdict Parse(std::string_view input, Record& record) const override;
};

}  // namespace dateline
