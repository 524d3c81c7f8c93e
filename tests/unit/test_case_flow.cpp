// The report's case figures over a period (controller/report/case_flow.h):
// a case's state at an instant from its audited steps, the backlog carried
// into a month, what was opened, closed and became overdue in it, a
// rejected-then-closed case counted as 不予认定 with its reason and path, and
// a quarter's and a year's figures matching their months.
#include <catch2/catch.hpp>

#include "common/time/clock.h"
#include "controller/report/case_flow.h"
#include "time_zones.h"

using namespace controller;

namespace {
// 00:00 hall time on y-m-d, plus `hours`.
int64_t flow_at(int y, int m, int d, int hours = 0) {
  return hall::epoch_ms(hall::day_start({y, m, d})) + int64_t{hours} * 3600000;
}

CaseHistory flow_case(int64_t id, int64_t opened_ms, hall::Date deadline, std::vector<AuditedStep> steps) {
  CaseHistory h;
  h.c.id = id;
  h.c.deadline = deadline;
  h.opened_ms = opened_ms;
  h.steps = std::move(steps);
  if (!h.steps.empty()) h.c.state = h.steps.back().to;
  return h;
}

hall::Period flow_period(const char* text) { return *hall::parse_period(text); }

CaseFlow flow_of_period(const std::vector<CaseHistory>& cases, const char* p, int64_t now_ms) {
  const hall::Period period = flow_period(p);
  const int64_t from = hall::epoch_ms(hall::day_start(hall::first_day(period)));
  const int64_t to = hall::epoch_ms(hall::day_start(hall::civil_from_days(hall::days_from_civil(hall::last_day(period)) + 1)));
  return case_flow(cases, from, std::min(to, now_ms));
}

using S = CaseState;

std::vector<CaseHistory> flow_sample() {
  return {
      // Opened in October, never acted on: overdue from 28 October, carried on.
      flow_case(1, flow_at(2026, 10, 20, 10), {2026, 10, 27}, {}),
      // Opened in October, closed in November.
      flow_case(2, flow_at(2026, 10, 25, 10), {2026, 11, 1},
                {{flow_at(2026, 10, 26, 9), S::Open, S::Verified, ""},
                 {flow_at(2026, 10, 30, 9), S::Verified, S::Rectified, "约谈"},
                 {flow_at(2026, 11, 5, 9), S::Rectified, S::FollowedUp, "满意"},
                 {flow_at(2026, 11, 10, 9), S::FollowedUp, S::Closed, ""}}),
      // Rejected (不予认定) and then closed in November.
      flow_case(3, flow_at(2026, 11, 5, 10), {2026, 11, 12},
                {{flow_at(2026, 11, 6, 9), S::Open, S::Rejected, "误评: 群众点错"},
                 {flow_at(2026, 11, 7, 9), S::Rejected, S::Closed, ""}}),
      // Opened late in November, overdue from 6 December.
      flow_case(4, flow_at(2026, 11, 28, 10), {2026, 12, 5}, {}),
      // Opened and closed in September: in no report after it.
      flow_case(5, flow_at(2026, 9, 1, 10), {2026, 9, 8},
                {{flow_at(2026, 9, 2, 9), S::Open, S::Rejected, "恶意评价"},
                 {flow_at(2026, 9, 3, 9), S::Rejected, S::Closed, ""}}),
      // Rejected in December and appealed: the rejection no longer stands.
      flow_case(6, flow_at(2026, 12, 1, 10), {2026, 12, 8},
                {{flow_at(2026, 12, 2, 9), S::Open, S::Rejected, "误评"},
                 {flow_at(2026, 12, 3, 9), S::Rejected, S::Open, "群众申诉"},
                 {flow_at(2026, 12, 4, 9), S::Open, S::Verified, ""},
                 {flow_at(2026, 12, 7, 9), S::Verified, S::Rectified, "整改"}}),
  };
}
}  // namespace

TEST_CASE("a case's state at an instant comes from its steps; a rejection stands until an appeal") {
  testing::HallZoneScope zone("Asia/Shanghai");
  const auto cases = flow_sample();
  const CaseHistory& rejected = cases[2];
  CHECK(case_at(rejected, flow_at(2026, 11, 6, 9)).state == S::Open);  // a step counts strictly after its instant
  const CaseAt mid = case_at(rejected, flow_at(2026, 11, 6, 12));
  CHECK(mid.state == S::Rejected);
  CHECK(mid.rejected);
  const CaseAt end = case_at(rejected, flow_at(2026, 12, 1));
  CHECK(end.state == S::Closed);
  CHECK(end.rejected);
  CHECK(end.reject_reason == "误评: 群众点错");
  CHECK(path_label(end.path) == "待核实→不予认定→已办结");
  const CaseAt appealed = case_at(cases[5], flow_at(2026, 12, 20));
  CHECK_FALSE(appealed.rejected);
  CHECK(appealed.reject_reason.empty());
  CHECK(appealed.state == S::Rectified);
}

TEST_CASE("overdue uses the case as it stood then: past its deadline and not rectified") {
  testing::HallZoneScope zone("Asia/Shanghai");
  const auto cases = flow_sample();
  CHECK_FALSE(overdue_at(cases[0], flow_at(2026, 10, 27, 23)));
  CHECK(overdue_at(cases[0], flow_at(2026, 10, 28, 0) + 1));
  CHECK(became_overdue_ms(cases[0], flow_at(2027, 1, 1)) == flow_at(2026, 10, 28));
  // Rectified on 30 October, before its 1 November deadline: never overdue.
  CHECK(became_overdue_ms(cases[1], flow_at(2027, 1, 1)) == -1);
  CHECK(became_overdue_ms(cases[3], flow_at(2026, 12, 6)) == -1);  // not yet by then
  CHECK(became_overdue_ms(cases[3], flow_at(2026, 12, 6) + 1) == flow_at(2026, 12, 6));
}

TEST_CASE("a month's cases: the backlog carried in, opened, closed, overdue and open at the end") {
  testing::HallZoneScope zone("Asia/Shanghai");
  const auto cases = flow_sample();
  const int64_t now = flow_at(2026, 12, 20, 15);
  const CaseFlow nov = flow_of_period(cases, "2026-11", now);
  CHECK(nov.carried_in == 2);    // cases 1 and 2
  CHECK(nov.opened == 2);        // 3 and 4
  CHECK(nov.closed == 2);        // 2 and 3
  CHECK(nov.open_at_end == 2);   // 1 and 4
  CHECK(nov.overdue_at_end == 1);  // 1
  CHECK(nov.became_overdue == 0);
  CHECK(nov.rejected == 1);      // 3: rejected, then closed
  const CaseFlow oct = flow_of_period(cases, "2026-10", now);
  CHECK(oct == CaseFlow{0, 2, 0, 2, 1, 1, 0});
  // The current month runs until now.
  const CaseFlow dec = flow_of_period(cases, "2026-12", now);
  CHECK(dec.carried_in == 2);     // 1 and 4
  CHECK(dec.opened == 1);         // 6
  CHECK(dec.became_overdue == 1); // 4, on 6 December
  CHECK(dec.overdue_at_end == 2); // 1 and 4
  CHECK(dec.rejected == 0);       // 6 was appealed
  const CaseFlow sep = flow_of_period(cases, "2026-09", now);
  CHECK(sep == CaseFlow{0, 1, 1, 0, 0, 0, 1});
  for (const CaseFlow& f : {oct, nov, dec, sep}) CHECK(f.open_at_end == f.carried_in + f.opened - f.closed);
}

TEST_CASE("a quarter's and a year's case figures match their months") {
  testing::HallZoneScope zone("Asia/Shanghai");
  const auto cases = flow_sample();
  const int64_t now = flow_at(2026, 12, 20, 15);
  auto sum = [&](std::initializer_list<const char*> months) {
    CaseFlow s;
    for (const char* m : months) {
      const CaseFlow f = flow_of_period(cases, m, now);
      s.opened += f.opened;
      s.closed += f.closed;
      s.became_overdue += f.became_overdue;
    }
    return s;
  };
  const CaseFlow q4 = flow_of_period(cases, "2026-Q4", now);
  const CaseFlow q4m = sum({"2026-10", "2026-11", "2026-12"});
  CHECK(q4.opened == q4m.opened);
  CHECK(q4.closed == q4m.closed);
  CHECK(q4.became_overdue == q4m.became_overdue);
  CHECK(q4.carried_in == flow_of_period(cases, "2026-10", now).carried_in);
  CHECK(q4.open_at_end == flow_of_period(cases, "2026-12", now).open_at_end);
  CHECK(q4.overdue_at_end == flow_of_period(cases, "2026-12", now).overdue_at_end);
  CHECK(q4.rejected == 1);  // case 3's rejection stands; 6 was appealed
  const CaseFlow year = flow_of_period(cases, "2026", now);
  const CaseFlow ym = sum({"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08",
                           "2026-09", "2026-10", "2026-11", "2026-12"});
  CHECK(year.opened == 6);
  CHECK(year.opened == ym.opened);
  CHECK(year.closed == ym.closed);
  CHECK(year.became_overdue == ym.became_overdue);
  CHECK(year.carried_in == 0);
  CHECK(year.rejected == 2);  // 3 and 5
}

TEST_CASE("a case with no audited steps takes its present state: closed at closed_at") {
  testing::HallZoneScope zone("Asia/Shanghai");
  CaseHistory h = flow_case(9, flow_at(2026, 10, 1, 10), {2026, 10, 9}, {});
  h.c.state = S::Closed;
  h.c.reject_reason = "误评";
  fill_missing_steps(h, flow_at(2026, 11, 3));
  REQUIRE(h.steps.size() == 2);
  CHECK(case_at(h, flow_at(2026, 11, 1)).state == S::Rejected);
  CHECK(case_at(h, flow_at(2026, 12, 1)).state == S::Closed);
  CHECK(case_at(h, flow_at(2026, 12, 1)).rejected);
}
