// boards.cpp: the five boards. Sizes are in reference pixels (1080 px short
// side) times f.s; text uses the shell's fonts (small 34, body 40, title 64,
// display 140 ASCII) so everything stays readable across the hall. No fact
// is shortened: text wraps, and what does not fit flows onto the next page.
#include "signage/boards.h"

#include <algorithm>
#include <functional>
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

float lines_at(const Frame& f, ImFont* font, ImVec2 pos, float width, ImU32 col, const std::string& text,
               float spacing = 1.15f) {
  return text_lines(f.dl, font, pos, width, col, text, 1000, spacing);
}

float lines_h(ImFont* font, const std::string& text, float width, float spacing = 1.15f) {
  return text_lines_height(font, text, width, spacing);
}

// The larger font when `text` fits `width` on one line in it, else the smaller.
ImFont* one_line(ImFont* large, ImFont* small, const std::string& text, float width) {
  return text_size(large, text).x <= width ? large : small;
}

void stars(const Frame& f, ImVec2 left_center, float r, int count) {
  for (int i = 0; i < 5; ++i)
    star(f.dl, ImVec2(left_center.x + r + i * r * 2.3f, left_center.y), r, i < count ? kStarOn : kStarOff);
}

void empty_board(const Frame& f, const std::string& main, const std::string& sub) {
  const float cx = (f.min.x + f.max.x) / 2, cy = (f.min.y + f.max.y) / 2;
  text_centered(f.dl, f.fonts.title, cx, cy - 70 * f.s, color::kMuted, main);
  if (!sub.empty())
    text_lines(f.dl, f.fonts.body, ImVec2(f.min.x + 40 * f.s, cy + 20 * f.s), f.max.x - f.min.x - 80 * f.s,
               color::kMuted, sub, 1000, 1.2f, true);
}

int star_level(const Model& m, int window) {
  for (const auto& r : m.content().rankings.windows)
    if (r.detail == std::to_string(window) + "号窗口") return r.stars;
  return 0;
}

// A piece of a page measured for a column width: its height and how to draw it.
struct Block {
  float h = 0;
  std::function<void(ImVec2 at, float width)> draw;
  bool keep_with_next = false;  // a heading stays with what follows
  float step_r = 0;             // a flow step: its circle's radius (steps in a column are joined)
};
using Column = std::vector<const Block*>;
using Page = std::vector<Column>;

// Fills `columns` columns of `height` with the blocks in order, page after page.
std::vector<Page> paginate(const std::vector<Block>& blocks, int columns, float first_height, float height) {
  std::vector<Page> pages(1, Page(1));
  float used = 0;
  auto room = [&] { return pages.size() == 1 ? first_height : height; };
  auto next_column = [&] {
    if (static_cast<int>(pages.back().size()) < columns) pages.back().emplace_back();
    else pages.push_back(Page(1));
    used = 0;
  };
  for (size_t i = 0; i < blocks.size(); ++i) {
    float need = blocks[i].h;
    if (blocks[i].keep_with_next && i + 1 < blocks.size()) need += blocks[i + 1].h;
    if (used > 0 && used + need > room()) next_column();
    pages.back().back().push_back(&blocks[i]);
    used += blocks[i].h;
  }
  return pages;
}

// The standard's blocks: the flow, the materials and the legal basis.
std::vector<Block> standard_blocks(const Frame& f, const Standard& st, float width) {
  const float s = f.s, r = 26 * s;
  ImFont* body = f.fonts.body;
  std::vector<Block> out;
  auto heading = [&](const char* text) {
    out.push_back({body->FontSize * 1.6f, [&f, text](ImVec2 at, float) { text_at(f.dl, f.fonts.body, at, kRed, text); },
                   true});
  };
  if (!st.steps.empty()) heading("办理流程");
  for (size_t i = 0; i < st.steps.size(); ++i) {
    const std::string text = st.steps[i];
    const float tw = width - 2 * r - 20 * s;
    const float h = std::max(2 * r, lines_h(body, text, tw)) + 22 * s;
    out.push_back({h, [&f, text, tw, r, i, s](ImVec2 at, float) {
                     const ImVec2 c(at.x + r, at.y + r);
                     f.dl->AddCircleFilled(c, r, color::kAccent);
                     const std::string num = std::to_string(i + 1);
                     const ImVec2 ns = text_size(f.fonts.small, num);
                     text_at(f.dl, f.fonts.small, ImVec2(c.x - ns.x / 2, c.y - ns.y / 2), IM_COL32_WHITE, num);
                     lines_at(f, f.fonts.body, ImVec2(at.x + 2 * r + 20 * s, at.y + r - f.fonts.body->FontSize / 2 - 2 * s),
                              tw, color::kText, text);
                   },
                   false, r});
  }
  if (!st.materials.empty()) heading("所需材料");
  for (size_t i = 0; i < st.materials.size(); ++i) {
    const std::string text = std::to_string(i + 1) + ". " + st.materials[i];
    out.push_back({lines_h(body, text, width) + 10 * s,
                   [&f, text](ImVec2 at, float w) { lines_at(f, f.fonts.body, at, w, color::kText, text); }});
  }
  if (!st.legal_basis.empty()) {
    heading("法律依据");
    const std::string text = st.legal_basis;
    out.push_back({lines_h(f.fonts.small, text, width) + 10 * s,
                   [&f, text](ImVec2 at, float w) { lines_at(f, f.fonts.small, at, w, color::kMuted, text); }});
  }
  return out;
}

struct StandardLayout {
  float pad, width, col_w, gap;
  int columns;
  float title_h, facts_h, chip_w;
};

StandardLayout standard_layout(const Frame& f, const Standard& st, const std::string& dept) {
  StandardLayout L;
  const float s = f.s;
  L.pad = 40 * s;
  L.gap = 48 * s;
  L.width = f.max.x - f.min.x - 2 * L.pad;
  L.columns = f.portrait ? 1 : 2;
  L.col_w = (L.width - (L.columns - 1) * L.gap) / L.columns;
  L.title_h = lines_h(f.fonts.title, st.name + "（续）", L.width, 1.15f) +
              (dept.empty() ? 0 : f.fonts.small->FontSize * 1.3f) + 20 * s;
  const float chip_gap = 18 * s;
  L.chip_w = (L.width - 2 * chip_gap) / 3;
  const std::string values[] = {st.time_limit, st.fee, st.phone};
  float value_h = 0;
  for (const auto& v : values) value_h = std::max(value_h, lines_h(f.fonts.body, v.empty() ? "—" : v, L.chip_w - 40 * s));
  L.facts_h = 20 * s + f.fonts.small->FontSize * 1.3f + value_h + 20 * s + 24 * s;
  return L;
}

std::string department_of(const Model& m, const Standard& st) {
  auto it = m.content().departments.find(st.department);
  return it == m.content().departments.end() ? std::string() : it->second;
}

// How many pages a standard needs, remembered per content and size.
int standard_pages(const Frame& f, const Standard& st) {
  static std::map<std::string, int> known;
  std::string key = std::to_string(static_cast<int>(f.max.x - f.min.x)) + "x" +
                    std::to_string(static_cast<int>(f.max.y - f.min.y)) + "|" + st.name + st.time_limit + st.fee +
                    st.phone + st.legal_basis;
  for (const auto& x : st.steps) key += "|" + x;
  for (const auto& x : st.materials) key += "|" + x;
  auto it = known.find(key);
  if (it != known.end()) return it->second;
  const std::string dept = department_of(f.model, st);
  const StandardLayout L = standard_layout(f, st, dept);
  const auto blocks = standard_blocks(f, st, L.col_w);
  const float body_h = f.max.y - f.min.y - 24 * f.s - 20 * f.s - L.title_h;
  const int n = static_cast<int>(paginate(blocks, L.columns, body_h - L.facts_h, body_h).size());
  if (known.size() > 500) known.clear();
  return known.emplace(key, n).first->second;
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

// 亮标准: one service item at a time: its name and department, the key facts
// (time limit, fee, phone) in full, then the flow, materials and legal basis
// in columns; an item that does not fit goes on over more pages.
std::string standards(const Frame& f) {
  const auto& items = f.model.content().standards;
  if (items.empty()) {
    empty_board(f, "暂无内容", "办事指南将在控制器发布后显示");
    return "";
  }
  std::vector<int> first_page;
  int pages = 0;
  for (const auto& st : items) {
    first_page.push_back(pages);
    pages += standard_pages(f, st);
  }
  const int page = f.model.page(pages, 10, f.now);
  size_t which = 0;
  while (which + 1 < items.size() && first_page[which + 1] <= page) ++which;
  const Standard& st = items[which];
  const int sub = page - first_page[which];
  const std::string dept = department_of(f.model, st);
  const StandardLayout L = standard_layout(f, st, dept);
  const float s = f.s;
  ImVec2 p(f.min.x + L.pad, f.min.y + 24 * s);

  // Name and department.
  const float name_bottom = lines_at(f, f.fonts.title, p, L.width, color::kAccent, sub > 0 ? st.name + "（续）" : st.name);
  if (!dept.empty()) text_at(f.dl, f.fonts.small, ImVec2(p.x, name_bottom), color::kMuted, dept);
  p.y += L.title_h;

  // Key facts as chips, each in full: time limit, fee, phone.
  if (sub == 0) {
    struct Fact { const char* label; std::string value; };
    const Fact facts[] = {{"办结时限", st.time_limit}, {"收费标准", st.fee}, {"咨询电话", st.phone}};
    const float chip_gap = 18 * s, chip_h = L.facts_h - 24 * s;
    for (int i = 0; i < 3; ++i) {
      const ImVec2 a(p.x + i * (L.chip_w + chip_gap), p.y);
      panel(f, a, ImVec2(a.x + L.chip_w, a.y + chip_h), kSoftBlue);
      text_at(f.dl, f.fonts.small, ImVec2(a.x + 20 * s, a.y + 14 * s), color::kMuted, facts[i].label);
      lines_at(f, f.fonts.body, ImVec2(a.x + 20 * s, a.y + 20 * s + f.fonts.small->FontSize * 1.3f), L.chip_w - 40 * s,
               color::kText, facts[i].value.empty() ? "—" : facts[i].value);
    }
    p.y += L.facts_h;
  }
  // The flow, the materials and the legal basis, in columns and pages.
  const auto blocks = standard_blocks(f, st, L.col_w);
  const float body_h = f.max.y - f.min.y - 24 * s - 20 * s - L.title_h;
  const auto laid = paginate(blocks, L.columns, body_h - L.facts_h, body_h);
  const Page& cols = laid[std::min<size_t>(static_cast<size_t>(sub), laid.size() - 1)];
  for (size_t c = 0; c < cols.size(); ++c) {
    ImVec2 at(p.x + c * (L.col_w + L.gap), p.y);
    const Block* prev = nullptr;
    float prev_y = 0;
    for (const Block* b : cols[c]) {
      if (prev && prev->step_r > 0 && b->step_r > 0)  // joins consecutive steps
        f.dl->AddLine(ImVec2(at.x + b->step_r, prev_y + 2 * prev->step_r), ImVec2(at.x + b->step_r, at.y), kLine, 4 * s);
      b->draw(at, L.col_w);
      prev = b;
      prev_y = at.y;
      at.y += b->h;
    }
  }
  return page_label(page, pages);
}

// 亮身份: a grid of cards, one per staff member at a window; as many cards
// per page as fit the screen at a readable size.
std::string identity(const Frame& f) {
  const auto& staff = f.model.content().staff;
  if (staff.empty()) {
    empty_board(f, "暂无内容", "窗口人员信息将在控制器发布后显示");
    return "";
  }
  const float s = f.s, pad = 40 * s, gap = 24 * s;
  const float area_w = f.max.x - f.min.x - 2 * pad, area_h = f.max.y - f.min.y - 48 * s;
  const int cols = std::clamp(static_cast<int>((area_w + gap) / (430 * s + gap)), 1, 4);
  const int rows = std::clamp(static_cast<int>((area_h + gap) / (300 * s + gap)), 1, 4);
  const int per = cols * rows;
  const int pages = (static_cast<int>(staff.size()) + per - 1) / per;
  const int page = f.model.page(pages, 10, f.now);
  const float cw = (area_w - (cols - 1) * gap) / cols;
  const float ch = (area_h - (rows - 1) * gap) / rows;
  std::map<int, std::string> window_names;
  for (const auto& w : f.model.content().windows) window_names[w.number] = w.name;
  for (int i = 0; i < per; ++i) {
    const size_t idx = static_cast<size_t>(page * per + i);
    if (idx >= staff.size()) break;
    const Staff& m = staff[idx];
    const ImVec2 a(f.min.x + pad + (i % cols) * (cw + gap), f.min.y + 24 * s + (i / cols) * (ch + gap));
    const ImVec2 b(a.x + cw, a.y + ch);
    panel(f, a, b);
    // Window band on top, wrapped when the window's name is long.
    std::string band_text = m.window > 0 ? std::to_string(m.window) + "号窗口" : "未分配窗口";
    if (m.window > 0 && window_names.count(m.window)) band_text += " · " + window_names[m.window];
    const float band = lines_h(f.fonts.small, band_text, cw - 36 * s, 1.15f) + 16 * s;
    f.dl->AddRectFilled(a, ImVec2(b.x, a.y + band), m.member ? kRed : color::kAccent, 14 * s,
                        ImDrawFlags_RoundCornersTop);
    lines_at(f, f.fonts.small, ImVec2(a.x + 18 * s, a.y + 8 * s), cw - 36 * s, IM_COL32_WHITE, band_text);
    // The bottom: the 党员 mark and the responsibility zone, wrapped.
    const ImVec2 member_size = text_size(f.fonts.small, "党员");
    const float zone_x = a.x + 18 * s + (m.member ? member_size.x + 36 * s : 0);
    const float zone_w = b.x - zone_x - 18 * s;
    const float zone_h = m.zone.empty() && !m.member ? 0 : std::max(member_size.y + 10 * s, lines_h(f.fonts.small, m.zone, zone_w));
    const float by = b.y - zone_h - 14 * s;
    if (m.member) {
      f.dl->AddRectFilled(ImVec2(a.x + 18 * s, by), ImVec2(a.x + 42 * s + member_size.x, by + member_size.y + 10 * s), kRed,
                          8 * s);
      text_at(f.dl, f.fonts.small, ImVec2(a.x + 30 * s, by + 5 * s), kStarOn, "党员");
    }
    if (!m.zone.empty()) lines_at(f, f.fonts.small, ImVec2(zone_x, by + 5 * s), zone_w, m.member ? kRed : color::kMuted, m.zone);
    // Photo, and beside it name, post, badge and the window's stars.
    const float top = a.y + band + 16 * s;
    const float ph = std::clamp(by - top - 16 * s, 0.0f, 200 * s), pw = std::min(ph * 0.78f, cw * 0.36f);
    if (ph > 40 * s) portrait_photo(f, ImVec2(a.x + 18 * s, top), ImVec2(a.x + 18 * s + pw, top + ph), m.photo, m.name);
    const float tx = a.x + 18 * s + (ph > 40 * s ? pw + 20 * s : 0), tw = b.x - tx - 16 * s;
    float y = top - 4 * s;
    ImFont* name_font = one_line(f.fonts.title, f.fonts.body, m.name, tw);
    y = lines_at(f, name_font, ImVec2(tx, y), tw, color::kText, m.name) + 4 * s;
    y = lines_at(f, f.fonts.body, ImVec2(tx, y), tw, color::kText, m.post) + 4 * s;
    if (!m.badge.empty()) y = lines_at(f, f.fonts.small, ImVec2(tx, y), tw, color::kMuted, "工号 " + m.badge) + 6 * s;
    const int level = m.window > 0 ? star_level(f.model, m.window) : 0;
    const float r = 14 * s;
    if (level > 0 && y + 2 * r <= by) stars(f, ImVec2(tx, y + r), r, level);
  }
  return page_label(page, pages);
}

// 亮承诺: the unit's pledge on top, personal pledges below, every word shown.
std::string pledges(const Frame& f) {
  const auto& all = f.model.content().pledges;
  std::vector<const Pledge*> unit, personal;
  for (const auto& p : all) (p.scope == "unit" ? unit : personal).push_back(&p);
  if (all.empty()) {
    empty_board(f, "暂无内容", "服务承诺将在控制器发布后显示");
    return "";
  }
  const float s = f.s, pad = 40 * s, gap = 24 * s;
  const float width = f.max.x - f.min.x - 2 * pad;
  const float inner = width - 60 * s;
  // The unit pledge's panel fits its longest text.
  float unit_h = 0;
  for (const Pledge* u : unit)
    unit_h = std::max(unit_h, 60 * s + lines_h(f.fonts.title, u->title.empty() ? "服务承诺" : u->title, inner) +
                                  lines_h(f.fonts.body, u->text, inner, 1.3f) + 30 * s);
  // Personal pledges: as many cards as fit, each as tall as its text needs.
  const int cols = f.portrait ? 1 : 2;
  const float cw = (width - (cols - 1) * gap) / cols;
  const float photo_h = 170 * s, pw = photo_h * 0.78f;
  const float tw = cw - pw - 60 * s;
  std::map<std::string, const Staff*> by_id;
  for (const auto& m : f.model.content().staff) by_id[m.id] = &m;
  auto head_of = [&](const Pledge& p) {
    const Staff* who = by_id.count(p.staff) ? by_id[p.staff] : nullptr;
    std::string head = who ? who->name : p.title;
    if (who && who->window > 0) head += "  " + std::to_string(who->window) + "号窗口";
    return head;
  };
  float card_h = photo_h + 36 * s;
  for (const Pledge* p : personal)
    card_h = std::max(card_h, 16 * s + lines_h(f.fonts.body, head_of(*p), tw) + 10 * s +
                                  lines_h(f.fonts.body, p->text, tw, 1.2f) + 20 * s);
  float room = f.max.y - f.min.y - 24 * s - (unit.empty() ? 0 : unit_h + 28 * s) - (personal.empty() ? 0 : 62 * s);
  const int rows = std::max(1, static_cast<int>((room + gap) / (card_h + gap)));
  const int per = cols * rows;
  const int personal_pages = std::max(1, (static_cast<int>(personal.size()) + per - 1) / per);
  const int pages = std::max<int>(personal_pages, static_cast<int>(unit.size()));
  const int page = f.model.page(pages, 12, f.now);
  float y = f.min.y + 24 * s;
  if (!unit.empty()) {
    const Pledge& u = *unit[page % unit.size()];
    panel(f, ImVec2(f.min.x + pad, y), ImVec2(f.max.x - pad, y + unit_h), kSoftRed);
    text_at(f.dl, f.fonts.small, ImVec2(f.min.x + pad + 30 * s, y + 14 * s), kRed, "单位承诺");
    float ty = lines_at(f, f.fonts.title, ImVec2(f.min.x + pad + 30 * s, y + 56 * s), inner, kRed,
                        u.title.empty() ? "服务承诺" : u.title);
    lines_at(f, f.fonts.body, ImVec2(f.min.x + pad + 30 * s, ty + 4 * s), inner, color::kText, u.text, 1.3f);
    y += unit_h + 28 * s;
  }
  if (!personal.empty()) {
    text_at(f.dl, f.fonts.body, ImVec2(f.min.x + pad, y), kRed, "个人承诺");
    y += 62 * s;
    const int ppage = page % personal_pages;
    for (int i = 0; i < per; ++i) {
      const size_t idx = static_cast<size_t>(ppage * per + i);
      if (idx >= personal.size()) break;
      const Pledge& p = *personal[idx];
      const Staff* who = by_id.count(p.staff) ? by_id[p.staff] : nullptr;
      const ImVec2 a(f.min.x + pad + (i % cols) * (cw + gap), y + (i / cols) * (card_h + gap));
      const ImVec2 b(a.x + cw, a.y + card_h);
      panel(f, a, b);
      portrait_photo(f, ImVec2(a.x + 18 * s, a.y + 18 * s), ImVec2(a.x + 18 * s + pw, a.y + 18 * s + photo_h),
                     who ? who->photo : "", who ? who->name : p.title);
      const float tx = a.x + pw + 40 * s;
      const float ty = lines_at(f, f.fonts.body, ImVec2(tx, a.y + 16 * s), tw, color::kAccent, head_of(p)) + 10 * s;
      lines_at(f, f.fonts.body, ImVec2(tx, ty), tw, color::kText, p.text, 1.2f);
    }
  }
  return page_label(page, pages);
}

// 星级窗口 / 服务标兵: the published rank (ties share it), name, stars and
// the 综合得分; rows that do not fit go on over more pages.
std::string rankings(const Frame& f) {
  const Rankings& r = f.model.content().rankings;
  if (!f.model.has_data("rankings")) {
    empty_board(f, "本月暂无评定结果", "星级评定结果将在每月统计后显示");
    return "";
  }
  const float s = f.s, pad = 40 * s, gap = 32 * s;
  float top = f.min.y + 24 * s;
  if (!r.period.empty()) {
    // A closed month by default; this month as it stands is labelled 本月实时
    // (its stars still change), in the accent colour after the period.
    const std::string period = "统计周期 " + r.period;
    text_at(f.dl, f.fonts.small, ImVec2(f.min.x + pad, top), color::kMuted, period);
    if (r.live)
      text_at(f.dl, f.fonts.small, ImVec2(f.min.x + pad + text_size(f.fonts.small, period).x + 24 * s, top), kRed,
              "本月实时");
    top += f.fonts.small->FontSize * 1.4f;
  }
  const float bottom = f.max.y - 20 * s;
  ImVec2 a1, b1, a2, b2;
  if (f.portrait || f.max.x - f.min.x < 1500 * s) {  // one table above the other where two would be cramped
    const float mid = top + (bottom - top - gap) / 2;
    a1 = ImVec2(f.min.x + pad, top), b1 = ImVec2(f.max.x - pad, mid);
    a2 = ImVec2(f.min.x + pad, mid + gap), b2 = ImVec2(f.max.x - pad, bottom);
  } else {
    const float mid = (f.min.x + f.max.x) / 2;
    a1 = ImVec2(f.min.x + pad, top), b1 = ImVec2(mid - gap / 2, bottom);
    a2 = ImVec2(mid + gap / 2, top), b2 = ImVec2(f.max.x - pad, bottom);
  }
  const float head_h = f.fonts.body->FontSize * 1.6f + f.fonts.small->FontSize * 1.4f;
  // Columns: rank, name (and detail), stars, score.
  const float score_w = text_size(f.fonts.small, "综合得分").x;
  const float stars_w = 5 * 2.3f * 15 * s;
  const float rank_w = std::max(text_size(f.fonts.small, "名次").x, text_size(f.fonts.body, "10").x) + 24 * s;
  auto name_w_of = [&](ImVec2 a, ImVec2 b) { return b.x - a.x - 48 * s - rank_w - score_w - 24 * s - stars_w - 16 * s; };
  // One line per row when every name fits beside its detail, else two.
  auto row_h_of = [&](const std::vector<RankRow>& rows, float name_w) {
    for (const auto& row : rows)
      if (text_size(f.fonts.body, row.name).x + 20 * s + text_size(f.fonts.small, row.detail).x > name_w)
        return f.fonts.body->FontSize + f.fonts.small->FontSize * 1.2f + 20 * s;
    return std::max(62 * s, f.fonts.body->FontSize * 1.5f);
  };
  const float row_h1 = row_h_of(r.windows, name_w_of(a1, b1)), row_h2 = row_h_of(r.staff, name_w_of(a2, b2));
  auto rows_fitting = [&](ImVec2 a, ImVec2 b, float row_h) {
    return std::max(1, static_cast<int>((b.y - a.y - head_h - 10 * s) / row_h));
  };
  const int per1 = rows_fitting(a1, b1, row_h1), per2 = rows_fitting(a2, b2, row_h2);
  const int pages = std::max({1, (static_cast<int>(r.windows.size()) + per1 - 1) / per1,
                              (static_cast<int>(r.staff.size()) + per2 - 1) / per2});
  const int page = f.model.page(pages, 12, f.now);
  auto table = [&](const char* title, const char* who, const std::vector<RankRow>& rows, ImVec2 a, ImVec2 b, int per,
                   float row_h) {
    panel(f, a, b);
    text_at(f.dl, f.fonts.body, ImVec2(a.x + 24 * s, a.y + 14 * s), kRed, title);
    const float name_x = a.x + 24 * s + rank_w;
    const float name_w = name_w_of(a, b);
    const float stars_x = name_x + name_w + 16 * s;
    const float hy = a.y + f.fonts.body->FontSize * 1.6f;
    text_at(f.dl, f.fonts.small, ImVec2(a.x + 24 * s, hy), color::kMuted, "名次");
    text_at(f.dl, f.fonts.small, ImVec2(name_x, hy), color::kMuted, who);
    text_at(f.dl, f.fonts.small, ImVec2(stars_x, hy), color::kMuted, "星级");
    text_at(f.dl, f.fonts.small, ImVec2(b.x - 24 * s - score_w, hy), color::kMuted, "综合得分");
    float y = a.y + head_h;
    const size_t first = static_cast<size_t>(page * per);
    for (size_t i = first; i < rows.size() && i < first + static_cast<size_t>(per); ++i) {
      const RankRow& row = rows[i];
      if ((i - first) % 2 == 0)
        f.dl->AddRectFilled(ImVec2(a.x + 8 * s, y), ImVec2(b.x - 8 * s, y + row_h), kSoftBlue, 8 * s);
      const float ty = y + (row_h - f.fonts.body->FontSize) / 2;  // one line, centred in the row
      const int rank = row.rank > 0 ? row.rank : static_cast<int>(i + 1);
      if (!row.too_few)
        text_at(f.dl, f.fonts.body, ImVec2(a.x + 24 * s, ty), rank <= 3 ? kRed : color::kMuted, std::to_string(rank));
      // Name and detail on one line when they fit, else the detail below.
      const float nw = text_size(f.fonts.body, row.name).x, dw = text_size(f.fonts.small, row.detail).x;
      const bool beside = row.detail.empty() || nw + 20 * s + dw <= name_w;
      ImFont* name_font = one_line(f.fonts.body, f.fonts.small, row.name, name_w);
      const float ny = beside ? ty : y + 10 * s;
      text_at(f.dl, name_font, ImVec2(name_x, ny), color::kText, fit_text(name_font, row.name, name_w));
      if (!row.detail.empty()) {
        const ImVec2 dp = beside ? ImVec2(name_x + nw + 20 * s, ty + f.fonts.body->FontSize - f.fonts.small->FontSize)
                                 : ImVec2(name_x, ny + name_font->FontSize + 2 * s);
        text_at(f.dl, f.fonts.small, dp, color::kMuted, fit_text(f.fonts.small, row.detail, name_w));
      }
      if (row.too_few) {  // not ranked: no rank, stars or score
        text_at(f.dl, f.fonts.small, ImVec2(stars_x, y + (row_h - f.fonts.small->FontSize) / 2), color::kMuted,
                "评价数不足");
        y += row_h;
        continue;
      }
      stars(f, ImVec2(stars_x, y + row_h / 2), 15 * s, row.stars);
      char score[16];
      std::snprintf(score, sizeof score, "%.1f", row.score);
      const ImVec2 ss = text_size(f.fonts.body, score);
      text_at(f.dl, f.fonts.body, ImVec2(b.x - 24 * s - ss.x, ty), color::kAccent, score);
      y += row_h;
    }
  };
  table("星级窗口", "窗口", r.windows, a1, b1, per1, row_h1);
  table("服务标兵", "姓名", r.staff, a2, b2, per2, row_h2);
  return page_label(page, pages);
}

// 叫号: the newest call large, earlier calls below. Offline, calls are
// paused: an old call must not look like the current one.
std::string queue(const Frame& f) {
  const float s = f.s, pad = 40 * s;
  const float cx = (f.min.x + f.max.x) / 2;
  if (!f.model.online() && f.model.has_content()) {
    const float box_h = std::min(f.max.y - f.min.y - 48 * s, (f.portrait ? 560 : 420) * s);
    const ImVec2 a(f.min.x + pad, f.min.y + 24 * s), b(f.max.x - pad, f.min.y + 24 * s + box_h);
    panel(f, a, b, kSoftBlue);
    const float y = a.y + (box_h - f.fonts.headline->FontSize * 1.3f - f.fonts.body->FontSize * 2.6f) / 2;
    text_centered(f.dl, f.fonts.headline, cx, y, color::kAccent, "叫号暂停");
    text_lines(f.dl, f.fonts.body, ImVec2(a.x + 30 * s, y + f.fonts.headline->FontSize * 1.3f), b.x - a.x - 60 * s,
               color::kText, "控制器连接恢复后继续叫号，请留意窗口的叫号", 1000, 1.3f, true);
    return "";
  }
  const auto& calls = f.model.content().calls;
  if (calls.empty()) {
    empty_board(f, "暂无叫号", "请留意叫号信息，按号到窗口办理");
    return "";
  }
  const QueueCall& c = calls.front();
  const float box_h = f.portrait ? 560 * s : 330 * s;
  const ImVec2 a(f.min.x + pad, f.min.y + 24 * s), b(f.max.x - pad, f.min.y + 24 * s + box_h);
  panel(f, a, b, kSoftRed);
  // "请 A023 号到 3 号窗口": Chinese in the title font, numbers in the display
  // font, the largest text on the board.
  const std::string win = std::to_string(c.window);
  struct Part { std::string text; bool big; };
  auto line = [&](std::initializer_list<Part> ps, float baseline) {
    float w = 0;
    for (const auto& p : ps) w += text_size(p.big ? f.fonts.display : f.fonts.title, p.text).x;
    float x = cx - w / 2;
    for (const auto& p : ps) {
      ImFont* font = p.big ? f.fonts.display : f.fonts.title;
      text_at(f.dl, font, ImVec2(x, baseline - font->FontSize * 0.9f), p.big ? kRed : color::kText, p.text);
      x += text_size(font, p.text).x;
    }
  };
  const float base = a.y + (f.portrait ? 120 : 60) * s + f.fonts.display->FontSize;  // text baseline
  if (f.portrait) {  // two lines on a narrow screen: "请 A023 号" / "到 3 号窗口"
    line({{"请 ", false}, {c.ticket, true}, {" 号", false}}, base);
    line({{"到 ", false}, {win, true}, {" 号窗口", false}}, base + f.fonts.display->FontSize * 1.1f);
  } else {
    line({{"请 ", false}, {c.ticket, true}, {" 号到 ", false}, {win, true}, {" 号窗口", false}}, base);
  }
  if (!c.window_name.empty())
    text_centered(f.dl, f.fonts.body, cx, b.y - 70 * s, color::kMuted, c.window_name);

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
