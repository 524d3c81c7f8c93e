#include "common/ui/draw.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "common/ui/layout.h"

namespace hall::ui {

ImDrawList* begin_canvas(const char* name, ImU32 background) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  return begin_canvas_at(name, vp->Pos, vp->Size, background);
}

ImDrawList* begin_canvas_at(const char* name, ImVec2 pos, ImVec2 size, ImU32 background) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(background));
  ImGui::Begin(name, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  return ImGui::GetWindowDrawList();
}

void end_canvas() {
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(2);
}

ImVec2 text_size(ImFont* font, std::string_view text) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size());
}

void text_at(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 color, std::string_view text) {
  layout::record_text(dl, font, pos, text);
  dl->AddText(font, font->FontSize, pos, color, text.data(), text.data() + text.size());
}

void text_centered(ImDrawList* dl, ImFont* font, float center_x, float y, ImU32 color,
                   std::string_view text) {
  const ImVec2 size = text_size(font, text);
  text_at(dl, font, ImVec2(center_x - size.x / 2, y), color, text);
}

bool panel_button(const char* id, ImVec2 pos, ImVec2 size, ImU32 background, ImU32 border, std::string_view label,
                  ImFont* font) {
  layout::record_button(id, pos, size, label, font);
  ImGui::SetCursorScreenPos(pos);
  const bool pressed = ImGui::InvisibleButton(id, size);
  const bool held = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float r = std::min(size.y * 0.18f, 28.0f);
  const ImVec2 max(pos.x + size.x, pos.y + size.y);
  dl->AddRectFilled(ImVec2(pos.x + 4, pos.y + 6), ImVec2(max.x + 4, max.y + 6), IM_COL32(0, 0, 0, 36), r);
  dl->AddRectFilled(pos, max, held ? (background & 0x00FFFFFF) | 0xC0000000 : background, r);
  if (border) dl->AddRect(pos, max, border, r, 0, 3);
  return pressed;
}

bool touch_button(const char* id, ImVec2 pos, ImVec2 size, ImFont* font, std::string_view label,
                  ImU32 background, ImU32 foreground, ImU32 border) {
  const bool pressed = panel_button(id, pos, size, background, border, label, font);
  const ImVec2 ts = text_size(font, label);
  text_at(ImGui::GetWindowDrawList(), font, ImVec2(pos.x + (size.x - ts.x) / 2, pos.y + (size.y - ts.y) / 2),
          foreground, label);
  return pressed;
}

namespace {
size_t utf8_len(unsigned char c) { return c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1; }
}  // namespace

std::vector<std::string> wrap_text(ImFont* font, std::string_view text, float width, size_t max_lines) {
  std::vector<std::string> lines;
  std::string line;
  size_t last_space = std::string::npos;  // in `line`
  size_t i = 0;
  while (i < text.size()) {
    const size_t n = std::min(utf8_len(static_cast<unsigned char>(text[i])), text.size() - i);
    const std::string_view ch = text.substr(i, n);
    i += n;
    if (ch == "\n") {
      lines.push_back(line);
      line.clear();
      last_space = std::string::npos;
      continue;
    }
    if (line.empty() && ch == " ") continue;
    std::string next = line + std::string(ch);
    if (text_size(font, next).x <= width || line.empty()) {
      line = std::move(next);
      if (ch == " ") last_space = line.size() - 1;
      continue;
    }
    // Chinese punctuation never starts a line: it stays, slightly over the edge.
    static constexpr std::string_view kNoLineStart[] = {"，", "。", "、", "；", "：", "！", "？", "）", "”", "’", "》", "」", "…"};
    if (std::find(std::begin(kNoLineStart), std::end(kNoLineStart), ch) != std::end(kNoLineStart)) {
      line = std::move(next);
      continue;
    }
    // Too wide: break at the last space when the overflowing part is a Latin word.
    if (n == 1 && ch != " " && last_space != std::string::npos) {
      lines.push_back(line.substr(0, last_space));
      line = line.substr(last_space + 1) + std::string(ch);
    } else {
      lines.push_back(line);
      line = ch == " " ? std::string() : std::string(ch);
    }
    last_space = std::string::npos;
  }
  if (!line.empty()) lines.push_back(line);
  if (lines.size() > max_lines) {
    lines.resize(max_lines);
    lines.back() = fit_text(font, lines.back() + "……", width);
    layout::mark_shortened(lines.back());
  }
  return lines;
}

float text_lines(ImDrawList* dl, ImFont* font, ImVec2 pos, float width, ImU32 color, std::string_view text,
                 size_t max_lines, float spacing, bool centered) {
  for (const auto& line : wrap_text(font, text, width, max_lines)) {
    if (centered) text_centered(dl, font, pos.x + width / 2, pos.y, color, line);
    else text_at(dl, font, pos, color, line);
    pos.y += font->FontSize * spacing;
  }
  return pos.y;
}

float text_lines_height(ImFont* font, std::string_view text, float width, float spacing) {
  return static_cast<float>(wrap_text(font, text, width).size()) * font->FontSize * spacing;
}

std::string fit_text(ImFont* font, std::string_view text, float width) {
  if (text_size(font, text).x <= width) return std::string(text);
  std::string out(text);
  while (!out.empty()) {
    size_t cut = out.size() - 1;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    if (text_size(font, out + "…").x <= width) break;
  }
  out += "…";
  layout::mark_shortened(out);
  return out;
}

void image_cover(ImDrawList* dl, ImTextureID texture, int width, int height, ImVec2 a, ImVec2 b, float rounding) {
  const float ia = static_cast<float>(width) / static_cast<float>(height), ba = (b.x - a.x) / (b.y - a.y);
  ImVec2 uv0(0, 0), uv1(1, 1);
  if (ia > ba) {
    uv0.x = (1 - ba / ia) / 2;
    uv1.x = 1 - uv0.x;
  } else {
    uv0.y = (1 - ia / ba) / 2;
    uv1.y = 1 - uv0.y;
  }
  dl->AddImageRounded(texture, a, b, uv0, uv1, IM_COL32_WHITE, rounding);
}

void star(ImDrawList* dl, ImVec2 c, float r, ImU32 color) {
  ImVec2 outer[5], inner[5];
  for (int k = 0; k < 5; ++k) {
    const float a = -1.5707963f + k * 1.2566371f;
    const float b = a + 0.6283185f;
    outer[k] = ImVec2(c.x + r * std::cos(a), c.y + r * std::sin(a));
    inner[k] = ImVec2(c.x + 0.4f * r * std::cos(b), c.y + 0.4f * r * std::sin(b));
  }
  dl->AddConvexPolyFilled(inner, 5, color);
  for (int k = 0; k < 5; ++k) dl->AddTriangleFilled(outer[k], inner[k], inner[(k + 4) % 5], color);
}

}  // namespace hall::ui
