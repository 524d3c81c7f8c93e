// png_check.h: reads a PNG screenshot and measures how much is drawn on it,
// so screenshot tests can tell a real frame from a blank one.
// Threading: pure functions.
#pragma once

#include <string>

namespace testing {

struct PngStats {
  bool loaded = false;
  int width = 0;
  int height = 0;
  size_t distinct_colors = 0;     // over a coarse 4-bit-per-channel grid
  double non_background = 0.0;    // share of pixels unlike the most common colour
};

PngStats png_stats(const std::string& path);

}  // namespace testing
