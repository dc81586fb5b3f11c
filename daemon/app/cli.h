// The `dateline` command line: run, process, check-config, version.
#pragma once

namespace dateline {

// Parses the command line and runs the subcommand; returns the exit code.
int Main(int argc, char** argv);

}  // namespace dateline
