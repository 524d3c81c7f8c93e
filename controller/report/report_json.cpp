#include "controller/report/report_json.h"

#include <stdexcept>

namespace controller {

using hall::Json;

namespace {
Json json_or_null(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

std::optional<double> opt_of(const Json& j, const char* key) {
  const Json& v = j.at(key);
  if (v.is_null()) return std::nullopt;
  return v.get<double>();
}

Json standing_json(const Standing& s) {
  Json j = {{"id", s.id},       {"count", s.count}, {"mean", json_or_null(s.mean)}, {"composite", json_or_null(s.composite)},
            {"stars", s.stars}, {"rank", s.rank}};
  j["satisfaction"] = s.satisfaction ? Json{{"rate", s.satisfaction->rate}, {"wilson_lower", s.satisfaction->wilson_lower}}
                                     : Json(nullptr);
  j["components"] = {{"citizen", json_or_null(s.components.citizen)}, {"peer", json_or_null(s.components.peer)},
                     {"leader", json_or_null(s.components.leader)}, {"bonus", s.components.bonus},
                     {"citizen_hall", s.components.citizen_hall}, {"peer_hall", s.components.peer_hall},
                     {"leader_hall", s.components.leader_hall}};
  j["too_few"] = s.too_few;
  j["talk"] = s.talk;
  return j;
}

Standing standing_of(const Json& j) {
  Standing s;
  s.id = j.at("id").get<int32_t>();
  s.count = j.at("count").get<int64_t>();
  s.mean = opt_of(j, "mean");
  s.composite = opt_of(j, "composite");
  s.stars = j.at("stars").get<int>();
  s.rank = j.at("rank").get<int>();
  if (const Json& sat = j.at("satisfaction"); !sat.is_null())
    s.satisfaction = Satisfaction{sat.at("rate").get<double>(), sat.at("wilson_lower").get<double>()};
  const Json& c = j.at("components");
  s.components.citizen = opt_of(c, "citizen");
  s.components.peer = opt_of(c, "peer");
  s.components.leader = opt_of(c, "leader");
  s.components.bonus = c.at("bonus").get<double>();
  s.components.citizen_hall = c.value("citizen_hall", false);
  s.components.peer_hall = c.value("peer_hall", false);
  s.components.leader_hall = c.value("leader_hall", false);
  s.too_few = j.value("too_few", false);
  s.talk = j.value("talk", false);
  return s;
}

Json rows_json(const std::vector<ReportRow>& rows) {
  Json out = Json::array();
  for (const auto& r : rows)
    out.push_back({{"code", r.code}, {"name", r.name}, {"where", r.where}, {"standing", standing_json(r.standing)}});
  return out;
}

std::vector<ReportRow> rows_of(const Json& j) {
  std::vector<ReportRow> out;
  for (const auto& r : j)
    out.push_back({r.at("code").get<std::string>(), r.at("name").get<std::string>(),
                   r.at("where").get<std::string>(), standing_of(r.at("standing"))});
  return out;
}

Json case_json(const ReportCase& rc) {
  const Case& c = rc.c;
  return {{"id", c.id},
          {"path", rc.path},
          {"carried_in", rc.carried_in},
          {"overdue", rc.overdue},
          {"rejected", rc.rejected},
          {"evaluation_uuid", c.evaluation_uuid},
          {"ticket", c.ticket},
          {"window", c.window},
          {"staff", c.staff},
          {"score", c.score},
          {"phone", mask_phone(c.phone)},
          {"opened_at", c.opened_at},
          {"deadline", to_string(c.deadline)},
          {"deadline_provisional", c.deadline_provisional},
          {"callback_deadline", c.callback_deadline ? to_string(*c.callback_deadline) : ""},
          {"state", case_state_name(c.state)},
          {"reject_reason", c.reject_reason},
          {"action_taken", c.action_taken},
          {"callback_result", c.callback_result},
          {"closed_at", c.closed_at}};
}

ReportCase case_of(const Json& j) {
  ReportCase rc;
  rc.path = j.value("path", "");
  rc.carried_in = j.value("carried_in", false);
  rc.overdue = j.value("overdue", false);
  rc.rejected = j.value("rejected", false);
  Case& c = rc.c;
  c.id = j.at("id").get<int64_t>();
  c.evaluation_uuid = j.at("evaluation_uuid").get<std::string>();
  c.ticket = j.at("ticket").get<std::string>();
  c.window = j.at("window").get<std::string>();
  c.staff = j.at("staff").get<std::string>();
  c.score = j.at("score").get<int>();
  c.phone = j.at("phone").get<std::string>();
  c.opened_at = j.at("opened_at").get<std::string>();
  auto d = hall::parse_date(j.at("deadline").get<std::string>());
  if (!d) throw std::runtime_error("case " + std::to_string(c.id) + ": deadline: " + d.error());
  c.deadline = *d;
  c.deadline_provisional = j.value("deadline_provisional", false);  // absent from older controllers
  if (auto cb = hall::parse_date(j.value("callback_deadline", "")))
    c.callback_deadline = *cb;  // "" or absent: not rectified (or an older controller)
  auto st = parse_case_state(j.at("state").get<std::string>());
  if (!st) throw std::runtime_error("case " + std::to_string(c.id) + ": " + st.error());
  c.state = *st;
  c.reject_reason = j.at("reject_reason").get<std::string>();
  c.action_taken = j.at("action_taken").get<std::string>();
  c.callback_result = j.at("callback_result").get<std::string>();
  c.closed_at = j.at("closed_at").get<std::string>();
  if (rc.path.empty()) rc.path = case_state_label_zh(c.state);
  return rc;
}

Json flow_json(const CaseFlow& f) {
  return {{"carried_in", f.carried_in}, {"opened", f.opened}, {"closed", f.closed}, {"open_at_end", f.open_at_end},
          {"overdue_at_end", f.overdue_at_end}, {"became_overdue", f.became_overdue}, {"rejected", f.rejected}};
}

CaseFlow flow_of(const Json& j) {
  CaseFlow f;
  f.carried_in = j.value("carried_in", int64_t{0});
  f.opened = j.value("opened", int64_t{0});
  f.closed = j.value("closed", int64_t{0});
  f.open_at_end = j.value("open_at_end", int64_t{0});
  f.overdue_at_end = j.value("overdue_at_end", int64_t{0});
  f.became_overdue = j.value("became_overdue", int64_t{0});
  f.rejected = j.value("rejected", int64_t{0});
  return f;
}
}  // namespace

Json month_report_to_json(const MonthReport& r) {
  Json cases = Json::array();
  for (const auto& c : r.cases) cases.push_back(case_json(c));
  const auto& s = r.settings;
  return {{"hall_name", r.hall_name},
          {"period", to_string(r.period)},
          {"timezone", r.timezone},
          {"generated_at", r.generated_at},
          {"today", to_string(r.today)},
          {"total_ratings", r.total_ratings},
          {"hall_satisfied", r.hall_satisfied},
          {"hall_mean", r.hall_mean},
          {"settings", {{"m", s.m}, {"weight_citizen", s.weight_citizen}, {"weight_peer", s.weight_peer},
                        {"weight_leader", s.weight_leader}, {"star_thresholds", s.star_thresholds},
                        {"bonus_max", s.bonus_max}, {"min_ratings", s.min_ratings}}},
          {"windows", rows_json(r.windows)},
          {"people", rows_json(r.people)},
          {"heat", {{"count", r.heat.count}, {"sum", r.heat.sum}}},
          {"as_of", r.as_of},
          {"flow", flow_json(r.flow)},
          {"cases", cases}};
}

hall::Result<MonthReport> month_report_from_json(const Json& j) {
  try {
    MonthReport r;
    r.hall_name = j.at("hall_name").get<std::string>();
    auto p = hall::parse_period(j.at("period").get<std::string>());
    if (!p) return hall::fail("period: " + p.error());
    r.period = *p;
    r.timezone = j.value("timezone", "");
    r.generated_at = j.at("generated_at").get<std::string>();
    auto today = hall::parse_date(j.at("today").get<std::string>());
    if (!today) return hall::fail("today: " + today.error());
    r.today = *today;
    r.total_ratings = j.at("total_ratings").get<int64_t>();
    r.hall_satisfied = j.at("hall_satisfied").get<int64_t>();
    r.hall_mean = j.at("hall_mean").get<double>();
    const Json& s = j.at("settings");
    r.settings.m = s.at("m").get<double>();
    r.settings.weight_citizen = s.at("weight_citizen").get<double>();
    r.settings.weight_peer = s.at("weight_peer").get<double>();
    r.settings.weight_leader = s.at("weight_leader").get<double>();
    r.settings.star_thresholds = s.at("star_thresholds").get<std::array<double, 4>>();
    r.settings.bonus_max = s.at("bonus_max").get<double>();
    r.settings.min_ratings = s.value("min_ratings", r.settings.min_ratings);
    r.windows = rows_of(j.at("windows"));
    r.people = rows_of(j.at("people"));
    r.heat.count = j.at("heat").at("count").get<std::array<std::array<int64_t, 24>, 7>>();
    r.heat.sum = j.at("heat").at("sum").get<std::array<std::array<int64_t, 24>, 7>>();
    for (const auto& c : j.at("cases")) r.cases.push_back(case_of(c));
    r.as_of = j.value("as_of", r.generated_at);
    if (j.contains("flow")) r.flow = flow_of(j.at("flow"));
    return r;
  } catch (const std::exception& e) {
    return hall::fail(std::string("the report data from the controller is not readable: ") + e.what());
  }
}

}  // namespace controller
