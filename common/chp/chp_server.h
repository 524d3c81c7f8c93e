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
// Threading: one thread (the controller's loop) owns the server.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "common/chp/chp.h"
#include "common/base/result.h"
#include "common/wire/sockets.h"

namespace hall {

class ChpServer {
 public:
  using Clock = std::chrono::steady_clock;

  // Binds snapshot at `snapshot.port` and the publisher at port + 1.
  // `first_sequence` lets a restarted server continue above its old numbers.
  static Result<std::unique_ptr<ChpServer>> start(const SocketFactory& sockets,
                                                  const Endpoint& snapshot,
                                                  uint64_t first_sequence = 0);

  // Sets (or with an empty value deletes) a key and publishes it. Unchanged
  // values are not republished. Returns the sequence number used (0 if none).
  uint64_t set(const std::string& key, std::string value, std::string properties = {});

  // Answers every waiting ICANHAZ without blocking.
  void serve_snapshots();
  // Sends HUGZ if nothing was published for `interval`.
  void heartbeat(Clock::time_point now, std::chrono::milliseconds interval = std::chrono::seconds(1));

  zmq::socket_t& snapshot_socket() { return snapshot_; }
  // This start's random id (16 lowercase hex digits), sent as "epoch=".
  const std::string& epoch() const { return epoch_; }
  uint64_t sequence() const { return sequence_; }
  size_t size() const { return map_.size(); }

 private:
  ChpServer(zmq::socket_t snapshot, zmq::socket_t publisher, uint64_t seq);
  std::string publish_properties(const std::string& key, uint64_t seq, const std::string& own);

  struct Entry {
    uint64_t sequence;
    std::string properties;
    std::string value;
  };
  zmq::socket_t snapshot_;
  zmq::socket_t publisher_;
  std::map<std::string, Entry> map_;
  uint64_t sequence_;
  Clock::time_point last_sent_{};
  std::string epoch_;
  std::map<std::string, uint64_t> last_under_;  // folder prefix -> last KVPUB sequence
};

}  // namespace hall
