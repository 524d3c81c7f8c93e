// hall-signage: a fullscreen screen that shows the hall's boards, fed by the
// controller over CHP. See docs/signage.md.
// Threading: everything on the main thread (network pumps inside the shell's
// update callback, drawing inside its draw callback).
#include <cstdio>

#include "common/base/app.h"
#include "common/access/security.h"
#include "common/chp/chp_client.h"
#include "common/vocab/content_keys.h"
#include "common/link/device_link.h"
#include "common/base/log.h"
#include "common/ui/options.h"
#include "common/ui/textures.h"
#include "signage/settings.h"
#include "signage/screen/player.h"
#include "signage/view.h"

int main(int argc, char** argv) {
  CLI::App app{"Sanliang Hall signage player", "hall-signage"};
  hall::CommonOptions common;
  hall::add_common_options(app, common, "");
  hall::ui::UiFlags ui_flags;
  hall::ui::add_ui_flags(app, ui_flags);
  std::string board_flag;
  app.add_option("--board", board_flag,
                 "pin one board (" + hall::wire::board_list() + "); overrides signage.board");
  if (auto code = hall::parse_command_line(app, argc, argv)) return *code;

  auto config = hall::start_program("hall-signage", signage::schema(), common);
  if (!config) {
    std::fprintf(stderr, "hall-signage: %s\n", config.error().c_str());
    return 2;
  }
  auto settings = signage::settings_from(*config);
  if (!board_flag.empty()) settings.board = board_flag;
  if (!settings.board.empty() && !signage::known_board(settings.board)) {
    std::fprintf(stderr, "hall-signage: unknown board '%s'; use %s\n", settings.board.c_str(),
                 hall::wire::board_list(" or ").c_str());
    return 2;
  }
  if (settings.group.empty() || settings.group.find('/') != std::string::npos || settings.group.size() > 64) {
    std::fprintf(stderr, "hall-signage: signage.group '%s' must be 1-64 characters without '/'\n",
                 settings.group.c_str());
    return 2;
  }
  auto shell = hall::ui::Shell::create(hall::ui::shell_options(*config, ui_flags, "Sanliang Hall — signage"));
  if (!shell) {
    std::fprintf(stderr, "hall-signage: %s\n", shell.error().c_str());
    return 1;
  }

  auto curve = hall::client_curve_from(*config, "hall-signage");
  if (!curve) {
    std::fprintf(stderr, "hall-signage: %s\n", curve.error().c_str());
    return 2;
  }
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx, {}, *curve);
  hall::ChpClientOptions chp_options;
  chp_options.snapshot = settings.chp;
  chp_options.subtrees = signage::subtrees(settings.group);
  hall::ChpClient chp(sockets, chp_options);
  hall::ui::TextureCache textures((*shell)->renderer());
  signage::PlayerOptions player_options{settings.id, settings.group, settings.board, settings.cache_dir,
                                        std::chrono::seconds(settings.status_interval_s)};
  signage::Player player(player_options, std::chrono::steady_clock::now());
  // Offline start: show the cached snapshot until the controller answers. A
  // damaged cache set aside is reported in every hello (hallctl status).
  const std::string set_aside = player.start(std::chrono::system_clock::now());
  hall::DeviceLink link(sockets, {.controller = settings.device, .kind = "signage", .device_id = settings.id,
                                  .set_aside = set_aside});
  (*shell)->need_glyphs(player.model().glyph_text());

  size_t last_snapshots = 0;
  auto update = [&] {
    const auto now = std::chrono::steady_clock::now();
    signage::Feed feed;
    feed.changed = chp.pump(now) > 0;
    if (chp.snapshots() != last_snapshots) {
      last_snapshots = chp.snapshots();
      feed.changed = true;
    }
    link.pump(now, [](const hall::Message&) {});
    feed.map = chp.has_snapshot() ? &chp.map() : nullptr;
    feed.sequence = chp.sequence();
    feed.online = chp.state() == hall::ChpClient::State::Live && link.reachable(now);
    const bool changed = player.update(feed, now, std::chrono::system_clock::now());
    if (changed) (*shell)->need_glyphs(player.model().glyph_text());
    if (auto report = player.status_due(now, link.reachable(now), (*shell)->frame_ms()))
      link.send(signage::StatusReport::kType, signage::status_fields(*report));
    return changed;
  };
  auto photo = [&](const std::string& sha) {
    const auto& map = player.map();
    auto it = map.find("/media/" + sha);
    return textures.get(sha, it == map.end() ? nullptr : &it->second);
  };
  int frames = 0;
  auto draw = [&] {
    if (++frames % 600 == 0) textures.collect();
    return signage::draw(player.model(), (*shell)->fonts(), std::chrono::system_clock::now(), photo);
  };
  auto status = (*shell)->run(update, draw);
  player.stop(std::chrono::system_clock::now());
  hall::log::info("signage stopping after {} frames (the still part drawn {} times); {} glyphs, {} missing",
                  (*shell)->frames_rendered(), (*shell)->static_renders(), (*shell)->glyph_count(),
                  (*shell)->missing_glyphs());
  if (!status) {
    std::fprintf(stderr, "hall-signage: %s\n", status.error().c_str());
    return 1;
  }
  return 0;
}
