#include "common/wire/rpc.h"

#include <algorithm>

#include "common/wire/frames.h"

namespace hall {

Result<Message> call(const SocketFactory& sockets, const Endpoint& to, std::string_view type,
                     const Json& fields, std::chrono::milliseconds timeout, size_t limit) {
  SocketOptions options = sockets.options();
  options.max_message_bytes = std::max<int64_t>(options.max_message_bytes, static_cast<int64_t>(limit) + 1024);
  auto sock = sockets.connect(zmq::socket_type::dealer, to, options);
  if (!sock) return sock.take_error();
  Json body = fields;
  body["id"] = 1;
  HandshakeWatch watch(sockets.context(), *sock);  // a refused key is told apart from silence
  send_frames(*sock, {encode_message(type, body)});
  zmq::pollitem_t items[2] = {{sock->handle(), 0, ZMQ_POLLIN, 0},
                              {watch.socket().handle(), 0, ZMQ_POLLIN, 0}};
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    int ready = 0;
    try {
      ready = zmq::poll(items, 2, std::max(left, std::chrono::milliseconds(0)));
    } catch (const zmq::error_t& e) {
      return fail(std::string("interrupted while waiting for ") + to.address() + ": " + e.what());
    }
    if (items[0].revents & ZMQ_POLLIN) break;
    if (!watch.failure().empty()) return fail(to.address() + ": " + watch.failure());
    if (ready == 0 || left.count() <= 0)
      return fail("no answer from " + to.address() + " within " + std::to_string(timeout.count()) +
                  " ms; is hall-controller running there?");
  }
  auto frames = recv_frames(*sock, 2);
  if (!frames || frames->size() != 1) return fail("unexpected reply framing from " + to.address());
  auto reply = decode_message(frames->front(), limit);
  if (!reply) return fail("bad reply from " + to.address() + ": " + reply.error());
  if (reply->type == "error") return fail(reply->body.value("message", std::string("error")));
  return reply;
}

}  // namespace hall
