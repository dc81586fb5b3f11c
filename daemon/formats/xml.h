// Shared helpers for the XML wire formats (NITF, NewsML-G2), built on pugixml.
//
// Safety contract of Parse(): the input is parsed as UTF-8 whatever its XML
// declaration says; a DOCTYPE is skipped without being read (no DTD, no
// entity declarations, nothing loaded from outside, ever); only the five
// predefined entities and character references are expanded, and any other
// entity reference stays in the text as written ("&e;"). Parsing is linear in
// the input and does not recurse on element depth. The traversal helpers
// below never recurse deeper than kMaxDepth containers, so any input, however
// deeply nested, is handled in bounded stack and linear time.
//
// Names are matched by local name, ignoring any namespace prefix: "nitf:p",
// "p" and "x:p" all match "p" (namespace URIs are not checked; an input that
// names a wire format's elements is read as that format).
//
// All functions are pure and thread-safe; none throws except std::bad_alloc.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "core/record.h"

namespace dateline::xml {

// Containers deeper than this are flattened into one paragraph.
inline constexpr int kMaxDepth = 32;

// Keywords and subjects taken from feed metadata keep at most this many
// entries each; the rest are dropped (real items carry far fewer, and the cap
// keeps the removal of repeats bounded on hostile input).
inline constexpr size_t kMaxListItems = 200;

// Parses `input` into `doc` (see the safety contract above). Input that is not
// valid UTF-8 is taken as Latin-1/Windows-1252 and converted first (the
// pipeline's DecodeStage already does this; direct callers may not have).
// Returns true on success; otherwise false with `*error` set to pugixml's
// description and the byte offset, e.g. "Start-end tags mismatch at byte 120".
bool Parse(std::string_view input, pugi::xml_document* doc, std::string* error);

// The start of an XML document: the root element's qualified name and its
// whole start tag, or empty views when none is found.
struct RootTag {
  std::string_view name;  // e.g. "nitf" or "nar:newsItem"
  std::string_view tag;   // from '<' to the closing '>' (or the end of the scanned prefix)
};

// Cheaply finds the root element of `input` without parsing it: skips a UTF-8
// BOM, whitespace, the XML declaration, processing instructions, comments and
// a DOCTYPE (with its internal subset), scanning at most the first
// `max_scan` bytes.
RootTag FindRootTag(std::string_view input, size_t max_scan = 64 * 1024);

// The part of a qualified name after the last ':' ("nitf:p" -> "p").
std::string_view LocalName(std::string_view qualified);

// True if `node` is an element whose local name is `local`
// (ASCII case-insensitive: "P" matches "p").
bool Is(const pugi::xml_node& node, std::string_view local);

// First element child of `parent` with local name `local`; an empty node if none.
pugi::xml_node Child(const pugi::xml_node& parent, std::string_view local);

// Follows a path of local names from `node`: Path(nitf, {"head", "docdata"}).
pugi::xml_node Path(const pugi::xml_node& node, std::initializer_list<std::string_view> path);

// First element under `node` (any depth, document order) with local name
// `local`; an empty node if none. Iterative.
pugi::xml_node Descendant(const pugi::xml_node& node, std::string_view local);

// All element children of `parent` with local name `local`, in document order.
std::vector<pugi::xml_node> Children(const pugi::xml_node& parent, std::string_view local);

// The value of `node`'s attribute whose local name is `local` ("xml:lang" and
// "lang" both match "lang"), trimmed of whitespace; empty if absent.
std::string Attr(const pugi::xml_node& node, std::string_view local);

// The text of `node` with inline markup flattened: all descendant text and
// CDATA in document order, <br> as a space, runs of XML whitespace collapsed
// to one space, trimmed. Elements for which `skip` returns true are left out
// with their content (e.g. <byttl> in a byline). Iterative: any depth is safe.
std::string Text(const pugi::xml_node& node, bool (*skip)(const pugi::xml_node&) = nullptr);

// The paragraphs under a body container (NITF body.content, an XHTML body,
// NewsML inlineXML): each <p>, <hl2>, <pre>, <li>, <dt>, <dd> and <h1>..<h6>
// is one paragraph (text flattened as by Text); <block>, <bq>, <fn>, lists,
// <div>, <section>, <article>, <blockquote> and any element that holds such
// blocks are walked into; text standing directly in a container forms a
// paragraph of its own. Media, tables, notes, figures, images, scripts and
// styles are left out: the body is prose. Empty paragraphs are dropped.
std::vector<std::string> Paragraphs(const pugi::xml_node& container);

// Appends the paragraphs Paragraphs(container) finds to *joined, each after
// a "\n\n" when *joined is not empty: the same text as JoinParagraphs of the
// paragraphs already there and these, without a string per paragraph.
void AppendParagraphs(const pugi::xml_node& container, std::string* joined);

// Joins paragraphs with "\n\n", the record's paragraph separator.
std::string JoinParagraphs(const std::vector<std::string>& paragraphs);

// Collapses runs of XML whitespace (space, tab, CR, LF) to one space and trims.
std::string CollapseSpace(std::string_view s);

// A time from the feed's metadata as ISO 8601 in UTC, "YYYY-MM-DDTHH:MM:SSZ".
// Accepts the NITF basic form ("20251029T083000+0500", "20251029T083000Z") and
// the extended form ("2025-10-29T08:30:00.123+05:00"); an offset is applied, a
// time without a zone is taken as UTC, fractions of a second are dropped. A
// date alone gives "YYYY-MM-DD". Returns "" for anything else or an impossible
// date or time.
std::string NormalizeTime(std::string_view value);

// The calendar date of a feed time as written (its own local date, no zone
// shift): "20251029T000000+0500" -> "2025-10-29"; "" if not a time.
std::string LocalDate(std::string_view value);

// The ISO 639-1 code of a language tag: "en-US" -> "en", "EN" -> "en";
// "" when the primary subtag is not two letters.
std::string LanguageCode(std::string_view tag);

// The first place of a location in normal case: "RAWALPINDI/ISLAMABAD" ->
// "Rawalpindi", "SÃO PAULO" -> "São Paulo"; a place with any small letter is
// kept as written ("Lahore").
std::string NormalCaseCity(std::string_view location);

// A byline as a record keeps it: collapsed, without a leading "By " and
// without trailing commas or dashes. "By Jane Roe," -> "Jane Roe".
std::string CleanByline(std::string_view byline);

// A dateline written as text, split into place and date: "KARACHI, Oct 29"
// gives location "KARACHI" and month 10, day 29; "LAHORE, Pakistan, 3 July
// 2025" gives "LAHORE, Pakistan" and 2025-07-03.
struct TextDateline {
  std::string location;  // empty when the text is only a date
  int year = 0;          // 0 when the text gives none
  unsigned month = 0;    // 0 when the text gives no date
  unsigned day = 0;
};
// `s` without trailing separators: spaces, "-", ":", "_", ",", em and en
// dashes ("KARACHI, Oct 29 -" -> "KARACHI, Oct 29").
std::string_view StripTrailingSeparators(std::string_view s);

TextDateline SplitDateline(std::string_view text);

// The ISO date of a dateline's month and day: the year is `year` when given,
// else the latest year that puts the date at most a week after `reference`
// (a "YYYY-MM-DD..." date, e.g. the item's publication time), else "--MM-DD".
// Returns "" for an impossible date.
std::string ResolveDatelineDate(int year, unsigned month, unsigned day, std::string_view reference);

// Appends `keyword` unless it is empty, already listed, or the list holds
// kMaxListItems entries.
void AddKeyword(std::vector<std::string>* keywords, std::string keyword);

// Appends `subject` unless its code is empty or already listed, or the list
// holds kMaxListItems entries.
void AddSubject(std::vector<Subject>* subjects, Subject subject);

// A whole number 1..999999 written in decimal (surrounding spaces allowed);
// 0 for anything else.
int PositiveNumber(std::string_view s);

// The record urgency of a feed's 1-9 digit ("3" -> "urgent"); "" for
// anything that is not a single digit 1-9.
std::string UrgencyFromText(std::string_view s);

// The UTC date "YYYY-MM-DD" of a message timestamp in milliseconds.
std::string DateOfTimestamp(int64_t timestamp_ms);

}  // namespace dateline::xml
