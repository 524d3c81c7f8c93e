#include "common/ui/shell.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb_image_write.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

#include "common/base/app.h"
#include "common/base/log.h"
#include "common/ui/layout.h"

namespace hall::ui {

struct Shell::Sdl {
  SDL_Window* window = nullptr;
  SDL_Renderer* renderer = nullptr;
  bool imgui = false;
  std::vector<ImWchar> ranges;        // must outlive the atlas build
  std::vector<ImWchar> ascii_ranges;
  std::vector<ImWchar> headline_ranges;
  SDL_Texture* still = nullptr;  // the cached still part of the screen
  ~Sdl() {
    if (still) SDL_DestroyTexture(still);
    if (imgui) {
      ImGui_ImplSDLRenderer_Shutdown();
      ImGui_ImplSDL2_Shutdown();
      ImGui::DestroyContext();
    }
    if (renderer) SDL_DestroyRenderer(renderer);
    if (window) SDL_DestroyWindow(window);
    SDL_Quit();
  }
};

Result<std::unique_ptr<Shell>> Shell::create(const ShellOptions& options) {
  if (!std::filesystem::exists(options.font_path))
    return fail("font not found: " + options.font_path +
                "; install the fonts-wqy-microhei package or set ui.font in the config");
  std::unique_ptr<Shell> shell(new Shell());
  shell->options_ = options;
  shell->sdl_ = std::make_unique<Sdl>();
  auto& sdl = *shell->sdl_;

  if (options.headless) {
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
  }
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0)
    return fail(std::string("cannot start SDL video: ") + SDL_GetError() +
                "; with no display, run with --headless or under xvfb-run");
  Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
  if (options.fullscreen && !options.headless) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  sdl.window = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED,
                                SDL_WINDOWPOS_CENTERED, options.width, options.height, flags);
  if (!sdl.window) return fail(std::string("cannot open a window: ") + SDL_GetError());
  sdl.renderer = SDL_CreateRenderer(sdl.window, -1, SDL_RENDERER_ACCELERATED);
  if (!sdl.renderer) sdl.renderer = SDL_CreateRenderer(sdl.window, -1, SDL_RENDERER_SOFTWARE);
  if (!sdl.renderer) return fail(std::string("cannot create a renderer: ") + SDL_GetError());
  SDL_GetRendererOutputSize(sdl.renderer, &shell->width_, &shell->height_);
  shell->scale_ = std::min(shell->width_, shell->height_) / 1080.0f;
  layout::enable(!options.layout.empty());

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui::StyleColorsLight();
  ImGui_ImplSDL2_InitForSDLRenderer(sdl.window);
  ImGui_ImplSDLRenderer_Init(sdl.renderer);
  sdl.imgui = true;
  if (auto s = shell->rebuild_fonts(); !s) return s.take_error();
  log::info("UI shell: {}x{} {}, renderer {}", shell->width_, shell->height_,
            options.headless ? "headless" : "window",
            [&] { SDL_RendererInfo info; SDL_GetRendererInfo(sdl.renderer, &info); return std::string(info.name); }());
  return shell;
}

Shell::~Shell() = default;

SDL_Renderer* Shell::renderer() const { return sdl_->renderer; }

void Shell::need_glyphs(std::string_view text) {
  if (glyphs_.add(text)) fonts_dirty_ = true;
}

Status Shell::rebuild_fonts() {
  auto& sdl = *sdl_;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  sdl.ranges.clear();
  for (uint32_t v : glyphs_.ranges()) sdl.ranges.push_back(static_cast<ImWchar>(v));
  sdl.ascii_ranges = {0x20, 0x7E, 0};
  GlyphSet headline;
  headline.add(kHeadlineText);
  sdl.headline_ranges.clear();
  for (uint32_t v : headline.ranges()) sdl.headline_ranges.push_back(static_cast<ImWchar>(v));

  ImFontConfig cfg;
  cfg.OversampleH = 1;  // CJK at signage sizes needs no oversampling; keeps the atlas small
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  auto add = [&](float px, const std::vector<ImWchar>& ranges) {
    return io.Fonts->AddFontFromFileTTF(options_.font_path.c_str(), std::round(px * scale_), &cfg,
                                        ranges.data());
  };
  fonts_.body = add(40, sdl.ranges);  // first font = ImGui's default
  fonts_.small = add(34, sdl.ranges);
  fonts_.title = add(64, sdl.ranges);
  fonts_.headline = add(110, sdl.headline_ranges);
  fonts_.display = add(140, sdl.ascii_ranges);
  if (!fonts_.body || !fonts_.small || !fonts_.title || !fonts_.headline || !fonts_.display || !io.Fonts->Build())
    return fail("cannot load font " + options_.font_path + "; is the file a TrueType font?");
  ImGui_ImplSDLRenderer_DestroyFontsTexture();
  ImGui_ImplSDLRenderer_CreateFontsTexture();

  size_t missing = 0;
  std::string examples;
  for (char32_t cp : glyphs_.points()) {
    if (cp <= 0xFFFF && fonts_.body->FindGlyphNoFallback(static_cast<ImWchar>(cp))) continue;
    ++missing;
    if (missing <= 8) examples += " U+" + fmt::format("{:04X}", static_cast<uint32_t>(cp));
  }
  missing_ = missing;
  fonts_dirty_ = false;
  log::info("font atlas: {} glyphs, {}x{} texture, {} missing{}", glyphs_.size(),
            io.Fonts->TexWidth, io.Fonts->TexHeight, missing_, examples);
  if (missing_ > 0) log::warn("the font cannot draw {} character(s):{}", missing_, examples);
  return {};
}

Status Shell::write_screenshot(const std::string& path) {
  std::vector<unsigned char> pixels(static_cast<size_t>(width_) * height_ * 4);
  if (SDL_RenderReadPixels(sdl_->renderer, nullptr, SDL_PIXELFORMAT_ABGR8888, pixels.data(),
                           width_ * 4) != 0)
    return fail(std::string("cannot read the frame for the screenshot: ") + SDL_GetError());
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  if (!stbi_write_png(path.c_str(), width_, height_, 4, pixels.data(), width_ * 4))
    return fail("cannot write screenshot " + path + "; check that the directory is writable");
  log::info("screenshot written: {}", path);
  return {};
}

namespace {
bool moving(const ImDrawList* list) {
  return list->_OwnerName && std::string_view(list->_OwnerName).rfind(kMovingPrefix, 0) == 0;
}

// The draw lists `lists` as one ImDrawData, positioned like `all`.
ImDrawData subset(const ImDrawData& all, std::vector<ImDrawList*>& lists) {
  ImDrawData out = all;
  out.CmdLists = lists.data();
  out.CmdListsCount = static_cast<int>(lists.size());
  out.TotalVtxCount = out.TotalIdxCount = 0;
  for (const ImDrawList* l : lists) {
    out.TotalVtxCount += l->VtxBuffer.Size;
    out.TotalIdxCount += l->IdxBuffer.Size;
  }
  return out;
}

// A hash of everything the lists draw: vertices, indices, commands (clip
// rectangles, textures).
size_t hash_lists(const std::vector<ImDrawList*>& lists) {
  size_t h = lists.size();
  auto mix = [&h](const void* data, size_t bytes) {
    h ^= std::hash<std::string_view>{}(std::string_view(static_cast<const char*>(data), bytes)) + 0x9e3779b97f4a7c15ull +
         (h << 6) + (h >> 2);
  };
  for (const ImDrawList* l : lists) {
    mix(l->VtxBuffer.Data, static_cast<size_t>(l->VtxBuffer.Size) * sizeof(ImDrawVert));
    mix(l->IdxBuffer.Data, static_cast<size_t>(l->IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& c : l->CmdBuffer) {
      const uintptr_t fields[] = {reinterpret_cast<uintptr_t>(c.TextureId), c.ElemCount, c.IdxOffset, c.VtxOffset};
      mix(fields, sizeof fields);
      mix(&c.ClipRect, sizeof c.ClipRect);
    }
  }
  return h;
}
}  // namespace

// With something moving (a window named kMovingPrefix...), the still part is
// drawn into a texture only when it changed; each frame copies it and draws
// the moving part on top. Otherwise, and with cache_static off, everything.
void Shell::render(ImDrawData* data) {
  auto& sdl = *sdl_;
  std::vector<ImDrawList*> still, moves;
  for (int i = 0; i < data->CmdListsCount; ++i) (moving(data->CmdLists[i]) ? moves : still).push_back(data->CmdLists[i]);
  if (!options_.cache_static || moves.empty()) {
    SDL_SetRenderDrawColor(sdl.renderer, 255, 255, 255, 255);
    SDL_RenderClear(sdl.renderer);
    ImGui_ImplSDLRenderer_RenderDrawData(data);
    return;
  }
  if (!sdl.still) {
    sdl.still = SDL_CreateTexture(sdl.renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, width_, height_);
    if (!sdl.still) {
      log::warn("cannot keep the still part of the screen in a texture ({}); redrawing every frame", SDL_GetError());
      options_.cache_static = false;
      return render(data);
    }
    SDL_SetTextureBlendMode(sdl.still, SDL_BLENDMODE_NONE);
    static_hash_ = 0;
  }
  const size_t h = hash_lists(still);
  if (h != static_hash_) {
    SDL_SetRenderTarget(sdl.renderer, sdl.still);
    SDL_SetRenderDrawColor(sdl.renderer, 255, 255, 255, 255);
    SDL_RenderClear(sdl.renderer);
    ImDrawData part = subset(*data, still);
    ImGui_ImplSDLRenderer_RenderDrawData(&part);
    SDL_SetRenderTarget(sdl.renderer, nullptr);
    static_hash_ = h;
    ++static_renders_;
  }
  SDL_RenderCopy(sdl.renderer, sdl.still, nullptr, nullptr);
  ImDrawData part = subset(*data, moves);
  ImGui_ImplSDLRenderer_RenderDrawData(&part);
}

// SDL's dummy driver (headless) has no way to block for events, so
// SDL_WaitEventTimeout polls it every millisecond: a thousand wake-ups a
// second on a board that changes once a second. Headless there is no input
// to wait for, so sleep the whole timeout instead.
bool Shell::wait_event(SDL_Event& ev, int timeout_ms) {
  if (!options_.headless) return SDL_WaitEventTimeout(&ev, timeout_ms) != 0;
  if (SDL_PollEvent(&ev)) return true;
  if (timeout_ms > 0) SDL_Delay(static_cast<Uint32>(timeout_ms));
  return SDL_PollEvent(&ev) != 0;
}

Status Shell::run(const std::function<bool()>& update, const std::function<bool()>& draw) {
  auto& sdl = *sdl_;
  const Uint32 frame_ms = 1000 / std::max(1, options_.fps);
  const bool counted = options_.frames > 0;
  int pending = 2;  // ImGui settles layout over two frames after a change
  bool animating = false;
  Uint32 last_frame = 0;
  Uint32 last_second = 0;

  while (!stop_requested()) {
    SDL_Event ev;
    const Uint32 now0 = SDL_GetTicks();
    const Uint32 since = now0 - last_frame;
    const int wait = counted || animating || pending > 0
                         ? static_cast<int>(frame_ms > since ? frame_ms - since : 0)
                         : static_cast<int>(std::min<Uint32>(frame_ms * 3, 100));
    if (wait_event(ev, wait)) {
      do {
        ImGui_ImplSDL2_ProcessEvent(&ev);
        if (ev.type == SDL_QUIT) request_stop();
        pending = 2;
      } while (SDL_PollEvent(&ev));
    }
    if (update()) pending = 2;
    const Uint32 now = SDL_GetTicks();
    if (now / 1000 != last_second) pending = std::max(pending, 1);  // clocks tick
    const bool due = now - last_frame >= frame_ms;
    if (!(counted || ((pending > 0 || animating) && due))) continue;

    if (fonts_dirty_) {
      if (auto s = rebuild_fonts(); !s) return s;
    }
    const Uint64 t0 = SDL_GetPerformanceCounter();
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    layout::begin_frame();
    animating = draw();
    ImGui::Render();
    render(ImGui::GetDrawData());
    const double ms = 1000.0 * static_cast<double>(SDL_GetPerformanceCounter() - t0) /
                      static_cast<double>(SDL_GetPerformanceFrequency());
    frame_ms_ = frames_rendered_ == 0 ? ms : 0.9 * frame_ms_ + 0.1 * ms;
    ++frames_rendered_;
    last_frame = now;
    last_second = now / 1000;
    if (pending > 0) --pending;

    const bool last = counted && frames_rendered_ >= options_.frames;
    if (last && !options_.screenshot.empty()) {
      if (auto s = write_screenshot(options_.screenshot); !s) return s;
    }
    if (last && !options_.layout.empty()) {
      if (auto s = layout::write(options_.layout, options_.title, width_, height_, options_.px_per_mm, missing_);
          !s)
        return s;
      log::info("layout report written: {}", options_.layout);
    }
    SDL_RenderPresent(sdl.renderer);
    if (last) break;
  }
  return {};
}

}  // namespace hall::ui
