#include "core/utf8.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>

namespace dateline {
namespace {

using utf8::kInvalid;

// ---------------------------------------------------------------------------
// IsValid

TEST(Utf8IsValidTest, AcceptsAsciiAndEmpty) {
  EXPECT_TRUE(utf8::IsValid(""));
  EXPECT_TRUE(utf8::IsValid("ISLAMABAD (AP) - plain ASCII"));
}

TEST(Utf8IsValidTest, AcceptsWellFormedMultiByteSequences) {
  EXPECT_TRUE(utf8::IsValid("caf\xC3\xA9"));                 // é, 2 bytes
  EXPECT_TRUE(utf8::IsValid("\xE2\x80\x94"));                // —, 3 bytes
  EXPECT_TRUE(utf8::IsValid("\xF0\x9F\x98\x80"));            // U+1F600, 4 bytes
  EXPECT_TRUE(utf8::IsValid("\xC2\x80"));                    // U+0080, smallest 2-byte
  EXPECT_TRUE(utf8::IsValid("\xE0\xA0\x80"));                // U+0800, smallest 3-byte
  EXPECT_TRUE(utf8::IsValid("\xF0\x90\x80\x80"));            // U+10000, smallest 4-byte
  EXPECT_TRUE(utf8::IsValid("\xF4\x8F\xBF\xBF"));            // U+10FFFF, largest
  EXPECT_TRUE(utf8::IsValid("\xED\x9F\xBF"));                // U+D7FF, just below surrogates
  EXPECT_TRUE(utf8::IsValid("\xEE\x80\x80"));                // U+E000, just above surrogates
  EXPECT_TRUE(utf8::IsValid("\xD8\xA7\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85"));  // Arabic script
}

TEST(Utf8IsValidTest, RejectsOverlongEncodings) {
  EXPECT_FALSE(utf8::IsValid("\xC0\xAF"));          // '/' in 2 bytes
  EXPECT_FALSE(utf8::IsValid("\xC1\xBF"));          // U+007F in 2 bytes
  EXPECT_FALSE(utf8::IsValid("\xE0\x80\xAF"));      // '/' in 3 bytes
  EXPECT_FALSE(utf8::IsValid("\xE0\x9F\xBF"));      // U+07FF in 3 bytes
  EXPECT_FALSE(utf8::IsValid("\xF0\x80\x80\xAF"));  // '/' in 4 bytes
  EXPECT_FALSE(utf8::IsValid("\xF0\x8F\xBF\xBF"));  // U+FFFF in 4 bytes
  EXPECT_FALSE(utf8::IsValid(std::string_view("\xC0\x80", 2)));  // "modified UTF-8" NUL
}

TEST(Utf8IsValidTest, RejectsSurrogates) {
  EXPECT_FALSE(utf8::IsValid("\xED\xA0\x80"));  // U+D800
  EXPECT_FALSE(utf8::IsValid("\xED\xBF\xBF"));  // U+DFFF
  EXPECT_FALSE(utf8::IsValid("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 surrogate pair
}

TEST(Utf8IsValidTest, RejectsCodePointsAboveUnicodeRange) {
  EXPECT_FALSE(utf8::IsValid("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(utf8::IsValid("\xF5\x80\x80\x80"));
  EXPECT_FALSE(utf8::IsValid("\xF8\x88\x80\x80\x80"));  // old 5-byte form
  EXPECT_FALSE(utf8::IsValid("\xFF"));
  EXPECT_FALSE(utf8::IsValid("\xFE"));
}

TEST(Utf8IsValidTest, RejectsTruncatedSequences) {
  EXPECT_FALSE(utf8::IsValid("\xC3"));                  // 2-byte lead at end
  EXPECT_FALSE(utf8::IsValid("caf\xC3"));
  EXPECT_FALSE(utf8::IsValid("\xE2\x80"));              // 3-byte, one missing
  EXPECT_FALSE(utf8::IsValid("\xF0\x9F\x98"));          // 4-byte, one missing
  EXPECT_FALSE(utf8::IsValid("\xE2\x80 dash"));         // continuation replaced by ASCII
  EXPECT_FALSE(utf8::IsValid("\xC3\xC3\xA9"));          // lead followed by a lead
}

TEST(Utf8IsValidTest, RejectsStrayContinuationAndWindows1252Bytes) {
  EXPECT_FALSE(utf8::IsValid("\x80"));
  EXPECT_FALSE(utf8::IsValid("a\xBF" "b"));
  EXPECT_FALSE(utf8::IsValid("caf\xE9"));                // é in Windows-1252
  EXPECT_FALSE(utf8::IsValid("\x93quoted\x94"));         // “ ” in Windows-1252
}

// ---------------------------------------------------------------------------
// Next

TEST(Utf8NextTest, DecodesEachLengthAndAdvances) {
  const std::string s = "a\xC3\xA9\xE2\x80\x94\xF0\x9F\x98\x80";
  size_t pos = 0;
  EXPECT_EQ(utf8::Next(s, &pos), U'a');
  EXPECT_EQ(pos, 1u);
  EXPECT_EQ(utf8::Next(s, &pos), U'\u00E9');
  EXPECT_EQ(pos, 3u);
  EXPECT_EQ(utf8::Next(s, &pos), U'\u2014');
  EXPECT_EQ(pos, 6u);
  EXPECT_EQ(utf8::Next(s, &pos), U'\U0001F600');
  EXPECT_EQ(pos, 10u);
  EXPECT_EQ(pos, s.size());
}

TEST(Utf8NextTest, DecodesNul) {
  const std::string s("\0x", 2);
  size_t pos = 0;
  EXPECT_EQ(utf8::Next(s, &pos), U'\0');
  EXPECT_EQ(pos, 1u);
}

TEST(Utf8NextTest, MalformedSequenceReturnsInvalidAndAdvancesOneByte) {
  {
    const std::string s = "\xE2\x80x";  // truncated by an ASCII byte
    size_t pos = 0;
    EXPECT_EQ(utf8::Next(s, &pos), kInvalid);
    EXPECT_EQ(pos, 1u);
    EXPECT_EQ(utf8::Next(s, &pos), kInvalid);  // lone continuation byte
    EXPECT_EQ(pos, 2u);
    EXPECT_EQ(utf8::Next(s, &pos), U'x');
    EXPECT_EQ(pos, 3u);
  }
  {
    const std::string s = "\xC0\xAF";  // overlong
    size_t pos = 0;
    EXPECT_EQ(utf8::Next(s, &pos), kInvalid);
    EXPECT_EQ(pos, 1u);
  }
  {
    const std::string s = "\xED\xA0\x80";  // surrogate
    size_t pos = 0;
    EXPECT_EQ(utf8::Next(s, &pos), kInvalid);
    EXPECT_EQ(pos, 1u);
  }
  {
    const std::string s = "\xF0\x9F\x98";  // truncated at the end of the input
    size_t pos = 0;
    EXPECT_EQ(utf8::Next(s, &pos), kInvalid);
    EXPECT_EQ(pos, 1u);
  }
}

// Next against the definition of UTF-8 on every sequence of one to three
// bytes (each also cut short by the end of the text), and on four-byte leads
// with every second byte: the value, and how far it advances (one byte on
// anything malformed).
TEST(Utf8NextTest, MatchesTheDefinitionOnEveryShortSequence) {
  // The definition: lead byte ranges and second-byte limits of RFC 3629.
  auto reference = [](std::string_view s, size_t* pos) -> char32_t {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[*pos + k]); };
    const unsigned b0 = byte(0);
    size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (b0 < 0x80) {
      ++*pos;
      return b0;
    } else if (b0 >= 0xC2 && b0 <= 0xDF) {
      len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      len = 3;
      if (b0 == 0xE0) lo = 0xA0;
      if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      len = 4;
      if (b0 == 0xF0) lo = 0x90;
      if (b0 == 0xF4) hi = 0x8F;
    }
    bool ok = len != 0 && *pos + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) {
      ok = byte(k) >= (k == 1 ? lo : 0x80) && byte(k) <= (k == 1 ? hi : 0xBF);
    }
    if (!ok) {
      ++*pos;
      return utf8::kInvalid;
    }
    char32_t cp = b0 & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (byte(k) & 0x3F);
    *pos += len;
    return cp;
  };
  auto check = [&](const std::string& s) {
    for (size_t start = 0; start < s.size(); ++start) {
      size_t a = start, b = start;
      const char32_t got = utf8::Next(s, &a);
      const char32_t want = reference(s, &b);
      if (got != want || a != b) {
        ADD_FAILURE() << "at " << start << " of " << testing::PrintToString(s);
        return false;
      }
    }
    return true;
  };
  for (unsigned b0 = 0x80; b0 < 0x100; ++b0) {
    for (unsigned b1 = 0; b1 < 0x100; ++b1) {
      const std::string two = {static_cast<char>(b0), static_cast<char>(b1)};
      ASSERT_TRUE(check(two));
      ASSERT_TRUE(check(std::string(1, static_cast<char>(b0))));
      if (b0 >= 0xE0) {
        for (unsigned b2 = 0; b2 < 0x100; ++b2) {
          // Three bytes, then the same followed by a fourth continuation byte.
          ASSERT_TRUE(check(two + static_cast<char>(b2) + "\x80"));
        }
      }
    }
  }
}

TEST(Utf8NextTest, MidStringPosition) {
  const std::string s = "x\xC3\xBCy";  // xüy
  size_t pos = 1;
  EXPECT_EQ(utf8::Next(s, &pos), U'\u00FC');
  EXPECT_EQ(pos, 3u);
}

// ---------------------------------------------------------------------------
// Append

TEST(Utf8AppendTest, EncodesEachLength) {
  std::string out;
  utf8::Append(&out, U'A');
  EXPECT_EQ(out, "A");
  out.clear();
  utf8::Append(&out, U'\u00E9');
  EXPECT_EQ(out, "\xC3\xA9");
  out.clear();
  utf8::Append(&out, U'\u2019');
  EXPECT_EQ(out, "\xE2\x80\x99");
  out.clear();
  utf8::Append(&out, U'\U0001F600');
  EXPECT_EQ(out, "\xF0\x9F\x98\x80");
}

TEST(Utf8AppendTest, EncodesBoundaries) {
  const struct {
    char32_t cp;
    std::string_view bytes;
  } kCases[] = {
      {0x00, std::string_view("\0", 1)},
      {0x7F, "\x7F"},
      {0x80, "\xC2\x80"},
      {0x7FF, "\xDF\xBF"},
      {0x800, "\xE0\xA0\x80"},
      {0xFFFF, "\xEF\xBF\xBF"},
      {0x10000, "\xF0\x90\x80\x80"},
      {0x10FFFF, "\xF4\x8F\xBF\xBF"},
  };
  for (const auto& c : kCases) {
    std::string out;
    utf8::Append(&out, c.cp);
    EXPECT_EQ(out, c.bytes) << "U+" << std::hex << static_cast<uint32_t>(c.cp);
  }
}

TEST(Utf8AppendTest, AppendsToExistingText) {
  std::string out = "caf";
  utf8::Append(&out, U'\u00E9');
  EXPECT_EQ(out, "caf\xC3\xA9");
}

TEST(Utf8AppendTest, RoundTripsThroughNext) {
  const char32_t kCodePoints[] = {0x1, 0x41, 0x7F, 0x80, 0xFF, 0x100, 0x7FF, 0x800, 0x2014,
                                  0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
  for (char32_t cp : kCodePoints) {
    std::string s;
    utf8::Append(&s, cp);
    ASSERT_TRUE(utf8::IsValid(s)) << std::hex << static_cast<uint32_t>(cp);
    size_t pos = 0;
    EXPECT_EQ(utf8::Next(s, &pos), cp);
    EXPECT_EQ(pos, s.size());
  }
}

// ---------------------------------------------------------------------------
// FromWindows1252 / ToWindows1252

TEST(Utf8FromWindows1252Test, AsciiUnchanged) {
  EXPECT_EQ(utf8::FromWindows1252("KARACHI (APP): plain"), "KARACHI (APP): plain");
  EXPECT_EQ(utf8::FromWindows1252(""), "");
}

TEST(Utf8FromWindows1252Test, Latin1RangeMapsToSameCodePoint) {
  EXPECT_EQ(utf8::FromWindows1252("caf\xE9"), "caf\xC3\xA9");       // é
  EXPECT_EQ(utf8::FromWindows1252("T\xFCrkiye"), "T\xC3\xBCrkiye");  // ü
  EXPECT_EQ(utf8::FromWindows1252("\xA0"), "\xC2\xA0");             // NBSP
  EXPECT_EQ(utf8::FromWindows1252("\xFF"), "\xC3\xBF");             // ÿ
}

TEST(Utf8FromWindows1252Test, MapsHighControlRangeToTypography) {
  EXPECT_EQ(utf8::FromWindows1252("\x80"), "\xE2\x82\xAC");  // €
  EXPECT_EQ(utf8::FromWindows1252("\x85"), "\xE2\x80\xA6");  // …
  EXPECT_EQ(utf8::FromWindows1252("\x8A"), "\xC5\xA0");      // Š
  EXPECT_EQ(utf8::FromWindows1252("\x91"), "\xE2\x80\x98");  // ‘
  EXPECT_EQ(utf8::FromWindows1252("\x92"), "\xE2\x80\x99");  // ’
  EXPECT_EQ(utf8::FromWindows1252("\x93"), "\xE2\x80\x9C");  // “
  EXPECT_EQ(utf8::FromWindows1252("\x94"), "\xE2\x80\x9D");  // ”
  EXPECT_EQ(utf8::FromWindows1252("\x96"), "\xE2\x80\x93");  // –
  EXPECT_EQ(utf8::FromWindows1252("\x97"), "\xE2\x80\x94");  // —
  EXPECT_EQ(utf8::FromWindows1252("\x99"), "\xE2\x84\xA2");  // ™
  EXPECT_EQ(utf8::FromWindows1252("\x9F"), "\xC5\xB8");      // Ÿ
}

TEST(Utf8FromWindows1252Test, UndefinedBytesBecomeC1Controls) {
  for (unsigned char b : {0x81, 0x8D, 0x8F, 0x90, 0x9D}) {
    std::string expected;
    utf8::Append(&expected, b);
    EXPECT_EQ(utf8::FromWindows1252(std::string(1, static_cast<char>(b))), expected)
        << std::hex << static_cast<int>(b);
  }
}

TEST(Utf8FromWindows1252Test, EveryByteGivesValidUtf8) {
  std::string all;
  for (int b = 1; b < 256; ++b) all.push_back(static_cast<char>(b));
  const std::string out = utf8::FromWindows1252(all);
  EXPECT_TRUE(utf8::IsValid(out));
  EXPECT_EQ(utf8::CountCodepoints(out), 255u);
}

TEST(Utf8FromWindows1252Test, DecodesAWholeSentence) {
  EXPECT_EQ(utf8::FromWindows1252("\x93We will not back down,\x94 the minister\x92s aide said \x96 "
                                  "in Peshawar."),
            "\xE2\x80\x9CWe will not back down,\xE2\x80\x9D the minister\xE2\x80\x99s aide said "
            "\xE2\x80\x93 in Peshawar.");
}

TEST(Utf8ToWindows1252Test, InvertsFromWindows1252ForEveryByte) {
  for (int b = 0; b < 256; ++b) {
    const std::string decoded = utf8::FromWindows1252(std::string(1, static_cast<char>(b)));
    size_t pos = 0;
    const char32_t cp = utf8::Next(decoded, &pos);
    EXPECT_EQ(utf8::ToWindows1252(cp), b) << "byte " << b;
  }
}

TEST(Utf8ToWindows1252Test, NoByteForOtherCodePoints) {
  EXPECT_EQ(utf8::ToWindows1252(U'\u0100'), -1);  // Ā
  EXPECT_EQ(utf8::ToWindows1252(U'\u0627'), -1);  // Arabic alef
  EXPECT_EQ(utf8::ToWindows1252(U'\u2015'), -1);  // horizontal bar
  EXPECT_EQ(utf8::ToWindows1252(U'\U0001F600'), -1);
  EXPECT_EQ(utf8::ToWindows1252(kInvalid), -1);
}

// ---------------------------------------------------------------------------
// RepairMojibake

TEST(Utf8RepairMojibakeTest, RepairsTwoByteLetter) {
  std::string s = "caf\xC3\x83\xC2\xA9";  // "cafÃ©"
  EXPECT_TRUE(utf8::RepairMojibake(&s));
  EXPECT_EQ(s, "caf\xC3\xA9");  // café
}

TEST(Utf8RepairMojibakeTest, RepairsThreeBytePunctuation) {
  std::string s = "Pakistan\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s";  // "Pakistanâ€™s"
  EXPECT_TRUE(utf8::RepairMojibake(&s));
  EXPECT_EQ(s, "Pakistan\xE2\x80\x99s");  // Pakistan’s
}

TEST(Utf8RepairMojibakeTest, RepairsFourByteEmoji) {
  // U+1F600 is F0 9F 98 80: "ð" "Ÿ" "˜" "€" once misdecoded.
  std::string s = "smile \xC3\xB0\xC5\xB8\xCB\x9C\xE2\x82\xAC";
  EXPECT_TRUE(utf8::RepairMojibake(&s));
  EXPECT_EQ(s, "smile \xF0\x9F\x98\x80");
}

TEST(Utf8RepairMojibakeTest, RepairsUndefinedByteKeptAsC1Control) {
  // ” is E2 80 9D; 0x9D has no Windows-1252 character and survives as U+009D.
  std::string s = "\xC3\xA2\xE2\x82\xAC\xC2\x9D";
  EXPECT_TRUE(utf8::RepairMojibake(&s));
  EXPECT_EQ(s, "\xE2\x80\x9D");
}

TEST(Utf8RepairMojibakeTest, RepairsEveryRunInMixedText) {
  // “Ã©tÃ©” at the cafÃ©, Pakistanâ€™s — quote marks, ASCII and a legit
  // word between the runs.
  std::string s =
      "\xC3\xA2\xE2\x82\xAC\xC5\x93" "\xC3\x83\xC2\xA9t\xC3\x83\xC2\xA9"
      "\xC3\xA2\xE2\x82\xAC\xC2\x9D at the caf\xC3\x83\xC2\xA9, "
      "Pakistan\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s";
  EXPECT_TRUE(utf8::RepairMojibake(&s));
  EXPECT_EQ(s,
            "\xE2\x80\x9C\xC3\xA9t\xC3\xA9\xE2\x80\x9D at the caf\xC3\xA9, Pakistan\xE2\x80\x99s");
}

TEST(Utf8RepairMojibakeTest, RepairsAdjacentMojibakeSequencesInOneRun) {
  // "â€œÃ©" is one run of non-ASCII characters holding two sequences: “é.
  std::string s = "\xC3\xA2\xE2\x82\xAC\xC5\x93\xC3\x83\xC2\xA9";
  EXPECT_TRUE(utf8::RepairMojibake(&s));
  EXPECT_EQ(s, "\xE2\x80\x9C\xC3\xA9");
}

TEST(Utf8RepairMojibakeTest, RepairsMojibakeNextToLegitimateCharacters) {
  // A run that mixes mojibake with characters that were right all along: a
  // typographic quote typed around a misdecoded name, an NBSP after it.
  std::string s =
      "\xE2\x80\x9C" "Caf\xC3\x83\xC2\xA9\xE2\x80\x9D and caf\xC3\x83\xC2\xA9\xC2\xA0" "du";
  EXPECT_TRUE(utf8::RepairMojibake(&s));
  EXPECT_EQ(s, "\xE2\x80\x9C" "Caf\xC3\xA9\xE2\x80\x9D and caf\xC3\xA9\xC2\xA0" "du");
}

TEST(Utf8RepairMojibakeTest, LeavesLegitimateTextAlone) {
  const std::string kLegit[] = {
      "T\xC3\xBCrkiye",                                  // Türkiye
      "caf\xC3\xA9 \xE2\x80\x99quote\xE2\x80\x99",       // café ’quote’
      "\xE2\x80\x9CWe will,\xE2\x80\x9D he said \xE2\x80\x94 twice.",
      "na\xC3\xAFve S\xC3\xA3o Paulo Z\xC3\xBCrich",    // naïve São Paulo Zürich
      "\xC3\xA9\xE2\x80\x99",                            // é’: bytes E9 92 are not UTF-8
      "\xD8\xA7\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xD8\xA2\xD8\xA8\xD8\xA7\xD8\xAF",  // Arabic
      "plain ASCII only",
      "",
      "\xE2\x82\xAC" "5 and 10\xC2\xB0" "C",                    // €5 and 10°C
  };
  for (const auto& legit : kLegit) {
    std::string s = legit;
    EXPECT_FALSE(utf8::RepairMojibake(&s)) << legit;
    EXPECT_EQ(s, legit);
  }
}

TEST(Utf8RepairMojibakeTest, LeavesLoneLeadCharacterAlone) {
  // "Ã" alone (a legit capital in SÃO PAULO) is not a sequence.
  std::string s = "S\xC3\x83O PAULO";
  EXPECT_FALSE(utf8::RepairMojibake(&s));
  EXPECT_EQ(s, "S\xC3\x83O PAULO");
}

TEST(Utf8RepairMojibakeTest, SkipsMalformedBytesWithoutCrashing) {
  std::string s = "bad \xFF byte then caf\xC3\x83\xC2\xA9";
  EXPECT_TRUE(utf8::RepairMojibake(&s));
  EXPECT_EQ(s, "bad \xFF byte then caf\xC3\xA9");
}

TEST(Utf8RepairMojibakeTest, RepairIsIdempotent) {
  std::string s = "Pakistan\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s caf\xC3\x83\xC2\xA9";
  ASSERT_TRUE(utf8::RepairMojibake(&s));
  const std::string once = s;
  EXPECT_FALSE(utf8::RepairMojibake(&s));
  EXPECT_EQ(s, once);
}

// ---------------------------------------------------------------------------
// CountCodepoints

TEST(Utf8CountCodepointsTest, CountsCharactersNotBytes) {
  EXPECT_EQ(utf8::CountCodepoints(""), 0u);
  EXPECT_EQ(utf8::CountCodepoints("abc"), 3u);
  EXPECT_EQ(utf8::CountCodepoints("caf\xC3\xA9"), 4u);
  EXPECT_EQ(utf8::CountCodepoints("\xE2\x80\x94\xF0\x9F\x98\x80"), 2u);
}

// ---------------------------------------------------------------------------
// Fast scans: each must agree with the plain byte-by-byte definition at every
// start position, whatever the length (vector blocks, tails, boundaries).

// Random text mostly of printable ASCII with spaces, some controls and
// multi-byte characters, so every scan finds something now and then.
std::string RandomText(std::mt19937& rng, size_t size) {
  static const char* const kPieces[] = {"a", "Z", " ", "  ", ".", "!", "?", "\n", "\t", "\x7F", "\x01",
                                        "\"", "\\", "\xC3\xA9", "\xE2\x80\x94", "\xF0\x9F\x98\x80", "\x80"};
  std::string s;
  std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
  std::uniform_int_distribution<int> plain(0, 9);
  while (s.size() < size) s += plain(rng) < 7 ? std::string("word") : std::string(kPieces[pick(rng)]);
  s.resize(size);
  return s;
}

template <typename Fast, typename Slow>
void ExpectSameScan(Fast fast, Slow slow) {
  std::mt19937 rng(42);
  for (size_t size = 0; size < 80; ++size) {
    for (int round = 0; round < 20; ++round) {
      const std::string s = RandomText(rng, size);
      for (size_t pos = 0; pos <= s.size(); ++pos) {
        ASSERT_EQ(fast(s, pos), slow(s, pos)) << "size " << size << " pos " << pos;
      }
    }
  }
}

TEST(Utf8ScanTest, SkipAsciiStopsAtFirstNonAsciiByte) {
  ExpectSameScan([](std::string_view s, size_t pos) { return utf8::SkipAscii(s, pos); },
                 [](std::string_view s, size_t pos) {
                   while (pos < s.size() && static_cast<unsigned char>(s[pos]) < 0x80) ++pos;
                   return pos;
                 });
  EXPECT_EQ(utf8::SkipAscii(std::string(40, 'a') + "\xC3\xA9", 0), 40u);
}

TEST(Utf8ScanTest, SkipPrintableAsciiStopsAtControlsDelAndNonAscii) {
  ExpectSameScan([](std::string_view s, size_t pos) { return utf8::SkipPrintableAscii(s, pos); },
                 [](std::string_view s, size_t pos) {
                   while (pos < s.size() && static_cast<unsigned char>(s[pos]) >= 0x20 &&
                          static_cast<unsigned char>(s[pos]) < 0x7F) {
                     ++pos;
                   }
                   return pos;
                 });
  EXPECT_EQ(utf8::SkipPrintableAscii(std::string(33, ' ') + "\x7F", 0), 33u);
  EXPECT_EQ(utf8::SkipPrintableAscii(std::string(17, '~') + "\n", 0), 17u);
}

TEST(Utf8ScanTest, FindAnyOfFindsTheFirstOfThreeBytes) {
  ExpectSameScan([](std::string_view s, size_t pos) { return utf8::FindAnyOf(s, pos, '.', '!', '?'); },
                 [](std::string_view s, size_t pos) {
                   while (pos < s.size() && s[pos] != '.' && s[pos] != '!' && s[pos] != '?') ++pos;
                   return pos;
                 });
}

TEST(Utf8ScanTest, FindDoubleSpaceFindsTwoSpacesInARow) {
  ExpectSameScan([](std::string_view s, size_t pos) { return utf8::FindDoubleSpace(s, pos); },
                 [](std::string_view s, size_t pos) {
                   for (; pos + 1 < s.size(); ++pos) {
                     if (s[pos] == ' ' && s[pos + 1] == ' ') return pos;
                   }
                   return s.size();
                 });
  EXPECT_EQ(utf8::FindDoubleSpace(std::string(16, 'a') + "  ", 0), 16u);  // across a block boundary
  EXPECT_EQ(utf8::FindDoubleSpace(std::string(15, 'a') + " ", 0), 16u);   // a lone trailing space
}

TEST(Utf8ScanTest, CountCodepointsAgreesWithByteCountOnLongText) {
  std::mt19937 rng(7);
  for (size_t size : {0u, 15u, 16u, 17u, 255u * 16u, 255u * 16u + 1u, 10000u}) {
    const std::string s = RandomText(rng, size);
    size_t expected = 0;
    for (char c : s) expected += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    EXPECT_EQ(utf8::CountCodepoints(s), expected) << size;
  }
}

}  // namespace
}  // namespace dateline
