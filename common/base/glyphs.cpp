#include "common/base/glyphs.h"

#include "common/base/utf8.h"

namespace hall {

GlyphSet::GlyphSet() {
  for (char32_t c = 0x20; c <= 0x7E; ++c) points_.insert(c);
}

bool GlyphSet::add(std::string_view text) {
  bool added = false;
  for (char32_t cp : utf8::decode(text)) {
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) continue;
    added |= points_.insert(cp).second;
  }
  return added;
}

std::vector<uint32_t> GlyphSet::ranges() const {
  std::vector<uint32_t> out;
  for (char32_t cp : points_) {
    if (cp > 0xFFFF) break;
    if (!out.empty() && out.back() + 1 == cp) out.back() = cp;
    else { out.push_back(cp); out.push_back(cp); }
  }
  out.push_back(0);
  return out;
}

}  // namespace hall
