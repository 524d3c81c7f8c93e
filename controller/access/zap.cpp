#include "controller/access/zap.h"

#include "common/base/log.h"
#include "common/wire/frames.h"

namespace controller {

hall::Result<std::unique_ptr<ZapHandler>> ZapHandler::bind(zmq::context_t& ctx) {
  try {
    zmq::socket_t s(ctx, zmq::socket_type::rep);
    s.set(zmq::sockopt::linger, 0);
    s.bind("inproc://zeromq.zap.01");
    return std::unique_ptr<ZapHandler>(new ZapHandler(std::move(s)));
  } catch (const zmq::error_t& e) {
    return hall::fail(std::string("cannot start the key check (ZAP handler): ") + e.what());
  }
}

void ZapHandler::serve(const Decide& decide) {
  for (int budget = 64; budget > 0; --budget) {
    auto f = hall::recv_frames(socket_, 8);
    if (!f) return;
    // version, request id, domain, address, identity, mechanism, credentials
    const bool well_formed = f->size() >= 7 && (*f)[0] == "1.0" && (*f)[5] == "CURVE" && (*f)[6].size() == 32;
    std::string why = "only CURVE clients are admitted";
    std::string user;
    if (well_formed) {
      char z85[41];
      zmq_z85_encode(z85, reinterpret_cast<const uint8_t*>((*f)[6].data()), 32);
      user = z85;
      why = decide((*f)[2], user);
    }
    const std::string request_id = f->size() > 1 ? (*f)[1] : "";
    if (why.empty()) hall::send_frames(socket_, {"1.0", request_id, "200", "OK", user, ""});
    else hall::send_frames(socket_, {"1.0", request_id, "400", why, "", ""});
  }
}

}  // namespace controller
