// queue_hall.h: the real chain for load and drills: scripts/queue-sim as
// the queue system serving finished tickets, a Hall whose controller follows
// it, and the arguments of a `hall-kiosk --simulate` run against it; plus
// reading a simulate run's summary line back (kiosk/simulate.h).
// Threading: the test's thread.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "harness.h"

namespace testing {

// `hall-kiosk --simulate` rating `tickets` (e.g. "L0001-L0500") as kiosk
// `id`, quick to resend (ack timeout 0.5 s, resend pauses up to 1 s).
inline std::vector<std::string> simulate_args(const Hall& hall, const std::string& id, const std::string& tickets) {
  return {"--config", hall.cfg("kiosk.toml"), "--simulate", "--tickets", tickets,
          "--set", "kiosk.id=" + id,
          "--set", "kiosk.data_dir=" + hall.dir.str("kiosk"),
          "--set", "kiosk.device_port=" + std::to_string(hall.base + 3),
          "--set", "kiosk.ack_timeout_ms=500",
          "--set", "kiosk.resend_max_ms=1000"};
}

// The figures of a simulate run's summary line ("simulate: tickets=5 sent=5
// ... ack_ms_p99=3 ... drained"): key -> number; empty when there is none.
inline std::map<std::string, double> simulate_figures(const std::string& log) {
  std::map<std::string, double> out;
  const auto at = log.rfind("simulate: tickets=");
  if (at == std::string::npos) return out;
  const std::string line = log.substr(at, log.find('\n', at) - at);
  static const std::regex kv(R"(([a-z_0-9]+)=([0-9.]+))");
  for (std::sregex_iterator it(line.begin(), line.end(), kv), end; it != end; ++it)
    out[(*it)[1]] = std::stod((*it)[2]);
  return out;
}

// queue-sim serving `tickets` finished tickets <prefix>0001..., and the
// controller's arguments to follow it with the press filter off (load).
struct QueueHall {
  Hall hall;
  int qport = free_ports(1);
  std::unique_ptr<Process> sim;
  std::vector<std::string> controller;
  std::string db = hall.dir.str("var") + "/hall.db";

  QueueHall(int tickets, const std::string& prefix) {
    sim = std::make_unique<Process>(kPython, std::vector<std::string>{kQueueSim, "--port", std::to_string(qport),
                                        "--tickets", std::to_string(tickets), "--prefix", prefix,
                                        "--rate", "0", "--seed", "7"},
                                    hall.dir.path() / "sim.log");
    controller = hall.controller_args();
    // Simulated kiosks backdate their ratings (3 s apart, ending now: 500
    // tickets reach back 25 min), some to before queue-sim finished the
    // ticket; the controller would refuse those as bad_time.
    for (const std::string& s : {std::string("queue.enabled=true"),
                                 "queue.url=http://127.0.0.1:" + std::to_string(qport),
                                 std::string("queue.poll_ms=100"), std::string("evaluation.min_interval_ms=0"),
                                 std::string("evaluation.clock_skew_s=86400")}) {
      controller.push_back("--set");
      controller.push_back(s);
    }
  }
  // Waits until the controller has stored the last ticket of the feed (at
  // most `tries` hallctl calls 0.1 s apart).
  bool tickets_stored(const std::string& last, int tries = 300) const {
    for (int i = 0; i < tries; ++i) {
      auto r = run("hallctl", hall.hallctl_args({"tickets", "--json", "--limit", "1"}));
      if (r.code == 0 && r.output.find(last) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
};

}  // namespace testing
