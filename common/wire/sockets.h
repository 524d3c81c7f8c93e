// sockets.h: the one place where ZeroMQ sockets are created, bound and
// connected. Every program gets its sockets from a SocketFactory so that
// transport security is switched on here for every socket at once: with a
// Curve, a bound socket is a CURVE server (its clients are checked by the
// controller's ZAP handler, controller/core/zap.h) and a connected socket a
// CURVE client of the controller's public key (docs/security.md). It also
// applies the shared limits: a maximum inbound message size, linger on close,
// and reconnect intervals.
// Threading: a SocketFactory may be shared; each socket belongs to one thread.
#pragma once

#include <zmq.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "common/base/result.h"
#include "common/wire/curve_keys.h"

namespace hall {

struct Endpoint {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string address() const;  // "tcp://host:port" ([v6] bracketed)
};

struct SocketOptions {
  int64_t max_message_bytes = 1 << 20;  // ZMQ_MAXMSGSIZE: larger peers are dropped
  int linger_ms = 200;
  int reconnect_ms = 100;
  int reconnect_max_ms = 2000;
  int send_hwm = 10000;
  int recv_hwm = 10000;
  bool immediate = false;  // ZMQ_IMMEDIATE: queue only to connected peers
  // ZMQ_ROUTER_MANDATORY (ROUTER only): a send to a peer whose queue is at
  // the high-water mark fails with EAGAIN instead of being dropped silently,
  // and one to a peer that left fails with EHOSTUNREACH.
  bool router_mandatory = false;
  std::string zap_domain = "hall";  // a bound CURVE socket's ZAP domain
};

// CURVE keys of the party that owns a factory.
struct Curve {
  KeyPair own;
  std::string server_key;  // the controller's public key, for connect()
};

class SocketFactory {
 public:
  explicit SocketFactory(zmq::context_t& ctx, SocketOptions options = {},
                         std::optional<Curve> curve = std::nullopt)
      : ctx_(ctx), options_(std::move(options)), curve_(std::move(curve)) {}

  Result<zmq::socket_t> bind(zmq::socket_type type, const Endpoint& at) const {
    return bind(type, at, options_);
  }
  Result<zmq::socket_t> connect(zmq::socket_type type, const Endpoint& to) const {
    return connect(type, to, options_);
  }
  // The same with options for this one socket (e.g. a larger high-water mark).
  Result<zmq::socket_t> bind(zmq::socket_type type, const Endpoint& at,
                             const SocketOptions& options) const;
  Result<zmq::socket_t> connect(zmq::socket_type type, const Endpoint& to,
                                const SocketOptions& options) const;
  const SocketOptions& options() const { return options_; }
  zmq::context_t& context() const { return ctx_; }
  // True when sockets use CURVE; false means ZMTP's NULL mechanism.
  bool secure() const { return curve_.has_value(); }
  const std::optional<Curve>& curve() const { return curve_; }

 private:
  zmq::socket_t make(zmq::socket_type type, const SocketOptions& o) const;
  zmq::context_t& ctx_;
  SocketOptions options_;
  std::optional<Curve> curve_;
};

// Watches a connecting socket's security handshakes through a ZeroMQ socket
// monitor. Under CURVE a controller that refuses a key simply never answers;
// this tells "your key is not let in" from "nobody is running there".
class HandshakeWatch {
 public:
  HandshakeWatch(zmq::context_t& ctx, zmq::socket_t& watched);
  // Reads the monitor's waiting events without blocking: why the last
  // handshake failed ("" while none has).
  const std::string& failure();
  // The monitor's end, to poll beside the watched socket.
  zmq::socket_t& socket() { return monitor_; }

 private:
  zmq::socket_t monitor_;
  std::string failure_;
};

}  // namespace hall
