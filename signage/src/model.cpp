#include "signage/model.h"

#include <nlohmann/json.hpp>

#include <ctime>

namespace signage {

namespace {
nlohmann::json parse(const std::map<std::string, std::string>& map, const std::string& key) {
  auto it = map.find(key);
  if (it == map.end()) return nullptr;
  auto j = nlohmann::json::parse(it->second, nullptr, false);
  return j.is_discarded() ? nullptr : j;
}

std::tm hall_tm(hall::SystemTime now, int64_t skew_ms, int offset_min, bool have_clock) {
  const auto t = now + std::chrono::milliseconds(skew_ms);
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  if (have_clock) {
    tt += offset_min * 60;
    gmtime_r(&tt, &tm);
  } else {
    localtime_r(&tt, &tm);
  }
  return tm;
}

const char* const kWeekdays[] = {"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"};
}  // namespace

void Model::apply(const std::map<std::string, std::string>& map, hall::SystemTime received) {
  if (auto info = parse(map, "/hall/info"); info.is_object()) {
    hall_name_ = info.value("name", "");
    hall_name_en_ = info.value("name_en", "");
  }
  if (auto clock = parse(map, "/hall/clock"); clock.is_object()) {
    const int64_t controller_ms = clock.value("epoch_ms", int64_t{0});
    if (controller_ms > 0 && controller_ms != clock_epoch_ms_) {  // a new reading
      clock_epoch_ms_ = controller_ms;
      clock_skew_ms_ = controller_ms - hall::epoch_ms(received);
      utc_offset_min_ = clock.value("utc_offset_min", 0);
      have_clock_ = true;
    }
  }
}

std::string Model::clock_text(hall::SystemTime now) const {
  const std::tm tm = hall_tm(now, clock_skew_ms_, utc_offset_min_, have_clock_);
  char buf[16];
  std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
  return buf;
}

std::string Model::date_text(hall::SystemTime now) const {
  const std::tm tm = hall_tm(now, clock_skew_ms_, utc_offset_min_, have_clock_);
  return std::to_string(tm.tm_year + 1900) + "年" + std::to_string(tm.tm_mon + 1) + "月" +
         std::to_string(tm.tm_mday) + "日 " + kWeekdays[tm.tm_wday];
}

std::string Model::glyph_text() const {
  std::string all = hall_name_ + hall_name_en_ + "年月日";
  for (const char* d : kWeekdays) all += d;
  all += "正在连接控制器… 离线 亮标准 亮身份 亮承诺 比技能 比作风 比业绩 群众评议 党员互评 领导点评"
         "欢迎光临，请按叫号到窗口办理";
  return all;
}

}  // namespace signage
