#include "formats/format.h"

namespace dateline {

std::string UrgencyFromDigit(int digit) {
  if (digit <= 0 || digit > 9) return "";
  if (digit == 1) return "flash";
  if (digit == 2) return "bulletin";
  if (digit == 3) return "urgent";
  if (digit <= 6) return "normal";
  return "deferred";
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace dateline
