#include "common/link/device_link.h"

#include "common/vocab/device_messages.h"
#include "common/wire/frames.h"
#include "common/base/log.h"

namespace hall {

DeviceLink::DeviceLink(const SocketFactory& sockets, DeviceLinkOptions options)
    : sockets_(sockets), options_(std::move(options)) {
  // Nothing queues for an absent controller: a hello is only worth sending live.
  SocketOptions live = sockets_.options();
  live.immediate = true;
  auto s = sockets_.connect(zmq::socket_type::dealer, options_.controller, live);
  if (!s) {
    log::error("device link: {}", s.error());
    return;
  }
  socket_ = std::make_unique<zmq::socket_t>(std::move(*s));
  watch_ = std::make_unique<HandshakeWatch>(sockets_.context(), *socket_);
}

bool DeviceLink::send(std::string_view type, Json fields) {
  if (!socket_) return false;
  fields["id"] = next_id_++;
  return send_frames(*socket_, {encode_message(type, fields)});
}

size_t DeviceLink::pump(Clock::time_point now, const Handler& on_reply) {
  if (!socket_) return 0;
  // Until the controller has answered, say hello every half second.
  const auto interval = reachable(now) ? options_.hello_interval : std::chrono::milliseconds(500);
  if (last_hello_ == Clock::time_point{} || now - last_hello_ >= interval) {
    send(wire::Hello::kType,
         wire::Hello{options_.kind, options_.device_id, HALL_VERSION, options_.set_aside}.to_json());
    last_hello_ = now;
  }
  if (const std::string& failure = watch_->failure(); failure != told_) {
    log::warn("device link: {}; this {} ({}) waits until its key is enrolled (docs/security.md)", failure,
              options_.kind, options_.device_id);
    told_ = failure;
  }
  size_t n = 0;
  for (int budget = 256; budget > 0; --budget) {
    auto frames = recv_frames(*socket_, 2);
    if (!frames) break;
    if (frames->size() != 1) continue;
    auto msg = decode_message(frames->front());
    if (!msg) {
      log::warn("device link: bad reply from controller: {}", msg.error());
      continue;
    }
    if (msg->type == wire::ErrorReply::kType) {
      auto error = wire::ErrorReply::from_json(msg->body);
      log::warn("controller refused a request: {}", error ? error->message : error.error());
    }
    if (!reachable(now))
      log::info("connected to the controller at {}", options_.controller.address());
    last_reply_ = now;
    ever_replied_ = true;
    ++n;
    on_reply(*msg);
  }
  return n;
}

bool DeviceLink::reachable(Clock::time_point now) const {
  return ever_replied_ && now - last_reply_ < 2 * options_.hello_interval + std::chrono::seconds(1);
}

}  // namespace hall
