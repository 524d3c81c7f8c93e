// fake_controller.h: a small controller stand-in for kiosk tests. A ROUTER on
// 127.0.0.1 answers the device messages of docs/protocol.md (hello,
// ticket.lookup, evaluation.submit) the way the real controller does: acks
// after "storing", acks a repeated uuid again with duplicate=true and no
// second row, refuses a second rating of a ticket (already_rated, permanent),
// unknown tickets (not_found) and tickets in `not_served`. It stands in for
// the controller's real handlers (branch `eval`) until the branches merge;
// the lead's multi-process tests then run against hall-controller itself.
// Knobs let a test drop requests (a controller that dies before answering)
// or answer "busy" (transient).
// Threading: runs its own thread; the accessors lock.
#pragma once

#include <zmq.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "common/wire/codec.h"
#include "common/wire/frames.h"
#include "common/wire/sockets.h"

namespace testing {

class ScriptedController {
 public:
  struct Row {
    std::string uuid;
    int score;
    hall::Json reasons;
    std::string phone;
    std::string kiosk_id;
    std::string created_at;
  };

  explicit ScriptedController(int port) : port_(port) { start(); }
  ~ScriptedController() { stop(); }

  void start() {
    stopping_ = false;
    std::atomic<bool> bound{false};
    thread_ = std::thread([this, &bound] {
      hall::SocketFactory sockets(ctx_);
      auto s = sockets.bind(zmq::socket_type::router, {"127.0.0.1", port_});
      bound = true;
      if (!s) return;
      zmq::socket_t sock = std::move(*s);
      while (!stopping_) {
        zmq::pollitem_t item{static_cast<void*>(sock), 0, ZMQ_POLLIN, 0};
        zmq::poll(&item, 1, std::chrono::milliseconds(10));
        for (int i = 0; i < 1000; ++i) {
          auto frames = hall::recv_frames(sock, 3);
          if (!frames) break;
          if (frames->size() != 2) continue;
          std::string reply = answer((*frames)[1]);
          if (!reply.empty()) hall::send_frames(sock, {(*frames)[0], reply});
        }
      }
    });
    while (!bound) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  // Stops answering and closes the socket (like a controller going away).
  void stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
  }

  // Knobs.
  void set_known_prefix(std::string p) { std::lock_guard l(mu_); known_prefix_ = std::move(p); }
  void add_not_served(std::string t) { std::lock_guard l(mu_); not_served_.insert(std::move(t)); }
  void drop_next(int n) { std::lock_guard l(mu_); drop_ = n; }
  void busy_next(int n) { std::lock_guard l(mu_); busy_ = n; }
  // Stores the next n evaluations but never acks them (a crash after commit).
  void lose_acks_next(int n) { std::lock_guard l(mu_); lose_ = n; }
  void include_permanent_field(bool on) { std::lock_guard l(mu_); permanent_field_ = on; }

  // What it stored: one row per ticket.
  std::map<std::string, Row> rows() const { std::lock_guard l(mu_); return rows_; }
  size_t submits() const { std::lock_guard l(mu_); return submits_; }
  size_t duplicates() const { std::lock_guard l(mu_); return duplicates_; }
  size_t lookups() const { std::lock_guard l(mu_); return lookups_; }

 private:
  std::string error(const hall::Message& m, const std::string& code, bool permanent) {
    hall::Json f = {{"message", "refused: " + code}, {"code", code}, {"request", m.type}};
    if (auto id = m.body.find("id"); id != m.body.end()) f["re"] = *id;
    if (permanent_field_) f["permanent"] = permanent;
    return hall::encode_message("error", f);
  }

  std::string answer(const std::string& frame) {
    auto m = hall::decode_message(frame);
    if (!m) return hall::encode_error(nullptr, m.error(), "bad_request");
    std::lock_guard l(mu_);
    if (m->type == "hello") return hall::encode_reply(*m, "welcome", {{"hall", "测试大厅"}, {"server_time", ""}});
    if (m->type == "ticket.lookup") {
      ++lookups_;
      const std::string t = m->body.value("ticket", "");
      if (t.rfind(known_prefix_, 0) != 0) return error(*m, "not_found", true);
      if (not_served_.count(t)) return error(*m, "not_served", true);
      if (rows_.count(t)) return error(*m, "already_rated", true);
      return hall::encode_reply(*m, "ticket",
                                {{"ticket", t},
                                 {"service_item", {{"id", "si1"}, {"name", "户籍证明"}}},
                                 {"window", {{"number", 3}, {"name", "综合窗口"}}},
                                 {"staff", {{"id", "s1"}, {"name", "王芳"}, {"post", "受理岗"}, {"photo", ""}}},
                                 {"finished_at", "2026-11-27T09:30:00+08:00"}});
    }
    if (m->type == "evaluation.submit") {
      ++submits_;
      if (drop_ > 0) {
        --drop_;
        return {};
      }
      if (busy_ > 0) {
        --busy_;
        return error(*m, "busy", false);
      }
      const std::string uuid = m->body.value("uuid", "");
      const std::string t = m->body.value("ticket", "");
      if (uuids_.count(uuid)) {
        ++duplicates_;
        return hall::encode_reply(*m, "evaluation.ack", {{"uuid", uuid}, {"duplicate", true}});
      }
      if (t.rfind(known_prefix_, 0) != 0) return error(*m, "not_found", true);
      if (rows_.count(t)) return error(*m, "already_rated", true);
      const int score = m->body.value("score", 0);
      if (score < 1 || score > 5) return error(*m, "bad_score", true);
      rows_[t] = {uuid, score, m->body.value("reasons", hall::Json::array()), m->body.value("phone", ""),
                  m->body.value("kiosk_id", ""), m->body.value("created_at", "")};
      uuids_.insert(uuid);
      if (lose_ > 0) {
        --lose_;
        return {};
      }
      return hall::encode_reply(*m, "evaluation.ack", {{"uuid", uuid}, {"duplicate", false}});
    }
    return error(*m, "bad_request", true);
  }

  int port_;
  zmq::context_t ctx_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  std::string known_prefix_ = "";
  std::set<std::string> not_served_;
  int drop_ = 0;
  int busy_ = 0;
  int lose_ = 0;
  bool permanent_field_ = true;
  std::map<std::string, Row> rows_;
  std::set<std::string> uuids_;
  size_t submits_ = 0, duplicates_ = 0, lookups_ = 0;
};

}  // namespace testing
