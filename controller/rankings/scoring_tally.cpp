#include "controller/rankings/scoring_tally.h"

#include <algorithm>

namespace controller {

int64_t Sums::count() const {
  int64_t c = 0;
  for (auto n : ratings) c += n;
  return c;
}
int64_t Sums::sum() const {
  int64_t s = 0;
  for (int i = 0; i < 5; ++i) s += (i + 1) * ratings[i];
  return s;
}
int64_t Sums::satisfied() const { return ratings[3] + ratings[4]; }
int64_t Sums::bad() const { return ratings[0] + ratings[1]; }
bool Sums::empty() const { return *this == Sums{}; }

Tally::Tally(std::vector<hall::PeriodKind> kinds) : kinds_(std::move(kinds)) {}

Sums* Tally::at(int32_t code, Subject subject, int32_t id) {
  if (id < 0) return nullptr;
  PeriodSums& ps = periods_[code];
  auto& list = subject == Subject::Window ? ps.windows : ps.staff;
  if (static_cast<size_t>(id) >= list.size()) list.resize(static_cast<size_t>(id) + 1);
  return &list[static_cast<size_t>(id)];
}

PeriodSums** Tally::slots_for(int32_t day) {
  const size_t kinds = kinds_.size();
  if (day_slots_.empty()) {
    day_base_ = day - kDayCache / 2;
    day_slots_.assign(static_cast<size_t>(kDayCache) * kinds, nullptr);
  }
  const int64_t offset = static_cast<int64_t>(day) - day_base_;
  if (offset < 0 || offset >= kDayCache) return nullptr;
  PeriodSums** slots = &day_slots_[static_cast<size_t>(offset) * kinds];
  if (kinds > 0 && !slots[0]) {
    const hall::Date d = hall::civil_from_days(day);
    for (size_t i = 0; i < kinds; ++i) slots[i] = &periods_[hall::period_code(hall::period_of(d, kinds_[i]))];
  }
  return slots;
}

void Tally::apply(const RatingRow& r, int64_t sign) {
  if (r.score < 1 || r.score > 5) return;
  const size_t slot = static_cast<size_t>(r.score - 1);
  PeriodSums** cached = slots_for(r.day);
  const hall::Date d = cached ? hall::Date{} : hall::civil_from_days(r.day);
  for (size_t i = 0; i < kinds_.size(); ++i) {
    PeriodSums& ps = cached ? *cached[i] : periods_[hall::period_code(hall::period_of(d, kinds_[i]))];
    ps.hall.ratings[slot] += sign;
    if (r.window >= 0) {
      if (static_cast<size_t>(r.window) >= ps.windows.size()) ps.windows.resize(static_cast<size_t>(r.window) + 1);
      ps.windows[static_cast<size_t>(r.window)].ratings[slot] += sign;
    }
    if (r.staff >= 0) {
      if (static_cast<size_t>(r.staff) >= ps.staff.size()) ps.staff.resize(static_cast<size_t>(r.staff) + 1);
      ps.staff[static_cast<size_t>(r.staff)].ratings[slot] += sign;
    }
  }
}

void Tally::add_rating(const RatingRow& r) { apply(r, 1); }
void Tally::remove_rating(const RatingRow& r) { apply(r, -1); }

static int span(hall::PeriodKind k) {
  return k == hall::PeriodKind::Month ? 0 : k == hall::PeriodKind::Quarter ? 1 : 2;
}

template <class F>
void Tally::each_containing(const hall::Period& p, F&& f) {
  const hall::Date d = hall::first_day(p);
  for (hall::PeriodKind k : kinds_)
    if (span(k) >= span(p.kind)) f(hall::period_code(hall::period_of(d, k)));
}

void Tally::add_peer(const hall::Period& period, int32_t staff, int skill, int conduct, int results) {
  each_containing(period, [&](int32_t code) {
    if (Sums* s = at(code, Subject::Staff, staff))
      for (int score : {skill, conduct, results})
        if (score >= 1 && score <= 5) s->peer[static_cast<size_t>(score - 1)] += 1;
  });
}

void Tally::add_leader(const hall::Period& period, Subject subject, int32_t id, int score) {
  each_containing(period, [&](int32_t code) {
    if (Sums* s = at(code, subject, id))
      if (score >= 1 && score <= 5) s->leader[static_cast<size_t>(score - 1)] += 1;
  });
}

void Tally::add_bonus(const hall::Period& period, Subject subject, int32_t id, int64_t bonus_milli) {
  each_containing(period, [&](int32_t code) {
    if (Sums* s = at(code, subject, id)) s->bonus_milli += bonus_milli;
  });
}

void Tally::clear() {
  periods_.clear();
  day_slots_.clear();
}

void Tally::recompute(const std::vector<RatingRow>& rows) {
  clear();
  for (const auto& r : rows) apply(r, 1);
}

const PeriodSums* Tally::find(const hall::Period& p) const {
  auto it = periods_.find(hall::period_code(p));
  return it == periods_.end() ? nullptr : &it->second;
}

const Sums* Tally::find(const hall::Period& p, Subject subject, int32_t id) const {
  const PeriodSums* ps = find(p);
  if (!ps || id < 0) return nullptr;
  const auto& list = subject == Subject::Window ? ps->windows : ps->staff;
  return static_cast<size_t>(id) < list.size() ? &list[static_cast<size_t>(id)] : nullptr;
}

static bool same_list(const std::vector<Sums>& a, const std::vector<Sums>& b) {
  static const Sums kZero{};
  const size_t n = std::max(a.size(), b.size());
  for (size_t i = 0; i < n; ++i)
    if (!((i < a.size() ? a[i] : kZero) == (i < b.size() ? b[i] : kZero))) return false;
  return true;
}

static bool same_period(const PeriodSums* a, const PeriodSums* b) {
  static const PeriodSums kEmpty{};
  if (!a) a = &kEmpty;
  if (!b) b = &kEmpty;
  return a->hall == b->hall && same_list(a->windows, b->windows) && same_list(a->staff, b->staff);
}

bool Tally::operator==(const Tally& other) const {
  for (const auto& [code, ps] : periods_) {
    auto it = other.periods_.find(code);
    if (!same_period(&ps, it == other.periods_.end() ? nullptr : &it->second)) return false;
  }
  for (const auto& [code, ps] : other.periods_)
    if (!periods_.count(code) && !same_period(nullptr, &ps)) return false;
  return true;
}

namespace {
struct OwnComponents {
  std::optional<double> citizen, peer, leader;
};
OwnComponents own_components(const Sums& s, double hall_mean, const RankingSettings& settings) {
  return {citizen_score(s.count(), s.sum(), hall_mean, settings.m), points_score(s.peer, settings.peer_points),
          points_score(s.leader, settings.leader_points)};
}
double hall_mean_of(const PeriodSums& ps) {
  const int64_t n = ps.hall.count();
  return n > 0 ? static_cast<double>(ps.hall.sum()) / static_cast<double>(n) : 0.0;
}
}  // namespace

HallAverages hall_averages(const Tally& tally, const hall::Period& period, Subject subject,
                           const RankingSettings& settings) {
  HallAverages out;
  const PeriodSums* ps = tally.find(period);
  if (!ps) return out;
  const double hall_mean = hall_mean_of(*ps);
  double sums[3] = {0, 0, 0};
  int64_t ns[3] = {0, 0, 0};
  for (const Sums& s : subject == Subject::Window ? ps->windows : ps->staff) {
    if (s.empty()) continue;
    const OwnComponents o = own_components(s, hall_mean, settings);
    const std::optional<double>* parts[3] = {&o.citizen, &o.peer, &o.leader};
    for (int i = 0; i < 3; ++i)
      if (*parts[i]) {
        sums[i] += **parts[i];
        ns[i] += 1;
      }
  }
  std::optional<double>* outs[3] = {&out.citizen, &out.peer, &out.leader};
  for (int i = 0; i < 3; ++i)
    if (ns[i] > 0) *outs[i] = sums[i] / static_cast<double>(ns[i]);
  return out;
}

std::vector<Standing> standings(const Tally& tally, const hall::Period& period, Subject subject,
                                const RankingSettings& settings) {
  std::vector<Standing> out;
  const PeriodSums* ps = tally.find(period);
  if (!ps) return out;
  const double hall_mean = hall_mean_of(*ps);
  const HallAverages avg = hall_averages(tally, period, subject, settings);
  const auto& list = subject == Subject::Window ? ps->windows : ps->staff;
  for (size_t i = 0; i < list.size(); ++i) {
    const Sums& s = list[i];
    if (s.empty()) continue;
    Standing st;
    st.id = static_cast<int32_t>(i);
    st.count = s.count();
    if (st.count > 0) st.mean = static_cast<double>(s.sum()) / static_cast<double>(st.count);
    st.satisfaction = satisfaction(s.satisfied(), st.count);
    const OwnComponents own = own_components(s, hall_mean, settings);
    Components& c = st.components;
    c.citizen = own.citizen;
    c.peer = own.peer;
    c.leader = own.leader;
    c.bonus = static_cast<double>(s.bonus_milli) / 1000.0;
    const bool any_own = own.citizen || own.peer || own.leader;
    // The same basis for all: a missing component is the hall's average.
    if (!c.citizen && avg.citizen) c.citizen = avg.citizen, c.citizen_hall = true;
    if (!c.peer && avg.peer) c.peer = avg.peer, c.peer_hall = true;
    if (!c.leader && avg.leader) c.leader = avg.leader, c.leader_hall = true;
    st.too_few = st.count < settings.min_ratings;
    if (any_own && !st.too_few)
      if (auto comp = composite(c, settings)) {
        st.composite = round2(*comp);
        st.stars = stars(*st.composite, settings);
      }
    out.push_back(st);
  }
  std::stable_sort(out.begin(), out.end(), [](const Standing& a, const Standing& b) {
    if (a.composite.has_value() != b.composite.has_value()) return a.composite.has_value();
    if (a.composite && *a.composite != *b.composite) return *a.composite > *b.composite;
    return a.id < b.id;
  });
  for (size_t i = 0; i < out.size() && out[i].composite; ++i)
    out[i].rank = (i > 0 && *out[i].composite == *out[i - 1].composite) ? out[i - 1].rank : static_cast<int>(i) + 1;
  return out;
}

}  // namespace controller
