// options.h: the command-line flags and config keys every UI program shares
// (--headless, --frames, --screenshot, --fullscreen) and the [screen]/[ui]
// config keys (add_screen_keys in config.h), turned into ShellOptions.
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
};

void add_ui_flags(CLI::App& app, UiFlags& flags);
ShellOptions shell_options(const Config& config, const UiFlags& flags, std::string title);

}  // namespace hall::ui
