// controller.h: the controller daemon's core, without main(). It holds the
// central store (the one writer; a lock file in the data directory keeps a
// second controller out), publishes what screens show over CHP, and answers
// the device socket (kiosks, screens) and the admin socket (hallctl, console).
//
// Feature areas (content, queue link, evaluations, rankings...) are services:
// each registers message handlers per socket and timers on the controller and
// uses its store and publisher. A handler returns the reply frame, or nullopt
// to answer later with reply() (e.g. after a group commit).
// Threading: one thread runs everything; poll_once() is the loop body.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "controller/core/settings.h"
#include "common/chp/chp_server.h"
#include "common/time/clock.h"
#include "common/wire/codec.h"
#include "common/store/store.h"

namespace controller {

struct Options {
  Settings settings;
  const hall::SocketFactory* sockets = nullptr;
  hall::WallClock now = hall::system_wall_clock();
};

enum class Channel { Device, Admin };

struct Request {
  const hall::Message& message;
  const std::string& peer;  // the ROUTER identity, for a later reply()
  Channel channel;
};

using Handler = std::function<std::optional<std::string>(const Request&)>;

// One citizen rating written to the evaluations table, as the evaluation
// service tells its writers (inside the transaction) and its listeners (after
// COMMIT returned).
struct CommittedEvaluation {
  std::string uuid;
  std::string ticket;
  std::string phone;       // raw; mask it in every export
  int64_t window_number = 0;
  std::string window_name;
  std::string staff_id;
  std::string staff_name;
  int score = 0;           // 1-5
  std::string created_at;  // the kiosk's ISO time; its date is the rating's day
};
using EvaluationListener = std::function<void(const CommittedEvaluation&)>;
using EvaluationWriter = std::function<hall::Status(hall::Store&, const CommittedEvaluation&)>;
// `withdrawn`: the rating was set aside as mistaken or malicious (its case
// rejected, 不予认定); false: counted again (the rejection was appealed).
using WithdrawalListener = std::function<void(const CommittedEvaluation&, bool withdrawn)>;

class Controller {
 public:
  static hall::Result<std::unique_ptr<Controller>> start(Options options);
  ~Controller();

  // Waits up to `timeout` for traffic, serves it, and runs timers.
  void poll_once(std::chrono::milliseconds timeout);
  // Loops until SIGINT/SIGTERM.
  void run();

  // Services register here (see services.h). One handler per message type
  // and channel; timers run after each poll at most every `interval`.
  void handle(Channel channel, const std::string& type, Handler handler);
  void every(std::chrono::milliseconds interval, std::function<void()> fn);
  // Polls a file descriptor with the sockets and calls `fn` on the loop's
  // thread when it is readable: how a service's own thread wakes the loop.
  void watch(int fd, std::function<void()> fn);
  // Services that follow the ratings hook in here. Writers (cases) run
  // inside the evaluation batch's transaction, once per new row, so their
  // rows commit with the rating or not at all; an error rolls the batch back
  // and the kiosks resend. They run on the evaluation writer's thread and
  // write through the store they are given (that thread's connection), so
  // they may only read state that does not change after start. Listeners
  // (rankings) run on the loop's thread after the COMMIT. Register both
  // before the first poll.
  void on_evaluation_write(EvaluationWriter fn) { evaluation_writers_.push_back(std::move(fn)); }
  void on_evaluation(EvaluationListener fn) { evaluation_listeners_.push_back(std::move(fn)); }
  hall::Status evaluation_written(hall::Store& store, const CommittedEvaluation& e) const {
    for (const auto& fn : evaluation_writers_)
      if (auto s = fn(store, e); !s) return s;
    return {};
  }
  void evaluation_committed(const CommittedEvaluation& e) {
    for (const auto& fn : evaluation_listeners_) fn(e);
  }
  // The case service says when a stored rating stops or starts counting
  // again (after its transaction committed); rankings listen.
  void on_evaluation_withdrawn(WithdrawalListener fn) { withdrawal_listeners_.push_back(std::move(fn)); }
  void evaluation_withdrawn(const CommittedEvaluation& e, bool withdrawn) {
    for (const auto& fn : withdrawal_listeners_) fn(e, withdrawn);
  }
  // Sends a reply frame to a peer that asked earlier on `channel`.
  void reply(Channel channel, const std::string& peer, const std::string& frame);
  // Publishes a JSON value (or, with an empty value, deletes the key).
  void publish(const std::string& key, const hall::Json& value);
  void publish_bytes(const std::string& key, std::string bytes);

  // Re-reads the hall row (name, name_en, logo) after a service changed it
  // and republishes /hall/info.
  hall::Status reload_hall();

  hall::Store& store() { return *store_; }
  hall::SystemTime now() const { return options_.now(); }
  const Settings& settings() const { return options_.settings; }
  const hall::ChpServer& chp() const { return *chp_; }
  std::string hall_name() const { return hall_name_; }

 private:
  explicit Controller(Options options) : options_(std::move(options)) {}
  hall::Status open_store();
  hall::Status load_hall();
  void publish_clock();
  void publish_hall_info();
  void serve(Channel channel);
  std::optional<std::string> dispatch(const Request& request);
  std::optional<std::string> on_hello(const Request& request);
  std::optional<std::string> on_status(const Request& request);
  void reserve_sequence();
  zmq::socket_t& socket(Channel channel) { return channel == Channel::Device ? *device_ : *admin_; }

  struct Timer {
    std::chrono::milliseconds interval;
    std::function<void()> fn;
    std::chrono::steady_clock::time_point last{};
  };

  Options options_;
  int lock_fd_ = -1;
  std::unique_ptr<hall::Store> store_;
  std::unique_ptr<hall::ChpServer> chp_;
  std::unique_ptr<zmq::socket_t> device_;
  std::unique_ptr<zmq::socket_t> admin_;
  std::string hall_name_;
  std::string hall_name_en_;
  std::string hall_logo_;  // sha256 of the logo in media, or ""
  uint64_t sequence_reserved_ = 0;
  std::chrono::steady_clock::time_point started_;
  std::map<std::pair<Channel, std::string>, Handler> handlers_;
  std::vector<Timer> timers_;
  std::vector<std::pair<int, std::function<void()>>> watches_;
  std::vector<zmq::pollitem_t> poll_items_;
  std::vector<EvaluationWriter> evaluation_writers_;
  std::vector<EvaluationListener> evaluation_listeners_;
  std::vector<WithdrawalListener> withdrawal_listeners_;
};

}  // namespace controller
