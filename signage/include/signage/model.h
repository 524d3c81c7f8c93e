// model.h: what a screen shows, derived from the CHP key-value map and the
// connection state, with no drawing. The view reads it; tests drive it by
// feeding maps.
// Threading: the UI thread owns the model.
#pragma once

#include <map>
#include <string>

#include "hall/clock.h"

namespace signage {

class Model {
 public:
  // Re-reads everything from the CHP map (values are JSON, see protocol.md).
  // `received` is the local time the map was last changed.
  void apply(const std::map<std::string, std::string>& map, hall::SystemTime received);
  void set_online(bool online) { online_ = online; }

  const std::string& hall_name() const { return hall_name_; }
  const std::string& hall_name_en() const { return hall_name_en_; }
  bool has_content() const { return !hall_name_.empty(); }
  bool online() const { return online_; }

  // The hall's clock: local time corrected by the controller's clock, shown
  // in the controller's time zone. "09:30:05" and "2026年11月27日 星期五".
  std::string clock_text(hall::SystemTime now) const;
  std::string date_text(hall::SystemTime now) const;

  // Every string the view may draw, for the font atlas.
  std::string glyph_text() const;

 private:
  std::string hall_name_;
  std::string hall_name_en_;
  int64_t clock_skew_ms_ = 0;  // controller minus local
  int64_t clock_epoch_ms_ = 0;  // the last /hall/clock reading applied
  int utc_offset_min_ = 0;
  bool have_clock_ = false;
  bool online_ = false;
};

}  // namespace signage
