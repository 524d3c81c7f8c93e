#include "common/chp/chp_server.h"

#include "common/wire/frames.h"
#include "common/base/log.h"

#include <random>

namespace hall {

ChpServer::ChpServer(zmq::socket_t snapshot, zmq::socket_t publisher, uint64_t seq)
    : snapshot_(std::move(snapshot)), publisher_(std::move(publisher)), sequence_(seq) {
  std::random_device rd;
  const uint64_t id = (uint64_t{rd()} << 32) ^ rd();
  epoch_ = fmt::format("{:016x}", id);
}

std::string ChpServer::publish_properties(const std::string& key, uint64_t seq,
                                          const std::string& own) {
  std::string props = own;
  props += "epoch=" + epoch_ + "\n";
  for (size_t slash = key.find('/', 1); slash != std::string::npos; slash = key.find('/', slash + 1)) {
    auto& last = last_under_[key.substr(0, slash + 1)];
    props += "prev:" + key.substr(0, slash + 1) + "=" + std::to_string(last) + "\n";
    last = seq;
  }
  return props;
}

Result<std::unique_ptr<ChpServer>> ChpServer::start(const SocketFactory& sockets,
                                                    const Endpoint& snapshot,
                                                    uint64_t first_sequence) {
  // A snapshot is sent in one burst: no high-water mark on that socket.
  SocketOptions burst = sockets.options();
  burst.send_hwm = 0;
  auto snap = sockets.bind(zmq::socket_type::router, snapshot, burst);
  if (!snap) return snap.take_error();
  Endpoint pub_at = snapshot;
  pub_at.port += 1;
  auto pub = sockets.bind(zmq::socket_type::pub, pub_at);
  if (!pub) return pub.take_error();
  return std::unique_ptr<ChpServer>(
      new ChpServer(std::move(*snap), std::move(*pub), first_sequence));
}

uint64_t ChpServer::set(const std::string& key, std::string value, std::string properties) {
  auto it = map_.find(key);
  if (value.empty() ? it == map_.end()
                    : (it != map_.end() && it->second.value == value &&
                       it->second.properties == properties))
    return 0;
  const uint64_t seq = ++sequence_;
  send_frames(publisher_, chp::encode_kv({key, seq, "", publish_properties(key, seq, properties), value}));
  last_sent_ = Clock::now();
  if (value.empty()) map_.erase(key);
  else map_[key] = Entry{seq, std::move(properties), std::move(value)};
  return seq;
}

void ChpServer::serve_snapshots() {
  for (int budget = 64; budget > 0; --budget) {
    auto msg = recv_frames(snapshot_, 3);
    if (!msg) return;
    if (msg->empty()) continue;
    const std::string identity = (*msg)[0];
    auto subtree = chp::decode_icanhaz(chp::Frames(msg->begin() + 1, msg->end()));
    if (!subtree) {
      log::warn("snapshot request ignored: {}", subtree.error());
      continue;
    }
    for (auto it = map_.lower_bound(*subtree); it != map_.end(); ++it) {
      if (it->first.compare(0, subtree->size(), *subtree) != 0) break;
      // KVSYNC: RFC 12 leaves the UUID and properties frames empty.
      auto frames = chp::encode_kv({it->first, it->second.sequence, "", "", it->second.value});
      frames.insert(frames.begin(), identity);
      send_frames(snapshot_, frames, /*dont_wait=*/false);
    }
    auto done = chp::encode_kthxbai(sequence_, *subtree);
    done.insert(done.begin(), identity);
    send_frames(snapshot_, done, /*dont_wait=*/false);
  }
}

void ChpServer::heartbeat(Clock::time_point now, std::chrono::milliseconds interval) {
  if (now - last_sent_ < interval) return;
  send_frames(publisher_, chp::encode_hugz());
  last_sent_ = now;
}

}  // namespace hall
