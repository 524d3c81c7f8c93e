#include "controller/evaluation_rules.h"

namespace controller {

std::string_view score_label(int score) {
  switch (score) {
    case 5: return "非常满意";
    case 4: return "满意";
    case 3: return "基本满意";
    case 2: return "不满意";
    case 1: return "非常不满意";
  }
  return "";
}

const std::vector<std::string_view>& reason_codes() {
  static const std::vector<std::string_view> codes = {"attitude", "efficiency", "unclear", "multiple_trips",
                                                      "long_wait", "facilities", "other"};
  return codes;
}

bool known_reason(std::string_view code) {
  for (auto c : reason_codes())
    if (c == code) return true;
  return false;
}

bool valid_phone(std::string_view t) {
  if (t.size() > 20) return false;
  for (char c : t)
    if (c < '0' || c > '9') return false;
  return true;
}


}  // namespace controller
