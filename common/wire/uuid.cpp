#include "common/wire/uuid.h"

#include <sys/random.h>

#include <cstdint>
#include <random>
#include <stdexcept>

namespace hall {

std::string uuid_v7(SystemTime now) {
  uint8_t b[16];
  size_t got = 6;  // bytes 0-5 are the time
  while (got < sizeof b) {
    const ssize_t n = getrandom(b + got, sizeof b - got, 0);
    if (n > 0) got += static_cast<size_t>(n);
    else if (n < 0 && errno != EINTR) {
      std::random_device rd;  // fallback: still a non-deterministic source
      for (size_t i = 6; i < sizeof b; ++i) b[i] = static_cast<uint8_t>(rd());
      got = sizeof b;
    }
  }
  const auto ms = static_cast<uint64_t>(epoch_ms(now));
  for (int i = 0; i < 6; ++i) b[i] = static_cast<uint8_t>(ms >> (8 * (5 - i)));
  b[6] = static_cast<uint8_t>((b[6] & 0x0F) | 0x70);  // version 7
  b[8] = static_cast<uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static const char* hex = "0123456789abcdef";
  std::string s;
  s.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
    s += hex[b[i] >> 4];
    s += hex[b[i] & 0xF];
  }
  return s;
}

bool is_uuid(std::string_view t) {
  if (t.size() != 36) return false;
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

}  // namespace hall
