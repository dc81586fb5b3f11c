// Test support: run the dateline binary (or any program) as a child process.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace dateline::test_support {

struct RunResult {
  int exit_code = -1;  // exit status, or 128 + signal number
  std::string out;
  std::string err;
};

// Runs `argv` to completion, feeding `input` on stdin; `env` entries
// ("NAME=VALUE") are added to the inherited environment.
RunResult RunCommand(const std::vector<std::string>& argv, const std::string& input = "",
              const std::vector<std::string>& env = {});

// A child left running in the background; stdout and stderr go to `log_path`.
// The destructor kills (SIGKILL) and reaps it if it is still running.
class Child {
 public:
  Child(const std::vector<std::string>& argv, const std::string& log_path, const std::vector<std::string>& env = {});
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  void Signal(int signo);
  // Waits up to `timeout_ms`; returns the exit code (128 + signal if killed) or -1 on timeout.
  int Wait(int timeout_ms);
  bool Running();

 private:
  pid_t pid_ = -1;
  int status_ = -1;
};

// Reads a whole file ("" if absent).
std::string ReadFile(const std::string& path);

}  // namespace dateline::test_support
