// CreditsStage: editorial furniture out of the body and into metadata.
//
//   - headline prefixes and tags: "UPDATE 2-", "WRAPUP 3-", "REFILE-",
//     "RPT-", "CORRECTED-", "(LEAD)", "(2nd LD)", "URGENT:", "FLASH:",
//     "ALERT:", "BULLETIN:", "STORY WITHDRAWN" -> version and urgency
//   - advisory lines at the top of the body: "(Adds ...)", "(Updates with ...)",
//     "(Corrects ... )" -> credits of kind "advisory", and corrects
//   - closing credits and boilerplate at the end of the body:
//     "(Reporting by ...; Editing by ...)", "Reuter", "-- AP", "—APP", the agency
//     table's sign-offs, copyright and rights lines, contact lines ("Contact: ...",
//     Bloomberg's "To contact the reporter on this story: ...") -> credits, so that the
//     body is clean and nothing is lost. A trailing agency credit also names
//     the agency when the dateline did not.
// Runs after DatelineStage and before BodyStage (it edits record.text).
#pragma once

#include <memory>

#include "core/stage.h"
#include "parse/agencies.h"

namespace dateline {

class CreditsStage final : public Stage {
 public:
  explicit CreditsStage(std::shared_ptr<const AgencyTable> agencies) : agencies_(std::move(agencies)) {}
  std::string_view Name() const override { return "credits"; }
  Verdict Process(Record& record) override;

 private:
  std::shared_ptr<const AgencyTable> agencies_;
};

// If `line` is an editor's advisory ("(Adds quotes)", "(Corrects spelling of
// name in paragraph 3)", "Eds: ..."), records it as a credit (and `corrects`)
// and returns true.
bool TakeAdvisory(std::string_view line, Record* record);

// Reads a version or urgency tag at the start of `headline`, removes it, and
// fills record.version / record.urgency. Exposed for tests.
void TakeHeadlineTags(std::string* headline, Record* record);

}  // namespace dateline
