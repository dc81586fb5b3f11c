#include "formats/newsml.h"

#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "formats/nitf.h"
#include "formats/xml.h"

namespace dateline {
namespace {

Verdict Malformed(std::string reason) {
  return Verdict::DeadLetter(ErrorCode::kMalformedItem, "NewsML-G2: " + std::move(reason));
}

std::string Shown(std::string_view name) {
  if (name.size() > 40) return std::string(name.substr(0, 40)) + "...";
  return std::string(name);
}

// The code part of a QCode, lower-cased: "stat:Canceled" -> "canceled".
std::string QCodeValue(std::string_view qcode) {
  std::string out(xml::LocalName(qcode));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// Text and CDATA directly inside `node`, as written (no collapsing).
std::string RawChildText(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out.append(c.value());
  }
  return std::string(TrimSpace(out));
}

// The text of one contentSet rendition; sets *nitf when it is inline NITF.
std::string RenditionText(const pugi::xml_node& rendition, pugi::xml_node* nitf) {
  if (xml::Is(rendition, "inlineXML")) {
    if (const pugi::xml_node root = xml::Child(rendition, "nitf")) {
      *nitf = root;
      return NitfBodyText(root);
    }
    std::string text;
    xml::AppendParagraphs(rendition, &text);
    return text;
  }
  if (xml::Is(rendition, "inlineData")) {
    const std::string type = xml::Attr(rendition, "contenttype");
    const std::string encoding = xml::Attr(rendition, "encoding");
    if (!type.empty() && !StartsWithNoCase(type, "text/plain")) return "";
    if (!encoding.empty()) return "";  // base64 and the like: not text
    return RawChildText(rendition);
  }
  return "";
}

std::string ItemText(const pugi::xml_node& item, pugi::xml_node* nitf) {
  for (const pugi::xml_node& set : xml::Children(item, "contentSet")) {
    for (pugi::xml_node r = set.first_child(); r; r = r.next_sibling()) {
      pugi::xml_node found;
      std::string text = RenditionText(r, &found);
      if (!text.empty()) {
        *nitf = found;
        return text;
      }
    }
  }
  return "";
}

std::optional<VersionInfo> ReadVersion(const pugi::xml_node& item,
                                       const pugi::xml_node& item_meta) {
  const std::string status = QCodeValue(xml::Attr(xml::Child(item_meta, "pubStatus"), "qcode"));
  if (status == "canceled" || status == "cancelled") return VersionInfo{status, "kill", 0};
  if (status == "withheld") return VersionInfo{status, "withdrawn", 0};
  for (const pugi::xml_node& signal : xml::Children(item_meta, "signal")) {
    if (QCodeValue(xml::Attr(signal, "qcode")) == "correction") {
      return VersionInfo{"correction", "correction", 0};
    }
  }
  const int number = xml::PositiveNumber(xml::Attr(item, "version"));
  if (number > 1) return VersionInfo{"version " + std::to_string(number), "version", number};
  return std::nullopt;
}

std::string ReadProvider(const pugi::xml_node& item_meta) {
  const pugi::xml_node provider = xml::Child(item_meta, "provider");
  std::string raw = xml::Attr(provider, "literal");
  if (raw.empty()) raw = xml::Text(xml::Child(provider, "name"));
  if (raw.empty()) raw = std::string(xml::LocalName(xml::Attr(provider, "qcode")));
  return raw;
}

// True when a located element's type names something larger than a city.
bool IsAreaType(std::string_view type) {
  const std::string value = QCodeValue(type);
  return value.find("country") != std::string::npos || value.find("region") != std::string::npos ||
         value.find("state") != std::string::npos || value.find("province") != std::string::npos ||
         value.find("adm") != std::string::npos || value.find("continent") != std::string::npos;
}

std::optional<DatelineInfo> ReadDateline(const pugi::xml_node& content_meta, const Record& record) {
  const std::string written = xml::Text(xml::Child(content_meta, "dateline"));
  const pugi::xml_node located = xml::Child(content_meta, "located");
  std::string located_name = xml::Text(xml::Child(located, "name"));
  if (located_name.empty()) located_name = xml::Attr(located, "literal");
  if (written.empty() && located_name.empty()) return std::nullopt;

  DatelineInfo info;
  info.raw = written.empty() ? located_name : written;
  const xml::TextDateline split = xml::SplitDateline(written);
  info.location = split.location.empty() ? located_name : split.location;
  const bool located_is_city = !located_name.empty() && !IsAreaType(xml::Attr(located, "type"));
  if (located_is_city) {
    info.city = xml::NormalCaseCity(located_name);
  } else if (!split.location.empty()) {
    info.city = xml::NormalCaseCity(split.location);
  }
  // A date written in the dateline; without one, DatelineStage later takes the
  // publication date or the message timestamp.
  if (split.month != 0) {
    std::string reference = record.published;
    if (reference.empty() && record.source.timestamp_ms >= 0) {
      reference = xml::DateOfTimestamp(record.source.timestamp_ms);
    }
    info.date = xml::ResolveDatelineDate(split.year, split.month, split.day, reference);
    if (!info.date.empty()) info.date_source = "text";
  }
  return info;
}

void ReadItemMetadata(const pugi::xml_node& item, Record& record) {
  const pugi::xml_node item_meta = xml::Child(item, "itemMeta");
  const pugi::xml_node content_meta = xml::Child(item, "contentMeta");

  record.item_id = xml::Attr(item, "guid");
  record.version = ReadVersion(item, item_meta);
  record.published = xml::NormalizeTime(xml::Text(xml::Child(item_meta, "versionCreated")));
  if (record.published.empty()) {
    record.published = xml::NormalizeTime(xml::Text(xml::Child(item_meta, "firstCreated")));
  }
  if (std::string raw = ReadProvider(item_meta); !raw.empty()) {
    Agency agency;
    agency.raw = std::move(raw);
    record.agency = std::move(agency);
  }

  record.urgency = xml::UrgencyFromText(xml::Text(xml::Child(content_meta, "urgency")));
  record.dateline = ReadDateline(content_meta, record);
  for (const pugi::xml_node& by : xml::Children(content_meta, "by")) {
    std::string byline = xml::CleanByline(xml::Text(by));
    if (!byline.empty()) {
      record.byline = std::move(byline);
      break;
    }
  }
  std::string language = xml::LanguageCode(xml::Attr(xml::Child(content_meta, "language"), "tag"));
  if (language.empty()) language = xml::LanguageCode(xml::Attr(item, "lang"));
  if (!language.empty()) {
    record.language = std::move(language);
    record.language_source = "metadata";
  }
  for (const pugi::xml_node& s : xml::Children(content_meta, "subject")) {
    Subject subject;
    subject.code = xml::Attr(s, "qcode");
    if (subject.code.empty()) continue;
    subject.name = xml::Text(xml::Child(s, "name"));
    xml::AddSubject(&record.subjects, std::move(subject));
  }
  for (const pugi::xml_node& keyword : xml::Children(content_meta, "keyword")) {
    xml::AddKeyword(&record.keywords, xml::Text(keyword));
  }
  for (const pugi::xml_node& slugline : xml::Children(content_meta, "slugline")) {
    std::string slug = xml::Text(slugline);
    if (!slug.empty()) {
      record.slug = std::move(slug);
      break;
    }
  }
  std::string headline;
  for (const pugi::xml_node& h : xml::Children(content_meta, "headline")) {
    std::string text = xml::Text(h);
    if (text.empty()) continue;
    if (xml::Attr(h, "role").empty()) {
      headline = std::move(text);
      break;
    }
    if (headline.empty()) headline = std::move(text);
  }
  if (!headline.empty()) record.headline = std::move(headline);
}

}  // namespace

int NewsMlG2Parser::Sniff(std::string_view input) const {
  const xml::RootTag root = xml::FindRootTag(input);
  const std::string_view local = xml::LocalName(root.name);
  if (local != "newsItem" && local != "newsMessage") return 0;
  return root.tag.find("iptc.org/std/nar/2006-10-01") != std::string_view::npos ? 100 : 80;
}

Verdict NewsMlG2Parser::Parse(std::string_view input, Record& record) const {
  try {
    pugi::xml_document doc;
    std::string error;
    if (!xml::Parse(input, &doc, &error)) return Malformed("not well-formed XML: " + error);
    const pugi::xml_node root = doc.document_element();
    pugi::xml_node item;
    if (xml::Is(root, "newsItem")) {
      item = root;
    } else if (xml::Is(root, "newsMessage")) {
      for (const pugi::xml_node& set : xml::Children(root, "itemSet")) {
        item = xml::Child(set, "newsItem");
        if (item) break;
      }
      if (!item) return Malformed("the newsMessage has no newsItem in its itemSet");
    } else {
      return Malformed("the root element is <" + Shown(root.name()) +
                       ">, not <newsItem> or <newsMessage>");
    }
    pugi::xml_node nitf;
    std::string text = ItemText(item, &nitf);
    if (text.empty()) {
      return Malformed("no inline text: contentSet has no inlineXML or text/plain inlineData");
    }
    ReadItemMetadata(item, record);
    if (nitf) ReadNitfMetadata(nitf, record);
    record.text = std::move(text);
    record.format = std::string(Name());
    return Verdict::Continue();
  } catch (const std::exception& e) {
    return Malformed(std::string("could not be read: ") + e.what());
  }
}

}  // namespace dateline
