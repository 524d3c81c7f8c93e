// Peer and leader review and contest bonus validation: each rule refused with
// a message naming the problem.
#include <catch2/catch.hpp>

#include <map>

#include "controller/rankings/scoring.h"
#include "controller/reviews/reviews.h"

using namespace controller;

namespace {
const std::map<std::string, StaffInfo> kStaff = {
    {"S1", {"S1", "张三", "综合窗口科", {"staff"}, true}},
    {"S2", {"S2", "李四", "综合窗口科", {"staff"}, true}},
    {"S3", {"S3", "王五", "不动产登记科", {"staff"}, true}},
    {"S4", {"S4", "孙六", "综合窗口科", {"staff"}, false}},
    {"L1", {"L1", "赵主任", "办公室", {"staff", "leader"}, true}},
    {"M1", {"M1", "钱经理", "办公室", {"manager"}}},
};
const StaffLookup kLookup = [](const std::string& id) -> const StaffInfo* {
  auto it = kStaff.find(id);
  return it == kStaff.end() ? nullptr : &it->second;
};
const auto kWindows = [](const std::string& code) { return code == "W01" || code == "W02"; };
}  // namespace

TEST_CASE("a valid peer review passes") {
  CHECK(validate_peer_review({"2026-11", "S1", "S2", 5, 4, 3, "业务熟练"}, kLookup, {}).ok());
}

TEST_CASE("peer review rules: no self-review, one per pair, same department, Party members, scores 1-5") {
  CHECK_THAT(validate_peer_review({"2026-11", "S4", "S1", 5, 5, 5, ""}, kLookup, {}).error(),
             Catch::Contains("党员互评") && Catch::Contains("孙六 is not one"));
  CHECK_THAT(validate_peer_review({"2026-11", "S1", "S4", 5, 5, 5, ""}, kLookup, {}).error(),
             Catch::Contains("孙六 is not one"));
  CHECK_THAT(validate_peer_review({"2026-11", "S1", "S1", 5, 5, 5, ""}, kLookup, {}).error(),
             Catch::Contains("themselves"));
  PeerPairs done = {{"2026-11", "S1", "S2"}};
  CHECK_THAT(validate_peer_review({"2026-11", "S1", "S2", 5, 5, 5, ""}, kLookup, done).error(),
             Catch::Contains("already reviewed"));
  CHECK(validate_peer_review({"2026-12", "S1", "S2", 5, 5, 5, ""}, kLookup, done).ok());  // next period
  CHECK(validate_peer_review({"2026-11", "S2", "S1", 5, 5, 5, ""}, kLookup, done).ok());  // the other way
  CHECK_THAT(validate_peer_review({"2026-11", "S1", "S3", 5, 5, 5, ""}, kLookup, {}).error(),
             Catch::Contains("different departments"));
  CHECK_THAT(validate_peer_review({"2026-11", "S1", "S2", 0, 5, 5, ""}, kLookup, {}).error(),
             Catch::Contains("skill"));
  CHECK_THAT(validate_peer_review({"2026-11", "S1", "S2", 5, 6, 5, ""}, kLookup, {}).error(),
             Catch::Contains("conduct"));
  CHECK_THAT(validate_peer_review({"2026-11", "S1", "S2", 5, 5, -1, ""}, kLookup, {}).error(),
             Catch::Contains("results"));
  CHECK_THAT(validate_peer_review({"2026-11", "S1", "X9", 5, 5, 5, ""}, kLookup, {}).error(),
             Catch::Contains("'X9'"));
  CHECK_THAT(validate_peer_review({"2026-13", "S1", "S2", 5, 5, 5, ""}, kLookup, {}).error(),
             Catch::Contains("not a period"));
  CHECK_THAT(validate_peer_review({"2026-11", "S1", "S2", 5, 5, 5, "\xff\xfe"}, kLookup, {}).error(),
             Catch::Contains("UTF-8"));
  CHECK_THAT(validate_peer_review({"2026-11", "S1", "S2", 5, 5, 5, std::string(2000, 'x')}, kLookup, {}).error(),
             Catch::Contains("too long"));
}

TEST_CASE("leader reviews need the leader role, a known kind and subject, a 1-5 score") {
  CHECK(validate_leader_review({"2026-11", "L1", "现场", "window", "W01", 4, "窗口整洁"}, kLookup, kWindows).ok());
  CHECK(validate_leader_review({"2026-11", "L1", "随机", "staff", "S3", 5, ""}, kLookup, kWindows).ok());
  CHECK_THAT(validate_leader_review({"2026-11", "S1", "现场", "window", "W01", 4, ""}, kLookup, kWindows).error(),
             Catch::Contains("leader role"));
  CHECK_THAT(validate_leader_review({"2026-11", "L1", "突击", "window", "W01", 4, ""}, kLookup, kWindows).error(),
             Catch::Contains("集中, 个别, 随机 or 现场"));
  CHECK_THAT(validate_leader_review({"2026-11", "L1", "集中", "window", "W99", 4, ""}, kLookup, kWindows).error(),
             Catch::Contains("W99"));
  CHECK_THAT(validate_leader_review({"2026-11", "L1", "集中", "desk", "W01", 4, ""}, kLookup, kWindows).error(),
             Catch::Contains("staff or window"));
  CHECK_THAT(validate_leader_review({"2026-11", "L1", "个别", "staff", "S1", 9, ""}, kLookup, kWindows).error(),
             Catch::Contains("out of range"));
}

TEST_CASE("contest bonus points need a reason, a leader or manager, and a sane amount") {
  const double s = RankingSettings{}.bonus_max;
  CHECK(validate_contest_bonus({"2026-11", "staff", "S1", 2.5, "业务技能竞赛一等奖", "L1"}, kLookup, kWindows, s).ok());
  CHECK(validate_contest_bonus({"2026-Q4", "window", "W02", 1, "文明窗口", "M1"}, kLookup, kWindows, s).ok());
  CHECK_THAT(validate_contest_bonus({"2026-11", "staff", "S1", 2, "", "L1"}, kLookup, kWindows, s).error(),
             Catch::Contains("reason"));
  CHECK_THAT(validate_contest_bonus({"2026-11", "staff", "S1", 11, "x", "L1"}, kLookup, kWindows, s).error(),
             Catch::Contains("at most"));
  CHECK_THAT(validate_contest_bonus({"2026-11", "staff", "S1", 0, "x", "L1"}, kLookup, kWindows, s).error(),
             Catch::Contains("above 0"));
  CHECK_THAT(validate_contest_bonus({"2026-11", "staff", "S1", 1.0001, "x", "L1"}, kLookup, kWindows, s).error(),
             Catch::Contains("three decimals"));
  CHECK_THAT(validate_contest_bonus({"2026-11", "staff", "S1", 1, "x", "S2"}, kLookup, kWindows, s).error(),
             Catch::Contains("may not enter"));
}
