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

// True if `s` (UTF-8) holds only spaces, line breaks and invisible format
// characters (no-break and other Unicode spaces, zero-width characters, BOMs,
// soft hyphens): nothing is left once the text is cleaned.
bool IsBlankOrInvisible(std::string_view s) {
  for (size_t pos = 0; pos < s.size();) {
    const char32_t cp = utf8::Next(s, &pos);
    const bool blank = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
                       cp == 0x85 || cp == 0xA0 || cp == 0xAD || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200D) ||
                       cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x2060 ||
                       cp == 0x3000 || cp == 0xFEFF;
    if (!blank) return false;
  }
  return true;
}

// What the binary check counts in a text: characters, controls among them
// (C0 other than line ends and tabs, C1, U+FFFD) and whether one is NUL.
struct ControlCount {
  size_t chars = 0;
  size_t controls = 0;
  bool nul = false;
};

// Counts `text` character by character. With `stop_at_invalid`, returns false
// at the first sequence that is not valid UTF-8 (so that one pass both checks
// the encoding and counts); otherwise such a byte counts as one character.
bool CountControls(std::string_view text, bool stop_at_invalid, ControlCount* count) {
  size_t controls = 0, chars = 0;
  bool nul = false;
  for (size_t pos = 0; pos < text.size();) {
    // Printable ASCII, nearly all of a report, is neither NUL nor a control.
    const size_t run = utf8::SkipPrintableAscii(text, pos);
    chars += run - pos;
    pos = run;
    if (pos >= text.size()) break;
    const char32_t cp = utf8::Next(text, &pos);
    if (cp == utf8::kInvalid && stop_at_invalid) return false;
    ++chars;
    if (cp == 0) nul = true;
    if ((cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t' && cp != '\f') || (cp >= 0x7F && cp < 0xA0) ||
        cp == 0xFFFD) {
      ++controls;
    }
  }
  *count = {chars, controls, nul};
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
  // Binary data decodes "successfully" as Windows-1252; it is rejected below
  // by its controls. Valid UTF-8 is counted as it is checked, in one pass; the
  // text is counted again only when decoding or repair changed it.
  ControlCount count;
  if (CountControls(body, /*stop_at_invalid=*/true, &count)) {
    record.text.assign(body);
    record.encoding_repaired = utf8::RepairMojibake(&record.text);
    if (record.encoding_repaired) CountControls(record.text, false, &count);
  } else {
    record.text = utf8::FromWindows1252(body);
    record.encoding_repaired = true;
    CountControls(record.text, false, &count);
  }
  if (IsBlankOrInvisible(record.text)) {
    return Verdict::DeadLetter(ErrorCode::kEmptyInput, "payload has only whitespace and invisible characters");
  }
  const auto [chars, controls, nul] = count;
  if (nul || controls * 20 > chars) {
    return Verdict::DeadLetter(ErrorCode::kInvalidEncoding,
                               nul ? "payload contains NUL bytes: binary data, not text"
                                   : "payload is not text: " + std::to_string(controls) + " of " +
                                         std::to_string(chars) + " characters are control characters");
  }
  return Verdict::Continue();
}

}  // namespace dateline
