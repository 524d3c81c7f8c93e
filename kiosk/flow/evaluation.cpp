#include "kiosk/flow/evaluation.h"

namespace kiosk {

namespace {
constexpr const char* kZh[] = {"非常不满意", "不满意", "基本满意", "满意", "非常满意"};
constexpr const char* kEn[] = {"Very dissatisfied", "Dissatisfied", "Acceptable", "Satisfied",
                               "Very satisfied"};
}  // namespace

const char* score_label_zh(int score) { return score >= 1 && score <= 5 ? kZh[score - 1] : ""; }
const char* score_label_en(int score) { return score >= 1 && score <= 5 ? kEn[score - 1] : ""; }
bool is_bad_score(int score) { return score == 1 || score == 2; }

const std::vector<Reason>& reasons() {
  static const std::vector<Reason> all = {
      {"attitude", "态度", "Attitude"},
      {"efficiency", "效率", "Slow service"},
      {"unclear", "告知不清", "Unclear information"},
      {"multiple_trips", "多次跑腿", "Had to come back"},
      {"long_wait", "等候太久", "Waited too long"},
      {"facilities", "环境设施", "Facilities"},
      {"other", "其他", "Other"},
  };
  return all;
}

bool is_reason_code(std::string_view code) {
  for (const auto& r : reasons())
    if (code == r.code) return true;
  return false;
}

std::string mask_phone(std::string_view d) {
  if (d.size() <= 3) return std::string(d);
  if (d.size() <= 7) return std::string(d.substr(0, 3)) + std::string(d.size() - 3, '*');
  return std::string(d.substr(0, 3)) + std::string(d.size() - 7, '*') + std::string(d.substr(d.size() - 4));
}

}  // namespace kiosk
