// Reliability drills of issue 12 against the real programs (drill.h): the
// suite runs each in its short form, `scripts/drill NAME` in its long form,
// and each prints one DRILL figures line for docs/reliability.md.
//   kill9  - the controller killed with -9 during a burst from ten kiosks,
//            again and again; nothing acked is lost, nothing stored twice;
//   outage - the controller down for a while: kiosks queue in their
//            outboxes, a screen shows its cache marked offline, and all
//            catches up within seconds of the restart;
//   stall  - a stopped screen, a client that asks for snapshots and never
//            reads, half-sent requests and a stopped kiosk do not slow the
//            healthy screens and kiosks.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <signal.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <filesystem>
#include <memory>
#include <thread>

#include <nlohmann/json.hpp>

#include "db_query.h"
#include "drill.h"
#include "harness.h"
#include "layout_report.h"
#include "queue_hall.h"

using namespace testing;
using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

namespace {

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// The kiosks of a drill: `count` simulating kiosks named <name>-<i>, kiosk i
// rating <prefix><first + i*per> ... (per tickets each), with `extra` args.
struct Kiosks {
  const QueueHall& q;
  std::string name;
  std::vector<std::unique_ptr<Process>> procs;
  std::vector<std::string> ids;

  Kiosks(const QueueHall& q, std::string name, int count, int per, const std::string& prefix, int first,
         const std::vector<std::string>& extra, bool quick_resend = true)
      : q(q), name(std::move(name)) {
    for (int i = 0; i < count; ++i) {
      const std::string id = fmt::format("{}-{}", this->name, i);
      const int from = first + i * per;
      auto args = simulate_args(q.hall, id, fmt::format("{}{:04}-{}{:04}", prefix, from, prefix, from + per - 1));
      if (!quick_resend) args.resize(args.size() - 4);  // the shipped ack timeout and resend pauses
      args.insert(args.end(), extra.begin(), extra.end());
      ids.push_back(id);
      procs.push_back(std::make_unique<Process>("hall-kiosk", args, q.hall.dir.path() / (id + ".log")));
    }
  }
  std::string outbox(size_t i) const { return q.hall.dir.str("kiosk") + "/" + ids[i] + "/outbox.db"; }
  // Entries still waiting in all outboxes (-1 if one cannot be read now).
  int64_t waiting() const {
    int64_t n = 0;
    for (size_t i = 0; i < ids.size(); ++i) {
      if (!std::filesystem::exists(outbox(i))) continue;
      const int64_t k = db_scalar(outbox(i), "SELECT count(*) FROM outbox");
      if (k < 0) return -1;
      n += k;
    }
    return n;
  }
  int64_t rejected() const {
    int64_t n = 0;
    for (size_t i = 0; i < ids.size(); ++i) n += std::max<int64_t>(0, db_scalar(outbox(i), "SELECT count(*) FROM rejected"));
    return n;
  }
  // Waits for every kiosk to exit (bounded); true when all exited 0.
  bool all_exit(std::chrono::seconds timeout) {
    bool ok = true;
    for (auto& p : procs) ok = (p->wait(timeout) == 0) && ok;
    return ok;
  }
  // The sum (or max) of one figure over the kiosks' summary lines.
  double sum(const std::string& key) const {
    double n = 0;
    for (auto& p : procs) n += simulate_figures(p->log())[key];
    return n;
  }
  double max(const std::string& key) const {
    double n = 0;
    for (auto& p : procs) n = std::max(n, simulate_figures(p->log())[key]);
    return n;
  }
};

// Tickets the controller stored from the queue feed with this prefix.
int64_t stored(const QueueHall& q, const std::string& prefix) {
  return db_scalar(q.db, "SELECT count(*) FROM evaluations WHERE ticket LIKE '" + prefix + "%'");
}

// What a drill lost and duplicated: every ticket the kiosks rated is either
// stored once or refused for good (in an outbox's rejected table) or still
// waiting in an outbox; anything else was acked and is not stored.
struct Tally {
  int64_t tickets = 0, stored = 0, distinct = 0, uuids = 0, rejected = 0, waiting = 0;
  int64_t lost() const { return tickets - distinct - rejected - waiting; }
  int64_t duplicates() const { return stored - distinct; }
};
Tally tally(const QueueHall& q, const std::string& prefix, int64_t tickets, const std::vector<const Kiosks*>& groups) {
  Tally t;
  t.tickets = tickets;
  t.stored = stored(q, prefix);
  t.distinct = db_scalar(q.db, "SELECT count(DISTINCT ticket) FROM evaluations WHERE ticket LIKE '" + prefix + "%'");
  t.uuids = db_scalar(q.db, "SELECT count(DISTINCT uuid) FROM evaluations WHERE ticket LIKE '" + prefix + "%'");
  for (const Kiosks* k : groups) {
    t.rejected += k->rejected();
    t.waiting += std::max<int64_t>(0, k->waiting());
  }
  return t;
}

std::unique_ptr<Process> start_controller(const QueueHall& q, int n) {
  auto c = std::make_unique<Process>("hall-controller", q.controller,
                                     q.hall.dir.path() / fmt::format("controller{}.log", n));
  return c;
}

// The value at share p (0..1) of sorted samples.
double quantile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(std::ceil(p * static_cast<double>(v.size()))) - (p > 0 ? 1 : 0));
  return v[i];
}
}  // namespace

TEST_CASE("drill kill9: the controller killed with -9 again and again during a burst from ten kiosks",
          "[drill][drill-kill9]") {
  const int kills = drill_size(2, 10);
  const int kiosks = 10;
  const int per = drill_size(500, 1000);
  const int tickets = kiosks * per;
  QueueHall q(tickets, "L");
  REQUIRE(q.sim->wait_for_log("serving feed"));
  int started = 1;
  auto controller = start_controller(q, started);
  REQUIRE(controller->wait_for_log("controller up"));
  REQUIRE(q.tickets_stored(fmt::format("L{:04}", tickets), 1200));

  Kiosks k(q, "kill", kiosks, per, "L", 1, {"--timeout", std::to_string(drill_size(150, 600))});
  std::vector<int64_t> at_kill;
  Clock::time_point last_up{};
  for (int i = 1; i <= kills; ++i) {
    // Kill at evenly spread points of the burst, and each time only after
    // the restarted controller has stored more (a kill of a live burst).
    const int64_t mark = std::min<int64_t>(
        tickets - 1, std::max<int64_t>(static_cast<int64_t>(tickets) * i / (kills + 1),
                                       at_kill.empty() ? 0 : at_kill.back() + 20));
    const auto until = Clock::now() + 120s;
    while (stored(q, "L") < mark && Clock::now() < until) std::this_thread::sleep_for(10ms);
    REQUIRE(stored(q, "L") >= mark);
    controller->signal(SIGKILL);
    controller->wait();
    at_kill.push_back(stored(q, "L"));
    INFO("rows when killed: " << at_kill.back());
    CHECK(at_kill.back() < tickets);  // it really was mid-run
    std::this_thread::sleep_for(300ms);
    controller = start_controller(q, ++started);
    REQUIRE(controller->wait_for_log("controller up"));
    last_up = Clock::now();
  }
  const bool exited = k.all_exit(std::chrono::seconds(drill_size(150, 600)));
  const double drain_s = seconds_since(last_up);
  for (size_t i = 0; i < k.procs.size(); ++i) {
    INFO(k.procs[i]->log());
    CHECK_THAT(k.procs[i]->log(), Catch::Contains(" left=0 ") && Catch::Contains("drained"));
  }
  CHECK(exited);
  const Tally t = tally(q, "L", tickets, {&k});
  std::string kill_points;
  for (int64_t n : at_kill) kill_points += (kill_points.empty() ? "" : ",") + std::to_string(n);
  drill_report("kill9", fmt::format("tried=\"kill -9 of the controller x{} during a burst of {} ratings from {} kiosks\" "
                                    "lost={} kills={} sent={} stored={} duplicates_stored={} duplicate_acks={} "
                                    "resent={} refused_for_good={} waiting={} drain_s={:.1f} killed_at_rows={}",
                                    kills, tickets, kiosks, t.lost(), kills, tickets, t.stored, t.duplicates(),
                                    k.sum("duplicates"), k.sum("resent"), t.rejected, t.waiting, drain_s,
                                    kill_points));
  CHECK(t.lost() == 0);
  CHECK(t.waiting == 0);
  CHECK(t.rejected == 0);
  CHECK(t.stored == tickets);
  CHECK(t.duplicates() == 0);
  CHECK(t.uuids == tickets);
  // Each bad rating has its one case (written in the rating's transaction).
  const int64_t bad = db_scalar(q.db, "SELECT count(*) FROM evaluations WHERE score <= 2");
  CHECK(bad > 0);
  CHECK(db_scalar(q.db, "SELECT count(*) FROM cases") == bad);
}

TEST_CASE("drill outage: the controller down, kiosks queue, a screen shows its cache, all catches up",
          "[drill][drill-outage]") {
  const int down_s = drill_size(10, 300);
  const int kiosks = drill_size(5, 10);
  const double rate = drill_size(10.0, 1.0);  // ratings a second per kiosk
  const int lead_s = 3;                       // ratings flow before the outage
  // The last rating is taken about a second before the restart.
  const int per = static_cast<int>(rate * (lead_s + down_s - 1));
  const int tickets = kiosks * per;
  QueueHall q(tickets, "T");
  REQUIRE(q.sim->wait_for_log("serving feed"));
  auto controller = start_controller(q, 1);
  REQUIRE(controller->wait_for_log("controller up"));
  REQUIRE(q.tickets_stored(fmt::format("T{:04}", tickets), 1200));
  auto imp = run("hallctl", q.hall.hallctl_args({"content", "import", kSample}));
  INFO(imp.output);
  REQUIRE(imp.code == 0);
  Process screen("hall-signage", q.hall.screen_args("lobby-1", "lobby"), q.hall.dir.path() / "lobby-1.log");
  REQUIRE(screen.wait_for_log("online: controller reachable", 20s));
  REQUIRE(screen.wait_for_log("controller epoch ", 10s));

  // The kiosks run with the shipped ack timeout and resend pauses (kiosk.toml).
  Kiosks k(q, "out", kiosks, per, "T", 1,
           {"--rate", fmt::format("{}", rate), "--timeout", std::to_string(down_s + 120)}, false);
  std::this_thread::sleep_for(std::chrono::seconds(lead_s));
  const int64_t before = stored(q, "T");
  CHECK(before > 0);
  controller->signal(SIGKILL);
  controller->wait();
  const auto down_at = Clock::now();

  // The screen keeps running, marked offline, and its cache shows the same:
  // a second screen started on a copy of it draws the offline mark.
  CHECK(screen.wait_for_log("offline: controller not reachable", 15s));
  const auto cached = q.hall.dir.path() / "cache-copy";
  std::filesystem::copy(q.hall.dir.path() / "cache-lobby-1", cached, std::filesystem::copy_options::recursive);
  const auto layout = q.hall.dir.str("offline-layout.json");
  auto args = q.hall.signage_args("lobby-1", 20, q.hall.dir.str("offline.png"));
  args.insert(args.end(), {"--set", "signage.cache_dir=" + cached.string(), "--layout", layout});
  auto offline = run("hall-signage", args, 60s);
  INFO(offline.output);
  CHECK(offline.code == 0);
  CHECK_THAT(offline.output, Catch::Contains("showing the cached snapshot"));
  const auto report = read_layout(layout);
  CHECK(report.has_text("离线"));
  CHECK(report.has_text("明州市政务服务中心"));

  // The kiosks take ratings into their outboxes all the while.
  int64_t queued = 0;
  while (seconds_since(down_at) < down_s) {
    queued = std::max(queued, k.waiting());
    std::this_thread::sleep_for(200ms);
  }
  queued = std::max(queued, k.waiting());
  CHECK(queued > 0);
  CHECK(screen.running());
  const double downtime = seconds_since(down_at);

  controller = start_controller(q, 2);
  REQUIRE(controller->wait_for_log("controller up"));
  const auto up_at = Clock::now();
  std::optional<double> kiosks_s, screen_s;
  while ((!kiosks_s || !screen_s) && seconds_since(up_at) < 120) {
    if (!kiosks_s && k.waiting() == 0) kiosks_s = seconds_since(up_at);
    if (!screen_s) {
      const std::string log = screen.log();
      if (count_of(log, "controller epoch ") >= 2 && count_of(log, "online: controller reachable") >= 2)
        screen_s = seconds_since(up_at);
    }
    std::this_thread::sleep_for(20ms);
  }
  REQUIRE(kiosks_s.has_value());
  REQUIRE(screen_s.has_value());
  CHECK(k.all_exit(60s));
  const Tally t = tally(q, "T", tickets, {&k});
  drill_report("outage", fmt::format("tried=\"controller down {} s while {} kiosks take {} ratings/s each and a screen runs\" "
                                     "lost={} downtime_s={:.0f} tickets={} stored_before={} queued={} stored={} "
                                     "duplicates_stored={} refused_for_good={} waiting={} outboxes_empty_s={:.1f} "
                                     "screen_in_sync_s={:.1f} catch_up_s={:.1f}",
                                     down_s, kiosks, rate, t.lost(), downtime, tickets, before, queued, t.stored,
                                     t.duplicates(), t.rejected, t.waiting, *kiosks_s, *screen_s,
                                     std::max(*kiosks_s, *screen_s)));
  CHECK(t.lost() == 0);
  CHECK(t.stored == tickets);
  CHECK(t.duplicates() == 0);
  CHECK(t.rejected == 0);
  CHECK(std::max(*kiosks_s, *screen_s) < 15.0);  // "within seconds"
}

namespace {
// What the healthy peers saw in one phase of the stall drill.
struct Phase {
  std::vector<double> screen_ms;  // notice posted (hallctl started) -> a healthy screen shows it
  double ack_p50 = 0, ack_p99 = 0, ack_max = 0;  // the healthy kiosks' ack times (worst kiosk)
};

// One phase: `kiosks` kiosks rate `per` tickets each at `rate` a second from
// <prefix><first> on, while `notices` urgent notices are posted, evenly
// over `seconds`, and each is timed until every screen in `watch` shows it.
Phase run_phase(const QueueHall& q, std::vector<std::unique_ptr<Kiosks>>& all, const std::string& name,
                int kiosks, int per, double rate, int first, int notices, int seconds,
                const std::vector<Process*>& watch) {
  // The shipped ack timeout (3 s): an ack time is not cut short by a resend.
  all.push_back(std::make_unique<Kiosks>(q, name, kiosks, per, "S", first,
                                         std::vector<std::string>{"--rate", fmt::format("{}", rate), "--timeout", "120"},
                                         false));
  Kiosks& k = *all.back();
  Phase p;
  const auto start = Clock::now();
  for (int i = 0; i < notices; ++i) {
    const std::string text = fmt::format("演练通知 {} {}", name, i);
    const auto posted = Clock::now();
    auto r = run("hallctl", q.hall.hallctl_args({"notice", "post", "--urgent", text}));
    INFO(r.output);
    REQUIRE(r.code == 0);
    std::vector<std::optional<double>> seen(watch.size());
    const auto until = posted + 10s;
    while (Clock::now() < until) {
      bool all_seen = true;
      for (size_t s = 0; s < watch.size(); ++s) {
        if (!seen[s] && watch[s]->log().find("urgent notice shown: " + text + " ") != std::string::npos)
          seen[s] = ms_between(posted, Clock::now());
        all_seen = all_seen && seen[s];
      }
      if (all_seen) break;
      std::this_thread::sleep_for(2ms);
    }
    for (const auto& s : seen) {
      REQUIRE(s.has_value());
      p.screen_ms.push_back(*s);
    }
    std::this_thread::sleep_until(start + std::chrono::milliseconds(1000 * seconds * (i + 1) / notices));
  }
  for (auto& proc : k.procs) {
    INFO(proc->log());
    REQUIRE(proc->wait(120s) == 0);
  }
  p.ack_p50 = k.max("ack_ms_p50");
  p.ack_p99 = k.max("ack_ms_p99");
  p.ack_max = k.max("ack_ms_max");
  return p;
}
}  // namespace

TEST_CASE("drill stall: a stalled screen and dead kiosk connections do not slow the others",
          "[drill][drill-stall]") {
  const int seconds = drill_size(8, 60);
  const int notices = drill_size(16, 120);
  const int kiosks = 3;
  const double rate = 20;
  const int per = static_cast<int>(rate * seconds);
  const int stuck_per = 1000;
  const int tickets = 2 * kiosks * per + stuck_per;
  QueueHall q(tickets, "S");
  REQUIRE(q.sim->wait_for_log("serving feed"));
  auto controller = start_controller(q, 1);
  REQUIRE(controller->wait_for_log("controller up"));
  REQUIRE(q.tickets_stored(fmt::format("S{:04}", tickets), 1200));
  REQUIRE(run("hallctl", q.hall.hallctl_args({"content", "import", kSample})).code == 0);
  std::vector<std::unique_ptr<Process>> screens;
  // 10 frames a second: three screens rendering in software share the two
  // cores with everything else; a notice shows within a frame or two.
  for (const char* id : {"lobby-1", "lobby-2", "corridor-1"})
    screens.push_back(std::make_unique<Process>("hall-signage",
                                                Hall::with(q.hall.screen_args(id, "lobby"), {"--set", "screen.fps=10"}),
                                                q.hall.dir.path() / (std::string(id) + ".log")));
  for (auto& s : screens) REQUIRE(s->wait_for_log("online: controller reachable", 20s));
  const std::vector<Process*> healthy = {screens[0].get(), screens[1].get()};
  std::vector<std::unique_ptr<Kiosks>> all;

  const Phase calm = run_phase(q, all, "calm", kiosks, per, rate, 1, notices, seconds, healthy);

  // The stalled peers: a stopped screen, a client that asks for snapshots
  // and never reads, connections that stop in the middle of a request and
  // vanish, and a kiosk stopped in the middle of a burst.
  screens[2]->signal(SIGSTOP);
  const std::string hold = std::to_string(seconds + 5);
  Process flood(kPython, {HALL_SOURCE_DIR "/tests/scripts/snapshot_flood.py", std::to_string(q.hall.base),
                          std::to_string(controller->pid()), "5000", hold, "5"},
                q.hall.dir.path() / "flood.log");
  Process half_device(kPython, {HALL_SOURCE_DIR "/tests/scripts/half_request.py", std::to_string(q.hall.base + 3),
                                "20", hold},
                      q.hall.dir.path() / "half-device.log");
  Process half_chp(kPython, {HALL_SOURCE_DIR "/tests/scripts/half_request.py", std::to_string(q.hall.base), "10", hold},
                   q.hall.dir.path() / "half-chp.log");
  all.push_back(std::make_unique<Kiosks>(q, "stuck", 1, stuck_per, "S", 2 * kiosks * per + 1,
                                         std::vector<std::string>{"--timeout", "300"}));
  Kiosks& stuck = *all.back();
  const auto until = Clock::now() + 20s;
  while (db_scalar(q.db, "SELECT count(*) FROM evaluations WHERE kiosk_id = 'stuck-0'") < 100 && Clock::now() < until)
    std::this_thread::sleep_for(5ms);
  stuck.procs[0]->signal(SIGSTOP);

  const Phase stalled = run_phase(q, all, "stalled", kiosks, per, rate, kiosks * per + 1, notices, seconds, healthy);

  // The stalled ones come back and catch up too.
  stuck.procs[0]->signal(SIGCONT);
  screens[2]->signal(SIGCONT);
  CHECK(screens[2]->wait_for_log(fmt::format("urgent notice shown: 演练通知 stalled {} ", notices - 1), 20s));
  INFO(stuck.procs[0]->log());
  CHECK(stuck.procs[0]->wait(120s) == 0);
  CHECK(flood.wait(30s) == 0);
  CHECK(half_device.wait(30s) == 0);
  CHECK(half_chp.wait(30s) == 0);
  INFO(flood.log() << half_device.log() << half_chp.log());
  CHECK(controller->running());

  std::vector<const Kiosks*> groups;
  for (auto& g : all) groups.push_back(g.get());
  const Tally t = tally(q, "S", tickets, groups);
  const double calm_p50 = quantile(calm.screen_ms, 0.5), calm_p99 = quantile(calm.screen_ms, 0.99);
  const double stall_p50 = quantile(stalled.screen_ms, 0.5), stall_p99 = quantile(stalled.screen_ms, 0.99);
  drill_report("stall", fmt::format(
      "tried=\"1 stopped screen + 5000 snapshots never read + 30 half-sent connections + 1 stopped kiosk, "
      "{} s, {} notices to 2 screens, {} kiosks x {}/s\" lost={} screen_ms_p50={:.0f}/{:.0f} "
      "screen_ms_p99={:.0f}/{:.0f} ack_ms_p50={:.0f}/{:.0f} ack_ms_p99={:.0f}/{:.0f} ack_ms_max={:.0f}/{:.0f} "
      "(calm/stalled) stored={} duplicates_stored={} refused_for_good={}",
      seconds, notices, kiosks, rate, t.lost(), calm_p50, stall_p50, calm_p99, stall_p99, calm.ack_p50,
      stalled.ack_p50, calm.ack_p99, stalled.ack_p99, calm.ack_max, stalled.ack_max, t.stored, t.duplicates(),
      t.rejected));
  // A peer that slowed the others would show as seconds (acks resent after
  // their 3 s timeout, notices late by the stalled screen's timeouts); the
  // margins allow for what else runs on the machine (ctest -j2).
  CHECK(stall_p50 <= 2 * calm_p50 + 100);
  CHECK(stall_p99 <= 2 * calm_p99 + 500);
  CHECK(stalled.ack_p50 <= 2 * calm.ack_p50 + 50);
  CHECK(stalled.ack_p99 <= 2 * calm.ack_p99 + 500);
  CHECK(stalled.ack_max < 3000);  // no ack took as long as the kiosk's timeout
  CHECK(t.lost() == 0);
  CHECK(t.stored == tickets);
  CHECK(t.duplicates() == 0);
  CHECK(t.rejected == 0);
}
