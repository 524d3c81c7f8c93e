#include "common/base/digest.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace hall {

namespace {
// sodium_init() picks the fastest implementations for this CPU; it must run
// before any other libsodium call. The static runs it once, thread-safely.
void start_sodium() {
  static const bool started = [] {
    if (sodium_init() < 0) {
      std::fputs("libsodium failed to start (sodium_init)\n", stderr);
      std::abort();
    }
    return true;
  }();
  (void)started;
}

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
}  // namespace

std::string sha256_hex(std::string_view bytes) {
  start_sodium();
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, bytes_of(bytes), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

std::string base64_encode(std::string_view bytes) {
  start_sodium();
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');  // with the terminating NUL
  sodium_bin2base64(out.data(), out.size(), bytes_of(bytes), bytes.size(), kVariant);
  out.pop_back();
  return out;
}

Result<std::string> base64_decode(std::string_view text) {
  start_sodium();
  if (text.size() % 4 != 0)
    return fail("base64 text length " + std::to_string(text.size()) + " is not a multiple of 4");
  std::string out(text.size() / 4 * 3, '\0');
  size_t length = 0;
  const char* end = nullptr;  // where decoding stopped
  const int rc = sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                                   text.size(), nullptr, &length, &end, sodium_base64_VARIANT_ORIGINAL);
  if (rc != 0 || end != text.data() + text.size()) {
    const size_t offset = end ? static_cast<size_t>(end - text.data()) : 0;
    return fail("bad base64 character at offset " + std::to_string(offset));
  }
  out.resize(length);
  return out;
}

}  // namespace hall
