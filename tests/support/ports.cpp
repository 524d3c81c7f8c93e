#include "ports.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <random>
#include <stdexcept>

namespace testing {

namespace {
bool port_free(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}
}  // namespace

int free_ports(int count) {
  static std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<int> dist(20000, 40000);
  for (int attempt = 0; attempt < 200; ++attempt) {
    const int base = dist(rng);
    bool ok = true;
    for (int i = 0; i < count && ok; ++i) ok = port_free(base + i);
    if (ok) return base;
  }
  throw std::runtime_error("no free loopback ports found");
}

}  // namespace testing
