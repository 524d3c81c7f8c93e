#include "common/ui/options.h"

#include <cmath>

namespace hall::ui {

float px_per_mm(double dpi, double diagonal_in, int width, int height) {
  if (dpi <= 0 && diagonal_in > 0) dpi = std::hypot(width, height) / diagonal_in;
  if (dpi <= 0) dpi = kDefaultDpi;
  return static_cast<float>(dpi / 25.4);
}

void add_ui_flags(CLI::App& app, UiFlags& flags) {
  app.add_flag("--headless", flags.headless, "render without a display (SDL dummy driver)");
  app.add_flag("--fullscreen", flags.fullscreen, "fill the screen (overrides screen.fullscreen)");
  app.add_option("--frames", flags.frames, "render this many frames, then exit")
      ->check(CLI::Range(1, 1000000));
  app.add_option("--screenshot", flags.screenshot, "write a PNG of the last frame");
  app.add_option("--layout", flags.layout,
                 "write what the last frame drew (text, buttons, sizes) as JSON (docs/configuration.md)");
}

ShellOptions shell_options(const Config& config, const UiFlags& flags, std::string title) {
  ShellOptions o;
  o.title = std::move(title);
  o.width = static_cast<int>(config.integer("screen.width"));
  o.height = static_cast<int>(config.integer("screen.height"));
  o.fullscreen = flags.fullscreen || config.boolean("screen.fullscreen");
  o.fps = static_cast<int>(config.integer("screen.fps"));
  o.cache_static = config.boolean("screen.cache_static");
  o.font_path = config.str("ui.font");
  o.headless = flags.headless;
  o.frames = flags.frames;
  o.screenshot = flags.screenshot;
  o.layout = flags.layout;
  o.px_per_mm = px_per_mm(static_cast<double>(config.integer("screen.dpi")), config.real("screen.diagonal_in"), o.width, o.height);
  return o;
}

}  // namespace hall::ui
