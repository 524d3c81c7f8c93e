// Callback numbers through the real programs (issue 11, Privacy): queue-sim
// as the queue system, a python3-zmq kiosk that rates with a phone number,
// hall-controller and hallctl. The number is shown to a manager by
// `hallctl case ID phone` (and audited) while neither the store file nor its
// WAL holds it; a number kept past cases.phone_purge_days is purged at the
// next start and counted in `hallctl status`.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sqlite3.h>

#include <fstream>
#include <iterator>

#include "common/wire/codec.h"
#include "db_query.h"
#include "harness.h"

using namespace testing;
using hall::Json;

namespace {
const std::string kPhone = "13812345678";  // what foreign_client.py's kiosk gives

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs of 8 digits of the number found in `bytes` (the masked form shows 4).
int pieces_of_number(const std::string& bytes) {
  int found = 0;
  for (size_t i = 0; i + 8 <= kPhone.size(); ++i) found += bytes.find(kPhone.substr(i, 8)) != std::string::npos;
  return found;
}

std::vector<std::string> controller_args(const Hall& hall, int qport) {
  auto args = hall.controller_args();
  for (const std::string& s : {std::string("queue.enabled=true"), "queue.url=http://127.0.0.1:" + std::to_string(qport),
                               std::string("queue.poll_ms=100"), std::string("evaluation.min_interval_ms=0")}) {
    args.push_back("--set");
    args.push_back(s);
  }
  return args;
}
}  // namespace

TEST_CASE("a kiosk's callback number is shown to a manager by hallctl, never held in the store's bytes, and purged") {
  Hall hall;
  const std::string db = hall.dir.str("var") + "/hall.db";
  const int qport = free_ports(1);
  Process sim(kPython, {kQueueSim, "--port", std::to_string(qport), "--tickets", "3", "--prefix", "P", "--rate", "0",
                        "--seed", "7"},
              hall.dir.path() / "sim.log");
  REQUIRE(sim.wait_for_log("serving feed"));
  {
    Process controller("hall-controller", controller_args(hall, qport), hall.dir.path() / "controller.log");
    REQUIRE(controller.wait_for_log("controller up"));
    REQUIRE(hall.wait_for_tickets(3));
    // Rated 2 with the number, and sent again (a duplicate: its stored number is opened to compare).
    auto kiosk = run(kPython, {kClient, "kiosk", std::to_string(hall.base + 3), "P0001"});
    INFO(kiosk.output);
    REQUIRE(kiosk.code == 0);

    auto cases = run("hallctl", hall.hallctl_args({"cases", "--json"}));
    REQUIRE(cases.code == 0);
    auto list = Json::parse(cases.output)["cases"];
    REQUIRE(list.size() == 1);
    CHECK(list[0]["phone"] == "138****5678");
    const std::string id = std::to_string(list[0]["id"].get<int64_t>());

    auto shown = run("hallctl", hall.hallctl_args({"case", id, "phone"}));
    INFO(shown.output);
    REQUIRE(shown.code == 0);
    CHECK_THAT(shown.output, Catch::Contains(kPhone) && Catch::Contains("audit"));
    CHECK(db_scalar(db, "SELECT count(*) FROM audit WHERE what = 'phone.reveal' AND subject = 'case:" + id + "'") == 1);

    // The store's bytes while the controller runs (WAL included), and its log.
    const std::string main = file_bytes(db), wal = file_bytes(db + "-wal");
    INFO("hall.db " << main.size() << " bytes, hall.db-wal " << wal.size() << " bytes");
    CHECK(main.size() + wal.size() > 0);
    CHECK(pieces_of_number(main) == 0);
    CHECK(pieces_of_number(wal) == 0);
    CHECK(db_scalar(db, "SELECT count(*) FROM evaluations WHERE phone LIKE 'sb1:%'") == 1);
    CHECK(pieces_of_number(controller.log()) == 0);

    // The case is followed up and closed, then the controller stops.
    for (std::vector<std::string> step : {std::vector<std::string>{"verify"}, {"rectify", "--action", "已约谈"},
                                          {"follow-up", "--result", "满意"}, {"close"}}) {
      std::vector<std::string> args = {"case", id};
      args.insert(args.end(), step.begin(), step.end());
      auto r = run("hallctl", hall.hallctl_args(args));
      INFO(r.output);
      REQUIRE(r.code == 0);
    }
    controller.signal(SIGTERM);
    CHECK(controller.wait() == 0);
  }
  // 91 days pass (the case's closing moved back; the default keeps 90).
  {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
    REQUIRE(sqlite3_exec(h, "UPDATE cases SET closed_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '-91 days')",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(h);
  }
  Process controller("hall-controller", controller_args(hall, qport), hall.dir.path() / "controller2.log");
  REQUIRE(controller.wait_for_log("controller up"));
  CHECK_THAT(controller.log(), Catch::Contains("purged 1 callback numbers"));
  auto status = run("hallctl", hall.hallctl_args({"status"}));
  INFO(status.output);
  CHECK_THAT(status.output, Catch::Contains("phones:    1 callback number(s) purged"));
  CHECK(db_scalar(db, "SELECT count(*) FROM evaluations WHERE phone <> ''") == 0);
  CHECK(db_scalar(db, "SELECT count(*) FROM audit WHERE what = 'phone.purge' AND to_value = '1'") == 1);
  auto gone = run("hallctl", hall.hallctl_args({"case", "1", "phone"}));
  CHECK(gone.code != 0);
  CHECK_THAT(gone.output, Catch::Contains("purged"));
}
