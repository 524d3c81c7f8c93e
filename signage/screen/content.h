// content.h: what the CHP map holds for a screen, decoded by the wire types
// of common/vocab/ (docs/protocol.md, Key space) and arranged for the boards.
// A value that does not decode, or has the wrong shape, is skipped with the
// problem recorded in `problems` (the view keeps showing everything else).
// Threading: plain values; parse_content() is a pure function.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/time/opening_hours.h"
#include "common/vocab/content_keys.h"
#include "common/vocab/notice_keys.h"
#include "common/vocab/queue_keys.h"

namespace signage {

// The content records, exactly as on the wire (common/vocab/).
using Window = hall::wire::Window;
using Staff = hall::wire::Staff;
using Standard = hall::wire::Standard;
using Pledge = hall::wire::Pledge;
using Ticker = hall::wire::Ticker;
using QueueCall = hall::wire::QueueCall;

struct RankRow {
  std::string name;    // window name or staff name
  std::string detail;  // e.g. "3号窗口" or the post
  int stars = 0;       // 0..5
  double score = 0;
  int rank = 0;        // as published (ties share a rank); 0 when not given
  bool too_few = false;  // 评价数不足: listed without stars, score or rank
};

struct Rankings {
  bool present = false;  // any /rankings/ key exists
  std::string period;
  bool live = false;     // this month as it stands: labelled 本月实时
  std::vector<RankRow> windows;
  std::vector<RankRow> staff;
};

struct PlaylistEntry {
  std::string board;
  int seconds = 20;
};

// A playlist's own hours (open, close, days); without them the hall's apply.
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
  std::string outside;  // a board, "blank" (nothing but the header) or "" (the first board)
};

struct Content {
  std::string hall_name;
  std::string hall_name_en;
  std::string hall_logo;  // sha256 of /media/<sha256>, or ""
  std::string epoch;
  std::map<std::string, std::string> departments;  // id -> name
  std::vector<Window> windows;                     // by number
  std::vector<Staff> staff;                        // by window, then id
  std::vector<Standard> standards;                 // by id
  std::vector<Pledge> pledges;                     // hall::wire::read_pledges: unit first, then by id
  std::vector<Ticker> tickers;                     // by id
  std::string urgent;                              // "" when none
  std::string urgent_since;
  std::vector<QueueCall> calls;                    // newest first
  Rankings rankings;
  Playlist playlist;
  hall::OpeningHours hall_hours;                   // /hall/hours: week, holidays, 调休 (not set: always open)
  std::vector<std::string> problems;               // "key: what is wrong"
};

// The boards a screen knows, in their default order (hall::wire::kBoards).
const std::vector<std::string>& board_names();
bool known_board(const std::string& name);
// The Chinese title of a board ("办事指南" for standards ...).
std::string board_title(const std::string& name);

Content parse_content(const std::map<std::string, std::string>& map, const std::string& group);

// "08:30" -> 510; -1 when malformed.
int parse_hhmm(const std::string& text);

}  // namespace signage
