// hall-signage: a fullscreen screen that shows the hall's boards, fed by the
// controller over CHP. See docs/signage.md.
// Threading: everything on the main thread (network pumps inside the shell's
// update callback, drawing inside its draw callback).
#include <cstdio>
#include <utility>

#include "common/base/app.h"
#include "common/chp/chp_client.h"
#include "common/vocab/boards.h"
#include "common/wire/device_link.h"
#include "common/base/log.h"
#include "common/ui/options.h"
#include "common/ui/textures.h"
#include "signage/screen/cache.h"
#include "signage/settings.h"
#include "signage/screen/status.h"
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
  CLI11_PARSE(app, argc, argv);

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

  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  hall::ChpClientOptions chp_options;
  chp_options.snapshot = settings.chp;
  chp_options.subtrees = signage::subtrees(settings.group);
  hall::ChpClient chp(sockets, chp_options);
  hall::DeviceLink link(sockets, {settings.device, "signage", settings.id});
  signage::Model model(settings.group);
  model.pin_board(settings.board);
  hall::ui::TextureCache textures((*shell)->renderer());

  // Offline start: show the cached snapshot until the controller answers.
  signage::SnapshotCache cache(settings.cache_dir);
  std::map<std::string, std::string> cached_map;
  uint64_t cached_sequence = 0;
  if (auto loaded = cache.load(); !loaded) {
    hall::log::error("{}", loaded.error());
  } else if (*loaded) {
    auto& snap = **loaded;
    cached_map = std::move(snap.map);
    cached_sequence = snap.sequence;
    model.apply(cached_map, std::chrono::system_clock::now());
    model.set_offline_since(snap.saved_at);
    hall::log::info("showing the cached snapshot from {} ({} keys, sequence {}{})", hall::iso_time(snap.saved_at),
                    cached_map.size(), cached_sequence,
                    snap.media_dropped ? fmt::format(", {} damaged photos left out", snap.media_dropped) : "");
  }
  model.set_online(false, std::chrono::system_clock::now());
  (*shell)->need_glyphs(model.glyph_text());

  const auto started = std::chrono::steady_clock::now();
  auto last_status = started - std::chrono::hours(1);
  auto last_cache_write = started;
  bool cache_dirty = false;
  std::string last_name, last_urgent, last_board, last_epoch;
  size_t last_snapshots = 0;
  std::vector<std::string> last_problems;
  bool first_update = true;
  const auto& current_map = [&]() -> const std::map<std::string, std::string>& {
    return chp.has_snapshot() ? chp.map() : cached_map;
  };

  auto update = [&] {
    const auto now = std::chrono::steady_clock::now();
    const auto wall = std::chrono::system_clock::now();
    bool changed = chp.pump(now) > 0;
    changed |= std::exchange(first_update, false);  // logs what the cache shows
    if (chp.snapshots() != last_snapshots) {
      last_snapshots = chp.snapshots();
      changed = true;
    }
    link.pump(now, [](const hall::Message&) {});
    const bool online = chp.state() == hall::ChpClient::State::Live && link.reachable(now);
    if (online != model.online()) {
      hall::log::info(online ? "online: controller reachable" : "offline: controller not reachable");
      model.set_online(online, wall);
      changed = true;
    }
    if (changed) {
      model.apply(current_map(), wall);
      (*shell)->need_glyphs(model.glyph_text());
      if (chp.has_snapshot()) cache_dirty = true;
      if (model.hall_name() != last_name) {
        last_name = model.hall_name();
        hall::log::info("showing hall '{}' (sequence {})", last_name, chp.sequence());
      }
      if (model.content().urgent != last_urgent) {
        last_urgent = model.content().urgent;
        if (last_urgent.empty()) hall::log::info("urgent notice cleared (sequence {})", chp.sequence());
        else hall::log::info("urgent notice shown: {} (sequence {})", last_urgent, chp.sequence());
      }
      if (model.content().epoch != last_epoch) {
        last_epoch = model.content().epoch;
        hall::log::info("controller epoch {} (sequence {})", last_epoch, chp.sequence());
      }
      if (model.content().problems != last_problems) {
        last_problems = model.content().problems;
        for (const auto& p : last_problems) hall::log::warn("content problem: {}", p);
      }
    }
    const std::string board = model.current(wall).board;
    if (board != last_board) {
      last_board = board;
      hall::log::debug("board: {}", board);
    }
    // The cache is written at most every 2 s, and only after a change.
    if (cache_dirty && now - last_cache_write >= std::chrono::seconds(2)) {
      if (auto s = cache.save(chp.map(), chp.sequence(), wall); !s) hall::log::error("{}", s.error());
      cache_dirty = false;
      last_cache_write = now;
    }
    if (now - last_status >= std::chrono::seconds(settings.status_interval_s) && link.reachable(now)) {
      last_status = now;
      signage::StatusReport r;
      r.device_id = settings.id;
      r.group = settings.group;
      r.board = model.urgent() ? "urgent" : board;
      r.sequence = chp.has_snapshot() ? chp.sequence() : cached_sequence;
      r.uptime_s = std::chrono::duration_cast<std::chrono::seconds>(now - started).count();
      r.frame_ms = (*shell)->frame_ms();
      r.rss_kb = signage::rss_kb();
      r.offline_since = model.offline_since() ? hall::iso_time(*model.offline_since()) : "";
      link.send(signage::StatusReport::kType, signage::status_fields(r));
    }
    return changed;
  };
  auto photo = [&](const std::string& sha) {
    const auto& map = current_map();
    auto it = map.find("/media/" + sha);
    return textures.get(sha, it == map.end() ? nullptr : &it->second);
  };
  int frames = 0;
  auto draw = [&] {
    if (++frames % 600 == 0) textures.collect();
    return signage::draw(model, (*shell)->fonts(), std::chrono::system_clock::now(), photo);
  };
  auto status = (*shell)->run(update, draw);
  if (cache_dirty) {
    if (auto s = cache.save(chp.map(), chp.sequence(), std::chrono::system_clock::now()); !s)
      hall::log::error("{}", s.error());
  }
  hall::log::info("signage stopping after {} frames; {} glyphs, {} missing",
                  (*shell)->frames_rendered(), (*shell)->glyph_count(), (*shell)->missing_glyphs());
  if (!status) {
    std::fprintf(stderr, "hall-signage: %s\n", status.error().c_str());
    return 1;
  }
  return 0;
}
