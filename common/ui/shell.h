// shell.h: the one platform shell for every UI program (signage, kiosk, and
// the console later). It owns SDL (window, software or accelerated renderer),
// Dear ImGui with the SDL_Renderer backend, the CJK font atlas, the frame loop
// and screenshots. Programs give it two callbacks: update() applies network
// and timer work to the model and says whether anything changed; draw() draws
// the model with ImGui and says whether it is animating.
//
// Frames are rendered only when needed: after input, after update() reports a
// change, while draw() animates, and once a second for clocks. In between the
// loop sleeps in SDL_WaitEventTimeout.
//
// Headless (--headless): SDL's dummy video driver with the software renderer,
// no display needed. With frames > 0 it renders exactly that many frames at the
// frame rate and writes `screenshot` as PNG after the last one, and the layout
// report (`layout`, layout.h) of that frame.
// Threading: the main thread only.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/base/glyphs.h"
#include "common/base/result.h"

struct ImDrawData;
struct ImFont;
struct SDL_Renderer;
union SDL_Event;

namespace hall::ui {

struct ShellOptions {
  std::string title = "Sanliang Hall";
  int width = 1920;
  int height = 1080;
  bool fullscreen = false;
  bool headless = false;
  int frames = 0;              // > 0: stop after this many frames
  std::string screenshot;      // PNG written after the last frame
  std::string layout;          // layout report (layout.h) written after the last frame
  float px_per_mm = 0;         // the panel's pixel density (options.h: screen.dpi / diagonal)
  std::string font_path = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
  int fps = 30;                // the frame-rate cap while animating
  // Keep what stands still in a texture: while only windows named
  // kMovingPrefix... change (the ticker), a frame copies the texture and draws
  // just those (screen.cache_static; off = redraw everything every frame).
  bool cache_static = true;
};

// ImGui windows whose names start with this hold what moves every frame.
inline constexpr char kMovingPrefix[] = "moving";

// Font sizes, scaled to the window (reference: 1080 px on the short side).
// The smallest, 34 px, is over 3 % of 1080 px: readable across a hall.
struct Fonts {
  ImFont* small = nullptr;     // 34 px: captions, status marks
  ImFont* body = nullptr;      // 40 px: board text
  ImFont* title = nullptr;     // 64 px: headings
  ImFont* headline = nullptr;  // 110 px, kHeadlineText and ASCII only: the urgent notice's heading
  ImFont* display = nullptr;   // 140 px, ASCII only: ticket and window numbers
};
// The only characters the headline font has (a small atlas at a large size).
inline constexpr char kHeadlineText[] = "紧急通知叫号暂停";

class Shell {
 public:
  static Result<std::unique_ptr<Shell>> create(const ShellOptions& options);
  ~Shell();

  // Registers text that will be drawn; new characters rebuild the atlas
  // before the next frame.
  void need_glyphs(std::string_view utf8_text);
  const Fonts& fonts() const { return fonts_; }
  size_t glyph_count() const { return glyphs_.size(); }
  // Characters asked for that the font cannot draw (would show as '?').
  size_t missing_glyphs() const { return missing_; }
  float scale() const { return scale_; }
  // Pixels per millimetre on the panel, for touch targets of a physical size.
  float px_per_mm() const { return options_.px_per_mm; }
  int width() const { return width_; }
  int height() const { return height_; }
  int frames_rendered() const { return frames_rendered_; }
  // Mean time to build and render one frame over the last frames, in ms.
  double frame_ms() const { return frame_ms_; }
  // For texture uploads (TextureCache) from the UI layer only.
  SDL_Renderer* renderer() const;

  // Runs until the window closes, SIGINT/SIGTERM, or `frames` frames.
  Status run(const std::function<bool()>& update, const std::function<bool()>& draw);

 private:
  Shell() = default;
  Status rebuild_fonts();
  bool wait_event(SDL_Event& ev, int timeout_ms);
  Status write_screenshot(const std::string& path);
  void render(ImDrawData* data);

  ShellOptions options_;
  struct Sdl;
  std::unique_ptr<Sdl> sdl_;
  GlyphSet glyphs_;
  bool fonts_dirty_ = true;
  Fonts fonts_;
  size_t missing_ = 0;
  float scale_ = 1.0f;
  int width_ = 0;
  int height_ = 0;
  int frames_rendered_ = 0;
  double frame_ms_ = 0;
  size_t static_hash_ = 0;  // of the still part in the cache texture
  int static_renders_ = 0;  // times the still part was drawn again

 public:
  // How often the still part was drawn into its texture (tests, benchmarks).
  int static_renders() const { return static_renders_; }
};

}  // namespace hall::ui
