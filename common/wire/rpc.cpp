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
  send_frames(*sock, {encode_message(type, body)});
  zmq::pollitem_t item{sock->handle(), 0, ZMQ_POLLIN, 0};
  int ready = 0;
  try {
    ready = zmq::poll(&item, 1, timeout);
  } catch (const zmq::error_t& e) {
    return fail(std::string("interrupted while waiting for ") + to.address() + ": " + e.what());
  }
  if (ready == 0)
    return fail("no answer from " + to.address() + " within " +
                std::to_string(timeout.count()) + " ms; is hall-controller running there?");
  auto frames = recv_frames(*sock, 2);
  if (!frames || frames->size() != 1) return fail("unexpected reply framing from " + to.address());
  auto reply = decode_message(frames->front(), limit);
  if (!reply) return fail("bad reply from " + to.address() + ": " + reply.error());
  if (reply->type == "error") return fail(reply->body.value("message", std::string("error")));
  return reply;
}

}  // namespace hall
