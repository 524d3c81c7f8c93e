#include "signage/screen/content.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace signage {

using nlohmann::json;

namespace {
std::string str(const json& j, const char* field) {
  auto it = j.find(field);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
int integer(const json& j, const char* field, int fallback = 0) {
  auto it = j.find(field);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : fallback;
}
std::vector<std::string> strings(const json& j, const char* field) {
  std::vector<std::string> out;
  auto it = j.find(field);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}
bool starts(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

RankRow rank_row(const json& j) {
  RankRow r;
  r.name = str(j, "name");
  r.detail = str(j, "detail");
  if (r.detail.empty() && integer(j, "number") > 0) r.detail = std::to_string(integer(j, "number")) + "号窗口";
  r.stars = std::clamp(integer(j, "stars"), 0, 5);
  if (auto it = j.find("score"); it != j.end() && it->is_number()) r.score = it->get<double>();
  return r;
}
}  // namespace

const std::vector<std::string>& board_names() {
  static const std::vector<std::string> names = {"standards", "identity", "pledges", "rankings", "queue"};
  return names;
}

bool known_board(const std::string& name) {
  const auto& n = board_names();
  return std::find(n.begin(), n.end(), name) != n.end();
}

std::string board_title(const std::string& name) {
  if (name == "standards") return "亮标准 · 办事指南";
  if (name == "identity") return "亮身份 · 窗口人员";
  if (name == "pledges") return "亮承诺 · 服务承诺";
  if (name == "rankings") return "星级窗口 · 服务标兵";
  if (name == "queue") return "叫号信息";
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
  Content c;
  const std::string playlist_key = "/groups/" + group + "/playlist";
  for (const auto& [key, value] : map) {
    if (starts(key, "/media/")) continue;
    if (starts(key, "/rankings/")) c.rankings.present = true;
    // Only the keys a screen draws are parsed.
    const bool wanted = key == "/hall/info" || key == "/hall/epoch" || starts(key, "/content/") ||
                        starts(key, "/notices/") || key == playlist_key || key == "/queue/calls" ||
                        key == "/rankings/stars";
    if (!wanted) continue;
    json j = json::parse(value, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      c.problems.push_back(key + ": not a JSON object");
      continue;
    }
    if (key == "/hall/info") {
      c.hall_name = str(j, "name");
      c.hall_name_en = str(j, "name_en");
    } else if (key == "/hall/epoch") {
      c.epoch = str(j, "id");
    } else if (starts(key, "/content/departments/")) {
      c.departments[str(j, "id")] = str(j, "name");
    } else if (starts(key, "/content/windows/")) {
      Window w{integer(j, "number"), str(j, "name"), str(j, "department"), strings(j, "items")};
      if (w.number <= 0) c.problems.push_back(key + ": \"number\" must be a positive integer");
      else c.windows.push_back(std::move(w));
    } else if (starts(key, "/content/staff/")) {
      Staff s{str(j, "id"), str(j, "name"), str(j, "photo"), str(j, "post"),
              j.value("member", false) == true, str(j, "badge"), str(j, "zone"), integer(j, "window"),
              str(j, "department")};
      if (s.name.empty()) c.problems.push_back(key + ": missing \"name\"");
      else c.staff.push_back(std::move(s));
    } else if (starts(key, "/content/standards/")) {
      Standard s{str(j, "id"), str(j, "name"), str(j, "department"), strings(j, "steps"),
                 strings(j, "materials"), str(j, "time_limit"), str(j, "fee"), str(j, "legal_basis"),
                 str(j, "phone")};
      if (s.name.empty()) c.problems.push_back(key + ": missing \"name\"");
      else c.standards.push_back(std::move(s));
    } else if (starts(key, "/content/pledges/")) {
      Pledge p{str(j, "id"), str(j, "scope"), str(j, "staff"), str(j, "title"), str(j, "text")};
      if (p.text.empty()) c.problems.push_back(key + ": missing \"text\"");
      else c.pledges.push_back(std::move(p));
    } else if (starts(key, "/notices/ticker/")) {
      Ticker t{str(j, "id"), str(j, "text"), str(j, "until")};
      if (!t.text.empty()) c.tickers.push_back(std::move(t));
    } else if (key == "/notices/urgent") {
      c.urgent = str(j, "text");
      c.urgent_since = str(j, "since");
    } else if (key == "/queue/calls") {
      if (auto it = j.find("calls"); it != j.end() && it->is_array())
        for (const auto& call : *it) {
          if (!call.is_object() || str(call, "ticket").empty()) continue;
          c.calls.push_back({str(call, "ticket"), integer(call, "window"), str(call, "window_name"), str(call, "at")});
          if (c.calls.size() == 10) break;
        }
    } else if (key == "/rankings/stars") {
      c.rankings.period = str(j, "period");
      for (const char* list : {"windows", "staff"}) {
        auto it = j.find(list);
        if (it == j.end() || !it->is_array()) continue;
        for (const auto& row : *it)
          if (row.is_object())
            (std::string(list) == "windows" ? c.rankings.windows : c.rankings.staff).push_back(rank_row(row));
      }
    } else if (key == playlist_key) {
      Playlist& p = c.playlist;
      if (auto it = j.find("boards"); it != j.end() && it->is_array())
        for (const auto& b : *it) {
          if (!b.is_object()) continue;
          PlaylistEntry e{str(b, "board"), integer(b, "seconds", 20)};
          if (!known_board(e.board)) {
            c.problems.push_back(key + ": unknown board \"" + e.board + "\"");
            continue;
          }
          e.seconds = std::clamp(e.seconds, 3, 3600);
          p.boards.push_back(e);
        }
      if (auto it = j.find("hours"); it != j.end() && it->is_object()) {
        const int open = parse_hhmm(str(*it, "open"));
        const int close = parse_hhmm(str(*it, "close"));
        if (open < 0 || close < 0) {
          c.problems.push_back(key + ": hours need \"open\" and \"close\" as HH:MM");
        } else {
          p.hours.set = true;
          p.hours.open_min = open;
          p.hours.close_min = close;
          if (auto d = it->find("days"); d != it->end() && d->is_array())
            for (const auto& day : *d)
              if (day.is_number_integer() && day.get<int>() >= 1 && day.get<int>() <= 7)
                p.hours.days.push_back(day.get<int>());
        }
      }
      p.outside = str(j, "outside");
      if (!p.outside.empty() && !known_board(p.outside)) {
        c.problems.push_back(key + ": unknown outside board \"" + p.outside + "\"");
        p.outside.clear();
      }
      p.present = !p.boards.empty();
    }
  }
  std::sort(c.windows.begin(), c.windows.end(), [](auto& a, auto& b) { return a.number < b.number; });
  std::stable_sort(c.staff.begin(), c.staff.end(), [](auto& a, auto& b) {
    const int wa = a.window > 0 ? a.window : 1 << 20, wb = b.window > 0 ? b.window : 1 << 20;
    return wa != wb ? wa < wb : a.id < b.id;
  });
  std::stable_sort(c.pledges.begin(), c.pledges.end(),
                   [](auto& a, auto& b) { return (a.scope == "unit") > (b.scope == "unit"); });
  auto by_stars = [](const RankRow& a, const RankRow& b) {
    return a.stars != b.stars ? a.stars > b.stars : a.score > b.score;
  };
  std::stable_sort(c.rankings.windows.begin(), c.rankings.windows.end(), by_stars);
  std::stable_sort(c.rankings.staff.begin(), c.rankings.staff.end(), by_stars);
  return c;
}

}  // namespace signage
