// controller_fixture.h: an in-process controller core for tests and
// benchmarks: a real store in a temp dir, real ZeroMQ sockets on free
// loopback ports, tickets seeded straight into its store, and a DEALER
// "kiosk" that pumps the controller while it waits for a reply.
// Threading: the test's thread runs the controller (poll_once) and clients.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "controller/services.h"
#include "controller/queue/tickets.h"
#include "common/time/clock.h"
#include "seed_ticket.h"
#include "common/wire/frames.h"
#include "process.h"

namespace testing {

struct TestController {
  TempDir dir;
  int base = free_ports(5);
  zmq::context_t ctx;
  // With `secure`: the controller's CURVE keys (var/keys, made as on a first
  // start) and its ZAP allow-list; clients get keys from enroll().
  std::optional<hall::Curve> server_curve;
  hall::SocketFactory sockets;
  std::unique_ptr<controller::Controller> c;
  controller::Services services;
  controller::Settings settings;
  hall::WallClock now = hall::system_wall_clock();

  // `clock`, when given, is the controller's clock (Options::now).
  explicit TestController(const std::function<void(controller::Settings&)>& tweak = {}, bool secure = false,
                          hall::WallClock clock = {})
      : server_curve(secure ? make_server_curve(dir.str("var/keys")) : std::nullopt),
        sockets(ctx, {}, server_curve) {
    if (clock) now = std::move(clock);
    controller::Settings s;
    s.hall_name = "测试中心";
    s.data_dir = dir.str("var");
    s.chp = {"127.0.0.1", base};
    s.device = {"127.0.0.1", base + 3};
    s.admin = {"127.0.0.1", base + 4};
    s.evaluation.min_interval_ms = 0;
    s.curve = secure;  // unit tests: NULL; the trust tests run the real programs with keys
    if (tweak) tweak(s);
    // With the data directory, as hall-controller does: a restart on the same
    // data keeps its keys (phone.key).
    if (s.key_dir.empty()) s.key_dir = s.data_dir + "/keys";
    settings = s;
    controller::Options o;
    o.settings = settings;
    o.sockets = &sockets;
    o.now = now;
    auto started = controller::start(std::move(o), &services);
    if (!started) throw std::runtime_error(started.error());
    c = std::move(*started);
  }
  // A new key pair enrolled with `role` (a secure controller only), as the
  // Curve of a client that holds it.
  hall::Curve enroll(const std::string& name, hall::wire::Role role) {
    auto pair = hall::generate_key_pair();
    if (!pair) throw std::runtime_error(pair.error());
    const std::string at = hall::iso_time(std::chrono::system_clock::now());
    if (auto s = c->keys().enroll(c->store(), {name, pair->public_key, role, "", "test", at, ""}); !s)
      throw std::runtime_error(s.error());
    return {*pair, server_curve.value().own.public_key};
  }

  hall::Endpoint device() const { return {"127.0.0.1", base + 3}; }
  hall::Endpoint admin() const { return {"127.0.0.1", base + 4}; }
  std::string db_path() const { return dir.str("var") + "/hall.db"; }

  static std::optional<hall::Curve> make_server_curve(const std::string& key_dir) {
    std::filesystem::create_directories(key_dir);
    auto curve = controller::controller_curve(true, key_dir);
    if (!curve) throw std::runtime_error(curve.error());
    return *curve;
  }

  void pump(std::chrono::milliseconds d) {
    const auto end = std::chrono::steady_clock::now() + d;
    while (std::chrono::steady_clock::now() < end) c->poll_once(std::chrono::milliseconds(5));
  }

  // A ticket issued `minutes_ago`, called, and (unless state says otherwise)
  // finished `finished_min_ago` minutes ago.
  void add_ticket(const std::string& number, const std::string& state = "finished", int finished_min_ago = 5,
                  int minutes_ago = 30) {
    controller::TicketBook book(c->store());
    const int64_t now = hall::epoch_ms(std::chrono::system_clock::now());
    const int64_t created = now - int64_t{minutes_ago} * 60000;
    const int64_t finished = now - int64_t{finished_min_ago} * 60000;
    if (auto s = seed_ticket(book, number, state, created, finished); !s) throw std::runtime_error(s.error());
  }
};

// A kiosk-like DEALER on the device (or admin) socket.
struct Client {
  zmq::socket_t socket;
  Client(TestController& t, const hall::Endpoint& to) : socket(std::move(*t.sockets.connect(zmq::socket_type::dealer, to))) {}
  void send(const hall::Json& j) { hall::send_frames(socket, {j.dump()}, false); }
  void send_raw(const std::string& frame) { hall::send_frames(socket, {frame}, false); }
  // Pumps the controller until a reply arrives (or `timeout`).
  std::optional<hall::Json> recv(TestController& t, std::chrono::milliseconds timeout = std::chrono::seconds(8)) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      if (auto f = hall::recv_frames(socket, 4); f && !f->empty()) return hall::Json::parse(f->back());
      t.c->poll_once(std::chrono::milliseconds(2));
    }
    return std::nullopt;
  }
  std::optional<hall::Json> ask(TestController& t, const hall::Json& j) {
    send(j);
    return recv(t);
  }
};

inline hall::Json submit(const std::string& uuid, const std::string& ticket, int score = 5,
                         hall::Json reasons = hall::Json::array(), const std::string& kiosk = "kiosk-1",
                         int64_t created_ms = 0, const std::string& phone = "") {
  if (created_ms == 0) created_ms = hall::epoch_ms(std::chrono::system_clock::now());
  return {{"type", "evaluation.submit"}, {"id", 1},           {"uuid", uuid},
          {"ticket", ticket},            {"score", score},    {"reasons", reasons},
          {"phone", phone},              {"kiosk_id", kiosk}, {"created_at", hall::iso_from_ms(created_ms)}};
}

inline std::string uuid_n(int n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
  return buf;
}

}  // namespace testing
