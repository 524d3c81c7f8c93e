// report_sample.h: a deterministic month of ratings, reviews and cases built
// into a MonthReport, shared by the report unit tests and the chromium
// rendering test. Threading: pure function.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "controller/report/report.h"
#include "controller/rankings/scoring_tally.h"

namespace testing {

inline controller::MonthReport sample_report() {
  using namespace controller;
  struct W { const char* code; const char* name; const char* dept; double quality; };
  static const std::vector<W> windows = {
      {"W01", "综合受理一号窗", "综合窗口科", 0.80}, {"W02", "不动产登记", "不动产登记科", 0.97},
      {"W03", "社保医保", "社会保障科", 0.90},       {"W04", "公积金", "公积金中心", 0.86},
      {"W05", "企业开办", "市场监管科", 0.93},       {"W06", "税务", "税务科", 0.70},
      {"W07", "户籍", "公安窗口", 0.95},             {"W08", "综合受理二号窗", "=HYPERLINK(\"x\")", 0.88},
  };
  static const char* names[] = {"张三", "李四", "王五", "赵六", "孙七", "周八", "<b>周九</b>", "吴十",
                                "郑一", "冯二", "陈晨", "褚楚", "卫薇", "蒋江", "沈深", "韩寒"};
  const hall::Period month = *hall::parse_period("2026-11");
  Tally tally({hall::PeriodKind::Month});
  MonthReport r;
  r.hall_name = "示范区政务服务中心";
  r.period = month;
  r.generated_at = "2026-12-02T09:00:00";
  r.today = {2026, 12, 2};
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(0, 1);
  const int64_t first = hall::days_from_civil(hall::first_day(month));
  int64_t case_id = 0;
  for (int i = 0; i < 1200; ++i) {
    const int32_t w = static_cast<int32_t>(rng() % windows.size());
    const int32_t staff = w * 2 + static_cast<int32_t>(rng() % 2);
    const int64_t day = first + static_cast<int64_t>(rng() % 30);
    const hall::Date d = hall::civil_from_days(day);
    const int wd = hall::iso_weekday(d);
    if (wd == 7 || (wd == 6 && rng() % 3)) continue;  // closed Sundays, few Saturdays
    const int hour = 9 + static_cast<int>(u(rng) * u(rng) * 8.99);
    const double q = windows[static_cast<size_t>(w)].quality;
    const double x = u(rng);
    const int score = x < q ? (u(rng) < 0.7 ? 5 : 4) : x < q + (1 - q) * 0.5 ? 3 : (u(rng) < 0.5 ? 2 : 1);
    tally.add_rating({static_cast<int32_t>(day), w, staff, static_cast<int8_t>(score)});
    r.heat.add(wd - 1, hour, score);
    if (score <= 2) {
      char at[32];
      std::snprintf(at, sizeof at, "%sT%02d:15:00", to_string(d).c_str(), hour);
      ++case_id;
      auto c = open_case(case_id, "uuid-" + std::to_string(case_id), score, at, WorkCalendar{}, CaseSettings{});
      c->ticket = "A" + std::to_string(100 + i);
      c->window = windows[static_cast<size_t>(w)].code;
      c->staff = "S" + std::string(staff < 9 ? "00" : "0") + std::to_string(staff + 1);
      c->phone = case_id % 3 == 0 ? "13812345678" : case_id % 3 == 1 ? "13900001111" : "";
      const int stage = static_cast<int>(case_id % 6);
      if (stage >= 1) (void)apply(*c, CaseAction::Verify, "M1", at);
      if (stage >= 2) (void)apply(*c, CaseAction::Rectify, "M1", at, "约谈提醒, 完善一次性告知单");
      if (stage >= 3) (void)apply(*c, CaseAction::FollowUp, "M1", at, "满意");
      if (stage >= 4) (void)apply(*c, CaseAction::Close, "M1", at);
      ReportCase rc;
      rc.c = *c;
      rc.overdue = is_overdue(*c, r.today);
      rc.path = c->state == CaseState::Open ? "待核实" : std::string("待核实→…→") + case_state_label_zh(c->state);
      r.cases.push_back(rc);
    }
  }
  {  // a case rejected (不予认定) and then closed, and one carried in from October
    auto c = open_case(++case_id, "uuid-rejected", 1, "2026-11-16T10:05:00", WorkCalendar{}, CaseSettings{});
    c->ticket = "A990";
    c->window = "W06";
    c->staff = "S011";
    (void)apply(*c, CaseAction::Reject, "M1", "2026-11-17T09:00:00", "误评: 群众点错按钮, 已核实监控");
    (void)apply(*c, CaseAction::Close, "M1", "2026-11-18T09:00:00");
    ReportCase rc;
    rc.c = *c;
    rc.path = "待核实→不予认定→已办结";
    rc.rejected = true;
    r.cases.push_back(rc);
    auto old = open_case(++case_id, "uuid-october", 2, "2026-10-20T15:40:00", WorkCalendar{}, CaseSettings{});
    old->ticket = "A077";
    old->window = "W01";
    old->staff = "S001";
    ReportCase oc;
    oc.c = *old;
    oc.path = "待核实";
    oc.carried_in = true;
    oc.overdue = is_overdue(*old, r.today);
    r.cases.push_back(oc);
  }
  r.as_of = "2026-12-01T00:00:00+08:00";
  for (const auto& rc : r.cases) {
    (rc.carried_in ? r.flow.carried_in : r.flow.opened) += 1;
    (rc.c.state == CaseState::Closed ? r.flow.closed : r.flow.open_at_end) += 1;
    r.flow.overdue_at_end += rc.overdue;
    r.flow.rejected += rc.rejected;
  }
  r.flow.became_overdue = r.flow.overdue_at_end - 1;
  for (int32_t s = 0; s < 16; s += 3) tally.add_peer(month, s, 4, 5, 4);
  tally.add_leader(month, Subject::Window, 1, 5);
  tally.add_bonus(month, Subject::Staff, 2, 2000);
  const PeriodSums* ps = tally.find(month);
  r.total_ratings = ps->hall.count();
  r.hall_satisfied = ps->hall.satisfied();
  r.hall_mean = static_cast<double>(ps->hall.sum()) / static_cast<double>(r.total_ratings);
  for (const auto& st : standings(tally, month, Subject::Window, r.settings)) {
    const auto& w = windows[static_cast<size_t>(st.id)];
    r.windows.push_back({w.code, w.name, w.dept, st});
  }
  for (const auto& st : standings(tally, month, Subject::Staff, r.settings)) {
    std::string id = "S" + std::string(st.id < 9 ? "00" : "0") + std::to_string(st.id + 1);
    r.people.push_back({id, names[st.id], windows[static_cast<size_t>(st.id / 2)].code, st});
  }
  return r;
}

}  // namespace testing
