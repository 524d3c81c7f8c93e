#include "common/wire/frames.h"

namespace hall {

bool send_frames(zmq::socket_t& socket, const FrameList& frames, bool dont_wait) {
  for (size_t i = 0; i < frames.size(); ++i) {
    auto flags = i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none;
    if (dont_wait) flags = flags | zmq::send_flags::dontwait;
    if (!socket.send(zmq::buffer(frames[i]), flags)) return false;
  }
  return true;
}

std::optional<FrameList> recv_frames(zmq::socket_t& socket, size_t max_parts, bool* truncated,
                                     std::string* user_id) {
  zmq::message_t part;
  if (!socket.recv(part, zmq::recv_flags::dontwait)) return std::nullopt;
  FrameList out;
  bool cut = false;
  for (;;) {
    if (out.size() < max_parts) out.emplace_back(part.to_string());
    else cut = true;
    if (!part.more()) break;
    (void)socket.recv(part, zmq::recv_flags::none);  // rest of a multipart is already here
  }
  if (truncated) *truncated = cut;
  if (user_id) {
    const char* v = zmq_msg_gets(part.handle(), "User-Id");  // the last part: the sender's own
    *user_id = v ? v : "";
  }
  return out;
}

}  // namespace hall
