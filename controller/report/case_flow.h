// case_flow.h: where the bad-review cases stood over a report's period (a
// month, a quarter or a year), from each case's audited steps (the `audit`
// rows "case:ID": open, verify, reject, appeal, rectify, follow_up, reopen,
// close, with their from/to states and times). A case's state at an instant
// is its state after every step made strictly before it.
//
// For a period [from, to) and its end `end` = min(to, now):
//   carried_in      opened before `from` and not closed at `from` (结转)
//   opened          opened in [from, end)
//   closed          reached 已办结 in [from, end)
//   open_at_end     opened before `end` and not closed at `end`
//                   (= carried_in + opened - closed)
//   overdue_at_end  overdue (overdue_at) at `end`
//   became_overdue  passed its deadline unrectified, or its callback deadline
//                   not called back, in [from, end): its first overdue
//                   instant (00:00 of the day after either) falls in the
//                   period and it was overdue then
//   rejected        of the period's cases, those whose 不予认定 stands at `end`
//                   (still rejected, or closed after the rejection)
// opened, closed and became_overdue add up over the months of a quarter or
// year; carried_in is the first month's, open_at_end and overdue_at_end the
// last month's. A period's cases are those carried in or opened in it.
// Rejected (不予认定, not yet closed) counts as not closed.
// Threading: plain values and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "controller/cases/cases.h"

namespace controller {

struct AuditedStep {
  int64_t at_ms = 0;
  CaseState from = CaseState::Open;
  CaseState to = CaseState::Open;
  std::string note;  // the reason of a reject, the action of a rectify ...
};

struct CaseHistory {
  Case c;                     // as stored now
  int64_t opened_ms = 0;      // c.opened_at
  std::vector<AuditedStep> steps;  // oldest first; the "open" row is not a step
};

// A case whose store has no steps for it (written before cases were audited)
// gets one step to its present state: at closed_at when closed, else at
// opened_ms.
void fill_missing_steps(CaseHistory& h, int64_t closed_ms);

struct CaseAt {
  CaseState state = CaseState::Open;
  bool rejected = false;        // a 不予认定 stands (not appealed since)
  std::string reject_reason;    // its reason
  std::vector<CaseState> path;  // the states it went through, from 待核实
};
// Where the case stood at `at_ms` (steps strictly before it).
CaseAt case_at(const CaseHistory& h, int64_t at_ms);

// THE overdue rule of the reports: the case as it stood at `at_ms`, judged by
// cases.h's is_overdue on the hall's date then.
bool overdue_at(const CaseHistory& h, int64_t at_ms);
// The instant the case first became overdue, if it did before `until_ms`
// (the end of its deadline day when it was not rectified by then, or of its
// callback deadline day when it was not called back); else -1.
int64_t became_overdue_ms(const CaseHistory& h, int64_t until_ms);

// "待核实→不予认定→已办结".
std::string path_label(const std::vector<CaseState>& path);

struct CaseFlow {
  int64_t carried_in = 0, opened = 0, closed = 0, open_at_end = 0;
  int64_t overdue_at_end = 0, became_overdue = 0, rejected = 0;
  friend bool operator==(const CaseFlow&, const CaseFlow&) = default;
};

// True when the case belongs to the period's list: carried in or opened in it.
bool in_period(const CaseHistory& h, int64_t from_ms, int64_t end_ms);
CaseFlow case_flow(const std::vector<CaseHistory>& cases, int64_t from_ms, int64_t end_ms);

}  // namespace controller
