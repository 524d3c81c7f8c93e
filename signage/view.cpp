#include "signage/view.h"

#include <cmath>

#include "signage/boards.h"
#include "common/ui/draw.h"
#include "common/ui/layout.h"

namespace signage {

using namespace hall::ui;

namespace {
// The urgent overlay has its own alarm colours, unlike the everyday red header:
// black on amber for the heading band (about 11:1), white on deep red below (about 10:1).
constexpr ImU32 kAlarmBg = IM_COL32(122, 0, 0, 255);
constexpr ImU32 kAlarmBand = IM_COL32(255, 193, 7, 255);
constexpr ImU32 kAlarmInk = IM_COL32(20, 20, 20, 255);
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
  LayoutRole role("scrolling");  // clipped on purpose as it moves through the band
  text_at(dl, font, ImVec2(std::round(x), a.y + (b.y - a.y - font->FontSize) / 2), IM_COL32_WHITE, text);
  dl->PopClipRect();
}

// A warning sign: an amber-edged triangle with "!" (drawn, no symbol glyph).
void warning_icon(ImDrawList* dl, ImFont* font, ImVec2 c, float h) {
  const ImVec2 top(c.x, c.y - h / 2), left(c.x - h * 0.58f, c.y + h / 2), right(c.x + h * 0.58f, c.y + h / 2);
  dl->AddTriangleFilled(top, left, right, kAlarmInk);
  const float k = 0.16f * h;
  dl->AddTriangleFilled(ImVec2(c.x, top.y + k * 1.7f), ImVec2(left.x + k * 1.5f, left.y - k * 0.8f),
                        ImVec2(right.x - k * 1.5f, right.y - k * 0.8f), kAlarmBand);
  const ImVec2 ts = text_size(font, "!");
  text_at(dl, font, ImVec2(c.x - ts.x / 2, c.y + h * 0.12f - ts.y / 2), kAlarmInk, "!");
}

void urgent_overlay(ImDrawList* dl, const Fonts& fonts, const Model& model, ImVec2 size, float s) {
  dl->AddRectFilled(ImVec2(0, 0), size, kAlarmBg);
  const float pad = 60 * s;
  // The heading band: icon and 紧急通知, the largest text on the screen.
  const float band_h = fonts.headline->FontSize * 1.5f;
  dl->AddRectFilled(ImVec2(0, pad), ImVec2(size.x, pad + band_h), kAlarmBand);
  const ImVec2 hs = text_size(fonts.headline, "紧急通知");
  const float icon = fonts.headline->FontSize * 0.95f;
  const float x0 = (size.x - hs.x - icon * 1.5f) / 2;
  warning_icon(dl, fonts.title, ImVec2(x0 + icon * 0.58f, pad + band_h / 2), icon);
  text_at(dl, fonts.headline, ImVec2(x0 + icon * 1.5f, pad + (band_h - hs.y) / 2), kAlarmInk, "紧急通知");
  float y = pad + band_h + 30 * s;
  y = text_lines(dl, fonts.body, ImVec2(pad, y), size.x - 2 * pad, color::kHeaderText, model.hall_name(), 2, 1.2f,
                 true);
  // The notice in large type; smaller only when it would not fit.
  const std::string since = model.content().urgent_since.size() >= 16
                                ? "发布时间 " + model.content().urgent_since.substr(11, 5)
                                : std::string();
  const float bottom = size.y - pad - (since.empty() ? 0 : fonts.body->FontSize * 1.6f);
  const float width = size.x - 2 * pad;
  ImFont* font = fonts.title;
  if (text_lines_height(font, model.content().urgent, width, 1.3f) > bottom - y - 40 * s) font = fonts.body;
  const float h = text_lines_height(font, model.content().urgent, width, 1.3f);
  const float top = std::max(y + 40 * s, y + (bottom - y - h) / 2);
  text_lines(dl, font, ImVec2(pad, top), width, IM_COL32_WHITE, model.content().urgent, 1000, 1.3f, true);
  if (!since.empty())
    text_centered(dl, fonts.body, size.x / 2, size.y - pad - fonts.body->FontSize * 1.2f, color::kHeaderText, since);
}

// The offline mark: a badge inside the header, right-aligned at `right`, top at `y`.
void offline_badge(ImDrawList* dl, ImFont* font, float right, float y, const std::string& mark, float s) {
  const ImVec2 ms = text_size(font, mark);
  const ImVec2 p(right - ms.x - 14 * s, y + 6 * s);
  dl->AddRectFilled(ImVec2(p.x - 14 * s, y), ImVec2(right, p.y + ms.y + 6 * s), color::kWarning, 8 * s);
  text_at(dl, font, p, IM_COL32_WHITE, mark);
}
}  // namespace

bool draw(const Model& model, const Fonts& fonts, hall::SystemTime now, const PhotoSource& photo) {
  ImDrawList* dl = begin_canvas("signage", color::kBoard);
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float s = fonts.body->FontSize / 40.0f;  // layout scale
  const bool portrait = size.y > size.x;
  bool animating = false;
  const std::string mark = model.offline_text(now);

  if (model.urgent()) {
    urgent_overlay(dl, fonts, model, size, s);
    if (!mark.empty()) offline_badge(dl, fonts.small, size.x - 20 * s, 8 * s, mark, s);
    end_canvas();
    return false;
  }
  // Header: logo and hall name; date, clock and the offline mark. Portrait
  // puts the date and clock on a second row.
  const float header_h = (portrait ? 280 : 170) * s;
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(size.x, header_h), color::kHeader);
  dl->AddRectFilled(ImVec2(0, header_h), ImVec2(size.x, header_h + 8 * s), color::kGold);
  const std::string clock = model.clock_text(now);
  const std::string date = model.date_text(now);
  const ImVec2 clock_size = text_size(fonts.title, clock);
  const ImVec2 date_size = text_size(fonts.body, date);
  const float right = size.x - 40 * s;
  float name_x = 40 * s;
  const float name_row_h = portrait ? 150 * s : header_h;
  if (!model.hall_logo().empty()) {
    const auto logo = photo(model.hall_logo());
    if (logo.id && logo.width > 0 && logo.height > 0) {
      const float lh = name_row_h - 50 * s, lw = lh * logo.width / logo.height;
      dl->AddImage(logo.id, ImVec2(name_x, 25 * s), ImVec2(name_x + lw, 25 * s + lh));
      name_x += lw + 24 * s;
    }
  }
  const float name_w = portrait ? size.x - name_x - 40 * s : right - std::max(clock_size.x, date_size.x) - 60 * s - name_x;
  // Before any content (a new screen, no cache yet) the header shows no name rather than jargon.
  const std::string& name = model.hall_name();
  ImFont* name_font = text_size(fonts.title, name).x <= name_w ? fonts.title : fonts.body;
  text_at(dl, name_font, ImVec2(name_x, 26 * s), color::kHeaderText, fit_text(name_font, name, name_w));
  if (!model.hall_name_en().empty())
    text_at(dl, fonts.small, ImVec2(name_x + 4 * s, 26 * s + name_font->FontSize + 14 * s), color::kHeaderText,
            fit_text(fonts.small, model.hall_name_en(), name_w));
  if (portrait) {
    const float row = 160 * s;
    text_at(dl, fonts.body, ImVec2(44 * s, row + (clock_size.y - date_size.y) / 2), color::kHeaderText, date);
    text_at(dl, fonts.title, ImVec2(right - clock_size.x, row), color::kHeaderText, clock);
    if (!mark.empty()) offline_badge(dl, fonts.small, right - clock_size.x - 30 * s, row + 8 * s, mark, s);
  } else {
    text_at(dl, fonts.title, ImVec2(right - clock_size.x, 14 * s), color::kHeaderText, clock);
    text_at(dl, fonts.body, ImVec2(right - date_size.x, 14 * s + clock_size.y + 4 * s), color::kHeaderText, date);
    if (!mark.empty()) offline_badge(dl, fonts.small, right - date_size.x - 24 * s, 14 * s + clock_size.y, mark, s);
  }

  // Ticker band at the bottom when there are notices.
  const std::string tick = model.ticker_text(now);
  const float ticker_h = tick.empty() ? 0 : 84 * s;
  const float bottom = size.y - ticker_h;

  // Board title bar and the board ("blank": nothing but the header and ticker).
  const BoardSlot slot = model.current(now);
  if (slot.board != hall::wire::kBlankBoard) {
    const float bar_top = header_h + 8 * s, bar_h = 84 * s;
    dl->AddRectFilled(ImVec2(0, bar_top), ImVec2(size.x, bar_top + bar_h), kTitleBar);
    // While the hall is not open its state takes the title's place:
    // "午间休息 13:30 恢复办理"; on a narrow screen only its first part
    // ("今日休息（法定节假日）") when the whole does not fit.
    std::string title = slot.status.empty() ? board_title(slot.board) : slot.status;
    if (slot.outside_hours && slot.status.empty()) title += "  （非办公时间）";
    if (!slot.status.empty() && text_size(fonts.body, title).x > size.x - 96 * s - 200 * s)
      title = title.substr(0, title.find(' '));
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
  }
  if (slot.board == hall::wire::kBlankBoard && !slot.status.empty()) {
    // Nothing but the header: the hall's state, large, in the middle: its
    // first part ("今日休息（法定节假日）") in the title font, the rest ("10月8日
    // 08:30 开始办理") under it.
    const float w = size.x - 96 * s;
    const size_t cut = slot.status.find(' ');
    const std::string head = fit_text(fonts.title, slot.status.substr(0, cut), w);
    const std::string rest = cut == std::string::npos ? "" : fit_text(fonts.body, slot.status.substr(cut + 1), w);
    const ImVec2 hs = text_size(fonts.title, head);
    const ImVec2 rs = rest.empty() ? ImVec2(0, 0) : text_size(fonts.body, rest);
    const float gap = rest.empty() ? 0 : 24 * s;
    const float y = header_h + (bottom - header_h - hs.y - gap - rs.y) / 2;
    text_at(dl, fonts.title, ImVec2((size.x - hs.x) / 2, y), IM_COL32(140, 24, 32, 255), head);
    if (!rest.empty()) text_at(dl, fonts.body, ImVec2((size.x - rs.x) / 2, y + hs.y + gap), color::kMuted, rest);
  }
  end_canvas();
  // The ticker in a window of its own: the shell keeps the rest in a
  // texture and redraws only the band while it scrolls.
  if (!tick.empty()) {
    ImDrawList* band = begin_canvas_at("moving-ticker", ImVec2(0, bottom), ImVec2(size.x, ticker_h), kTickerBg);
    ticker(band, fonts.body, ImVec2(0, bottom), ImVec2(size.x, size.y), tick, now, s);
    end_canvas();
    animating = true;
  }
  return animating;
}

}  // namespace signage
