#include "controller/rankings/rankings_service.h"

#include <algorithm>
#include <chrono>
#include <memory>

#include "controller/content/directory.h"
#include "controller/core/controller.h"
#include "common/time/periods.h"
#include "common/vocab/admin_types.h"
#include "common/access/roles.h"
#include "common/vocab/rankings_keys.h"
#include "common/time/clock.h"
#include "common/time/iso8601.h"
#include "common/base/log.h"

namespace controller {
using hall::FieldType;
using hall::Json;

RankingsService::RankingsService(Controller& c, RankingSettings settings) : c_(c), s_(std::move(settings)) {}

hall::Status RankingsService::start() {
  if (auto s = validate_ranking_settings(s_); !s) return hall::fail("controller.toml [ranking]: " + s.error());
  auto rows = load();
  if (!rows) return hall::fail("could not read the evaluations for the rankings: " + rows.error());
  tally_.recompute(*rows);
  if (auto s = add_stored(tally_); !s) return hall::fail("could not read the reviews for the rankings: " + s.error());
  rows_ = static_cast<int64_t>(rows->size());
  dirty_ = true;
  publish();
  return {};
}

void RankingsService::on_evaluation(const CommittedEvaluation& e, bool withdrawn) {
  RatingRow r;
  if (!to_row(e.window_number, e.window_name, e.staff_id, e.staff_name, e.score, e.created_at, r)) return;
  if (withdrawn) {
    tally_.remove_rating(r);
    --rows_;
  } else {
    tally_.add_rating(r);
    ++rows_;
  }
  dirty_ = true;
}

void RankingsService::add(const PeerReview& r, const StaffDirectory& dir) {
  add_to(tally_, r, dir);
  dirty_ = true;
}
void RankingsService::add(const LeaderReview& r, const StaffDirectory& dir) {
  add_to(tally_, r, dir);
  dirty_ = true;
}
void RankingsService::add(const ContestBonus& b, const StaffDirectory& dir) {
  add_to(tally_, b, dir);
  dirty_ = true;
}

void RankingsService::publish() {
  // Also when the month turns: the board moves on to the month just closed.
  const std::string shown = to_string(shown_month());
  if (!dirty_ && shown == published_month_) return;
  dirty_ = false;
  published_month_ = shown;
  c_.publish(hall::wire::RankingsStars::kKey, stars_value());
}

std::optional<std::string> RankingsService::on_show(const Request& r) {
  const auto& m = r.message;
  if (auto s = hall::check_fields(m, {{"period", FieldType::String, false, 16}}); !s)
    return hall::encode_error(&m, s.error(), "bad_request");
  hall::Period p = current_month();
  if (m.body.contains("period")) {
    auto parsed = hall::parse_period(m.body["period"].get<std::string>());
    if (!parsed) return hall::encode_error(&m, parsed.error(), "bad_period");
    p = *parsed;
  }
  const bool kept = std::find(tally_.kinds().begin(), tally_.kinds().end(), p.kind) != tally_.kinds().end();
  if (!kept) return hall::encode_error(&m, "that kind of period is not kept", "bad_period");
  Json windows = Json::array(), staff = Json::array();
  std::vector<int32_t> talk;
  std::vector<hall::Period> talk_months;
  if (p.kind == hall::PeriodKind::Month) talk = talk_windows(p, &talk_months);
  for (const auto& st : standings(tally_, p, Subject::Window, s_)) {
    Json row = line(st);
    row["number"] = window_numbers_[st.id];
    row["name"] = window_names_[st.id];
    row["talk"] = std::find(talk.begin(), talk.end(), st.id) != talk.end();
    windows.push_back(row);
  }
  for (const auto& st : standings(tally_, p, Subject::Staff, s_)) {
    Json row = line(st);
    row["id"] = staff_ids_[st.id];
    row["name"] = staff_names_[st.id];
    staff.push_back(row);
  }
  int64_t hall_count = 0;
  if (const auto* ps = tally_.find(p)) hall_count = ps->hall.count();
  Json months = Json::array();
  for (const auto& tm : talk_months) months.push_back(to_string(tm));
  return hall::encode_reply(m, "rankings", {{"period", to_string(p)}, {"label", hall::label_zh(p)},
                                            {"ratings", hall_count}, {"min_ratings", s_.min_ratings},
                                            // The period is still running: its standings change (本月实时).
                                            {"live", hall::contains(p, hall::hall_date(c_.now()))},
                                            {"talk_months", months}, {"windows", windows}, {"staff", staff}});
}

std::optional<std::string> RankingsService::on_recompute(const Request& r) {
  const auto& m = r.message;
  if (auto s = hall::check_fields(m, {}); !s) return hall::encode_error(&m, s.error(), "bad_request");
  auto rows = load();
  if (!rows) return hall::encode_error(&m, "could not read the evaluations: " + rows.error(), "store_error");
  Tally fresh(tally_.kinds());
  fresh.recompute(*rows);
  if (auto s = add_stored(fresh); !s)
    return hall::encode_error(&m, "could not read the reviews: " + s.error(), "store_error");
  const bool matched = fresh == tally_ && static_cast<int64_t>(rows->size()) == rows_;
  if (!matched)
    hall::log::warn("rankings: the incremental tally ({} ratings) differed from a recompute ({} ratings); "
                    "using the recompute", rows_, rows->size());
  tally_ = std::move(fresh);
  rows_ = static_cast<int64_t>(rows->size());
  dirty_ = true;
  return hall::encode_reply(m, "rankings.recomputed", {{"matched", matched}, {"ratings", rows_}});
}

Json RankingsService::line(const Standing& st) {
  Json row = {{"count", st.count}, {"stars", st.stars}, {"rank", st.rank}};
  row["mean"] = st.mean ? Json(round2(*st.mean)) : Json(nullptr);
  row["satisfaction"] = st.satisfaction ? Json(round2(st.satisfaction->rate * 100.0)) : Json(nullptr);
  row["peer"] = st.components.peer ? Json(round2(*st.components.peer)) : Json(nullptr);
  row["leader"] = st.components.leader ? Json(round2(*st.components.leader)) : Json(nullptr);
  row["bonus"] = round2(st.components.bonus);
  row["composite"] = st.composite ? Json(*st.composite) : Json(nullptr);
  row["citizen"] = st.components.citizen ? Json(round2(*st.components.citizen)) : Json(nullptr);
  // Components that are the hall's average (按全厅平均), not the subject's own.
  row["citizen_hall"] = st.components.citizen_hall;
  row["peer_hall"] = st.components.peer_hall;
  row["leader_hall"] = st.components.leader_hall;
  row["too_few"] = st.too_few;  // 评价数不足: listed, not ranked
  return row;
}

hall::Period RankingsService::current_month() const {
  return hall::period_of(hall::hall_date(c_.now()), hall::PeriodKind::Month);
}

namespace {
hall::Period month_before(const hall::Period& p) {
  return hall::period_of(hall::civil_from_days(hall::days_from_civil(hall::first_day(p)) - 1), hall::PeriodKind::Month);
}
}  // namespace

hall::Period RankingsService::shown_month() const {
  const hall::Period p = current_month();
  return s_.board_period == "live" ? p : month_before(p);
}

std::vector<int32_t> RankingsService::bottom_of(const hall::Period& month) const {
  const auto list = standings(tally_, month, Subject::Window, s_);
  int ranked = 0, last_rank = 0;
  for (const auto& st : list)
    if (st.rank > 0) ++ranked, last_rank = st.rank;
  std::vector<int32_t> out;
  for (const auto& st : list) {
    if (!st.composite) continue;  // not ranked (评价数不足): not at the bottom
    const bool under = s_.talk_below > 0 && *st.composite < s_.talk_below;
    const bool last = ranked >= 2 && last_rank > 1 && st.rank == last_rank;
    if (under || last) out.push_back(st.id);
  }
  return out;
}

std::vector<int32_t> RankingsService::talk_windows(const hall::Period& month, std::vector<hall::Period>* months) const {
  const hall::Period now = current_month();
  hall::Period last = month;
  if (hall::first_day(month) >= hall::first_day(now)) last = month_before(now);
  const hall::Period before = month_before(last);
  if (months) *months = {before, last};
  const auto a = bottom_of(last), b = bottom_of(before);
  std::vector<int32_t> out;
  for (int32_t id : a)
    if (std::find(b.begin(), b.end(), id) != b.end()) out.push_back(id);
  return out;
}

Json RankingsService::stars_value() {
  const hall::Period p = shown_month();
  hall::wire::RankingsStars stars;
  stars.period = hall::label_zh(p);
  stars.live = s_.board_period == "live";
  // Ranked ones first; those with too few ratings after them, as 评价数不足
  // (no stars, score or rank). Nothing else unranked is shown.
  for (const auto& st : standings(tally_, p, Subject::Window, s_)) {
    if (!st.composite && !st.too_few) continue;
    stars.windows.push_back({static_cast<int>(window_numbers_[st.id]), window_names_[st.id], st.stars,
                             st.composite.value_or(0.0), st.rank, st.too_few});
  }
  // 服务标兵: staff at the top (ranked), with their post as the detail line.
  for (const auto& st : standings(tally_, p, Subject::Staff, s_)) {
    if (!st.composite && !st.too_few) continue;
    stars.staff.push_back({staff_names_[st.id], post_of(staff_ids_[st.id]), st.stars, st.composite.value_or(0.0),
                           st.rank, st.too_few});
  }
  return stars.to_json();
}

std::string RankingsService::post_of(const std::string& staff_id) {
  auto card = staff_card(c_.store(), staff_id);
  return card ? card->post : "";
}

int32_t RankingsService::window_slot(int64_t number, const std::string& name) {
  auto [w, fresh] = window_index_.try_emplace(number, static_cast<int32_t>(window_numbers_.size()));
  if (fresh) {
    window_numbers_.push_back(number);
    window_names_.push_back(name);
  } else if (!name.empty()) {
    window_names_[w->second] = name;
  }
  return w->second;
}

int32_t RankingsService::staff_slot(const std::string& id, const std::string& name) {
  auto [s, fresh] = staff_index_.try_emplace(id, static_cast<int32_t>(staff_ids_.size()));
  if (fresh) {
    staff_ids_.push_back(id);
    staff_names_.push_back(name.empty() ? id : name);
  } else if (!name.empty()) {
    staff_names_[s->second] = name;
  }
  return s->second;
}

// Maps a rating to the tally's dense ids. False when its day cannot be read.
bool RankingsService::to_row(int64_t number, const std::string& wname, const std::string& sid,
                             const std::string& sname, int score, const std::string& created_at, RatingRow& r) {
  auto d = hall::hall_date_of(created_at);  // the hall's day, whatever offset the kiosk wrote
  if (!d) {
    hall::log::warn("rankings: rating with unreadable time \"{}\" left out", created_at);
    return false;
  }
  r.day = static_cast<int32_t>(hall::days_from_civil(*d));
  r.score = static_cast<int8_t>(score);
  r.window = window_slot(number, wname);
  r.staff = sid.empty() ? -1 : staff_slot(sid, sname);
  return true;
}

hall::Result<std::vector<RatingRow>> RankingsService::load() {
  auto st = c_.store().prepare(
      std::string("SELECT window_number, window_name, staff_id, staff_name, score, created_at FROM evaluations WHERE ") +
      kRatingCounted + " ORDER BY id");
  if (!st) return hall::fail(st.error());
  std::vector<RatingRow> rows;
  while (true) {
    auto more = st->step();
    if (!more) return hall::fail(more.error());
    if (!*more) break;
    RatingRow r;
    if (to_row(st->column_int(0), st->column_text(1), st->column_text(2), st->column_text(3),
               static_cast<int>(st->column_int(4)), st->column_text(5), r))
      rows.push_back(r);
  }
  return rows;
}

// A review's subject as the tally's (kind, dense id), named like the ratings
// name it where the directory knows it. False for a subject kind or window
// code that cannot be read (stored rows were validated, so only by hand).
bool RankingsService::subject_slot(const std::string& kind, const std::string& subject, const StaffDirectory& dir,
                                   Subject& s, int32_t& id) {
  if (kind == "staff") {
    auto it = dir.staff.find(subject);
    s = Subject::Staff;
    id = staff_slot(subject, it == dir.staff.end() ? "" : it->second.name);
    return true;
  }
  const int64_t number = StaffDirectory::window_number(subject);
  if (kind != "window" || number == 0) {
    hall::log::warn("rankings: review subject {} \"{}\" left out", kind, subject);
    return false;
  }
  auto it = dir.windows.find(number);
  s = Subject::Window;
  id = window_slot(number, it == dir.windows.end() ? "" : it->second.name);
  return true;
}

void RankingsService::add_to(Tally& into, const PeerReview& r, const StaffDirectory& dir) {
  auto p = hall::parse_period(r.period);
  Subject s;
  int32_t id;
  if (!p || !subject_slot("staff", r.reviewee, dir, s, id)) return;
  into.add_peer(*p, id, r.skill, r.conduct, r.results);
}

void RankingsService::add_to(Tally& into, const LeaderReview& r, const StaffDirectory& dir) {
  auto p = hall::parse_period(r.period);
  Subject s;
  int32_t id;
  if (!p || !subject_slot(r.subject_kind, r.subject, dir, s, id)) return;
  into.add_leader(*p, s, id, r.score);
}

void RankingsService::add_to(Tally& into, const ContestBonus& b, const StaffDirectory& dir) {
  auto p = hall::parse_period(b.period);
  Subject s;
  int32_t id;
  if (!p || !subject_slot(b.subject_kind, b.subject, dir, s, id)) return;
  into.add_bonus(*p, s, id, points_to_milli(b.points));
}

hall::Status RankingsService::add_stored(Tally& into) {
  auto dir = load_directory(c_.store());
  if (!dir) return dir.take_error();
  auto stored = load_reviews(c_.store());
  if (!stored) return stored.take_error();
  for (const auto& r : stored->peer) add_to(into, r.review, *dir);
  for (const auto& r : stored->leader) add_to(into, r.review, *dir);
  for (const auto& b : stored->bonuses)
    if (b.counts()) add_to(into, b.bonus, *dir);  // points = points_milli / 1000
  return {};
}

void add_ranking_keys(hall::Schema& s) {
  using hall::ValueType;
  s.insert(s.end(), {
      {"ranking.m", ValueType::Float, 20.0, "Bayesian prior weight m (ratings)"},
      {"ranking.weight_citizen", ValueType::Float, 0.6, "composite weight of the citizen score"},
      {"ranking.weight_peer", ValueType::Float, 0.2, "composite weight of the peer-review score"},
      {"ranking.weight_leader", ValueType::Float, 0.2, "composite weight of the leader-review score"},
      {"ranking.star5", ValueType::Float, 95.0, "composite at or above which a window gets 5 stars"},
      {"ranking.star4", ValueType::Float, 90.0, "composite for 4 stars"},
      {"ranking.star3", ValueType::Float, 85.0, "composite for 3 stars"},
      {"ranking.star2", ValueType::Float, 80.0, "composite for 2 stars (below: 1 star)"},
      {"ranking.bonus_max", ValueType::Float, 10.0, "most skill-contest bonus one person or window gets in a month (points)"},
      {"ranking.min_ratings", ValueType::Integer, int64_t{10},
       "citizen ratings a window or person needs in the period to be ranked (fewer: 评价数不足)", 0, 1000000},
      {"ranking.peer_points", ValueType::Numbers, std::vector<double>{60, 75, 88, 95, 100},
       "points (0-100) of a peer-review score of 1, 2, 3, 4, 5"},
      {"ranking.leader_points", ValueType::Numbers, std::vector<double>{60, 75, 88, 95, 100},
       "points (0-100) of a leader-review score of 1, 2, 3, 4, 5"},
      {"ranking.talk_below", ValueType::Float, 0.0,
       "a window under this composite two closed months running is flagged for 约谈 (0: only the last-ranked)"},
      {"ranking.board_period", ValueType::String, std::string("closed"),
       "the month the public board shows: closed (the last closed month) or live (this month, 本月实时)"},
  });
}

RankingSettings ranking_settings_from(const hall::Config& c) {
  RankingSettings s;
  s.m = c.real("ranking.m");
  s.weight_citizen = c.real("ranking.weight_citizen");
  s.weight_peer = c.real("ranking.weight_peer");
  s.weight_leader = c.real("ranking.weight_leader");
  s.star_thresholds = {c.real("ranking.star5"), c.real("ranking.star4"), c.real("ranking.star3"),
                       c.real("ranking.star2")};
  s.bonus_max = c.real("ranking.bonus_max");
  s.min_ratings = c.integer("ranking.min_ratings");
  s.peer_points = c.numbers("ranking.peer_points");
  s.leader_points = c.numbers("ranking.leader_points");
  s.talk_below = c.real("ranking.talk_below");
  s.board_period = c.str("ranking.board_period");
  return s;
}

hall::Result<std::shared_ptr<RankingsService>> install_rankings(Controller& c, EvaluationBus& bus, ReviewFeed& reviews,
                                                                const RankingSettings& settings) {
  auto svc = std::make_shared<RankingsService>(c, settings);
  if (auto s = svc->start(); !s) return s.take_error();
  bus.on_commit([svc](const CommittedEvaluation& e) { svc->on_evaluation(e); });
  reviews.on_entry([svc](const ReviewEntry& e, const StaffDirectory& dir) {
    std::visit([&](const auto& review) { svc->add(review, dir); }, e);
  });
  bus.on_withdrawal([svc](const CommittedEvaluation& e, bool withdrawn) { svc->on_evaluation(e, withdrawn); });
  c.handle(Channel::Admin, hall::wire::admin::kRankingsShow, hall::wire::kFigureReaders, [svc](const Request& r) { return svc->on_show(r); });
  c.handle(Channel::Admin, hall::wire::admin::kRankingsRecompute, hall::wire::kManagers, [svc](const Request& r) { return svc->on_recompute(r); });
  c.every(std::chrono::milliseconds(1000), [svc] { svc->publish(); });
  return svc;
}

}  // namespace controller
