#include "controller/access/keys.h"

#include <filesystem>

#include "common/base/log.h"
#include "common/access/security.h"

namespace controller {

namespace {
using hall::wire::Role;

Peer peer_of(const KeyRecord& k) { return {k.name, hall::wire::bit(k.role), k.staff_id, true}; }

hall::Result<std::vector<KeyRecord>> read_keys(hall::Store& store, const char* where) {
  auto st = store.prepare(std::string("SELECT name, public_key, role, staff_id, enrolled_by, enrolled_at, "
                                      "revoked_at FROM keys ") + where + " ORDER BY revoked_at <> '', name, id");
  if (!st) return st.take_error();
  std::vector<KeyRecord> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.take_error();
    if (!*row) break;
    auto role = hall::wire::parse_role(st->column_text(2));
    if (!role) return hall::fail("the keys table holds an unknown role \"" + st->column_text(2) + "\"");
    out.push_back({st->column_text(0), st->column_text(1), *role, st->column_text(3), st->column_text(4),
                   st->column_text(5), st->column_text(6)});
  }
  return out;
}
}  // namespace

hall::Result<KeyRing> KeyRing::load(hall::Store& store) {
  auto keys = read_keys(store, "WHERE revoked_at = ''");
  if (!keys) return keys.take_error();
  KeyRing ring;
  for (const auto& k : *keys) ring.by_public_key_[k.public_key] = peer_of(k);
  return ring;
}

const Peer* KeyRing::find(const std::string& public_key) const {
  auto it = by_public_key_.find(public_key);
  return it == by_public_key_.end() ? nullptr : &it->second;
}

bool KeyRing::has_role(Role role) const {
  for (const auto& [_, p] : by_public_key_)
    if (p.may(hall::wire::bit(role))) return true;
  return false;
}

hall::Status KeyRing::enroll(hall::Store& store, const KeyRecord& k) {
  for (const auto& [key, p] : by_public_key_) {
    if (p.name == k.name)
      return hall::fail("a key named " + k.name + " is already enrolled; revoke it first (hallctl keys revoke " +
                        k.name + ")");
    if (key == k.public_key) return hall::fail("this public key is already enrolled as " + p.name);
  }
  auto st = store.prepare(
      "INSERT INTO keys(name, public_key, role, staff_id, enrolled_by, enrolled_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!st) return st.take_error();
  st->bind(1, k.name).bind(2, k.public_key).bind(3, hall::wire::role_name(k.role)).bind(4, k.staff_id)
      .bind(5, k.enrolled_by).bind(6, k.enrolled_at);
  if (auto s = st->run(); !s) {
    if (s.error().find("UNIQUE") != std::string::npos)
      return hall::fail("this public key was enrolled before and revoked; a revoked key is never taken back. "
                        "Generate a new one: hallctl keys generate " + k.name);
    return s;
  }
  by_public_key_[k.public_key] = peer_of(k);
  return {};
}

hall::Result<KeyRecord> KeyRing::revoke(hall::Store& store, const std::string& name, const std::string& at) {
  auto keys = read_keys(store, "WHERE revoked_at = ''");
  if (!keys) return keys.take_error();
  for (auto k : *keys) {
    if (k.name != name) continue;
    auto st = store.prepare("UPDATE keys SET revoked_at = ?1 WHERE public_key = ?2");
    if (!st) return st.take_error();
    st->bind(1, at).bind(2, k.public_key);
    if (auto s = st->run(); !s) return s.take_error();
    by_public_key_.erase(k.public_key);
    k.revoked_at = at;
    return k;
  }
  return hall::fail("no enrolled key is named " + name + "; see hallctl keys list");
}

hall::Result<std::vector<KeyRecord>> KeyRing::list(hall::Store& store) { return read_keys(store, ""); }

}  // namespace controller

namespace controller {

std::string key_base(const std::string& key_dir, const std::string& name) { return key_dir + "/" + name; }

hall::Result<std::optional<hall::Curve>> controller_curve(bool curve, const std::string& key_dir) {
  if (!curve) {
    hall::warn_insecure("hall-controller");
    return std::optional<hall::Curve>{};
  }
  if (!hall::curve_available())
    return hall::fail("this libzmq has no CURVE support, so the controller cannot protect its sockets; install "
                      "Debian's libzmq5, or set security.mode = \"none\" for development only");
  const std::string base = key_base(key_dir, "controller");
  std::error_code ec;
  if (!std::filesystem::exists(base + ".key_secret", ec)) {
    auto pair = hall::generate_key_pair();
    if (!pair) return pair.take_error();
    if (auto s = hall::write_key_files(base, *pair, "the controller"); !s) return s.take_error();
    hall::log::info("made the controller's key pair: {}.key (give it to screens, kiosks and hallctl) and "
                    "{}.key_secret", base, base);
  }
  auto own = hall::read_secret_key_file(base + ".key_secret");
  if (!own) return own.take_error();
  return std::optional<hall::Curve>{hall::Curve{*own, own->public_key}};
}

}  // namespace controller
