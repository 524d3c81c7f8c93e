// rpc.h: one request, one reply over the shared codec: a DEALER connects,
// sends the request, waits up to `timeout` for the reply, and closes. Used by
// hallctl and tests. Long-lived links (kiosk, signage) use DeviceLink.
// Threading: the calling thread.
#pragma once

#include <chrono>

#include "common/wire/codec.h"
#include "common/wire/sockets.h"

namespace hall {

// Returns the reply; an "error" reply becomes an Error with its message.
// `limit` caps the reply size (kMaxAdminMessageBytes for the admin socket).
Result<Message> call(const SocketFactory& sockets, const Endpoint& to, std::string_view type,
                     const Json& fields = Json::object(),
                     std::chrono::milliseconds timeout = std::chrono::seconds(3),
                     size_t limit = kMaxMessageBytes);

}  // namespace hall
