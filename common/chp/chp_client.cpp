#include "common/chp/chp_client.h"

#include <algorithm>
#include <atomic>

#include "common/wire/frames.h"
#include "common/base/log.h"
#include "common/base/utf8.h"

namespace hall {

namespace {
const char* resync_name(ChpClient::Resync why) {
  switch (why) {
    case ChpClient::Resync::Start: return "start";
    case ChpClient::Resync::Timeout: return "snapshot timeout";
    case ChpClient::Resync::Silence: return "silence";
    case ChpClient::Resync::Gap: return "sequence gap";
    case ChpClient::Resync::Restart: return "server restart";
    case ChpClient::Resync::Reconnect: return "reconnected";
    default: return "none";
  }
}
}  // namespace

ChpClient::ChpClient(const SocketFactory& sockets, ChpClientOptions options)
    : sockets_(sockets), options_(std::move(options)) {
  subtrees_ = options_.subtrees.empty() ? std::vector<std::string>{options_.subtree} : options_.subtrees;
  std::sort(subtrees_.begin(), subtrees_.end());
  subtrees_.erase(std::unique(subtrees_.begin(), subtrees_.end()), subtrees_.end());
  for (const auto& s : subtrees_)
    if (!chp::valid_subtree(s)) log::error("CHP client: bad subtree \"{}\" (use /segment/ ending in a slash)", s);
  request_snapshot(Clock::now(), Resync::Start);
}

ChpClient::~ChpClient() { close_sockets(); }

void ChpClient::close_sockets() {
  if (sub_ && monitor_) zmq_socket_monitor(sub_->handle(), nullptr, 0);
  monitor_.reset();
  dealer_.reset();
  sub_.reset();
  sub_dropped_ = false;
}

bool ChpClient::sub_reconnected() {
  if (!monitor_) return false;
  bool reconnected = false;
  while (auto frames = recv_frames(*monitor_, 2)) {
    if (frames->empty() || frames->front().size() < 2) continue;
    const auto& head = frames->front();
    const uint16_t event = static_cast<uint16_t>(static_cast<unsigned char>(head[0]) |
                                                 (static_cast<unsigned char>(head[1]) << 8));
    if (event == ZMQ_EVENT_DISCONNECTED) sub_dropped_ = true;
    if (event == ZMQ_EVENT_CONNECTED && sub_dropped_) reconnected = true;
  }
  return reconnected;
}

uint64_t ChpClient::sequence() const {
  uint64_t best = 0;
  for (const auto& [s, seq] : applied_) best = std::max(best, seq);
  return best;
}

std::vector<zmq::pollitem_t> ChpClient::poll_items() const {
  std::vector<zmq::pollitem_t> items;
  for (const auto* s : {dealer_.get(), sub_.get(), monitor_.get()})
    if (s) items.push_back({const_cast<zmq::socket_t*>(s)->handle(), 0, ZMQ_POLLIN, 0});
  return items;
}

size_t ChpClient::resyncs(Resync why) const {
  auto it = resync_counts_.find(why);
  return it == resync_counts_.end() ? 0 : it->second;
}

void ChpClient::request_snapshot(Clock::time_point now, Resync why) {
  // Fresh sockets each time: a request queued to a dead server must not be
  // answered twice, and the SUB must be connected before the snapshot so no
  // update between snapshot and subscription is lost.
  last_resync_ = why;
  ++resync_counts_[why];
  log::debug("CHP client: asking {} for a snapshot ({})", options_.snapshot.address(), resync_name(why));
  close_sockets();
  Endpoint pub_at = options_.snapshot;
  pub_at.port += 1;
  auto sub = sockets_.connect(zmq::socket_type::sub, pub_at);
  auto dealer = sockets_.connect(zmq::socket_type::dealer, options_.snapshot);
  if (!sub || !dealer) {
    log::error("CHP client: {}", sub ? dealer.error() : sub.error());
    requested_at_ = now;
    return;
  }
  bool everything = false;
  for (const auto& s : subtrees_) {
    sub->set(zmq::sockopt::subscribe, s);
    everything |= s.empty();
  }
  if (!everything) sub->set(zmq::sockopt::subscribe, std::string(chp::kHugz));
  sub_ = std::make_unique<zmq::socket_t>(std::move(*sub));
  // Watch the SUB's connection: a reconnect means we may have missed updates.
  static std::atomic<unsigned> monitors{0};
  const std::string monitor_at = "inproc://chp-client-monitor-" + std::to_string(monitors++);
  if (zmq_socket_monitor(sub_->handle(), monitor_at.c_str(), ZMQ_EVENT_CONNECTED | ZMQ_EVENT_DISCONNECTED) == 0) {
    monitor_ = std::make_unique<zmq::socket_t>(sockets_.context(), zmq::socket_type::pair);
    monitor_->connect(monitor_at);
  }
  dealer_ = std::make_unique<zmq::socket_t>(std::move(*dealer));
  for (const auto& s : subtrees_) send_frames(*dealer_, chp::encode_icanhaz(s));
  incoming_.clear();
  pending_.clear();
  state_ = State::Syncing;
  requested_at_ = now;
}

size_t ChpClient::pump(Clock::time_point now) {
  if (!dealer_) {
    if (now - requested_at_ >= options_.snapshot_timeout) request_snapshot(now, Resync::Timeout);
    return 0;
  }
  if (state_ == State::Syncing) {
    size_t changed = pump_snapshot(now);
    if (state_ == State::Syncing && now - requested_at_ >= options_.snapshot_timeout) {
      log::debug("CHP client: no snapshot from {} yet, asking again", options_.snapshot.address());
      request_snapshot(now, Resync::Timeout);
    }
    return changed;
  }
  size_t changed = pump_updates(now);
  if (state_ == State::Live && sub_reconnected()) {
    log::info("CHP client: reconnected to {}, re-synchronising", options_.snapshot.address());
    request_snapshot(now, Resync::Reconnect);
    return changed;
  }
  if (state_ == State::Live && now - last_heard_ >= options_.silence_timeout) {
    log::warn("CHP client: no updates or HUGZ for {} ms, re-synchronising",
              options_.silence_timeout.count());
    request_snapshot(now, Resync::Silence);
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
    if (kv->key == chp::kError) {
      // The server refused a request (it stays Syncing and asks again on timeout).
      log::warn("CHP client: snapshot refused: {}", utf8::printable(kv->value, 300));
      continue;
    }
    if (kv->key != chp::kKthxbai) {
      if (!kv->value.empty()) incoming_[kv->key] = std::move(kv->value);
      continue;
    }
    if (std::find(subtrees_.begin(), subtrees_.end(), kv->value) == subtrees_.end()) {
      log::warn("CHP client: KTHXBAI for a subtree not asked for: \"{}\"", kv->value);
      continue;
    }
    pending_[kv->value] = kv->sequence;
    if (pending_.size() < subtrees_.size()) continue;

    size_t changed = 0;
    for (const auto& [k, v] : incoming_) {
      auto it = map_.find(k);
      changed += it == map_.end() || it->second != v;
    }
    for (const auto& [k, v] : map_) changed += incoming_.count(k) == 0;
    map_.swap(incoming_);
    incoming_.clear();
    applied_ = pending_;
    state_ = State::Live;
    last_heard_ = now;
    ++snapshots_;
    log::info("CHP snapshot applied: {} keys in {} subtree(s) at sequence {}", map_.size(),
              subtrees_.size(), sequence());
    return changed + pump_updates(now);
  }
  return 0;
}

std::pair<const std::string, uint64_t>* ChpClient::subtree_of(const std::string& key) {
  std::pair<const std::string, uint64_t>* best = nullptr;
  for (auto& entry : applied_) {
    if (key.compare(0, entry.first.size(), entry.first) != 0) continue;
    if (!best || entry.first.size() > best->first.size()) best = &entry;
  }
  return best;
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
    auto* slot = subtree_of(kv->key);
    if (!slot || kv->sequence <= slot->second) continue;  // not ours, or in the snapshot
    const auto props = chp::decode_properties(kv->properties);
    if (auto e = props.find("epoch"); e != props.end()) {
      if (!epoch_.empty() && e->second != epoch_) {
        log::warn("CHP client: the server restarted (epoch {} -> {}), re-synchronising", epoch_, e->second);
        epoch_ = e->second;
        request_snapshot(now, Resync::Restart);
        return changed;
      }
      epoch_ = e->second;
    }
    // Gap detection: the previous sequence under our subtree must be one we applied.
    uint64_t prev = 0;
    bool have_prev = false;
    if (slot->first.empty()) {
      prev = kv->sequence - 1;  // everything: the global sequence has no holes
      have_prev = true;
    } else if (auto p = props.find("prev:" + slot->first); p != props.end()) {
      prev = std::strtoull(p->second.c_str(), nullptr, 10);
      have_prev = true;
    }
    if (have_prev && prev > slot->second) {
      log::warn("CHP client: missed update(s) under \"{}\" ({} applied, {} published before {}), re-synchronising",
                slot->first, slot->second, prev, kv->sequence);
      request_snapshot(now, Resync::Gap);
      return changed;
    }
    slot->second = kv->sequence;
    if (kv->value.empty()) {
      changed += map_.erase(kv->key);
    } else {
      auto& v = map_[kv->key];
      changed += v != kv->value;
      v = std::move(kv->value);
    }
  }
  return changed;
}

}  // namespace hall
