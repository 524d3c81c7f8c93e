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

// A rectangle of the screen, cut into parts from its sides.
struct Box {
  float x = 0, y = 0, w = 0, h = 0;
  ImVec2 min() const { return ImVec2(x, y); }
  ImVec2 max() const { return ImVec2(x + w, y + h); }
  ImVec2 size() const { return ImVec2(w, h); }
  float right() const { return x + w; }
  float bottom() const { return y + h; }
  float cx() const { return x + w / 2; }
  Box top(float height, float gap = 0) {
    const Box out{x, y, w, std::min(height, h)};
    y += out.h + gap;
    h = std::max(0.0f, h - out.h - gap);
    return out;
  }
  Box bottom_part(float height, float gap = 0) {
    const Box out{x, y + h - std::min(height, h), w, std::min(height, h)};
    h = std::max(0.0f, h - out.h - gap);
    return out;
  }
  Box left(float width, float gap = 0) {
    const Box out{x, y, std::min(width, w), h};
    x += out.w + gap;
    w = std::max(0.0f, w - out.w - gap);
    return out;
  }
};

// The panel's geometry: `s` scales design sizes (1.0 at 1080 px on the short
// side, as the fonts do); `touch` is the least touch target (15 mm).
struct Frame {
  const Model& m;
  ImDrawList* dl;
  const Fonts& f;
  ImVec2 size;
  float s;
  float touch;
  bool landscape;
  float gap;
  std::vector<Intent>& out;
  const PhotoSource& photo;
  // At least the touch target, else the design size.
  float target(float design) const { return std::max(design * s, touch); }
};

// A grid of `n` equal cells in `area`, `cols` wide, cells at most `max_h` tall.
struct Grid {
  Box area;
  int cols = 1, rows = 1;
  float cw = 0, ch = 0, gap = 0;
  Box cell(int i) const {
    return {area.x + (i % cols) * (cw + gap), area.y + (i / cols) * (ch + gap), cw, ch};
  }
  float height() const { return rows * ch + (rows - 1) * gap; }
  float smaller_side() const { return std::min(cw, ch); }
};

Grid make_grid(Box area, int n, int cols, float gap, float max_h) {
  Grid g;
  g.area = area;
  g.cols = std::max(1, cols);
  g.rows = std::max(1, (n + g.cols - 1) / g.cols);
  g.gap = gap;
  g.cw = (area.w - (g.cols - 1) * gap) / g.cols;
  g.ch = std::min(max_h, (area.h - (g.rows - 1) * gap) / g.rows);
  return g;
}

// The grid of `n` cells with the largest smaller side, from min_cols to max_cols columns.
Grid best_grid(Box area, int n, int min_cols, int max_cols, float gap, float max_h) {
  Grid best = make_grid(area, n, min_cols, gap, max_h);
  for (int c = min_cols + 1; c <= max_cols; ++c) {
    const Grid g = make_grid(area, n, c, gap, max_h);
    if (g.smaller_side() > best.smaller_side() + 0.5f) best = g;
  }
  return best;
}

// The largest of `fonts` (largest first) in which `text` is no wider than `width`.
ImFont* fitting(std::initializer_list<ImFont*> fonts, std::string_view text, float width) {
  for (ImFont* font : fonts)
    if (text_size(font, text).x <= width) return font;
  return *(fonts.end() - 1);
}

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
  const auto img = photo.empty() || !fr.photo ? TextureCache::Image{} : fr.photo(photo);
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
  dl->AddCircleFilled(head, std::min(w, h) * 0.2f, c, 48);
  dl->PathArcTo(ImVec2(min.x + w / 2, max.y), std::min(w, h * 0.9f) * 0.38f, 3.14159265f, 2 * 3.14159265f, 40);
  dl->PathFillConvex(c);
}

bool button(Frame& fr, const char* id, Box b, ImFont* font, const char* label, bool primary) {
  ImFont* use = fitting({font, fr.f.body, fr.f.small}, label, b.w - 24 * fr.s);
  return touch_button(id, b.min(), b.size(), use, label, primary ? color::kAccent : color::kPanel,
                      primary ? kOnAccent : color::kText, primary ? 0 : kBorder);
}

// The back button, bottom left of `row`.
void back_button(Frame& fr, Box row) {
  const float w = std::max(fr.target(280), text_size(fr.f.body, fr.m.tr(Text::Back)).x + 60 * fr.s);
  if (button(fr, "back", Box{row.x, row.y, std::min(w, row.w), row.h}, fr.f.body, fr.m.tr(Text::Back), false))
    fr.out.push_back(intent::Back{});
}

// A title line (wrapped, centred in `box`); returns its height.
float title(Frame& fr, Box box, ImFont* font, ImU32 col, const std::string& text) {
  return text_lines(fr.dl, font, box.min(), box.w, col, text, 1000, 1.2f, true) - box.y;
}

// Staff photo, name, window: who is being rated.
void staff_strip(Frame& fr, Box b, bool caption) {
  const TicketInfo& t = fr.m.ticket();
  fr.dl->AddRectFilled(b.min(), b.max(), color::kPanel, 16);
  const float pad = 12 * fr.s;
  const float ph = b.h - 2 * pad, pw = std::min(ph * 0.78f, b.w * 0.3f);
  draw_staff_photo(fr, ImVec2(b.x + pad, b.y + pad), ImVec2(b.x + pad + pw, b.y + pad + ph), t.staff_photo);
  Box text{b.x + 2 * pad + pw, b.y + pad, b.w - 3 * pad - pw, ph};
  const std::string window = window_label(fr.m.language(), t.window_number) +
                             (t.window_name.empty() || fr.m.language() == Lang::En ? "" : " " + t.window_name);
  std::string name = t.staff_name;
  if (!t.staff_post.empty()) name += " · " + t.staff_post;
  if (caption) {
    text_at(fr.dl, fr.f.small, text.min(), color::kMuted, fr.m.tr(Text::RatingWho));
    text.top(fr.f.small->FontSize * 1.15f);
  }
  ImFont* nf = fitting({fr.f.title, fr.f.body, fr.f.small}, name, text.w);
  const float y = text_lines(fr.dl, nf, text.min(), text.w, color::kText, name, 2);
  ImFont* wf = fitting({fr.f.body, fr.f.small}, window, text.w);
  text_lines(fr.dl, wf, ImVec2(text.x, y + 4 * fr.s), text.w, color::kHeader, window, 2);
}

void draw_idle(Frame& fr, Box box) {
  const Model& m = fr.m;
  const float s = fr.s;
  Box left = box, right{};
  if (fr.landscape) {
    right = box;
    left = right.left(box.w * 0.55f, 2 * fr.gap);
  }
  if (!m.online()) {
    const Box line = (fr.landscape ? right : left).bottom_part(fr.f.small->FontSize * 1.3f, fr.gap);
    text_centered(fr.dl, fr.f.small, line.cx(), line.y, color::kWarning, m.tr(Text::Offline));
  }
  // The hall's state while it is not open (lunch, after hours, a holiday):
  // one line at the top; ratings of tickets served earlier are still taken.
  const hall::HallState state = m.hall_state(std::chrono::system_clock::now());
  if (!state.open()) {
    // The longest form that fits: with the note that ratings are still
    // taken, the state alone, or its first part ("今日休息（法定节假日）").
    const Box line = left.top(fr.f.small->FontSize * 1.4f, fr.gap / 2);
    std::string shown = state.text + " · 已办结的业务仍可在此评价";
    if (text_size(fr.f.small, shown).x > line.w) shown = state.text;
    if (text_size(fr.f.small, shown).x > line.w) shown = fit_text(fr.f.small, shown.substr(0, shown.find(' ')), line.w);
    text_centered(fr.dl, fr.f.small, line.cx(), line.y, color::kWarning, shown);
  }
  // The pledge panel: below in portrait, on the right in landscape.
  if (!m.pledges().empty()) {
    const Pledge& p = m.pledges()[m.pledge_index() % m.pledges().size()];
    std::string head = m.tr(p.scope == "unit" ? Text::PledgesTitle : Text::PersonalPledge);
    if (!p.title.empty()) head += " · " + p.title;
    const float inner = (fr.landscape ? right.w : left.w) - 100 * s;
    ImFont* font = fr.f.body;
    float need = 28 * s + fr.f.small->FontSize * 1.4f + text_lines_height(font, p.text, inner) + 28 * s;
    const float room = fr.landscape ? right.h : left.h * 0.36f;
    if (need > room) {
      font = fr.f.small;
      need = 28 * s + fr.f.small->FontSize * 1.4f + text_lines_height(font, p.text, inner) + 28 * s;
    }
    const Box panel = fr.landscape ? right.top(std::min(need, room)) : left.bottom_part(std::min(need, room), fr.gap);
    fr.dl->AddRectFilled(panel.min(), panel.max(), color::kPanel, 20);
    fr.dl->AddRectFilled(panel.min(), ImVec2(panel.x + 14 * s, panel.bottom()), color::kGold, 20,
                         ImDrawFlags_RoundCornersLeft);
    text_at(fr.dl, fr.f.small, ImVec2(panel.x + 50 * s, panel.y + 28 * s), color::kHeader,
            fit_text(fr.f.small, head, inner));
    const float ty = panel.y + 28 * s + fr.f.small->FontSize * 1.4f;
    const size_t lines = static_cast<size_t>(std::max(1.0f, (panel.bottom() - ty - 20 * s) / (font->FontSize * 1.2f)));
    text_lines(fr.dl, font, ImVec2(panel.x + 50 * s, ty), inner, color::kText, p.text, lines);
  }
  // Welcome, face, invitation, start: the face takes what room is left.
  const float invite_w = left.w;
  const float welcome_h = fr.f.title->FontSize * 1.3f;
  const float invite_h = text_lines_height(fr.f.title, m.tr(Text::Invite), invite_w);
  const float promise_h = text_lines_height(fr.f.body, m.tr(Text::Promise), invite_w);
  const float start_h = fr.target(170);
  const float face_d = std::min(300 * s, left.h - welcome_h - invite_h - promise_h - start_h - 5 * fr.gap);
  float fixed = welcome_h + invite_h + promise_h + start_h + 4 * fr.gap + std::max(0.0f, face_d) + fr.gap;
  left.top(std::max(0.0f, (left.h - fixed) / 3));  // a little air above
  title(fr, left.top(welcome_h, fr.gap), fr.f.title, color::kHeader, m.tr(Text::Welcome));
  if (face_d > 80 * s) {
    const Box face = left.top(face_d, fr.gap);
    draw_face(fr.dl, ImVec2(face.cx(), face.y + face_d / 2), face_d / 2, 5);
  }
  title(fr, left.top(invite_h, fr.gap / 2), fr.f.title, color::kText, m.tr(Text::Invite));
  title(fr, left.top(promise_h, fr.gap), fr.f.body, color::kMuted, m.tr(Text::Promise));
  const float bw = std::min(left.w, std::max(640 * s, fr.touch));
  const Box start = left.top(start_h);
  if (button(fr, "start", Box{start.cx() - bw / 2, start.y, bw, start.h}, fr.f.title, m.tr(Text::Start), true))
    fr.out.push_back(intent::Start{});
}

void key_button(Frame& fr, const std::string& k, const std::string& id, Box b) {
  if (k == "DEL") {
    if (button(fr, id.c_str(), b, fr.f.title, fr.m.tr(Text::Delete), false)) fr.out.push_back(intent::Backspace{});
  } else if (k == "CLR") {
    if (button(fr, id.c_str(), b, fr.f.title, fr.m.tr(Text::Clear), false)) fr.out.push_back(intent::Clear{});
  } else if (k == "OK") {
    if (button(fr, id.c_str(), b, fr.f.title, fr.m.tr(Text::Ok), true)) fr.out.push_back(intent::Enter{});
  } else {
    if (button(fr, id.c_str(), b, fr.f.title, k.c_str(), false)) fr.out.push_back(intent::Key{k[0]});
  }
}

// The ticket keypad: the queue system's letters beside the digits (four
// rows, a column per four letters) or above them (rows of three), whichever
// gives larger keys.
void ticket_keypad(Frame& fr, Box area) {
  const std::string& letters = fr.m.ticket_letters();
  const int n = static_cast<int>(letters.size());
  const char* digits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "DEL", "0", "OK"};
  const float gap = fr.gap * 0.7f, max_h = fr.target(150);
  struct Place { std::string key; int col, row; };
  auto arrange = [&](bool beside, int& cols, int& rows) {
    std::vector<Place> out;
    const int lc = beside ? (n + 3) / 4 : 0;
    const int lr = beside ? 0 : (n + 2) / 3;
    for (int i = 0; i < n; ++i)
      out.push_back({std::string(1, letters[i]), beside ? i / 4 : i % 3, beside ? i % 4 : i / 3});
    for (int j = 0; j < 12; ++j) out.push_back({digits[j], lc + j % 3, lr + j / 3});
    cols = lc + 3;
    rows = lr + 4;
    return out;
  };
  int best_cols = 0, best_rows = 0;
  std::vector<Place> best;
  float best_side = -1;
  for (bool beside : {true, false}) {
    int cols = 0, rows = 0;
    auto places = arrange(beside, cols, rows);
    const float cw = (area.w - (cols - 1) * gap) / cols;
    const float ch = std::min(max_h, (area.h - (rows - 1) * gap) / rows);
    if (std::min(cw, ch) > best_side + 0.5f) {
      best_side = std::min(cw, ch);
      best = std::move(places);
      best_cols = cols;
      best_rows = rows;
    }
  }
  const Grid g = make_grid(area, best_cols * best_rows, best_cols, gap, max_h);
  for (const auto& p : best)
    key_button(fr, p.key, "key-" + p.key, g.cell(p.row * best_cols + p.col));
}

void draw_ticket(Frame& fr, Box box) {
  const Model& m = fr.m;
  const float s = fr.s;
  Box info = box, keys{};
  if (fr.landscape) {
    keys = box;
    info = keys.left(box.w * 0.42f, 2 * fr.gap);
  }
  const Box nav = info.bottom_part(fr.target(110), fr.gap);
  title(fr, info.top(text_lines_height(fr.f.title, m.tr(Text::TicketTitle), info.w), fr.gap), fr.f.title,
        color::kText, m.tr(Text::TicketTitle));
  const Box field = info.top(180 * s, fr.gap);
  fr.dl->AddRectFilled(field.min(), field.max(), color::kPanel, 20);
  fr.dl->AddRect(field.min(), field.max(), color::kAccent, 20, 0, 4 * s);
  const std::string shown = m.entry().empty() ? std::string("_") : m.entry();
  ImFont* big = fitting({fr.f.display, fr.f.title}, shown, field.w - 40 * s);
  const ImVec2 ts = text_size(big, shown);
  text_at(fr.dl, big, ImVec2(field.cx() - ts.x / 2, field.y + (field.h - ts.y) / 2), color::kText, shown);
  // The line under the field: a kind error, the lookup in progress, or the scanner hint.
  const char* msg = m.problem() != Problem::None ? m.tr(problem_text(m.problem()))
                    : m.lookup_pending()         ? m.tr(Text::LookingUp)
                                                 : m.tr(Text::TicketHint);
  const ImU32 col = m.problem() != Problem::None ? color::kWarning : m.lookup_pending() ? color::kAccent : color::kMuted;
  ImFont* font = text_lines_height(fr.f.body, msg, info.w - 40 * s) <= fr.f.body->FontSize * 2.4f ? fr.f.body
                                                                                                : fr.f.small;
  const float msg_h = std::max(100 * s, text_lines_height(font, msg, info.w - 40 * s) + 24 * s);
  const Box line = info.top(msg_h, fr.gap);
  if (m.problem() != Problem::None) fr.dl->AddRectFilled(line.min(), line.max(), kErrorPanel, 16);
  const float th = text_lines_height(font, msg, line.w - 40 * s);
  text_lines(fr.dl, font, ImVec2(line.x + 20 * s, line.y + (line.h - th) / 2), line.w - 40 * s, col, msg, 1000, 1.2f,
             true);
  ticket_keypad(fr, fr.landscape ? keys : info);
  back_button(fr, nav);
}

void draw_confirm(Frame& fr, Box box) {
  const Model& m = fr.m;
  const TicketInfo& t = m.ticket();
  const float s = fr.s;
  title(fr, box.top(fr.f.title->FontSize * 1.2f, fr.gap), fr.f.title, color::kText, m.tr(Text::ConfirmTitle));
  Box panel = box, actions = box;
  const float yes_h = fr.target(170), no_h = fr.target(120);
  if (fr.landscape) {
    panel = actions.left(box.w * 0.6f, 2 * fr.gap);
    const float top = actions.y + (actions.h - yes_h - no_h - fr.gap) / 2;
    actions = Box{actions.x, top, actions.w, yes_h + no_h + fr.gap};
  } else {
    actions = panel.bottom_part(yes_h + no_h + fr.gap, fr.gap);
  }
  if (button(fr, "yes", actions.top(yes_h, fr.gap), fr.f.title, m.tr(Text::ConfirmYes), true))
    fr.out.push_back(intent::ConfirmYes{});
  if (button(fr, "no", actions.top(no_h), fr.f.body, m.tr(Text::ConfirmNo), false)) fr.out.push_back(intent::Back{});

  fr.dl->AddRectFilled(panel.min(), panel.max(), color::kPanel, 24);
  const float pad = 30 * s;
  Box in{panel.x + pad, panel.y + pad, panel.w - 2 * pad, panel.h - 2 * pad};
  const std::string window = window_label(m.language(), t.window_number) +
                             (t.window_name.empty() || m.language() == Lang::En ? "" : "  " + t.window_name);
  std::string served_by = m.tr(Text::ServedBy);
  if (!t.staff_post.empty()) served_by += " · " + t.staff_post;
  // The text column: beside the photo in landscape, under it in portrait.
  Box photo = in;
  Box text = in;
  if (fr.landscape) {
    const float pw = std::min(in.w * 0.4f, (in.h) * 0.78f);
    photo = text.left(pw, pad);
    const float ph = std::min(photo.h, pw / 0.78f);
    photo.y += (photo.h - ph) / 2;
    photo.h = ph;
  }
  auto text_height = [&](float w) {
    return text_lines_height(fr.f.title, window, w) + fr.gap + text_lines_height(fr.f.title, t.staff_name, w) +
           text_lines_height(fr.f.body, served_by, w) + fr.gap + fr.f.small->FontSize * 1.3f +
           text_lines_height(fr.f.body, t.service_item, w);
  };
  if (!fr.landscape) {
    const float need = text_height(in.w);
    const float ph = std::clamp(in.h - need - 2 * fr.gap, 0.0f, 400 * s);
    photo = Box{in.cx() - ph * 0.4f, 0, ph * 0.8f, ph};
    // Window on top, then the photo, then the rest.
    float y = text_lines(fr.dl, fr.f.title, in.min(), in.w, color::kHeader, window, 1000, 1.2f, true) + fr.gap / 2;
    photo.y = y;
    text = Box{in.x, y + ph + fr.gap, in.w, in.bottom() - y - ph - fr.gap};
  } else {
    text.y += std::max(0.0f, (text.h - text_height(text.w)) / 2);
    const float y = text_lines(fr.dl, fr.f.title, text.min(), text.w, color::kHeader, window) + fr.gap;
    text = Box{text.x, y, text.w, in.bottom() - y};
  }
  if (photo.h > 40 * s) draw_staff_photo(fr, photo.min(), photo.max(), t.staff_photo);
  const bool c = !fr.landscape;
  float y = text_lines(fr.dl, fr.f.title, text.min(), text.w, color::kText, t.staff_name, 1000, 1.2f, c);
  y = text_lines(fr.dl, fr.f.body, ImVec2(text.x, y), text.w, color::kMuted, served_by, 1000, 1.2f, c) + fr.gap / 2;
  fr.dl->AddLine(ImVec2(text.x + 20 * s, y), ImVec2(text.right() - 20 * s, y), kBorder, 2);
  y += fr.gap / 2;
  y = text_lines(fr.dl, fr.f.small, ImVec2(text.x, y), text.w, color::kMuted, m.tr(Text::ServiceItem), 1000, 1.3f, c);
  text_lines(fr.dl, fr.f.body, ImVec2(text.x, y), text.w, color::kText, t.service_item, 1000, 1.2f, c);
}

void draw_rate(Frame& fr, Box box) {
  const Model& m = fr.m;
  const float s = fr.s;
  Box side = box, choices = box;
  const float nav_h = fr.target(110);
  if (fr.landscape) {
    choices = side;
    side = choices.left(box.w * 0.36f, 2 * fr.gap);
  }
  const Box nav = side.bottom_part(nav_h, fr.gap);
  staff_strip(fr, side.top(fr.landscape ? std::min(side.h * 0.45f, 300 * s) : 170 * s, fr.gap), true);
  side.top(title(fr, side, fr.f.title, color::kText, m.tr(Text::RateTitle)), fr.gap / 3);
  side.top(title(fr, side, fr.f.body, color::kMuted, m.tr(Text::RateHint)), fr.gap);
  if (!fr.landscape) choices = side;
  // Five choices of one size and one colour, none preselected, in the
  // standard order 非常满意 .. 非常不满意.
  const Grid g = make_grid(choices, 5, 1, fr.gap, fr.target(236));
  for (int score = 5; score >= 1; --score) {
    const Box b = g.cell(5 - score);
    const char* label = m.language() == Lang::Zh ? score_label_zh(score) : score_label_en(score);
    const float r = std::min(b.h * 0.36f, 86 * s);
    const float tx = b.x + 2 * r + 80 * s;
    ImFont* font = fitting({fr.f.title, fr.f.body, fr.f.small}, label, b.right() - tx - 20 * s);
    const std::string id = "score-" + std::to_string(score);
    if (panel_button(id.c_str(), b.min(), b.size(), kChoice, kBorder, label, font))
      fr.out.push_back(intent::Choose{score});
    draw_face(fr.dl, ImVec2(b.x + 40 * s + r, b.y + b.h / 2), r, score);
    text_at(fr.dl, font, ImVec2(tx, b.y + (b.h - font->FontSize) / 2), color::kText, label);
  }
  back_button(fr, nav);
}

void draw_reasons(Frame& fr, Box box) {
  const Model& m = fr.m;
  const float s = fr.s;
  const Box nav = box.bottom_part(fr.target(110), fr.gap);
  Box chips_area = box, phone_area = box;
  if (fr.landscape) chips_area = phone_area.left(box.w * 0.5f, 2 * fr.gap);
  chips_area.top(title(fr, chips_area, fr.f.body, color::kText, m.tr(Text::ReasonsTitle)), fr.gap / 2);
  // The phone label, hint and field.
  Box phone_head{};
  const char* hint = m.tr(Text::PhoneHint);
  const float head_h = fr.f.body->FontSize * 1.2f + fr.f.small->FontSize * 1.2f;
  const float field_h = 100 * s;
  const int n_reasons = static_cast<int>(reasons().size());
  Grid chips, keys;
  if (fr.landscape) {
    chips = best_grid(chips_area, n_reasons, 2, 3, fr.gap * 0.7f, fr.target(110));
    phone_head = phone_area.top(head_h, fr.gap / 3);
    const Box field = phone_area.top(field_h, fr.gap);
    keys = best_grid(phone_area, 12, 3, 4, fr.gap * 0.7f, fr.target(120));
    phone_area = field;
  } else {
    // Chips and keypad share the height; the split with the larger keys wins.
    const float fixed = head_h + fr.gap / 3 + field_h + 2 * fr.gap;
    const float rest = chips_area.h - fixed;
    float best = -1;
    for (int cc : {2, 3})
      for (int kc : {3, 4}) {
        const int cr = (n_reasons + cc - 1) / cc, kr = (12 + kc - 1) / kc;
        const float share = rest * cr / (cr + kr);
        Box a = chips_area;
        const Grid g1 = make_grid(a.top(share), n_reasons, cc, fr.gap * 0.7f, fr.target(110));
        const Grid g2 = make_grid(Box{0, 0, chips_area.w, rest - share}, 12, kc, fr.gap * 0.7f, fr.target(120));
        const float side = std::min(g1.smaller_side(), g2.smaller_side());
        if (side > best + 0.5f) {
          best = side;
          chips = g1;
          keys = g2;
        }
      }
    chips_area.top(chips.height(), fr.gap);
    phone_head = chips_area.top(head_h, fr.gap / 3);
    phone_area = chips_area.top(field_h, fr.gap);
    keys = make_grid(Box{chips_area.x, chips_area.y, chips_area.w, keys.area.h}, 12, keys.cols, keys.gap, fr.target(120));
  }
  for (int i = 0; i < n_reasons; ++i) {
    const bool on = m.reasons_chosen()[i];
    const Box b = chips.cell(i);
    const std::string id = "reason-" + std::to_string(i);
    const char* label = m.language() == Lang::Zh ? reasons()[i].zh : reasons()[i].en;
    ImFont* font = fitting({fr.f.body, fr.f.small}, label, b.w - b.h * 0.6f - 20 * s);
    if (panel_button(id.c_str(), b.min(), b.size(), on ? color::kAccent : color::kPanel, on ? 0 : kBorder, label, font))
      fr.out.push_back(intent::ToggleReason{static_cast<size_t>(i)});
    const ImVec2 ts = text_size(font, label);
    const ImVec2 tp(b.x + (b.w - ts.x) / 2 + b.h * 0.2f, b.y + (b.h - ts.y) / 2);
    text_at(fr.dl, font, tp, on ? kOnAccent : color::kText, label);
    if (on) {  // a drawn check mark (no symbol font needed)
      const float h = b.h * 0.2f, x = tp.x - h * 1.6f, cy = b.y + b.h / 2;
      const ImVec2 pts[] = {ImVec2(x, cy), ImVec2(x + h * 0.45f, cy + h * 0.45f), ImVec2(x + h * 1.1f, cy - h * 0.5f)};
      fr.dl->AddPolyline(pts, 3, kOnAccent, 0, 6 * fr.s);
    }
  }
  text_at(fr.dl, fr.f.body, phone_head.min(), color::kText, m.tr(Text::PhoneLabel));
  text_at(fr.dl, fr.f.small, ImVec2(phone_head.x, phone_head.y + fr.f.body->FontSize * 1.2f), color::kMuted, hint);
  fr.dl->AddRectFilled(phone_area.min(), phone_area.max(), color::kPanel, 16);
  fr.dl->AddRect(phone_area.min(), phone_area.max(), color::kAccent, 16, 0, 3 * s);
  const std::string shown = m.phone().empty() ? std::string("-") : m.shown_phone();
  text_centered(fr.dl, fr.f.title, phone_area.cx(), phone_area.y + (phone_area.h - fr.f.title->FontSize) / 2,
                color::kText, shown);
  const std::vector<std::string> order = keys.cols == 4
      ? std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "CLR", "DEL"}
      : std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7", "8", "9", "CLR", "0", "DEL"};
  for (size_t i = 0; i < order.size(); ++i) key_button(fr, order[i], "key-" + order[i], keys.cell(static_cast<int>(i)));
  Box row = nav;
  back_button(fr, row);
  const float back_w = std::max(fr.target(280), text_size(fr.f.body, m.tr(Text::Back)).x + 60 * s);
  row.left(back_w, fr.gap);
  if (button(fr, "submit", row, fr.f.title, m.tr(Text::Submit), true)) fr.out.push_back(intent::Submit{});
}

void draw_thanks(Frame& fr, Box box) {
  const Model& m = fr.m;
  const float s = fr.s;
  const bool bad = is_bad_score(m.score());
  const std::string countdown = countdown_text(m.language(), m.thanks_left_s());
  const float done_h = fr.target(150);
  const float text_h = fr.f.title->FontSize * 1.3f + text_lines_height(fr.f.body, m.tr(Text::ThanksText), box.w) +
                       (bad ? text_lines_height(fr.f.body, m.tr(Text::ThanksBad), box.w) : 0) +
                       fr.f.body->FontSize * 1.3f;
  const float face_d = std::clamp(box.h - text_h - done_h - 4 * fr.gap, 0.0f, 340 * s);
  box.top(std::max(0.0f, (box.h - text_h - done_h - face_d - 4 * fr.gap) / 2));
  // A calm face after a complaint; a smile after praise.
  if (face_d > 60 * s) {
    const Box face = box.top(face_d, fr.gap);
    draw_face(fr.dl, ImVec2(face.cx(), face.y + face_d / 2), face_d / 2, bad ? 3 : 5);
  }
  box.top(title(fr, box, fr.f.title, color::kHeader, m.tr(Text::ThanksTitle)), fr.gap / 2);
  box.top(title(fr, box, fr.f.body, color::kText, m.tr(Text::ThanksText)), 0);
  if (bad) box.top(title(fr, box, fr.f.body, color::kText, m.tr(Text::ThanksBad)), 0);
  box.top(title(fr, box, fr.f.body, color::kMuted, countdown), fr.gap);
  const float bw = std::min(box.w, fr.target(480));
  if (button(fr, "done", Box{box.cx() - bw / 2, box.y, bw, done_h}, fr.f.title, m.tr(Text::Done), true))
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

std::vector<Intent> draw(const Model& model, const Fonts& fonts, const PhotoSource& photo, float px_per_mm) {
  std::vector<Intent> intents;
  ImDrawList* dl = begin_canvas("kiosk", color::kBoard);
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float s = fonts.body->FontSize / 40.0f;
  const float touch = kMinTouchMm * px_per_mm;
  Frame fr{model, dl, fonts, size, s, touch, size.x > size.y, 24 * s, intents, photo};

  // Header: logo, hall name, and the language switch, large, top right, on every step.
  const char* lang_label = model.tr(Text::LanguageSwitch);
  const ImVec2 lang_size(std::max({220 * s, touch, text_size(fonts.body, lang_label).x + 48 * s}), fr.target(96));
  const float header_h = std::max(130 * s, lang_size.y + 24 * s);
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(size.x, header_h), color::kHeader);
  dl->AddRectFilled(ImVec2(0, header_h), ImVec2(size.x, header_h + 8 * s), color::kGold);
  float name_x = 40 * s;
  if (!model.hall_logo().empty() && photo) {
    const auto logo = photo(model.hall_logo());
    if (logo.id && logo.width > 0 && logo.height > 0) {
      const float lh = header_h - 32 * s, lw = lh * logo.width / logo.height;
      dl->AddImage(logo.id, ImVec2(name_x, 16 * s), ImVec2(name_x + lw, 16 * s + lh));
      name_x += lw + 24 * s;
    }
  }
  const std::string name = model.hall_name().empty() ? model.tr(Text::Connecting) : model.hall_name();
  const float name_w = size.x - lang_size.x - 60 * s - name_x;
  ImFont* name_font = fitting({fonts.title, fonts.body, fonts.small}, name, name_w);
  text_at(dl, name_font, ImVec2(name_x, (header_h - name_font->FontSize) / 2), color::kHeaderText,
          fit_text(name_font, name, name_w));
  if (touch_button("lang", ImVec2(size.x - lang_size.x - 30 * s, (header_h - lang_size.y) / 2), lang_size,
                   fonts.body, lang_label, color::kPanel, color::kHeader))
    intents.push_back(intent::ToggleLanguage{});

  const float margin = (fr.landscape ? 40 : 60) * s;
  const float top = header_h + 8 * s + fr.gap;
  const Box body{margin, top, size.x - 2 * margin, size.y - top - fr.gap};
  switch (model.step()) {
    case Step::Idle: draw_idle(fr, body); break;
    case Step::Ticket: draw_ticket(fr, body); break;
    case Step::Confirm: draw_confirm(fr, body); break;
    case Step::Rate: draw_rate(fr, body); break;
    case Step::Reasons: draw_reasons(fr, body); break;
    case Step::Thanks: draw_thanks(fr, body); break;
  }
  read_keyboard(intents);
  if (ImGui::IsMouseClicked(0)) intents.push_back(intent::Touch{});
  end_canvas();
  return intents;
}

}  // namespace kiosk
