// evaluation_bus.h: how other services follow the citizens' ratings. The
// evaluation service owns one bus (install_evaluations returns it); services
// that must act on a rating register here before the first poll:
//   - writers (cases, the upstream outbox) run inside the evaluation batch's
//     transaction, once per new row, so their rows commit with the rating or
//     not at all; an error rolls the batch back and the kiosks resend;
//   - listeners (rankings) hear of each rating after the COMMIT;
//   - withdrawal listeners (rankings) hear when a stored rating stops or
//     starts counting again (the case service announces it);
//   - case-closed writers (the upstream outbox) run inside the transaction
//     that closes a bad-review case, on the loop thread and its store.
// Threading: writers run on the evaluation committer's thread and write
// through the store they are given (that thread's connection), so they may
// only read state that does not change after start. Listeners run on the
// controller's loop thread. Registration happens before the first poll.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/base/result.h"
#include "common/store/store.h"

namespace controller {

// One citizen rating written to the evaluations table.
struct CommittedEvaluation {
  std::string uuid;
  std::string ticket;
  std::string phone;       // as the kiosk sent it; never stored, logged or exported so
  int64_t window_number = 0;
  std::string window_name;
  std::string staff_id;
  std::string staff_name;
  int score = 0;           // 1-5
  std::string created_at;  // the kiosk's ISO time; its date is the rating's day
  int64_t row_id = 0;      // evaluations.id; set for writers, 0 elsewhere
  std::string phone_sealed;  // what the store holds (phone_vault.h); set for writers
  std::string phone_masked;  // 138****5678; set for writers
};

// SQL condition on a row of `evaluations`: it counts in scores and reports,
// i.e. it has not been withdrawn because its case was rejected as a mistaken
// or malicious rating (不予认定). An appeal clears the case's reject_reason.
inline constexpr const char* kRatingCounted =
    "NOT EXISTS (SELECT 1 FROM cases WHERE cases.evaluation_uuid = evaluations.uuid AND cases.reject_reason != '')";

class EvaluationBus {
 public:
  using Writer = std::function<hall::Status(hall::Store&, const CommittedEvaluation&)>;
  using Listener = std::function<void(const CommittedEvaluation&)>;
  // `withdrawn`: set aside (不予认定); false: counted again after an appeal.
  using WithdrawalListener = std::function<void(const CommittedEvaluation&, bool withdrawn)>;

  void on_write(Writer fn) { writers_.push_back(std::move(fn)); }
  void on_commit(Listener fn) { listeners_.push_back(std::move(fn)); }
  void on_withdrawal(WithdrawalListener fn) { withdrawal_listeners_.push_back(std::move(fn)); }
  // `case_id`: cases.id of the case just closed (not yet committed).
  using CaseWriter = std::function<hall::Status(hall::Store&, int64_t case_id)>;
  void on_case_closed(CaseWriter fn) { case_writers_.push_back(std::move(fn)); }

  hall::Status written(hall::Store& store, const CommittedEvaluation& e) const {
    for (const auto& fn : writers_)
      if (auto s = fn(store, e); !s) return s;
    return {};
  }
  void committed(const CommittedEvaluation& e) const {
    for (const auto& fn : listeners_) fn(e);
  }
  void withdrawn(const CommittedEvaluation& e, bool withdrawn) const {
    for (const auto& fn : withdrawal_listeners_) fn(e, withdrawn);
  }
  hall::Status case_closed(hall::Store& store, int64_t case_id) const {
    for (const auto& fn : case_writers_)
      if (auto s = fn(store, case_id); !s) return s;
    return {};
  }

 private:
  std::vector<Writer> writers_;
  std::vector<Listener> listeners_;
  std::vector<WithdrawalListener> withdrawal_listeners_;
  std::vector<CaseWriter> case_writers_;
};

}  // namespace controller
