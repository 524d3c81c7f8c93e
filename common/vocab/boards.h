// boards.h: the boards a signage screen can show, defined once. Playlists
// (/groups/<group>/playlist), the controller's content validation, the
// screen.status report, `signage.board` / `--board` and their help texts all
// use this list; docs/protocol.md documents it.
// Threading: constants and pure functions.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace hall::wire {

// In their default order (the playlist of a group that has none).
inline constexpr std::array<std::string_view, 5> kBoards = {"standards", "identity", "pledges", "rankings",
                                                            "queue"};
// A playlist's `outside` may also be this: show nothing but the header.
inline constexpr std::string_view kBlankBoard = "blank";
// screen.status reports this while the urgent overlay shows.
inline constexpr std::string_view kUrgentBoard = "urgent";

inline bool is_board(std::string_view name) {
  for (auto b : kBoards)
    if (b == name) return true;
  return false;
}

// "standards, identity, pledges, rankings, queue", or with last = " or ":
// "standards, identity, pledges, rankings or queue" (help texts, errors).
inline std::string board_list(std::string_view last = ", ") {
  std::string out;
  for (size_t i = 0; i < kBoards.size(); ++i) {
    if (i > 0) out += i + 1 == kBoards.size() ? last : std::string_view(", ");
    out += kBoards[i];
  }
  return out;
}

}  // namespace hall::wire
