#include "common/wire/sockets.h"

#include <atomic>
#include <cstring>

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

HandshakeWatch::HandshakeWatch(zmq::context_t& ctx, zmq::socket_t& watched) : monitor_(ctx, zmq::socket_type::pair) {
  static std::atomic<uint64_t> next{0};
  const std::string address = "inproc://handshake-watch-" + std::to_string(next++);
  const int events = ZMQ_EVENT_HANDSHAKE_FAILED_AUTH | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL |
                     ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL;
  if (zmq_socket_monitor(watched.handle(), address.c_str(), events) == 0) monitor_.connect(address);
}

const std::string& HandshakeWatch::failure() {
  for (;;) {
    zmq::message_t event, endpoint;
    try {
      if (!monitor_.recv(event, zmq::recv_flags::dontwait)) break;
      if (event.more()) (void)monitor_.recv(endpoint, zmq::recv_flags::dontwait);
    } catch (const zmq::error_t&) {
      break;  // no monitor (zmq_socket_monitor failed): nothing to tell
    }
    if (event.size() < 6) continue;
    uint16_t id = 0;
    uint32_t value = 0;
    std::memcpy(&id, event.data(), 2);
    std::memcpy(&value, static_cast<const char*>(event.data()) + 2, 4);
    if (id == ZMQ_EVENT_HANDSHAKE_FAILED_AUTH)
      failure_ = "the controller refused this key: it is not enrolled, was revoked, or may not use this port "
                 "(screen and kiosk keys have no admin access; ZAP status " + std::to_string(value) +
                 "). See hallctl keys list on the controller; enroll a key with hallctl keys enroll NAME --role "
                 "ROLE NAME.key";
    else
      failure_ = "the security handshake with the controller failed: check that security.mode and "
                 "security.server_key (the controller's controller.key) match the controller's";
  }
  return failure_;
}

}  // namespace hall
