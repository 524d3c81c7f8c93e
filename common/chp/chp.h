// chp.h: the Clustered Hashmap Protocol (ZeroMQ RFC 12/CHP) wire codec.
// Commands travel as exactly 5 frames (ICANHAZ as 2), byte for byte as the RFC
// lays them out, so an independent CHP client can read them:
//   ICANHAZ  "ICANHAZ?" | subtree
//   KVSYNC   key | seq (8 bytes, network order) | <empty> | <empty> | value
//   KTHXBAI  "KTHXBAI" | seq | <empty> | <empty> | subtree
//   KVPUB    key | seq | uuid (0 or 16 bytes) | properties | value
//   HUGZ     "HUGZ" | seq 0 | <empty> | <empty> | <empty>
//   ERROR    "ERROR" | seq 0 | <empty> | <empty> | JSON error (ours, not RFC 12):
//            the refusal of an ICANHAZ, in the codec's error shape
//            {"type":"error","code":...,"message":...,"permanent":true}
// The ROUTER identity frame is handled by the socket code, not here.
// Threading: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/result.h"

namespace hall::chp {

using Frames = std::vector<std::string>;

inline constexpr std::string_view kIcanhaz = "ICANHAZ?";
inline constexpr std::string_view kKthxbai = "KTHXBAI";
inline constexpr std::string_view kHugz = "HUGZ";
inline constexpr std::string_view kError = "ERROR";
inline constexpr size_t kMaxKeyBytes = 255;

struct KvMsg {
  std::string key;
  uint64_t sequence = 0;
  std::string uuid;        // empty or 16 bytes
  std::string properties;  // "name=value\n"*
  std::string value;       // empty value = delete the key
};

Frames encode_icanhaz(std::string_view subtree);
Result<std::string> decode_icanhaz(const Frames& frames);  // -> subtree

Frames encode_kv(const KvMsg& msg);  // KVSYNC / KVPUB
Frames encode_kthxbai(uint64_t sequence, std::string_view subtree);
Frames encode_hugz();
// ERROR: why an ICANHAZ was refused (`code` a stable word, `message` for people).
Frames encode_error(std::string_view code, std::string_view message);
// Decodes any 5-frame command (KVSYNC, KVPUB, KTHXBAI, HUGZ, ERROR); the caller
// tells them apart by key. Checks frame count and sizes, the key and the UUID.
Result<KvMsg> decode_kv(const Frames& frames);

// A subtree is empty or "/segment/.../" (slash first and last).
bool valid_subtree(std::string_view subtree);
// A key is 1..255 bytes, not a command name, and starts with '/'.
bool valid_key(std::string_view key);

std::string encode_sequence(uint64_t seq);
uint64_t decode_sequence(std::string_view eight_bytes);

// Properties: "name=value\n" lines.
std::string encode_properties(const std::map<std::string, std::string>& props);
std::map<std::string, std::string> decode_properties(std::string_view text);

}  // namespace hall::chp
