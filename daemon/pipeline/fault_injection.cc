#include "pipeline/fault_injection.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace dateline {

Verdict FaultInjectionStage::Process(Record& record) {
  const std::string_view payload = record.payload;
  if (payload.find("@@dateline-test-throw@@") != std::string_view::npos) {
    throw std::runtime_error("injected fault (test_fault_injection)");
  }
  constexpr std::string_view kSleep = "@@dateline-test-sleep-";
  if (const auto pos = payload.find(kSleep); pos != std::string_view::npos) {
    const std::string_view rest = payload.substr(pos + kSleep.size());
    unsigned ms = 0;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), ms);
    const std::string_view after = rest.substr(static_cast<size_t>(end - rest.data()));
    if (ec == std::errc() && after.substr(0, 2) == "@@") {
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(ms, 60000u)));
    }
  }
  return Verdict::Continue();
}

}  // namespace dateline
