// glyphs.h: the set of code points a UI must be able to draw. The UI shell
// builds its font atlas from exactly this set (ASCII and digits always, plus
// every character the shown content and UI strings use) instead of loading a
// whole CJK range. Threading: a plain value; one owner.
#pragma once

#include <cstdint>
#include <set>
#include <string_view>
#include <vector>

namespace hall {

class GlyphSet {
 public:
  GlyphSet();  // starts with printable ASCII (U+0020..U+007E)

  // Adds every code point of `utf8_text` (control characters skipped).
  // Returns true when something new was added, i.e. the atlas must be rebuilt.
  bool add(std::string_view utf8_text);
  bool contains(char32_t cp) const { return points_.count(cp) != 0; }
  size_t size() const { return points_.size(); }
  const std::set<char32_t>& points() const { return points_; }

  // Inclusive [first, last] pairs over the set, merged where contiguous, and
  // terminated by a single 0 (the layout Dear ImGui's glyph ranges use).
  // Code points above U+FFFF are left out: the atlas is 16-bit.
  std::vector<uint32_t> ranges() const;

 private:
  std::set<char32_t> points_;
};

}  // namespace hall
