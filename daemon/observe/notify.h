// SystemdNotifier: the sd_notify datagram protocol, implemented directly.
//
// systemd (Type=notify) passes NOTIFY_SOCKET, an AF_UNIX datagram socket
// (a path, or an abstract name written with a leading '@'), and for
// WatchdogSec= also WATCHDOG_USEC (and WATCHDOG_PID: the pings count only
// when it names this process). Each Notify() sends one datagram of
// newline-separated KEY=VALUE assignments ("READY=1", "STATUS=...",
// "WATCHDOG=1", "STOPPING=1"). Without NOTIFY_SOCKET every call is a no-op.
//
// Threads: Notify() is safe from any thread (one sendto per call).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::observe {

class SystemdNotifier {
 public:
  // From "NAME=VALUE" entries (the process environment in production).
  static SystemdNotifier FromEnvironment(const std::vector<std::string>& environ, int pid);
  SystemdNotifier() = default;
  ~SystemdNotifier();
  SystemdNotifier(SystemdNotifier&& other) noexcept;
  SystemdNotifier& operator=(SystemdNotifier&& other) noexcept;
  SystemdNotifier(const SystemdNotifier&) = delete;
  SystemdNotifier& operator=(const SystemdNotifier&) = delete;

  bool enabled() const { return fd_ >= 0; }
  // The watchdog interval systemd expects pings within (zero: no watchdog).
  std::chrono::microseconds watchdog_interval() const { return watchdog_; }
  const std::string& socket_name() const { return socket_; }

  // Sends `state` without blocking; false (and *error, when given) if the
  // datagram could not be sent, e.g. while the receiver's queue is full.
  bool Notify(std::string_view state, std::string* error = nullptr) const;

 private:
  int fd_ = -1;
  std::string socket_;
  std::chrono::microseconds watchdog_{0};
};

}  // namespace dateline::observe
