// Where the installed reference data (agencies.yaml, places.yaml, cities.pbf,
// schemas) lives.
#pragma once

#include <string>

namespace dateline {

// <folder of the running binary>/../share/dateline when it exists (an install
// under any prefix, relocated or not, e.g. a container image), else the
// folder configured at build time (DATELINE_DATA_DIR).
std::string InstalledDataDir();

}  // namespace dateline
