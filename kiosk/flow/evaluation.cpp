#include "kiosk/flow/evaluation.h"

namespace kiosk {

hall::Json to_fields(const Evaluation& e) {
  return {{"uuid", e.uuid},   {"ticket", e.ticket},     {"score", e.score},
          {"reasons", e.reasons}, {"phone", e.phone},   {"kiosk_id", e.kiosk_id},
          {"created_at", e.created_at}};
}

hall::Result<Evaluation> from_fields(const hall::Json& f) {
  if (!f.is_object()) return hall::fail("evaluation is not a JSON object");
  Evaluation e;
  auto str = [&](const char* key, std::string& out) -> bool {
    auto it = f.find(key);
    if (it == f.end() || !it->is_string()) return false;
    out = it->get<std::string>();
    return true;
  };
  for (auto [key, out] : {std::pair{"uuid", &e.uuid}, {"ticket", &e.ticket}, {"phone", &e.phone},
                          {"kiosk_id", &e.kiosk_id}, {"created_at", &e.created_at}})
    if (!str(key, *out)) return hall::fail(std::string("evaluation field \"") + key + "\" is missing or not a string");
  auto score = f.find("score");
  if (score == f.end() || !score->is_number_integer())
    return hall::fail("evaluation field \"score\" is missing or not an integer");
  e.score = score->get<int>();
  auto rs = f.find("reasons");
  if (rs == f.end() || !rs->is_array()) return hall::fail("evaluation field \"reasons\" is missing or not an array");
  for (const auto& r : *rs) {
    if (!r.is_string()) return hall::fail("evaluation field \"reasons\" holds a non-string");
    e.reasons.push_back(r.get<std::string>());
  }
  return e;
}

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
