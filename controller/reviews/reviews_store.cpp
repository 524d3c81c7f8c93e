#include "controller/reviews/reviews_store.h"

#include <cmath>
#include <functional>

#include "common/wire/codec.h"

namespace controller {

int64_t points_to_milli(double points) { return std::llround(points * 1000.0); }

namespace {
hall::Status step_all(hall::Statement& st, const std::function<void(hall::Statement&)>& row) {
  while (true) {
    auto more = st.step();
    if (!more) return more.take_error();
    if (!*more) return {};
    row(st);
  }
}

hall::Result<int64_t> run_insert(hall::Store& store, hall::Statement& st) {
  if (auto s = st.run(); !s) return s.take_error();
  return store.last_insert_rowid();
}

const std::string kSelectBonus =
    "SELECT id, period, subject_kind, subject, points_milli, reason, entered_by, entered_at, withdrawn_at, "
    "withdrawn_by, withdraw_reason FROM contest_bonuses";

StoredBonus bonus_row(hall::Statement& q) {
  StoredBonus b;
  b.id = q.column_int(0);
  b.points_milli = q.column_int(4);
  b.bonus = {q.column_text(1), q.column_text(2), q.column_text(3), b.points_milli / 1000.0, q.column_text(5),
             q.column_text(6)};
  b.entered_at = q.column_text(7);
  b.withdrawn_at = q.column_text(8);
  b.withdrawn_by = q.column_text(9);
  b.withdraw_reason = q.column_text(10);
  return b;
}
}  // namespace

hall::Result<StoredReviews> load_reviews(hall::Store& store, const std::string& period) {
  const std::string where = period.empty() ? "" : " WHERE period = ?1";
  StoredReviews out;
  auto peer = store.prepare("SELECT id, period, reviewer, reviewee, skill, conduct, results, comment, entered_at "
                            "FROM peer_reviews" + where + " ORDER BY id");
  if (!peer) return peer.take_error();
  if (!period.empty()) peer->bind(1, period);
  if (auto s = step_all(*peer, [&](hall::Statement& q) {
        StoredPeerReview r;
        r.id = q.column_int(0);
        r.review = {q.column_text(1), q.column_text(2), q.column_text(3), static_cast<int>(q.column_int(4)),
                    static_cast<int>(q.column_int(5)), static_cast<int>(q.column_int(6)), q.column_text(7)};
        r.entered_at = q.column_text(8);
        out.peer.push_back(std::move(r));
      });
      !s)
    return s.take_error();
  auto leader = store.prepare("SELECT id, period, reviewer, kind, subject_kind, subject, score, comment, entered_at "
                              "FROM leader_reviews" + where + " ORDER BY id");
  if (!leader) return leader.take_error();
  if (!period.empty()) leader->bind(1, period);
  if (auto s = step_all(*leader, [&](hall::Statement& q) {
        StoredLeaderReview r;
        r.id = q.column_int(0);
        r.review = {q.column_text(1), q.column_text(2), q.column_text(3), q.column_text(4),
                    q.column_text(5), static_cast<int>(q.column_int(6)), q.column_text(7)};
        r.entered_at = q.column_text(8);
        out.leader.push_back(std::move(r));
      });
      !s)
    return s.take_error();
  auto bonus = store.prepare(kSelectBonus + where + " ORDER BY id");
  if (!bonus) return bonus.take_error();
  if (!period.empty()) bonus->bind(1, period);
  if (auto s = step_all(*bonus, [&](hall::Statement& q) { out.bonuses.push_back(bonus_row(q)); }); !s)
    return s.take_error();
  return out;
}

hall::Result<std::optional<StoredBonus>> find_bonus(hall::Store& store, int64_t id) {
  auto st = store.prepare(kSelectBonus + " WHERE id = ?1");
  if (!st) return st.take_error();
  st->bind(1, id);
  std::optional<StoredBonus> found;
  if (auto s = step_all(*st, [&](hall::Statement& q) { found = bonus_row(q); }); !s) return s.take_error();
  return found;
}

hall::Status withdraw_bonus(hall::Store& store, int64_t id, const std::string& by, const std::string& reason,
                            const std::string& at) {
  auto st = store.prepare(
      "UPDATE contest_bonuses SET withdrawn_at = ?2, withdrawn_by = ?3, withdraw_reason = ?4 WHERE id = ?1");
  if (!st) return st.take_error();
  st->bind(1, id).bind(2, at).bind(3, by).bind(4, reason);
  return st->run();
}

hall::Result<PeerPairs> load_peer_pairs(hall::Store& store, const std::string& period) {
  auto st = store.prepare("SELECT period, reviewer, reviewee FROM peer_reviews WHERE period = ?1");
  if (!st) return st.take_error();
  st->bind(1, period);
  PeerPairs pairs;
  if (auto s = step_all(*st, [&](hall::Statement& q) {
        pairs.insert({q.column_text(0), q.column_text(1), q.column_text(2)});
      });
      !s)
    return s.take_error();
  return pairs;
}

hall::Result<int64_t> insert_peer_review(hall::Store& store, const PeerReview& r, const std::string& at) {
  auto st = store.prepare(
      "INSERT INTO peer_reviews (period, reviewer, reviewee, skill, conduct, results, comment, entered_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.take_error();
  st->bind(1, r.period).bind(2, r.reviewer).bind(3, r.reviewee).bind(4, int64_t{r.skill})
      .bind(5, int64_t{r.conduct}).bind(6, int64_t{r.results}).bind(7, r.comment).bind(8, at);
  return run_insert(store, *st);
}

hall::Result<int64_t> insert_leader_review(hall::Store& store, const LeaderReview& r, const std::string& at) {
  auto st = store.prepare(
      "INSERT INTO leader_reviews (period, reviewer, kind, subject_kind, subject, score, comment, entered_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.take_error();
  st->bind(1, r.period).bind(2, r.reviewer).bind(3, r.kind).bind(4, r.subject_kind).bind(5, r.subject)
      .bind(6, int64_t{r.score}).bind(7, r.comment).bind(8, at);
  return run_insert(store, *st);
}

hall::Result<int64_t> insert_bonus(hall::Store& store, const ContestBonus& b, const std::string& at) {
  auto st = store.prepare(
      "INSERT INTO contest_bonuses (period, subject_kind, subject, points_milli, reason, entered_by, entered_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.take_error();
  st->bind(1, b.period).bind(2, b.subject_kind).bind(3, b.subject).bind(4, points_to_milli(b.points))
      .bind(5, b.reason).bind(6, b.entered_by).bind(7, at);
  return run_insert(store, *st);
}

}  // namespace controller
