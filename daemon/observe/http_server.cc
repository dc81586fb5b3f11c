#include "observe/http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

namespace dateline::observe {
namespace {

using Clock = std::chrono::steady_clock;

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

int RemainingMs(Clock::time_point deadline) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return ms <= 0 ? 0 : static_cast<int>(ms);
}

// Writes all of `data` before `deadline`; false on error or timeout.
bool WriteAll(int fd, std::string_view data, Clock::time_point deadline) {
  while (!data.empty()) {
    pollfd p{fd, POLLOUT, 0};
    const int ready = ::poll(&p, 1, RemainingMs(deadline));
    if (ready <= 0) {
      if (ready < 0 && errno == EINTR) continue;
      return false;
    }
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

struct AddrInfoDeleter {
  void operator()(addrinfo* a) const { freeaddrinfo(a); }
};

std::unique_ptr<addrinfo, AddrInfoDeleter> Resolve(const std::string& host, uint16_t port, bool passive,
                                                   std::string* error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = passive ? AI_PASSIVE : 0;
  addrinfo* raw = nullptr;
  const std::string service = std::to_string(port);
  const int rc = getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &raw);
  if (rc != 0) {
    *error = "cannot resolve '" + host + "': " + gai_strerror(rc);
    return nullptr;
  }
  return std::unique_ptr<addrinfo, AddrInfoDeleter>(raw);
}

}  // namespace

bool SplitHostPort(const std::string& listen, std::string* host, uint16_t* port) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  std::string h = listen.substr(0, colon);
  const std::string p = listen.substr(colon + 1);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  if (p.empty() || p.size() > 5) return false;
  unsigned value = 0;
  for (char c : p) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value > 65535) return false;
  *host = h;
  *port = static_cast<uint16_t>(value);
  return true;
}

std::unique_ptr<HttpServer> HttpServer::Start(const std::string& listen, std::map<std::string, HttpHandler> routes,
                                              std::string* error, Options options) {
  std::unique_ptr<HttpServer> server(new HttpServer());
  server->routes_ = std::move(routes);
  server->options_ = options;
  uint16_t port = 0;
  if (!SplitHostPort(listen, &server->host_, &port)) {
    *error = "expected host:port, got '" + listen + "'";
    return nullptr;
  }
  auto addrs = Resolve(server->host_, port, true, error);
  if (!addrs) return nullptr;
  for (addrinfo* a = addrs.get(); a; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
    if (fd < 0) continue;
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 16) == 0) {
      server->listen_fd_ = fd;
      break;
    }
    *error = std::string("cannot listen on ") + listen + ": " + std::strerror(errno);
    ::close(fd);
  }
  if (server->listen_fd_ < 0) {
    if (error->empty()) *error = "cannot listen on " + listen;
    return nullptr;
  }
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  ::getsockname(server->listen_fd_, reinterpret_cast<sockaddr*>(&bound), &len);
  server->port_ = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                                    : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  if (::pipe2(server->wake_fd_, O_CLOEXEC) != 0) {
    *error = std::string("pipe: ") + std::strerror(errno);
    ::close(server->listen_fd_);
    return nullptr;
  }
  server->thread_ = std::thread([s = server.get()] { s->Serve(); });
  return server;
}

HttpServer::~HttpServer() {
  if (thread_.joinable()) {
    const char byte = 1;
    while (::write(wake_fd_[1], &byte, 1) < 0 && errno == EINTR) {
    }
    thread_.join();
  }
  for (int fd : {listen_fd_, wake_fd_[0], wake_fd_[1]}) {
    if (fd >= 0) ::close(fd);
  }
}

void HttpServer::Serve() {
  while (true) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_fd_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents) return;
    if (!(fds[0].revents & POLLIN)) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) continue;
    HandleConnection(fd);
    ::close(fd);
  }
}

void HttpServer::HandleConnection(int fd) {
  const auto deadline = Clock::now() + options_.io_timeout;
  std::string request;
  HttpResponse response;
  bool respond = true;
  size_t head_end = std::string::npos;
  char buf[2048];
  while (true) {
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, RemainingMs(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      response = {408, "text/plain; charset=utf-8", "request timeout\n"};
      break;
    }
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) {
      respond = false;  // the client went away before finishing its request
      break;
    }
    request.append(buf, static_cast<size_t>(n));
    head_end = request.find("\r\n\r\n");
    if (head_end == std::string::npos) head_end = request.find("\n\n");
    if (head_end != std::string::npos && head_end <= kMaxRequestBytes) break;
    if (request.size() > kMaxRequestBytes) {
      response = {431, "text/plain; charset=utf-8", "request too large\n"};
      head_end = std::string::npos;
      break;
    }
  }
  if (!respond) return;
  bool head_only = false;
  if (head_end != std::string::npos) {
    // Request line: METHOD SP target SP HTTP/1.x
    const std::string_view line = std::string_view(request).substr(0, request.find_first_of("\r\n"));
    const auto sp1 = line.find(' ');
    const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp1 == std::string_view::npos || sp2 == std::string_view::npos || line.substr(sp2 + 1).rfind("HTTP/1.", 0) != 0) {
      response = {400, "text/plain; charset=utf-8", "bad request\n"};
    } else {
      const std::string_view method = line.substr(0, sp1);
      std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
      target = target.substr(0, target.find('?'));
      head_only = method == "HEAD";
      const auto route = routes_.find(std::string(target));
      if (method != "GET" && method != "HEAD") {
        response = {405, "text/plain; charset=utf-8", "only GET is served\n"};
      } else if (route == routes_.end()) {
        response = {404, "text/plain; charset=utf-8", "not found\n"};
      } else {
        try {
          response = route->second();
        } catch (const std::exception& e) {
          response = {500, "text/plain; charset=utf-8", std::string("handler failed: ") + e.what() + "\n"};
        }
      }
    }
  }
  std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " + Reason(response.status) + "\r\n";
  out += "Content-Type: " + response.content_type + "\r\n";
  out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  if (response.status == 405) out += "Allow: GET, HEAD\r\n";
  out += "Cache-Control: no-store\r\nConnection: close\r\n\r\n";
  if (!head_only) out += response.body;
  WriteAll(fd, out, Clock::now() + options_.io_timeout);
  ::shutdown(fd, SHUT_WR);
}

int HttpGet(const std::string& host, uint16_t port, const std::string& path, std::chrono::milliseconds timeout,
            std::string* body, std::string* error) {
  const auto deadline = Clock::now() + timeout;
  auto addrs = Resolve(host, port, false, error);
  if (!addrs) return -1;
  int fd = -1;
  for (addrinfo* a = addrs.get(); a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
    if (fd < 0) continue;
    if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
      ::close(fd);
      fd = -1;
      continue;
    }
    pollfd p{fd, POLLOUT, 0};
    int soerr = 0;
    socklen_t len = sizeof soerr;
    if (::poll(&p, 1, RemainingMs(deadline)) <= 0 || ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) != 0 ||
        soerr != 0) {
      *error = soerr ? std::strerror(soerr) : "connect timed out";
      ::close(fd);
      fd = -1;
    }
  }
  if (fd < 0) {
    if (error->empty()) *error = "cannot connect";
    return -1;
  }
  const std::string request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
  std::string response;
  bool ok = WriteAll(fd, request, deadline);
  char buf[4096];
  while (ok) {
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, RemainingMs(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      *error = "read timed out";
      ok = false;
      break;
    }
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n < 0) {
      *error = std::strerror(errno);
      ok = false;
    }
    if (n <= 0) break;
    response.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  if (!ok) return -1;
  // "HTTP/1.1 200 OK\r\n..."
  if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) {
    *error = "not an HTTP response";
    return -1;
  }
  const int status = std::atoi(response.substr(9, 3).c_str());
  const auto body_at = response.find("\r\n\r\n");
  if (body) *body = body_at == std::string::npos ? std::string() : response.substr(body_at + 4);
  return status;
}

}  // namespace dateline::observe
