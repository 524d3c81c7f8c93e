// The bad-review case service against an in-process controller core: kiosk
// ratings of 1 or 2 open cases, the admin socket lists and moves them, and
// every change lands in the audit table.
#include <catch2/catch.hpp>

#include <atomic>

#include "common/time/periods.h"
#include "controller/cases/workdays.h"
#include "admin_requests.h"
#include "controller_fixture.h"

using namespace testing;
using hall::Json;

namespace {
int64_t count(TestController& t, const std::string& sql) {
  auto st = t.c->store().prepare(sql);
  REQUIRE(st);
  auto row = st->step();
  REQUIRE(row);
  return st->column_int(0);
}

// Rates tickets A001.. with the given scores (phone 13812345678).
void rate(TestController& t, const std::vector<int>& scores, int first = 1) {
  Client k(t, t.device());
  for (size_t i = 0; i < scores.size(); ++i) {
    const std::string ticket = "A" + std::to_string(1000 + first + static_cast<int>(i)).substr(1);
    t.add_ticket(ticket);
    auto ack = k.ask(t, submit(uuid_n(first + static_cast<int>(i)), ticket, scores[i], Json::array(), "kiosk-1", 0,
                               "13812345678"));
    REQUIRE(ack);
    REQUIRE((*ack)["type"] == "evaluation.ack");
  }
}

}  // namespace

TEST_CASE("each rating of 1 or 2 opens one case due in working days, listed overdue first with the phone masked") {
  TestController t;
  rate(t, {1, 5, 2, 4});
  // The same uuid again (here with another created_at and no phone: a
  // conflict) makes no second case.
  Client k(t, t.device());
  auto dup = k.ask(t, submit(uuid_n(1), "A001", 1));
  REQUIRE(dup);
  CHECK((*dup)["code"] == "conflict");

  auto list = ask_admin(t, {{"type", "cases.list"}});
  INFO(list.dump());
  REQUIRE(list["type"] == "cases");
  REQUIRE(list["cases"].size() == 2);
  const auto& first = list["cases"][0];
  CHECK(first["ticket"] == "A001");
  CHECK(first["score"] == 1);
  CHECK(first["state"] == "open");
  CHECK(first["label"] == "待核实");
  CHECK(first["phone"] == "138****5678");
  CHECK(first["overdue"] == false);
  CHECK(first["window"]["number"] == 3);
  CHECK(first["staff"]["name"] == "王芳");
  auto today = hall::parse_date(list["today"].get<std::string>());
  REQUIRE(today);
  CHECK(first["deadline"] == hall::to_string(controller::WorkCalendar().add_working_days(*today, 5)));
  CHECK(list["cases"][1]["ticket"] == "A003");
  CHECK(count(t, "SELECT count(*) FROM audit WHERE what = 'open' AND who = 'system'") == 2);

  // A case past its deadline comes first.
  REQUIRE(t.c->store().prepare("UPDATE cases SET deadline = '2020-01-06' WHERE ticket = 'A003'")->run());
  auto again = ask_admin(t, {{"type", "cases.list"}});
  CHECK(again["cases"][0]["ticket"] == "A003");
  CHECK(again["cases"][0]["overdue"] == true);
  CHECK(again["cases"][1]["overdue"] == false);
}

TEST_CASE("case steps follow the state machine, are audited with who did them, and wrong steps are refused") {
  TestController t;
  rate(t, {2});
  const int64_t id = ask_admin(t, {{"type", "cases.list"}})["cases"][0]["id"].get<int64_t>();

  CHECK(act(t, id, "verify")["case"]["state"] == "verified");
  auto wrong = act(t, id, "close");
  CHECK(wrong["type"] == "error");
  CHECK(wrong["code"] == "bad_transition");
  CHECK_THAT(wrong["message"].get<std::string>(), Catch::Contains("not allowed") && Catch::Contains("rectify"));
  CHECK(act(t, id, "rectify")["code"] == "bad_transition");  // no action described
  CHECK(act(t, id, "rectify", "窗口人员培训，当面致歉")["case"]["state"] == "rectified");
  CHECK(act(t, id, "follow_up", "很好")["code"] == "bad_transition");
  CHECK(act(t, id, "follow_up", "不满意")["case"]["state"] == "followed_up");
  CHECK(act(t, id, "reopen")["case"]["state"] == "verified");
  CHECK(act(t, id, "rectify", "再次整改")["case"]["state"] == "rectified");
  CHECK(act(t, id, "follow_up", "满意")["case"]["state"] == "followed_up");
  auto closed = act(t, id, "close", "", "李主任");
  CHECK(closed["case"]["state"] == "closed");
  CHECK_FALSE(closed["case"]["closed_at"].get<std::string>().empty());

  CHECK(ask_admin(t, {{"type", "cases.list"}})["cases"].empty());
  CHECK(ask_admin(t, {{"type", "cases.list"}, {"all", true}})["cases"].size() == 1);
  CHECK(count(t, "SELECT count(*) FROM audit WHERE subject = 'case:" + std::to_string(id) + "'") == 8);
  CHECK(count(t, "SELECT count(*) FROM audit WHERE who = '张科长' AND what = 'rectify' AND from_value = 'verified' "
                 "AND to_value = 'rectified'") == 2);
  CHECK(count(t, "SELECT count(*) FROM audit WHERE who = '李主任' AND what = 'close'") == 1);

  CHECK(act(t, 999, "verify")["code"] == "not_found");
  CHECK(act(t, id, "explode")["code"] == "bad_action");
  // "by" is read only without security, and must then be text.
  CHECK(ask_admin(t, {{"type", "case.act"}, {"case", id}, {"action", "verify"}, {"by", 5}})["code"] == "bad_request");
  CHECK(ask_admin(t, {{"type", "case.act"}, {"case", "1; DROP TABLE cases"}, {"action", "verify"}, {"by", "x"}})["code"] ==
        "bad_request");
  CHECK(count(t, "SELECT count(*) FROM cases") == 1);
}

TEST_CASE("a bad rating whose case was never written gets it when the controller starts") {
  TempDir data;
  auto same_dir = [&](controller::Settings& s) { s.data_dir = data.str("var"); };
  {
    TestController t(same_dir);
    rate(t, {1, 3});
    // As in a store from a version that wrote the case in a later transaction.
    REQUIRE(t.c->store().prepare("DELETE FROM cases")->run());
  }
  TestController t(same_dir);
  auto list = ask_admin(t, {{"type", "cases.list"}});
  REQUIRE(list["cases"].size() == 1);
  CHECK(list["cases"][0]["ticket"] == "A001");
}

TEST_CASE("a case is written in its rating's transaction: if it cannot be, neither is the rating") {
  TestController t;
  std::atomic<bool> fail = true;  // read on the evaluation committer's thread
  t.services.evaluations->on_write([&](hall::Store&, const controller::CommittedEvaluation&) -> hall::Status {
    if (fail) return hall::fail("disk full (injected)");
    return {};
  });
  t.add_ticket("A001");
  Client k(t, t.device());
  auto refused = k.ask(t, submit(uuid_n(1), "A001", 1));
  REQUIRE(refused);
  CHECK((*refused)["type"] == "error");
  CHECK((*refused)["code"] == "store_error");
  CHECK((*refused)["permanent"] == false);
  CHECK(count(t, "SELECT count(*) FROM evaluations") == 0);
  CHECK(count(t, "SELECT count(*) FROM cases") == 0);

  fail = false;  // the kiosk resends the same uuid
  auto ack = k.ask(t, submit(uuid_n(1), "A001", 1));
  REQUIRE(ack);
  CHECK((*ack)["type"] == "evaluation.ack");
  CHECK(count(t, "SELECT count(*) FROM evaluations") == 1);
  CHECK(count(t, "SELECT count(*) FROM cases") == 1);
  CHECK(count(t, "SELECT count(*) FROM audit WHERE what = 'open'") == 1);
}

TEST_CASE("a rating whose case is rejected (不予认定) stops counting in the rankings, and an appeal counts it again") {
  TempDir data;
  auto same_dir = [&](controller::Settings& s) { s.data_dir = data.str("var"); };
  auto window3 = [](TestController& t) {
    auto show = ask_admin(t, {{"type", "rankings.show"}});
    INFO(show.dump());
    REQUIRE(show["windows"].size() == 1);
    return show["windows"][0];
  };
  auto recompute_matches = [](TestController& t) {
    auto re = ask_admin(t, {{"type", "rankings.recompute"}});
    INFO(re.dump());
    return re["matched"] == true;
  };
  {
    TestController t(same_dir);
    rate(t, {1, 5, 5});  // all at window 3 (add_ticket)
    CHECK(window3(t)["count"] == 3);
    CHECK(window3(t)["mean"] == 3.67);

    auto r = act(t, 1, "reject", "误评：群众按错键，已电话核实");
    REQUIRE(r["type"] == "case");
    CHECK(window3(t)["count"] == 2);
    CHECK(window3(t)["mean"] == 5.0);
    CHECK(recompute_matches(t));

    CHECK(act(t, 1, "appeal", "群众坚持差评")["type"] == "case");
    CHECK(window3(t)["count"] == 3);
    CHECK(recompute_matches(t));

    CHECK(act(t, 1, "reject", "复核为误评")["type"] == "case");
    CHECK(act(t, 1, "close")["type"] == "case");
    CHECK(window3(t)["count"] == 2);
  }
  // A restart reads the rejection from the store: a closed rejected case
  // still leaves its rating out.
  TestController t(same_dir);
  CHECK(window3(t)["count"] == 2);
  CHECK(recompute_matches(t));
}

TEST_CASE("a case gets an owner who works here, closes after a 不满意 callback only by override, and shows its history") {
  TestController t;
  import_sample_hall(t);
  rate(t, {1});
  const int64_t id = ask_admin(t, {{"type", "cases.list"}})["cases"][0]["id"].get<int64_t>();
  auto assign = [&](const std::string& owner, const std::string& note = "") {
    Json j = {{"type", "case.act"}, {"case", id}, {"action", "assign"}, {"owner", owner}, {"by", "张科长"}};
    if (!note.empty()) j["note"] = note;
    return ask_admin(t, j);
  };
  // A key that is no person's, someone unknown, and the rated person are refused.
  REQUIRE(t.c->store()
              .prepare("INSERT INTO keys (name, public_key, role, enrolled_by, enrolled_at) VALUES "
                       "('kiosk-9', 'k9', 'kiosk', 'test', '2026-12-01'), ('boss', 'b1', 'manager', 'test', '2026-12-01')")
              ->run());
  for (const char* nobody : {"kiosk-9", "nobody'; DROP TABLE cases; --"}) {
    auto r = assign(nobody);
    CHECK(r["code"] == "not_found");
    CHECK_THAT(r["message"].get<std::string>(), Catch::Contains("staff id") && Catch::Contains(nobody));
  }
  CHECK_THAT(assign("wang-fang")["message"].get<std::string>(), Catch::Contains("own rating"));
  auto owned = assign("chen-jing");
  INFO(owned.dump());
  CHECK(owned["case"]["owner"]["id"] == "chen-jing");
  CHECK(owned["case"]["owner"]["name"] == "陈静");
  CHECK(assign("boss", "陈静调岗")["case"]["owner"]["name"] == "boss");

  CHECK(act(t, id, "verify")["case"]["state"] == "verified");
  auto rectified = act(t, id, "rectify", "当面致歉，改进告知单");
  CHECK(rectified["case"]["due"] == rectified["case"]["callback_deadline"]);
  CHECK_FALSE(rectified["case"]["callback_deadline"].get<std::string>().empty());
  CHECK(act(t, id, "follow_up", "不满意")["case"]["state"] == "followed_up");
  auto refused = act(t, id, "close");
  CHECK(refused["code"] == "bad_transition");
  CHECK_THAT(refused["message"].get<std::string>(), Catch::Contains("override"));
  Json over = {{"type", "case.act"}, {"case", id}, {"action", "close"}, {"override", true}, {"by", "李主任"}};
  CHECK(ask_admin(t, over)["code"] == "bad_transition");  // no reason
  over["note"] = "诉求超出法定办理范围，已书面答复";
  auto closed = ask_admin(t, over);
  CHECK(closed["case"]["state"] == "closed");
  CHECK(closed["case"]["close_note"] == "诉求超出法定办理范围，已书面答复");
  CHECK(ask_admin(t, {{"type", "case.act"}, {"case", id}, {"action", "verify"}, {"override", "yes"}})["code"] ==
        "bad_request");

  auto shown = ask_admin(t, {{"type", "case.show"}, {"case", id}});
  INFO(shown.dump());
  REQUIRE(shown["type"] == "case.history");
  CHECK(shown["case"]["owner"]["id"] == "boss");
  std::vector<std::string> steps;
  for (const auto& h : shown["history"]) steps.push_back(h["what"].get<std::string>() + "/" + h["who"].get<std::string>());
  CHECK(steps == std::vector<std::string>{"open/system", "assign/张科长", "assign/张科长", "verify/张科长",
                                          "rectify/张科长", "follow_up/张科长", "close.override/李主任"});
  CHECK(shown["history"][2]["note"] == "boss (was chen-jing): 陈静调岗");
  CHECK(shown["history"][6]["from"] == "followed_up");
  CHECK(shown["history"][6]["to"] == "closed");
  CHECK(ask_admin(t, {{"type", "case.show"}, {"case", 999}})["code"] == "not_found");
  CHECK(ask_admin(t, {{"type", "case.show"}})["code"] == "bad_request");
}

TEST_CASE("a rectified case nobody calls back becomes overdue on its callback deadline") {
  std::atomic<int> days_later{0};
  TestController t({}, false, [&] { return std::chrono::system_clock::now() + std::chrono::hours(24) * days_later.load(); });
  rate(t, {2});
  const int64_t id = ask_admin(t, {{"type", "cases.list"}})["cases"][0]["id"].get<int64_t>();
  act(t, id, "verify");
  auto rectified = act(t, id, "rectify", "补正材料清单");
  const std::string callback_due = rectified["case"]["callback_deadline"];
  auto due = hall::parse_date(callback_due);
  REQUIRE(due.ok());
  // Days pass until the hall's date is past the callback deadline.
  auto listed = [&] { return ask_admin(t, {{"type", "cases.list"}})["cases"][0]; };
  for (days_later = 1; days_later < 15; ++days_later) {
    auto today = hall::parse_date(ask_admin(t, {{"type", "cases.list"}})["today"].get<std::string>());
    REQUIRE(today.ok());
    INFO("today " << hall::to_string(*today) << ", callback due " << callback_due);
    CHECK(listed()["overdue"] == (*today > *due));
    if (*today > *due) break;
  }
  CHECK(listed()["overdue"] == true);
  CHECK(listed()["due"] == callback_due);
  act(t, id, "follow_up", "满意");
  CHECK(listed()["overdue"] == false);
  CHECK(listed()["due"] == "");
}
