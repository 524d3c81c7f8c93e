// model.h: what a screen shows, derived from the CHP key-value map, the
// screen's group and the connection state, with no drawing. It parses the
// content (content.h), picks the board from the group's playlist and opening
// hours, pages long boards, and keeps the clock, the ticker and the urgent
// notice. Everything time-dependent is a pure function of the `now` passed in,
// so all screens of a group turn their boards together and tests can step
// through time. The view reads it; tests drive it by feeding maps.
// Threading: the UI thread owns the model.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/time/clock.h"
#include "signage/screen/content.h"

namespace signage {

struct BoardSlot {
  std::string board;       // one of board_names()
  int64_t started_s = 0;   // hall-local second the board came up
  int seconds = 0;         // how long it stays (0: until something changes)
  bool outside_hours = false;
  bool pinned = false;
  // While the hall is not open (its hours, lunch break, a holiday): what the
  // screen says, e.g. "午间休息 13:30 恢复办理" (hall::hall_state); else "".
  std::string status;
};

class Model {
 public:
  explicit Model(std::string group = "lobby") : group_(std::move(group)) {}

  // Re-reads everything from the CHP map (values are JSON, see protocol.md).
  // `received` is the local time the map was last changed. Only a map that
  // came live from the controller (`live`) sets the clock's offset: a new
  // /hall/clock reading minus `received`. A cached map's reading is old, so
  // a screen started from its cache runs on its own clock until then.
  void apply(const std::map<std::string, std::string>& map, hall::SystemTime received, bool live = true);
  // Online/offline: going offline remembers when; `since` may be given for a
  // screen that starts from its cache (the time the cache was written).
  void set_online(bool online, hall::SystemTime now);
  void set_offline_since(hall::SystemTime since) { offline_since_ = since; online_ = false; }
  // Pins one board (for screenshots and single-purpose screens); "" unpins.
  void pin_board(std::string board) { pinned_ = std::move(board); }

  const Content& content() const { return content_; }
  const std::string& group() const { return group_; }
  const std::string& hall_name() const { return content_.hall_name; }
  const std::string& hall_name_en() const { return content_.hall_name_en; }
  const std::string& hall_logo() const { return content_.hall_logo; }
  bool has_content() const { return !content_.hall_name.empty(); }
  bool online() const { return online_; }
  std::optional<hall::SystemTime> offline_since() const { return offline_since_; }
  // "离线 自 09:30 起" while offline ("离线 自 11月30日 18:05 起" when that
  // was not today), "" online. Needs `now` for the day.
  std::string offline_text(hall::SystemTime now) const;

  // The board on screen at `now`: the playlist's `outside` board (or "blank")
  // outside opening hours: the playlist's own hours when it sets them, else
  // the hall's (/hall/hours, with its lunch breaks, holidays and 调休). A
  // board with nothing to show yet (rankings before the first month is
  // scored) leaves the rotation.
  BoardSlot current(hall::SystemTime now) const;
  // The hall's state at `now` from /hall/hours (Always when it sets none).
  hall::HallState hall_state(hall::SystemTime now) const;
  // The page of a board with `pages` pages at `now` when each page stays
  // `page_seconds`; pages turn in step with the hall clock.
  int page(int pages, int page_seconds, hall::SystemTime now) const;
  // Ticker notices still valid at `now` joined for the scrolling band; "" if none.
  std::string ticker_text(hall::SystemTime now) const;
  bool urgent() const { return !content_.urgent.empty(); }
  // Whether a board has anything to show (rankings: any ranked row).
  bool has_data(const std::string& board) const;

  // The hall's clock: this machine's time corrected by the controller's
  // clock, shown in hall time (the zone /hall/clock names; Asia/Shanghai
  // until one arrives), never in this machine's TZ. "09:30:05" and
  // "2026年11月27日 星期五".
  std::string clock_text(hall::SystemTime now) const;
  std::string date_text(hall::SystemTime now) const;
  // The hall's wall-clock time at `now` (corrected), to the second.
  std::chrono::local_seconds hall_local(hall::SystemTime now) const;
  int64_t hall_seconds(hall::SystemTime now) const;  // hall-local seconds since 1970
  const hall::TimeZone& zone() const { return zone_; }

  // Every string the view may draw, for the font atlas.
  std::string glyph_text() const;

 private:
  std::string group_;
  std::string pinned_;
  Content content_;
  int64_t clock_skew_ms_ = 0;   // controller minus local
  int64_t clock_epoch_ms_ = 0;  // the last /hall/clock reading applied
  hall::TimeZone zone_;  // the hall's
  bool online_ = false;
  std::optional<hall::SystemTime> offline_since_;
};

}  // namespace signage
