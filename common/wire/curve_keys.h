// curve_keys.h: CURVE key pairs (RFC 26/CurveZMQ) as Z85 text, and the two
// key files every enrolled party keeps:
//   NAME.key         the public key, safe to copy (to the controller, for
//                    `hallctl keys enroll`, or from it, as its server key)
//   NAME.key_secret  the public and the secret key, mode 0600
// Both hold lines `public-key = "<40 Z85 chars>"` (and `secret-key = ...`).
// Threading: free functions, any thread.
#pragma once

#include <string>
#include <string_view>

#include "common/base/result.h"

namespace hall {

struct KeyPair {
  std::string public_key;  // 40 Z85 characters
  std::string secret_key;
};

// True when this libzmq was built with CURVE (zmq_has("curve")).
bool curve_available();
Result<KeyPair> generate_key_pair();
bool valid_key_text(std::string_view z85);

// Writes base + ".key" and base + ".key_secret" (0600). Refuses to replace
// existing files.
Status write_key_files(const std::string& base, const KeyPair& pair, const std::string& name);
// Reads a `.key_secret` file (both keys) or a `.key` file (public only);
// the error names the file and what is wrong with it.
Result<KeyPair> read_secret_key_file(const std::string& path);
Result<std::string> read_public_key_file(const std::string& path);
// A public key given either as 40 Z85 characters or as a path to a .key file.
Result<std::string> public_key_from(const std::string& text_or_path);

}  // namespace hall
