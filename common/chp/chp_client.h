// chp_client.h: the receiving side of RFC 12/CHP, used by signage and kiosks.
// Connects a DEALER to the snapshot port P and a SUB to P+1 (subscribed to
// each of its subtrees and to HUGZ), asks one ICANHAZ per subtree, collects
// KVSYNC... until every subtree's KTHXBAI has come, then applies KVPUB updates
// whose sequence is above the one its subtree's snapshot carried.
//
// It starts over with a fresh snapshot when
//   - a KVPUB shows a gap: its "prev:<subtree>" property names a sequence
//     above the last one applied under that subtree (an update was lost);
//   - a KVPUB carries a different "epoch=" than before (the server restarted);
//   - its SUB connection dropped and came back (a ZeroMQ socket monitor sees
//     DISCONNECTED then CONNECTED): the server may have restarted and
//     published while we were away;
//   - the server is silent (no KVPUB, no HUGZ) for `silence_timeout`;
//   - a snapshot does not complete within `snapshot_timeout`.
// The map in use stays in place while a new snapshot is collected.
// Threading: one thread owns a client; pump() never blocks.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/chp/chp.h"
#include "common/wire/sockets.h"

namespace hall {

struct ChpClientOptions {
  Endpoint snapshot;    // P; updates come from P+1
  std::string subtree;  // "" for everything, or "/segment/" (used when `subtrees` is empty)
  std::chrono::milliseconds snapshot_timeout{2000};
  std::chrono::milliseconds silence_timeout{5000};
  std::vector<std::string> subtrees;  // several subtrees, one ICANHAZ each
};

class ChpClient {
 public:
  using Clock = std::chrono::steady_clock;
  enum class State { Syncing, Live };
  // Why the last re-snapshot was asked for (for logs and tests).
  enum class Resync { None, Start, Timeout, Silence, Gap, Restart, Reconnect };

  ChpClient(const SocketFactory& sockets, ChpClientOptions options);
  ~ChpClient();

  // Reads everything waiting on both sockets; returns how many keys changed.
  size_t pump(Clock::time_point now);

  const std::map<std::string, std::string>& map() const { return map_; }
  // The highest sequence applied over all subtrees.
  uint64_t sequence() const;
  State state() const { return state_; }
  bool has_snapshot() const { return snapshots_ > 0; }
  size_t snapshots() const { return snapshots_; }  // completed snapshots so far
  Clock::time_point last_heard() const { return last_heard_; }
  Resync last_resync() const { return last_resync_; }
  size_t resyncs(Resync why) const;
  const std::string& epoch() const { return epoch_; }
  // The sockets to wait on (ZMQ_POLLIN) before the next pump(), for event
  // loops that serve many clients or want to sleep until traffic arrives.
  std::vector<zmq::pollitem_t> poll_items() const;

 private:
  void request_snapshot(Clock::time_point now, Resync why);
  void close_sockets();
  bool sub_reconnected();  // drains the SUB's monitor
  size_t pump_snapshot(Clock::time_point now);
  size_t pump_updates(Clock::time_point now);
  // The subscribed subtree a key belongs to (longest match), or nullptr.
  std::pair<const std::string, uint64_t>* subtree_of(const std::string& key);

  const SocketFactory& sockets_;
  ChpClientOptions options_;
  std::vector<std::string> subtrees_;
  std::unique_ptr<zmq::socket_t> dealer_;
  std::unique_ptr<zmq::socket_t> sub_;
  std::unique_ptr<zmq::socket_t> monitor_;  // PAIR receiving the SUB's connect events
  bool sub_dropped_ = false;
  State state_ = State::Syncing;
  std::map<std::string, std::string> map_;
  std::map<std::string, std::string> incoming_;  // snapshot being collected
  std::map<std::string, uint64_t> applied_;      // subtree -> last sequence applied under it
  std::map<std::string, uint64_t> pending_;      // subtree -> KTHXBAI sequence (this snapshot)
  std::string epoch_;                            // the server's "epoch=" once seen
  size_t snapshots_ = 0;
  Resync last_resync_ = Resync::None;
  std::map<Resync, size_t> resync_counts_;
  Clock::time_point requested_at_{};
  Clock::time_point last_heard_{};
};

}  // namespace hall
