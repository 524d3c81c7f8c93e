// view.h: draws the kiosk model with Dear ImGui and returns the intents of
// this frame (what the visitor touched). Never changes the model. Staff
// photos come from a PhotoSource (the caller's texture cache over /media/).
// Threading: the UI thread, inside a frame.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/ui/shell.h"
#include "common/ui/textures.h"
#include "kiosk/flow/model.h"

namespace kiosk {

// The decoded picture for a media sha256 (an empty Image when the bytes have
// not arrived or do not decode: the view then draws a silhouette).
using PhotoSource = std::function<hall::ui::TextureCache::Image(const std::string& sha)>;

// The least touch target, in millimetres on the panel.
inline constexpr float kMinTouchMm = 15.0f;

// Lays the step out for the display's size (portrait or landscape) with every
// button at least kMinTouchMm at `px_per_mm` (the shell's panel density).
std::vector<Intent> draw(const Model& model, const hall::ui::Fonts& fonts, const PhotoSource& photo,
                         float px_per_mm);

}  // namespace kiosk
