#include "kiosk/view.h"

#include "hall/ui/draw.h"

namespace kiosk {

using namespace hall::ui;

namespace {
// A friendly face, drawn rather than taken from a font (emoji fonts are not
// on every machine).
void draw_face(ImDrawList* dl, ImVec2 c, float r) {
  dl->AddCircleFilled(c, r, color::kGold, 64);
  dl->AddCircleFilled(ImVec2(c.x - r * 0.35f, c.y - r * 0.2f), r * 0.1f, color::kText, 24);
  dl->AddCircleFilled(ImVec2(c.x + r * 0.35f, c.y - r * 0.2f), r * 0.1f, color::kText, 24);
  dl->PathArcTo(c, r * 0.55f, 0.2f * 3.14159265f, 0.8f * 3.14159265f, 32);
  dl->PathStroke(color::kText, 0, r * 0.08f);
}
}  // namespace

std::vector<Intent> draw(const Model& model, const Fonts& fonts) {
  std::vector<Intent> intents;
  ImDrawList* dl = begin_canvas("kiosk", color::kBoard);
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float s = fonts.body->FontSize / 40.0f;
  const float cx = size.x / 2;
  const float header_h = 150 * s;

  dl->AddRectFilled(ImVec2(0, 0), ImVec2(size.x, header_h), color::kHeader);
  dl->AddRectFilled(ImVec2(0, header_h), ImVec2(size.x, header_h + 8 * s), color::kGold);
  const std::string name = model.hall_name().empty() ? model.tr(Text::Connecting) : model.hall_name();
  text_at(dl, fonts.body, ImVec2(40 * s, (header_h - fonts.body->FontSize) / 2), color::kHeaderText, name);

  // Language switch: large, top right, always reachable.
  const ImVec2 lang_size(220 * s, 96 * s);
  if (touch_button("lang", ImVec2(size.x - lang_size.x - 30 * s, (header_h - lang_size.y) / 2), lang_size,
                   fonts.body, model.tr(Text::LanguageSwitch), color::kPanel, color::kHeader))
    intents.push_back(intent::ToggleLanguage{});

  float y = header_h + size.y * 0.12f;
  text_centered(dl, fonts.title, cx, y, color::kHeader, model.tr(Text::Welcome));
  y += fonts.title->FontSize * 1.8f;
  draw_face(dl, ImVec2(cx, y + 170 * s), 170 * s);
  y += 420 * s;
  text_centered(dl, fonts.title, cx, y, color::kText, model.tr(Text::Invite));
  y += fonts.title->FontSize * 1.6f;
  text_centered(dl, fonts.body, cx, y, color::kMuted, model.tr(Text::Promise));

  if (!model.online()) {
    const char* mark = model.tr(Text::Offline);
    text_centered(dl, fonts.small, cx, size.y - 80 * s, color::kWarning, mark);
  }
  if (ImGui::IsMouseClicked(0)) intents.push_back(intent::Touch{});
  end_canvas();
  return intents;
}

}  // namespace kiosk
