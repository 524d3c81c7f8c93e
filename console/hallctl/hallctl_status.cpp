// hallctl status: the controller's state and the devices it knows.
#include <iostream>

#include "console/hallctl/hallctl.h"
#include "common/vocab/admin_types.h"

namespace hallctl {

namespace {
int print_status(const Context& ctx, const hall::Message& reply) {
  const auto& b = reply.body;
  if (ctx.print_json(b)) return 0;
  std::cout << "hall:      " << b.value("hall", "") << "\n"
            << "hall time: " << b.value("time", "") << " (" << b.value("timezone", "") << ")\n"
            << "version:   " << b.value("version", "") << "\n"
            << "uptime:    " << b.value("uptime_s", 0) << " s\n"
            << "store:     " << b.value("store", "") << " (schema v" << b.value("schema_version", 0) << ")\n"
            << "published: " << b.value("keys", 0) << " keys, sequence " << b.value("sequence", 0) << "\n";
  const auto& devices = b["devices"];
  std::cout << "devices:   " << devices.size() << "\n";
  for (const auto& d : devices)
    std::cout << "  " << d.value("kind", "") << "  " << d.value("id", "") << "  last seen "
              << d.value("last_seen", "") << "\n";
  return 0;
}
}  // namespace

void add_status_commands(CLI::App& app, Commands& commands) {
  auto* status = app.add_subcommand("status", "show the controller's state and known devices");
  commands.add(status, [](const Context& ctx) {
    auto reply = ctx.call(hall::wire::admin::kStatus);
    return reply ? print_status(ctx, *reply) : 1;
  });
}

}  // namespace hallctl
