#include "formats/nitf.h"

#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "formats/xml.h"

namespace dateline {
namespace {

Verdict Malformed(std::string reason) {
  return Verdict::DeadLetter(ErrorCode::kMalformedItem, "NITF: " + std::move(reason));
}

bool IsByttl(const pugi::xml_node& node) { return xml::Is(node, "byttl"); }
bool IsStoryDate(const pugi::xml_node& node) { return xml::Is(node, "story.date"); }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A root element name for a reason: bounded, since it comes from the input.
std::string Shown(std::string_view name) {
  if (name.size() > 40) return std::string(name.substr(0, 40)) + "...";
  return std::string(name);
}

std::optional<VersionInfo> ReadVersion(const pugi::xml_node& docdata, Record& record) {
  const std::string status = xml::Attr(docdata, "management-status");
  if (status == "canceled" || status == "cancelled") return VersionInfo{status, "kill", 0};
  if (status == "withheld") return VersionInfo{status, "withdrawn", 0};
  if (const pugi::xml_node correction = xml::Child(docdata, "correction")) {
    std::string target = xml::Attr(correction, "id-string");
    if (target.empty()) target = xml::Attr(correction, "info");
    if (!record.corrects && !target.empty()) record.corrects = std::move(target);
    return VersionInfo{"correction", "correction", 0};
  }
  const int number = xml::PositiveNumber(xml::Attr(xml::Child(docdata, "du-key"), "version"));
  if (number > 1) return VersionInfo{"version " + std::to_string(number), "version", number};
  return std::nullopt;
}

void ReadSubjects(const pugi::xml_node& head, std::vector<Subject>* subjects) {
  for (const pugi::xml_node& tobject : xml::Children(head, "tobject")) {
    for (const pugi::xml_node& s : xml::Children(tobject, "tobject.subject")) {
      const std::string refnum = xml::Attr(s, "tobject.subject.refnum");
      if (refnum.empty()) continue;
      Subject subject;
      subject.code = refnum.size() == 8 && AllDigits(refnum) ? "subj:" + refnum : refnum;
      for (std::string_view level :
           {"tobject.subject.detail", "tobject.subject.matter", "tobject.subject.type"}) {
        subject.name = xml::Attr(s, level);
        if (!subject.name.empty()) break;
      }
      xml::AddSubject(subjects, std::move(subject));
    }
  }
}

std::string ReadAgency(const pugi::xml_node& docdata, const pugi::xml_node& body_head) {
  std::string raw = xml::Attr(xml::Child(docdata, "doc.copyright"), "holder");
  if (raw.empty()) raw = xml::Attr(xml::Child(docdata, "doc.rights"), "provider");
  if (raw.empty()) raw = xml::Text(xml::Child(body_head, "distributor"));
  if (raw.empty()) raw = xml::Attr(xml::Child(docdata, "doc-id"), "regsrc");
  return raw;
}

std::optional<DatelineInfo> ReadDateline(const pugi::xml_node& dateline, const Record& record) {
  DatelineInfo info;
  info.raw = xml::Text(dateline);
  if (info.raw.empty()) return std::nullopt;
  const pugi::xml_node location = xml::Child(dateline, "location");
  // Without a location element, the place written before the story date.
  info.location = location ? xml::Text(location)
                           : xml::SplitDateline(xml::Text(dateline, &IsStoryDate)).location;
  const std::string city = xml::Text(xml::Descendant(location, "city"));
  info.city = xml::NormalCaseCity(city.empty() ? info.location : city);

  // The date: story.date@norm is the feed's own machine-readable date; else a
  // date written in the dateline. With neither, DatelineStage later takes the
  // publication date or the message timestamp.
  const pugi::xml_node story_date = xml::Child(dateline, "story.date");
  info.date = xml::LocalDate(xml::Attr(story_date, "norm"));
  if (!info.date.empty()) {
    info.date_source = "metadata";
    return info;
  }
  xml::TextDateline written = xml::SplitDateline(info.raw);  // info.raw is xml::Text(dateline)
  if (story_date) {
    const xml::TextDateline in_story_date = xml::SplitDateline(xml::Text(story_date));
    if (in_story_date.month != 0) written = in_story_date;
  }
  if (written.month != 0) {
    std::string reference = record.published;
    if (reference.empty() && record.source.timestamp_ms >= 0) {
      reference = xml::DateOfTimestamp(record.source.timestamp_ms);
    }
    info.date = xml::ResolveDatelineDate(written.year, written.month, written.day, reference);
    if (!info.date.empty()) info.date_source = "text";
  }
  return info;
}

}  // namespace

int NitfParser::Sniff(std::string_view input) const {
  const xml::RootTag root = xml::FindRootTag(input);
  if (xml::LocalName(root.name) != "nitf") return 0;
  return root.tag.find("iptc.org/std/NITF/") != std::string_view::npos ? 100 : 95;
}

Verdict NitfParser::Parse(std::string_view input, Record& record) const {
  try {
    pugi::xml_document doc;
    std::string error;
    if (!xml::Parse(input, &doc, &error)) return Malformed("not well-formed XML: " + error);
    const pugi::xml_node root = doc.document_element();
    if (!xml::Is(root, "nitf")) {
      return Malformed("the root element is <" + Shown(root.name()) + ">, not <nitf>");
    }
    std::string body = NitfBodyText(root);
    if (body.empty()) return Malformed("no body text: body/body.content has no paragraph");
    ReadNitfMetadata(root, record);
    record.text = std::move(body);
    record.format = std::string(Name());
    return Verdict::Continue();
  } catch (const std::exception& e) {
    return Malformed(std::string("could not be read: ") + e.what());
  }
}

std::string NitfBodyText(const pugi::xml_node& nitf) {
  std::string text;
  for (const pugi::xml_node& content : xml::Children(xml::Child(nitf, "body"), "body.content")) {
    xml::AppendParagraphs(content, &text);
  }
  return text;
}

void ReadNitfMetadata(const pugi::xml_node& nitf, Record& record) {
  const pugi::xml_node head = xml::Child(nitf, "head");
  const pugi::xml_node docdata = xml::Child(head, "docdata");
  const pugi::xml_node body = xml::Child(nitf, "body");
  const pugi::xml_node body_head = xml::Child(body, "body.head");

  if (record.item_id.empty()) {
    record.item_id = xml::Attr(xml::Child(docdata, "doc-id"), "id-string");
    if (record.item_id.empty()) record.item_id = xml::Attr(nitf, "uno");
  }
  if (record.urgency.empty()) {
    record.urgency = xml::UrgencyFromText(xml::Attr(xml::Child(docdata, "urgency"), "ed-urg"));
  }
  if (record.published.empty()) {
    record.published = xml::NormalizeTime(xml::Attr(xml::Child(docdata, "date.issue"), "norm"));
    if (record.published.empty()) {
      record.published =
          xml::NormalizeTime(xml::Attr(xml::Child(head, "pubdata"), "date.publication"));
    }
  }
  if (!record.version) record.version = ReadVersion(docdata, record);
  if (!record.slug) {
    std::string key = xml::Attr(xml::Child(docdata, "du-key"), "key");
    if (!key.empty()) record.slug = std::move(key);
  }
  if (record.keywords.empty()) {
    for (const pugi::xml_node& list : xml::Children(docdata, "key-list")) {
      for (const pugi::xml_node& keyword : xml::Children(list, "keyword")) {
        xml::AddKeyword(&record.keywords, xml::Attr(keyword, "key"));
      }
    }
  }
  if (record.subjects.empty()) ReadSubjects(head, &record.subjects);
  if (!record.agency) {
    std::string raw = ReadAgency(docdata, body_head);
    if (!raw.empty()) {
      Agency agency;
      agency.raw = std::move(raw);
      record.agency = std::move(agency);
    }
  }
  if (!record.headline) {
    std::string headline = xml::Text(xml::Path(body_head, {"hedline", "hl1"}));
    if (headline.empty()) headline = xml::Text(xml::Child(head, "title"));
    if (!headline.empty()) record.headline = std::move(headline);
  }
  if (!record.byline) {
    for (const pugi::xml_node& byline : xml::Children(body_head, "byline")) {
      std::string text = xml::CleanByline(xml::Text(byline, &IsByttl));
      if (!text.empty()) {
        record.byline = std::move(text);
        break;
      }
    }
  }
  if (!record.dateline) {
    if (const pugi::xml_node dateline = xml::Child(body_head, "dateline")) {
      record.dateline = ReadDateline(dateline, record);
    }
  }
  if (record.language.empty()) {
    std::string code = xml::LanguageCode(xml::Attr(body, "lang"));
    if (code.empty()) code = xml::LanguageCode(xml::Attr(nitf, "lang"));
    if (code.empty()) code = xml::LanguageCode(xml::Attr(nitf, "baselang"));
    if (!code.empty()) {
      record.language = std::move(code);
      record.language_source = "metadata";
    }
  }
}

}  // namespace dateline
