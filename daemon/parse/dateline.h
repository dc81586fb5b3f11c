// Dateline and agency recognition for plain-text agency copy.
//
// Recognizes the common forms at the start of a paragraph:
//   ISLAMABAD (WNAM REPORT): ...          local press, unknown agency tag
//   ISLAMABAD, Oct 29 (Reuters) - ...     Reuters wire
//   ISLAMABAD (AP) — ...                  AP
//   BEIJING, Oct. 29 (Xinhua) -- ...      Xinhua
//   New Delhi, Oct 29 (PTI) The ...       PTI, no separator
//   Oct 29 (Bloomberg) -- ...             no place
//   LAHORE: ... / KARACHI — ...           capitals and a separator, no agency
//   Lima, 29 oct (EFE).- ...              EFE, full stop before the dash
//   Srinagar (Jammu and Kashmir) [India], Oct 29 (ANI): ...   bracketed region
//   STAFF REPORTER PESHAWAR— ...          desk credit before the place (byline)
// and compound places (RAWALPINDI/ISLAMABAD, WASHINGTON, D.C., KHAR, Bajaur).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/stage.h"
#include "geo/gazetteer.h"
#include "parse/agencies.h"

namespace dateline {

struct ParsedDate {
  int year = 0;  // 0 when the text gives none
  unsigned month = 0;
  unsigned day = 0;
};

struct ParsedDateline {
  size_t length = 0;       // bytes of the paragraph taken, separator and spaces included
  std::string raw;         // the dateline as written, without trailing spaces
  std::string location;    // place as written; empty when there is none
  std::string agency_tag;  // text inside the agency's brackets; empty when none
  std::string byline;      // a desk credit before the place ("STAFF REPORTER"); empty when none
  std::optional<ParsedDate> date;
};

// Parses a dateline at the start of `paragraph`; nullopt if there is none.
std::optional<ParsedDateline> ParseDateline(std::string_view paragraph, const AgencyTable& agencies);

// Parses "Oct 29", "Oct. 29, 2025", "October 29", "29 October", "Sept 3".
std::optional<ParsedDate> ParseDate(std::string_view text);

// ISO 8601 date for `date`: the year is taken from the text, else from
// `timestamp_ms` (the latest year that puts the date at most a week after the
// timestamp: a "Dec 31" report stamped on Jan 1 gets the previous year, a
// "Jan 1" report stamped on Dec 31 the next, and a "Mar 12" report stamped in
// October the same year, since reports are not dated months ahead), else
// "--MM-DD". Returns an empty string for an impossible date (Feb 30).
std::string ResolveDate(const ParsedDate& date, int64_t timestamp_ms);

// Milliseconds since the epoch of the date of an ISO 8601 date or time
// ("2025-10-29", "2025-10-29T08:15:00Z"); -1 if unreadable.
int64_t IsoDateMs(std::string_view iso);

// ISO 8601 date (UTC) of a timestamp in milliseconds.
std::string TimestampDate(int64_t timestamp_ms);

// "YYYY-MM-DD" exactly as printf's "%04d-%02u-%02u" writes it (a year outside
// 0..9999 as printf widens it), without printf's cost.
std::string FormatIsoDate(int year, unsigned month, unsigned day);

// The first place of a location in normal case: "RAWALPINDI/ISLAMABAD" gives
// "Rawalpindi", "NEW DELHI" gives "New Delhi", "SÃO PAULO" gives "São Paulo",
// "Lahore" stays "Lahore" (a place with any small letter is kept as written).
std::string NormalCaseCity(std::string_view location);

// The ISO 3166-1 code of a dateline location: a country named in it
// ("ANKARA, Türkiye", "LAHORE, Pakistan/ISLAMABAD") else the most likely
// place called like its first part. Empty when unknown.
std::string LocationCountry(const Gazetteer& gazetteer, std::string_view location);

// The code for an agency tag that is not in the table: "WNAM REPORT" -> "WNAM".
std::string UnknownAgencyCode(std::string_view tag);

// Finds the dateline in the first paragraphs of record.text, fills agency,
// dateline, headline and byline, and removes them from the text.
class DatelineStage final : public Stage {
 public:
  // `gazetteer` may be null: datelines then get no country code.
  DatelineStage(std::shared_ptr<const AgencyTable> agencies, std::shared_ptr<const Gazetteer> gazetteer)
      : agencies_(std::move(agencies)), gazetteer_(std::move(gazetteer)) {}
  explicit DatelineStage(AgencyTable agencies)
      : agencies_(std::make_shared<const AgencyTable>(std::move(agencies))) {}
  std::string_view Name() const override { return "dateline"; }
  Verdict Process(Record& record) override;

 private:
  std::shared_ptr<const AgencyTable> agencies_;
  std::shared_ptr<const Gazetteer> gazetteer_;
};

}  // namespace dateline
