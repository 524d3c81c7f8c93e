// The reviews service (review.peer, review.leader, bonus.add, reviews.list)
// and the month report's data (report.month) against an in-process
// controller core: real store with the sample hall imported, real ZeroMQ on
// loopback, kiosk ratings, and the rankings they change.
#include <catch2/catch.hpp>

#include "common/time/periods.h"
#include "controller/report/report_json.h"
#include "admin_requests.h"
#include "controller_fixture.h"
#include "db_query.h"
#include "report_sample.h"

using namespace testing;
using hall::Json;

namespace {
std::string this_month() {
  auto d = hall::parse_date(hall::iso_time(std::chrono::system_clock::now()));
  REQUIRE(d.ok());
  return hall::to_string(hall::period_of(*d, hall::PeriodKind::Month));
}

// A finished ticket served at window 2 (社保) by `staff`, rated `score`.
void rate_served(TestController& t, int n, const std::string& staff, int score) {
  controller::TicketBook book(t.c->store());
  const int64_t now = hall::epoch_ms(std::chrono::system_clock::now());
  const std::string ticket = "V" + std::to_string(n);
  for (auto [k, ago] : {std::pair{controller::QueueEventKind::Created, 30}, {controller::QueueEventKind::Called, 20},
                        {controller::QueueEventKind::Finished, 5}}) {
    controller::QueueEvent e;
    e.kind = k;
    e.ticket = ticket;
    e.at_ms = now - ago * 60000;
    e.at = hall::iso_from_ms(e.at_ms);
    e.service_item_id = "shebao";
    e.service_item_name = "社保参保登记";
    e.window_number = 2;
    e.window_name = "社保服务窗口";
    e.staff_id = staff;
    e.staff_name = staff == "zhang-wei" ? "张伟" : "王芳";
    REQUIRE(book.apply(e, e.at).ok());
  }
  Client kiosk(t, t.device());
  auto r = kiosk.ask(t, submit(uuid_n(500 + n), ticket, score, Json::array(), "kiosk-1", 0, "13812345678"));
  REQUIRE(r);
  REQUIRE((*r)["type"] == "evaluation.ack");
}

Json row_of(const Json& show, const char* list, const std::string& key, const Json& value) {
  for (const auto& r : show[list])
    if (r[key] == value) return r;
  return nullptr;
}

Json peer(const std::string& period, const std::string& reviewer, const std::string& reviewee, int skill = 5,
          int conduct = 4, int results = 3) {
  return {{"type", "review.peer"}, {"period", period}, {"reviewer", reviewer}, {"reviewee", reviewee},
          {"skill", skill},        {"conduct", conduct}, {"results", results}};
}

Json leader(const std::string& period, const std::string& reviewer, const std::string& kind,
            const std::string& subject_kind, const std::string& subject, int score) {
  return {{"type", "review.leader"}, {"period", period},           {"reviewer", reviewer}, {"kind", kind},
          {"subject_kind", subject_kind}, {"subject", subject}, {"score", score}};
}

Json bonus(const std::string& period, const std::string& subject_kind, const std::string& subject, double points,
           const std::string& by = "he-ping") {
  return {{"type", "bonus.add"}, {"period", period},   {"subject_kind", subject_kind}, {"subject", subject},
          {"points", points},    {"reason", "业务技能竞赛一等奖"}, {"by", by}};
}

int64_t stored(TestController& t) {
  return db_scalar(t.db_path(), "SELECT (SELECT count(*) FROM peer_reviews) + (SELECT count(*) FROM leader_reviews)"
                                " + (SELECT count(*) FROM contest_bonuses)");
}
}  // namespace

TEST_CASE("peer and leader reviews and a bonus change the composite at once, as computed by hand") {
  // m = 0: the citizen score is the plain mean, so the figures are easy to
  // follow; min_ratings = 0: two ratings are enough to rank here.
  TestController t([](controller::Settings& s) {
    s.ranking.m = 0;
    s.ranking.min_ratings = 0;
  });
  import_sample_hall(t);
  const std::string month = this_month();
  rate_served(t, 1, "zhang-wei", 5);
  rate_served(t, 2, "zhang-wei", 4);
  auto show = [&] { return ask_admin(t, {{"type", "rankings.show"}}); };

  // Citizen only: mean 4.5 -> (4.5 - 1) / 4 * 100 = 87.5. Nobody has peer or
  // leader reviews yet, so their weight is shared out for all alike.
  auto before = row_of(show(), "staff", "id", "zhang-wei");
  INFO(before.dump());
  CHECK(before["composite"] == 87.5);
  CHECK(before["peer"].is_null());
  CHECK(before["peer_hall"] == false);

  // Peer 5/4/3 -> (100 + 95 + 88) / 3 = 94.33 under the default points
  // table. Leader 4 -> 95. Composite 0.6·87.5 + 0.2·94.33 + 0.2·95 = 90.37
  // (4★); with a 2.5 bonus 92.87.
  auto p = ask_admin(t, peer(month, "wang-fang", "zhang-wei", 5, 4, 3));
  INFO(p.dump());
  REQUIRE(p["type"] == "review.entered");
  CHECK(p["kind"] == "peer");
  CHECK(p["subject"]["name"] == "张伟");
  auto l = ask_admin(t, leader(month, "he-ping", "个别", "staff", "zhang-wei", 4));
  INFO(l.dump());
  REQUIRE(l["type"] == "review.entered");
  auto mid = row_of(show(), "staff", "id", "zhang-wei");
  CHECK(mid["peer"] == 94.33);
  CHECK(mid["leader"] == 95.0);
  CHECK(mid["composite"] == 90.37);
  CHECK(mid["stars"] == 4);

  auto b = ask_admin(t, bonus(month, "staff", "zhang-wei", 2.5));
  INFO(b.dump());
  REQUIRE(b["type"] == "bonus.added");
  CHECK(b["points"] == 2.5);
  auto after = row_of(show(), "staff", "id", "zhang-wei");
  CHECK(after["bonus"] == 2.5);
  CHECK(after["composite"] == 92.87);
  CHECK(after["stars"] == 4);

  // A window: leader review 现场 5 (100) and a bonus of 1.25 on window 2,
  // whose citizen score is also 87.5 and which has no peer score (no window
  // has: peer reviews are of people), so the peer weight is shared out:
  // (0.6·87.5 + 0.2·100) / 0.8 = 90.625, + 1.25 = 91.875, shown as 91.88 (4★).
  REQUIRE(ask_admin(t, leader(month, "xu-jing", "现场", "window", "2", 5))["type"] == "review.entered");
  REQUIRE(ask_admin(t, bonus(month, "window", "2", 1.25))["type"] == "bonus.added");
  auto window = row_of(show(), "windows", "number", 2);
  INFO(window.dump());
  CHECK(window["leader"] == 100.0);
  CHECK(window["composite"] == 91.88);
  CHECK(window["stars"] == 4);

  // A person reviewed but never rated: with min_ratings = 0 the missing
  // components are the hall's averages (only 张伟 has them: citizen 87.5,
  // leader 95): 0.6·87.5 + 0.2·88 + 0.2·95 = 89.1.
  REQUIRE(ask_admin(t, peer(month, "zheng-hui", "feng-xue", 3, 3, 3))["type"] == "review.entered");
  auto li = row_of(show(), "staff", "id", "feng-xue");
  INFO(li.dump());
  CHECK(li["name"] == "冯雪");
  CHECK(li["count"] == 0);
  CHECK(li["peer"] == 88.0);
  CHECK(li["citizen_hall"] == true);
  CHECK(li["leader_hall"] == true);
  CHECK(li["peer_hall"] == false);
  CHECK(li["composite"] == 89.1);

  // The quarter and the year count the month's reviews too.
  auto year = ask_admin(t, {{"type", "rankings.show"}, {"period", month.substr(0, 4)}});
  CHECK(row_of(year, "staff", "id", "zhang-wei")["composite"] == 92.87);

  // Recompute from the raw rows (ratings, reviews, bonuses) matches exactly.
  auto re = ask_admin(t, {{"type", "rankings.recompute"}});
  CHECK(re["matched"] == true);
  CHECK(row_of(show(), "staff", "id", "zhang-wei") == after);

  // Each write has its audit row.
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM audit WHERE what IN ('review.peer', 'review.leader', 'bonus.add')") == 6);
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM audit WHERE who = 'he-ping' AND subject LIKE 'bonus:%'") == 2);

  // reviews.list, whole and by period.
  auto all = ask_admin(t, {{"type", "reviews.list"}});
  INFO(all.dump());
  CHECK(all["peer"].size() == 2);
  CHECK(all["leader"].size() == 2);
  CHECK(all["bonuses"].size() == 2);
  CHECK(all["peer"][0]["reviewer"]["name"] == "王芳");
  CHECK(all["leader"][1]["subject"]["number"] == 2);
  CHECK(all["bonuses"][1]["points"] == 1.25);
  CHECK(ask_admin(t, {{"type", "reviews.list"}, {"period", "2020-01"}})["peer"].empty());
  CHECK(ask_admin(t, {{"type", "reviews.list"}, {"period", "2020-13"}})["code"] == "bad_period");
}

TEST_CASE("review and bonus refusals say what to do and store nothing") {
  TestController t;
  import_sample_hall(t);
  const std::string month = this_month();
  REQUIRE(ask_admin(t, peer(month, "wang-fang", "zhang-wei"))["type"] == "review.entered");
  REQUIRE(stored(t) == 1);

  struct Refusal {
    Json message;
    std::string code;
    std::string says;
  };
  const std::vector<Refusal> refusals = {
      {peer(month, "wang-fang", "wang-fang"), "refused", "cannot review themselves"},
      {peer(month, "wang-fang", "chen-jing"), "refused", "different departments"},
      {peer(month, "wang-fang", "zhang-wei"), "refused", "already reviewed"},
      {peer(month, "wang-fang", "nobody"), "refused", "'nobody' is not a known staff member"},
      {peer(month, "zheng-hui", "feng-xue", 6), "refused", "out of range"},
      {peer(month, "zhang-wei", "li-na"), "refused", "党员互评 is among Party members; 李娜 is not one"},
      {peer(month, "li-na", "zhang-wei"), "refused", "李娜 is not one"},
      {peer("2026-13", "wang-fang", "li-na"), "refused", "2026-13"},
      {leader(month, "wang-fang", "个别", "staff", "li-na", 4), "refused", "does not have the leader role"},
      {leader(month, "he-ping", "突击", "staff", "li-na", 4), "refused", "use 集中, 个别, 随机 or 现场"},
      {leader(month, "he-ping", "个别", "window", "99", 4), "refused", "no window with code '99'"},
      {leader(month, "he-ping", "个别", "staff", "ghost", 4), "refused", "no staff member with id 'ghost'"},
      {leader(month, "he-ping", "个别", "desk", "2", 4), "refused", "use staff or window"},
      {bonus(month, "staff", "li-na", 10.5), "refused", "at most 10"},
      {bonus(month, "staff", "li-na", 0), "refused", "above 0"},
      {bonus(month, "staff", "li-na", 1.0005), "refused", "three decimals"},
      {bonus(month, "staff", "li-na", 2, "wang-fang"), "refused", "a leader or manager must"},
      {bonus(month, "window", "9", 2), "refused", "no window with code '9'"},
      {[&] { Json b = bonus(month, "staff", "li-na", 2); b["reason"] = ""; return b; }(), "refused", "give a reason"},
      {[&] { Json p = peer(month, "zhang-wei", "wang-fang"); p["skill"] = "5"; return p; }(), "bad_request", "skill"},
      {[&] { Json p = peer(month, "zhang-wei", "wang-fang"); p["extra"] = 1; return p; }(), "bad_request", "extra"},
      {[&] { Json p = peer(month, "zhang-wei", "wang-fang"); p["comment"] = std::string(1200, 'x'); return p; }(),
       "refused", "too long"},
  };
  for (const auto& r : refusals) {
    auto reply = ask_admin(t, r.message);
    INFO(r.message.dump() << " -> " << reply.dump());
    CHECK(reply["type"] == "error");
    CHECK(reply["code"] == r.code);
    CHECK_THAT(reply["message"].get<std::string>(), Catch::Contains(r.says));
  }
  CHECK(stored(t) == 1);
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM audit WHERE what LIKE 'review.%' OR what = 'bonus.add'") == 1);

  // A comment that is not UTF-8 never gets in: the frame itself is refused.
  Client raw(t, t.admin());
  Json good = peer(month, "zhang-wei", "wang-fang");
  good["id"] = 9;
  good["comment"] = "PLACEHOLDER";
  std::string frame = good.dump();
  frame.replace(frame.find("PLACEHOLDER"), 11, "bad \xff\xfe bytes");
  raw.send_raw(frame);
  auto reply = raw.recv(t);
  REQUIRE(reply);
  INFO(reply->dump());
  CHECK((*reply)["type"] == "error");
  CHECK(stored(t) == 1);
  // And the service still answers.
  CHECK(ask_admin(t, peer(month, "zhang-wei", "wang-fang"))["type"] == "review.entered");
}

TEST_CASE("SQL metacharacters and Chinese in comments and reasons are stored verbatim") {
  TestController t;
  import_sample_hall(t);
  const std::string month = this_month();
  const std::string nasty = "Robert'); DROP TABLE peer_reviews;-- \"引号\" 50% _x_ \\ 服务热情，业务熟练";
  Json p = peer(month, "wang-fang", "zhang-wei");
  p["comment"] = nasty;
  REQUIRE(ask_admin(t, p)["type"] == "review.entered");
  Json l = leader(month, "he-ping", "集中", "window", "3", 5);
  l["comment"] = nasty;
  REQUIRE(ask_admin(t, l)["type"] == "review.entered");
  Json b = bonus(month, "staff", "zhang-wei", 3);
  b["reason"] = nasty;
  REQUIRE(ask_admin(t, b)["type"] == "bonus.added");
  auto all = ask_admin(t, {{"type", "reviews.list"}, {"period", month}});
  CHECK(all["peer"][0]["comment"] == nasty);
  CHECK(all["leader"][0]["comment"] == nasty);
  CHECK(all["bonuses"][0]["reason"] == nasty);
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM peer_reviews") == 1);
}

TEST_CASE("a restarted controller keeps the reviews and bonuses in its rankings") {
  TempDir data;
  auto same_dir = [&](controller::Settings& s) { s.data_dir = data.str("var"); };
  const std::string month = this_month();
  Json before;
  {
    TestController t(same_dir);
    import_sample_hall(t);
    rate_served(t, 1, "zhang-wei", 4);
    REQUIRE(ask_admin(t, peer(month, "wang-fang", "zhang-wei"))["type"] == "review.entered");
    REQUIRE(ask_admin(t, leader(month, "he-ping", "随机", "window", "2", 5))["type"] == "review.entered");
    REQUIRE(ask_admin(t, bonus(month, "staff", "zhang-wei", 0.75))["type"] == "bonus.added");
    before = ask_admin(t, {{"type", "rankings.show"}});
    CHECK(row_of(before, "staff", "id", "zhang-wei")["bonus"] == 0.75);
  }
  TestController t(same_dir);
  auto after = ask_admin(t, {{"type", "rankings.show"}});
  CHECK(after["windows"] == before["windows"]);
  CHECK(after["staff"] == before["staff"]);
  CHECK(ask_admin(t, {{"type", "rankings.recompute"}})["matched"] == true);
  // The pair stays taken after the restart.
  CHECK(ask_admin(t, peer(month, "wang-fang", "zhang-wei"))["code"] == "refused");
}

TEST_CASE("report.month returns the month's standings, heat map and masked cases") {
  TestController t;
  import_sample_hall(t);
  const std::string month = this_month();
  rate_served(t, 1, "zhang-wei", 5);
  rate_served(t, 2, "wang-fang", 1);  // opens a case
  REQUIRE(ask_admin(t, leader(month, "he-ping", "现场", "window", "3", 4))["type"] == "review.entered");
  auto reply = ask_admin(t, {{"type", "report.month"}, {"period", month}});
  INFO(reply.dump().substr(0, 2000));
  REQUIRE(reply["type"] == "report.month");
  const auto& j = reply["report"];
  CHECK(j["hall_name"] == "明州市政务服务中心");
  CHECK(j["total_ratings"] == 2);
  CHECK(reply.dump().find("13812345678") == std::string::npos);
  auto r = controller::month_report_from_json(j);
  REQUIRE(r.ok());
  // Neither window has ranking.min_ratings (10) ratings: both are listed,
  // not ranked (评价数不足), window 2 (rated first) before window 3.
  REQUIRE(r->windows.size() == 2);
  CHECK(r->windows[0].code == "2");
  CHECK(r->windows[0].where == "人力资源和社会保障局");
  CHECK(r->windows[0].standing.count == 2);
  CHECK(r->windows[1].code == "3");
  CHECK(r->windows[1].where == "医疗保障局");
  CHECK(r->windows[1].standing.components.leader == 95.0);  // a 4 under the default table
  for (const auto& w : r->windows) {
    CHECK(w.standing.too_few);
    CHECK(w.standing.rank == 0);
    CHECK_FALSE(w.standing.composite);
  }
  CHECK_THAT(controller::csv_windows(*r), Catch::Contains("评价数不足"));
  CHECK_THAT(controller::html_report(*r), Catch::Contains("评价数不足") && Catch::Contains("id=\"talk\""));
  REQUIRE(r->people.size() == 2);
  CHECK(r->people[0].name == "张伟");
  CHECK(r->heat.total() == 2);
  REQUIRE(r->cases.size() == 1);
  CHECK(r->cases[0].c.phone == "138****5678");
  CHECK(r->cases[0].c.staff == "王芳");

  // The quarter and the year of the month too (report.period, or report.month by its older name).
  const std::string quarter = hall::to_string(hall::period_of(*hall::parse_date(month + "-01"), hall::PeriodKind::Quarter));
  auto q = ask_admin(t, {{"type", "report.period"}, {"period", quarter}});
  REQUIRE(q["type"] == "report.period");
  CHECK(q["report"]["total_ratings"] == 2);
  CHECK(ask_admin(t, {{"type", "report.month"}, {"period", month.substr(0, 4)}})["report"]["total_ratings"] == 2);
  CHECK(ask_admin(t, {{"type", "report.month"}, {"period", "2099-01"}})["code"] == "bad_period");  // not yet begun
  CHECK(ask_admin(t, {{"type", "report.month"}, {"period", "2026-13"}})["code"] == "bad_period");
  CHECK(ask_admin(t, {{"type", "report.month"}})["code"] == "bad_request");
}

TEST_CASE("the month report's JSON round-trips to the same files") {
  controller::MonthReport r = testing::sample_report();
  auto back = controller::month_report_from_json(controller::month_report_to_json(r));
  REQUIRE(back.ok());
  CHECK(controller::csv_windows(*back) == controller::csv_windows(r));
  CHECK(controller::csv_people(*back) == controller::csv_people(r));
  CHECK(controller::csv_cases(*back) == controller::csv_cases(r));
  CHECK(controller::html_report(*back) == controller::html_report(r));
  Json broken = controller::month_report_to_json(r);
  broken["windows"][0].erase("standing");
  auto bad = controller::month_report_from_json(broken);
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error(), Catch::Contains("standing"));
}

TEST_CASE("a bonus entered twice is refused, a month's bonuses stop at bonus_max, and a withdrawn one stops counting") {
  TestController t([](controller::Settings& s) {
    s.ranking.m = 0;
    s.ranking.min_ratings = 0;  // one rating ranks here
  });
  import_sample_hall(t);
  const std::string month = this_month();
  rate_served(t, 1, "zhang-wei", 5);
  auto show = [&] { return row_of(ask_admin(t, {{"type", "rankings.show"}}), "staff", "id", "zhang-wei"); };
  const double base = show()["composite"];

  const Json first = ask_admin(t, bonus(month, "staff", "zhang-wei", 4));
  REQUIRE(first["type"] == "bonus.added");
  const int64_t id = first["id"];
  // The same bonus again: refused, naming the one already entered.
  auto twice = ask_admin(t, bonus(month, "staff", "zhang-wei", 4));
  CHECK(twice["code"] == "refused");
  CHECK_THAT(twice["message"].get<std::string>(),
             Catch::Contains("already entered: bonus " + std::to_string(id)) &&
                 Catch::Contains("hallctl bonus withdraw " + std::to_string(id)));
  // Another contest the same month: fine up to ranking.bonus_max (10) in all.
  Json other = bonus(month, "staff", "zhang-wei", 5);
  other["reason"] = "服务礼仪比赛二等奖";
  REQUIRE(ask_admin(t, other)["type"] == "bonus.added");
  Json third = bonus(month, "staff", "zhang-wei", 1.5);
  third["reason"] = "岗位练兵";
  auto over = ask_admin(t, third);
  CHECK(over["code"] == "refused");
  CHECK_THAT(over["message"].get<std::string>(), Catch::Contains("to 10.5, above ranking.bonus_max 10"));
  CHECK(show()["bonus"] == 9.0);
  CHECK(show()["composite"] == base + 9.0);

  // Withdrawn: it stops counting at once and after a recompute, stays
  // listed, is audited, and cannot be withdrawn twice.
  auto no_reason = ask_admin(t, {{"type", "bonus.withdraw"}, {"bonus", id}, {"reason", " "}, {"by", "he-ping"}});
  CHECK(no_reason["code"] == "bad_request");
  auto w = ask_admin(t, {{"type", "bonus.withdraw"}, {"bonus", id}, {"reason", "重复录入"}, {"by", "he-ping"}});
  INFO(w.dump());
  REQUIRE(w["type"] == "bonus.withdrawn");
  CHECK(w["points"] == 4.0);
  CHECK(show()["bonus"] == 5.0);
  CHECK(show()["composite"] == base + 5.0);
  REQUIRE(ask_admin(t, {{"type", "rankings.recompute"}})["type"] != "error");
  CHECK(show()["bonus"] == 5.0);
  auto again = ask_admin(t, {{"type", "bonus.withdraw"}, {"bonus", id}, {"reason", "x"}, {"by", "he-ping"}});
  CHECK(again["code"] == "refused");
  CHECK_THAT(again["message"].get<std::string>(), Catch::Contains("already withdrawn"));
  CHECK(ask_admin(t, {{"type", "bonus.withdraw"}, {"bonus", 999}, {"reason", "x"}, {"by", "he-ping"}})["code"] ==
        "not_found");
  // With the first withdrawn, the 1.5 now fits: 5 + 1.5.
  CHECK(ask_admin(t, third)["type"] == "bonus.added");
  const Json listed = ask_admin(t, {{"type", "reviews.list"}, {"period", month}});
  REQUIRE(listed["bonuses"].size() == 3);
  CHECK(listed["bonuses"][0]["withdrawn"]["reason"] == "重复录入");
  CHECK_FALSE(listed["bonuses"][1].contains("withdrawn"));
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM audit WHERE what = 'bonus.withdraw' AND subject = 'bonus:" +
                                   std::to_string(id) + "'") == 1);
}
