// libFuzzer target: the dateline parser on any bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "parse/dateline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const dateline::AgencyTable* table = [] {
    std::string error;
    static auto loaded = dateline::AgencyTable::LoadFile(DATELINE_SOURCE_DIR "/config/agencies.yaml", &error);
    return &*loaded;
  }();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (auto d = dateline::ParseDateline(input, *table)) {
    if (d->date) (void)dateline::ResolveDate(*d->date, 1761724800000);
    (void)dateline::NormalCaseCity(d->location);
  }
  return 0;
}
