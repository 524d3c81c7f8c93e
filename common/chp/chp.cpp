#include "common/chp/chp.h"

#include "common/wire/codec.h"

namespace hall::chp {

std::string encode_sequence(uint64_t seq) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(seq & 0xFF);
    seq >>= 8;
  }
  return out;
}

uint64_t decode_sequence(std::string_view b) {
  uint64_t v = 0;
  for (unsigned char c : b) v = (v << 8) | c;
  return v;
}

bool valid_subtree(std::string_view s) {
  if (s.empty()) return true;
  if (s.size() < 3 || s.front() != '/' || s.back() != '/' || s.size() > kMaxKeyBytes) return false;
  return s.find("//") == std::string_view::npos;
}

bool valid_key(std::string_view k) {
  return !k.empty() && k.size() <= kMaxKeyBytes && k.front() == '/';
}

Frames encode_icanhaz(std::string_view subtree) {
  return {std::string(kIcanhaz), std::string(subtree)};
}

Result<std::string> decode_icanhaz(const Frames& f) {
  if (f.size() != 2) return fail("ICANHAZ must have 2 frames, got " + std::to_string(f.size()));
  if (f[0] != kIcanhaz) return fail("expected \"ICANHAZ?\" on the snapshot socket");
  if (!valid_subtree(f[1]))
    return fail("bad subtree \"" + f[1] + "\": use empty or /segment/.../ ending in a slash");
  return f[1];
}

Frames encode_kv(const KvMsg& m) {
  return {m.key, encode_sequence(m.sequence), m.uuid, m.properties, m.value};
}

Frames encode_kthxbai(uint64_t seq, std::string_view subtree) {
  return {std::string(kKthxbai), encode_sequence(seq), "", "", std::string(subtree)};
}

Frames encode_hugz() { return {std::string(kHugz), encode_sequence(0), "", "", ""}; }

Frames encode_error(std::string_view code, std::string_view message) {
  return {std::string(kError), encode_sequence(0), "", "", hall::encode_error(nullptr, message, code)};
}

Result<KvMsg> decode_kv(const Frames& f) {
  if (f.size() != 5) return fail("CHP command must have 5 frames, got " + std::to_string(f.size()));
  if (f[1].size() != 8) return fail("CHP sequence frame must be 8 bytes");
  if (!f[2].empty() && f[2].size() != 16) return fail("CHP UUID frame must be empty or 16 bytes");
  const bool command = f[0] == kKthxbai || f[0] == kHugz || f[0] == kError;
  if (!command && !valid_key(f[0])) return fail("bad CHP key (must start with '/', 1-255 bytes)");
  return KvMsg{f[0], decode_sequence(f[1]), f[2], f[3], f[4]};
}

std::string encode_properties(const std::map<std::string, std::string>& props) {
  std::string out;
  for (const auto& [k, v] : props) out += k + "=" + v + "\n";
  return out;
}

std::map<std::string, std::string> decode_properties(std::string_view text) {
  std::map<std::string, std::string> out;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    const size_t eq = line.find('=');
    if (eq != std::string_view::npos && eq > 0)
      out[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

}  // namespace hall::chp
