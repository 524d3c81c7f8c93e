#include "common/access/security.h"

#include "common/base/log.h"

namespace hall {

void add_security_mode_key(Schema& s) {
  s.push_back({"security.mode", ValueType::String, std::string(kSecurityCurve),
               "\"curve\" (keys on every socket) or \"none\" (development only)"});
}

void add_client_key_keys(Schema& s, const std::string& default_key, const std::string& default_server_key) {
  s.insert(s.end(), {
      {"security.key", ValueType::String, default_key, "this device's secret key file (NAME.key_secret)"},
      {"security.server_key", ValueType::String, default_server_key, "the controller's public key file (controller.key)"},
  });
}

Result<bool> curve_mode(const Config& c) {
  const std::string& mode = c.str("security.mode");
  if (mode == kSecurityCurve) return true;
  if (mode == kSecurityNone) return false;
  return fail("security.mode is \"" + mode + "\"; use \"curve\" (or \"none\" for development only)");
}

Result<Curve> client_curve(const std::string& key_file, const std::string& server_key_file) {
  if (!curve_available())
    return fail("this libzmq has no CURVE support; install Debian's libzmq5, or set security.mode = \"none\" "
                "for development only");
  auto own = read_secret_key_file(key_file);
  if (!own) return Error{own.error() + " (make one with: hallctl keys generate NAME)"};
  auto server = read_public_key_file(server_key_file);
  if (!server) return Error{server.error() + " (copy controller.key from the controller's key directory)"};
  return Curve{*own, *server};
}

Result<std::optional<Curve>> client_curve_from(const Config& c, const std::string& program) {
  auto curve = curve_mode(c);
  if (!curve) return curve.take_error();
  if (!*curve) {
    warn_insecure(program);
    return std::optional<Curve>{};
  }
  if (c.str("security.key").empty() || c.str("security.server_key").empty())
    return fail("security.key and security.server_key must name this device's secret key file and the "
                "controller's public key file (docs/security.md: enrolling a screen or kiosk)");
  auto keys = client_curve(c.str("security.key"), c.str("security.server_key"));
  if (!keys) return keys.take_error();
  return std::optional<Curve>{std::move(*keys)};
}

void warn_insecure(const std::string& program) {
  log::warn("{}: security.mode = \"none\": NO keys, NO encryption; anyone on this network can read and send "
            "everything. Development only; use \"curve\" in a hall (docs/security.md)", program);
}

}  // namespace hall
