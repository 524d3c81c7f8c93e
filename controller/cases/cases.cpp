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
    {CaseAction::Assign, "assign", CaseState::Open, CaseState::Open},
    {CaseAction::Assign, "assign", CaseState::Verified, CaseState::Verified},
    {CaseAction::Assign, "assign", CaseState::Rejected, CaseState::Rejected},
    {CaseAction::Assign, "assign", CaseState::Rectified, CaseState::Rectified},
    {CaseAction::Assign, "assign", CaseState::FollowedUp, CaseState::FollowedUp},
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
  return hall::fail("case action '" + name +
                    "' is unknown; use assign, verify, reject, appeal, rectify, follow_up, reopen or close");
}

std::vector<CaseAction> allowed_actions(CaseState s) {
  std::vector<CaseAction> out;
  for (const auto& t : kTransitions)
    if (t.from == s && std::find(out.begin(), out.end(), t.action) == out.end()) out.push_back(t.action);
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

hall::Result<CaseAudit> apply(Case& c, CaseAction action, const CaseStep& step, const WorkCalendar& calendar,
                              const CaseSettings& settings) {
  const std::string id = std::to_string(c.id);
  const ActionInfo* t = nullptr;
  for (const auto& x : kTransitions)
    if (x.action == action && x.from == c.state) t = &x;
  if (!t) {
    std::string allowed;
    for (CaseAction a : allowed_actions(c.state)) allowed += std::string(allowed.empty() ? "" : ", ") + case_action_name(a);
    return hall::fail("case " + id + " is " + case_state_name(c.state) + " (" + case_state_label_zh(c.state) + "); '" +
                      case_action_name(action) + "' is not allowed from there" +
                      (allowed.empty() ? std::string("; the case is finished") : "; allowed: " + allowed));
  }
  if (step.who.empty()) return hall::fail("say who is acting on case " + id);
  const auto day = hall::hall_date_of(step.at);
  if (!day) return hall::fail("the time of the action on case " + id + " is not an ISO time");
  const std::string& note = step.note;
  if (hall::utf8::first_invalid(note)) return hall::fail("the note is not valid UTF-8; re-enter it");
  if (note.size() > 1000) return hall::fail("the note is too long (at most 1000 bytes); shorten it");
  if (step.override && action != CaseAction::Close)
    return hall::fail("an override is only for closing a case after a 不满意 callback");
  switch (action) {
    case CaseAction::Reject:
      if (note.empty()) return hall::fail("give the reason for rejecting case " + id + " (误评 or 恶意评价, and why)");
      break;
    case CaseAction::Appeal:
      if (note.empty()) return hall::fail("give the reason for the appeal on case " + id);
      break;
    case CaseAction::Rectify:
      if (note.empty()) return hall::fail("describe the rectification taken on case " + id);
      break;
    case CaseAction::FollowUp:
      if (std::find(kCallbackResults.begin(), kCallbackResults.end(), note) == kCallbackResults.end())
        return hall::fail("callback result '" + note + "' is unknown; use 满意, 基本满意 or 不满意");
      break;
    case CaseAction::Reopen:
      if (c.callback_result != "不满意")
        return hall::fail("case " + id + " can be reopened only after a 不满意 callback");
      break;
    case CaseAction::Close:
      if (c.state != CaseState::FollowedUp || c.callback_result != "不满意") {
        if (step.override) return hall::fail("case " + id + " needs no override to close; close it without one");
        break;
      }
      if (!step.override)
        return hall::fail("case " + id + " was called back 不满意: reopen it to rectify again (reopen), or a manager "
                          "closes it with an override and the reason (--override --reason ...)");
      if (note.empty()) return hall::fail("give the reason for closing case " + id + " after a 不满意 callback");
      break;
    case CaseAction::Assign:
      if (step.owner.empty()) return hall::fail("say who takes case " + id + " (a staff id or a person's key name)");
      if (step.owner == c.owner) return hall::fail("case " + id + " is already " + c.owner + "'s");
      if (!c.staff.empty() && step.owner == c.staff)
        return hall::fail("rule: nobody handles a case about their own rating; case " + id + " is about " + c.staff);
      break;
    default: break;
  }
  const bool overridden = action == CaseAction::Close && step.override;
  CaseAudit audit{c.id, step.who, step.at, c.state, t->to, action == CaseAction::Assign ? step.owner : note,
                  overridden ? "close.override" : case_action_name(action)};
  if (action == CaseAction::Assign && !c.owner.empty()) audit.note += " (was " + c.owner + ")";
  if (action == CaseAction::Assign && !note.empty()) audit.note += ": " + note;
  switch (action) {
    case CaseAction::Reject: c.reject_reason = note; break;
    case CaseAction::Appeal: c.reject_reason.clear(); break;
    case CaseAction::Rectify:
      c.action_taken = note;
      c.callback_deadline = calendar.add_working_days(*day, settings.callback_working_days);
      break;
    case CaseAction::FollowUp: c.callback_result = note; break;
    case CaseAction::Reopen:
      c.deadline = calendar.add_working_days(*day, settings.deadline_working_days);
      c.callback_deadline.reset();
      break;
    case CaseAction::Close:
      c.closed_at = step.at;
      if (overridden) c.close_note = note;
      break;
    case CaseAction::Assign:
      c.owner = step.owner;
      c.owner_name = step.owner_name;
      break;
    default: break;
  }
  c.state = t->to;
  return audit;
}

hall::Result<CaseAudit> apply(Case& c, CaseAction action, const std::string& who, const std::string& at,
                              const std::string& note) {
  return apply(c, action, CaseStep{who, at, note, "", "", false}, WorkCalendar{}, CaseSettings{});
}

std::optional<hall::Date> due_date(const Case& c) {
  switch (c.state) {
    case CaseState::Open:
    case CaseState::Verified: return c.deadline;
    case CaseState::Rectified: return c.callback_deadline;
    default: return std::nullopt;
  }
}

void mark_provisional(Case& c, const WorkCalendar& calendar) {
  hall::Date opened = c.deadline;
  if (c.opened_at.size() >= 10)
    if (auto d = hall::parse_date(c.opened_at.substr(0, 10))) opened = *d;
  c.deadline_provisional = !calendar.covers(opened, due_date(c).value_or(c.deadline));
}

bool is_overdue(const Case& c, const hall::Date& today) {
  const auto due = due_date(c);
  return due && today > *due;
}

bool due_before(const Case& a, const Case& b) {
  const auto da = due_date(a), db = due_date(b);
  if (da.has_value() != db.has_value()) return da.has_value();  // finished ones last
  if (da && *da != *db) return *da < *db;
  return a.id < b.id;
}

void sort_overdue_first(std::vector<Case>& cases, const hall::Date& today) {
  std::stable_sort(cases.begin(), cases.end(), [&](const Case& a, const Case& b) {
    const bool oa = is_overdue(a, today), ob = is_overdue(b, today);
    return oa != ob ? oa : due_before(a, b);
  });
}

}  // namespace controller
