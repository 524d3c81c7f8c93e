#include "controller/rankings_service.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <unordered_map>

#include "controller/controller.h"
#include "controller/periods.h"
#include "controller/scoring_tally.h"
#include "hall/clock.h"
#include "hall/log.h"

namespace controller {
namespace {
using hall::FieldType;
using hall::Json;

class Rankings {
 public:
  explicit Rankings(Controller& c) : c_(c), s_(c.settings().ranking) {}

  hall::Status start() {
    if (auto s = validate_ranking_settings(s_); !s)
      return hall::fail("controller.toml [ranking]: " + s.error());
    auto rows = load();
    if (!rows) return hall::fail("could not read the evaluations for the rankings: " + rows.error());
    tally_.recompute(*rows);
    rows_ = static_cast<int64_t>(rows->size());
    dirty_ = true;
    publish();
    return {};
  }

  void on_evaluation(const CommittedEvaluation& e) {
    RatingRow r;
    if (!to_row(e.window_number, e.window_name, e.staff_id, e.staff_name, e.score, e.created_at, r)) return;
    tally_.add_rating(r);
    ++rows_;
    dirty_ = true;
  }

  // At most once a second (a 1 s timer), only when something changed.
  void publish() {
    if (!dirty_) return;
    dirty_ = false;
    c_.publish("/rankings/stars", stars_value());
  }

  std::optional<std::string> on_show(const Request& r) {
    const auto& m = r.message;
    if (auto s = hall::check_fields(m, {{"period", FieldType::String, false, 16}}); !s)
      return hall::encode_error(&m, s.error(), "bad_request");
    Period p = current_month();
    if (m.body.contains("period")) {
      auto parsed = parse_period(m.body["period"].get<std::string>());
      if (!parsed) return hall::encode_error(&m, parsed.error(), "bad_period");
      p = *parsed;
    }
    const bool kept = std::find(tally_.kinds().begin(), tally_.kinds().end(), p.kind) != tally_.kinds().end();
    if (!kept) return hall::encode_error(&m, "that kind of period is not kept", "bad_period");
    Json windows = Json::array(), staff = Json::array();
    for (const auto& st : standings(tally_, p, Subject::Window, s_)) {
      Json row = line(st);
      row["number"] = window_numbers_[st.id];
      row["name"] = window_names_[st.id];
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
    return hall::encode_reply(m, "rankings", {{"period", to_string(p)}, {"label", label_zh(p)},
                                              {"ratings", hall_count}, {"windows", windows}, {"staff", staff}});
  }

  std::optional<std::string> on_recompute(const Request& r) {
    const auto& m = r.message;
    if (auto s = hall::check_fields(m, {}); !s) return hall::encode_error(&m, s.error(), "bad_request");
    auto rows = load();
    if (!rows) return hall::encode_error(&m, "could not read the evaluations: " + rows.error(), "store_error");
    Tally fresh(tally_.kinds());
    fresh.recompute(*rows);
    const bool matched = fresh == tally_ && static_cast<int64_t>(rows->size()) == rows_;
    if (!matched)
      hall::log::warn("rankings: the incremental tally ({} ratings) differed from a recompute ({} ratings); "
                      "using the recompute", rows_, rows->size());
    tally_ = std::move(fresh);
    rows_ = static_cast<int64_t>(rows->size());
    dirty_ = true;
    return hall::encode_reply(m, "rankings.recomputed", {{"matched", matched}, {"ratings", rows_}});
  }

 private:
  static Json line(const Standing& st) {
    Json row = {{"count", st.count}, {"stars", st.stars}, {"rank", st.rank}};
    row["mean"] = st.mean ? Json(round2(*st.mean)) : Json(nullptr);
    row["satisfaction"] = st.satisfaction ? Json(round2(st.satisfaction->rate * 100.0)) : Json(nullptr);
    row["composite"] = st.composite ? Json(*st.composite) : Json(nullptr);
    return row;
  }

  Period current_month() const {
    auto d = parse_date(hall::iso_time(c_.now()));
    return period_of(d ? *d : Date{}, PeriodKind::Month);
  }

  // The month shown on the screens: this month, or last month while this
  // one has no ratings yet (the first days of a month).
  Period shown_month() const {
    Period p = current_month();
    const auto* ps = tally_.find(p);
    if (ps && ps->hall.count() > 0) return p;
    Date last = civil_from_days(days_from_civil(first_day(p)) - 1);
    Period prev = period_of(last, PeriodKind::Month);
    const auto* pp = tally_.find(prev);
    return pp && pp->hall.count() > 0 ? prev : p;
  }

  Json stars_value() {
    const Period p = shown_month();
    Json windows = Json::array(), staff = Json::array();
    for (const auto& st : standings(tally_, p, Subject::Window, s_)) {
      if (!st.composite) continue;
      windows.push_back({{"number", window_numbers_[st.id]}, {"name", window_names_[st.id]},
                         {"stars", st.stars}, {"score", *st.composite}, {"rank", st.rank}});
    }
    // 服务标兵: staff at the top (ranked), with their post as the detail line.
    for (const auto& st : standings(tally_, p, Subject::Staff, s_)) {
      if (!st.composite) continue;
      staff.push_back({{"name", staff_names_[st.id]}, {"detail", post_of(staff_ids_[st.id])},
                       {"stars", st.stars}, {"score", *st.composite}, {"rank", st.rank}});
    }
    return {{"period", label_zh(p)}, {"windows", windows}, {"staff", staff}};
  }

  std::string post_of(const std::string& staff_id) {
    auto st = c_.store().prepare("SELECT post FROM content_staff WHERE id = ?");
    if (!st) return "";
    st->bind(1, staff_id);
    auto row = st->step();
    return row && *row ? st->column_text(0) : "";
  }

  // Maps a rating to the tally's dense ids (new windows and staff get the next
  // index; the latest name seen wins). False when its day cannot be read.
  bool to_row(int64_t number, const std::string& wname, const std::string& sid, const std::string& sname, int score,
              const std::string& created_at, RatingRow& r) {
    auto d = parse_date(created_at);
    if (!d) {
      hall::log::warn("rankings: rating with unreadable time \"{}\" left out", created_at);
      return false;
    }
    r.day = static_cast<int32_t>(days_from_civil(*d));
    r.score = static_cast<int8_t>(score);
    auto [w, wnew] = window_index_.try_emplace(number, static_cast<int32_t>(window_numbers_.size()));
    if (wnew) {
      window_numbers_.push_back(number);
      window_names_.push_back(wname);
    } else if (!wname.empty()) {
      window_names_[w->second] = wname;
    }
    r.window = w->second;
    r.staff = -1;
    if (!sid.empty()) {
      auto [s, snew] = staff_index_.try_emplace(sid, static_cast<int32_t>(staff_ids_.size()));
      if (snew) {
        staff_ids_.push_back(sid);
        staff_names_.push_back(sname);
      } else if (!sname.empty()) {
        staff_names_[s->second] = sname;
      }
      r.staff = s->second;
    }
    return true;
  }

  hall::Result<std::vector<RatingRow>> load() {
    auto st = c_.store().prepare(
        "SELECT window_number, window_name, staff_id, staff_name, score, created_at FROM evaluations ORDER BY id");
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

  Controller& c_;
  RankingSettings s_;
  Tally tally_;
  int64_t rows_ = 0;
  bool dirty_ = false;
  std::unordered_map<int64_t, int32_t> window_index_;
  std::vector<int64_t> window_numbers_;
  std::vector<std::string> window_names_;
  std::unordered_map<std::string, int32_t> staff_index_;
  std::vector<std::string> staff_ids_, staff_names_;
};
}  // namespace

hall::Status install_rankings(Controller& c) {
  auto svc = std::make_shared<Rankings>(c);
  if (auto s = svc->start(); !s) return s;
  c.on_evaluation([svc](const CommittedEvaluation& e) { svc->on_evaluation(e); });
  c.handle(Channel::Admin, "rankings.show", [svc](const Request& r) { return svc->on_show(r); });
  c.handle(Channel::Admin, "rankings.recompute", [svc](const Request& r) { return svc->on_recompute(r); });
  c.every(std::chrono::milliseconds(1000), [svc] { svc->publish(); });
  return {};
}

}  // namespace controller
