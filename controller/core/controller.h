// controller.h: the controller daemon's core, without main(). It holds the
// central store (the one writer; a lock file in the data directory keeps a
// second controller out), publishes what screens show over CHP, and answers
// the device socket (kiosks, screens) and the admin socket (hallctl, console).
//
// Feature areas (content, queue link, evaluations, rankings...) are services
// that controller/services.cpp installs on it: each registers message
// handlers per socket and timers and uses the store and publisher. The core
// knows none of them. A handler returns the reply frame, or nullopt to
// answer later with reply() (e.g. after a group commit).
// Threading: one thread runs everything; poll_once() is the loop body.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "controller/access/keys.h"
#include "controller/access/zap.h"
#include "controller/core/settings.h"
#include "common/base/rate_limit.h"
#include "common/chp/chp_server.h"
#include "common/time/clock.h"
#include "common/wire/codec.h"
#include "common/store/store.h"

namespace controller {

// What a controller starts with: its settings (the core's own here; the
// whole of controller.toml in controller/services.h), sockets and clock.
template <class SettingsT>
struct BasicOptions {
  SettingsT settings;
  const hall::SocketFactory* sockets = nullptr;
  hall::WallClock now = hall::system_wall_clock();
};
using CoreOptions = BasicOptions<CoreSettings>;

enum class Channel { Device, Admin };

struct Request {
  const hall::Message& message;
  const std::string& peer;  // the ROUTER identity, for a later reply()
  Channel channel;
  const Peer& who;          // the sender's key, checked against the allow-list for this message

  // The actor to record for a change: the key's owner. Only with
  // security.mode = "none", where nobody can be known, the name the
  // message gives in `claimed` (e.g. "reviewer"), else "unsecured".
  std::string actor(const char* claimed) const;
  // Why a device message that names itself `device_id` is refused: a
  // device key speaks only for the device it was enrolled as. nullopt when
  // it may (always, without security).
  std::optional<std::string> impostor(const std::string& device_id) const;
};

using Handler = std::function<std::optional<std::string>(const Request&)>;

class Controller {
 public:
  static hall::Result<std::unique_ptr<Controller>> start(CoreOptions options);
  ~Controller();

  // Waits up to `timeout` for traffic, serves it, and runs timers.
  void poll_once(std::chrono::milliseconds timeout);
  // Publishes the hall's info, a fresh epoch and the clock, and logs that
  // the controller is up: called once the services are installed.
  void announce();
  // Loops until SIGINT/SIGTERM.
  void run();
  // The reply to one decoded request, as serve() gives it for each frame
  // (nullopt: answered later by reply()). The fuzz targets (tests/fuzz) call
  // it directly, without a socket in between.
  std::optional<std::string> dispatch(const Request& request);

  // Services register here (see services.h). One handler per message type
  // and channel, with the roles whose keys may send it (roles.h); anyone
  // else is refused before the handler runs. Timers run after each poll at
  // most every `interval`.
  void handle(Channel channel, const std::string& type, hall::wire::Roles allowed, Handler handler);
  // The message types `who` may send on `channel` (for hallctl whoami).
  std::vector<std::string> permitted(Channel channel, const Peer& who) const;
  void every(std::chrono::milliseconds interval, std::function<void()> fn);
  // Polls a file descriptor with the sockets and calls `fn` on the loop's
  // thread when it is readable: how a service's own thread wakes the loop.
  void watch(int fd, std::function<void()> fn);
  // Sends a reply frame to a peer that asked earlier on `channel`.
  void reply(Channel channel, const std::string& peer, const std::string& frame);
  // Publishes a JSON value (or, with an empty value, deletes the key).
  void publish(const std::string& key, const hall::Json& value);
  void publish_bytes(const std::string& key, std::string bytes);

  // Re-reads the hall row (name, name_en, logo, time zone) after a service
  // changed it and republishes /hall/info (and /hall/clock for a new zone).
  hall::Status reload_hall();

  // A write to the store failed for lack of disk space (`full`), or one
  // succeeded again. `refused`: requests refused for it (retryable
  // store_full). Logged when it starts and ends, and at most once a minute
  // between; shown by hallctl status. Loop thread only.
  void store_space(bool full, uint64_t refused = 0);
  bool store_full() const { return full_since_.has_value(); }

  // A service's alarms for hallctl status ("alarms": lines a manager must
  // act on, e.g. the holiday table running out), asked at each status.
  void add_alarms(std::function<std::vector<std::string>()> source) { alarm_sources_.push_back(std::move(source)); }

  hall::Store& store() { return *store_; }
  KeyRing& keys() { return keys_; }
  bool secure() const { return options_.settings.curve; }
  hall::SystemTime now() const { return options_.now(); }
  const CoreSettings& settings() const { return options_.settings; }
  const hall::ChpServer& chp() const { return *chp_; }
  std::string hall_name() const { return hall_name_; }

 private:
  explicit Controller(CoreOptions options)
      : options_(std::move(options)),
        new_devices_(static_cast<size_t>(options_.settings.new_devices_per_min), std::chrono::minutes(1)) {}
  hall::Status open_store();
  hall::Status check_store(const std::string& path);
  std::string running_marker() const;
  hall::Status load_hall();
  void publish_clock();
  void publish_hall_info();
  void serve(Channel channel);
  std::string admits(const std::string& domain, const std::string& public_key) const;
  hall::Status enroll_first_admin();
  std::optional<std::string> on_hello(const Request& request);
  std::optional<std::string> on_status(const Request& request);
  void reserve_sequence();
  void prune_devices();
  zmq::socket_t& socket(Channel channel) { return channel == Channel::Device ? *device_ : *admin_; }

  struct Timer {
    std::chrono::milliseconds interval;
    std::function<void()> fn;
    std::chrono::steady_clock::time_point last{};
  };

  CoreOptions options_;
  hall::RateLimit new_devices_;               // unknown ids taken in by hello
  uint64_t refused_[2] = {0, 0};              // frames the codec refused: device, admin
  hall::RateLimit refusal_log_{1, std::chrono::seconds(1)};  // log lines about them
  // The disk under the store (store_space()).
  std::optional<hall::SystemTime> full_since_;
  std::chrono::steady_clock::time_point full_began_{};
  uint64_t full_refused_ = 0;       // requests refused for a full disk, ever
  uint64_t full_episodes_ = 0;
  int64_t full_last_ms_ = 0;        // how long the last full spell lasted
  hall::RateLimit full_log_{1, std::chrono::minutes(1)};
  int lock_fd_ = -1;
  std::unique_ptr<hall::Store> store_;
  KeyRing keys_;
  std::unique_ptr<ZapHandler> zap_;
  std::unique_ptr<hall::ChpServer> chp_;
  std::unique_ptr<zmq::socket_t> device_;
  std::unique_ptr<zmq::socket_t> admin_;
  std::string hall_name_;
  std::string hall_name_en_;
  bool zone_warned_ = false;  // the config's hall.timezone differs from the store's (said once)
  std::string hall_logo_;  // sha256 of the logo in media, or ""
  uint64_t sequence_reserved_ = 0;
  std::chrono::steady_clock::time_point started_;
  struct Route {
    hall::wire::Roles allowed;
    Handler handler;
  };
  std::map<std::pair<Channel, std::string>, Route> handlers_;
  std::vector<Timer> timers_;
  std::vector<std::function<std::vector<std::string>()>> alarm_sources_;
  std::vector<std::pair<int, std::function<void()>>> watches_;
  std::vector<zmq::pollitem_t> poll_items_;
};

}  // namespace controller
