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
  // A finite number in the shortest form that reads back exactly; NaN and infinities as null.
  JsonWriter& Double(double value);
  JsonWriter& Null();

  // Key followed by a value, for brevity.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, int64_t value) { return Key(key).Int(value); }

 private:
  void Separate();
  void Escaped(std::string_view s);

  std::string* out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

// Appends `s` escaped as a JSON string body (without quotes).
void AppendJsonEscaped(std::string* out, std::string_view s);

}  // namespace dateline
