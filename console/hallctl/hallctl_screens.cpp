// hallctl screens: every screen, online (heard within 15 s) or offline, with
// when it was last seen, the board it shows and the CHP sequence it applied.
#include <cstdio>
#include <iostream>

#include "console/hallctl/hallctl.h"
#include "common/vocab/admin_types.h"

namespace hallctl {

namespace {
int list(const Context& ctx) {
  auto reply = ctx.call(hall::wire::admin::kScreensList);
  if (!reply) return 1;
  const auto& screens = reply->body["screens"];
  if (ctx.print_json(reply->body)) return 0;
  if (screens.empty()) {
    std::cout << "no screens: none configured in screens.toml and none has reported\n";
    return 0;
  }
  std::printf("%-16s %-8s %-10s %-26s %-10s %10s  %s\n", "SCREEN", "STATE", "GROUP", "LAST SEEN", "BOARD",
              "SEQUENCE", "NAME");
  size_t online = 0;
  for (const auto& s : screens) {
    const bool on = s.value("online", false);
    online += on;
    std::string seen = s.value("last_seen", "");
    if (seen.empty()) seen = "never";
    std::printf("%-16s %-8s %-10s %-26s %-10s %10lld  %s\n", s.value("id", "").c_str(), on ? "online" : "offline",
                s.value("group", "").c_str(), seen.c_str(), s.value("board", "").c_str(),
                static_cast<long long>(s.value("sequence", int64_t{0})), s.value("name", "").c_str());
  }
  std::cout << online << " of " << screens.size() << " screen(s) online\n";
  return 0;
}
}  // namespace

void add_screens_commands(CLI::App& app, Commands& commands) {
  auto* screens = app.add_subcommand("screens", "list screens as online or offline with time last seen");
  commands.add(screens, [](const Context& ctx) { return list(ctx); });
}

}  // namespace hallctl
