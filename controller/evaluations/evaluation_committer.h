// evaluation_committer.h: the thread that writes the kiosks' evaluations to the
// central store (group commit, docs/evaluations.md).
//
// It has its own connection to the store (WAL: the controller's loop keeps
// reading and writing on its connection meanwhile; writes take turns on
// SQLite's write lock). For each batch the loop hands over it checks every
// evaluation against the store (known uuid, ticket served within the
// window, one rating per ticket, press filter), inserts the good ones with
// the rows of the bus's writers (cases, the upstream outbox), and commits with synchronous=FULL, in transactions of at most
// `evaluation.batch_max` rows. Then it hands the batch back, each row marked
// stored, duplicate or refused, and wakes the loop through wake_fd(). The
// loop acks only what it gets back stored, and meanwhile reads the next
// batch from the kiosks, so a slow fsync does not hold up the loop.
//
// Threading: submit(), take() and busy() from the loop's thread only; the
// checks, inserts and commits on the committer's thread.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "controller/evaluations/evaluations.h"
#include "controller/evaluations/evaluation_bus.h"
#include "controller/evaluations/phone_vault.h"
#include "controller/queue/tickets.h"
#include "common/store/store.h"
#include "common/time/clock.h"

namespace controller {

// One submitted evaluation.
struct EvaluationRow {
  // As the kiosk sent it; the committer adds the window and the staff member
  // from the ticket. The evaluation hooks get it as it is.
  CommittedEvaluation e;
  std::string reasons;  // JSON array text
  std::string kiosk;
  int64_t created_ms = 0;
  // Filled in by the committer.
  int64_t ticket_id = 0;
  std::string service_item_id, service_item_name;
  bool duplicate = false;  // the uuid was already stored
  std::string code, why;   // why it was refused ("store_error": not stored, send again)
};

struct EvaluationBatch {
  std::vector<EvaluationRow> rows;
  hall::SystemTime received;  // the controller's clock when the batch was handed over
};

class EvaluationCommitter {
 public:
  // Opens its connection to `store_path` (already migrated) and starts.
  // `bus`'s writers run inside each transaction on the committer's thread.
  static hall::Result<std::unique_ptr<EvaluationCommitter>> start(const EvaluationSettings& settings,
                                                               const EvaluationBus& bus,
                                                               const std::string& store_path,
                                                               std::shared_ptr<const PhoneVault> phones);
  // Finishes the batch in hand (unanswered: the kiosks send it again), stops.
  ~EvaluationCommitter();

  // Readable once a batch is back; take() clears it.
  int wake_fd() const { return wake_fd_; }
  // A batch is being written and has not been taken back yet.
  bool busy() const { return busy_; }
  // Hands over a batch; only when !busy().
  void submit(EvaluationBatch batch);
  // The batch written, once it is back.
  std::optional<EvaluationBatch> take();

 private:
  EvaluationCommitter(const EvaluationSettings& settings, const EvaluationBus& bus,
                      std::unique_ptr<hall::Store> store, std::shared_ptr<const PhoneVault> phones);
  hall::Status prepare();
  void run();
  void write(EvaluationBatch& batch);
  hall::Status commit(EvaluationBatch& batch, size_t from, size_t to);
  hall::Status check(EvaluationRow& row, int64_t now_ms);
  bool check_ticket(EvaluationRow& row, const std::optional<Ticket>& t, int64_t now_ms);
  bool too_fast(const std::string& kiosk, int64_t created_ms);

  const EvaluationSettings s_;
  const EvaluationBus& bus_;
  std::unique_ptr<hall::Store> store_;
  std::shared_ptr<const PhoneVault> phones_;
  TicketBook book_;
  std::optional<hall::Statement> by_uuid_, by_ticket_, press_, insert_;
  // What the transaction being written holds so far.
  std::unordered_set<int64_t> batch_tickets_;
  std::unordered_set<std::string> batch_uuids_;
  std::unordered_map<std::string, std::vector<int64_t>> batch_kiosk_;
  std::string received_at_;
  bool full_ = false;  // the last commit() failed for lack of disk space

  int wake_fd_ = -1;
  bool busy_ = false;  // the loop's view
  std::mutex mu_;
  std::condition_variable cv_;
  std::optional<EvaluationBatch> in_, out_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace controller
