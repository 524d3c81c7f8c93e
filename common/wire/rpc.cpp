#include "common/wire/rpc.h"

#include <algorithm>
#include <atomic>
#include <optional>

#include "common/wire/frames.h"

namespace hall {

Result<Message> call(const SocketFactory& sockets, const Endpoint& to, std::string_view type,
                     const Json& fields, std::chrono::milliseconds timeout, size_t limit) {
  SocketOptions options = sockets.options();
  options.max_message_bytes = std::max<int64_t>(options.max_message_bytes, static_cast<int64_t>(limit) + 1024);
  auto sock = sockets.connect(zmq::socket_type::dealer, to, options);
  if (!sock) return sock.take_error();
  // With CURVE, a socket monitor tells a key the controller refused (its ZAP
  // handler said no, at every connection attempt) from no controller at all.
  std::optional<zmq::socket_t> monitor;
  if (sockets.secure()) {
    static std::atomic<unsigned> monitors{0};
    const std::string at = "inproc://hall-rpc-monitor-" + std::to_string(monitors++);
    if (zmq_socket_monitor(sock->handle(), at.c_str(), ZMQ_EVENT_HANDSHAKE_FAILED_AUTH) == 0) {
      monitor.emplace(sockets.context(), zmq::socket_type::pair);
      monitor->set(zmq::sockopt::linger, 0);
      monitor->connect(at);
    }
  }
  Json body = fields;
  body["id"] = 1;
  send_frames(*sock, {encode_message(type, body)});
  zmq::pollitem_t items[2] = {{sock->handle(), 0, ZMQ_POLLIN, 0},
                              {monitor ? monitor->handle() : nullptr, 0, ZMQ_POLLIN, 0}};
  int ready = 0;
  try {
    ready = zmq::poll(items, monitor ? 2 : 1, timeout);
  } catch (const zmq::error_t& e) {
    return fail(std::string("interrupted while waiting for ") + to.address() + ": " + e.what());
  }
  if (ready == 0)
    return fail("no answer from " + to.address() + " within " +
                std::to_string(timeout.count()) + " ms; is hall-controller running there?");
  if (!(items[0].revents & ZMQ_POLLIN))
    return fail("the controller at " + to.address() + " refused this key: it is not enrolled, was revoked, or "
                "may not use this socket (screen and kiosk keys have no admin access). Ask the hall's "
                "administrator to enroll it: hallctl keys enroll NAME --role ROLE NAME.key");
  auto frames = recv_frames(*sock, 2);
  if (!frames || frames->size() != 1) return fail("unexpected reply framing from " + to.address());
  auto reply = decode_message(frames->front(), limit);
  if (!reply) return fail("bad reply from " + to.address() + ": " + reply.error());
  if (reply->type == "error") return fail(reply->body.value("message", std::string("error")));
  return reply;
}

}  // namespace hall
