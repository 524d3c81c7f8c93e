// report_charts.h: the inline SVG charts of the month report (report.h):
// satisfaction by window (horizontal bars with the Wilson lower bound marked),
// an hour-of-day × weekday heat map of ratings, and the case summary bars.
// Each returns a self-contained <svg> element; text is HTML-escaped.
// Threading: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace controller {

std::string html_escape(std::string_view text);

struct Bar {
  std::string label;
  double value = 0;        // 0-1 (shown as a percentage)
  double marker = -1;      // 0-1, drawn as a tick (Wilson lower bound); < 0: none
  std::string note;        // right of the bar, e.g. "n=123"
};
std::string svg_satisfaction_bars(const std::vector<Bar>& bars, int width);

// Ratings by weekday (0 = Monday) and hour of the day (0-23).
struct HeatMap {
  std::array<std::array<int64_t, 24>, 7> count{};
  std::array<std::array<int64_t, 24>, 7> sum{};  // Σ scores, for the mean
  void add(int weekday0, int hour, int score);
  // At the hall-time weekday and hour of an ISO time ("2026-11-30T23:30:00Z"
  // is Tuesday 07 h in Shanghai; one without an offset is hall time already);
  // false (nothing added) when the time is malformed or the score is not 1-5.
  bool add_at(std::string_view iso_time, int score);
  int64_t total() const;
};
std::string svg_heat_map(const HeatMap& heat, int width);

struct CountBar {
  std::string label;
  int64_t count = 0;
  std::string color;  // CSS colour
};
std::string svg_count_bars(const std::vector<CountBar>& bars, int width);

}  // namespace controller
