#include "controller/reviews/reviews_service.h"

#include "controller/core/audit.h"
#include "controller/core/controller.h"
#include "controller/reviews/reviews_store.h"
#include "common/time/clock.h"
#include "common/vocab/admin_types.h"
#include "common/access/roles.h"

namespace controller {
namespace {
using hall::FieldType;
using hall::Json;

// Comments and reasons are checked by reviews.h (kMaxCommentBytes) with a
// message that says how long they are; the wire limit only stops abuse.
constexpr size_t kWireText = 16 * 1024;

std::string points_text(int64_t milli) {
  std::string s = std::to_string(milli / 1000);
  if (int64_t frac = milli % 1000; frac != 0) {
    std::string f = std::to_string(1000 + frac).substr(1);
    while (f.back() == '0') f.pop_back();
    s += "." + f;
  }
  return s;
}

class Reviews {
 public:
  Reviews(Controller& c, double bonus_max) : c_(c), bonus_max_(bonus_max) {}

  const std::shared_ptr<ReviewFeed>& feed() const { return feed_; }

  std::optional<std::string> on_peer(const Request& r) {
    const auto& m = r.message;
    if (auto s = hall::check_fields(m, {{"period", FieldType::String, true, 16},
                                        {"reviewer", FieldType::String, false, 64},
                                        {"reviewee", FieldType::String, true, 64},
                                        {"skill", FieldType::Integer, true},
                                        {"conduct", FieldType::Integer, true},
                                        {"results", FieldType::Integer, true},
                                        {"comment", FieldType::String, false, kWireText}});
        !s)
      return hall::encode_error(&m, s.error(), "bad_request");
    PeerReview pr{m.body["period"], r.actor("reviewer"), m.body["reviewee"], score(m.body["skill"]),
                  score(m.body["conduct"]), score(m.body["results"]), m.body.value("comment", "")};
    auto dir = load_directory(c_.store());
    if (!dir) return hall::encode_error(&m, dir.error(), "store_error");
    auto pairs = load_peer_pairs(c_.store(), pr.period);
    if (!pairs) return hall::encode_error(&m, pairs.error(), "store_error");
    if (auto s = validate_peer_review(pr, dir->lookup(), *pairs); !s)
      return hall::encode_error(&m, s.error(), "refused");
    const std::string at = hall::iso_time(c_.now());
    auto id = write([&] { return insert_peer_review(c_.store(), pr, at); },
                    [&](int64_t id) {
                      return AuditRow{at, pr.reviewer, "peer_review:" + std::to_string(id), "review.peer", "",
                                      pr.reviewee,
                                      pr.period + " 技能" + std::to_string(pr.skill) + " 作风" +
                                          std::to_string(pr.conduct) + " 业绩" + std::to_string(pr.results)};
                    });
    if (!id) return hall::encode_error(&m, "the review was not stored: " + id.error(), "store_error");
    feed_->entered(pr, *dir);
    return hall::encode_reply(m, "review.entered", {{"kind", "peer"}, {"id", *id}, {"period", pr.period},
                                                    {"subject", {{"kind", "staff"}, {"id", pr.reviewee},
                                                                 {"name", dir->staff.at(pr.reviewee).name}}}});
  }

  std::optional<std::string> on_leader(const Request& r) {
    const auto& m = r.message;
    if (auto s = hall::check_fields(m, {{"period", FieldType::String, true, 16},
                                        {"reviewer", FieldType::String, false, 64},
                                        {"kind", FieldType::String, true, 64},
                                        {"subject_kind", FieldType::String, true, 16},
                                        {"subject", FieldType::String, true, 64},
                                        {"score", FieldType::Integer, true},
                                        {"comment", FieldType::String, false, kWireText}});
        !s)
      return hall::encode_error(&m, s.error(), "bad_request");
    LeaderReview lr{m.body["period"], r.actor("reviewer"), m.body["kind"], m.body["subject_kind"],
                    m.body["subject"], score(m.body["score"]), m.body.value("comment", "")};
    auto dir = load_directory(c_.store());
    if (!dir) return hall::encode_error(&m, dir.error(), "store_error");
    if (auto s = validate_leader_review(lr, dir->lookup(), window_exists(*dir)); !s)
      return hall::encode_error(&m, s.error(), "refused");
    const std::string at = hall::iso_time(c_.now());
    auto id = write([&] { return insert_leader_review(c_.store(), lr, at); },
                    [&](int64_t id) {
                      return AuditRow{at, lr.reviewer, "leader_review:" + std::to_string(id), "review.leader", "",
                                      lr.subject_kind + ":" + lr.subject,
                                      lr.period + " " + lr.kind + " " + std::to_string(lr.score)};
                    });
    if (!id) return hall::encode_error(&m, "the review was not stored: " + id.error(), "store_error");
    feed_->entered(lr, *dir);
    return hall::encode_reply(m, "review.entered", {{"kind", "leader"}, {"id", *id}, {"period", lr.period},
                                                    {"subject", subject(lr.subject_kind, lr.subject, *dir)}});
  }

  std::optional<std::string> on_bonus(const Request& r) {
    const auto& m = r.message;
    if (auto s = hall::check_fields(m, {{"period", FieldType::String, true, 16},
                                        {"subject_kind", FieldType::String, true, 16},
                                        {"subject", FieldType::String, true, 64},
                                        {"points", FieldType::Number, true},
                                        {"reason", FieldType::String, true, kWireText},
                                        {"by", FieldType::String, false, 64}});
        !s)
      return hall::encode_error(&m, s.error(), "bad_request");
    ContestBonus b{m.body["period"], m.body["subject_kind"], m.body["subject"], m.body["points"].get<double>(),
                   m.body["reason"], r.actor("by")};
    auto dir = load_directory(c_.store());
    if (!dir) return hall::encode_error(&m, dir.error(), "store_error");
    if (auto s = validate_contest_bonus(b, dir->lookup(), window_exists(*dir), bonus_max_,
                                           /*entered_by_key=*/r.who.secured); !s)
      return hall::encode_error(&m, s.error(), "refused");
    const int64_t milli = points_to_milli(b.points);
    if (auto s = check_against_entered(b, milli); !s) return hall::encode_error(&m, s.error(), "refused");
    const std::string at = hall::iso_time(c_.now());
    auto id = write([&] { return insert_bonus(c_.store(), b, at); },
                    [&](int64_t id) {
                      return AuditRow{at, b.entered_by, "bonus:" + std::to_string(id), "bonus.add", "",
                                      b.subject_kind + ":" + b.subject,
                                      b.period + " +" + points_text(milli) + " " + b.reason};
                    });
    if (!id) return hall::encode_error(&m, "the bonus was not stored: " + id.error(), "store_error");
    feed_->entered(b, *dir);
    return hall::encode_reply(m, "bonus.added", {{"id", *id}, {"period", b.period}, {"points", milli / 1000.0},
                                                 {"subject", subject(b.subject_kind, b.subject, *dir)}});
  }

  // bonus.withdraw: a bonus entered by mistake stops counting; it stays
  // listed as withdrawn, with who, when and why (audited).
  std::optional<std::string> on_withdraw(const Request& r) {
    const auto& m = r.message;
    if (auto s = hall::check_fields(m, {{"bonus", FieldType::Integer, true},
                                        {"reason", FieldType::String, true, kWireText},
                                        {"by", FieldType::String, false, 64}});
        !s)
      return hall::encode_error(&m, s.error(), "bad_request");
    const int64_t id = m.body["bonus"];
    const std::string reason = m.body["reason"], by = r.actor("by");
    if (reason.find_first_not_of(" \t\n") == std::string::npos)
      return hall::encode_error(&m, "say why the bonus is withdrawn (--reason), e.g. 重复录入", "bad_request");
    if (by.empty()) return hall::encode_error(&m, "say who withdraws it (--by)", "bad_request");
    auto found = find_bonus(c_.store(), id);
    if (!found) return hall::encode_error(&m, found.error(), "store_error");
    if (!*found)
      return hall::encode_error(&m, "there is no bonus " + std::to_string(id) + "; see hallctl reviews", "not_found");
    const StoredBonus& b = **found;
    if (!b.counts())
      return hall::encode_error(&m, "bonus " + std::to_string(id) + " was already withdrawn at " + b.withdrawn_at +
                                        " by " + b.withdrawn_by + " (" + b.withdraw_reason + ")",
                                "refused");
    auto dir = load_directory(c_.store());
    if (!dir) return hall::encode_error(&m, dir.error(), "store_error");
    const std::string at = hall::iso_time(c_.now());
    auto done = write([&]() -> hall::Result<int64_t> {
                        if (auto s = withdraw_bonus(c_.store(), id, by, reason, at); !s) return s.take_error();
                        return id;
                      },
                      [&](int64_t) {
                        return AuditRow{at, by, "bonus:" + std::to_string(id), "bonus.withdraw",
                                        b.bonus.period + " +" + points_text(b.points_milli) + " " + b.bonus.reason, "",
                                        reason};
                      });
    if (!done) return hall::encode_error(&m, "the bonus was not withdrawn: " + done.error(), "store_error");
    ContestBonus undo = b.bonus;  // the rankings take the same bonus back
    undo.points = -undo.points;
    feed_->entered(undo, *dir);
    return hall::encode_reply(m, "bonus.withdrawn", {{"id", id}, {"period", b.bonus.period},
                                                     {"points", b.points_milli / 1000.0},
                                                     {"subject", subject(b.bonus.subject_kind, b.bonus.subject, *dir)}});
  }

  std::optional<std::string> on_list(const Request& r) {
    const auto& m = r.message;
    if (auto s = hall::check_fields(m, {{"period", FieldType::String, false, 16}}); !s)
      return hall::encode_error(&m, s.error(), "bad_request");
    const std::string period = m.body.value("period", "");
    if (!period.empty())
      if (auto p = hall::parse_period(period); !p) return hall::encode_error(&m, p.error(), "bad_period");
    auto dir = load_directory(c_.store());
    if (!dir) return hall::encode_error(&m, dir.error(), "store_error");
    auto stored = load_reviews(c_.store(), period);
    if (!stored) return hall::encode_error(&m, stored.error(), "store_error");
    Json peer = Json::array(), leader = Json::array(), bonuses = Json::array();
    for (const auto& s : stored->peer) {
      const auto& p = s.review;
      peer.push_back({{"id", s.id}, {"period", p.period}, {"reviewer", person(p.reviewer, *dir)},
                      {"reviewee", person(p.reviewee, *dir)}, {"skill", p.skill}, {"conduct", p.conduct},
                      {"results", p.results}, {"comment", p.comment}, {"entered_at", s.entered_at}});
    }
    for (const auto& s : stored->leader) {
      const auto& l = s.review;
      leader.push_back({{"id", s.id}, {"period", l.period}, {"reviewer", person(l.reviewer, *dir)},
                        {"kind", l.kind}, {"subject", subject(l.subject_kind, l.subject, *dir)},
                        {"score", l.score}, {"comment", l.comment}, {"entered_at", s.entered_at}});
    }
    for (const auto& s : stored->bonuses) {
      const auto& b = s.bonus;
      bonuses.push_back({{"id", s.id}, {"period", b.period}, {"subject", subject(b.subject_kind, b.subject, *dir)},
                         {"points", s.points_milli / 1000.0}, {"reason", b.reason},
                         {"by", person(b.entered_by, *dir)}, {"entered_at", s.entered_at}});
      if (!s.counts())
        bonuses.back()["withdrawn"] = {{"at", s.withdrawn_at}, {"by", s.withdrawn_by}, {"reason", s.withdraw_reason}};
    }
    return hall::encode_reply(m, "reviews", {{"period", period}, {"peer", peer}, {"leader", leader},
                                             {"bonuses", bonuses}});
  }

 private:
  // Integers beyond int range read as 0, which the 1-5 check refuses.
  static int score(const Json& v) {
    const int64_t n = v.get<int64_t>();
    return n < -1000 || n > 1000 ? 0 : static_cast<int>(n);
  }

  static std::function<bool(const std::string&)> window_exists(const StaffDirectory& dir) {
    return [&dir](const std::string& code) { return dir.window_exists(code); };
  }

  static Json person(const std::string& id, const StaffDirectory& dir) {
    auto it = dir.staff.find(id);
    return {{"id", id}, {"name", it == dir.staff.end() ? "" : it->second.name}};
  }

  static Json subject(const std::string& kind, const std::string& code, const StaffDirectory& dir) {
    if (kind == "staff") {
      Json j = person(code, dir);
      j["kind"] = "staff";
      return j;
    }
    auto it = dir.windows.find(StaffDirectory::window_number(code));
    return {{"kind", kind}, {"number", StaffDirectory::window_number(code)},
            {"name", it == dir.windows.end() ? "" : it->second.name}};
  }

  // A new bonus against those already counting for its subject and month:
  // the same one again is refused as a duplicate, and all of them together
  // may not pass ranking.bonus_max.
  hall::Status check_against_entered(const ContestBonus& b, int64_t milli) {
    auto stored = load_reviews(c_.store(), b.period);
    if (!stored) return stored.take_error();
    int64_t sum = milli;
    std::string already;
    for (const auto& e : stored->bonuses) {
      if (!e.counts() || e.bonus.subject_kind != b.subject_kind || e.bonus.subject != b.subject) continue;
      if (e.points_milli == milli && e.bonus.reason == b.reason)
        return hall::fail("this bonus is already entered: bonus " + std::to_string(e.id) + " (+" +
                          points_text(milli) + " " + e.bonus.reason + ", by " + e.bonus.entered_by + " at " +
                          e.entered_at + "); to correct one, withdraw it: hallctl bonus withdraw " +
                          std::to_string(e.id) + " --reason ...");
      sum += e.points_milli;
      already += (already.empty() ? "" : ", ") + std::string("bonus ") + std::to_string(e.id) + " +" +
                 points_text(e.points_milli);
    }
    if (sum > points_to_milli(bonus_max_))
      return hall::fail("this would bring the bonus of " + b.subject + " for " + b.period + " to " +
                        points_text(sum) + ", above ranking.bonus_max " + points_text(points_to_milli(bonus_max_)) +
                        " for a month (already entered: " + already + ")");
    return {};
  }

  // Inserts a row and its audit row in one transaction; the row's id.
  template <class Insert, class Audit>
  hall::Result<int64_t> write(Insert insert, Audit audit_of) {
    auto& db = c_.store();
    if (auto s = db.begin(); !s) return s.take_error();
    auto id = insert();
    hall::Status s = id ? write_audit(db, audit_of(*id)) : hall::Status{id.take_error()};
    if (s) s = db.commit();
    if (!s) {
      (void)db.rollback();
      return s.take_error();
    }
    return *id;
  }

  Controller& c_;
  const double bonus_max_;
  std::shared_ptr<ReviewFeed> feed_ = std::make_shared<ReviewFeed>();
};
}  // namespace

hall::Result<std::shared_ptr<ReviewFeed>> install_reviews(Controller& c, double bonus_max) {
  auto svc = std::make_shared<Reviews>(c, bonus_max);
  c.handle(Channel::Admin, hall::wire::admin::kReviewPeer, hall::wire::kPeerReviewers, [svc](const Request& r) { return svc->on_peer(r); });
  c.handle(Channel::Admin, hall::wire::admin::kReviewLeader, hall::wire::kLeaders, [svc](const Request& r) { return svc->on_leader(r); });
  c.handle(Channel::Admin, hall::wire::admin::kBonusAdd, hall::wire::kManagers, [svc](const Request& r) { return svc->on_bonus(r); });
  c.handle(Channel::Admin, hall::wire::admin::kBonusWithdraw, hall::wire::kManagers,
           [svc](const Request& r) { return svc->on_withdraw(r); });
  c.handle(Channel::Admin, hall::wire::admin::kReviewsList, hall::wire::kReaders, [svc](const Request& r) { return svc->on_list(r); });
  return svc->feed();
}

}  // namespace controller
