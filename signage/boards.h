// boards.h (private to hall-signage): one function per board, each drawing
// inside the body rectangle it is given. Shared by view.cpp.
// Threading: the UI thread, inside a frame.
#pragma once

#include <imgui.h>

#include <string>

#include "common/ui/shell.h"
#include "signage/view.h"

namespace signage::boards {

struct Frame {
  ImDrawList* dl;
  const hall::ui::Fonts& fonts;
  const Model& model;
  hall::SystemTime now;
  const PhotoSource& photo;
  ImVec2 min, max;  // the body rectangle
  float s;          // layout scale (1.0 at 1080 px on the short side)
  bool portrait;
};

// Each returns the page label ("第 1/3 页") or "".
std::string standards(const Frame& f);
std::string identity(const Frame& f);
std::string pledges(const Frame& f);
std::string rankings(const Frame& f);
std::string queue(const Frame& f);

// A photo (or a placeholder with the person's first character) in a rectangle.
void portrait_photo(const Frame& f, ImVec2 a, ImVec2 b, const std::string& sha, const std::string& name);
std::string page_label(int page, int pages);

}  // namespace signage::boards
