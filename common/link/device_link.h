// device_link.h: a screen's or kiosk's standing connection to the
// controller's device socket (DEALER -> ROUTER). It says hello on start and
// every `hello_interval`, and counts the controller as reachable while replies
// keep coming. Later messages (status reports, evaluations) go through send().
// Threading: one thread owns a link; pump() never blocks.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "common/wire/codec.h"
#include "common/wire/sockets.h"

namespace hall {

struct DeviceLinkOptions {
  Endpoint controller;       // the controller's device port
  std::string kind;          // "signage" or "kiosk"
  std::string device_id;
  std::chrono::milliseconds hello_interval{5000};
  // Said in every hello (hall::wire::Hello::set_aside): damaged local data
  // this run set aside at its start, so hallctl status reports it.
  std::string set_aside;
};

class DeviceLink {
 public:
  using Clock = std::chrono::steady_clock;
  using Handler = std::function<void(const Message&)>;

  DeviceLink(const SocketFactory& sockets, DeviceLinkOptions options);

  // Sends hellos when due and hands every reply to `on_reply`. Returns the
  // number of replies read.
  size_t pump(Clock::time_point now, const Handler& on_reply);
  bool send(std::string_view type, Json fields);
  // True when a reply arrived within two hello intervals.
  bool reachable(Clock::time_point now) const;

 private:
  const SocketFactory& sockets_;
  DeviceLinkOptions options_;
  std::unique_ptr<zmq::socket_t> socket_;
  std::unique_ptr<HandshakeWatch> watch_;  // says when the controller refuses our key
  std::string told_;                       // the handshake failure last logged
  uint64_t next_id_ = 1;
  Clock::time_point last_hello_{};
  Clock::time_point last_reply_{};
  bool ever_replied_ = false;
};

}  // namespace hall
