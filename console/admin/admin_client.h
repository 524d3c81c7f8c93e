// admin_client.h: the manager's tools' side of the controller's admin socket
// (docs/protocol.md "Admin"), shared by hallctl and hall-console. One
// request gets one reply; an "error" reply, no answer in time or an
// oversized reply comes back as an Error whose message says what to do.
// Threading: the calling thread; a Client is cheap to copy.
#pragma once

#include <chrono>
#include <string_view>

#include "common/wire/codec.h"
#include "common/wire/rpc.h"
#include "common/wire/sockets.h"

namespace admin {

class Client {
 public:
  Client(const hall::SocketFactory& sockets, hall::Endpoint endpoint)
      : sockets_(&sockets), endpoint_(std::move(endpoint)) {}

  // Sends `type` with `fields` and waits up to `timeout` for the reply
  // (replies may be as large as hall::kMaxAdminMessageBytes).
  hall::Result<hall::Message> request(std::string_view type, const hall::Json& fields = hall::Json::object(),
                                      std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

  const hall::Endpoint& endpoint() const { return endpoint_; }

 private:
  const hall::SocketFactory* sockets_;
  hall::Endpoint endpoint_;
};

}  // namespace admin
