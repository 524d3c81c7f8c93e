// Kiosk delivery: the SQLite outbox and the courier that sends it, against a
// real ROUTER on 127.0.0.1 (ScriptedController, standing in for the controller's
// evaluation handlers until the `eval` branch merges) and real SQLite files.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <thread>

#include "scripted_controller.h"
#include "kiosk/delivery/courier.h"
#include "kiosk/delivery/outbox.h"
#include "kiosk/simulate.h"
#include "common/wire/uuid.h"
#include "process.h"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using kiosk::Courier;
using kiosk::Evaluation;
using kiosk::Outbox;

namespace {

Evaluation eval(const std::string& ticket, int score = 5) {
  Evaluation e;
  e.uuid = hall::uuid_v7(std::chrono::system_clock::now());
  e.ticket = ticket;
  e.score = score;
  e.kiosk_id = "k1";
  e.created_at = "2026-11-27T09:30:00+08:00";
  if (score <= 2) {
    e.reasons = {"attitude"};
    e.phone = "13812345678";
  }
  return e;
}

struct Rig {
  testing::TempDir dir;
  int port = testing::free_ports(1);
  zmq::context_t ctx;
  hall::SocketFactory sockets{ctx};
  std::unique_ptr<Outbox> outbox;
  std::unique_ptr<Courier> courier;

  explicit Rig(kiosk::CourierOptions o = {}) { open(o); }
  std::string path() const { return Outbox::path_for(dir.str("var"), "k1"); }
  void open(kiosk::CourierOptions o = {}) {
    courier.reset();
    outbox.reset();
    auto ob = Outbox::open(path());
    REQUIRE(ob.ok());
    outbox = std::move(*ob);
    o.controller = {"127.0.0.1", port};
    o.jitter = false;
    auto c = Courier::create(*outbox, sockets, o);
    REQUIRE(c.ok());
    courier = std::move(*c);
  }
  // Pumps with the real clock until `done` holds (false after 5 s).
  template <class Pred>
  bool pump_until(Pred done, std::chrono::milliseconds limit = 5s) {
    const auto end = Clock::now() + limit;
    while (Clock::now() < end) {
      courier->pump(Clock::now());
      if (done()) return true;
      courier->wait(5ms);
    }
    return false;
  }
};

kiosk::CourierOptions quick() {
  kiosk::CourierOptions o;
  o.ack_timeout = 200ms;
  o.backoff_base = 20ms;
  o.backoff_cap = 200ms;
  return o;
}

}  // namespace

TEST_CASE("uuids are version 7: unique, in RFC text form, and later ones sort later") {
  std::set<std::string> seen;
  const auto t0 = hall::SystemTime{} + std::chrono::milliseconds(1795000000000);  // 2026-11-19
  std::string previous;
  for (int i = 0; i < 2000; ++i) {
    const std::string u = hall::uuid_v7(t0 + std::chrono::milliseconds(i / 10));
    REQUIRE(hall::is_uuid(u));
    CHECK(u[14] == '7');
    CHECK(std::string("89ab").find(u[19]) != std::string::npos);
    if (i % 10 == 0 && i > 0) CHECK(u > previous);  // a new millisecond sorts after the last
    previous = u;
    seen.insert(u);
  }
  CHECK(seen.size() == 2000);
  // 1795000000000 ms = 0x01a1ee565e00: the first 12 hex digits.
  CHECK(hall::uuid_v7(t0).substr(0, 13) == "01a1ee56-5e00");
  CHECK_FALSE(hall::is_uuid("not-a-uuid"));
  CHECK_FALSE(hall::is_uuid("123e4567-e89b-12d3-a456-42661417400g"));
}

TEST_CASE("the outbox path includes the kiosk id") {
  CHECK(Outbox::path_for("var/kiosk", "lobby-2") == "var/kiosk/lobby-2/outbox.db");
}

TEST_CASE("an evaluation is durably in the outbox before it is sent") {
  Rig rig;
  testing::ScriptedController fake(rig.port);
  fake.drop_next(1000);  // the controller never answers
  const Evaluation e = eval("A001");
  REQUIRE(rig.courier->submit(e, Clock::now()).ok());
  REQUIRE(rig.pump_until([&] { return fake.submits() >= 1; }));
  // A second connection to the same file sees the committed row.
  auto other = Outbox::open(rig.path());
  REQUIRE(other.ok());
  auto pending = (*other)->pending();
  REQUIRE(pending.ok());
  REQUIRE(pending->size() == 1);
  CHECK(pending->front().uuid == e.uuid);
  CHECK(pending->front().ticket == "A001");
  CHECK(pending->front().score == 5);
}

TEST_CASE("the outbox survives a restart and is sent after it") {
  Rig rig;
  Evaluation e = eval("A002", 2);
  REQUIRE(rig.courier->submit(e, Clock::now()).ok());  // no controller yet
  rig.courier->pump(Clock::now());
  rig.open();  // the kiosk restarts
  CHECK(rig.outbox->size() == 1);
  CHECK(rig.courier->waiting() == 1);
  testing::ScriptedController fake(rig.port);
  REQUIRE(rig.pump_until([&] { return rig.courier->waiting() == 0; }));
  CHECK(rig.outbox->size() == 0);
  auto rows = fake.rows();
  REQUIRE(rows.count("A002") == 1);
  CHECK(rows.at("A002").uuid == e.uuid);
  CHECK(rows.at("A002").score == 2);
  CHECK(rows.at("A002").phone == "13812345678");
  CHECK(rows.at("A002").reasons == hall::Json::array({"attitude"}));
}

TEST_CASE("an entry leaves the outbox on its ack only") {
  Rig rig(quick());
  testing::ScriptedController fake(rig.port);
  fake.drop_next(2);  // two unanswered attempts
  fake.busy_next(1);  // then a transient error
  REQUIRE(rig.courier->submit(eval("A003"), Clock::now()).ok());
  REQUIRE(rig.pump_until([&] { return fake.submits() >= 3; }));
  CHECK(rig.outbox->size() == 1);  // no ack yet: still there
  REQUIRE(rig.pump_until([&] { return rig.courier->waiting() == 0; }));
  CHECK(rig.outbox->size() == 0);
  CHECK(rig.courier->stats().acked == 1);
  CHECK(rig.courier->stats().timeouts == 2);
  CHECK(rig.courier->stats().transient_errors == 1);
  CHECK(rig.courier->stats().resent == 3);
  CHECK(fake.rows().size() == 1);
}

TEST_CASE("resends back off exponentially up to the cap") {
  // The sequence itself (250 ms ... 8 s) is tested in test_backoff.cpp.
  // A controller that answers "busy" every time: each retry waits longer.
  kiosk::CourierOptions o;
  o.backoff_base = 250ms;
  o.backoff_cap = 1000ms;
  Rig rig(o);
  testing::ScriptedController fake(rig.port);
  fake.busy_next(100);
  const Evaluation e = eval("A004");
  REQUIRE(rig.courier->submit(e, Clock::now()).ok());
  REQUIRE(rig.pump_until([&] { return rig.courier->in_flight() == 1; }));
  // Sends at `at`, reads the busy reply, and says when the next try is due.
  auto busy_reply = [&](Clock::time_point at) {
    rig.courier->pump(at);
    REQUIRE(rig.courier->in_flight() == 1);
    for (int i = 0; i < 200 && rig.courier->in_flight() == 1; ++i) {
      rig.courier->wait(10ms);
      rig.courier->pump(at + 1ms);
    }
    REQUIRE(rig.courier->in_flight() == 0);
    return rig.courier->next_attempt(e.uuid) - (at + 1ms);
  };
  const auto t = Clock::now();
  CHECK(busy_reply(t) == 250ms);
  CHECK(rig.courier->failures(e.uuid) == 1);
  rig.courier->pump(t + 100ms);
  CHECK(rig.courier->in_flight() == 0);  // not due yet
  CHECK(busy_reply(t + 251ms) == 500ms);
  CHECK(busy_reply(t + 752ms) == 1000ms);
  CHECK(busy_reply(t + 1753ms) == 1000ms);  // capped at 1 s
  CHECK(rig.courier->failures(e.uuid) == 4);
  CHECK(rig.outbox->size() == 1);
}

TEST_CASE("with no controller at all the courier looks again every base pause, counting no failures") {
  kiosk::CourierOptions o;
  o.backoff_base = 250ms;
  o.backoff_cap = 8000ms;
  Rig rig(o);
  const Evaluation e = eval("A005");
  REQUIRE(rig.courier->submit(e, Clock::now()).ok());
  rig.pump_until([] { return false; }, 4s);  // nobody there
  CHECK(rig.courier->failures(e.uuid) == 0);
  CHECK(rig.courier->stats().sent == 0);
  // The controller comes back: the entry goes within the base pause plus
  // ZeroMQ's reconnect interval (at most 2 s), not after a backoff grown
  // over the outage (that would send it only 3.75 s from now).
  testing::ScriptedController fake(rig.port);
  const auto back = Clock::now();
  REQUIRE(rig.pump_until([&] { return rig.courier->waiting() == 0; }, 5s));
  CHECK(Clock::now() - back < 3s);
  CHECK(fake.rows().size() == 1);
}

TEST_CASE("permanent errors move the entry to the rejected table") {
  for (bool field : {true, false}) {
    INFO("permanent field sent: " << field);
    Rig rig(quick());
    testing::ScriptedController fake(rig.port);
    fake.set_known_prefix("L");
    fake.include_permanent_field(field);  // without it the kiosk knows the permanent codes
    REQUIRE(rig.courier->submit(eval("X001"), Clock::now()).ok());  // unknown ticket
    REQUIRE(rig.courier->submit(eval("L001"), Clock::now()).ok());
    REQUIRE(rig.courier->submit(eval("L001"), Clock::now()).ok());  // a second rating of one ticket
    REQUIRE(rig.pump_until([&] { return rig.courier->waiting() == 0; }));
    CHECK(rig.outbox->size() == 0);
    CHECK(rig.courier->stats().acked == 1);
    CHECK(rig.courier->stats().rejected.at("not_found") == 1);
    CHECK(rig.courier->stats().rejected.at("already_rated") == 1);
    auto rejected = rig.outbox->rejected();
    REQUIRE(rejected.ok());
    REQUIRE(rejected->size() == 2);
    std::set<std::string> codes;
    for (const auto& r : *rejected) {
      codes.insert(r.code);
      CHECK_THAT(r.message, Catch::Contains("refused"));
    }
    CHECK(codes == std::set<std::string>{"not_found", "already_rated"});
    CHECK(fake.submits() == 3);  // none retried
  }
}

TEST_CASE("a resend after a lost ack is acked as a duplicate and stored once") {
  Rig rig(quick());
  testing::ScriptedController fake(rig.port);
  fake.lose_acks_next(1);  // stored, but the ack never arrives
  const Evaluation e = eval("A005");
  REQUIRE(rig.courier->submit(e, Clock::now()).ok());
  REQUIRE(rig.pump_until([&] { return rig.courier->waiting() == 0; }));
  CHECK(fake.rows().size() == 1);
  CHECK(fake.duplicates() == 1);
  CHECK(rig.courier->stats().duplicates == 1);
  CHECK(rig.outbox->size() == 0);
}

TEST_CASE("no more than the window is in flight") {
  kiosk::CourierOptions o = quick();
  o.window = 4;
  o.ack_timeout = 5s;
  Rig rig(o);
  testing::ScriptedController fake(rig.port);
  fake.drop_next(1000);
  for (int i = 0; i < 20; ++i) REQUIRE(rig.courier->submit(eval("W" + std::to_string(i)), Clock::now()).ok());
  // Wait (bounded, for a loaded machine) for the window to fill, then make
  // sure nothing more goes out while no ack comes back.
  rig.pump_until([&] { return fake.submits() >= 4; }, 5s);
  rig.pump_until([&] { return false; }, 300ms);
  CHECK(fake.submits() == 4);
  CHECK(rig.courier->in_flight() == 4);
  CHECK(rig.outbox->size() == 20);
}

TEST_CASE("a controller that goes away and comes back gets everything exactly once") {
  Rig rig(quick());
  auto fake = std::make_unique<testing::ScriptedController>(rig.port);
  for (int i = 0; i < 50; ++i) REQUIRE(rig.courier->submit(eval("R" + std::to_string(i)), Clock::now()).ok());
  REQUIRE(rig.pump_until([&] { return rig.courier->stats().acked >= 10; }));
  fake->lose_acks_next(5);
  fake->stop();  // "kill -9": the socket goes away mid-run
  for (int i = 50; i < 100; ++i) REQUIRE(rig.courier->submit(eval("R" + std::to_string(i)), Clock::now()).ok());
  rig.pump_until([&] { return false; }, 300ms);
  fake->start();
  REQUIRE(rig.pump_until([&] { return rig.courier->waiting() == 0; }, 10s));
  CHECK(fake->rows().size() == 100);
  CHECK(rig.outbox->size() == 0);
  CHECK(rig.courier->stats().acked == 100);
  // Every ack's time is counted once, from its last send.
  uint64_t timed = 0;
  for (uint64_t n : rig.courier->stats().ack_ms) timed += n;
  CHECK(timed == 100);
  CHECK(rig.courier->stats().ack_ms_quantile(0.5) <= rig.courier->stats().ack_ms_quantile(1.0));
}

TEST_CASE("ack time quantiles of the courier's stats") {
  kiosk::CourierStats s;
  CHECK(s.ack_ms_quantile(0.99) == 0);
  for (int i = 1; i <= 100; ++i) ++s.ack_ms[static_cast<size_t>(i)];  // 1 ms .. 100 ms
  s.ack_ms[kiosk::CourierStats::kAckBuckets - 1] += 1;               // one beyond the last bucket
  CHECK(s.ack_ms_quantile(0.5) == 51);
  CHECK(s.ack_ms_quantile(0.99) == 100);
  CHECK(s.ack_ms_quantile(1.0) == static_cast<int64_t>(kiosk::CourierStats::kAckBuckets - 1));
}

TEST_CASE("ticket ranges for the simulator") {
  auto r = kiosk::parse_ticket_range("L0001-L0003");
  REQUIRE(r.ok());
  CHECK(*r == std::vector<std::string>{"L0001", "L0002", "L0003"});
  auto big = kiosk::parse_ticket_range("L0001-L5000");
  REQUIRE(big.ok());
  CHECK(big->size() == 5000);
  CHECK(big->back() == "L5000");
  for (const char* bad : {"L0001", "L0003-L0001", "L0001-M0003", "L00x1-L0003", "-", "L1-L9999999999"}) {
    INFO(bad);
    auto e = kiosk::parse_ticket_range(bad);
    REQUIRE_FALSE(e.ok());
    CHECK_THAT(e.error(), Catch::Contains("L0001-L5000"));
  }
}

TEST_CASE("simulated ratings have realistic scores and reasons only when bad") {
  kiosk::RandomRater rater(42);
  int counts[6] = {};
  for (int i = 0; i < 5000; ++i) {
    const Evaluation e = rater.rate("L" + std::to_string(i), std::chrono::system_clock::now());
    REQUIRE(e.score >= 1);
    REQUIRE(e.score <= 5);
    ++counts[e.score];
    if (kiosk::is_bad_score(e.score)) {
      CHECK(!e.reasons.empty());
      CHECK(e.reasons.size() <= 2);
      for (const auto& r : e.reasons) CHECK(kiosk::is_reason_code(r));
    } else {
      CHECK(e.reasons.empty());
      CHECK(e.phone.empty());
    }
  }
  CHECK(counts[5] > counts[4]);
  CHECK(counts[4] > counts[3]);
  CHECK(counts[1] + counts[2] > 0);
  CHECK(counts[1] + counts[2] < 500);
}

TEST_CASE("simulate rates every ticket once and drains the outbox") {
  Rig rig(quick());
  testing::ScriptedController fake(rig.port);
  fake.busy_next(3);
  kiosk::SimulateOptions o;
  o.tickets = *kiosk::parse_ticket_range("L001-L300");
  o.kiosk_id = "k1";
  o.timeout = 20s;
  auto sum = kiosk::simulate(*rig.outbox, *rig.courier, o);
  REQUIRE(sum.ok());
  CHECK(sum->drained());
  CHECK(sum->queued == 300);
  CHECK(sum->stats.acked == 300);
  CHECK(fake.rows().size() == 300);
  CHECK_THAT(kiosk::format_summary(*sum), Catch::Contains("acked=300") && Catch::Contains("drained"));
}

TEST_CASE("simulated ratings are spaced on their own timeline, also across runs") {
  Rig rig(quick());
  testing::ScriptedController fake(rig.port);
  kiosk::SimulateOptions o;
  o.tickets = *kiosk::parse_ticket_range("T01-T05");
  o.kiosk_id = "k1";
  o.timeout = 10s;
  o.spacing = 2s;
  const auto now = std::chrono::system_clock::now();
  auto wall = [now] { return now; };
  REQUIRE(kiosk::simulate(*rig.outbox, *rig.courier, o, wall).ok());
  o.tickets = *kiosk::parse_ticket_range("T06-T07");
  REQUIRE(kiosk::simulate(*rig.outbox, *rig.courier, o, wall).ok());  // a second run at the same moment
  auto rows = fake.rows();
  REQUIRE(rows.size() == 7);
  // The controller's press filter works on created_at: each rating of this
  // kiosk is later than the one before (2 s apart), the second run included,
  // and none lies in the future of the first run.
  std::string prev;
  for (const auto& [ticket, row] : rows) {
    INFO(ticket << " " << row.created_at);
    CHECK(row.created_at > prev);
    prev = row.created_at;
  }
  CHECK(rows.at("T05").created_at < hall::iso_time(now));
  auto last = rig.outbox->meta("simulate_clock_ms");
  REQUIRE(last.has_value());
}

TEST_CASE("a batch goes into the outbox whole or not at all") {
  Rig rig;
  const Evaluation a = eval("B1"), b = eval("B2");
  Evaluation dup = eval("B3");
  dup.uuid = a.uuid;  // the same uuid twice: the batch is refused
  auto bad = rig.outbox->add_many({a, b, dup});
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error(), Catch::Contains("B3"));
  CHECK(rig.outbox->size() == 0);
  REQUIRE(rig.outbox->add_many({a, b}).ok());
  CHECK(rig.outbox->size() == 2);
  CHECK(rig.outbox->has_ticket("B2"));
}

TEST_CASE("a damaged outbox is set aside, never deleted, and what can be read is queued again") {
  testing::TempDir dir;
  const auto path = dir.str("k1/outbox.db");
  std::vector<std::string> uuids;
  {
    auto box = Outbox::open(path);
    REQUIRE(box.ok());
    std::vector<Evaluation> list;
    for (int i = 0; i < 300; ++i) list.push_back(eval("A" + std::to_string(1000 + i)));
    for (const auto& e : list) uuids.push_back(e.uuid);
    REQUIRE((*box)->add_many(list).ok());
  }
  const auto size = std::filesystem::file_size(path);
  {
    std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(static_cast<std::streamoff>(size / 4096 / 2) * 4096);
    f.write(std::string(4096, '\x33').data(), 4096);
  }
  std::string damaged;
  {
    std::ifstream f(path, std::ios::binary);
    damaged.assign(std::istreambuf_iterator<char>(f), {});
  }
  const auto t = hall::SystemTime(std::chrono::seconds(1795743000));
  auto box = Outbox::open(path, t);
  REQUIRE(box.ok());
  REQUIRE((*box)->set_aside().has_value());
  const auto& aside = *(*box)->set_aside();
  CHECK(aside.file == path + ".corrupt-20261127T013000Z");
  std::ifstream kept(aside.file, std::ios::binary);
  CHECK(std::string(std::istreambuf_iterator<char>(kept), {}) == damaged);
  CHECK(aside.salvaged >= 250);  // at most the rows of one page lost (none if it was an index page)
  CHECK(aside.salvaged <= 300);
  CHECK((*box)->size() == static_cast<int64_t>(aside.salvaged));
  // A whole outbox opens as it is.
  box = Outbox::open(path, t);
  REQUIRE(box.ok());
  CHECK_FALSE((*box)->set_aside().has_value());
}
