// options.h: the command-line flags and config keys every UI program shares
// (--headless, --frames, --screenshot, --layout, --fullscreen) and the
// [screen]/[ui] config keys (add_screen_keys in config.h), turned into
// ShellOptions. The panel's density comes from screen.dpi, else from
// screen.diagonal_in and the pixel size, else kDefaultDpi.
// Threading: main() only.
#pragma once

#include <CLI/CLI.hpp>

#include "common/base/config.h"
#include "common/ui/shell.h"

namespace hall::ui {

struct UiFlags {
  bool headless = false;
  bool fullscreen = false;
  int frames = 0;
  std::string screenshot;
  std::string layout;
};

// Without screen.dpi or screen.diagonal_in: the density Android takes as its
// baseline (160 dpi), a middle value between a 21.5" 1080p panel (102 dpi)
// and a 10" 1280x800 pad (149 dpi) that errs towards larger touch targets.
inline constexpr float kDefaultDpi = 160.0f;
float px_per_mm(double dpi, double diagonal_in, int width, int height);

void add_ui_flags(CLI::App& app, UiFlags& flags);
ShellOptions shell_options(const Config& config, const UiFlags& flags, std::string title);

}  // namespace hall::ui
