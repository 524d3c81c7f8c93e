#include "controller/report/report.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/time/clock.h"
#include "common/time/iso8601.h"

namespace controller {

namespace fs = std::filesystem;

namespace {

std::string num(const char* f, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, x);
  return buf;
}
std::string opt(const std::optional<double>& x, const char* f = "%.2f") { return x ? num(f, *x) : "-"; }
std::string pct(const std::optional<double>& x) { return x ? num("%.1f%%", *x * 100) : "-"; }

std::string csv_cell(std::string_view v) {
  std::string s(v);
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    if (s != "-") s = "'" + s;
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

const char* kBom = kCsvBom;

// A component that is the hall's average (the subject had none) says so.
std::string component_cell(const std::optional<double>& x, bool hall_average) {
  return opt(x) + (x && hall_average ? " (按全厅平均)" : "");
}

std::vector<std::string> standing_cells(const Standing& s) {
  return {s.count ? std::to_string(s.count) : "0",
          opt(s.mean),
          pct(s.satisfaction ? std::optional<double>(s.satisfaction->rate) : std::nullopt),
          pct(s.satisfaction ? std::optional<double>(s.satisfaction->wilson_lower) : std::nullopt),
          component_cell(s.components.citizen, s.components.citizen_hall),
          component_cell(s.components.peer, s.components.peer_hall),
          component_cell(s.components.leader, s.components.leader_hall),
          num("%.2f", s.components.bonus),
          opt(s.composite),
          s.too_few ? "评价数不足" : s.stars ? std::to_string(s.stars) + (s.talk ? " 约谈" : "") : "-"};
}

const std::vector<std::string> kStandingHeads = {"评价数", "平均分", "满意率", "满意率下限(95%)", "群众评分",
                                                 "互评得分", "领导点评", "加分", "综合得分", "星级"};

std::string rows_csv(const std::vector<ReportRow>& rows, const std::vector<std::string>& heads) {
  std::string out = kBom;
  std::vector<std::string> h = heads;
  h.insert(h.end(), kStandingHeads.begin(), kStandingHeads.end());
  out += csv_line(h);
  for (const auto& r : rows) {
    std::vector<std::string> cells = {r.standing.rank ? std::to_string(r.standing.rank) : "-", r.code, r.name, r.where};
    auto rest = standing_cells(r.standing);
    cells.insert(cells.end(), rest.begin(), rest.end());
    out += csv_line(cells);
  }
  return out;
}

}  // namespace

std::string csv_line(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + csv_cell(cells[i]);
  return line + "\r\n";
}

std::string report_title(const hall::Period& p) {
  switch (p.kind) {
    case hall::PeriodKind::Quarter: return "评价排名季报";
    case hall::PeriodKind::Year: return "评价排名年报";
    default: return "评价排名月报";
  }
}

std::string csv_windows(const MonthReport& r) { return rows_csv(r.windows, {"排名", "窗口编号", "窗口", "部门"}); }
std::string csv_people(const MonthReport& r) { return rows_csv(r.people, {"排名", "工号", "姓名", "窗口"}); }

std::string report_time(const MonthReport& r, const std::string& iso) {
  if (iso.empty()) return iso;
  auto t = hall::parse_iso_time(iso);
  if (!t) return iso;
  auto zone = hall::TimeZone::named(r.timezone);
  return hall::display_time(*t, zone ? *zone : hall::hall_zone());
}

namespace {
// The day the case was due at the report's end, as printed: the
// rectification deadline, or the callback's once rectified ("2026-12-04 回访");
// "(暂定)" past the end of the holiday table.
std::string case_due_text(const Case& c) {
  const auto due = due_date(c);
  return to_string(due.value_or(c.deadline)) + (c.state == CaseState::Rectified && due ? " 回访" : "") +
         (c.deadline_provisional ? " (暂定)" : "");
}

// A points table of scores 1-5: "60/75/88/95/100".
std::string points_text(const std::vector<double>& points) {
  std::string out;
  for (double p : points) out += (out.empty() ? "" : "/") + num("%g", p);
  return out;
}

// Overdue (at the report's end) first, then by due day (cases.h).
std::vector<const ReportCase*> case_order(const MonthReport& r) {
  std::vector<const ReportCase*> out;
  for (const auto& c : r.cases) out.push_back(&c);
  std::stable_sort(out.begin(), out.end(), [](const ReportCase* a, const ReportCase* b) {
    return a->overdue != b->overdue ? a->overdue : due_before(a->c, b->c);
  });
  return out;
}
}  // namespace

std::string csv_cases(const MonthReport& r) {
  std::string out = kBom;
  out += csv_line({"编号", "排队号", "窗口", "工作人员", "评分", "联系电话", "评价时间", "办理期限", "状态", "状态经过",
                   "是否超期", "是否结转", "不予认定", "不予认定原因", "整改措施", "回访结果", "办结时间"});
  for (const ReportCase* rc : case_order(r)) {
    const Case& c = rc->c;
    out += csv_line({std::to_string(c.id), c.ticket, c.window, c.staff, std::to_string(c.score), mask_phone(c.phone),
                     report_time(r, c.opened_at), case_due_text(c), case_state_label_zh(c.state), rc->path,
                     rc->overdue ? "超期" : "", rc->carried_in ? "结转" : "", rc->rejected ? "不予认定" : "",
                     c.reject_reason, c.action_taken, c.callback_result, report_time(r, c.closed_at)});
  }
  return out;
}

namespace {

std::string table_html(const std::vector<ReportRow>& rows, const char* code_head, const char* name_head,
                       const char* where_head, const char* id) {
  std::ostringstream s;
  s << "<table id=\"" << id << "\"><thead><tr><th>排名</th><th>" << code_head << "</th><th>" << name_head
    << "</th><th>" << where_head << "</th>";
  for (const auto& h : kStandingHeads) s << "<th>" << html_escape(h) << "</th>";
  s << "</tr></thead><tbody>";
  if (rows.empty()) s << "<tr><td colspan=\"14\">本期无数据</td></tr>";
  for (const auto& r : rows) {
    const auto& st = r.standing;
    s << "<tr><td>" << (st.rank ? std::to_string(st.rank) : "-") << "</td><td>" << html_escape(r.code) << "</td><td>"
      << html_escape(r.name) << "</td><td>" << html_escape(r.where) << "</td>";
    auto cells = standing_cells(st);
    cells.back() = st.too_few ? "评价数不足" : st.stars ? star_text(st.stars) + (st.talk ? " 约谈" : "") : "-";
    for (size_t i = 0; i < cells.size(); ++i)
      s << "<td" << (i + 1 == cells.size() ? " class=\"stars\"" : "") << ">" << html_escape(cells[i]) << "</td>";
    s << "</tr>";
  }
  s << "</tbody></table>";
  return s.str();
}

// 约谈: the windows at the bottom two closed months running (Standing::talk).
std::string talk_note(const MonthReport& r) {
  if (r.period.kind != hall::PeriodKind::Month) return "";
  std::string who;
  for (const auto& w : r.windows)
    if (w.standing.talk) who += (who.empty() ? "" : "、") + html_escape(w.code + " " + w.name);
  return "<p class=\"note\" id=\"talk\">约谈提醒(连续两个已结束月份排名末位" +
         (r.settings.talk_below > 0 ? "或综合得分低于 " + num("%g", r.settings.talk_below) : std::string()) +
         "): " + (who.empty() ? "无" : who) + "。评价数少于 " + std::to_string(r.settings.min_ratings) +
         " 条的不参加排名(评价数不足)。</p>";
}

}  // namespace

std::string html_report(const MonthReport& r) {
  const std::string title = r.hall_name + " " + hall::label_zh(r.period) + " " + report_title(r.period);
  std::ostringstream s;
  s << "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" << html_escape(title)
    << "</title>\n<style>\n"
       "@page { size: A4; margin: 14mm; }\n"
       "body { font-family: 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif; color: #111;"
       " margin: 24px; font-size: 14px; background: #fff; }\n"
       "h1 { font-size: 26px; margin: 0 0 4px; border-bottom: 3px solid #b71c1c; padding-bottom: 6px; }\n"
       "h2 { font-size: 19px; margin: 22px 0 8px; color: #b71c1c; }\n"
       ".meta { color: #444; margin-bottom: 8px; }\n"
       ".summary { display: flex; gap: 12px; margin: 10px 0; }\n"
       ".summary div { border: 1px solid #ccc; padding: 8px 12px; flex: 1; }\n"
       ".summary b { display: block; font-size: 22px; }\n"
       "table { border-collapse: collapse; width: 100%; font-size: 12.5px; }\n"
       "th, td { border: 1px solid #999; padding: 3px 5px; text-align: center; }\n"
       "th { background: #f3e5e5; }\n"
       "tr:nth-child(even) td { background: #fafafa; }\n"
       "td.stars { color: #c77800; letter-spacing: 1px; }\n"
       ".overdue td { color: #b71c1c; font-weight: bold; }\n"
       "section { page-break-inside: avoid; }\n"
       ".note { color: #555; font-size: 12px; }\n"
       ".flow { margin: 6px 0 10px; width: auto; }\n"
       ".flow td, .flow th { padding: 4px 14px; font-size: 14px; }\n"
       "td.path { font-size: 11.5px; }\n"
       "td.date { white-space: nowrap; }\n"
       "svg.chart { max-width: 100%; height: auto; }\n"
       "td.text { text-align: left; }\n"
       "</style></head><body>\n";
  s << "<h1>" << html_escape(title) << "</h1>\n<div class=\"meta\">统计期间 " << to_string(hall::first_day(r.period))
    << " 至 " << to_string(hall::last_day(r.period)) << " · 生成时间 " << html_escape(report_time(r, r.generated_at))
    << (r.timezone.empty() ? "" : " · 时区 " + html_escape(r.timezone)) << "</div>\n";
  const CaseFlow& f = r.flow;
  s << "<div class=\"summary\"><div>评价总数<b>" << r.total_ratings << "</b></div><div>全厅平均分<b>"
    << (r.total_ratings ? num("%.2f", r.hall_mean) : "-") << "</b></div><div>全厅满意率<b>"
    << (r.total_ratings ? num("%.1f%%", 100.0 * static_cast<double>(r.hall_satisfied) / static_cast<double>(r.total_ratings)) : "-")
    << "</b></div><div>本期差评<b>" << f.opened << "</b></div><div>期末未办结 / 超期<b>" << f.open_at_end << " / "
    << f.overdue_at_end << "</b></div></div>\n";
  s << "<section><h2>一、窗口排名(星级窗口)</h2>\n"
    << table_html(r.windows, "窗口编号", "窗口", "部门", "windows") << talk_note(r) << "</section>\n";
  std::vector<Bar> bars;
  for (const auto& w : r.windows)
    if (w.standing.satisfaction)
      bars.push_back({w.name.empty() ? w.code : w.name, w.standing.satisfaction->rate,
                      w.standing.satisfaction->wilson_lower, "n=" + std::to_string(w.standing.count)});
  s << "<section><h2>二、各窗口满意率</h2>\n" << svg_satisfaction_bars(bars, 1080)
    << "<div class=\"note\">条形为满意率(4、5 分占比), 黑色刻线为 95% 置信下限(Wilson)。</div></section>\n";
  s << "<section><h2>三、评价时段分布(星期 × 小时)</h2>\n" << svg_heat_map(r.heat, 1080) << "</section>\n";
  s << "<section><h2>四、个人排名(服务标兵)</h2>\n"
    << table_html(r.people, "工号", "姓名", "窗口", "people") << "</section>\n";

  std::vector<CountBar> case_bars;
  static const char* kColors[] = {"#c62828", "#ef6c00", "#f9a825", "#1565c0", "#2e7d32", "#757575", "#6a1b9a"};
  for (CaseState st : {CaseState::Open, CaseState::Verified, CaseState::Rectified, CaseState::FollowedUp,
                       CaseState::Closed}) {
    int64_t n = 0;
    for (const auto& c : r.cases) n += c.c.state == st;
    case_bars.push_back({case_state_label_zh(st), n, kColors[case_bars.size()]});
  }
  case_bars.push_back({"不予认定", f.rejected, kColors[5]});
  case_bars.push_back({"其中超期", f.overdue_at_end, kColors[6]});
  const std::string end_label = report_time(r, r.as_of);
  s << "<section><h2>五、差评整改情况</h2>\n"
    << "<table class=\"flow\" id=\"flow\"><thead><tr><th>期初结转</th><th>本期新增</th><th>本期办结</th>"
       "<th>期末未办结</th><th>期末超期</th><th>本期新超期</th><th>不予认定</th></tr></thead><tbody><tr><td>"
    << f.carried_in << "</td><td>" << f.opened << "</td><td>" << f.closed << "</td><td>" << f.open_at_end
    << "</td><td>" << f.overdue_at_end << "</td><td>" << f.became_overdue << "</td><td>" << f.rejected
    << "</td></tr></tbody></table>\n"
    << "<div class=\"note\">期初结转: 本期开始前受理、期初尚未办结的差评; 期末: " << html_escape(end_label)
    << "; 办理期限: 整改期限, 已整改的为回访期限; 超期: 整改期限已过仍未整改, 或回访期限已过仍未回访; 本期新超期: 在本期内超过整改或回访期限; 不予认定: 含不予认定后办结的案件。"
       "下图与下表为各案件期末状态。</div>\n"
    << svg_count_bars(case_bars, 1080);
  s << "<table id=\"cases\"><thead><tr><th>编号</th><th>窗口</th><th>工作人员</th><th>评分</th><th>联系电话</th>"
       "<th>评价时间</th><th>办理期限</th><th>状态</th><th>状态经过</th><th>整改措施 / 不予认定原因</th>"
       "<th>回访结果</th></tr></thead><tbody>";
  if (r.cases.empty()) s << "<tr><td colspan=\"11\">本期无差评</td></tr>";
  for (const ReportCase* rc : case_order(r)) {
    const Case& c = rc->c;
    std::string what = c.action_taken;
    if (rc->rejected) what = "不予认定: " + c.reject_reason;
    s << "<tr" << (rc->overdue ? " class=\"overdue\"" : "") << "><td>" << c.id << (rc->carried_in ? " (结转)" : "")
      << "</td><td>" << html_escape(c.window) << "</td><td>" << html_escape(c.staff) << "</td><td>" << c.score
      << "</td><td>" << html_escape(mask_phone(c.phone)) << "</td><td>" << html_escape(report_time(r, c.opened_at))
      << "</td><td class=\"date\">" << case_due_text(c) << "</td><td>" << case_state_label_zh(c.state)
      << (rc->overdue ? " (超期)" : "") << "</td><td class=\"path\">" << html_escape(rc->path)
      << "</td><td class=\"text\">" << html_escape(what) << "</td><td>" << html_escape(c.callback_result)
      << "</td></tr>";
  }
  s << "</tbody></table></section>\n";
  s << "<p class=\"note\">计分方法: 群众评分 = 贝叶斯平均 (v·R + m·C)/(v + m), m = " << num("%g", r.settings.m)
    << ", 映射到 0–100; 综合得分 = " << num("%g", r.settings.weight_citizen) << "×群众 + "
    << num("%g", r.settings.weight_peer) << "×互评 + " << num("%g", r.settings.weight_leader)
    << "×领导点评 + 加分 (本人无互评或领导点评的, 该项按全厅平均计; 全厅都没有的, 其权重按比例分给其他项); 互评 1–5 分折合 "
    << points_text(r.settings.peer_points) << " 分, 领导点评 1–5 分折合 " << points_text(r.settings.leader_points)
    << " 分; 星级: ≥" << num("%g", r.settings.star_thresholds[0]) << " 五星, ≥"
    << num("%g", r.settings.star_thresholds[1]) << " 四星, ≥" << num("%g", r.settings.star_thresholds[2])
    << " 三星, ≥" << num("%g", r.settings.star_thresholds[3])
    << " 二星, 其余一星。联系电话已脱敏。</p>\n</body></html>\n";
  return s.str();
}

namespace {
hall::Status write_atomic(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return hall::fail("cannot write " + tmp.string() + "; check the directory exists and is writable");
    out << text;
    out.flush();
    if (!out) return hall::fail("writing " + tmp.string() + " failed (disk full?)");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return hall::fail("cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message());
  return {};
}
}  // namespace

hall::Result<ReportFiles> write_month_report(const MonthReport& r, const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return hall::fail("cannot create the report directory " + dir + ": " + ec.message());
  const std::string p = to_string(r.period);
  ReportFiles files{(fs::path(dir) / ("windows-" + p + ".csv")).string(),
                    (fs::path(dir) / ("people-" + p + ".csv")).string(),
                    (fs::path(dir) / ("cases-" + p + ".csv")).string(),
                    (fs::path(dir) / ("report-" + p + ".html")).string()};
  if (auto s = write_atomic(files.windows_csv, csv_windows(r)); !s) return s.take_error();
  if (auto s = write_atomic(files.people_csv, csv_people(r)); !s) return s.take_error();
  if (auto s = write_atomic(files.cases_csv, csv_cases(r)); !s) return s.take_error();
  if (auto s = write_atomic(files.html, html_report(r)); !s) return s.take_error();
  return files;
}

}  // namespace controller
