// Reviews and the month report end to end: the real hall-controller and the
// real hallctl on loopback. A peer review, leader reviews and a bonus entered
// with hallctl change `hallctl rankings show`; refusals exit 1 with the
// reason; `hallctl report month` writes the CSVs and the HTML where hallctl
// runs, and they name the windows.
#include <catch2/catch.hpp>

#include <signal.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "harness.h"

using namespace testing;
using Json = nlohmann::json;

namespace {

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

  // The rankings changed: peer (5+4+5)/3 -> 91.67, + 2.5 = 94.17 for 张伟;
  // window 2 ranks first on its leader review (100), window 3 next (75).
  const Json after = show();
  INFO(after.dump());
  REQUIRE(after["windows"].size() == 2);
  CHECK(after["windows"][0]["number"] == 2);
  CHECK(after["windows"][0]["composite"] == 100.0);
  CHECK(after["windows"][1]["number"] == 3);
  CHECK(after["windows"][1]["composite"] == 75.0);
  CHECK(row_of(after["staff"], "id", "zhang-wei")["composite"] == 94.17);
  auto text = ctl({"rankings", "show", "--period", "2026-11"});
  CHECK_THAT(text.output, Catch::Contains("张伟 (zhang-wei)") && Catch::Contains("+2.50"));

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
  CHECK_THAT(windows, Catch::Contains("1,2,社会保险窗口,人力资源和社会保障局,0,"));
  CHECK_THAT(windows, Catch::Contains("2,3,"));
  CHECK_THAT(slurp(out / "people-2026-11.csv"), Catch::Contains("张伟"));
  const std::string html = slurp(out / "report-2026-11.html");
  CHECK_THAT(html, Catch::Contains("明州市政务服务中心") && Catch::Contains("社会保险窗口") && Catch::Contains("<svg"));

  // A restart keeps them.
  controller.signal(SIGTERM);
  CHECK(controller.wait() == 0);
  Process again("hall-controller", hall.controller_args("明州市政务服务中心"), hall.dir.path() / "controller2.log");
  REQUIRE(again.wait_for_log("controller up"));
  CHECK(show()["staff"] == after["staff"]);

  // The bonus withdrawn: 张伟 back to 91.67, the bonus listed as withdrawn.
  auto withdrawn = ctl({"bonus", "withdraw", "1", "--reason", "重复录入", "--by", "he-ping"});
  INFO(withdrawn.output);
  CHECK(withdrawn.code == 0);
  CHECK_THAT(withdrawn.output, Catch::Contains("bonus 1 withdrawn: +2.5 for 张伟 (zhang-wei)"));
  CHECK(row_of(show()["staff"], "id", "zhang-wei")["composite"] == 91.67);
  CHECK_THAT(ctl({"reviews", "--period", "2026-11"}).output, Catch::Contains("WITHDRAWN") && Catch::Contains("重复录入"));
  CHECK(ctl({"bonus", "withdraw", "1", "--reason", "x", "--by", "he-ping"}).code == 1);
}
