#include "signage/view.h"

#include <cmath>

#include "signage/boards.h"
#include "common/ui/draw.h"

namespace signage {

using namespace hall::ui;

namespace {
constexpr ImU32 kUrgent = IM_COL32(183, 28, 28, 255);
constexpr ImU32 kTickerBg = IM_COL32(38, 50, 56, 255);
constexpr ImU32 kTitleBar = IM_COL32(240, 234, 222, 255);

// Scrolls `text` right to left through the band; always animating.
void ticker(ImDrawList* dl, ImFont* font, ImVec2 a, ImVec2 b, const std::string& text, hall::SystemTime now,
            float s) {
  dl->AddRectFilled(a, b, kTickerBg);
  const float label_w = 150 * s;
  dl->AddRectFilled(a, ImVec2(a.x + label_w, b.y), color::kWarning);
  const ImVec2 ls = text_size(font, "通知");
  text_at(dl, font, ImVec2(a.x + (label_w - ls.x) / 2, a.y + (b.y - a.y - ls.y) / 2), IM_COL32_WHITE, "通知");
  const float width = text_size(font, text).x;
  const float span = (b.x - a.x - label_w) + width + 80 * s;
  const double t = static_cast<double>(hall::epoch_ms(now) % 86400000) / 1000.0;
  const float speed = 150 * s;  // px per second
  const float x = b.x - static_cast<float>(std::fmod(t * speed, static_cast<double>(span)));
  dl->PushClipRect(ImVec2(a.x + label_w, a.y), b, true);
  text_at(dl, font, ImVec2(std::round(x), a.y + (b.y - a.y - font->FontSize) / 2), IM_COL32_WHITE, text);
  dl->PopClipRect();
}

void urgent_overlay(ImDrawList* dl, const Fonts& fonts, const Model& model, ImVec2 size, float s) {
  dl->AddRectFilled(ImVec2(0, 0), size, kUrgent);
  const float pad = 80 * s;
  dl->AddRect(ImVec2(pad / 2, pad / 2), ImVec2(size.x - pad / 2, size.y - pad / 2), color::kGold, 0, 0, 6 * s);
  text_centered(dl, fonts.title, size.x / 2, pad + 40 * s, color::kGold, "紧急通知");
  text_centered(dl, fonts.small, size.x / 2, pad + 130 * s, color::kHeaderText, model.hall_name());
  const auto lines = wrap_text(fonts.title, model.content().urgent, size.x - 2 * pad - 40 * s, 12);
  const float line_h = fonts.title->FontSize * 1.35f;
  float y = std::max(pad + 220 * s, (size.y - lines.size() * line_h) / 2);
  for (const auto& l : lines) {
    text_centered(dl, fonts.title, size.x / 2, y, IM_COL32_WHITE, l);
    y += line_h;
  }
  if (!model.content().urgent_since.empty() && model.content().urgent_since.size() >= 16) {
    const std::string since = "发布时间 " + model.content().urgent_since.substr(11, 5);
    text_centered(dl, fonts.small, size.x / 2, size.y - pad - 50 * s, color::kHeaderText, since);
  }
}
}  // namespace

bool draw(const Model& model, const Fonts& fonts, hall::SystemTime now, const PhotoSource& photo) {
  ImDrawList* dl = begin_canvas("signage", color::kBoard);
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float s = fonts.body->FontSize / 40.0f;  // layout scale
  const bool portrait = size.y > size.x;
  bool animating = false;

  if (model.urgent()) {
    urgent_overlay(dl, fonts, model, size, s);
  } else {
    // Header: hall name; date and clock. Portrait puts them on two rows.
    const float header_h = (portrait ? 300 : 170) * s;
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(size.x, header_h), color::kHeader);
    dl->AddRectFilled(ImVec2(0, header_h), ImVec2(size.x, header_h + 8 * s), color::kGold);
    const std::string clock = model.clock_text(now);
    const std::string date = model.date_text(now);
    const ImVec2 clock_size = text_size(fonts.display, clock);
    const ImVec2 date_size = text_size(fonts.small, date);
    const float right = size.x - 48 * s;
    const float name_w = portrait ? size.x - 96 * s : right - clock_size.x - date_size.x - 96 * s;
    const std::string name = model.has_content() ? model.hall_name() : "正在连接控制器…";
    text_at(dl, fonts.title, ImVec2(48 * s, 30 * s), color::kHeaderText, fit_text(fonts.title, name, name_w));
    if (!model.hall_name_en().empty())
      text_at(dl, fonts.small, ImVec2(52 * s, 112 * s), color::kHeaderText,
              fit_text(fonts.small, model.hall_name_en(), name_w));
    const float row_top = portrait ? 150 * s : 0;
    const float row_h = portrait ? header_h - row_top : header_h;
    text_at(dl, fonts.display, ImVec2(right - clock_size.x, row_top + (row_h - clock_size.y) / 2 - 12 * s),
            color::kHeaderText, clock);
    const float date_x = portrait ? 52 * s : right - clock_size.x - date_size.x - 36 * s;
    text_at(dl, fonts.small, ImVec2(date_x, row_top + (row_h - date_size.y) / 2), color::kHeaderText, date);

    // Ticker band at the bottom when there are notices.
    const std::string tick = model.ticker_text(now);
    const float ticker_h = tick.empty() ? 0 : 84 * s;
    const float bottom = size.y - ticker_h;

    // Board title bar and the board.
    const BoardSlot slot = model.current(now);
    const float bar_top = header_h + 8 * s, bar_h = 84 * s;
    dl->AddRectFilled(ImVec2(0, bar_top), ImVec2(size.x, bar_top + bar_h), kTitleBar);
    std::string title = board_title(slot.board);
    if (slot.outside_hours) title += "  （非办公时间）";
    text_at(dl, fonts.body, ImVec2(48 * s, bar_top + (bar_h - fonts.body->FontSize) / 2), IM_COL32(140, 24, 32, 255),
            title);
    boards::Frame frame{dl, fonts, model, now, photo, ImVec2(0, bar_top + bar_h), ImVec2(size.x, bottom - 8 * s), s,
                        portrait};
    dl->PushClipRect(frame.min, frame.max, true);
    std::string page;
    if (slot.board == "standards") page = boards::standards(frame);
    else if (slot.board == "identity") page = boards::identity(frame);
    else if (slot.board == "pledges") page = boards::pledges(frame);
    else if (slot.board == "rankings") page = boards::rankings(frame);
    else page = boards::queue(frame);
    dl->PopClipRect();
    if (!page.empty()) {
      const ImVec2 ps = text_size(fonts.small, page);
      text_at(dl, fonts.small, ImVec2(size.x - 48 * s - ps.x, bar_top + (bar_h - ps.y) / 2), color::kMuted, page);
    }
    if (!tick.empty()) {
      ticker(dl, fonts.body, ImVec2(0, bottom), ImVec2(size.x, size.y), tick, now, s);
      animating = true;
    }
  }

  // A small offline mark, bottom right, above the ticker.
  const std::string mark = model.offline_text();
  if (!mark.empty()) {
    const ImVec2 ms = text_size(fonts.small, mark);
    const float lift = model.ticker_text(now).empty() || model.urgent() ? 0 : 84 * s;
    const ImVec2 p(size.x - ms.x - 40 * s, size.y - lift - ms.y - 24 * s);
    dl->AddRectFilled(ImVec2(p.x - 14 * s, p.y - 6 * s), ImVec2(p.x + ms.x + 14 * s, p.y + ms.y + 6 * s),
                      color::kWarning, 8 * s);
    text_at(dl, fonts.small, p, IM_COL32_WHITE, mark);
  }
  end_canvas();
  return animating;
}

}  // namespace signage
