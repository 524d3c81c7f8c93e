// content.h: what the CHP map holds for a screen, parsed from the JSON values
// documented in docs/protocol.md into plain structs. A value that does not
// parse, or has the wrong shape, is skipped with the problem recorded in
// `problems` (the view keeps showing everything else).
// Threading: plain values; parse_content() is a pure function.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace signage {

struct Window {
  int number = 0;
  std::string name;
  std::string department;
  std::vector<std::string> items;
};

struct Staff {
  std::string id;
  std::string name;
  std::string photo;  // sha256 hex, "" for none
  std::string post;
  bool member = false;
  std::string badge;
  std::string zone;
  int window = 0;
  std::string department;
};

struct Standard {
  std::string id;
  std::string name;
  std::string department;
  std::vector<std::string> steps;
  std::vector<std::string> materials;
  std::string time_limit;
  std::string fee;
  std::string legal_basis;
  std::string phone;
};

struct Pledge {
  std::string id;
  std::string scope;  // "unit" or "personal"
  std::string staff;
  std::string title;
  std::string text;
};

struct Ticker {
  std::string id;
  std::string text;
  std::string until;  // ISO time or ""
};

struct QueueCall {
  std::string ticket;
  int window = 0;
  std::string window_name;
  std::string at;
};

struct RankRow {
  std::string name;    // window name or staff name
  std::string detail;  // e.g. "3号窗口" or the post
  int stars = 0;       // 0..5
  double score = 0;
};

struct Rankings {
  bool present = false;  // any /rankings/ key exists
  std::string period;
  std::vector<RankRow> windows;
  std::vector<RankRow> staff;
};

struct PlaylistEntry {
  std::string board;
  int seconds = 20;
};

struct Hours {
  bool set = false;
  int open_min = 0;    // minutes after midnight
  int close_min = 24 * 60;
  std::vector<int> days;  // 1 = Monday ... 7 = Sunday; empty = every day
};

struct Playlist {
  bool present = false;
  std::vector<PlaylistEntry> boards;
  Hours hours;
  std::string outside;
};

struct Content {
  std::string hall_name;
  std::string hall_name_en;
  std::string epoch;
  std::map<std::string, std::string> departments;  // id -> name
  std::vector<Window> windows;                     // by number
  std::vector<Staff> staff;                        // by window, then id
  std::vector<Standard> standards;                 // by id
  std::vector<Pledge> pledges;                     // unit first, then by id
  std::vector<Ticker> tickers;                     // by id
  std::string urgent;                              // "" when none
  std::string urgent_since;
  std::vector<QueueCall> calls;                    // newest first
  Rankings rankings;
  Playlist playlist;
  std::vector<std::string> problems;               // "key: what is wrong"
};

// The boards a screen knows, in their default order.
const std::vector<std::string>& board_names();
bool known_board(const std::string& name);
// The Chinese title of a board ("办事指南" for standards ...).
std::string board_title(const std::string& name);

Content parse_content(const std::map<std::string, std::string>& map, const std::string& group);

// "08:30" -> 510; -1 when malformed.
int parse_hhmm(const std::string& text);

}  // namespace signage
