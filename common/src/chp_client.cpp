#include "hall/chp_client.h"

#include "hall/frames.h"
#include "hall/log.h"

namespace hall {

ChpClient::ChpClient(const SocketFactory& sockets, ChpClientOptions options)
    : sockets_(sockets), options_(std::move(options)) {
  request_snapshot(Clock::now());
}

ChpClient::~ChpClient() = default;

void ChpClient::request_snapshot(Clock::time_point now) {
  // Fresh sockets each time: a request queued to a dead server must not be
  // answered twice, and the SUB must be connected before the snapshot so no
  // update between snapshot and subscription is lost.
  dealer_.reset();
  sub_.reset();
  Endpoint pub_at = options_.snapshot;
  pub_at.port += 1;
  auto sub = sockets_.connect(zmq::socket_type::sub, pub_at);
  auto dealer = sockets_.connect(zmq::socket_type::dealer, options_.snapshot);
  if (!sub || !dealer) {
    log::error("CHP client: {}", sub ? dealer.error() : sub.error());
    requested_at_ = now;
    return;
  }
  sub->set(zmq::sockopt::subscribe, options_.subtree);
  if (!options_.subtree.empty()) sub->set(zmq::sockopt::subscribe, std::string(chp::kHugz));
  sub_ = std::make_unique<zmq::socket_t>(std::move(*sub));
  dealer_ = std::make_unique<zmq::socket_t>(std::move(*dealer));
  send_frames(*dealer_, chp::encode_icanhaz(options_.subtree));
  incoming_.clear();
  state_ = State::Syncing;
  requested_at_ = now;
}

size_t ChpClient::pump(Clock::time_point now) {
  if (!dealer_) {
    if (now - requested_at_ >= options_.snapshot_timeout) request_snapshot(now);
    return 0;
  }
  if (state_ == State::Syncing) {
    size_t changed = pump_snapshot(now);
    if (state_ == State::Syncing && now - requested_at_ >= options_.snapshot_timeout) {
      log::debug("CHP client: no snapshot from {} yet, asking again", options_.snapshot.address());
      request_snapshot(now);
    }
    return changed;
  }
  size_t changed = pump_updates(now);
  if (state_ == State::Live && now - last_heard_ >= options_.silence_timeout) {
    log::warn("CHP client: no updates or HUGZ for {} ms, re-synchronising",
              options_.silence_timeout.count());
    request_snapshot(now);
  }
  return changed;
}

size_t ChpClient::pump_snapshot(Clock::time_point now) {
  while (auto frames = recv_frames(*dealer_, 5)) {
    auto kv = chp::decode_kv(*frames);
    if (!kv) {
      log::warn("CHP client: bad snapshot frame: {}", kv.error());
      continue;
    }
    if (kv->key != chp::kKthxbai) {
      if (!kv->value.empty()) incoming_[kv->key] = std::move(kv->value);
      continue;
    }
    size_t changed = 0;
    for (const auto& [k, v] : incoming_) {
      auto it = map_.find(k);
      changed += it == map_.end() || it->second != v;
    }
    for (const auto& [k, v] : map_) changed += incoming_.count(k) == 0;
    map_.swap(incoming_);
    incoming_.clear();
    sequence_ = kv->sequence;
    state_ = State::Live;
    last_heard_ = now;
    ++snapshots_;
    log::info("CHP snapshot applied: {} keys at sequence {}", map_.size(), sequence_);
    return changed + pump_updates(now);
  }
  return 0;
}

size_t ChpClient::pump_updates(Clock::time_point now) {
  size_t changed = 0;
  while (auto frames = recv_frames(*sub_, 5)) {
    auto kv = chp::decode_kv(*frames);
    if (!kv) {
      log::warn("CHP client: bad update: {}", kv.error());
      continue;
    }
    last_heard_ = now;
    if (kv->key == chp::kHugz) continue;
    if (kv->sequence <= sequence_) continue;  // already in the snapshot
    sequence_ = kv->sequence;
    if (kv->value.empty()) changed += map_.erase(kv->key);
    else {
      auto& slot = map_[kv->key];
      changed += slot != kv->value;
      slot = std::move(kv->value);
    }
  }
  return changed;
}

}  // namespace hall
