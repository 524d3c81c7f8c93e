// bench_chp: CHP distribution and signage costs (issue 3).
//  1. propagation: N = 50 and 200 subscribed ChpClients (the signage subtree
//     set) on loopback; the time from a committed change (ChpServer::set) to
//     every client having applied it, p50/p99 over many changes. Baseline:
//     re-sending the whole content (every key of the sample hall, photos
//     included) on every change, measured the same way in the same run.
//  2. snapshot: the time for one client to receive a 10,000-key snapshot.
//     Baseline: fetching the same keys one request/reply round trip each.
//  Parts 1 and 2 run with security.mode = "none" (ZMTP NULL) and again with
//  "curve": every client its own key, the controller's ZAP handler admitting
//  only those, and snapshots served only to them, as the controller does
//  (lines named ..._curve).
//  3. signage: CPU share and RSS of a real hall-signage process headless at
//     1920x1080 while the ticker scrolls, and on an idle board. Baseline: the
//     same process rendering every frame (--frames, no render-on-change).
//     And the ticker with the still part kept in a texture against the whole
//     board redrawn every frame (screen.cache_static=false).
// Prints BENCH lines (tests/bench/README.md). Threading: the server on the
// main thread, all clients on one client thread.
#include <signal.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "common/chp/chp_client.h"
#include "common/chp/chp_server.h"
#include "common/wire/frames.h"
#include "common/base/log.h"
#include "controller/access/zap.h"
#include "process.h"
#include "sample_hall.h"
#include "signage/settings.h"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {
double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }
double pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5));
  return v[i];
}

struct Propagation {
  std::vector<double> ours, baseline;
};

hall::KeyPair key_pair() {
  auto pair = hall::generate_key_pair();
  if (!pair) { std::fprintf(stderr, "bench_chp: %s\n", pair.error().c_str()); std::exit(1); }
  return *pair;
}

// The server side of security: with `curve`, the server's key pair, `n`
// client key pairs and a ZAP handler that admits only those (and snapshot
// requests only from them), as the controller's allow-list does.
struct Security {
  bool curve = false;
  hall::KeyPair server;
  std::vector<hall::KeyPair> clients;
  std::set<std::string> enrolled;
  std::unique_ptr<controller::ZapHandler> zap;

  Security(bool on, int n, zmq::context_t& server_ctx) : curve(on) {
    if (!curve) return;
    server = key_pair();
    for (int i = 0; i < n; ++i) {
      clients.push_back(key_pair());
      enrolled.insert(clients.back().public_key);
    }
    auto z = controller::ZapHandler::bind(server_ctx);  // before any socket binds (RFC 27)
    if (!z) { std::fprintf(stderr, "bench_chp: %s\n", z.error().c_str()); std::exit(1); }
    zap = std::move(*z);
  }
  std::optional<hall::Curve> server_curve() const {
    return curve ? std::optional<hall::Curve>{hall::Curve{server, server.public_key}} : std::nullopt;
  }
  std::optional<hall::Curve> client_curve(int i) const {
    return curve ? std::optional<hall::Curve>{hall::Curve{clients[i], server.public_key}} : std::nullopt;
  }
  void admit_waiting() {
    if (zap)
      zap->serve([this](const std::string&, const std::string& key) {
        return enrolled.count(key) ? std::string() : std::string("not enrolled");
      });
  }
  // One turn of the server: key checks, then snapshots.
  void serve(hall::ChpServer& srv) {
    admit_waiting();
    if (curve) srv.serve_snapshots([this](const std::string& key) { return enrolled.count(key) > 0; });
    else srv.serve_snapshots();
  }
};

// Runs `changes` small changes and `full` whole-content re-sends against n clients.
Propagation propagation(int n, int changes, int full, bool curve) {
  zmq::context_t server_ctx;
  Security security(curve, n, server_ctx);
  hall::SocketFactory server_sockets(server_ctx, {}, security.server_curve());
  const int port = testing::free_ports(2);
  auto server = hall::ChpServer::start(server_sockets, {"127.0.0.1", port}, 1);
  if (!server) { std::fprintf(stderr, "%s\n", server.error().c_str()); std::exit(1); }
  auto& srv = **server;
  const auto content = testing::sample_hall_map({});
  for (const auto& [k, v] : content) srv.set(k, v);

  // The clients run on kWorkers threads, each with its own ZeroMQ context (as
  // separate screens have), pumping its share of clients.
  constexpr int kWorkers = 2;
  std::atomic<uint64_t> target{0};
  std::atomic<uint64_t> applied[kWorkers];
  std::atomic<int64_t> done_at[kWorkers];
  std::atomic<int> ready{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) {
    applied[w] = 0;
    done_at[w] = 0;
    workers.emplace_back([&, w] {
      zmq::context_t ctx;
      ctx.set(zmq::ctxopt::max_sockets, 8192);
      const int mine = n / kWorkers + (w < n % kWorkers ? 1 : 0);
      std::vector<std::unique_ptr<hall::SocketFactory>> factories;  // one key each
      std::vector<std::unique_ptr<hall::ChpClient>> cs;
      hall::ChpClientOptions o;
      o.snapshot = {"127.0.0.1", port};
      o.subtrees = signage::subtrees("lobby");
      o.snapshot_timeout = 10s;
      o.silence_timeout = 30s;
      for (int i = 0; i < mine; ++i) {
        const int client = w + i * kWorkers;
        factories.push_back(std::make_unique<hall::SocketFactory>(ctx, hall::SocketOptions{},
                                                                  security.client_curve(client)));
        cs.push_back(std::make_unique<hall::ChpClient>(*factories.back(), o));
      }
      std::vector<char> have(mine, 0);
      uint64_t seen_target = 0;
      bool counted = false;
      while (!stop) {
        const auto now = Clock::now();
        size_t changed = 0;
        int synced = 0;
        for (auto& c : cs) {
          changed += c->pump(now);
          synced += c->has_snapshot();
        }
        if (!counted && synced == mine) { counted = true; ready += mine; }
        const uint64_t t = target;
        if (t != seen_target) { seen_target = t; std::fill(have.begin(), have.end(), 0); }
        if (t && applied[w] != t) {
          bool all = true;
          for (int i = 0; i < mine; ++i) {
            if (!have[i]) have[i] = cs[i]->sequence() >= t;
            all &= have[i] != 0;
          }
          if (all) {
            done_at[w] = Clock::now().time_since_epoch().count();
            applied[w] = t;
          }
        } else if (changed == 0) {
          std::this_thread::sleep_for(100us);
        }
      }
    });
  }
  auto all_applied = [&](uint64_t seq) {
    for (int w = 0; w < kWorkers; ++w)
      if (applied[w] != seq) return false;
    return true;
  };
  auto last_done = [&] {
    int64_t t = 0;
    for (int w = 0; w < kWorkers; ++w) t = std::max<int64_t>(t, done_at[w]);
    return Clock::time_point(Clock::duration(t));
  };
  // Wait for every snapshot, serving them.
  const auto deadline = Clock::now() + 60s;
  while (ready < n && Clock::now() < deadline) {
    security.serve(srv);
    srv.heartbeat(Clock::now());
    std::this_thread::sleep_for(1ms);
  }
  std::this_thread::sleep_for(300ms);  // subscriptions settle
  Propagation out;
  auto measure = [&](auto&& change, std::vector<double>& into) {
    const auto t0 = Clock::now();
    const uint64_t seq = change();
    target = seq;
    const auto limit = t0 + 10s;
    while (!all_applied(seq) && Clock::now() < limit) {
      security.serve(srv);
      std::this_thread::sleep_for(20us);
    }
    if (all_applied(seq)) into.push_back(ms(last_done() - t0));
    else std::fprintf(stderr, "bench_chp: change %llu not applied by all clients in 10 s\n", (unsigned long long)seq);
    for (int i = 0; i < 5; ++i) { srv.heartbeat(Clock::now()); security.serve(srv); std::this_thread::sleep_for(1ms); }
  };
  for (int i = 0; i < changes; ++i)
    measure([&] { return srv.set("/notices/ticker/bench", "{\"id\":\"bench\",\"text\":\"通知 " + std::to_string(i) + "\"}"); },
            out.ours);
  for (int i = 0; i < full; ++i)
    measure([&] {
      uint64_t last = 0;
      const std::string rev = "rev=" + std::to_string(i) + "\n";
      for (const auto& [k, v] : content) last = srv.set(k, v, rev);  // everything again
      return last;
    }, out.baseline);
  stop = true;
  for (auto& t : workers) t.join();
  return out;
}

struct Snapshot {
  double ours_ms, baseline_ms;
};

Snapshot snapshot_10k(bool curve) {
  zmq::context_t ctx;
  Security security(curve, 1, ctx);
  hall::SocketFactory sockets(ctx, {}, security.server_curve());
  hall::SocketFactory client_sockets(ctx, {}, security.client_curve(0));
  const int port = testing::free_ports(3);
  auto server = hall::ChpServer::start(sockets, {"127.0.0.1", port}, 1);
  auto& srv = **server;
  std::map<std::string, std::string> values;
  for (int i = 0; i < 10000; ++i) {
    const std::string key = "/content/bench/" + std::to_string(100000 + i);
    const std::string value = "{\"id\":\"" + std::to_string(i) + "\",\"name\":\"社会保障卡申领第" + std::to_string(i) +
                              "项\",\"steps\":[\"提交申请\",\"信息核验\",\"制卡\"],\"time_limit\":\"3个工作日\"}";
    srv.set(key, value);
    values[key] = value;
  }
  std::vector<double> ours;
  for (int run = 0; run < 5; ++run) {
    hall::ChpClientOptions o;
    o.snapshot = {"127.0.0.1", port};
    o.subtree = "/content/";
    o.snapshot_timeout = 10s;
    const auto t0 = Clock::now();
    hall::ChpClient client(client_sockets, o);
    while (!client.has_snapshot() && Clock::now() - t0 < 10s) {
      security.serve(srv);
      client.pump(Clock::now());
    }
    ours.push_back(ms(Clock::now() - t0));
    if (client.map().size() != 10000) std::fprintf(stderr, "bench_chp: snapshot had %zu keys\n", client.map().size());
  }
  // Baseline: one request/reply per key (a naive "get" protocol).
  auto router = sockets.bind(zmq::socket_type::router, {"127.0.0.1", port + 2});
  std::atomic<bool> stop{false};
  std::thread answer([&] {
    while (!stop) {
      zmq::pollitem_t it{router->handle(), 0, ZMQ_POLLIN, 0};
      zmq::poll(&it, 1, std::chrono::milliseconds(10));
      while (auto f = hall::recv_frames(*router, 2)) {
        if (f->size() != 2) continue;
        auto v = values.find((*f)[1]);
        hall::send_frames(*router, {(*f)[0], v == values.end() ? std::string() : v->second});
      }
    }
  });
  auto dealer = client_sockets.connect(zmq::socket_type::dealer, {"127.0.0.1", port + 2});
  for (int i = 0; i < 50; ++i) {  // the connection (and its key check) before the clock
    security.admit_waiting();
    std::this_thread::sleep_for(1ms);
  }
  const auto t0 = Clock::now();
  std::map<std::string, std::string> got;
  for (const auto& [k, v] : values) {
    hall::send_frames(*dealer, {k}, false);
    zmq::pollitem_t it{dealer->handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&it, 1, std::chrono::milliseconds(1000));
    if (auto f = hall::recv_frames(*dealer, 1)) got[k] = f->front();
  }
  const double baseline = ms(Clock::now() - t0);
  stop = true;
  answer.join();
  return {pct(ours, 0.5), baseline};
}

// CPU seconds (user+sys) of a process from /proc/<pid>/stat.
double cpu_seconds(int pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  std::string s((std::istreambuf_iterator<char>(f)), {});
  const auto close = s.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream in(s.substr(close + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && in >> field; ++i) {
    if (i == 14) utime = std::stoull(field);
    if (i == 15) stime = std::stoull(field);
  }
  return static_cast<double>(utime + stime) / sysconf(_SC_CLK_TCK);
}
long rss_kb(int pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

struct Usage {
  double cpu_pct;
  double rss_mb;
};

Usage signage_usage(bool ticker, bool every_frame, bool cache_static = true) {
  testing::TempDir dir;
  const int base = testing::free_ports(4);
  testing::FakeController fc(base, base + 3);
  fc.set_all(testing::sample_hall_map({.tickers = ticker}));
  std::vector<std::string> args = {"--config", HALL_SOURCE_DIR "/config/signage.toml", "--headless",
                                   "--board", ticker ? "identity" : "standards",
                                   "--set", "signage.chp_port=" + std::to_string(base),
                                   "--set", "signage.device_port=" + std::to_string(base + 3),
                                   "--set", "signage.cache_dir=" + dir.str("cache"),
                                   "--set", "screen.width=1920", "--set", "screen.height=1080"};
  if (every_frame) args.insert(args.end(), {"--frames", "100000"});
  if (!cache_static) args.insert(args.end(), {"--set", "screen.cache_static=false"});
  testing::Process p("hall-signage", args, dir.path() / "signage.log");
  p.wait_for_log("showing hall", 20s);
  std::this_thread::sleep_for(3s);  // warm up: atlas, textures, first frames
  const double c0 = cpu_seconds(p.pid());
  const auto t0 = Clock::now();
  long rss = 0;
  for (int i = 0; i < 20; ++i) {
    std::this_thread::sleep_for(500ms);
    rss = std::max(rss, rss_kb(p.pid()));
  }
  const double cpu = cpu_seconds(p.pid()) - c0;
  const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
  p.signal(SIGTERM);
  p.wait(10s);
  return {100.0 * cpu / wall, rss / 1024.0};
}
}  // namespace

// Usage: bench_chp [chp|signage] (default: both parts)
int main(int argc, char** argv) {
  const std::string only = argc > 1 ? argv[1] : "";
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0) {
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
  }
  (void)hall::log::init("bench_chp", "error");
  for (const bool curve : {false, true}) {
    const char* suffix = curve ? "_curve" : "";
    const char* mode = curve ? "curve" : "none";
    if (only != "signage") for (int n : {50, 200}) {
      auto r = propagation(n, 200, 20, curve);
      const double p50 = pct(r.ours, 0.5), p99 = pct(r.ours, 0.99);
      const double b50 = pct(r.baseline, 0.5), b99 = pct(r.baseline, 0.99);
      std::printf("BENCH chp_propagation_%d%s screens=%d security=%s changes=%zu p50_ms=%.2f p99_ms=%.2f "
                  "baseline_p50_ms=%.2f baseline_p99_ms=%.2f ratio=%.1f\n",
                  n, suffix, n, mode, r.ours.size(), p50, p99, b50, b99, p99 > 0 ? b99 / p99 : 0);
      std::fflush(stdout);
    }
    if (only != "signage") {
      auto s = snapshot_10k(curve);
      std::printf("BENCH chp_snapshot_10k%s keys=10000 security=%s snapshot_ms=%.1f baseline_snapshot_ms=%.1f "
                  "ratio=%.1f\n",
                  suffix, mode, s.ours_ms, s.baseline_ms, s.baseline_ms / s.ours_ms);
      std::fflush(stdout);
    }
  }
  if (only != "chp") {
    // The ticker scrolling at 30 fps: the still part kept in a texture
    // against the whole board redrawn every frame (issue 13).
    auto ours = signage_usage(true, false);
    auto full = signage_usage(true, false, false);
    std::printf("BENCH signage_ticker_cached_1920x1080 cpu_pct=%.1f rss_mb=%.1f baseline_cpu_pct=%.1f "
                "baseline_rss_mb=%.1f ratio=%.1f\n",
                ours.cpu_pct, ours.rss_mb, full.cpu_pct, full.rss_mb, ours.cpu_pct > 0 ? full.cpu_pct / ours.cpu_pct : 0);
    std::fflush(stdout);
  }
  if (only != "chp") for (bool ticker : {true, false}) {
    auto ours = signage_usage(ticker, false);
    auto base = signage_usage(ticker, true);
    std::printf("BENCH signage_%s_1920x1080 cpu_pct=%.1f rss_mb=%.1f baseline_cpu_pct=%.1f baseline_rss_mb=%.1f "
                "ratio=%.1f\n",
                ticker ? "ticker" : "idle", ours.cpu_pct, ours.rss_mb, base.cpu_pct, base.rss_mb,
                ours.cpu_pct > 0 ? base.cpu_pct / ours.cpu_pct : 0);
    std::fflush(stdout);
  }
  return 0;
}
