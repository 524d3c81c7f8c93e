// draw.h: small drawing helpers shared by the UI views: a full-screen canvas,
// text placed and centred in a given font, filled panels and large touch
// buttons that return whether they were pressed (views return intents).
// Threading: the main thread, inside a frame.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace hall::ui {

// The hall palette: a red header band, white boards, dark text.
namespace color {
inline constexpr ImU32 kHeader = IM_COL32(176, 28, 38, 255);
inline constexpr ImU32 kHeaderText = IM_COL32(255, 244, 214, 255);
inline constexpr ImU32 kGold = IM_COL32(232, 182, 62, 255);
inline constexpr ImU32 kBoard = IM_COL32(250, 248, 244, 255);
inline constexpr ImU32 kPanel = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kText = IM_COL32(33, 33, 33, 255);
inline constexpr ImU32 kMuted = IM_COL32(110, 110, 110, 255);
inline constexpr ImU32 kAccent = IM_COL32(21, 101, 192, 255);
inline constexpr ImU32 kWarning = IM_COL32(230, 81, 0, 255);
}  // namespace color

// Begins an undecorated window covering the whole display; returns its draw list.
ImDrawList* begin_canvas(const char* name, ImU32 background);
// Begins an undecorated window over `pos`/`size` on top of the canvas (name it
// kMovingPrefix... for what moves every frame, shell.h).
ImDrawList* begin_canvas_at(const char* name, ImVec2 pos, ImVec2 size, ImU32 background);
void end_canvas();

ImVec2 text_size(ImFont* font, std::string_view text);
void text_at(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 color, std::string_view text);
// Centred horizontally on `center_x`, top at `y`.
void text_centered(ImDrawList* dl, ImFont* font, float center_x, float y, ImU32 color,
                   std::string_view text);

// Breaks `text` into lines no wider than `width` in `font`: between any two
// CJK characters, at spaces for Latin words, and at "\n". At most
// `max_lines` lines; a cut last line ends in "…".
std::vector<std::string> wrap_text(ImFont* font, std::string_view text, float width, size_t max_lines = 1000);
// Draws `text` wrapped at `width` from `pos` (each line centred on
// pos.x + width / 2 when `centered`), at most `max_lines` lines, line height
// font size × `spacing`; returns the y below the last line.
float text_lines(ImDrawList* dl, ImFont* font, ImVec2 pos, float width, ImU32 color, std::string_view text,
                 size_t max_lines = 1000, float spacing = 1.2f, bool centered = false);
// The height text_lines() needs for `text`.
float text_lines_height(ImFont* font, std::string_view text, float width, float spacing = 1.2f);
// `text` shortened with "…" to fit `width` (the layout report marks it shortened).
std::string fit_text(ImFont* font, std::string_view text, float width);
// A `width`×`height` texture (a photo) covering the box a–b with rounded
// corners, the longer side cropped around the centre.
void image_cover(ImDrawList* dl, ImTextureID texture, int width, int height, ImVec2 a, ImVec2 b, float rounding);
// A filled five-pointed star (drawn, so it needs no glyph).
void star(ImDrawList* dl, ImVec2 center, float radius, ImU32 color);

// A large rounded panel that is a button (its content drawn by the caller);
// true on the frame it is pressed. `label` and `font` go to the layout report.
bool panel_button(const char* id, ImVec2 pos, ImVec2 size, ImU32 background, ImU32 border, std::string_view label,
                  ImFont* font = nullptr);
// A large rounded touch button with a centred label; true on the frame it is pressed.
bool touch_button(const char* id, ImVec2 pos, ImVec2 size, ImFont* font, std::string_view label,
                  ImU32 background, ImU32 foreground, ImU32 border = 0);

}  // namespace hall::ui
