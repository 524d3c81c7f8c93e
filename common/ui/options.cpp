#include "common/ui/options.h"

namespace hall::ui {

void add_ui_flags(CLI::App& app, UiFlags& flags) {
  app.add_flag("--headless", flags.headless, "render without a display (SDL dummy driver)");
  app.add_flag("--fullscreen", flags.fullscreen, "fill the screen (overrides screen.fullscreen)");
  app.add_option("--frames", flags.frames, "render this many frames, then exit")
      ->check(CLI::Range(1, 1000000));
  app.add_option("--screenshot", flags.screenshot, "write a PNG of the last frame");
}

ShellOptions shell_options(const Config& config, const UiFlags& flags, std::string title) {
  ShellOptions o;
  o.title = std::move(title);
  o.width = static_cast<int>(config.integer("screen.width"));
  o.height = static_cast<int>(config.integer("screen.height"));
  o.fullscreen = flags.fullscreen || config.boolean("screen.fullscreen");
  o.fps = static_cast<int>(config.integer("screen.fps"));
  o.font_path = config.str("ui.font");
  o.headless = flags.headless;
  o.frames = flags.frames;
  o.screenshot = flags.screenshot;
  return o;
}

}  // namespace hall::ui
