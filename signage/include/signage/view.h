// view.h: draws the signage model with Dear ImGui. Reads the model only;
// screens take no input, so the view returns whether it is animating.
// Threading: the UI thread, inside a frame.
#pragma once

#include "hall/clock.h"
#include "hall/ui/shell.h"
#include "signage/model.h"

namespace signage {

bool draw(const Model& model, const hall::ui::Fonts& fonts, hall::SystemTime now);

}  // namespace signage
