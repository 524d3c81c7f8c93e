#include "kiosk/view.h"

#include <algorithm>
#include <string>

#include "common/base/utf8.h"
#include "common/ui/draw.h"
#include "kiosk/flow/evaluation.h"

namespace kiosk {

using namespace hall::ui;

namespace {

constexpr ImU32 kBorder = IM_COL32(200, 196, 188, 255);
constexpr ImU32 kChoice = IM_COL32(255, 255, 255, 255);  // every rating choice: same panel
constexpr ImU32 kFace = IM_COL32(246, 200, 84, 255);     // every face: same colour
constexpr ImU32 kOnAccent = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kErrorPanel = IM_COL32(255, 243, 224, 255);

struct Frame {
  const Model& m;
  ImDrawList* dl;
  const Fonts& f;
  ImVec2 size;
  float s;  // 1.0 at 1080 px wide
  float margin;
  std::vector<Intent>& out;
  const PhotoSource& photo;
};

// A face drawn with shapes (no emoji font needed). The mouth curves with the
// score, but all five share one size and one colour: no choice stands out.
void draw_face(ImDrawList* dl, ImVec2 c, float r, int score) {
  dl->AddCircleFilled(c, r, kFace, 64);
  dl->AddCircle(c, r, IM_COL32(120, 90, 20, 255), 64, r * 0.05f);
  dl->AddCircleFilled(ImVec2(c.x - r * 0.35f, c.y - r * 0.22f), r * 0.11f, color::kText, 24);
  dl->AddCircleFilled(ImVec2(c.x + r * 0.35f, c.y - r * 0.22f), r * 0.11f, color::kText, 24);
  const float curve[] = {-0.5f, -0.25f, 0.0f, 0.25f, 0.5f};  // score 1..5: frown .. smile
  const float k = curve[std::clamp(score, 1, 5) - 1];
  const float y = c.y + r * (k < 0 ? 0.45f : 0.28f);
  dl->AddBezierQuadratic(ImVec2(c.x - r * 0.45f, y), ImVec2(c.x, y + k * r * 0.9f), ImVec2(c.x + r * 0.45f, y),
                         color::kText, r * 0.09f, 24);
}

// Staff photo (photo = sha256 of /media/<sha256>) from the texture cache,
// covering the box and cropped around the centre; a drawn silhouette when
// there is no photo, it has not arrived yet, or it does not decode.
void draw_staff_photo(const Frame& fr, ImVec2 min, ImVec2 max, const std::string& photo) {
  const auto img = photo.empty() || !fr.photo ? hall::ui::TextureCache::Image{} : fr.photo(photo);
  if (img.id && img.width > 0 && img.height > 0) {
    image_cover(fr.dl, img.id, img.width, img.height, min, max, 16);
    fr.dl->AddRect(min, max, kBorder, 16, 0, 2);
    return;
  }
  ImDrawList* dl = fr.dl;
  dl->AddRectFilled(min, max, IM_COL32(226, 232, 240, 255), 16);
  const float w = max.x - min.x, h = max.y - min.y;
  const ImVec2 head(min.x + w / 2, min.y + h * 0.38f);
  const ImU32 c = IM_COL32(150, 164, 184, 255);
  dl->AddCircleFilled(head, w * 0.2f, c, 48);
  dl->PathArcTo(ImVec2(min.x + w / 2, max.y), w * 0.38f, 3.14159265f, 2 * 3.14159265f, 40);
  dl->PathFillConvex(c);
}

// A large panel button; draws only the panel. Returns true when pressed.
bool panel_button(const char* id, ImVec2 pos, ImVec2 size, ImU32 bg, ImU32 border) {
  ImGui::SetCursorScreenPos(pos);
  const bool pressed = ImGui::InvisibleButton(id, size);
  const bool held = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float r = std::min(size.y * 0.18f, 28.0f);
  const ImVec2 max(pos.x + size.x, pos.y + size.y);
  dl->AddRectFilled(ImVec2(pos.x + 4, pos.y + 6), ImVec2(max.x + 4, max.y + 6), IM_COL32(0, 0, 0, 36), r);
  dl->AddRectFilled(pos, max, held ? (bg & 0x00FFFFFF) | 0xC0000000 : bg, r);
  if (border) dl->AddRect(pos, max, border, r, 0, 3);
  return pressed;
}

bool button(Frame& fr, const char* id, ImVec2 pos, ImVec2 size, ImFont* font, const char* label, bool primary) {
  const bool pressed = panel_button(id, pos, size, primary ? color::kAccent : color::kPanel, primary ? 0 : kBorder);
  const ImVec2 ts = text_size(font, label);
  text_at(fr.dl, font, ImVec2(pos.x + (size.x - ts.x) / 2, pos.y + (size.y - ts.y) / 2),
          primary ? kOnAccent : color::kText, label);
  return pressed;
}

// Draws `text` centred, wrapped at `width` (each line centred); returns the height used.
float wrapped_centered(Frame& fr, ImFont* font, float y, ImU32 col, const std::string& text, float width) {
  const char* p = text.data();
  const char* end = text.data() + text.size();
  float h = 0;
  for (int line = 0; p < end && line < 6; ++line) {
    const char* brk = font->CalcWordWrapPositionA(1.0f, p, end, width);
    if (brk == p) brk = p + 1;  // never stall on a glyph wider than the line
    std::string_view part(p, static_cast<size_t>(brk - p));
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    text_centered(fr.dl, font, fr.size.x / 2, y + h, col, part);
    h += font->FontSize * 1.2f;
    p = brk;
    while (p < end && *p == ' ') ++p;
  }
  return h;
}

void nav_button(Frame& fr, const char* id, Text label, Intent intent) {
  const ImVec2 sz(300 * fr.s, 120 * fr.s);
  if (button(fr, id, ImVec2(fr.margin, fr.size.y - sz.y - 50 * fr.s), sz, fr.f.body, fr.m.tr(label), false))
    fr.out.push_back(intent);
}

void draw_idle(Frame& fr, float y) {
  const Model& m = fr.m;
  const float cx = fr.size.x / 2, s = fr.s;
  y += 70 * s;
  text_centered(fr.dl, fr.f.title, cx, y, color::kHeader, m.tr(Text::Welcome));
  y += fr.f.title->FontSize + 60 * s;
  draw_face(fr.dl, ImVec2(cx, y + 150 * s), 150 * s, 5);
  y += 360 * s;
  y += wrapped_centered(fr, fr.f.title, y, color::kText, m.tr(Text::Invite), fr.size.x - 2 * fr.margin) + 10 * s;
  text_centered(fr.dl, fr.f.body, cx, y, color::kMuted, m.tr(Text::Promise));
  y += fr.f.body->FontSize + 70 * s;
  const ImVec2 bs(640 * s, 190 * s);
  if (button(fr, "start", ImVec2(cx - bs.x / 2, y), bs, fr.f.title, m.tr(Text::Start), true))
    fr.out.push_back(intent::Start{});
  y += bs.y + 80 * s;

  if (!m.pledges().empty()) {
    const Pledge& p = m.pledges()[m.pledge_index() % m.pledges().size()];
    const float w = fr.size.x - 2 * fr.margin;
    const ImVec2 a(fr.margin, y), b(fr.margin + w, std::min(y + 330 * s, fr.size.y - 140 * s));
    fr.dl->AddRectFilled(a, b, color::kPanel, 20);
    fr.dl->AddRectFilled(a, ImVec2(a.x + 14 * s, b.y), color::kGold, 20, ImDrawFlags_RoundCornersLeft);
    text_at(fr.dl, fr.f.small, ImVec2(a.x + 50 * s, a.y + 28 * s), color::kHeader,
            std::string(m.tr(Text::PledgesTitle)) + (p.title.empty() ? "" : " · " + p.title));
    const std::string& t = p.text;
    fr.dl->AddText(fr.f.body, fr.f.body->FontSize, ImVec2(a.x + 50 * s, a.y + 90 * s), color::kText, t.data(),
                   t.data() + t.size(), w - 100 * s);
  }
  if (!m.online()) text_centered(fr.dl, fr.f.small, cx, fr.size.y - 80 * s, color::kWarning, m.tr(Text::Offline));
}

void draw_keypad(Frame& fr, const std::vector<std::vector<std::string>>& rows, float y, float key_h, float gap,
                 Step step) {
  const float w = (fr.size.x - 2 * fr.margin - 2 * gap) / 3;
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& k = rows[r][c];
      const ImVec2 pos(fr.margin + c * (w + gap), y + r * (key_h + gap));
      const std::string id = "key-" + std::to_string(r) + "-" + std::to_string(c);
      if (k == "DEL") {
        if (button(fr, id.c_str(), pos, ImVec2(w, key_h), fr.f.title, fr.m.tr(Text::Delete), false))
          fr.out.push_back(intent::Backspace{});
      } else if (k == "CLR") {
        if (button(fr, id.c_str(), pos, ImVec2(w, key_h), fr.f.title, fr.m.tr(Text::Clear), false))
          fr.out.push_back(intent::Clear{});
      } else if (k == "OK") {
        if (button(fr, id.c_str(), pos, ImVec2(w, key_h), fr.f.title, fr.m.tr(Text::Ok), true))
          fr.out.push_back(intent::Enter{});
      } else {
        if (button(fr, id.c_str(), pos, ImVec2(w, key_h), fr.f.title, k.c_str(), false))
          fr.out.push_back(intent::Key{k[0]});
      }
    }
  }
  (void)step;
}

void draw_ticket(Frame& fr, float y) {
  const Model& m = fr.m;
  const float cx = fr.size.x / 2, s = fr.s;
  y += 40 * s;
  text_centered(fr.dl, fr.f.title, cx, y, color::kText, m.tr(Text::TicketTitle));
  y += fr.f.title->FontSize + 30 * s;
  const ImVec2 a(fr.margin, y), b(fr.size.x - fr.margin, y + 180 * s);
  fr.dl->AddRectFilled(a, b, color::kPanel, 20);
  fr.dl->AddRect(a, b, color::kAccent, 20, 0, 4 * s);
  const std::string shown = m.entry().empty() ? std::string("_") : m.entry();
  const ImVec2 ts = text_size(fr.f.display, shown);
  text_at(fr.dl, fr.f.display, ImVec2(cx - ts.x / 2, a.y + (180 * s - ts.y) / 2), color::kText, shown);
  y = b.y + 24 * s;
  // The line under the field: a kind error, the lookup in progress, or the scanner hint.
  if (m.problem() != Problem::None) {
    fr.dl->AddRectFilled(ImVec2(fr.margin, y), ImVec2(fr.size.x - fr.margin, y + 110 * s), kErrorPanel, 16);
    const char* msg = m.tr(problem_text(m.problem()));
    ImFont* font = text_size(fr.f.body, msg).x > fr.size.x - 2 * fr.margin - 40 * s ? fr.f.small : fr.f.body;
    text_centered(fr.dl, font, cx, y + (110 * s - font->FontSize) / 2, color::kWarning, msg);
  } else if (m.lookup_pending()) {
    text_centered(fr.dl, fr.f.body, cx, y + 30 * s, color::kAccent, m.tr(Text::LookingUp));
  } else {
    text_centered(fr.dl, fr.f.body, cx, y + 30 * s, color::kMuted, m.tr(Text::TicketHint));
  }
  y += 140 * s;
  std::vector<std::vector<std::string>> rows = {{"A", "B", "C"}, {"D", "E", "F"}, {"1", "2", "3"},
                                                {"4", "5", "6"}, {"7", "8", "9"}, {"DEL", "0", "OK"}};
  draw_keypad(fr, rows, y, 150 * s, 20 * s, Step::Ticket);
  nav_button(fr, "back", Text::Back, intent::Back{});
}

void draw_confirm(Frame& fr, float y) {
  const Model& m = fr.m;
  const TicketInfo& t = m.ticket();
  const float cx = fr.size.x / 2, s = fr.s;
  y += 40 * s;
  text_centered(fr.dl, fr.f.title, cx, y, color::kText, m.tr(Text::ConfirmTitle));
  y += fr.f.title->FontSize + 40 * s;
  const ImVec2 a(fr.margin, y), b(fr.size.x - fr.margin, y + 1000 * s);
  fr.dl->AddRectFilled(a, b, color::kPanel, 24);
  float iy = a.y + 40 * s;
  const std::string window = window_label(m.language(), t.window_number) +
                             (t.window_name.empty() || m.language() == Lang::En ? "" : "  " + t.window_name);
  text_centered(fr.dl, fr.f.title, cx, iy, color::kHeader, window);
  iy += fr.f.title->FontSize + 40 * s;
  draw_staff_photo(fr, ImVec2(cx - 160 * s, iy), ImVec2(cx + 160 * s, iy + 400 * s), t.staff_photo);
  iy += 430 * s;
  text_centered(fr.dl, fr.f.title, cx, iy, color::kText, t.staff_name);
  iy += fr.f.title->FontSize + 12 * s;
  std::string served_by = m.tr(Text::ServedBy);
  if (!t.staff_post.empty()) served_by += " · " + t.staff_post;
  text_centered(fr.dl, fr.f.body, cx, iy, color::kMuted, served_by);
  iy += fr.f.body->FontSize + 40 * s;
  fr.dl->AddLine(ImVec2(a.x + 60 * s, iy), ImVec2(b.x - 60 * s, iy), kBorder, 2);
  iy += 30 * s;
  text_centered(fr.dl, fr.f.small, cx, iy, color::kMuted, m.tr(Text::ServiceItem));
  iy += fr.f.small->FontSize + 12 * s;
  wrapped_centered(fr, fr.f.body, iy, color::kText, t.service_item, b.x - a.x - 80 * s);

  y = b.y + 50 * s;
  const ImVec2 yes(fr.size.x - 2 * fr.margin, 170 * s);
  if (button(fr, "yes", ImVec2(fr.margin, y), yes, fr.f.title, m.tr(Text::ConfirmYes), true))
    fr.out.push_back(intent::ConfirmYes{});
  y += yes.y + 30 * s;
  if (button(fr, "no", ImVec2(fr.margin, y), ImVec2(yes.x, 130 * s), fr.f.body, m.tr(Text::ConfirmNo), false))
    fr.out.push_back(intent::Back{});
}

void draw_rate(Frame& fr, float y) {
  const Model& m = fr.m;
  const float cx = fr.size.x / 2, s = fr.s;
  y += 40 * s;
  text_centered(fr.dl, fr.f.title, cx, y, color::kText, m.tr(Text::RateTitle));
  y += fr.f.title->FontSize + 16 * s;
  text_centered(fr.dl, fr.f.body, cx, y, color::kMuted, m.tr(Text::RateHint));
  y += fr.f.body->FontSize + 50 * s;
  // Five choices of one size and one colour, none preselected, in the
  // standard order 非常满意 .. 非常不满意.
  const ImVec2 sz(fr.size.x - 2 * fr.margin, 236 * s);
  const float gap = 28 * s;
  for (int score = 5; score >= 1; --score) {
    const ImVec2 pos(fr.margin, y + (5 - score) * (sz.y + gap));
    const std::string id = "score-" + std::to_string(score);
    if (panel_button(id.c_str(), pos, sz, kChoice, kBorder)) fr.out.push_back(intent::Choose{score});
    const float r = 86 * s;
    draw_face(fr.dl, ImVec2(pos.x + 60 * s + r, pos.y + sz.y / 2), r, score);
    const char* zh = score_label_zh(score);
    const char* en = score_label_en(score);
    const char* label = m.language() == Lang::Zh ? zh : en;
    text_at(fr.dl, fr.f.title, ImVec2(pos.x + 120 * s + 2 * r, pos.y + (sz.y - fr.f.title->FontSize) / 2),
            color::kText, label);
  }
  nav_button(fr, "back", Text::Back, intent::Back{});
}

void draw_reasons(Frame& fr, float y) {
  const Model& m = fr.m;
  const float cx = fr.size.x / 2, s = fr.s;
  y += 30 * s;
  text_centered(fr.dl, fr.f.body, cx, y, color::kText, m.tr(Text::ReasonsTitle));
  y += fr.f.body->FontSize + 30 * s;
  const float gap = 20 * s;
  const ImVec2 chip((fr.size.x - 2 * fr.margin - gap) / 2, 104 * s);
  for (size_t i = 0; i < reasons().size(); ++i) {
    const bool on = m.reasons_chosen()[i];
    const ImVec2 pos(fr.margin + (i % 2) * (chip.x + gap), y + (i / 2) * (chip.y + gap));
    const std::string id = "reason-" + std::to_string(i);
    if (panel_button(id.c_str(), pos, chip, on ? color::kAccent : color::kPanel, on ? 0 : kBorder))
      fr.out.push_back(intent::ToggleReason{i});
    const char* label = m.language() == Lang::Zh ? reasons()[i].zh : reasons()[i].en;
    const ImVec2 ts = text_size(fr.f.body, label);
    const ImVec2 tp(pos.x + (chip.x - ts.x) / 2, pos.y + (chip.y - ts.y) / 2);
    text_at(fr.dl, fr.f.body, tp, on ? kOnAccent : color::kText, label);
    if (on) {  // a drawn check mark (no symbol font needed)
      const float h = chip.y * 0.28f, x = tp.x - h * 1.6f, cy = pos.y + chip.y / 2;
      const ImVec2 pts[] = {ImVec2(x, cy), ImVec2(x + h * 0.45f, cy + h * 0.45f), ImVec2(x + h * 1.1f, cy - h * 0.5f)};
      fr.dl->AddPolyline(pts, 3, kOnAccent, 0, 6 * fr.s);
    }
  }
  y += 4 * (chip.y + gap) + 10 * s;
  text_at(fr.dl, fr.f.body, ImVec2(fr.margin, y), color::kText, m.tr(Text::PhoneLabel));
  const char* hint = m.tr(Text::PhoneHint);
  text_at(fr.dl, fr.f.small, ImVec2(fr.size.x - fr.margin - text_size(fr.f.small, hint).x, y + 8 * s), color::kMuted,
          hint);
  y += fr.f.body->FontSize + 16 * s;
  const ImVec2 a(fr.margin, y), b(fr.size.x - fr.margin, y + 116 * s);
  fr.dl->AddRectFilled(a, b, color::kPanel, 16);
  fr.dl->AddRect(a, b, color::kAccent, 16, 0, 3 * s);
  const std::string masked = m.phone().empty() ? std::string("-") : m.masked_phone();
  text_centered(fr.dl, fr.f.title, cx, a.y + (116 * s - fr.f.title->FontSize) / 2, color::kText, masked);
  y = b.y + 24 * s;
  draw_keypad(fr, {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"CLR", "0", "DEL"}}, y, 100 * s, 16 * s,
              Step::Reasons);
  y += 4 * (100 * s + 16 * s) + 16 * s;
  const ImVec2 sub(fr.size.x - 2 * fr.margin - 320 * s, 120 * s);
  if (button(fr, "submit", ImVec2(fr.margin + 320 * s, fr.size.y - sub.y - 50 * s), sub, fr.f.title,
             m.tr(Text::Submit), true))
    fr.out.push_back(intent::Submit{});
  nav_button(fr, "back", Text::Back, intent::Back{});
}

void draw_thanks(Frame& fr, float y) {
  const Model& m = fr.m;
  const float cx = fr.size.x / 2, s = fr.s;
  y += 160 * s;
  // A calm face after a complaint; a smile after praise.
  draw_face(fr.dl, ImVec2(cx, y + 170 * s), 170 * s, is_bad_score(m.score()) ? 3 : 5);
  y += 420 * s;
  text_centered(fr.dl, fr.f.title, cx, y, color::kHeader, m.tr(Text::ThanksTitle));
  y += fr.f.title->FontSize + 40 * s;
  text_centered(fr.dl, fr.f.body, cx, y, color::kText, m.tr(Text::ThanksText));
  y += fr.f.body->FontSize + 24 * s;
  if (is_bad_score(m.score())) text_centered(fr.dl, fr.f.body, cx, y, color::kText, m.tr(Text::ThanksBad));
  y += fr.f.body->FontSize + 120 * s;
  const ImVec2 bs(480 * s, 150 * s);
  if (button(fr, "done", ImVec2(cx - bs.x / 2, y), bs, fr.f.title, m.tr(Text::Done), true))
    fr.out.push_back(intent::Finish{});
}

// Keyboard and barcode-scanner input (SDL text events reach ImGui's queue).
void read_keyboard(std::vector<Intent>& out) {
  ImGuiIO& io = ImGui::GetIO();
  std::string typed;
  for (ImWchar w : io.InputQueueCharacters) hall::utf8::append_utf8(typed, w);
  if (!typed.empty()) out.push_back(intent::Typed{typed});
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter)))
    out.push_back(intent::Enter{});
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace))) out.push_back(intent::Backspace{});
}

}  // namespace

std::vector<Intent> draw(const Model& model, const Fonts& fonts, const PhotoSource& photo) {
  std::vector<Intent> intents;
  ImDrawList* dl = begin_canvas("kiosk", color::kBoard);
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float s = fonts.body->FontSize / 40.0f;
  Frame fr{model, dl, fonts, size, s, 60 * s, intents, photo};
  const float header_h = 150 * s;

  dl->AddRectFilled(ImVec2(0, 0), ImVec2(size.x, header_h), color::kHeader);
  dl->AddRectFilled(ImVec2(0, header_h), ImVec2(size.x, header_h + 8 * s), color::kGold);
  const std::string name = model.hall_name().empty() ? model.tr(Text::Connecting) : model.hall_name();
  text_at(dl, fonts.body, ImVec2(40 * s, (header_h - fonts.body->FontSize) / 2), color::kHeaderText, name);

  // Language switch: large, top right, on every step.
  const ImVec2 lang_size(220 * s, 96 * s);
  if (touch_button("lang", ImVec2(size.x - lang_size.x - 30 * s, (header_h - lang_size.y) / 2), lang_size,
                   fonts.body, model.tr(Text::LanguageSwitch), color::kPanel, color::kHeader))
    intents.push_back(intent::ToggleLanguage{});

  const float y = header_h + 8 * s;
  switch (model.step()) {
    case Step::Idle: draw_idle(fr, y); break;
    case Step::Ticket: draw_ticket(fr, y); break;
    case Step::Confirm: draw_confirm(fr, y); break;
    case Step::Rate: draw_rate(fr, y); break;
    case Step::Reasons: draw_reasons(fr, y); break;
    case Step::Thanks: draw_thanks(fr, y); break;
  }
  read_keyboard(intents);
  if (ImGui::IsMouseClicked(0)) intents.push_back(intent::Touch{});
  end_canvas();
  return intents;
}

}  // namespace kiosk
