// layout_report.h: reads a UI program's layout report (`--layout FILE.json`,
// common/ui/layout.h) and finds what a person at the screen would call a
// defect: a button off the screen, overlapping another or smaller than a
// fingertip; text cut off, shortened with "…", missing glyphs or too small to
// read. Each finding is one line naming the item, for the test's output.
// Threading: pure functions.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace testing {

struct LayoutReport {
  bool loaded = false;
  int width = 0, height = 0;
  double px_per_mm = 0;
  int missing_glyphs = 0;
  nlohmann::json items = nlohmann::json::array();

  std::vector<nlohmann::json> buttons() const;
  std::vector<nlohmann::json> texts() const;
  bool has_text(const std::string& text) const;  // an item containing `text`
  const nlohmann::json* button(const std::string& id) const;
};

LayoutReport read_layout(const std::string& path);

struct LayoutRules {
  double min_button_mm = 0;   // 0: no size rule for buttons
  double min_text_share = 0;  // of the short side (0.03: 3 %)
  bool buttons_apart = true;  // no two buttons overlap
};

// Every defect found, one line each ("" items when none).
std::vector<std::string> layout_defects(const LayoutReport& report, const LayoutRules& rules);

}  // namespace testing
