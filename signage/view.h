// view.h: draws the signage model with Dear ImGui: the header (hall name,
// date, clock), the board on screen (board title bar, the board, its page),
// the scrolling ticker, the offline mark and the urgent-notice overlay.
// Reads the model only; screens take no input, so the view returns whether it
// is animating (the ticker scrolls), which keeps the shell rendering frames.
// Photos come through `photo`: the UI layer's texture cache keyed by hash.
// Threading: the UI thread, inside a frame.
#pragma once

#include <functional>
#include <string>

#include "common/time/clock.h"
#include "common/ui/shell.h"
#include "common/ui/textures.h"
#include "signage/screen/model.h"

namespace signage {

using PhotoSource = std::function<hall::ui::TextureCache::Image(const std::string& sha)>;

bool draw(const Model& model, const hall::ui::Fonts& fonts, hall::SystemTime now, const PhotoSource& photo);

}  // namespace signage
