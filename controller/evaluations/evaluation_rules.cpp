#include "controller/evaluations/evaluation_rules.h"

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

std::string reason_label(const std::string& code) {
  // As kiosk/flow/evaluation.cpp shows them.
  static const std::vector<std::pair<std::string_view, std::string_view>> labels = {
      {"attitude", "态度"},         {"efficiency", "效率"},        {"unclear", "告知不清"},
      {"multiple_trips", "多次跑腿"}, {"long_wait", "等候太久"}, {"facilities", "环境设施"},
      {"other", "其他"}};
  for (const auto& [c, label] : labels)
    if (c == code) return std::string(label);
  return code;
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


std::optional<Refusal> ticket_refusal(const std::string& number, const std::optional<Ticket>& t, int64_t now_ms,
                                      int window_h) {
  if (!t) return Refusal{"not_found", "no ticket " + number + " is known; check the number printed on the ticket"};
  if (t->state != "finished")
    return Refusal{"not_served", "ticket " + number +
                                     (t->state == "no_show" ? " was not served (no-show)" : " has not been served yet")};
  if (t->finished_ms < now_ms - int64_t{window_h} * 3600 * 1000)
    return Refusal{"expired", "ticket " + number + " was served more than " + std::to_string(window_h) +
                                  " hours ago; it can no longer be rated"};
  return std::nullopt;
}

Refusal already_rated(const std::string& number) {
  return {"already_rated", "ticket " + number + " has already been rated; one rating per service"};
}

std::string conflict_message(const std::string& uuid) {
  return "uuid " + uuid + " is already used by a different rating; a new rating needs a new uuid";
}

}  // namespace controller
