#include "offline/process.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sink/record_json.h"

namespace dateline {
namespace {

// Writes the line for one input: its record, or its dead letter.
void Write(const Record& record, const Verdict& verdict, std::string* line, ProcessSummary* summary,
           std::FILE* out) {
  ++summary->inputs;
  line->clear();
  if (verdict.ok()) {
    AppendRecordJson(record, line);
    ++summary->records;
  } else {
    AppendDeadLetterJson(record, verdict, line);
    ++summary->dead_letters;
  }
  line->push_back('\n');
  std::fwrite(line->data(), 1, line->size(), out);
}

// Builds the Record for one envelope line, or returns the reason it is not one.
std::string FromEnvelope(const std::string& text, const std::string& format, Record* record) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return "line is not valid JSON";
  if (!j.is_object()) return "envelope must be a JSON object";
  const auto payload = j.find("payload");
  if (payload == j.end()) return "envelope has no \"payload\"";
  std::string bytes;
  if (payload->is_string()) {
    bytes = payload->get<std::string>();
  } else if (!payload->is_null()) {
    return "\"payload\" must be a string or null";
  }
  Source source;
  if (auto it = j.find("topic"); it != j.end() && it->is_string()) source.topic = it->get<std::string>();
  if (auto it = j.find("partition"); it != j.end() && it->is_number_integer()) source.partition = it->get<int32_t>();
  if (auto it = j.find("offset"); it != j.end() && it->is_number_integer()) source.offset = it->get<int64_t>();
  if (auto it = j.find("ts"); it != j.end() && it->is_number_integer()) source.timestamp_ms = it->get<int64_t>();
  if (auto it = j.find("key"); it != j.end() && it->is_string()) source.key = it->get<std::string>();
  *record = RecordFromBytes(std::move(bytes), std::move(source));
  record->format_hint = format;
  if (auto it = j.find("format"); it != j.end() && it->is_string()) record->format_hint = it->get<std::string>();
  return "";
}

}  // namespace

ProcessSummary ProcessFiles(Pipeline& pipeline, const std::vector<std::string>& files, std::FILE* out,
                            const std::string& format) {
  ProcessSummary summary;
  std::string line;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    if (in) ss << in.rdbuf();
    Source source;
    source.file = file;
    Record record = RecordFromBytes(in ? ss.str() : std::string(), std::move(source));
    record.format_hint = format;
    if (!in) {
      Write(record, Verdict::DeadLetter(ErrorCode::kInvalidEnvelope, "cannot read file " + file), &line, &summary,
            out);
      continue;
    }
    Write(record, pipeline.Run(record), &line, &summary, out);
  }
  std::fflush(out);
  return summary;
}

ProcessSummary ProcessEnvelopes(Pipeline& pipeline, std::istream& in, std::FILE* out, const std::string& format) {
  ProcessSummary summary;
  std::string text, line;
  while (std::getline(in, text)) {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines separate nothing
    Record record;
    const std::string problem = FromEnvelope(text, format, &record);
    if (!problem.empty()) {
      record = RecordFromBytes(text);
      Write(record, Verdict::DeadLetter(ErrorCode::kInvalidEnvelope, problem), &line, &summary, out);
      continue;
    }
    Write(record, pipeline.Run(record), &line, &summary, out);
  }
  std::fflush(out);
  return summary;
}

}  // namespace dateline
