// keys.h: the allow-list of enrolled CURVE keys (the `keys` table) and who a
// key is. The ZAP handler admits a connection only for an enrolled, unrevoked
// key in a domain its role may use, and the loop looks up every message's
// sender here again, so a revoked key is refused on its next message.
// Threading: the controller's loop thread (it owns the store).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/base/result.h"
#include "common/store/store.h"
#include "common/access/roles.h"
#include "common/wire/sockets.h"

namespace controller {

// Who sent a message: an enrolled key's owner, or, with security.mode =
// "none", nobody anyone can know.
struct Peer {
  std::string name;             // the key's name: a device id, a staff id or an operator
  hall::wire::Roles roles = 0;  // one role for a key; every role when unsecured
  std::string staff_id;         // the staff member a person's key belongs to, or ""
  bool secured = true;

  static Peer unsecured() { return {"unsecured", hall::wire::kAllRoles, "", false}; }
  bool may(hall::wire::Roles allowed) const { return (roles & allowed) != 0; }
  // The name recorded as the actor of a change: the staff id, else the key name.
  const std::string& actor() const { return staff_id.empty() ? name : staff_id; }
};

struct KeyRecord {
  std::string name;
  std::string public_key;
  hall::wire::Role role;
  std::string staff_id;
  std::string enrolled_by;
  std::string enrolled_at;
  std::string revoked_at;  // "" while valid
};

class KeyRing {
 public:
  // Reads the unrevoked keys of the store.
  static hall::Result<KeyRing> load(hall::Store& store);

  // The owner of an unrevoked public key (Z85), or null.
  const Peer* find(const std::string& public_key) const;
  bool has_role(hall::wire::Role role) const;

  // Both write the row and, on success, update the in-memory list; the
  // caller holds the transaction (with the audit row).
  hall::Status enroll(hall::Store& store, const KeyRecord& key);
  // The revoked record, or an error naming the key.
  hall::Result<KeyRecord> revoke(hall::Store& store, const std::string& name, const std::string& at);
  static hall::Result<std::vector<KeyRecord>> list(hall::Store& store);

 private:
  std::map<std::string, Peer> by_public_key_;
};

// The controller's own CURVE keys (key_dir/controller.key and .key_secret,
// made on first start), or nullopt with security.mode = "none" (after the
// loud warning). Fails when this libzmq lacks CURVE.
hall::Result<std::optional<hall::Curve>> controller_curve(bool curve, const std::string& key_dir);

// The file names of a party's keys in a key directory.
std::string key_base(const std::string& key_dir, const std::string& name);

}  // namespace controller
