#include "signage/screen/content.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "common/vocab/content_keys.h"
#include "common/vocab/hall_keys.h"
#include "common/vocab/rankings_keys.h"

namespace signage {

namespace {
bool starts(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// Decodes `value` as T; a value that does not decode is named in `problems`.
template <class T>
std::optional<T> read(const std::string& key, const std::string& value, std::vector<std::string>& problems) {
  auto v = hall::wire::parse_value<T>(value, key);
  if (!v) {
    problems.push_back(v.error());
    return std::nullopt;
  }
  return std::move(*v);
}

RankRow rank_row(const hall::wire::StarWindow& w) {
  return {w.name, w.number > 0 ? std::to_string(w.number) + "号窗口" : std::string(), std::clamp(w.stars, 0, 5),
          w.score, std::max(0, w.rank), w.too_few};
}
RankRow rank_row(const hall::wire::StarStaff& s) {
  return {s.name, s.detail, std::clamp(s.stars, 0, 5), s.score, std::max(0, s.rank), s.too_few};
}

void read_playlist(const std::string& key, const hall::wire::Playlist& wire, Content& c) {
  Playlist& p = c.playlist;
  for (const auto& b : wire.boards) {
    if (!known_board(b.board)) {
      c.problems.push_back(key + ": unknown board \"" + b.board + "\"");
      continue;
    }
    p.boards.push_back({b.board, std::clamp(b.seconds, 3, 3600)});
  }
  if (wire.hours) {
    const int open = parse_hhmm(wire.hours->open);
    const int close = parse_hhmm(wire.hours->close);
    if (open < 0 || close < 0) {
      c.problems.push_back(key + ": hours need \"open\" and \"close\" as HH:MM");
    } else {
      p.hours.set = true;
      p.hours.open_min = open;
      p.hours.close_min = close;
      for (int day : wire.hours->days)
        if (day >= 1 && day <= 7) p.hours.days.push_back(day);
    }
  }
  p.outside = wire.outside;
  if (!p.outside.empty() && p.outside != hall::wire::kBlankBoard && !known_board(p.outside)) {
    c.problems.push_back(key + ": unknown outside board \"" + p.outside + "\"");
    p.outside.clear();
  }
  p.present = !p.boards.empty();
}
}  // namespace

const std::vector<std::string>& board_names() {
  static const std::vector<std::string> names(hall::wire::kBoards.begin(), hall::wire::kBoards.end());
  return names;
}

bool known_board(const std::string& name) { return hall::wire::is_board(name); }

std::string board_title(const std::string& name) {
  if (name == "standards") return "亮标准 · 办事指南";
  if (name == "identity") return "亮身份 · 窗口人员";
  if (name == "pledges") return "亮承诺 · 服务承诺";
  if (name == "rankings") return "星级窗口 · 服务标兵";
  if (name == "queue") return "叫号信息";
  if (name == hall::wire::kBlankBoard) return "";
  return name;
}

int parse_hhmm(const std::string& t) {
  if (t.size() != 5 || t[2] != ':' || !isdigit(t[0]) || !isdigit(t[1]) || !isdigit(t[3]) || !isdigit(t[4]))
    return -1;
  const int h = (t[0] - '0') * 10 + (t[1] - '0');
  const int m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return -1;
  return h * 60 + m;
}

Content parse_content(const std::map<std::string, std::string>& map, const std::string& group) {
  using namespace hall::wire;
  Content c;
  const std::string playlist = playlist_key(group);
  for (const auto& [key, value] : map) {
    if (starts(key, kMediaSubtree)) continue;
    if (starts(key, kRankingsSubtree)) c.rankings.present = true;
    auto& problems = c.problems;
    if (key == HallInfo::kKey) {
      if (auto v = read<HallInfo>(key, value, problems)) {
        c.hall_name = v->name;
        c.hall_name_en = v->name_en;
        c.hall_logo = v->logo;
      }
    } else if (key == HallHours::kKey) {
      if (auto v = read<HallHours>(key, value, problems)) c.hall_hours = std::move(v->hours);
    } else if (key == HallEpoch::kKey) {
      if (auto v = read<HallEpoch>(key, value, problems)) c.epoch = v->id;
    } else if (starts(key, kDepartmentsPrefix)) {
      if (auto v = read<Department>(key, value, problems)) c.departments[v->id] = v->name;
    } else if (starts(key, kWindowsPrefix)) {
      if (auto v = read<Window>(key, value, problems)) c.windows.push_back(std::move(*v));
    } else if (starts(key, kStaffPrefix)) {
      if (auto v = read<Staff>(key, value, problems)) c.staff.push_back(std::move(*v));
    } else if (starts(key, kStandardsPrefix)) {
      if (auto v = read<Standard>(key, value, problems)) c.standards.push_back(std::move(*v));
    } else if (starts(key, kTickerPrefix)) {
      if (auto v = read<Ticker>(key, value, problems); v && !v->text.empty()) c.tickers.push_back(std::move(*v));
    } else if (key == UrgentNotice::kKey) {
      if (auto v = read<UrgentNotice>(key, value, problems)) {
        c.urgent = v->text;
        c.urgent_since = v->since;
      }
    } else if (key == QueueCalls::kKey) {
      if (auto v = read<QueueCalls>(key, value, problems))
        for (auto& call : v->calls) {
          if (call.ticket.empty()) continue;
          c.calls.push_back(std::move(call));
          if (c.calls.size() == QueueCalls::kMaxShown) break;
        }
    } else if (key == RankingsStars::kKey) {
      if (auto v = read<RankingsStars>(key, value, problems)) {
        c.rankings.period = v->period;
        c.rankings.live = v->live;
        for (const auto& w : v->windows) c.rankings.windows.push_back(rank_row(w));
        for (const auto& s : v->staff) c.rankings.staff.push_back(rank_row(s));
      }
    } else if (key == playlist) {
      if (auto v = read<hall::wire::Playlist>(key, value, problems)) read_playlist(key, *v, c);
    }
  }
  // Pledges: the one rule every reader shares (kiosk too).
  c.pledges = read_pledges(map, &c.problems);
  std::sort(c.windows.begin(), c.windows.end(), [](auto& a, auto& b) { return a.number < b.number; });
  std::stable_sort(c.staff.begin(), c.staff.end(), [](auto& a, auto& b) {
    const int wa = a.window > 0 ? a.window : 1 << 20, wb = b.window > 0 ? b.window : 1 << 20;
    return wa != wb ? wa < wb : a.id < b.id;
  });
  // In the published order (by rank); rows without a rank after, by stars and score.
  auto by_stars = [](const RankRow& a, const RankRow& b) {
    const int ra = a.rank > 0 ? a.rank : 1 << 20, rb = b.rank > 0 ? b.rank : 1 << 20;
    if (ra != rb) return ra < rb;
    return a.stars != b.stars ? a.stars > b.stars : a.score > b.score;
  };
  std::stable_sort(c.rankings.windows.begin(), c.rankings.windows.end(), by_stars);
  std::stable_sort(c.rankings.staff.begin(), c.rankings.staff.end(), by_stars);
  return c;
}

}  // namespace signage
