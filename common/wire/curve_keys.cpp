#include "common/wire/curve_keys.h"

#include <sys/stat.h>
#include <zmq.h>

#include <filesystem>
#include <fstream>
#include <cstring>
#include <map>
#include <sstream>

namespace hall {

namespace {

constexpr size_t kZ85KeyChars = 40;

// The `name = "value"` lines of a key file.
Result<std::map<std::string, std::string>> read_fields(const std::string& path) {
  std::ifstream in(path);
  if (!in) return fail("cannot read key file " + path + ": " + std::strerror(errno));
  std::map<std::string, std::string> fields;
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
    auto trim = [](std::string s) {
      const auto b = s.find_first_not_of(" \t\"");
      const auto e = s.find_last_not_of(" \t\"\r");
      return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
    };
    fields[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
  }
  return fields;
}

Result<std::string> key_field(const std::map<std::string, std::string>& fields, const std::string& name,
                              const std::string& path) {
  auto it = fields.find(name);
  if (it == fields.end()) return fail("key file " + path + " has no " + name + " line");
  if (!valid_key_text(it->second))
    return fail("key file " + path + ": " + name + " is not 40 Z85 characters");
  return it->second;
}

}  // namespace

bool curve_available() { return zmq_has("curve") == 1; }

bool valid_key_text(std::string_view z85) {
  if (z85.size() != kZ85KeyChars) return false;
  uint8_t raw[32];
  const std::string s(z85);
  return zmq_z85_decode(raw, s.c_str()) != nullptr;
}

Result<KeyPair> generate_key_pair() {
  char pub[kZ85KeyChars + 1], sec[kZ85KeyChars + 1];
  if (zmq_curve_keypair(pub, sec) != 0)
    return fail(std::string("cannot make a CURVE key pair: ") + zmq_strerror(zmq_errno()));
  return KeyPair{pub, sec};
}

Status write_key_files(const std::string& base, const KeyPair& pair, const std::string& name) {
  const std::string pub_path = base + ".key", sec_path = base + ".key_secret";
  std::error_code ec;
  if (std::filesystem::exists(pub_path, ec) || std::filesystem::exists(sec_path, ec))
    return fail(base + ".key or .key_secret already exists; remove them first or pick another name");
  if (auto dir = std::filesystem::path(base).parent_path(); !dir.empty()) {
    std::filesystem::create_directories(dir, ec);
    if (ec) return fail("cannot create " + dir.string() + ": " + ec.message());
  }
  const std::string header = "# Sanliang Hall CURVE key of " + name + "\n";
  {
    std::ofstream out(pub_path);
    out << header << "# the public half: give it to the controller's administrator\n"
        << "public-key = \"" << pair.public_key << "\"\n";
    if (!out) return fail("cannot write " + pub_path);
  }
  const mode_t old = umask(077);  // the secret file is never readable by others, not even briefly
  std::ofstream out(sec_path);
  umask(old);
  out << header << "# SECRET: keep this file on this machine only (mode 0600)\n"
      << "public-key = \"" << pair.public_key << "\"\n"
      << "secret-key = \"" << pair.secret_key << "\"\n";
  out.close();
  if (!out) return fail("cannot write " + sec_path);
  ::chmod(sec_path.c_str(), 0600);
  return {};
}

Result<KeyPair> read_secret_key_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0)
    return fail("secret key file " + path + " is readable by others; run: chmod 600 " + path);
  auto fields = read_fields(path);
  if (!fields) return fields.take_error();
  auto pub = key_field(*fields, "public-key", path);
  if (!pub) return pub.take_error();
  auto sec = key_field(*fields, "secret-key", path);
  if (!sec) return sec.take_error();
  return KeyPair{*pub, *sec};
}

Result<std::string> read_public_key_file(const std::string& path) {
  auto fields = read_fields(path);
  if (!fields) return fields.take_error();
  return key_field(*fields, "public-key", path);
}

Result<std::string> public_key_from(const std::string& text_or_path) {
  if (valid_key_text(text_or_path)) return text_or_path;
  std::error_code ec;
  if (!std::filesystem::exists(text_or_path, ec))
    return fail("\"" + text_or_path + "\" is neither a 40-character Z85 public key nor a .key file");
  return read_public_key_file(text_or_path);
}

}  // namespace hall
