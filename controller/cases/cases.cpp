#include "controller/cases/cases.h"

#include <algorithm>

#include "common/base/utf8.h"
#include "common/time/iso8601.h"

namespace controller {

namespace {
struct StateInfo {
  CaseState state;
  const char* name;
  const char* zh;
};
constexpr StateInfo kStates[] = {
    {CaseState::Open, "open", "待核实"},           {CaseState::Verified, "verified", "已核实"},
    {CaseState::Rejected, "rejected", "不予认定"}, {CaseState::Rectified, "rectified", "已整改"},
    {CaseState::FollowedUp, "followed_up", "已回访"}, {CaseState::Closed, "closed", "已办结"},
};
struct ActionInfo {
  CaseAction action;
  const char* name;
  CaseState from;
  CaseState to;
};
constexpr ActionInfo kTransitions[] = {
    {CaseAction::Verify, "verify", CaseState::Open, CaseState::Verified},
    {CaseAction::Reject, "reject", CaseState::Open, CaseState::Rejected},
    {CaseAction::Appeal, "appeal", CaseState::Rejected, CaseState::Open},
    {CaseAction::Rectify, "rectify", CaseState::Verified, CaseState::Rectified},
    {CaseAction::FollowUp, "follow_up", CaseState::Rectified, CaseState::FollowedUp},
    {CaseAction::Reopen, "reopen", CaseState::FollowedUp, CaseState::Verified},
    {CaseAction::Close, "close", CaseState::FollowedUp, CaseState::Closed},
    {CaseAction::Close, "close", CaseState::Rejected, CaseState::Closed},
};
}  // namespace

const char* case_state_name(CaseState s) {
  for (const auto& i : kStates)
    if (i.state == s) return i.name;
  return "?";
}

const char* case_state_label_zh(CaseState s) {
  for (const auto& i : kStates)
    if (i.state == s) return i.zh;
  return "?";
}

hall::Result<CaseState> parse_case_state(const std::string& name) {
  for (const auto& i : kStates)
    if (name == i.name) return i.state;
  return hall::fail("case state '" + name + "' is unknown; use open, verified, rejected, rectified, followed_up or closed");
}

const char* case_action_name(CaseAction a) {
  for (const auto& t : kTransitions)
    if (t.action == a) return t.name;
  return "?";
}

hall::Result<CaseAction> parse_case_action(const std::string& name) {
  for (const auto& t : kTransitions)
    if (name == t.name) return t.action;
  return hall::fail("case action '" + name + "' is unknown; use verify, reject, appeal, rectify, follow_up, reopen or close");
}

std::vector<CaseAction> allowed_actions(CaseState s) {
  std::vector<CaseAction> out;
  for (const auto& t : kTransitions)
    if (t.from == s) out.push_back(t.action);
  return out;
}

hall::Result<Case> open_case(int64_t id, const std::string& evaluation_uuid, int score, const std::string& opened_at,
                             const WorkCalendar& calendar, const CaseSettings& settings) {
  if (score != 1 && score != 2)
    return hall::fail("only ratings of 1 or 2 (差评) open a case; this one is " + std::to_string(score));
  auto day = hall::hall_date_of(opened_at);  // the hall's day, whatever offset the kiosk wrote
  if (!day) return hall::fail("case opening time: " + day.error());
  Case c;
  c.id = id;
  c.evaluation_uuid = evaluation_uuid;
  c.score = score;
  c.opened_at = opened_at;
  c.deadline = calendar.add_working_days(*day, settings.deadline_working_days);
  return c;
}

hall::Result<CaseAudit> apply(Case& c, CaseAction action, const std::string& who, const std::string& at,
                              const std::string& note) {
  const ActionInfo* t = nullptr;
  for (const auto& x : kTransitions)
    if (x.action == action && x.from == c.state) t = &x;
  if (!t) {
    std::string allowed;
    for (CaseAction a : allowed_actions(c.state)) allowed += std::string(allowed.empty() ? "" : ", ") + case_action_name(a);
    return hall::fail("case " + std::to_string(c.id) + " is " + case_state_name(c.state) + " (" +
                      case_state_label_zh(c.state) + "); '" + case_action_name(action) + "' is not allowed from there" +
                      (allowed.empty() ? std::string("; the case is finished") : "; allowed: " + allowed));
  }
  if (who.empty()) return hall::fail("say who is acting on case " + std::to_string(c.id));
  if (!hall::parse_date(at))
    return hall::fail("the time of the action on case " + std::to_string(c.id) + " is not an ISO time");
  if (hall::utf8::first_invalid(note)) return hall::fail("the note is not valid UTF-8; re-enter it");
  if (note.size() > 1000) return hall::fail("the note is too long (at most 1000 bytes); shorten it");
  switch (action) {
    case CaseAction::Reject:
      if (note.empty()) return hall::fail("give the reason for rejecting case " + std::to_string(c.id) + " (误评 or 恶意评价, and why)");
      break;
    case CaseAction::Appeal:
      if (note.empty()) return hall::fail("give the reason for the appeal on case " + std::to_string(c.id));
      break;
    case CaseAction::Rectify:
      if (note.empty()) return hall::fail("describe the rectification taken on case " + std::to_string(c.id));
      break;
    case CaseAction::FollowUp:
      if (std::find(kCallbackResults.begin(), kCallbackResults.end(), note) == kCallbackResults.end())
        return hall::fail("callback result '" + note + "' is unknown; use 满意, 基本满意 or 不满意");
      break;
    case CaseAction::Reopen:
      if (c.callback_result != "不满意")
        return hall::fail("case " + std::to_string(c.id) + " can be reopened only after a 不满意 callback");
      break;
    default: break;
  }
  CaseAudit audit{c.id, who, at, c.state, t->to, note};
  switch (action) {
    case CaseAction::Reject: c.reject_reason = note; break;
    case CaseAction::Appeal: c.reject_reason.clear(); break;
    case CaseAction::Rectify: c.action_taken = note; break;
    case CaseAction::FollowUp: c.callback_result = note; break;
    case CaseAction::Close: c.closed_at = at; break;
    default: break;
  }
  c.state = t->to;
  return audit;
}

void mark_provisional(Case& c, const WorkCalendar& calendar) {
  hall::Date opened = c.deadline;
  if (c.opened_at.size() >= 10)
    if (auto d = hall::parse_date(c.opened_at.substr(0, 10))) opened = *d;
  c.deadline_provisional = !calendar.covers(opened, c.deadline);
}

bool is_overdue(const Case& c, const hall::Date& today) {
  return (c.state == CaseState::Open || c.state == CaseState::Verified) && today > c.deadline;
}

void sort_overdue_first(std::vector<Case>& cases, const hall::Date& today) {
  std::stable_sort(cases.begin(), cases.end(), [&](const Case& a, const Case& b) {
    const bool oa = is_overdue(a, today), ob = is_overdue(b, today);
    if (oa != ob) return oa;
    if (a.deadline != b.deadline) return a.deadline < b.deadline;
    return a.id < b.id;
  });
}

}  // namespace controller
