#include "common/ui/textures.h"

#include <SDL.h>
#include <stb_image.h>

#include "common/base/log.h"

namespace hall::ui {

TextureCache::~TextureCache() {
  for (auto& [key, e] : entries_)
    if (e.texture) SDL_DestroyTexture(e.texture);
}

TextureCache::Image TextureCache::get(const std::string& key, const std::string* bytes) {
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    it->second.used = true;
    return it->second.image;
  }
  if (!bytes) return {};
  Entry e;
  int w = 0, h = 0, n = 0;
  unsigned char* pixels = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes->data()),
                                                static_cast<int>(bytes->size()), &w, &h, &n, 4);
  if (!pixels) {
    log::warn("image {} does not decode ({}); showing a placeholder", key.substr(0, 16), stbi_failure_reason());
  } else {
    e.texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, w, h);
    if (e.texture) {
      SDL_UpdateTexture(e.texture, nullptr, pixels, w * 4);
      SDL_SetTextureBlendMode(e.texture, SDL_BLENDMODE_BLEND);
      SDL_SetTextureScaleMode(e.texture, SDL_ScaleModeLinear);  // photos are scaled: smooth, not blocky
      e.image = {reinterpret_cast<ImTextureID>(e.texture), w, h};
    } else {
      log::warn("cannot create a texture for image {}: {}", key.substr(0, 16), SDL_GetError());
    }
    stbi_image_free(pixels);
  }
  return entries_.emplace(key, e).first->second.image;
}

void TextureCache::collect() {
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (!it->second.used) {
      if (it->second.texture) SDL_DestroyTexture(it->second.texture);
      it = entries_.erase(it);
    } else {
      it->second.used = false;
      ++it;
    }
  }
}

}  // namespace hall::ui
