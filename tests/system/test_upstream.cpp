// Upstream reporting through the real programs (issue 14): queue-sim as the
// queue system, a python3-zmq kiosk, hall-controller, hallctl and
// upstream_receiver.py as the provincial 好差评 platform on loopback HTTP.
// Ratings stored while upstream was off are sent by `hallctl upstream
// backfill` exactly once, in the fields of the mapping (config/upstream-mapping.toml);
// closing a case sends its 整改 record; a bad mapping file stops the controller.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "common/time/clock.h"
#include "db_query.h"
#include "harness.h"

using namespace testing;
using Json = nlohmann::json;

namespace {
const std::string kUpstreamReceiver = HALL_SOURCE_DIR "/tests/system/upstream_receiver.py";

std::string upstream_db_text(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  std::string v = "<none>";
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(h);
  return v;
}

std::vector<Json> received(const std::string& file) {
  std::vector<Json> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(Json::parse(line));
  return out;
}

// Polls `done` every 50 ms, at most 15 s (the controller sends in its own time).
template <class F>
bool upstream_wait(F done) {
  for (int i = 0; i < 300; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

std::vector<std::string> upstream_controller_args(const Hall& hall, int qport, std::vector<std::string> more) {
  auto args = hall.controller_args("明州市政务服务中心");
  more.insert(more.end(), {"queue.enabled=true", "queue.url=http://127.0.0.1:" + std::to_string(qport),
                           "queue.poll_ms=100", "evaluation.min_interval_ms=0"});
  for (const auto& s : more) {
    args.push_back("--set");
    args.push_back(s);
  }
  return args;
}
}  // namespace

TEST_CASE("ratings stored before upstream was on are backfilled once in the province's fields, and a closed case "
          "sends its 整改 record") {
  Hall hall;
  const std::string db = hall.dir.str("var") + "/hall.db";
  const int qport = free_ports(1), rport = free_ports(1);
  Process sim(kPython, {kQueueSim, "--port", std::to_string(qport), "--tickets", "3", "--prefix", "B", "--rate", "0",
                        "--seed", "7"},
              hall.dir.path() / "sim.log");
  REQUIRE(sim.wait_for_log("serving feed"));
  auto ctl = [&](std::vector<std::string> args) { return run("hallctl", hall.hallctl_args(std::move(args))); };
  // Closes the first open case (verify, rectify, follow-up, close); its rating's uuid.
  auto close_first_case = [&](const std::string& action) {
    auto cases = ctl({"cases", "--json"});
    REQUIRE(cases.code == 0);
    auto list = Json::parse(cases.output)["cases"];
    REQUIRE_FALSE(list.empty());
    const std::string id = std::to_string(list[0]["id"].get<int64_t>());
    for (std::vector<std::string> step : {std::vector<std::string>{"verify"}, {"rectify", "--action", action},
                                          {"follow-up", "--result", "满意"}, {"close"}}) {
      std::vector<std::string> args = {"case", id};
      args.insert(args.end(), step.begin(), step.end());
      auto r = ctl(args);
      INFO(r.output);
      REQUIRE(r.code == 0);
    }
    return list[0]["evaluation_uuid"].get<std::string>();
  };
  // Two days back, as a hall-time date: every rating of this test is after it.
  const auto ymd = std::chrono::year_month_day(
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now() - std::chrono::hours(48)));
  char since[16];
  std::snprintf(since, sizeof since, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));

  // 1. Upstream off: three ratings (2 each, so three cases) are stored, one
  // case is closed, and nothing is queued.
  std::string closed_off;
  {
    Process controller("hall-controller", upstream_controller_args(hall, qport, {}), hall.dir.path() / "c1.log");
    REQUIRE(controller.wait_for_log("controller up"));
    REQUIRE(ctl({"content", "import", kSample}).code == 0);
    REQUIRE(hall.wait_for_tickets(3));
    auto kiosk = run(kPython, {kClient, "kiosk", std::to_string(hall.base + 3), "B0001", "B0002", "B0003"});
    INFO(kiosk.output);
    REQUIRE(kiosk.code == 0);
    CHECK(db_scalar(db, "SELECT count(*) FROM evaluations") == 3);
    closed_off = close_first_case("已约谈窗口人员");
    CHECK(db_scalar(db, "SELECT count(*) FROM upstream_outbox") == 0);
    CHECK(db_scalar(db, "SELECT count(*) FROM upstream_case_outbox") == 0);
    auto off = ctl({"upstream", "backfill", "--since", since});
    CHECK(off.code != 0);
    CHECK_THAT(off.output, Catch::Contains("upstream reporting is off") && Catch::Contains("upstream.enabled = true"));
    controller.signal(SIGTERM);
    REQUIRE(controller.wait() == 0);
  }

  // 2. Upstream on: the old ratings stay unsent; a case closed now sends its
  // rating and then its 整改 record.
  const std::string out = hall.dir.str("received.jsonl");
  Process receiver(kPython, {kUpstreamReceiver, "--port", std::to_string(rport), "--out", out},
                   hall.dir.path() / "receiver.log");
  REQUIRE(receiver.wait_for_log("listening"));
  Process controller("hall-controller",
                     upstream_controller_args(hall, qport, {"upstream.enabled=true", "upstream.region=330203",
                                                            "upstream.url=http://127.0.0.1:" + std::to_string(rport) + "/pj",
                                                            "upstream.interval_ms=50"}),
                     hall.dir.path() / "c2.log");
  REQUIRE(controller.wait_for_log("controller up"));
  CHECK_THAT(controller.log(), Catch::Contains("fields mapped by") && Catch::Contains("upstream-mapping.toml"));
  CHECK(db_scalar(db, "SELECT count(*) FROM upstream_outbox") == 0);

  const std::string closed_on = close_first_case("高峰时段加开窗口");
  REQUIRE(upstream_wait([&] { return db_scalar(db, "SELECT count(*) FROM cases WHERE reported_at != ''") == 1; }));
  auto got = received(out);
  REQUIRE(got.size() == 2);
  CHECK(got[0]["kind"] == "evaluation");  // the rating first
  CHECK(got[0]["uuid"] == closed_on);
  const Json k = got[1];
  INFO(k.dump());
  CHECK(k["kind"] == "rectification");
  CHECK(k["uuid"] == closed_on);
  CHECK(k["caseNo"] == db_scalar(db, "SELECT id FROM cases WHERE evaluation_uuid = '" + closed_on + "'"));
  CHECK(k["rectification"] == "高峰时段加开窗口");
  CHECK(k["callbackResult"] == "满意");
  CHECK(k["rejectReason"] == "");
  CHECK(k["alternate"] == "2");
  CHECK(k["areaCode"] == "330203");
  CHECK(k["closedTime"].get<std::string>().size() == 19);
  CHECK(db_scalar(db, "SELECT count(*) FROM upstream_case_outbox") == 0);

  auto bad = ctl({"upstream", "backfill", "--since", "2026-13-01"});
  CHECK(bad.code != 0);
  CHECK_THAT(bad.output, Catch::Contains("2026-13-01") && Catch::Contains("e.g. \"2026-11-01\""));
  auto future = ctl({"upstream", "backfill", "--since", "2200-01-01"});
  CHECK(future.code != 0);
  CHECK_THAT(future.output, Catch::Contains("in the future"));

  // 3. The backfill sends the two ratings never sent and the 整改 record of
  // the case closed while upstream was off; what was sent is skipped.
  auto first = ctl({"upstream", "backfill", "--since", since});
  INFO(first.output);
  REQUIRE(first.code == 0);
  CHECK_THAT(first.output, Catch::Contains("2 ratings and 1 整改 records queued") &&
                               Catch::Contains("1 ratings and 1 整改 records skipped"));
  REQUIRE(upstream_wait([&] {
    return db_scalar(db, "SELECT count(*) FROM evaluations WHERE reported_at IS NOT NULL") == 3 &&
           db_scalar(db, "SELECT count(*) FROM cases WHERE reported_at != ''") == 2;
  }));
  CHECK(db_scalar(db, "SELECT count(*) FROM upstream_outbox") == 0);

  got = received(out);
  REQUIRE(got.size() == 5);
  std::set<std::string> uuids;
  for (const auto& r : got) {
    INFO(r.dump());
    const std::string uuid = r["uuid"];
    if (r["kind"] == "rectification") {
      CHECK((uuid == closed_on || uuid == closed_off));
      CHECK(r["rectification"] == (uuid == closed_on ? "高峰时段加开窗口" : "已约谈窗口人员"));
      continue;
    }
    uuids.insert(uuid);
    // The standard of the ticket's service item, as standards.toml gives it.
    const std::string item = upstream_db_text(db, "SELECT service_item_id FROM evaluations WHERE uuid = '" + uuid + "'");
    const std::string code = upstream_db_text(db, "SELECT code FROM content_standards WHERE id = '" + item + "'");
    CHECK(code.rfind("33020000", 0) == 0);
    CHECK(r["taskCode"] == code);
    CHECK(r["taskVersion"] == "1");
    CHECK(r["taskName"] == upstream_db_text(db, "SELECT name FROM content_standards WHERE id = '" + item + "'"));
    const std::string ticket = upstream_db_text(db, "SELECT ticket FROM evaluations WHERE uuid = '" + uuid + "'");
    const std::string day = upstream_db_text(db, "SELECT replace(t.day, '-', '') FROM evaluations e JOIN tickets t "
                                                 "ON t.id = e.ticket_id WHERE e.uuid = '" + uuid + "'");
    CHECK(r["projectNo"] == day + "-" + ticket);
    CHECK(r["areaCode"] == "330203");
    CHECK(r["pf"] == "4");                // 评价渠道: the 评价器
    CHECK(r["alternate"] == "2");         // the kiosk rated 2
    CHECK(r["alternateName"] == "不满意");
    CHECK(r["reasons"] == Json{"long_wait"});
    CHECK(r["writingEvaluation"] == "等候太久");
    CHECK(r["mobile"] == "138****5678");
    CHECK(r["source"] == "明州市政务服务中心");
    CHECK_FALSE(r["userId"].get<std::string>().empty());
    CHECK_FALSE(r["deptName"].get<std::string>().empty());
    // Times in hall time, "2026-12-02 19:59:10" (the kiosk wrote its own offset).
    for (const char* t : {"handleTime", "assessTime"}) {
      const std::string v = r[t];
      CHECK(v.size() == 19);
      CHECK(v.substr(10, 1) == " ");
    }
    const std::string created = upstream_db_text(db, "SELECT created_at FROM evaluations WHERE uuid = '" + uuid + "'");
    CHECK(created.find('T') == 10);
    CHECK(r["assessTime"] != created);
  }
  CHECK(uuids.size() == 3);
  // The closed-while-off case's 整改 record came after its rating.
  size_t rating_at = 0, rect_at = 0;
  for (size_t i = 0; i < got.size(); ++i)
    if (got[i]["uuid"] == closed_off) (got[i]["kind"] == "evaluation" ? rating_at : rect_at) = i;
  CHECK(rating_at < rect_at);

  // Run again: everything is sent, nothing is queued, nothing new arrives.
  auto second = ctl({"upstream", "backfill", "--since", since});
  INFO(second.output);
  REQUIRE(second.code == 0);
  CHECK_THAT(second.output, Catch::Contains("0 ratings and 0 整改 records queued") &&
                                Catch::Contains("3 ratings and 2 整改 records skipped"));
  CHECK(db_scalar(db, "SELECT count(*) FROM upstream_outbox") == 0);
  CHECK(db_scalar(db, "SELECT count(*) FROM upstream_case_outbox") == 0);
  CHECK(db_scalar(db, "SELECT count(*) FROM audit WHERE what = 'upstream.backfill'") == 2);
  // The receiver saw each record once in all.
  std::istringstream log(receiver.log());
  std::string line;
  int fresh_total = 0;
  while (std::getline(log, line)) {
    int n = 0, size = 0, fresh = 0;
    char kind[32] = {};
    if (std::sscanf(line.c_str(), "batch %d: %d %31s %d new", &n, &size, kind, &fresh) == 4) fresh_total += fresh;
  }
  CHECK(fresh_total == 5);  // a batch resent after a lost answer would count 0 new
  CHECK(received(out).size() == 5);
  controller.signal(SIGTERM);
  CHECK(controller.wait() == 0);
}

TEST_CASE("a mistake in the upstream mapping file stops the controller, naming the file, the key and the fix") {
  Hall hall;
  // The config in a folder of its own; the mapping file is read from beside it.
  std::filesystem::copy_file(hall.cfg("controller.toml"), hall.dir.path() / "controller.toml");
  std::filesystem::copy_file(hall.cfg("holidays.toml"), hall.dir.path() / "holidays.toml");
  {
    std::ofstream f(hall.dir.path() / "province.toml");
    f << "[evaluation]\nuuid = \"uuid\"\ntaskCode = \"standard.cod\"\n";
  }
  auto args = hall.controller_args();
  REQUIRE(args[0] == "--config");
  args[1] = hall.dir.str("controller.toml");
  args.insert(args.end(), {"--set", "upstream.enabled=true", "--set", "upstream.url=http://127.0.0.1:9/pj",
                           "--set", "upstream.mapping_file=province.toml"});
  auto r = run("hall-controller", args);
  INFO(r.output);
  CHECK(r.code != 0);
  CHECK_THAT(r.output, Catch::Contains(hall.dir.str("province.toml") + ": evaluation.taskCode: unknown source field "
                                       "\"standard.cod\" (did you mean \"standard.code\"?)"));

  // A file that is not there is named too, with where it was looked for.
  args.back() = "upstream.mapping_file=missing.toml";
  auto missing = run("hall-controller", args);
  CHECK(missing.code != 0);
  CHECK_THAT(missing.output, Catch::Contains(hall.dir.str("missing.toml") + ": cannot open it"));

  // With upstream off the controller starts and warns (the file is unused yet).
  args.back() = "upstream.mapping_file=province.toml";
  *std::find(args.begin(), args.end(), "upstream.enabled=true") = "upstream.enabled=false";
  Process off("hall-controller", args, hall.dir.path() / "off.log");
  REQUIRE(off.wait_for_log("controller up"));
  CHECK_THAT(off.log(), Catch::Contains("province.toml: evaluation.taskCode: unknown source field") &&
                            Catch::Contains("; fix it before setting upstream.enabled = true"));
}
