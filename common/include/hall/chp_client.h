// chp_client.h: the receiving side of RFC 12/CHP, used by signage and kiosks.
// Connects a DEALER to the snapshot port P and a SUB to P+1 (subscribed to its
// subtree and to HUGZ), asks ICANHAZ, applies KVSYNC... until KTHXBAI, then
// applies KVPUB updates whose sequence is above the last one seen. It starts
// over with a fresh snapshot when the server is silent for `silence_timeout`
// (no HUGZ) or when a snapshot does not arrive in `snapshot_timeout`.
// The map in use stays in place while a new snapshot is collected.
// Threading: one thread owns a client; pump() never blocks.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "hall/chp.h"
#include "hall/sockets.h"

namespace hall {

struct ChpClientOptions {
  Endpoint snapshot;    // P; updates come from P+1
  std::string subtree;  // "" for everything, or "/segment/"
  std::chrono::milliseconds snapshot_timeout{2000};
  std::chrono::milliseconds silence_timeout{5000};
};

class ChpClient {
 public:
  using Clock = std::chrono::steady_clock;
  enum class State { Syncing, Live };

  ChpClient(const SocketFactory& sockets, ChpClientOptions options);
  ~ChpClient();

  // Reads everything waiting on both sockets; returns how many keys changed.
  size_t pump(Clock::time_point now);

  const std::map<std::string, std::string>& map() const { return map_; }
  uint64_t sequence() const { return sequence_; }
  State state() const { return state_; }
  bool has_snapshot() const { return snapshots_ > 0; }
  size_t snapshots() const { return snapshots_; }  // completed snapshots so far
  Clock::time_point last_heard() const { return last_heard_; }

 private:
  void request_snapshot(Clock::time_point now);
  size_t pump_snapshot(Clock::time_point now);
  size_t pump_updates(Clock::time_point now);

  const SocketFactory& sockets_;
  ChpClientOptions options_;
  std::unique_ptr<zmq::socket_t> dealer_;
  std::unique_ptr<zmq::socket_t> sub_;
  State state_ = State::Syncing;
  std::map<std::string, std::string> map_;
  std::map<std::string, std::string> incoming_;  // snapshot being collected
  uint64_t sequence_ = 0;
  size_t snapshots_ = 0;
  Clock::time_point requested_at_{};
  Clock::time_point last_heard_{};
};

}  // namespace hall
