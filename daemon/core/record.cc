#include "core/record.h"

namespace dateline {
namespace {

class StringOwner final : public PayloadOwner {
 public:
  explicit StringOwner(std::string bytes) : bytes_(std::move(bytes)) {}
  std::string_view view() const { return bytes_; }

 private:
  std::string bytes_;
};

}  // namespace

Record RecordFromBytes(std::string bytes, Source source) {
  auto owner = std::make_unique<StringOwner>(std::move(bytes));
  Record record;
  record.payload = owner->view();
  record.payload_owner = std::move(owner);
  record.source = std::move(source);
  return record;
}

}  // namespace dateline
