// The CHP client against a real ChpServer and against hand-made frames:
// several subtrees, gap detection with per-folder "prev:" properties, restart
// detection by "epoch=", and recovery. Real ZeroMQ on loopback.
#include <catch2/catch.hpp>

#include <thread>

#include "common/chp/chp_client.h"
#include "common/chp/chp_server.h"
#include "common/wire/frames.h"
#include "process.h"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using hall::ChpClient;

namespace {
template <class Pred>
bool pump_until(hall::ChpServer* server, ChpClient& client, Pred done, std::chrono::milliseconds limit = 3s) {
  const auto end = Clock::now() + limit;
  while (Clock::now() < end) {
    if (server) server->serve_snapshots();
    client.pump(Clock::now());
    if (done()) return true;
    std::this_thread::sleep_for(2ms);
  }
  return false;
}

// A server made of raw sockets, to send exactly the frames a test needs.
struct RawServer {
  zmq::context_t& ctx;
  int port;
  zmq::socket_t router{ctx, zmq::socket_type::router};
  zmq::socket_t pub{ctx, zmq::socket_type::pub};
  RawServer(zmq::context_t& c, int p) : ctx(c), port(p) {
    router.bind("tcp://127.0.0.1:" + std::to_string(port));
    pub.bind("tcp://127.0.0.1:" + std::to_string(port + 1));
  }
  // Answers every waiting ICANHAZ with one key and KTHXBAI at `seq`.
  void answer(uint64_t seq) {
    while (auto f = hall::recv_frames(router, 3)) {
      if (f->size() != 3) continue;
      hall::send_frames(router, {(*f)[0], (*f)[2] + "k", hall::chp::encode_sequence(seq), "", "", "v"}, false);
      hall::send_frames(router, {(*f)[0], "KTHXBAI", hall::chp::encode_sequence(seq), "", "", (*f)[2]}, false);
    }
  }
  void kvpub(const std::string& key, uint64_t seq, const std::string& props, const std::string& value) {
    hall::send_frames(pub, hall::chp::encode_kv({key, seq, "", props, value}));
  }
};
}  // namespace

TEST_CASE("a CHP client with several subtrees gets each snapshot and only their updates") {
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  const int port = testing::free_ports(2);
  auto server = hall::ChpServer::start(sockets, {"127.0.0.1", port});
  REQUIRE(server.ok());
  auto& srv = **server;
  srv.set("/hall/info", "{}");
  srv.set("/content/staff/a", "{\"name\":\"王芳\"}");
  srv.set("/groups/lobby/playlist", "{}");
  srv.set("/groups/other/playlist", "{}");
  hall::ChpClientOptions o;
  o.snapshot = {"127.0.0.1", port};
  o.subtrees = {"/hall/", "/content/", "/groups/lobby/"};
  ChpClient client(sockets, o);
  REQUIRE(pump_until(&srv, client, [&] { return client.has_snapshot(); }));
  CHECK(client.map().size() == 3);
  CHECK(client.map().count("/groups/other/playlist") == 0);
  std::this_thread::sleep_for(50ms);
  // Updates elsewhere interleave with ours: no gap may be reported.
  for (int i = 0; i < 20; ++i) {
    srv.set("/groups/other/playlist", "{\"n\":" + std::to_string(i) + "}");
    srv.set("/other/x", std::to_string(i));
    srv.set("/content/staff/a", "{\"n\":" + std::to_string(i) + "}");
    srv.set("/groups/lobby/playlist", "{\"n\":" + std::to_string(i) + "}");
  }
  REQUIRE(pump_until(&srv, client, [&] { return client.map().at("/groups/lobby/playlist") == "{\"n\":19}"; }));
  CHECK(client.map().at("/content/staff/a") == "{\"n\":19}");
  CHECK(client.map().count("/other/x") == 0);
  CHECK(client.resyncs(ChpClient::Resync::Gap) == 0);
  CHECK(client.snapshots() == 1);
  CHECK(client.sequence() == srv.sequence());
}

TEST_CASE("KVPUB properties carry the server epoch and the previous sequence per folder") {
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  const int port = testing::free_ports(2);
  auto server = hall::ChpServer::start(sockets, {"127.0.0.1", port}, 100);
  REQUIRE(server.ok());
  zmq::socket_t sub(ctx, zmq::socket_type::sub);
  sub.connect("tcp://127.0.0.1:" + std::to_string(port + 1));
  sub.set(zmq::sockopt::subscribe, "");
  std::this_thread::sleep_for(100ms);
  (*server)->set("/a/b/c", "1");   // 101
  (*server)->set("/a/x", "2");     // 102
  (*server)->set("/a/b/d", "3");   // 103
  std::vector<hall::chp::KvMsg> got;
  const auto end = Clock::now() + 2s;
  while (got.size() < 3 && Clock::now() < end) {
    if (auto f = hall::recv_frames(sub, 5)) got.push_back(hall::chp::decode_kv(*f).value());
    else std::this_thread::sleep_for(1ms);
  }
  REQUIRE(got.size() == 3);
  const auto p1 = hall::chp::decode_properties(got[0].properties);
  const auto p3 = hall::chp::decode_properties(got[2].properties);
  CHECK(p1.at("epoch") == (*server)->epoch());
  CHECK((*server)->epoch().size() == 16);
  CHECK(p1.at("prev:/a/") == "0");
  CHECK(p1.at("prev:/a/b/") == "0");
  CHECK(p3.at("prev:/a/") == "102");
  CHECK(p3.at("prev:/a/b/") == "101");
  CHECK(got[2].sequence == 103);
}

TEST_CASE("a client that misses an update under its subtree re-snapshots") {
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  const int port = testing::free_ports(2);
  RawServer raw(ctx, port);
  hall::ChpClientOptions o;
  o.snapshot = {"127.0.0.1", port};
  o.subtrees = {"/a/"};
  ChpClient client(sockets, o);
  REQUIRE(pump_until(nullptr, client, [&] { raw.answer(10); return client.has_snapshot(); }));
  std::this_thread::sleep_for(100ms);
  // An update whose predecessor under /a/ (11) we never saw.
  raw.kvpub("/a/k", 13, "epoch=e1\nprev:/a/=5\n", "fine");   // prev 5 <= 10: no gap
  raw.kvpub("/a/k", 15, "epoch=e1\nprev:/a/=14\n", "lost");  // 14 was never applied
  REQUIRE(pump_until(nullptr, client, [&] { return client.resyncs(ChpClient::Resync::Gap) == 1; }));
  CHECK(client.map().at("/a/k") == "fine");  // the old map stays until the new snapshot
  REQUIRE(pump_until(nullptr, client, [&] { raw.answer(15); return client.snapshots() == 2; }));
  CHECK(client.sequence() == 15);
}

TEST_CASE("a client sees a server restart by a new epoch and recovers") {
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  const int port = testing::free_ports(2);
  hall::ChpClientOptions o;
  o.snapshot = {"127.0.0.1", port};
  o.subtrees = {"/hall/", "/notices/"};
  std::unique_ptr<ChpClient> client;
  {
    auto server = hall::ChpServer::start(sockets, {"127.0.0.1", port}, 0);
    REQUIRE(server.ok());
    (*server)->set("/hall/info", "{\"name\":\"一\"}");
    client = std::make_unique<ChpClient>(sockets, o);
    REQUIRE(pump_until(server->get(), *client, [&] { return client->has_snapshot(); }));
    std::this_thread::sleep_for(50ms);
    (*server)->set("/notices/urgent", "{\"text\":\"旧\"}");
    REQUIRE(pump_until(server->get(), *client, [&] { return client->map().count("/notices/urgent") == 1; }));
    CHECK_FALSE(client->epoch().empty());
  }
  // The new server continues above the old numbers, as the controller does.
  // ZeroMQ closes the old sockets in the background: retry the bind briefly.
  auto server = hall::ChpServer::start(sockets, {"127.0.0.1", port}, 10000);
  for (int i = 0; i < 100 && !server.ok(); ++i) {
    std::this_thread::sleep_for(20ms);
    server = hall::ChpServer::start(sockets, {"127.0.0.1", port}, 10000);
  }
  REQUIRE(server.ok());
  (*server)->set("/hall/info", "{\"name\":\"二\"}");
  const auto end = Clock::now() + 5s;
  while (Clock::now() < end && client->map().at("/hall/info") != "{\"name\":\"二\"}") {
    (*server)->serve_snapshots();
    (*server)->set("/notices/ticker/t", "{\"n\":" + std::to_string(Clock::now().time_since_epoch().count()) + "}");
    client->pump(Clock::now());
    std::this_thread::sleep_for(20ms);
  }
  CHECK(client->map().at("/hall/info") == "{\"name\":\"二\"}");
  CHECK(client->map().count("/notices/urgent") == 0);  // gone with the old server
  CHECK(client->resyncs(ChpClient::Resync::Restart) + client->resyncs(ChpClient::Resync::Gap) >= 1);
  CHECK(client->epoch() == (*server)->epoch());
}

TEST_CASE("a restart is detected from hand-made frames with a different epoch") {
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  const int port = testing::free_ports(2);
  RawServer raw(ctx, port);
  hall::ChpClientOptions o;
  o.snapshot = {"127.0.0.1", port};
  o.subtree = "/a/";
  ChpClient client(sockets, o);
  REQUIRE(pump_until(nullptr, client, [&] { raw.answer(10); return client.has_snapshot(); }));
  std::this_thread::sleep_for(100ms);
  raw.kvpub("/a/k", 11, "epoch=first\nprev:/a/=10\n", "1");
  REQUIRE(pump_until(nullptr, client, [&] { return client.epoch() == "first"; }));
  raw.kvpub("/a/k", 20011, "epoch=second\nprev:/a/=0\n", "2");
  REQUIRE(pump_until(nullptr, client, [&] { return client.resyncs(ChpClient::Resync::Restart) == 1; }));
  CHECK(client.last_resync() == ChpClient::Resync::Restart);
  CHECK(client.map().at("/a/k") == "1");
}
