// frames.h: send and receive multipart ZeroMQ messages as vectors of strings,
// with a cap on the number of parts so a hostile peer cannot make us buffer
// without bound. Threading: the socket's thread only.
#pragma once

#include <zmq.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hall {

using FrameList = std::vector<std::string>;

// Sends all frames as one multipart message. Returns false if it would block.
bool send_frames(zmq::socket_t& socket, const FrameList& frames, bool dont_wait = true);

// Receives one whole multipart message without blocking; nullopt when none is
// waiting. Parts beyond `max_parts` are read and dropped, and `truncated` set.
// `user_id` receives the message's "User-Id" property: the sender's key
// as named by the ZAP handler under CURVE, "" under NULL.
std::optional<FrameList> recv_frames(zmq::socket_t& socket, size_t max_parts, bool* truncated = nullptr,
                                     std::string* user_id = nullptr);

}  // namespace hall
