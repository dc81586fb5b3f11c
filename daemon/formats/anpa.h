// ANPA-1312: the high-speed wire format of AP, UPI and Canadian Press.
//
//   SYN SYN SOH <header> STX <text> ETX <trailer> EOT
//
// The header holds the service level and story number ("a0748"), a US byte
// and the selector code, the priority and category letters, the format
// identifier (DC3/DC4 + DC1/DC2), the keyword ("BC-Pakistan-Talks"), an
// optional version ("1stLd-Writethru") and reference number, the filing date
// "mm-dd" and the word count. The text repeats the keyword line, then carries
// the headline, the byline ("By NAME" and a title line) and tab-led
// paragraphs; "_" stands for a dash. The transmission stamp
// ("AP-NY-10-29-25 0812EDT") follows the text, after or just before ETX.
//
// What the parser fills (see format.h for the common contract):
//   urgency    from the priority letter: f flash, b bulletin, u urgent,
//              r normal, d deferred, a (advance, for later release) deferred;
//              any other letter leaves it empty
//   slug       the keyword without its cycle prefix ("BC-", "AM-", "PM-",
//              "AP-"): "BC-Pakistan-Talks" gives "Pakistan-Talks"
//   subjects   the category letter as {"anpa:<letter>", AP's name for it}
//   version    the version as the text's keyword line spells it ("1st
//              Ld-Writethru"), else as the header does ("1stLd-Writethru")
//   headline, byline (the name without "By "; the writer's title is dropped)
//   published  the stamp's time in UTC, when its date has a year and its
//              zone is known (US zones, GMT/UTC and a few others)
//   text       tab-led (or space-led) paragraphs joined by "\n\n"; without
//              indentation, blank-line blocks (wrapped lines are left to
//              CleanTextStage); the dateline stays at the start; a spaced "_"
//              becomes an em dash "—" (which DatelineStage knows); an item
//              with a headline and no other text (a flash) gets the headline
//              as its text too
//   credits    editor's notes before the story ("Eds: ...", "Update: ...") as
//              "advisory"
// Dropped: the selector code (routing only), story and reference numbers (not
// unique beyond a day), the word count (not checked), the writer's title under
// the byline, tag lines ("code:", "INDEX:") and typesetting marks ("^", "<",
// "@") in the lines before the story. Only the first item of a payload is
// read. Input that is not valid UTF-8 is read as Windows-1252.
//
// Malformed (ErrorCode::kMalformedItem): no SOH near the start, no STX, no
// ETX, or neither headline nor text once the header lines and the stamp are
// taken out.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "formats/format.h"

namespace dateline {

class Anpa1312Parser final : public FormatParser {
 public:
  std::string_view Name() const override { return "anpa1312"; }
  int Sniff(std::string_view input) const override;
  Verdict Parse(std::string_view input, Record& record) const override;
};

// Helpers shared with the IPTC 7901 parser, whose layout descends from
// ANPA-1312. All are pure, bounded by their input's size, and never throw
// anything but std::bad_alloc.
namespace wire {

inline constexpr char kSoh = '\x01';
inline constexpr char kStx = '\x02';
inline constexpr char kEtx = '\x03';
inline constexpr char kEot = '\x04';
inline constexpr char kSyn = '\x16';

// `input` as UTF-8: itself when valid, else decoded as Windows-1252 into
// `*storage` (which the result then views).
std::string_view AsUtf8(std::string_view input, std::string* storage);

// The three parts of an SOH ... STX ... ETX [... EOT] framed item.
struct Framed {
  std::string_view header;   // between SOH and STX
  std::string_view body;     // between STX and ETX
  std::string_view trailer;  // after ETX, up to EOT or the end
};

// Splits `s` at its framing bytes; SOH must lie within the first
// `max_soh_offset` + 1 bytes. Returns "" on success, else what is missing
// ("no SOH ...", "no STX ...", "no ETX ...").
std::string SplitFramed(std::string_view s, size_t max_soh_offset, Framed* out);

// Position of the first byte after leading SYN, CR, LF, spaces and NULs,
// looking at most `limit` bytes in.
size_t SkipFraming(std::string_view s, size_t limit);

// Lines of `s` without their terminators; "\n", "\r\n" (any number of "\r"
// before "\n") and a lone "\r" each end a line.
std::vector<std::string_view> SplitLines(std::string_view s);

// Whitespace-separated tokens of `s`; control bytes separate tokens too.
// Stops after `max_tokens`.
std::vector<std::string_view> Tokens(std::string_view s, size_t max_tokens);

// A paragraph start in wire copy: a line led by a tab or two spaces.
bool IsIndented(std::string_view line);

// `line` with control characters removed, tabs as spaces, runs of spaces
// collapsed and both ends trimmed.
std::string CleanLine(std::string_view line);

// Number of space-separated words in `s`.
size_t WordCount(std::string_view s);

// Body lines to text. When any line is indented, paragraphs start at indented
// lines and after blank lines, and their lines are joined with a space;
// otherwise blocks between blank lines are paragraphs and their lines are
// kept apart by "\n" for CleanTextStage to join or split. Paragraphs are
// separated by "\n\n". With `ascii_dashes`, a "_" standing alone between
// spaces (or at a line's end) becomes "—".
std::string BuildText(const std::vector<std::string_view>& lines, bool ascii_dashes);

// A "By NAME" line of at most 12 words: the name; nullopt otherwise.
std::optional<std::string> BylineName(std::string_view line);

// True if `line` starts the way a dateline does ("ISLAMABAD (AP) _ ...",
// "KARACHI, Oct 29 (Reuters) - ...", "LAHORE: ..."): a cue that the story has
// begun.
bool LooksLikeDateline(std::string_view line);

// Classifies a version label: "1st Writethru" {writethru, 1}, "2nd Ld"
// {lead, 2}, "1stLd-Writethru" {writethru, 1}, "Correction" {correction, 0},
// "UPDATE 2" {update, 2}, "Kill" {kill, 0}, "3rd Add" {update, 3}. The label
// is kept as given. nullopt if the label names no version.
std::optional<VersionInfo> ParseVersion(std::string_view label);

// "YYYY-MM-DDThh:mm:00Z" for a local time `offset_minutes` east of UTC;
// empty if a field is out of range or the date does not exist.
std::string IsoUtc(int year, int month, int day, int hour, int minute, int offset_minutes);

}  // namespace wire
}  // namespace dateline
