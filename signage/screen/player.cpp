#include "signage/screen/player.h"

#include <utility>

#include "common/base/log.h"
#include "common/base/utf8.h"
#include "common/vocab/device_messages.h"

namespace signage {

Player::Player(PlayerOptions options, Steady started)
    : options_(std::move(options)),
      model_(options_.group),
      cache_(options_.cache_dir),
      started_(started),
      last_cache_write_(started) {
  model_.pin_board(options_.board);
}

std::string Player::start(hall::SystemTime wall) {
  std::string set_aside;
  if (auto loaded = cache_.load(wall); !loaded) {
    hall::log::error("{}", loaded.error());
    set_aside = loaded.error();
  } else if (*loaded) {
    auto& snap = **loaded;
    cached_map_ = std::move(snap.map);
    cached_sequence_ = snap.sequence;
    model_.apply(cached_map_, wall, false);  // the cached clock reading is old: no offset from it
    model_.set_offline_since(snap.saved_at);
    hall::log::info("showing the cached snapshot from {} ({} keys, sequence {}{})", hall::iso_time(snap.saved_at),
                    cached_map_.size(), cached_sequence_,
                    snap.media_dropped ? fmt::format(", {} damaged photos left out", snap.media_dropped) : "");
    if (snap.media_dropped)
      set_aside = fmt::format("{} damaged cached photo(s) set aside in {}", snap.media_dropped,
                              (options_.cache_dir / "corrupt").string());
  }
  model_.set_online(false, wall);
  return hall::utf8::printable(set_aside, hall::wire::Hello::kMaxSetAsideBytes);
}

bool Player::update(const Feed& feed, Steady now, hall::SystemTime wall) {
  chp_map_ = feed.map;
  chp_sequence_ = feed.sequence;
  bool changed = feed.changed;
  changed |= std::exchange(first_update_, false);  // logs what the cache shows
  if (feed.online != model_.online()) {
    hall::log::info(feed.online ? "online: controller reachable" : "offline: controller not reachable");
    model_.set_online(feed.online, wall);
    changed = true;
  }
  if (changed) {
    model_.apply(map(), wall, chp_map_ != nullptr);
    if (chp_map_) cache_dirty_ = true;
    log_changes(feed.sequence, wall);
  }
  const std::string board = model_.current(wall).board;
  if (board != last_board_) {
    last_board_ = board;
    hall::log::debug("board: {}", board);
  }
  // The cache is written at most every cache_interval, and only after a change.
  if (cache_dirty_ && now - last_cache_write_ >= options_.cache_interval) {
    save_cache(wall);
    last_cache_write_ = now;
  }
  return changed;
}

void Player::log_changes(uint64_t sequence, hall::SystemTime wall) {
  if (model_.zone().name() != last_zone_) {
    // This program's own times (logs, status reports) follow the hall's zone too.
    last_zone_ = model_.zone().name();
    hall::set_hall_zone(model_.zone());
    hall::log::info("hall time zone {}: {} {}", last_zone_, model_.date_text(wall), model_.clock_text(wall));
  }
  if (model_.hall_name() != last_name_) {
    last_name_ = model_.hall_name();
    hall::log::info("showing hall '{}' (sequence {})", last_name_, sequence);
  }
  if (model_.content().urgent != last_urgent_) {
    last_urgent_ = model_.content().urgent;
    if (last_urgent_.empty()) hall::log::info("urgent notice cleared (sequence {})", sequence);
    else hall::log::info("urgent notice shown: {} (sequence {})", last_urgent_, sequence);
  }
  if (model_.content().epoch != last_epoch_) {
    last_epoch_ = model_.content().epoch;
    hall::log::info("controller epoch {} (sequence {})", last_epoch_, sequence);
  }
  if (model_.content().problems != last_problems_) {
    last_problems_ = model_.content().problems;
    for (const auto& p : last_problems_) hall::log::warn("content problem: {}", p);
  }
}

std::optional<StatusReport> Player::status_due(Steady now, bool reachable, double frame_ms) {
  if (!reachable || (last_status_ && now - *last_status_ < options_.status_interval)) return std::nullopt;
  last_status_ = now;
  StatusReport r;
  r.device_id = options_.id;
  r.group = options_.group;
  r.board = model_.urgent() ? "urgent" : last_board_;
  r.sequence = chp_map_ ? chp_sequence_ : cached_sequence_;
  r.uptime_s = std::chrono::duration_cast<std::chrono::seconds>(now - started_).count();
  r.frame_ms = frame_ms;
  r.rss_kb = rss_kb();
  r.offline_since = model_.offline_since() ? hall::iso_time(*model_.offline_since()) : "";
  return r;
}

void Player::stop(hall::SystemTime wall) {
  if (cache_dirty_) save_cache(wall);
}

void Player::save_cache(hall::SystemTime wall) {
  if (!chp_map_) return;  // dirty only once there is a CHP map
  if (auto s = cache_.save(*chp_map_, chp_sequence_, wall); !s) hall::log::error("{}", s.error());
  cache_dirty_ = false;
}

}  // namespace signage
