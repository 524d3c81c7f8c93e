// chp_server.h: the publishing side of RFC 12/CHP. Owns the hashmap, a ROUTER
// snapshot socket on port P and a PUB socket on P+1; answers ICANHAZ with
// KVSYNC... KTHXBAI for the asked subtree, publishes each change as KVPUB with
// a strictly increasing sequence, and sends HUGZ when idle.
//
// Every KVPUB carries two kinds of RFC 12 properties ("name=value" lines) so a
// client that asked for only some subtrees can still tell a lost update from
// one it was never meant to see, and can tell that the server restarted:
//   epoch=<16 hex>        a fresh random id per server start
//   prev:<prefix>=<seq>   for every folder prefix of the key ("/a/", "/a/b/"),
//                         the sequence of the previous KVPUB under that prefix
//                         (0 if none since start)
// A client subscribed to prefix P that last applied sequence S under P has
// missed something when a KVPUB under P says prev:P > S (docs/protocol.md).
//
// Bounded memory: snapshots are streamed, not buffered. The snapshot socket
// has a small send high-water mark and ROUTER_MANDATORY, so a send to a peer
// whose queue is full fails at once instead of growing it; each peer has a
// short queue of asked subtrees, sent from a cursor as far as its queue takes
// them, continued on the next serve_snapshots(). A peer that asks for more
// than `pending_per_peer` subtrees at once is refused (CHP "ERROR"), and a
// peer that takes nothing for `stall` is dropped: its work is forgotten and
// ZeroMQ holds at most `send_hwm` messages for it until it goes away.
// A streamed snapshot is consistent the RFC 12 way: KTHXBAI carries the
// sequence at which the snapshot started, and a key that changed while it was
// streamed is sent with its new value and also published, so a client that
// applies the updates above that sequence (as RFC 12 asks) ends up exact.
// Threading: one thread (the controller's loop) owns the server.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "common/chp/chp.h"
#include "common/base/rate_limit.h"
#include "common/base/result.h"
#include "common/wire/sockets.h"

namespace hall {

struct ChpServerLimits {
  int send_hwm = 256;             // messages queued per snapshot peer inside ZeroMQ
  size_t pending_per_peer = 32;   // subtrees one peer may have asked for and not yet received
  size_t peers = 4096;            // peers with snapshots under way; more are refused
  std::chrono::milliseconds stall{10000};  // a peer that takes nothing this long is dropped
  size_t messages_per_turn = 4096;         // snapshot messages sent per serve_snapshots()
};

// What the snapshot side has done since start (hallctl status).
struct ChpServerCounters {
  uint64_t snapshots = 0;       // KTHXBAI sent
  uint64_t refused = 0;         // ICANHAZ refused: malformed, too many pending, too many peers
  uint64_t stalled_peers = 0;   // peers dropped for not reading
};

class ChpServer {
 public:
  using Clock = std::chrono::steady_clock;

  // Both sockets' ZAP domain under CURVE.
  static constexpr char kZapDomain[] = "chp";

  // Binds snapshot at `snapshot.port` and the publisher at port + 1.
  // `first_sequence` lets a restarted server continue above its old numbers.
  static Result<std::unique_ptr<ChpServer>> start(const SocketFactory& sockets,
                                                  const Endpoint& snapshot,
                                                  uint64_t first_sequence = 0,
                                                  ChpServerLimits limits = {});

  // Sets (or with an empty value deletes) a key and publishes it. Unchanged
  // values are not republished. Returns the sequence number used (0 if none).
  uint64_t set(const std::string& key, std::string value, std::string properties = {});

  // Takes waiting ICANHAZ and sends snapshot messages as far as the peers'
  // queues take them, without blocking. Call it when the snapshot socket is
  // readable and, while busy(), on every loop turn. With `admit`, only a
  // request whose sender key (the message's ZAP user id) it accepts is served.
  using Admit = std::function<bool(const std::string& user_id)>;
  void serve_snapshots(const Admit& admit = {});
  // True while some peer's snapshot is not yet fully sent.
  bool busy() const { return !peers_.empty(); }
  // How soon to call serve_snapshots() again while busy(): at once-ish when
  // the last call got messages out (the peers are reading), else later.
  std::chrono::milliseconds retry_after() const {
    return progressed_ ? std::chrono::milliseconds(1) : std::chrono::milliseconds(10);
  }
  // Sends HUGZ if nothing was published for `interval`.
  void heartbeat(Clock::time_point now, std::chrono::milliseconds interval = std::chrono::seconds(1));

  zmq::socket_t& snapshot_socket() { return snapshot_; }
  // This start's random id (16 lowercase hex digits), sent as "epoch=".
  const std::string& epoch() const { return epoch_; }
  uint64_t sequence() const { return sequence_; }
  size_t size() const { return map_.size(); }
  const ChpServerCounters& counters() const { return counters_; }

 private:
  ChpServer(zmq::socket_t snapshot, zmq::socket_t publisher, uint64_t seq, ChpServerLimits limits);
  std::string publish_properties(const std::string& key, uint64_t seq, const std::string& own);
  void take_requests(Clock::time_point now, const Admit& admit);
  void refuse(const std::string& identity, const std::string& why);
  // Sends what `identity`'s pipe takes; false when the peer is gone or stalled.
  enum class Sent { Done, Blocked, Gone };
  Sent send_to(const std::string& identity, const chp::Frames& frames);

  struct Entry {
    uint64_t sequence;
    std::string properties;
    std::string value;
  };
  struct Job {
    std::string subtree;
    uint64_t sequence;                // KTHXBAI: the sequence when the snapshot started
    std::optional<std::string> last;  // the last key sent
  };
  struct Peer {
    std::deque<Job> jobs;
    Clock::time_point progress;  // when a message last went out
  };
  zmq::socket_t snapshot_;
  zmq::socket_t publisher_;
  ChpServerLimits limits_;
  std::map<std::string, Entry> map_;
  uint64_t sequence_;
  Clock::time_point last_sent_{};
  std::string epoch_;
  std::map<std::string, uint64_t> last_under_;  // folder prefix -> last KVPUB sequence
  std::map<std::string, Peer> peers_;           // ROUTER identity -> snapshots under way
  ChpServerCounters counters_;
  bool progressed_ = false;  // the last serve_snapshots() sent something
  RateLimit refusal_log_{1, std::chrono::seconds(1)};  // log lines about refusals
};

}  // namespace hall
