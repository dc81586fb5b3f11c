// JsonWriter: a streaming JSON writer appending to a caller-owned string.
//
// Builds no DOM: records are written once, at the sink, in one pass. Strings
// are escaped per RFC 8259; bytes that are not valid UTF-8 are written as
// U+FFFD, so the output is always valid JSON in UTF-8. Not thread-safe; the
// target string must outlive the writer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // A finite number in its shortest round-trip form; non-finite as null.
  JsonWriter& Number(double value);

  // Key followed by a value, for brevity.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, int64_t value) { return Key(key).Int(value); }

 private:
  void Separate();
  // Writes a ',' into buf if one is due before the next value; returns 0 or 1.
  size_t Separator(char* buf);
  // Separator, then `s` quoted and escaped, then `tail`.
  void Quoted(std::string_view s, std::string_view tail);
  void Escaped(std::string_view s);

  std::string* out_;
  std::vector<uint8_t> first_;  // per open container: 1 while no element is written yet
  bool after_key_ = false;
};

// Appends `s` escaped as a JSON string body (without quotes).
void AppendJsonEscaped(std::string* out, std::string_view s);

}  // namespace dateline
