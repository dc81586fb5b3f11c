#include "core/data_dir.h"

#include <filesystem>
#include <system_error>

namespace dateline {

std::string InstalledDataDir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path beside = (exe.parent_path() / ".." / "share" / "dateline").lexically_normal();
    if (fs::is_directory(beside, ec)) return beside.string();
  }
  return DATELINE_DATA_DIR;
}

}  // namespace dateline
