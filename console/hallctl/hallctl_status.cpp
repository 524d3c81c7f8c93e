// hallctl status: the controller's state, a summary of the devices it knows
// and one page of them (--page), and what it has refused.
#include <iostream>

#include "console/hallctl/hallctl.h"
#include "common/vocab/admin_types.h"

namespace hallctl {

namespace {
constexpr int kDevicesPerPage = 50;

int print_status(const Context& ctx, const hall::Message& reply, int page) {
  const auto& b = reply.body;
  if (ctx.print_json(b)) return 0;
  std::cout << "hall:      " << text(b, "hall") << "\n"
            << "hall time: " << text(b, "time") << " (" << text(b, "timezone") << ")\n"
            << "version:   " << text(b, "version") << "\n"
            << "uptime:    " << b.value("uptime_s", 0) << " s\n"
            << "store:     " << text(b, "store") << " (schema v" << b.value("schema_version", 0) << ")\n"
            << "published: " << b.value("keys", 0) << " keys, sequence " << b.value("sequence", 0) << "\n";
  const auto disk = b.value("disk_full", hall::Json::object());
  if (disk.value("now", false))
    std::cout << "disk:      FULL since " << text(disk, "since") << ": ratings are refused with store_full (retryable; "
              << "they wait in the kiosks' outboxes), " << disk.value("refused", 0) << " so far. Free space under "
              << text(b, "store") << "\n";
  else if (disk.value("episodes", 0) > 0)
    std::cout << "disk:      ok; was full " << disk.value("episodes", 0) << " time(s), the last for "
              << disk.value("last_ms", 0) / 1000.0 << " s; " << disk.value("refused", 0)
              << " request(s) refused meanwhile\n";
  if (b.value("security", "") == "curve")
    std::cout << "security:  curve (enrolled keys only)\n";
  else
    std::cout << "security:  NONE -- DEVELOPMENT ONLY: no keys, no encryption; anyone on this network can read and "
                 "change this hall. Set security.mode = \"curve\" (docs/security.md)\n";
  const auto refused = b.value("refused", hall::Json::object());
  const auto snapshots = b.value("snapshots", hall::Json::object());
  std::cout << "refused:   " << refused.value("device", 0) << " device, " << refused.value("admin", 0)
            << " admin, " << refused.value("snapshot", 0) << " snapshot frame(s); "
            << refused.value("new_devices", 0) << " new device(s) over the limit; "
            << snapshots.value("stalled_peers", 0) << " snapshot peer(s) dropped for not reading\n";
  for (const auto& a : b.value("alarms", hall::Json::array()))
    std::cout << "ALARM:     " << (a.is_string() ? a.get<std::string>() : a.dump()) << "\n";
  for (const auto& d : b.value("set_aside", hall::Json::array()))
    std::cout << "DAMAGED:   " << text(d, "kind") << " " << text(d, "id") << " at " << text(d, "at") << ": "
              << text(d, "what") << ". Nothing was deleted; see docs/reliability.md, \"Damaged local data\"\n";
  const auto phones = b.value("phones", hall::Json::object());
  std::cout << "phones:    " << phones.value("purged", 0) << " callback number(s) purged (cases.phone_purge_days)\n";
  const auto& devices = b["devices"];
  const int64_t total = b.value("devices_total", int64_t{0});
  std::cout << "devices:   " << total;
  std::string kinds;
  const auto by_kind = b.value("devices_by_kind", hall::Json::object());
  for (const auto& [kind, n] : by_kind.items())
    kinds += (kinds.empty() ? "" : ", ") + std::to_string(n.get<int64_t>()) + " " + text(kind);
  if (!kinds.empty()) std::cout << " (" << kinds << ")";
  std::cout << "\n";
  for (const auto& d : devices)
    std::cout << "  " << pad(d.value("kind", ""), 8) << pad(d.value("id", ""), 24) << "last seen " << text(d, "last_seen")
              << "\n";
  const int64_t shown_to = b.value("offset", int64_t{0}) + static_cast<int64_t>(devices.size());
  if (!devices.empty() && (page > 1 || shown_to < total))
    std::cout << "  (devices " << b.value("offset", int64_t{0}) + 1 << "-" << shown_to << " of " << total
              << (shown_to < total ? "; next: hallctl status --page " + std::to_string(page + 1) : std::string())
              << ")\n";
  return 0;
}
}  // namespace

void add_status_commands(CLI::App& app, Commands& commands) {
  auto* status = app.add_subcommand("status", "show the controller's state and known devices");
  auto page = std::make_shared<int>(1);
  status->add_option("--page", *page, "which page of " + std::to_string(kDevicesPerPage) + " devices to list")
      ->check(CLI::Range(1, 1000000));
  commands.add(status, [page](const Context& ctx) {
    auto reply = ctx.call(hall::wire::admin::kStatus,
                          {{"limit", kDevicesPerPage}, {"offset", static_cast<int64_t>(*page - 1) * kDevicesPerPage}});
    return reply ? print_status(ctx, *reply, *page) : 1;
  });
}

}  // namespace hallctl
