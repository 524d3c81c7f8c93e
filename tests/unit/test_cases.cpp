// The bad-review case state machine: the full path, appeal and reopen, every
// forbidden transition refused with the state named, audit records, overdue
// ordering.
#include <catch2/catch.hpp>

#include "controller/cases/cases.h"
#include "time_zones.h"

using namespace controller;

namespace {
Case new_case(int64_t id = 1, const char* at = "2026-11-23T10:00:00") {
  auto c = open_case(id, "uuid-" + std::to_string(id), 1, at, WorkCalendar{}, CaseSettings{});
  REQUIRE(c.ok());
  return *c;
}
}  // namespace

TEST_CASE("a case runs open, verified, rectified, followed up, closed with an audit record each step") {
  Case c = new_case(7);
  CHECK(c.state == CaseState::Open);
  CHECK(to_string(c.deadline) == "2026-11-30");  // 5 working days after Mon 23 Nov
  std::vector<CaseAudit> log;
  auto step = [&](CaseAction a, const char* who, const char* at, const char* note) {
    auto r = apply(c, a, who, at, note);
    REQUIRE(r.ok());
    log.push_back(*r);
  };
  step(CaseAction::Verify, "M1", "2026-11-23T11:00:00", "");
  step(CaseAction::Rectify, "M1", "2026-11-25T09:00:00", "约谈窗口人员, 优化告知单");
  step(CaseAction::FollowUp, "M2", "2026-11-26T15:00:00", "满意");
  step(CaseAction::Close, "M1", "2026-11-26T16:00:00", "");
  CHECK(c.state == CaseState::Closed);
  CHECK(c.action_taken == "约谈窗口人员, 优化告知单");
  CHECK(c.callback_result == "满意");
  CHECK(c.closed_at == "2026-11-26T16:00:00");
  REQUIRE(log.size() == 4);
  CHECK(log[0].from == CaseState::Open);
  CHECK(log[0].to == CaseState::Verified);
  CHECK(log[2].who == "M2");
  CHECK(log[2].note == "满意");
  CHECK(log[3].at == "2026-11-26T16:00:00");
  CHECK(log[3].case_id == 7);
}

TEST_CASE("forbidden transitions are refused, naming the state and what is allowed") {
  Case c = new_case(3);
  auto r = apply(c, CaseAction::Rectify, "M1", "2026-11-23T11:00:00", "x");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Catch::Contains("case 3 is open"));
  CHECK_THAT(r.error(), Catch::Contains("allowed: verify, reject"));
  CHECK(c.state == CaseState::Open);  // unchanged
  CHECK_FALSE(apply(c, CaseAction::Close, "M1", "2026-11-23T11:00:00").ok());
  CHECK_FALSE(apply(c, CaseAction::FollowUp, "M1", "2026-11-23T11:00:00", "满意").ok());
  CHECK_FALSE(apply(c, CaseAction::Appeal, "M1", "2026-11-23T11:00:00", "x").ok());
  REQUIRE(apply(c, CaseAction::Verify, "M1", "2026-11-23T11:00:00").ok());
  CHECK_FALSE(apply(c, CaseAction::Verify, "M1", "2026-11-23T11:00:00").ok());
  CHECK_FALSE(apply(c, CaseAction::Reject, "M1", "2026-11-23T11:00:00", "x").ok());
  CHECK_FALSE(apply(c, CaseAction::Close, "M1", "2026-11-23T11:00:00").ok());
  REQUIRE(apply(c, CaseAction::Rectify, "M1", "2026-11-24T11:00:00", "整改").ok());
  CHECK_FALSE(apply(c, CaseAction::Close, "M1", "2026-11-24T11:00:00").ok());  // follow-up first
  REQUIRE(apply(c, CaseAction::FollowUp, "M1", "2026-11-24T12:00:00", "基本满意").ok());
  CHECK_FALSE(apply(c, CaseAction::Reopen, "M1", "2026-11-24T12:00:00").ok());  // only after 不满意
  REQUIRE(apply(c, CaseAction::Close, "M1", "2026-11-24T13:00:00").ok());
  for (CaseAction a : {CaseAction::Verify, CaseAction::Reject, CaseAction::Appeal, CaseAction::Rectify,
                       CaseAction::FollowUp, CaseAction::Reopen, CaseAction::Close}) {
    auto again = apply(c, a, "M1", "2026-11-25T09:00:00", "满意");
    CHECK_FALSE(again.ok());
    CHECK_THAT(again.error(), Catch::Contains("finished"));
  }
}

TEST_CASE("a rejection needs a reason and an appeal reopens it") {
  Case c = new_case(4);
  CHECK_THAT(apply(c, CaseAction::Reject, "M1", "2026-11-23T11:00:00", "").error(), Catch::Contains("reason"));
  REQUIRE(apply(c, CaseAction::Reject, "M1", "2026-11-23T11:00:00", "误评: 群众点错").ok());
  CHECK(c.state == CaseState::Rejected);
  CHECK(c.reject_reason == "误评: 群众点错");
  CHECK_THAT(apply(c, CaseAction::Appeal, "C1", "2026-11-24T11:00:00", "").error(), Catch::Contains("appeal"));
  auto appeal = apply(c, CaseAction::Appeal, "C1", "2026-11-24T11:00:00", "群众来电申诉");
  REQUIRE(appeal.ok());
  CHECK(appeal->from == CaseState::Rejected);
  CHECK(appeal->to == CaseState::Open);
  CHECK(c.state == CaseState::Open);
  CHECK(c.reject_reason.empty());
}

TEST_CASE("an unsatisfied callback reopens the rectification") {
  Case c = new_case(5);
  REQUIRE(apply(c, CaseAction::Verify, "M1", "2026-11-23T11:00:00").ok());
  REQUIRE(apply(c, CaseAction::Rectify, "M1", "2026-11-24T11:00:00", "整改").ok());
  CHECK_THAT(apply(c, CaseAction::FollowUp, "M1", "2026-11-24T12:00:00", "还行").error(),
             Catch::Contains("满意, 基本满意 or 不满意"));
  REQUIRE(apply(c, CaseAction::FollowUp, "M1", "2026-11-24T12:00:00", "不满意").ok());
  REQUIRE(apply(c, CaseAction::Reopen, "M1", "2026-11-24T13:00:00").ok());
  CHECK(c.state == CaseState::Verified);
  // The rectification starts again: 5 working days from Tue 24 Nov.
  CHECK(to_string(c.deadline) == "2026-12-01");
  CHECK_FALSE(c.callback_deadline);
}

TEST_CASE("a rectified case is due to be called back in working days, and is overdue past that day") {
  Case c = new_case(6, "2026-11-23T10:00:00");
  REQUIRE(apply(c, CaseAction::Verify, "M1", "2026-11-23T11:00:00").ok());
  CHECK(to_string(*due_date(c)) == "2026-11-30");
  // Rectified Fri 27 Nov: 3 working days later is Wed 2 Dec (the weekend does not count).
  REQUIRE(apply(c, CaseAction::Rectify, "M1", "2026-11-27T16:00:00", "整改").ok());
  REQUIRE(c.callback_deadline);
  CHECK(to_string(*c.callback_deadline) == "2026-12-02");
  CHECK(to_string(*due_date(c)) == "2026-12-02");
  CHECK_FALSE(is_overdue(c, hall::Date{2026, 12, 2}));
  CHECK(is_overdue(c, hall::Date{2026, 12, 3}));  // never called back
  // A holiday in the calendar moves it, and the setting sets the count.
  WorkCalendar cal;
  cal.add_holiday(hall::Date{2026, 12, 1});
  CaseSettings one_day;
  one_day.callback_working_days = 1;
  Case d = new_case(7, "2026-11-23T10:00:00");
  REQUIRE(apply(d, CaseAction::Verify, "M1", "2026-11-23T11:00:00").ok());
  REQUIRE(apply(d, CaseAction::Rectify, CaseStep{"M1", "2026-11-30T09:00:00", "整改"}, cal, one_day).ok());
  CHECK(to_string(*d.callback_deadline) == "2026-12-02");
  REQUIRE(apply(d, CaseAction::FollowUp, "M2", "2026-12-04T09:00:00", "满意").ok());
  CHECK_FALSE(due_date(d));  // called back, late or not: nothing more is due
  CHECK_FALSE(is_overdue(d, hall::Date{2026, 12, 10}));
}

TEST_CASE("a case called back 不满意 closes only with a manager's override and its reason") {
  Case c = new_case(8);
  REQUIRE(apply(c, CaseAction::Verify, "M1", "2026-11-23T11:00:00").ok());
  REQUIRE(apply(c, CaseAction::Rectify, "M1", "2026-11-24T11:00:00", "整改").ok());
  REQUIRE(apply(c, CaseAction::FollowUp, "M2", "2026-11-24T15:00:00", "不满意").ok());
  auto refused = apply(c, CaseAction::Close, "M1", "2026-11-24T16:00:00");
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.error(), Catch::Contains("不满意") && Catch::Contains("reopen") && Catch::Contains("--override"));
  CHECK(c.state == CaseState::FollowedUp);
  const WorkCalendar cal;
  const CaseSettings set;
  CHECK_THAT(apply(c, CaseAction::Close, CaseStep{"M1", "2026-11-24T16:00:00", "", "", "", true}, cal, set).error(),
             Catch::Contains("reason"));
  auto closed =
      apply(c, CaseAction::Close, CaseStep{"M1", "2026-11-24T16:00:00", "诉求超出办理范围，已书面解释", "", "", true}, cal, set);
  REQUIRE(closed.ok());
  CHECK(closed->what == "close.override");
  CHECK(c.state == CaseState::Closed);
  CHECK(c.close_note == "诉求超出办理范围，已书面解释");

  // After 满意 no override is needed, nor taken; an override is only for closing.
  Case d = new_case(9);
  CHECK_THAT(apply(d, CaseAction::Verify, CaseStep{"M1", "2026-11-23T11:00:00", "x", "", "", true}, cal, set).error(),
             Catch::Contains("only for closing"));
  REQUIRE(apply(d, CaseAction::Verify, "M1", "2026-11-23T11:00:00").ok());
  REQUIRE(apply(d, CaseAction::Rectify, "M1", "2026-11-24T11:00:00", "整改").ok());
  REQUIRE(apply(d, CaseAction::FollowUp, "M2", "2026-11-24T15:00:00", "基本满意").ok());
  CHECK_THAT(apply(d, CaseAction::Close, CaseStep{"M1", "2026-11-24T16:00:00", "x", "", "", true}, cal, set).error(),
             Catch::Contains("needs no override"));
  auto plain = apply(d, CaseAction::Close, "M1", "2026-11-24T16:00:00");
  REQUIRE(plain.ok());
  CHECK(plain->what == "close");
}

TEST_CASE("a case gets an owner and another, never the person it is about, and none once closed") {
  Case c = new_case(10);
  c.staff = "wang-fang";
  const WorkCalendar cal;
  const CaseSettings set;
  auto assign = [&](const std::string& owner, const std::string& note = "") {
    return apply(c, CaseAction::Assign, CaseStep{"M1", "2026-11-23T11:00:00", note, owner, owner + "-name"}, cal, set);
  };
  CHECK_THAT(assign("").error(), Catch::Contains("who takes"));
  CHECK_THAT(assign("wang-fang").error(), Catch::Contains("own rating"));
  auto first = assign("li-na");
  REQUIRE(first.ok());
  CHECK(first->what == "assign");
  CHECK(first->from == CaseState::Open);
  CHECK(first->to == CaseState::Open);
  CHECK(first->note == "li-na");
  CHECK(c.owner == "li-na");
  CHECK(c.owner_name == "li-na-name");
  CHECK_THAT(assign("li-na").error(), Catch::Contains("already"));
  REQUIRE(apply(c, CaseAction::Reject, "M1", "2026-11-23T12:00:00", "误评").ok());
  auto second = assign("zhang-wei", "李娜休假");
  REQUIRE(second.ok());
  CHECK(second->note == "zhang-wei (was li-na): 李娜休假");
  CHECK(c.state == CaseState::Rejected);
  REQUIRE(apply(c, CaseAction::Close, "M1", "2026-11-23T13:00:00").ok());
  CHECK_THAT(assign("li-na").error(), Catch::Contains("finished"));
}

TEST_CASE("case input is checked") {
  CHECK_THAT(open_case(1, "u", 3, "2026-11-23T10:00:00", WorkCalendar{}, CaseSettings{}).error(),
             Catch::Contains("1 or 2"));
  CHECK_FALSE(open_case(1, "u", 1, "yesterday", WorkCalendar{}, CaseSettings{}).ok());
  Case c = new_case();
  CHECK_THAT(apply(c, CaseAction::Verify, "", "2026-11-23T11:00:00").error(), Catch::Contains("who"));
  CHECK_FALSE(apply(c, CaseAction::Verify, "M1", "now").ok());
  CHECK_FALSE(apply(c, CaseAction::Verify, "M1", "2026-11-23T11:00:00", "\xc3\x28").ok());
  CHECK(parse_case_action("follow_up").value() == CaseAction::FollowUp);
  CHECK_FALSE(parse_case_action("delete").ok());
  CHECK(parse_case_state("followed_up").value() == CaseState::FollowedUp);
  CHECK_THAT(parse_case_state("done").error(), Catch::Contains("closed"));
}

TEST_CASE("overdue cases come first") {
  const hall::Date today{2026, 12, 2};
  Case on_time = new_case(1, "2026-11-30T09:00:00");  // due 2026-12-07
  Case late_open = new_case(2, "2026-11-20T09:00:00");  // due 2026-11-27
  Case late_verified = new_case(3, "2026-11-23T09:00:00");  // due 2026-11-30
  REQUIRE(apply(late_verified, CaseAction::Verify, "M1", "2026-11-23T10:00:00").ok());
  // Due 11-23 but rectified Mon 30 Nov: the callback is due Thu 3 Dec.
  Case rectified = new_case(4, "2026-11-16T09:00:00");
  REQUIRE(apply(rectified, CaseAction::Verify, "M1", "2026-11-16T10:00:00").ok());
  REQUIRE(apply(rectified, CaseAction::Rectify, "M1", "2026-11-30T10:00:00", "整改").ok());
  CHECK(is_overdue(late_open, today));
  CHECK_FALSE(is_overdue(late_open, hall::Date{2026, 11, 27}));  // due by the end of the day
  CHECK_FALSE(is_overdue(rectified, today));
  std::vector<Case> list = {on_time, rectified, late_verified, late_open};
  sort_overdue_first(list, today);
  CHECK(list[0].id == 2);
  CHECK(list[1].id == 3);
  CHECK(list[2].id == 4);
  CHECK(list[3].id == 1);
}

TEST_CASE("a case's deadline counts from the hall's day of the rating, whatever offset it was written with") {
  for (const char* machine : {"UTC", "America/New_York"}) {
    INFO("TZ=" << machine);
    testing::MachineZoneScope tz(machine);
    testing::HallZoneScope hall("Asia/Shanghai");
    // Tuesday 1 December 07:30 in the hall; still Monday 30 November in UTC.
    auto c = open_case(1, "u", 1, "2026-11-30T23:30:00Z", WorkCalendar{}, CaseSettings{});
    REQUIRE(c.ok());
    CHECK(to_string(c->deadline) == "2026-12-08");  // 5 working days after Tue 1 Dec
  }
}
