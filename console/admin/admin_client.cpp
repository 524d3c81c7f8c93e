#include "console/admin/admin_client.h"

namespace admin {

hall::Result<hall::Message> Client::request(std::string_view type, const hall::Json& fields,
                                            std::chrono::milliseconds timeout) const {
  return hall::call(*sockets_, endpoint_, type, fields, timeout, hall::kMaxAdminMessageBytes);
}

}  // namespace admin
