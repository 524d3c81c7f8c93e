#include "controller/report/case_flow.h"

#include <chrono>

#include "common/time/clock.h"

namespace controller {

void fill_missing_steps(CaseHistory& h, int64_t closed_ms) {
  if (!h.steps.empty() || h.c.state == CaseState::Open) return;
  const bool closed = h.c.state == CaseState::Closed && closed_ms > 0;
  if (!h.c.reject_reason.empty()) {
    h.steps.push_back({h.opened_ms, CaseState::Open, CaseState::Rejected, h.c.reject_reason});
    if (h.c.state == CaseState::Closed)
      h.steps.push_back({closed ? closed_ms : h.opened_ms, CaseState::Rejected, CaseState::Closed, ""});
    return;
  }
  h.steps.push_back({closed ? closed_ms : h.opened_ms, CaseState::Open, h.c.state, ""});
}

CaseAt case_at(const CaseHistory& h, int64_t at_ms) {
  CaseAt a;
  a.path.push_back(CaseState::Open);
  if (h.opened_ms >= at_ms) return a;
  for (const auto& s : h.steps) {
    if (s.at_ms >= at_ms) break;
    if (s.to == CaseState::Rejected) {
      a.rejected = true;
      a.reject_reason = s.note;
    } else if (s.from == CaseState::Rejected && s.to != CaseState::Closed) {
      a.rejected = false;  // appealed: the rating counts again
      a.reject_reason.clear();
    }
    a.state = s.to;
    a.path.push_back(s.to);
  }
  return a;
}

bool overdue_at(const CaseHistory& h, int64_t at_ms) {
  if (h.opened_ms >= at_ms) return false;
  Case k = h.c;
  k.state = case_at(h, at_ms).state;
  const auto t = hall::SystemTime(std::chrono::milliseconds(at_ms));
  return is_overdue(k, hall::hall_date(t));
}

int64_t became_overdue_ms(const CaseHistory& h, int64_t until_ms) {
  // A case falls due twice: rectified by its deadline, called back by its
  // callback deadline (cases.h); it becomes overdue at 00:00 after either.
  int64_t first = -1;
  for (const auto& due : {std::optional<hall::Date>(h.c.deadline), h.c.callback_deadline}) {
    if (!due) continue;
    const int64_t at = hall::epoch_ms(hall::day_start(hall::civil_from_days(hall::days_from_civil(*due) + 1)));
    if (at < until_ms && overdue_at(h, at) && (first < 0 || at < first)) first = at;
  }
  return first;
}

std::string path_label(const std::vector<CaseState>& path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) out += (i ? "→" : "") + std::string(case_state_label_zh(path[i]));
  return out;
}

bool in_period(const CaseHistory& h, int64_t from_ms, int64_t end_ms) {
  if (h.opened_ms >= end_ms) return false;
  return h.opened_ms >= from_ms || case_at(h, from_ms).state != CaseState::Closed;
}

CaseFlow case_flow(const std::vector<CaseHistory>& cases, int64_t from_ms, int64_t end_ms) {
  CaseFlow f;
  for (const auto& h : cases) {
    if (!in_period(h, from_ms, end_ms)) continue;
    const bool before = h.opened_ms < from_ms;
    if (before) ++f.carried_in;
    else ++f.opened;
    const CaseAt end = case_at(h, end_ms);
    if (end.state == CaseState::Closed) ++f.closed;
    else ++f.open_at_end;
    if (overdue_at(h, end_ms)) ++f.overdue_at_end;
    if (const int64_t t = became_overdue_ms(h, end_ms); t >= from_ms) ++f.became_overdue;
    if (end.rejected) ++f.rejected;
  }
  return f;
}

}  // namespace controller
