#include "observe/notify.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstddef>
#include <cstring>
#include <string>

namespace dateline::observe {
namespace {

// A stand-in for systemd's notify socket: an AF_UNIX datagram socket.
class FakeSystemd {
 public:
  // `name`: a path, or "@name" for the abstract namespace.
  explicit FakeSystemd(const std::string& name) : name_(name) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, name.data(), name.size());
    socklen_t len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size());
    if (name[0] == '@') {
      addr.sun_path[0] = '\0';
    } else {
      ::unlink(name.c_str());
      ++len;
    }
    bound_ = ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) == 0;
  }
  ~FakeSystemd() {
    ::close(fd_);
    if (name_[0] == '/') ::unlink(name_.c_str());
  }
  bool bound() const { return bound_; }
  std::string Receive() {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 2000) <= 0) return "(nothing)";
    char buf[4096];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    return n < 0 ? "(error)" : std::string(buf, static_cast<size_t>(n));
  }

 private:
  std::string name_;
  int fd_ = -1;
  bool bound_ = false;
};

TEST(Notify, DisabledWithoutNotifySocket) {
  const SystemdNotifier n = SystemdNotifier::FromEnvironment({"HOME=/root", "WATCHDOG_USEC=1000"}, 1);
  EXPECT_FALSE(n.enabled());
  EXPECT_FALSE(n.Notify("READY=1"));
}

TEST(Notify, RelativeSocketPathIsIgnored) {
  EXPECT_FALSE(SystemdNotifier::FromEnvironment({"NOTIFY_SOCKET=relative/sock"}, 1).enabled());
}

TEST(Notify, SendsDatagramsToAPathSocket) {
  const std::string path = ::testing::TempDir() + "/notify-" + std::to_string(getpid());
  FakeSystemd systemd(path);
  ASSERT_TRUE(systemd.bound());
  const SystemdNotifier n = SystemdNotifier::FromEnvironment({"NOTIFY_SOCKET=" + path}, getpid());
  ASSERT_TRUE(n.enabled());
  EXPECT_EQ(n.watchdog_interval().count(), 0);
  std::string error;
  ASSERT_TRUE(n.Notify("READY=1\nSTATUS=ready", &error)) << error;
  EXPECT_EQ(systemd.Receive(), "READY=1\nSTATUS=ready");
  ASSERT_TRUE(n.Notify("STOPPING=1"));
  EXPECT_EQ(systemd.Receive(), "STOPPING=1");
}

TEST(Notify, SendsToAnAbstractSocket) {
  const std::string name = "@dateline-notify-test-" + std::to_string(getpid());
  FakeSystemd systemd(name);
  ASSERT_TRUE(systemd.bound());
  const SystemdNotifier n = SystemdNotifier::FromEnvironment({"NOTIFY_SOCKET=" + name}, getpid());
  ASSERT_TRUE(n.Notify("WATCHDOG=1"));
  EXPECT_EQ(systemd.Receive(), "WATCHDOG=1");
}

TEST(Notify, WatchdogIntervalHonoursWatchdogPid) {
  const std::string sock = "NOTIFY_SOCKET=@x";
  EXPECT_EQ(SystemdNotifier::FromEnvironment({sock, "WATCHDOG_USEC=2000000"}, 42).watchdog_interval().count(), 2000000);
  EXPECT_EQ(SystemdNotifier::FromEnvironment({sock, "WATCHDOG_USEC=2000000", "WATCHDOG_PID=42"}, 42)
                .watchdog_interval()
                .count(),
            2000000);
  // Meant for another process (e.g. a parent shell): no pings from us.
  EXPECT_EQ(SystemdNotifier::FromEnvironment({sock, "WATCHDOG_USEC=2000000", "WATCHDOG_PID=7"}, 42)
                .watchdog_interval()
                .count(),
            0);
  EXPECT_EQ(SystemdNotifier::FromEnvironment({sock, "WATCHDOG_USEC=abc"}, 42).watchdog_interval().count(), 0);
}

TEST(Notify, NeverBlocksWhenTheReceiverDoesNotRead) {
  const std::string path = ::testing::TempDir() + "/notify-full-" + std::to_string(getpid());
  FakeSystemd systemd(path);  // never reads
  const SystemdNotifier n = SystemdNotifier::FromEnvironment({"NOTIFY_SOCKET=" + path}, getpid());
  int sent = 0;
  std::string error;
  // The receive queue holds a few datagrams (net.unix.max_dgram_qlen); then Notify fails instead of blocking.
  while (sent < 10000 && n.Notify("WATCHDOG=1", &error)) ++sent;
  EXPECT_LT(sent, 10000);
  EXPECT_NE(error.find("notify"), std::string::npos);
  EXPECT_EQ(systemd.Receive(), "WATCHDOG=1");  // the queued ones are intact
}

TEST(Notify, MissingListenerIsReportedNotFatal) {
  const SystemdNotifier n =
      SystemdNotifier::FromEnvironment({"NOTIFY_SOCKET=" + ::testing::TempDir() + "/nobody-listens"}, getpid());
  std::string error;
  EXPECT_FALSE(n.Notify("READY=1", &error));
  EXPECT_NE(error.find("nobody-listens"), std::string::npos);
}

}  // namespace
}  // namespace dateline::observe
