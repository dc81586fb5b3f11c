#include "observe/notify.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstring>

namespace dateline::observe {
namespace {

std::string Lookup(const std::vector<std::string>& environ, std::string_view name) {
  for (const auto& e : environ) {
    if (e.size() > name.size() && e.compare(0, name.size(), name) == 0 && e[name.size()] == '=') {
      return e.substr(name.size() + 1);
    }
  }
  return "";
}

bool ParseUnsigned(const std::string& s, uint64_t* out) {
  if (s.empty() || s.size() > 19) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

SystemdNotifier SystemdNotifier::FromEnvironment(const std::vector<std::string>& environ, int pid) {
  SystemdNotifier n;
  n.socket_ = Lookup(environ, "NOTIFY_SOCKET");
  // Only absolute paths and abstract names are valid addresses.
  if (n.socket_.empty() || (n.socket_[0] != '/' && n.socket_[0] != '@') ||
      n.socket_.size() >= sizeof(sockaddr_un::sun_path)) {
    n.socket_.clear();
    return n;
  }
  n.fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  uint64_t usec = 0, watchdog_pid = 0;
  const std::string pid_text = Lookup(environ, "WATCHDOG_PID");
  const bool for_us = pid_text.empty() || (ParseUnsigned(pid_text, &watchdog_pid) && watchdog_pid == static_cast<uint64_t>(pid));
  if (for_us && ParseUnsigned(Lookup(environ, "WATCHDOG_USEC"), &usec) && usec > 0) {
    n.watchdog_ = std::chrono::microseconds(usec);
  }
  return n;
}

SystemdNotifier::~SystemdNotifier() {
  if (fd_ >= 0) ::close(fd_);
}

SystemdNotifier::SystemdNotifier(SystemdNotifier&& other) noexcept
    : fd_(other.fd_), socket_(std::move(other.socket_)), watchdog_(other.watchdog_) {
  other.fd_ = -1;
}

SystemdNotifier& SystemdNotifier::operator=(SystemdNotifier&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    socket_ = std::move(other.socket_);
    watchdog_ = other.watchdog_;
    other.fd_ = -1;
  }
  return *this;
}

bool SystemdNotifier::Notify(std::string_view state, std::string* error) const {
  if (fd_ < 0) return false;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, socket_.data(), socket_.size());
  if (socket_[0] == '@') addr.sun_path[0] = '\0';  // abstract namespace: not NUL-terminated
  const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socket_.size() + (socket_[0] == '@' ? 0 : 1));
  ssize_t n;
  do {
    // Never block the caller (the main loop): a full receive queue is an error to retry later.
    n = ::sendto(fd_, state.data(), state.size(), MSG_NOSIGNAL | MSG_DONTWAIT, reinterpret_cast<const sockaddr*>(&addr),
                 len);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    if (error) *error = std::string("notify ") + socket_ + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace dateline::observe
