// boards.cpp: the five boards. Sizes are in reference pixels (1080 px short
// side) times f.s; text uses the shell's fonts (small 28, body 40, title 64,
// display 140 ASCII) so everything stays readable from 5 m.
#include "signage/boards.h"

#include <algorithm>
#include <map>

#include "common/ui/draw.h"

namespace signage::boards {

using namespace hall::ui;

namespace {
constexpr ImU32 kRed = IM_COL32(176, 28, 38, 255);
constexpr ImU32 kSoftRed = IM_COL32(253, 236, 234, 255);
constexpr ImU32 kSoftBlue = IM_COL32(232, 241, 252, 255);
constexpr ImU32 kLine = IM_COL32(220, 214, 204, 255);
constexpr ImU32 kStarOn = IM_COL32(232, 160, 20, 255);
constexpr ImU32 kStarOff = IM_COL32(222, 218, 210, 255);

void panel(const Frame& f, ImVec2 a, ImVec2 b, ImU32 fill = color::kPanel) {
  f.dl->AddRectFilled(ImVec2(a.x + 3 * f.s, a.y + 5 * f.s), ImVec2(b.x + 3 * f.s, b.y + 5 * f.s),
                      IM_COL32(0, 0, 0, 22), 14 * f.s);
  f.dl->AddRectFilled(a, b, fill, 14 * f.s);
}

// Draws wrapped lines; returns the y below the last line.
float lines_at(const Frame& f, ImFont* font, ImVec2 pos, float width, ImU32 col, const std::string& text,
               size_t max_lines, float spacing = 1.15f) {
  for (const auto& line : wrap_text(font, text, width, max_lines)) {
    text_at(f.dl, font, pos, col, line);
    pos.y += font->FontSize * spacing;
  }
  return pos.y;
}

void stars(const Frame& f, ImVec2 left_center, float r, int count) {
  for (int i = 0; i < 5; ++i)
    star(f.dl, ImVec2(left_center.x + r + i * r * 2.3f, left_center.y), r, i < count ? kStarOn : kStarOff);
}

void empty_board(const Frame& f, const std::string& main, const std::string& sub) {
  const float cx = (f.min.x + f.max.x) / 2, cy = (f.min.y + f.max.y) / 2;
  text_centered(f.dl, f.fonts.title, cx, cy - 70 * f.s, color::kMuted, main);
  if (!sub.empty()) text_centered(f.dl, f.fonts.body, cx, cy + 20 * f.s, color::kMuted, sub);
}

int star_level(const Model& m, int window) {
  for (const auto& r : m.content().rankings.windows)
    if (r.detail == std::to_string(window) + "号窗口") return r.stars;
  return 0;
}
}  // namespace

std::string page_label(int page, int pages) {
  return pages > 1 ? "第 " + std::to_string(page + 1) + "/" + std::to_string(pages) + " 页" : "";
}

void portrait_photo(const Frame& f, ImVec2 a, ImVec2 b, const std::string& sha, const std::string& name) {
  auto img = sha.empty() ? TextureCache::Image{} : f.photo(sha);
  if (img.id && img.width > 0 && img.height > 0) {
    image_cover(f.dl, img.id, img.width, img.height, a, b, 10 * f.s);
    return;
  }
  f.dl->AddRectFilled(a, b, IM_COL32(205, 214, 226, 255), 10 * f.s);
  if (!name.empty()) {
    size_t n = 1;
    while (n < name.size() && (static_cast<unsigned char>(name[n]) & 0xC0) == 0x80) ++n;
    const std::string first = name.substr(0, n);
    const ImVec2 ts = text_size(f.fonts.title, first);
    text_at(f.dl, f.fonts.title, ImVec2((a.x + b.x - ts.x) / 2, (a.y + b.y - ts.y) / 2), IM_COL32_WHITE, first);
  }
}

// 亮标准: one service item per page; its steps as a numbered flow.
std::string standards(const Frame& f) {
  const auto& items = f.model.content().standards;
  if (items.empty()) {
    empty_board(f, "暂无内容", "办事指南将在控制器发布后显示");
    return "";
  }
  const int pages = static_cast<int>(items.size());
  const int page = f.model.page(pages, 10, f.now);
  const Standard& st = items[page];
  const float s = f.s, pad = 40 * s;
  ImVec2 p(f.min.x + pad, f.min.y + 24 * s);
  const float width = f.max.x - f.min.x - 2 * pad;

  // Item name and department.
  text_at(f.dl, f.fonts.title, p, color::kAccent, fit_text(f.fonts.title, st.name, width));
  p.y += 84 * s;
  auto dept = f.model.content().departments.find(st.department);
  const bool has_dept = dept != f.model.content().departments.end() && !dept->second.empty();

  // Key facts as chips: time limit, fee, phone.
  struct Fact { const char* label; std::string value; };
  const Fact facts[] = {{"办结时限", st.time_limit}, {"收费标准", st.fee}, {"咨询电话", st.phone}};
  auto draw_facts = [&](ImVec2 at, float w, bool vertical) {
    const float chip_h = 110 * s, gap = 18 * s;
    const float chip_w = vertical ? w : (w - 2 * gap) / 3;
    for (int i = 0; i < 3; ++i) {
      const ImVec2 a = vertical ? ImVec2(at.x, at.y + i * (chip_h + gap)) : ImVec2(at.x + i * (chip_w + gap), at.y);
      panel(f, a, ImVec2(a.x + chip_w, a.y + chip_h), kSoftBlue);
      text_at(f.dl, f.fonts.small, ImVec2(a.x + 20 * s, a.y + 10 * s), color::kMuted, facts[i].label);
      text_at(f.dl, f.fonts.body, ImVec2(a.x + 20 * s, a.y + 52 * s), color::kText,
              fit_text(f.fonts.body, facts[i].value.empty() ? "—" : facts[i].value, chip_w - 40 * s));
    }
    return vertical ? at.y + 3 * (chip_h + gap) : at.y + chip_h + gap;
  };

  // The flow: numbered circles joined by a line, step text beside each.
  auto draw_flow = [&](ImVec2 at, float w, float bottom) {
    text_at(f.dl, f.fonts.body, at, kRed, "办理流程");
    float y = at.y + 62 * s;
    const float r = 26 * s;
    const size_t n = st.steps.size();
    const float avail = bottom - y;
    const float row = std::clamp(avail / std::max<size_t>(1, n), 58 * s, 110 * s);
    const size_t max_lines = row >= 100 * s ? 2 : 1;
    for (size_t i = 0; i < n; ++i) {
      if (y + 56 * s > bottom) break;
      const ImVec2 c(at.x + r, y + r);
      if (i + 1 < n && y + row + 56 * s <= bottom) {
        f.dl->AddLine(ImVec2(c.x, c.y + r), ImVec2(c.x, c.y + row - r), kLine, 4 * s);
        f.dl->AddTriangleFilled(ImVec2(c.x - 9 * s, c.y + row - r - 12 * s), ImVec2(c.x + 9 * s, c.y + row - r - 12 * s),
                                ImVec2(c.x, c.y + row - r), kLine);
      }
      f.dl->AddCircleFilled(c, r, color::kAccent);
      const std::string num = std::to_string(i + 1);
      const ImVec2 ns = text_size(f.fonts.small, num);
      text_at(f.dl, f.fonts.small, ImVec2(c.x - ns.x / 2, c.y - ns.y / 2), IM_COL32_WHITE, num);
      lines_at(f, f.fonts.body, ImVec2(at.x + 2 * r + 20 * s, y + r - f.fonts.body->FontSize / 2 - 2 * s),
               w - 2 * r - 20 * s, color::kText, st.steps[i], max_lines, 1.1f);
      y += row;
    }
  };

  auto draw_materials = [&](ImVec2 at, float w, float bottom) {
    text_at(f.dl, f.fonts.body, at, kRed, "所需材料");
    float y = at.y + 58 * s;
    int i = 1;
    for (const auto& m : st.materials) {
      if (y + f.fonts.body->FontSize > bottom) break;
      const std::string line = std::to_string(i++) + ". " + m;
      const size_t room = static_cast<size_t>(std::max(1.0f, (bottom - y) / (f.fonts.body->FontSize * 1.15f)));
      y = lines_at(f, f.fonts.body, ImVec2(at.x, y), w, color::kText, line, std::min<size_t>(2, room)) + 6 * s;
    }
    return y;
  };

  const float bottom = f.max.y - 20 * s;
  if (!f.portrait) {
    if (has_dept) text_at(f.dl, f.fonts.small, ImVec2(f.max.x - pad - text_size(f.fonts.small, dept->second).x, f.min.y + 44 * s), color::kMuted, dept->second);
    const float left_w = width * 0.46f;
    const float right_x = p.x + left_w + 40 * s;
    const float right_w = f.max.x - pad - right_x;
    const float basis_h = st.legal_basis.empty() ? 0 : 80 * s;
    draw_flow(p, left_w, bottom - basis_h);
    float y = draw_facts(ImVec2(right_x, p.y), right_w, false);
    draw_materials(ImVec2(right_x, y + 10 * s), right_w, bottom - basis_h);
    if (basis_h > 0)
      lines_at(f, f.fonts.small, ImVec2(p.x, bottom - basis_h + 16 * s), width, color::kMuted,
               "法律依据：" + st.legal_basis, 2);
  } else {
    if (has_dept) {
      text_at(f.dl, f.fonts.small, ImVec2(p.x, p.y - 14 * s), color::kMuted, dept->second);
      p.y += 30 * s;
    }
    float y = draw_facts(p, width, false);
    const float basis_h = st.legal_basis.empty() ? 0 : 90 * s;
    const float flow_bottom = y + (bottom - basis_h - y) * 0.52f;
    draw_flow(ImVec2(p.x, y + 10 * s), width, flow_bottom);
    draw_materials(ImVec2(p.x, flow_bottom + 10 * s), width, bottom - basis_h);
    if (basis_h > 0)
      lines_at(f, f.fonts.small, ImVec2(p.x, bottom - basis_h + 16 * s), width, color::kMuted,
               "法律依据：" + st.legal_basis, 2);
  }
  return page_label(page, pages);
}

// 亮身份: a grid of cards, one per staff member at a window.
std::string identity(const Frame& f) {
  const auto& staff = f.model.content().staff;
  if (staff.empty()) {
    empty_board(f, "暂无内容", "窗口人员信息将在控制器发布后显示");
    return "";
  }
  const int cols = f.portrait ? 2 : 4, rows = f.portrait ? 4 : 2, per = cols * rows;
  const int pages = (static_cast<int>(staff.size()) + per - 1) / per;
  const int page = f.model.page(pages, 10, f.now);
  const float s = f.s, pad = 40 * s, gap = 24 * s;
  const float cw = (f.max.x - f.min.x - 2 * pad - (cols - 1) * gap) / cols;
  const float ch = (f.max.y - f.min.y - 2 * 24 * s - (rows - 1) * gap) / rows;
  std::map<int, std::string> window_names;
  for (const auto& w : f.model.content().windows) window_names[w.number] = w.name;
  for (int i = 0; i < per; ++i) {
    const size_t idx = static_cast<size_t>(page * per + i);
    if (idx >= staff.size()) break;
    const Staff& m = staff[idx];
    const ImVec2 a(f.min.x + pad + (i % cols) * (cw + gap), f.min.y + 24 * s + (i / cols) * (ch + gap));
    const ImVec2 b(a.x + cw, a.y + ch);
    panel(f, a, b);
    // Window band on top.
    const float band = 56 * s;
    f.dl->AddRectFilled(a, ImVec2(b.x, a.y + band), m.member ? kRed : color::kAccent, 14 * s,
                        ImDrawFlags_RoundCornersTop);
    const std::string win = m.window > 0 ? std::to_string(m.window) + "号窗口" : "未分配窗口";
    std::string band_text = win;
    if (m.window > 0 && window_names.count(m.window)) band_text += " · " + window_names[m.window];
    text_at(f.dl, f.fonts.small, ImVec2(a.x + 18 * s, a.y + (band - f.fonts.small->FontSize) / 2), IM_COL32_WHITE,
            fit_text(f.fonts.small, band_text, cw - 36 * s));
    // Photo.
    const float ph = std::min(ch - band - 90 * s, 200 * s), pw = ph * 0.78f;
    const ImVec2 pa(a.x + 18 * s, a.y + band + 18 * s);
    portrait_photo(f, pa, ImVec2(pa.x + pw, pa.y + ph), m.photo, m.name);
    // Name, post, badge.
    const float tx = pa.x + pw + 20 * s, tw = b.x - tx - 16 * s;
    float y = pa.y - 4 * s;
    text_at(f.dl, f.fonts.title, ImVec2(tx, y), color::kText, fit_text(f.fonts.title, m.name, tw));
    y += 76 * s;
    text_at(f.dl, f.fonts.body, ImVec2(tx, y), color::kText, fit_text(f.fonts.body, m.post, tw));
    y += 52 * s;
    if (!m.badge.empty()) {
      text_at(f.dl, f.fonts.small, ImVec2(tx, y), color::kMuted, fit_text(f.fonts.small, "工号 " + m.badge, tw));
      y += 38 * s;
    }
    // Member mark and zone, stars, along the bottom.
    const float by = b.y - 58 * s;
    float x = a.x + 18 * s;
    if (m.member) {
      const ImVec2 ts = text_size(f.fonts.small, "党员");
      f.dl->AddRectFilled(ImVec2(x, by), ImVec2(x + ts.x + 24 * s, by + ts.y + 10 * s), kRed, 8 * s);
      text_at(f.dl, f.fonts.small, ImVec2(x + 12 * s, by + 5 * s), kStarOn, "党员");
      x += ts.x + 36 * s;
    }
    const int level = m.window > 0 ? star_level(f.model, m.window) : 0;
    const float stars_w = level > 0 ? 5 * 2.3f * 14 * s : 0;
    if (!m.zone.empty())
      text_at(f.dl, f.fonts.small, ImVec2(x, by + 5 * s), m.member ? kRed : color::kMuted,
              fit_text(f.fonts.small, m.zone, b.x - x - stars_w - 24 * s));
    if (level > 0) stars(f, ImVec2(b.x - stars_w - 16 * s, by + 22 * s), 14 * s, level);
  }
  return page_label(page, pages);
}

// 亮承诺: the unit's pledge on top, personal pledges rotating below.
std::string pledges(const Frame& f) {
  const auto& all = f.model.content().pledges;
  std::vector<const Pledge*> unit, personal;
  for (const auto& p : all) (p.scope == "unit" ? unit : personal).push_back(&p);
  if (all.empty()) {
    empty_board(f, "暂无内容", "服务承诺将在控制器发布后显示");
    return "";
  }
  const float s = f.s, pad = 40 * s;
  const float width = f.max.x - f.min.x - 2 * pad;
  float y = f.min.y + 24 * s;
  const int per = f.portrait ? 4 : 2;
  const int personal_pages = std::max(1, (static_cast<int>(personal.size()) + per - 1) / per);
  const int pages = std::max<int>(personal_pages, static_cast<int>(unit.size()));
  const int page = f.model.page(pages, 12, f.now);
  if (!unit.empty()) {
    const Pledge& u = *unit[page % unit.size()];
    const float h = f.portrait ? 450 * s : 330 * s;
    panel(f, ImVec2(f.min.x + pad, y), ImVec2(f.max.x - pad, y + h), kSoftRed);
    text_at(f.dl, f.fonts.small, ImVec2(f.min.x + pad + 30 * s, y + 20 * s), kRed, "单位承诺");
    text_at(f.dl, f.fonts.title, ImVec2(f.min.x + pad + 30 * s, y + 60 * s), kRed,
            fit_text(f.fonts.title, u.title.empty() ? "服务承诺" : u.title, width - 60 * s));
    const size_t max_lines = static_cast<size_t>((h - 170 * s) / (f.fonts.body->FontSize * 1.3f));
    lines_at(f, f.fonts.body, ImVec2(f.min.x + pad + 30 * s, y + 150 * s), width - 60 * s, color::kText, u.text,
             max_lines, 1.3f);
    y += h + 28 * s;
  }
  if (!personal.empty()) {
    text_at(f.dl, f.fonts.body, ImVec2(f.min.x + pad, y), kRed, "个人承诺");
    y += 62 * s;
    const int cols = f.portrait ? 1 : 2;
    const int rows = (per + cols - 1) / cols;
    const float gap = 24 * s;
    const float cw = (width - (cols - 1) * gap) / cols;
    const float ch = (f.max.y - 20 * s - y - (rows - 1) * gap) / rows;
    const int ppage = page % personal_pages;
    std::map<std::string, const Staff*> by_id;
    for (const auto& m : f.model.content().staff) by_id[m.id] = &m;
    for (int i = 0; i < per; ++i) {
      const size_t idx = static_cast<size_t>(ppage * per + i);
      if (idx >= personal.size()) break;
      const Pledge& p = *personal[idx];
      const Staff* who = by_id.count(p.staff) ? by_id[p.staff] : nullptr;
      const ImVec2 a(f.min.x + pad + (i % cols) * (cw + gap), y + (i / cols) * (ch + gap));
      const ImVec2 b(a.x + cw, a.y + ch);
      panel(f, a, b);
      const float ph = std::min(ch - 36 * s, 170 * s), pw = ph * 0.78f;
      portrait_photo(f, ImVec2(a.x + 18 * s, a.y + 18 * s), ImVec2(a.x + 18 * s + pw, a.y + 18 * s + ph),
                     who ? who->photo : "", who ? who->name : p.title);
      const float tx = a.x + pw + 40 * s, tw = b.x - tx - 20 * s;
      std::string head = who ? who->name : p.title;
      if (who && who->window > 0) head += "  " + std::to_string(who->window) + "号窗口";
      text_at(f.dl, f.fonts.body, ImVec2(tx, a.y + 16 * s), color::kAccent, fit_text(f.fonts.body, head, tw));
      const size_t max_lines = static_cast<size_t>(std::max(1.0f, (ch - 90 * s) / (f.fonts.body->FontSize * 1.2f)));
      lines_at(f, f.fonts.body, ImVec2(tx, a.y + 72 * s), tw, color::kText, p.text, max_lines, 1.2f);
    }
  }
  return page_label(page, pages);
}

// 星级窗口 / 服务标兵: "no data yet" until the ranking service publishes.
std::string rankings(const Frame& f) {
  const Rankings& r = f.model.content().rankings;
  if (!r.present || (r.windows.empty() && r.staff.empty())) {
    empty_board(f, "暂无数据 no data yet", "星级评定结果将在每月统计后显示");
    return "";
  }
  const float s = f.s, pad = 40 * s, gap = 32 * s;
  float top = f.min.y + 24 * s;
  if (!r.period.empty()) {
    text_at(f.dl, f.fonts.small, ImVec2(f.min.x + pad, top), color::kMuted, "统计周期 " + r.period);
    top += 44 * s;
  }
  auto table = [&](const char* title, const std::vector<RankRow>& rows, ImVec2 a, ImVec2 b) {
    panel(f, a, b);
    text_at(f.dl, f.fonts.body, ImVec2(a.x + 24 * s, a.y + 16 * s), kRed, title);
    float y = a.y + 80 * s;
    const float row_h = 62 * s;
    int rank = 1;
    for (const auto& row : rows) {
      if (y + row_h > b.y) break;
      if (rank % 2 == 1) f.dl->AddRectFilled(ImVec2(a.x + 8 * s, y), ImVec2(b.x - 8 * s, y + row_h), kSoftBlue, 8 * s);
      const std::string num = std::to_string(rank++);
      text_at(f.dl, f.fonts.body, ImVec2(a.x + 24 * s, y + 12 * s), rank <= 4 ? kRed : color::kMuted, num);
      const float stars_w = 5 * 2.3f * 15 * s;
      const float name_w = b.x - a.x - 90 * s - stars_w - 150 * s;
      std::string label = row.name;
      text_at(f.dl, f.fonts.body, ImVec2(a.x + 84 * s, y + 12 * s), color::kText, fit_text(f.fonts.body, label, name_w * 0.55f));
      text_at(f.dl, f.fonts.small, ImVec2(a.x + 84 * s + name_w * 0.58f, y + 20 * s), color::kMuted,
              fit_text(f.fonts.small, row.detail, name_w * 0.42f));
      stars(f, ImVec2(b.x - stars_w - 140 * s, y + row_h / 2), 15 * s, row.stars);
      char score[16];
      std::snprintf(score, sizeof score, "%.1f", row.score);
      const ImVec2 ss = text_size(f.fonts.body, score);
      text_at(f.dl, f.fonts.body, ImVec2(b.x - 24 * s - ss.x, y + 12 * s), color::kAccent, score);
      y += row_h;
    }
  };
  const float bottom = f.max.y - 20 * s;
  if (f.portrait) {
    const float mid = top + (bottom - top - gap) / 2;
    table("星级窗口", r.windows, ImVec2(f.min.x + pad, top), ImVec2(f.max.x - pad, mid));
    table("服务标兵", r.staff, ImVec2(f.min.x + pad, mid + gap), ImVec2(f.max.x - pad, bottom));
  } else {
    const float mid = (f.min.x + f.max.x) / 2;
    table("星级窗口", r.windows, ImVec2(f.min.x + pad, top), ImVec2(mid - gap / 2, bottom));
    table("服务标兵", r.staff, ImVec2(mid + gap / 2, top), ImVec2(f.max.x - pad, bottom));
  }
  return "";
}

// 叫号: the newest call large, earlier calls below.
std::string queue(const Frame& f) {
  const auto& calls = f.model.content().calls;
  if (calls.empty()) {
    empty_board(f, "暂无叫号", "请留意叫号信息，按号到窗口办理");
    return "";
  }
  const float s = f.s, pad = 40 * s;
  const QueueCall& c = calls.front();
  const float cx = (f.min.x + f.max.x) / 2;
  const float box_h = f.portrait ? 560 * s : 330 * s;
  const ImVec2 a(f.min.x + pad, f.min.y + 24 * s), b(f.max.x - pad, f.min.y + 24 * s + box_h);
  panel(f, a, b, kSoftRed);
  // "请 A023 号到 3 号窗口": Chinese in the title font, numbers in the display font.
  const std::string win = std::to_string(c.window);
  struct Part { std::string text; bool big; };
  const Part parts[] = {{"请 ", false}, {c.ticket, true}, {" 号到 ", false}, {win, true}, {" 号窗口", false}};
  float total = 0;
  for (const auto& p : parts) total += text_size(p.big ? f.fonts.display : f.fonts.title, p.text).x;
  const float base = a.y + (f.portrait ? 120 : 60) * s + f.fonts.display->FontSize;  // text baseline
  if (f.portrait) {
    // Two lines on a narrow screen: "请 A023 号" / "到 3 号窗口".
    const Part l1[] = {{"请 ", false}, {c.ticket, true}, {" 号", false}};
    const Part l2[] = {{"到 ", false}, {win, true}, {" 号窗口", false}};
    auto line = [&](const Part* ps, int n, float baseline) {
      float w = 0;
      for (int i = 0; i < n; ++i) w += text_size(ps[i].big ? f.fonts.display : f.fonts.title, ps[i].text).x;
      float x = cx - w / 2;
      for (int i = 0; i < n; ++i) {
        ImFont* font = ps[i].big ? f.fonts.display : f.fonts.title;
        text_at(f.dl, font, ImVec2(x, baseline - font->FontSize * 0.9f), ps[i].big ? kRed : color::kText, ps[i].text);
        x += text_size(font, ps[i].text).x;
      }
    };
    line(l1, 3, base);
    line(l2, 3, base + f.fonts.display->FontSize * 1.1f);
  } else {
    float x = cx - total / 2;
    for (const auto& p : parts) {
      ImFont* font = p.big ? f.fonts.display : f.fonts.title;
      text_at(f.dl, font, ImVec2(x, base - font->FontSize * 0.9f), p.big ? kRed : color::kText, p.text);
      x += text_size(font, p.text).x;
    }
  }
  if (!c.window_name.empty())
    text_centered(f.dl, f.fonts.body, cx, b.y - 80 * s, color::kMuted, c.window_name);

  // Earlier calls.
  float y = b.y + 40 * s;
  text_at(f.dl, f.fonts.body, ImVec2(f.min.x + pad, y), kRed, "最近叫号");
  y += 66 * s;
  const int cols = f.portrait ? 2 : 3;
  const float gap = 24 * s;
  const float cw = (f.max.x - f.min.x - 2 * pad - (cols - 1) * gap) / cols, ch = 96 * s;
  for (size_t i = 1; i < calls.size(); ++i) {
    const int k = static_cast<int>(i - 1);
    const ImVec2 ca(f.min.x + pad + (k % cols) * (cw + gap), y + (k / cols) * (ch + gap));
    if (ca.y + ch > f.max.y - 10 * s) break;
    panel(f, ca, ImVec2(ca.x + cw, ca.y + ch));
    text_at(f.dl, f.fonts.title, ImVec2(ca.x + 24 * s, ca.y + (ch - f.fonts.title->FontSize) / 2), color::kAccent,
            calls[i].ticket);
    const std::string to = "→ " + std::to_string(calls[i].window) + "号窗口";
    const ImVec2 ts = text_size(f.fonts.body, to);
    text_at(f.dl, f.fonts.body, ImVec2(ca.x + cw - 24 * s - ts.x, ca.y + (ch - ts.y) / 2), color::kText, to);
  }
  return "";
}

}  // namespace signage::boards
