#include "signage/view.h"

#include "hall/ui/draw.h"

namespace signage {

using namespace hall::ui;

bool draw(const Model& model, const Fonts& fonts, hall::SystemTime now) {
  ImDrawList* dl = begin_canvas("signage", color::kBoard);
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float s = fonts.body->FontSize / 40.0f;  // layout scale
  // Landscape: one header row. Portrait: the hall name above, date and clock
  // below, so nothing overlaps on a 1080 px wide screen.
  const bool portrait = size.y > size.x;
  const float header_h = (portrait ? 300 : 170) * s;

  dl->AddRectFilled(ImVec2(0, 0), ImVec2(size.x, header_h), color::kHeader);
  dl->AddRectFilled(ImVec2(0, header_h), ImVec2(size.x, header_h + 8 * s), color::kGold);
  const std::string name = model.has_content() ? model.hall_name() : "正在连接控制器…";
  text_at(dl, fonts.title, ImVec2(48 * s, 30 * s), color::kHeaderText, name);
  if (!model.hall_name_en().empty())
    text_at(dl, fonts.small, ImVec2(52 * s, 112 * s), color::kHeaderText, model.hall_name_en());
  const std::string clock = model.clock_text(now);
  const std::string date = model.date_text(now);
  const ImVec2 clock_size = text_size(fonts.display, clock);
  const ImVec2 date_size = text_size(fonts.small, date);
  const float right = size.x - 48 * s;
  const float row_top = portrait ? 150 * s : 0;
  const float row_h = portrait ? header_h - row_top : header_h;
  text_at(dl, fonts.display, ImVec2(right - clock_size.x, row_top + (row_h - clock_size.y) / 2 - 12 * s),
          color::kHeaderText, clock);
  const float date_x = portrait ? 52 * s : right - clock_size.x - date_size.x - 36 * s;
  text_at(dl, fonts.small, ImVec2(date_x, row_top + (row_h - date_size.y) / 2), color::kHeaderText, date);

  // Body: the three "show" pledges of the hall until boards arrive.
  const float body_top = header_h + 8 * s;
  const float cx = size.x / 2;
  const float mid = body_top + (size.y - body_top) / 2;
  text_centered(dl, fonts.title, cx, mid - 150 * s, color::kText, "亮标准  亮身份  亮承诺");
  text_centered(dl, fonts.title, cx, mid - 40 * s, color::kText, "比技能  比作风  比业绩");
  text_centered(dl, fonts.title, cx, mid + 70 * s, color::kText, "群众评议  党员互评  领导点评");
  text_centered(dl, fonts.body, cx, mid + 200 * s, color::kMuted, "欢迎光临，请按叫号到窗口办理");

  if (!model.online()) {
    const char* mark = "离线";
    const ImVec2 ms = text_size(fonts.small, mark);
    const ImVec2 p(size.x - ms.x - 40 * s, size.y - ms.y - 24 * s);
    dl->AddRectFilled(ImVec2(p.x - 14 * s, p.y - 6 * s), ImVec2(p.x + ms.x + 14 * s, p.y + ms.y + 6 * s),
                      color::kWarning, 8 * s);
    text_at(dl, fonts.small, p, IM_COL32_WHITE, mark);
  }
  end_canvas();
  return false;
}

}  // namespace signage
