// libFuzzer target: Iptc7901Parser must accept any bytes without crashing or hanging.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/iptc7901.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const dateline::Iptc7901Parser parser;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  dateline::Record record;
  if (parser.Sniff(input) >= 0) (void)parser.Parse(input, record);
  return 0;
}
