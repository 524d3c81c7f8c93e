#include "signage/screen/model.h"

#include <algorithm>
#include <cstdio>

#include "common/vocab/hall_keys.h"
#include "common/time/iso8601.h"

namespace signage {

namespace {
const char* const kWeekdays[] = {"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"};

// "09:30" of a hall-local time.
std::string hh_mm(std::chrono::local_seconds t) {
  const std::chrono::hh_mm_ss<std::chrono::seconds> tod{t - std::chrono::floor<std::chrono::days>(t)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(tod.hours().count()),
                static_cast<int>(tod.minutes().count()));
  return buf;
}

// The playlist when the group has none: every board, 20 s each.
std::vector<PlaylistEntry> default_boards() {
  std::vector<PlaylistEntry> out;
  for (const auto& b : board_names()) out.push_back({b, 20});
  return out;
}

}  // namespace

void Model::apply(const std::map<std::string, std::string>& map, hall::SystemTime received, bool live) {
  Content next = parse_content(map, group_);
  // Keep the hall name through a bad /hall/info value.
  if (next.hall_name.empty() && map.count(hall::wire::HallInfo::kKey)) {
    next.hall_name = content_.hall_name;
    next.hall_name_en = content_.hall_name_en;
  }
  content_ = std::move(next);
  auto it = map.find(hall::wire::HallClock::kKey);
  if (it != map.end()) {
    auto clock = hall::wire::parse_value<hall::wire::HallClock>(it->second, it->first);
    if (clock) {
      const int64_t controller_ms = clock->epoch_ms;
      if (live && controller_ms > 0 && controller_ms != clock_epoch_ms_) {  // a new reading, just received
        clock_epoch_ms_ = controller_ms;
        clock_skew_ms_ = controller_ms - hall::epoch_ms(received);
      }
      zone_ = clock->zone();
    }
  }
}

void Model::set_online(bool online, hall::SystemTime now) {
  if (online) offline_since_.reset();
  else if (online_ || !offline_since_) offline_since_ = now;
  online_ = online;
}

std::string Model::offline_text(hall::SystemTime now) const {
  if (online_) return "";
  if (!offline_since_) return "离线";
  const auto since = hall_local(*offline_since_);
  const auto day = std::chrono::floor<std::chrono::days>(since);
  std::string prefix;
  if (day != std::chrono::floor<std::chrono::days>(hall_local(now))) {
    const std::chrono::year_month_day ymd{day};
    prefix = std::to_string(static_cast<unsigned>(ymd.month())) + "月" + std::to_string(static_cast<unsigned>(ymd.day())) + "日 ";
  }
  return "离线 自 " + prefix + hh_mm(since) + " 起";
}

bool Model::has_data(const std::string& board) const {
  if (board == "rankings") return !content_.rankings.windows.empty() || !content_.rankings.staff.empty();
  return true;
}

std::chrono::local_seconds Model::hall_local(hall::SystemTime now) const {
  return std::chrono::floor<std::chrono::seconds>(zone_.to_local(now + std::chrono::milliseconds(clock_skew_ms_)));
}

int64_t Model::hall_seconds(hall::SystemTime now) const { return hall_local(now).time_since_epoch().count(); }

hall::HallState Model::hall_state(hall::SystemTime now) const {
  return hall::hall_state(content_.hall_hours, std::chrono::local_time<std::chrono::milliseconds>(hall_local(now)));
}

BoardSlot Model::current(hall::SystemTime now) const {
  const int64_t t = hall_seconds(now);
  const hall::HallState state = hall_state(now);
  const std::string status = state.open() ? std::string() : state.text;
  if (!pinned_.empty()) return {pinned_, 0, 0, false, true, status};
  const Playlist& p = content_.playlist;
  auto boards = p.present ? p.boards : default_boards();
  std::erase_if(boards, [&](const PlaylistEntry& e) { return !has_data(e.board); });
  if (boards.empty()) boards = p.present ? p.boards : default_boards();
  if (p.present && p.hours.set) {
    const auto local = hall_local(now);
    const std::chrono::local_days today = std::chrono::floor<std::chrono::days>(local);
    const int day = static_cast<int>(std::chrono::weekday{today}.iso_encoding());
    const int minute = static_cast<int>(std::chrono::floor<std::chrono::minutes>(local - today).count());
    const bool day_ok = p.hours.days.empty() ||
                        std::find(p.hours.days.begin(), p.hours.days.end(), day) != p.hours.days.end();
    const bool open = day_ok && minute >= p.hours.open_min && minute < p.hours.close_min;
    if (!open) return {p.outside.empty() ? boards.front().board : p.outside, 0, 0, true, false, status};
  } else if (!state.open()) {
    const std::string outside = p.present ? p.outside : std::string();
    return {outside.empty() ? boards.front().board : outside, 0, 0, true, false, status};
  }
  int64_t cycle = 0;
  for (const auto& b : boards) cycle += b.seconds;
  int64_t pos = t % cycle;
  for (const auto& b : boards) {
    if (pos < b.seconds) return {b.board, t - pos, b.seconds, false, false, status};
    pos -= b.seconds;
  }
  return {boards.front().board, t, boards.front().seconds, false, false, status};
}

int Model::page(int pages, int page_seconds, hall::SystemTime now) const {
  if (pages <= 1) return 0;
  return static_cast<int>((hall_seconds(now) / std::max(1, page_seconds)) % pages);
}

std::string Model::ticker_text(hall::SystemTime now) const {
  std::string out;
  const int64_t t = hall::epoch_ms(now) / 1000 + clock_skew_ms_ / 1000;
  for (const auto& tk : content_.tickers) {
    if (!tk.until.empty()) {
      // Shown when unreadable: better an old notice than a missing one.
      const auto until_ms = hall::parse_iso_ms(tk.until);
      if (until_ms && *until_ms / 1000 < t) continue;
    }
    if (!out.empty()) out += "　　｜　　";
    out += tk.text;
  }
  return out;
}

std::string Model::clock_text(hall::SystemTime now) const {
  const auto local = hall_local(now);
  const std::chrono::hh_mm_ss<std::chrono::seconds> tod{local - std::chrono::floor<std::chrono::days>(local)};
  char buf[16];
  std::snprintf(buf, sizeof buf, ":%02d", static_cast<int>(tod.seconds().count()));
  return hh_mm(local) + buf;
}

std::string Model::date_text(hall::SystemTime now) const {
  const std::chrono::local_days day = std::chrono::floor<std::chrono::days>(hall_local(now));
  const std::chrono::year_month_day ymd{day};
  return std::to_string(static_cast<int>(ymd.year())) + "年" + std::to_string(static_cast<unsigned>(ymd.month())) +
         "月" + std::to_string(static_cast<unsigned>(ymd.day())) + "日 " +
         kWeekdays[std::chrono::weekday{day}.c_encoding()];
}

std::string Model::glyph_text() const {
  std::string all = content_.hall_name + content_.hall_name_en + "年月日";
  for (const char* d : kWeekdays) all += d;
  all += "离线 自起 亮标准 亮身份 亮承诺 比技能 比作风 比业绩 群众评议 党员互评 领导点评"
         "欢迎光临，请按叫号到窗口办理 ·｜　";
  for (const auto& b : board_names()) all += board_title(b);
  all += "办理流程 所需材料 办结时限 收费标准 法律依据 咨询电话 号窗口 工号 党员 暂无数据 综合得分 名次 姓名 星级 本月暂无评定结果 叫号暂停 控制器连接恢复后继续叫号 请留意窗口的叫号 （续） "
         "紧急通知 请 号到 最近叫号 叫号暂停 单位承诺 个人承诺 星级窗口 服务标兵 统计周期 分 第页共 暂无内容 "
         "今日已结束营业 非办公时间 欢迎 未分配窗口 → 。，：— 通知 发布时间 （）";
  // Every fixed string the boards draw (boards.cpp, view.cpp).
  all += "办事指南将在控制器发布后显示 窗口人员信息将在控制器发布后显示 服务承诺将在控制器发布后显示 "
         "星级评定结果将在每月统计后显示 暂无叫号 请留意叫号信息，按号到窗口办理 法律依据： 单位承诺 "
         "服务承诺 个人承诺 统计周期 最近叫号 紧急通知 发布时间 通知 （非办公时间） 月日 本月实时 评价数不足 "
         // The hall's state (common/time/opening_hours.cpp).
         "办理中 至 午间休息 恢复办理 未到办理时间 今日 开始办理 已下班 明日 今日休息（法定节假日） 周一周二周三周四周五周六周日 "
         "0123456789:";
  for (const auto& [id, name] : content_.departments) all += name;
  for (const auto& w : content_.windows) all += w.name;
  for (const auto& s : content_.staff) all += s.name + s.post + s.badge + s.zone;
  for (const auto& s : content_.standards) {
    all += s.name + s.time_limit + s.fee + s.legal_basis + s.phone;
    for (const auto& x : s.steps) all += x;
    for (const auto& x : s.materials) all += x;
  }
  for (const auto& p : content_.pledges) all += p.title + p.text;
  for (const auto& t : content_.tickers) all += t.text;
  all += content_.urgent;
  for (const auto& c : content_.calls) all += c.ticket + c.window_name;
  for (const auto& r : content_.rankings.windows) all += r.name + r.detail;
  for (const auto& r : content_.rankings.staff) all += r.name + r.detail;
  all += content_.rankings.period;
  return all;
}

}  // namespace signage
