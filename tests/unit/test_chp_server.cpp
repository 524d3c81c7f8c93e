// The CHP server's bounded snapshot side (chp_server.h): snapshots larger
// than a peer's queue are streamed across turns and stay exact while keys
// change; a peer that does not read is refused, then dropped; a malformed
// ICANHAZ gets an ERROR. Real ZeroMQ on loopback.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <spdlog/fmt/fmt.h>

#include <thread>

#include "common/chp/chp_client.h"
#include "common/chp/chp_server.h"
#include "common/wire/frames.h"
#include "process.h"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {
hall::ChpServerLimits small_limits() {
  hall::ChpServerLimits l;
  l.send_hwm = 8;
  l.pending_per_peer = 4;
  l.stall = 300ms;
  l.messages_per_turn = 50;
  return l;
}

zmq::socket_t raw_dealer(zmq::context_t& ctx, int port, int rcvhwm = 1000) {
  zmq::socket_t d(ctx, zmq::socket_type::dealer);
  d.set(zmq::sockopt::rcvhwm, rcvhwm);
  d.set(zmq::sockopt::rcvbuf, 4096);
  d.set(zmq::sockopt::linger, 0);
  d.connect("tcp://127.0.0.1:" + std::to_string(port));
  return d;
}
}  // namespace

TEST_CASE("a snapshot larger than the peer's queue is streamed and stays exact while keys change") {
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  const int port = testing::free_ports(2);
  auto server = hall::ChpServer::start(sockets, {"127.0.0.1", port}, 0, small_limits());
  REQUIRE(server.ok());
  auto& srv = **server;
  std::map<std::string, std::string> truth;
  auto put = [&](const std::string& k, const std::string& v) {
    srv.set(k, v);
    if (v.empty()) truth.erase(k);
    else truth[k] = v;
  };
  for (int i = 0; i < 600; ++i) put(fmt::format("/a/k{:04}", i), std::string(200, 'x') + std::to_string(i));

  hall::ChpClient client(sockets, {{"127.0.0.1", port}, "/a/"});
  bool streamed_while_busy = false;
  int turn = 0;
  const auto end = Clock::now() + 5s;
  while (Clock::now() < end && !(client.has_snapshot() && client.map() == truth)) {
    srv.serve_snapshots();
    streamed_while_busy |= srv.busy();
    // While the snapshot streams, change keys it has passed and keys ahead of it.
    if (srv.busy() && turn < 40) {
      ++turn;
      put(fmt::format("/a/k{:04}", turn * 13 % 600), "changed " + std::to_string(turn));
      if (turn % 5 == 0) put(fmt::format("/a/k{:04}", turn * 7 % 600), "");
    }
    client.pump(Clock::now());
    std::this_thread::sleep_for(1ms);
  }
  CHECK(streamed_while_busy);
  CHECK(turn > 0);
  REQUIRE(client.has_snapshot());
  CHECK(client.map() == truth);
  CHECK(srv.counters().snapshots == 1);
  CHECK_FALSE(srv.busy());
}

TEST_CASE("a snapshot peer that does not read is refused beyond its pending limit and then dropped") {
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  const int port = testing::free_ports(2);
  auto server = hall::ChpServer::start(sockets, {"127.0.0.1", port}, 0, small_limits());
  REQUIRE(server.ok());
  auto& srv = **server;
  // 8 MB a snapshot: more than the loopback's socket buffers take in.
  for (int i = 0; i < 200; ++i) srv.set(fmt::format("/a/k{:04}", i), std::string(40000, 'x'));

  auto hog = raw_dealer(ctx, port, 1);
  for (int i = 0; i < 1000; ++i) hall::send_frames(hog, {"ICANHAZ?", ""}, false);
  const auto end = Clock::now() + 5s;
  while (Clock::now() < end && srv.counters().stalled_peers == 0) {
    srv.serve_snapshots();
    std::this_thread::sleep_for(2ms);
  }
  CHECK(srv.counters().stalled_peers == 1);
  // All but the pending limit (and what the socket buffers took in) are refused.
  CHECK(srv.counters().refused + srv.counters().snapshots >= 1000 - 4);
  CHECK(srv.counters().snapshots <= 1);
  CHECK_FALSE(srv.busy());  // its work is forgotten

  // Others are served meanwhile and after.
  hall::ChpClient client(sockets, {{"127.0.0.1", port}, "/a/"});
  const auto end2 = Clock::now() + 5s;
  while (Clock::now() < end2 && !client.has_snapshot()) {
    srv.serve_snapshots();
    client.pump(Clock::now());
    std::this_thread::sleep_for(1ms);
  }
  CHECK(client.map().size() == 200);
}

TEST_CASE("a malformed ICANHAZ gets an ERROR in the common error shape") {
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  const int port = testing::free_ports(2);
  auto server = hall::ChpServer::start(sockets, {"127.0.0.1", port});
  REQUIRE(server.ok());
  auto dealer = raw_dealer(ctx, port);
  for (const auto& frames : std::vector<hall::FrameList>{{"ICANHAZ?", "hall"}, {"GIMME", "/hall/"}, {"ICANHAZ?"},
                                                         {"ICANHAZ?", "/a/", "extra"}}) {
    hall::send_frames(dealer, frames, false);
    std::optional<hall::FrameList> reply;
    const auto end = Clock::now() + 2s;
    while (Clock::now() < end && !(reply = hall::recv_frames(dealer, 6))) {
      (*server)->serve_snapshots();
      std::this_thread::sleep_for(2ms);
    }
    REQUIRE(reply);
    REQUIRE(reply->size() == 5);
    CHECK((*reply)[0] == "ERROR");
    auto kv = hall::chp::decode_kv(*reply);
    REQUIRE(kv.ok());
    auto body = nlohmann::json::parse((*reply)[4]);
    CHECK(body["type"] == "error");
    CHECK(body["code"] == "bad_request");
    CHECK(body["permanent"] == true);
    CHECK_FALSE(body["message"].get<std::string>().empty());
  }
  CHECK((*server)->counters().refused == 4);
}
