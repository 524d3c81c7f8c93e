// cases.h: the bad-review case (差评整改) state machine. Every evaluation scored
// 1 or 2 opens a case with a deadline counted in working days (workdays.h):
//
//   open ──verify──▶ verified ──rectify──▶ rectified ──follow_up──▶ followed_up ──close──▶ closed
//     │                                                                 │
//     └─reject──▶ rejected ──appeal──▶ open        followed_up(不满意) ─reopen─▶ verified
//                    └──close──▶ closed
//
// `assign` gives an unfinished case its owner (承办人), from any state but
// closed. A case is due twice: rectified by `deadline` (working days from the
// rating; a reopen starts it again), then called back by `callback_deadline`
// (working days from the rectification). Closing a followed-up case needs a
// 满意 or 基本满意 callback, or a manager's override with the reason.
//
// apply() refuses a transition the machine does not have with a message naming
// the state and what is allowed, and returns an audit record (who, when, from,
// to, note) for every transition it makes. The case is unchanged on refusal.
// Threading: plain values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/time/periods.h"
#include "controller/cases/workdays.h"
#include "common/base/result.h"

namespace controller {

enum class CaseState { Open, Verified, Rejected, Rectified, FollowedUp, Closed };
const char* case_state_name(CaseState s);     // "open", "followed_up" ...
const char* case_state_label_zh(CaseState s); // 待核实, 已回访 ...
hall::Result<CaseState> parse_case_state(const std::string& name);

enum class CaseAction { Verify, Reject, Appeal, Rectify, FollowUp, Reopen, Close, Assign };
const char* case_action_name(CaseAction a);
hall::Result<CaseAction> parse_case_action(const std::string& name);

// Callback (回访) results.
inline const std::vector<std::string> kCallbackResults = {"满意", "基本满意", "不满意"};

struct Case {
  int64_t id = 0;
  std::string evaluation_uuid;
  std::string ticket;
  std::string window;        // window code
  std::string staff;         // staff id, may be empty
  int score = 0;             // 1 or 2
  std::string phone;         // masked (138****5678); the sealed number stays in the store
  std::string opened_at;     // ISO local time "2026-11-27T09:30:00"
  hall::Date deadline;       // rectification due by the end of this day
  // The due day (due_date) runs into a year the holiday table does not cover, so it
  // counts weekends only there and may move when that year is added (暂定).
  // Not stored: mark_provisional() computes it when cases are read.
  bool deadline_provisional = false;
  CaseState state = CaseState::Open;
  std::string owner;         // 承办人: a staff id or a person's key name; "" until assigned
  std::string owner_name;    // the staff member's name when the owner is one
  std::string reject_reason;
  std::string action_taken;  // rectification
  std::optional<hall::Date> callback_deadline;  // set by rectify: the 回访 is due by the end of this day
  std::string callback_result;
  std::string closed_at;
  std::string close_note;    // the reason of a manager's override (closed after a 不满意 callback)
};

struct CaseAudit {
  int64_t case_id = 0;
  std::string who;
  std::string at;            // ISO local time
  CaseState from;
  CaseState to;
  std::string note;          // reason, action, callback result or new owner
  std::string what;          // the audit's action: the action's name, or "close.override"
};

struct CaseSettings {
  int deadline_working_days = 5;
  int callback_working_days = 3;  // after the rectification, to call the citizen back
  // The working-day calendar (workdays.h), as the controller opens it:
  // case_settings_from() takes a relative cases.holidays_file from beside
  // controller.toml. "" counts weekends only (tests; not for a real hall).
  std::string holidays_file;
  int phone_purge_days = 90;  // callback numbers erased this long after the case closes (phone_purge.h)
};

// A new open case for a rating of 1 or 2 made at `opened_at` (ISO local time).
hall::Result<Case> open_case(int64_t id, const std::string& evaluation_uuid, int score,
                             const std::string& opened_at, const WorkCalendar& calendar,
                             const CaseSettings& settings);

// One step on a case. `note` is the reason (reject, appeal, an override),
// the action taken (rectify) or the callback result (follow_up: 满意, 基本满意
// or 不满意); `owner`/`owner_name` are assign's new owner, checked by the
// caller to be a known person.
struct CaseStep {
  std::string who;
  std::string at;            // ISO time
  std::string note;
  std::string owner, owner_name;
  bool override = false;     // close after a 不满意 callback (a manager, with the reason in note)
};

// Applies `action`; reopen needs a 不满意 callback and restarts the deadline,
// rectify sets the callback deadline (both in working days of `calendar`).
// Refused transitions leave `c` as it was.
hall::Result<CaseAudit> apply(Case& c, CaseAction action, const CaseStep& step, const WorkCalendar& calendar,
                              const CaseSettings& settings);
// The same with a weekends-only calendar and the default settings.
hall::Result<CaseAudit> apply(Case& c, CaseAction action, const std::string& who, const std::string& at,
                              const std::string& note = "");

// The actions allowed from a state.
std::vector<CaseAction> allowed_actions(CaseState s);

// Sets c.deadline_provisional: some day from the opening to the day the
// case is due (due_date, else the deadline) lies in a year `calendar` does
// not cover (WorkCalendar::covers).
void mark_provisional(Case& c, const WorkCalendar& calendar);


// The day the case's next step is due: the rectification (open, verified),
// the callback (rectified); none once called back, rejected or closed.
std::optional<hall::Date> due_date(const Case& c);

// Past the end of its due day: not rectified by the deadline, or rectified
// and not called back by the callback deadline.
bool is_overdue(const Case& c, const hall::Date& today);

// By the day the next step is due (due_date), finished cases last, then id.
bool due_before(const Case& a, const Case& b);

// Overdue first, then due_before.
void sort_overdue_first(std::vector<Case>& cases, const hall::Date& today);

}  // namespace controller
