// player.h: a screen's program logic between the network and the view. It
// feeds the CHP map (or, until the controller answers, the cached snapshot)
// into the model, logs what changes on screen, keeps the snapshot cache
// (read once at start; written at most every `cache_interval` after a
// change, and once more at the end) and says when a screen.status report is
// due and what it holds. hall-signage wires it to the CHP client, the device
// link and the shell; tests drive it with maps and times.
// Threading: the UI thread owns the player.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/time/clock.h"
#include "signage/screen/cache.h"
#include "signage/screen/model.h"
#include "signage/screen/status.h"

namespace signage {

struct PlayerOptions {
  std::string id;     // the screen's device id
  std::string group;  // its screen group
  std::string board;  // pin one board ("" = follow the playlist)
  std::filesystem::path cache_dir;
  std::chrono::seconds status_interval{5};
  std::chrono::seconds cache_interval{2};  // at most one cache write per this
};

// What the network brought by one turn of the frame loop.
struct Feed {
  // The CHP client's map once it has had a snapshot, else nullptr. The
  // player keeps the pointer (for map() and stop()) until the next update,
  // so it must stay valid that long; the CHP client's own map does.
  const std::map<std::string, std::string>* map = nullptr;
  uint64_t sequence = 0;  // the CHP client's sequence
  bool changed = false;   // keys changed or a new snapshot came since the last turn
  bool online = false;    // CHP live and the controller reachable on the device link
};

class Player {
 public:
  using Steady = std::chrono::steady_clock::time_point;

  Player(PlayerOptions options, Steady started);

  // Offline start: shows the cached snapshot, if there is one (a damaged
  // cache is logged and set aside), and starts offline. Returns what was set
  // aside, in a line for hallctl status (the hello's set_aside), or "".
  std::string start(hall::SystemTime wall);
  // One turn: applies the feed to the model, logs what changed and writes
  // the cache when due. True when the model changed (redraw, new glyphs).
  bool update(const Feed& feed, Steady now, hall::SystemTime wall);
  // The status report to send now, or nullopt: one per `status_interval`,
  // and only while the controller is reachable.
  std::optional<StatusReport> status_due(Steady now, bool reachable, double frame_ms);
  // At exit: writes the cache if it holds changes not yet written.
  void stop(hall::SystemTime wall);

  const Model& model() const { return model_; }
  // The map on screen: the CHP map once there is one, else the cached one.
  const std::map<std::string, std::string>& map() const { return chp_map_ ? *chp_map_ : cached_map_; }

 private:
  void log_changes(uint64_t sequence, hall::SystemTime wall);
  void save_cache(hall::SystemTime wall);

  PlayerOptions options_;
  Model model_;
  SnapshotCache cache_;
  Steady started_;
  const std::map<std::string, std::string>* chp_map_ = nullptr;
  uint64_t chp_sequence_ = 0;
  std::map<std::string, std::string> cached_map_;
  uint64_t cached_sequence_ = 0;
  bool first_update_ = true;           // the first turn logs what the cache shows
  bool cache_dirty_ = false;           // the CHP map changed since the cache was written
  Steady last_cache_write_;            // the start counts as one: no write in the first interval
  std::optional<Steady> last_status_;  // none yet: the first report is due at once
  std::string last_name_, last_urgent_, last_board_, last_epoch_, last_zone_;
  std::vector<std::string> last_problems_;
};

}  // namespace signage
