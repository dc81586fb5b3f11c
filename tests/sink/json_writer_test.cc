#include "sink/json_writer.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <random>
#include <utility>
#include <vector>

#include "core/utf8.h"

namespace dateline {
namespace {

TEST(JsonWriterTest, WritesNestedStructures) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Field("a", int64_t{1}).Key("b").BeginArray().Int(2).String("x").Null().Bool(true).EndArray();
  w.Key("c").BeginObject().EndObject().EndObject();
  EXPECT_EQ(out, R"({"a":1,"b":[2,"x",null,true],"c":{}})");
}

TEST(JsonWriterTest, EscapesPerRfc8259) {
  std::string out;
  JsonWriter(&out).String(std::string("q\"b\\n\nt\tc\x01 \x7f"));
  EXPECT_EQ(out, "\"q\\\"b\\\\n\\nt\\tc\\u0001 \x7f\"");
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), std::string("q\"b\\n\nt\tc\x01 \x7f"));
}

TEST(JsonWriterTest, InvalidUtf8BecomesReplacementCharacter) {
  std::string out;
  JsonWriter(&out).String("ok \xC3\x28 \xFF end");
  const auto parsed = nlohmann::json::parse(out).get<std::string>();
  EXPECT_EQ(parsed, "ok \xEF\xBF\xBD( \xEF\xBF\xBD end");
}

TEST(JsonWriterTest, KeepsValidUtf8AndEscapesLineSeparators) {
  std::string out;
  JsonWriter(&out).String("T\xC3\xBCrkiye \xE2\x80\x9Cq\xE2\x80\x9D \xE2\x80\xA8");
  EXPECT_EQ(out, "\"T\xC3\xBCrkiye \xE2\x80\x9Cq\xE2\x80\x9D \\u2028\"");
}

}  // namespace
}  // namespace dateline

// --- Escaping and numbers, against the obvious byte-by-byte definitions ---

namespace dateline {
namespace {

// The contract of AppendJsonEscaped, one code point at a time: valid UTF-8 is
// kept (U+2028/U+2029 escaped), each byte of a malformed sequence becomes
// U+FFFD, '"' '\\' and controls are escaped, everything else is copied.
std::string ReferenceEscape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const size_t at = i;
    const char32_t cp = utf8::Next(s, &i);
    char buf[16];  // "\\u" and up to 8 hex digits as far as the compiler can tell
    if (cp == utf8::kInvalid) {
      out += "\xEF\xBF\xBD";
    } else if (cp == '"') {
      out += "\\\"";
    } else if (cp == '\\') {
      out += "\\\\";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\b') {
      out += "\\b";
    } else if (cp == '\f') {
      out += "\\f";
    } else if (cp < 0x20 || cp == 0x2028 || cp == 0x2029) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(s.substr(at, i - at));
    }
  }
  return out;
}

// Every way a string goes out: alone, as a key, as a Field value and key,
// inside an array after another element.
void ExpectEscapedEverywhere(const std::string& s) {
  const std::string e = ReferenceEscape(s);
  std::string out;
  JsonWriter(&out).String(s);
  EXPECT_EQ(out, "\"" + e + "\"") << "String of " << ::testing::PrintToString(s);
  out.clear();
  JsonWriter(&out).BeginObject().Key(s).Int(1).Field(s, s).Field("k", s).Field(s, int64_t{-2}).Key(s).SpanObject(3, 4)
      .SpanMembers(5, INT64_MIN).EndObject();
  EXPECT_EQ(out, "{\"" + e + "\":1,\"" + e + "\":\"" + e + "\",\"k\":\"" + e + "\",\"" + e + "\":-2,\"" + e +
                     "\":{\"start\":3,\"end\":4},\"start\":5,\"end\":-9223372036854775808}")
      << "object of " << ::testing::PrintToString(s);
  out.clear();
  JsonWriter(&out).BeginArray().Null().String(s).String(s).EndArray();
  EXPECT_EQ(out, "[null,\"" + e + "\",\"" + e + "\"]");
  out.clear();
  AppendJsonEscaped(&out, s);
  EXPECT_EQ(out, e);
}

TEST(JsonEscapeTest, EveryByteAloneAndInPlainText) {
  for (int b = 0; b < 256; ++b) {
    const std::string c(1, static_cast<char>(b));
    ExpectEscapedEverywhere(c);
    ExpectEscapedEverywhere("abc" + c + "def");
  }
}

TEST(JsonEscapeTest, EveryControlHasItsEscape) {
  // Short escapes where JSON has them, \u00XX (lower-case hex) otherwise.
  std::string out;
  for (int c = 0; c < 0x20; ++c) AppendJsonEscaped(&out, std::string(1, static_cast<char>(c)));
  EXPECT_EQ(out,
            "\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
            "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d"
            "\\u001e\\u001f");
}

TEST(JsonEscapeTest, MalformedUtf8) {
  const char* cases[] = {
      "\xC0\xAF",          // overlong '/'
      "\xE0\x80\xAF",      // overlong, 3 bytes
      "\xF0\x80\x80\xAF",  // overlong, 4 bytes
      "\xC1\xBF",          // overlong, 2 bytes
      "\xED\xA0\x80",      // UTF-16 surrogate D800
      "\xED\xBF\xBF",      // surrogate DFFF
      "\xF4\x90\x80\x80",  // above U+10FFFF
      "\xF5\x80\x80\x80", "\xF8\x88\x80\x80\x80", "\xFE", "\xFF",
      "\x80", "\xBF\x80",  // lone continuation bytes
      "\xC3", "\xE2\x80", "\xF0\x9F\x98",  // truncated at the end
      "\xC3 x", "\xE2\x80x", "\xF0\x9F\x98x",  // truncated before ASCII
      "\xE2\x80\xE2\x80\xA8",  // a truncated sequence, then U+2028
  };
  for (const char* c : cases) {
    ExpectEscapedEverywhere(c);
    ExpectEscapedEverywhere(std::string("0123456789abcde") + c);  // across a 16-byte boundary
    ExpectEscapedEverywhere(std::string(100, 'a') + c);           // past the one-append path
  }
  std::string out;
  AppendJsonEscaped(&out, "\xED\xA0\x80|\xF0\x9F\x98");
  EXPECT_EQ(out, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(JsonEscapeTest, ValidMultibyteIsKept) {
  const std::string s = "\xC2\xA0 \xC3\xBC \xE2\x80\x94 \xEF\xBF\xBF \xF0\x90\x80\x80 \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF";
  ExpectEscapedEverywhere(s);
  std::string out;
  AppendJsonEscaped(&out, s);
  EXPECT_EQ(out, s);
  out.clear();
  AppendJsonEscaped(&out, "\xE2\x80\xA7\xE2\x80\xA8\xE2\x80\xA9\xE2\x80\xAA");  // U+2027..U+202A
  EXPECT_EQ(out, "\xE2\x80\xA7\\u2028\\u2029\xE2\x80\xAA");
}

TEST(JsonEscapeTest, SpecialByteAtEveryPositionOfLongAsciiRuns) {
  // Runs of every length up to past the one-append limit (96) and several
  // 16-byte blocks, with one byte to escape or keep at each position.
  for (const std::string special : {"\"", "\\", "\n", "\x01", "\x7F", "\xC3\xBC", "\xE2\x80\xA8", "\xFF",
                                    "\xF0\x9F\x98\x80"}) {
    for (size_t len = 0; len <= 130; ++len) {
      std::string base(len, 'x');
      for (size_t i = 0; i < len; ++i) base[i] = static_cast<char>('a' + i % 26);
      ExpectEscapedEverywhere(base);
      for (size_t at = 0; at <= len; at += (len > 40 ? 7 : 1)) {
        ExpectEscapedEverywhere(base.substr(0, at) + special + base.substr(at));
      }
    }
  }
}

TEST(JsonEscapeTest, RandomBytes) {
  std::mt19937 rng(7);
  for (int n = 0; n < 3000; ++n) {
    std::string s(rng() % 200, '\0');
    // Mostly printable ASCII, some controls, high bytes and UTF-8 lead bytes.
    for (char& c : s) {
      const unsigned r = rng() % 10;
      c = static_cast<char>(r < 6 ? 0x20 + rng() % 0x5F : r < 7 ? rng() % 0x20 : 0x80 + rng() % 0x80);
    }
    ExpectEscapedEverywhere(s);
  }
}

TEST(JsonNumberTest, Integers) {
  std::string out;
  JsonWriter(&out).BeginArray().Int(0).Int(-1).Int(INT64_MIN).Int(INT64_MAX).Int(1000000).EndArray();
  EXPECT_EQ(out, "[0,-1,-9223372036854775808,9223372036854775807,1000000]");
  out.clear();
  JsonWriter(&out).BeginObject().Field("a", int64_t{INT64_MIN}).Field("b", int64_t{INT64_MAX}).Field("c", int64_t{0})
      .EndObject();
  EXPECT_EQ(out, "{\"a\":-9223372036854775808,\"b\":9223372036854775807,\"c\":0}");
}

TEST(JsonNumberTest, DoublesShortestRoundTrip) {
  std::string out;
  JsonWriter(&out).BeginArray().Number(0.1).Number(1e21).Number(-0.0).Number(0).Number(1.5).Number(-2.25e-7)
      .Number(123456789012345680.0).EndArray();
  EXPECT_EQ(out, "[0.1,1e+21,-0,0,1.5,-2.25e-07,123456789012345680]");
  out.clear();
  JsonWriter(&out).BeginArray().Number(std::nan("")).Number(HUGE_VAL).Number(-HUGE_VAL).EndArray();
  EXPECT_EQ(out, "[null,null,null]");
  // Extremes and random doubles parse back to themselves.
  std::mt19937_64 rng(11);
  std::vector<double> values = {DBL_MAX, -DBL_MAX, DBL_MIN, 5e-324, 1.0 / 3, 2.0 / 3, 1e15, 1e16, 1e-5};
  for (int i = 0; i < 500; ++i) {
    double d;
    const uint64_t bits = rng();
    std::memcpy(&d, &bits, sizeof d);
    if (std::isfinite(d)) values.push_back(d);
  }
  for (const double d : values) {
    out.clear();
    JsonWriter(&out).Number(d);
    char expected[64];
    const auto [end, ec] = std::to_chars(expected, expected + sizeof expected, d);
    EXPECT_EQ(out, std::string(expected, end));
    EXPECT_EQ(nlohmann::json::parse(out).get<double>(), d) << out;
  }
}

TEST(JsonWriterTest, SeparatorsInEveryPosition) {
  std::string out;
  JsonWriter w(&out);
  w.BeginArray().BeginArray().EndArray().BeginObject().EndObject().BeginArray().Int(1).EndArray();
  w.BeginObject().Key("a").BeginArray().EndArray().Key("b").BeginObject().Key("c").Null().EndObject();
  w.Field("d", "x").Field("e", int64_t{2}).Key("f").Bool(false).EndObject().Number(0.5).String("s");
  w.SpanObject(0, -1).BeginObject().SpanMembers(INT64_MAX, 2).Key("o").BeginObject().SpanMembers(1, 2).EndObject();
  w.SpanMembers(3, 4).Key("p").SpanObject(INT64_MIN, 0).EndObject().SpanObject(5, 6).EndArray();
  EXPECT_EQ(out, R"([[],{},[1],{"a":[],"b":{"c":null},"d":"x","e":2,"f":false},0.5,"s",{"start":0,"end":-1},)"
                 R"({"start":9223372036854775807,"end":2,"o":{"start":1,"end":2},"start":3,"end":4,)"
                 R"("p":{"start":-9223372036854775808,"end":0}},{"start":5,"end":6}])");
  // The output is there after each call, not only at the end.
  out.clear();
  JsonWriter v(&out);
  v.BeginObject().Field("k", "v");
  EXPECT_EQ(out, "{\"k\":\"v\"");
}

// Integers around every digit-count boundary and the 2^32 edge where Int,
// Field and the span writers leave their two-digits-at-a-time path.
std::vector<int64_t> BoundaryIntegers() {
  std::vector<int64_t> v = {0, INT64_MIN, INT64_MAX, 4294967295, 4294967296, -4294967295, -4294967296};
  for (int64_t p = 1;; p *= 10) {  // 10^0 .. 10^18
    for (const int64_t d : {-1, 0, 1}) {
      v.push_back(p + d);
      v.push_back(-(p + d));
    }
    if (p == 1'000'000'000'000'000'000) break;
  }
  std::mt19937_64 rng(5);
  for (int i = 0; i < 300; ++i) {
    v.push_back(static_cast<int64_t>(rng() >> (rng() % 64)));
    v.push_back(static_cast<int64_t>(rng()));
  }
  return v;
}

std::string ToChars(int64_t v) {
  char buf[32];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

TEST(JsonNumberTest, IntegersAtEveryDigitCount) {
  for (const int64_t v : BoundaryIntegers()) {
    std::string out;
    JsonWriter(&out).BeginArray().Int(v).Int(v).EndArray();
    EXPECT_EQ(out, "[" + ToChars(v) + "," + ToChars(v) + "]");
    out.clear();
    const auto w = static_cast<int64_t>(~static_cast<uint64_t>(v));  // another value, of the other sign
    JsonWriter(&out).BeginObject().Field("n", v).SpanMembers(v, w).EndObject();
    EXPECT_EQ(out, "{\"n\":" + ToChars(v) + ",\"start\":" + ToChars(v) + ",\"end\":" + ToChars(w) + "}");
  }
}

TEST(JsonWriterTest, SpanObjectsMatchSpanObjectOneByOne) {
  const std::vector<int64_t> values = BoundaryIntegers();
  // Up to 100 spans: past the writer's 1 KB buffer even with the longest
  // numbers, so that it flushes in the middle of the array.
  for (size_t n : {size_t{0}, size_t{1}, size_t{2}, size_t{16}, size_t{17}, size_t{18}, size_t{40}, size_t{100}}) {
    for (size_t offset = 0; offset + 2 * n <= values.size(); offset += 97) {
      auto bounds = [&](size_t i) { return std::pair(values[offset + 2 * i], values[offset + 2 * i + 1]); };
      std::string expected, actual;
      JsonWriter e(&expected);
      e.BeginObject().Key("s").BeginArray();
      for (size_t i = 0; i < n; ++i) e.SpanObject(bounds(i).first, bounds(i).second);
      e.EndArray().Key("t").Int(1).EndObject();
      JsonWriter a(&actual);
      a.BeginObject().Key("s").BeginArray().SpanObjects(n, bounds).EndArray().Key("t").Int(1).EndObject();
      EXPECT_EQ(actual, expected) << n << " spans from " << offset;
      EXPECT_NO_THROW(nlohmann::json::parse(actual));
    }
  }
  // As later elements of an array: a comma before the first span.
  std::string out;
  JsonWriter(&out).BeginArray().Int(7).SpanObjects(2, [](size_t i) { return std::pair<int64_t, int64_t>(i, i + 1); })
      .EndArray();
  EXPECT_EQ(out, R"([7,{"start":0,"end":1},{"start":1,"end":2}])");
}

TEST(JsonWriterTest, FieldAndSpanObjectsMatchTheCallsTheyStandFor) {
  // Keys and values of 0..110 bytes (past the one-append limit), plain or
  // with a byte to escape, boundary offsets, first or later in an array.
  const std::vector<int64_t> values = BoundaryIntegers();
  std::mt19937_64 rng(13);
  for (int n = 0; n < 4000; ++n) {
    std::string key(rng() % 30, 'k'), value(rng() % 111, 'v');
    if (!key.empty() && rng() % 4 == 0) key[rng() % key.size()] = "\"\\\n\x01\x7f\xc3"[rng() % 6];
    if (!value.empty() && rng() % 4 == 0) value[rng() % value.size()] = "\"\\\n\x01\x7f\xc3"[rng() % 6];
    const int64_t start = values[rng() % values.size()], end = values[rng() % values.size()];
    const bool later = rng() % 2;
    std::string expected, actual;
    JsonWriter e(&expected);
    e.BeginArray();
    if (later) e.Int(1);
    e.BeginObject().Field(key, value).SpanMembers(start, end).EndObject();
    e.BeginObject().SpanMembers(start, end).Field(key, value).EndObject();
    e.Int(2).EndArray();
    JsonWriter a(&actual);
    a.BeginArray();
    if (later) a.Int(1);
    a.FieldSpanObject(key, value, start, end).SpanFieldObject(start, end, key, value).Int(2).EndArray();
    ASSERT_EQ(actual, expected) << key << " " << value;
  }
}

TEST(JsonWriterTest, KeysOnTheInlinePathAndOffIt) {
  // Keys of 0..30 bytes (the inline path takes up to 24) with and without a
  // byte to escape at each position give what String gives for the same text.
  for (size_t n = 0; n <= 30; ++n) {
    for (size_t special = 0; special <= n; ++special) {
      std::string key(n, 'k');
      if (special < n) key[special] = "\"\\\n\x01\x7f\xc3"[special % 6];
      std::string via_key;
      JsonWriter(&via_key).BeginObject().Key("a").Int(1).Key(key).Int(2).EndObject();
      std::string quoted;
      JsonWriter(&quoted).String(key);
      EXPECT_EQ(via_key, "{\"a\":1," + quoted + ":2}") << n << " " << special;
    }
  }
}

TEST(JsonEscapeTest, RunsOfLineBreaksAnywhere) {
  // Paragraph breaks ("\n\n") are escaped in one go: runs of one to five
  // line feeds at every position, next to other escapes, at either end.
  for (size_t run = 1; run <= 5; ++run) {
    for (size_t at = 0; at <= 20; ++at) {
      std::string s = std::string(at, 'a') + std::string(run, '\n') + "\"b\n" + std::string(20 - at, 'c');
      std::string expected = "\"";
      for (const char c : s) {
        if (c == '\n') {
          expected += "\\n";
        } else if (c == '"') {
          expected += "\\\"";
        } else {
          expected += c;
        }
      }
      expected += "\"";
      std::string out;
      JsonWriter(&out).String(s);
      EXPECT_EQ(out, expected) << run << " at " << at;
      out.clear();
      JsonWriter(&out).String(s.substr(0, at + run));  // the run at the very end
      EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), s.substr(0, at + run));
    }
  }
}

// Number writes short decimals (scores, saliences, coordinates) without
// std::to_chars; the bytes must be to_chars's all the same. Values: every
// m / 10^k for small m and k and their neighbours one and two ulps away, the
// edges of the short path's range, and random doubles within and around it.
std::string ToChars(double d) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, end);
}

std::string WrittenNumber(double d) {
  std::string out;
  JsonWriter(&out).Number(d);
  return out;
}

TEST(JsonNumberTest, ShortDecimalsAsToChars) {
  std::vector<double> values = {0.001, 0.0009999999999999998, 0.0010000000000000002, 0.005, 0.0015, 9999.999999999998,
                                10000, 1e4 - 0.5, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 1e-4, 0.00012, 1e15 / 3};
  const double pow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  for (int k = 0; k < 10; ++k) {
    for (int m = 0; m < 12000; m += (m < 1100 ? 1 : 97)) {
      const double d = m / pow10[k];
      values.push_back(d);
      values.push_back(std::nextafter(d, 0.0));
      values.push_back(std::nextafter(d, HUGE_VAL));
      values.push_back(std::nextafter(std::nextafter(d, HUGE_VAL), HUGE_VAL));
    }
  }
  std::mt19937_64 rng(29);
  for (int i = 0; i < 15000; ++i) {
    // Random bits with the exponent of 2^-12 .. 2^15 (around the range
    // [0.001, 10000)), and short decimals of random digits.
    uint64_t bits = rng();
    bits = (bits & 0x800FFFFFFFFFFFFFull) | (uint64_t{1023 - 12 + rng() % 28} << 52);
    double d;
    std::memcpy(&d, &bits, sizeof d);
    values.push_back(d);
    values.push_back(static_cast<double>(rng() % 100000000) / pow10[rng() % 10]);
  }
  size_t checked = 0;
  for (const double base : values) {
    for (const double d : {base, -base}) {
      ASSERT_EQ(WrittenNumber(d), ToChars(d)) << std::hexfloat << d;
      ++checked;
    }
  }
  EXPECT_GT(checked, 150000u);
}

TEST(JsonWriterTest, NullFieldIsKeyThenNull) {
  // Keys short and long, plain and needing escapes, first in an object or not.
  for (size_t n = 0; n <= 30; ++n) {
    for (const char extra : {'k', '"', '\n'}) {
      std::string key(n, 'k');
      if (n > 0) key[n / 2] = extra;
      std::string expected, actual;
      JsonWriter(&expected).BeginObject().Key(key).Null().Key(key).Null().EndObject();
      JsonWriter(&actual).BeginObject().NullField(key).NullField(key).EndObject();
      EXPECT_EQ(actual, expected) << n;
      EXPECT_NO_THROW(nlohmann::json::parse(actual));
    }
  }
}

}  // namespace
}  // namespace dateline
