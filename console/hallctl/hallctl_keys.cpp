// hallctl keys generate | enroll | revoke | list, hallctl whoami, and
// hallctl audit [verify]: the door of the hall (docs/security.md).
#include <iostream>

#include "common/vocab/admin_types.h"
#include "common/wire/curve_keys.h"
#include "console/hallctl/hallctl.h"

namespace hallctl {

namespace {

int generate(const Context& ctx, const std::string& name, const std::string& dir) {
  auto pair = hall::generate_key_pair();
  if (!pair) {
    std::cerr << "hallctl: " << pair.error() << "\n";
    return 1;
  }
  const std::string base = (dir.empty() ? "." : dir) + "/" + name;
  if (auto s = hall::write_key_files(base, *pair, name); !s) {
    std::cerr << "hallctl: " << s.error() << "\n";
    return 1;
  }
  if (ctx.print_json({{"name", name}, {"public_key", pair->public_key}, {"public_file", base + ".key"},
                      {"secret_file", base + ".key_secret"}}))
    return 0;
  std::cout << "wrote " << base << ".key_secret (secret, mode 0600: keep it on that machine)\n"
            << "and   " << base << ".key (public)\n"
            << "enroll it on the controller: hallctl keys enroll " << name << " --role ROLE " << base << ".key\n";
  return 0;
}

void print_key(const hall::Json& k) {
  std::cout << pad(k.value("name", ""), 16) << pad(k.value("role", ""), 9) << pad(k.value("staff_id", ""), 12)
            << k.value("public_key", "").substr(0, 8) << "…  enrolled " << k.value("enrolled_at", "") << " by "
            << k.value("enrolled_by", "");
  if (!k.value("revoked_at", "").empty()) std::cout << "  REVOKED " << k.value("revoked_at", "");
  std::cout << "\n";
}

}  // namespace

void add_keys_commands(CLI::App& app, Commands& commands) {
  auto* keys = app.add_subcommand("keys", "CURVE keys of screens, kiosks and people: generate, enroll, revoke, list");
  keys->require_subcommand(1);

  auto* gen = keys->add_subcommand("generate", "make a key pair: NAME.key (public) and NAME.key_secret (0600)");
  auto name = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>();
  gen->add_option("name", *name, "the key's name, e.g. kiosk-2 or a staff id")->required();
  gen->add_option("--dir", *dir, "where to write the files (default: here)");
  commands.add(gen, [=](const Context& ctx) { return generate(ctx, *name, *dir); });

  auto* enroll = keys->add_subcommand("enroll", "let a key in: hallctl keys enroll NAME --role ROLE PUBKEY");
  auto e = std::make_shared<std::array<std::string, 4>>();  // name, role, key, staff
  enroll->add_option("name", (*e)[0], "device id (screen, kiosk), staff id or operator name")->required();
  enroll->add_option("--role", (*e)[1], "screen, kiosk, admin, manager, leader, staff or viewer")->required();
  enroll->add_option("pubkey", (*e)[2], "the public key (40 characters) or its NAME.key file")->required();
  enroll->add_option("--staff", (*e)[3], "the staff id the key belongs to (default: NAME, when it is one)");
  commands.add(enroll, [e](const Context& ctx) {
    auto key = hall::public_key_from((*e)[2]);
    if (!key) {
      std::cerr << "hallctl: " << key.error() << "\n";
      return 2;
    }
    hall::Json f = {{"name", (*e)[0]}, {"role", (*e)[1]}, {"public_key", *key}};
    if (!(*e)[3].empty()) f["staff_id"] = (*e)[3];
    auto reply = ctx.call(hall::wire::admin::kKeysEnroll, f);
    if (!reply) return 1;
    if (ctx.print_json(reply->body)) return 0;
    std::cout << "enrolled " << (*e)[0] << " as " << (*e)[1] << "\n";
    return 0;
  });

  auto* revoke = keys->add_subcommand("revoke", "shut a key out; its next message is refused");
  auto rname = std::make_shared<std::string>();
  revoke->add_option("name", *rname, "the key's name (hallctl keys list)")->required();
  commands.add(revoke, [rname](const Context& ctx) {
    auto reply = ctx.call(hall::wire::admin::kKeysRevoke, {{"name", *rname}});
    if (!reply) return 1;
    if (ctx.print_json(reply->body)) return 0;
    std::cout << "revoked " << *rname << "\n";
    return 0;
  });

  auto* list = keys->add_subcommand("list", "every key, valid and revoked");
  commands.add(list, [](const Context& ctx) {
    auto reply = ctx.call(hall::wire::admin::kKeysList);
    if (!reply) return 1;
    if (ctx.print_json(reply->body)) return 0;
    for (const auto& k : reply->body["keys"]) print_key(k);
    return 0;
  });

  auto* whoami = app.add_subcommand("whoami", "who your key is and what it may do");
  commands.add(whoami, [](const Context& ctx) {
    auto reply = ctx.call(hall::wire::admin::kWhoami);
    if (!reply) return 1;
    const auto& b = reply->body;
    if (ctx.print_json(b)) return 0;
    std::cout << b.value("name", "") << " (" << b.value("role", "") << ")";
    if (!b.value("staff_id", "").empty()) std::cout << ", staff " << b.value("staff_id", "");
    if (b.value("security", "") != "curve") std::cout << "  -- security NONE: anyone may do anything";
    std::cout << "\nmay:";
    for (const auto& t : b["may"]) std::cout << " " << t.get<std::string>();
    std::cout << "\n";
    return 0;
  });

  auto* audit = app.add_subcommand("audit", "the audit log: every change, who, when, before and after");
  auto since = std::make_shared<std::string>();
  auto who = std::make_shared<std::string>();
  auto limit = std::make_shared<int>(200);
  audit->add_option("--since", *since, "from this time on, e.g. 2026-12-01");
  audit->add_option("--who", *who, "only this key owner's changes");
  audit->add_option("--limit", *limit, "at most this many of the newest rows (1-10000)")->check(CLI::Range(1, 10000));
  // `audit verify` is listed first: a parsed subcommand's parent is parsed too.
  auto* verify = audit->add_subcommand("verify", "check the hash chain; names the first broken row");
  commands.add(verify, [](const Context& ctx) {
    auto reply = ctx.call(hall::wire::admin::kAuditVerify);
    if (!reply) return 1;
    const auto& b = reply->body;
    if (ctx.print_json(b)) return b.value("intact", false) ? 0 : 1;
    if (b.value("intact", false)) {
      std::cout << "audit log intact: " << b.value("rows", 0) << " rows\n";
      return 0;
    }
    std::cout << "audit log BROKEN at row " << b.value("first_broken", 0) << ": " << b.value("problem", "")
              << " (" << b.value("rows", 0) << " rows)\n";
    return 1;
  });
  commands.add(audit, [=](const Context& ctx) {
    hall::Json f = {{"limit", *limit}};
    if (!since->empty()) f["since"] = *since;
    if (!who->empty()) f["who"] = *who;
    auto reply = ctx.call(hall::wire::admin::kAuditList, f);
    if (!reply) return 1;
    if (ctx.print_json(reply->body)) return 0;
    for (const auto& r : reply->body["rows"]) {
      std::cout << r.value("id", 0) << "  " << r.value("at", "") << "  " << pad(r.value("who", ""), 10)
                << pad(r.value("what", ""), 16) << r.value("subject", "");
      const std::string from = r.value("from", ""), to = r.value("to", ""), note = r.value("note", "");
      if (!from.empty() || !to.empty()) std::cout << "  " << from << " -> " << to;
      if (!note.empty()) std::cout << "  (" << note << ")";
      std::cout << "\n";
    }
    return 0;
  });
}

}  // namespace hallctl
