// Reviews and the month report end to end: the real hall-controller and the
// real hallctl on loopback. A peer review, leader reviews and a bonus entered
// with hallctl change `hallctl rankings show`; refusals exit 1 with the
// reason; `hallctl report month` writes the CSVs and the HTML where hallctl
// runs, and they name the windows.
#include <catch2/catch.hpp>

#include <signal.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <map>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/chp/chp_client.h"
#include "common/time/clock.h"
#include "common/wire/rpc.h"
#include "harness.h"

using namespace testing;
using Json = nlohmann::json;

namespace {

double to_cents(double x) { return std::round(x * 100.0) / 100.0; }

Json row_of(const Json& list, const std::string& key, const Json& value) {
  for (const auto& r : list)
    if (r[key] == value) return r;
  return nullptr;
}
}  // namespace

TEST_CASE("hallctl enters reviews and a bonus, the rankings change, and report month writes the files") {
  Hall hall;
  Process controller("hall-controller", hall.controller_args("明州市政务服务中心"), hall.dir.path() / "controller.log");
  REQUIRE(controller.wait_for_log("controller up"));
  auto ctl = [&](std::vector<std::string> args) { return run("hallctl", hall.hallctl_args(std::move(args))); };
  REQUIRE(ctl({"content", "import", kSample}).code == 0);

  auto show = [&] {
    auto r = ctl({"rankings", "show", "--period", "2026-11", "--json"});
    REQUIRE(r.code == 0);
    return Json::parse(r.output);
  };
  const Json empty = show();
  CHECK(empty["windows"].empty());
  CHECK(empty["staff"].empty());

  auto peer = ctl({"review", "peer", "--period", "2026-11", "--reviewer", "wang-fang", "--reviewee", "zhang-wei",
                   "--skill", "5", "--conduct", "4", "--results", "5", "--comment", "业务熟练，耐心细致"});
  INFO(peer.output);
  REQUIRE(peer.code == 0);
  CHECK_THAT(peer.output, Catch::Contains("peer review 1 stored for 张伟 (zhang-wei), 2026-11"));
  auto lead = ctl({"review", "leader", "--period", "2026-11", "--reviewer", "he-ping", "--kind", "现场", "--window",
                   "2", "--score", "5"});
  INFO(lead.output);
  REQUIRE(lead.code == 0);
  CHECK_THAT(lead.output, Catch::Contains("leader review 1 stored for window 2"));
  REQUIRE(ctl({"review", "leader", "--period", "2026-11", "--reviewer", "xu-jing", "--kind", "随机", "--window", "3",
               "--score", "4"}).code == 0);
  auto bonus = ctl({"bonus", "add", "--period", "2026-11", "--staff", "zhang-wei", "--points", "2.5", "--reason",
                    "业务技能竞赛一等奖", "--by", "he-ping"});
  INFO(bonus.output);
  REQUIRE(bonus.code == 0);
  CHECK_THAT(bonus.output, Catch::Contains("+2.5 for 张伟 (zhang-wei)"));

  // Refusals: the controller's reason, exit 1; a usage error exits 2.
  auto cross = ctl({"review", "peer", "--period", "2026-11", "--reviewer", "wang-fang", "--reviewee", "chen-jing",
                    "--skill", "5", "--conduct", "5", "--results", "5"});
  CHECK(cross.code == 1);
  CHECK_THAT(cross.output, Catch::Contains("different departments"));
  auto not_leader = ctl({"review", "leader", "--period", "2026-11", "--reviewer", "li-na", "--kind", "个别",
                         "--staff", "zhang-wei", "--score", "3"});
  CHECK(not_leader.code == 1);
  CHECK_THAT(not_leader.output, Catch::Contains("does not have the leader role"));
  CHECK(ctl({"bonus", "add", "--period", "2026-11", "--window", "2", "--staff", "li-na", "--points", "1", "--reason",
             "x", "--by", "he-ping"}).code == 2);
  auto twice = ctl({"bonus", "add", "--period", "2026-11", "--staff", "zhang-wei", "--points", "2.5", "--reason",
                    "业务技能竞赛一等奖", "--by", "he-ping"});
  CHECK(twice.code == 1);
  CHECK_THAT(twice.output, Catch::Contains("already entered: bonus 1") && Catch::Contains("hallctl bonus withdraw 1"));

  // Nobody has a citizen rating in 2026-11, so nobody is ranked
  // (ranking.min_ratings, default 10): 张伟, with one peer review and a bonus,
  // and the windows, with one leader review each, are listed as 评价数不足
  // without composite, stars or rank. Their components still show, under
  // the default points table: 张伟's peer (100 + 95 + 100) / 3 = 98.33,
  // window 2's leader 5 -> 100, window 3's 4 -> 95.
  const Json after = show();
  INFO(after.dump());
  CHECK(after["min_ratings"] == 10);
  REQUIRE(after["windows"].size() == 2);
  for (const auto& w : after["windows"]) {
    CHECK(w["too_few"] == true);
    CHECK(w["composite"].is_null());
    CHECK(w["rank"] == 0);
    CHECK(w["stars"] == 0);
  }
  CHECK(row_of(after["windows"], "number", 2)["leader"] == 100.0);
  CHECK(row_of(after["windows"], "number", 3)["leader"] == 95.0);
  const Json zhang = row_of(after["staff"], "id", "zhang-wei");
  CHECK(zhang["count"] == 0);
  CHECK(zhang["too_few"] == true);
  CHECK(zhang["composite"].is_null());
  CHECK(zhang["rank"] == 0);
  CHECK(zhang["peer"] == 98.33);
  auto text = ctl({"rankings", "show", "--period", "2026-11"});
  INFO(text.output);
  CHECK_THAT(text.output, Catch::Contains("needs 10 to be ranked"));
  for (const auto& line : {std::string("张伟 (zhang-wei)"), std::string("2 社会保险窗口")}) {
    const auto at = text.output.find(line);
    REQUIRE(at != std::string::npos);
    const std::string row = text.output.substr(at, text.output.find('\n', at) - at);
    CHECK_THAT(row, Catch::Contains("评价数不足"));
    CHECK_THAT(row, !Catch::Contains("★"));
  }
  CHECK_THAT(text.output, Catch::Contains("+2.50"));

  auto listed = ctl({"reviews", "--period", "2026-11"});
  INFO(listed.output);
  CHECK(listed.code == 0);
  CHECK_THAT(listed.output, Catch::Contains("peer reviews (1)") && Catch::Contains("leader reviews (2)") &&
                                Catch::Contains("bonuses (1)") && Catch::Contains("业务熟练，耐心细致"));

  // The month report lands where hallctl runs.
  const fs::path out = hall.dir.path() / "reports";
  auto report = ctl({"report", "month", "2026-11", "--out", out.string()});
  INFO(report.output);
  REQUIRE(report.code == 0);
  for (const char* name : {"windows-2026-11.csv", "people-2026-11.csv", "cases-2026-11.csv", "report-2026-11.html"}) {
    CHECK_THAT(report.output, Catch::Contains((out / name).string()));
    CHECK(fs::exists(out / name));
  }
  const std::string windows = slurp(out / "windows-2026-11.csv");
  CHECK_THAT(windows, Catch::Contains("-,2,社会保险窗口,人力资源和社会保障局,0,"));
  CHECK_THAT(windows, Catch::Contains("-,3,"));
  CHECK_THAT(windows, Catch::Contains(",评价数不足\r\n"));
  CHECK_THAT(slurp(out / "people-2026-11.csv"), Catch::Contains("张伟") && Catch::Contains("评价数不足"));
  const std::string html = slurp(out / "report-2026-11.html");
  CHECK_THAT(html, Catch::Contains("明州市政务服务中心") && Catch::Contains("社会保险窗口") && Catch::Contains("<svg"));
  CHECK_THAT(html, Catch::Contains("评价数不足") && Catch::Contains("约谈提醒"));

  // A restart keeps them.
  controller.signal(SIGTERM);
  CHECK(controller.wait() == 0);
  {
    Process again("hall-controller", hall.controller_args("明州市政务服务中心"), hall.dir.path() / "controller2.log");
    REQUIRE(again.wait_for_log("controller up"));
    CHECK(show()["staff"] == after["staff"]);
    again.signal(SIGTERM);
    CHECK(again.wait() == 0);
  }

  // A bad points table stops the controller, naming the key and the fix.
  auto bad_args = hall.controller_args("明州市政务服务中心");
  bad_args.insert(bad_args.end(), {"--set", "ranking.leader_points=[60,75,70,95,100]"});
  auto bad = run("hall-controller", bad_args);
  CHECK(bad.code != 0);
  CHECK_THAT(bad.output, Catch::Contains("ranking.leader_points: score 3 gets 70 points, less than score 2 (75)"));
  bad_args.back() = "ranking.peer_points=[60,75,88,95]";
  bad = run("hall-controller", bad_args);
  CHECK(bad.code != 0);
  CHECK_THAT(bad.output, Catch::Contains("ranking.peer_points must have 5 numbers") && Catch::Contains("got 4"));

  // With ranking.min_ratings = 0 the formulas rank them all alike: nobody
  // has citizen ratings, and no person a leader review, so those weights are
  // shared out; window 2 scores its leader points 100, window 3 95, 张伟 his
  // peer points 98.33 + 2.5 = 100.83.
  auto any_args = hall.controller_args("明州市政务服务中心");
  any_args.insert(any_args.end(), {"--set", "ranking.min_ratings=0"});
  Process again("hall-controller", any_args, hall.dir.path() / "controller3.log");
  REQUIRE(again.wait_for_log("controller up"));
  const Json all = show();
  INFO(all.dump());
  REQUIRE(all["windows"].size() == 2);
  CHECK(all["windows"][0]["number"] == 2);
  CHECK(all["windows"][0]["composite"] == 100.0);
  CHECK(all["windows"][0]["rank"] == 1);
  CHECK(all["windows"][1]["number"] == 3);
  CHECK(all["windows"][1]["composite"] == 95.0);
  CHECK(row_of(all["staff"], "id", "zhang-wei")["composite"] == to_cents((100.0 + 95 + 100) / 3 + 2.5));

  // The bonus withdrawn: 张伟 back to 98.33, the bonus listed as withdrawn.
  auto withdrawn = ctl({"bonus", "withdraw", "1", "--reason", "重复录入", "--by", "he-ping"});
  INFO(withdrawn.output);
  CHECK(withdrawn.code == 0);
  CHECK_THAT(withdrawn.output, Catch::Contains("bonus 1 withdrawn: +2.5 for 张伟 (zhang-wei)"));
  CHECK(row_of(show()["staff"], "id", "zhang-wei")["composite"] == 98.33);
  CHECK_THAT(ctl({"reviews", "--period", "2026-11"}).output, Catch::Contains("WITHDRAWN") && Catch::Contains("重复录入"));
  CHECK(ctl({"bonus", "withdraw", "1", "--reason", "x", "--by", "he-ping"}).code == 1);
}

namespace {
// "YYYY-MM" `back` months before `year`-`month`.
std::string month_before(int year, int month, int back) {
  int m = year * 12 + (month - 1) - back;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", m / 12, m % 12 + 1);
  return buf;
}
}  // namespace

TEST_CASE("约谈 through the real controller and hallctl: last two closed months running, in show, the report and not on the board's live month") {
  // The two months before this one in the hall (Asia/Shanghai).
  const std::string today = hall::iso_time(std::chrono::system_clock::now(), *hall::TimeZone::named("Asia/Shanghai"));
  const int year = std::stoi(today.substr(0, 4)), month = std::stoi(today.substr(5, 2));
  const std::string m2 = month_before(year, month, 2), m1 = month_before(year, month, 1);
  Hall hall;
  const int qport = free_ports(1);
  // 40 tickets: T0001-T0020 served on the 10th of m2, T0021-T0040 on the 10th of m1.
  std::vector<std::string> sim_args = {kQueueSim, "--port", std::to_string(qport), "--tickets", "40", "--prefix", "T",
                                       "--rate", "0", "--seed", "7"};
  auto at = [](const std::string& ym, int minute) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s-10T%02d:%02d:00Z", ym.c_str(), 2 + minute / 60, minute % 60);
    return std::string(buf);
  };
  for (int i = 0; i < 40; ++i) sim_args.insert(sim_args.end(), {"--finished-at", at(i < 20 ? m2 : m1, i % 20 * 2)});
  Process sim(kPython, sim_args, hall.dir.path() / "sim.log");
  REQUIRE(sim.wait_for_log("serving feed"));
  auto args = hall.controller_args("明州市政务服务中心");
  for (const std::string& set : {std::string("queue.enabled=true"), "queue.url=http://127.0.0.1:" + std::to_string(qport),
                                 std::string("queue.poll_ms=100"), std::string("hall.timezone=Asia/Shanghai"),
                                 std::string("evaluation.max_delay_h=8784"), std::string("evaluation.min_interval_ms=0"),
                                 // A few ratings per window here: the 约谈 rule is what is tested.
                                 std::string("ranking.min_ratings=1")})
    args.insert(args.end(), {"--set", set});
  Process controller("hall-controller", args, hall.dir.path() / "controller.log");
  REQUIRE(controller.wait_for_log("controller up"));
  auto ctl = [&](std::vector<std::string> a) { return run("hallctl", hall.hallctl_args(std::move(a))); };
  REQUIRE(ctl({"content", "import", kSample}).code == 0);
  Json tickets;
  for (int i = 0; i < 100; ++i) {
    auto r = ctl({"tickets", "--json", "--limit", "100"});
    if (r.code == 0) tickets = Json::parse(r.output)["tickets"];
    if (tickets.size() == 40) break;
    std::this_thread::sleep_for(100ms);
  }
  REQUIRE(tickets.size() == 40);
  // Which windows served in both months; the lowest-numbered of them gets
  // only 1s, every other window only 5s: it is last both months.
  std::map<std::string, int> window_of;
  std::map<int, std::set<int>> months_of;
  for (const auto& t : tickets) {
    const int w = t["window"].is_number() ? t["window"].get<int>() : std::atoi(t["window"].get<std::string>().c_str());
    const std::string number = t["ticket"];
    window_of[number] = w;
    months_of[w].insert(std::stoi(number.substr(1)) <= 20 ? 2 : 1);
  }
  int worst = 0, others_both = 0;
  for (const auto& [w, ms] : months_of)
    if (ms.size() == 2) {
      if (worst == 0) worst = w;
      else ++others_both;
    }
  INFO(tickets.dump());
  REQUIRE(worst > 0);
  REQUIRE(others_both >= 1);  // another window ranked in both months
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  int n = 0;
  for (const auto& [number, w] : window_of) {
    const int i = std::stoi(number.substr(1)) - 1;
    const int score = w == worst ? 1 : 5;
    char uuid[40];
    std::snprintf(uuid, sizeof uuid, "00000000-0000-4000-8000-%012d", 700 + n++);
    auto r = hall::call(sockets, {"127.0.0.1", hall.base + 3}, "evaluation.submit",
                        {{"uuid", uuid}, {"ticket", number}, {"score", score},
                         {"reasons", score <= 2 ? Json::array({"attitude"}) : Json::array()}, {"phone", ""},
                         {"kiosk_id", "kiosk-talk"}, {"created_at", at(i < 20 ? m2 : m1, i % 20 * 2 + 1)}},
                        5s);
    INFO(number << ": " << (r ? r->body.dump() : r.error()));
    REQUIRE(r.ok());
    REQUIRE(r->body.value("type", "") == "evaluation.ack");
  }

  auto shown = ctl({"rankings", "show", "--json"});
  REQUIRE(shown.code == 0);
  const Json now = Json::parse(shown.output);
  INFO(now.dump());
  CHECK(now["talk_months"] == Json::array({m2, m1}));
  std::string worst_name;
  for (const auto& w : now["windows"]) {
    CHECK(w["talk"] == (w["number"] == worst));
    if (w["number"] == worst) worst_name = w["name"];
  }
  const Json last = Json::parse(ctl({"rankings", "show", "--period", m1, "--json"}).output);
  for (const auto& w : last["windows"]) {
    CHECK(w["talk"] == (w["number"] == worst));
    if (w["number"] == worst) {
      worst_name = w["name"];
      CHECK(w["rank"] == last["windows"].back()["rank"]);
    }
  }
  REQUIRE_FALSE(worst_name.empty());
  auto text = ctl({"rankings", "show", "--period", m1});
  INFO(text.output);
  CHECK_THAT(text.output, !Catch::Contains("本月实时"));  // a closed month
  CHECK_THAT(ctl({"rankings", "show"}).output, Catch::Contains("本月实时"));
  CHECK_THAT(text.output, Catch::Contains("约谈 (bottom in " + m2 + " and " + m1 + "): " + std::to_string(worst) + " " +
                                          worst_name));
  // The month report of m1 names it in its 约谈 line.
  const fs::path out = hall.dir.path() / "reports";
  REQUIRE(ctl({"report", "month", m1, "--out", out.string()}).code == 0);
  const std::string html = slurp(out / ("report-" + m1 + ".html"));
  const auto note = html.find("id=\"talk\"");
  REQUIRE(note != std::string::npos);
  CHECK_THAT(html.substr(note, html.find("</p>", note) - note),
             Catch::Contains(std::to_string(worst) + " " + worst_name));

  // The board shows the last closed month (m1), without the live label.
  hall::ChpClientOptions o;
  o.snapshot = {"127.0.0.1", hall.base};
  o.subtree = "/rankings/";
  hall::ChpClient chp(sockets, o);
  Json stars;
  for (int i = 0; i < 500; ++i) {
    chp.pump(std::chrono::steady_clock::now());
    if (auto it = chp.map().find("/rankings/stars"); it != chp.map().end()) {
      stars = Json::parse(it->second);
      if (!stars["windows"].empty()) break;
    }
    std::this_thread::sleep_for(10ms);
  }
  INFO(stars.dump());
  CHECK(stars["period"] == std::to_string(std::stoi(m1.substr(0, 4))) + "年" + std::to_string(std::stoi(m1.substr(5))) + "月");
  CHECK_FALSE(stars.value("live", false));
  REQUIRE_FALSE(stars["windows"].empty());
  CHECK(stars["windows"].back()["number"] == worst);
}
