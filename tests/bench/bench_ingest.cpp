// bench_ingest: sustained durable evaluations per second and ack latency
// with 32 concurrent kiosk connections (DEALER sockets, each with its own
// in-flight window) on loopback against a real controller core running its
// loop in its own thread (real store with synchronous=FULL in a temp dir,
// real evaluation committer thread). Baseline: the same controller with
// evaluation.batch_max = 1, i.e. one transaction per evaluation, measured in
// the same run. Scores follow the simulator's mix (5% are 1 or 2 and open a
// case in the same transaction). Figures are medians of --rounds rounds.
// Each configuration runs twice: with security.mode = "none" (ZMTP NULL) and
// with "curve" (every kiosk with its own enrolled key, the controller's ZAP
// allow-list and the per-message key check, as in a hall), one BENCH line each.
//   bench_ingest [--clients 32] [--window N (default: 4, then 12)] [--rounds 3] [--count 60000]
//                [--baseline-count 4000] [--security none|curve (default: both)]
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <thread>
#include <vector>

#include <sys/resource.h>

#include "controller_fixture.h"
#include "common/base/log.h"
#include "common/wire/uuid.h"

using namespace testing;
using Clock = std::chrono::steady_clock;

namespace {

double cpu_s(int who) {
  rusage u{};
  getrusage(who, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Figures {
  double per_s = 0, p50_ms = 0, p99_ms = 0, loop_cpu_us = 0, process_cpu_us = 0;
  size_t acked = 0, errors = 0;
};

// The score mix of `hall-kiosk --simulate` (weights 2/3/7/20/68 of 1..5,
// so 5% of ratings are bad and open a case), spread evenly over the run.
int score_of(int i) {
  const int r = i % 100;
  return r < 2 ? 1 : r < 5 ? 2 : r < 12 ? 3 : r < 32 ? 4 : 5;
}

// Seeds `count` finished tickets B000001... straight into the store.
void seed(TestController& t, int count) {
  auto& db = t.c->store();
  (void)db.begin();
  auto st = db.prepare(
      "INSERT INTO tickets(number, day, service_item_id, service_item_name, window_number, window_name, staff_id, "
      "staff_name, state, created_at, created_ms, called_at, called_ms, last_called_ms, finished_at, finished_ms, "
      "wait_s, service_s, updated_at) VALUES (?1, '2026-11-27', 'gjj-tiqu', '住房公积金提取', ?2, '公积金窗口', "
      "'wang-fang', '王芳', 'finished', ?3, ?4, ?3, ?4, ?4, ?3, ?4, 60, 300, ?3)");
  const int64_t now = hall::epoch_ms(std::chrono::system_clock::now()) - 60000;
  const std::string iso = hall::iso_from_ms(now);
  char number[16];
  for (int i = 0; i < count; ++i) {
    std::snprintf(number, sizeof number, "B%06d", i);
    st->bind(1, std::string_view(number)).bind(2, int64_t{1 + i % 8}).bind(3, iso).bind(4, now);
    if (auto s = st->run(); !s) throw std::runtime_error(s.error());
  }
  if (auto s = db.commit(); !s) throw std::runtime_error(s.error());
}

Figures run(int batch_max, int clients, int window, int count, bool curve) {
  TestController t(
      [&](controller::Settings& s) {
        s.evaluation.batch_max = batch_max;
        s.evaluation.min_interval_ms = 0;
      },
      curve);
  seed(t, count);
  std::atomic<bool> stop{false};
  double loop_cpu = 0;
  std::thread loop([&] {
    const double cpu0 = cpu_s(RUSAGE_THREAD);
    while (!stop) t.c->poll_once(std::chrono::milliseconds(10));
    loop_cpu = cpu_s(RUSAGE_THREAD) - cpu0;
  });

  // The kiosks' own ZeroMQ context, as separate kiosk processes would have:
  // their I/O thread is not the controller's.
  // With CURVE each kiosk holds its own enrolled key, bench-<i>, and its
  // frames say kiosk_id bench-<i> (a key speaks only for itself).
  zmq::context_t kiosk_ctx;
  std::vector<zmq::socket_t> sockets;
  for (int i = 0; i < clients; ++i) {
    std::optional<hall::Curve> key;
    if (curve) key = t.enroll("bench-" + std::to_string(i), hall::wire::Role::Kiosk);
    hall::SocketFactory kiosk_sockets(kiosk_ctx, t.sockets.options(), key);
    sockets.push_back(std::move(*kiosk_sockets.connect(zmq::socket_type::dealer, t.device())));
  }
  std::vector<int> inflight(clients, 0);
  std::vector<Clock::time_point> sent(count);
  std::vector<double> latency;
  latency.reserve(count);
  size_t errors = 0;
  // Every kiosk frame is written before the clock starts, so that the load
  // generator, which shares the two cores with the controller here, spends
  // as little CPU as it can while the controller is measured. Uuids come
  // from the kiosks' own generator (UUIDv7), as a kiosk makes them.
  std::vector<std::string> frames(count);
  {
    char number[16], frame[512];
    const std::string created = hall::iso_from_ms(hall::epoch_ms(std::chrono::system_clock::now()));
    for (int i = 0; i < count; ++i) {
      const std::string uuid = hall::uuid_v7(std::chrono::system_clock::now());
      std::snprintf(number, sizeof number, "B%06d", i);
      const int n = std::snprintf(
          frame, sizeof frame,
          "{\"type\":\"evaluation.submit\",\"id\":%d,\"uuid\":\"%s\",\"ticket\":\"%s\",\"score\":%d,"
          "\"reasons\":[],\"phone\":\"\",\"kiosk_id\":\"bench-%d\",\"created_at\":\"%s\"}",
          i, uuid.c_str(), number, score_of(i), i % clients, created.c_str());
      frames[i].assign(frame, n);
    }
  }
  std::vector<zmq::pollitem_t> items;
  for (auto& s : sockets) items.push_back({s.handle(), 0, ZMQ_POLLIN, 0});
  // Every connection (and with CURVE its handshake and key check) is made
  // before the clock starts: one lookup per kiosk, answered not_found.
  for (int c = 0; c < clients; ++c)
    sockets[c].send(zmq::str_buffer("{\"type\":\"ticket.lookup\",\"id\":0,\"ticket\":\"Z0\"}"),
                    zmq::send_flags::none);
  for (int c = 0, answered = 0; answered < clients;) {
    if (zmq::poll(items.data(), items.size(), std::chrono::milliseconds(5000)) == 0) {
      std::fprintf(stderr, "bench_ingest: %d of %d kiosks got no answer to their first lookup\n", clients - answered,
                   clients);
      std::exit(1);
    }
    for (c = 0; c < clients; ++c)
      if (items[c].revents & ZMQ_POLLIN)
        while (hall::recv_frames(sockets[c], 2)) ++answered;
  }
  // Kiosk c sends evaluations c, c + clients, c + 2 * clients, ...
  std::vector<int> next_of(clients);
  for (int c = 0; c < clients; ++c) next_of[c] = c;

  const double process0 = cpu_s(RUSAGE_SELF);
  const auto start = Clock::now();
  auto deadline = start + std::chrono::seconds(120);
  size_t done = 0;
  while (done < static_cast<size_t>(count) && Clock::now() < deadline) {
    for (int c = 0; c < clients; ++c)
      while (inflight[c] < window && next_of[c] < count) {
        const int next = next_of[c];
        sent[next] = Clock::now();
        sockets[c].send(zmq::buffer(frames[next]), zmq::send_flags::none);
        ++inflight[c];
        next_of[c] += clients;
      }
    zmq::poll(items.data(), items.size(), std::chrono::milliseconds(100));
    for (int c = 0; c < clients; ++c) {
      if (!(items[c].revents & ZMQ_POLLIN)) continue;
      while (auto f = hall::recv_frames(sockets[c], 2)) {
        const auto now = Clock::now();
        // Read like this, not with a JSON parser, so that the load generator
        // leaves the shared cores to the controller (acks are written by
        // ack_frame(); anything else is parsed and counted as an error).
        const std::string& body = f->back();
        const bool ack = body.rfind("{\"type\":\"evaluation.ack\"", 0) == 0;
        const auto re = body.rfind("\"re\":");
        int id = -1;
        if (ack && re != std::string::npos) {
          id = std::atoi(body.c_str() + re + 5);
        } else if (auto j = hall::Json::parse(body, nullptr, false); j.is_object()) {
          id = j.value("re", -1);
          std::fprintf(stderr, "bench_ingest: refused: %s\n", body.c_str());
        }
        if (id >= 0 && id < count) latency.push_back(std::chrono::duration<double, std::milli>(now - sent[id]).count());
        if (!ack) ++errors;
        --inflight[c];
        ++done;
      }
    }
  }
  const double secs = std::chrono::duration<double>(Clock::now() - start).count();
  const double process_cpu = cpu_s(RUSAGE_SELF) - process0;
  stop = true;
  loop.join();
  Figures f;
  f.acked = done - errors;
  f.errors = errors;
  f.per_s = f.acked / secs;
  f.loop_cpu_us = done ? loop_cpu * 1e6 / done : 0;
  f.process_cpu_us = done ? process_cpu * 1e6 / done : 0;
  std::sort(latency.begin(), latency.end());
  if (!latency.empty()) {
    f.p50_ms = latency[latency.size() / 2];
    f.p99_ms = latency[std::min(latency.size() - 1, latency.size() * 99 / 100)];
  }
  return f;
}

int arg(int argc, char** argv, const char* name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return std::atoi(argv[i + 1]);
  return fallback;
}
}  // namespace

int main(int argc, char** argv) {
  const int clients = arg(argc, argv, "--clients", 32);
  const int count = arg(argc, argv, "--count", 60000);
  const int base_count = arg(argc, argv, "--baseline-count", 4000);
  const int rounds = std::max(1, arg(argc, argv, "--rounds", 3));
  // In flight per kiosk connection: 4, and 12 (a kiosk draining a backlog
  // keeps up to kiosk.in_flight = 32); --window N runs only N.
  std::vector<int> windows = {4, 12};
  if (const int w = arg(argc, argv, "--window", 0); w > 0) windows = {w};
  spdlog::set_level(spdlog::level::warn);
  size_t errors = 0;
  // This VM's speed drifts by up to 30 % from one run to the next, so each
  // figure is the median of `rounds` rounds, and each round runs the
  // baseline and then ours, side by side in time.
  const auto median = [](std::vector<Figures>& v, double Figures::*field) {
    std::sort(v.begin(), v.end(), [&](const Figures& a, const Figures& b) { return a.*field < b.*field; });
    return v[v.size() / 2].*field;
  };
  std::vector<bool> modes = {false, true};  // security "none", then "curve"
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--security") == 0) modes = {std::strcmp(argv[i + 1], "curve") == 0};
  for (const int window : windows) {
    // Per mode: the baseline and ours of each round; the modes alternate
    // within a round so that both see the same state of the machine.
    std::vector<std::vector<Figures>> base(modes.size()), ours(modes.size());
    for (int r = 0; r < rounds; ++r)
      for (size_t m = 0; m < modes.size(); ++m) {
        base[m].push_back(run(1, clients, window, base_count, modes[m]));
        ours[m].push_back(run(512, clients, window, count, modes[m]));
        const auto& b = base[m].back();
        const auto& o = ours[m].back();
        errors += o.errors + b.errors;
        std::printf("round %d window=%d security=%s per_s=%.0f p50_ms=%.2f p99_ms=%.2f baseline_per_s=%.0f "
                    "ratio=%.1f\n",
                    r + 1, window, modes[m] ? "curve" : "none", o.per_s, o.p50_ms, o.p99_ms, b.per_s,
                    b.per_s > 0 ? o.per_s / b.per_s : 0.0);
        std::fflush(stdout);
      }
    for (size_t m = 0; m < modes.size(); ++m) {
      auto& o = ours[m];
      auto& b = base[m];
      const double per_s = median(o, &Figures::per_s), base_per_s = median(b, &Figures::per_s);
      std::printf("BENCH eval_ingest_%d%s clients=%d window=%d security=%s rounds=%d bad_pct=5 evaluations=%d "
                  "per_s=%.0f p50_ms=%.2f p99_ms=%.2f loop_cpu_us=%.1f process_cpu_us=%.1f baseline_per_s=%.0f "
                  "baseline_p50_ms=%.2f baseline_p99_ms=%.2f ratio=%.1f\n",
                  clients, modes[m] ? "_curve" : "", clients, window, modes[m] ? "curve" : "none", rounds, count,
                  per_s, median(o, &Figures::p50_ms), median(o, &Figures::p99_ms), median(o, &Figures::loop_cpu_us),
                  median(o, &Figures::process_cpu_us), base_per_s, median(b, &Figures::p50_ms),
                  median(b, &Figures::p99_ms), base_per_s > 0 ? per_s / base_per_s : 0.0);
    }
    std::fflush(stdout);
  }
  if (errors) {
    std::fprintf(stderr, "bench_ingest: %zu submissions were refused\n", errors);
    return 1;
  }
  return 0;
}
