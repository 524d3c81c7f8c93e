// model.h: the kiosk's state machine, with no drawing. The view draws it and
// returns intents (what the visitor did); apply() changes the state. Tests
// drive the model by feeding intents and time.
// Threading: the UI thread owns the model.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <variant>

#include "kiosk/text.h"

namespace kiosk {

enum class Step { Welcome };

namespace intent {
struct ToggleLanguage {};
struct Touch {};  // any touch: keeps the session alive
}  // namespace intent
using Intent = std::variant<intent::ToggleLanguage, intent::Touch>;

class Model {
 public:
  using Clock = std::chrono::steady_clock;

  Model(Lang rest_language, std::chrono::seconds idle_timeout)
      : rest_language_(rest_language), language_(rest_language), idle_timeout_(idle_timeout) {}

  void apply(const Intent& intent, Clock::time_point now);
  // Returns to the welcome step in the resting language after the idle
  // timeout. Returns true when that happened.
  bool tick(Clock::time_point now);
  // Reads the hall name from the CHP map ("/hall/info").
  void apply_map(const std::map<std::string, std::string>& map);
  void set_online(bool online) { online_ = online; }

  Step step() const { return step_; }
  Lang language() const { return language_; }
  bool online() const { return online_; }
  const std::string& hall_name() const { return language_ == Lang::Zh || hall_name_en_.empty() ? hall_name_ : hall_name_en_; }
  const char* tr(Text id) const { return text(language_, id); }
  std::string glyph_text() const;

 private:
  Lang rest_language_;
  Lang language_;
  std::chrono::seconds idle_timeout_;
  Step step_ = Step::Welcome;
  Clock::time_point last_touch_{};
  bool online_ = false;
  std::string hall_name_;
  std::string hall_name_en_;
};

}  // namespace kiosk
