#include "normalize/stages.h"
#include "core/utf8.h"

namespace dateline {
namespace {

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

}  // namespace

Verdict DecodeStage::Process(Record& record) {
  const std::string_view in = record.payload;
  std::string_view body = in;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);  // BOM: not content
  if (body.empty() || IsBlank(body)) {
    return Verdict::DeadLetter(ErrorCode::kEmptyInput, "payload is empty");
  }
  if (in.size() > max_bytes_) {
    return Verdict::DeadLetter(ErrorCode::kTooLarge, "payload is " + std::to_string(in.size()) +
                                                         " bytes, over the limit of " + std::to_string(max_bytes_));
  }
  if (utf8::IsValid(body)) {
    record.text.assign(body);
    record.encoding_repaired = utf8::RepairMojibake(&record.text);
  } else {
    record.text = utf8::FromWindows1252(body);
    record.encoding_repaired = true;
  }
  // Binary data decodes "successfully" as Windows-1252; reject it by its controls.
  size_t controls = 0, chars = 0;
  bool nul = false;
  for (size_t pos = 0; pos < record.text.size();) {
    const char32_t cp = utf8::Next(record.text, &pos);
    ++chars;
    if (cp == 0) nul = true;
    if ((cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t' && cp != '\f') || (cp >= 0x7F && cp < 0xA0) ||
        cp == 0xFFFD) {
      ++controls;
    }
  }
  if (nul || controls * 20 > chars) {
    return Verdict::DeadLetter(ErrorCode::kInvalidEncoding,
                               nul ? "payload contains NUL bytes: binary data, not text"
                                   : "payload is not text: " + std::to_string(controls) + " of " +
                                         std::to_string(chars) + " characters are control characters");
  }
  return Verdict::Continue();
}

}  // namespace dateline
