#include "hall/ui/draw.h"

namespace hall::ui {

ImDrawList* begin_canvas(const char* name, ImU32 background) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
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
  dl->AddText(font, font->FontSize, pos, color, text.data(), text.data() + text.size());
}

void text_centered(ImDrawList* dl, ImFont* font, float center_x, float y, ImU32 color,
                   std::string_view text) {
  const ImVec2 size = text_size(font, text);
  text_at(dl, font, ImVec2(center_x - size.x / 2, y), color, text);
}

bool touch_button(const char* id, ImVec2 pos, ImVec2 size, ImFont* font, std::string_view label,
                  ImU32 background, ImU32 foreground) {
  ImGui::SetCursorScreenPos(pos);
  const bool pressed = ImGui::InvisibleButton(id, size);
  const bool held = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float r = size.y * 0.18f;
  dl->AddRectFilled(ImVec2(pos.x + 4, pos.y + 6), ImVec2(pos.x + size.x + 4, pos.y + size.y + 6),
                    IM_COL32(0, 0, 0, 40), r);
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y),
                    held ? (background & 0x00FFFFFF) | 0xC0000000 : background, r);
  const ImVec2 ts = text_size(font, label);
  text_at(dl, font, ImVec2(pos.x + (size.x - ts.x) / 2, pos.y + (size.y - ts.y) / 2), foreground,
          label);
  return pressed;
}

}  // namespace hall::ui
