// hallctl screens: every screen, online (heard within 15 s) or offline, with
// when it was last seen, the board it shows and the CHP sequence it applied;
// one page at a time (--page), with the totals.
#include <iostream>

#include "console/hallctl/hallctl.h"
#include "common/vocab/admin_types.h"

namespace hallctl {

namespace {
constexpr int kScreensPerPage = 100;

int list(const Context& ctx, int page) {
  auto reply = ctx.call(hall::wire::admin::kScreensList,
                        {{"limit", kScreensPerPage}, {"offset", static_cast<int64_t>(page - 1) * kScreensPerPage}});
  if (!reply) return 1;
  const auto& b = reply->body;
  const auto& screens = b["screens"];
  if (ctx.print_json(b)) return 0;
  const int64_t total = b.value("total", int64_t{0});
  if (total == 0) {
    std::cout << "no screens: none configured in screens.toml and none has reported\n";
    return 0;
  }
  if (!screens.empty())
    std::cout << pad("SCREEN", 17) << pad("STATE", 9) << pad("GROUP", 11) << pad("LAST SEEN", 27) << pad("BOARD", 11)
              << pad("SEQUENCE", 11) << "NAME\n";
  for (const auto& s : screens) {
    std::string seen = s.value("last_seen", "");
    if (seen.empty()) seen = "never";
    std::cout << pad(s.value("id", ""), 17) << pad(s.value("online", false) ? "online" : "offline", 9)
              << pad(s.value("group", ""), 11) << pad(seen, 27) << pad(s.value("board", ""), 11)
              << pad(std::to_string(s.value("sequence", int64_t{0})), 11) << text(s, "name") << "\n";
  }
  const int64_t offset = b.value("offset", int64_t{0});
  const int64_t shown_to = offset + static_cast<int64_t>(screens.size());
  std::cout << b.value("online", int64_t{0}) << " of " << total << " screen(s) online";
  if (page > 1 || shown_to < total)
    std::cout << "; shown " << (screens.empty() ? 0 : offset + 1) << "-" << shown_to
              << (shown_to < total ? "; next: hallctl screens --page " + std::to_string(page + 1) : std::string());
  std::cout << "\n";
  return 0;
}
}  // namespace

void add_screens_commands(CLI::App& app, Commands& commands) {
  auto* screens = app.add_subcommand("screens", "list screens as online or offline with time last seen");
  auto page = std::make_shared<int>(1);
  screens->add_option("--page", *page, "which page of " + std::to_string(kScreensPerPage) + " screens to list")
      ->check(CLI::Range(1, 1000000));
  commands.add(screens, [page](const Context& ctx) { return list(ctx, *page); });
}

}  // namespace hallctl
