#define XXH_STATIC_LINKING_ONLY  // XXH3_state_t on the stack, no allocation
#include <xxhash.h>

#include <cstdio>

#include "normalize/sentences.h"
#include "normalize/stages.h"
#include "core/utf8.h"

namespace dateline {
namespace {

bool IsWordChar(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  // Non-ASCII letters of the scripts that reach us; punctuation blocks excluded.
  return !(cp >= 0x2000 && cp <= 0x206F) && !(cp >= 0x3000 && cp <= 0x303F) && cp != 0xA0 &&
         !(cp >= 0xA1 && cp <= 0xBF) && cp != 0xD7 && cp != 0xF7 && cp != utf8::kInvalid;
}

}  // namespace

uint32_t CountWords(std::string_view text) {
  uint32_t words = 0;
  bool in_word = false;
  for (size_t pos = 0; pos < text.size();) {
    const char32_t cp = utf8::Next(text, &pos);
    const bool word = IsWordChar(cp) || (in_word && (cp == '\'' || cp == 0x2019 || cp == '-'));
    if (word && !in_word) ++words;
    in_word = word;
  }
  return words;
}

Verdict BodyStage::Process(Record& record) {
  record.paragraphs.clear();
  record.sentences.clear();
  const std::string& t = record.text;
  size_t start = 0;
  while (start < t.size()) {
    size_t end = t.find("\n\n", start);
    if (end == std::string::npos) end = t.size();
    record.paragraphs.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(end)});
    SplitSentences(std::string_view(t).substr(start, end - start), static_cast<uint32_t>(start), &record.sentences);
    start = end + 2;
  }
  record.word_count = CountWords(t);
  if (record.word_count < min_words_) {
    return Verdict::DeadLetter(ErrorCode::kNotAReport, "body has " + std::to_string(record.word_count) +
                                                           " words, fewer than the " + std::to_string(min_words_) +
                                                           " a report needs");
  }
  // Prose has spaces between words; a blob of base64 or hex does not.
  if (t.size() > 200 && record.word_count * 40 < t.size()) {
    return Verdict::DeadLetter(ErrorCode::kNotAReport, "text does not read as prose (average word over 40 bytes)");
  }
  return Verdict::Continue();
}

Verdict IdentifyStage::Process(Record& record) {
  XXH3_state_t state_storage;
  XXH3_INITSTATE(&state_storage);
  XXH3_state_t* state = &state_storage;
  XXH3_128bits_reset(state);
  auto add = [&](std::string_view part) {
    XXH3_128bits_update(state, part.data(), part.size());
    XXH3_128bits_update(state, "\x1f", 1);
  };
  add(record.headline.value_or(""));
  add(record.dateline ? record.dateline->raw : "");
  add(record.text);
  const XXH128_hash_t h = XXH3_128bits_digest(state);
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  record.id.assign(buf, 32);
  return Verdict::Continue();
}

}  // namespace dateline
