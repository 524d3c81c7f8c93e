#include "png_check.h"

#include <stb_image.h>

#include <algorithm>
#include <unordered_map>

namespace testing {

PngStats png_stats(const std::string& path) {
  PngStats s;
  int n = 0;
  unsigned char* px = stbi_load(path.c_str(), &s.width, &s.height, &n, 4);
  if (!px) return s;
  s.loaded = true;
  std::unordered_map<uint32_t, size_t> counts;
  const size_t total = static_cast<size_t>(s.width) * s.height;
  for (size_t i = 0; i < total; ++i) {
    const unsigned char* p = px + i * 4;
    const uint32_t key = (p[0] >> 4) << 8 | (p[1] >> 4) << 4 | (p[2] >> 4);
    ++counts[key];
  }
  stbi_image_free(px);
  size_t most = 0;
  for (const auto& [k, c] : counts) most = std::max(most, c);
  s.distinct_colors = counts.size();
  s.non_background = total ? 1.0 - static_cast<double>(most) / total : 0.0;
  return s;
}

}  // namespace testing
