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

#include <nlohmann/json.hpp>

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
  CHECK_THAT(text.output, Catch::Contains("ranked from 10 ratings"));
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
