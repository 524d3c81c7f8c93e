#include "controller/report/report_charts.h"

#include "common/time/iso8601.h"
#include "common/time/periods.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace controller {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {
std::string fmt(const char* f, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, x);
  return buf;
}
}  // namespace

std::string svg_satisfaction_bars(const std::vector<Bar>& bars, int width) {
  const int row = 30, top = 28, label_w = 170, note_w = 150;
  const int plot_w = std::max(100, width - label_w - note_w);
  const int height = top + row * static_cast<int>(std::max<size_t>(bars.size(), 1)) + 10;
  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" << width << "\" height=\"" << height
    << "\" viewBox=\"0 0 " << width << ' ' << height << "\" role=\"img\" aria-label=\"各窗口满意率\">";
  for (int pct = 0; pct <= 100; pct += 20) {
    const double x = label_w + plot_w * pct / 100.0;
    s << "<line x1=\"" << x << "\" y1=\"" << top - 6 << "\" x2=\"" << x << "\" y2=\"" << height - 10
      << "\" stroke=\"#ccc\" stroke-width=\"1\"/><text x=\"" << x << "\" y=\"" << top - 10
      << "\" font-size=\"12\" text-anchor=\"middle\" fill=\"#555\">" << pct << "%</text>";
  }
  if (bars.empty())
    s << "<text x=\"" << label_w << "\" y=\"" << top + 20 << "\" font-size=\"16\" fill=\"#555\">本期无评价</text>";
  for (size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    const double y = top + row * static_cast<double>(i);
    const double v = std::clamp(b.value, 0.0, 1.0);
    const char* color = v >= 0.95 ? "#2e7d32" : v >= 0.85 ? "#1565c0" : v >= 0.7 ? "#f9a825" : "#c62828";
    s << "<text x=\"" << label_w - 8 << "\" y=\"" << y + 20 << "\" font-size=\"15\" text-anchor=\"end\">"
      << html_escape(b.label) << "</text>";
    s << "<rect x=\"" << label_w << "\" y=\"" << y + 5 << "\" width=\"" << fmt("%.1f", plot_w * v)
      << "\" height=\"20\" fill=\"" << color << "\"/>";
    if (b.marker >= 0) {
      const double mx = label_w + plot_w * std::clamp(b.marker, 0.0, 1.0);
      s << "<line x1=\"" << fmt("%.1f", mx) << "\" y1=\"" << y + 2 << "\" x2=\"" << fmt("%.1f", mx) << "\" y2=\""
        << y + 28 << "\" stroke=\"#000\" stroke-width=\"2\"/>";
    }
    s << "<text x=\"" << label_w + plot_w + 8 << "\" y=\"" << y + 20 << "\" font-size=\"14\">"
      << fmt("%.1f%%", v * 100) << ' ' << html_escape(b.note) << "</text>";
  }
  s << "</svg>";
  return s.str();
}

void HeatMap::add(int weekday0, int hour, int score) {
  if (weekday0 < 0 || weekday0 > 6 || hour < 0 || hour > 23) return;
  count[weekday0][hour] += 1;
  sum[weekday0][hour] += score;
}

bool HeatMap::add_at(std::string_view t, int score) {
  using namespace std::chrono;
  if (score < 1 || score > 5) return false;
  auto local = hall::hall_local_of(t);
  if (!local) return false;
  const local_days day = floor<days>(*local);
  const int hour = static_cast<int>(floor<hours>(*local - day).count());
  add(hall::iso_weekday(hall::to_date(year_month_day{day})) - 1, hour, score);
  return true;
}

int64_t HeatMap::total() const {
  int64_t t = 0;
  for (const auto& r : count)
    for (auto c : r) t += c;
  return t;
}

std::string svg_heat_map(const HeatMap& heat, int width) {
  static const char* kDays[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
  const int label_w = 50, top = 22, legend_h = 34;
  const double cell_w = (width - label_w) / 24.0;
  const int cell_h = 30;
  const int height = top + cell_h * 7 + legend_h;
  int64_t max_count = 1;
  for (const auto& r : heat.count)
    for (auto c : r) max_count = std::max(max_count, c);
  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" << width << "\" height=\"" << height
    << "\" viewBox=\"0 0 " << width << ' ' << height << "\" role=\"img\" aria-label=\"评价时段热力图\">";
  for (int h = 0; h < 24; ++h)
    s << "<text x=\"" << fmt("%.1f", label_w + cell_w * (h + 0.5)) << "\" y=\"" << top - 6
      << "\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">" << h << "</text>";
  for (int d = 0; d < 7; ++d) {
    const int y = top + cell_h * d;
    s << "<text x=\"" << label_w - 6 << "\" y=\"" << y + 20 << "\" font-size=\"13\" text-anchor=\"end\">" << kDays[d]
      << "</text>";
    for (int h = 0; h < 24; ++h) {
      const int64_t n = heat.count[d][h];
      std::string fill = "#f2f2f2";
      std::string title = std::string(kDays[d]) + " " + std::to_string(h) + "时: 无评价";
      if (n > 0) {
        const double mean = static_cast<double>(heat.sum[d][h]) / static_cast<double>(n);
        // Hue from red (mean 1) to green (mean 5); stronger with more ratings.
        const double hue = std::clamp((mean - 1.0) / 4.0, 0.0, 1.0) * 120.0;
        const double light = 85.0 - 45.0 * static_cast<double>(n) / static_cast<double>(max_count);
        fill = "hsl(" + fmt("%.0f", hue) + ",70%," + fmt("%.0f", light) + "%)";
        title = std::string(kDays[d]) + " " + std::to_string(h) + "时: " + std::to_string(n) + " 条, 平均 " +
                fmt("%.2f", mean);
      }
      s << "<rect x=\"" << fmt("%.1f", label_w + cell_w * h) << "\" y=\"" << y << "\" width=\"" << fmt("%.1f", cell_w - 1)
        << "\" height=\"" << cell_h - 1 << "\" fill=\"" << fill << "\"><title>" << html_escape(title)
        << "</title></rect>";
      if (n > 0)
        s << "<text x=\"" << fmt("%.1f", label_w + cell_w * (h + 0.5)) << "\" y=\"" << y + 19
          << "\" font-size=\"11\" text-anchor=\"middle\">" << n << "</text>";
    }
  }
  const int ly = top + cell_h * 7 + 8;
  s << "<text x=\"" << label_w << "\" y=\"" << ly + 14 << "\" font-size=\"12\" fill=\"#333\">"
    << "格内数字为评价条数; 颜色由红(平均 1 分)到绿(平均 5 分), 越深条数越多</text>";
  s << "</svg>";
  return s.str();
}

std::string svg_count_bars(const std::vector<CountBar>& bars, int width) {
  const int row = 30, label_w = 170, note_w = 80;
  const int plot_w = std::max(100, width - label_w - note_w);
  const int height = row * static_cast<int>(std::max<size_t>(bars.size(), 1)) + 10;
  int64_t max_count = 1;
  for (const auto& b : bars) max_count = std::max(max_count, b.count);
  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" << width << "\" height=\"" << height
    << "\" viewBox=\"0 0 " << width << ' ' << height << "\" role=\"img\" aria-label=\"差评整改情况\">";
  for (size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    const double y = row * static_cast<double>(i);
    s << "<text x=\"" << label_w - 8 << "\" y=\"" << y + 20 << "\" font-size=\"15\" text-anchor=\"end\">"
      << html_escape(b.label) << "</text><rect x=\"" << label_w << "\" y=\"" << y + 5 << "\" width=\""
      << fmt("%.1f", plot_w * static_cast<double>(b.count) / static_cast<double>(max_count)) << "\" height=\"20\" fill=\""
      << html_escape(b.color) << "\"/><text x=\"" << label_w + plot_w + 8 << "\" y=\"" << y + 20
      << "\" font-size=\"15\">" << b.count << "</text>";
  }
  s << "</svg>";
  return s.str();
}

}  // namespace controller
