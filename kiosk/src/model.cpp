#include "kiosk/model.h"

#include <nlohmann/json.hpp>

namespace kiosk {

void Model::apply(const Intent& intent, Clock::time_point now) {
  last_touch_ = now;
  if (std::holds_alternative<intent::ToggleLanguage>(intent))
    language_ = language_ == Lang::Zh ? Lang::En : Lang::Zh;
}

bool Model::tick(Clock::time_point now) {
  if (last_touch_ == Clock::time_point{} || now - last_touch_ < idle_timeout_) return false;
  last_touch_ = {};
  const bool changed = step_ != Step::Welcome || language_ != rest_language_;
  step_ = Step::Welcome;
  language_ = rest_language_;
  return changed;
}

void Model::apply_map(const std::map<std::string, std::string>& map) {
  auto it = map.find("/hall/info");
  if (it == map.end()) return;
  auto info = nlohmann::json::parse(it->second, nullptr, false);
  if (!info.is_object()) return;
  hall_name_ = info.value("name", "");
  hall_name_en_ = info.value("name_en", "");
}

std::string Model::glyph_text() const { return all_text() + hall_name_ + hall_name_en_; }

}  // namespace kiosk
