// HttpServer: a minimal, read-only HTTP/1.1 server on plain POSIX sockets for
// /metrics and the health endpoints.
//
// Threads: one thread of its own accepts and serves connections one at a
// time; handlers run on that thread and must be thread-safe against the rest
// of the program. Each connection gets one response and `Connection: close`.
// Only GET (and HEAD) are served: other methods get 405, unknown paths 404, a
// request head over kMaxRequestBytes 431, a malformed one 400; a client that
// does not send its request within the timeout is dropped. The query string
// is ignored. The destructor stops the thread and closes the socket.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

namespace dateline::observe {

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

using HttpHandler = std::function<HttpResponse()>;

class HttpServer {
 public:
  static constexpr size_t kMaxRequestBytes = 8192;

  struct Options {
    std::chrono::milliseconds io_timeout{2000};  // to read the request, and to write the response
  };

  // Binds `host:port` (port 0: an ephemeral port; see port()) and starts
  // serving `routes` (exact paths). Returns nullptr and sets *error on failure.
  static std::unique_ptr<HttpServer> Start(const std::string& listen, std::map<std::string, HttpHandler> routes,
                                           std::string* error, Options options);
  static std::unique_ptr<HttpServer> Start(const std::string& listen, std::map<std::string, HttpHandler> routes,
                                           std::string* error) {
    return Start(listen, std::move(routes), error, Options{});
  }
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  uint16_t port() const { return port_; }
  const std::string& host() const { return host_; }

 private:
  HttpServer() = default;
  void Serve();
  void HandleConnection(int fd);

  std::map<std::string, HttpHandler> routes_;
  Options options_;
  std::string host_;
  uint16_t port_ = 0;
  int listen_fd_ = -1;
  int wake_fd_[2] = {-1, -1};  // a pipe: writing to it stops the thread
  std::thread thread_;
};

// Splits "host:port" ("[v6]:port" too). False on a malformed address.
bool SplitHostPort(const std::string& listen, std::string* host, uint16_t* port);

// A blocking GET of http://host:port/path with a timeout; returns the status
// code (and the body), or -1 and sets *error. For `dateline healthcheck` and tests.
int HttpGet(const std::string& host, uint16_t port, const std::string& path, std::chrono::milliseconds timeout,
            std::string* body, std::string* error);

}  // namespace dateline::observe
