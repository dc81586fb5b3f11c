// JsonWriter: a streaming JSON writer appending to a caller-owned string.
//
// Builds no DOM: records are written once, at the sink, in one pass. Strings
// are escaped per RFC 8259; bytes that are not valid UTF-8 are written as
// U+FFFD, so the output is always valid JSON in UTF-8. Each call appends its
// text to the string at once (nothing is held back), so the string may be read
// between calls. Not thread-safe; the target string must outlive the writer.
//
// Cost: the writer keeps no stack of open containers (a depth and a "comma
// due" flag suffice for a well-formed call sequence), and a key with its value
// (Field) goes out in one append when both are short and need no escaping.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace dateline {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  // Inline: brackets are the most frequent calls, and each is a byte or two.
  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  // Inline: a short key that needs no escaping (the sink's literal keys, whose
  // length and check the compiler folds) goes out in one append.
  JsonWriter& Key(std::string_view key) {
    if (key.size() > kShortKey || !IsPlainKey(key)) return EscapedKey(key);
    char buf[kShortKey + 4];
    buf[1] = '"';
    std::memcpy(buf + 2, key.data(), key.size());
    buf[key.size() + 2] = '"';
    buf[key.size() + 3] = ':';
    const size_t comma = Separator(buf);
    out_->append(buf + 1 - comma, key.size() + 3 + comma);
    comma_due_ = false;
    return *this;
  }
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // A finite number in its shortest round-trip form (std::to_chars); non-finite as null.
  JsonWriter& Number(double value);

  // Key followed by a value: the same output as Key(key) then the value.
  // Inline: a short plain key (the sink's literals, whose check the compiler
  // folds) is not checked again byte by byte.
  JsonWriter& Field(std::string_view key, std::string_view value) {
    if (key.size() <= kShortKey && IsPlainKey(key)) return PlainKeyField(key, value);
    return Key(key).String(value);
  }
  JsonWriter& Field(std::string_view key, const char* value) { return Field(key, std::string_view(value)); }
  JsonWriter& Field(std::string_view key, int64_t value);
  // Key followed by null: the same output as Key(key).Null(), in one append
  // when the key is short and needs no escaping (inline, as Field).
  JsonWriter& NullField(std::string_view key) {
    if (key.size() > kShortKey || !IsPlainKey(key)) return Key(key).Null();
    return PlainKeyNull(key);
  }

  // The record schema's spans, each in one append: the members "start" and
  // "end" of the current object, or an object of just those two (a value).
  JsonWriter& SpanMembers(int64_t start, int64_t end);
  JsonWriter& SpanObject(int64_t start, int64_t end);
  // An object of a string member and a span, as an element, in one append
  // when short and plain: the same output as
  // BeginObject().Field(key, value).SpanMembers(start, end).EndObject() ...
  JsonWriter& FieldSpanObject(std::string_view key, std::string_view value, int64_t start, int64_t end);
  // ... and as BeginObject().SpanMembers(start, end).Field(key, value).EndObject().
  JsonWriter& SpanFieldObject(int64_t start, int64_t end, std::string_view key, std::string_view value);
  // Elements of the current array: SpanObject(s, e) for each (s, e) = bounds(i),
  // i in [0, n), the same output in one append per kilobyte or so.
  template <typename Bounds>
  JsonWriter& SpanObjects(size_t n, Bounds bounds) {
    char buf[1024];
    size_t len = 0;
    for (size_t i = 0; i < n; ++i) {
      if (len > sizeof buf - kSpanObjectRoom) {
        out_->append(buf, len);
        len = 0;
      }
      const auto [start, end] = bounds(i);
      len += Separator(buf + len);
      len = static_cast<size_t>(WriteSpanObject(buf + len, start, end) - buf);
    }
    out_->append(buf, len);
    return *this;
  }

 private:
  // Keys up to this many bytes take Key's inline path.
  static constexpr size_t kShortKey = 24;
  // True if no byte of `key` needs escaping: printable ASCII other than '"' and '\\'.
  static bool IsPlainKey(std::string_view key) {
    unsigned bad = 0;
    for (const char c : key) bad |= kNeedsEscape[static_cast<unsigned char>(c)];
    return bad == 0;
  }
  // 1 for the bytes IsPlainKey refuses: controls, '"', '\\', DEL and non-ASCII.
  static constexpr std::array<unsigned char, 256> kNeedsEscape = [] {
    std::array<unsigned char, 256> t{};
    for (size_t c = 0; c < 256; ++c) t[c] = c < 0x20 || c >= 0x7F || c == '"' || c == '\\';
    return t;
  }();
  // Room WriteSpanObject needs, with a separator before it.
  static constexpr size_t kSpanObjectRoom = 64;
  // Writes {"start":S,"end":E} at p; returns its end.
  static char* WriteSpanObject(char* p, int64_t start, int64_t end);
  // Key for any key: quoted and escaped.
  JsonWriter& EscapedKey(std::string_view key);
  // Field and NullField for a key of at most kShortKey bytes that IsPlainKey accepts.
  JsonWriter& PlainKeyField(std::string_view key, std::string_view value);
  JsonWriter& PlainKeyNull(std::string_view key);

  // Writes a ',' into buf[0] and returns 1 if one is due before the next
  // element, else returns 0; the element after this one will need a comma.
  size_t Separator(char* buf) {
    const bool comma = comma_due_ && depth_ > 0;
    comma_due_ = true;
    buf[0] = ',';
    return comma ? 1 : 0;
  }
  // Separator, then `s` quoted and escaped, then `tail`.
  void Quoted(std::string_view s, std::string_view tail);
  JsonWriter& Open(char bracket) {
    if (comma_due_ && depth_ > 0) out_->push_back(',');
    out_->push_back(bracket);
    comma_due_ = false;
    ++depth_;
    return *this;
  }
  JsonWriter& Close(char bracket) {
    out_->push_back(bracket);
    comma_due_ = true;
    --depth_;
    return *this;
  }

  std::string* out_;
  int depth_ = 0;           // containers open
  bool comma_due_ = false;  // an element was written in the innermost container (false after a key)
};

// Appends `s` escaped as a JSON string body (without quotes).
void AppendJsonEscaped(std::string* out, std::string_view s);

}  // namespace dateline
