// zap.h: the controller's ZAP handler (RFC 27/ZAP). libzmq asks it, over
// inproc://zeromq.zap.01, whether each new CURVE connection may proceed; it
// answers from the key allow-list and names the key (its Z85 public key) as
// the connection's user id, which libzmq attaches to every message as the
// "User-Id" property. It is bound before any socket, as RFC 27 requires, and
// answered on the controller's loop, which owns the store.
// Threading: the controller's loop thread.
#pragma once

#include <zmq.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/base/result.h"

namespace controller {

// The ZAP domains of the controller's device and admin sockets (CHP's is
// ChpServer::kZapDomain): each admits only the roles that may use it.
inline constexpr char kZapDomainDevice[] = "device";
inline constexpr char kZapDomainAdmin[] = "admin";

class ZapHandler {
 public:
  // Answers a CURVE client's public key (Z85) in a domain: empty to admit,
  // otherwise why not.
  using Decide = std::function<std::string(const std::string& domain, const std::string& public_key)>;

  static hall::Result<std::unique_ptr<ZapHandler>> bind(zmq::context_t& ctx);
  // Answers every waiting request without blocking.
  void serve(const Decide& decide);
  zmq::socket_t& socket() { return socket_; }

 private:
  explicit ZapHandler(zmq::socket_t s) : socket_(std::move(s)) {}
  zmq::socket_t socket_;
};

}  // namespace controller
