#include "controller/trust/trust_service.h"

#include "common/vocab/admin_types.h"
#include "common/vocab/fields.h"
#include "common/access/roles.h"
#include "common/wire/curve_keys.h"
#include "controller/content/directory.h"
#include "controller/core/audit.h"
#include "controller/core/controller.h"

namespace controller {
namespace {
using hall::FieldType;
using hall::Json;
using hall::wire::Role;

constexpr int64_t kAuditListMax = 10000;

bool valid_key_name(const std::string& n) {
  if (n.empty() || n.size() > 64) return false;
  for (char ch : n)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '_')) return false;
  return true;
}

Json key_json(const KeyRecord& k) {
  return {{"name", k.name},           {"role", hall::wire::role_name(k.role)}, {"staff_id", k.staff_id},
          {"public_key", k.public_key}, {"enrolled_by", k.enrolled_by},       {"enrolled_at", k.enrolled_at},
          {"revoked_at", k.revoked_at}};
}

// Writes a key change and its audit row in one transaction; on failure the
// in-memory key ring is read back from the store.
hall::Status audited(Controller& c, const AuditRow& row, const std::function<hall::Status()>& change) {
  auto s = audited_change(c.store(), row, change);
  if (!s)
    if (auto ring = KeyRing::load(c.store())) c.keys() = std::move(*ring);
  return s;
}

std::optional<std::string> on_whoami(Controller& c, const Request& r) {
  const auto& m = r.message;
  if (auto s = hall::check_fields(m, {}); !s) return hall::encode_error(&m, s.error(), "bad_request");
  Json may = Json::array();
  for (const auto& type : c.permitted(Channel::Admin, r.who)) may.push_back(type);
  return hall::encode_reply(m, "whoami", {{"name", r.who.name},
                                          {"role", hall::wire::role_names(r.who.roles)},
                                          {"staff_id", r.who.staff_id},
                                          {"security", c.secure() ? "curve" : "none"},
                                          {"may", may}});
}

std::optional<std::string> on_list(Controller& c, const Request& r) {
  const auto& m = r.message;
  if (auto s = hall::check_fields(m, {}); !s) return hall::encode_error(&m, s.error(), "bad_request");
  auto keys = KeyRing::list(c.store());
  if (!keys) return hall::encode_error(&m, keys.error(), "store_error");
  Json list = Json::array();
  for (const auto& k : *keys) list.push_back(key_json(k));
  return hall::encode_reply(m, "keys", {{"keys", list}});
}

std::optional<std::string> on_enroll(Controller& c, const Request& r) {
  const auto& m = r.message;
  if (auto s = hall::check_fields(m, {{"name", FieldType::String, true, 64},
                                      {"role", FieldType::String, true, 16},
                                      {"public_key", FieldType::String, true, 64},
                                      {"staff_id", FieldType::String, false, 64}});
      !s)
    return hall::encode_error(&m, s.error(), "bad_request");
  KeyRecord k;
  k.name = m.body["name"];
  if (!valid_key_name(k.name))
    return hall::encode_error(&m, "a key name is 1-64 letters, digits, '.', '-' or '_'", "bad_request");
  auto role = hall::wire::parse_role(m.body["role"].get<std::string>());
  if (!role)
    return hall::encode_error(&m, "unknown role " + m.body["role"].dump() + "; one of " + hall::wire::all_role_names(),
                              "bad_request");
  k.role = *role;
  k.public_key = m.body["public_key"];
  if (!hall::valid_key_text(k.public_key))
    return hall::encode_error(&m, "public_key is not a CURVE public key (40 Z85 characters)", "bad_request");
  // A person's key belongs to a staff member when its name (or staff_id) is one.
  auto dir = load_directory(c.store());
  if (!dir) return hall::encode_error(&m, dir.error(), "store_error");
  k.staff_id = m.body.value("staff_id", "");
  const bool person = (hall::wire::bit(k.role) & hall::wire::kPeopleRoles) != 0;
  if (k.staff_id.empty() && person && dir->staff.count(k.name)) k.staff_id = k.name;
  if (!k.staff_id.empty() && !dir->staff.count(k.staff_id))
    return hall::encode_error(&m, "no staff member " + k.staff_id + " in staff.toml", "bad_request");
  if (!k.staff_id.empty() && !person)
    return hall::encode_error(&m, "a device key (screen, kiosk) belongs to no staff member", "bad_request");
  if ((k.role == Role::Leader || k.role == Role::Staff) && k.staff_id.empty())
    return hall::encode_error(&m, std::string("a ") + hall::wire::role_name(k.role) +
                                      " key belongs to a staff member: name it by the staff id, or give staff_id",
                              "bad_request");
  k.enrolled_by = r.who.actor();
  k.enrolled_at = hall::iso_time(c.now());
  auto s = audited(c, {k.enrolled_at, k.enrolled_by, "key:" + k.name, "key.enroll", "",
                       std::string(hall::wire::role_name(k.role)) + " " + k.public_key, k.staff_id},
                   [&] { return c.keys().enroll(c.store(), k); });
  if (!s) return hall::encode_error(&m, s.error(), "refused");
  return hall::encode_reply(m, "key", {{"key", key_json(k)}});
}

std::optional<std::string> on_revoke(Controller& c, const Request& r) {
  const auto& m = r.message;
  if (auto s = hall::check_fields(m, {{"name", FieldType::String, true, 64}}); !s)
    return hall::encode_error(&m, s.error(), "bad_request");
  const std::string name = m.body["name"];
  const std::string at = hall::iso_time(c.now());
  hall::Result<KeyRecord> revoked = hall::fail("no change");
  auto s = audited(c, {at, r.who.actor(), "key:" + name, "key.revoke", "valid", "revoked", ""}, [&]() -> hall::Status {
    revoked = c.keys().revoke(c.store(), name, at);
    if (!revoked) return revoked.take_error();
    if (!c.keys().has_role(Role::Admin))
      return hall::fail("refused: " + name + " is the last admin key; enroll another admin key first");
    return {};
  });
  if (!s) return hall::encode_error(&m, s.error(), "refused");
  return hall::encode_reply(m, "key", {{"key", key_json(*revoked)}});
}

std::optional<std::string> on_audit_list(Controller& c, const Request& r) {
  const auto& m = r.message;
  if (auto s = hall::check_fields(m, {{"since", FieldType::String, false, 40},
                                      {"who", FieldType::String, false, 64},
                                      {"limit", FieldType::Integer, false}});
      !s)
    return hall::encode_error(&m, s.error(), "bad_request");
  const int64_t limit = m.body.value("limit", int64_t{200});
  if (limit < 1 || limit > kAuditListMax)
    return hall::encode_error(&m, "limit must be 1-" + std::to_string(kAuditListMax), "bad_request");
  auto rows = list_audit(c.store(), m.body.value("since", ""), m.body.value("who", ""), limit);
  if (!rows) return hall::encode_error(&m, rows.error(), "store_error");
  Json list = Json::array();
  for (const auto& s : *rows)
    list.push_back({{"id", s.id}, {"at", s.row.at}, {"who", s.row.who}, {"subject", s.row.subject},
                    {"what", s.row.what}, {"from", s.row.from}, {"to", s.row.to}, {"note", s.row.note},
                    {"hash", s.hash}});
  return hall::encode_reply(m, "audit", {{"rows", list}});
}

std::optional<std::string> on_audit_verify(Controller& c, const Request& r) {
  const auto& m = r.message;
  if (auto s = hall::check_fields(m, {}); !s) return hall::encode_error(&m, s.error(), "bad_request");
  auto check = verify_audit(c.store());
  if (!check) return hall::encode_error(&m, check.error(), "store_error");
  return hall::encode_reply(m, "audit.verified", {{"rows", check->rows},
                                                  {"intact", check->first_broken == 0},
                                                  {"first_broken", check->first_broken},
                                                  {"problem", check->problem}});
}

}  // namespace

hall::Status install_trust(Controller& c) {
  namespace a = hall::wire::admin;
  using hall::wire::kAdmins;
  c.handle(Channel::Admin, a::kWhoami, hall::wire::kPeopleRoles, [&c](const Request& r) { return on_whoami(c, r); });
  c.handle(Channel::Admin, a::kKeysList, kAdmins, [&c](const Request& r) { return on_list(c, r); });
  c.handle(Channel::Admin, a::kKeysEnroll, kAdmins, [&c](const Request& r) { return on_enroll(c, r); });
  c.handle(Channel::Admin, a::kKeysRevoke, kAdmins, [&c](const Request& r) { return on_revoke(c, r); });
  c.handle(Channel::Admin, a::kAuditList, hall::wire::kReaders, [&c](const Request& r) { return on_audit_list(c, r); });
  c.handle(Channel::Admin, a::kAuditVerify, hall::wire::kReaders,
           [&c](const Request& r) { return on_audit_verify(c, r); });
  return {};
}

}  // namespace controller
