#include "layout_report.h"

#include <algorithm>
#include <fstream>

#include <fmt/format.h>

namespace testing {

using nlohmann::json;

std::vector<json> LayoutReport::buttons() const {
  std::vector<json> out;
  for (const auto& it : items)
    if (it.value("kind", "") == "button") out.push_back(it);
  return out;
}

std::vector<json> LayoutReport::texts() const {
  std::vector<json> out;
  for (const auto& it : items)
    if (it.value("kind", "") == "text") out.push_back(it);
  return out;
}

bool LayoutReport::has_text(const std::string& text) const {
  for (const auto& it : items)
    if (it.value("text", "").find(text) != std::string::npos) return true;
  return false;
}

const json* LayoutReport::button(const std::string& id) const {
  for (const auto& it : items)
    if (it.value("kind", "") == "button" && it.value("id", "") == id) return &it;
  return nullptr;
}

LayoutReport read_layout(const std::string& path) {
  LayoutReport r;
  std::ifstream f(path);
  if (!f) return r;
  const json doc = json::parse(f, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return r;
  r.loaded = true;
  r.width = doc.value("width", 0);
  r.height = doc.value("height", 0);
  r.px_per_mm = doc.value("px_per_mm", 0.0);
  r.missing_glyphs = doc.value("missing_glyphs", 0);
  r.items = doc.value("items", json::array());
  return r;
}

namespace {
std::string describe(const json& it) {
  return fmt::format("{} '{}'{} at ({:.0f},{:.0f}) {:.0f}x{:.0f}", it.value("kind", ""), it.value("text", ""),
                     it.contains("id") ? " [" + it.value("id", "") + "]" : std::string(), it.value("x", 0.0),
                     it.value("y", 0.0), it.value("w", 0.0), it.value("h", 0.0));
}
}  // namespace

std::vector<std::string> layout_defects(const LayoutReport& r, const LayoutRules& rules) {
  std::vector<std::string> out;
  if (!r.loaded) return {"the layout report could not be read"};
  if (r.missing_glyphs > 0) out.push_back(fmt::format("{} glyphs missing from the font atlas", r.missing_glyphs));
  const double short_side = std::min(r.width, r.height);
  const auto buttons = r.buttons();
  for (const auto& b : buttons) {
    const double x = b.value("x", 0.0), y = b.value("y", 0.0), w = b.value("w", 0.0), h = b.value("h", 0.0);
    if (x < -0.5 || y < -0.5 || x + w > r.width + 0.5 || y + h > r.height + 0.5)
      out.push_back("off screen: " + describe(b));
    if (b.value("clipped", false)) out.push_back("label wider than its button: " + describe(b));
    if (rules.min_button_mm > 0 && std::min(w, h) < rules.min_button_mm * r.px_per_mm - 0.5)
      out.push_back(fmt::format("smaller than {} mm ({:.0f} px): {}", rules.min_button_mm,
                                rules.min_button_mm * r.px_per_mm, describe(b)));
  }
  if (rules.buttons_apart)
    for (size_t i = 0; i < buttons.size(); ++i)
      for (size_t j = i + 1; j < buttons.size(); ++j) {
        const auto& a = buttons[i];
        const auto& b = buttons[j];
        const double ix = std::min(a.value("x", 0.0) + a.value("w", 0.0), b.value("x", 0.0) + b.value("w", 0.0)) -
                          std::max(a.value("x", 0.0), b.value("x", 0.0));
        const double iy = std::min(a.value("y", 0.0) + a.value("h", 0.0), b.value("y", 0.0) + b.value("h", 0.0)) -
                          std::max(a.value("y", 0.0), b.value("y", 0.0));
        if (ix > 0.5 && iy > 0.5) out.push_back("overlap: " + describe(a) + " and " + describe(b));
      }
  for (const auto& t : r.texts()) {
    if (t.value("role", "") == "scrolling") continue;  // the ticker moves through its band
    if (t.value("clipped", false)) out.push_back("cut off: " + describe(t));
    if (t.value("shortened", false)) out.push_back("shortened: " + describe(t));
    if (t.value("missing", 0) > 0) out.push_back("missing glyphs: " + describe(t));
    if (rules.min_text_share > 0 && t.value("font_px", 0.0) < rules.min_text_share * short_side - 0.05)
      out.push_back(fmt::format("under {:.1f} px ({} px): {}", rules.min_text_share * short_side,
                                t.value("font_px", 0.0), describe(t)));
  }
  return out;
}

}  // namespace testing
