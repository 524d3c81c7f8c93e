// reviews.h: validation of the reviews that feed the rankings besides citizen
// ratings (三比 and the other two of 三评): peer reviews (党员互评), leader
// reviews (领导点评) and skill-contest bonus points (比技能). Each check returns
// a hall::Status whose message says what is wrong in words a manager can act
// on; nothing here touches the store (the caller passes what it needs).
// Threading: pure functions.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "common/time/periods.h"
#include "common/base/result.h"
#include "controller/content/directory.h"

namespace controller {

inline constexpr size_t kMaxCommentBytes = 1000;  // about 330 Chinese characters

struct PeerReview {
  std::string period;     // "2026-11"
  std::string reviewer;   // staff id
  std::string reviewee;   // staff id
  int skill = 0;          // 技能 1-5
  int conduct = 0;        // 作风 1-5
  int results = 0;        // 业绩 1-5
  std::string comment;
};

// (period, reviewer, reviewee) of the peer reviews already entered.
using PeerPairs = std::set<std::tuple<std::string, std::string, std::string>>;

// No self-review, one per pair per period, same department, scores 1-5.
hall::Status validate_peer_review(const PeerReview& r, const StaffLookup& staff, const PeerPairs& existing);

// 集中 (collective), 个别 (individual), 随机 (random), 现场 (on-site).
inline const std::vector<std::string> kLeaderReviewKinds = {"集中", "个别", "随机", "现场"};

struct LeaderReview {
  std::string period;        // "2026-11"
  std::string reviewer;      // staff id; must have the "leader" role
  std::string kind;          // one of kLeaderReviewKinds
  std::string subject_kind;  // "staff" or "window"
  std::string subject;       // staff id or window code
  int score = 0;             // 1-5
  std::string comment;
};

// `window_exists` answers whether a window code is known.
hall::Status validate_leader_review(const LeaderReview& r, const StaffLookup& staff,
                                    const std::function<bool(const std::string&)>& window_exists);

struct ContestBonus {
  std::string period;        // "2026-11"
  std::string subject_kind;  // "staff" or "window"
  std::string subject;
  double points = 0;         // > 0, at most ranking.bonus_max, in steps of 0.001
  std::string reason;        // required, e.g. 业务技能竞赛一等奖
  std::string entered_by;    // staff id of a leader or manager; with keys, the manager key's owner
};

hall::Status validate_contest_bonus(const ContestBonus& b, const StaffLookup& staff,
                                    const std::function<bool(const std::string&)>& window_exists,
                                    double bonus_max, bool entered_by_key = false);  // ranking.bonus_max

}  // namespace controller
