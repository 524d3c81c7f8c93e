// layout.h: the layout report, what a UI program drew on its last frame, so
// tests read positions and sizes instead of guessing from pixels
// (`--layout FILE.json`). The draw helpers (draw.h) record into it: every
// text item with its rectangle, font size in px, whether it was clipped (not
// wholly inside the clip rectangle and the screen), shortened (fit_text /
// wrap_text cut it and added "…") or has glyphs the font cannot draw; every
// button with its rectangle and whether its label fits inside it. Views may
// tag what they draw with a role (LayoutRole) such as "scrolling" for the
// ticker, whose text is clipped on purpose.
//
// Recording is off unless the shell was asked for a report; the shell clears
// the items at the start of every frame and writes the last frame's items.
// Threading: the main (UI) thread only, inside a frame.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/base/result.h"

namespace hall::ui {

struct LayoutItem {
  std::string kind;  // "text" or "button"
  std::string id;    // buttons: the ImGui id
  std::string text;  // the text drawn, or the button's label
  std::string role;  // the view's tag ("" when none)
  ImVec2 min, max;
  float font_px = 0;
  bool clipped = false;    // text: cut by the clip rectangle or the screen edge; button: label wider than it
  bool shortened = false;  // text ended in "…" because it did not fit
  int missing = 0;         // characters the font cannot draw
};

namespace layout {

// Turned on by the shell when a report was asked for.
void enable(bool on);
bool enabled();
// Starts a frame's record (the shell calls it before each frame).
void begin_frame();
const std::vector<LayoutItem>& items();

void record_text(ImDrawList* dl, ImFont* font, ImVec2 pos, std::string_view text);
void record_button(std::string_view id, ImVec2 pos, ImVec2 size, std::string_view label, ImFont* font);
// fit_text / wrap_text report here the strings they shortened.
void mark_shortened(std::string_view text);

// Writes the report: the program, screen size, px per mm, glyphs missing in
// the atlas and the items of the last frame.
Status write(const std::string& path, const std::string& program, int width, int height, float px_per_mm,
             size_t missing_glyphs);

}  // namespace layout

// Tags what is drawn while it lives ("scrolling", "overlay" ...).
class LayoutRole {
 public:
  explicit LayoutRole(std::string role);
  ~LayoutRole();
  LayoutRole(const LayoutRole&) = delete;
  LayoutRole& operator=(const LayoutRole&) = delete;

 private:
  std::string previous_;
};

}  // namespace hall::ui
