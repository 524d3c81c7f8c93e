// view.h: draws the kiosk model with Dear ImGui and returns the intents of
// this frame (what the visitor touched). Never changes the model.
// Threading: the UI thread, inside a frame.
#pragma once

#include <vector>

#include "hall/ui/shell.h"
#include "kiosk/model.h"

namespace kiosk {

std::vector<Intent> draw(const Model& model, const hall::ui::Fonts& fonts);

}  // namespace kiosk
