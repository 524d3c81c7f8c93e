#include "common/chp/chp_server.h"

#include "common/base/log.h"
#include "common/base/utf8.h"
#include "common/wire/frames.h"

#include <random>

namespace hall {

ChpServer::ChpServer(zmq::socket_t snapshot, zmq::socket_t publisher, uint64_t seq, ChpServerLimits limits)
    : snapshot_(std::move(snapshot)), publisher_(std::move(publisher)), limits_(limits), sequence_(seq) {
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
                                                    uint64_t first_sequence,
                                                    ChpServerLimits limits) {
  // Snapshots are streamed (chp_server.h): a small high-water mark, and a
  // full peer makes the send fail instead of queueing or silently dropping.
  SocketOptions streamed = sockets.options();
  streamed.send_hwm = limits.send_hwm;
  streamed.recv_hwm = 1000;
  streamed.router_mandatory = true;
  streamed.zap_domain = kZapDomain;
  auto snap = sockets.bind(zmq::socket_type::router, snapshot, streamed);
  if (!snap) return snap.take_error();
  Endpoint pub_at = snapshot;
  pub_at.port += 1;
  SocketOptions pub_options = sockets.options();
  pub_options.zap_domain = kZapDomain;
  auto pub = sockets.bind(zmq::socket_type::pub, pub_at, pub_options);
  if (!pub) return pub.take_error();
  return std::unique_ptr<ChpServer>(
      new ChpServer(std::move(*snap), std::move(*pub), first_sequence, limits));
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

ChpServer::Sent ChpServer::send_to(const std::string& identity, const chp::Frames& frames) {
  try {
    // ROUTER_MANDATORY: the identity frame fails with EAGAIN when the peer's
    // queue is full, and then nothing of the message was queued.
    if (!snapshot_.send(zmq::buffer(identity), zmq::send_flags::sndmore | zmq::send_flags::dontwait))
      return Sent::Blocked;
    for (size_t i = 0; i < frames.size(); ++i) {
      const auto more = i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none;
      (void)snapshot_.send(zmq::buffer(frames[i]), more | zmq::send_flags::dontwait);
    }
    return Sent::Done;
  } catch (const zmq::error_t&) {
    return Sent::Gone;  // EHOSTUNREACH: the peer disconnected
  }
}

void ChpServer::refuse(const std::string& identity, const std::string& why) {
  ++counters_.refused;
  (void)send_to(identity, chp::encode_error("bad_request", why));
  // Refusals are logged at most once a second, shortened and escaped, with
  // the number left out since the last line.
  if (!refusal_log_.allow(Clock::now())) return;
  const uint64_t more = refusal_log_.take_refused();
  log::warn("snapshot request refused: {}{}", utf8::printable(why, 200),
            more ? fmt::format(" ({} more not logged)", more) : "");
}

void ChpServer::take_requests(Clock::time_point now, const Admit& admit) {
  for (int budget = 256; budget > 0; --budget) {
    bool truncated = false;
    std::string user;
    auto msg = recv_frames(snapshot_, 3, &truncated, &user);
    if (!msg) return;
    if (msg->empty()) continue;
    if (admit && !admit(user)) continue;  // a revoked key: no snapshot (its refusal is logged by admit)
    const std::string identity = (*msg)[0];
    if (truncated) {
      refuse(identity, "ICANHAZ must have 2 frames, got more");
      continue;
    }
    auto subtree = chp::decode_icanhaz(chp::Frames(msg->begin() + 1, msg->end()));
    if (!subtree) {
      refuse(identity, subtree.error());
      continue;
    }
    auto peer = peers_.find(identity);
    if (peer == peers_.end()) {
      if (peers_.size() >= limits_.peers) {
        refuse(identity, "the controller is sending too many snapshots; ask again later");
        continue;
      }
      peer = peers_.emplace(identity, Peer{{}, now}).first;
    }
    if (peer->second.jobs.size() >= limits_.pending_per_peer) {
      refuse(identity, fmt::format("more than {} snapshots asked for and not yet read; read them first",
                                   limits_.pending_per_peer));
      continue;
    }
    peer->second.jobs.push_back(Job{std::move(*subtree), sequence_, std::nullopt});
  }
}

void ChpServer::serve_snapshots(const Admit& admit) {
  const auto now = Clock::now();
  take_requests(now, admit);
  size_t budget = limits_.messages_per_turn;
  progressed_ = false;
  for (auto p = peers_.begin(); p != peers_.end();) {
    const std::string& identity = p->first;
    Peer& peer = p->second;
    Sent sent = Sent::Done;
    while (!peer.jobs.empty() && budget > 0) {
      Job& job = peer.jobs.front();
      auto it = job.last ? map_.upper_bound(*job.last) : map_.lower_bound(job.subtree);
      if (it != map_.end() && it->first.compare(0, job.subtree.size(), job.subtree) == 0) {
        // KVSYNC: RFC 12 leaves the UUID and properties frames empty.
        sent = send_to(identity, chp::encode_kv({it->first, it->second.sequence, "", "", it->second.value}));
        if (sent != Sent::Done) break;
        job.last = it->first;
      } else {
        sent = send_to(identity, chp::encode_kthxbai(job.sequence, job.subtree));
        if (sent != Sent::Done) break;
        ++counters_.snapshots;
        peer.jobs.pop_front();
      }
      peer.progress = now;
      progressed_ = true;
      --budget;
    }
    if (sent == Sent::Blocked && now - peer.progress >= limits_.stall) {
      ++counters_.stalled_peers;
      log::warn("snapshot peer dropped: it read nothing for {} s ({} subtree(s) unsent)",
                std::chrono::duration_cast<std::chrono::seconds>(limits_.stall).count(), peer.jobs.size());
      sent = Sent::Gone;
    }
    if (sent == Sent::Gone || peer.jobs.empty()) p = peers_.erase(p);
    else ++p;
  }
}

void ChpServer::heartbeat(Clock::time_point now, std::chrono::milliseconds interval) {
  if (now - last_sent_ < interval) return;
  send_frames(publisher_, chp::encode_hugz());
  last_sent_ = now;
}

}  // namespace hall
