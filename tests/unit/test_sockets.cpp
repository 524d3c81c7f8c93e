// Real ZeroMQ sockets on loopback: the CHP server and client together, and
// the controller core answering device and admin messages, hostile ones too.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "common/access/security.h"
#include "controller/access/keys.h"
#include "controller/services.h"
#include "common/chp/chp_client.h"
#include "common/chp/chp_server.h"
#include "common/link/device_link.h"
#include "common/wire/frames.h"
#include "common/wire/rpc.h"
#include "process.h"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {
// Pumps server and client until `done` holds or 3 s pass.
template <class Pred>
bool pump_until(hall::ChpServer& server, hall::ChpClient& client, Pred done) {
  const auto end = Clock::now() + 3s;
  while (Clock::now() < end) {
    server.serve_snapshots();
    client.pump(Clock::now());
    if (done()) return true;
    std::this_thread::sleep_for(2ms);
  }
  return false;
}
}  // namespace

TEST_CASE("a CHP client gets a snapshot, then live updates and deletes") {
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  const int port = testing::free_ports(2);
  auto server = hall::ChpServer::start(sockets, {"127.0.0.1", port});
  REQUIRE(server.ok());
  auto& srv = **server;
  srv.set("/hall/info", "{\"name\":\"一号大厅\"}");
  srv.set("/other/x", "1");

  hall::ChpClient client(sockets, {{"127.0.0.1", port}, "/hall/"});
  REQUIRE(pump_until(srv, client, [&] { return client.has_snapshot(); }));
  CHECK(client.map().size() == 1);  // only the asked subtree
  CHECK(client.map().at("/hall/info") == "{\"name\":\"一号大厅\"}");
  CHECK(client.sequence() == 2);

  std::this_thread::sleep_for(50ms);  // let the SUB subscription settle
  srv.set("/hall/notice", "\"请保管好随身物品\"");
  srv.set("/other/y", "2");
  REQUIRE(pump_until(srv, client, [&] { return client.map().count("/hall/notice") == 1; }));
  CHECK(client.map().count("/other/y") == 0);

  srv.set("/hall/notice", "");  // empty value deletes
  REQUIRE(pump_until(srv, client, [&] { return client.map().count("/hall/notice") == 0; }));
  CHECK(client.sequence() == srv.sequence());
}

TEST_CASE("unchanged values are not republished and sequences only grow") {
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  auto server = hall::ChpServer::start(sockets, {"127.0.0.1", testing::free_ports(2)}, 500);
  REQUIRE(server.ok());
  CHECK((*server)->set("/a", "1") == 501);
  CHECK((*server)->set("/a", "1") == 0);
  CHECK((*server)->set("/a", "2") == 502);
  CHECK((*server)->set("/missing", "") == 0);
}

TEST_CASE("a client re-synchronises after the server goes silent") {
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  const int port = testing::free_ports(2);
  auto server = hall::ChpServer::start(sockets, {"127.0.0.1", port});
  REQUIRE(server.ok());
  (*server)->set("/hall/info", "{}");
  hall::ChpClientOptions opts{{"127.0.0.1", port}, "/hall/"};
  opts.silence_timeout = 300ms;
  hall::ChpClient client(sockets, opts);
  REQUIRE(pump_until(**server, client, [&] { return client.has_snapshot(); }));
  // No HUGZ are sent here, so the client must ask again by itself.
  REQUIRE(pump_until(**server, client, [&] { return client.snapshots() >= 2; }));
  CHECK(client.map().size() == 1);
}

TEST_CASE("a hostile snapshot request does not stop the server") {
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  const int port = testing::free_ports(2);
  auto server = hall::ChpServer::start(sockets, {"127.0.0.1", port});
  REQUIRE(server.ok());
  (*server)->set("/hall/info", "{}");
  auto raw = sockets.connect(zmq::socket_type::dealer, {"127.0.0.1", port});
  REQUIRE(raw.ok());
  hall::send_frames(*raw, {"GIVE ME EVERYTHING"});
  hall::send_frames(*raw, {"ICANHAZ?", "no-slashes"});
  hall::send_frames(*raw, {"ICANHAZ?", "/", "extra", "frames"});
  hall::ChpClient client(sockets, {{"127.0.0.1", port}, ""});
  REQUIRE(pump_until(**server, client, [&] { return client.has_snapshot(); }));
  CHECK(client.map().size() == 1);
}

TEST_CASE("the controller core answers hello and status, and refuses junk") {
  testing::TempDir dir;
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  const int base = testing::free_ports(5);
  controller::Options opts;
  opts.settings.hall_name = "测试大厅";
  opts.settings.data_dir = dir.str("var");
  opts.settings.chp = {"127.0.0.1", base};
  opts.settings.device = {"127.0.0.1", base + 3};
  opts.settings.admin = {"127.0.0.1", base + 4};
  opts.settings.curve = false;
  opts.sockets = &sockets;
  auto c = controller::start(opts);
  REQUIRE(c.ok());

  std::atomic<bool> stop{false};
  std::thread loop([&] {
    while (!stop) (*c)->poll_once(20ms);
  });

  hall::DeviceLink link(sockets, {{"127.0.0.1", base + 3}, "kiosk", "kiosk-7"});
  std::string hall_name;
  const auto end = Clock::now() + 3s;
  while (hall_name.empty() && Clock::now() < end) {
    link.pump(Clock::now(), [&](const hall::Message& m) {
      if (m.type == "welcome") hall_name = m.body["hall"];
    });
    std::this_thread::sleep_for(10ms);
  }
  CHECK(hall_name == "测试大厅");

  auto status = hall::call(sockets, {"127.0.0.1", base + 4}, "status");
  REQUIRE(status.ok());
  CHECK(status->body["hall"] == "测试大厅");
  REQUIRE(status->body["devices"].size() == 1);
  CHECK(status->body["devices"][0]["id"] == "kiosk-7");

  // Hostile input on the device socket: each gets an error reply naming the
  // problem, and the controller keeps serving.
  auto raw = sockets.connect(zmq::socket_type::dealer, {"127.0.0.1", base + 3});
  REQUIRE(raw.ok());
  const std::vector<std::pair<hall::FrameList, std::string>> junk = {
      {{"not json"}, "not valid JSON"},
      {{std::string("{\"type\":\"hello\",\"device\":\"\xff\"}")}, "UTF-8"},
      {{"{\"type\":\"hello\",\"device\":\"kiosk\",\"device_id\":5,\"version\":\"1\"}"}, "must be a string"},
      {{"{\"type\":\"hello\",\"device\":\"toaster\",\"device_id\":\"x\",\"version\":\"1\"}"}, "signage, kiosk or console"},
      {{"{\"type\":\"status\"}"}, "unknown message type"},  // admin only
      {{"{\"type\":\"hello\"}", "second frame"}, "one frame"},
      {{std::string(70 * 1024, 'x')}, "too large"},
  };
  for (const auto& [frames, expect] : junk) {
    INFO(expect);
    hall::send_frames(*raw, frames, false);
    zmq::pollitem_t item{raw->handle(), 0, ZMQ_POLLIN, 0};
    REQUIRE(zmq::poll(&item, 1, 2000ms) == 1);
    auto reply = hall::recv_frames(*raw, 2);
    REQUIRE(reply);
    auto msg = hall::decode_message(reply->front());
    REQUIRE(msg.ok());
    CHECK(msg->type == "error");
    CHECK_THAT(msg->body["message"].get<std::string>(), Catch::Contains(expect));
  }
  auto again = hall::call(sockets, {"127.0.0.1", base + 4}, "status");
  REQUIRE(again.ok());
  CHECK(again->body["devices"].size() == 1);

  stop = true;
  loop.join();
}

TEST_CASE("a second controller on the same data directory is refused") {
  testing::TempDir dir;
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  auto make = [&](int base) {
    controller::Options o;
    o.settings.hall_name = "x";
    o.settings.data_dir = dir.str("var");
    o.settings.chp = {"127.0.0.1", base};
    o.settings.device = {"127.0.0.1", base + 3};
    o.settings.admin = {"127.0.0.1", base + 4};
    o.settings.curve = false;
    o.sockets = &sockets;
    return controller::start(o);
  };
  auto first = make(testing::free_ports(5));
  REQUIRE(first.ok());
  auto second = make(testing::free_ports(5));
  REQUIRE_FALSE(second.ok());
  CHECK_THAT(second.error(), Catch::Contains("another controller"));
}

TEST_CASE("the CHP sequence continues above its old numbers after a restart") {
  testing::TempDir dir;
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  uint64_t before = 0;
  const int base = testing::free_ports(5);
  controller::Options o;
  o.settings.hall_name = "x";
  o.settings.data_dir = dir.str("var");
  o.settings.chp = {"127.0.0.1", base};
  o.settings.device = {"127.0.0.1", base + 3};
  o.settings.admin = {"127.0.0.1", base + 4};
  o.settings.curve = false;
  o.sockets = &sockets;
  {
    auto c = controller::start(o);
    REQUIRE(c.ok());
    before = (*c)->chp().sequence();
    CHECK(before >= 2);
  }
  const int fresh = testing::free_ports(5);  // the old ports may still be closing
  o.settings.chp.port = fresh;
  o.settings.device.port = fresh + 3;
  o.settings.admin.port = fresh + 4;
  auto c = controller::start(o);
  REQUIRE(c.ok());
  CHECK((*c)->chp().sequence() > before);
}

TEST_CASE("under CURVE a client is told its key was refused, at once, not left waiting for an answer") {
  testing::TempDir dir;
  zmq::context_t ctx;
  controller::Options o;
  o.settings.hall_name = "x";
  o.settings.data_dir = dir.str("var");
  o.settings.key_dir = dir.str("keys");
  const int base = testing::free_ports(5);
  o.settings.chp = {"127.0.0.1", base};
  o.settings.device = {"127.0.0.1", base + 3};
  o.settings.admin = {"127.0.0.1", base + 4};
  auto curve = controller::controller_curve(true, o.settings.key_dir);
  REQUIRE(curve.ok());
  hall::SocketFactory server_sockets(ctx, {}, **curve);
  o.sockets = &server_sockets;
  auto c = controller::start(o);
  REQUIRE(c.ok());
  std::atomic<bool> stop{false};
  std::thread loop([&] {
    while (!stop) (*c)->poll_once(10ms);
  });

  const hall::Endpoint admin{"127.0.0.1", base + 4};
  auto client = [&](const std::string& secret_file) {
    auto keys = hall::client_curve(secret_file, dir.str("keys/controller.key"));
    REQUIRE(keys.ok());
    return hall::SocketFactory(ctx, {}, *keys);
  };
  // The admin key the first start made is let in.
  auto admin_sockets = client(dir.str("keys/admin.key_secret"));
  auto ok = hall::call(admin_sockets, admin, "whoami", hall::Json::object(), 5s);
  REQUIRE(ok.ok());
  CHECK(ok->body["name"] == "admin");

  // A key nobody enrolled is refused, and told so well before the timeout.
  auto pair = hall::generate_key_pair();
  REQUIRE(pair.ok());
  REQUIRE(hall::write_key_files(dir.str("stranger"), *pair, "a test").ok());
  auto stranger = client(dir.str("stranger.key_secret"));
  const auto t0 = Clock::now();
  auto refused = hall::call(stranger, admin, "status", hall::Json::object(), 5s);
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.error(), Catch::Contains("refused this key") && Catch::Contains("not enrolled"));
  CHECK(Clock::now() - t0 < 3s);

  // A client without CURVE gets the handshake named, not "is it running?".
  hall::SocketFactory plain(ctx);
  auto mismatch = hall::call(plain, admin, "status", hall::Json::object(), 5s);
  REQUIRE_FALSE(mismatch.ok());
  CHECK_THAT(mismatch.error(), Catch::Contains("security handshake"));

  stop = true;
  loop.join();
}
