#include "controller/reviews/reviews.h"

#include <algorithm>
#include <cmath>

#include "common/base/utf8.h"

namespace controller {

namespace {

hall::Status check_period(const std::string& period) {
  auto p = hall::parse_period(period);
  if (!p) return p.take_error();
  return {};
}

hall::Status check_score(const char* what, int score) {
  if (score < 1 || score > 5)
    return hall::fail(std::string(what) + " score " + std::to_string(score) +
                      " is out of range; give 1 (非常不满意) to 5 (非常满意)");
  return {};
}

hall::Status check_text(const char* what, const std::string& text, size_t max_bytes) {
  if (auto bad = hall::utf8::first_invalid(text))
    return hall::fail(std::string(what) + " is not valid UTF-8 (byte " + std::to_string(*bad) + "); re-enter it");
  if (text.size() > max_bytes)
    return hall::fail(std::string(what) + " is too long (" + std::to_string(text.size()) + " bytes, at most " +
                      std::to_string(max_bytes) + "); shorten it");
  return {};
}

hall::Status check_subject(const std::string& kind, const std::string& subject, const StaffLookup& staff,
                           const std::function<bool(const std::string&)>& window_exists) {
  if (kind == "staff") {
    if (!staff(subject)) return hall::fail("no staff member with id '" + subject + "'; check the id");
  } else if (kind == "window") {
    if (!window_exists(subject)) return hall::fail("no window with code '" + subject + "'; check the code");
  } else {
    return hall::fail("subject kind '" + kind + "' is unknown; use staff or window");
  }
  return {};
}

}  // namespace

hall::Status validate_peer_review(const PeerReview& r, const StaffLookup& staff, const PeerPairs& existing) {
  if (auto s = check_period(r.period); !s) return s;
  const StaffInfo* reviewer = staff(r.reviewer);
  if (!reviewer) return hall::fail("reviewer '" + r.reviewer + "' is not a known staff member; check the id");
  const StaffInfo* reviewee = staff(r.reviewee);
  if (!reviewee) return hall::fail("reviewee '" + r.reviewee + "' is not a known staff member; check the id");
  if (r.reviewer == r.reviewee) return hall::fail("rule: a staff member cannot review themselves (互评不能自评)");
  for (const StaffInfo* p : {reviewer, reviewee})
    if (!p->member)
      return hall::fail("rule: 党员互评 is among Party members; " + p->name +
                        " is not one (member = false in staff.toml)");
  if (reviewer->department != reviewee->department)
    return hall::fail(reviewer->name + " (" + reviewer->department + ") and " + reviewee->name + " (" +
                      reviewee->department + ") are in different departments; peer reviews are within a department");
  if (existing.count({r.period, r.reviewer, r.reviewee}))
    return hall::fail(reviewer->name + " has already reviewed " + reviewee->name + " for " + r.period +
                      "; one peer review per pair per period");
  if (auto s = check_score("skill (技能)", r.skill); !s) return s;
  if (auto s = check_score("conduct (作风)", r.conduct); !s) return s;
  if (auto s = check_score("results (业绩)", r.results); !s) return s;
  return check_text("the comment", r.comment, kMaxCommentBytes);
}

hall::Status validate_leader_review(const LeaderReview& r, const StaffLookup& staff,
                                    const std::function<bool(const std::string&)>& window_exists) {
  if (auto s = check_period(r.period); !s) return s;
  const StaffInfo* reviewer = staff(r.reviewer);
  if (!reviewer) return hall::fail("reviewer '" + r.reviewer + "' is not a known staff member; check the id");
  if (!reviewer->has_role("leader"))
    return hall::fail(reviewer->name + " does not have the leader role; only leaders enter leader reviews (领导点评)");
  if (std::find(kLeaderReviewKinds.begin(), kLeaderReviewKinds.end(), r.kind) == kLeaderReviewKinds.end())
    return hall::fail("review kind '" + r.kind + "' is unknown; use 集中, 个别, 随机 or 现场");
  if (auto s = check_subject(r.subject_kind, r.subject, staff, window_exists); !s) return s;
  if (auto s = check_score("leader review", r.score); !s) return s;
  return check_text("the comment", r.comment, kMaxCommentBytes);
}

hall::Status validate_contest_bonus(const ContestBonus& b, const StaffLookup& staff,
                                    const std::function<bool(const std::string&)>& window_exists,
                                    double bonus_max, bool entered_by_key) {
  if (auto s = check_period(b.period); !s) return s;
  if (!entered_by_key) {
    const StaffInfo* who = staff(b.entered_by);
    if (!who) return hall::fail("'" + b.entered_by + "' is not a known staff member; check the id");
    if (!who->has_role("leader") && !who->has_role("manager"))
      return hall::fail(who->name + " may not enter contest bonus points; a leader or manager must");
  }
  if (auto s = check_subject(b.subject_kind, b.subject, staff, window_exists); !s) return s;
  if (!std::isfinite(b.points) || b.points <= 0 || b.points > bonus_max)
    return hall::fail("bonus points must be above 0 and at most " + std::to_string(bonus_max).substr(0, 5) +
                      " per entry");
  if (std::abs(b.points * 1000 - std::round(b.points * 1000)) > 1e-6)
    return hall::fail("bonus points have at most three decimals (e.g. 2.5)");
  if (b.reason.empty()) return hall::fail("give a reason for the bonus (e.g. 业务技能竞赛一等奖)");
  return check_text("the reason", b.reason, 300);
}

}  // namespace controller
