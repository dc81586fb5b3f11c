#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/record.h"
#include "core/utf8.h"
#include "normalize/stages.h"

namespace dateline {
namespace {

constexpr uint64_t kLimit = 1 << 20;

Verdict Decode(Record& record, uint64_t limit = kLimit) {
  return DecodeStage(limit).Process(record);
}

// ---------------------------------------------------------------------------
// DecodeStage: rejections

TEST(DecodeStageTest, EmptyPayloadIsEmptyInput) {
  Record record = RecordFromBytes("");
  const Verdict v = Decode(record);
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.kind, Verdict::Kind::kDeadLetter);
  EXPECT_EQ(v.code, ErrorCode::kEmptyInput);
  EXPECT_FALSE(v.reason.empty());
}

TEST(DecodeStageTest, WhitespaceOnlyPayloadIsEmptyInput) {
  Record record = RecordFromBytes(" \t\r\n\n \f\v ");
  const Verdict v = Decode(record);
  EXPECT_EQ(v.code, ErrorCode::kEmptyInput);
}

TEST(DecodeStageTest, ByteOrderMarkAloneIsEmptyInput) {
  // A BOM is not content: a BOM followed by nothing or by whitespace is empty.
  Record bom_only = RecordFromBytes("\xEF\xBB\xBF");
  EXPECT_EQ(Decode(bom_only).code, ErrorCode::kEmptyInput);
  Record bom_and_spaces = RecordFromBytes("\xEF\xBB\xBF \r\n\t");
  EXPECT_EQ(Decode(bom_and_spaces).code, ErrorCode::kEmptyInput);
}

TEST(DecodeStageTest, PayloadOverTheLimitIsTooLarge) {
  Record record = RecordFromBytes(std::string(17, 'a'));
  const Verdict v = Decode(record, 16);
  EXPECT_EQ(v.code, ErrorCode::kTooLarge);
  EXPECT_NE(v.reason.find("17"), std::string::npos) << v.reason;
  EXPECT_NE(v.reason.find("16"), std::string::npos) << v.reason;
}

TEST(DecodeStageTest, PayloadAtTheLimitIsAccepted) {
  Record record = RecordFromBytes(std::string(16, 'a'));
  EXPECT_TRUE(Decode(record, 16).ok());
  EXPECT_EQ(record.text, std::string(16, 'a'));
}

TEST(DecodeStageTest, NulByteIsInvalidEncoding) {
  Record record = RecordFromBytes(std::string("KARACHI (APP): text\0with a NUL in it", 36));
  const Verdict v = Decode(record);
  EXPECT_EQ(v.code, ErrorCode::kInvalidEncoding);
  EXPECT_NE(v.reason.find("NUL"), std::string::npos) << v.reason;
}

TEST(DecodeStageTest, NulByteInWindows1252PayloadIsInvalidEncoding) {
  Record record = RecordFromBytes(std::string("caf\xE9\0", 5));
  EXPECT_EQ(Decode(record).code, ErrorCode::kInvalidEncoding);
}

TEST(DecodeStageTest, OnlyInvisibleCharactersIsEmptyInput) {
  // No-break and other Unicode spaces, zero-width characters, BOMs and soft
  // hyphens: nothing would be left after cleaning.
  Record unicode = RecordFromBytes("\xC2\xA0\xE2\x80\x8B \r\n\xEF\xBB\xBF\xE2\x80\x89\xC2\xAD\xE3\x80\x80\xE2\x81\xA0");
  EXPECT_EQ(Decode(unicode).code, ErrorCode::kEmptyInput);
  Record cp1252 = RecordFromBytes("\xA0\xA0 \xAD\r\n");  // NBSP and soft hyphen in Windows-1252
  EXPECT_EQ(Decode(cp1252).code, ErrorCode::kEmptyInput);
  Record word = RecordFromBytes("\xC2\xA0\xE2\x80\x8Bword\xE2\x80\x8B");
  EXPECT_TRUE(Decode(word).ok());
}

TEST(DecodeStageTest, MostlyControlBytesAreInvalidEncoding) {
  std::string payload;
  for (int i = 0; i < 40; ++i) payload += "\x01\x02\x03\x04\x05\x06\x07\x08\x0E\x0F";
  payload += "a few letters";
  Record record = RecordFromBytes(payload);
  const Verdict v = Decode(record);
  EXPECT_EQ(v.code, ErrorCode::kInvalidEncoding);
}

TEST(DecodeStageTest, BinaryBlobWithoutNulIsInvalidEncoding) {
  // Pseudo-random bytes 1..255: not UTF-8, so decoded as Windows-1252, where
  // the control characters give the blob away.
  std::string payload;
  uint32_t x = 12345;
  for (int i = 0; i < 4096; ++i) {
    x = x * 1103515245u + 12345u;
    payload.push_back(static_cast<char>(1 + (x >> 16) % 255));
  }
  Record record = RecordFromBytes(payload);
  EXPECT_EQ(Decode(record).code, ErrorCode::kInvalidEncoding);
}

TEST(DecodeStageTest, AFewControlCharactersInProseAreTolerated) {
  std::string payload = "ISLAMABAD (AP) \xE2\x80\x94 ";
  for (int i = 0; i < 10; ++i) payload += "The talks went on for hours without a result. ";
  payload += "\x07\x1B";  // two stray controls in ~480 characters
  Record record = RecordFromBytes(payload);
  EXPECT_TRUE(Decode(record).ok());
}

TEST(DecodeStageTest, ControlsAreCountedWhereverTheyFallAndLineControlsAreNot) {
  // 200 characters: one in 20 may be a control, one more is too many. Line
  // controls (\t \n \f \r), DEL and C1 controls sit at every offset around
  // the 16-byte blocks the count skips through.
  for (size_t shift = 0; shift < 20; ++shift) {
    for (const int controls : {10, 11}) {
      std::string payload(200, 'a');
      for (size_t i = 1; i < 200; i += 7) payload[i] = "\t\n\f\r "[i % 5];
      for (int j = 0; j < controls; ++j) payload[(shift + 18 * static_cast<size_t>(j)) % 200] = j % 3 ? '\x01' : '\x7F';
      Record record = RecordFromBytes(payload);
      EXPECT_EQ(Decode(record).ok(), controls == 10) << "shift " << shift << ", " << controls << " controls";
    }
  }
}

// ---------------------------------------------------------------------------
// DecodeStage: decoding

TEST(DecodeStageTest, ValidUtf8PassesUnchanged) {
  const std::string payload =
      "ANKARA, T\xC3\xBCrkiye (AA) - \xE2\x80\x9CWe welcome the talks,\xE2\x80\x9D he said.";
  Record record = RecordFromBytes(payload);
  EXPECT_TRUE(Decode(record).ok());
  EXPECT_EQ(record.text, payload);
  EXPECT_FALSE(record.encoding_repaired);
}

TEST(DecodeStageTest, LineEndingsAndTabsAreLeftForCleanText) {
  const std::string payload = "LAHORE:\tText\r\nmore text\f";
  Record record = RecordFromBytes(payload);
  EXPECT_TRUE(Decode(record).ok());
  EXPECT_EQ(record.text, payload);
}

TEST(DecodeStageTest, Windows1252PayloadIsDecodedAndFlagged) {
  Record record = RecordFromBytes(
      "KARACHI (APP): \x93Our caf\xE9 is open,\x94 the owner\x92s son said \x96 twice.");
  EXPECT_TRUE(Decode(record).ok());
  EXPECT_EQ(record.text,
            "KARACHI (APP): \xE2\x80\x9COur caf\xC3\xA9 is open,\xE2\x80\x9D the "
            "owner\xE2\x80\x99s son said \xE2\x80\x93 twice.");
  EXPECT_TRUE(utf8::IsValid(record.text));
  EXPECT_TRUE(record.encoding_repaired);
}

TEST(DecodeStageTest, MojibakeInUtf8PayloadIsRepairedAndFlagged) {
  Record record = RecordFromBytes("Pakistan\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s caf\xC3\x83\xC2\xA9");
  EXPECT_TRUE(Decode(record).ok());
  EXPECT_EQ(record.text, "Pakistan\xE2\x80\x99s caf\xC3\xA9");
  EXPECT_TRUE(record.encoding_repaired);
}

TEST(DecodeStageTest, ByteOrderMarkIsStripped) {
  Record record = RecordFromBytes("\xEF\xBB\xBFISLAMABAD (AP) \xE2\x80\x94 Text.");
  EXPECT_TRUE(Decode(record).ok());
  EXPECT_EQ(record.text, "ISLAMABAD (AP) \xE2\x80\x94 Text.");
  EXPECT_FALSE(record.encoding_repaired);
}

TEST(DecodeStageTest, ByteOrderMarkIsStrippedBeforeWindows1252Decoding) {
  Record record = RecordFromBytes("\xEF\xBB\xBF" "caf\xE9");
  EXPECT_TRUE(Decode(record).ok());
  EXPECT_EQ(record.text, "caf\xC3\xA9");
  EXPECT_TRUE(record.encoding_repaired);
}

TEST(DecodeStageTest, OnlyTheLeadingByteOrderMarkIsStripped) {
  Record record = RecordFromBytes("A\xEF\xBB\xBF" "B");
  EXPECT_TRUE(Decode(record).ok());
  EXPECT_EQ(record.text, "A\xEF\xBB\xBF" "B");  // CleanText drops it later
}

// The stage checks UTF-8 and counts controls in one pass, and counts again
// only when decoding or repair changed the text. Against the plain way (check,
// decode or repair, then count the result) on random mixes of ASCII, controls,
// NUL, stray high bytes, valid characters and mojibake.
TEST(DecodeStageTest, OnePassCheckAndCountAgreesWithSeparatePasses) {
  auto reference = [](std::string_view body, std::string* text, bool* repaired, std::string* reason) {
    if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
    if (utf8::IsValid(body)) {
      text->assign(body);
      *repaired = utf8::RepairMojibake(text);
    } else {
      *text = utf8::FromWindows1252(body);
      *repaired = true;
    }
    size_t controls = 0, chars = 0;
    bool nul = false;
    for (size_t pos = 0; pos < text->size();) {
      const char32_t cp = utf8::Next(*text, &pos);
      ++chars;
      if (cp == 0) nul = true;
      if ((cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t' && cp != '\f') || (cp >= 0x7F && cp < 0xA0) ||
          cp == 0xFFFD) {
        ++controls;
      }
    }
    *reason = nul ? "payload contains NUL bytes: binary data, not text"
                  : "payload is not text: " + std::to_string(controls) + " of " + std::to_string(chars) +
                        " characters are control characters";
    return nul || controls * 20 > chars;  // rejected as binary
  };
  const std::vector<std::string> pieces = {
      "word ", "The minister said. ", "\n", "\t", "\x01", "\x1b", std::string(1, '\0'), "\x7f", "\x85", "\xe9",
      "\xc3", "\xc3\xa9", "\xe2\x80\x9c", "\xc2\x80", "\xc2\x9f", "\xef\xbf\xbd", "\xc3\x83\xc2\xa9",
      "\xc3\xa2\xe2\x82\xac\xe2\x84\xa2", "\xf0\x9f\x98\x80", "\xed\xa0\x80", "abcdefghijklmnop"};
  std::mt19937 rng(3);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1), count(1, 60);
  size_t rejected = 0, repaired_count = 0;
  for (int round = 0; round < 5000; ++round) {
    std::string payload;
    for (size_t i = count(rng); i > 0; --i) {
      // Mostly prose, so that both sides of the 1-in-20 control limit occur.
      payload += rng() % 3 == 0 ? pieces[pick(rng)] : "plain words here ";
    }
    std::string expected_text, expected_reason;
    bool expected_repaired = false;
    const bool expected_binary = reference(payload, &expected_text, &expected_repaired, &expected_reason);
    Record record = RecordFromBytes(payload);
    const Verdict v = Decode(record);
    if (v.code == ErrorCode::kEmptyInput) continue;
    ASSERT_EQ(v.code == ErrorCode::kInvalidEncoding, expected_binary) << v.reason;
    if (expected_binary) {
      ASSERT_EQ(v.reason, expected_reason);
    }
    ASSERT_EQ(record.text, expected_text);
    ASSERT_EQ(record.encoding_repaired, expected_repaired);
    rejected += !v.ok();
    repaired_count += record.encoding_repaired;
  }
  EXPECT_GT(rejected, 25u);  // both outcomes are exercised
  EXPECT_GT(repaired_count, 250u);
}

// ---------------------------------------------------------------------------
// BodyStage

TEST(BodyStageTest, SpansCoverEachParagraph) {
  Record record = RecordFromBytes("");
  record.text = "First paragraph here.\n\nSecond one.\n\nThird.";
  EXPECT_TRUE(BodyStage(1).Process(record).ok());
  ASSERT_EQ(record.paragraphs.size(), 3u);
  const auto para = [&](size_t i) {
    const Span s = record.paragraphs[i];
    return record.text.substr(s.start, s.end - s.start);
  };
  EXPECT_EQ(para(0), "First paragraph here.");
  EXPECT_EQ(para(1), "Second one.");
  EXPECT_EQ(para(2), "Third.");
  EXPECT_EQ(record.paragraphs[0].start, 0u);
  EXPECT_EQ(record.paragraphs[2].end, record.text.size());
  EXPECT_EQ(record.word_count, 6u);
}

TEST(BodyStageTest, SingleParagraphSpansTheWholeText) {
  Record record = RecordFromBytes("");
  record.text = "Only one paragraph, with \xE2\x80\x9Cquotes\xE2\x80\x9D.";
  EXPECT_TRUE(BodyStage(1).Process(record).ok());
  ASSERT_EQ(record.paragraphs.size(), 1u);
  EXPECT_EQ(record.paragraphs[0].start, 0u);
  EXPECT_EQ(record.paragraphs[0].end, record.text.size());
  EXPECT_EQ(record.word_count, 5u);
}

TEST(BodyStageTest, ReprocessingReplacesSpans) {
  Record record = RecordFromBytes("");
  record.text = "One.\n\nTwo.";
  ASSERT_TRUE(BodyStage(0).Process(record).ok());
  record.text = "Only.";
  ASSERT_TRUE(BodyStage(0).Process(record).ok());
  EXPECT_EQ(record.paragraphs.size(), 1u);
  EXPECT_EQ(record.word_count, 1u);
}

TEST(BodyStageTest, FewerThanMinWordsIsNotAReport) {
  Record record = RecordFromBytes("");
  record.text = "Four words only here.";
  const Verdict v = BodyStage(5).Process(record);
  EXPECT_EQ(v.code, ErrorCode::kNotAReport);
  EXPECT_EQ(record.word_count, 4u);
}

TEST(BodyStageTest, ExactlyMinWordsIsAccepted) {
  Record record = RecordFromBytes("");
  record.text = "Five words are right here.";
  EXPECT_TRUE(BodyStage(5).Process(record).ok());
}

TEST(BodyStageTest, EmptyTextHasNoParagraphs) {
  Record record = RecordFromBytes("");
  EXPECT_TRUE(BodyStage(0).Process(record).ok());
  EXPECT_TRUE(record.paragraphs.empty());
  EXPECT_EQ(BodyStage(1).Process(record).code, ErrorCode::kNotAReport);
}

TEST(BodyStageTest, BlobWithoutSpacesIsNotAReport) {
  Record record = RecordFromBytes("");
  for (int i = 0; i < 30; ++i) record.text += "QUJDREVGR0hJ";  // base64, one 360-byte "word"
  const Verdict v = BodyStage(1).Process(record);
  EXPECT_EQ(v.code, ErrorCode::kNotAReport);
}

// ---------------------------------------------------------------------------
// IdentifyStage

Record Identified(const std::string& text, std::optional<std::string> headline = std::nullopt) {
  Record record = RecordFromBytes(text);
  record.text = text;
  record.headline = std::move(headline);
  EXPECT_TRUE(IdentifyStage().Process(record).ok());
  return record;
}

TEST(IdentifyStageTest, IdIs32LowercaseHexDigits) {
  const Record r = Identified("The talks failed.");
  ASSERT_EQ(r.id.size(), 32u);
  for (char c : r.id) {
    EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << r.id;
  }
}

TEST(IdentifyStageTest, SameInputGivesSameId) {
  EXPECT_EQ(Identified("The talks failed.").id, Identified("The talks failed.").id);
  EXPECT_EQ(Identified("Body.", "Headline").id, Identified("Body.", "Headline").id);
}

TEST(IdentifyStageTest, DifferentTextGivesDifferentId) {
  EXPECT_NE(Identified("The talks failed.").id, Identified("The talks failed!").id);
  EXPECT_NE(Identified("The talks failed.").id, Identified("The talks failed. ").id);
}

TEST(IdentifyStageTest, HeadlineAndDatelineArePartOfTheId) {
  EXPECT_NE(Identified("Body.").id, Identified("Body.", "Headline").id);
  // Field boundaries matter: moving text between headline and body changes the id.
  EXPECT_NE(Identified("c", "ab").id, Identified("bc", "a").id);

  Record with_dateline = RecordFromBytes("x");
  with_dateline.text = "Body.";
  with_dateline.dateline = DatelineInfo{};
  with_dateline.dateline->raw = "LAHORE:";
  ASSERT_TRUE(IdentifyStage().Process(with_dateline).ok());
  EXPECT_NE(with_dateline.id, Identified("Body.").id);
}

TEST(IdentifyStageTest, IdDependsOnContentNotOnSource) {
  Record a = RecordFromBytes("raw one", Source{"topic-a", 0, 1, 100, std::nullopt, ""});
  Record b = RecordFromBytes("raw two", Source{"topic-b", 3, 99, 200, "key", ""});
  a.text = b.text = "Same normalized body.";
  ASSERT_TRUE(IdentifyStage().Process(a).ok());
  ASSERT_TRUE(IdentifyStage().Process(b).ok());
  EXPECT_EQ(a.id, b.id);
}

TEST(IdentifyStageTest, ManyDifferentTextsGiveDistinctIds) {
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) ids.insert(Identified("Report number " + std::to_string(i)).id);
  EXPECT_EQ(ids.size(), 1000u);
}

}  // namespace
}  // namespace dateline
