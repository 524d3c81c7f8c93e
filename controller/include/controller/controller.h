// controller.h: the controller daemon's core, without main(). It holds the
// central store (the one writer; a lock file in the data directory keeps a
// second controller out), publishes what screens show over CHP, and answers
// the device socket (kiosks, screens) and the admin socket (hallctl, console).
// Threading: one thread runs everything; poll_once() is the loop body.
#pragma once

#include <chrono>
#include <memory>

#include "controller/settings.h"
#include "hall/chp_server.h"
#include "hall/clock.h"
#include "hall/codec.h"
#include "hall/store.h"

namespace controller {

struct Options {
  Settings settings;
  const hall::SocketFactory* sockets = nullptr;
  hall::WallClock now = hall::system_wall_clock();
};

class Controller {
 public:
  static hall::Result<std::unique_ptr<Controller>> start(Options options);
  ~Controller();

  // Waits up to `timeout` for traffic, serves it, and runs timers.
  void poll_once(std::chrono::milliseconds timeout);
  // Loops until SIGINT/SIGTERM.
  void run();

  const hall::ChpServer& chp() const { return *chp_; }
  std::string hall_name() const { return hall_name_; }

 private:
  explicit Controller(Options options) : options_(std::move(options)) {}
  hall::Status open_store();
  hall::Status load_hall();
  void publish(const std::string& key, const hall::Json& value);
  void publish_clock();
  void serve(zmq::socket_t& socket, bool admin);
  std::string handle(const hall::Message& msg, bool admin);
  std::string on_hello(const hall::Message& msg);
  std::string on_status(const hall::Message& msg);
  void reserve_sequence();

  Options options_;
  int lock_fd_ = -1;
  std::unique_ptr<hall::Store> store_;
  std::unique_ptr<hall::ChpServer> chp_;
  std::unique_ptr<zmq::socket_t> device_;
  std::unique_ptr<zmq::socket_t> admin_;
  std::string hall_name_;
  std::string hall_name_en_;
  uint64_t sequence_reserved_ = 0;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_clock_{};
};

}  // namespace controller
