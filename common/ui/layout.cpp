#include "common/ui/layout.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/base/utf8.h"

namespace hall::ui {

namespace {
struct Recorder {
  bool on = false;
  std::vector<LayoutItem> items;
  std::set<std::string, std::less<>> shortened;
  std::string role;
};
Recorder& rec() {
  static Recorder r;
  return r;
}

constexpr float kSlack = 0.5f;  // sub-pixel rounding is not clipping

bool inside(ImVec2 a, ImVec2 b, ImVec2 lo, ImVec2 hi) {
  return a.x >= lo.x - kSlack && a.y >= lo.y - kSlack && b.x <= hi.x + kSlack && b.y <= hi.y + kSlack;
}

ImVec2 measure(ImFont* font, std::string_view text) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size());
}
}  // namespace

namespace layout {

void enable(bool on) { rec().on = on; }
bool enabled() { return rec().on; }

void begin_frame() {
  if (!rec().on) return;
  rec().items.clear();
  rec().shortened.clear();
}

const std::vector<LayoutItem>& items() { return rec().items; }

void mark_shortened(std::string_view text) {
  if (rec().on) rec().shortened.emplace(text);
}

void record_text(ImDrawList* dl, ImFont* font, ImVec2 pos, std::string_view text) {
  auto& r = rec();
  if (!r.on || text.empty()) return;
  LayoutItem it;
  it.kind = "text";
  it.text = std::string(text);
  it.role = r.role;
  it.font_px = font->FontSize;
  const ImVec2 size = measure(font, text);
  it.min = pos;
  it.max = ImVec2(pos.x + size.x, pos.y + size.y);
  const ImVec2 screen = ImGui::GetIO().DisplaySize;
  // Glyph boxes sit a little inside the line box: compare the ink, not the line.
  const ImVec2 ink_min(it.min.x + 1, it.min.y + font->FontSize * 0.08f);
  const ImVec2 ink_max(it.max.x - 1, it.max.y - font->FontSize * 0.08f);
  it.clipped = !inside(ink_min, ink_max, dl->GetClipRectMin(), dl->GetClipRectMax()) ||
               !inside(ink_min, ink_max, ImVec2(0, 0), screen);
  it.shortened = r.shortened.count(text) != 0;
  for (char32_t c : utf8::decode(text))
    if (c >= 0x20 && (c > 0xFFFF || !font->FindGlyphNoFallback(static_cast<ImWchar>(c)))) ++it.missing;
  r.items.push_back(std::move(it));
}

void record_button(std::string_view id, ImVec2 pos, ImVec2 size, std::string_view label, ImFont* font) {
  auto& r = rec();
  if (!r.on) return;
  LayoutItem it;
  it.kind = "button";
  it.id = std::string(id);
  it.text = std::string(label);
  it.role = r.role;
  it.min = pos;
  it.max = ImVec2(pos.x + size.x, pos.y + size.y);
  if (font) {
    it.font_px = font->FontSize;
    it.clipped = measure(font, label).x > size.x + kSlack;
  }
  r.items.push_back(std::move(it));
}

Status write(const std::string& path, const std::string& program, int width, int height, float px_per_mm,
             size_t missing_glyphs) {
  using nlohmann::json;
  auto round1 = [](float v) { return std::round(v * 10) / 10; };
  json items = json::array();
  for (const auto& it : rec().items) {
    json j = {{"kind", it.kind},
              {"text", it.text},
              {"x", round1(it.min.x)},
              {"y", round1(it.min.y)},
              {"w", round1(it.max.x - it.min.x)},
              {"h", round1(it.max.y - it.min.y)},
              {"font_px", round1(it.font_px)},
              {"clipped", it.clipped},
              {"shortened", it.shortened}};
    if (!it.id.empty()) j["id"] = it.id;
    if (!it.role.empty()) j["role"] = it.role;
    if (it.missing) j["missing"] = it.missing;
    items.push_back(std::move(j));
  }
  const json doc = {{"program", program},          {"width", width},
                    {"height", height},            {"px_per_mm", std::round(px_per_mm * 100) / 100},
                    {"missing_glyphs", missing_glyphs}, {"items", items}};
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  std::ofstream f(path, std::ios::trunc);
  f << doc.dump(1) << "\n";
  if (!f) return fail("cannot write the layout report " + path + "; check that the directory is writable");
  return {};
}

}  // namespace layout

LayoutRole::LayoutRole(std::string role) : previous_(std::exchange(rec().role, std::move(role))) {}
LayoutRole::~LayoutRole() { rec().role = std::move(previous_); }

}  // namespace hall::ui
