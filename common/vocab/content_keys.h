// content_keys.h: the content keys of the CHP map (docs/protocol.md, Key
// space): /content/departments|windows|staff|standards|pledges/<id> and
// /groups/<group>/playlist. The controller's content service renders them
// from its store (content_store.cpp, table-driven; playlists through
// Playlist::to_json); signage and kiosks read them only through from_json()
// here. Required fields are what a screen cannot draw without: `number` for
// windows, `name` for staff and standards, `text` for pledges.
// Pledges are read by read_pledges(), the one rule for kiosk and signage.
// Threading: plain values and pure functions.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/vocab/fields.h"

namespace hall::wire {

// The boards a signage screen can show, defined once. Playlists
// (/groups/<group>/playlist), the controller's content validation, the
// screen.status report, `signage.board` / `--board` and their help texts all
// use this list; docs/protocol.md documents it.
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


inline constexpr char kContentSubtree[] = "/content/";
inline constexpr char kDepartmentsPrefix[] = "/content/departments/";
inline constexpr char kWindowsPrefix[] = "/content/windows/";
inline constexpr char kStaffPrefix[] = "/content/staff/";
inline constexpr char kStandardsPrefix[] = "/content/standards/";
inline constexpr char kPledgesPrefix[] = "/content/pledges/";
inline constexpr char kGroupsSubtree[] = "/groups/";
inline constexpr char kMediaSubtree[] = "/media/";  // raw file bytes, not JSON

// "/groups/<group>/playlist" and its subtree "/groups/<group>/".
std::string playlist_key(const std::string& group);
std::string group_subtree(const std::string& group);

struct Department {
  std::string id;
  std::string name;
  std::string name_en;

  Json to_json() const;
  static Result<Department> from_json(const Json& j, const std::string& what = kDepartmentsPrefix);
  bool operator==(const Department&) const = default;
};

struct Window {
  int number = 0;  // required, >= 1
  std::string name;
  std::string name_en;
  std::string department;
  std::vector<std::string> items;  // standard ids

  Json to_json() const;
  static Result<Window> from_json(const Json& j, const std::string& what = kWindowsPrefix);
  bool operator==(const Window&) const = default;
};

struct Staff {
  std::string id;
  std::string name;   // required
  std::string photo;  // sha256 hex, "" for none
  std::string post;
  bool member = false;
  std::string badge;
  std::string zone;
  int window = 0;     // 0: none
  std::string department;
  std::vector<std::string> roles;  // "staff", "leader", "manager"

  Json to_json() const;
  static Result<Staff> from_json(const Json& j, const std::string& what = kStaffPrefix);
  bool operator==(const Staff&) const = default;
};

struct Standard {
  std::string id;
  std::string name;  // required
  std::string department;
  std::vector<std::string> steps;
  std::vector<std::string> materials;
  std::string time_limit;
  std::string fee;
  std::string legal_basis;
  std::string phone;
  std::string code;     // 事项编码 in the province's catalogue ("" unset)
  std::string version;  // its 版本

  Json to_json() const;
  static Result<Standard> from_json(const Json& j, const std::string& what = kStandardsPrefix);
  bool operator==(const Standard&) const = default;
};

struct Pledge {
  std::string id;
  std::string scope;  // "unit" or "personal"
  std::string staff;  // staff id of a personal pledge, else ""
  std::string title;
  std::string text;   // required

  Json to_json() const;
  static Result<Pledge> from_json(const Json& j, const std::string& what = kPledgesPrefix);
  bool operator==(const Pledge&) const = default;
};

// The pledges of a CHP map, the one rule for every reader: each
// /content/pledges/<id> value that decodes (a JSON object with a non-empty
// "text"), unit pledges first, then personal ones, each in key order. A value
// that does not decode is left out and, with `problems`, named there.
std::vector<Pledge> read_pledges(const std::map<std::string, std::string>& map,
                                 std::vector<std::string>* problems = nullptr);

struct PlaylistEntry {
  std::string board;  // one of kBoards
  int seconds = 20;   // 3-3600

  Json to_json() const;
  static Result<PlaylistEntry> from_json(const Json& j, const std::string& what = "boards entry");
  bool operator==(const PlaylistEntry&) const = default;
};

struct PlaylistHours {
  std::string open;   // "HH:MM"
  std::string close;  // "HH:MM"
  std::vector<int> days;  // 1 = Monday ... 7 = Sunday

  Json to_json() const;
  static Result<PlaylistHours> from_json(const Json& j, const std::string& what = "hours");
  bool operator==(const PlaylistHours&) const = default;
};

// /groups/<group>/playlist.
struct Playlist {
  std::vector<PlaylistEntry> boards;
  std::optional<PlaylistHours> hours;
  std::string outside;  // a board, "blank" (kBlankBoard) or ""

  Json to_json() const;
  static Result<Playlist> from_json(const Json& j, const std::string& what = "playlist");
  bool operator==(const Playlist&) const = default;
};

}  // namespace hall::wire
