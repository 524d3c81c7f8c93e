// The queue link, evaluations and upstream reporting with real neighbours:
// scripts/queue-sim as the queue system, a python3-zmq foreign client as a
// kiosk, a python http.server as the provincial platform, and the real
// hall-controller as a process (kill -9 included).
#include <catch2/catch.hpp>

#include <signal.h>
#include <sqlite3.h>

#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "controller_fixture.h"
#include "common/chp/chp_client.h"
#include "db_query.h"
#include "harness.h"

using namespace testing;
using hall::Json;

namespace {
const std::string kReceiver = HALL_SOURCE_DIR "/tests/system/upstream_receiver.py";


std::vector<std::string> queue_sim_args(int port, int tickets, const std::string& prefix,
                                        std::vector<std::string> extra = {}) {
  std::vector<std::string> a = {kQueueSim, "--port", std::to_string(port), "--tickets", std::to_string(tickets),
                                "--prefix", prefix, "--rate", "0", "--seed", "7"};
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

bool finished(TestController& t, const std::string& number) {
  controller::TicketBook book(t.c->store());
  auto k = book.find(number);
  return k && *k && (*k)->state == "finished";
}

// Pumps the controller until `done` or `limit`.
template <class F>
bool pump_until(TestController& t, F done, std::chrono::milliseconds limit = 10s) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    t.pump(20ms);
  }
  return done();
}
}  // namespace

TEST_CASE("the queue link turns queue-sim events into tickets, skips bad data and follows a feed restart") {
  TempDir dir;
  const int qport = free_ports(1);
  auto sim = std::make_unique<Process>(kPython, queue_sim_args(qport, 30, "L", {"--inject-bad", "--garble", "2"}),
                                       dir.path() / "sim1.log");
  REQUIRE(sim->wait_for_log("serving feed"));
  TestController t([&](controller::Settings& s) {
    s.queue.enabled = true;
    s.queue.url = "http://127.0.0.1:" + std::to_string(qport);
    s.queue.poll_ms = 100;
    s.queue.timeout_ms = 1000;
    s.queue.backoff_max_ms = 300;
  });
  REQUIRE(pump_until(t, [&] { return finished(t, "L0030"); }));
  CHECK(finished(t, "L0001"));
  // The malformed events were skipped: only the 30 good tickets exist.
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM tickets") == 30);
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM tickets WHERE wait_s IS NULL OR service_s IS NULL") == 0);
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM sqlite_master WHERE name = 'tickets'") == 1);

  // The queue-call board key, newest call first.
  hall::ChpClient board(t.sockets, {{"127.0.0.1", t.base}, "/queue/"});
  REQUIRE(pump_until(t, [&] {
    board.pump(std::chrono::steady_clock::now());
    return board.map().count("/queue/calls") > 0;
  }, 5s));
  auto calls = Json::parse(board.map().at("/queue/calls"))["calls"];
  REQUIRE(calls.size() == 10);
  CHECK(calls[0]["ticket"] == "L0030");
  CHECK(calls[0]["window"].get<int>() >= 1);
  CHECK_FALSE(calls[0]["window_name"].get<std::string>().empty());

  // The queue system goes away and comes back as a new run (new feed id,
  // numbering from 1): the link waits, then reads the new run from the start.
  sim->signal(SIGKILL);
  sim->wait();
  t.pump(500ms);
  sim = std::make_unique<Process>(kPython, queue_sim_args(qport, 5, "M"), dir.path() / "sim2.log");
  REQUIRE(sim->wait_for_log("serving feed"));
  REQUIRE(pump_until(t, [&] { return finished(t, "M0005"); }));
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM tickets") == 35);
}

TEST_CASE("upstream batches reach a real receiver, masked, and are retried after it was down") {
  TempDir dir;
  const int rport = free_ports(1);
  TestController t([&](controller::Settings& s) {
    s.upstream.enabled = true;
    s.upstream.url = "http://127.0.0.1:" + std::to_string(rport) + "/ratings";
    s.upstream.batch = 4;
    s.upstream.interval_ms = 50;
    s.upstream.timeout_ms = 1000;
    s.upstream.backoff_max_ms = 200;
  });
  Client k(t, t.device());
  for (int i = 1; i <= 10; ++i) {
    t.add_ticket("U" + std::to_string(i));
    auto r = k.ask(t, submit(uuid_n(i), "U" + std::to_string(i), i % 2 ? 1 : 5,
                             i % 2 ? Json{"attitude"} : Json::array(), "kiosk-1", 0, "13812345678"));
    REQUIRE(r);
    REQUIRE((*r)["type"] == "evaluation.ack");
  }
  // Nobody listens yet: everything stays in the outbox and attempts count up.
  t.pump(600ms);
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM upstream_outbox") == 10);
  CHECK(db_scalar(t.db_path(), "SELECT max(attempts) FROM upstream_outbox") >= 1);

  const std::string out = dir.str("received.jsonl");
  Process receiver(kPython, {kReceiver, "--port", std::to_string(rport), "--out", out, "--fail-first", "1"},
                   dir.path() / "receiver.log");
  REQUIRE(receiver.wait_for_log("listening"));
  REQUIRE(pump_until(t, [&] { return db_scalar(t.db_path(), "SELECT count(*) FROM upstream_outbox") == 0; }));
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM evaluations WHERE reported_at IS NOT NULL") == 10);
  // Batches of at most upstream.batch = 4: 4 + 4 + 2. Under load a batch can
  // time out and be sent again; the receiver then counts it with 0 new.
  {
    std::istringstream log(receiver.log());
    std::string line;
    int fresh_total = 0, largest = 0;
    bool partial = false;
    while (std::getline(log, line)) {
      int n = 0, size = 0, fresh = 0;
      if (std::sscanf(line.c_str(), "batch %d: %d evaluations, %d new", &n, &size, &fresh) != 3) continue;
      fresh_total += fresh;
      largest = std::max(largest, size);
      partial = partial || size == 2;
    }
    CHECK(fresh_total == 10);
    CHECK(largest == 4);
    CHECK(partial);
  }

  std::ifstream in(out);
  std::set<std::string> uuids;
  std::string line;
  while (std::getline(in, line)) {
    auto e = Json::parse(line);
    uuids.insert(e["uuid"].get<std::string>());
    // The fields of the built-in mapping (config/upstream-mapping.toml).
    CHECK(e["mobile"] == "138****5678");
    CHECK(e["source"] == "测试中心");
    CHECK(e["windowNo"] == 3);
    CHECK(e["userId"] == "wang-fang");
    CHECK(e["pf"] == "4");
    CHECK(e["taskName"] == "住房公积金提取");
    CHECK((e["alternate"] == "1" ? e["alternateName"] == "非常不满意" : e["alternateName"] == "非常满意"));
    CHECK((e["alternate"] == "1" ? e["writingEvaluation"] == "态度" : e["writingEvaluation"] == ""));
  }
  CHECK(uuids.size() == 10);
}

TEST_CASE("queue-sim, the controller and a python kiosk: the rating is stored and listed") {
  Hall hall;
  const int qport = free_ports(1);
  Process sim(kPython, queue_sim_args(qport, 20, "K"), hall.dir.path() / "sim.log");
  REQUIRE(sim.wait_for_log("serving feed"));
  auto args = hall.controller_args();
  for (const std::string& s : {std::string("queue.enabled=true"), "queue.url=http://127.0.0.1:" + std::to_string(qport),
                               std::string("queue.poll_ms=100"), std::string("evaluation.min_interval_ms=0")}) {
    args.push_back("--set");
    args.push_back(s);
  }
  Process controller("hall-controller", args, hall.dir.path() / "controller.log");
  REQUIRE(controller.wait_for_log("controller up"));
  REQUIRE(hall.wait_for_tickets(20));
  auto kiosk = run(kPython, {kClient, "kiosk", std::to_string(hall.base + 3), "K0001", "K0002", "K0002", "Q404"});
  INFO(kiosk.output);
  CHECK(kiosk.code == 0);
  CHECK_THAT(kiosk.output, Catch::Contains("already_rated"));
  CHECK_THAT(kiosk.output, Catch::Contains("not_found"));

  auto list = run("hallctl", hall.hallctl_args({"evaluations", "--json"}));
  REQUIRE(list.code == 0);
  auto j = Json::parse(list.output);
  REQUIRE(j["evaluations"].size() == 2);
  CHECK(j["evaluations"][0]["phone"] == "138****5678");
  CHECK(j["evaluations"][0]["kiosk_id"] == "py-kiosk");
  auto text = run("hallctl", hall.hallctl_args({"evaluations", "--since", "1h"}));
  CHECK_THAT(text.output, Catch::Contains("不满意"));
  CHECK_THAT(text.output, Catch::Contains("K0002"));
  auto tickets = run("hallctl", hall.hallctl_args({"tickets", "--limit", "3"}));
  CHECK_THAT(tickets.output, Catch::Contains("finished"));
}

TEST_CASE("malformed and oversized frames from a foreign client get error replies and serving goes on") {
  Hall hall;
  Process controller("hall-controller", hall.controller_args(), hall.dir.path() / "controller.log");
  REQUIRE(controller.wait_for_log("controller up"));
  auto junk = run(kPython, {kClient, "junk", std::to_string(hall.base + 3)});
  INFO(junk.output);
  CHECK(junk.code == 0);
  CHECK(controller.running());
  CHECK(run("hallctl", hall.hallctl_args({"status"})).code == 0);
}

TEST_CASE("kill -9 of the controller mid-stream loses no acked evaluation") {
  Hall hall;
  const int qport = free_ports(1);
  Process sim(kPython, queue_sim_args(qport, 3000, "D"), hall.dir.path() / "sim.log");
  REQUIRE(sim.wait_for_log("serving feed"));
  auto args = hall.controller_args();
  for (const std::string& s : {std::string("queue.enabled=true"), "queue.url=http://127.0.0.1:" + std::to_string(qport),
                               std::string("queue.poll_ms=100"), std::string("evaluation.min_interval_ms=0")}) {
    args.push_back("--set");
    args.push_back(s);
  }
  const std::string db = hall.dir.str("var") + "/hall.db";
  {
    Process controller("hall-controller", args, hall.dir.path() / "controller1.log");
    REQUIRE(controller.wait_for_log("controller up"));
    bool ready = false;
    for (int i = 0; i < 150 && !ready; ++i) {
      auto r = run("hallctl", hall.hallctl_args({"tickets", "--json", "--limit", "1"}));
      ready = r.code == 0 && r.output.find("D3000") != std::string::npos;
      if (!ready) std::this_thread::sleep_for(100ms);
    }
    REQUIRE(ready);
    Process flood(kPython, {kClient, "flood", std::to_string(hall.base + 3), "3000", "D"},
                  hall.dir.path() / "flood.log");
    // Let a few hundred acks through, then pull the plug.
    for (int i = 0; i < 1000; ++i) {  // at most 10 s on a loaded machine
      std::istringstream lines(flood.log());
      int acks = 0;
      for (std::string l; std::getline(lines, l);) acks += l.rfind("ACK ", 0) == 0;
      if (acks >= 300) break;
      std::this_thread::sleep_for(10ms);
    }
    controller.signal(SIGKILL);
    controller.wait();
    REQUIRE(flood.wait(10s) == 0);
    std::istringstream lines(flood.log());
    std::vector<std::string> acked;
    for (std::string l; std::getline(lines, l);)
      if (l.rfind("ACK ", 0) == 0) acked.push_back(l.substr(4));
    INFO("acked before the kill: " << acked.size());
    REQUIRE(acked.size() >= 100);
    int missing = 0;
    for (const auto& u : acked) missing += db_scalar(db, "SELECT count(*) FROM evaluations WHERE uuid = '" + u + "'") != 1;
    CHECK(missing == 0);
  }
  // The restarted controller serves the same store.
  Process again("hall-controller", args, hall.dir.path() / "controller2.log");
  REQUIRE(again.wait_for_log("controller up"));
  auto status = run("hallctl", hall.hallctl_args({"evaluations", "--json", "--limit", "1"}));
  REQUIRE(status.code == 0);
  CHECK(Json::parse(status.output)["total"].get<int64_t>() >= 100);
}
