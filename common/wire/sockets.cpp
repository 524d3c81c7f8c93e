#include "common/wire/sockets.h"

namespace hall {

std::string Endpoint::address() const {
  const bool v6 = host.find(':') != std::string::npos;
  return "tcp://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

zmq::socket_t SocketFactory::make(zmq::socket_type type, const SocketOptions& o) const {
  zmq::socket_t s(ctx_, type);
  s.set(zmq::sockopt::linger, o.linger_ms);
  s.set(zmq::sockopt::maxmsgsize, o.max_message_bytes);
  s.set(zmq::sockopt::reconnect_ivl, o.reconnect_ms);
  s.set(zmq::sockopt::reconnect_ivl_max, o.reconnect_max_ms);
  s.set(zmq::sockopt::sndhwm, o.send_hwm);
  s.set(zmq::sockopt::rcvhwm, o.recv_hwm);
  s.set(zmq::sockopt::ipv6, 1);
  if (o.immediate) s.set(zmq::sockopt::immediate, 1);
  if (o.router_mandatory) s.set(zmq::sockopt::router_mandatory, 1);
  return s;
}

Result<zmq::socket_t> SocketFactory::bind(zmq::socket_type type, const Endpoint& at,
                                          const SocketOptions& o) const {
  try {
    auto s = make(type, o);
    if (curve_) {
      s.set(zmq::sockopt::curve_server, 1);
      s.set(zmq::sockopt::curve_secretkey, curve_->own.secret_key);
      s.set(zmq::sockopt::zap_domain, o.zap_domain);
    }
    s.bind(at.address());
    return s;
  } catch (const zmq::error_t& e) {
    return fail("cannot listen on " + at.address() + ": " + e.what() +
                "; is another controller running, or is the port taken? Pick another port with --set");
  }
}

Result<zmq::socket_t> SocketFactory::connect(zmq::socket_type type, const Endpoint& to,
                                             const SocketOptions& o) const {
  try {
    auto s = make(type, o);
    if (curve_) {
      if (curve_->server_key.empty())
        return fail("cannot connect to " + to.address() + ": no server key; set security.server_key");
      s.set(zmq::sockopt::curve_serverkey, curve_->server_key);
      s.set(zmq::sockopt::curve_publickey, curve_->own.public_key);
      s.set(zmq::sockopt::curve_secretkey, curve_->own.secret_key);
    }
    s.connect(to.address());
    return s;
  } catch (const zmq::error_t& e) {
    return fail("cannot connect to " + to.address() + ": " + e.what());
  }
}

}  // namespace hall
