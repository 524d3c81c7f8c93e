// sockets.h: the one place where ZeroMQ sockets are created, bound and
// connected. Every program gets its sockets from a SocketFactory so that
// transport security (CURVE with a ZAP allow-list, a later issue) is switched
// on here for every socket at once. It also applies the shared limits: a
// maximum inbound message size, linger on close, and reconnect intervals.
// Threading: a SocketFactory may be shared; each socket belongs to one thread.
#pragma once

#include <zmq.hpp>

#include <cstdint>
#include <string>

#include "common/base/result.h"

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
};

class SocketFactory {
 public:
  explicit SocketFactory(zmq::context_t& ctx, SocketOptions options = {})
      : ctx_(ctx), options_(options) {}

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

 private:
  zmq::socket_t make(zmq::socket_type type, const SocketOptions& o) const;
  zmq::context_t& ctx_;
  SocketOptions options_;
};

}  // namespace hall
