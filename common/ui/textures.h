// textures.h: images (PNG/JPEG bytes, e.g. staff photos from /media/<sha>)
// decoded with stb_image and uploaded as SDL textures for ImGui::Image /
// ImDrawList::AddImage, cached by a key (the media hash). A picture that does
// not decode is remembered as missing (logged once) and not retried. Entries
// not used for `max_idle_frames` calls of collect() are freed.
// Threading: the main (UI) thread only.
#pragma once

#include <imgui.h>

#include <map>
#include <string>

struct SDL_Renderer;
struct SDL_Texture;

namespace hall::ui {

class TextureCache {
 public:
  explicit TextureCache(SDL_Renderer* renderer) : renderer_(renderer) {}
  ~TextureCache();
  TextureCache(const TextureCache&) = delete;
  TextureCache& operator=(const TextureCache&) = delete;

  struct Image {
    ImTextureID id = nullptr;  // nullptr when the bytes did not decode
    int width = 0;
    int height = 0;
  };
  // The texture for `key`, decoding `bytes` the first time (bytes may be null
  // when the caller has none yet: then nothing is cached).
  Image get(const std::string& key, const std::string* bytes);
  // Frees textures not asked for since the previous collect() call.
  void collect();
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    SDL_Texture* texture = nullptr;
    Image image;
    bool used = true;
  };
  SDL_Renderer* renderer_;
  std::map<std::string, Entry> entries_;
};

}  // namespace hall::ui
