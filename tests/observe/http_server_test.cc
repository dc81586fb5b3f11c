#include "observe/http_server.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>

namespace dateline::observe {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// Sends raw bytes to 127.0.0.1:port and returns everything the server answers.
std::string Exchange(uint16_t port, const std::string& request, bool close_write = false) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "connect failed";
  }
  size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may close early on an oversize request
    sent += static_cast<size_t>(n);
  }
  if (close_write) ::shutdown(fd, SHUT_WR);
  std::string response;
  char buf[4096];
  while (true) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) break;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    response.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return response;
}

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::map<std::string, HttpHandler> routes;
    routes["/metrics"] = [this] {
      ++calls_;
      return HttpResponse{200, "text/plain; version=0.0.4", "up 1\n"};
    };
    routes["/readyz"] = [] { return HttpResponse{503, "text/plain", "not ready\n"}; };
    routes["/boom"] = []() -> HttpResponse { throw std::runtime_error("kaput"); };
    std::string error;
    HttpServer::Options options;
    options.io_timeout = std::chrono::milliseconds(300);
    server_ = HttpServer::Start("127.0.0.1:0", std::move(routes), &error, options);
    ASSERT_TRUE(server_) << error;
    ASSERT_NE(server_->port(), 0);
  }
  std::atomic<int> calls_{0};
  std::unique_ptr<HttpServer> server_;
};

TEST_F(HttpServerTest, GetKnownPathIs200WithLengthAndClose) {
  const std::string r = Exchange(server_->port(), "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_THAT(r, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(r, HasSubstr("Content-Type: text/plain; version=0.0.4\r\n"));
  EXPECT_THAT(r, HasSubstr("Content-Length: 5\r\n"));
  EXPECT_THAT(r, HasSubstr("Connection: close\r\n"));
  EXPECT_THAT(r, ::testing::EndsWith("\r\n\r\nup 1\n"));
  EXPECT_EQ(calls_.load(), 1);
}

TEST_F(HttpServerTest, QueryStringIsIgnoredAndHeadHasNoBody) {
  EXPECT_THAT(Exchange(server_->port(), "GET /metrics?x=1 HTTP/1.0\r\n\r\n"), StartsWith("HTTP/1.1 200"));
  const std::string head = Exchange(server_->port(), "HEAD /metrics HTTP/1.1\r\n\r\n");
  EXPECT_THAT(head, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(head, ::testing::EndsWith("\r\n\r\n"));
}

TEST_F(HttpServerTest, HandlerStatusPassesThrough) {
  EXPECT_THAT(Exchange(server_->port(), "GET /readyz HTTP/1.1\r\n\r\n"), StartsWith("HTTP/1.1 503 Service Unavailable"));
}

TEST_F(HttpServerTest, UnknownPathIs404) {
  EXPECT_THAT(Exchange(server_->port(), "GET /nope HTTP/1.1\r\n\r\n"), StartsWith("HTTP/1.1 404 Not Found"));
}

TEST_F(HttpServerTest, OtherMethodsAre405AndChangeNothing) {
  for (const char* method : {"POST", "PUT", "DELETE"}) {
    const std::string r = Exchange(server_->port(), std::string(method) + " /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    EXPECT_THAT(r, StartsWith("HTTP/1.1 405 Method Not Allowed")) << method;
    EXPECT_THAT(r, HasSubstr("Allow: GET, HEAD\r\n"));
  }
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(HttpServerTest, OversizeRequestIs431) {
  const std::string big = "GET /metrics HTTP/1.1\r\nX-Pad: " + std::string(HttpServer::kMaxRequestBytes + 100, 'a') + "\r\n\r\n";
  EXPECT_THAT(Exchange(server_->port(), big), StartsWith("HTTP/1.1 431"));
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(HttpServerTest, MalformedRequestIs400) {
  EXPECT_THAT(Exchange(server_->port(), "HELLO\r\n\r\n"), StartsWith("HTTP/1.1 400"));
  EXPECT_THAT(Exchange(server_->port(), "GET /metrics SMTP/1.0\r\n\r\n"), StartsWith("HTTP/1.1 400"));
}

TEST_F(HttpServerTest, SlowClientTimesOutAndServerKeepsServing) {
  EXPECT_THAT(Exchange(server_->port(), "GET /metr"), StartsWith("HTTP/1.1 408"));
  EXPECT_THAT(Exchange(server_->port(), "GET /metrics HTTP/1.1\r\n\r\n"), StartsWith("HTTP/1.1 200"));
}

TEST_F(HttpServerTest, ThrowingHandlerIs500) {
  EXPECT_THAT(Exchange(server_->port(), "GET /boom HTTP/1.1\r\n\r\n"), StartsWith("HTTP/1.1 500"));
}

TEST_F(HttpServerTest, HttpGetClient) {
  std::string body, error;
  EXPECT_EQ(HttpGet("127.0.0.1", server_->port(), "/metrics", std::chrono::seconds(2), &body, &error), 200) << error;
  EXPECT_EQ(body, "up 1\n");
  EXPECT_EQ(HttpGet("127.0.0.1", server_->port(), "/readyz", std::chrono::seconds(2), &body, &error), 503);
}

TEST(HttpServer, BadAddressesAreErrors) {
  std::string error;
  EXPECT_FALSE(HttpServer::Start("no-port", {}, &error));
  EXPECT_THAT(error, HasSubstr("host:port"));
  EXPECT_FALSE(HttpServer::Start("127.0.0.1:99999", {}, &error));
  // A port already in use.
  auto first = HttpServer::Start("127.0.0.1:0", {}, &error);
  ASSERT_TRUE(first);
  error.clear();
  EXPECT_FALSE(HttpServer::Start("127.0.0.1:" + std::to_string(first->port()), {}, &error));
  EXPECT_THAT(error, HasSubstr("cannot listen"));
}

TEST(HttpServer, HttpGetReportsRefusedConnections) {
  uint16_t port;
  {
    std::string error;
    auto s = HttpServer::Start("127.0.0.1:0", {}, &error);
    port = s->port();
  }  // closed again
  std::string body, error;
  EXPECT_EQ(HttpGet("127.0.0.1", port, "/healthz", std::chrono::seconds(1), &body, &error), -1);
  EXPECT_FALSE(error.empty());
}

TEST(HttpServer, SplitHostPort) {
  std::string host;
  uint16_t port = 0;
  ASSERT_TRUE(SplitHostPort("0.0.0.0:9464", &host, &port));
  EXPECT_EQ(host, "0.0.0.0");
  EXPECT_EQ(port, 9464);
  ASSERT_TRUE(SplitHostPort("[::1]:80", &host, &port));
  EXPECT_EQ(host, "::1");
  ASSERT_TRUE(SplitHostPort(":0", &host, &port));
  EXPECT_EQ(host, "");
  EXPECT_FALSE(SplitHostPort("host:", &host, &port));
  EXPECT_FALSE(SplitHostPort("host:65536", &host, &port));
  EXPECT_FALSE(SplitHostPort("host:9a", &host, &port));
}

}  // namespace
}  // namespace dateline::observe
